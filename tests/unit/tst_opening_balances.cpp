// Opening balances from a spreadsheet (the first-run wizard's third path): what a good file records, that any bad
// line refuses the whole file with its line named, and who may record them.
#include "LedgerProjection.h"
#include "TestSupport.h"

#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

const QByteArray kHeader = "ndc,name,strength,dosage_form,package_size,base_unit,quantity,counted_by,counted_on\n";

} // namespace

class TestOpeningBalances : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aGoodFileRecordsEveryCountAndItsNewProducts()
    {
        LedgerFixture f;
        const QByteArray file = kHeader
            + "0574-4072-05,,,,,,240,Pat Chen,2026-01-05\n"                          // in the catalog: product columns may be blank
            + "\"0406-0552-01\",\"Oxycodone HCl, ER\",10 mg,tablet,100,tablet,0,\"Rae Lopez\",2026-01-05\r\n" // new, counted zero
            + "59011-0410-10,OxyContin,40 mg,tablet,100,tablet,57,Pat Chen,2026-01-04\n"
            + ",,,,,,,,\n";                                                          // a spreadsheet's blank line
        const OpeningBalances checked = f.ledger->checkOpeningBalances(file);
        QVERIFY2(checked.rejected.isEmpty(), qPrintable(checked.rejected.value(0).reason));
        QCOMPARE(checked.rows.size(), 3);
        QCOMPARE(checked.rows[0].name, QStringLiteral("Oxycodone HCl"));
        QVERIFY(!checked.rows[0].newProduct && checked.rows[1].newProduct);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM products"), 1); // checking writes nothing

        const OpeningBalances r = f.ledger->recordOpeningBalances(*f.pic, file, QStringLiteral("1234"));
        QVERIFY(r.seq > 0);
        QCOMPARE(f.ledger->balance(f.oxy), 240);
        QCOMPARE(f.ledger->balance(QStringLiteral("00406055201")), 0);
        QCOMPARE(f.ledger->balance(QStringLiteral("59011041010")), 57);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM products"), 3);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM entries WHERE kind = 'opening-balance'"), 3);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM last_matching_counts"), 3); // each is a count that matches
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM discrepancies"), 0);
        QCOMPARE(rebuildMismatch(*f.store), QString());

        // Once: later corrections are counts. An opening balance is not voided (the whole file is one entry).
        QVERIFY(refusalText([&] { f.ledger->recordOpeningBalances(*f.pic, file, QStringLiteral("1234")); })
                    .contains(QLatin1String("before the first stock entry")));
        QVERIFY(refusalText([&] { f.ledger->voidEntry(*f.pic, r.seq, QStringLiteral("wrong"), QStringLiteral("1234")); })
                    .contains(QLatin1String("cannot be voided")));
        // A later count that differs opens a discrepancy since the opening balance.
        const CountResult c = f.ledger->count(*f.tech, f.oxy, 238);
        QVERIFY(c.discrepancyId > 0);
        QCOMPARE(scalar(*f.store, "SELECT since_seq FROM discrepancies"), r.seq);
    }

    void anyBadLineRefusesTheWholeFile_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("says");
        QTest::newRow("unknown product, no columns") << QByteArray("1111-2222-33,,,,,,5,Pat Chen,2026-01-05") << "not in the catalog";
        QTest::newRow("bad NDC") << QByteArray("12-34,Oxy,5 mg,tablet,100,tablet,5,Pat Chen,2026-01-05") << "NDC";
        QTest::newRow("negative") << QByteArray("0574-4072-05,,,,,,-3,Pat Chen,2026-01-05") << "from 0 to 10,000,000";
        QTest::newRow("words") << QByteArray("0574-4072-05,,,,,,twelve,Pat Chen,2026-01-05") << "from 0 to 10,000,000";
        QTest::newRow("who missing") << QByteArray("0574-4072-05,,,,,,3,,2026-01-05") << "Who counted (counted_by) is required";
        QTest::newRow("bad date") << QByteArray("0574-4072-05,,,,,,3,Pat Chen,05/01/2026") << "YYYY-MM-DD";
        QTest::newRow("future") << QByteArray("0574-4072-05,,,,,,3,Pat Chen,2999-01-01") << "in the future";
        QTest::newRow("twice") << QByteArray("0574-4072-05,,,,,,3,Pat Chen,2026-01-05\n00574407205,,,,,,3,Pat Chen,2026-01-05")
                               << "already counted on line 3";
    }

    void anyBadLineRefusesTheWholeFile()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, says);
        LedgerFixture f;
        const QByteArray file = kHeader + "59011-0410-10,OxyContin,40 mg,tablet,100,tablet,57,Pat Chen,2026-01-04\n" + line + "\n";
        const OpeningBalances checked = f.ledger->checkOpeningBalances(file);
        QCOMPARE(checked.rejected.size(), 1);
        QVERIFY2(checked.rejected[0].reason.contains(says), qPrintable(checked.rejected[0].reason));
        QVERIFY(checked.rejected[0].line >= 3);
        const QString why = refusalText([&] { f.ledger->recordOpeningBalances(*f.pic, file, QStringLiteral("1234")); });
        QVERIFY2(why.contains(QStringLiteral("line %1").arg(checked.rejected[0].line)) && why.contains(QLatin1String("Nothing was recorded")), qPrintable(why));
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM products"), 1); // the good line's new product was not added either
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM entries"), 0);
    }

    // The refusal a person reads, whole: the file's own line (the header is line 1).
    void refusalsNameTheFilesLine_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("text");
        const QByteArray good = "59011-0410-10,OxyContin,40 mg,tablet,100,tablet,57,Pat Chen,2026-01-04\n";
        const QString lead = QStringLiteral("Could not record the opening balances: The file has 1 line(s) that cannot be recorded; ");
        const QString tail = QStringLiteral("\nNothing was recorded. Correct the file and choose it again.");
        QTest::newRow("unknown product") << kHeader + good + "1111-2222-33,,,,,,5,Pat Chen,2026-01-05\n"
            << lead + QStringLiteral("line 3: The NDC 1111-2222-33 is not in the catalog, and the line's product columns (name, strength, "
                                     "dosage_form, package_size, base_unit) do not describe it") + tail;
        QTest::newRow("negative") << kHeader + good + "0574-4072-05,,,,,,-3,Pat Chen,2026-01-05\n"
            << lead + QStringLiteral("line 3: The quantity \"-3\" must be a whole number from 0 to 10,000,000 (in the product's base unit)") + tail;
        QTest::newRow("twice") << kHeader + good + "\n0574-4072-05,,,,,,3,Pat Chen,2026-01-05\n00574407205,,,,,,3,Pat Chen,2026-01-05\n"
            << lead + QStringLiteral("line 5: The NDC 00574407205 is already counted on line 4") + tail;
        QTest::newRow("long quantity") << kHeader + good + "0574-4072-05,,,,,," + QByteArray(5000, '9') + ",Pat Chen,2026-01-05\n"
            << lead + QStringLiteral("line 3: The quantity \"%1\u2026\" must be a whole number from 0 to 10,000,000 (in the product's base unit)")
                          .arg(QString(40, QLatin1Char('9'))) + tail;
        QTest::newRow("not UTF-8") << kHeader + good + "0574-4072-05,,,,,,3,Pat \xff Chen,2026-01-05\n"
            << QStringLiteral("Could not read the opening balances: The file is not UTF-8 text (save it from the spreadsheet as \"CSV UTF-8\")");
        QTest::newRow("unclosed quote") << kHeader + good + "\"0574-4072-05,,,,,,3,Pat Chen,2026-01-05\n"
            << QStringLiteral("Could not read the opening balances: Line 3 opens a quoted field that is never closed");
    }
    void refusalsNameTheFilesLine()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, text);
        LedgerFixture f;
        QCOMPARE(refusalText([&] { f.ledger->recordOpeningBalances(*f.pic, file, QStringLiteral("1234")); }), text);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM entries"), 0);
    }

    void notAFileOfCountsIsRefusedInWords()
    {
        LedgerFixture f;
        QVERIFY(refusalText([&] { f.ledger->checkOpeningBalances("ndc,counted\n0574-4072-05,3\n"); })
                    .contains(QLatin1String("lacks the column(s) quantity, counted_by, counted_on")));
        QVERIFY(refusalText([&] { f.ledger->checkOpeningBalances(kHeader); }).contains(QLatin1String("has no counts")));
        QCOMPARE(refusalText([&] { f.ledger->checkOpeningBalances("\"unterminated\n"); }),
                 QStringLiteral("Could not read the opening balances: Line 1 opens a quoted field that is never closed"));
        QCOMPARE(refusalText([&] { f.ledger->checkOpeningBalances(QByteArray("\xff\xfe\x00n", 4)); }),
                 QStringLiteral("Could not read the opening balances: The file is not UTF-8 text (save it from the spreadsheet as \"CSV UTF-8\")"));
    }

    void onlyThePharmacistInChargeSigns()
    {
        LedgerFixture f;
        const QByteArray file = kHeader + "0574-4072-05,,,,,,240,Pat Chen,2026-01-05\n";
        QVERIFY(refusalText([&] { f.ledger->recordOpeningBalances(*f.tech, file, QStringLiteral("3456")); }).contains(QLatin1String("sign an inventory")));
        QVERIFY(refusalText([&] { f.ledger->recordOpeningBalances(*f.pic, file, QStringLiteral("9999")); }).contains(QLatin1String("PIN")));
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM entries"), 0);
        // The template itself is a good file once the product exists or is described (it is).
        const OpeningBalances t = f.ledger->checkOpeningBalances(Ledger::openingBalancesTemplate());
        QVERIFY2(t.rejected.isEmpty(), qPrintable(t.rejected.value(0).reason));
    }
};

QTEST_GUILESS_MAIN(TestOpeningBalances)
#include "tst_opening_balances.moc"
