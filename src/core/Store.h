#pragma once

#include "CiiError.h"
#include "Event.h"
#include "Journal.h"
#include "KeyStore.h"
#include "Projection.h"
#include "Sqlite.h"

#include <QObject>
#include <memory>
#include <vector>

namespace cii {
class Clock;

/// The encrypted local store: one SQLCipher file `ledger.db` in the data folder, opened with a random
/// 256-bit raw key from a KeyStore, 4 KiB cipher pages, WAL, synchronous=FULL, foreign keys on.
/// It owns the journal and the projections derived from it.
///
/// Threads: a Store and everything reached through it belong to the thread that opened it. Long work
/// (reports, restore) opens its own Store on a worker.
class Store : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString dataDir;                ///< folder holding ledger.db
        KeyStore *keyStore = nullptr;   ///< where the key is (required)
        const Clock *clock = nullptr;   ///< required
        bool create = false;            ///< create a new store when none exists
        int targetSchemaVersion = -1;   ///< -1: the latest; tests set an older one to build old stores
        std::vector<std::unique_ptr<Projection>> projections;
    };

    /// Opens the store in `options.dataDir`, creating it when asked and absent, and upgrades its schema
    /// (one transaction; projections rebuilt from the journal). Throws CiiError, each code with its own
    /// message: NoStore, MissingKey, WrongKey, NotADatabase, Corrupt, NewerSchema, NotWritable, DiskFull,
    /// KeyStoreFailure, KeyFileExposed. A refused open never changes the file.
    static std::unique_ptr<Store> open(Options options);
    static QString databasePath(const QString &dataDir);
    static bool exists(const QString &dataDir);
    ~Store() override;

    QString dataDir() const { return m_dataDir; }
    QString path() const { return databasePath(m_dataDir); }
    KeyStore::Protection keyProtection() const { return m_keyProtection; }
    QString keyProtectionText() const { return m_keyDescription; }
    int schemaVersion() const { return m_schemaVersion; }
    bool wasCreated() const { return m_created; }

    /// What another thread needs to open its own connection to this store (the replication thread does): the
    /// file and its key. The key is held in memory for the Store's life, as SQLCipher holds it anyway.
    struct ConnectionRecipe
    {
        QString path;
        QByteArray keyHex;
        QList<Projection::Table> currentStateTables; ///< for the state digest of a sealed change set
        /// Opens `db` on this file with the store's key and settings. Throws CiiError as Store::open does.
        void open(sql::Database &db) const;
    };
    ConnectionRecipe connectionRecipe() const { return {path(), m_keyHex, currentStateTables()}; }

    Journal &journal() { return *m_journal; }
    sql::Database &db() { return m_db; }
    const Clock &clock() const { return *m_clock; }

    /// Runs `work` in one write transaction (BEGIN IMMEDIATE ... COMMIT). If it throws, everything it did
    /// is rolled back, the journal head is restored, and the exception propagates. Emits committed().
    template<typename Work>
    auto write(const QString &operation, Work &&work) -> decltype(work());

    /// Appends one event and applies every projection to it. Only inside write().
    Event appendInTransaction(const QString &actor, const QString &kind, const QCborMap &payload);
    /// write() around a single appendInTransaction().
    Event append(const QString &actor, const QString &kind, const QCborMap &payload);

    /// Empties every projection table and replays the whole journal into them, in one transaction.
    void rebuildProjections();
    /// SHA-256 over every projection table's rows in a fixed order: equal digests, equal state.
    QByteArray stateDigest();
    /// The tables of the current state (balances, people, open discrepancies...), without the history tables.
    QList<Projection::Table> currentStateTables() const;
    /// The digest a change set's header carries: SHA-256 over `tables`' rows, in name order, on any connection.
    static QByteArray digestTables(sql::Database &db, QList<Projection::Table> tables);
    /// The journal chain, the recorded head, and whether the live projections equal a rebuild.
    VerifyReport verify();

Q_SIGNALS:
    /// A write transaction committed; the journal head is now `headSeq`.
    void committed(qint64 headSeq);

private:
    Store() = default;
    void replayInto(qint64 fromSeq);
    void finishWrite(bool ok);

    QString m_dataDir;
    sql::Database m_db;
    std::unique_ptr<Journal> m_journal;
    std::vector<std::unique_ptr<Projection>> m_projections;
    const Clock *m_clock = nullptr;
    KeyStore::Protection m_keyProtection = KeyStore::Protection::OwnerOnlyFile;
    QString m_keyDescription;
    int m_schemaVersion = 0;
    bool m_created = false;
    QByteArray m_keyHex;
};

template<typename Work>
auto Store::write(const QString &operation, Work &&work) -> decltype(work())
{
    bool ok = false;
    struct Finish {
        Store *s;
        bool &ok;
        ~Finish() { s->finishWrite(ok); }
    };
    Finish finish{this, ok}; // declared first so it runs after the transaction has rolled back or committed
    sql::Transaction tx(m_db, operation);
    if constexpr (std::is_void_v<decltype(work())>) {
        work();
        tx.commit();
        ok = true;
    } else {
        auto result = work();
        tx.commit();
        ok = true;
        return result;
    }
}

} // namespace cii
