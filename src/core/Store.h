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
        /// The store of a restore from the cloud: created empty (the restored journal brings its own first event)
        /// and opened although its restore marker says it is not complete. Nothing else opens such a store.
        bool restoring = false;
        std::vector<std::unique_ptr<Projection>> projections;
    };

    /// Opens the store in `options.dataDir`, creating it when asked and absent, and upgrades its schema
    /// (one transaction; projections rebuilt from the journal). Throws CiiError, each code with its own
    /// message: NoStore, MissingKey, WrongKey, NotADatabase, Corrupt, NewerSchema, NotWritable, DiskFull,
    /// KeyStoreFailure, KeyFileExposed. A refused open never changes the file.
    static std::unique_ptr<Store> open(Options options);
    static QString databasePath(const QString &dataDir);
    static bool exists(const QString &dataDir);

    /// A restore in progress is marked by a file beside the store, written (and synced) before the store is
    /// created and removed only once the restore is verified, so a half-restored store never opens as complete:
    /// Store::open refuses it (RestoreIncomplete) unless Options::restoring.
    static QString restoreMarkerPath(const QString &dataDir);
    static bool restoreIncomplete(const QString &dataDir);
    /// Writes the marker (creating the folder). Throws CiiError.
    static void markRestoreStarted(const QString &dataDir, const QByteArray &note);
    /// Removes the marker: the restored store is complete and verified. Throws CiiError.
    static void markRestoreComplete(const QString &dataDir);
    /// A point-in-time copy (restored as of a date, for an audit) is marked by this file: opened, it refuses every
    /// write (InvalidInput, naming the date the file holds).
    static QString readOnlyMarkerPath(const QString &dataDir);
    bool isReadOnlyCopy() const { return !m_readOnlyAsOf.isEmpty(); }
    /// Removes an unfinished restore's store (only when the marker is there: a complete store is never
    /// deleted), to start over. Its key stays in the key store, unused. Throws CiiError.
    static void discardIncompleteRestore(const QString &dataDir);
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
    /// Another process (ciictl) or connection may have appended since this store last looked: once the write
    /// lock is held, the journal head is read again when the database changed meanwhile, so the next event
    /// follows the true head.
    template<typename Work>
    auto write(const QString &operation, Work &&work) -> decltype(work());

    /// Appends one event and applies every projection to it. Only inside write().
    Event appendInTransaction(const QString &actor, const QString &kind, const QCborMap &payload);
    /// Restore: appends events made elsewhere verbatim (Journal::appendVerbatim) and applies every projection to
    /// each. Only inside write().
    void importInTransaction(const QList<Event> &events);
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

    /// Looks for commits by other connections or processes (PRAGMA data_version, one cheap read): when another
    /// one appended to the journal, the head is read again and committed() is emitted, so the screens read again
    /// and the drainer backs the new events up. Returns whether the head moved (the drainer's own commits to the
    /// outbox change data_version too, but not the head: no signal). Outside a write only; this store's thread.
    bool checkOtherWriters();
    /// The app's interval for watchOtherWriters: a commit by ciictl shows within about a quarter of a second (the
    /// promise is one second), at a cost measured by bench_otherwriters (docs/PERFORMANCE.md: about 5 us a look).
    static constexpr int kWatchIntervalMs = 250;
    /// Calls checkOtherWriters() every `intervalMs` on this store's thread, from now on.
    void watchOtherWriters(int intervalMs = kWatchIntervalMs);

Q_SIGNALS:
    /// A write transaction committed; the journal head is now `headSeq`.
    void committed(qint64 headSeq);

private:
    Store() = default;
    void replayInto(qint64 fromSeq);
    void finishWrite(bool ok);
    /// Inside write(), with the write lock held: the head read again when another connection changed the file.
    void followOtherWriters();
    /// Whether another connection committed since the last call (PRAGMA data_version).
    bool otherWritersCommitted();
    [[noreturn]] void refuseReadOnly(const QString &operation) const;

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
    QString m_readOnlyAsOf; ///< what the read-only marker says; empty for a working store
    qint64 m_dataVersion = -1; ///< PRAGMA data_version when last looked (-1: never)
};

template<typename Work>
auto Store::write(const QString &operation, Work &&work) -> decltype(work())
{
    if (!m_readOnlyAsOf.isEmpty())
        refuseReadOnly(operation);
    bool ok = false;
    struct Finish {
        Store *s;
        bool &ok;
        ~Finish() { s->finishWrite(ok); }
    };
    Finish finish{this, ok}; // declared first so it runs after the transaction has rolled back or committed
    sql::Transaction tx(m_db, operation);
    followOtherWriters();
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
