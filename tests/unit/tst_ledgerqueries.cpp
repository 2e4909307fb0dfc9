// The ledger's read API: typed rows for what the screens, ciictl, the reports and the restore read.
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

class TstLedgerQueries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aBareStoreAnswersEmpty()
    {
        TempStore t;
        const auto store = t.open();
        const LedgerQueries q(store->db());
        const PharmacyRow p = q.pharmacy();
        QVERIFY(!p.exists);
        QCOMPARE(p.cadenceDays, 30);
        QCOMPARE(p.zone(), QTimeZone::systemTimeZone());
        QVERIFY(!q.hasActivePeople());
        QVERIFY(!q.hasAnyPerson());
        QVERIFY(!q.hasEntries());
        QVERIFY(q.people(false).isEmpty());
        QCOMPARE(q.pharmacistInCharge(), QString());
        QCOMPARE(q.inventoryDates().lastInventory, QString());
        QVERIFY(!q.discrepancy(1));
        QVERIFY(!q.theftLossReport(1));
        QVERIFY(!q.rx(QStringLiteral("7")));
    }

    void thePharmacyAndItsPeople()
    {
        LedgerFixture f;
        const LedgerQueries q(f.store->db());
        const PharmacyRow p = q.pharmacy();
        QVERIFY(p.exists);
        QCOMPARE(p.name, QStringLiteral("Main Street Pharmacy"));
        QCOMPARE(p.dea, QStringLiteral("BM1234563"));
        QCOMPARE(p.state, QStringLiteral("CA"));
        QCOMPARE(p.cadenceDays, 90); // California's default
        QCOMPARE(QString::fromUtf8(p.zone().id()), QStringLiteral("America/Los_Angeles"));
        QVERIFY(q.hasActivePeople());
        QCOMPARE(q.pharmacistInCharge(), f.picId);
        const QList<PersonRow> people = q.people(true);
        QCOMPARE(people.size(), 4);
        QCOMPARE(people.first().name, QStringLiteral("Olive Ford")); // by name
        QVERIFY(!people.first().hasPin); // the owner signs with a password
        QCOMPARE(people.first().role, Role::Owner);
        QCOMPARE(q.activePeopleMatching(QStringLiteral("tn")), QStringList{f.techId});
        f.ledger->deactivatePerson(*f.pic, f.techId, QStringLiteral("left"));
        QCOMPARE(q.people(true).size(), 3);
        QCOMPARE(q.people(false).size(), 4);
        QVERIFY(q.activePeopleMatching(QStringLiteral("TN")).isEmpty());
        QCOMPARE(q.personNames().value(f.techId), QStringLiteral("Tom Ng")); // the history still names them
    }

    void stockEntriesBalancesAndPrescriptions()
    {
        LedgerFixture f;
        const LedgerQueries q(f.store->db());
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2)); // 200
        const qint64 d1 = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 30, QStringLiteral("R1"), 60));
        const qint64 d2 = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("R1"), 0));
        const qint64 v = f.ledger->voidEntry(*f.pharmacist, d2, QStringLiteral("wrong patient"), QStringLiteral("2345"));
        QVERIFY(q.hasEntries());
        QCOMPARE(q.balance(f.oxy), 170);
        QCOMPARE(q.activeProducts().size(), 1);
        QCOMPARE(q.activeProducts().first().ndc, QStringLiteral("0574-4072-05"));
        QCOMPARE(q.activeProductKeys(10), QStringList{f.oxy});
        const QList<ProductBalance> balances = q.productBalances();
        QCOMPARE(balances.size(), 1);
        QCOMPARE(balances.first().balance, 170);

        const std::optional<RxStatus> rx = q.rx(QStringLiteral("R1"));
        QVERIFY(rx);
        QCOMPARE(rx->prescribed, 60);
        QCOMPARE(rx->dispensed, 30); // the void gave the 10 back
        QCOMPARE(rx->remaining(), 30);

        const QList<LedgerEntry> page = q.entriesBefore(f.oxy, std::numeric_limits<qint64>::max(), {}, 10);
        QCOMPARE(page.size(), 4); // newest first: the void, the two dispenses, the receipt
        QCOMPARE(page.at(0).seq, v);
        QCOMPARE(page.at(0).correctsSeq, d2);
        QCOMPARE(page.at(1).seq, d2);
        QCOMPARE(page.at(1).voidSeq, v);
        QCOMPARE(page.at(2).balanceAfter, 170);
        QCOMPARE(q.entriesBefore(f.oxy, d2, {}, 10).size(), 2); // a page from before an entry
        EntryFilter dispenses;
        dispenses.kind = QStringLiteral("dispense");
        QCOMPARE(q.entriesBefore(f.oxy, std::numeric_limits<qint64>::max(), dispenses, 10).size(), 2);
        QCOMPARE(q.entriesBetween(f.oxy, d1, v).size(), 2); // after d1, up to and with the void

        const QList<BalancePoint> chart = q.balanceHistory(f.oxy, 3);
        QCOMPARE(chart.size(), 3); // the last three, oldest first
        QCOMPARE(chart.first().seq, d1);
        QCOMPARE(chart.last().balance, 170);
    }

    void discrepanciesCountsAndTheftLoss()
    {
        LedgerFixture f;
        const LedgerQueries q(f.store->db());
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); // 100
        QVERIFY(q.countsOlderThan(f.store->clock().nowMs()).isEmpty()); // its cadence runs from the receipt: not due yet
        QCOMPARE(q.countsOlderThan(f.store->clock().nowMs() + 1).size(), 1); // never counted
        QVERIFY(!q.countsOlderThan(f.store->clock().nowMs() + 1).first().atMs);
        const CountResult r = f.ledger->count(*f.tech, f.oxy, 97);
        QVERIFY(r.discrepancyOpened);
        QCOMPARE(q.activeDiscrepancyCount(), 1);
        QCOMPARE(q.activeDiscrepancyCount(f.oxy), 1);
        QCOMPARE(q.activeDiscrepancyCount(QStringLiteral("00000000000")), 0);
        QCOMPARE(q.discrepancyCount(), 1);
        const QList<DiscrepancyRow> queue = q.discrepancies(QStringLiteral("active"), DiscrepancyOrder::ByAge);
        QCOMPARE(queue.size(), 1);
        QCOMPARE(queue.first().difference, -3);
        QCOMPARE(queue.first().status, QStringLiteral("open"));
        QVERIFY(q.discrepancies(QStringLiteral("resolved"), DiscrepancyOrder::BySize).isEmpty());

        const qint64 escalation = f.ledger->resolveDiscrepancy(*f.pic, r.discrepancyId, QString(), QStringLiteral("not found"), true,
                                                               QStringLiteral("1234"));
        const std::optional<DiscrepancyDetail> d = q.discrepancy(r.discrepancyId);
        QVERIFY(d);
        QCOMPARE(d->status, QStringLiteral("escalated"));
        QCOMPARE(d->expected, 100);
        QCOMPARE(d->counted, 97);
        QCOMPARE(d->sinceSeq, 0); // no count matched before it
        QCOMPARE(d->resolvedBy, std::optional<QString>(f.picId));
        QVERIFY(d->resolvedAtMs);
        QCOMPARE(d->theftLossId, escalation);
        QCOMPARE(q.activeDiscrepancyCount(), 0);

        const QList<TheftLossRow> losses = q.theftLossReports();
        QCOMPARE(losses.size(), 1);
        QCOMPARE(losses.first().quantity, 3);
        QCOMPARE(losses.first().discrepancyId, r.discrepancyId);
        QVERIFY(losses.first().noticeSent.isEmpty());
        QVERIFY(!losses.first().noticeDue.isEmpty());
        QCOMPARE(q.theftLossReport(escalation)->ndc11, f.oxy);

        f.ledger->count(*f.tech, f.oxy, 97); // now matches the records
        QVERIFY(q.countsOlderThan(f.store->clock().nowMs() - 1000).isEmpty());
        QCOMPARE(q.countsOlderThan(f.store->clock().nowMs() + 1).first().atMs, f.store->clock().nowMs());
    }
};

QTEST_GUILESS_MAIN(TstLedgerQueries)
#include "tst_ledgerqueries.moc"
