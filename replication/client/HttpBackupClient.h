#pragma once

#include "BackupClient.h"

#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace cii::sync {

/// BackupClient over HTTPS (docs/BACKUP-API.md), the one place that knows the service's URLs, its signed
/// requests, its statuses and its JSON: paths, codes and field names come from cii::api (BackupApi.h).
///
/// Every request after activation is signed by the device key (RequestSigning.h) with the time of `clock`: the
/// service refuses a time more than 5 minutes from its own, so this is the wall clock (systemClock()), whatever
/// clock the caller's records use. A pinned CA, when set, replaces the system's CAs. Each transfer times out
/// after `timeoutMs` without progress (then: Transient, nothing answered). A request that changes state (POST, PUT)
/// is sent once: Qt Network's own resend after a connection closed before the answer is turned into a failure
/// (Transient, nothing answered), so the service never acts on a copy the caller did not ask for; each such
/// request is safe to repeat, and the caller decides (waitForRetrying, the drainer's backoff).
///
/// Owns a QNetworkAccessManager of the thread that makes it; the BackupClient contract on threads and
/// cancellation holds (destroying it aborts the requests in flight without calling their callbacks).
class HttpBackupClient final : public BackupClient
{
public:
    struct Options
    {
        QUrl service;                ///< the service's address; a path (a proxy's prefix) is kept before every target
        QByteArray pinnedCaPem;      ///< empty: the system's CAs
        QString deviceId;            ///< empty: not activated; only activate() may be called
        QByteArray devicePrivateKey; ///< Ed25519, 32 bytes, with deviceId
        int timeoutMs = 30'000;
        const Clock *clock = systemClock();
    };
    explicit HttpBackupClient(Options options);
    ~HttpBackupClient() override;

    /// The options for a workstation's settings (the address, the CA and, when activated, the device).
    static Options optionsFor(const ReplicationSettings &as, int timeoutMs);
    /// The default factory of Drainer::Options, RestoreOptions and the synchronous calls: an HttpBackupClient.
    static BackupClientFactory factory();

    void activate(const QString &code, const QByteArray &publicKey, const QString &deviceName, Done<Activated> done) override;
    void uploadChangeSet(qint64 firstSeq, const QByteArray &bytes, Done<Stored> done) override;
    void uploadArchive(qint64 firstSeq, qint64 lastSeq, const QByteArray &bytes, Done<Stored> done) override;
    void head(Done<ServiceHead> done) override;
    void listChangeSets(qint64 fromSeq, Done<QList<StoredSet>> done) override;
    void listArchives(qint64 fromSeq, Done<QList<StoredSet>> done) override;
    void changeSetBundle(qint64 fromSeq, Done<QList<QByteArray>> done) override;
    void archive(qint64 firstSeq, qint64 lastSeq, Done<QByteArray> done) override;
    void devices(Done<QList<ServiceDevice>> done) override;
    void wrappedKey(Done<QByteArray> done) override;
    void putWrappedKey(const QByteArray &wrapped, Done<Stored> done) override;

private:
    /// What an answer came to: the status (0: none), the body, and the transport's reason when none.
    struct Answer
    {
        int status = 0;
        QByteArray body;
        QString networkError;
    };
    /// Sends one request (signed unless `unsigned_`) and calls `done` with the answer, unless destroyed first.
    void send(const QByteArray &method, const QByteArray &target, const QByteArray &body, const QByteArray &contentType,
              std::function<void(const Answer &)> done, bool unsigned_ = false);
    /// The typed failure an answer that is not a success stands for.
    BackupError errorOf(const Answer &a) const;
    template <typename T>
    void read(const QByteArray &target, Done<T> done, std::function<std::optional<T>(const QByteArray &)> parse);
    void upload(const QByteArray &target, const QByteArray &bytes, Done<Stored> done);

    Options m_o;
    QNetworkAccessManager *m_net;
};

} // namespace cii::sync
