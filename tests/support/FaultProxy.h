#pragma once

// A fault-injecting TCP proxy on loopback, written for the network tests (docs/RELIABILITY.md): it sits between
// a workstation's client (the drainer, an activation, the recovery key, a restore) and the backup service and does
// to each new connection what it is told. Runs on the thread that creates it (the test's), so the test's event
// loop must spin (QTRY_*, QTest::qWait, a waiting call's local loop, runCiictl's `keepEventLoop`).
#include <QHash>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace cii::test {

class FaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Fault {
        None,             ///< pass bytes both ways
        Drop,             ///< accept, then close at once: nothing is read or answered
        Reset,            ///< read the request, then reset the connection (RST), nothing forwarded
        Delay,            ///< hold the request for delayMs, then pass it on (longer than the client's timeout: it
                          ///< gives up while the service still stores it)
        SlowBody,         ///< pass the first half of the request at once, the rest after delayMs (a service
                          ///< restarted meanwhile sees half an upload)
        TruncateResponse, ///< pass the request; pass only the first half of the answer, then close
        ServerError,      ///< answer 503 without passing anything on
        LoseResponse,     ///< pass the request (the service stores it), answer 502 instead of the service's answer
        DropAnswer,       ///< pass the request (the service acts on it); when its answer starts, close the client's
                          ///< connection without a byte of it: the service acted, the client heard nothing
    };
    Q_ENUM(Fault)

    explicit FaultProxy(quint16 upstreamPort, QObject *parent = nullptr);
    quint16 port() const { return m_server.serverPort(); }
    /// The fault for connections from now on; open connections are closed so the client reconnects into it.
    /// `connections` > 0: only the next that many connections get it, the ones after pass (None).
    void setFault(Fault fault, int delayMs = 0, int connections = 0);
    /// How many connections each fault was applied to.
    int applied(Fault fault) const { return m_applied.value(fault); }

private:
    void onConnection();
    void start(QTcpSocket *client, Fault fault);
    void pipe(QTcpSocket *client, QTcpSocket *upstream, Fault fault);

    QTcpServer m_server;
    quint16 m_upstreamPort;
    Fault m_fault = Fault::None;
    int m_delayMs = 0;
    int m_faultsLeft = 0; ///< connections the fault is still for; 0: every one
    QHash<Fault, int> m_applied;
};

} // namespace cii::test
