// A day at the counter, through the real main QML over a real temporary store, offscreen: sign in by PIN,
// receive by scan, dispense twice (a partial fill), try an over-dispense, blind count with a mismatch, lock.
// Items are found by objectName and clicked or typed into; the store's state is checked afterwards.
#include "Counter.h"
#include "UiServices.h"
#include "Identifiers.h"
#include "LedgerProjection.h"
#include "LedgerQueries.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "Selectors.h"
#include "StoreStatus.h"
#include "TestApp.h"
#include "TestSupport.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;


class TestCounter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void aDayAtTheCounter()
    {
        test::LedgerFixture f;
        App app(f);
        Counter &counter = app.counter;
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QCOMPARE(text(w, sel::kHeaderPharmacy), QStringLiteral("Main Street Pharmacy"));
        QCOMPARE(text(w, sel::kBackupBadgeText), QStringLiteral("Backup not set up"));
        QVERIFY(!item(w, sel::kRevokedBanner)); // only on a replaced workstation

        // Sign in: a wrong PIN says so; the right one opens the counter.
        QVERIFY(click(w, sel::personTile("TN")));
        QCOMPARE(text(w, sel::kLockPrompt), QStringLiteral("Tom Ng, enter your PIN"));
        pin(w, QStringLiteral("3459"));
        QTRY_VERIFY(text(w, sel::kLockMessage).contains(QLatin1String("wrong PIN for Tom Ng")));
        pin(w, QStringLiteral("3456"));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QCOMPARE(text(w, sel::kHeaderPerson), QStringLiteral("Tom Ng"));
        QCOMPARE(text(w, sel::kHeaderRole), QStringLiteral("Technician"));

        // Search as you type.
        QVERIFY(type(w, sel::kSearch, QStringLiteral("oxy")));
        QTRY_VERIFY(item(w, sel::product(f.oxy)));
        QVERIFY(type(w, sel::kSearch, QStringLiteral("zzz")));
        QTRY_VERIFY(!item(w, sel::product(f.oxy)));
        QVERIFY(type(w, sel::kSearch, QString()));

        // Receive by scan, from anywhere: the focus is taken away from the search field, and a GS1 DataMatrix
        // arrives as a keyboard-wedge scanner types it (a burst of keys, then Enter).
        item(w, sel::kDashboard)->forceActiveFocus();
        const QString gtin13 = QStringLiteral("0030574407205");
        const QString gs1 = QStringLiteral("01") + gtin13 + QString::number(gs1CheckDigit(gtin13)) + QStringLiteral("17280131")
                            + QStringLiteral("10LOT42");
        scan(w, gs1);
        QTRY_COMPARE(text(w, sel::kSelectedName), QStringLiteral("Oxycodone HCl 5 mg tablet, 100 per package"));
        QCOMPARE(text(w, sel::input(sel::kSearch)), f.oxy);
        QVERIFY(click(w, sel::kReceiveButton));
        QTRY_VERIFY(item(w, sel::kReceiveForm));
        QCOMPARE(text(w, sel::input(sel::kLotField)), QStringLiteral("LOT42"));       // prefilled from the scan
        QCOMPARE(text(w, sel::input(sel::kExpiryField)), QStringLiteral("2028-01-31"));
        QVERIFY(type(w, sel::kPackagesField, QStringLiteral("2")));
        QVERIFY(type(w, sel::kOrderField, QStringLiteral("123456789")));
        QVERIFY(type(w, sel::kSupplierField, QStringLiteral("Cardinal Health")));
        QVERIFY(type(w, sel::kSupplierDeaField, QStringLiteral("FE2345672")));
        QVERIFY(saveForm(w));
        QTRY_VERIFY2(item(w, sel::kDashboard) && settled(w), qPrintable(text(w, sel::kFormMessage)));
        QCOMPARE(f.ledger->balance(f.oxy), 200);
        QTRY_COMPARE(text(w, sel::balance(f.oxy)), QStringLiteral("200 tablets"));

        // Dispense, then a partial fill of the same Rx (Enter saves).
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(click(w, sel::kDispenseButton));
        QTRY_VERIFY(item(w, sel::kDispenseForm));
        QVERIFY(type(w, sel::kRxField, QStringLiteral("6001")));
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("30")));
        QVERIFY(!item(w, sel::kWrittenField)); // hidden until a quantity prescribed says it is a first fill
        QVERIFY(type(w, sel::kPrescribedField, QStringLiteral("60")));
        // A first fill names its prescription; less than prescribed asks why (the kind sets the window).
        QTRY_VERIFY(item(w, sel::kWrittenField) && item(w, sel::kPartialKindField));
        QVERIFY(type(w, sel::kWrittenField, f.ledger->todayInPharmacy()));
        QVERIFY(type(w, sel::kPrescriberDeaField, QStringLiteral("BW1234564")));
        QVERIFY(type(w, sel::kPrescriberField, QStringLiteral("Dr. Ann Wells"))); // said once the field is left
        QVERIFY(text(w, sel::problem(sel::kPrescriberDeaField)).startsWith(QLatin1String("The DEA number BW1234564 does not match its check digit")));
        QVERIFY(type(w, sel::kPrescriberDeaField, QStringLiteral("BW1234563")));
        QVERIFY(click(w, sel::kSaveButton)); // the kind was not chosen: said under it, no summary, nothing written
        QCOMPARE(text(w, sel::kFormMessage), QStringLiteral("Correct the field marked in red first: Why less than prescribed."));
        QCOMPARE(text(w, sel::problem(sel::kPartialKindField)),
                 QStringLiteral("Choose why less than prescribed is filled: it sets how long the rest may follow."));
        QVERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(f.ledger->balance(f.oxy), 200);
        QVERIFY(choose(w, sel::box(sel::kPartialKindField), QStringLiteral("The patient or prescriber asked")));
        QVERIFY(saveForm(w));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QVERIFY(text(w, sel::kBanner).contains(QLatin1String("Dispensed 30 tablets on Rx 6001. Balance now 170 tablets.")));
        // The confirmation offers to correct the entry (never to delete it): it opens the ledger with it chosen.
        const qint64 firstFill = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kCorrectLastButton));
        QTRY_VERIFY(item(w, sel::kLedgerPage) && settled(w));
        QVERIFY2(text(w, sel::kChosenEntry).startsWith(QStringLiteral("Entry %1: dispense -30").arg(firstFill)),
                 qPrintable(text(w, sel::kChosenEntry)));
        QVERIFY(!item(w, sel::kCorrectButton)->isEnabled()); // a pharmacist corrects it: said beside the button
        QCOMPARE(text(w, QStringLiteral("correctWhyNot")), QStringLiteral("A technician may not correct an entry."));
        QVERIFY(click(w, sel::kBackButton));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QVERIFY(click(w, sel::kDispenseButton));
        QTRY_VERIFY(item(w, sel::kDispenseForm));
        QVERIFY(type(w, sel::kRxField, QStringLiteral("6001")));
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("30")));
        pressEnter(w); // the summary of what will be recorded
        QTRY_VERIFY(fullyShown(item(w, sel::kSummaryContent)));
        const QString summary = shownTexts(item(w, sel::kSummaryContent)).join(QLatin1Char('|'));
        QVERIFY2(summary.contains(QLatin1String("Rx number|6001")) && summary.contains(QLatin1String("Oxycodone HCl 5 mg")), qPrintable(summary));
        QTest::keyClick(w, Qt::Key_Escape); // Back to the fields: still nothing recorded
        QTRY_VERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(f.ledger->balance(f.oxy), 170);
        pressEnter(w);
        QTRY_VERIFY(fullyShown(item(w, sel::kSummaryContent)));
        pressEnter(w); // Enter records it
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QCOMPARE(f.ledger->balance(f.oxy), 140);
        // A technician's two fills wait for a pharmacist to verify them; the technician cannot sign for one.
        QTRY_COMPARE(text(w, QStringLiteral("verifyButton")), QStringLiteral("2 to verify"));
        QVERIFY(click(w, QStringLiteral("verifyButton")));
        QTRY_VERIFY(item(w, QStringLiteral("verifyPage")) && settled(w));
        QCOMPARE(text(w, QStringLiteral("verifyWhoMay")), QStringLiteral("Only a pharmacist can verify a dispense: ask one to sign in."));
        QVERIFY(click(w, QStringLiteral("toVerify_%1").arg(firstFill)));
        QVERIFY(!item(w, QStringLiteral("verifyChosenButton"))->isEnabled());
        QCOMPARE(LedgerQueries(f.store->db()).dispensesToVerify().size(), 2);
        QVERIFY(click(w, QStringLiteral("verifyBackButton")));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));

        // An over-dispense is refused as it is typed, under the field; Save then says to correct it; nothing is
        // written.
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kDispenseButton));
        QTRY_VERIFY(item(w, sel::kDispenseForm));
        QVERIFY(type(w, sel::kRxField, QStringLiteral("6002")));
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("50")));
        QCOMPARE(text(w, sel::problem(sel::kQuantityField)), QStringLiteral("<quantityFieldProblem not visible>"));
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("500")));
        QCOMPARE(text(w, sel::problem(sel::kQuantityField)), QStringLiteral("More than the balance on hand (140)."));
        QVERIFY(type(w, sel::kPrescribedField, QStringLiteral("500")));
        QVERIFY(type(w, sel::kWrittenField, f.ledger->todayInPharmacy()));
        QVERIFY(type(w, sel::kPrescriberField, QStringLiteral("Dr. Ann Wells")));
        QVERIFY(type(w, sel::kPrescriberDeaField, QStringLiteral("BW1234563")));
        QVERIFY(click(w, sel::kSaveButton));
        QCOMPARE(text(w, sel::kFormMessage), QStringLiteral("Correct the field marked in red first: Quantity dispensed."));
        QVERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(f.store->journal().headSeq(), head);
        // The override is a pharmacist's: a technician is not offered it, and told why, in the ledger's words.
        QVERIFY(!click(w, sel::kOverrideCheck));
        QCOMPARE(text(w, sel::kOverrideWhyNot), QStringLiteral("A technician may not dispense over the recorded balance."));
        QVERIFY(!item(w, sel::kOverridePinField));
        QCOMPARE(f.ledger->balance(f.oxy), 140);
        QVERIFY(click(w, sel::kCancelButton)); // what was typed is not recorded: asked first
        QTRY_VERIFY(item(w, sel::kDiscardButton));
        QVERIFY(click(w, sel::kDiscardButton));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));

        // A blind count that differs: the form never shows the balance; the answer names the reviewer.
        QVERIFY(click(w, sel::kCountButton));
        QTRY_VERIFY(item(w, sel::kCountForm));
        const QStringList shown = shownTexts(item(w, sel::kCountForm));
        QVERIFY(shown.join(QLatin1Char(' ')).contains(QLatin1String("Count on the shelf (tablets)")));
        QVERIFY2(!shown.join(QLatin1Char(' ')).contains(QLatin1String("140")), qPrintable(shown.join(QLatin1String(" | "))));
        QVERIFY(type(w, sel::kCountedField, QStringLiteral("138")));
        // It does not match: asked once to count again, the field emptied (blind), nothing recorded.
        const qint64 beforeCount = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kSaveButton)); // asked at Save, before the summary
        QTRY_VERIFY2(text(w, sel::kFormMessage).startsWith(QLatin1String("Count again?")), qPrintable(text(w, sel::kFormMessage)));
        QVERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(text(w, sel::input(sel::kCountedField)), QString());
        QCOMPARE(f.store->journal().headSeq(), beforeCount);
        QVERIFY(type(w, sel::kCountedField, QStringLiteral("138")));
        QVERIFY(saveForm(w)); // the second count is recorded as counted
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QVERIFY2(text(w, sel::kBanner).contains(QLatin1String("differs from the records by -2 tablets")), qPrintable(text(w, sel::kBanner)));
        QVERIFY(text(w, sel::kBanner).contains(QLatin1String("open for Pat Chen")));

        // The product's ledger: newest first, with the running balance.
        QVERIFY(click(w, sel::kLedgerButton));
        QTRY_VERIFY(item(w, sel::kLedgerPage) && settled(w));
        const qint64 countSeq = f.store->journal().headSeq();
        QTRY_COMPARE(text(w, sel::balanceAfter(countSeq)), QStringLiteral("138"));
        QVERIFY(text(w, sel::reference(countSeq - 1)).startsWith(QLatin1String("6001"))); // the partial fill
        // A date filter that is not a date says so and filters nothing.
        QVERIFY(type(w, sel::kFromDate, QStringLiteral("2026-02-30")));
        pressEnter(w);
        QTRY_COMPARE(text(w, sel::problem(sel::kFromDate)), QStringLiteral("\u201C2026-02-30\u201D is not a date written YYYY-MM-DD"));
        QCOMPARE(text(w, sel::balanceAfter(countSeq)), QStringLiteral("138"));

        // "Correct this entry": not offered to a technician, who is told why in the ledger's words.
        const qint64 partialFill = countSeq - 1;
        QVERIFY(!item(w, sel::kCorrectButton)->isEnabled()); // nothing chosen yet
        QVERIFY(click(w, sel::entry(partialFill)));
        QVERIFY(text(w, sel::kChosenEntry).startsWith(QStringLiteral("Entry %1: dispense -30").arg(partialFill)));
        QVERIFY(!click(w, sel::kCorrectButton));
        QCOMPARE(text(w, QStringLiteral("correctWhyNot")), QStringLiteral("A technician may not correct an entry."));
        QVERIFY(!item(w, sel::kVoidDialogContent));
        QVERIFY(item(w, sel::kBalanceChart));
        QTest::keyClick(w, Qt::Key_Escape);
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));

        // Lock.
        QVERIFY(click(w, sel::kLockButton));
        QTRY_VERIFY(item(w, sel::kLockScreen));
        QVERIFY(!counter.signedIn());

        // The store afterwards.
        QCOMPARE(f.ledger->balance(f.oxy), 138);
        {
            sql::Query rx(f.store->db(), "SELECT prescribed_qty, dispensed_qty FROM prescriptions WHERE rx = '6001'");
            QVERIFY(rx.next());
            QCOMPARE(rx.int64(0), 60);
            QCOMPARE(rx.int64(1), 60);
            sql::Query d(f.store->db(), "SELECT count(*) FROM discrepancies WHERE status = 'open'");
            QVERIFY(d.next());
            QCOMPARE(d.int64(0), 1);

            sql::Query lot(f.store->db(), "SELECT count(*) FROM events WHERE kind = 'auth.failed'");
            QVERIFY(lot.next());
            QCOMPARE(lot.int64(0), 1);
        }
        QVERIFY(f.store->verify().intact);
    }

    void everyScreenIsTouchSizedNamedAndFits_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x768") << QSize(1024, 768);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }
    void everyScreenIsTouchSizedNamedAndFits()
    {
        QFETCH(QSize, size);
        test::LedgerFixture f;
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 1));
        const qint64 fill = f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 10, QStringLiteral("7002"), 10));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w);
        w->resize(size);
        QVERIFY(QTest::qWaitForWindowExposed(w));
        const auto sweep = [&](const char *screen) {
            QTest::qWait(50);
            const QStringList problems = touchAndAccessibilityProblems(w);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(screen), problems.join(QStringLiteral("; ")))));
        };
        QVERIFY(click(w, sel::personTile("PC")));
        sweep("lock screen");
        pin(w, QStringLiteral("1234"));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QVERIFY(click(w, sel::product(f.oxy)));
        sweep("dashboard");
        for (const char *form : {sel::kDispenseButton, sel::kReceiveButton, sel::kCountButton, sel::kLedgerButton,
                                 sel::kMovementButton, sel::kWasteButton, sel::kDestroyButton, sel::kTheftLossButton,
                                 sel::kAdjustButton, sel::kShelfCountButton}) {
            QVERIFY(click(w, QLatin1String(form)));
            QTRY_VERIFY(!item(w, sel::kDashboard) && settled(w));
            sweep(form);
            QTest::keyClick(w, Qt::Key_Escape);
            QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        }
        QVERIFY(click(w, sel::kDestroyButton));
        QTRY_VERIFY(item(w, sel::kDestroyForm) && settled(w));
        // The witnesses' PINs: without them Save says so under the fields, before the summary.
        QVERIFY(choose(w, sel::witnessPerson(sel::kFirstWitness), QStringLiteral("Rae Lopez")));
        QVERIFY(choose(w, sel::witnessPerson(sel::kSecondWitness), QStringLiteral("Tom Ng")));
        QVERIFY(type(w, sel::witnessPin(sel::kFirstWitness), QStringLiteral("2345")));
        QVERIFY(type(w, sel::witnessPin(sel::kSecondWitness), QStringLiteral("3456")));
        QVERIFY(click(w, sel::kSaveButton));
        QTRY_VERIFY2(fullyShown(item(w, sel::kSummaryContent)), qPrintable(shownTexts(item(w, sel::kDestroyForm)).join(QLatin1String(" | "))));
        sweep("summary before saving");
        QTest::keyClick(w, Qt::Key_Escape);
        QTRY_VERIFY(!item(w, sel::kSummaryContent));
        QTest::keyClick(w, Qt::Key_Escape);
        QTRY_VERIFY(item(w, sel::kDiscardButton)); // the witnesses chosen: leaving asks
        QVERIFY(click(w, sel::kDiscardButton));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QVERIFY(click(w, sel::kLedgerButton));
        QTRY_VERIFY(item(w, sel::kLedgerPage) && settled(w));
        QVERIFY(click(w, sel::entry(fill)));
        QVERIFY(click(w, sel::kReturnButton));
        QTRY_VERIFY_WITH_TIMEOUT(fullyShown(item(w, sel::kReturnDialogContent)), 10000);
        sweep("return to stock");
    }

    void otherRecordsWithWitnessesSignaturesAndTheKeypad()
    {
        test::LedgerFixture f;
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 2)); // 200 tablets
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        // Every PIN below (sign-in, witnesses, signatures, a wrong one) is checked on a worker: none on this thread.
        const int uiThreadChecks = SecretHasher::checksOnThisThread();
        QVERIFY(click(w, sel::personTile("RL")));
        pin(w, QStringLiteral("2345"));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QVERIFY(click(w, sel::product(f.oxy)));
        const auto openForm = [&](const char *button, const char *form) {
            QVERIFY(click(w, QLatin1String(button)));
            QTRY_VERIFY(item(w, QLatin1String(form)) && settled(w));
        };
        const auto backOnDashboard = [&] {
            QTRY_VERIFY2(item(w, sel::kDashboard) && settled(w), qPrintable(text(w, sel::kFormMessage)));
        };

        // Waste, witnessed by the technician, who types their own PIN here. A wrong witness PIN is refused
        // in the Ledger's words and moves no stock.
        openForm(sel::kWasteButton, sel::kWasteForm);
        QVERIFY(type(w, sel::kWasteQuantityField, QStringLiteral("2")));
        QVERIFY(choose(w, sel::box(sel::kWasteReasonField), QStringLiteral("Dropped")));
        QVERIFY(type(w, sel::kWasteNoteField, QStringLiteral("fell in the sink")));
        QVERIFY(choose(w, sel::witnessPerson(sel::kWasteWitness), QStringLiteral("Tom Ng")));
        QVERIFY(type(w, sel::witnessPin(sel::kWasteWitness), QStringLiteral("9999")));
        QVERIFY(saveForm(w));
        QTRY_VERIFY2(text(w, sel::kFormMessage).contains(QLatin1String("wrong PIN for Tom Ng")), qPrintable(text(w, sel::kFormMessage)));
        QCOMPARE(f.ledger->balance(f.oxy), 200);
        QVERIFY(type(w, sel::witnessPin(sel::kWasteWitness), QStringLiteral("3456")));
        // The summary names the witness, never a PIN.
        QVERIFY(click(w, sel::kSaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kSummaryContent)));
        const QString summary = shownTexts(item(w, sel::kSummaryContent)).join(QLatin1Char('|'));
        QVERIFY2(summary.contains(QLatin1String("Tom Ng (signs with their PIN)")) && !summary.contains(QLatin1String("3456")), qPrintable(summary));
        QVERIFY(click(w, sel::kConfirmSaveButton));
        backOnDashboard();
        QCOMPARE(f.ledger->balance(f.oxy), 198);

        // Destruction (Form 41) with two witnesses, the quantity typed on the on-screen keypad.
        openForm(sel::kDestroyButton, sel::kDestroyForm);
        item(w, sel::input(sel::kDestroyUnitsField))->forceActiveFocus();
        QVERIFY(click(w, sel::keypad("1")));
        QVERIFY(click(w, sel::keypad("3")));
        QVERIFY(click(w, sel::keypad("back")));
        QVERIFY(click(w, sel::keypad("5")));
        QCOMPARE(text(w, sel::input(sel::kDestroyUnitsField)), QStringLiteral("15"));
        QVERIFY(type(w, sel::kDestroyMethodField, QStringLiteral("chemical digestion kit")));
        QVERIFY(type(w, sel::kDestroyLocationField, QStringLiteral("back room")));
        QVERIFY(choose(w, sel::witnessPerson(sel::kFirstWitness), QStringLiteral("Tom Ng")));
        QVERIFY(type(w, sel::witnessPin(sel::kFirstWitness), QStringLiteral("3456")));
        QVERIFY(choose(w, sel::witnessPerson(sel::kSecondWitness), QStringLiteral("Pat Chen")));
        QVERIFY(type(w, sel::witnessPin(sel::kSecondWitness), QStringLiteral("1234")));
        QVERIFY(saveForm(w));
        backOnDashboard();
        QCOMPARE(f.ledger->balance(f.oxy), 183);

        // Transfer out to another registrant.
        openForm(sel::kMovementButton, sel::kMovementForm);
        QVERIFY(choose(w, sel::box(sel::kMovementKindField), QStringLiteral("Transfer out")));
        QVERIFY(type(w, sel::kMovementQuantityField, QStringLiteral("20")));
        QVERIFY(type(w, sel::kPartyField, QStringLiteral("Eastside Pharmacy")));
        QVERIFY(type(w, sel::kPartyDeaField, QStringLiteral("FE2345672")));
        QVERIFY(type(w, sel::kMovementOrderField, QStringLiteral("987654321")));
        QVERIFY(saveForm(w));
        backOnDashboard();
        QCOMPARE(f.ledger->balance(f.oxy), 163);

        // Theft or loss, signed: the banner gives both DEA deadlines.
        openForm(sel::kTheftLossButton, sel::kTheftLossForm);
        QVERIFY(choose(w, sel::box(sel::kLossTypeField), QStringLiteral("Theft")));
        QVERIFY(type(w, sel::kLossQuantityField, QStringLiteral("3")));
        QVERIFY(choose(w, sel::box(sel::kLossKindField), QStringLiteral("Night break-in"))); // Form 106's kinds of a theft
        QVERIFY(type(w, sel::kCircumstancesField, QStringLiteral("bottle missing after a break-in")));
        QVERIFY(type(w, sel::kPoliceReportField, QStringLiteral("Report 26-0917, Metro PD")));
        QVERIFY(type(w, sel::kLossPinField, QStringLiteral("2345")));
        QVERIFY(saveForm(w));
        backOnDashboard();
        const auto due = ledgerdb::lossDeadlines(f.store->db(), f.store->journal().headSeq());
        QVERIFY(!due.noticeDue.isEmpty());
        QVERIFY2(text(w, sel::kBanner).contains(QStringLiteral("Notify the DEA by %1 (one business day) and file Form 106 by %2.")
                                                                 .arg(due.noticeDue, due.formDue)),
                 qPrintable(text(w, sel::kBanner)));
        QCOMPARE(f.ledger->balance(f.oxy), 160);
        QCOMPARE(scalarText(*f.store, "SELECT kind || ' / ' || police_report FROM theft_loss"), QStringLiteral("night-break-in / Report 26-0917, Metro PD"));

        // An adjustment, signed.
        openForm(sel::kAdjustButton, sel::kAdjustForm);
        QVERIFY(choose(w, sel::box(sel::kAdjustDirectionField), QStringLiteral("Add")));
        QVERIFY(type(w, sel::kAdjustQuantityField, QStringLiteral("1")));
        QVERIFY(choose(w, sel::box(sel::kAdjustReasonField), QStringLiteral("Found stock")));
        QVERIFY(type(w, sel::kJustificationField, QStringLiteral("tablet found under the counting tray")));
        QVERIFY(type(w, sel::kAdjustPinField, QStringLiteral("2345")));
        QVERIFY(saveForm(w));
        backOnDashboard();
        QCOMPARE(f.ledger->balance(f.oxy), 161);

        // Stock set aside awaiting disposal, from the same form: on hand still, no longer dispensable.
        openForm(sel::kAdjustButton, sel::kAdjustForm);
        QVERIFY(choose(w, sel::box(sel::kAdjustDirectionField), QStringLiteral("Set aside awaiting disposal")));
        QVERIFY(!item(w, sel::kAdjustReasonField)); // no reason code: the justification says why
        QVERIFY(type(w, sel::kAdjustQuantityField, QStringLiteral("10")));
        QVERIFY(type(w, sel::kJustificationField, QStringLiteral("expired 2026-08, lot L1")));
        QVERIFY(type(w, sel::kAdjustPinField, QStringLiteral("2345")));
        QVERIFY(saveForm(w));
        backOnDashboard();
        QVERIFY2(text(w, sel::kBanner).contains(QStringLiteral("10 of the 161 tablets on hand await disposal")), qPrintable(text(w, sel::kBanner)));
        QCOMPARE(f.ledger->balance(f.oxy), 161);
        QCOMPARE(LedgerQueries(f.store->db()).awaitingDisposal(f.oxy), 10);

        // The store afterwards: each kind once, witnesses recorded, the journal intact.
        {
            sql::Query kinds(f.store->db(), "SELECT group_concat(kind, ',') FROM (SELECT kind FROM events WHERE kind LIKE 'stock.%' ORDER BY seq)");
            QVERIFY(kinds.next());
            QCOMPARE(kinds.text(0), QStringLiteral("stock.received,stock.wasted,stock.destroyed,stock.moved,stock.theft_or_loss,stock.adjusted,stock.set_aside"));
            sql::Query witnesses(f.store->db(), "SELECT count(*) FROM witnesses");
            QVERIFY(witnesses.next());
            QCOMPARE(witnesses.int64(0), 3);
        }
        QVERIFY(f.store->verify().intact);
        QCOMPARE(SecretHasher::checksOnThisThread(), uiThreadChecks);
    }

    void aScanWhileAFormIsOpenFillsItOrSaysItIsAnotherProduct()
    {
        test::LedgerFixture f;
        const QString morphine = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0054-0235-25"), QStringLiteral("Morphine sulfate ER"),
                                                                     QStringLiteral("15 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 100, QStringLiteral("CII")});
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        const auto gs1 = [](const QString &ndc10, const QString &rest) {
            const QString gtin13 = QStringLiteral("003") + ndc10;
            return QStringLiteral("01") + gtin13 + QString::number(gs1CheckDigit(gtin13)) + rest;
        };

        // A receipt open, the packages typed, the focus still in that field: the scan fills lot and expiry,
        // its characters are taken back out of the packages field, and its Enter does not open the summary.
        QTRY_VERIFY2(item(w, sel::product(f.oxy)), qPrintable(shownTexts(item(w, sel::kDashboard)).join('|')));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(click(w, sel::kReceiveButton));
        QTRY_VERIFY(item(w, sel::kReceiveForm) && settled(w));
        QVERIFY(type(w, sel::kPackagesField, QStringLiteral("3")));
        scan(w, gs1(QStringLiteral("0574407205"), QStringLiteral("17290630") + QStringLiteral("10AB7731")));
        QTRY_COMPARE(text(w, sel::input(sel::kLotField)), QStringLiteral("AB7731"));
        QCOMPARE(text(w, sel::input(sel::kExpiryField)), QStringLiteral("2029-06-30"));
        QCOMPARE(text(w, sel::input(sel::kPackagesField)), QStringLiteral("3"));
        QCOMPARE(text(w, sel::kFormNotice), QStringLiteral("Lot and expiry filled from the scan."));
        QVERIFY(!item(w, sel::kSummaryContent));

        // Another product's barcode: said in a sentence, the form untouched.
        scan(w, gs1(QStringLiteral("0054023525"), QStringLiteral("10ZZ1")));
        QTRY_VERIFY2(text(w, sel::kFormMessage).contains(QLatin1String("That scan is Morphine sulfate ER, but this form is for Oxycodone HCl 5 mg")),
                     qPrintable(text(w, sel::kFormMessage)));
        QCOMPARE(text(w, sel::input(sel::kLotField)), QStringLiteral("AB7731"));
        QCOMPARE(text(w, sel::input(sel::kPackagesField)), QStringLiteral("3"));
        QVERIFY(item(w, sel::kReceiveForm));
        // A code the catalogue does not know: the lookup's own sentence.
        scan(w, QStringLiteral("99999999999"));
        QTRY_VERIFY(!text(w, sel::kFormMessage).contains(QLatin1String("Morphine")));
        QVERIFY(!text(w, sel::kFormMessage).isEmpty());
        QVERIFY(type(w, sel::kOrderField, QStringLiteral("123456789")));
        QVERIFY(type(w, sel::kSupplierField, QStringLiteral("Cardinal Health")));
        QVERIFY(type(w, sel::kSupplierDeaField, QStringLiteral("FE2345672")));
        QVERIFY(saveForm(w));
        QTRY_VERIFY2(item(w, sel::kDashboard) && settled(w), qPrintable(text(w, sel::kFormMessage)));
        QCOMPARE(f.ledger->balance(f.oxy), 300);
        QCOMPARE(f.ledger->balance(morphine), 0);
        {
            sql::Query lot(f.store->db(), "SELECT payload FROM events WHERE kind = 'stock.received'");
            QVERIFY(lot.next());
            const QString payload = QString::fromUtf8(lot.blob(0));
            QVERIFY2(payload.contains(QLatin1String("AB7731")) && payload.contains(QLatin1String("2029-06-30")), "lot and expiry recorded");
        }

        // Over the product ledger, a scan (a DataMatrix with the product number only) goes back to the dashboard
        // with that product.
        QVERIFY(click(w, sel::kLedgerButton));
        QTRY_VERIFY(item(w, sel::kLedgerPage) && settled(w));
        scan(w, gs1(QStringLiteral("0054023525"), QString()));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QTRY_COMPARE(text(w, sel::kSelectedName), QStringLiteral("Morphine sulfate ER 15 mg tablet, 100 per package"));
    }

    void returnToStockFromTheProductLedger()
    {
        test::LedgerFixture f;
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 2)); // 200 tablets
        const qint64 fill = f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 30, QStringLiteral("7001"), 30));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(click(w, sel::kLedgerButton));
        QTRY_VERIFY(item(w, sel::kLedgerPage) && settled(w));

        // A receipt cannot go back to stock; the dispense can.
        QVERIFY(click(w, sel::entry(fill - 1)));
        QVERIFY(!item(w, sel::kReturnButton)->isEnabled());
        QVERIFY(click(w, sel::entry(fill)));
        QVERIFY(item(w, sel::kReturnButton)->isEnabled());
        QVERIFY(click(w, sel::kReturnButton));
        QTRY_VERIFY_WITH_TIMEOUT(fullyShown(item(w, sel::kReturnDialogContent)), 10000);
        QCOMPARE(text(w, sel::input(sel::kReturnQuantity)), QStringLiteral("30")); // all of it, offered

        // More than was dispensed: the Ledger's sentence, nothing written.
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(type(w, sel::kReturnQuantity, QStringLiteral("40")));
        QVERIFY(type(w, sel::kReturnReason, QStringLiteral("not picked up")));
        QVERIFY(click(w, sel::kReturnSave));
        QTRY_VERIFY2(text(w, sel::kReturnMessage).contains(QLatin1String("more than was dispensed and not yet returned (30)")),
                     qPrintable(text(w, sel::kReturnMessage)));
        QCOMPARE(f.store->journal().headSeq(), head);

        // Part of it, typed on the dialog's keypad; Enter records it.
        item(w, sel::input(sel::kReturnQuantity))->forceActiveFocus();
        QVERIFY(click(w, sel::keypad("clear")));
        QVERIFY(click(w, sel::keypad("2")));
        QVERIFY(click(w, sel::keypad("0")));
        item(w, sel::input(sel::kReturnReason))->forceActiveFocus();
        pressEnter(w);
        QTRY_VERIFY(!item(w, sel::kReturnDialogContent));
        QCOMPARE(f.ledger->balance(f.oxy), 190);
        QTRY_COMPARE(text(w, sel::balanceAfter(head + 1)), QStringLiteral("190"));
        QVERIFY(text(w, sel::reference(head + 1)).contains(QStringLiteral("corrects %1").arg(fill)));
        {
            sql::Query back(f.store->db(), "SELECT kind, actor FROM events WHERE seq = ?");
            back.bind(1, head + 1);
            QVERIFY(back.next());
            QCOMPARE(back.text(0), QStringLiteral("stock.returned_to_stock"));
            QCOMPARE(back.text(1), f.techId);
        }
        QVERIFY(f.store->verify().intact);
    }

    void aShelfCountIsBlindAndOpensDiscrepanciesForThePharmacistInCharge()
    {
        test::LedgerFixture f;
        const QString morphine = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0054-0235-25"), QStringLiteral("Morphine sulfate ER"),
                                                                     QStringLiteral("15 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 100, QStringLiteral("CII")});
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 2));     // 200
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(morphine, 1));  // 100
        f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(morphine, 13, QStringLiteral("8001"), 13)); // 87
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QTRY_VERIFY(item(w, sel::product(morphine)));
        QVERIFY(click(w, sel::kShelfCountButton));
        QTRY_VERIFY(item(w, sel::kShelfCountPage) && settled(w));
        // Blind: neither balance is shown.
        const QString shown = shownTexts(item(w, sel::kShelfCountPage)).join(QLatin1Char('|'));
        QVERIFY2(shown.contains(QLatin1String("Morphine sulfate ER")) && shown.contains(QLatin1String("Oxycodone HCl"))
                     && !shown.contains(QLatin1String("200")) && !shown.contains(QLatin1String("87")), qPrintable(shown));
        // Nothing counted: said so, nothing written.
        QVERIFY(click(w, sel::kShelfSaveButton));
        QCOMPARE(text(w, sel::kShelfMessage), QStringLiteral("Enter at least one count (0 when the shelf is empty)."));

        // A scan of the morphine bottle goes to its line; its count is typed on the keypad. Oxycodone typed.
        scan(w, QStringLiteral("0100300540235253"));
        QTRY_COMPARE(text(w, sel::kShelfNotice), QStringLiteral("Scanned Morphine sulfate ER: type its count."));
        QTRY_VERIFY(item(w, sel::shelfCount(morphine) + QStringLiteral("Input"))->hasActiveFocus());
        QCOMPARE(text(w, sel::shelfCount(morphine) + QStringLiteral("Input")), QString()); // the scan taken back out
        QVERIFY(click(w, sel::keypad("8")));
        QVERIFY(click(w, sel::keypad("5")));
        QVERIFY(type(w, sel::shelfCount(f.oxy), QStringLiteral("200")));
        QVERIFY(click(w, sel::kShelfSaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kShelfSummaryContent)));
        const QString summary = shownTexts(item(w, sel::kShelfSummaryContent)).join(QLatin1Char('|'));
        QVERIFY2(summary.contains(QLatin1String("85 tablets")) && summary.contains(QLatin1String("200 tablets")), qPrintable(summary));
        // The morphine's count differs: "Count again?" is asked once, naming it and never its balance; nothing written.
        const qint64 beforeCount = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kShelfConfirmButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kCountAgainContent)));
        const QString question = text(w, sel::kCountAgainText);
        QVERIFY2(question.contains(QLatin1String("Morphine sulfate ER")) && !question.contains(QLatin1String("Oxycodone"))
                     && !question.contains(QLatin1String("87")), qPrintable(question));
        QCOMPARE(f.store->journal().headSeq(), beforeCount);
        QVERIFY(click(w, sel::kCountAgainButton));
        QTRY_VERIFY(!item(w, sel::kCountAgainContent) && settled(w));
        QCOMPARE(text(w, sel::shelfCount(morphine) + QStringLiteral("Input")), QString()); // counted again, blind
        QCOMPARE(text(w, sel::shelfCount(f.oxy) + QStringLiteral("Input")), QStringLiteral("200"));
        QTRY_VERIFY(item(w, sel::shelfCount(morphine) + QStringLiteral("Input"))->hasActiveFocus());
        QVERIFY(type(w, sel::shelfCount(morphine), QStringLiteral("85")));
        QVERIFY(click(w, sel::kShelfSaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kShelfSummaryContent)));
        QVERIFY(click(w, sel::kShelfConfirmButton)); // asked once: recorded as counted now
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        const QString banner = text(w, sel::kBanner);
        {
            sql::Query opened(f.store->db(), "SELECT id FROM discrepancies WHERE status = 'open'");
            QVERIFY(opened.next());
            QCOMPARE(banner, QStringLiteral("Shelf count saved: 2 products; 1 differs from the records. Discrepancy %1 is open for Pat Chen to review.")
                                 .arg(opened.int64(0)));
        }

        // The store: two blind counts, one discrepancy of -2 on the morphine.
        {
            sql::Query counts(f.store->db(), "SELECT count(*) FROM events WHERE kind = 'stock.counted'");
            QVERIFY(counts.next());
            QCOMPARE(counts.int64(0), 2);
            sql::Query d(f.store->db(), "SELECT ndc11, expected, counted FROM discrepancies WHERE status = 'open'");
            QVERIFY(d.next());
            QCOMPARE(d.text(0), morphine);
            QCOMPARE(d.int64(1), 87);
            QCOMPARE(d.int64(2), 85);
            QVERIFY(!d.next());
        }
        QVERIFY(f.store->verify().intact);
    }

    void formsCheckFieldsByTheLedgersRulesAsTheyAreTyped()
    {
        test::LedgerFixture f;
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 1)); // 100
        App app(f);
        const Counter &c = app.counter;
        const QString today = c.today();
        const QString yesterday = QDate::fromString(today, Qt::ISODate).addDays(-1).toString(Qt::ISODate);
        const QString tomorrow = QDate::fromString(today, Qt::ISODate).addDays(1).toString(Qt::ISODate);
        const QList<std::tuple<const char *, QString, QString>> cases{
            {"quantity", QStringLiteral("0"), QStringLiteral("The number must be a whole number above zero.")},
            {"quantity", QStringLiteral("20000000"), QStringLiteral("The number is implausibly large (more than 10000000).")},
            {"quantity", QStringLiteral("12"), QString()},
            {"count", QStringLiteral("0"), QString()},
            {"dispense", QStringLiteral("101"), QStringLiteral("More than the balance on hand (100).")},
            {"dispense", QStringLiteral("100"), QString()},
            {"dea", QStringLiteral("FE2345672"), QString()},
            {"form222", QStringLiteral("1234"), QStringLiteral("A Form 222 number must be its 8 or 9 digits.")},
            {"form222", QStringLiteral("123456789"), QString()},
            {"date", QStringLiteral("2026-02-30"), QStringLiteral("The date must be a date written YYYY-MM-DD.")},
            {"date", tomorrow, QStringLiteral("The date is in the future (%1).").arg(tomorrow)},
            {"date", today, QString()},
            {"expiry", yesterday, QStringLiteral("This expiry date is past: expired stock is not received into inventory.")},
            {"expiry", tomorrow, QString()},
            {"quantity", QString(), QString()}, // nothing typed yet
        };
        for (const auto &[kind, text, expected] : cases)
            QVERIFY2(c.fieldProblem(QLatin1String(kind), text, f.oxy) == expected,
                     qPrintable(QStringLiteral("%1 \"%2\": %3").arg(QLatin1String(kind), text, c.fieldProblem(QLatin1String(kind), text, f.oxy))));
        QVERIFY(c.fieldProblem(QStringLiteral("dea"), QStringLiteral("FE2345679")).startsWith(QLatin1String("The DEA number FE2345679 does not match its check digit")));

        // On the receipt form: a wrong DEA number is said when the field is left; Save refuses until it is right.
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(click(w, sel::kReceiveButton));
        QTRY_VERIFY(item(w, sel::kReceiveForm) && settled(w));
        QVERIFY(type(w, sel::kSupplierDeaField, QStringLiteral("FE2345679")));
        QCOMPARE(text(w, sel::problem(sel::kSupplierDeaField)), QStringLiteral("<supplierDeaFieldProblem not visible>"));
        QVERIFY(type(w, sel::kLotField, QStringLiteral("L9")));
        QVERIFY(text(w, sel::problem(sel::kSupplierDeaField)).startsWith(QLatin1String("The DEA number FE2345679 does not match its check digit")));
        QVERIFY(click(w, sel::kSaveButton));
        QCOMPARE(text(w, sel::kFormMessage), QStringLiteral("Correct the field marked in red first: Supplier's DEA number."));
        QVERIFY(type(w, sel::kSupplierDeaField, QStringLiteral("FE2345672")));
        QCOMPARE(text(w, sel::problem(sel::kSupplierDeaField)), QStringLiteral("<supplierDeaFieldProblem not visible>"));
    }

    void aShortReceiptReceivesWhatArrivedAndNamesWhoWasTold()
    {
        test::LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        // A loss in transit is not offered as a theft or loss: it is a short receipt.
        QCOMPARE(app.counter.choices().value(QStringLiteral("lossTypes")).toStringList(), (QStringList{QStringLiteral("theft"), QStringLiteral("loss")}));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(click(w, sel::kReceiveButton));
        QTRY_VERIFY(item(w, sel::kReceiveForm) && settled(w));
        QVERIFY(type(w, sel::kPackagesField, QStringLiteral("2")));
        QVERIFY(type(w, sel::kOrderField, QStringLiteral("123456789")));
        QVERIFY(type(w, sel::kSupplierField, QStringLiteral("Cardinal Health")));
        QVERIFY(type(w, sel::kSupplierDeaField, QStringLiteral("FE2345672")));
        QVERIFY(type(w, sel::kLotField, QStringLiteral("L9")));
        QVERIFY(type(w, sel::kExpiryField, QStringLiteral("2030-01-31")));
        QVERIFY(!item(w, sel::kSupplierToldField)); // shown only when fewer arrived than were shipped
        QVERIFY(type(w, sel::kShippedField, QStringLiteral("3")));
        QTRY_VERIFY(item(w, sel::kSupplierToldField));
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(saveForm(w));
        QTRY_COMPARE(text(w, sel::kFormMessage),
                     QStringLiteral("Could not record the receipt: Who at the supplier was told of the 1 missing package is required"));
        QCOMPARE(f.store->journal().headSeq(), head);
        QVERIFY(type(w, sel::kSupplierToldField, QStringLiteral("Dana, Cardinal CII desk, by phone")));
        QVERIFY(saveForm(w));
        QTRY_VERIFY2(item(w, sel::kDashboard) && settled(w), qPrintable(text(w, sel::kFormMessage)));
        QCOMPARE(f.ledger->balance(f.oxy), 200); // what arrived
    }

    void locksItselfWhenIdleAndNeedsASignedInPerson()
    {
        test::LedgerFixture f;
        UiServices screens(f.store.get());
        Counter &counter = screens.counter;
        counter.setIdleIntervalMs(200);
        QVERIFY(counter.signIn(f.techId, QStringLiteral("3456")).value(QStringLiteral("ok")).toBool());
        QVERIFY(counter.signedIn());
        QTRY_VERIFY_WITH_TIMEOUT(!counter.signedIn(), 5000); // nobody touched it
        QVERIFY(counter.signIn(f.techId, QStringLiteral("3456")).value(QStringLiteral("ok")).toBool());
        counter.setIdleIntervalMs(60'000);
        QVERIFY(!counter.dispense(f.oxy, QStringLiteral("ten"), QStringLiteral("7"), QStringLiteral("10")).value(QStringLiteral("ok")).toBool());
        counter.lock();
        QVERIFY(!counter.signedIn());
        QCOMPARE(counter.dispense(f.oxy, QStringLiteral("1"), QStringLiteral("7"), QStringLiteral("1")).value(QStringLiteral("message")).toString(),
                 QStringLiteral("Sign in first."));
    }
};

QTEST_MAIN(TestCounter)
#include "tst_counter.moc"
