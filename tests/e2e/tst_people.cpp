// Settings > People end to end (issue 28, "Staff"): the real main QML over a real store, driven as the
// pharmacist-in-charge and a technician would: clicks by objectName, keys to the focused field, PINs on the pad.
// Adds a person (bad input said under the field first, nothing written), changes a role, resets a locked-out
// technician's PIN (who then signs in with it), deactivates a person (who can no longer sign in); a technician sees
// the list read-only; a person added with ciictl while the page is open appears in it.
#include "Counter.h"
#include "Ledger.h"
#include "LedgerQueries.h"
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

namespace {

qint64 eventCount(Store &s)
{
    sql::Query q(s.db(), "SELECT count(*) FROM events");
    q.next();
    return q.int64(0);
}

QString idOf(Store &s, const QString &initials)
{
    for (const PersonRow &p : LedgerQueries(s.db()).people(false))
        if (p.initials == initials)
            return p.id;
    return {};
}

bool openPeople(QQuickWindow *w)
{
    return click(w, sel::kSettingsButton) && click(w, sel::kSettingsPeople)
           && QTest::qWaitFor([&] { return item(w, sel::kPeoplePage) && settled(w); }, 5000);
}

/// Runs ciictl on the fixture's store with `input` on standard input; its exit code, its stderr in `error`.
int ciictl(LedgerFixture &f, const QStringList &args, const QByteArray &input, QString *error = nullptr)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CII_LEDGER_DATA_DIR"), f.t.dataDir.path());
    env.insert(QStringLiteral("CII_LEDGER_KEY_DIR"), f.t.keyDir.path());
    env.insert(QStringLiteral("CII_LEDGER_KEYSTORE"), QStringLiteral("file"));
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("CIICTL"), args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30'000))
        return -1;
    if (error)
        *error = QString::fromUtf8(p.readAllStandardError());
    return p.exitCode();
}

} // namespace

class TestPeople : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void thePharmacistInChargeAddsChangesResetsAndDeactivates()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->resize(1366, 768);
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(openPeople(w));
        for (const char *initials : {"PC", "RL", "TN", "OF"})
            QVERIFY2(item(w, sel::personRow(QLatin1String(initials))), initials);
        QVERIFY(!item(w, sel::kPeopleReadOnly));
        QCOMPARE(text(w, sel::personStatus(QStringLiteral("TN"))), QStringLiteral("Technician \u00B7 Active"));

        // Bad input, said under each field as it is typed or left, in the Ledger's words; Add stays disabled.
        const qint64 before = eventCount(*f.store);
        QVERIFY(type(w, sel::kPersonNameField, QStringLiteral("Sam Rivera")));
        QVERIFY(type(w, sel::kPersonInitialsField, QStringLiteral("tn")));
        QVERIFY(type(w, sel::kPersonPinField, QStringLiteral("12")));
        QTRY_VERIFY(text(w, sel::problem(sel::kPersonInitialsField)).startsWith(QStringLiteral("The initials TN are already Tom Ng's")));
        QTRY_COMPARE(text(w, sel::problem(sel::kPersonPinField)), QStringLiteral("The PIN must be 4 to 8 digits."));
        QVERIFY(type(w, sel::kPersonPinField, QStringLiteral("4444")));
        QVERIFY(type(w, sel::kPersonPinAgainField, QStringLiteral("4445")));
        QTRY_COMPARE(text(w, sel::problem(sel::kPersonPinAgainField)), QStringLiteral("The two PINs differ: type the same PIN twice."));
        QVERIFY(type(w, sel::kPeopleSignatureField, QStringLiteral("1234")));
        QVERIFY(!item(w, sel::kPersonAddButton)->isEnabled());
        QVERIFY(!click(w, sel::kPersonAddButton));
        QCOMPARE(eventCount(*f.store), before);

        // Corrected: added, signed by the pharmacist-in-charge.
        QVERIFY(type(w, sel::kPersonInitialsField, QStringLiteral("sr")));
        QVERIFY(type(w, sel::kPersonPinAgainField, QStringLiteral("4444")));
        QTRY_VERIFY(item(w, sel::problem(sel::kPersonInitialsField)) == nullptr);
        QVERIFY(item(w, sel::problem(sel::kPersonPinAgainField)) == nullptr);
        QVERIFY(choose(w, sel::box(sel::kPersonRoleField), QStringLiteral("Technician")));
        QVERIFY(type(w, sel::kPeopleSignatureField, QStringLiteral("1234")));
        QVERIFY(click(w, sel::kPersonAddButton));
        QVERIFY(idle(w));
        QTRY_COMPARE(text(w, sel::kPeopleMessage), QStringLiteral("Added Sam Rivera (SR) as technician."));
        QTRY_VERIFY(item(w, sel::personRow(QStringLiteral("SR"))));
        const QString sam = idOf(*f.store, QStringLiteral("SR"));
        QVERIFY(!sam.isEmpty());

        // A new role, signed.
        QVERIFY(click(w, sel::personRow(QStringLiteral("SR"))));
        QTRY_VERIFY(text(w, sel::kPersonHeading).startsWith(QStringLiteral("Sam Rivera (SR), Technician")));
        QVERIFY(choose(w, sel::box(sel::kPersonNewRoleField), QStringLiteral("Pharmacist")));
        QVERIFY(type(w, sel::kPeopleSignatureField, QStringLiteral("1234")));
        QVERIFY(click(w, sel::kPersonChangeRoleButton));
        QVERIFY(idle(w));
        QTRY_COMPARE(text(w, sel::kPeopleMessage), QStringLiteral("Sam Rivera is now a pharmacist."));
        QTRY_COMPARE(text(w, sel::personStatus(QStringLiteral("SR"))), QStringLiteral("Pharmacist \u00B7 Active"));

        // Tom Ng forgets his PIN and locks himself out; the list says so.
        for (int i = 0; i < Ledger::kMaxFailures; ++i)
            QVERIFY_THROWS_EXCEPTION(CiiError, f.ledger->signIn(f.techId, QStringLiteral("0000")));
        QTRY_VERIFY(text(w, sel::personStatus(QStringLiteral("TN"))).startsWith(QStringLiteral("Technician \u00B7 Locked out until")));

        // The reset: the pharmacist-in-charge signs first (a wrong PIN is said at once), then Tom types his new PIN twice.
        QVERIFY(click(w, sel::personRow(QStringLiteral("TN"))));
        QVERIFY(click(w, sel::kPersonResetPinButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kResetPinDialogContent)));
        QCOMPARE(text(w, sel::kResetPinPrompt), QStringLiteral("Pat Chen, sign with your PIN to reset Tom Ng's PIN."));
        pin(w, QStringLiteral("9999"));
        QTRY_VERIFY(text(w, sel::kResetPinMessage).contains(QStringLiteral("wrong PIN for Pat Chen")));
        pin(w, QStringLiteral("1234"));
        QTRY_COMPARE(text(w, sel::kResetPinPrompt), QStringLiteral("Tom Ng, type your new PIN (4 to 8 digits)."));
        pin(w, QStringLiteral("12"));
        QTRY_COMPARE(text(w, sel::kResetPinMessage), QStringLiteral("The PIN must be 4 to 8 digits."));
        pin(w, QStringLiteral("8642"));
        QTRY_COMPARE(text(w, sel::kResetPinPrompt), QStringLiteral("Tom Ng, type your new PIN again."));
        pin(w, QStringLiteral("8642"));
        QTRY_VERIFY(item(w, sel::kResetPinDialogContent) == nullptr);
        QTRY_COMPARE(text(w, sel::kPeopleMessage), QStringLiteral("Tom Ng's new PIN is set; they can sign in with it now."));
        QTRY_COMPARE(text(w, sel::personStatus(QStringLiteral("TN"))), QStringLiteral("Technician \u00B7 Active"));

        // Deactivated with a reason, kept in the list (and the records).
        QVERIFY(click(w, sel::personRow(QStringLiteral("SR"))));
        QVERIFY(type(w, sel::kPersonReasonField, QStringLiteral("left the pharmacy")));
        QVERIFY(type(w, sel::kPeopleSignatureField, QStringLiteral("1234")));
        QVERIFY(click(w, sel::kPersonDeactivateButton));
        QVERIFY(idle(w));
        QTRY_VERIFY(item(w, sel::personRow(QStringLiteral("SR"), false)));
        QCOMPARE(text(w, sel::personStatus(QStringLiteral("SR"), false)), QStringLiteral("Pharmacist \u00B7 Deactivated: left the pharmacy"));
        QVERIFY(rebuildMismatch(*f.store).isEmpty());

        // Tom signs in with his new PIN; Sam can no longer sign in (no tile, and the Ledger refuses him).
        QVERIFY(click(w, sel::kPeopleBack));
        QVERIFY(click(w, sel::kSettingsBack));
        QVERIFY(click(w, sel::kLockButton));
        QTRY_VERIFY(item(w, sel::kLockScreen));
        QVERIFY(!item(w, sel::personTile(QStringLiteral("SR"))));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("8642")));
        QCOMPARE(text(w, sel::kHeaderPerson), QStringLiteral("Tom Ng"));
        QVERIFY_THROWS_EXCEPTION(CiiError, f.ledger->signIn(sam, QStringLiteral("4444")));
    }

    void aTechnicianSeesTheListReadOnly()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->resize(1024, 768);
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(openPeople(w));
        QCOMPARE(text(w, sel::kPeopleReadOnly), QStringLiteral("Only the pharmacist-in-charge or the owner may change staff."));
        QVERIFY(item(w, sel::personRow(QStringLiteral("PC"))));
        QVERIFY(!item(w, sel::personRow(QStringLiteral("PC")))->isEnabled());
        for (const char *name : {sel::kPeopleAddButton, sel::kPersonAddButton, sel::kPeopleSignatureField, sel::kPersonNameField})
            QVERIFY2(!item(w, QLatin1String(name)), name);
        const qint64 before = eventCount(*f.store);
        QVERIFY(!click(w, sel::personRow(QStringLiteral("RL"))));
        // The Ledger refuses too, whatever a screen offers.
        const QVariantMap r = app.screens.people.changeRole(f.pharmacistId, QStringLiteral("technician"), QStringLiteral("3456"));
        QVERIFY(!r.value(QStringLiteral("ok")).toBool());
        QVERIFY(r.value(QStringLiteral("message")).toString().contains(QStringLiteral("a technician may not manage people")));
        QCOMPARE(eventCount(*f.store), before);
        QVERIFY2(touchAndAccessibilityProblems(w).isEmpty(), qPrintable(touchAndAccessibilityProblems(w).join(QLatin1Char('\n'))));
    }

    void changesMadeWithCiictlShowInTheOpenList()
    {
        LedgerFixture f;
        App app(f);
        f.store->watchOtherWriters(); // as src/app/main.cpp does
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(openPeople(w));
        QVERIFY(!item(w, sel::personRow(QStringLiteral("SR"))));

        QString error;
        QVERIFY2(ciictl(f, {QStringLiteral("person-add"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--name"),
                            QStringLiteral("Sam Rivera"), QStringLiteral("--initials"), QStringLiteral("SR"), QStringLiteral("--role"),
                            QStringLiteral("technician")}, "1234\n5678\n", &error) == 0, qPrintable(error));
        QTRY_VERIFY(item(w, sel::personRow(QStringLiteral("SR"))));
        QCOMPARE(text(w, sel::personStatus(QStringLiteral("SR"))), QStringLiteral("Technician \u00B7 Active"));

        // A second process's commit shows too: the app's connection kept its locks and its WAL (Store::open).
        // The command line and the app agree on a role change and its refusals.
        QVERIFY2(ciictl(f, {QStringLiteral("person-role"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--person"),
                            QStringLiteral("SR"), QStringLiteral("--role"), QStringLiteral("pharmacist")}, "1234\n", &error) == 0, qPrintable(error));
        QTRY_COMPARE(text(w, sel::personStatus(QStringLiteral("SR"))), QStringLiteral("Pharmacist \u00B7 Active"));
        QCOMPARE(ciictl(f, {QStringLiteral("person-role"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--person"),
                            QStringLiteral("PC"), QStringLiteral("--role"), QStringLiteral("pharmacist")}, "1234\n", &error), 1);
        QVERIFY2(error.contains(QStringLiteral("You are the last active pharmacist-in-charge")), qPrintable(error));
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }
};

QTEST_MAIN(TestPeople)
#include "tst_people.moc"
