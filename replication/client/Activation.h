#pragma once

#include "HttpBackupClient.h"
#include "ReplicationSettings.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <optional>

namespace cii::sql {
class Database;
}

namespace cii::sync {

/// Activates this workstation with the backup service (POST /v1/activate, docs/BACKUP-API.md): makes the
/// device key, registers its public half with the one-time code, and keeps both keys and the ids in the store
/// (`replication`). A first activation makes the pharmacy's backup data key; a later one keeps it. Waits for
/// the answer (waitFor: a command-line or first-run step, never the counter) from a client `client` makes for
/// the address and CA. Not idempotent: the code is used by the first call that reaches the service, so a call
/// whose answer was lost needs a new code. On failure returns empty and `problem` is a sentence; nothing is
/// written.
std::optional<ReplicationSettings> activate(sql::Database &db, const QUrl &service, const QString &code, const QString &deviceName,
                                            const QByteArray &pinnedCaPem, qint64 nowMs, QString &problem, int timeoutMs = 30'000,
                                            const BackupClientFactory &client = HttpBackupClient::factory());

} // namespace cii::sync
