#include "UiServices.h"

#include "Log.h"
#include "Store.h"

namespace cii {

namespace {
/// Drafts are a comfort, not a record: a store whose drafts cannot be opened still opens, without them.
std::unique_ptr<DraftStore> makeDrafts(Store *store)
{
    if (!store)
        return nullptr;
    try {
        return std::make_unique<DraftStore>(*store);
    } catch (const CiiError &e) {
        qCWarning(lcUi) << "unfinished forms will not be kept:" << e.userText();
        return nullptr;
    }
}
} // namespace

UiServices::UiServices(Store *store, SecretHasher hasher)
    : store(store)
    , ledger(store ? std::make_unique<Ledger>(*store, hasher) : nullptr)
    , queries(store ? std::make_unique<LedgerQueries>(store->db()) : nullptr)
    , drafts(makeDrafts(store))
    , session(ledger.get())
    , scanner(&session, [this](const QString &code) { return counter.lookup(code); })
    , counter(store, ledger.get(), queries.get(), &session, &scanner)
    , review(&counter, queries.get())
    , inventory(&counter, queries.get())
    , theftLoss(&counter, queries.get())
    , reports(&counter)
    , people(&counter, queries.get())
    , backup(store, &counter)
    , profile(&counter, queries.get())
    , products(&counter, queries.get())
{
    counter.setDrafts(drafts.get());
}

UiServices::~UiServices()
{
    if (Counter::instance() == &counter) {
        Counter::setInstance(nullptr);
        ReviewController::setInstance(nullptr);
        InventoryController::setInstance(nullptr);
        TheftLossController::setInstance(nullptr);
        ReportsController::setInstance(nullptr);
        PeopleController::setInstance(nullptr);
        BackupController::setInstance(nullptr);
        ProfileController::setInstance(nullptr);
        ProductsController::setInstance(nullptr);
    }
}

void UiServices::install()
{
    Counter::setInstance(&counter);
    ReviewController::setInstance(&review);
    InventoryController::setInstance(&inventory);
    TheftLossController::setInstance(&theftLoss);
    ReportsController::setInstance(&reports);
    PeopleController::setInstance(&people);
    BackupController::setInstance(&backup);
    ProfileController::setInstance(&profile);
    ProductsController::setInstance(&products);
}

} // namespace cii
