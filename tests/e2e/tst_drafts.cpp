// Nothing typed is lost (issue 28, COUNTER.md): a half-filled form survives the idle lock and a restart, and comes
// back with a line saying so; the idle lock warns first, counting down, and a key press keeps the session; the idle
// time is the pharmacy's setting. Through the real main QML over a real temporary store, offscreen.
#include "Counter.h"
#include "DraftStore.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "Selectors.h"
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
constexpr char kDraftLine[] = "draftLine";
constexpr char kDiscardDraft[] = "discardDraftButton";
constexpr char kIdleWarning[] = "idleWarning";
constexpr char kIdleWarningText[] = "idleWarningText";

/// Signs in as the technician, opens a dispense of oxycodone and types part of it.
void halfFillADispense(QQuickWindow *w, LedgerFixture &f)
{
    QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
    QVERIFY(click(w, sel::product(f.oxy)));
    QVERIFY(click(w, sel::kDispenseButton));
    QTRY_VERIFY(item(w, sel::kDispenseForm) && settled(w));
    QVERIFY(type(w, sel::kRxField, QStringLiteral("6000123")));
    QVERIFY(type(w, sel::kQuantityField, QStringLiteral("30")));
    QVERIFY(type(w, sel::kPrescribedField, QStringLiteral("30")));
    QTRY_VERIFY(item(w, sel::kPrescriberField));
    QVERIFY(type(w, sel::kPrescriberField, QStringLiteral("Dr. Ann Wells")));
}

void expectTheDispenseBack(QQuickWindow *w)
{
    QTRY_VERIFY(item(w, sel::kDispenseForm) && settled(w)); // opened again on its own, as it was left
    QCOMPARE(text(w, sel::input(sel::kRxField)), QStringLiteral("6000123"));
    QCOMPARE(text(w, sel::input(sel::kQuantityField)), QStringLiteral("30"));
    QCOMPARE(text(w, sel::input(sel::kPrescribedField)), QStringLiteral("30"));
    QCOMPARE(text(w, sel::input(sel::kPrescriberField)), QStringLiteral("Dr. Ann Wells"));
    static const QRegularExpression line(QStringLiteral("^Your unfinished dispense from \\d\\d:\\d\\d is back\\. Nothing was recorded\\.$"));
    QVERIFY2(line.match(text(w, kDraftLine)).hasMatch(), qPrintable(text(w, kDraftLine)));
}
} // namespace

class TestDrafts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void aHalfFilledDispenseOutlivesTheIdleLock()
    {
        LedgerFixture f;
        f.ledger->receive(*f.pic, LedgerFixture::receipt(f.oxy, 2));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        halfFillADispense(w, f);
        const qint64 head = f.store->journal().headSeq();
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM drafts"), 1);

        app.counter.setIdleIntervalMs(400); // nobody touches the screen for a while
        QTRY_VERIFY_WITH_TIMEOUT(!app.counter.signedIn() && item(w, sel::kLockScreen), 10000);
        app.counter.setIdleIntervalMs(60'000);
        QVERIFY(!item(w, sel::kDispenseForm));
        QCOMPARE(f.store->journal().headSeq(), head); // nothing recorded, nothing journaled

        // Someone else signs in: not their form.
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QTest::qWait(300);
        QVERIFY(!item(w, sel::kDispenseForm));
        app.counter.lock();

        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        expectTheDispenseBack(w);
        QCOMPARE(f.ledger->balance(f.oxy), 200);

        // Discarded on purpose: the fields empty, the line gone, the draft forgotten.
        QVERIFY(click(w, kDiscardDraft));
        QTRY_VERIFY(!item(w, kDraftLine));
        QCOMPARE(text(w, sel::input(sel::kRxField)), QString());
        QCOMPARE(text(w, sel::input(sel::kQuantityField)), QString());
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM drafts"), 0);
    }

    void aHalfFilledDispenseOutlivesARestart()
    {
        LedgerFixture f;
        f.ledger->receive(*f.pic, LedgerFixture::receipt(f.oxy, 2));
        {
            App app(f);
            QQuickWindow *w = app.window();
            QVERIFY(w && QTest::qWaitForWindowExposed(w));
            halfFillADispense(w, f);
        } // the window, the engine and the services go, as when the app is closed or killed
        f.ledger.reset();
        f.store.reset();
        f.store = f.t.open(false);
        f.ledger = std::make_unique<Ledger>(*f.store, SecretHasher(10));

        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        expectTheDispenseBack(w);

        // Finished and recorded: the draft is forgotten.
        QVERIFY(type(w, sel::kWrittenField, f.ledger->todayInPharmacy()));
        QVERIFY(type(w, sel::kPrescriberDeaField, QStringLiteral("BW1234563")));
        QVERIFY(saveForm(w));
        QTRY_VERIFY2(item(w, sel::kDashboard) && settled(w), qPrintable(text(w, sel::kFormMessage)));
        QCOMPARE(f.ledger->balance(f.oxy), 170);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM drafts"), 0);
        // Opened again: a fresh form, no line.
        QVERIFY(click(w, sel::kDispenseButton));
        QTRY_VERIFY(item(w, sel::kDispenseForm) && settled(w));
        QVERIFY(!item(w, kDraftLine));
        QCOMPARE(text(w, sel::input(sel::kRxField)), QString());
    }

    void theLockWarnsFirstAndAKeyKeepsTheSession()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(!item(w, kIdleWarning));
        app.counter.setIdleIntervalMs(4'000); // the warning for its last 2 s
        QTRY_VERIFY_WITH_TIMEOUT(item(w, kIdleWarning), 5000);
        QVERIFY(app.counter.signedIn());
        static const QRegularExpression said(QStringLiteral("^Locking in [12] s \u2014 touch to stay signed in$"));
        QVERIFY2(said.match(text(w, kIdleWarningText)).hasMatch(), qPrintable(text(w, kIdleWarningText)));
        QTest::keyClick(w, Qt::Key_Shift); // any key
        QTRY_VERIFY(!item(w, kIdleWarning));
        QTest::qWait(2'500); // past the moment it would have locked
        QVERIFY(app.counter.signedIn());
        QTRY_VERIFY_WITH_TIMEOUT(item(w, kIdleWarning), 5000); // untouched again: warned, then locked
        QTRY_VERIFY_WITH_TIMEOUT(!app.counter.signedIn() && item(w, sel::kLockScreen), 5000);
        QVERIFY(!item(w, kIdleWarning));
    }

    void theIdleTimeIsThePharmacysSetting()
    {
        LedgerFixture f;
        f.ledger->setIdleMinutes(*f.pic, 12, QStringLiteral("1234"));
        App app(f);
        QCOMPARE(app.counter.idleMinutes(), 12);
        // Changed while the app runs (here on the same store; ciictl's commits arrive through Store::committed too).
        f.ledger->setIdleMinutes(*f.pic, 3, QStringLiteral("1234"));
        QTRY_COMPARE(app.counter.idleMinutes(), 3);
    }
};

QTEST_MAIN(TestDrafts)
#include "tst_drafts.moc"
