#pragma once

#include <QString>
#include <memory>

namespace cii {
class Clock;
class KeyStore;
class Store;

/// Opens the application's store in `dataDir` (with `create`, makes one when none is there): its key kept in
/// `keys`, its time from `clock`, the ledger's projections applied to every event. The one recipe by which the
/// app, ciictl, the tests and the benchmarks open a store (a restore makes its own, through withLedger()).
/// Throws CiiError with the store's sentence (no store, wrong key, newer schema, ...). The store belongs to the
/// calling thread; `keys` and `clock` must outlive it.
std::unique_ptr<Store> openLedgerStore(const QString &dataDir, KeyStore &keys, const Clock &clock, bool create = false);

} // namespace cii
