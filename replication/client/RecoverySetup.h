#pragma once

#include "HttpBackupClient.h"
#include "RecoveryKey.h"

#include <QString>
#include <optional>

namespace cii::sql {
class Database;
}

namespace cii::sync {

/// Makes a new recovery key, wraps this workstation's backup data key under it and stores the wrapped key with
/// the service (PUT /v1/wrapped-key); only once the service has it is the new key returned, to be shown once and
/// printed, and its time noted in the store. An earlier recovery key stops opening the backup; history is not
/// re-encrypted (the data key stays). Waits for the service (waitForRetrying) through a client `client` makes for
/// this workstation's activation, putting the same wrapped bytes on each try, so an answer lost on the way back is
/// asked again and answered the same. On failure: empty and `problem` a sentence: a refusal leaves the earlier key
/// valid; no answer at all may not (the service may hold the new wrap), and the sentence says so.
std::optional<RecoveryKey> replaceRecoveryKey(sql::Database &db, qint64 nowMs, QString &problem, quint64 scryptN = 1u << 15,
                                              const BackupClientFactory &client = HttpBackupClient::factory());

/// Whether `typed` is the pharmacy's current recovery key: checked for typos (nothing asked of the service), then
/// tried on the wrapped key the service holds. Empty `problem` when it opens the backup. Waits as above. (`nowMs`
/// is not used: the client signs with the wall clock.)
bool checkRecoveryKey(sql::Database &db, const QString &typed, qint64 nowMs, QString &problem,
                      const BackupClientFactory &client = HttpBackupClient::factory());

/// When the recovery key was last set; empty when never.
std::optional<qint64> recoveryKeySetMs(sql::Database &db);

} // namespace cii::sync
