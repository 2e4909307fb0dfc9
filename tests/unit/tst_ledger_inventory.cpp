// Inventories (21 CFR 1304.11): figures as at the opening or close of business they are labelled with, whenever
// the sheet is signed, and everything on hand counted, inactive products included. The fixture's clock is
// Monday 2026-09-21, 07:13:20 in Los Angeles.
#include "LedgerProjection.h"
#include "Sqlite.h"
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

constexpr qint64 kMinute = 60'000;

/// Moves the fixture's clock to `hh:mm` on its day (07:13:20 at the start), or the next day's when `nextDay`.
QByteArray scalarBlob(Store &store, qint64 seq)
{
    sql::Query q(store.db(), "SELECT payload FROM events WHERE seq = ?");
    q.bind(1, seq);
    return q.next() ? q.blob(0) : QByteArray();
}

void at(LedgerFixture &f, int hh, int mm, bool nextDay = false)
{
    const qint64 start = 1'790'000'000'000; // 07:13:20 PDT
    const qint64 target = start - (7 * 60 + 13) * kMinute - 20'000 + (hh * 60 + mm) * kMinute + (nextDay ? 24 * 60 * kMinute : 0);
    f.t.clock.advance(target - f.t.clock.nowMs());
}

Inventory inventory(const QString &timing, const QString &date, QList<InventoryCount> counts)
{
    Inventory inv;
    inv.type = QStringLiteral("biennial");
    inv.timing = timing;
    inv.date = date;
    inv.counts = std::move(counts);
    inv.signaturePin = QStringLiteral("1234");
    return inv;
}

Dispense dispenseOn(const QString &ndc11, qint64 qty, const QString &rx, const QString &fillDate)
{
    Dispense d = LedgerFixture::dispense(ndc11, qty, rx, qty);
    d.fillDate = fillDate;
    return d;
}

/// The inventory event's line for a product: {counted, expected, recordedAfter}.
QCborMap sheetLine(Store &store, qint64 seq, const QString &ndc11)
{
    sql::Query q(store.db(), "SELECT payload FROM events WHERE seq = ?");
    q.bind(1, seq);
    if (!q.next())
        return {};
    Event e;
    e.payload = q.blob(0);
    for (const QCborValue &v : e.payloadMap().value(QLatin1String("counts")).toArray())
        if (v.toMap().value(QLatin1String("ndc11")).toString() == ndc11)
            return v.toMap();
    return {};
}

} // namespace

class TestLedgerInventory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void whoCountedSignsWithTheirOwnPinAndThePicCountersigns()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        at(f, 18, 0);
        Inventory inv = inventory(QStringLiteral("closing"), QStringLiteral("2026-09-21"), {{f.oxy, 100}});
        inv.counters = {{f.techId, QStringLiteral("3456")}, {f.picId, QString()}}; // the PIC counted too: their signature covers it
        const qint64 seq = f.ledger->takeInventory(*f.pic, inv);
        const QCborMap p = QCborValue::fromCbor(scalarBlob(*f.store, seq)).toMap();
        QCOMPARE(p.value(QStringLiteral("countedBy")).toString(), QStringLiteral("Tom Ng and Pat Chen"));
        QCOMPARE(p.value(QStringLiteral("counters")).toArray(), (QCborArray{f.techId, f.picId}));
        QCOMPARE(p.value(QStringLiteral("signedBy")).toString(), f.picId);
        // No one named: the pharmacist-in-charge who signs counted alone.
        const qint64 alone = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("closing"), QStringLiteral("2026-09-21"), {{f.oxy, 100}}));
        QCOMPARE(QCborValue::fromCbor(scalarBlob(*f.store, alone)).toMap().value(QStringLiteral("countedBy")).toString(), QStringLiteral("Pat Chen"));
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }

    void openingCountSignedAfterTheDaysDispensesKeepsThem()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); // received 2026-09-20: 100 at today's opening
        at(f, 10, 0);
        f.ledger->dispense(*f.tech, dispenseOn(f.oxy, 10, QStringLiteral("RX1"), QStringLiteral("2026-09-21")));
        at(f, 12, 0);
        const qint64 seq = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("opening"), QStringLiteral("2026-09-21"), {{f.oxy, 100}}));
        QCOMPARE(ledgerdb::discrepancyOpenedBy(f.store->db(), seq, f.oxy), 0); // the opening stock was 100
        QCOMPARE(f.ledger->balance(f.oxy), 90);                                  // counted 100 - the 10 dispensed after
        const QCborMap line = sheetLine(*f.store, seq, f.oxy);
        QCOMPARE(line.value(QLatin1String("expected")).toInteger(), 100);
        QCOMPARE(line.value(QLatin1String("recordedAfter")).toInteger(), -10);
        // A second opening inventory of the same day comes after the first: its figure is the first's count.
        const qint64 again = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("opening"), QStringLiteral("2026-09-21"), {{f.oxy, 97}}));
        const qint64 id = ledgerdb::discrepancyOpenedBy(f.store->db(), again, f.oxy);
        QVERIFY(id > 0);
        QCOMPARE(scalarText(*f.store, QByteArray("SELECT expected || ' ' || counted || ' ' || difference FROM discrepancies WHERE id = "
                                                 + QByteArray::number(id)).constData()),
                 QStringLiteral("100 97 -3"));
        QCOMPARE(f.ledger->balance(f.oxy), 87);
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void openingCountIncludesNothingOfItsOwnDay()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); // 2026-09-20
        Receipt today = LedgerFixture::receipt(f.oxy, 1, QStringLiteral("123456790"));
        today.receivedDate = QStringLiteral("2026-09-21");
        at(f, 9, 0);
        f.ledger->receive(*f.tech, today);      // 09-21: after the opening
        f.ledger->count(*f.tech, f.oxy, 200);   // a count of 09-21 matches the records: after the opening too
        at(f, 9, 30);
        const qint64 seq = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("opening"), QStringLiteral("2026-09-21"), {{f.oxy, 100}}));
        QCOMPARE(ledgerdb::discrepancyOpenedBy(f.store->db(), seq, f.oxy), 0);
        QCOMPARE(f.ledger->balance(f.oxy), 200);
        // The close of the same day comes after every entry of the day: the same shelf is 200 then.
        const qint64 closing = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("closing"), QStringLiteral("2026-09-21"), {{f.oxy, 200}}));
        QCOMPARE(ledgerdb::discrepancyOpenedBy(f.store->db(), closing, f.oxy), 0);
        QCOMPARE(f.ledger->balance(f.oxy), 200);
    }

    void closingCountSignedTheNextMorningLeavesOutThatMorning()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); // 2026-09-20
        // Typed this morning, for yesterday: yesterday's close counts it.
        f.ledger->dispense(*f.tech, dispenseOn(f.oxy, 5, QStringLiteral("RX1"), QStringLiteral("2026-09-20")));
        // Yesterday's dispense entered twice by mistake and voided this morning: it never happened yesterday.
        const qint64 twice = f.ledger->dispense(*f.tech, dispenseOn(f.oxy, 3, QStringLiteral("RX2"), QStringLiteral("2026-09-20")));
        at(f, 8, 0);
        f.ledger->voidEntry(*f.pharmacist, twice, QStringLiteral("entered twice"), QStringLiteral("2345"));
        f.ledger->dispense(*f.tech, dispenseOn(f.oxy, 10, QStringLiteral("RX3"), QStringLiteral("2026-09-21")));
        at(f, 9, 0);
        const qint64 seq = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("closing"), QStringLiteral("2026-09-20"), {{f.oxy, 95}}));
        QCOMPARE(ledgerdb::discrepancyOpenedBy(f.store->db(), seq, f.oxy), 0);
        QCOMPARE(sheetLine(*f.store, seq, f.oxy).value(QLatin1String("expected")).toInteger(), 95);
        QCOMPARE(f.ledger->balance(f.oxy), 85);
        // The opening of 09-21 is the same stock as the close of 09-20.
        const qint64 opening = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("opening"), QStringLiteral("2026-09-21"), {{f.oxy, 95}}));
        QCOMPARE(ledgerdb::discrepancyOpenedBy(f.store->db(), opening, f.oxy), 0);
        QCOMPARE(f.ledger->balance(f.oxy), 85);
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void closingCountAtMidnightInThePharmacysZone()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); // 2026-09-20
        at(f, 23, 59);
        f.ledger->waste(*f.tech, f.waste()); // 2 wasted at 23:59 on 09-21 (06:59 UTC on 09-22)
        at(f, 0, 1, true);
        f.ledger->count(*f.tech, f.oxy, 97); // 00:01 on 09-22, one short: after the close of 09-21
        const qint64 seq = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("closing"), QStringLiteral("2026-09-21"), {{f.oxy, 98}}));
        QCOMPARE(sheetLine(*f.store, seq, f.oxy).value(QLatin1String("expected")).toInteger(), 98);
        QCOMPARE(ledgerdb::discrepancyOpenedBy(f.store->db(), seq, f.oxy), 0);
    }

    void aShelfCountedSinceTheMomentKeepsItsBalance()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); // 2026-09-20: 100 on the records, 98 on the shelf
        at(f, 8, 0);
        f.ledger->dispense(*f.tech, dispenseOn(f.oxy, 10, QStringLiteral("RX1"), QStringLiteral("2026-09-21")));
        const CountResult morning = f.ledger->count(*f.tech, f.oxy, 88); // finds the 2 missing: the balance follows the shelf
        QCOMPARE(morning.difference, -2);
        at(f, 9, 0);
        // Yesterday's close counted 98: the 2 were missing then too. Reported at that moment; the balance stays with
        // the later count instead of taking the 2 off again.
        const qint64 seq = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("closing"), QStringLiteral("2026-09-20"), {{f.oxy, 98}}));
        const qint64 id = ledgerdb::discrepancyOpenedBy(f.store->db(), seq, f.oxy);
        QVERIFY(id > 0);
        QCOMPARE(scalarText(*f.store, QByteArray("SELECT expected || ' ' || counted FROM discrepancies WHERE id = " + QByteArray::number(id)).constData()),
                 QStringLiteral("100 98"));
        QCOMPARE(f.ledger->balance(f.oxy), 88);
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(f.ledger->balance(f.oxy), 88);
    }

    void aCountBelowWhatLeftAfterItsMomentIsRefused()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        at(f, 10, 0);
        f.ledger->dispense(*f.tech, dispenseOn(f.oxy, 10, QStringLiteral("RX1"), QStringLiteral("2026-09-21")));
        const qint64 head = f.store->journal().headSeq();
        const QString why = refusalText([&] {
            f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("opening"), QStringLiteral("2026-09-21"), {{f.oxy, 5}}));
        });
        QVERIFY2(why.contains(QLatin1String("The count for 00574407205 (5) is less than what was recorded leaving after the opening of "
                                            "business on 2026-09-21 (10)")),
                 qPrintable(why));
        QCOMPARE(f.store->journal().headSeq(), head); // nothing written, not even the PIN
        QCOMPARE(f.ledger->balance(f.oxy), 90);
    }

    void inventoriesSignedBeforeThisRuleReplayAsRecorded()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->dispense(*f.tech, dispenseOn(f.oxy, 10, QStringLiteral("RX1"), QStringLiteral("2026-09-21")));
        // As the ledger wrote it before: the balance when signed was the expected figure, whatever the timing.
        const QCborArray counts{QCborMap{{QStringLiteral("ndc11"), f.oxy}, {QStringLiteral("counted"), 100}, {QStringLiteral("expected"), 90}}};
        f.store->append(f.picId, QStringLiteral("inventory.taken"),
                        {{QStringLiteral("type"), QStringLiteral("biennial")}, {QStringLiteral("timing"), QStringLiteral("opening")},
                         {QStringLiteral("date"), QStringLiteral("2026-09-21")}, {QStringLiteral("counts"), counts},
                         {QStringLiteral("countedBy"), QString()}, {QStringLiteral("signedBy"), f.picId}});
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM discrepancies WHERE source = 'inventory'"), 1);
        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(f.ledger->balance(f.oxy), 100);
    }

    void everythingOnHandIsCountedActiveOrNot()
    {
        LedgerFixture f;
        const QString fent = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0406-9025-62"), QStringLiteral("Fentanyl transdermal"),
                                                                  QStringLiteral("25 mcg/h"), QStringLiteral("patch"), QStringLiteral("patch"), 5});
        f.ledger->receive(*f.tech, LedgerFixture::receipt(fent, 2));
        // A journal from before this rule: the product was deactivated while it held stock.
        f.store->append(f.pharmacistId, QStringLiteral("product.deactivated"), {{QStringLiteral("ndc11"), fent}});
        QVERIFY(LedgerQueries(f.store->db()).activeProducts().size() == 1);
        const auto listed = LedgerQueries(f.store->db()).inventoryProducts();
        QCOMPARE(listed.size(), 2);
        const qint64 head = f.store->journal().headSeq();
        const QString why = refusalText([&] {
            f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("closing"), QStringLiteral("2026-09-21"), {{f.oxy, 0}}));
        });
        QVERIFY2(why.contains(QLatin1String("is missing 1 product(s) to count: 00406902562 (inactive, 10 on hand)")), qPrintable(why));
        QCOMPARE(f.store->journal().headSeq(), head);
        const qint64 seq = f.ledger->takeInventory(*f.pic, inventory(QStringLiteral("closing"), QStringLiteral("2026-09-21"), {{f.oxy, 0}, {fent, 10}}));
        QCOMPARE(scalar(*f.store, "SELECT products FROM inventories WHERE id = ?", QString::number(seq)), 2);
        QCOMPARE(ledgerdb::discrepancyOpenedBy(f.store->db(), seq, fent), 0);
    }

    void aProductHoldingStockCannotBeDeactivated()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const qint64 head = f.store->journal().headSeq();
        const QString why = refusalText([&] { f.ledger->deactivateProduct(*f.pharmacist, f.oxy); });
        QVERIFY2(why.contains(QLatin1String("The product 00574407205 still holds a balance of 100 and cannot be deactivated")), qPrintable(why));
        QCOMPARE(f.store->journal().headSeq(), head);
        // At zero it can.
        f.ledger->count(*f.tech, f.oxy, 0);
        f.ledger->deactivateProduct(*f.pharmacist, f.oxy);
        QVERIFY(LedgerQueries(f.store->db()).activeProducts().isEmpty());
        QVERIFY(LedgerQueries(f.store->db()).inventoryProducts().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLedgerInventory)
#include "tst_ledger_inventory.moc"
