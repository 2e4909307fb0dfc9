// The catalog at scale: (1) importing a generated 130,000-row FDA product.txt with its package.txt (target under
// 10 s), (2) search as you type over 20,000 products by name and NDC prefix (target p99 under 5 ms), and (3) a
// balance lookup with a long history (it reads the last entry through the index, never the journal).
// Usage: bench_catalog [searches=2000] [fda-rows=130000] [products=20000] [entries=5000]   (the figures in
// docs/PERFORMANCE.md are the defaults; `20 500 500 50` is the ctest smoke run)
#include "BenchStore.h"
#include "BenchSupport.h"
#include "Catalog.h"

#include <QCoreApplication>
#include <QRandomGenerator>

using namespace cii;

namespace {

const char *kWords[] = {"Oxy", "Hydro", "Morph", "Fent", "Metha", "Tapen", "Amphe", "Methyl", "Dextro", "Lisdex",
                        "Codo", "Meperi", "Oxymor", "Levor", "Sufen", "Remi", "Alfen", "Nabi", "Coca", "Pento"};

/// A directory of `rows` products, one in `ciiEvery` of schedule II, each with one or two packages.
std::pair<QByteArray, QByteArray> generateDirectory(int rows, int ciiEvery)
{
    QByteArray product = "PRODUCTID\tPRODUCTNDC\tPRODUCTTYPENAME\tPROPRIETARYNAME\tPROPRIETARYNAMESUFFIX\tNONPROPRIETARYNAME\t"
                         "DOSAGEFORMNAME\tROUTENAME\tSTARTMARKETINGDATE\tENDMARKETINGDATE\tMARKETINGCATEGORYNAME\tAPPLICATIONNUMBER\t"
                         "LABELERNAME\tSUBSTANCENAME\tACTIVE_NUMERATOR_STRENGTH\tACTIVE_INGRED_UNIT\tPHARM_CLASSES\tDEASCHEDULE\t"
                         "NDC_EXCLUDE_FLAG\tLISTING_RECORD_CERTIFIED_THROUGH\r\n";
    QByteArray package = "PRODUCTID\tPRODUCTNDC\tNDCPACKAGECODE\tPACKAGEDESCRIPTION\tSTARTMARKETINGDATE\tENDMARKETINGDATE\t"
                         "NDC_EXCLUDE_FLAG\tSAMPLE_PACKAGE\r\n";
    product.reserve(rows * 260);
    package.reserve(rows * 180);
    for (int i = 0; i < rows; ++i) {
        const QByteArray labeler = QByteArray::number(10000 + i / 900).rightJustified(5, '0');
        const QByteArray prod = QByteArray::number(i % 900 + 100);
        const QByteArray pndc = labeler + '-' + prod;
        const QByteArray id = pndc + "_" + QByteArray::number(i, 16);
        const QByteArray name = QByteArray(kWords[i % 20]) + "drug " + QByteArray::number(i);
        const QByteArray sched = i % ciiEvery == 0 ? "CII" : (i % 7 == 0 ? "CIV" : "");
        product += id + '\t' + pndc + "\tHUMAN PRESCRIPTION DRUG\t" + name + "\t\t" + name.toUpper() + "\tTABLET\tORAL\t20100101\t\tANDA\tANDA0"
                   + QByteArray::number(i) + "\tLabeler " + labeler + "\t" + name.toUpper() + "\t5\tmg/1\tOpioid Agonist [EPC]\t" + sched
                   + "\tN\t20271231\r\n";
        for (int k = 1; k <= 1 + i % 2; ++k) {
            const QByteArray ndc = pndc + "-0" + QByteArray::number(k);
            package += id + '\t' + pndc + '\t' + ndc + '\t' + QByteArray::number(k * 100) + " TABLET in 1 BOTTLE (" + ndc
                       + ")\t20100101\t\tN\tN\r\n";
        }
    }
    return {product, package};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int searches = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    const int fdaRows = argc > 2 ? QByteArray(argv[2]).toInt() : 130'000;
    const int products = argc > 3 ? QByteArray(argv[3]).toInt() : 20'000;
    const int entries = argc > 4 ? QByteArray(argv[4]).toInt() : 5000;
    if (searches < 1 || fdaRows < 50 || products < 1000 || entries < 1) {
        std::fprintf(stderr, "usage: bench_catalog [searches >= 1] [fda-rows >= 50] [products >= 1000] [entries >= 1]\n");
        return 2;
    }
    QElapsedTimer timer;

    // (1) The FDA import: parse 130,000 products, keep the schedule II ones, validate, write them in one transaction.
    // One in 50 rows is schedule II here (the real directory has fewer); then the worst case, every row.
    for (const int ciiEvery : {50, 1}) {
        bench::BenchPharmacy ph;
        const auto [product, package] = generateDirectory(fdaRows, ciiEvery);
        timer.start();
        const ImportReport r = ph.ledger->importFdaDirectory(*ph.pic, product, package);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        std::printf("FDA import: %d product rows (%.1f MiB + %.1f MiB), %d added, %d not schedule II, %lld rejected: %.2f s (target < 10 s)\n",
                    fdaRows, double(product.size()) / 1048576.0, double(package.size()) / 1048576.0, r.added, r.skipped,
                    qint64(r.rejected.size()), seconds);
    }

    // (2) Search as you type over 20,000 products (NDC prefixes 20000 to 20019 at the default size).
    bench::BenchPharmacy ph;
    QByteArray csv = "ndc,name,strength,dosage_form,package_size,base_unit\n";
    for (int i = 0; i < products; ++i) {
        const QByteArray ndc = QByteArray::number(20000 + i / 1000) + '-' + QByteArray::number(1000 + i % 1000) + "-01";
        csv += ndc + ',' + kWords[i % 20] + "drug " + QByteArray::number(i) + ",5 mg,tablet,100,tablet\n";
    }
    timer.start();
    const ImportReport r = ph.ledger->importCatalogCsv(*ph.pic, csv);
    std::printf("CSV import of %d products: %d added in %.2f s\n", products, r.added, double(timer.nsecsElapsed()) / 1e9);
    Catalog catalog(ph.store->db());
    QRandomGenerator rng(42);
    bench::Samples nameSamples, ndcSamples;
    for (int i = 0; i < searches; ++i) {
        const QString word = QString::fromLatin1(kWords[rng.bounded(20)]);
        const QString prefix = word.left(1 + int(rng.bounded(qsizetype(word.size())))).toLower(); // as typed, letter by letter
        timer.start();
        const auto found = catalog.search(prefix, 50);
        nameSamples.add(timer.nsecsElapsed());
        const QString digits = QString::number(20000 + rng.bounded(products / 1000)).left(1 + int(rng.bounded(5)));
        timer.start();
        const auto byNdc = catalog.search(digits, 50);
        ndcSamples.add(timer.nsecsElapsed());
        if (found.isEmpty() || byNdc.isEmpty())
            std::printf("unexpected empty result for %s / %s\n", qPrintable(prefix), qPrintable(digits));
    }
    const QByteArray size = QByteArray::number(products);
    bench::printRow(("search by name prefix (" + size + " products, 50 rows)").constData(), nameSamples);
    bench::printRow(("search by NDC prefix (" + size + " products, 50 rows)").constData(), ndcSamples);

    // (3) Balance lookups on a product with a long history.
    const QString ndc = QStringLiteral("20000100001");
    const QString today = ph.ledger->todayInPharmacy(); // the pharmacy's date, never the machine's
    for (int i = 0; i < entries; ++i)
        ph.ledger->receive(*ph.pic, {ndc, 1, QStringLiteral("CSOS"), QStringLiteral("O%1").arg(i), QStringLiteral("Cardinal Health"),
                                     QStringLiteral("FE2345672"), QStringLiteral("L1"), QStringLiteral("2099-01-01"), today});
    bench::Samples balanceSamples;
    for (int i = 0; i < searches; ++i) {
        timer.start();
        const qint64 b = ph.ledger->balance(ndc);
        balanceSamples.add(timer.nsecsElapsed());
        if (b != 100LL * entries)
            std::printf("unexpected balance %lld\n", b);
    }
    bench::printRow(("balance lookup (" + QByteArray::number(entries) + " entries on the product)").constData(), balanceSamples);
    return 0;
}
