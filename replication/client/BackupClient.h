#pragma once

#include "Clock.h"

#include <QByteArray>
#include <QEventLoop>
#include <QList>
#include <QString>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

namespace cii::sync {
struct ReplicationSettings;

/// Why a call to the backup service did not do what was asked, typed so that a caller decides without reading
/// HTTP (docs/BACKUP-API.md gives the statuses and codes each kind stands for).
struct BackupError
{
    enum class Kind {
        Gap,       ///< 409 gap: the service's chain continues at `expectedFirstSeq`, not where the upload starts
        Conflict,  ///< 409 conflict or archive-range: something else is stored there, or it does not follow the chain
        Revoked,   ///< 403 revoked: another workstation was activated for the pharmacy; this one speaks for it no more
        NotFound,  ///< 404: nothing is stored under that name (the wrapped key, one archive)
        Transient, ///< no answer at all, 502, 503, 504 or 429: the same call later can succeed
        Refused,   ///< anything else (400, 401, 403, 413, 500, an answer that cannot be read): retrying will not help
    };
    Kind kind = Kind::Refused;
    int status = 0;              ///< the HTTP status; 0 when nothing answered
    QString code;                ///< the service's error code (cii::api::error), when it named one
    QString message;             ///< one sentence for a person: the service's own, or one made from what happened
    QString networkError;        ///< when nothing answered: the transport's reason ("Connection refused")
    qint64 expectedFirstSeq = 0; ///< Gap: the sequence number the service's chain continues at

    bool answered() const { return status != 0; }
    /// Whether the same call, repeated later, can succeed without anything else changing.
    bool retryable() const { return kind == Kind::Transient; }
};

/// One call's answer: the value, or why not.
template <typename T>
struct BackupResult
{
    std::optional<T> value;
    BackupError error; ///< meaningful only when there is no value

    bool ok() const { return value.has_value(); }
    static BackupResult success(T v) { return BackupResult{std::move(v), {}}; }
    static BackupResult failure(BackupError e) { return BackupResult{std::nullopt, std::move(e)}; }
};

/// An upload that succeeded: stored now, or the identical bytes were already stored (a retry whose first answer
/// was lost). Either way the service holds exactly these bytes at that place.
enum class Stored { Now, Already };

/// The answer to an activation.
struct Activated
{
    QString pharmacyId, pharmacyName, deviceId;
};

/// The end of the service's chain for this pharmacy.
struct ServiceHead
{
    qint64 lastSeq = 0;  ///< 0: nothing stored
    QByteArray setHash;  ///< of the change set ending at lastSeq (32 zero bytes when none)
    qint64 sets = 0, bytes = 0;
};

/// One stored change set or archive, as a listing names it (without its bytes).
struct StoredSet
{
    qint64 firstSeq = 0, lastSeq = 0, size = 0;
    QByteArray setHash;
};

/// One of the pharmacy's workstations, past or present; a restore checks each stored set's signature with its key.
struct ServiceDevice
{
    QString deviceId, name;
    QByteArray publicKey; ///< Ed25519, 32 bytes
    bool revoked = false;
};

/// The workstation's side of the backup service's API (docs/BACKUP-API.md): every call the workstation makes, and
/// nothing else. HttpBackupClient speaks it over HTTPS; the unit tests use an in-memory service that keeps the same
/// continuity rules (tests/support/MemoryBackupService.h).
///
/// Threads: a client belongs to the thread that made it. Every method is called on that thread and returns at
/// once; `done` is called later on that same thread, exactly once, never from inside the call itself (so a
/// caller may start the next call from `done`). Calls may overlap; their answers may come in any order.
///
/// Cancellation: destroying the client cancels every call still waiting. Their `done` is never called, and
/// whatever the service did with a request already sent stays done (an upload may be stored without its answer;
/// the next upload of the same bytes is answered `Stored::Already`).
///
/// Identity: a client made for an activated workstation signs every request with its device key. A client made
/// for only an address (an empty device id) may call `activate` alone; any other call is refused.
///
/// Failures: every method may fail Transient (nothing answered, or 502/503/504/429), Refused (the request or the
/// device is not accepted, a server error, an answer that cannot be read) or Revoked (another workstation was
/// activated for the pharmacy since). The kinds a method has besides these are named on it.
class BackupClient
{
public:
    template <typename T>
    using Done = std::function<void(const BackupResult<T> &)>;

    virtual ~BackupClient() = default;

    /// Registers `publicKey` as a new device of the pharmacy the one-time `code` belongs to, named `deviceName`.
    /// Activating a device revokes the pharmacy's other devices. Idempotent for the same key: a code is used once,
    /// but the same code with the same key again, within the code's validity, is answered as the first time (the
    /// same device id) and changes nothing, so a call whose answer was lost is repeated with the key it sent.
    /// Refused: an unknown or expired code, one used by another key, a malformed key or name.
    virtual void activate(const QString &code, const QByteArray &publicKey, const QString &deviceName, Done<Activated> done) = 0;

    /// Stores a sealed change set at `firstSeq` (where its header says it starts). Idempotent: an upload of
    /// identical bytes is answered `Stored::Already`; retrying any upload is safe. Gap: the service's chain
    /// continues elsewhere (`expectedFirstSeq`). Conflict: different bytes are stored at `firstSeq`, or the set does
    /// not follow the stored chain's last set hash. Nothing is stored by a failed upload.
    virtual void uploadChangeSet(qint64 firstSeq, const QByteArray &bytes, Done<Stored> done) = 0;

    /// Stores a sealed archive of `firstSeq`..`lastSeq`. Idempotent as uploadChangeSet. Conflict: another archive
    /// of the range is stored, or the range does not start and end where stored change sets do, or it does not
    /// continue the change set before it (archive-range).
    virtual void uploadArchive(qint64 firstSeq, qint64 lastSeq, const QByteArray &bytes, Done<Stored> done) = 0;

    /// The end of the stored chain. A read: safe to repeat.
    virtual void head(Done<ServiceHead> done) = 0;

    /// The stored change sets reaching `fromSeq` or later (their last sequence number >= fromSeq), in order, at
    /// most 1,000. A read: safe to repeat. An empty list past the end.
    virtual void listChangeSets(qint64 fromSeq, Done<QList<StoredSet>> done) = 0;

    /// The stored archives reaching `fromSeq` or later, by first then last sequence number, at most 1,000. A read.
    virtual void listArchives(qint64 fromSeq, Done<QList<StoredSet>> done) = 0;

    /// The stored change sets' bytes from the one holding `fromSeq` on, in order: at most 1,000 and no more once
    /// 8 MiB are reached (one at least); empty past the end. A read: safe to repeat. Refused when the answer
    /// holds something that is not a set's bytes.
    virtual void changeSetBundle(qint64 fromSeq, Done<QList<QByteArray>> done) = 0;

    /// One archive's bytes. A read. NotFound: no archive of exactly that range is stored.
    virtual void archive(qint64 firstSeq, qint64 lastSeq, Done<QByteArray> done) = 0;

    /// The pharmacy's workstations, past and present. A read.
    virtual void devices(Done<QList<ServiceDevice>> done) = 0;

    /// The wrapped backup data key the service serves (the bytes, not base64). A read. NotFound: none was ever put.
    virtual void wrappedKey(Done<QByteArray> done) = 0;

    /// Replaces the wrapped backup data key the service serves (it keeps the earlier ones, never serving them).
    /// Idempotent: putting the same bytes again changes nothing and is answered the same, so a call whose answer
    /// was lost is repeated with the same bytes. Refused: fewer than 32 or more than 4,096 bytes.
    virtual void putWrappedKey(const QByteArray &wrapped, Done<Stored> done) = 0;
};

/// Makes a client for a workstation: `as` gives the service's address and pinned CA and, once activated, the
/// device id and key that sign (an empty device id: a client that may only activate); `timeoutMs` bounds each
/// transfer. Called on the thread the client will live on.
using BackupClientFactory = std::function<std::unique_ptr<BackupClient>(const ReplicationSettings &as, int timeoutMs)>;

/// Waits for one call's answer: `call` starts it with the callback it is given, and a local event loop runs
/// until the answer comes. For the synchronous callers only (a restore on its worker thread, a command-line
/// step, the first-run wizard's buttons, which keep drawing meanwhile): never on a thread that must not wait,
/// and only with a client of the calling thread. A local event loop delivers the thread's other events too:
/// the caller must be ready for them (the wizard marks itself busy first).
template <typename T>
BackupResult<T> waitFor(const std::function<void(BackupClient::Done<T>)> &call)
{
    std::optional<BackupResult<T>> answer;
    QEventLoop loop;
    call([&answer, &loop](const BackupResult<T> &r) {
        answer = r;
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return *answer;
}

/// How many times waitForRetrying() asks in all.
inline constexpr int kTriesWhenWaiting = 3;

/// waitFor(), asked again while it fails Transient (nothing answered, or a passing refusal), kTriesWhenWaiting
/// times in all, `pauseMs` then twice that apart. Only for a call that is safe to repeat after a lost answer
/// (each of BackupClient's is: see each method): the network layer never sends a request with a body again by
/// itself (HttpBackupClient), so the caller that waits decides here. The last failure when every try failed.
template <typename T>
BackupResult<T> waitForRetrying(const std::function<void(BackupClient::Done<T>)> &call, int pauseMs = 500)
{
    BackupResult<T> answer = waitFor<T>(call);
    for (int tried = 1; tried < kTriesWhenWaiting && !answer.ok() && answer.error.retryable(); ++tried, pauseMs *= 2) {
        QEventLoop pause;
        QTimer::singleShot(pauseMs, &pause, &QEventLoop::quit);
        pause.exec();
        answer = waitFor<T>(call);
    }
    return answer;
}

/// The system's clock: the default where a clock is optional (Drainer::Options, the HTTP client's signatures).
inline const Clock *systemClock()
{
    static const SystemClock clock;
    return &clock;
}

} // namespace cii::sync
