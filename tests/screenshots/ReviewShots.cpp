// Screenshots of the review screens over a pharmacy with a month of work: three discrepancies (one open, one in
// review, one resolved), a theft reported at the counter, and products whose reconciliation is due.
#include "Selectors.h"
#include "Shoot.h"
#include "TestSupport.h"
#include "UiServices.h"

namespace cii::screenshots {

namespace {

void must(bool ok, const char *what)
{
    if (!ok)
        qFatal("screenshots: %s", what);
}

} // namespace

bool shootReview(const QString &out)
{
    using namespace cii::test;
    LedgerFixture f;
    const QString morph = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("51655-089-52"), QStringLiteral("Morphine sulfate ER"),
                                                               QStringLiteral("15 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 60});
    const QString hydro = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("58118-1397-3"), QStringLiteral("Hydromorphone HCl"),
                                                               QStringLiteral("2 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 100});
    f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 3));
    f.ledger->receive(*f.tech, LedgerFixture::receipt(morph, 2));
    f.ledger->receive(*f.tech, LedgerFixture::receipt(hydro, 1));
    f.ledger->count(*f.tech, f.oxy, 300); // a matching count: the oxycodone's explanation starts after it
    f.t.clock.advance(2 * 24 * 3600 * 1000);
    const auto later = [&f](int minutes) { f.t.clock.advance(minutes * 60'000); };
    f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 30, QStringLiteral("6000123"), 60));
    later(47);
    f.ledger->dispense(*f.pharmacist, LedgerFixture::dispense(f.oxy, 60, QStringLiteral("6000131"), 60));
    later(95);
    const qint64 wrong = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 90, QStringLiteral("6000140"), 90));
    later(3);
    f.ledger->voidEntry(*f.pharmacist, wrong, QStringLiteral("typed 90 for 9"), QStringLiteral("2345"));
    f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 9, QStringLiteral("6000140"), 9));
    later(180);
    f.ledger->dispense(*f.tech, LedgerFixture::dispense(morph, 60, QStringLiteral("6000152"), 60));
    f.ledger->count(*f.tech, morph, 58); // -2: resolved below
    f.t.clock.advance(24 * 3600 * 1000);
    f.ledger->count(*f.tech, hydro, 103); // +3: in review
    f.ledger->startReview(*f.pharmacist, 2, QStringLiteral("Checking the last receipt's packing slip"));
    f.ledger->resolveDiscrepancy(*f.pic, 1, QStringLiteral("breakage-or-spill"), QStringLiteral("Two tablets crushed in the bottle"), false, QStringLiteral("1234"));
    f.t.clock.advance(5 * 3600 * 1000);
    f.ledger->count(*f.tech, f.oxy, 196); // 201 expected: -5, open
    f.ledger->reportTheftLoss(*f.pharmacist, LedgerFixture::theftLoss(morph, 12, QStringLiteral("2345")));

    StoreStatus status(f.store.get(), [&f] { return f.t.open(false); }, nullptr);
    UiServices screens(f.store.get());
    screens.install();
    Counter &counter = screens.counter;
    const auto openReview = [](QQuickWindow *w) {
        must(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")), "could not sign in");
        must(click(w, sel::kReviewButton), "no Review button");
        must(QTest::qWaitFor([w] { return item(w, sel::kSupervisorPage) != nullptr; }, 5000), "the review page did not open");
    };
    return shoot(status, counter, {
        {out + QStringLiteral("/review-queue.png"), [&](QQuickWindow *w) { openReview(w); }},
        {out + QStringLiteral("/review-detail.png"), [&](QQuickWindow *w) {
            must(click(w, sel::discrepancy(3)), "no discrepancy 3 in the queue");
            must(QTest::qWaitFor([w] { return item(w, sel::kDiscrepancyPage) != nullptr; }, 5000), "the discrepancy did not open");
        }},
        {out + QStringLiteral("/review-resolve.png"), [&](QQuickWindow *w) {
            must(click(w, sel::kResolveButton), "no Resolve button");
            must(QTest::qWaitFor([w] { return fullyShown(item(w, sel::kResolveDialogContent)); }, 5000), "the dialog did not open");
            choose(w, sel::box(sel::kResolveReason), QStringLiteral("dispense was not recorded"));
            type(w, sel::kResolveNote, QStringLiteral("Rx 6000158 filled at 4 pm, entered as 0"));
        }},
        {out + QStringLiteral("/review-form106.png"), [&](QQuickWindow *w) {
            click(w, sel::kResolveCancel);
            must(QTest::qWaitFor([w] { return item(w, sel::kResolveDialogContent) == nullptr; }, 5000), "the dialog did not close");
            click(w, sel::kDiscrepancyBack);
            must(click(w, sel::kTabTheftLoss), "no Theft or loss tab");
            type(w, sel::filingReference(sel::kNoticeFiling), QStringLiteral("Fax to the field office, 9:10 am"));
        }},
        {out + QStringLiteral("/review-reconciliation.png"), [&](QQuickWindow *w) { must(click(w, sel::kTabInventory), "no inventory tab"); }},
        {out + QStringLiteral("/review-inventory-count.png"), [&](QQuickWindow *w) {
            must(click(w, sel::kStartBiennial), "no biennial button");
            must(QTest::qWaitFor([w] { return item(w, sel::kInventoryCountPage) != nullptr; }, 5000), "the count did not open");
            settled(w);
            type(w, sel::inventoryCount(hydro), QStringLiteral("103"));
            type(w, sel::inventoryCount(morph), QStringLiteral("46"));
        }},
        {out + QStringLiteral("/review-inventory-sign.png"), [&](QQuickWindow *w) {
            type(w, sel::inventoryCount(f.oxy), QStringLiteral("196"));
            must(click(w, sel::kInventorySaveButton), "no Save button");
            must(QTest::qWaitFor([w] { return fullyShown(item(w, sel::kInventorySummaryContent)); }, 5000), "no summary");
        }},
    });
}

} // namespace cii::screenshots
