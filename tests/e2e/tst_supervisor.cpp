// The supervisor's screens through the real main QML over a real temporary store, offscreen: the discrepancy
// queue (filters, sorting by age and size, the overdue reconciliations), a discrepancy explained (expected, counted,
// every entry since the last matching count), taken into review, resolved with a reason and a note and signed by
// the pharmacist-in-charge's PIN (a wrong PIN refused, nothing written), a shortage escalated to a theft or loss and
// its DEA Form 106 worksheet (prefilled, the two deadlines shown until recorded, bad input refused), a guided
// reconciliation of every product signed at the end; and a technician who sees everything and resolves nothing.
#include "Counter.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "ReviewController.h"
#include "Selectors.h"
#include "Sqlite.h"
#include "StoreStatus.h"
#include "TestApp.h"
#include "TestSupport.h"

#include <QQuickStyle>
#include <QStandardPaths>
#include <QCborMap>
#include <QCborValue>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {

/// 100 received, 30 dispensed (70 expected); a count of 65 opens no. 1 (-5). The records then say 65, and a count
/// of 68 an hour later opens no. 2 (+3). With `third`, a count of 40 an hour after that opens no. 3 (-28): the
/// newest and the largest, so sorting by size differs from sorting by age.
void seedDiscrepancies(LedgerFixture &f, bool third)
{
    f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
    f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 30, QStringLiteral("RX8001"), 30));
    QVERIFY(f.ledger->count(*f.tech, f.oxy, 65).discrepancyOpened);
    f.t.clock.advance(3'600'000);
    QVERIFY(f.ledger->count(*f.tech, f.oxy, 68).discrepancyOpened);
    if (third) {
        f.t.clock.advance(3'600'000);
        QVERIFY(f.ledger->count(*f.tech, f.oxy, 40).discrepancyOpened);
    }
}

/// Signed in at the lock screen, then Review in the header.
bool openReviewAs(QQuickWindow *w, const QString &initials, const QString &pin)
{
    return w && QTest::qWaitForWindowExposed(w) && signInByPin(w, initials, pin) && click(w, sel::kReviewButton)
           && QTest::qWaitFor([w] { return item(w, sel::kSupervisorPage) && settled(w); });
}

QList<qint64> queueIds(QQuickWindow *w)
{
    QList<qint64> ids;
    QQuickItem *queue = item(w, sel::kDiscrepancyQueue);
    if (queue)
        for (const QVariant &row : queue->property("rows").toList())
            ids << row.toMap().value(QStringLiteral("id")).toLongLong();
    return ids;
}

bool openDiscrepancy(QQuickWindow *w, qint64 id)
{
    return click(w, sel::discrepancy(id))
           && QTest::qWaitFor([w] { return item(w, sel::kDiscrepancyPage) && settled(w); });
}

} // namespace

/// What a drop-down shows.
QString comboText(QQuickWindow *w, const char *name)
{
    QQuickItem *box = item(w, QLatin1String(name));
    return box ? box->property("displayText").toString() : QString();
}

class TestSupervisor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void theQueueFiltersAndSorts()
    {
        LedgerFixture f;
        seedDiscrepancies(f, true);
        f.t.clock.advance(91LL * 24 * 3600 * 1000); // past California's 90-day cadence from the product's first record
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(openReviewAs(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QCOMPARE(text(w, sel::kReviewButton), QStringLiteral("Review \u00B7 3"));
        QCOMPARE(queueIds(w), (QList<qint64>{1, 2, 3}));
        QCOMPARE(text(w, sel::kQueueCount), QStringLiteral("3 discrepancies"));
        QVERIFY(click(w, sel::kSortSize));
        QTRY_COMPARE(queueIds(w), (QList<qint64>{3, 1, 2})); // -28, -5, +3
        QVERIFY(click(w, sel::filter("resolved")));
        QTRY_COMPARE(queueIds(w), QList<qint64>{});
        QVERIFY(click(w, sel::filter("all")));
        QTRY_COMPARE(queueIds(w).size(), 3);
        // The product was never counted to match the records: its reconciliation is overdue, beside the queue.
        QVERIFY2(text(w, sel::kOverdueSummary).contains(QLatin1String("1 product has no matching count")),
                 qPrintable(text(w, sel::kOverdueSummary)));
        // The sidebar names it with its NDC.
        QVERIFY2(shownTexts(item(w, sel::kOverdueList)).contains(QStringLiteral("NDC 0574-4072-05")),
                 qPrintable(shownTexts(item(w, sel::kOverdueList)).join(QLatin1Char('|'))));
        QVERIFY2(touchAndAccessibilityProblems(w).isEmpty(), qPrintable(touchAndAccessibilityProblems(w).join(QLatin1Char('\n'))));
    }

    void thePharmacistInChargeReviewsAndResolves()
    {
        LedgerFixture f;
        seedDiscrepancies(f, false);
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(openReviewAs(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(openDiscrepancy(w, 1));
        // Explained: what the records expected, what was counted, and every entry since the last matching count
        // (none before: the receipt, the dispense and the count that opened it).
        QCOMPARE(text(w, sel::figureValue("expected")), QStringLiteral("70 tablets"));
        QCOMPARE(text(w, sel::figureValue("counted")), QStringLiteral("65 tablets"));
        QCOMPARE(text(w, sel::figureValue("difference")), QStringLiteral("-5 tablets"));
        QCOMPARE(item(w, sel::kDiscrepancyEntries)->property("count").toInt(), 3);
        const QVariantList entries = item(w, sel::kDiscrepancyPage)->property("d").toMap().value(QStringLiteral("entries")).toList();
        QCOMPARE(entries.at(1).toMap().value(QStringLiteral("reference")).toString(), QStringLiteral("RX8001"));
        QCOMPARE(entries.at(1).toMap().value(QStringLiteral("who")).toString(), QStringLiteral("Tom Ng"));
        QVERIFY(entries.at(2).toMap().value(QStringLiteral("opening")).toBool());

        QVERIFY(type(w, sel::kReviewNoteField, QStringLiteral("Checking the will-call shelf")));
        QVERIFY(click(w, sel::kStartReviewButton));
        QTRY_COMPARE(text(w, sel::kDiscrepancyStatus), QStringLiteral("In review"));
        QCOMPARE(scalarText(*f.store, "SELECT review_note FROM discrepancies WHERE id = 1"), QStringLiteral("Checking the will-call shelf"));

        QVERIFY(click(w, sel::kResolveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kResolveDialogContent)));
        QVERIFY(choose(w, sel::box(sel::kResolveReason), QStringLiteral("Counting error")));
        QVERIFY(type(w, sel::kResolveNote, QStringLiteral("Recounted: 5 in the return bin")));
        QVERIFY(fullyShown(item(w, sel::kResolveRecounted)));
        QVERIFY(type(w, sel::kResolveRecounted, QStringLiteral("68")));
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(enterPin(w, QStringLiteral("9999")));
        QTRY_VERIFY(text(w, sel::kResolveMessage).contains(QLatin1String("PIN")));
        QCOMPARE(scalarText(*f.store, "SELECT status FROM discrepancies WHERE id = 1"), QStringLiteral("in_review"));
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM events WHERE kind = 'discrepancy.resolved'"), 0);
        QCOMPARE(f.store->journal().headSeq(), head + 1); // only the failed signature, for the audit log
        // A counting error is resolved by its recount. The later count (68) already set the balance to the shelf, so
        // a recount of 70 matches nothing and is refused, in the Ledger's words; 68 is recorded with the resolution.
        QVERIFY(type(w, sel::kResolveRecounted, QStringLiteral("70")));
        QVERIFY(enterPin(w, QStringLiteral("1234")));
        QTRY_VERIFY2(text(w, sel::kResolveMessage).contains(QLatin1String("does not match the records (68)")),
                     qPrintable(text(w, sel::kResolveMessage)));
        QCOMPARE(f.store->journal().headSeq(), head + 1);
        QVERIFY(type(w, sel::kResolveRecounted, QStringLiteral("68")));
        QVERIFY(enterPin(w, QStringLiteral("1234")));
        QTRY_VERIFY(!item(w, sel::kResolveDialogContent));
        QTRY_COMPARE(text(w, sel::kDiscrepancyStatus), QStringLiteral("Resolved"));
        QCOMPARE(scalarText(*f.store, "SELECT reason_code FROM discrepancies WHERE id = 1"), QStringLiteral("counting-error"));
        QCOMPARE(scalarText(*f.store, "SELECT reference FROM entries WHERE kind = 'count' ORDER BY seq DESC LIMIT 1"), QStringLiteral("Discrepancy 1"));
        QCOMPARE(f.ledger->balance(f.oxy), 68);
        QCOMPARE(scalarText(*f.store, "SELECT note FROM discrepancies WHERE id = 1"), QStringLiteral("Recounted: 5 in the return bin"));
        QVERIFY(item(w, sel::kResolution));
        QVERIFY(!item(w, sel::kResolveButton));

        // Back in the queue: only no. 2 waits, and the header counts it.
        QVERIFY(click(w, sel::kDiscrepancyBack));
        QTRY_COMPARE(queueIds(w), QList<qint64>{2});
        QTRY_COMPARE(text(w, sel::kReviewButton), QStringLiteral("Review \u00B7 1"));
    }

    void aShortageEscalatesToItsForm106Worksheet()
    {
        LedgerFixture f;
        seedDiscrepancies(f, false);
        const QString found = f.ledger->todayInPharmacy();
        f.t.clock.advance(24 * 3'600'000LL); // escalated the day after the count found it
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(openReviewAs(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(openDiscrepancy(w, 2)); // a surplus cannot be a theft or loss: not offered
        QVERIFY(item(w, sel::kResolveButton));
        QVERIFY(!item(w, sel::kEscalateButton));
        QVERIFY(click(w, sel::kDiscrepancyBack));
        QVERIFY(openDiscrepancy(w, 1));
        QVERIFY(click(w, sel::kEscalateButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kResolveDialogContent)));
        QVERIFY(!item(w, sel::kResolveReason)); // escalation has its own reason
        // Discovered when the count found it, unless the pharmacist-in-charge says otherwise; theft or loss is chosen.
        QCOMPARE(text(w, sel::input(sel::kEscalateDiscovered)), found);
        QVERIFY(type(w, sel::kResolveNote, QStringLiteral("Recount confirms 5 tablets missing")));
        const qint64 before = f.store->journal().headSeq();
        QVERIFY(enterPin(w, QStringLiteral("1234")));
        QTRY_COMPARE(text(w, sel::kResolveMessage), QStringLiteral("Choose whether it is a theft or a loss."));
        QVERIFY(choose(w, sel::box(sel::kEscalateType), QStringLiteral("Theft")));
        QVERIFY(choose(w, sel::box(sel::kEscalateKind), QStringLiteral("Night break-in"))); // Form 106 asks the kind
        QVERIFY(type(w, sel::kEscalatePolice, QStringLiteral("Report 26-1182, Springfield PD")));
        const QString tomorrow = QDate::fromString(f.ledger->todayInPharmacy(), Qt::ISODate).addDays(1).toString(Qt::ISODate);
        QVERIFY(type(w, sel::kEscalateDiscovered, tomorrow));
        QVERIFY(enterPin(w, QStringLiteral("1234")));
        QTRY_VERIFY2(text(w, sel::kResolveMessage).contains(QStringLiteral("The discovery date is in the future (%1)").arg(tomorrow)),
                     qPrintable(text(w, sel::kResolveMessage)));
        QCOMPARE(f.store->journal().headSeq(), before);
        QVERIFY(type(w, sel::kEscalateDiscovered, found));
        QVERIFY(enterPin(w, QStringLiteral("1234")));
        // On to the worksheet, prefilled from the records.
        QTRY_VERIFY(item(w, sel::kForm106Worksheet));
        const qint64 report = scalar(*f.store, "SELECT id FROM theft_loss WHERE discrepancy_id = 1");
        QVERIFY(report > 0);
        QCOMPARE(scalarText(*f.store, "SELECT status FROM discrepancies WHERE id = 1"), QStringLiteral("escalated"));
        QTRY_COMPARE(text(w, sel::value(sel::kW106Quantity)), QStringLiteral("5 tablets"));
        QCOMPARE(text(w, sel::value(sel::kW106Ndc)), QStringLiteral("0574-4072-05"));
        QCOMPARE(text(w, sel::value(sel::kW106Name)), QStringLiteral("Oxycodone HCl"));
        QCOMPARE(text(w, sel::value(sel::kW106Dea)), LedgerFixture::profile().dea);
        QCOMPARE(text(w, sel::value(sel::kW106Discovery)), found);
        QCOMPARE(scalarText(*f.store, "SELECT loss_type FROM theft_loss WHERE discrepancy_id = 1"), QStringLiteral("theft"));
        QCOMPARE(text(w, sel::value(sel::kW106Kind)), QStringLiteral("Night break-in"));
        QCOMPARE(text(w, sel::value(sel::kW106Police)), QStringLiteral("Report 26-1182, Springfield PD"));
        QCOMPARE(scalarText(*f.store, "SELECT kind FROM theft_loss WHERE discrepancy_id = 1"), QStringLiteral("night-break-in"));
        // The worksheet prints: a PDF and its CSV in the reports folder, the export in the audit log.
        QTemporaryDir folder;
        qputenv("CII_LEDGER_REPORTS_DIR", folder.path().toUtf8());
        QVERIFY(click(w, sel::kWorksheetPdfButton));
        const QString pdf = folder.filePath(QStringLiteral("DEA Form 106 worksheet, report %1.pdf").arg(report));
        QTRY_VERIFY2(QFile::exists(pdf), qPrintable(text(w, sel::kWorksheetPdfState)));
        QTRY_VERIFY(text(w, sel::kWorksheetPdfState).contains(QLatin1String("saved as PDF and CSV")));
        QFile csv(folder.filePath(QStringLiteral("DEA Form 106 worksheet, report %1.csv").arg(report)));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray csvText = csv.readAll();
        QVERIFY2(csvText.contains("Police report,\"Report 26-1182, Springfield PD\"") && csvText.contains("Night break-in"), csvText.constData());
        qunsetenv("CII_LEDGER_REPORTS_DIR");
        QCOMPARE(scalar(*f.store, "SELECT COUNT(*) FROM events WHERE kind = 'records.exported'"), 2);
        QVERIFY2(text(w, sel::filingState(sel::kNoticeFiling)).startsWith(QLatin1String("Due ")), qPrintable(text(w, sel::filingState(sel::kNoticeFiling))));
        QVERIFY(text(w, sel::filingState(sel::kFormFiling)).contains(QLatin1String("in 44 days"))); // 45 from discovery

        // Bad input: a date that is not one, and a missing reference, each refused in a sentence; nothing written.
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(type(w, sel::filingDate(sel::kNoticeFiling), QStringLiteral("2026-13-40")));
        QVERIFY(type(w, sel::filingReference(sel::kNoticeFiling), QStringLiteral("Fax to the field office")));
        QVERIFY(click(w, sel::filingRecord(sel::kNoticeFiling)));
        QTRY_VERIFY(text(w, sel::kLossMessage).contains(QLatin1String("date")));
        QVERIFY(type(w, sel::filingDate(sel::kNoticeFiling), f.ledger->todayInPharmacy()));
        QVERIFY(type(w, sel::filingReference(sel::kNoticeFiling), QString()));
        QVERIFY(click(w, sel::filingRecord(sel::kNoticeFiling)));
        QTRY_VERIFY(text(w, sel::kLossMessage).contains(QLatin1String("reference")));
        QCOMPARE(f.store->journal().headSeq(), head);

        QVERIFY(type(w, sel::filingReference(sel::kNoticeFiling), QStringLiteral("Fax to the field office")));
        QVERIFY(click(w, sel::filingRecord(sel::kNoticeFiling)));
        QTRY_VERIFY(text(w, sel::filingState(sel::kNoticeFiling)).startsWith(QLatin1String("DEA notified on")));
        QVERIFY(!item(w, sel::filingRecord(sel::kNoticeFiling)));
        QVERIFY(type(w, sel::filingReference(sel::kFormFiling), QStringLiteral("DEA106-2026-0042")));
        QVERIFY(click(w, sel::filingRecord(sel::kFormFiling)));
        QTRY_VERIFY(text(w, sel::filingState(sel::kFormFiling)).contains(QLatin1String("DEA106-2026-0042")));
        QCOMPARE(scalarText(*f.store, "SELECT form_reference FROM theft_loss"), QStringLiteral("DEA106-2026-0042"));
        QCOMPARE(scalarText(*f.store, "SELECT notice_reference FROM theft_loss"), QStringLiteral("Fax to the field office"));
        QCOMPARE(rebuildMismatch(*f.store), QString());
    }

    void aReconciliationCountsEveryProductAndIsSigned()
    {
        LedgerFixture f;
        f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0406-0552-01"), QStringLiteral("Hydromorphone HCl"), QStringLiteral("2 mg"),
                                             QStringLiteral("tablet"), QStringLiteral("tablet"), 100});
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(openReviewAs(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(click(w, sel::kTabInventory));
        QTRY_COMPARE(text(w, sel::value(sel::kLastReconciliation)), QStringLiteral("never"));
        // The due dates, each with its date and rule: none taken yet, the initial inventory is due today.
        QTRY_VERIFY2(text(w, QStringLiteral("reviewDueText_0")).startsWith(QLatin1String("Biennial inventory")), qPrintable(text(w, QStringLiteral("reviewDueText_0"))));
        QVERIFY(text(w, QStringLiteral("reviewDueText_0")).contains(QLatin1String("21 CFR 1304.11(b)")));
        QVERIFY(click(w, sel::kStartReconciliation));
        QTRY_VERIFY(item(w, sel::kInventoryCountPage) && settled(w));
        QCOMPARE(text(w, sel::kInventoryProgress), QStringLiteral("0 of 2 counted"));
        QVERIFY(type(w, sel::inventoryCount(f.oxy), QStringLiteral("100")));
        QTRY_COMPARE(text(w, sel::kInventoryProgress), QStringLiteral("1 of 2 counted"));
        // Cancel with a count typed asks first; keeping on keeps what was typed.
        QVERIFY(click(w, sel::kInventoryCancelButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kInventoryLeaveContent)));
        QVERIFY(click(w, sel::kInventoryKeepCounting));
        QTRY_VERIFY(!item(w, sel::kInventoryLeaveContent));
        QCOMPARE(text(w, sel::kInventoryProgress), QStringLiteral("1 of 2 counted"));
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kInventorySaveButton));
        QTRY_VERIFY2(text(w, sel::kInventoryMessage).contains(QLatin1String("next is Hydromorphone HCl 2 mg")),
                     qPrintable(text(w, sel::kInventoryMessage)));
        QVERIFY(type(w, sel::inventoryCount("00406055201"), QStringLiteral("2")));
        // Who counted: the pharmacist-in-charge and a pharmacist, who signs with her own PIN; a wrong one is refused.
        QVERIFY(comboText(w, sel::kInventoryCounter1Person).startsWith(QLatin1String("Pat Chen")));
        QVERIFY(choose(w, sel::kInventoryCounter2Person, QStringLiteral("Rae Lopez")));
        QVERIFY(type(w, sel::kInventoryCounter2Pin, QStringLiteral("9999")));
        QVERIFY(click(w, sel::kInventorySaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kInventorySummaryContent)));
        QVERIFY(enterPin(w, QStringLiteral("1234")));
        QTRY_VERIFY2(text(w, sel::kInventorySummaryMessage).contains(QLatin1String("Rae Lopez")), qPrintable(text(w, sel::kInventorySummaryMessage)));
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM inventories"), 0);
        QVERIFY(click(w, sel::kInventoryBackButton));
        QVERIFY(type(w, sel::kInventoryCounter2Pin, QStringLiteral("2345")));
        QVERIFY(click(w, sel::kInventorySaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kInventorySummaryContent)));
        QVERIFY(enterPin(w, QStringLiteral("1234")));
        QTRY_VERIFY(item(w, sel::kInventoryPanel));
        {
            sql::Query q(f.store->db(), "SELECT payload FROM events WHERE kind = 'inventory.taken'");
            QVERIFY(q.next());
            QCOMPARE(QCborValue::fromCbor(q.blob(0)).toMap().value(QStringLiteral("countedBy")).toString(), QStringLiteral("Pat Chen and Rae Lopez"));
        }
        // Rae Lopez's wrong PIN (auth.failed), her right one clearing it (auth.signed_in), and the inventory.
        QCOMPARE(f.store->journal().headSeq(), head + 3);
        QCOMPARE(scalarText(*f.store, "SELECT type FROM inventories"), QStringLiteral("reconciliation"));
        QCOMPARE(scalar(*f.store, "SELECT products FROM inventories"), 2);
        // The hydromorphone was expected at 0 and counted 2: one discrepancy, waiting in the queue.
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM discrepancies WHERE source = 'inventory' AND difference = 2"), 1);
        QTRY_COMPARE(text(w, sel::value(sel::kLastReconciliation)), f.ledger->todayInPharmacy());
        QTRY_COMPARE(text(w, sel::kReviewButton), QStringLiteral("Review \u00B7 1"));
    }

    void aCountInProgressOutlivesTheIdleLock()
    {
        // The idle lock replaces the counter's pages; a long count must not lose what was typed. After signing in
        // again the count goes on where it was; leaving it on purpose forgets it.
        LedgerFixture f;
        f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0406-0552-01"), QStringLiteral("Hydromorphone HCl"), QStringLiteral("2 mg"),
                                             QStringLiteral("tablet"), QStringLiteral("tablet"), 100});
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(openReviewAs(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(click(w, sel::kTabInventory));
        QVERIFY(click(w, sel::kStartReconciliation));
        QTRY_VERIFY(item(w, sel::kInventoryCountPage) && settled(w));
        QVERIFY(type(w, sel::inventoryCount(f.oxy), QStringLiteral("100")));
        QVERIFY(choose(w, sel::kInventoryCounter2Person, QStringLiteral("Rae Lopez")));
        QVERIFY(type(w, sel::kInventoryCounter2Pin, QStringLiteral("2345")));
        Counter::instance()->setIdleIntervalMs(300); // nobody touches the screen for a while
        QTRY_VERIFY_WITH_TIMEOUT(!Counter::instance()->signedIn() && !item(w, sel::kInventoryCountPage), 10000);
        Counter::instance()->setIdleIntervalMs(60'000);
        QVERIFY(openReviewAs(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(click(w, sel::kTabInventory));
        QTRY_COMPARE(text(w, sel::kStartReconciliation), QStringLiteral("Go on with the reconciliation (1 counted)"));
        QCOMPARE(text(w, sel::kStartBiennial), QStringLiteral("Start the biennial inventory"));
        QVERIFY(click(w, sel::kStartReconciliation));
        QTRY_VERIFY(item(w, sel::kInventoryCountPage) && settled(w));
        QCOMPARE(text(w, sel::kInventoryProgress), QStringLiteral("1 of 2 counted"));
        QCOMPARE(text(w, sel::inventoryCount(f.oxy)), QStringLiteral("100"));
        // Who counted comes back; their PIN never is kept.
        QVERIFY(comboText(w, sel::kInventoryCounter1Person).startsWith(QLatin1String("Pat Chen")));
        QVERIFY(comboText(w, sel::kInventoryCounter2Person).startsWith(QLatin1String("Rae Lopez")));
        QCOMPARE(text(w, sel::kInventoryCounter2Pin), QString());
        QVERIFY2(text(w, sel::kInventoryNotice).contains(QLatin1String("kept")), qPrintable(text(w, sel::kInventoryNotice)));
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM inventories"), 0); // a draft in memory, never a record
        // Leaving without recording forgets it.
        QVERIFY(click(w, sel::kInventoryCancelButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kInventoryLeaveContent)));
        QVERIFY(click(w, sel::kInventoryDiscard));
        QTRY_COMPARE(text(w, sel::kStartReconciliation), QStringLiteral("Start a reconciliation"));
    }

    void aTechnicianSeesButNeitherResolvesNorSigns()
    {
        LedgerFixture f;
        seedDiscrepancies(f, false);
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(openReviewAs(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QCOMPARE(queueIds(w), (QList<qint64>{1, 2}));
        QVERIFY(openDiscrepancy(w, 1));
        QCOMPARE(text(w, sel::figureValue("difference")), QStringLiteral("-5 tablets"));
        QVERIFY(!item(w, sel::kResolveButton));
        QVERIFY(!item(w, sel::kEscalateButton));
        QVERIFY(!item(w, sel::kStartReviewButton));
        QVERIFY(item(w, sel::kWhoResolves));
        // Not hidden only: the C++ refuses a technician's review, resolution and escalation, and writes nothing.
        const qint64 head = f.store->journal().headSeq();
        ReviewController &review = app.screens.review;
        for (const QVariantMap &r : {review.startReview(1, QStringLiteral("looking")),
                                     review.resolve(1, QStringLiteral("counting-error"), QStringLiteral("x"), QStringLiteral("3456")),
                                     review.escalate(1, QStringLiteral("x"), QStringLiteral("3456"))}) {
            QVERIFY(!r.value(QStringLiteral("ok")).toBool());
            QVERIFY2(r.value(QStringLiteral("message")).toString().contains(QLatin1String("discrepanc")), qPrintable(r.value(QStringLiteral("message")).toString()));
        }
        QCOMPARE(f.store->journal().headSeq(), head);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM discrepancies WHERE status = 'open'"), 2);

        // A technician may count the reconciliation, but the pharmacist-in-charge signs it.
        QVERIFY(click(w, sel::kDiscrepancyBack));
        QVERIFY(click(w, sel::kTabInventory));
        QVERIFY(click(w, sel::kStartReconciliation));
        QTRY_VERIFY(item(w, sel::kInventoryCountPage) && settled(w));
        QVERIFY(type(w, sel::inventoryCount(f.oxy), QStringLiteral("68")));
        QVERIFY(click(w, sel::kInventorySaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kInventorySummaryContent)));
        QVERIFY(enterPin(w, QStringLiteral("3456")));
        QTRY_VERIFY2(text(w, sel::kInventorySummaryMessage).contains(QLatin1String("sign an inventory")),
                     qPrintable(text(w, sel::kInventorySummaryMessage)));
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM inventories"), 0);
        QCOMPARE(f.store->journal().headSeq(), head);
    }
};

QTEST_MAIN(TestSupervisor)
#include "tst_supervisor.moc"
