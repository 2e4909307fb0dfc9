// The counter's models at scale: (1) a search keystroke to an updated product list with 20,000 products (target
// under 16 ms, one frame), (2) opening a product ledger of 1,000,000 entries, first page (target under 100 ms),
// and scrolling a page further.
// The million entries are written straight into the `entries` projection in one transaction (recording them
// through the Ledger would take over an hour here); the model reads only that table and `voided`.
// Usage: bench_counter [entries=1000000] [products=20000] [words=300]   (words typed letter by letter into the
// search; the defaults are docs/PERFORMANCE.md's figures, `1000 500 5` the ctest smoke run)
#include "BenchStore.h"
#include "BenchSupport.h"
#include "ProductLedgerModel.h"
#include "ProductListModel.h"

#include <QCoreApplication>
#include <QRandomGenerator>

using namespace cii;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int entries = argc > 1 ? QByteArray(argv[1]).toInt() : 1'000'000;
    const int products = argc > 2 ? QByteArray(argv[2]).toInt() : 20'000;
    const int words = argc > 3 ? QByteArray(argv[3]).toInt() : 300;
    if (entries < 1 || products < 1 || words < 1) {
        std::fprintf(stderr, "usage: bench_counter [entries >= 1] [products >= 1] [words >= 1]\n");
        return 2;
    }
    QElapsedTimer timer;
    bench::BenchPharmacy ph;

    QByteArray csv = "ndc,name,strength,dosage_form,package_size,base_unit\n";
    const char *kWords[] = {"Oxy", "Hydro", "Morph", "Fent", "Metha", "Tapen", "Amphe", "Methyl", "Dextro", "Lisdex"};
    for (int i = 0; i < products; ++i)
        csv += QByteArray::number(20000 + i / 1000) + '-' + QByteArray::number(1000 + i % 1000) + "-01," + kWords[i % 10]
               + "drug " + QByteArray::number(i) + ",5 mg,tablet,100,tablet\n";
    ph.ledger->importCatalogCsv(*ph.pic, csv);

    const LedgerQueries queries(ph.store->db());
    ProductListModel list(ph.store.get(), ph.ledger.get(), &queries);
    QRandomGenerator rng(7);
    bench::Samples keystroke;
    for (int i = 0; i < words; ++i) {
        const QString word = QString::fromLatin1(kWords[rng.bounded(10)]).toLower();
        for (int n = 1; n <= word.size(); ++n) { // each keystroke of typing the word
            timer.start();
            list.filter(word.left(n));
            keystroke.add(timer.nsecsElapsed());
        }
    }
    bench::printRow(("search keystroke -> product list (" + QByteArray::number(products) + " products)").constData(), keystroke);

    const QString ndc = QStringLiteral("20000100001");
    timer.start();
    ph.store->write(QStringLiteral("generate history"), [&] {
        qint64 balance = 0;
        for (int i = 1; i <= entries; ++i) {
            sql::Query q(ph.store->db(), "INSERT INTO entries(ndc11, seq, kind, delta, balance_after, at_ms, actor, reference, corrects_seq) "
                                         "VALUES (?,?,?,?,?,?,?,?,NULL)");
            const bool in = i % 10 == 1;
            balance += in ? 300 : -30;
            q.bind(1, ndc).bind(2, qint64(1'000'000 + i)).bind(3, in ? QStringLiteral("receive") : QStringLiteral("dispense"))
                .bind(4, qint64(in ? 300 : -30)).bind(5, balance).bind(6, qint64(1'700'000'000'000) + i * 60'000LL)
                .bind(7, ph.pic->personId()).bind(8, QStringLiteral("R%1").arg(i)).run();
        }
        return 0;
    });
    std::printf("wrote %d entries in %.1f s\n", entries, double(timer.nsecsElapsed()) / 1e9);

    bench::Samples open, scroll;
    for (int i = 0; i < 50; ++i) {
        timer.start();
        ProductLedgerModel model(&queries, ndc);
        open.add(timer.nsecsElapsed());
        timer.start();
        model.fetchMore({});
        scroll.add(timer.nsecsElapsed());
        if (model.rowCount() != 2 * ProductLedgerModel::kPage)
            std::printf("unexpected row count %d\n", model.rowCount());
    }
    bench::printRow(("open a " + QByteArray::number(entries) + "-entry ledger: first page").constData(), open);
    bench::printRow("scroll: the next page", scroll);
    return 0;
}
