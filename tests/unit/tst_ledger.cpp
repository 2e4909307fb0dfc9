#include "LedgerProjection.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

/// Runs `f`, expects a CiiError whose text contains `needle`; returns the message.
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
} // the query is finished here, before the next write (sql::Transaction checks)

} // namespace

class TestLedger : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void setUpRecordsProfileAndRefusesASecondTime()
    {
        LedgerFixture f;
        {
            sql::Query q(f.store->db(), "SELECT name, dea, state, cadence_days FROM pharmacy");
            QVERIFY(q.next());
            QCOMPARE(q.text(0), QStringLiteral("Main Street Pharmacy"));
            QCOMPARE(q.text(1), QStringLiteral("BM1234563"));
            QCOMPARE(q.int64(3), 90); // California's default
        }
        const QString why = refusal([&] { f.ledger->setUp(LedgerFixture::profile(), {QStringLiteral("X Y"), QStringLiteral("XY"), Role::PharmacistInCharge, QStringLiteral("9999"), {}}); });
        QVERIFY2(why.contains(QLatin1String("already set up")), qPrintable(why));
        QCOMPARE(Ledger::defaultCadenceDays(QStringLiteral("MA")), 10);
    }

    void wrongPinCountsDownThenLocks()
    {
        LedgerFixture f;
        const qint64 failedBefore = count(*f.store, "SELECT count(*) FROM events WHERE kind = 'auth.failed'");
        QString why = refusal([&] { f.ledger->signIn(f.techId, QStringLiteral("0000")); });
        QVERIFY2(why.contains(QLatin1String("wrong PIN for Tom Ng")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("4 more wrong tries")), qPrintable(why));
        for (int i = 0; i < 3; ++i)
            refusal([&] { f.ledger->signIn(f.techId, QStringLiteral("0000")); });
        why = refusal([&] { f.ledger->signIn(f.techId, QStringLiteral("0000")); });
        QVERIFY2(why.contains(QLatin1String("now locked for 15 minutes")), qPrintable(why));
        // Locked: even the right PIN is refused, and says for how long.
        why = refusal([&] { f.ledger->signIn(f.techId, QStringLiteral("3456")); });
        QVERIFY2(why.contains(QLatin1String("locked after 5 wrong tries")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("15 minute")), qPrintable(why));
        QCOMPARE(count(*f.store, "SELECT count(*) FROM events WHERE kind = 'auth.failed'") - failedBefore, 5);
        QCOMPARE(count(*f.store, "SELECT count(*) FROM events WHERE kind = 'auth.locked'"), 1);
        f.t.clock.advance(Ledger::kLockMs + 1);
        QCOMPARE(f.ledger->signIn(f.techId, QStringLiteral("3456")).name(), QStringLiteral("Tom Ng"));
        // A success resets the count.
        why = refusal([&] { f.ledger->signIn(f.techId, QStringLiteral("0000")); });
        QVERIFY2(why.contains(QLatin1String("4 more wrong tries")), qPrintable(why));
    }

    void passwordSignIn()
    {
        LedgerFixture f;
        QCOMPARE(f.ledger->signIn(f.ownerId, QStringLiteral("owner-password")).role(), Role::Owner);
        const QString why = refusal([&] { f.ledger->signIn(f.ownerId, QStringLiteral("owner-passwore")); });
        QVERIFY2(why.contains(QLatin1String("wrong password for Olive Ford")), qPrintable(why));
    }

    void noSecretIsStoredInTheClear()
    {
        LedgerFixture f;
        sql::Query q(f.store->db(), "SELECT pin_hash FROM people WHERE id = ?");
        q.bind(1, f.techId);
        QVERIFY(q.next());
        QVERIFY(q.blob(0).startsWith("scrypt$"));
        QVERIFY(!q.blob(0).contains("3456"));
        f.store->journal().forEach(1, [](const Event &e) {
            [&] { QVERIFY(!e.payload.contains("owner-password")); }();
            return true;
        });
    }

    void receiveDispensePartialFillsAndReturns()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        QCOMPARE(f.ledger->balance(f.oxy), 200);
        const qint64 first = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 20, QStringLiteral("RX1001"), 60));
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 40, QStringLiteral("RX1001"), 0)); // partial fill 2
        QCOMPARE(f.ledger->balance(f.oxy), 140);
        QString why = refusal([&] { f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RX1001"), 0)); });
        QVERIFY2(why.contains(QLatin1String("more than Rx RX1001 has left (0 of 60)")), qPrintable(why));
        QCOMPARE(count(*f.store, "SELECT dispensed_qty FROM prescriptions WHERE rx = 'RX1001'"), 60);
        { // The remaining quantity is in the second fill's record.
            sql::Query remaining(f.store->db(), "SELECT payload FROM events WHERE kind = 'stock.dispensed' ORDER BY seq DESC LIMIT 1");
            QVERIFY(remaining.next());
            QCOMPARE(QCborValue::fromCbor(remaining.blob(0)).toMap().value(QStringLiteral("remainingOnRx")).toInteger(), 0);
        }

        // Not picked up: 20 go back to stock, and the Rx may be filled again for them.
        f.ledger->returnToStock(*f.tech, first, 20, QStringLiteral("not picked up"));
        QCOMPARE(f.ledger->balance(f.oxy), 160);
        why = refusal([&] { f.ledger->returnToStock(*f.tech, first, 1, QStringLiteral("again")); });
        QVERIFY2(why.contains(QLatin1String("not yet returned (0)")), qPrintable(why));
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 20, QStringLiteral("RX1001"), 0));
        QCOMPARE(f.ledger->balance(f.oxy), 140);
    }

    void overDispenseIsRefusedWithTheBalance()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const QByteArray head = f.store->journal().headHash();
        const QString why = refusal([&] { f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 101, QStringLiteral("RX7"), 120)); });
        QVERIFY2(why.contains(QLatin1String("(101) is more than the balance on hand (100)")), qPrintable(why));
        QCOMPARE(f.store->journal().headHash(), head);
        QCOMPARE(f.ledger->balance(f.oxy), 100);
    }

    void blindCountOpensADiscrepancyForThePharmacistInCharge()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RX1"), 10));
        const CountResult match = f.ledger->count(*f.tech, f.oxy, 90);
        QVERIFY(!match.discrepancyOpened);
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 5, QStringLiteral("RX2"), 5));
        const CountResult off = f.ledger->count(*f.tech, f.oxy, 83);
        QVERIFY(off.discrepancyOpened);
        QCOMPARE(off.difference, -2);
        QCOMPARE(off.reviewer, QStringLiteral("Pat Chen"));
        QCOMPARE(f.ledger->balance(f.oxy), 83); // the balance follows the shelf
        {
            sql::Query d(f.store->db(), "SELECT expected, counted, difference, status, since_seq FROM discrepancies WHERE id = ?");
            d.bind(1, off.discrepancyId);
            QVERIFY(d.next());
            QCOMPARE(d.int64(0), 85);
            QCOMPARE(d.int64(1), 83);
            QCOMPARE(d.int64(2), -2);
            QCOMPARE(d.text(3), QStringLiteral("open"));
            QCOMPARE(d.int64(4), match.seq); // events since the last matching count explain it
        }
        // Only the pharmacist-in-charge resolves, signed.
        QString why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pharmacist, off.discrepancyId, QStringLiteral("counting-error"), QStringLiteral("recounted"), false, QStringLiteral("2345")); });
        QVERIFY2(why.contains(QLatin1String("a pharmacist may not resolve a discrepancy")), qPrintable(why));
        why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, off.discrepancyId, QStringLiteral("other"), QStringLiteral("recounted"), false, QStringLiteral("9999")); });
        QVERIFY2(why.contains(QLatin1String("wrong PIN for Pat Chen")), qPrintable(why));
        f.ledger->resolveDiscrepancy(*f.pic, off.discrepancyId, QStringLiteral("breakage-or-spill"), QStringLiteral("Two tablets crushed in the counting tray."), false, QStringLiteral("1234"));
        {
            sql::Query after(f.store->db(), "SELECT status, reason_code, resolved_by FROM discrepancies WHERE id = ?");
            after.bind(1, off.discrepancyId);
            QVERIFY(after.next());
            QCOMPARE(after.text(0), QStringLiteral("resolved"));
            QCOMPARE(after.text(1), QStringLiteral("breakage-or-spill"));
            QCOMPARE(after.text(2), f.picId);
        }
        why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, off.discrepancyId, QStringLiteral("other"), QStringLiteral("again"), false, QStringLiteral("1234")); });
        QVERIFY2(why.contains(QLatin1String("already resolved")), qPrintable(why));
    }

    void aShelfCountIsRecordedWholeOrNotAtAll()
    {
        LedgerFixture f;
        const QString morphine = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0054-0235-25"), QStringLiteral("Morphine sulfate ER"),
                                                                     QStringLiteral("15 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 100, QStringLiteral("CII")});
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->receive(*f.tech, LedgerFixture::receipt(morphine, 1));
        const qint64 head = f.store->journal().headSeq();
        // Any bad line refuses the whole list, naming the line; nothing is written.
        for (const auto &[counts, expected] : QList<std::pair<QList<InventoryCount>, QString>>{
                 {{}, QStringLiteral("has no counts")},
                 {{{f.oxy, 100}, {morphine, -1}}, QStringLiteral("Line 2 of the shelf list must be a whole number")},
                 {{{f.oxy, 100}, {QStringLiteral("0054-0235-25"), 5}, {f.oxy, 99}}, QStringLiteral("Line 3 of the shelf list counts NDC 00574407205 a second time")},
                 {{{f.oxy, 100}, {QStringLiteral("1111-2222-33"), 5}}, QStringLiteral("not in the catalog")}}) {
            const QString why = refusal([&] { f.ledger->countShelf(*f.tech, counts); });
            QVERIFY2(why.contains(expected), qPrintable(why));
            QCOMPARE(f.store->journal().headSeq(), head);
        }
        // A good list: each product counted blind in one transaction; the mismatch opens a discrepancy.
        const QList<CountResult> r = f.ledger->countShelf(*f.tech, {{f.oxy, 100}, {morphine, 97}});
        QCOMPARE(r.size(), 2);
        QVERIFY(!r[0].discrepancyOpened);
        QVERIFY(r[1].discrepancyOpened);
        QCOMPARE(r[1].difference, -3);
        QCOMPARE(r[1].reviewer, QStringLiteral("Pat Chen"));
        QCOMPARE(r[1].seq, head + 2);
        QCOMPARE(count(*f.store, "SELECT count(*) FROM events WHERE kind = 'stock.counted'"), 2);
        QCOMPARE(count(*f.store, "SELECT count(*) FROM discrepancies WHERE status = 'open'"), 1);
        QCOMPARE(f.ledger->balance(morphine), 97);
        QVERIFY(f.store->verify().intact);
    }

    void adjustmentNeedsAPharmacistAndASignature()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QString why = refusal([&] { f.ledger->adjust(*f.tech, f.oxy, -1, QStringLiteral("breakage"), QStringLiteral("dropped a tablet in the sink"), QStringLiteral("3456")); });
        QVERIFY2(why.contains(QLatin1String("a technician may not record an adjustment")), qPrintable(why));
        why = refusal([&] { f.ledger->adjust(*f.pharmacist, f.oxy, -1, QStringLiteral("breakage"), QStringLiteral("dropped a tablet in the sink"), QString()); });
        QVERIFY2(why.contains(QLatin1String("PIN is required")), qPrintable(why));
        why = refusal([&] { f.ledger->adjust(*f.pharmacist, f.oxy, -1, QStringLiteral("breakage"), QStringLiteral("dropped a tablet in the sink"), QStringLiteral("0000")); });
        QVERIFY2(why.contains(QLatin1String("wrong PIN")), qPrintable(why));
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        f.ledger->adjust(*f.pharmacist, f.oxy, -1, QStringLiteral("breakage"), QStringLiteral("dropped a tablet in the sink"), QStringLiteral("2345"));
        QCOMPARE(f.ledger->balance(f.oxy), 99);
    }

    void voidingKeepsTheOriginalAndRestoresTheRx()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const qint64 wrong = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 30, QStringLiteral("RX9"), 30));
        QString why = refusal([&] { f.ledger->voidEntry(*f.tech, wrong, QStringLiteral("typed 30 not 3"), QStringLiteral("3456")); });
        QVERIFY2(why.contains(QLatin1String("may not correct an entry")), qPrintable(why));
        const qint64 voidSeq = f.ledger->voidEntry(*f.pharmacist, wrong, QStringLiteral("typed 30 instead of 3"), QStringLiteral("2345"));
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        // The Rx's only fill was voided: it was never filled, so the corrected fill states what was prescribed.
        QVERIFY(refusal([&] { f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 3, QStringLiteral("RX9"), 0)); })
                    .contains(QLatin1String("required on the first fill of Rx RX9")));
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 30, QStringLiteral("RX9"), 30));
        QCOMPARE(count(*f.store, "SELECT count(*) FROM entries WHERE kind = 'dispense'"), 2); // the original stays
        {
            sql::Query v(f.store->db(), "SELECT void_seq FROM voided WHERE seq = ?");
            v.bind(1, wrong);
            QVERIFY(v.next());
            QCOMPARE(v.int64(0), voidSeq);
        }
        why = refusal([&] { f.ledger->voidEntry(*f.pharmacist, wrong, QStringLiteral("again"), QStringLiteral("2345")); });
        QVERIFY2(why.contains(QLatin1String("already voided by entry")), qPrintable(why));
        const CountResult c = f.ledger->count(*f.tech, f.oxy, 70);
        why = refusal([&] { f.ledger->voidEntry(*f.pharmacist, c.seq, QStringLiteral("miscounted"), QStringLiteral("2345")); });
        QVERIFY2(why.contains(QLatin1String("Record a new count instead")), qPrintable(why));
    }

    void deactivatedPeopleCannotAct()
    {
        LedgerFixture f;
        QString why = refusal([&] { f.ledger->deactivatePerson(*f.tech, f.pharmacistId, QStringLiteral("left")); });
        QVERIFY2(why.contains(QLatin1String("may not manage people")), qPrintable(why));
        f.ledger->deactivatePerson(*f.pic, f.techId, QStringLiteral("left the pharmacy"));
        why = refusal([&] { f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); });
        QVERIFY2(why.contains(QLatin1String("no longer an active user")), qPrintable(why));
        why = refusal([&] { f.ledger->signIn(f.techId, QStringLiteral("3456")); });
        QVERIFY2(why.contains(QLatin1String("no longer an active user")), qPrintable(why));
        QCOMPARE(count(*f.store, "SELECT count(*) FROM people"), 4); // never deleted
    }

    void credentialsChangeSignedAndResetLiftsALockout()
    {
        LedgerFixture f;
        // One's own: signed with the current PIN; the old PIN stops working.
        QString why = refusal([&] { f.ledger->changeCredentials(*f.tech, f.techId, QStringLiteral("7777"), {}, QStringLiteral("0000")); });
        QVERIFY2(why.contains(QLatin1String("wrong PIN for Tom Ng")), qPrintable(why));
        why = refusal([&] { f.ledger->changeCredentials(*f.tech, f.techId, QStringLiteral("77"), {}, QStringLiteral("3456")); });
        QVERIFY2(why.contains(QLatin1String("must be 4 to 8 digits")), qPrintable(why));
        f.ledger->changeCredentials(*f.tech, f.techId, QStringLiteral("7777"), {}, QStringLiteral("3456"));
        QCOMPARE(f.ledger->signIn(f.techId, QStringLiteral("7777")).name(), QStringLiteral("Tom Ng"));
        why = refusal([&] { f.ledger->signIn(f.techId, QStringLiteral("3456")); });
        QVERIFY2(why.contains(QLatin1String("wrong PIN")), qPrintable(why));
        // Someone else's: a technician may not; the pharmacist-in-charge may, and that lifts a lockout.
        why = refusal([&] { f.ledger->changeCredentials(*f.tech, f.pharmacistId, QStringLiteral("8888"), {}, QStringLiteral("7777")); });
        QVERIFY2(why.contains(QLatin1String("may not manage people")), qPrintable(why));
        for (int i = 0; i < Ledger::kMaxFailures; ++i)
            refusal([&] { f.ledger->signIn(f.pharmacistId, QStringLiteral("0000")); });
        why = refusal([&] { f.ledger->signIn(f.pharmacistId, QStringLiteral("2345")); });
        QVERIFY2(why.contains(QLatin1String("locked")), qPrintable(why));
        f.ledger->changeCredentials(*f.pic, f.pharmacistId, QStringLiteral("8888"), {}, QStringLiteral("1234"));
        QCOMPARE(f.ledger->signIn(f.pharmacistId, QStringLiteral("8888")).role(), Role::Pharmacist);
        // The journal holds hashes only.
        f.store->journal().forEach(1, [](const Event &e) {
            [&] { QVERIFY(!e.payload.contains("8888") && !e.payload.contains("7777")); }();
            return true;
        });
        QCOMPARE(count(*f.store, "SELECT count(*) FROM events WHERE kind = 'person.credentials_changed'"), 2);
    }

    void productsAreDeactivatedAndReactivated()
    {
        LedgerFixture f;
        f.ledger->deactivateProduct(*f.pharmacist, f.oxy);
        QString why = refusal([&] { f.ledger->deactivateProduct(*f.pharmacist, f.oxy); });
        QVERIFY2(why.contains(QLatin1String("already inactive")), qPrintable(why));
        why = refusal([&] { f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); });
        QVERIFY2(why.contains(QLatin1String("is inactive")), qPrintable(why));
        why = refusal([&] { f.ledger->reactivateProduct(*f.tech, f.oxy); });
        QVERIFY2(why.contains(QLatin1String("may not change the catalog")), qPrintable(why));
        f.ledger->reactivateProduct(*f.pharmacist, f.oxy);
        why = refusal([&] { f.ledger->reactivateProduct(*f.pharmacist, f.oxy); });
        QVERIFY2(why.contains(QLatin1String("already active")), qPrintable(why));
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
    }

    void ownerManagesButDoesNotHandleStock()
    {
        LedgerFixture f;
        const QString why = refusal([&] { f.ledger->receive(*f.owner, LedgerFixture::receipt(f.oxy, 1)); });
        QVERIFY2(why.contains(QLatin1String("an owner may not record a receipt")), qPrintable(why));
        f.ledger->addPerson(*f.owner, {QStringLiteral("Ann Bo"), QStringLiteral("AB"), Role::Technician, QStringLiteral("4567"), {}});
    }

    void projectionsRebuildToTheLiveState()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 3));
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 20, QStringLiteral("RX1"), 40));
        f.ledger->count(*f.tech, f.oxy, 275);
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
