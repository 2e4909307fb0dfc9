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
/// `sheetPath`, when given, also gets the printable recovery sheet (PDF); its folder is checked before the key changes.
QJsonObject backupRecoveryKey(Store &store, const Session &session, const QString &sheetPath = {});
QJsonObject backupCheckRecoveryKey(Store &store, const QString &typed);

} // namespace cii
