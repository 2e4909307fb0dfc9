// The catalog from Settings > Products (issue 28): an import checked first without writing (the dry run a person
// reads before accepting), read with real progress, then written in one transaction; the fields of a product
// added by hand checked as typed; reorder points; and the list the page shows.
#include "Ledger.h"
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {
QByteArray fixture(const char *name)
{
    return readAll(QFINDTESTDATA(QStringLiteral("data/fda/") + QLatin1String(name)));
}

QString lines(const ImportReport &r)
{
    QStringList out;
    for (const ImportRejection &x : r.rejected)
        out << QStringLiteral("%1:%2").arg(x.file).arg(x.line);
    return out.join(QLatin1Char(' '));
}
} // namespace

class TestLedgerCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aDryRunReportsWhatTheImportWritesAndWritesNothing()
    {
        LedgerFixture f;
        QList<std::pair<qint64, qint64>> progress;
        const CatalogFile file = Ledger::readFdaDirectory(fixture("product.txt"), fixture("package.txt"),
                                                          [&](qint64 done, qint64 total) { progress.append({done, total}); });
        const qint64 head = f.store->journal().headSeq();
        const ImportReport checked = f.ledger->checkImport(file);
        QCOMPARE(f.store->journal().headSeq(), head); // nothing written
        QCOMPARE(checked.added, 28);
        QCOMPARE(checked.updated, 1);
        QCOMPARE(checked.skipped, 2);
        QCOMPARE(checked.rejected.size(), 7);
        // Each bad row by its line, in file order: product.txt's first.
        QCOMPARE(lines(checked), QStringLiteral("product.txt:7 product.txt:31 product.txt:32 package.txt:8 package.txt:9 package.txt:10 package.txt:11"));

        // Real progress: bytes of both files, rising to the total.
        QVERIFY(!progress.isEmpty());
        const qint64 total = fixture("product.txt").size() + fixture("package.txt").size();
        QCOMPARE(progress.last(), std::pair(total, total));
        for (qsizetype i = 1; i < progress.size(); ++i)
            QVERIFY(progress[i].first >= progress[i - 1].first);

        const ImportReport written = f.ledger->importCatalog(*f.pharmacist, file);
        QCOMPARE(written.added, checked.added);
        QCOMPARE(written.updated, checked.updated);
        QCOMPARE(lines(written), lines(checked));
        // Checked again after the write: everything is there, unchanged.
        const ImportReport again = f.ledger->checkImport(file);
        QCOMPARE(again.added, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.unchanged, 29);
    }

    void aCsvIsCheckedTheSameWay()
    {
        LedgerFixture f;
        const QByteArray csv = "ndc,name,strength,dosage_form,package_size,base_unit\n"
                               "0406-8530-16,Oxycodone Hydrochloride,5 mg/5 mL,Solution,473,mL\n"
                               "12345,Bad,5 mg,Tablet,100,tablet\n"
                               "0054-0235-24,Morphine Sulfate,15 mg,Tablet,ten,tablet\n";
        const qint64 head = f.store->journal().headSeq();
        const ImportReport checked = f.ledger->checkImport(Ledger::readCatalogCsv(csv));
        QCOMPARE(f.store->journal().headSeq(), head);
        QCOMPARE(checked.added, 1);
        QCOMPARE(lines(checked), QStringLiteral("CSV:3 CSV:4"));
    }

    void onlyThoseWhoMayChangeTheCatalogImport()
    {
        LedgerFixture f;
        const CatalogFile file = Ledger::readFdaDirectory(fixture("product.txt"), fixture("package.txt"));
        const qint64 head = f.store->journal().headSeq();
        const QString why = refusalText([&] { f.ledger->importCatalog(*f.tech, file); });
        QVERIFY2(why.contains(QLatin1String("change the catalog")), qPrintable(why));
        QCOMPARE(f.store->journal().headSeq(), head);
    }

    void notTheDirectoryIsRefusedWhenRead()
    {
        const QString why = refusalText([] { Ledger::readFdaDirectory("not\ta\theader\n", fixture("package.txt")); });
        QVERIFY2(why.contains(QLatin1String("product.txt")), qPrintable(why));
    }

    void aReorderPointIsLoggedAndShown()
    {
        LedgerFixture f;
        LedgerQueries q(f.store->db());
        QCOMPARE(q.reorderPoint(f.oxy), 0);
        f.ledger->setReorderPoint(*f.pharmacist, QStringLiteral("0574-4072-05"), 200);
        QCOMPARE(q.reorderPoint(f.oxy), 200);
        QCOMPARE(q.catalogProducts(QStringLiteral("oxy"), 10).value(0).reorderPoint, 200);

        const qint64 head = f.store->journal().headSeq();
        QVERIFY(refusalText([&] { f.ledger->setReorderPoint(*f.tech, f.oxy, 100); }).contains(QLatin1String("change the catalog")));
        QVERIFY(refusalText([&] { f.ledger->setReorderPoint(*f.pharmacist, f.oxy, -1); }).contains(QLatin1String("from 0 (none)")));
        QVERIFY(refusalText([&] { f.ledger->setReorderPoint(*f.pharmacist, f.oxy, 200); }).contains(QLatin1String("is already 200")));
        QVERIFY(refusalText([&] { f.ledger->setReorderPoint(*f.pharmacist, QStringLiteral("99999999999"), 5); }).contains(QLatin1String("catalog")));
        QCOMPARE(f.store->journal().headSeq(), head);

        // The projection is rebuilt from the journal: the point survives; a product updated by an import keeps it.
        f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0574-4072-05"), QStringLiteral("Oxycodone Hydrochloride"), QStringLiteral("5 mg"),
                                             QStringLiteral("Tablet"), QStringLiteral("tablet"), 500, QStringLiteral("CII")});
        f.store->rebuildProjections();
        QCOMPARE(q.reorderPoint(f.oxy), 200);
        QVERIFY(f.store->verify().intact);
        f.ledger->setReorderPoint(*f.pic, f.oxy, 0);
        QCOMPARE(q.reorderPoint(f.oxy), 0);
    }

    void aProductsFieldsAreCheckedAsTyped_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("ndc ok") << "ndc" << "0574-4072-05" << "";
        QTest::newRow("ndc 11") << "ndc" << "00574407205" << "";
        QTest::newRow("ndc bad") << "ndc" << "12345" << "is not an NDC";
        QTest::newRow("name long") << "productName" << QString(121, QLatin1Char('a')) << "The product name is too long";
        QTest::newRow("strength ok") << "strength" << "5 mg" << "";
        QTest::newRow("size letters") << "packageSize" << "1o0" << "Type a whole number.";
        QTest::newRow("size zero") << "packageSize" << "0" << "The package size must be a whole number above zero.";
        QTest::newRow("unit ok") << "baseUnit" << "tablet" << "";
        QTest::newRow("reorder zero") << "reorderPoint" << "0" << "";
        QTest::newRow("reorder negative") << "reorderPoint" << "-3" << "from 0 (none)";
    }

    void aProductsFieldsAreCheckedAsTyped()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, says);
        LedgerFixture f;
        const auto kind = Ledger::fieldFromName(field);
        QVERIFY(kind.has_value());
        const QString problem = f.ledger->checkField(*kind, text);
        if (says.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(says), qPrintable(problem));
    }

    void theListSearchesNamesAndNdcs()
    {
        LedgerFixture f;
        f.ledger->importFdaDirectory(*f.pharmacist, fixture("product.txt"), fixture("package.txt"));
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        LedgerQueries q(f.store->db());
        const QList<CatalogProduct> oxy = q.catalogProducts(QStringLiteral("OXYCODONE"), 100);
        QVERIFY(oxy.size() >= 4); // inside "Percocet (Oxycodone And Acetaminophen)" too
        bool sawBalance = false;
        for (const CatalogProduct &c : oxy) {
            QVERIFY(c.product.name.contains(QLatin1String("oxycodone"), Qt::CaseInsensitive));
            sawBalance = sawBalance || (c.product.ndc11 == f.oxy && c.onHand == 1000);
        }
        QVERIFY(sawBalance);
        QCOMPARE(q.catalogProducts(QStringLiteral("0574-4072"), 100).size(), 3);
        QCOMPARE(q.catalogProducts(QStringLiteral("%"), 100).size(), 0); // a wildcard typed is a character
        QCOMPARE(q.catalogProducts({}, 5).size(), 5);
    }
};

QTEST_GUILESS_MAIN(TestLedgerCatalog)
#include "tst_ledger_catalog.moc"
