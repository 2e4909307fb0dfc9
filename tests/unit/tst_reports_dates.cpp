// Reports by business date (docs/REPORTS.md "Dates"): records typed out of the order of their own dates (a
// receipt typed today dated 40 days ago, a fill typed in a range dated before it), then every report built over
// several ranges: each record in the range of its own date, every log in date order, the reconciliation's
// columns equal to the logs' totals, the balance carried from one range to the next. And the override dispense,
// the fields every CSV carries, the legal notes and the partial fills of one Rx.
#include "ReportBuilder.h"
#include "ReportFiles.h"
#include "TestSupport.h"

#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace cii;
using namespace cii::test;

namespace {

const QString kHydro = QStringLiteral("00406324401");
const QTimeZone kZone("America/Los_Angeles");

/// `hh:mm` in Springfield, CA on the day `month`/`day` of 2026.
qint64 at(int month, int day, int hh = 10, int mm = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hh, mm), kZone).toMSecsSinceEpoch();
}

QString iso(int month, int day)
{
    return QDate(2026, month, day).toString(Qt::ISODate);
}

qint64 value(const QString &cell)
{
    QString s = cell;
    s.remove(QLatin1Char(','));
    return s.toLongLong();
}

int column(const reports::Report &r, const QString &title)
{
    for (int i = 0; i < r.columns.size(); ++i)
        if (r.columns.at(i).title == title)
            return i;
    qWarning("no column %s", qPrintable(title));
    return -1;
}

/// The rows of one product (by its NDC as labelled).
QList<QStringList> rowsOf(const reports::Report &r, const QString &ndc)
{
    QList<QStringList> rows;
    const int c = column(r, QStringLiteral("NDC"));
    for (const QStringList &row : r.rows)
        if (row.value(c) == ndc)
            rows.append(row);
    return rows;
}

/// The sum of a log's column over the rows of one product, the rows kept by `keep` (every row when not given).
qint64 total(const reports::Report &r, const QString &ndc, const QString &title,
             const std::function<bool(const QStringList &)> &keep = {})
{
    qint64 sum = 0;
    const int c = column(r, title);
    for (const QStringList &row : rowsOf(r, ndc))
        if (!keep || keep(row))
            sum += value(row.value(c));
    return sum;
}

/// Records typed out of the order of their dates. "Today" is 30 November 2026; "the last ten days" are 21 to 30
/// November. By business date, oxycodone holds 80 before them (received 100 + 200 on 21 October, dispensed 100
/// and 130, received 100 and dispensed 90 on 20 November), and in them: received 300 and 100 (a transfer in, last
/// day), dispensed 20 (first day) and 15, returned 5, wasted 2 (first minute), destroyed 5 (last minute), theft 3
/// (first day): 440 at the end. Hydromorphone: received 100, dispensed 40, then 70 with 60 on hand (an override).
/// Typed in this order (the clock only moves forward):
struct OutOfOrder : LedgerFixture
{
    qint64 lateReceipt = 0, lateFill = 0, beforeRangeFill = 0, overrideFill = 0;

    OutOfOrder()
    {
        ledger->addProduct(*pharmacist, {QStringLiteral("0406-3244-01"), QStringLiteral("Hydromorphone HCl"), QStringLiteral("2 mg"),
                                         QStringLiteral("tablet"), QStringLiteral("tablet"), 100, QStringLiteral("CII")});
        receive(10, 21, oxy, 1, iso(10, 21), QStringLiteral("100000001"));
        fill(10, 22, oxy, 100, QStringLiteral("RX1"), 100, iso(10, 22));
        receive(11, 20, oxy, 1, iso(11, 20), QStringLiteral("100000002"));
        t.clock.set(at(11, 21, 0, 1)); // the first minute of the range
        ledger->waste(*tech, waste());
        // Typed in the range, dated the day before it: in the balance carried forward, not in the range.
        beforeRangeFill = fill(11, 22, oxy, 90, QStringLiteral("RX2"), 90, iso(11, 20));
        receive(11, 22, kHydro, 1, iso(11, 22), QStringLiteral("100000005"));
        fill(11, 23, kHydro, 40, QStringLiteral("RX6"), 40, iso(11, 23));
        receive(11, 25, oxy, 3, iso(11, 25), QStringLiteral("100000003"));
        fill(11, 25, oxy, 20, QStringLiteral("RX3"), 20, iso(11, 21)); // dated the range's first day
        const qint64 partial = fill(11, 26, oxy, 15, QStringLiteral("RX4"), 30, iso(11, 26));
        t.clock.set(at(11, 26, 11));
        Dispense over = dispense(kHydro, 70, QStringLiteral("RX7"), 70);
        over.fillDate = iso(11, 26);
        over.dateWritten = iso(11, 26);
        over.overrideBalance = true;
        over.overrideReason = QStringLiteral("bottle on the shelf not yet received in the records");
        over.signaturePin = QStringLiteral("2345");
        overrideFill = ledger->dispense(*pharmacist, over);
        t.clock.set(at(11, 27));
        ledger->returnToStock(*pharmacist, partial, 5, QStringLiteral("patient took 10 of 15"));
        t.clock.set(at(11, 28));
        TheftLoss tl = theftLoss(oxy, 3, QStringLiteral("2345"));
        tl.discoveryDate = iso(11, 21);
        ledger->reportTheftLoss(*pharmacist, tl);
        // Typed today, dated 40 days ago, and a fill typed today dated before the range.
        lateReceipt = receive(11, 30, oxy, 2, iso(10, 21), QStringLiteral("100000004"));
        lateFill = fill(11, 30, oxy, 130, QStringLiteral("RX5"), 130, iso(10, 23));
        t.clock.set(at(11, 30, 11));
        Movement in = movement(MovementKind::TransferIn, oxy, 100);
        in.date = iso(11, 30);
        ledger->recordMovement(*pharmacist, in);
        t.clock.set(at(11, 30, 23, 59)); // the last minute of the range
        Destruction x = destruction();
        x.date = iso(11, 30);
        ledger->destroy(*pharmacist, x);
    }

    qint64 receive(int month, int day, const QString &ndc11, qint64 packages, const QString &dated, const QString &order)
    {
        t.clock.set(at(month, day));
        Receipt r = receipt(ndc11, packages, order);
        r.receivedDate = dated;
        return ledger->receive(*tech, r);
    }

    qint64 fill(int month, int day, const QString &ndc11, qint64 qty, const QString &rx, qint64 prescribed, const QString &dated)
    {
        t.clock.set(at(month, day));
        Dispense d = dispense(ndc11, qty, rx, prescribed);
        d.fillDate = dated;
        d.dateWritten = dated; // written the day it was filled: every fill here is inside its window
        return ledger->dispense(*tech, d);
    }

    reports::Report build(reports::Kind kind, const QDate &from, const QDate &to) const
    {
        return reports::build(store->db(), {kind, from, to, {}, {}, QStringLiteral("Pat Chen"), at(11, 30, 23, 59)});
    }
};

struct Range
{
    QDate from, to;
};

/// The reconciliation's figures for one product, by column title.
struct Figures
{
    QStringList row;
    const reports::Report *r = nullptr;
    qint64 operator[](const char *title) const { return value(row.value(column(*r, QLatin1String(title)))); }
};

} // namespace

class TestReportsDates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reconciliationEqualsTheLogsForEveryRange_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<QString>("ndc");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("received");
        QTest::addColumn<qint64>("dispensed");
        QTest::addColumn<qint64>("end");
        const QString oxy = QStringLiteral("0574-4072-05"), hydro = QStringLiteral("0406-3244-01");
        QTest::newRow("last ten days") << QDate(2026, 11, 21) << QDate(2026, 11, 30) << oxy << 80LL << 400LL << 35LL << 440LL;
        QTest::newRow("40 days ago") << QDate(2026, 10, 21) << QDate(2026, 10, 21) << oxy << 0LL << 300LL << 0LL << 300LL;
        QTest::newRow("before the range") << QDate(2026, 10, 1) << QDate(2026, 11, 20) << oxy << 0LL << 400LL << 320LL << 80LL;
        QTest::newRow("the day before it") << QDate(2026, 11, 20) << QDate(2026, 11, 20) << oxy << 70LL << 100LL << 90LL << 80LL;
        QTest::newRow("its first day") << QDate(2026, 11, 21) << QDate(2026, 11, 21) << oxy << 80LL << 0LL << 20LL << 55LL;
        QTest::newRow("its last day") << QDate(2026, 11, 30) << QDate(2026, 11, 30) << oxy << 345LL << 100LL << 0LL << 440LL;
        QTest::newRow("all of it") << QDate(2026, 10, 1) << QDate(2026, 11, 30) << oxy << 0LL << 800LL << 355LL << 440LL;
        QTest::newRow("override") << QDate(2026, 11, 21) << QDate(2026, 11, 30) << hydro << 0LL << 100LL << 110LL << 0LL;
    }

    void reconciliationEqualsTheLogsForEveryRange()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(QString, ndc);
        QFETCH(qint64, start);
        QFETCH(qint64, received);
        QFETCH(qint64, dispensed);
        QFETCH(qint64, end);
        const auto f = std::make_unique<OutOfOrder>();
        const reports::Report rec = f->build(reports::Kind::Reconciliation, from, to);
        const QList<QStringList> lines = rowsOf(rec, ndc);
        QCOMPARE(lines.size(), 1);
        const Figures fig{lines.first(), &rec};
        QCOMPARE(fig["Start"], start);
        QCOMPARE(fig["Received"], received);
        QCOMPARE(fig["Dispensed"], dispensed);
        QCOMPARE(fig["End"], end);
        QCOMPARE(fig["Expected"] + fig["Difference"], fig["End"]);

        const reports::Report receiving = f->build(reports::Kind::Receiving, from, to);
        QCOMPARE(total(receiving, ndc, QStringLiteral("Quantity")), fig["Received"]);
        const reports::Report dispensing = f->build(reports::Kind::Dispensing, from, to);
        const auto isFill = [&](const QStringList &row) { return value(row.value(column(dispensing, QStringLiteral("Quantity")))) > 0; };
        QCOMPARE(total(dispensing, ndc, QStringLiteral("Quantity"), isFill), fig["Dispensed"]);
        QCOMPARE(-total(dispensing, ndc, QStringLiteral("Quantity"), [&](const QStringList &row) { return !isFill(row); }), fig["Returned to stock"]);
        const reports::Report destruction = f->build(reports::Kind::Destruction, from, to);
        QCOMPARE(total(destruction, ndc, QStringLiteral("Quantity")), fig["Destroyed, wasted"]);
        const reports::Report theft = f->build(reports::Kind::TheftLoss, from, to);
        QCOMPARE(total(theft, ndc, QStringLiteral("Quantity")), fig["Theft, loss"]);

        // The product ledger starts from the same balance and ends at the same one.
        const reports::Report ledger = f->build(reports::Kind::ProductLedger, from, to);
        const QList<QStringList> entries = rowsOf(ledger, ndc);
        QVERIFY(!entries.isEmpty());
        const int what = column(ledger, QStringLiteral("What")), balance = column(ledger, QStringLiteral("Balance"));
        QCOMPARE(entries.first().value(what), QStringLiteral("Carried forward"));
        QCOMPARE(value(entries.first().value(balance)), start);
        QCOMPARE(value(entries.last().value(balance)), end);
        // Its running balance is the sum of the changes above it.
        qint64 running = start;
        for (const QStringList &row : entries.mid(1)) {
            running += value(row.value(column(ledger, QStringLiteral("Change"))));
            QCOMPARE(value(row.value(balance)), running);
        }
    }

    void rangesFollowOneAnother()
    {
        // Each range starts where the one before it ended, and the last ends at the balance on hand.
        OutOfOrder f;
        qint64 carried = 0;
        for (const Range &r : {Range{QDate(2026, 10, 1), QDate(2026, 10, 20)}, Range{QDate(2026, 10, 21), QDate(2026, 10, 22)},
                               Range{QDate(2026, 10, 23), QDate(2026, 11, 20)}, Range{QDate(2026, 11, 21), QDate(2026, 11, 21)},
                               Range{QDate(2026, 11, 22), QDate(2026, 11, 29)}, Range{QDate(2026, 11, 30), QDate(2026, 11, 30)}}) {
            const reports::Report rec = f.build(reports::Kind::Reconciliation, r.from, r.to);
            const Figures fig{rowsOf(rec, QStringLiteral("0574-4072-05")).value(0), &rec};
            QCOMPARE(fig["Start"], carried);
            carried = fig["End"];
        }
        QCOMPARE(carried, f.ledger->balance(f.oxy));
    }

    void anOverrideDispenseIsReportedWhole()
    {
        // 70 dispensed with 60 on hand: 70 in the dispensing log, the reconciliation and the product ledger.
        OutOfOrder f;
        const QDate from(2026, 11, 26), to(2026, 11, 26);
        const QString hydro = QStringLiteral("0406-3244-01");
        const reports::Report dispensing = f.build(reports::Kind::Dispensing, from, to);
        QCOMPARE(total(dispensing, hydro, QStringLiteral("Quantity")), 70);
        const reports::Report rec = f.build(reports::Kind::Reconciliation, from, to);
        const Figures fig{rowsOf(rec, hydro).value(0), &rec};
        QCOMPARE(fig["Start"], 60);
        QCOMPARE(fig["Dispensed"], 70);
        QCOMPARE(fig["Expected"], -10); // what the records show
        QCOMPARE(fig["Difference"], 10); // the shelf held 10 more: the override's discrepancy
        QCOMPARE(fig["End"], 0);
        QVERIFY2(fig.row.last().contains(QLatin1String("#1 +10")), qPrintable(fig.row.last()));
        const reports::Report ledger = f.build(reports::Kind::ProductLedger, from, to);
        const QList<QStringList> rows = rowsOf(ledger, hydro);
        const int change = column(ledger, QStringLiteral("Change")), balance = column(ledger, QStringLiteral("Balance"));
        QCOMPARE(rows.size(), 3); // carried forward, the dispense, the override's difference
        QCOMPARE(rows.at(1).value(change), QStringLiteral("-70"));
        QCOMPARE(rows.at(1).value(balance), QStringLiteral("-10"));
        QCOMPARE(rows.at(2).value(change), QStringLiteral("+10"));
        QCOMPARE(rows.at(2).value(balance), QStringLiteral("0"));
    }

    void everyLogIsInDateOrderThenTheOrderRecorded_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("dateTitle");
        QTest::newRow("receiving") << int(reports::Kind::Receiving) << QStringLiteral("Date received");
        QTest::newRow("dispensing") << int(reports::Kind::Dispensing) << QStringLiteral("Fill date");
        QTest::newRow("destruction") << int(reports::Kind::Destruction) << QStringLiteral("Date");
        QTest::newRow("theft-loss") << int(reports::Kind::TheftLoss) << QStringLiteral("Discovered");
        QTest::newRow("product ledger") << int(reports::Kind::ProductLedger) << QStringLiteral("Date");
        QTest::newRow("inventory") << int(reports::Kind::Inventory) << QStringLiteral("Date");
    }

    void everyLogIsInDateOrderThenTheOrderRecorded()
    {
        QFETCH(int, kind);
        QFETCH(QString, dateTitle);
        OutOfOrder f;
        // Two inventories typed in the reverse order of their dates.
        f.ledger->takeInventory(*f.pic, {QStringLiteral("annual"), QStringLiteral("closing"), iso(11, 30), {{f.oxy, 440}, {kHydro, 0}},
                                         QStringLiteral("1234"), QList<Witness>{{f.techId, QStringLiteral("3456")}}});
        f.ledger->takeInventory(*f.pic, {QStringLiteral("reconciliation"), QStringLiteral("opening"), iso(11, 29), {{f.oxy, 440}, {kHydro, 0}},
                                         QStringLiteral("1234"), QList<Witness>{{f.pharmacistId, QStringLiteral("2345")}}});
        const reports::Report r = f.build(reports::Kind(kind), QDate(2026, 10, 1), QDate(2026, 11, 30));
        QVERIFY(!r.rows.isEmpty());
        const int date = column(r, dateTitle), entry = column(r, QStringLiteral("Entry")), ndc = column(r, QStringLiteral("NDC"));
        QVERIFY(date >= 0);
        for (int i = 1; i < r.rows.size(); ++i) {
            const QStringList &a = r.rows.at(i - 1), &b = r.rows.at(i);
            if (kind == int(reports::Kind::ProductLedger) && a.value(ndc) != b.value(ndc))
                continue; // by product first
            const QString where = QStringLiteral("rows %1 and %2: %3 | %4").arg(i).arg(i + 1).arg(a.join(QLatin1Char(',')), b.join(QLatin1Char(',')));
            QVERIFY2(a.value(date) <= b.value(date), qPrintable(where));
            if (a.value(date) == b.value(date) && entry >= 0 && !a.value(entry).isEmpty() && !b.value(entry).isEmpty()
                && kind != int(reports::Kind::Inventory))
                QVERIFY2(value(a.value(entry)) < value(b.value(entry)), qPrintable(where));
        }
        if (kind == int(reports::Kind::Receiving)) // typed 30 November, dated 21 October: beside the other receipt of that day
            QCOMPARE(r.rows.at(1).value(entry), QString::number(f.lateReceipt));
    }

    void theInventoryCsvSaysWhoCountedAndWhoSigned()
    {
        OutOfOrder f;
        f.ledger->takeInventory(*f.pic, {QStringLiteral("biennial"), QStringLiteral("closing"), iso(11, 30), {{f.oxy, 440}, {kHydro, 0}},
                                         QStringLiteral("1234"), QList<Witness>{{f.techId, QStringLiteral("3456")}, {f.pharmacistId, QStringLiteral("2345")}}});
        const reports::Report r = f.build(reports::Kind::Inventory, QDate(2026, 11, 30), QDate(2026, 11, 30));
        const QByteArray csv = reports::toCsv(r);
        const QList<QByteArray> lines = csv.split('\n');
        QVERIFY2(lines.value(0).contains("Counted by") && lines.value(0).contains("Signed by"), lines.value(0).constData());
        QVERIFY2(lines.value(1).contains("Tom Ng and Rae Lopez") && lines.value(1).contains("Pat Chen"), lines.value(1).constData());
        QVERIFY2(lines.value(1).contains("close"), lines.value(1).constData());
        // The reconciliation's count: who counted and who signed, in its CSV too.
        const reports::Report rec = f.build(reports::Kind::Reconciliation, QDate(2026, 11, 21), QDate(2026, 11, 30));
        const QByteArray recCsv = reports::toCsv(rec);
        QVERIFY2(recCsv.split('\n').value(0).contains("Counted by"), recCsv.constData());
        QVERIFY2(recCsv.split('\n').value(1).contains("Tom Ng and Rae Lopez") && recCsv.split('\n').value(1).contains("Pat Chen"),
                 recCsv.constData());
    }

    void everyFactOfARecordInTheNotesIsInTheCsv_data()
    {
        QTest::addColumn<int>("kind");
        for (const reports::KindInfo &k : reports::kinds())
            QTest::newRow(qPrintable(k.id)) << int(k.kind);
    }

    void everyFactOfARecordInTheNotesIsInTheCsv()
    {
        // The notes may sum up and cite the rules; a record's own facts there (a person, an entry number) are in
        // the CSV too, which has no notes.
        QFETCH(int, kind);
        OutOfOrder f;
        f.ledger->takeInventory(*f.pic, {QStringLiteral("reconciliation"), QStringLiteral("closing"), iso(11, 30),
                                         {{f.oxy, 440}, {kHydro, 0}}, QStringLiteral("1234"), QList<Witness>{{f.techId, QStringLiteral("3456")}, {f.pharmacistId, QStringLiteral("2345")}}});
        const reports::Report r = f.build(reports::Kind(kind), QDate(2026, 10, 1), QDate(2026, 11, 30));
        const QString notes = r.notes.join(QLatin1Char(' ')), csv = QString::fromUtf8(reports::toCsv(r));
        for (const QString &name : {QStringLiteral("Tom Ng and Rae Lopez"), QStringLiteral("Tom Ng"), QStringLiteral("Rae Lopez"),
                                    QStringLiteral("Pat Chen")})
            QVERIFY2(!notes.contains(name) || csv.contains(name), qPrintable(name + QStringLiteral(" only in the notes: ") + notes));
        static const QRegularExpression entry(QStringLiteral("entry (\\d+)"));
        for (const QRegularExpressionMatch &m : entry.globalMatch(notes))
            QVERIFY2(csv.contains(QLatin1Char(',') + m.captured(1) + QLatin1Char(',')) || csv.contains(QLatin1Char(',') + m.captured(1) + QLatin1Char('\r')),
                     qPrintable(m.captured(0) + QStringLiteral(" only in the notes: ") + notes));
        for (const QString &date : {iso(11, 30)})
            QVERIFY2(!notes.contains(date) || csv.contains(date), qPrintable(notes));
    }

    void theLossNotesStateTheRulesWithTheirCitations()
    {
        OutOfOrder f;
        const reports::Report rec = f.build(reports::Kind::Reconciliation, QDate(2026, 11, 21), QDate(2026, 11, 30));
        const QString notes = rec.notes.join(QLatin1Char(' '));
        QVERIFY2(!notes.contains(QLatin1String("Every loss is reported to the DEA")), qPrintable(notes));
        for (const char *needed : {"theft or significant loss", "21 CFR 1301.76(b)", "one business day", "Form 106", "45 days",
                                   "30 days", "14 days", "theft, diversion or self-use", "16 CCR 1715.6", "Bus. & Prof. Code 4104",
                                   "16 CCR 1715.65"})
            QVERIFY2(notes.contains(QLatin1String(needed)), needed);
        const QString theft = f.build(reports::Kind::TheftLoss, QDate(2026, 11, 21), QDate(2026, 11, 30)).notes.join(QLatin1Char(' '));
        for (const char *needed : {"theft or significant loss", "21 CFR 1301.76(b)", "14 days", "16 CCR 1715.6"})
            QVERIFY2(theft.contains(QLatin1String(needed)), needed);
    }

    void aLaterFillIsAPartialFillNeverARefill()
    {
        // A second fill of the same Rx, as an older record without the quantity prescribed in it: the log shows
        // the Rx's quantity prescribed and says which partial fill it is. A CII is never refilled (21 U.S.C. 829(a)).
        OutOfOrder f;
        Dispense first = f.dispense(f.oxy, 10, QStringLiteral("RX9"), 30);
        first.fillDate = iso(11, 30);
        first.dateWritten = iso(11, 30);
        f.ledger->dispense(*f.tech, first);
        f.store->append(f.techId, QStringLiteral("stock.dispensed"),
                        {{QStringLiteral("ndc11"), f.oxy}, {QStringLiteral("quantity"), 10}, {QStringLiteral("rx"), QStringLiteral("RX9")},
                         {QStringLiteral("fillDate"), iso(11, 30)}, {QStringLiteral("remainingOnRx"), 10}});
        Dispense third = f.dispense(f.oxy, 10, QStringLiteral("RX9"), 0);
        third.fillDate = iso(11, 30);
        f.ledger->dispense(*f.tech, third);
        const reports::Report r = f.build(reports::Kind::Dispensing, QDate(2026, 11, 30), QDate(2026, 11, 30));
        const QByteArray csv = reports::toCsv(r);
        QVERIFY2(!csv.toLower().contains("refill"), csv.constData());
        QList<QStringList> fills;
        for (const QStringList &row : r.rows)
            if (row.value(1) == QLatin1String("RX9"))
                fills.append(row);
        QCOMPARE(fills.size(), 3);
        const int prescribed = column(r, QStringLiteral("Prescribed")), left = column(r, QStringLiteral("Left on Rx")),
                  notes = column(r, QStringLiteral("Notes"));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(fills.at(i).value(prescribed), QStringLiteral("30"));
            QCOMPARE(fills.at(i).value(left), QString::number(20 - 10 * i));
            QVERIFY2(fills.at(i).value(notes).contains(QStringLiteral("Partial fill %1 of Rx RX9").arg(i + 1)), qPrintable(fills.at(i).value(notes)));
        }
        // A fill of the whole quantity in one is not a partial fill.
        for (const QStringList &row : r.rows)
            if (row.value(1) == QLatin1String("RX5"))
                QVERIFY(!row.value(notes).contains(QLatin1String("Partial")));
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }
};

QTEST_MAIN(TestReportsDates)
#include "tst_reports_dates.moc"
