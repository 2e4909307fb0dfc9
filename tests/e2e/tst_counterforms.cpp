// The counter's forms say it before, at the field (docs/SCREEN-RULES.md), through the real main QML over a real
// temporary store, offscreen: the dispense form shows the balance on hand and what is left on an Rx as its number is
// typed; the summary repeats them with units and the form's own word; a missing witness or note, an Rx with nothing
// left and a differing blind count are said before the summary; nothing moves when a product is chosen, a button
// appears or a problem is said; the Resolve dialog fits 1024x768; buttons' accessible names are their texts.
#include "Counter.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "Selectors.h"
#include "StoreStatus.h"
#include "TestApp.h"
#include "TestSupport.h"

#include <QQuickStyle>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {

bool openForm(QQuickWindow *w, const QString &button, const QString &form)
{
    return click(w, button) && QTest::qWaitFor([&] { return item(w, form) && settled(w); });
}

/// A later fill is allowed today: a long-term-care partial fill written two days ago.
Dispense partialToday(const LedgerFixture &f, const QString &rx, qint64 qty, qint64 prescribed)
{
    Dispense d = LedgerFixture::dispense(f.oxy, qty, rx, prescribed);
    const QDate today = QDate::fromString(f.ledger->todayInPharmacy(), Qt::ISODate);
    d.fillDate = today.toString(Qt::ISODate);
    d.dateWritten = today.addDays(-2).toString(Qt::ISODate);
    return d;
}

QString summaryText(QQuickWindow *w)
{
    return shownTexts(item(w, sel::kSummaryContent)).join(QLatin1String(" | "));
}

qreal sceneY(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = item(w, name);
    return i ? i->mapToScene(QPointF(0, 0)).y() : -1;
}

/// The item's rectangle lies inside the window as it is shown, without scrolling anything.
bool insideWindow(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = item(w, name);
    if (!i)
        return false;
    const QRectF r = i->mapRectToScene(QRectF(0, 0, i->width(), i->height()));
    return r.top() >= 0 && r.left() >= 0 && r.bottom() <= w->height() + 0.5 && r.right() <= w->width() + 0.5;
}

/// Accessible.name as a screen reader gets it (the attached object is the item's child).
QString accessibleName(QQuickItem *i)
{
    for (QObject *c : i->children())
        if (c->inherits("QQuickAccessibleAttached"))
            return c->property("name").toString();
    return {};
}

/// Every shown button under `root` whose accessible name is not its text: "objectName: name != text".
QStringList namesNotTexts(QQuickItem *root)
{
    QStringList out;
    if (!root || !root->isVisible())
        return out;
    // A symbol alone (the keypad's delete key) has no words for the name to follow.
    static const QRegularExpression words(QStringLiteral("\\w"));
    if (root->inherits("QQuickAbstractButton") && root->property("text").toString().contains(words)) {
        const QString text = root->property("text").toString(), name = accessibleName(root);
        if (name != text)
            out << QStringLiteral("%1: \"%2\" != \"%3\"").arg(root->objectName(), name, text);
    }
    for (QQuickItem *child : root->childItems())
        out << namesNotTexts(child);
    return out;
}

/// The item lies wholly inside the scrolling area that holds it, as it is shown now (not scrolled out of sight).
bool inItsScroller(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = item(w, name);
    if (!i)
        return false;
    for (QQuickItem *p = i->parentItem(); p; p = p->parentItem())
        if (p->inherits("QQuickFlickable")) {
            const QRectF r = i->mapRectToItem(p, QRectF(0, 0, i->width(), i->height()));
            return r.top() >= -0.5 && r.bottom() <= p->height() + 0.5;
        }
    return insideWindow(w, name);
}

} // namespace

class TestCounterForms : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    // Seen: no balance on hand, no quantity left on the Rx; the summary without the resulting balance.
    void theDispenseFormShowsWhatThePersonDecidesWith()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        f.ledger->dispense(*f.pharmacist, partialToday(f, QStringLiteral("6001"), 30, 100));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("RL"), QStringLiteral("2345")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QCOMPARE(text(w, sel::balance(f.oxy)), QStringLiteral("170 tablets"));
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        QCOMPARE(text(w, QStringLiteral("onHandLine")), QStringLiteral("170 tablets on hand"));
        // As the Rx number is typed: an Rx filled before shows what is left on it.
        QVERIFY(type(w, sel::kRxField, QStringLiteral("6001")));
        QTRY_COMPARE(text(w, QStringLiteral("rxFieldHint")), QStringLiteral("Rx 6001: 70 of 100 tablets left; 30 tablets filled since %1.")
                                                                   .arg(f.ledger->todayInPharmacy()));
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("20")));
        QVERIFY(click(w, sel::kSaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kSummaryContent)));
        QCOMPARE(text(w, QStringLiteral("summaryTitle")), QStringLiteral("Record this dispense?"));
        const QString summary = summaryText(w);
        QVERIFY2(summary.contains(QStringLiteral("Quantity dispensed | 20 tablets")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Balance on hand | 170 tablets \u2192 150 tablets")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Left on the Rx | 50 of 100 tablets left after this fill (70 before)")), qPrintable(summary));
        QVERIFY(click(w, sel::kConfirmSaveButton));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QCOMPARE(f.ledger->balance(f.oxy), 150);
        QVERIFY2(text(w, sel::kBanner).contains(QStringLiteral("Dispensed 20 tablets on Rx 6001. Balance now 150 tablets.")),
                 qPrintable(text(w, sel::kBanner)));
    }

    // Seen: an Rx with nothing left was refused only after Save.
    void anRxWithNothingLeftIsSaidAsItIsTyped()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        f.ledger->dispense(*f.pharmacist, partialToday(f, QStringLiteral("6003"), 50, 100));
        Dispense rest = partialToday(f, QStringLiteral("6003"), 50, 0);
        rest.dateWritten.clear();
        rest.prescriberName.clear();
        rest.prescriberDea.clear();
        rest.partialKind.clear();
        f.ledger->dispense(*f.pharmacist, rest);
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        QVERIFY(type(w, sel::kRxField, QStringLiteral("6003")));
        QTRY_COMPARE(text(w, sel::problem(sel::kRxField)), QStringLiteral("Rx 6003 has nothing left: all 100 were filled."));
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("10")));
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kSaveButton));
        QCOMPARE(text(w, sel::kFormMessage), QStringLiteral("Correct the fields marked in red first: Rx number, Quantity dispensed."));
        QVERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(f.store->journal().headSeq(), head);
        // More than on hand, under the quantity as it is typed.
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("150")));
        QTRY_COMPARE(text(w, sel::problem(sel::kQuantityField)),
                     QStringLiteral("More than the balance on hand (100). The quantity is more than Rx 6003 has left (0 of 100)."));
    }

    // Seen (walk items 3 and 16): a partial fill at the patient's request, written long before, passed the form and
    // the summary and was refused only after "Record it"; "Correct the fields marked in red first" with nothing red
    // in sight, the kind's problem scrolled under the line. The Ledger's dry run says it under the kind as it is
    // chosen; Save names the field and brings it into view; the summary repeats no field's guidance.
    void aPartialFillPastItsWindowIsSaidUnderItsKind()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->resize(1366, 768);
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        const QDate today = QDate::fromString(f.ledger->todayInPharmacy(), Qt::ISODate);
        const QString written = today.addDays(-51).toString(Qt::ISODate); // 30 days: past; 60 days: in
        QVERIFY(type(w, sel::kRxField, QStringLiteral("700124")));
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("20")));
        QVERIFY(type(w, sel::kPrescribedField, QStringLiteral("60")));
        QVERIFY(type(w, sel::kWrittenField, written));
        QVERIFY(type(w, sel::kPrescriberField, QStringLiteral("Dr. Amy Wong")));
        QVERIFY(type(w, sel::kPrescriberDeaField, QStringLiteral("BW1234563")));
        // Nothing chosen yet: not called wrong while the form is filled in.
        QVERIFY(!item(w, sel::problem(sel::kPartialKindField)));
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kSaveButton));
        QVERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(text(w, sel::kFormMessage), QStringLiteral("Correct the field marked in red first: Why less than prescribed."));
        QTRY_VERIFY(inItsScroller(w, sel::problem(sel::kPartialKindField)));
        QVERIFY(text(w, sel::problem(sel::kPartialKindField)).startsWith(QLatin1String("Choose why less than prescribed is filled")));
        // At the patient's request: within 30 days of the date written, said under the kind as it is chosen.
        QVERIFY(choose(w, sel::box(sel::kPartialKindField), QStringLiteral("The patient or prescriber asked")));
        QTRY_COMPARE(text(w, sel::problem(sel::kPartialKindField)),
                     QStringLiteral("The fill date (%1) is past the last day this prescription may be filled (%2): a partial fill at the patient's "
                                    "or prescriber's request is completed within 30 days of the date written (21 CFR 1306.13(c)).")
                         .arg(today.toString(Qt::ISODate), today.addDays(-21).toString(Qt::ISODate)));
        QVERIFY(click(w, sel::kSaveButton));
        QVERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(text(w, sel::kFormMessage), QStringLiteral("Correct the field marked in red first: Why less than prescribed."));
        QCOMPARE(f.store->journal().headSeq(), head);
        // Long-term care (60 days): allowed; the summary says the fields' names and what the Rx has left.
        QVERIFY(choose(w, sel::box(sel::kPartialKindField), QStringLiteral("Long-term care")));
        QTRY_VERIFY(!item(w, sel::problem(sel::kPartialKindField)));
        QVERIFY(click(w, sel::kSaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kSummaryContent)));
        const QString summary = summaryText(w);
        QVERIFY2(summary.contains(QStringLiteral("Quantity prescribed | 60 tablets")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Date written | %1").arg(written)), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Left on the Rx | 40 of 60 tablets left after this fill (60 before)")), qPrintable(summary));
        QVERIFY2(!summary.contains(QLatin1String("first fill only")) && !summary.contains(QLatin1String("YYYY")), qPrintable(summary));
        QVERIFY(item(w, sel::kConfirmSaveButton)->isEnabled());
        QVERIFY(click(w, sel::kConfirmSaveButton));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QCOMPARE(f.ledger->balance(f.oxy), 180);
    }

    // Seen (walk item 5): 400 dispensed on an Rx for 30 was told only "more than the balance on hand"; "more than the
    // Rx has left" came on save.
    void moreThanTheRxHasLeftIsSaidAsItIsTyped()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 3));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("RL"), QStringLiteral("2345")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(openForm(w, sel::kDispenseButton, sel::kDispenseForm));
        QVERIFY(type(w, sel::kRxField, QStringLiteral("7002")));
        QVERIFY(type(w, sel::kPrescribedField, QStringLiteral("30")));
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("400")));
        QTRY_COMPARE(text(w, sel::problem(sel::kQuantityField)),
                     QStringLiteral("More than the balance on hand (300). The quantity is more than Rx 7002 has left (30 of 30)."));
        // Within the balance, still more than prescribed.
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("40")));
        QTRY_COMPARE(text(w, sel::problem(sel::kQuantityField)), QStringLiteral("The quantity is more than Rx 7002 has left (30 of 30)."));
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kSaveButton));
        QVERIFY(!item(w, sel::kSummaryContent));
        QVERIFY(text(w, sel::kFormMessage).contains(QLatin1String("Quantity dispensed")));
        QCOMPARE(f.store->journal().headSeq(), head);
        QVERIFY(type(w, sel::kQuantityField, QStringLiteral("30")));
        QTRY_VERIFY(!item(w, sel::problem(sel::kQuantityField)));
    }

    // Seen: the summary said "Record this receive?" and 2, not 2 packages = 200 tablets.
    void aReceiptsSummarySaysPackagesAndUnits()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(openForm(w, sel::kReceiveButton, sel::kReceiveForm));
        QCOMPARE(text(w, QStringLiteral("onHandLine")), QStringLiteral("0 tablets on hand"));
        QVERIFY(type(w, sel::kPackagesField, QStringLiteral("2")));
        QVERIFY(type(w, sel::kOrderField, QStringLiteral("123456789")));
        QVERIFY(type(w, sel::kSupplierField, QStringLiteral("Cardinal Health")));
        QVERIFY(type(w, sel::kSupplierDeaField, QStringLiteral("FE2345672")));
        QVERIFY(type(w, sel::kLotField, QStringLiteral("LOT7")));
        QVERIFY(type(w, sel::kExpiryField, QStringLiteral("2028-01-31")));
        QVERIFY(click(w, sel::kSaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kSummaryContent)));
        QCOMPARE(text(w, QStringLiteral("summaryTitle")), QStringLiteral("Record this receipt?"));
        const QString summary = summaryText(w);
        QVERIFY2(summary.contains(QStringLiteral("2 packages = 200 tablets")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Balance on hand | 0 tablets \u2192 200 tablets")), qPrintable(summary));
        QVERIFY(click(w, sel::kConfirmSaveButton));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QVERIFY2(text(w, sel::kBanner).contains(QStringLiteral("Received 2 packages = 200 tablets. Balance now 200 tablets.")),
                 qPrintable(text(w, sel::kBanner)));
    }

    // Seen: a missing witness and a missing note were told after the summary and the PINs.
    void aWitnessAndANoteAreCheckedBeforeTheSummary()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(openForm(w, sel::kWasteButton, sel::kWasteForm));
        QVERIFY(type(w, sel::kWasteQuantityField, QStringLiteral("2")));
        // "other" wants a note: said as it is chosen.
        QQuickItem *reason = item(w, sel::box(sel::kWasteReasonField));
        const int other = reason->property("model").toStringList().indexOf(QStringLiteral("Other"));
        QVERIFY(other >= 0);
        reason->setProperty("currentIndex", other);
        QTRY_COMPARE(text(w, sel::problem(sel::kWasteNoteField)), QStringLiteral("The note is required when the reason is \"other\"."));
        // No witness chosen: said at Save, before the summary.
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kSaveButton));
        QVERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(text(w, sel::kFormMessage), QStringLiteral("Correct the fields marked in red first: Note, Witness."));
        QCOMPARE(text(w, sel::problem(sel::witnessPin(sel::kWasteWitness))), QStringLiteral("A witness is required."));
        // The owner may not witness: said as chosen, by the Ledger's check.
        QQuickItem *who = item(w, sel::witnessPerson(sel::kWasteWitness));
        const int owner = who->property("model").toStringList().indexOf(QStringLiteral("Olive Ford \u00B7 Owner"));
        QVERIFY2(owner >= 0, qPrintable(who->property("model").toStringList().join(QLatin1String(", "))));
        who->setProperty("currentIndex", owner);
        QMetaObject::invokeMethod(who, "activated", Q_ARG(int, owner));
        QTRY_VERIFY2(text(w, sel::problem(sel::witnessPin(sel::kWasteWitness))).contains(QStringLiteral("an owner cannot witness")),
                     qPrintable(text(w, sel::problem(sel::witnessPin(sel::kWasteWitness)))));
        const int pharmacist = who->property("model").toStringList().indexOf(QStringLiteral("Rae Lopez \u00B7 Pharmacist"));
        QVERIFY(pharmacist >= 0);
        who->setProperty("currentIndex", pharmacist);
        QMetaObject::invokeMethod(who, "activated", Q_ARG(int, pharmacist));
        QTRY_VERIFY(!item(w, sel::problem(sel::witnessPin(sel::kWasteWitness))));
        // The witness's PIN not typed: said at Save.
        QVERIFY(click(w, sel::kSaveButton));
        QVERIFY(!item(w, sel::kSummaryContent));
        QCOMPARE(text(w, sel::problem(sel::witnessPin(sel::kWasteWitness))), QStringLiteral("Rae Lopez types their PIN here to sign."));
        QCOMPARE(f.store->journal().headSeq(), head);
        // Filled in: the summary, with the balance after.
        QVERIFY(type(w, sel::kWasteNoteField, QStringLiteral("Crushed in the counting tray")));
        QVERIFY(!item(w, sel::problem(sel::kWasteNoteField)));
        QVERIFY(type(w, sel::witnessPin(sel::kWasteWitness), QStringLiteral("2345")));
        QVERIFY(click(w, sel::kSaveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kSummaryContent)));
        QVERIFY2(summaryText(w).contains(QStringLiteral("100 tablets \u2192 98 tablets")), qPrintable(summaryText(w)));
    }

    // Seen: "Record it" on a blind count that differs asked "Count again?" only after the summary.
    void countAgainIsAskedBeforeTheSummary()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(openForm(w, sel::kCountButton, sel::kCountForm));
        QVERIFY2(!item(w, QStringLiteral("onHandLine")), "a blind count shows no balance");
        QVERIFY(type(w, sel::kCountedField, QStringLiteral("98")));
        QVERIFY(click(w, sel::kSaveButton));
        QTRY_VERIFY(text(w, sel::kFormMessage).startsWith(QLatin1String("Count again?")));
        QVERIFY(!item(w, sel::kSummaryContent));
        QVERIFY(type(w, sel::kCountedField, QStringLiteral("98")));
        QVERIFY(saveForm(w));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QVERIFY2(text(w, sel::kBanner).contains(QStringLiteral("differs from the records by -2 tablets")), qPrintable(text(w, sel::kBanner)));
    }

    void layouts_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x768") << QSize(1024, 768);
        QTest::newRow("1366x768") << QSize(1366, 768);
    }
    // Seen: the actions jumped 21 px when a product was chosen; the search narrowed when "to verify" appeared; a
    // problem under a field moved the fields below; a technician's "Greyed out" line was below the fold.
    void layouts()
    {
        QFETCH(QSize, size);
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->resize(size);
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QTRY_VERIFY(item(w, sel::kDispenseButton));
        QQuickTest::qWaitForPolish(w, 2000);
        const qreal dispenseY = sceneY(w, sel::kDispenseButton), adjustY = sceneY(w, sel::kAdjustButton);
        const qreal searchWidth = item(w, sel::input(sel::kSearch))->width();
        QVERIFY(click(w, sel::product(f.oxy)));
        QQuickTest::qWaitForPolish(w, 2000);
        QCOMPARE(sceneY(w, sel::kDispenseButton), dispenseY);
        QCOMPARE(sceneY(w, sel::kAdjustButton), adjustY);
        // A technician sees Adjust greyed out and why, on the screen as it opens.
        QVERIFY(!item(w, sel::kAdjustButton)->isEnabled());
        QVERIFY2(insideWindow(w, sel::kActionsWhyNot), "the reason Adjust is greyed out is below the fold");
        // A dispense to verify appears: the search keeps its width.
        const QVariantMap r = app.counter.dispense(f.oxy, QStringLiteral("10"), QStringLiteral("7001"), QStringLiteral("10"),
                                                   {{QStringLiteral("dateWritten"), f.ledger->todayInPharmacy()},
                                                    {QStringLiteral("prescriber"), QStringLiteral("Dr. Ann Wells")},
                                                    {QStringLiteral("prescriberDea"), QStringLiteral("BW1234563")}});
        QVERIFY2(r.value(QStringLiteral("ok")).toBool(), qPrintable(r.value(QStringLiteral("message")).toString()));
        QTRY_VERIFY(item(w, sel::kVerifyButton));
        QQuickTest::qWaitForPolish(w, 2000);
        QCOMPARE(item(w, sel::input(sel::kSearch))->width(), searchWidth);
        QVERIFY(insideWindow(w, sel::kVerifyButton));
        // A problem said under a field moves nothing below it.
        QVERIFY(openForm(w, sel::kReceiveButton, sel::kReceiveForm));
        QQuickTest::qWaitForPolish(w, 2000);
        const qreal orderY = sceneY(w, sel::kOrderField), supplierY = sceneY(w, sel::kSupplierField);
        QVERIFY(type(w, sel::kPackagesField, QStringLiteral("3o")));
        QVERIFY(item(w, sel::problem(sel::kPackagesField)));
        QQuickTest::qWaitForPolish(w, 2000);
        QCOMPARE(sceneY(w, sel::kOrderField), orderY);
        QCOMPARE(sceneY(w, sel::kSupplierField), supplierY);
    }

    // Seen: the Resolve dialog was taller than 768 px, its Cancel cut off.
    void theResolveDialogFitsTheSmallestScreen()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QVERIFY(f.ledger->count(*f.tech, f.oxy, 95).discrepancyOpened);
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->resize(1024, 768);
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(click(w, sel::kReviewButton));
        QTRY_VERIFY(item(w, sel::kSupervisorPage) && settled(w));
        QCOMPARE(text(w, QStringLiteral("overdueHeading")), QStringLiteral("Reconciliation counts"));
        QVERIFY(click(w, sel::discrepancy(1)));
        QTRY_VERIFY(item(w, sel::kDiscrepancyPage) && settled(w));
        QVERIFY(click(w, sel::kResolveButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kResolveDialogContent)));
        QVERIFY(choose(w, sel::box(sel::kResolveReason), QStringLiteral("Counting error")));
        QTRY_VERIFY(item(w, sel::kResolveRecounted));
        QQuickTest::qWaitForPolish(w, 2000);
        QVERIFY2(insideWindow(w, QStringLiteral("resolveCancel")), "Cancel is cut off at 1024x768");
        QVERIFY(click(w, QStringLiteral("resolveCancel")));
        QTRY_VERIFY(!item(w, sel::kResolveDialogContent));
    }

    // Seen: button texts differed from their accessible names; the verify PIN field had no accessible name.
    void accessibleNamesAreTheTexts()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("8001"), 10));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("RL"), QStringLiteral("2345")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QQuickTest::qWaitForPolish(w, 2000);
        QStringList wrong = namesNotTexts(w->contentItem()); // the header too
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1String("; "))));
        QVERIFY(openForm(w, sel::kWasteButton, sel::kWasteForm));
        wrong = namesNotTexts(item(w, sel::kWasteForm));
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1String("; "))));
        QVERIFY(click(w, sel::kCancelButton));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QVERIFY(click(w, sel::kVerifyButton));
        QTRY_VERIFY(item(w, QStringLiteral("verifyPage")) && settled(w));
        QCOMPARE(accessibleName(item(w, sel::input(QStringLiteral("verifyPinField")))), QStringLiteral("Your PIN to sign"));
        wrong = namesNotTexts(item(w, QStringLiteral("verifyPage")));
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1String("; "))));
    }
};

QTEST_MAIN(TestCounterForms)
#include "tst_counterforms.moc"
