#include "UiServices.h"

#include "Store.h"

namespace cii {

UiServices::UiServices(Store *store, SecretHasher hasher)
    : store(store)
    , ledger(store ? std::make_unique<Ledger>(*store, hasher) : nullptr)
    , queries(store ? std::make_unique<LedgerQueries>(store->db()) : nullptr)
    , session(ledger.get())
    , scanner(&session, [this](const QString &code) { return counter.lookup(code); })
    , counter(store, ledger.get(), queries.get(), &session, &scanner)
    , review(&counter, queries.get())
    , inventory(&counter, queries.get())
    , theftLoss(&counter, queries.get())
    , reports(&counter)
{
}

UiServices::~UiServices()
{
    if (Counter::instance() == &counter) {
        Counter::setInstance(nullptr);
        ReviewController::setInstance(nullptr);
        InventoryController::setInstance(nullptr);
        TheftLossController::setInstance(nullptr);
        ReportsController::setInstance(nullptr);
    }
}

void UiServices::install()
{
    Counter::setInstance(&counter);
    ReviewController::setInstance(&review);
    InventoryController::setInstance(&inventory);
    TheftLossController::setInstance(&theftLoss);
    ReportsController::setInstance(&reports);
}

} // namespace cii
