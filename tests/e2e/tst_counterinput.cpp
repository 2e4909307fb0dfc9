// Nothing typed is lost or misplaced (docs/SCREEN-RULES.md, "Input"), through the real main QML over a real
// temporary store, offscreen: the form keypad types into the focused field only; forms and the dashboard take the
// focus when they open; letters in a number field are refused under it; Cancel or Escape on a filled form asks;
// a PIN pad takes the keyboard when tapped; a save's banner moves no button; a technician is not offered what a
// technician may not record. Keys go to the focused item and clicks land on items' centres, as a person's do.
#include "Counter.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "Selectors.h"
#include "StoreStatus.h"
#include "TestApp.h"
#include "TestSupport.h"

#include <QQuickStyle>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {

QString focused(QQuickWindow *w)
{
    return w->activeFocusItem() ? w->activeFocusItem()->objectName() : QString();
}

/// A tap at an item's centre, enabled or not: what a finger does to a greyed-out key.
bool tap(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = settled(w) ? item(w, name) : nullptr;
    if (!i)
        return false;
    QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, i->mapToScene(QPointF(i->width() / 2, i->height() / 2)).toPoint());
    return true;
}

void keys(QQuickWindow *w, const QString &text)
{
    for (QChar c : text)
        QTest::keyClick(w, c.toLatin1());
}

bool openForm(QQuickWindow *w, const QString &button, const QString &form)
{
    return click(w, button) && QTest::qWaitFor([&] { return item(w, form) && settled(w); });
}

bool backOnDashboard(QQuickWindow *w)
{
    return QTest::qWaitFor([&] { return item(w, sel::kDashboard) && settled(w); });
}

/// The item's whole rectangle inside the window, once the scrolling area that holds it (if any) is scrolled to it.
bool reachable(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = item(w, name);
    if (!i)
        return false;
    scrollTo(i);
    const QRectF r = i->mapRectToScene(QRectF(0, 0, i->width(), i->height()));
    return r.top() >= 0 && r.bottom() <= w->height() + 0.5 && r.right() <= w->width() + 0.5;
}

} // namespace

class TestCounterInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    // Seen: with the cursor in Expiry, keypad 5 turned Packages received 2 into 25.
    void theKeypadTypesIntoTheFocusedFieldOnly()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(openForm(w, sel::kReceiveButton, sel::kReceiveForm));
        QVERIFY(type(w, sel::kPackagesField, QStringLiteral("2")));
        QVERIFY(click(w, sel::input(sel::kExpiryField)));
        QCOMPARE(focused(w), sel::input(sel::kExpiryField));
        QVERIFY2(!item(w, sel::keypad(QStringLiteral("5")))->isEnabled(), "the keypad cannot type into a date: greyed out");
        QVERIFY(tap(w, sel::keypad(QStringLiteral("5"))));
        QCOMPARE(text(w, sel::input(sel::kPackagesField)), QStringLiteral("2"));
        QCOMPARE(text(w, sel::input(sel::kExpiryField)), QString());
        // In the number field it types, where the cursor is.
        QVERIFY(click(w, sel::input(sel::kPackagesField)));
        QVERIFY(click(w, sel::keypad(QStringLiteral("5"))));
        QCOMPARE(text(w, sel::input(sel::kPackagesField)), QStringLiteral("25"));
        // A name: greyed out again.
        QVERIFY(click(w, sel::input(sel::kSupplierField)));
        QTRY_VERIFY(!item(w, sel::keypad(QStringLiteral("5")))->isEnabled());
        QVERIFY(tap(w, sel::keypad(QStringLiteral("5"))));
        QCOMPARE(text(w, sel::input(sel::kSupplierField)), QString());
        QCOMPARE(text(w, sel::input(sel::kPackagesField)), QStringLiteral("25"));
        QTest::keyClick(w, Qt::Key_Escape);
        QTRY_VERIFY(item(w, sel::kDiscardButton));
        QVERIFY(click(w, sel::kDiscardButton));
        QVERIFY(backOnDashboard(w));
        // The Rx number has the keypad.
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        QTRY_COMPARE(focused(w), sel::input(sel::kRxField));
        QVERIFY(click(w, sel::keypad(QStringLiteral("6"))));
        QVERIFY(click(w, sel::keypad(QStringLiteral("1"))));
        QCOMPARE(text(w, sel::input(sel::kRxField)), QStringLiteral("61"));
    }

    void formsAndTheDashboardTakeTheFocus()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QTRY_COMPARE(focused(w), sel::input(sel::kSearch)); // a keyboard or a scanner works at once
        keys(w, QStringLiteral("oxy"));
        QCOMPARE(text(w, sel::input(sel::kSearch)), QStringLiteral("oxy"));
        QVERIFY(click(w, sel::product(f.oxy)));
        const QList<std::pair<QString, QString>> forms = {
            {sel::kDispenseButton, sel::kRxField}, {sel::kReceiveButton, sel::kPackagesField},
            {sel::kCountButton, sel::kCountedField}, {sel::kWasteButton, QStringLiteral("wasteQuantityField")}};
        for (const auto &[button, first] : forms) {
            QVERIFY(click(w, button));
            QTRY_COMPARE(focused(w), sel::input(first));
            keys(w, QStringLiteral("7"));
            QCOMPARE(text(w, sel::input(first)), QStringLiteral("7"));
            QVERIFY(type(w, first, QString())); // empty again: Cancel closes at once
            QVERIFY(click(w, sel::kCancelButton));
            QVERIFY(backOnDashboard(w));
            QTRY_COMPARE(focused(w), sel::input(sel::kSearch));
        }
    }

    // Seen: "3o" recorded 3.
    void lettersInANumberFieldAreRefused()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(openForm(w, sel::kReceiveButton, sel::kReceiveForm));
        QVERIFY(type(w, sel::kPackagesField, QStringLiteral("3o")));
        QCOMPARE(text(w, sel::problem(sel::kPackagesField)), QStringLiteral("Only digits: 3o is not a number."));
        QVERIFY(type(w, sel::kOrderField, QStringLiteral("123456789")));
        QVERIFY(type(w, sel::kSupplierField, QStringLiteral("Cardinal Health")));
        QVERIFY(type(w, sel::kSupplierDeaField, QStringLiteral("FE2345672")));
        QVERIFY(type(w, sel::kLotField, QStringLiteral("LOT7")));
        QVERIFY(type(w, sel::kExpiryField, QStringLiteral("2028-01-31")));
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kSaveButton));
        QCOMPARE(text(w, sel::kFormMessage), QStringLiteral("Correct the field marked in red first: Packages received."));
        QVERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(f.store->journal().headSeq(), head);
        QCOMPARE(f.ledger->balance(f.oxy), 0);
        // Corrected, the sentence goes and the receipt is recorded.
        QVERIFY(type(w, sel::kPackagesField, QStringLiteral("3")));
        QVERIFY(!item(w, sel::problem(sel::kPackagesField)));
        QVERIFY(saveForm(w));
        QVERIFY2(backOnDashboard(w), qPrintable(text(w, sel::kFormMessage)));
        QCOMPARE(f.ledger->balance(f.oxy), 300);
    }

    void cancelOrEscapeOnAFilledFormAsks()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        // Empty: closes at once, by Cancel or by Escape.
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        QVERIFY(click(w, sel::kCancelButton));
        QVERIFY(backOnDashboard(w));
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        QTest::keyClick(w, Qt::Key_Escape);
        QVERIFY(backOnDashboard(w));
        // Filled: asks; Keep editing keeps every field and the cursor; Discard leaves, nothing recorded.
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        QVERIFY(type(w, sel::kRxField, QStringLiteral("6001")));
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("30")));
        QVERIFY(click(w, sel::kCancelButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kDiscardQuestion)));
        QCOMPARE(text(w, sel::kDiscardQuestion), QStringLiteral("Discard this dispense?"));
        QVERIFY(click(w, sel::kKeepEditingButton));
        QTRY_VERIFY(!item(w, sel::kDiscardQuestion));
        QVERIFY(item(w, sel::kDispenseForm));
        QCOMPARE(text(w, sel::input(sel::kRxField)), QStringLiteral("6001"));
        QCOMPARE(text(w, sel::input(sel::kQuantityField)), QStringLiteral("30"));
        QTRY_COMPARE(focused(w), sel::input(sel::kQuantityField));
        QTest::keyClick(w, Qt::Key_Escape);
        QTRY_VERIFY(fullyShown(item(w, sel::kDiscardQuestion)));
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kDiscardButton));
        QVERIFY(backOnDashboard(w));
        QCOMPARE(f.store->journal().headSeq(), head);
        // A receipt prefilled by a scan is not yet typed into: its own word in the question.
        QVERIFY(openForm(w, sel::kReceiveButton, sel::kReceiveForm));
        QVERIFY(type(w, sel::kPackagesField, QStringLiteral("2")));
        QTest::keyClick(w, Qt::Key_Escape);
        QTRY_COMPARE(text(w, sel::kDiscardQuestion), QStringLiteral("Discard this receipt?"));
    }

    // Seen: in the Resolve dialog, after a click on the PIN display, "1234" typed went into the permanent note.
    void aPinPadTakesTheKeyboard()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QVERIFY(f.ledger->count(*f.tech, f.oxy, 95).discrepancyOpened);
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        // The lock screen's pad has the keyboard once a person is chosen.
        QVERIFY(click(w, sel::personTile(QStringLiteral("PC"))));
        keys(w, QStringLiteral("1234"));
        pressEnter(w); // after a pause: a burst of keys ending in Enter is a scan
        QVERIFY(backOnDashboard(w));
        QVERIFY(click(w, sel::kReviewButton));
        QTRY_VERIFY(item(w, sel::kSupervisorPage) && settled(w));
        QVERIFY(click(w, sel::discrepancy(1)));
        QTRY_VERIFY(item(w, sel::kDiscrepancyPage) && settled(w));
        QVERIFY(click(w, sel::kResolveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kResolveDialogContent)));
        QVERIFY(choose(w, sel::box(sel::kResolveReason), QStringLiteral("entered wrongly"))); // no shelf figure to type
        QVERIFY(type(w, sel::kResolveNote, QStringLiteral("Recounted")));
        QVERIFY(click(w, sel::kPinDots)); // the PIN display
        QCOMPARE(focused(w), QStringLiteral("resolvePinPad"));
        keys(w, QStringLiteral("1234"));
        QCOMPARE(text(w, sel::input(sel::kResolveNote)), QStringLiteral("Recounted"));
        QCOMPARE(item(w, QStringLiteral("resolvePinPad"))->property("pin").toString(), QStringLiteral("1234"));
        // Enter in the note moves to the PIN, too; a tapped PIN key keeps the keyboard there.
        QTest::keyClick(w, Qt::Key_Backspace);
        QVERIFY(click(w, sel::input(sel::kResolveNote)));
        pressEnter(w); // after a pause: a burst of keys ending in Enter is a scan
        QCOMPARE(focused(w), QStringLiteral("resolvePinPad"));
        QVERIFY(click(w, sel::input(sel::kResolveNote)));
        QVERIFY(click(w, sel::pinKey(QStringLiteral("4"))));
        QCOMPARE(focused(w), QStringLiteral("resolvePinPad"));
        QCOMPARE(item(w, QStringLiteral("resolvePinPad"))->property("pin").toString(), QStringLiteral("1234"));
        pressEnter(w); // after a pause: a burst of keys ending in Enter is a scan
        QTRY_VERIFY(!item(w, sel::kResolveDialogContent));
        QTRY_COMPARE(text(w, sel::kDiscrepancyStatus), QStringLiteral("Resolved"));
        QCOMPARE(scalarText(*f.store, "SELECT note FROM discrepancies WHERE id = 1"), QStringLiteral("Recounted"));
    }

    // Seen: after each save the banner moved the action buttons 72 px down, Adjust and Shelf count below the window.
    void aSavesBannerMovesNoButton_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x768") << QSize(1024, 768);
        QTest::newRow("1366x768") << QSize(1366, 768);
    }
    void aSavesBannerMovesNoButton()
    {
        QFETCH(QSize, size);
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->resize(size);
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        const QStringList actions = {sel::kDispenseButton, sel::kReceiveButton, sel::kAdjustButton, sel::kShelfCountButton};
        QTRY_COMPARE(text(w, sel::kSelectedName), QStringLiteral("Oxycodone HCl 5 mg tablet, 100 per package"));
        QQuickTest::qWaitForPolish(w, 2000); // the chosen product's name laid out
        QList<qreal> before;
        for (const QString &a : actions)
            before << item(w, a)->mapToScene(QPointF(0, 0)).y();
        const QVariantMap r = app.counter.receive(f.oxy, QStringLiteral("1"), QStringLiteral("222"), QStringLiteral("123456789"),
                                                  QStringLiteral("Cardinal Health"), QStringLiteral("FE2345672"),
                                                  QStringLiteral("LOT1"), QStringLiteral("2028-01-31"));
        QVERIFY2(r.value(QStringLiteral("ok")).toBool(), qPrintable(r.value(QStringLiteral("message")).toString()));
        QTRY_VERIFY(item(w, sel::kBanner));
        QQuickTest::qWaitForPolish(w, 2000);
        for (int i = 0; i < actions.size(); ++i)
            QVERIFY2(item(w, actions.at(i))->mapToScene(QPointF(0, 0)).y() == before.at(i),
                     qPrintable(QStringLiteral("%1 moved from %2 to %3").arg(actions.at(i)).arg(before.at(i))
                                    .arg(item(w, actions.at(i))->mapToScene(QPointF(0, 0)).y())));
        for (const QString &a : actions)
            QVERIFY2(reachable(w, a), qPrintable(a + QStringLiteral(" cannot be reached")));
    }

    void aTechnicianIsNotOfferedAPharmacistsRecords()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        for (const QString &b : {sel::kAdjustButton, sel::kMovementButton, sel::kDestroyButton, sel::kTheftLossButton})
            QVERIFY2(!item(w, b)->isEnabled(), qPrintable(b));
        QVERIFY(item(w, sel::kWasteButton)->isEnabled());
        QCOMPARE(text(w, sel::kActionsWhyNot), QStringLiteral("Greyed out: not for a technician to record."));
        QVERIFY(!click(w, sel::kAdjustButton));
        QVERIFY(!item(w, sel::kAdjustForm));
        // The dispense override is a pharmacist's: greyed out, with the Ledger's reason.
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        QVERIFY(!item(w, sel::kOverrideCheck)->isEnabled());
        QCOMPARE(text(w, sel::kOverrideWhyNot), QStringLiteral("A technician may not dispense over the recorded balance."));
        QVERIFY(click(w, sel::kCancelButton));
        QVERIFY(backOnDashboard(w));

        // A pharmacist is offered them all.
        QVERIFY(click(w, sel::kLockButton));
        QTRY_VERIFY(item(w, sel::kLockScreen));
        QVERIFY(signInByPin(w, QStringLiteral("RL"), QStringLiteral("2345")));
        QVERIFY(click(w, sel::product(f.oxy)));
        for (const QString &b : {sel::kAdjustButton, sel::kMovementButton, sel::kDestroyButton, sel::kTheftLossButton})
            QVERIFY2(item(w, b)->isEnabled(), qPrintable(b));
        QVERIFY(!item(w, sel::kActionsWhyNot));
        QVERIFY(openForm(w, sel::kAdjustButton, sel::kAdjustForm));
        QVERIFY(click(w, sel::kCancelButton));
        QVERIFY(backOnDashboard(w));
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        QVERIFY(item(w, sel::kOverrideCheck)->isEnabled());
        QVERIFY(!item(w, sel::kOverrideWhyNot));
    }
};

QTEST_MAIN(TestCounterInput)
#include "tst_counterinput.moc"
