#pragma once

// The backup service on loopback for the workstation's tests: cii-backupd's real BackupService and HttpServer over
// an SQLite file in a temporary folder, with one pharmacy; stoppable and restartable on the same port.
#include "BackupService.h"
#include "BackupStore.h"
#include "Clock.h"
#include "HttpServer.h"

#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace cii::test {

/// The backup service on loopback, stoppable and restartable on the same port.
struct Cloud
{
    QTemporaryDir dir;
    std::unique_ptr<backupd::BackupStore> opened =
        backupd::BackupStore::open({QStringLiteral("QSQLITE"), dir.filePath(QStringLiteral("backup.db")), {}, {}, {}, 0});
    backupd::BackupStore &store = *opened;
    SystemClock clock;
    backupd::BackupService service{store, {}, clock};
    std::unique_ptr<backupd::HttpServer> server;
    quint16 port = 0;
    QString pharmacyId;

    QByteArray tlsCertificate, tlsKey; ///< both set: HTTPS

    Cloud(const std::pair<QByteArray, QByteArray> &tls = {})
        : tlsCertificate(tls.first)
        , tlsKey(tls.second)
    {
        start();
        pharmacyId = store.createPharmacy(QStringLiteral("Main Street Pharmacy"), now());
    }
    static qint64 now() { return SystemClock().nowMs(); }
    void start()
    {
        backupd::HttpServer::Options o;
        o.port = port;
        o.tlsCertificatePem = tlsCertificate;
        o.tlsKeyPem = tlsKey;
        server = std::make_unique<backupd::HttpServer>(service, o);
        server->start();
        port = server->port();
    }
    void stop()
    {
        server->stop();
        server.reset();
    }
    QUrl url() const { return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(tlsCertificate.isEmpty() ? "http" : "https").arg(port)); }
    QString code() { return store.issueActivationCode(pharmacyId, now() + 3'600'000, now()); }
    qint64 head() { return store.head(pharmacyId).lastSeq; }
    qint64 sets() { return store.head(pharmacyId).sets; }
};

} // namespace cii::test
