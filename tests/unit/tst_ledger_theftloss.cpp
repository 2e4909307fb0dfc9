// Theft or loss (21 CFR 1301.76(b), DEA Form 106): a discrepancy escalated to one is discovered when the count found
// it (or on a date the pharmacist-in-charge sets, not after today, not before the last count that matched), and is a
// theft or a loss as chosen. A loss in transit is no theft or loss of the pharmacy's: it is a short receipt, the
// supplier told (21 CFR 1301.74(c), 1301.76(b)). Every refusal is one sentence, with nothing written.
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

/// 100 received and counted right on the fixture's first day, then 90 counted three days later: a shortage of 10
/// found on that day. Returns the discrepancy's id; the clock then moves on two more days.
qint64 shortageFoundDaysAgo(LedgerFixture &f, QString *matched = nullptr, QString *found = nullptr)
{
    f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
    f.ledger->count(*f.tech, f.oxy, 100);
    if (matched)
        *matched = f.ledger->todayInPharmacy();
    f.t.clock.advance(3 * kDayMs);
    const CountResult r = f.ledger->count(*f.tech, f.oxy, 90);
    if (found)
        *found = f.ledger->todayInPharmacy();
    f.t.clock.advance(2 * kDayMs);
    return r.discrepancyId;
}

/// The payload of event `seq`.
QCborMap payloadOf(Store &store, qint64 seq)
{
    QCborMap found;
    store.journal().forEach(seq, [&](const Event &e) {
        found = e.payloadMap();
        return false;
    });
    return found;
}

} // namespace

class TestLedgerTheftLoss : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void anEscalationIsDiscoveredWhenTheCountFoundIt()
    {
        LedgerFixture f;
        QString found;
        const qint64 id = shortageFoundDaysAgo(f, nullptr, &found);
        QVERIFY(found != f.ledger->todayInPharmacy());
        const qint64 report = f.ledger->resolveDiscrepancy(*f.pic, id, QString(), QStringLiteral("Ten tablets unaccounted for."), true,
                                                           QStringLiteral("1234"));
        const auto row = LedgerQueries(f.store->db()).theftLossReport(report);
        QVERIFY(row);
        QCOMPARE(row->discoveryDate, found);
        QCOMPARE(row->lossType, QStringLiteral("loss"));
        QCOMPARE(row->noticeDue, Ledger::nextBusinessDay(QDate::fromString(found, Qt::ISODate)).toString(Qt::ISODate));
        QVERIFY(f.store->verify().projectionsMatch);
    }

    void anEscalationTakesTheDateAndTheTypeChosen()
    {
        LedgerFixture f;
        QString matched;
        const qint64 id = shortageFoundDaysAgo(f, &matched);
        const QDate today = QDate::fromString(f.ledger->todayInPharmacy(), Qt::ISODate);
        const qint64 head = f.store->journal().headSeq();
        auto escalate = [&](const QString &date, const QString &type) {
            return refusalText([&] {
                f.ledger->resolveDiscrepancy(*f.pic, id, QString(), QStringLiteral("Break-in overnight"), true, QStringLiteral("1234"),
                                             Escalation{date, type});
            });
        };
        QCOMPARE(escalate(today.addDays(1).toString(Qt::ISODate), QStringLiteral("theft")),
                 QStringLiteral("Could not escalate the discrepancy: The discovery date is in the future (%1)").arg(today.addDays(1).toString(Qt::ISODate)));
        const QString early = QDate::fromString(matched, Qt::ISODate).addDays(-1).toString(Qt::ISODate);
        QCOMPARE(escalate(early, QStringLiteral("theft")),
                 QStringLiteral("Could not escalate the discrepancy: The discovery date (%1) is before the last count that matched the records (%2)")
                     .arg(early, matched));
        QCOMPARE(escalate(QStringLiteral("2026-02-30"), QStringLiteral("theft")),
                 QStringLiteral("Could not escalate the discrepancy: The discovery date must be a date written YYYY-MM-DD"));
        QCOMPARE(escalate(QString(), QStringLiteral("in-transit-loss")),
                 QStringLiteral("Could not escalate the discrepancy: The type must be one of: theft, loss"));
        QCOMPARE(f.store->journal().headSeq(), head);

        // The edges: the day of the last matching count, and today, are both accepted.
        const qint64 report = f.ledger->resolveDiscrepancy(*f.pic, id, QString(), QStringLiteral("Break-in overnight"), true,
                                                           QStringLiteral("1234"), Escalation{matched, QStringLiteral("theft")});
        const auto row = LedgerQueries(f.store->db()).theftLossReport(report);
        QCOMPARE(row->discoveryDate, matched);
        QCOMPARE(row->lossType, QStringLiteral("theft"));
        QCOMPARE(row->formDue, QDate::fromString(matched, Qt::ISODate).addDays(45).toString(Qt::ISODate));

        LedgerFixture g;
        const qint64 other = shortageFoundDaysAgo(g);
        const qint64 today2 = g.ledger->resolveDiscrepancy(*g.pic, other, QString(), QStringLiteral("n"), true, QStringLiteral("1234"),
                                                           Escalation{g.ledger->todayInPharmacy(), QStringLiteral("loss")});
        QCOMPARE(LedgerQueries(g.store->db()).theftLossReport(today2)->discoveryDate, g.ledger->todayInPharmacy());
        QVERIFY(f.store->verify().projectionsMatch);
    }

    void aShortReceiptReceivesWhatArrived()
    {
        LedgerFixture f;
        Receipt r = LedgerFixture::receipt(f.oxy, 2);
        r.packagesShipped = 3;
        const qint64 head = f.store->journal().headSeq();
        QCOMPARE(refusalText([&] { f.ledger->receive(*f.tech, r); }),
                 QStringLiteral("Could not record the receipt: Who at the supplier was told of the 1 missing package is required"));
        r.packagesShipped = 1;
        QCOMPARE(refusalText([&] { f.ledger->receive(*f.tech, r); }),
                 QStringLiteral("Could not record the receipt: The number of packages shipped (1) is fewer than arrived (2)"));
        r.packagesShipped = -1;
        QCOMPARE(refusalText([&] { f.ledger->receive(*f.tech, r); }),
                 QStringLiteral("Could not record the receipt: The number of packages shipped must be a whole number, or empty when all arrived"));
        r.packagesShipped = 5;
        r.supplierTold = QStringLiteral(" ");
        QCOMPARE(refusalText([&] { f.ledger->receive(*f.tech, r); }),
                 QStringLiteral("Could not record the receipt: Who at the supplier was told of the 3 missing packages is required"));
        QCOMPARE(f.store->journal().headSeq(), head);

        r.packagesShipped = 3;
        r.supplierTold = QStringLiteral("Dana at the distributor's CII desk, by phone 2026-09-11");
        const qint64 seq = f.ledger->receive(*f.tech, r);
        QCOMPARE(f.ledger->balance(f.oxy), 200); // only what arrived
        const QCborMap p = payloadOf(*f.store, seq);
        QCOMPARE(p.value(QStringLiteral("packagesShipped")).toInteger(), 3);
        QCOMPARE(p.value(QStringLiteral("packagesMissing")).toInteger(), 1);
        QCOMPARE(p.value(QStringLiteral("supplierTold")).toString(), r.supplierTold);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM theft_loss"), 0); // the supplier's to report, not the pharmacy's

        // All arrived (shipped empty, or equal): an ordinary receipt, nothing said of the supplier.
        Receipt whole = LedgerFixture::receipt(f.oxy, 1);
        whole.packagesShipped = 1;
        const QCborMap q = payloadOf(*f.store, f.ledger->receive(*f.tech, whole));
        QVERIFY(!q.contains(QStringLiteral("packagesMissing")));
        QCOMPARE(f.ledger->balance(f.oxy), 300);
        QVERIFY(f.store->verify().projectionsMatch);
    }

    void aShortageACountFoundIsEscalatedNotReportedTwice()
    {
        // Seen on a walk: a count 5 short, then a theft report of the same 5, took them off the balance twice.
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QVERIFY(f.ledger->count(*f.tech, f.oxy, 95).discrepancyOpened);
        const qint64 head = f.store->journal().headSeq();
        TheftLoss t = LedgerFixture::theftLoss(f.oxy, 5, QStringLiteral("2345"));
        t.discoveryDate = f.ledger->todayInPharmacy();
        QCOMPARE(refusalText([&] { f.ledger->reportTheftLoss(*f.pharmacist, t); }),
                 QStringLiteral("Could not report the theft or loss: Discrepancy %1 is open for this product: its count already took the 5 "
                                "missing off the balance\nEscalate discrepancy %1 to a theft or loss under Review; other stock lost is "
                                "reported once it is settled.").arg(scalar(*f.store, "SELECT id FROM discrepancies")));
        QCOMPARE(f.store->journal().headSeq(), head);
        QCOMPARE(f.ledger->balance(f.oxy), 95);
        // Once it is escalated, other stock lost is reported as usual.
        f.ledger->resolveDiscrepancy(*f.pic, scalar(*f.store, "SELECT id FROM discrepancies"), QString(), QStringLiteral("gone"), true,
                                     QStringLiteral("1234"), Escalation{{}, QStringLiteral("theft")});
        f.ledger->reportTheftLoss(*f.pharmacist, t);
        QCOMPARE(f.ledger->balance(f.oxy), 90);
    }

    void aLossInTransitIsNoLongerReportedAsTheftOrLoss()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const qint64 head = f.store->journal().headSeq();
        TheftLoss t = LedgerFixture::theftLoss(f.oxy, 10, QStringLiteral("2345"));
        t.lossType = QStringLiteral("in-transit-loss");
        QCOMPARE(refusalText([&] { f.ledger->reportTheftLoss(*f.pharmacist, t); }),
                 QStringLiteral("Could not report the theft or loss: A loss in transit is the supplier's to report (21 CFR 1301.76(b)), "
                                "not a theft or loss from this pharmacy's stock\nRecord the receipt with what arrived and the packages "
                                "shipped, and who at the supplier was told."));
        t.lossType = QStringLiteral("fire");
        QCOMPARE(refusalText([&] { f.ledger->reportTheftLoss(*f.pharmacist, t); }),
                 QStringLiteral("Could not report the theft or loss: The type must be one of: theft, loss"));
        QCOMPARE(f.store->journal().headSeq(), head);
        QCOMPARE(Ledger::newLossTypes(), (QStringList{QStringLiteral("theft"), QStringLiteral("loss")}));

        // A journal from before still replays its loss in transit as recorded.
        const qint64 old = f.store->write(QStringLiteral("test"), [&] {
            return f.store->appendInTransaction(f.pharmacistId, QStringLiteral("stock.theft_or_loss"),
                {{QStringLiteral("ndc11"), f.oxy}, {QStringLiteral("quantity"), 10}, {QStringLiteral("lossType"), QStringLiteral("in-transit-loss")},
                 {QStringLiteral("discoveryDate"), f.ledger->todayInPharmacy()}, {QStringLiteral("circumstances"), QStringLiteral("carton short")},
                 {QStringLiteral("noticeDue"), f.ledger->todayInPharmacy()}, {QStringLiteral("formDue"), f.ledger->todayInPharmacy()},
                 {QStringLiteral("signedBy"), f.pharmacistId}}).seq;
        });
        QCOMPARE(LedgerQueries(f.store->db()).theftLossReport(old)->lossType, QStringLiteral("in-transit-loss"));
        QCOMPARE(f.ledger->balance(f.oxy), 90);
        QVERIFY(f.store->verify().projectionsMatch);
    }

    void form106AsksThePoliceReportAndTheKind()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        TheftLoss t = LedgerFixture::theftLoss(f.oxy, 10, QStringLiteral("2345"));
        t.lossType = QStringLiteral("theft");
        t.kind = QStringLiteral("lost-in-pharmacy");
        const qint64 head = f.store->journal().headSeq();
        QCOMPARE(refusalText([&] { f.ledger->reportTheftLoss(*f.pharmacist, t); }),
                 QStringLiteral("Could not report the theft or loss: The kind of theft must be one of: night-break-in, armed-robbery, "
                                "employee-pilferage, customer-theft, other"));
        t.kind = QStringLiteral("night-break-in");
        t.policeReport = QStringLiteral("Case\n26-1184");
        QCOMPARE(refusalText([&] { f.ledger->reportTheftLoss(*f.pharmacist, t); }),
                 QStringLiteral("Could not report the theft or loss: The police report (its number and department) contains a control character"));
        QCOMPARE(f.store->journal().headSeq(), head);
        t.policeReport = QStringLiteral("Case 26-1184, Springfield PD");
        const qint64 report = f.ledger->reportTheftLoss(*f.pharmacist, t);
        auto row = LedgerQueries(f.store->db()).theftLossReport(report);
        QCOMPARE(row->kind, QStringLiteral("night-break-in"));
        QCOMPARE(row->policeReport, QStringLiteral("Case 26-1184, Springfield PD"));

        // An escalation asks the same; none made, none recorded.
        const CountResult r = f.ledger->count(*f.tech, f.oxy, 85);
        QCOMPARE(refusalText([&] {
                     f.ledger->resolveDiscrepancy(*f.pic, r.discrepancyId, QString(), QStringLiteral("n"), true, QStringLiteral("1234"),
                                                  Escalation{QString(), QStringLiteral("loss"), QString(), QStringLiteral("armed-robbery")});
                 }),
                 QStringLiteral("Could not escalate the discrepancy: The kind of loss must be one of: lost-in-pharmacy, other"));
        const qint64 escalated = f.ledger->resolveDiscrepancy(*f.pic, r.discrepancyId, QString(), QStringLiteral("n"), true, QStringLiteral("1234"),
                                                              Escalation{QString(), QStringLiteral("loss"), QString(), QStringLiteral("lost-in-pharmacy")});
        row = LedgerQueries(f.store->db()).theftLossReport(escalated);
        QCOMPARE(row->kind, QStringLiteral("lost-in-pharmacy"));
        QCOMPARE(row->policeReport, QString());
        QVERIFY(f.store->verify().projectionsMatch);
    }
};

QTEST_GUILESS_MAIN(TestLedgerTheftLoss)
#include "tst_ledger_theftloss.moc"
