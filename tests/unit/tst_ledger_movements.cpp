// Transfers, returns to suppliers, destruction, waste, theft or loss, inventory, dispense override, reviews and
// reconciliation status: what each records, who may do it, and how balances and discrepancies follow.
#include "LedgerProjection.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

QString refusal(const std::function<void()> &f)
{
    try {
        f();
    } catch (const CiiError &e) {
        return e.userText();
    }
    return QStringLiteral("(not refused)");
}

QString text(Store &store, const char *sql, qint64 bind)
{
    sql::Query q(store.db(), sql);
    q.bind(1, bind);
    return q.next() ? q.text(0) : QStringLiteral("(none)");
}

} // namespace

class TestLedgerMovements : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void transfersAndReturnsMoveStockBothWays()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const QString why = refusal([&] { f.ledger->recordMovement(*f.tech, LedgerFixture::movement(MovementKind::TransferOut, f.oxy, 10)); });
        QVERIFY2(why.contains(QLatin1String("a technician may not record a transfer")), qPrintable(why));
        f.ledger->recordMovement(*f.pharmacist, LedgerFixture::movement(MovementKind::TransferOut, f.oxy, 10));
        QCOMPARE(f.ledger->balance(f.oxy), 90);
        f.ledger->recordMovement(*f.pharmacist, LedgerFixture::movement(MovementKind::TransferIn, f.oxy, 25));
        QCOMPARE(f.ledger->balance(f.oxy), 115);
        f.ledger->recordMovement(*f.pic, LedgerFixture::movement(MovementKind::ReverseDistributor, f.oxy, 15));
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM entries WHERE kind IN ('transfer-out', 'transfer-in', 'reverse-distributor')"), 3);
        Movement own = LedgerFixture::movement(MovementKind::ReturnToSupplier, f.oxy, 1);
        own.partyDea = QStringLiteral("BM1234563");
        QVERIFY(refusal([&] { f.ledger->recordMovement(*f.pharmacist, own); }).contains(QLatin1String("this pharmacy's own")));
        const QString over = refusal([&] { f.ledger->recordMovement(*f.pharmacist, LedgerFixture::movement(MovementKind::TransferOut, f.oxy, 101)); });
        QVERIFY2(over.contains(QLatin1String("(101) is more than the balance on hand (100)")), qPrintable(over));
    }

    void destructionNeedsTwoWitnessesWhoEachSign()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        Destruction d = f.destruction();
        d.second = d.first;
        QVERIFY(refusal([&] { f.ledger->destroy(*f.pic, d); }).contains(QLatin1String("a witness must be someone else")));
        d = f.destruction();
        d.second.pin = QStringLiteral("0000");
        QVERIFY(refusal([&] { f.ledger->destroy(*f.pic, d); }).contains(QLatin1String("wrong PIN for Tom Ng")));
        d = f.destruction();
        d.partialUnits = 100;
        QVERIFY(refusal([&] { f.ledger->destroy(*f.pic, d); }).contains(QLatin1String("fewer than one package (100)")));
        d = f.destruction();
        d.fullPackages = 1;
        const qint64 seq = f.ledger->destroy(*f.pic, d);
        QCOMPARE(f.ledger->balance(f.oxy), 95); // 200 - (1 x 100 + 5)
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM witnesses WHERE seq = ?", QString::number(seq)), 2);
    }

    void wasteNeedsAPharmacistOnOneSide()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const QString techB = f.ledger->addPerson(*f.pic, {QStringLiteral("Lee Park"), QStringLiteral("LP"), Role::Technician, QStringLiteral("4567"), {}});
        Waste w = f.waste();
        w.witness = {techB, QStringLiteral("4567")};
        QVERIFY(refusal([&] { f.ledger->waste(*f.tech, w); }).contains(QLatin1String("must be a pharmacist when a technician records")));
        w = f.waste();
        w.reason = QStringLiteral("other");
        w.note.clear();
        QVERIFY(refusal([&] { f.ledger->waste(*f.tech, w); }).contains(QLatin1String("required when the reason is \"other\"")));
        w = f.waste();
        w.witness = {f.techId, QStringLiteral("3456")};
        QVERIFY(refusal([&] { f.ledger->waste(*f.tech, w); }).contains(QLatin1String("a witness must be someone else")));
        f.ledger->waste(*f.tech, f.waste());
        QCOMPARE(f.ledger->balance(f.oxy), 98);
    }

    void theftOrLossMovesStockAndSetsBothDeadlines()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QVERIFY(refusal([&] { f.ledger->reportTheftLoss(*f.tech, LedgerFixture::theftLoss(f.oxy, 100, QStringLiteral("3456"))); })
                    .contains(QLatin1String("a technician may not report a theft or loss")));
        const qint64 id = f.ledger->reportTheftLoss(*f.pharmacist, LedgerFixture::theftLoss(f.oxy, 100, QStringLiteral("2345")));
        QCOMPARE(f.ledger->balance(f.oxy), 0);
        QCOMPARE(text(*f.store, "SELECT notice_due FROM theft_loss WHERE id = ?", id), QStringLiteral("2026-09-21")); // Sat -> Mon
        QCOMPARE(text(*f.store, "SELECT form_due FROM theft_loss WHERE id = ?", id), QStringLiteral("2026-11-03"));
        QVERIFY(refusal([&] { f.ledger->recordTheftLossFiling(*f.pharmacist, id, QStringLiteral("notice"), QStringLiteral("2026-09-18"), QStringLiteral("DEA-1")); })
                    .contains(QLatin1String("before the discovery date")));
        f.ledger->recordTheftLossFiling(*f.pharmacist, id, QStringLiteral("notice"), QStringLiteral("2026-09-21"), QStringLiteral("DEA Diversion email 4411"));
        QCOMPARE(text(*f.store, "SELECT notice_reference FROM theft_loss WHERE id = ?", id), QStringLiteral("DEA Diversion email 4411"));
        QVERIFY(refusal([&] { f.ledger->recordTheftLossFiling(*f.pharmacist, id, QStringLiteral("notice"), QStringLiteral("2026-09-21"), QStringLiteral("again")); })
                    .contains(QLatin1String("already recorded")));
        QVERIFY(refusal([&] { f.ledger->voidEntry(*f.pharmacist, id, QStringLiteral("oops"), QStringLiteral("2345")); })
                    .contains(QLatin1String("cannot be voided")));
        QCOMPARE(Ledger::nextBusinessDay(QDate(2026, 9, 18)), QDate(2026, 9, 21)); // Friday -> Monday
        QCOMPARE(Ledger::nextBusinessDay(QDate(2026, 9, 21)), QDate(2026, 9, 22));
        // US federal holidays, as observed.
        QCOMPARE(Ledger::nextBusinessDay(QDate(2026, 11, 25)), QDate(2026, 11, 27)); // Thanksgiving (4th Thursday)
        QCOMPARE(Ledger::nextBusinessDay(QDate(2026, 9, 4)), QDate(2026, 9, 8));     // Labor Day Monday
        QCOMPARE(Ledger::nextBusinessDay(QDate(2026, 7, 2)), QDate(2026, 7, 6));     // July 4 on Saturday: Friday off
        QCOMPARE(Ledger::nextBusinessDay(QDate(2027, 12, 23)), QDate(2027, 12, 27)); // Christmas Saturday: Friday 24 off
        QCOMPARE(Ledger::nextBusinessDay(QDate(2027, 12, 30)), QDate(2028, 1, 3));   // New Year 2028 on Saturday: Dec 31
        QCOMPARE(Ledger::nextBusinessDay(QDate(2026, 5, 22)), QDate(2026, 5, 26));   // Memorial Day, last Monday of May
        QCOMPARE(Ledger::nextBusinessDay(QDate(2026, 6, 18)), QDate(2026, 6, 22));   // Juneteenth Friday, then weekend
        QCOMPARE(Ledger::nextBusinessDay(QDate(2028, 1, 14)), QDate(2028, 1, 18));   // Martin Luther King Jr. Day
        QVERIFY(Ledger::isFederalHoliday(QDate(2026, 11, 11)));  // Veterans Day
        QVERIFY(Ledger::isFederalHoliday(QDate(2026, 10, 12)));  // Columbus Day, 2nd Monday
        QVERIFY(Ledger::isFederalHoliday(QDate(2026, 2, 16)));   // Washington's Birthday, 3rd Monday
        QVERIFY(!Ledger::isFederalHoliday(QDate(2020, 6, 19)));  // before Juneteenth became one
        QVERIFY(!Ledger::isFederalHoliday(QDate(2026, 11, 24)));
    }

    void escalatingAShortageOpensAReportWithoutMovingStockTwice()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const CountResult shortage = f.ledger->count(*f.tech, f.oxy, 90);
        QCOMPARE(f.ledger->balance(f.oxy), 90);
        f.ledger->startReview(*f.pharmacist, shortage.discrepancyId, QStringLiteral("checking the week's Rx"));
        QCOMPARE(text(*f.store, "SELECT status FROM discrepancies WHERE id = ?", shortage.discrepancyId), QStringLiteral("in_review"));
        f.ledger->resolveDiscrepancy(*f.pic, shortage.discrepancyId, QString(), QStringLiteral("Ten tablets unaccounted for."), true, QStringLiteral("1234"));
        QCOMPARE(f.ledger->balance(f.oxy), 90);
        QCOMPARE(scalar(*f.store, "SELECT quantity FROM theft_loss WHERE discrepancy_id = " + QByteArray::number(shortage.discrepancyId)), 10);
        const CountResult surplus = f.ledger->count(*f.tech, f.oxy, 95);
        QVERIFY(refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, surplus.discrepancyId, QString(), QStringLiteral("n"), true, QStringLiteral("1234")); })
                    .contains(QLatin1String("a surplus, not a shortage")));
    }

    void dispenseOverTheBalanceNeedsAPharmacistAndOpensADiscrepancy()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        Dispense d = LedgerFixture::dispense(f.oxy, 120, QStringLiteral("RX77"), 120);
        QVERIFY(refusal([&] { f.ledger->dispense(*f.tech, d); }).contains(QLatin1String("(120) is more than the balance on hand (100)")));
        d.overrideBalance = true;
        d.overrideReason = QStringLiteral("Shelf has a second bottle; receipt not yet entered.");
        d.signaturePin = QStringLiteral("3456");
        QVERIFY(refusal([&] { f.ledger->dispense(*f.tech, d); }).contains(QLatin1String("a technician may not dispense over the recorded balance")));
        d.signaturePin = QStringLiteral("2345");
        const qint64 seq = f.ledger->dispense(*f.pharmacist, d);
        QCOMPARE(f.ledger->balance(f.oxy), 0); // never negative
        const qint64 id = ledgerdb::discrepancyOpenedBy(f.store->db(), seq, f.oxy);
        QVERIFY(id > 0);
        QCOMPARE(text(*f.store, "SELECT source || ' ' || difference FROM discrepancies WHERE id = ?", id), QStringLiteral("override 20"));
        QCOMPARE(scalar(*f.store, "SELECT delta FROM entries WHERE seq = ?", QString::number(seq)), -100); // what the records held
        f.ledger->voidEntry(*f.pharmacist, seq, QStringLiteral("wrong product picked"), QStringLiteral("2345"));
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM prescriptions WHERE rx = ?", QStringLiteral("RX77")), 0); // never filled now
        // ...so the corrected fill states its own quantity prescribed.
        f.ledger->dispense(*f.pharmacist, LedgerFixture::dispense(f.oxy, 12, QStringLiteral("RX77"), 12));
        QCOMPARE(scalar(*f.store, "SELECT prescribed_qty FROM prescriptions WHERE rx = ?", QStringLiteral("RX77")), 12);
    }

    void inventoryCountsEveryProductAndIsSignedByThePic()
    {
        LedgerFixture f;
        const QString fent = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0406-9025-62"), QStringLiteral("Fentanyl transdermal"), QStringLiteral("25 mcg/h"),
                                                                  QStringLiteral("patch"), QStringLiteral("patch"), 5});
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        Inventory inv{QStringLiteral("biennial"), QStringLiteral("opening"), QStringLiteral("2026-09-21"), {{f.oxy, 100}}, QStringLiteral("1234")};
        QString why = refusal([&] { f.ledger->takeInventory(*f.pic, inv); });
        QVERIFY2(why.contains(QLatin1String("missing 1 product(s) to count: 00406902562")), qPrintable(why));
        inv.counts.append({fent, 0});
        inv.counts.append({f.oxy, 1});
        QVERIFY(refusal([&] { f.ledger->takeInventory(*f.pic, inv); }).contains(QLatin1String("counted twice")));
        inv.counts.removeLast();
        QVERIFY(refusal([&] { f.ledger->takeInventory(*f.pharmacist, inv); }).contains(QLatin1String("a pharmacist may not sign an inventory")));
        inv.counts[0].counted = 98;
        const qint64 seq = f.ledger->takeInventory(*f.pic, inv);
        QCOMPARE(f.ledger->balance(f.oxy), 98);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM entries WHERE kind = 'inventory'"), 2);
        QCOMPARE(scalar(*f.store, "SELECT products FROM inventories"), 2);
        QVERIFY(ledgerdb::discrepancyOpenedBy(f.store->db(), seq, f.oxy) > 0);
        QCOMPARE(ledgerdb::discrepancyOpenedBy(f.store->db(), seq, fent), 0);
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void reconciliationIsOverdueAfterTheCadence()
    {
        LedgerFixture f; // California: 90 days
        QVERIFY(f.ledger->overdueReconciliations().isEmpty()); // just added: its cadence runs from now (tst_countdue)
        f.t.clock.advance(91LL * 24 * 3600 * 1000);
        QCOMPARE(f.ledger->overdueReconciliations(), QStringList{f.oxy}); // never counted
        f.ledger->count(*f.tech, f.oxy, 0);
        QVERIFY(f.ledger->overdueReconciliations().isEmpty());
        f.t.clock.advance(91LL * 24 * 3600 * 1000);
        QCOMPARE(f.ledger->overdueReconciliations(), QStringList{f.oxy});
    }
};

QTEST_GUILESS_MAIN(TestLedgerMovements)
#include "tst_ledger_movements.moc"
