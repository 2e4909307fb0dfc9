#include "FaultProxy.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <sys/socket.h>

namespace cii::test {

namespace {

constexpr char kClosedByProxy[] = "cii-fault-proxy"; // marks the sockets setFault() closes

/// Closes with a TCP reset rather than a FIN: SO_LINGER with a zero timeout.
void resetConnection(QTcpSocket *s)
{
    linger l{1, 0};
    ::setsockopt(int(s->socketDescriptor()), SOL_SOCKET, SO_LINGER, &l, sizeof l);
    s->abort();
}

bool hasWholeHeader(const QByteArray &bytes)
{
    return bytes.contains("\r\n\r\n");
}

} // namespace

FaultProxy::FaultProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onConnection);
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        qFatal("the fault proxy cannot listen: %s", qPrintable(m_server.errorString()));
}

void FaultProxy::setFault(Fault fault, int delayMs, int connections)
{
    m_fault = fault;
    m_delayMs = delayMs;
    m_faultsLeft = connections;
    for (QTcpSocket *s : findChildren<QTcpSocket *>())
        if (s->property(kClosedByProxy).toBool())
            s->abort();
}

void FaultProxy::onConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        client->setProperty(kClosedByProxy, true);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        ++m_applied[m_fault];
        start(client, m_fault);
        if (m_faultsLeft > 0 && --m_faultsLeft == 0)
            m_fault = Fault::None;
    }
}

void FaultProxy::start(QTcpSocket *client, Fault fault)
{
    switch (fault) {
    case Fault::Drop:
        client->abort();
        client->deleteLater();
        return;
    case Fault::Reset:
        connect(client, &QTcpSocket::readyRead, client, [client] { resetConnection(client); client->deleteLater(); });
        return;
    case Fault::ServerError: {
        auto request = std::make_shared<QByteArray>();
        connect(client, &QTcpSocket::readyRead, client, [client, request] {
            *request += client->readAll();
            if (!hasWholeHeader(*request))
                return;
            client->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n"
                          "Connection: close\r\n\r\nunavailable");
            client->disconnectFromHost();
        });
        return;
    }
    default:
        break;
    }
    auto *upstream = new QTcpSocket(client); // goes with the client
    upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    pipe(client, upstream, fault);
}

void FaultProxy::pipe(QTcpSocket *client, QTcpSocket *upstream, Fault fault)
{
    const int delayMs = m_delayMs;
    QPointer<QTcpSocket> c(client), u(upstream);
    // Client to service.
    connect(client, &QTcpSocket::readyRead, upstream, [c, u, fault, delayMs] {
        const QByteArray bytes = c->readAll();
        if (fault == Fault::Delay) {
            QTimer::singleShot(delayMs, u, [u, bytes] { if (u) u->write(bytes); });
        } else if (fault == Fault::SlowBody) {
            const qsizetype half = bytes.size() / 2;
            u->write(bytes.left(half));
            QTimer::singleShot(delayMs, u, [u, rest = bytes.mid(half)] { if (u) u->write(rest); });
        } else {
            u->write(bytes);
        }
    });
    // Service to client.
    auto answered = std::make_shared<QByteArray>();
    connect(upstream, &QTcpSocket::readyRead, client, [c, u, fault, answered] {
        const QByteArray bytes = u->readAll();
        if (fault == Fault::TruncateResponse) {
            c->write(bytes.left(qMax<qsizetype>(1, bytes.size() / 2)));
            c->flush();
            c->abort();
            return;
        }
        if (fault == Fault::DropAnswer) {
            // The service has acted (its answer is on the way): the client hears nothing of it.
            u->abort();
            c->disconnectFromHost();
            return;
        }
        if (fault == Fault::LoseResponse) {
            *answered += bytes;
            if (!hasWholeHeader(*answered))
                return;
            c->write("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nbad gateway");
            c->disconnectFromHost();
            return;
        }
        c->write(bytes);
    });
    connect(upstream, &QTcpSocket::disconnected, client, [c] { if (c) c->disconnectFromHost(); });
    connect(upstream, &QTcpSocket::errorOccurred, client, [c](QAbstractSocket::SocketError e) {
        if (c && e != QAbstractSocket::RemoteHostClosedError) // a refused or broken service: the client sees it too
            c->abort();
    });
    connect(client, &QTcpSocket::disconnected, upstream, [u] { if (u) u->abort(); });
}

} // namespace cii::test
