// A discrepancy resolved as a counting error is resolved by its recount (issue 28): the shelf held 140, the count
// said 138, and "counting error, 140 on shelf" left the balance at 138. The resolution now carries the recount and
// its count entry makes the balance what the shelf holds, in the same event, signed with the resolution.
#include "Ledger.h"
#include "LedgerProjection.h"
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {
QString refusal(const std::function<void()> &f)
{
    return refusalText(f);
}
} // namespace

class TestLedgerRecount : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aCountingErrorsRecountSetsTheBalance()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 60, QStringLiteral("RX1"), 60));
        QCOMPARE(f.ledger->balance(f.oxy), 140);
        const CountResult miscount = f.ledger->count(*f.tech, f.oxy, 138);
        QVERIFY(miscount.discrepancyOpened);
        QCOMPARE(f.ledger->balance(f.oxy), 138);
        const qint64 id = miscount.discrepancyId;
        const qint64 head = f.store->journal().headSeq();

        // Refused, writing nothing: no recount, a recount that matches nothing, a recount with another reason.
        QString why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, id, QStringLiteral("counting-error"), QStringLiteral("140 on shelf"), false, QStringLiteral("1234")); });
        QVERIFY2(why.contains(QLatin1String("The recount is required for a counting error")), qPrintable(why));
        why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, id, QStringLiteral("counting-error"), QStringLiteral("n"), false, QStringLiteral("1234"), {}, 139); });
        QVERIFY2(why.contains(QLatin1String("The recount (139) is not what the shelf should hold now if the count was wrong: 140 (140 expected at the count, 0 since)")), qPrintable(why));
        why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, id, QStringLiteral("breakage-or-spill"), QStringLiteral("n"), false, QStringLiteral("1234"), {}, 140); });
        QVERIFY2(why.contains(QLatin1String("A recount is recorded with a counting error only")), qPrintable(why));
        why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, id, QStringLiteral("counting-error"), QStringLiteral("n"), false, QStringLiteral("1234"), {}, -1); });
        QVERIFY2(why.contains(QLatin1String("cannot be negative")), qPrintable(why));
        QCOMPARE(f.store->journal().headSeq(), head);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM last_matching_counts"), 0);

        // "Counting error (a recount matches)", 140 on the shelf: one event, signed; the balance is 140.
        const qint64 seq = f.ledger->resolveDiscrepancy(*f.pic, id, QStringLiteral("counting-error"), QStringLiteral("140 on shelf"), false,
                                                        QStringLiteral("1234"), {}, 140);
        QCOMPARE(f.store->journal().headSeq(), head + 1);
        QCOMPARE(f.ledger->balance(f.oxy), 140);
        const std::optional<DiscrepancyDetail> d = LedgerQueries(f.store->db()).discrepancy(id);
        QCOMPARE(d->status, QStringLiteral("resolved"));
        QCOMPARE(*d->reasonCode, QStringLiteral("counting-error"));
        {
            sql::Query e(f.store->db(), "SELECT kind, delta, balance_after, reference, corrects_seq, actor FROM entries WHERE seq = ?");
            e.bind(1, seq);
            QVERIFY(e.next());
            QCOMPARE(e.text(0), QStringLiteral("count"));
            QCOMPARE(e.int64(1), 2);
            QCOMPARE(e.int64(2), 140);
            QCOMPARE(e.text(3), QStringLiteral("Discrepancy 1"));
            QCOMPARE(e.int64(4), miscount.seq); // it corrects the count that opened the discrepancy
            QCOMPARE(e.text(5), f.picId);       // signed with the resolution
        }
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM events WHERE seq = ? AND kind = 'discrepancy.resolved'", QString::number(seq)), 1);
        // A matching count (the product's cadence runs from it); a rebuild from the journal gives the same state.
        QCOMPARE(scalar(*f.store, "SELECT seq FROM last_matching_counts WHERE ndc11 = ?", f.oxy), seq);
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }

    void stockMovedSinceTheMiscountIsKept()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        const CountResult miscount = f.ledger->count(*f.tech, f.oxy, 195); // 5 short, wrongly
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RX2"), 10));
        QCOMPARE(f.ledger->balance(f.oxy), 185);
        // The records without the miscount: 200 - 10.
        const QString why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, miscount.discrepancyId, QStringLiteral("counting-error"), QStringLiteral("n"), false, QStringLiteral("1234"), {}, 200); });
        QVERIFY2(why.contains(QLatin1String("if the count was wrong: 190 (200 expected at the count, -10 since)")), qPrintable(why));
        f.ledger->resolveDiscrepancy(*f.pic, miscount.discrepancyId, QStringLiteral("counting-error"), QStringLiteral("190 on shelf"), false, QStringLiteral("1234"), {}, 190);
        QCOMPARE(f.ledger->balance(f.oxy), 190);
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }

    void aLaterCountAlreadySetTheBalance()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const CountResult wrong = f.ledger->count(*f.tech, f.oxy, 95);
        QVERIFY(f.ledger->count(*f.tech, f.oxy, 100).discrepancyOpened); // the second count was right: +5
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        const QString why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, wrong.discrepancyId, QStringLiteral("counting-error"), QStringLiteral("n"), false, QStringLiteral("1234"), {}, 105); });
        QVERIFY2(why.contains(QLatin1String("does not match the records (100), which a later count set")), qPrintable(why));
        f.ledger->resolveDiscrepancy(*f.pic, wrong.discrepancyId, QStringLiteral("counting-error"), QStringLiteral("100 on shelf"), false, QStringLiteral("1234"), {}, 100);
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }

    void aWrongPinRecordsNoRecount()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const CountResult miscount = f.ledger->count(*f.tech, f.oxy, 98);
        const QString why = refusal([&] { f.ledger->resolveDiscrepancy(*f.pic, miscount.discrepancyId, QStringLiteral("counting-error"), QStringLiteral("n"), false, QStringLiteral("9999"), {}, 100); });
        QVERIFY2(why.contains(QLatin1String("wrong PIN")), qPrintable(why));
        QCOMPARE(f.ledger->balance(f.oxy), 98);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM events WHERE kind = 'discrepancy.resolved'"), 0);
    }
};

QTEST_GUILESS_MAIN(TestLedgerRecount)
#include "tst_ledger_recount.moc"
