#pragma once

// Checks of what the backup service holds against the workstation's journal, shared by the replication, crash
// and network-fault tests.
#include "ReplicationSettings.h"
#include "Store.h"
#include "TestCloud.h"

namespace cii::test {

/// Everything the service holds for the pharmacy, opened in order as a restore would: every signature, every
/// decryption, every event hash and the continuity of the chain. Returns the problem, or empty when the chain
/// is exactly the local journal (no gap, no duplicate, no other event).
QString cloudMatchesJournal(Cloud &cloud, Store &store, const sync::ReplicationSettings &s);

/// The service's list of change sets, without opening them: empty when they run 1, 2, ... without a gap or an
/// overlap; otherwise where they do not.
QString cloudChainGap(Cloud &cloud);

} // namespace cii::test
