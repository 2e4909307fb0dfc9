// The records and exports (docs/REPORTS.md): a month of activity seeded through the Ledger, then every report
// built from it, checked by hand where the figures matter (the reconciliation), against golden CSV files, and
// as PDF text through pdftotext.
#include "RecordNames.h"
#include "ReportBuilder.h"
#include "ReportFiles.h"
#include "TestSupport.h"

#include <QCborArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace cii;
using namespace cii::test;

namespace {

const QString kHydro = QStringLiteral("00406324401");

/// 10:00 in Springfield, CA on `day` (October 2026 unless given), plus `minutes`.
qint64 at(int day, int minutes = 0, int month = 10)
{
    return QDateTime(QDate(2026, month, day), QTime(10, 0), QTimeZone("America/Los_Angeles")).toMSecsSinceEpoch() + minutes * 60'000LL;
}

QString iso(int day, int month = 10)
{
    return QDate(2026, month, day).toString(Qt::ISODate);
}

/// October 2026 for oxycodone, written out so that the reconciliation can be checked by hand:
///   before October: received 200, dispensed 30                         -> start 170
///   received 100; dispensed 60, 20 and 25 (the 25 voided: +25); returned to stock 10; wasted 2; destroyed 5;
///   transferred out 10; adjusted -1; theft 3                            -> expected 179
///   counted 176 on 31 October                                           -> difference -3, end 176
/// and hydromorphone received 100 on 3 October, never counted. A dispense on 2 November is outside the month.
struct SeededMonth : LedgerFixture
{
    qint64 voidedDispense = 0, discrepancyId = 0, theftId = 0;

    SeededMonth()
    {
        ledger->addProduct(*pharmacist, {QStringLiteral("0406-3244-01"), QStringLiteral("Hydromorphone HCl"), QStringLiteral("2 mg"),
                                         QStringLiteral("tablet"), QStringLiteral("tablet"), 100, QStringLiteral("CII")});
        t.clock.set(at(21, 0, 9));
        Receipt first = receipt(oxy, 2, QStringLiteral("100000001"));
        first.receivedDate = iso(21, 9);
        ledger->receive(*tech, first);
        Dispense d0 = dispense(oxy, 30, QStringLiteral("RX1001"), 30);
        d0.fillDate = iso(21, 9);
        ledger->dispense(*tech, d0);

        t.clock.set(at(2));
        Receipt r = receipt(oxy, 1, QStringLiteral("100000002"));
        r.receivedDate = iso(2);
        ledger->receive(*tech, r);
        t.clock.set(at(3));
        Receipt h = receipt(kHydro, 1, QStringLiteral("100000003"));
        h.orderType = QStringLiteral("CSOS");
        h.orderNumber = QStringLiteral("CSOS-7781");
        h.receivedDate = iso(3);
        h.lot = QStringLiteral("H-220");
        ledger->receive(*pharmacist, h);
        fill(5, QStringLiteral("RX1002"), 60, 60);
        const qint64 partial = fill(6, QStringLiteral("RX1003"), 20, 40);
        t.clock.set(at(7));
        ledger->returnToStock(*pharmacist, partial, 10, QStringLiteral("patient took 10 of 20"));
        t.clock.set(at(9));
        ledger->waste(*tech, waste());
        t.clock.set(at(12));
        Destruction x = destruction();
        x.date = iso(12);
        ledger->destroy(*pharmacist, x);
        t.clock.set(at(14));
        Movement m = movement(MovementKind::TransferOut, oxy, 10);
        m.date = iso(14);
        ledger->recordMovement(*pharmacist, m);
        t.clock.set(at(15));
        ledger->adjust(*pharmacist, oxy, -1, QStringLiteral("breakage"), QStringLiteral("tablet crushed in the counting tray"), QStringLiteral("2345"));
        voidedDispense = fill(16, QStringLiteral("RX1004"), 25, 25);
        t.clock.set(at(16, 30));
        ledger->voidEntry(*pharmacist, voidedDispense, QStringLiteral("entered on the wrong product"), QStringLiteral("2345"));
        t.clock.set(at(20));
        TheftLoss tl = theftLoss(oxy, 3, QStringLiteral("2345"));
        tl.discoveryDate = iso(20);
        tl.kind = QStringLiteral("customer-theft");
        tl.policeReport = QStringLiteral("Case 4471, Metro PD");
        theftId = ledger->reportTheftLoss(*pharmacist, tl);
        t.clock.set(at(21));
        ledger->recordTheftLossFiling(*pic, theftId, QStringLiteral("notice"), iso(21), QStringLiteral("DEA-DIV-5521"));
        t.clock.set(at(10));
        QVERIFY_THROWS_EXCEPTION(CiiError, ledger->signIn(techId, QStringLiteral("9999")));
        ledger->signIn(techId, QStringLiteral("3456"));
        t.clock.set(at(31));
        ledger->takeInventory(*pic, {QStringLiteral("reconciliation"), QStringLiteral("closing"), iso(31), {{oxy, 176}, {kHydro, 100}},
                                     QStringLiteral("1234"), QList<Witness>{{techId, QStringLiteral("3456")}, {pharmacistId, QStringLiteral("2345")}}});
        discrepancyId = 1;
        t.clock.set(at(31, 20));
        ledger->resolveDiscrepancy(*pic, discrepancyId, QStringLiteral("data-entry-error"), QStringLiteral("three tablets miscounted at fill"),
                                   false, QStringLiteral("1234"));
        t.clock.set(at(31, 30));
        ledger->recordExport(*pic, {QStringLiteral("Reconciliation report"), iso(1), iso(31), QStringLiteral("PDF"), 2});
        t.clock.set(at(2, 0, 11));
        Dispense later = dispense(oxy, 10, QStringLiteral("RX1005"), 10);
        later.fillDate = iso(2, 11);
        ledger->dispense(*tech, later);
    }

    qint64 fill(int day, const QString &rx, qint64 qty, qint64 prescribed)
    {
        t.clock.set(at(day));
        Dispense d = dispense(oxy, qty, rx, prescribed);
        d.fillDate = iso(day);
        return ledger->dispense(*tech, d);
    }

    reports::Report build(reports::Kind kind, int fromDay = 1, int toDay = 31)
    {
        return reports::build(store->db(), {kind, QDate(2026, 10, fromDay), QDate(2026, 10, toDay), {}, {}, QStringLiteral("Pat Chen"), at(25, 0, 11)});
    }
};

QString goldenPath(const QString &name)
{
    return qEnvironmentVariable("CII_TEST_DATA") + QStringLiteral("/reports/") + name + QStringLiteral(".csv");
}

QStringList rowFor(const reports::Report &r, int column, const QString &value)
{
    for (const QStringList &row : r.rows)
        if (row.value(column) == value)
            return row;
    return {};
}

/// `n` more rows like a dispensing log's first, with Rx numbers `prefix`0000 on.
void addFills(reports::Report &r, const QString &prefix, int n)
{
    const QStringList row = r.rows.first();
    for (int i = 0; i < n; ++i) {
        QStringList copy = row;
        copy[1] = prefix + QStringLiteral("%1").arg(i, 4, 10, QLatin1Char('0'));
        r.rows.append(copy);
    }
}

} // namespace

class TestReports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timesAreWrittenAsTheZoneHasThem()
    {
        // RecordNames writes times from the zone's offset between two transitions: the same as QDateTime's, at
        // and around every transition of zones with one-hour, half-hour and no daylight saving, and none.
        for (const QByteArray &id : {QByteArray("America/Los_Angeles"), QByteArray("Australia/Lord_Howe"), QByteArray("Asia/Kathmandu"),
                                     QByteArray("Europe/London"), QByteArray("UTC")}) {
            RecordNames names;
            names.zone = QTimeZone(id);
            QVERIFY2(names.zone.isValid(), id.constData());
            QList<qint64> instants;
            const QDateTime start(QDate(1999, 1, 1), QTime(0, 0), QTimeZone::utc());
            for (const QTimeZone::OffsetData &t : names.zone.transitions(start, start.addYears(30)))
                for (const qint64 d : {-3'600'001LL, -60'000LL, -1LL, 0LL, 1LL, 59'999LL, 3'600'000LL})
                    instants << t.atUtc.toMSecsSinceEpoch() + d;
            quint64 x = 0x9E3779B97F4A7C15ull; // and instants anywhere in those years, jumping back and forth
            for (int i = 0; i < 5000; ++i) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                instants << start.toMSecsSinceEpoch() + qint64(x % (30ull * 365 * 86'400'000));
            }
            instants << -1 << 0 << 1; // 1970 and just before it
            for (const qint64 ms : instants) {
                const QDateTime expected = QDateTime::fromMSecsSinceEpoch(ms, names.zone);
                QCOMPARE(names.dateTime(ms), expected.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
                QCOMPARE(names.date(ms), expected.date().toString(Qt::ISODate));
            }
        }
    }

    void reconciliationCheckedByHand()
    {
        SeededMonth f;
        const reports::Report r = f.build(reports::Kind::Reconciliation);
        QCOMPARE(r.rows.size(), 2); // oxycodone and hydromorphone; nothing else was ever stocked
        const QStringList oxy = rowFor(r, 0, QStringLiteral("0574-4072-05"));
        // NDC, product, start, received, dispensed, returned, sent out, destroyed/wasted, theft/loss, adjusted/voided,
        // expected, last count, counted, difference, end, discrepancies
        QCOMPARE(oxy.mid(2, 15), (QStringList{"170", "100", "105", "10", "10", "7", "3", "24", "179", "2026-10-31", "176",
                                              "Tom Ng and Rae Lopez", "Pat Chen", "-3", "176"}));
        QVERIFY2(oxy.last().contains(QStringLiteral("resolved: data-entry-error (Pat Chen)")), qPrintable(oxy.last()));
        const QStringList hydro = rowFor(r, 0, QStringLiteral("0406-3244-01"));
        QCOMPARE(hydro.mid(2, 15), (QStringList{"0", "100", "0", "0", "0", "0", "0", "0", "100", "2026-10-31", "100",
                                                "Tom Ng and Rae Lopez", "Pat Chen", "0", "100"}));
        QVERIFY(r.notes.join(QLatin1Char(' ')).contains(QLatin1String("Last counts: 2026-10-31, counted by Tom Ng and Rae Lopez, signed by Pat Chen.")));
        QCOMPARE(r.signatures, (QStringList{"Counted by", "Pharmacist-in-charge"}));
        // The first half of the month ends before the count: no difference yet, the end is the balance then.
        const reports::Report half = f.build(reports::Kind::Reconciliation, 1, 15);
        QCOMPARE(rowFor(half, 0, QStringLiteral("0574-4072-05")).mid(2, 15),
                 (QStringList{"170", "100", "80", "10", "10", "7", "0", "-1", "182", "not counted", "", "", "", "0", "182"}));
    }

    void goldenCsv_data()
    {
        QTest::addColumn<int>("kind");
        for (const reports::KindInfo &k : reports::kinds())
            QTest::newRow(qPrintable(k.id)) << int(k.kind);
    }

    void goldenCsv()
    {
        QFETCH(int, kind);
        SeededMonth f;
        const reports::Report r = f.build(reports::Kind(kind));
        const QByteArray csv = reports::toCsv(r);
        const QString path = goldenPath(reports::info(reports::Kind(kind)).id);
        if (qEnvironmentVariableIsSet("CII_UPDATE_GOLDEN")) {
            QVERIFY(reports::writeFile(path, csv).isEmpty());
            QSKIP("golden file rewritten");
        }
        const QByteArray golden = readAll(path);
        QVERIFY2(!golden.isEmpty(), qPrintable(path));
        if (csv != golden) {
            const QList<QByteArray> a = csv.split('\n'), b = golden.split('\n');
            for (int i = 0; i < qMax(a.size(), b.size()); ++i)
                if (a.value(i) != b.value(i))
                    QFAIL(qPrintable(QStringLiteral("line %1 differs:\n got  %2\n want %3").arg(i + 1).arg(QString::fromUtf8(a.value(i)), QString::fromUtf8(b.value(i)))));
        }
    }

    void pdfHasHeadingsPagesAndSignatureLines_data() { goldenCsv_data(); }

    void pdfHasHeadingsPagesAndSignatureLines()
    {
        QFETCH(int, kind);
        SeededMonth f;
        const reports::Report r = f.build(reports::Kind(kind));
        const QString path = f.t.dataDir.filePath(QStringLiteral("report.pdf"));
        QCOMPARE(reports::writePdf(r, path), QString());
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
        const QString samples = qEnvironmentVariable("CII_REPORT_SAMPLES"); // scripts/screenshots.sh renders these
        if (!samples.isEmpty()) {
            QDir().mkpath(samples);
            const QString copy = samples + QLatin1Char('/') + reports::info(reports::Kind(kind)).id + QStringLiteral(".pdf");
            QFile::remove(copy);
            QVERIFY(QFile::copy(path, copy));
        }
        const QString text = pdfText(path).simplified();
        for (const QString &expected : {QStringLiteral("Main Street Pharmacy"), QStringLiteral("DEA registration number: BM1234563"),
                                        QStringLiteral("1 October 2026 to 31 October 2026"), QStringLiteral("Page 1 of 1"),
                                        QStringLiteral("Pharmacist-in-charge: name"), QStringLiteral("Signature"), r.title,
                                        QStringLiteral("Made 2026-11-25 10:00 (America/Los_Angeles) by Pat Chen")})
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" not in: ") + text.left(600)));
        for (const reports::Column &c : r.columns) // titles may wrap onto two lines: check each word
            for (const QString &word : c.csvOnly ? QStringList() : c.title.split(QLatin1Char(' ')))
                QVERIFY2(text.contains(word.chopped(word.endsWith(QLatin1Char(',')) ? 1 : 0)), qPrintable(c.title));
        for (const QString &cell : r.rows.value(0)) // short cells (dates, numbers, codes) always fit their column
            if (cell.size() <= 16)
                QVERIFY2(text.contains(cell), qPrintable(cell));
    }

    void form106WorksheetCarriesEveryFactAndPrints()
    {
        SeededMonth f;
        reports::Request req{reports::Kind::Form106, {}, {}, {}, {}, QStringLiteral("Pat Chen"), at(25, 0, 11)};
        req.theftLossId = f.theftId;
        const reports::Report r = reports::build(f.store->db(), req);
        QCOMPARE(r.from, QDate(2026, 10, 20)); // the day it was discovered
        QCOMPARE(r.to, QDate(2026, 10, 20));
        QCOMPARE(r.title, QStringLiteral("DEA Form 106 worksheet, report %1").arg(f.theftId));
        QHash<QString, QString> facts;
        for (const QStringList &row : r.rows)
            facts.insert(row.value(1), row.value(2));
        QCOMPARE(facts.value(QStringLiteral("DEA registration number")), QStringLiteral("BM1234563"));
        QCOMPARE(facts.value(QStringLiteral("Date of discovery")), QStringLiteral("2026-10-20"));
        QCOMPARE(facts.value(QStringLiteral("Type")), QStringLiteral("Theft"));
        QCOMPARE(facts.value(QStringLiteral("Kind of theft or loss")), QStringLiteral("Customer theft"));
        QCOMPARE(facts.value(QStringLiteral("Police report")), QStringLiteral("Case 4471, Metro PD"));
        QCOMPARE(facts.value(QStringLiteral("NDC")), QStringLiteral("0574-4072-05"));
        QCOMPARE(facts.value(QStringLiteral("Quantity lost")), QStringLiteral("3 tablets"));
        QCOMPARE(facts.value(QStringLiteral("DEA notice (one business day)")), QStringLiteral("Due 2026-10-21; recorded 2026-10-21, reference DEA-DIV-5521"));
        QCOMPARE(facts.value(QStringLiteral("Form 106 (45 days)")), QStringLiteral("Due 2026-12-04; not yet recorded"));
        const QByteArray csv = reports::toCsv(r);
        QVERIFY2(csv.contains("The theft or loss,Police report,\"Case 4471, Metro PD\""), csv.constData());
        const QString path = f.t.dataDir.filePath(QStringLiteral("form106.pdf"));
        QCOMPARE(reports::writePdf(r, path), QString());
        const QString text = pdfText(path).simplified();
        for (const QString &expected : {QStringLiteral("DEA Form 106 worksheet"), QStringLiteral("Customer theft"), QStringLiteral("Metro PD"),
                                        QStringLiteral("Pharmacist-in-charge: name"), QStringLiteral("20 October 2026")})
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" not in: ") + text.left(600)));
        if (const QString samples = qEnvironmentVariable("CII_REPORT_SAMPLES"); !samples.isEmpty()) {
            QDir().mkpath(samples);
            QFile::remove(samples + QStringLiteral("/form106.pdf"));
            QVERIFY(QFile::copy(path, samples + QStringLiteral("/form106.pdf")));
        }
        // A report that is not on record is refused in a sentence; so is asking the range reports for a worksheet.
        req.theftLossId = 999;
        QVERIFY(refusalText([&] { reports::build(f.store->db(), req); }).contains(QLatin1String("No theft or loss report 999 is on record.")));
        for (const reports::KindInfo &k : reports::kinds())
            QVERIFY(k.kind != reports::Kind::Form106);
        QCOMPARE(reports::kindFromId(QStringLiteral("form106")), std::optional<reports::Kind>(reports::Kind::Form106));
    }

    void pdfOfTheDispensingLogShowsEachFill()
    {
        SeededMonth f;
        const QString path = f.t.dataDir.filePath(QStringLiteral("dispensing.pdf"));
        QCOMPARE(reports::writePdf(f.build(reports::Kind::Dispensing), path), QString());
        const QString text = pdfText(path);
        for (const char *rx : {"RX1002", "RX1003", "RX1004"})
            QVERIFY2(text.contains(QLatin1String(rx)), rx);
        QVERIFY(!text.contains(QLatin1String("RX1001"))); // September
        QVERIFY(!text.contains(QLatin1String("RX1005"))); // November
        QVERIFY(text.contains(QLatin1String("Voided by entry")));
        // The prescription's facts (21 CFR 1306.05(a)) are printed whole on every fill, never cut off in the notes.
        QCOMPARE(text.count(QLatin1String("BW1234563")), 3);
        QCOMPARE(text.count(QLatin1String("Dr. Ann Wells")), 3);
        QCOMPARE(text.count(QLatin1String("2026-09-18")), 3);
        // A note too long for its column wraps onto more lines of its row rather than being cut.
        const QString flowing = text.simplified();
        for (const char *whole : {"Voided by entry 25: entered on the wrong product", "Returned to stock from entry 18: patient took 10 of 20",
                                  "Partial fill 1 of Rx RX1003: a patient in long-term care or terminally ill"})
            QVERIFY2(flowing.contains(QLatin1String(whole)), whole);
    }

    // 21 CFR 1304.22(c): a technician's fill is dispensed by the pharmacist who verifies it, later in the journal.
    void aVerifiedFillNamesItsPharmacistAsTheDispenser()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        const qint64 verified = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RXV1"), 10));
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RXV2"), 10));
        const qint64 voided = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 5, QStringLiteral("RXV3"), 5));
        f.ledger->dispense(*f.pharmacist, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RXV4"), 10));
        f.ledger->verifyDispense(*f.pharmacist, verified, QStringLiteral("2345"));
        f.ledger->voidEntry(*f.pharmacist, voided, QStringLiteral("entered on the wrong Rx"), QStringLiteral("2345"));
        const reports::Report r = reports::build(f.store->db(), {reports::Kind::Dispensing, QDate(2000, 1, 1), QDate(2099, 12, 31)});
        QHash<QString, QString> dispenser; // Rx -> Dispensed by
        const qsizetype by = std::find_if(r.columns.cbegin(), r.columns.cend(), [](const reports::Column &c) { return c.title == QLatin1String("Dispensed by"); })
                             - r.columns.cbegin();
        for (const QStringList &row : r.rows)
            dispenser.insert(row.value(1), row.value(by));
        const QString pharmacist = f.pharmacist->name();
        QCOMPARE(dispenser.value(QStringLiteral("RXV1")), pharmacist);
        QVERIFY2(dispenser.value(QStringLiteral("RXV2")).startsWith(QLatin1String("To verify (recorded by ")), qPrintable(dispenser.value(QStringLiteral("RXV2"))));
        QVERIFY2(dispenser.value(QStringLiteral("RXV3")).startsWith(QLatin1String("Voided before verification")), qPrintable(dispenser.value(QStringLiteral("RXV3"))));
        QCOMPARE(dispenser.value(QStringLiteral("RXV4")), pharmacist);
    }

    void longReportIsPaginatedWithRepeatedHeadings()
    {
        SeededMonth f;
        reports::Report r = f.build(reports::Kind::Dispensing);
        addFills(r, QStringLiteral("RXP"), 150);
        const int pages = reports::pdfPageCount(r);
        QVERIFY2(pages >= 4, qPrintable(QString::number(pages)));
        const QString path = f.t.dataDir.filePath(QStringLiteral("long.pdf"));
        QCOMPARE(reports::writePdf(r, path), QString());
        const QString text = pdfText(path);
        QCOMPARE(text.count(QLatin1String("DEA registration number: BM1234563")), pages);
        // The column titles head every page of rows; the notes and signature lines may take a page of their own.
        QVERIFY(text.count(QLatin1String("Fill date")) >= pages - 1);
        for (int p = 1; p <= pages; ++p)
            QVERIFY(text.contains(QStringLiteral("Page %1 of %2").arg(p).arg(pages)));
        QVERIFY(text.contains(QLatin1String("RXP0000")));
        QVERIFY(text.contains(QLatin1String("RXP0149")));
    }

    void aLongLogReadsBackWhole()
    {
        // Over 50 pages the page streams are deflated at zlib's fastest level (ReportPdf.cpp): the file must read
        // back as every other does, every row of it.
        SeededMonth f;
        reports::Report r = f.build(reports::Kind::Dispensing);
        addFills(r, QStringLiteral("RXF"), 3000);
        const int pages = reports::pdfPageCount(r);
        QVERIFY2(pages > 50, qPrintable(QString::number(pages)));
        const QString path = f.t.dataDir.filePath(QStringLiteral("long.pdf"));
        int written = 0;
        QCOMPARE(reports::writePdf(r, path, {}, &written), QString());
        QCOMPARE(written, pages);
        const QString text = pdfText(path);
        QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(pages)));
        for (int i = 0; i < 3000; i += 7)
            QVERIFY2(text.contains(QStringLiteral("RXF%1").arg(i, 4, 10, QLatin1Char('0'))), qPrintable(QString::number(i)));
    }

    void groupedCellsSayAsAboveOrNone()
    {
        // A grouped column leaves a value equal to the row above blank; a row with none under one with a value
        // shows a dash, or it would read as the same (a blank under the dash: as above, none).
        reports::Report r;
        r.columns = {{QStringLiteral("Who"), 10, false, true}, {QStringLiteral("Product"), 10, false, true}, {QStringLiteral("Entry"), 5, true}};
        r.rows = {{QStringLiteral("Rae Lopez"), QStringLiteral("Oxycodone"), QStringLiteral("1")},
                  {QStringLiteral("Rae Lopez"), QStringLiteral("Oxycodone"), QStringLiteral("2")},
                  {QStringLiteral("Rae Lopez"), QString(), QStringLiteral("3")},
                  {QStringLiteral("Tom Ng"), QString(), QStringLiteral("4")}};
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("grouped.pdf"));
        QCOMPARE(reports::writePdf(r, path), QString());
        const QString text = pdfText(path);
        QCOMPARE(text.count(QLatin1String("Rae Lopez")), 1);
        QCOMPARE(text.count(QLatin1String("Oxycodone")), 1);
        QCOMPARE(text.count(QStringLiteral("\u2014")), 1); // entry 3: none; entry 4: as above (none)
        QCOMPARE(text.count(QLatin1String("Tom Ng")), 1);
    }

    void csvQuotesAndDefusesFormulas()
    {
        reports::Report r;
        r.columns = {{QStringLiteral("A")}, {QStringLiteral("B")}, {QStringLiteral("C")}, {QStringLiteral("D")}};
        r.rows = {{QStringLiteral("=HYPERLINK(\"x\")"), QStringLiteral("-12"), QStringLiteral("a, b"), QStringLiteral("line\nbreak")},
                  {QStringLiteral("@SUM(A1)"), QStringLiteral("-1,250"), QStringLiteral("+ plus"), QString()}};
        QCOMPARE(reports::toCsv(r), QByteArray("A,B,C,D\r\n"
                                               "\"'=HYPERLINK(\"\"x\"\")\",-12,\"a, b\",\"line\nbreak\"\r\n"
                                               "'@SUM(A1),\"-1,250\",'+ plus,\r\n"));
    }

    void badRangesAndNamesAreRefusedInASentence()
    {
        SeededMonth f;
        const auto refusal = [&](reports::Request req) { return refusalText([&] { reports::build(f.store->db(), req); }); };
        using K = reports::Kind;
        QVERIFY(refusal({K::Dispensing, QDate(2026, 10, 31), QDate(2026, 10, 1)}).contains(QLatin1String("The first date (2026-10-31) is after the last (2026-10-01)")));
        QVERIFY(refusal({K::Dispensing, QDate(), QDate(2026, 10, 1)}).contains(QLatin1String("must be real dates")));
        QVERIFY(refusal({K::ProductLedger, QDate(2026, 10, 1), QDate(2026, 10, 31), QStringLiteral("99999999999")}).contains(QLatin1String("is not in the catalog")));
        QVERIFY(refusal({K::Activity, QDate(2026, 10, 1), QDate(2026, 10, 31), {}, QStringLiteral("nobody")}).contains(QLatin1String("No person with the id nobody")));
        TempStore empty;
        auto bare = empty.open();
        QVERIFY(refusalText([&] { reports::build(bare->db(), {K::AuditLog, QDate(2026, 10, 1), QDate(2026, 10, 31)}); })
                    .contains(QLatin1String("The pharmacy is not set up yet")));
    }

    void stoppedExportLeavesNoFile()
    {
        SeededMonth f;
        const QString path = f.t.dataDir.filePath(QStringLiteral("stopped.pdf"));
        bool cancelled = false;
        try {
            reports::writePdf(f.build(reports::Kind::Activity), path, [](qint64, qint64) { return false; });
        } catch (const reports::Cancelled &) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
        QVERIFY(reports::writePdf(f.build(reports::Kind::Activity), QStringLiteral("/proc/no/such/folder/x.pdf")).contains(QLatin1String("could not be created")));
    }

    void exportsAreForPharmaciststAndTheOwnerAndLandInTheAuditLog()
    {
        SeededMonth f;
        const qint64 before = f.store->journal().count();
        const RecordsExport x{QStringLiteral("Dispensing log"), iso(1), iso(31), QStringLiteral("PDF"), 4};
        QVERIFY(refusalText([&] { f.ledger->requireAllowed(*f.tech, Action::ExportRecords); }).contains(QLatin1String("print or export records")));
        QVERIFY(refusalText([&] { f.ledger->recordExport(*f.tech, x); }).contains(QLatin1String("print or export records")));
        QCOMPARE(f.store->journal().count(), before);
        f.t.clock.set(at(25, 0, 11));
        f.ledger->recordExport(*f.pharmacist, x);
        f.ledger->recordExport(*f.owner, x);
        f.ledger->recordExport(*f.pic, x);
        QCOMPARE(f.store->journal().count(), before + 3);
        const reports::Report audit = reports::build(f.store->db(), {reports::Kind::AuditLog, QDate(2026, 11, 25), QDate(2026, 11, 25)});
        QCOMPARE(audit.rows.size(), 3);
        QCOMPARE(audit.rows.at(1).at(3), QStringLiteral("Olive Ford"));
        QCOMPARE(audit.rows.at(1).at(4), QStringLiteral("Dispensing log, 2026-10-01 to 2026-10-31, PDF, 4 rows"));
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }

    void aRestoreIsInTheAuditLog()
    {
        // The event a restore appends once every check passed (sync::restoreFromCloud), as the audit log shows it.
        SeededMonth f;
        f.t.clock.set(at(26, 9 * 60 + 30, 11));
        f.store->append(QStringLiteral("system"), QStringLiteral("store.restored"),
                        {{QStringLiteral("events"), 12345}, {QStringLiteral("headHash"), QStringLiteral("ab")},
                         {QStringLiteral("service"), QStringLiteral("backup.example.org")}, {QStringLiteral("deviceId"), QStringLiteral("dv-1")},
                         {QStringLiteral("stateDigestChecked"), true}});
        const reports::Report audit = reports::build(f.store->db(), {reports::Kind::AuditLog, QDate(2026, 11, 26), QDate(2026, 11, 26)});
        QCOMPARE(audit.rows.size(), 1);
        QCOMPARE(audit.rows.at(0).at(2), QStringLiteral("Restored from the cloud"));
        QCOMPARE(audit.rows.at(0).at(3), QStringLiteral("CII Ledger"));
        QCOMPARE(audit.rows.at(0).at(4), QStringLiteral("12,345 events restored and verified from backup.example.org onto this "
                                                        "workstation; balances equal the state recorded"));
        QVERIFY(rebuildMismatch(*f.store).isEmpty());
    }

    void reconciliationInventoryIsSignedAndReported()
    {
        SeededMonth f;
        f.t.clock.set(at(5, 0, 11));
        Inventory inv{QStringLiteral("reconciliation"), QStringLiteral("closing"), iso(5, 11),
                      {{f.oxy, 166}, {kHydro, 100}}, QStringLiteral("1234"), QList<Witness>{{f.techId, QStringLiteral("3456")}, {f.pharmacistId, QStringLiteral("2345")}}};
        f.ledger->takeInventory(*f.pic, inv);
        const reports::Report r = reports::build(f.store->db(), {reports::Kind::Inventory, QDate(2026, 11, 1), QDate(2026, 11, 30)});
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.rows.at(0).mid(0, 2), (QStringList{"2026-11-05", "Reconciliation (close)"}));
        QCOMPARE(r.rows.at(0).mid(7), (QStringList{"166", "tablet", "166", "0", "Tom Ng and Rae Lopez", "Pat Chen", "34"}));
        const reports::Report rec = reports::build(f.store->db(), {reports::Kind::Reconciliation, QDate(2026, 11, 1), QDate(2026, 11, 30)});
        QVERIFY(rec.notes.join(QLatin1Char(' ')).contains(QLatin1String("Last counts: 2026-11-05, counted by Tom Ng and Rae Lopez, signed by Pat Chen.")));
    }
};

QTEST_MAIN(TestReports)
#include "tst_reports.moc"
