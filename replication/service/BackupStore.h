#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
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
class QSqlQuery;

namespace cii::backupd {

/// Where the service keeps pharmacies, devices and their change sets: an SQLite file (QSQLITE) by default,
/// PostgreSQL (QPSQL) in production, through the same SQL. One connection per thread (the HTTP server's threads
/// and the store's committing threads each get theirs). The service never holds a key that opens a change set:
/// it stores ciphertext.
class BackupStore
{
public:
    struct Options
    {
        QString driver = QStringLiteral("QSQLITE"); ///< or QPSQL
        QString database;                           ///< the SQLite file, or the PostgreSQL database name
        QString host, user, password;
        int port = 0;
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
    /// The most uploads one PostgreSQL statement stores together (a larger group is split).
    static constexpr size_t kMaxBatch = 64;
    /// What append() did: stored, already there (identical bytes), or refused with the reason (Revoked: the
    /// device was revoked, checked in the transaction that would have stored).
    enum class Appended { Stored, AlreadyStored, Conflict, Gap, Replayed, Revoked };
    /// An upload request's signature, kept in the changesets row it stores (so an upload costs one commit and
    /// one insert); a request for the same number with a signature already kept is a replay.
    struct RequestSeen
    {
        QByteArray signature;
    };

    /// Opens (creating the tables when missing). Throws CiiError when the database cannot be opened.
    explicit BackupStore(Options options);
    ~BackupStore();

    QString createPharmacy(const QString &name, qint64 nowMs);
    std::optional<QString> pharmacyName(const QString &pharmacyId);
    /// A one-time code; only its hash is kept. Valid until `expiresMs`.
    QString issueActivationCode(const QString &pharmacyId, qint64 expiresMs, qint64 nowMs);
    /// Uses the code, registers the device and revokes the pharmacy's other devices, in one transaction.
    /// Empty optional and `why` when the code is unknown, used or expired.
    std::optional<Device> activate(const QString &code, const QByteArray &publicKey, const QString &name, qint64 nowMs, QString &why);
    std::optional<Device> device(const QString &deviceId);
    /// The device as first read and kept in memory: its pharmacy, name and key never change, so only `revoked`
    /// may be out of date (when true it is final). For uploads, whose transaction checks revocation itself:
    /// one read less on every upload. Another process (the admin command, a second instance) may revoke.
    std::optional<Device> knownDevice(const QString &deviceId);
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
    void putWrappedKey(const QString &pharmacyId, const QByteArray &wrapped, qint64 nowMs);
    std::optional<QByteArray> wrappedKey(const QString &pharmacyId);
    /// How many wrapped keys were ever stored for the pharmacy (each kept; the newest is the one served).
    int wrappedKeyCount(const QString &pharmacyId);
    /// SQLite only: a consistent copy of the whole database into a new file, while the service runs (VACUUM
    /// INTO). Throws CiiError when the file exists or cannot be written. PostgreSQL is backed up with pg_dump.
    void snapshotTo(const QString &path);

private:
    QSqlDatabase db();
    /// This thread's connection's statement for `sql`, prepared once and kept: each QSqlQuery::prepare on
    /// PostgreSQL is a PREPARE and, when the query goes, a DEALLOCATE (two round trips to the server beside the
    /// one that runs it), and on SQLite a parse. The hot paths (authentication, uploads) use it.
    QSqlQuery &statement(const char *sql);
    /// The last stored change set's sequence number and hash (0 and 32 zero bytes when none): what the next
    /// one must continue. One indexed row; head() adds the totals.
    std::pair<qint64, QByteArray> chainEnd(const QString &pharmacyId);
    void createTables();
    /// Rows of `table` (changesets or archives, never from input) reaching `fromSeq`.
    QList<Stored> listFrom(const QString &table, const QString &pharmacyId, qint64 fromSeq, int limit);
    /// An upload waiting for its turn in a group commit, and its answer.
    struct PendingAppend : Upload
    {
        Appended result = Appended::Conflict;
        qint64 expectedFirst = 0;
        std::exception_ptr error;
        bool committed = false; ///< PostgreSQL: its own statement committed, whatever a later one in its group does
        std::function<void(const Outcome &)> done;
    };
    /// A committing thread: takes every waiting upload, stores them as one group, answers each; until the store
    /// closes and nothing waits.
    void commitLoop();
    /// Starts the committing threads not running yet (with m_queueLock held); as many as can be.
    void startCommitters();
    void commitGroup(const std::vector<PendingAppend *> &group);
    /// After this process revoked devices: knownDevice reads them again (and sees it).
    void forgetKnownDevices();
    /// SQLite: a group of uploads in one transaction.
    void appendBatch(const std::vector<PendingAppend *> &batch);
    Appended appendOne(PendingAppend &p);
    /// PostgreSQL: a group of uploads (or one) in one statement calling the function cii_append (createTables)
    /// for each, so one round trip and one commit (up to kMaxBatch uploads a statement).
    void appendPostgresBatch(const std::vector<PendingAppend *> &batch);
    /// SQLite has one writer at a time: the service's threads take turns here rather than in SQLite's busy
    /// handler, which sleeps (up to 100 ms a time) and made the slowest uploads wait seconds under load.
    /// PostgreSQL needs no turn (row locks); the lock comes back unlocked.
    std::unique_lock<std::mutex> writeTurn();
    /// Old replay records go at most once a minute, not on every request (a write each time).
    void purgeSeen(qint64 nowMs, qint64 windowMs);
    Options m_options;
    std::mutex m_writeLock;
    std::atomic<qint64> m_lastPurgeMs{0};
    std::mutex m_queueLock;
    std::condition_variable m_queued;
    std::vector<std::unique_ptr<PendingAppend>> m_queue;
    std::vector<std::thread> m_committers; ///< started with the first upload
    bool m_closing = false;
    /// Groups (committing threads) PostgreSQL stores at once: more than one, so a slow group does not hold every upload up; two
    /// measured best against one and four (docs/PERFORMANCE.md).
    static constexpr int kPostgresGroups = 2;
    std::atomic<qint64> m_sharedCommits{0}, m_uploadsInSharedCommits{0}, m_uploadsWaiting{0};
    QString m_connectionPrefix;
    std::mutex m_devicesLock;
    QHash<QString, Device> m_devices; ///< knownDevice's: a few hundred bytes per workstation
};

} // namespace cii::backupd
