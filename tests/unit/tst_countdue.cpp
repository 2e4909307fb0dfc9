// "Count due" (issue 28): a product is due a count once the pharmacy's cadence has passed since its last count that
// matched the records; never counted, since its first entry in the ledger; with no entry, since it was added. Not
// "due" for every product on day one, and a matching count clears it. Checked at the edges of the cadence.
#include "Ledger.h"
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {
constexpr qint64 kDayMs = 24 * 3600 * 1000;
} // namespace

class TestCountDue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void dueFollowsTheCadenceFromTheLastMatchingCount()
    {
        LedgerFixture f; // the product was added at the fixture's clock
        const qint64 cadence = LedgerQueries(f.store->db()).pharmacy().cadenceDays * kDayMs;
        QVERIFY(cadence > 0);
        const qint64 added = f.t.clock.nowMs();
        const auto due = [&] { return f.ledger->isReconciliationOverdue(f.oxy, f.ledger->reconciliationCutoffMs()); };

        // Added, never stocked: due a cadence after it was added, not before, not on the day.
        QVERIFY(!due());
        QVERIFY(f.ledger->overdueReconciliations().isEmpty());
        f.t.clock.set(added + cadence);
        QVERIFY(!due()); // exactly a cadence: not yet
        f.t.clock.set(added + cadence + 1);
        QVERIFY(due());
        QCOMPARE(f.ledger->overdueReconciliations(), QStringList{f.oxy});

        // Its first entry (stock received) starts its cadence when it was never counted.
        f.t.clock.set(added + cadence + kDayMs);
        const qint64 received = f.t.clock.nowMs();
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QVERIFY(!due());
        f.t.clock.set(received + cadence);
        QVERIFY(!due());
        f.t.clock.set(received + cadence + 1);
        QVERIFY(due());

        // A count that differs does not clear it; a matching count does, and the cadence runs from it.
        QVERIFY(f.ledger->count(*f.tech, f.oxy, 99).discrepancyOpened);
        QVERIFY(due());
        const qint64 matched = f.t.clock.nowMs();
        QVERIFY(!f.ledger->count(*f.tech, f.oxy, 99).discrepancyOpened);
        QVERIFY(!due());
        QVERIFY(f.ledger->overdueReconciliations().isEmpty());
        f.t.clock.set(matched + cadence - 1);
        QVERIFY(!due());
        f.t.clock.set(matched + cadence);
        QVERIFY(!due());
        f.t.clock.set(matched + cadence + 1);
        QVERIFY(due());
        const QList<MatchingCount> rows = LedgerQueries(f.store->db()).countsOlderThan(f.ledger->reconciliationCutoffMs());
        QCOMPARE(rows.size(), 1);
        QCOMPARE(*rows.first().atMs, matched);
        QCOMPARE(rows.first().sinceMs, matched);
    }

    void todaysCountsAreKnown()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const QString today = f.ledger->todayInPharmacy();
        QVERIFY(LedgerQueries(f.store->db()).countedOn(today).isEmpty());
        f.ledger->count(*f.tech, f.oxy, 98);
        QCOMPARE(LedgerQueries(f.store->db()).countedOn(today), (QList<std::pair<QString, bool>>{{f.oxy, false}}));
        f.ledger->count(*f.tech, f.oxy, 98); // counted again: matches the records now
        QCOMPARE(LedgerQueries(f.store->db()).countedOn(today), (QList<std::pair<QString, bool>>{{f.oxy, true}}));
    }
};

QTEST_GUILESS_MAIN(TestCountDue)
#include "tst_countdue.moc"
