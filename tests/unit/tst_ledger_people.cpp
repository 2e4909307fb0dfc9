// The Ledger's people commands as Settings > People sends them: a role changed, a person added and deactivated
// signed by the pharmacist-in-charge or owner, the person form's checks as typed; every refusal writes nothing
// (a wrong PIN is itself recorded, as everywhere).
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

template<typename F>
QString refusal(F &&f)
{
    try {
        f();
    } catch (const CiiError &e) {
        return e.userText();
    }
    return QStringLiteral("<no refusal>");
}

qint64 count(Store &s, const char *sql)
{
    sql::Query q(s.db(), sql);
    q.next();
    return q.int64(0);
}

qint64 events(Store &s)
{
    return count(s, "SELECT count(*) FROM events");
}

PersonRow person(Store &s, const QString &id)
{
    for (const PersonRow &p : LedgerQueries(s.db()).people(false))
        if (p.id == id)
            return p;
    return {};
}

} // namespace

class TestLedgerPeople : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void changeRoleRecordsAnEventAndTakesEffectAtOnce()
    {
        LedgerFixture f;
        f.ledger->changeRole(*f.pic, f.techId, Role::Pharmacist, QStringLiteral("1234"));
        QCOMPARE(person(*f.store, f.techId).role, Role::Pharmacist);
        QCOMPARE(count(*f.store, "SELECT count(*) FROM events WHERE kind = 'person.role_changed'"), 1);
        // The technician's session, signed in before, now may adjust: every command re-reads the role.
        f.ledger->receive(*f.pic, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->adjust(*f.tech, f.oxy, -1, QStringLiteral("breakage"), QStringLiteral("dropped a tablet on the floor"), QStringLiteral("3456"));
        // The owner may too (password signature).
        f.ledger->changeRole(*f.owner, f.techId, Role::Technician, QStringLiteral("owner-password"));
        QCOMPARE(person(*f.store, f.techId).role, Role::Technician);
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }

    void changeRoleRefusalsWriteNothing()
    {
        LedgerFixture f;
        const qint64 before = events(*f.store);
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.tech, f.pharmacistId, Role::Technician, QStringLiteral("3456")); })
                    .contains(QStringLiteral("may not manage people")));
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.pharmacist, f.techId, Role::Pharmacist, QStringLiteral("2345")); })
                    .contains(QStringLiteral("may not manage people")));
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.pic, f.picId, Role::Pharmacist, QStringLiteral("1234")); })
                    .contains(QStringLiteral("You are the last active pharmacist-in-charge")));
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.owner, f.picId, Role::Pharmacist, QStringLiteral("owner-password")); })
                    .contains(QStringLiteral("Pat Chen is the last active pharmacist-in-charge")));
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.pic, f.techId, Role::Technician, QStringLiteral("1234")); })
                    .contains(QStringLiteral("Tom Ng is already a technician")));
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.pic, QStringLiteral("p-nobody"), Role::Pharmacist, QStringLiteral("1234")); })
                    .contains(QStringLiteral("does not exist")));
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.pic, f.techId, Role::Pharmacist, QString()); })
                    .contains(QStringLiteral("Your PIN is required")));
        QCOMPARE(events(*f.store), before);
        // A wrong signature is recorded (the audit log, the lockout) and nothing else.
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.pic, f.techId, Role::Pharmacist, QStringLiteral("9999")); })
                    .contains(QStringLiteral("wrong PIN")));
        QCOMPARE(count(*f.store, "SELECT count(*) FROM events WHERE kind = 'person.role_changed'"), 0);
        QCOMPARE(person(*f.store, f.techId).role, Role::Technician);

        f.ledger->deactivatePerson(*f.pic, f.techId, QStringLiteral("left"));
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.pic, f.techId, Role::Pharmacist, QStringLiteral("1234")); })
                    .contains(QStringLiteral("Tom Ng is inactive")));
    }

    void aSecondPharmacistInChargeLetsTheFirstStepDown()
    {
        LedgerFixture f;
        f.ledger->changeRole(*f.pic, f.pharmacistId, Role::PharmacistInCharge, QStringLiteral("1234"));
        f.ledger->changeRole(*f.pic, f.picId, Role::Pharmacist, QStringLiteral("1234"));
        QCOMPARE(person(*f.store, f.picId).role, Role::Pharmacist);
        // The old session no longer manages people: the role is read again.
        QVERIFY(refusal([&] { f.ledger->changeRole(*f.pic, f.techId, Role::Pharmacist, QStringLiteral("1234")); })
                    .contains(QStringLiteral("a pharmacist may not manage people")));
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }

    void addPersonSignedChecksEveryFieldBeforeThePin()
    {
        LedgerFixture f;
        const qint64 before = events(*f.store);
        // Duplicate initials (any case) among active people, refused before the signature: no PIN try spent.
        QVERIFY(refusal([&] { f.ledger->addPerson(*f.pic, {QStringLiteral("Tina Nash"), QStringLiteral("tn"), Role::Technician, QStringLiteral("4444"), {}},
                                                  QStringLiteral("9999")); })
                    .contains(QStringLiteral("The initials TN are already Tom Ng's")));
        QVERIFY(refusal([&] { f.ledger->addPerson(*f.pic, {QStringLiteral("Sam Rivera"), QStringLiteral("SR"), Role::Technician, QStringLiteral("44"), {}},
                                                  QStringLiteral("9999")); })
                    .contains(QStringLiteral("The PIN must be 4 to 8 digits")));
        QVERIFY(refusal([&] { f.ledger->addPerson(*f.pic, {QStringLiteral("Sam Rivera"), QStringLiteral("SR"), Role::Technician, QStringLiteral("4444"), {}},
                                                  QString()); })
                    .contains(QStringLiteral("Your PIN is required")));
        QCOMPARE(events(*f.store), before);
        const QString id = f.ledger->addPerson(*f.pic, {QStringLiteral("Sam Rivera"), QStringLiteral("sr"), Role::Technician, QStringLiteral("4444"), {}},
                                               QStringLiteral("1234"));
        QCOMPARE(person(*f.store, id).initials, QStringLiteral("SR"));
        QCOMPARE(f.ledger->signIn(id, QStringLiteral("4444")).name(), QStringLiteral("Sam Rivera"));
        // A deactivated person's initials are free again.
        f.ledger->deactivatePerson(*f.pic, id, QStringLiteral("left the pharmacy"), QStringLiteral("1234"));
        f.ledger->addPerson(*f.pic, {QStringLiteral("Sue Ray"), QStringLiteral("SR"), Role::Pharmacist, QStringLiteral("5555"), {}}, QStringLiteral("1234"));
    }

    void deactivationKeepsTheReasonAndRefusesSignIn()
    {
        LedgerFixture f;
        const qint64 before = events(*f.store);
        QVERIFY(refusal([&] { f.ledger->deactivatePerson(*f.pic, f.techId, QString(), QStringLiteral("1234")); })
                    .contains(QStringLiteral("The reason is required")));
        QVERIFY(refusal([&] { f.ledger->deactivatePerson(*f.pic, f.picId, QStringLiteral("x"), QStringLiteral("1234")); })
                    .contains(QStringLiteral("cannot deactivate yourself")));
        QVERIFY(refusal([&] { f.ledger->deactivatePerson(*f.tech, f.pharmacistId, QStringLiteral("x"), QStringLiteral("3456")); })
                    .contains(QStringLiteral("may not manage people")));
        QCOMPARE(events(*f.store), before);
        f.ledger->deactivatePerson(*f.pic, f.techId, QStringLiteral("moved to another store"), QStringLiteral("1234"));
        const PersonRow p = person(*f.store, f.techId);
        QVERIFY(!p.active);
        QCOMPARE(p.deactivatedReason, QStringLiteral("moved to another store"));
        QVERIFY(refusal([&] { f.ledger->signIn(f.techId, QStringLiteral("3456")); }).contains(QStringLiteral("no longer an active user")));
        QVERIFY(rebuildMismatch(*f.store).isEmpty()); // the reason is rebuilt from the journal
    }

    void aResetLiftsTheLockoutAndShowsInTheList()
    {
        LedgerFixture f;
        for (int i = 0; i < Ledger::kMaxFailures; ++i)
            refusal([&] { f.ledger->signIn(f.techId, QStringLiteral("0000")); });
        QVERIFY(person(*f.store, f.techId).lockedUntilMs > f.store->clock().nowMs());
        QVERIFY(refusal([&] { f.ledger->checkSignature(*f.pic, QStringLiteral("9999")); }).contains(QStringLiteral("wrong PIN")));
        const qint64 before = events(*f.store);
        f.ledger->checkSignature(*f.pic, QStringLiteral("1234"));
        QCOMPARE(events(*f.store), before + 1); // the right PIN after a wrong one clears the count; no other trace
        f.ledger->changeCredentials(*f.pic, f.techId, QStringLiteral("8642"), {}, QStringLiteral("1234"));
        QCOMPARE(person(*f.store, f.techId).lockedUntilMs, 0);
        QCOMPARE(f.ledger->signIn(f.techId, QStringLiteral("8642")).name(), QStringLiteral("Tom Ng"));
    }

    void personFieldsAreCheckedAsTyped()
    {
        LedgerFixture f;
        using PF = Ledger::PersonField;
        QCOMPARE(f.ledger->checkPersonField(PF::Initials, QString()), QString());
        QCOMPARE(f.ledger->checkPersonField(PF::Initials, QStringLiteral("SR")), QString());
        QCOMPARE(f.ledger->checkPersonField(PF::Initials, QStringLiteral("S1")), QStringLiteral("The initials must be 2 to 4 letters."));
        QCOMPARE(f.ledger->checkPersonField(PF::Initials, QStringLiteral("SAMRV")), QStringLiteral("The initials is too long (at most 4 characters)."));
        QVERIFY(f.ledger->checkPersonField(PF::Initials, QStringLiteral("tn")).startsWith(QStringLiteral("The initials TN are already Tom Ng's")));
        QCOMPARE(f.ledger->checkPersonField(PF::Pin, QStringLiteral("12")), QStringLiteral("The PIN must be 4 to 8 digits."));
        QCOMPARE(f.ledger->checkPersonField(PF::Pin, QStringLiteral("1234")), QString());
        QCOMPARE(f.ledger->checkPersonField(PF::Password, QStringLiteral("short")), QStringLiteral("The password must be 8 to 128 characters."));
        QCOMPARE(f.ledger->checkPersonField(PF::Name, QStringLiteral("A\u0007B")).contains(QStringLiteral("control character")), true);
        QCOMPARE(f.ledger->checkPersonField(PF::Name, QStringLiteral("Sam Rivera")), QString());
    }
};

QTEST_MAIN(TestLedgerPeople)
#include "tst_ledger_people.moc"
