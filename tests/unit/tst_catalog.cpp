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
        QCOMPARE(r.added, 28);
        QCOMPARE(r.updated, 1); // 0574-4072-05 was in the catalog with other details
        QCOMPARE(r.skipped, 2); // lisinopril (no schedule), alprazolam (CIV)
        const QString why = rejections(r);
        QCOMPARE(r.rejected.size(), 7);
        QVERIFY2(why.contains(QLatin1String("product.txt:7 has 4 fields")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("product.txt:31 is a kit (KIT): its schedule II part cannot be counted from the directory; "
                                            "add that part by hand or in a catalog CSV")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("product.txt:32 has the dosage form \"GUM, CHEWING\", which has no counting unit here; "
                                            "add the product by hand or in a catalog CSV")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("package.txt:8 the package holds 2.5 mL, not a whole number")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("package.txt:9 the package description \"BOTTLE OF 100\"")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("package.txt:10 \"0574-40725-1\" is not an NDC")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("package.txt:11 NDC 0574-4072-01 is already on line 2")), qPrintable(why));

        Catalog catalog(f.store->db());
        const auto percocet = catalog.product(QStringLiteral("63481062370"));
        QVERIFY(percocet.has_value());
        QCOMPARE(percocet->name, QStringLiteral("Percocet\u00ae (Oxycodone And Acetaminophen)")); // Windows-1252 0xAE
        QCOMPARE(percocet->strength, QStringLiteral("5 mg/325 mg"));
        QCOMPARE(percocet->packageSize, 100);
        const auto methadone = catalog.product(QStringLiteral("00054355663"));
        QVERIFY(methadone.has_value());
        QCOMPARE(methadone->name, QStringLiteral("Methadone Hydrochloride Intensol"));
        QCOMPARE(methadone->packageSize, 30);
        QCOMPARE(methadone->baseUnit, QStringLiteral("mL"));
        QCOMPARE(catalog.product(f.oxy)->packageSize, 500);
    }

    // Every package-description shape and every CII dosage form in the sample: the counting unit is the dispensed
    // unit, the package size the number of those units, the strength as the label says it.
    void fdaImportCountsInTheDispensedUnit_data()
    {
        QTest::addColumn<QString>("ndc11");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("strength");
        QTest::addColumn<QString>("dosageForm");
        const auto row = [](const char *tag, const char *ndc11, const char *unit, qint64 size, const char *strength, const char *form) {
            QTest::newRow(tag) << QString::fromLatin1(ndc11) << QString::fromLatin1(unit) << size << QString::fromUtf8(strength)
                               << QString::fromLatin1(form);
        };
        row("tablet in a bottle", "00574407201", "tablet", 100, "5 mg", "Tablet");
        row("bottle in a carton", "00574407202", "tablet", 100, "5 mg", "Tablet");
        row("patch with its wear time", "00406902562", "patch", 5, "25 mcg/h", "Patch, Extended Release");
        row("transdermal film", "00378912198", "patch", 5, "50 mcg/h", "Film, Extended Release");
        row("patch", "68968555203", "patch", 30, "10 mg/9 h", "Patch");
        row("film coated extended release", "59011041010", "tablet", 100, "10 mg", "Tablet, Film Coated, Extended Release");
        row("solution", "00406853016", "mL", 473, "5 mg/5 mL", "Solution");
        row("injection in cartridges", "00409131230", "mL", 100, "2 mg/mL", "Injection, Solution");
        row("syrup, two ingredients", "60432003416", "mL", 473, "5 mg/1.5 mg per 5 mL", "Syrup");
        row("concentrate", "00054355663", "mL", 30, "10 mg/mL", "Concentrate");
        row("extended-release capsule", "00078043005", "capsule", 100, "10 mg", "Capsule, Extended Release");
        row("capsule", "00406112201", "capsule", 100, "5 mg", "Capsule");
        row("lozenge", "63459050230", "lozenge", 30, "200 mcg", "Lozenge");
        row("suppository", "00054018012", "suppository", 12, "10 mg", "Suppository");
        row("buccal film", "00037520030", "film", 30, "200 mcg", "Film");
        row("case of cartons of blisters", "00054023524", "tablet", 1000, "15 mg", "Tablet");
        row("chewable", "00406051201", "tablet", 100, "10 mg", "Tablet, Chewable");
        row("orally disintegrating ER", "70165020030", "tablet", 30, "17.3 mg", "Tablet, Orally Disintegrating, Extended Release");
        row("extended release", "42858080101", "tablet", 100, "18 mg", "Tablet, Extended Release");
        row("film coated", "00555097102", "tablet", 100, "10 mg", "Tablet, Film Coated");
        row("soluble", "00121065410", "tablet", 100, "40 mg", "Tablet, Soluble");
        row("suspension in a carton", "24478010116", "mL", 464, "2.5 mg/mL", "Suspension, Extended Release");
        row("tincture", "00641604001", "mL", 118, "10 mg/mL", "Tincture");
        row("spray", "10393015030", "spray", 30, "100 mcg", "Spray");
        row("powder", "51552000105", "g", 25, "1 g/g", "Powder");
        row("powder for suspension", "24478003060", "mL", 60, "5 mg/mL", "Powder, For Suspension, Extended Release");
        row("injection powder in vials", "00409300010", "vial", 10, "1 mg", "Injection, Powder, Lyophilized, For Solution");
    }
    void fdaImportCountsInTheDispensedUnit()
    {
        QFETCH(QString, ndc11);
        QFETCH(QString, unit);
        QFETCH(qint64, size);
        QFETCH(QString, strength);
        QFETCH(QString, dosageForm);
        LedgerFixture f;
        f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), fixture("package.txt"));
        const auto p = Catalog(f.store->db()).product(ndc11);
        QVERIFY2(p.has_value(), qPrintable(ndc11));
        QCOMPARE(p->baseUnit, unit);
        QCOMPARE(p->packageSize, size);
        QCOMPARE(p->strength, strength);
        QCOMPARE(p->dosageForm, dosageForm);
    }

    // Two packages of one product differ in a list by their size.
    void displayNamesShowThePackageSize()
    {
        LedgerFixture f;
        f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), fixture("package.txt"));
        Catalog catalog(f.store->db());
        QCOMPARE(catalog.product(QStringLiteral("00574407201"))->displayName(), QStringLiteral("Oxycodone Hydrochloride 5 mg tablet, 100 per package"));
        QCOMPARE(catalog.product(QStringLiteral("00574407205"))->displayName(), QStringLiteral("Oxycodone Hydrochloride 5 mg tablet, 500 per package"));
        QCOMPARE(catalog.product(QStringLiteral("00406902562"))->displayName(), QStringLiteral("Fentanyl 25 mcg/h patch, 5 per package"));
        QCOMPARE(catalog.product(QStringLiteral("00054355663"))->displayName(), QStringLiteral("Methadone Hydrochloride Intensol 10 mg/mL, 30 mL per package"));
        QCOMPARE(catalog.product(QStringLiteral("51552000105"))->displayName(), QStringLiteral("Cocaine Hydrochloride 1 g/g, 25 g per package"));
    }

    void fdaReimportUpdatesWithoutDuplicating()
    {
        LedgerFixture f;
        f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), fixture("package.txt"));
        const qint64 head = f.store->journal().headSeq();
        ImportReport again = f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), fixture("package.txt"));
        QCOMPARE(again.added, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.unchanged, 29);
        QCOMPARE(f.store->journal().headSeq(), head); // nothing written
        QByteArray packages = fixture("package.txt");
        packages.replace("500 TABLET in 1 BOTTLE (0574-4072-05)", "1000 TABLET in 1 BOTTLE (0574-4072-05)");
        again = f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), packages);
        QCOMPARE(again.updated, 1);
        QCOMPARE(again.unchanged, 28);
        {
            sql::Query n(f.store->db(), "SELECT count(*) FROM products");
            QVERIFY(n.next());
            QCOMPARE(n.int64(0), 29); // the fixture's oxycodone (now updated) and 28 new
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
        const QString tablet = QStringLiteral("tablet");
        auto p = fda::parsePackageDescription(QStringLiteral("1 BOTTLE in 1 CARTON (1-2-3) > 60 TABLET, FILM COATED in 1 BOTTLE"), tablet);
        QCOMPARE(p.size, 60);
        QCOMPARE(p.unit, tablet);
        p = fda::parsePackageDescription(QStringLiteral("10 BLISTER PACK in 1 CARTON (x) > 10 TABLET in 1 BLISTER PACK (y)"), tablet);
        QCOMPARE(p.size, 100);
        p = fda::parsePackageDescription(QStringLiteral("10 CARTON in 1 CASE > 10 BLISTER PACK in 1 CARTON > 10 TABLET in 1 BLISTER PACK"), tablet);
        QCOMPARE(p.size, 1000);
        p = fda::parsePackageDescription(QStringLiteral("473 mL in 1 BOTTLE (0054-0000-63)"), QStringLiteral("mL"));
        QCOMPARE(p.size, 473);
        QCOMPARE(p.unit, QStringLiteral("mL"));
        // The wear time is not a unit: counting stops at the patch.
        p = fda::parsePackageDescription(QStringLiteral("5 POUCH in 1 CARTON > 1 PATCH, EXTENDED RELEASE in 1 POUCH > 72 h in 1 PATCH"), QStringLiteral("patch"));
        QCOMPARE(p.size, 5);
        QCOMPARE(p.unit, QStringLiteral("patch"));
        p = fda::parsePackageDescription(QStringLiteral("100 TABLET in 1 BOTTLE"), QStringLiteral("capsule"));
        QCOMPARE(p.problem, QStringLiteral("the package description \"100 TABLET in 1 BOTTLE\" has no level counted in the product's unit (capsule)"));
        p = fda::parsePackageDescription(QStringLiteral("1 KIT in 1 CARTON * 10 TABLET in 1 BLISTER PACK"), tablet);
        QCOMPARE(p.problem, QStringLiteral("the package description \"1 KIT in 1 CARTON * 10 TABLET in 1 BLISTER PACK\" is a kit: its schedule II part "
                                           "cannot be counted from the directory; add that part by hand or in a catalog CSV"));
        QVERIFY(!fda::parsePackageDescription(QStringLiteral("0 TABLET in 1 BOTTLE"), tablet).problem.isEmpty());
        QVERIFY(!fda::parsePackageDescription(QString(), tablet).problem.isEmpty());
        QVERIFY(!fda::parsePackageDescription(QStringLiteral("99999999999 TABLET in 1 BOTTLE"), tablet).problem.isEmpty());
    }

    void dosageFormsMapToTheirCountingUnit()
    {
        QCOMPARE(fda::countingUnit(QStringLiteral("TABLET, FILM COATED, EXTENDED RELEASE")), QStringLiteral("tablet"));
        QCOMPARE(fda::countingUnit(QStringLiteral("PATCH, EXTENDED RELEASE")), QStringLiteral("patch"));
        QCOMPARE(fda::countingUnit(QStringLiteral("FILM, EXTENDED RELEASE"), QStringLiteral("TRANSDERMAL")), QStringLiteral("patch"));
        QCOMPARE(fda::countingUnit(QStringLiteral("FILM"), QStringLiteral("BUCCAL")), QStringLiteral("film"));
        QCOMPARE(fda::countingUnit(QStringLiteral("INJECTION, SOLUTION")), QStringLiteral("mL"));
        QCOMPARE(fda::countingUnit(QStringLiteral("SYRUP")), QStringLiteral("mL"));
        QCOMPARE(fda::countingUnit(QStringLiteral("CAPSULE, EXTENDED RELEASE")), QStringLiteral("capsule"));
        QCOMPARE(fda::countingUnit(QStringLiteral("KIT")), QString());
        QCOMPARE(fda::countingUnit(QStringLiteral("GUM, CHEWING")), QString());
        QCOMPARE(fda::countingUnit(QStringLiteral("TABLETS")), QString()); // a word, not a prefix of letters
    }

    void strengthsAsTheLabelSaysThem()
    {
        QCOMPARE(fda::labelStrength(QStringLiteral("5"), QStringLiteral("mg/1")), QStringLiteral("5 mg"));
        QCOMPARE(fda::labelStrength(QStringLiteral("10"), QStringLiteral("mg/mL")), QStringLiteral("10 mg/mL"));
        QCOMPARE(fda::labelStrength(QStringLiteral("5; 325"), QStringLiteral("mg/1; mg/1")), QStringLiteral("5 mg/325 mg"));
        QCOMPARE(fda::labelStrength(QStringLiteral("7.5; 325"), QStringLiteral("mg/15mL; mg/15mL")), QStringLiteral("7.5 mg/325 mg per 15 mL"));
        QCOMPARE(fda::labelStrength(QStringLiteral("25"), QStringLiteral("ug/h")), QStringLiteral("25 mcg/h"));
        QCOMPARE(fda::labelStrength(QStringLiteral("1; 2"), QStringLiteral("mg/1; mg/mL")), QStringLiteral("1 mg; 2 mg/mL"));
        QCOMPARE(fda::labelStrength(QStringLiteral("5"), QString()), QStringLiteral("5"));
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
        QVERIFY2(why.contains(QLatin1String("CSV:4 \"12-34-56\" is not an NDC")), qPrintable(why));
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
        QCOMPARE(refused("ndc,name,strength\n\"open quote,x\n"),
                 QStringLiteral("Could not import the catalog file: Line 2 opens a quoted field that is never closed"));
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
        QCOMPARE(names(catalog.search(QStringLiteral("oxycodone"))), QStringList(4, QStringLiteral("Oxycodone Hydrochloride"))); // four packages
        QCOMPARE(names(catalog.search(QStringLiteral("PERC"))).size(), 1);
        QCOMPARE(catalog.search(QStringLiteral("0574")).size(), 3);
        QCOMPARE(catalog.search(QStringLiteral("00574")).size(), 3);        // 11-digit prefix
        QCOMPARE(catalog.search(QStringLiteral("0574-4072-0")).size(), 3); // as labelled, hyphens included
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
