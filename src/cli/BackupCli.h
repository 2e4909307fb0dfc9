#pragma once

#include <QJsonObject>

namespace cii {
class Store;
class Session;
struct Args;

/// ciictl's backup commands (docs/REPLICATION.md). Each returns {"message": sentence, ...} or throws CiiError.
QJsonObject backupActivate(Store &store, const Session &session, const Args &args);
/// Seals and sends what is waiting, on this thread, until the service has it all or an attempt fails.
QJsonObject backupNow(Store &store);
QJsonObject backupStatus(Store &store);
QJsonObject backupRecoveryKey(Store &store, const Session &session);
QJsonObject backupCheckRecoveryKey(Store &store, const QString &typed);

} // namespace cii
