#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <optional>

namespace cii::sql {
class Database;
}

namespace cii::sync {

/// This workstation's activation with the backup service: the `replication` row of the encrypted store
/// (docs/REPLICATION.md). The keys never leave the store except into a sealed change set's signature.
struct ReplicationSettings
{
    QUrl serviceUrl;
    QString pharmacyId, pharmacyName, deviceId;
    QByteArray devicePrivateKey; ///< Ed25519, 32 bytes
    QByteArray dataKey;          ///< the backup data key, 32 bytes
    QByteArray pinnedCaPem;      ///< empty: the system's CAs
    qint64 activatedMs = 0;
    std::optional<qint64> revokedMs;

    /// Empty when this workstation was never activated.
    static std::optional<ReplicationSettings> load(sql::Database &db);
    /// Writes the row (replacing an earlier activation) in the caller's transaction.
    void saveInTransaction(sql::Database &db) const;
    /// The service said another workstation replaced this one.
    static void markRevoked(sql::Database &db, qint64 nowMs);
};

} // namespace cii::sync
