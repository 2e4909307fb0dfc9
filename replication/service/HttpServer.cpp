#include "HttpServer.h"

#include "BackupApi.h"
#include "BackupService.h"
#include "CiiError.h"
#include "LingeringClose.h"

#include <arpa/inet.h>
#include <cstring>
#include <microhttpd.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <condition_variable>
#include <cstdint>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <optional>
#include <netinet/in.h>
#include <unistd.h>

namespace cii::backupd {
namespace {

/// One request while its body arrives, and while its answer is awaited.
struct Pending
{
    const char *rawTarget = nullptr;  ///< where libmicrohttpd holds the request line's target (onRequestLine)
    size_t rawTargetLength = 0;       ///< its length, up to the first NUL byte
    bool started = false;             ///< the handler was called for it
    int lingerFd = -1;                ///< answered before its body was read: the socket's duplicate (LingeringClose)
    Request request;
    qint64 limit = 0;
    bool tooLarge = false;
    bool asked = false;       ///< handed to the service
    bool suspended = false;   ///< the connection waits, suspended, for `answer` (given on another thread)
    std::optional<Response> answer;
};

MHD_Result collectHeader(void *cls, MHD_ValueKind, const char *key, const char *value)
{
    static_cast<Request *>(cls)->headers.insert(QByteArray(key).toLower(), QByteArray(value ? value : ""));
    return MHD_YES;
}

MHD_Result collectQuery(void *cls, MHD_ValueKind, const char *key, const char *value)
{
    QByteArray &target = *static_cast<QByteArray *>(cls);
    target += target.contains('?') ? '&' : '?';
    target += key;
    if (value)
        target += QByteArray("=") + value;
    return MHD_YES;
}

/// Paths and queries stay as sent: the device signed them that way.
size_t keepEscaped(void *, MHD_Connection *, char *s)
{
    return std::strlen(s);
}

/// The largest request line libmicrohttpd takes: it must fit in the connection's memory (MHD_OPTION_CONNECTION_MEMORY_LIMIT).
constexpr size_t kConnectionMemory = 32 * 1024;

/// Whether the request line's target held a NUL byte. libmicrohttpd 0.9.75 ends the path there and serves what
/// comes before it ("GET /v1/health<NUL>x HTTP/1.1" as GET /v1/health). It splits the line in place: the
/// target, a NUL where the space was, the version. So a version further on than the end of the target as first
/// handed over means the target went on past a NUL byte. Checked only where the path is still where it was
/// handed over (`url`): another layout, in another version of the library, is not guessed at. (tst_backupd
/// checks the refusal still happens, on an upgrade of the library too.)
bool targetHeldNul(const Pending &p, const char *url, const char *version)
{
    if (!p.rawTarget || p.rawTarget != url || !version)
        return false;
    const auto start = reinterpret_cast<std::uintptr_t>(p.rawTarget);
    const auto at = reinterpret_cast<std::uintptr_t>(version);
    return at > start + p.rawTargetLength + 1 && at - start < kConnectionMemory;
}

MHD_Result send(MHD_Connection *c, const Response &r)
{
    MHD_Response *response = MHD_create_response_from_buffer(size_t(r.body.size()), const_cast<char *>(r.body.constData()),
                                                             MHD_RESPMEM_MUST_COPY);
    if (!response)
        return MHD_NO;
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, r.contentType.constData());
    const MHD_Result queued = MHD_queue_response(c, unsigned(r.status), response);
    MHD_destroy_response(response);
    return queued;
}

} // namespace

/// What the server's threads share: the service, the requests given to it whose answers are not sent yet
/// (stop() waits for them: a connection still suspended when the daemon stops would be leaked, libmicrohttpd
/// says, and an answer not sent would be lost), and the connections answered before their body was read.
struct HttpServer::Shared
{
    explicit Shared(BackupService &s) : service(s) {}
    BackupService &service;
    LingeringClose lingering{LingeringClose::Limits{}};
    std::mutex lock;
    std::condition_variable idle;
    int unanswered = 0;
    bool stopping = false;

    /// False when stopping: the request is then answered at once.
    bool begin()
    {
        const std::lock_guard<std::mutex> guard(lock);
        if (stopping)
            return false;
        ++unanswered;
        return true;
    }
    void end()
    {
        const std::lock_guard<std::mutex> guard(lock);
        if (--unanswered == 0)
            idle.notify_all();
    }
};

namespace {

/// The request line's target, as libmicrohttpd hands it over before splitting off the query (its URI log
/// callback): kept for targetHeldNul. The Pending returned is the request's state from here on.
void *onRequestLine(void *, const char *uri, MHD_Connection *)
{
    auto *pending = new Pending;
    pending->rawTarget = uri;
    pending->rawTargetLength = std::strlen(uri);
    return pending;
}

/// `r` before the body is read. When a body is coming, the connection then closes (libmicrohttpd reads no more
/// of it) and lingers (onCompleted), so the client sees `r` rather than a reset.
MHD_Result answerBeforeBody(MHD_Connection *c, Pending &pending, const Response &r)
{
    const Request &q = pending.request;
    const bool bodyComing = q.headers.value("content-length").toLongLong() > 0 || q.headers.contains("transfer-encoding");
    if (bodyComing && pending.lingerFd < 0)
        if (const MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD))
            pending.lingerFd = ::fcntl(info->connect_fd, F_DUPFD_CLOEXEC, 0);
    return send(c, r);
}

MHD_Result onRequest(void *cls, MHD_Connection *c, const char *url, const char *method, const char *version, const char *data,
                     size_t *size, void **state)
{
    auto *shared = static_cast<HttpServer::Shared *>(cls);
    BackupService *service = &shared->service;
    auto *pending = static_cast<Pending *>(*state);
    if (!pending) { // onRequestLine makes it; this only if libmicrohttpd did not call it
        pending = new Pending;
        *state = pending;
    }
    if (!pending->started) {
        pending->started = true;
        Request &r = pending->request;
        r.method = method;
        r.target = url;
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collectQuery, &r.target);
        MHD_get_connection_values(c, MHD_HEADER_KIND, collectHeader, &r);
        if (const MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS)) {
            char text[INET6_ADDRSTRLEN] = {};
            const sockaddr *a = info->client_addr;
            if (a->sa_family == AF_INET)
                inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(a)->sin_addr, text, sizeof text);
            else if (a->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 *>(a)->sin6_addr, text, sizeof text);
            r.peer = text;
        }
        if (targetHeldNul(*pending, url, version))
            return answerBeforeBody(c, *pending, jsonError(400, api::error::kBadRequest, QStringLiteral("The request line holds a NUL byte.")));
        pending->limit = service->bodyLimit(r.method, r.target);
        bool ok = true;
        const qint64 declared = r.headers.value("content-length").toLongLong(&ok);
        // Far over the limit: refused before a byte of the body is read, the connection closed and left to linger
        // so the client sees the 413. Somewhat over: the body is read and dropped, and the 413 sent after it.
        if (ok && declared > 4 * pending->limit)
            return answerBeforeBody(c, *pending, jsonError(413, api::error::kTooLarge,
                                                           QStringLiteral("The body is larger than %1 bytes.").arg(pending->limit)));
        return MHD_YES;
    }
    if (*size > 0) {
        if (!pending->tooLarge && pending->request.body.size() + qint64(*size) <= pending->limit)
            pending->request.body.append(data, qsizetype(*size));
        else
            pending->tooLarge = true; // read and dropped, so the answer can still be sent
        *size = 0;
        return MHD_YES;
    }
    if (pending->answer) // given now, or resumed with it
        return send(c, *pending->answer);
    if (pending->asked)
        return MHD_YES; // suspended: nothing to do until the answer resumes it
    if (pending->tooLarge)
        return send(c, jsonError(413, api::error::kTooLarge, QStringLiteral("The body is larger than %1 bytes.").arg(pending->limit)));
    if (!shared->begin())
        return send(c, jsonError(503, api::error::kStopping, QStringLiteral("The service is stopping; try again in a moment.")));
    pending->asked = true;
    // An upload is answered from the store's committing thread after its group commit: the connection is
    // suspended meanwhile, so this thread serves its other connections instead of waiting (and more uploads can
    // share a commit than there are threads). Anything else is answered before handle() returns.
    service->handle(pending->request, BackupService::Answer{[c, pending] {
                                                                 pending->suspended = true;
                                                                 MHD_suspend_connection(c);
                                                             },
                                                             [c, pending](Response r) {
                                                                 pending->answer = std::move(r);
                                                                 if (pending->suspended)
                                                                     MHD_resume_connection(c);
                                                             }});
    return pending->suspended ? MHD_YES : send(c, *pending->answer); // `answer` is the other thread's until resumed
}

/// The answer was sent, or the connection lost: a request the service was asked is done with (stop() waits for it).
void onCompleted(void *cls, MHD_Connection *, void **state, MHD_RequestTerminationCode how)
{
    auto *shared = static_cast<HttpServer::Shared *>(cls);
    auto *pending = static_cast<Pending *>(*state);
    if (pending && pending->asked)
        shared->end();
    if (pending && pending->lingerFd >= 0) {
        if (how == MHD_REQUEST_TERMINATED_COMPLETED_OK)
            shared->lingering.take(pending->lingerFd); // the answer is out; the body may still be arriving
        else
            ::close(pending->lingerFd);
    }
    delete pending;
    *state = nullptr;
}

/// Refuses, in a sentence, a certificate and key that GnuTLS would refuse with no more than a failed start.
void checkTlsPair(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    const QString op = QStringLiteral("start the backup service with HTTPS");
    std::unique_ptr<BIO, decltype(&BIO_free)> certBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), &BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())), &BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr), &X509_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    ERR_clear_error();
    if (!cert)
        throw CiiError(CiiError::Code::InvalidInput, op, QString(), QStringLiteral("the certificate file holds no PEM certificate"));
    if (!key)
        throw CiiError(CiiError::Code::InvalidInput, op, QString(),
                       QStringLiteral("the key file holds no PEM private key (an encrypted key is not supported)"));
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        throw CiiError(CiiError::Code::InvalidInput, op, QString(), QStringLiteral("the private key is not the certificate's"));
    }
}

} // namespace

HttpServer::HttpServer(BackupService &service, Options options)
    : m_shared(new Shared(service))
    , m_options(std::move(options))
{
}

HttpServer::~HttpServer()
{
    stop();
}

void HttpServer::start()
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_options.port);
    if (inet_pton(AF_INET, m_options.bindAddress.toLatin1().constData(), &address.sin_addr) != 1)
        throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("start the backup service"), m_options.bindAddress,
                       QStringLiteral("it is not an IPv4 address"));
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    // The two TLS options, or none: passed through MHD_OPTION_ARRAY so the call below is the same for both.
    MHD_OptionItem tls[3] = {{MHD_OPTION_END, 0, nullptr}, {MHD_OPTION_END, 0, nullptr}, {MHD_OPTION_END, 0, nullptr}};
    if (isTls()) {
        checkTlsPair(m_options.tlsCertificatePem, m_options.tlsKeyPem);
        flags |= MHD_USE_TLS;
        tls[0] = {MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char *>(m_options.tlsCertificatePem.constData())};
        tls[1] = {MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char *>(m_options.tlsKeyPem.constData())};
    }
    // One thread: the polling thread alone (libmicrohttpd warns about a pool of one).
    MHD_OptionItem pool[2] = {{m_options.threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, m_options.threads, nullptr},
                              {MHD_OPTION_END, 0, nullptr}};
    m_daemon = MHD_start_daemon(flags, m_options.port, nullptr, nullptr, &onRequest, m_shared.get(),
                                MHD_OPTION_ARRAY, tls,
                                MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr *>(&address),
                                MHD_OPTION_ARRAY, pool,
                                MHD_OPTION_CONNECTION_TIMEOUT, unsigned(m_options.connectionTimeoutSeconds),
                                MHD_OPTION_CONNECTION_LIMIT, unsigned(m_options.connectionLimit),
                                MHD_OPTION_CONNECTION_MEMORY_LIMIT, kConnectionMemory,
                                MHD_OPTION_UNESCAPE_CALLBACK, &keepEscaped, nullptr,
                                // HTTP/1.1 without Host, or a space inside the target: refused (400, or closed).
                                MHD_OPTION_STRICT_FOR_CLIENT, 1,
                                MHD_OPTION_URI_LOG_CALLBACK, &onRequestLine, nullptr,
                                MHD_OPTION_NOTIFY_COMPLETED, &onCompleted, m_shared.get(),
                                MHD_OPTION_END);
    if (!m_daemon)
        throw CiiError(CiiError::Code::NotWritable, QStringLiteral("start the backup service"),
                       QStringLiteral("%1:%2").arg(m_options.bindAddress).arg(m_options.port),
                       isTls() ? QStringLiteral("the address cannot be listened on, or GnuTLS refused the certificate")
                               : QStringLiteral("the address cannot be listened on"),
                       isTls() ? QStringLiteral("Is another program using the port? GnuTLS's reason, if any, is printed above.")
                               : QStringLiteral("Is another program using the port?"));
    m_port = MHD_get_daemon_info(m_daemon, MHD_DAEMON_INFO_BIND_PORT)->port;
}

void HttpServer::stop()
{
    if (!m_daemon)
        return;
    { // no new request is taken; those the service holds are answered (and their connections resumed) first
        std::unique_lock<std::mutex> guard(m_shared->lock);
        m_shared->stopping = true;
        m_shared->idle.wait(guard, [this] { return m_shared->unanswered == 0; });
    }
    MHD_stop_daemon(m_daemon);
    m_daemon = nullptr;
    const std::lock_guard<std::mutex> guard(m_shared->lock);
    m_shared->stopping = false; // start() may serve again
}

} // namespace cii::backupd
