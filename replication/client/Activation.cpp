#include "Activation.h"

#include "ChangeSet.h"
#include "DeviceKey.h"
#include "Outbox.h"
#include "ReplicationSettings.h"
#include "Sqlite.h"

#include <QSslCertificate>

namespace cii::sync {

std::optional<ReplicationSettings> activate(sql::Database &db, const QUrl &service, const QString &code, const QString &deviceName,
                                            const QByteArray &pinnedCaPem, qint64 nowMs, QString &problem, int timeoutMs,
                                            const BackupClientFactory &client)
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
    ReplicationSettings address;
    address.serviceUrl = service;
    address.pinnedCaPem = pinnedCaPem;
    const std::unique_ptr<BackupClient> unactivated = client(address, timeoutMs);
    const auto answer = waitFor<Activated>([&](BackupClient::Done<Activated> done) {
        unactivated->activate(code.trimmed(), device.publicKey(), deviceName, std::move(done));
    });
    if (!answer.ok()) {
        problem = answer.error.message;
        return std::nullopt;
    }
    ReplicationSettings s;
    s.serviceUrl = service;
    s.pharmacyId = answer.value->pharmacyId;
    s.pharmacyName = answer.value->pharmacyName;
    s.deviceId = answer.value->deviceId;
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
