// The app sees commits made elsewhere (issue 28): the real main QML over a store that the real ciictl (another
// process) and a second Store connection write to while the window is open. The store looks for them as the app's
// composition root has it look (Store::watchOtherWriters); the lock screen, the product list and the review count
// show them without a restart. No time is asserted: QTRY_ waits, the benchmark measures (bench_otherwriters).
#include "Counter.h"
#include "Ledger.h"
#include "QuickDriver.h"
#include "Selectors.h"
#include "TestApp.h"
#include "TestSupport.h"

#include <QProcess>
#include <QQuickItem>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

class TestOtherWriters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void aPersonAddedByCiictlAppearsOnTheLockScreen()
    {
        LedgerFixture f;
        App app(f);
        f.store->watchOtherWriters(); // as src/app/main.cpp does
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(item(w, sel::personTile(QStringLiteral("TN"))));
        QVERIFY(!item(w, sel::personTile(QStringLiteral("SR"))));

        QProcess ciictl;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CII_LEDGER_DATA_DIR"), f.t.dataDir.path());
        env.insert(QStringLiteral("CII_LEDGER_KEY_DIR"), f.t.keyDir.path());
        env.insert(QStringLiteral("CII_LEDGER_KEYSTORE"), QStringLiteral("file"));
        ciictl.setProcessEnvironment(env);
        ciictl.start(qEnvironmentVariable("CIICTL"), {QStringLiteral("person-add"), QStringLiteral("--as"), f.picId,
                                                      QStringLiteral("--name"), QStringLiteral("Sam Rivera"), QStringLiteral("--initials"),
                                                      QStringLiteral("SR"), QStringLiteral("--role"), QStringLiteral("technician")});
        ciictl.write("1234\n5678\n");
        ciictl.closeWriteChannel();
        QVERIFY(ciictl.waitForFinished(30'000));
        QVERIFY2(ciictl.exitCode() == 0, ciictl.readAllStandardError().constData());

        QTRY_VERIFY(item(w, sel::personTile(QStringLiteral("SR"))));
        QVERIFY(click(w, sel::personTile(QStringLiteral("SR"))));
        QCOMPARE(text(w, sel::kLockPrompt), QStringLiteral("Sam Rivera, enter your PIN"));
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }

    void stockReceivedAndCountedElsewhereShowsOnTheDashboard()
    {
        LedgerFixture f;
        App app(f);
        f.store->watchOtherWriters();
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
        QTRY_COMPARE(text(w, sel::balance(f.oxy)), QStringLiteral("0 tablets"));
        QCOMPARE(text(w, sel::kReviewButton), QStringLiteral("Review"));

        // A second connection to the file, as a second workstation process would have: its own Store and Ledger.
        std::unique_ptr<Store> other = f.t.open(false);
        Ledger ledger(*other, SecretHasher(10));
        const Session pic = ledger.signIn(f.picId, QStringLiteral("1234"));
        ledger.receive(pic, LedgerFixture::receipt(f.oxy, 2));
        QTRY_COMPARE(text(w, sel::balance(f.oxy)), QStringLiteral("200 tablets"));

        const Session tech = ledger.signIn(f.techId, QStringLiteral("3456"));
        QVERIFY(ledger.count(tech, f.oxy, 198).discrepancyOpened);
        QTRY_COMPARE(text(w, sel::balance(f.oxy)), QStringLiteral("198 tablets"));
        QTRY_COMPARE(text(w, sel::kReviewButton), QStringLiteral("Review · 1"));

        // The app's own next write follows the other connection's head.
        QVERIFY(app.counter.count(f.oxy, QStringLiteral("198")).value(QStringLiteral("ok")).toBool());
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }
};

QTEST_MAIN(TestOtherWriters)
#include "tst_otherwriters.moc"
