#include "ReplicationSettings.h"

#include "Sqlite.h"

namespace cii::sync {

std::optional<ReplicationSettings> ReplicationSettings::load(sql::Database &db)
{
    sql::Query q(db, "SELECT service_url, pharmacy_id, pharmacy_name, device_id, device_private_key, data_key, pinned_ca, "
                     "activated_ms, revoked_ms FROM replication WHERE id = 1",
                 QStringLiteral("read the backup settings"));
    if (!q.next())
        return std::nullopt;
    ReplicationSettings s;
    s.serviceUrl = QUrl(q.text(0));
    s.pharmacyId = q.text(1);
    s.pharmacyName = q.text(2);
    s.deviceId = q.text(3);
    s.devicePrivateKey = q.blob(4);
    s.dataKey = q.blob(5);
    s.pinnedCaPem = q.isNull(6) ? QByteArray() : q.text(6).toUtf8();
    s.activatedMs = q.int64(7);
    if (!q.isNull(8))
        s.revokedMs = q.int64(8);
    return s;
}

void ReplicationSettings::saveInTransaction(sql::Database &db) const
{
    sql::Query q(db, "INSERT OR REPLACE INTO replication (id, service_url, pharmacy_id, pharmacy_name, device_id, device_private_key, "
                     "data_key, pinned_ca, activated_ms, revoked_ms) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                 QStringLiteral("save the backup settings"));
    q.bind(1, serviceUrl.toString()).bind(2, pharmacyId).bind(3, pharmacyName).bind(4, deviceId).bind(5, devicePrivateKey).bind(6, dataKey);
    if (pinnedCaPem.isEmpty())
        q.bindNull(7);
    else
        q.bind(7, QString::fromUtf8(pinnedCaPem));
    q.bind(8, activatedMs).run();
}

void ReplicationSettings::markRevoked(sql::Database &db, qint64 nowMs)
{
    sql::Query(db, "UPDATE replication SET revoked_ms = ? WHERE id = 1 AND revoked_ms IS NULL", QStringLiteral("record the revocation"))
        .bind(1, nowMs)
        .run();
}

} // namespace cii::sync
