#pragma once

#include "BackupStore.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <atomic>
#include <functional>

namespace cii::backupd {

struct Request
{
    QByteArray method;
    QByteArray target;                      ///< path and query as sent
    QHash<QByteArray, QByteArray> headers;  ///< names in lower case
    QByteArray body;
    QByteArray peer;                        ///< the client's address, for rate limits before authentication
};

struct Response
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
};

/// The backup service's API (docs/BACKUP-API.md), independent of the HTTP server that carries it: every route,
/// its checks and its answer. Thread-safe: the HTTP server calls handle() from several threads.
class BackupService
{
public:
    struct Limits
    {
        qint64 maxUploadBytes = 64LL * 1024 * 1024;  ///< a change set or an archive
        qint64 maxSmallBodyBytes = 64 * 1024;        ///< activation, wrapped key
        int requestsPerSecond = 200;                 ///< per device (or per address before activation)
        /// Reverse proxies whose X-Forwarded-For is believed (addresses as text, e.g. "127.0.0.1"): behind one,
        /// the activation rate limit counts the client's address, not the proxy's.
        QList<QByteArray> trustedProxies;
    };

    /// How handle() gives its answer: `done` once, either before handle() returns or later from the store's
    /// committing thread (an upload waits for its group commit without holding the caller's thread); in the
    /// second case `willAnswerLater` is called first, on the caller's thread, before the work leaves it (so the
    /// HTTP server can suspend the connection before a resume can arrive).
    struct Answer
    {
        std::function<void()> willAnswerLater;
        std::function<void(Response)> done;
    };

    BackupService(BackupStore &store, Limits limits, std::function<qint64()> clock);
    void handle(const Request &request, Answer answer);
    /// handle(), waiting for the answer.
    Response handle(const Request &request);
    /// The largest body a request to this method and path may carry (the server refuses more with 413 before
    /// reading it).
    qint64 bodyLimit(const QByteArray &method, const QByteArray &target) const;
    QByteArray metrics() const;

private:
    /// The answer, or none when `answer` will be given it later (an upload in the store's queue).
    std::optional<Response> route(const Request &r, const Answer &answer);
    /// A refusal counted, and the answer given.
    void finish(const Answer &answer, Response out);
    /// The store could not do what was asked: 503 when a retry may succeed, else 500.
    Response serverError(const std::exception_ptr &error);
    Response activate(const Request &r);
    std::optional<Response> uploadChangeSet(const Request &r, const BackupStore::Device &device, qint64 firstSeq, const Answer &answer);
    /// An upload's answer, from what the store did with it.
    Response uploadAnswer(const BackupStore::Outcome &o, qint64 first, qint64 last, qint64 size, const QByteArray &setHash);
    Response listChangeSets(const Request &r, const BackupStore::Device &device, bool archives);
    Response uploadArchive(const Request &r, const BackupStore::Device &device, qint64 firstSeq, qint64 lastSeq);
    /// The signing device, or the refusal (401, 403).
    /// The signing device, or empty with `refusal`. `recordNow`: check and record the signature against replay
    /// here (uploads do it in their own transaction instead).
    std::optional<BackupStore::Device> authenticate(const Request &r, Response &refusal, bool recordNow);
    bool withinRate(const QByteArray &who);
    /// The client's address: the peer's, or behind a trusted proxy the nearest untrusted X-Forwarded-For entry.
    QByteArray clientAddress(const Request &r) const;

    BackupStore &m_store;
    Limits m_limits;
    std::function<qint64()> m_clock;
    QMutex m_rateMutex;
    QHash<QByteArray, std::pair<qint64, int>> m_rate; ///< who -> (second, requests in it)
    std::atomic<qint64> m_requests{0}, m_refused{0}, m_stored{0}, m_storedBytes{0}, m_errors{0}, m_archives{0};
};

Response jsonError(int status, const char *code, const QString &message);

} // namespace cii::backupd
