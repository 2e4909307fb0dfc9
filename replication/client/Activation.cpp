#include "Activation.h"

#include "ChangeSet.h"
#include "DeviceKey.h"
#include "Outbox.h"
#include "ReplicationSettings.h"
#include "ServiceCall.h"
#include "Sqlite.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>

namespace cii::sync {

std::optional<ReplicationSettings> activate(sql::Database &db, const QUrl &service, const QString &code, const QString &deviceName,
                                            const QByteArray &pinnedCaPem, qint64 nowMs, QString &problem, int timeoutMs)
{
    if (!service.isValid() || (service.scheme() != QLatin1String("https") && service.scheme() != QLatin1String("http")) || service.host().isEmpty()) {
        problem = QStringLiteral("The backup service address must look like https://backup.example.org.");
        return std::nullopt;
    }
    if (service.scheme() == QLatin1String("http") && service.host() != QLatin1String("127.0.0.1") && service.host() != QLatin1String("localhost")) {
        problem = QStringLiteral("The backup service must be reached over https (plain http only on this computer, for trying it).");
        return std::nullopt;
    }
    if (code.trimmed().isEmpty()) {
        problem = QStringLiteral("Enter the activation code the backup service gave you.");
        return std::nullopt;
    }
    if (!pinnedCaPem.isEmpty() && QSslCertificate::fromData(pinnedCaPem).isEmpty()) {
        problem = QStringLiteral("The pinned certificate is not a PEM certificate.");
        return std::nullopt;
    }
    const std::optional<ReplicationSettings> before = ReplicationSettings::load(db);
    if (before && Outbox(db).oldestUnacknowledged()) {
        problem = QStringLiteral("Change sets of the earlier activation are still waiting to be backed up; back them up before activating again.");
        return std::nullopt;
    }

    const DeviceKey device = DeviceKey::generate();
    QNetworkRequest request(serviceUrl(service, "/v1/activate"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    applyPinnedCa(request, pinnedCaPem);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("code"), code.trimmed()},
                                                      {QStringLiteral("publicKey"), QString::fromLatin1(device.publicKey().toBase64())},
                                                      {QStringLiteral("name"), deviceName}})
                                .toJson(QJsonDocument::Compact);
    const Answer reply = call(request, "POST", body);
    if (reply.status != 201) {
        problem = reply.problem(service);
        return std::nullopt;
    }
    const QJsonObject answer = QJsonDocument::fromJson(reply.body).object();
    ReplicationSettings s;
    s.serviceUrl = service;
    s.pharmacyId = answer.value(QStringLiteral("pharmacyId")).toString();
    s.pharmacyName = answer.value(QStringLiteral("pharmacyName")).toString();
    s.deviceId = answer.value(QStringLiteral("deviceId")).toString();
    s.devicePrivateKey = device.privateKey();
    s.dataKey = before ? before->dataKey : BackupKey::generate().bytes;
    s.pinnedCaPem = pinnedCaPem;
    s.activatedMs = nowMs;
    if (s.pharmacyId.isEmpty() || s.deviceId.isEmpty()) {
        problem = QStringLiteral("The backup service's answer did not name the pharmacy and device.");
        return std::nullopt;
    }
    sql::Transaction tx(db, QStringLiteral("save the backup settings"));
    s.saveInTransaction(db);
    tx.commit();
    return s;
}

} // namespace cii::sync
