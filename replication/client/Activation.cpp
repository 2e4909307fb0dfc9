#include "Activation.h"

#include "BackupApi.h"
#include "ChangeSet.h"
#include "DeviceKey.h"
#include "Outbox.h"
#include "ReplicationSettings.h"
#include "Sqlite.h"

#include <QSslCertificate>

namespace cii::sync {
namespace {

/// The device key of an activation with the code of `codeHash`: the one kept when an earlier call sent it (its
/// answer lost, or the program closed before it came), else a new one, committed before anything is sent.
DeviceKey deviceKeyFor(sql::Database &db, const QByteArray &codeHash, qint64 nowMs)
{
    const QString op = QStringLiteral("keep the new device key");
    {
        sql::Query q(db, "SELECT device_private_key FROM pending_activation WHERE id = 1 AND code_hash = ?", op);
        q.bind(1, codeHash);
        if (q.next())
            return DeviceKey::fromPrivateKey(q.blob(0));
    }
    const DeviceKey made = DeviceKey::generate();
    sql::Transaction tx(db, op);
    sql::Query(db, "INSERT OR REPLACE INTO pending_activation (id, code_hash, device_private_key, made_ms) VALUES (1, ?, ?, ?)", op)
        .bind(1, codeHash)
        .bind(2, made.privateKey())
        .bind(3, nowMs)
        .run();
    tx.commit();
    return made;
}

} // namespace

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

    const DeviceKey device = deviceKeyFor(db, api::activationCodeHash(code.trimmed()), nowMs);
    ReplicationSettings address;
    address.serviceUrl = service;
    address.pinnedCaPem = pinnedCaPem;
    const std::unique_ptr<BackupClient> unactivated = client(address, timeoutMs);
    const auto answer = waitForRetrying<Activated>([&](BackupClient::Done<Activated> done) {
        unactivated->activate(code.trimmed(), device.publicKey(), deviceName, std::move(done));
    });
    if (!answer.ok()) {
        problem = answer.error.message;
        if (answer.error.retryable())
            problem += QStringLiteral(" If the activation reached the service, activating again with the same code finishes it: "
                                      "this workstation asks with the same key.");
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
    sql::Query(db, "DELETE FROM pending_activation", QStringLiteral("save the backup settings")).run();
    tx.commit();
    return s;
}

} // namespace cii::sync
