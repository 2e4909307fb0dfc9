// Stock awaiting disposal (21 CFR 1317; 1304.11, 1304.21-22): set aside by a pharmacist's signed command, it stays on
// hand and in every count and inventory, is never dispensed, and leaves only by a destruction (Form 41) or a
// shipment to a reverse distributor, each of which takes from it first. "Expired" adjustments are no longer taken;
// old journals holding them still replay.
#include "LedgerProjection.h"
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

SetAside setAside(const QString &ndc11, qint64 quantity, const QString &pin = QStringLiteral("2345"))
{
    return {ndc11, quantity, QStringLiteral("expired 2026-08, lot LOT42A"), pin};
}

qint64 awaiting(LedgerFixture &f)
{
    return LedgerQueries(f.store->db()).awaitingDisposal(f.oxy);
}

} // namespace

class TestLedgerDisposal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void setAsideStockStaysOnHandButIsNotDispensed()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->setAside(*f.pharmacist, setAside(f.oxy, 20));
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        QCOMPARE(awaiting(f), 20);
        QCOMPARE(scalarText(*f.store, "SELECT kind || ' ' || delta || ' ' || reference FROM entries ORDER BY seq DESC LIMIT 1"),
                 QStringLiteral("set-aside 0 expired 2026-08, lot LOT42A"));
        // 80 can be dispensed, not 81.
        const QString why = refusalText([&] { f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 81, QStringLiteral("RX1"), 81)); });
        QVERIFY2(why.contains(QLatin1String("The quantity (81) is more than can be dispensed (80): 20 of the 100 on hand are set aside awaiting disposal")),
                 qPrintable(why));
        QCOMPARE(f.ledger->checkField(Ledger::Field::Dispense, QStringLiteral("81"), f.oxy),
                 QStringLiteral("More than can be dispensed (80): 20 of the 100 on hand are set aside awaiting disposal."));
        QVERIFY(f.ledger->checkField(Ledger::Field::Dispense, QStringLiteral("80"), f.oxy).isEmpty());
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 80, QStringLiteral("RX1"), 80));
        QCOMPARE(f.ledger->balance(f.oxy), 20);
        QCOMPARE(awaiting(f), 20);
        // Counted and inventoried with the rest: the shelf holds the 20.
        const CountResult c = f.ledger->count(*f.tech, f.oxy, 20);
        QVERIFY(!c.discrepancyOpened);
        Inventory inv{QStringLiteral("annual"), QStringLiteral("closing"), QStringLiteral("2026-09-21"), {{f.oxy, 20}}, QStringLiteral("1234")};
        const qint64 seq = f.ledger->takeInventory(*f.pic, inv);
        QCOMPARE(ledgerdb::discrepancyOpenedBy(f.store->db(), seq, f.oxy), 0);
        QCOMPARE(awaiting(f), 20);
        // Waste, a transfer, a return to the supplier, an adjustment: none takes it.
        QVERIFY(refusalText([&] { f.ledger->waste(*f.tech, f.waste()); }).contains(QLatin1String("(2) is more than the stock not set aside (0)")));
        QVERIFY(refusalText([&] { f.ledger->recordMovement(*f.pharmacist, LedgerFixture::movement(MovementKind::TransferOut, f.oxy, 1)); })
                    .contains(QLatin1String("20 of the 20 on hand are set aside awaiting disposal")));
        QVERIFY(refusalText([&] { f.ledger->recordMovement(*f.pharmacist, LedgerFixture::movement(MovementKind::ReturnToSupplier, f.oxy, 1)); })
                    .contains(QLatin1String("set aside awaiting disposal")));
        QVERIFY(refusalText([&] {
                    f.ledger->adjust(*f.pharmacist, f.oxy, -1, QStringLiteral("breakage"), QStringLiteral("one tablet crushed in the vial"), QStringLiteral("2345"));
                }).contains(QLatin1String("set aside awaiting disposal")));
        QVERIFY(refusalText([&] { f.ledger->deactivateProduct(*f.pharmacist, f.oxy); }).contains(QLatin1String("still holds a balance of 20")));
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void itLeavesByDestructionOrReverseDistributorTakingFromItFirst()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->setAside(*f.pharmacist, setAside(f.oxy, 20));
        Destruction d = f.destruction(); // 5 units
        f.ledger->destroy(*f.pic, d);
        QCOMPARE(f.ledger->balance(f.oxy), 95);
        QCOMPARE(awaiting(f), 15);
        f.ledger->recordMovement(*f.pharmacist, LedgerFixture::movement(MovementKind::ReverseDistributor, f.oxy, 25));
        QCOMPARE(f.ledger->balance(f.oxy), 70);
        QCOMPARE(awaiting(f), 0); // 15 awaited; the other 10 were dispensable stock shipped with it
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 70, QStringLiteral("RX1"), 70));
        QCOMPARE(f.ledger->balance(f.oxy), 0);
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void voidingASetAsideOrItsDestructionPutsItBack()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const qint64 wrong = f.ledger->setAside(*f.pharmacist, setAside(f.oxy, 30));
        f.ledger->voidEntry(*f.pharmacist, wrong, QStringLiteral("wrong lot set aside"), QStringLiteral("2345"));
        QCOMPARE(awaiting(f), 0);
        f.ledger->setAside(*f.pharmacist, setAside(f.oxy, 10));
        const qint64 destroyed = f.ledger->destroy(*f.pic, f.destruction()); // 5 of the 10
        QCOMPARE(awaiting(f), 5);
        f.ledger->voidEntry(*f.pharmacist, destroyed, QStringLiteral("destruction entered for the wrong product"), QStringLiteral("2345"));
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        QCOMPARE(awaiting(f), 10);
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void anOverrideNeverDispensesStockSetAside()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->setAside(*f.pharmacist, setAside(f.oxy, 20));
        Dispense d = LedgerFixture::dispense(f.oxy, 90, QStringLiteral("RX9"), 90);
        d.overrideBalance = true;
        d.overrideReason = QStringLiteral("Second bottle on the shelf, receipt not yet entered.");
        d.signaturePin = QStringLiteral("2345");
        const qint64 seq = f.ledger->dispense(*f.pharmacist, d);
        QCOMPARE(f.ledger->balance(f.oxy), 20); // what awaits disposal stays
        QCOMPARE(awaiting(f), 20);
        const qint64 id = ledgerdb::discrepancyOpenedBy(f.store->db(), seq, f.oxy);
        QCOMPARE(scalarText(*f.store, QByteArray("SELECT difference FROM discrepancies WHERE id = " + QByteArray::number(id)).constData()),
                 QStringLiteral("10"));
    }

    void aTheftOrACountBelowWhatAwaitsLeavesNoMoreThanIsThere()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->setAside(*f.pharmacist, setAside(f.oxy, 20));
        f.ledger->reportTheftLoss(*f.pharmacist, LedgerFixture::theftLoss(f.oxy, 90, QStringLiteral("2345")));
        QCOMPARE(f.ledger->balance(f.oxy), 10);
        QCOMPARE(awaiting(f), 10);
        f.ledger->count(*f.tech, f.oxy, 4);
        QCOMPARE(awaiting(f), 4);
    }

    void setAsideIsSignedByAPharmacistAndRefusesBadInputWritingNothing()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const qint64 head = f.store->journal().headSeq();
        const auto refused = [&](const SetAside &a, const Session &s) { return refusalText([&] { f.ledger->setAside(s, a); }); };
        QVERIFY(refused(setAside(f.oxy, 5, QStringLiteral("3456")), *f.tech).contains(QLatin1String("a technician may not set stock aside for disposal")));
        QVERIFY(refused(setAside(f.oxy, 0), *f.pharmacist).contains(QLatin1String("The quantity set aside must be a whole number above zero")));
        QVERIFY(refused(setAside(f.oxy, -3), *f.pharmacist).contains(QLatin1String("The quantity set aside must be a whole number above zero")));
        QVERIFY(refused(setAside(f.oxy, 101), *f.pharmacist).contains(QLatin1String("The quantity set aside (101) is more than the balance on hand (100)")));
        QVERIFY(refused({f.oxy, 5, QStringLiteral("  "), QStringLiteral("2345")}, *f.pharmacist).contains(QLatin1String("The reason is required")));
        QVERIFY(refused({f.oxy, 5, QString(300, QLatin1Char('x')), QStringLiteral("2345")}, *f.pharmacist).contains(QLatin1String("The reason is too long")));
        QVERIFY(refused({QStringLiteral("9999-9999-99"), 5, QStringLiteral("expired"), QStringLiteral("2345")}, *f.pharmacist)
                    .contains(QLatin1String("is not in the catalog")));
        QVERIFY(refused(setAside(f.oxy, 5, QString()), *f.pharmacist).contains(QLatin1String("Your PIN is required to sign this entry")));
        QCOMPARE(f.store->journal().headSeq(), head);
        f.ledger->setAside(*f.pharmacist, setAside(f.oxy, 60));
        QVERIFY(refused(setAside(f.oxy, 41), *f.pharmacist)
                    .contains(QLatin1String("The quantity set aside (41) is more than the stock not yet set aside (40): 60 of the 100 on hand already await disposal")));
        // A wrong PIN is the one refusal that is recorded (the audit log, the lockout); no stock moves.
        QVERIFY(refused(setAside(f.oxy, 5, QStringLiteral("0000")), *f.pharmacist).contains(QLatin1String("wrong PIN")));
        QCOMPARE(awaiting(f), 60);
    }

    void expiredIsNoLongerAnAdjustmentButOldOnesReplay()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QVERIFY(!Ledger::adjustmentReasons().contains(QStringLiteral("expired")));
        const qint64 head = f.store->journal().headSeq();
        const QString why = refusalText([&] {
            f.ledger->adjust(*f.pharmacist, f.oxy, -10, QStringLiteral("expired"), QStringLiteral("ten tablets expired last month"), QStringLiteral("2345"));
        });
        QVERIFY2(why.contains(QLatin1String("The reason \"expired\" is no longer an adjustment")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("Set it aside for disposal")), qPrintable(why));
        QCOMPARE(f.store->journal().headSeq(), head);
        // A journal written before: its "expired" adjustment stays as it was, and replays.
        f.store->append(f.pharmacistId, QStringLiteral("stock.adjusted"),
                        {{QStringLiteral("ndc11"), f.oxy}, {QStringLiteral("delta"), -10}, {QStringLiteral("reasonCode"), QStringLiteral("expired")},
                         {QStringLiteral("justification"), QStringLiteral("ten tablets expired last month")},
                         {QStringLiteral("signedBy"), f.pharmacistId}});
        QCOMPARE(f.ledger->balance(f.oxy), 90);
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(f.ledger->balance(f.oxy), 90);
        QCOMPARE(scalarText(*f.store, "SELECT reference FROM entries WHERE kind = 'adjustment'"), QStringLiteral("expired"));
    }
};

QTEST_GUILESS_MAIN(TestLedgerDisposal)
#include "tst_ledger_disposal.moc"
