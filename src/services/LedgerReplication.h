#pragma once

#include "ReplicationEngine.h"
#include "Restore.h"

#include <memory>

namespace cii {

/// Completes restore options for this application's records: the projections a restored store keeps (the
/// ledger's) and the account of what it holds (products, balances, open discrepancies) that the report shows.
/// The replication client knows neither; every caller of sync::restoreFromCloud passes its options through here.
sync::RestoreOptions withLedger(sync::RestoreOptions options);

/// Whether the pharmacy is set up in this store (someone exists in it): until then a first run has not chosen
/// between a new pharmacy and a restore, and the drainer sends nothing (Drainer::Options::readyToSend).
bool pharmacySetUp(sql::Database &db);

/// Starts replicating `store` for this application: the drainer waits until the pharmacy is set up (unless
/// `options.readyToSend` says otherwise), then backs up every commit. Built by the composition root (the app's
/// main.cpp) and by the tests the same way; the store must outlive the engine.
std::unique_ptr<sync::ReplicationEngine> startReplication(Store &store, sync::Drainer::Options options = {});

} // namespace cii
