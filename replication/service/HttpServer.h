#pragma once

#include <QString>
#include <memory>

struct MHD_Daemon;

namespace cii::backupd {
class BackupService;

/// Carries BackupService over HTTP with GNU libmicrohttpd, which enforces what Qt HttpServer 6.4 does not
/// (docs/STACK.md): connection timeout and limit, memory limits for headers, malformed requests refused (strict:
/// HTTP/1.1 without Host is 400; a request line it cannot split, or a space inside the target, is closed with
/// no answer; a NUL byte in the target, which libmicrohttpd would cut the path at, is 400 here).
/// A body longer than the route allows is refused with 413 and not kept: one declared at more than four times
/// the limit before it is read, and the connection then lingers (LingeringClose) so the client sees the 413.
/// A small pool of threads serves
/// requests; each gets its own database connection. A thread does not wait for an upload's commit: the
/// connection is suspended until the service answers.
class HttpServer
{
public:
    struct Options
    {
        QString bindAddress = QStringLiteral("127.0.0.1");
        quint16 port = 0;          ///< 0: any free port (port() says which)
        int threads = 8;           ///< cii-backupd serve sets its own: ServiceConfig::defaultThreads
        int connectionTimeoutSeconds = 30;
        int connectionLimit = 4000; // shared among the threads; systemd's LimitNOFILE must allow it (deploy/)
        /// Both set: HTTPS (TLS 1.2 and later, through libmicrohttpd's GnuTLS), else plain HTTP for loopback or
        /// behind a TLS reverse proxy (deploy/).
        QByteArray tlsCertificatePem, tlsKeyPem;
    };
    HttpServer(BackupService &service, Options options);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    /// Throws CiiError when the address cannot be bound, or the certificate and key do not make a pair.
    void start();
    void stop();
    quint16 port() const { return m_port; }
    bool isTls() const { return !m_options.tlsCertificatePem.isEmpty(); }

    struct Shared; ///< what the request callbacks share (HttpServer.cpp)

private:
    std::unique_ptr<Shared> m_shared;
    Options m_options;
    MHD_Daemon *m_daemon = nullptr;
    quint16 m_port = 0;
};

} // namespace cii::backupd
