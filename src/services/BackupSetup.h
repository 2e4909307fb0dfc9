#pragma once

#include "ReplicationSettings.h"

#include <QString>
#include <optional>

namespace cii {
class Store;

/// Setting up this workstation's backup, one recipe for the first-run wizard, Settings > Backup and `ciictl
/// backup-activate` / `backup-recovery-key` (docs/REPLICATION.md, docs/RECOVERY-KEY.md). Neither checks who asks:
/// each caller checks the role first (Action::ConfigurePharmacy) and says no in its own words. Both wait for the
/// backup service (sync::waitFor), so call them from a command-line step or a page showing it is busy, on the
/// store's thread. On failure: empty, `problem` one sentence for a person, and nothing written.
namespace backupsetup {

/// Activates with the service at `service` using the one-time `code`; `caPath`, when not empty, is a PEM file with
/// the private certificate authority the service's certificate is signed by (read here, at most 1 MB).
std::optional<sync::ReplicationSettings> activate(Store &store, const QString &service, const QString &code, const QString &caPath,
                                                  const QString &deviceName, QString &problem);

/// A recovery key made, the sheet written (or why not: the key is then to be written down by hand).
struct NewRecoveryKey
{
    QString key;          ///< the 13 groups, shown once
    QString sheetPath;    ///< absolute; empty when no sheet was asked for or it could not be written
    QString sheetProblem; ///< the PDF writer's sentence when the sheet could not be written
};

/// Makes a new recovery key (the service stores its wrap; any earlier key stops opening the backup) and, when
/// `sheetPath` is not empty, writes its printable sheet there. The folder is checked first: a sheet that could not
/// be written refuses before the earlier key is replaced.
std::optional<NewRecoveryKey> makeRecoveryKey(Store &store, const QString &sheetPath, QString &problem, quint64 scryptN = 1u << 15);

} // namespace backupsetup
} // namespace cii
