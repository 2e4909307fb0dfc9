#pragma once

#include "BackupController.h"
#include "Counter.h"
#include "DraftStore.h"
#include "InventoryController.h"
#include "Ledger.h"
#include "LedgerQueries.h"
#include "PeopleController.h"
#include "ProfileController.h"
#include "ProductsController.h"
#include "ReportsController.h"
#include "ReviewController.h"
#include "ScannerRouter.h"
#include "SessionController.h"
#include "TheftLossController.h"

#include <memory>

namespace cii {
class Store;

/// The screens' services over one open store, built one way for the app (src/app/main.cpp, the composition root)
/// and the interface tests (tests/support/TestApp.h): the Ledger and its queries, the signed-in session and its idle
/// lock, the scanner's routing, the counter's commands, and the controllers of the review, inventory, theft-or-loss
/// and reports screens, and of Settings > Backup and Pharmacy profile, each handed what it uses. install() makes them the instances QML's singletons return.
/// `store` null: no store is open (the screens show the store's problem; every command refuses).
/// UI thread only; lives while the QML engine that uses it does (make it before the engine, drop it after).
class UiServices
{
public:
    explicit UiServices(Store *store, SecretHasher hasher = SecretHasher());
    ~UiServices();
    UiServices(const UiServices &) = delete;
    UiServices &operator=(const UiServices &) = delete;

    /// Sets the singleton instances (Counter, ReviewController, InventoryController, TheftLossController,
    /// ReportsController, PeopleController, BackupController, ProfileController, ProductsController) to these; the
    /// destructor clears the ones still pointing here.
    void install();

    Store *const store;
    const std::unique_ptr<Ledger> ledger;          ///< null without a store
    const std::unique_ptr<LedgerQueries> queries;  ///< null without a store
    const std::unique_ptr<DraftStore> drafts;      ///< the forms' drafts; null without a store (or when it keeps none)
    SessionController session;
    ScannerRouter scanner;
    Counter counter;
    ReviewController review;
    InventoryController inventory;
    TheftLossController theftLoss;
    ReportsController reports;
    PeopleController people;   ///< Settings > People
    BackupController backup;   ///< Settings > Backup
    ProfileController profile; ///< Settings > Pharmacy profile
    ProductsController products; ///< Settings > Products
};

} // namespace cii
