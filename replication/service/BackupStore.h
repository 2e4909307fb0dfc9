#pragma once

#include <QByteArray>
#include <QCache>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

class QSqlDatabase;
class QSqlError;
class QSqlQuery;

namespace cii {
class CiiError;
}

namespace cii::backupd {

/// Where the service keeps pharmacies, devices and their change sets: an SQLite file (SqliteBackupStore) by
/// default, PostgreSQL (PostgresBackupStore) in production. This class is what the service uses, and what both
/// share: the SQL that is the same on both, the group commit (the queue of uploads waiting, the committing
/// threads, appendAsync and append), the cache of known devices and the counters for /metrics. A subclass says
/// how a connection is opened, creates the tables, stores a group of uploads, and how many groups it stores at
/// once. One connection per thread (the HTTP server's threads and the committing threads each get theirs). The
/// service never holds a key that opens a change set: it stores ciphertext.
///
/// Every method may be called from any thread. Failures of the database throw CiiError (retryable).
class BackupStore
{
public:
    struct Options
    {
        QString driver = QStringLiteral("QSQLITE"); ///< or QPSQL
        QString database;                           ///< the SQLite file, or the PostgreSQL database name
        QString host, user, password;
        int port = 0;
        /// The most devices knownDevice() keeps in memory (the least recently used go first, and are read again
        /// when they next upload): a few hundred bytes each, so the memory stays bounded however many
        /// workstations a service has ever seen.
        int rememberedDevices = 10'000;
    };
    struct Device
    {
        QString id, pharmacyId, name;
        QByteArray publicKey;
        bool revoked = false;
    };
    struct Head
    {
        qint64 lastSeq = 0;           ///< 0: nothing stored yet
        QByteArray setHash;           ///< the last change set's hash (32 zero bytes when none)
        qint64 sets = 0, bytes = 0;
    };
    struct Stored
    {
        qint64 firstSeq = 0, lastSeq = 0, size = 0;
        QString kind;
        QByteArray setHash;
    };
    /// What append() did: stored, already there (identical bytes), or refused with the reason (Revoked: the
    /// device was revoked, checked in the transaction that would have stored).
    enum class Appended { Stored, AlreadyStored, Conflict, Gap, Replayed, Revoked };
    /// An upload request's signature, kept in the changesets row it stores (so an upload costs one commit and
    /// one insert), or in seen_requests when it stores nothing (already stored, a gap, a conflict); a request
    /// with a signature already kept in either is a replay.
    struct RequestSeen
    {
        QByteArray signature;
    };

    /// The store for `options.driver` (QSQLITE or QPSQL), open, its tables created when missing. Throws CiiError
    /// when the database cannot be opened, or the driver is neither.
    static std::unique_ptr<BackupStore> open(Options options);
    /// Waits for the committing threads to answer every upload still waiting (a subclass's destructor does this
    /// first, through stopCommitting, while its group storing still exists).
    virtual ~BackupStore();
    BackupStore(const BackupStore &) = delete;
    BackupStore &operator=(const BackupStore &) = delete;

    QString createPharmacy(const QString &name, qint64 nowMs);
    std::optional<QString> pharmacyName(const QString &pharmacyId);
    /// A one-time code; only its hash is kept. Valid until `expiresMs`.
    QString issueActivationCode(const QString &pharmacyId, qint64 expiresMs, qint64 nowMs);
    /// Uses the code, registers the device and revokes the pharmacy's other devices, in one transaction; the code
    /// keeps the device it activated. Idempotent for the same key: the code used by this very public key, within
    /// its validity, and that device not revoked since, gives that device again and changes nothing (an activation
    /// whose answer was lost, asked again). Safe when activations with one code race (threads, instances): one
    /// uses it. Empty optional and `why` when the code is unknown, expired, or used by another key (or its
    /// device was replaced since).
    std::optional<Device> activate(const QString &code, const QByteArray &publicKey, const QString &name, qint64 nowMs, QString &why);
    std::optional<Device> device(const QString &deviceId);
    /// The device as first read and kept in memory: its pharmacy, name and key never change, so only `revoked`
    /// may be out of date (when true it is final). For uploads, whose transaction checks revocation itself:
    /// one read less on every upload. Another process (the admin command, a second instance) may revoke.
    std::optional<Device> knownDevice(const QString &deviceId);
    /// How many devices knownDevice() keeps now (at most Options::rememberedDevices; for /metrics).
    qint64 rememberedDevices() const;
    QList<Device> devices(const QString &pharmacyId);
    bool revoke(const QString &deviceId, qint64 nowMs);
    /// False when this device already sent a request with this signature (a replay).
    bool firstSeen(const QString &deviceId, const QByteArray &signature, qint64 nowMs, qint64 windowMs);

    Head head(const QString &pharmacyId);
    /// One upload for appendAsync, in its own copies (it outlives the request's work on it).
    struct Upload
    {
        QString pharmacyId, deviceId;
        qint64 firstSeq = 0, lastSeq = 0;
        QByteArray prevHash, setHash, bytes;
        qint64 nowMs = 0;
        std::optional<RequestSeen> seen; ///< checked and kept in the storing transaction (Replayed when seen before)
    };
    /// What became of an upload: `result` and, when it does not continue the chain, the sequence number expected;
    /// or `error` when it could not be stored (nothing of it was).
    struct Outcome
    {
        Appended result = Appended::Conflict;
        qint64 expectedFirst = 0;
        std::exception_ptr error;
    };
    /// Appends a change set if it continues the chain (first = head + 1, prev = head's hash), without waiting:
    /// the upload joins the next group commit and `done` is called once, on the store's committing thread (on
    /// this one when the store is closing), when it is stored or refused. Uploads waiting together share one
    /// transaction and one commit, so the more wait, the fewer commits each (the HTTP server does not hold a
    /// thread for each: it suspends the connection meanwhile). `done` must not throw.
    void appendAsync(Upload upload, std::function<void(const Outcome &)> done);
    /// appendAsync, waiting for its outcome; throws its error. The expected sequence number comes back in
    /// `expectedFirst` when the set does not continue the chain.
    Appended append(const QString &pharmacyId, const QString &deviceId, qint64 firstSeq, qint64 lastSeq, const QByteArray &prevHash,
                    const QByteArray &setHash, const QByteArray &bytes, qint64 nowMs, qint64 &expectedFirst,
                    const RequestSeen *seen = nullptr);
    QList<Stored> list(const QString &pharmacyId, qint64 fromSeq, int limit);
    /// Commits that more than one upload shared, and those uploads (group commit at work; for /metrics).
    qint64 sharedCommits() const { return m_sharedCommits.load(); }
    qint64 uploadsInSharedCommits() const { return m_uploadsInSharedCommits.load(); }
    /// Uploads handed to appendAsync and not answered yet (waiting for a group commit or in one).
    qint64 uploadsWaiting() const { return m_uploadsWaiting.load(); }

    /// What storeArchive() did.
    enum class Archived { Stored, AlreadyStored, Conflict, OutOfRange };
    /// Stores an archive: one sealed set covering a range the chain already holds, so that a restore downloads
    /// a few archives instead of thousands of small sets. It must start where a stored change set starts, end
    /// where one ends, and continue the set before it (`prevHash`); `why` says which it does not.
    Archived storeArchive(const QString &pharmacyId, const QString &deviceId, qint64 firstSeq, qint64 lastSeq,
                          const QByteArray &prevHash, const QByteArray &setHash, const QByteArray &bytes, qint64 nowMs,
                          QString &why);
    /// Archives whose range reaches `fromSeq` or later, by first then last sequence number.
    QList<Stored> listArchives(const QString &pharmacyId, qint64 fromSeq, int limit);
    std::optional<QByteArray> archive(const QString &pharmacyId, qint64 firstSeq, qint64 lastSeq);
    std::optional<QByteArray> changeSet(const QString &pharmacyId, qint64 firstSeq);
    /// The bytes of the change sets from the one holding `fromSeq` on, in order: at most `maxSets`, and no more
    /// once `maxBytes` are reached (one set at least). For a restore: one request instead of one per set.
    QList<QByteArray> changeSetBytes(const QString &pharmacyId, qint64 fromSeq, int maxSets, qint64 maxBytes);
    /// Serves `wrapped` from now on, the earlier ones kept in the history. Idempotent: the bytes already served
    /// change nothing (a retry whose answer was lost).
    void putWrappedKey(const QString &pharmacyId, const QByteArray &wrapped, qint64 nowMs);
    std::optional<QByteArray> wrappedKey(const QString &pharmacyId);
    /// How many wrapped keys were ever stored for the pharmacy (each kept; the newest is the one served).
    int wrappedKeyCount(const QString &pharmacyId);
    /// A consistent copy of the whole database into a new file, while the service runs. Throws CiiError when the
    /// file exists or cannot be written, or when the store cannot copy itself (PostgreSQL: pg_dump does).
    virtual void snapshotTo(const QString &path) = 0;

protected:
    explicit BackupStore(Options options);

    /// An upload waiting for its turn in a group commit, and its answer.
    struct PendingAppend : Upload
    {
        Appended result = Appended::Conflict;
        qint64 expectedFirst = 0;
        std::exception_ptr error;
        bool committed = false; ///< stored in a part of its group that committed, whatever a later part does
        std::function<void(const Outcome &)> done;
    };

    // What differs between the databases.
    /// Sets what the connection needs before it opens (the driver's connect options).
    virtual void configureConnection(QSqlDatabase &d) = 0;
    /// Sets what the session needs once open (pragmas, notice levels).
    virtual void prepareSession(QSqlDatabase &d) = 0;
    /// Stores a group of uploads, setting each one's `result` and `expectedFirst` (or `error`, for one refused
    /// alone); throws when the group (or the part of it not `committed`) could not be stored. On a committing
    /// thread; up to committingThreads() groups at once.
    virtual void storeGroup(const std::vector<PendingAppend *> &group) = 0;
    /// How many groups are stored at once (committing threads).
    virtual int committingThreads() const = 0;
    /// The database's writers take turns here when it has one writer at a time (SQLite); the lock comes back
    /// unlocked when it needs none.
    virtual std::unique_lock<std::mutex> writeTurn() = 0;

    // For the subclasses.
    /// The tables, the same on both but for the type of bytes (`blob`), and the column stores made before
    /// uploads kept their request signature gain. Not prepared statements: PostgreSQL cannot prepare DDL.
    void createSharedTables(QSqlDatabase &d, const QString &blob);
    /// This thread's connection (opened on first use).
    QSqlDatabase db();
    /// This thread's connection's statement for `sql`, prepared once and kept: each QSqlQuery::prepare on
    /// PostgreSQL is a PREPARE and, when the query goes, a DEALLOCATE (two round trips to the server beside the
    /// one that runs it), and on SQLite a parse. The hot paths (authentication, uploads) use it. `sql` must be
    /// a text that lives as long as the process (kept by its address).
    QSqlQuery &statement(const char *sql);
    /// Ends the committing threads once every waiting upload is answered; the first thing a subclass's
    /// destructor does. Idempotent.
    void stopCommitting();
    static CiiError storeError(const QString &op, const QSqlError &e);
    /// Runs `q`; throws storeError(op) when it fails.
    static void run(QSqlQuery &q, const QString &op);
    /// Runs `sql` unprepared on `d`; throws storeError(op) when it fails.
    static void exec(QSqlDatabase &d, const QString &sql, const QString &op);
    /// Runs `sql` on `d`, prepared with `values` bound in order; throws storeError(op) when it fails. The rows it
    /// changed.
    static int change(QSqlDatabase &d, const QString &sql, const QVariantList &values, const QString &op);
    const Options &options() const { return m_options; }

private:
    /// The last stored change set's sequence number and hash (0 and 32 zero bytes when none): what the next
    /// one must continue. One indexed row; head() adds the totals.
    std::pair<qint64, QByteArray> chainEnd(const QString &pharmacyId);
    /// Rows of `table` (changesets or archives, never from input) reaching `fromSeq`.
    QList<Stored> listFrom(const QString &table, const QString &pharmacyId, qint64 fromSeq, int limit);
    /// A committing thread: takes every waiting upload, stores them as one group, answers each; until the store
    /// closes and nothing waits.
    void commitLoop();
    /// Starts the committing threads not running yet (with m_queueLock held); as many as can be.
    void startCommitters();
    void commitGroup(const std::vector<PendingAppend *> &group);
    /// After this process revoked devices (the pharmacy's, or the one): knownDevice reads them again (and sees it).
    void forgetKnownDevices(const QString &pharmacyId, const QString &deviceId = {});
    /// Old replay records go at most once a minute, not on every request (a write each time).
    void purgeSeen(qint64 nowMs, qint64 windowMs);

    Options m_options;
    std::atomic<qint64> m_lastPurgeMs{0};
    std::mutex m_queueLock;
    std::condition_variable m_queued;
    std::vector<std::unique_ptr<PendingAppend>> m_queue;
    std::vector<std::thread> m_committers; ///< started with the first upload
    bool m_closing = false;
    std::atomic<qint64> m_sharedCommits{0}, m_uploadsInSharedCommits{0}, m_uploadsWaiting{0};
    QString m_connectionPrefix;
    mutable std::mutex m_devicesLock;
    QCache<QString, Device> m_devices; ///< knownDevice's, least recently used first out
};

} // namespace cii::backupd
