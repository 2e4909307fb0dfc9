#pragma once

#include "Restore.h"

namespace cii {

/// Completes restore options for this application's records: the projections a restored store keeps (the
/// ledger's) and the account of what it holds (products, balances, open discrepancies) that the report shows.
/// The replication client knows neither; every caller of sync::restoreFromCloud passes its options through here.
sync::RestoreOptions withLedger(sync::RestoreOptions options);

/// Whether the pharmacy is set up in this store (someone exists in it): until then a first run has not chosen
/// between a new pharmacy and a restore, and the drainer sends nothing (Drainer::Options::readyToSend).
bool pharmacySetUp(sql::Database &db);

} // namespace cii
