#pragma once

// The backup service in memory, for the client's unit tier (tst_drainer, tst_restoreplan): the workstation's
// decisions tested without HTTP, beside the end-to-end tests that keep the real service (TestCloud.h).
#include "BackupClient.h"

#include <QHash>
#include <QMap>
#include <QMutex>
#include <QStringList>

namespace cii::test {

/// One pharmacy's backup service, in memory, keeping cii-backupd's rules (docs/BACKUP-API.md) so that what the
/// drainer and restore decide against it is what they would decide against the real one:
/// - a change set is stored at `firstSeq` only when it starts at the chain's end + 1 (else gap, with
///   expectedFirstSeq) and its previous set hash is the chain end's set hash (32 zero bytes first; else conflict);
///   identical bytes again are already stored, different bytes at a stored number a conflict;
/// - the set's format and signature are checked with the signing device's key, and it must name that device and
///   the pharmacy (as the service does without the data key);
/// - an archive's range must start and end where stored change sets do and continue the set before it;
/// - activating a new device revokes the others; a revoked device's every call is answered revoked; a code is
///   used once, and the same code with the same key again (a lost answer asked again) is answered the same.
/// Its clients (clients()) answer on their own thread, later, never inside the call, and drop their answers when
/// destroyed, as BackupClient says. Thread-safe: a drainer's thread and the test's may use it at once.
class MemoryBackupService
{
public:
    explicit MemoryBackupService(QString pharmacyName = QStringLiteral("Main Street Pharmacy"));
    ~MemoryBackupService();
    MemoryBackupService(const MemoryBackupService &) = delete;
    MemoryBackupService &operator=(const MemoryBackupService &) = delete;

    /// A one-time activation code for the pharmacy.
    QString issueCode();
    /// Makes clients of this service: one speaks as the device its settings name (none: it may only activate).
    /// The service must outlive them.
    sync::BackupClientFactory clients();

    qint64 head() const;                          ///< the chain's last sequence number (0: empty)
    QList<sync::StoredSet> changeSets() const;    ///< in order
    QList<sync::StoredSet> archives() const;      ///< by first, then last
    QList<sync::ServiceDevice> devices() const;

    /// The next `n` calls, whatever they ask, answer `failure` and change nothing.
    void failNext(int n, const sync::BackupError &failure);
    /// A failure of the kind nothing answered (connection refused), and of an HTTP status with the service's code.
    static sync::BackupError noAnswer();
    static sync::BackupError answered(int status, const QString &code = {});
    /// The next upload is stored, and then its answer is lost (nothing answered): the retry finds it stored.
    void loseNextAnswer();
    /// As if its database were put back from a copy holding the change sets through `lastSeq` (which must end
    /// one) and the archives within them.
    void rollBackTo(qint64 lastSeq);
    /// Tampering: the change set stored at `firstSeq` disappears, leaving a hole in the chain.
    void dropChangeSet(qint64 firstSeq);

    /// Every call answered so far, in order, as "put changeset 1", "put archive 1-8", "head", "list changesets 9",
    /// "list archives 1", "bundle 9", "archive 1-8", "devices", "wrapped-key", "put wrapped-key", "activate".
    QStringList calls() const;
    /// How many calls start with `prefix`.
    int count(const QString &prefix) const;

private:
    class Client;
    friend class Client;

    struct Set
    {
        qint64 firstSeq = 0, lastSeq = 0;
        QByteArray bytes, setHash, prevHash;
    };

    /// Under the lock: the call recorded; a failure queued by failNext, or the calling device's refusal; else empty.
    std::optional<sync::BackupError> admit(const QString &call, const QString &deviceId, bool activation = false);
    sync::BackupResult<sync::Activated> activate(const QString &code, const QByteArray &publicKey, const QString &name);
    sync::BackupResult<sync::Stored> uploadChangeSet(const QString &deviceId, qint64 firstSeq, const QByteArray &bytes);
    sync::BackupResult<sync::Stored> uploadArchive(const QString &deviceId, qint64 firstSeq, qint64 lastSeq, const QByteArray &bytes);
    sync::BackupResult<sync::ServiceHead> headOf(const QString &deviceId);
    sync::BackupResult<QList<sync::StoredSet>> list(const QString &deviceId, qint64 fromSeq, bool archives);
    sync::BackupResult<QList<QByteArray>> bundle(const QString &deviceId, qint64 fromSeq);
    sync::BackupResult<QByteArray> archive(const QString &deviceId, qint64 firstSeq, qint64 lastSeq);
    sync::BackupResult<QList<sync::ServiceDevice>> devicesOf(const QString &deviceId);
    sync::BackupResult<QByteArray> wrappedKey(const QString &deviceId);
    sync::BackupResult<sync::Stored> putWrappedKey(const QString &deviceId, const QByteArray &wrapped);
    /// After a successful upload: the answer, or a lost one when loseNextAnswer() asked for it.
    sync::BackupResult<sync::Stored> storedAnswer(sync::Stored how);

    mutable QMutex m_mutex;
    const QString m_pharmacyId, m_pharmacyName;
    QStringList m_codes;                  ///< issued, not used yet
    QHash<QString, QString> m_usedCodes;  ///< used: code -> the device it activated
    QList<sync::ServiceDevice> m_devices;
    QMap<qint64, Set> m_sets;                           ///< by first sequence number
    QMap<std::pair<qint64, qint64>, Set> m_archives;    ///< by first and last
    std::optional<QByteArray> m_wrappedKey;
    QStringList m_calls;
    int m_failuresLeft = 0;
    sync::BackupError m_failure;
    bool m_loseNextAnswer = false;
};

} // namespace cii::test
