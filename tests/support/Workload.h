#pragma once

#include <QMap>
#include <QString>

namespace cii::test {
struct LedgerFixture;

/// Records `transactions` accepted transactions of every kind through the real Ledger: receipts, dispenses
/// (partial fills, overrides), returns to stock, blind counts (some off, opening discrepancies), adjustments,
/// voids, reviews and resolutions, escalations, transfers, waste, destruction, theft or loss and its filings,
/// an inventory, product deactivation and reactivation. Seeded: the same seed records the same history.
/// Returns how many of each event kind were recorded.
QMap<QString, int> recordEveryKind(LedgerFixture &f, int transactions, quint32 seed);

} // namespace cii::test
