#pragma once

// Checks of what the backup service holds against the workstation's journal, shared by the replication, crash
// and network-fault tests.
#include "CiiError.h"
#include "Clock.h"
#include "FileKeyStore.h"
#include "ReplicationSettings.h"
#include "Restore.h"
#include "Store.h"
#include "TestCloud.h"

#include <QTemporaryDir>

namespace cii::test {

/// Everything the service holds for the pharmacy, opened in order as a restore would: every signature, every
/// decryption, every event hash and the continuity of the chain. Returns the problem, or empty when the chain
/// is exactly the local journal (no gap, no duplicate, no other event).
QString cloudMatchesJournal(Cloud &cloud, Store &store, const sync::ReplicationSettings &s);
/// The same, of the pharmacy's chain in any service store (one put back from a copy, say).
QString cloudMatchesJournal(backupd::BackupStore &service, const QString &pharmacyId, Store &store, const sync::ReplicationSettings &s);

/// Empty when the service holds exactly one active device for the pharmacy and its key is the one `s` keeps (the
/// workstation speaks as it); otherwise what differs. After an activation whose answer was lost: no second
/// device, none whose key nobody has.
QString onlyActiveDeviceIs(Cloud &cloud, const sync::ReplicationSettings &s);

/// The service's list of change sets, without opening them: empty when they run 1, 2, ... without a gap or an
/// overlap; otherwise where they do not.
QString cloudChainGap(Cloud &cloud);

/// Sends everything waiting, archives included (every `archiveEvery` events; 0: none), and waits until the
/// service has all of it.
void backUpEverything(Store &store, Cloud &cloud, qint64 archiveEvery);

/// A replacement computer: empty folders for the restored store and its key.
struct NewWorkstation
{
    QTemporaryDir dataRoot, keyDir;
    QString dataDir() const { return dataRoot.filePath(QStringLiteral("cii-ledger")); }
    std::unique_ptr<FileKeyStore> keys = std::make_unique<FileKeyStore>(keyDir.path());
    ManualClock clock{1'790'100'000'000};

    /// Activates with a new code from `cloud` and opens with `recoveryKey`.
    sync::RestoreOptions options(Cloud &cloud, const QString &recoveryKey) const;
    std::unique_ptr<Store> open();
    /// Why the restored store does not open (CiiError::Code::Internal when it does).
    CiiError::Code openError();
};

} // namespace cii::test
