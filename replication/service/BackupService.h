#pragma once

#include "BackupStore.h"
#include "Clock.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QRegularExpression>
#include <QUrl>
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
/// its checks and its answer. The routes are one table (routes()): each path with who may call it and, per
/// method, its handler and its body limit; handle(), the 404 and 405 refusals and bodyLimit() all read it.
/// Thread-safe: the HTTP server calls handle() from several threads.
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

    /// `store` and `clock` must outlive the service; `clock` is read from the HTTP server's threads.
    BackupService(BackupStore &store, Limits limits, const Clock &clock);
    void handle(const Request &request, Answer answer);
    /// handle(), waiting for the answer.
    Response handle(const Request &request);
    /// The largest body a request to this method and path may carry, from the route table (the server refuses
    /// more with 413 before reading it).
    qint64 bodyLimit(const QByteArray &method, const QByteArray &target) const;
    QByteArray metrics() const;

private:
    /// What a route's handler is given: the request, its target parsed, the numbers its path holds (a change
    /// set's first sequence number, an archive's first and last), the device that signed it (signed routes
    /// only) and where an answer given later goes.
    struct Call
    {
        const Request &request;
        const QUrl &url;
        qint64 first = 0, last = 0;
        const BackupStore::Device *device = nullptr;
        const Answer &answer;
    };
    /// A route's answer for one method, or none when it gives it later through `Call::answer`.
    using Handler = std::optional<Response> (BackupService::*)(const Call &);
    /// Who may call a route, checked before its method: anyone; anyone within the rate limit of their address;
    /// or a device that signed the request (then within the device's rate limit).
    enum class Access { Open, RateLimitedByAddress, SignedDevice };
    struct Method
    {
        QByteArray name;
        Handler handler;
        bool upload = false;            ///< its body may be Limits::maxUploadBytes, not maxSmallBodyBytes
        bool storeKeepsSignature = false; ///< the store checks and keeps the request's signature (uploads; a refusal
                                          ///< before the store keeps it through refusedOnce)
    };
    struct Route
    {
        QByteArray path;              ///< a path of BackupApi.h, `{seq}` standing for a sequence number
        Access access;
        QList<Method> methods;        ///< in the order a 405 names them
        QRegularExpression pattern;   ///< the path's, when it holds a `{seq}`
        const Method *method(const QByteArray &name) const;
    };
    /// Every route of the API (docs/BACKUP-API.md).
    static const QList<Route> &routes();
    /// The route serving `path`, and the numbers in it; none when no route does.
    static const Route *find(const QString &path, qint64 &first, qint64 &last);
    /// The largest body `method` takes (none: a method no route has, which takes a small one).
    qint64 bodyLimit(const Method *method) const;

    /// The answer, or none when `answer` will be given it later (an upload in the store's queue).
    std::optional<Response> route(const Request &r, const Answer &answer);
    /// A refusal counted, and the answer given.
    void finish(const Answer &answer, Response out);
    /// The store could not do what was asked: 503 when a retry may succeed, else 500.
    Response serverError(const std::exception_ptr &error);

    // The handlers, one per method of a route (routes()).
    std::optional<Response> health(const Call &c);
    std::optional<Response> metricsPage(const Call &c);
    std::optional<Response> activate(const Call &c);
    std::optional<Response> putChangeSet(const Call &c);
    std::optional<Response> getChangeSet(const Call &c);
    std::optional<Response> listChangeSets(const Call &c);
    std::optional<Response> changeSetBundle(const Call &c);
    std::optional<Response> putArchive(const Call &c);
    std::optional<Response> getArchive(const Call &c);
    std::optional<Response> listArchives(const Call &c);
    std::optional<Response> listDevices(const Call &c);
    std::optional<Response> head(const Call &c);
    std::optional<Response> putWrappedKey(const Call &c);
    std::optional<Response> getWrappedKey(const Call &c);

    /// An upload's answer, from what the store did with it.
    Response uploadAnswer(const BackupStore::Outcome &o, qint64 first, qint64 last, qint64 size, const QByteArray &setHash);
    /// The stored change sets or archives from the target's `from` on.
    Response listStored(const Call &c, bool archives);
    /// The signing device, or empty with `refusal` (401, 403). `recordNow`: check and record the signature
    /// against replay here (uploads do it in their own transaction instead).
    std::optional<BackupStore::Device> authenticate(const Request &r, Response &refusal, bool recordNow);
    /// `refusal` for a signed upload refused before the store, its signature recorded against replay (the store
    /// records those it decides on); the replay's refusal when it was recorded before.
    Response refusedOnce(const Request &r, const BackupStore::Device &device, Response refusal);
    bool withinRate(const QByteArray &who);
    /// The client's address: the peer's, or behind a trusted proxy the nearest untrusted X-Forwarded-For entry.
    QByteArray clientAddress(const Request &r) const;

    BackupStore &m_store;
    Limits m_limits;
    const Clock &m_clock;
    QMutex m_rateMutex;
    /// The most names withinRate() counts at once (a device's id, or an address): its memory stays bounded.
    static constexpr qsizetype kRateEntries = 100'000;
    QHash<QByteArray, std::pair<qint64, int>> m_rate; ///< who -> (second, requests in it)
    std::atomic<qint64> m_requests{0}, m_refused{0}, m_stored{0}, m_storedBytes{0}, m_errors{0}, m_archives{0};
};

Response jsonError(int status, const char *code, const QString &message);

} // namespace cii::backupd
