// Settings > Pharmacy profile through the real main QML at 1366x768 over a real store: a technician sees it
// read-only with why; the pharmacist-in-charge's bad DEA number, date and state are refused under their fields as
// typed, with nothing written; the time zone follows the state; a change is signed with the PIN (typed on the
// keyboard, checked on a worker) and recorded as one event per change, seen by LedgerQueries and `ciictl profile`.
#include "Counter.h"
#include "Ledger.h"
#include "LedgerQueries.h"
#include "QuickDriver.h"
#include "Selectors.h"
#include "Store.h"
#include "TestApp.h"
#include "TestSupport.h"

#include <QProcess>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {

bool openProfile(QQuickWindow *w)
{
    return click(w, sel::kSettingsButton) && QTest::qWaitFor([&] { return item(w, sel::kSettingsPage) && settled(w); }, 5000)
           && click(w, sel::kSettingsProfile) && QTest::qWaitFor([&] { return item(w, sel::kProfilePage) && settled(w); }, 5000);
}

QString problemOf(QQuickWindow *w, const char *field)
{
    QQuickItem *i = item(w, sel::problem(QLatin1String(field)));
    return i ? i->property("text").toString() : QString();
}

/// The profile's and the settings' events after `seq`, as "kind by actor" (sign-in bookkeeping left out).
QStringList changesAfter(Store &store, qint64 seq)
{
    QStringList out;
    store.journal().forEach(seq + 1, [&](const Event &e) {
        if (e.kind == QLatin1String("pharmacy.configured") || e.kind == QLatin1String("setting.changed"))
            out << e.kind + QStringLiteral(" by ") + e.actor;
        return true;
    });
    return out;
}

} // namespace

class TestSettingsProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void aTechnicianSeesItReadOnly()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->resize(1366, 768);
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(openProfile(w));
        QVERIFY2(text(w, sel::kProfileReadOnly).contains(QLatin1String("Only the pharmacist-in-charge or the owner may change")),
                 qPrintable(text(w, sel::kProfileReadOnly)));
        QCOMPARE(text(w, sel::input(sel::kProfileName)), QStringLiteral("Main Street Pharmacy"));
        QCOMPARE(text(w, sel::input(sel::kProfileDea)), QStringLiteral("BM1234563"));
        QVERIFY(!item(w, sel::input(sel::kProfileName))->isEnabled());
        QVERIFY(!item(w, sel::kProfileSave));
        // The controller refuses too: nothing written.
        const qint64 head = f.store->journal().headSeq();
        const QVariantMap r = app.screens.profile.save({{QStringLiteral("name"), QStringLiteral("Elm Street")}}, QStringLiteral("3456"));
        QVERIFY(!r.value(QStringLiteral("ok")).toBool());
        QCOMPARE(f.store->journal().headSeq(), head);
    }

    void badFieldsAreRefusedUnderTheFieldAndAChangeIsSigned()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->resize(1366, 768);
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(openProfile(w));
        QVERIFY(!item(w, sel::kProfileReadOnly));
        QVERIFY2(touchAndAccessibilityProblems(w).isEmpty(), qPrintable(touchAndAccessibilityProblems(w).join(QLatin1Char('\n'))));
        const qint64 head = f.store->journal().headSeq();

        // A DEA number whose check digit is wrong: said under the field once it is left, in the Ledger's words.
        QVERIFY(type(w, sel::kProfileDea, QStringLiteral("BM1234564")));
        QVERIFY(type(w, sel::kProfileDeaExpiry, QStringLiteral("2027-13-01")));
        QTRY_VERIFY(!problemOf(w, sel::kProfileDea).isEmpty());
        QVERIFY2(problemOf(w, sel::kProfileDea).contains(QLatin1String("check digit")), qPrintable(problemOf(w, sel::kProfileDea)));
        QVERIFY(type(w, sel::kProfileState, QStringLiteral("XX")));
        QTRY_VERIFY(problemOf(w, sel::kProfileDeaExpiry).contains(QLatin1String("YYYY-MM-DD")));
        QVERIFY(type(w, sel::kProfileIdle, QStringLiteral("45")));
        QTRY_VERIFY2(problemOf(w, sel::kProfileState).contains(QLatin1String("US state")), qPrintable(problemOf(w, sel::kProfileState)));
        QTRY_VERIFY(problemOf(w, sel::kProfileIdle).contains(QLatin1String("between 1 and 30 minutes")));
        // Save refuses before any PIN: nothing written.
        QVERIFY(click(w, sel::kProfileSave));
        QTRY_VERIFY(text(w, sel::kProfileMessage).contains(QLatin1String("Correct the fields")));
        QVERIFY(!item(w, sel::kProfileSignContent));
        QCOMPARE(f.store->journal().headSeq(), head);
        QVERIFY(changesAfter(*f.store, head).isEmpty());

        // Corrected: Texas brings its zone (the zone was not chosen by hand).
        QVERIFY(type(w, sel::kProfileDea, QStringLiteral("BM1234563")));
        QVERIFY(type(w, sel::kProfileDeaExpiry, QStringLiteral("2027-06-30")));
        QVERIFY(type(w, sel::kProfileState, QStringLiteral("TX")));
        QCOMPARE(item(w, sel::kProfileZone)->property("value").toString(), QStringLiteral("America/Chicago"));
        QVERIFY(type(w, sel::kProfileName, QStringLiteral("Main Street Pharmacy West")));
        QVERIFY(type(w, sel::kProfileIdle, QStringLiteral("10")));
        QTRY_VERIFY(problemOf(w, sel::kProfileDea).isEmpty() && problemOf(w, sel::kProfileIdle).isEmpty());

        // Signed: a wrong PIN refused in the dialog, nothing written; the right one typed on the keyboard.
        QVERIFY(click(w, sel::kProfileSave));
        QTRY_VERIFY(item(w, sel::kProfileSignContent) && fullyShown(item(w, sel::kProfileSignContent)));
        QVERIFY(enterPin(w, QStringLiteral("9999")));
        QTRY_VERIFY(item(w, sel::kProfileSignMessage));
        QVERIFY(text(w, sel::kProfileSignMessage).contains(QLatin1String("PIN")));
        QCOMPARE(LedgerQueries(f.store->db()).pharmacy().name, QStringLiteral("Main Street Pharmacy"));
        const qint64 afterWrongPin = f.store->journal().headSeq(); // a wrong PIN is itself recorded (the lockout)
        QTest::qWait(100);
        for (QChar d : QStringLiteral("1234"))
            QTest::keyClick(w, d.toLatin1());
        QTest::keyClick(w, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(text(w, sel::kProfileMessage).contains(QLatin1String("changed, signed by Pat Chen")), 10'000);
        QVERIFY(!item(w, sel::kProfileSignContent));

        const PharmacyRow p = LedgerQueries(f.store->db()).pharmacy();
        QCOMPARE(p.name, QStringLiteral("Main Street Pharmacy West"));
        QCOMPARE(p.state, QStringLiteral("TX"));
        QCOMPARE(p.timezone, QStringLiteral("America/Chicago"));
        QCOMPARE(p.deaExpiry, QStringLiteral("2027-06-30"));
        QCOMPARE(LedgerQueries(f.store->db()).idleMinutes(), 10);
        QCOMPARE(app.counter.idleMinutes(), 10); // the counter's idle lock follows
        QCOMPARE(changesAfter(*f.store, afterWrongPin),
                 (QStringList{QStringLiteral("pharmacy.configured by ") + f.picId, QStringLiteral("setting.changed by ") + f.picId}));
        QCOMPARE(text(w, sel::kHeaderPharmacy), QStringLiteral("Main Street Pharmacy West"));

        // The command line reads the same profile.
        QProcess ciictl;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CII_LEDGER_DATA_DIR"), f.t.dataDir.path());
        env.insert(QStringLiteral("CII_LEDGER_KEY_DIR"), f.t.keyDir.path());
        env.insert(QStringLiteral("CII_LEDGER_KEYSTORE"), QStringLiteral("file"));
        ciictl.setProcessEnvironment(env);
        ciictl.start(qEnvironmentVariable("CIICTL"), {QStringLiteral("profile")});
        QVERIFY(ciictl.waitForFinished(30'000));
        const QString out = QString::fromUtf8(ciictl.readAllStandardOutput());
        QVERIFY2(ciictl.exitCode() == 0, ciictl.readAllStandardError().constData());
        QVERIFY2(out.contains(QLatin1String("Main Street Pharmacy West")) && out.contains(QLatin1String("America/Chicago")), qPrintable(out));

        // Nothing changed: nothing to sign.
        QVERIFY(click(w, sel::kProfileSave));
        QTRY_VERIFY(text(w, sel::kProfileMessage).contains(QLatin1String("Nothing was changed")));
        QVERIFY(!item(w, sel::kProfileSignContent));
    }
};

QTEST_MAIN(TestSettingsProfile)
#include "tst_settingsprofile.moc"
