#include "RecoverySetup.h"

#include "ReplicationSettings.h"
#include "Sqlite.h"

namespace cii::sync {
namespace {

std::optional<ReplicationSettings> activeSettings(sql::Database &db, QString &problem)
{
    auto s = ReplicationSettings::load(db);
    if (!s)
        problem = QStringLiteral("This workstation is not activated with a backup service yet.");
    else if (s->revokedMs)
        problem = QStringLiteral("Another workstation was activated for %1; this one no longer speaks for the backup.").arg(s->pharmacyName);
    else
        return s;
    return std::nullopt;
}

constexpr int kTimeoutMs = 30'000;

} // namespace

std::optional<RecoveryKey> replaceRecoveryKey(sql::Database &db, qint64 nowMs, QString &problem, quint64 scryptN,
                                              const BackupClientFactory &client)
{
    const auto s = activeSettings(db, problem);
    if (!s)
        return std::nullopt;
    const RecoveryKey key = RecoveryKey::generate();
    const QByteArray wrapped = recovery::wrap(BackupKey{s->dataKey}, key, s->pharmacyId, scryptN);
    const std::unique_ptr<BackupClient> service = client(*s, kTimeoutMs);
    // The same bytes each try: a put whose answer was lost, put again, changes nothing and is answered the same.
    const auto put = waitForRetrying<Stored>([&](BackupClient::Done<Stored> done) { service->putWrappedKey(wrapped, std::move(done)); });
    if (!put.ok() && put.error.retryable()) {
        problem = put.error.message + QStringLiteral(" The service may hold the new key already, so the earlier recovery key may no longer "
                                                     "open the backup: make the recovery key again once the service answers.");
        return std::nullopt;
    }
    if (!put.ok()) {
        problem = put.error.message + QStringLiteral(" The earlier recovery key still opens the backup.");
        return std::nullopt;
    }
    sql::Transaction tx(db, QStringLiteral("note the new recovery key"));
    sql::Query(db, "UPDATE replication SET recovery_key_set_ms = ? WHERE id = 1", QStringLiteral("note the new recovery key")).bind(1, nowMs).run();
    tx.commit();
    return key;
}

bool checkRecoveryKey(sql::Database &db, const QString &typed, qint64, QString &problem, const BackupClientFactory &client)
{
    const auto key = RecoveryKey::parse(typed, problem);
    if (!key)
        return false; // a typo: nothing is downloaded
    const auto s = activeSettings(db, problem);
    if (!s)
        return false;
    const std::unique_ptr<BackupClient> service = client(*s, kTimeoutMs);
    const auto wrapped = waitFor<QByteArray>([&](BackupClient::Done<QByteArray> done) { service->wrappedKey(std::move(done)); });
    if (!wrapped.ok() && wrapped.error.kind == BackupError::Kind::NotFound) {
        problem = QStringLiteral("No recovery key has been set for %1 yet.").arg(s->pharmacyName);
        return false;
    }
    if (!wrapped.ok()) {
        problem = wrapped.error.message;
        return false;
    }
    return recovery::unwrap(*wrapped.value, *key, s->pharmacyId, problem).has_value();
}

std::optional<qint64> recoveryKeySetMs(sql::Database &db)
{
    sql::Query q(db, "SELECT recovery_key_set_ms FROM replication WHERE id = 1");
    if (!q.next() || q.isNull(0))
        return std::nullopt;
    return q.int64(0);
}

} // namespace cii::sync
