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
/// the answer (waitForRetrying: a command-line, first-run or restore step, never the counter) from a client
/// `client` makes for the address and CA.
///
/// Safe to repeat: the device key is made and kept in the store (`pending_activation`, under the code's hash)
/// before the request leaves, and a call with the same code uses that key again; the service answers the same
/// code with the same key as it did the first time. So an answer lost on the way back (asked again here, on a
/// Transient failure) or a program closed while waiting (asked again on the next call) ends in the one device
/// the service made, never in a used code and a key nobody has. On failure returns empty and `problem` is a
/// sentence; nothing is written but that pending key (bad input: nothing at all).
std::optional<ReplicationSettings> activate(sql::Database &db, const QUrl &service, const QString &code, const QString &deviceName,
                                            const QByteArray &pinnedCaPem, qint64 nowMs, QString &problem, int timeoutMs = 30'000,
                                            const BackupClientFactory &client = HttpBackupClient::factory());

} // namespace cii::sync
