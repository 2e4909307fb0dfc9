#include "Identifiers.h"

#include <QTest>

using namespace cii;

class TestIdentifiers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dea_data()
    {
        QTest::addColumn<QString>("dea");
        QTest::addColumn<QString>("problemContains"); // empty: valid
        QTest::newRow("valid") << "BM1234563" << "";
        QTest::newRow("valid lower case, spaces") << "  bm1234563 " << "";
        QTest::newRow("valid 9 as second char") << "A91234563" << "";
        QTest::newRow("wrong check digit") << "BM1234564" << "check digit";
        QTest::newRow("too short") << "BM123456" << "two letters followed by seven digits";
        QTest::newRow("letters in digits") << "BM12E4563" << "two letters followed by seven digits";
        QTest::newRow("empty") << "" << "required";
        QTest::newRow("digit first") << "1M1234563" << "two letters";
    }
    void dea()
    {
        QFETCH(QString, dea);
        QFETCH(QString, problemContains);
        const QString problem = deaProblem(dea);
        if (problemContains.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(problemContains), qPrintable(problem));
    }

    void ndcLayouts_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("ndc11");
        // docs/PHARMACY-RULES.md's examples (Identifiers).
        QTest::newRow("4-4-2") << "0574-4072-05" << "4-4-2" << "00574407205";
        QTest::newRow("5-3-2") << "51655-089-52" << "5-3-2" << "51655008952";
        QTest::newRow("5-4-1") << "58118-1397-3" << "5-4-1" << "58118139703";
        QTest::newRow("5-4-2 hyphenated") << "00574-4072-05" << "5-4-2" << "00574407205";
        QTest::newRow("11 digits") << "00574407205" << "5-4-2" << "00574407205";
    }
    void ndcLayouts()
    {
        QFETCH(QString, input);
        QFETCH(QString, layout);
        QFETCH(QString, ndc11);
        const auto ndc = Ndc::parse(input);
        QVERIFY(ndc.has_value());
        QCOMPARE(ndc->layout(), layout);
        QCOMPARE(ndc->ndc11(), ndc11);
    }

    void ndcRefusals_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("problemContains");
        QTest::newRow("bare 10 digits") << "0574407205" << "three NDC layouts";
        QTest::newRow("3-5-2") << "123-45678-90" << "not an NDC";
        QTest::newRow("letters") << "ABCDE-123-45" << "not an NDC";
        QTest::newRow("empty") << "" << "required";
        QTest::newRow("4-3-2") << "1234-567-89" << "not an NDC layout";
    }
    void ndcRefusals()
    {
        QFETCH(QString, input);
        QFETCH(QString, problemContains);
        QString problem;
        QVERIFY(!Ndc::parse(input, &problem).has_value());
        QVERIFY2(problem.contains(problemContains), qPrintable(problem));
    }

    void tenDigitCandidatesCoverEveryLayout()
    {
        QCOMPARE(Ndc::elevenDigitCandidates(QStringLiteral("0574407205")),
                 (QStringList{"00574407205", "05744007205", "05744072005"}));
    }

    void gs1CheckDigit()
    {
        QCOMPARE(cii::gs1CheckDigit(QStringLiteral("03600029145")), 2); // a classic UPC-A: 036000291452
        QCOMPARE(cii::gs1CheckDigit(QStringLiteral("0030574407205")), 5);
    }

    void scans_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("firstCandidate");
        QTest::addColumn<QString>("lot");
        QTest::addColumn<QString>("expiry");
        QTest::addColumn<QString>("serial");
        const QString gs(QChar(29));
        QTest::newRow("UPC-A") << "305744072055" << int(ScanResult::Kind::UpcA) << "00574407205" << "" << "" << "";
        QTest::newRow("UPC-A with CR LF") << "305744072055\r\n" << int(ScanResult::Kind::UpcA) << "00574407205" << "" << "" << "";
        QTest::newRow("DataMatrix raw with GS") << ("]d2" "0100305744072055" "17270531" "10LOT42A" + gs + "21SN0001")
            << int(ScanResult::Kind::Gs1) << "00574407205" << "LOT42A" << "2027-05-31" << "SN0001";
        QTest::newRow("DataMatrix serial before lot") << ("0100305744072055" "21SN9" + gs + "10L7" + gs + "17260100")
            << int(ScanResult::Kind::Gs1) << "00574407205" << "L7" << "2026-01-31" << "SN9"; // day 00: the month's last day
        QTest::newRow("GS1 expiry day 00 in June") << "010030574407205517270600"
            << int(ScanResult::Kind::Gs1) << "00574407205" << "" << "2027-06-30" << "";
        QTest::newRow("GS1 expiry day 00 in a leap February") << "010030574407205517280200"
            << int(ScanResult::Kind::Gs1) << "00574407205" << "" << "2028-02-29" << "";
        QTest::newRow("DataMatrix with the GTIN only") << "0100305744072055"
            << int(ScanResult::Kind::Gs1) << "00574407205" << "" << "" << "";
        QTest::newRow("human-readable GS1") << "(01)50351655089526(17)280229(10)AB12(21)X1"
            << int(ScanResult::Kind::Gs1) << "05165508952" << "AB12" << "2028-02-29" << "X1";
        QTest::newRow("hyphenated NDC") << "51655-089-52" << int(ScanResult::Kind::Ndc11) << "51655008952" << "" << "" << "";
        QTest::newRow("11 digits") << "00574407205" << int(ScanResult::Kind::Ndc11) << "00574407205" << "" << "" << "";
        QTest::newRow("bare 10 digits") << "0574407205" << int(ScanResult::Kind::Ndc10Bare) << "00574407205" << "" << "" << "";
    }
    void scans()
    {
        QFETCH(QString, raw);
        QFETCH(int, kind);
        QFETCH(QString, firstCandidate);
        QFETCH(QString, lot);
        QFETCH(QString, expiry);
        QFETCH(QString, serial);
        const ScanResult r = parseScan(raw);
        QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
        QCOMPARE(int(r.kind), kind);
        QVERIFY(!r.ndc11Candidates.isEmpty());
        QVERIFY2(r.ndc11Candidates.contains(firstCandidate), qPrintable(r.ndc11Candidates.join(',')));
        QCOMPARE(r.lot, lot);
        QCOMPARE(r.expiry, expiry);
        QCOMPARE(r.serial, serial);
    }

    void badScans_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("problemContains");
        QTest::newRow("empty") << "" << "Nothing was scanned";
        QTest::newRow("UPC bad check") << "305744072056" << "check digit";
        QTest::newRow("UPC not a drug") << "036000291452" << "not a drug";
        QTest::newRow("GTIN bad check") << "00305744072056" << "not a valid drug GTIN";
        QTest::newRow("GTIN not NDC") << "00012345678905" << "not a valid drug GTIN";
        QTest::newRow("bad expiry") << "0100305744072055171399991" << "not a date";
        QTest::newRow("expiry 30 February") << "010030574407205517260230"
            << "The expiry date in the code (260230) is not a date: February 2026 has no day 30.";
        QTest::newRow("expiry month 13") << "010030574407205517261301"
            << "The expiry date in the code (261301) is not a date: there is no month 13.";
        QTest::newRow("expiry month 00") << "010030574407205517260015"
            << "The expiry date in the code (260015) is not a date: there is no month 00.";
        QTest::newRow("expiry cut short") << "01003057440720551726"
            << "The expiry date in the code (26) is not a date: an expiry is six digits, YYMMDD.";
        QTest::newRow("unknown AI") << "010030574407205599XYZ" << "does not read";
        QTest::newRow("text") << "hello world" << "is not a barcode";
        QTest::newRow("13 digits") << "1234567890123" << "has 13 digits";
        QTest::newRow("huge") << QString(500, QLatin1Char('9')) << "too long";
        QTest::newRow("GS1 without GTIN") << "10LOT" + QString(QChar(29)) + "17270101" << "no product number";
    }
    void badScans()
    {
        QFETCH(QString, raw);
        QFETCH(QString, problemContains);
        const ScanResult r = parseScan(raw);
        QCOMPARE(int(r.kind), int(ScanResult::Kind::Invalid));
        QVERIFY2(r.problem.contains(problemContains), qPrintable(r.problem));
    }
};

QTEST_GUILESS_MAIN(TestIdentifiers)
#include "tst_identifiers.moc"
