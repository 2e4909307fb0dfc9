#include "LedgerReplication.h"

#include "LedgerProjection.h"
#include "LedgerQueries.h"

namespace cii {

sync::RestoreOptions withLedger(sync::RestoreOptions options)
{
    options.projections = [] { return defaultProjections(); };
    options.describe = [](sql::Database &db, sync::RestoreReport &report) {
        const LedgerQueries queries(db);
        for (const ProductBalance &b : queries.productBalances())
            report.balances << sync::RestoreReport::Balance{b.ndc11, b.label, b.balance, b.unit};
        report.products = report.balances.size();
        report.openDiscrepancies = queries.activeDiscrepancyCount();
        report.timeZone = queries.pharmacy().timezone;
    };
    return options;
}

bool pharmacySetUp(sql::Database &db)
{
    return LedgerQueries(db).hasAnyPerson();
}

std::unique_ptr<sync::ReplicationEngine> startReplication(Store &store, sync::Drainer::Options options)
{
    if (!options.readyToSend)
        options.readyToSend = pharmacySetUp;
    return std::make_unique<sync::ReplicationEngine>(store, std::move(options));
}

} // namespace cii
