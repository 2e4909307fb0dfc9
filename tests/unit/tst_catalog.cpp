// The catalog: FDA NDC Directory and CSV imports (fixtures in tests/data/fda, written in the FDA's format),
// search as you type, and barcode lookups.
#include "Catalog.h"
#include "Csv.h"
#include "FdaDirectory.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

QByteArray fixture(const char *name)
{
    const QString path = QFINDTESTDATA(QStringLiteral("data/fda/") + QLatin1String(name));
    return readAll(path);
}

QString rejections(const ImportReport &r)
{
    QStringList out;
    for (const ImportRejection &x : r.rejected)
        out << QStringLiteral("%1:%2 %3").arg(x.file).arg(x.line).arg(x.reason);
    return out.join(QLatin1Char('\n'));
}

QStringList names(const QList<ProductInfo> &list)
{
    QStringList out;
    for (const ProductInfo &p : list)
        out << p.name;
    return out;
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void fdaImportTakesScheduleTwoRowsAndReportsEveryRejection()
    {
        LedgerFixture f;
        const ImportReport r = f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), fixture("package.txt"));
        QCOMPARE(r.added, 4);
        QCOMPARE(r.updated, 1); // 0574-4072-05 was in the catalog with other details
        QCOMPARE(r.skipped, 2); // lisinopril (no schedule), alprazolam (CIV)
        QCOMPARE(r.rejected.size(), 5);
        const QString why = rejections(r);
        QVERIFY2(why.contains(QLatin1String("product.txt:7 has 4 fields")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("package.txt:8 the package holds 2.5 ml, not a whole number")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("package.txt:9 the package description \"BOTTLE OF 100\"")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("package.txt:10 The NDC is not valid")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("package.txt:11 NDC 0574-4072-01 is already on line 2")), qPrintable(why));

        Catalog catalog(f.store->db());
        const auto percocet = catalog.product(QStringLiteral("63481062370"));
        QVERIFY(percocet.has_value());
        QCOMPARE(percocet->name, QStringLiteral("Percocet\u00ae (Oxycodone And Acetaminophen)")); // Windows-1252 0xAE
        QCOMPARE(percocet->strength, QStringLiteral("5 mg/1; 325 mg/1"));
        QCOMPARE(percocet->packageSize, 100);
        const auto fentanyl = catalog.product(QStringLiteral("00406902562"));
        QVERIFY(fentanyl.has_value());
        QCOMPARE(fentanyl->packageSize, 5); // 5 pouches of 1 patch
        QCOMPARE(fentanyl->baseUnit, QStringLiteral("patch, extended release"));
        const auto methadone = catalog.product(QStringLiteral("00054355663"));
        QVERIFY(methadone.has_value());
        QCOMPARE(methadone->name, QStringLiteral("Methadone Hydrochloride Intensol"));
        QCOMPARE(methadone->packageSize, 30);
        QCOMPARE(catalog.product(f.oxy)->packageSize, 500);
    }

    void fdaReimportUpdatesWithoutDuplicating()
    {
        LedgerFixture f;
        f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), fixture("package.txt"));
        const qint64 head = f.store->journal().headSeq();
        ImportReport again = f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), fixture("package.txt"));
        QCOMPARE(again.added, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.unchanged, 5);
        QCOMPARE(f.store->journal().headSeq(), head); // nothing written
        QByteArray packages = fixture("package.txt");
        packages.replace("500 TABLET in 1 BOTTLE (0574-4072-05)", "1000 TABLET in 1 BOTTLE (0574-4072-05)");
        again = f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), packages);
        QCOMPARE(again.updated, 1);
        QCOMPARE(again.unchanged, 4);
        {
            sql::Query n(f.store->db(), "SELECT count(*) FROM products");
            QVERIFY(n.next());
            QCOMPARE(n.int64(0), 5); // the fixture's oxycodone (now updated) and four new
        }
        QCOMPARE(Catalog(f.store->db()).product(f.oxy)->packageSize, 1000);
    }

    void aFileThatIsNotTheDirectoryIsRefusedWhole()
    {
        LedgerFixture f;
        const qint64 head = f.store->journal().headSeq();
        const auto refused = [&](const QByteArray &products, const QByteArray &packages) {
            try {
                f.ledger->importFdaDirectory(*f.pharmacist, products, packages);
            } catch (const CiiError &e) {
                return e.userText();
            }
            return QStringLiteral("(imported)");
        };
        QVERIFY(refused(QByteArray(), fixture("package.txt")).contains(QLatin1String("product.txt is empty")));
        QVERIFY(refused("ndc,name\n1,2\n", fixture("package.txt")).contains(QLatin1String("its header lacks PRODUCTID")));
        QVERIFY(refused(fixture("product.txt"), fixture("product.txt")).contains(QLatin1String("package.txt is not the FDA NDC Directory's package file")));
        QVERIFY(refused(QByteArray("\xff\xfe\x00garbage", 10), QByteArray()).contains(QLatin1String("its header lacks")));
        QCOMPARE(f.store->journal().headSeq(), head);
        try {
            f.ledger->importFdaDirectory(*f.tech, fixture("product.txt"), fixture("package.txt"));
            QFAIL("a technician imported the catalog");
        } catch (const CiiError &e) {
            QVERIFY(e.userText().contains(QLatin1String("a technician may not change the catalog")));
        }
    }

    void windows1252AndPackageDescriptions()
    {
        QCOMPARE(fda::fromWindows1252("caf\xe9 \x92s \x80"), QStringLiteral("caf\u00e9 \u2019s \u20ac"));
        QCOMPARE(fda::fromWindows1252("\x81"), QStringLiteral("\ufffd"));
        auto p = fda::parsePackageDescription(QStringLiteral("1 BOTTLE in 1 CARTON (1-2-3) > 60 TABLET, FILM COATED in 1 BOTTLE"));
        QCOMPARE(p.size, 60);
        QCOMPARE(p.unit, QStringLiteral("tablet, film coated"));
        p = fda::parsePackageDescription(QStringLiteral("10 BLISTER PACK in 1 CARTON (x) > 10 TABLET in 1 BLISTER PACK (y)"));
        QCOMPARE(p.size, 100);
        p = fda::parsePackageDescription(QStringLiteral("473 mL in 1 BOTTLE (0054-0000-63)"));
        QCOMPARE(p.size, 473);
        QCOMPARE(p.unit, QStringLiteral("ml"));
        QVERIFY(!fda::parsePackageDescription(QStringLiteral("0 TABLET in 1 BOTTLE")).problem.isEmpty());
        QVERIFY(!fda::parsePackageDescription(QString()).problem.isEmpty());
    }

    void csvImportValidatesEachRow()
    {
        LedgerFixture f;
        const QByteArray csv =
            "\xEF\xBB\xBFndc,name,strength,dosage_form,package_size,base_unit,schedule\r\n"
            "0406-9025-62,\"Fentanyl, transdermal\",25 mcg/h,patch,5,patch,CII\r\n"
            "51655-089-52,Morphine sulfate ER,15 mg,tablet,sixty,tablet,CII\r\n"
            "12-34-56,Bad NDC,1 mg,tablet,10,tablet,CII\r\n"
            "\r\n"
            "58118-1397-3,\"Hydromorphone \"\"HP\"\"\",10 mg/mL,solution,1,mL,CIIN\r\n"
            "0228-2027-10,Alprazolam,1 mg,tablet,100,tablet,CIV\r\n";
        const ImportReport r = f.ledger->importCatalogCsv(*f.pharmacist, csv);
        QCOMPARE(r.added, 2);
        const QString why = rejections(r);
        QCOMPARE(r.rejected.size(), 3);
        QVERIFY2(why.contains(QLatin1String("CSV:3 The package size \"sixty\" is not a whole number")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("CSV:4 The NDC is not valid")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("CSV:7 The schedule must be CII or CIIN")), qPrintable(why));
        Catalog catalog(f.store->db());
        QCOMPARE(catalog.product(QStringLiteral("00406902562"))->name, QStringLiteral("Fentanyl, transdermal"));
        QCOMPARE(catalog.product(QStringLiteral("58118139703"))->name, QStringLiteral("Hydromorphone \"HP\""));

        const qint64 head = f.store->journal().headSeq();
        const auto refused = [&](const QByteArray &bytes) {
            try {
                f.ledger->importCatalogCsv(*f.pharmacist, bytes);
            } catch (const CiiError &e) {
                return e.userText();
            }
            return QStringLiteral("(imported)");
        };
        QVERIFY(refused("ndc,name\n").contains(QLatin1String("lacks the column(s) strength, dosage_form")));
        QVERIFY(refused("").contains(QLatin1String("is empty")));
        QVERIFY(refused("ndc,name,strength\n\"open quote,x\n").contains(QLatin1String("line 2 opens a quoted field that is never closed")));
        QVERIFY(refused("ndc\xff\xfe,name\n").contains(QLatin1String("not UTF-8")));
        QCOMPARE(f.store->journal().headSeq(), head);
    }

    void csvFieldsAreSafeForSpreadsheets()
    {
        QCOMPARE(csv::field(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(csv::field(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(csv::field(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(csv::field(QStringLiteral("=HYPERLINK(1)")), QStringLiteral("'=HYPERLINK(1)"));
    }

    void searchByNamePrefixOrNdcPrefix()
    {
        LedgerFixture f;
        f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), fixture("package.txt"));
        Catalog catalog(f.store->db());
        QCOMPARE(names(catalog.search(QStringLiteral("oxy"))), QStringList(2, QStringLiteral("Oxycodone Hydrochloride"))); // two packages
        QCOMPARE(names(catalog.search(QStringLiteral("PERC"))).size(), 1);
        QCOMPARE(catalog.search(QStringLiteral("0574")).size(), 2);
        QCOMPARE(catalog.search(QStringLiteral("00574")).size(), 2);        // 11-digit prefix
        QCOMPARE(catalog.search(QStringLiteral("0574-4072-0")).size(), 2); // as labelled, hyphens included
        QCOMPARE(catalog.search(QStringLiteral("63481")).first().ndc11, QStringLiteral("63481062370"));
        QVERIFY(catalog.search(QStringLiteral("zzz")).isEmpty());
        QVERIFY(catalog.search(QString()).isEmpty());
        QCOMPARE(catalog.search(QStringLiteral("0"), 1).size(), 1);
    }

    void scansFindTheProductOrSayWhy()
    {
        LedgerFixture f;
        Catalog catalog(f.store->db());
        // UPC-A: 3 + NDC-10 (0574407205) + check digit.
        const QString upc = QStringLiteral("30574407205") + QString::number(gs1CheckDigit(QStringLiteral("30574407205")));
        ScanLookup r = catalog.lookupScan(upc);
        QVERIFY2(r.found, qPrintable(r.message));
        QCOMPARE(r.product.ndc11, f.oxy);
        // GS1 DataMatrix with symbology prefix: GTIN-14, expiry, lot (ended by GS), serial.
        const QString gtin13 = QStringLiteral("0030574407205");
        const QString gtin = gtin13 + QString::number(gs1CheckDigit(gtin13));
        r = catalog.lookupScan(QStringLiteral("]d201") + gtin + QStringLiteral("17280131") + QStringLiteral("10LOT42") + QChar(29) + QStringLiteral("21SN9"));
        QVERIFY2(r.found, qPrintable(r.message));
        QCOMPARE(r.scan.lot, QStringLiteral("LOT42"));
        QCOMPARE(r.scan.expiry, QStringLiteral("2028-01-31"));
        r = catalog.lookupScan(QStringLiteral("0574-4072-05"));
        QVERIFY(r.found);
        r = catalog.lookupScan(QStringLiteral("0574407205")); // bare 10 digits: one candidate in this catalog
        QVERIFY(r.found);
        r = catalog.lookupScan(QStringLiteral("51655-089-52"));
        QVERIFY(!r.found);
        QCOMPARE(r.message, QStringLiteral("NDC 51655008952 is not in this pharmacy's catalog. Add it to the catalog (or import the FDA NDC Directory) before recording it."));
        r = catalog.lookupScan(QStringLiteral("hello"));
        QVERIFY(!r.found);
        QVERIFY(!r.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
