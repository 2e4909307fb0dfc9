// Appending one journal event (canonical CBOR, SHA-256 chain, projection update, head update, commit)
// against a bare one-row SQLCipher insert and commit on the same kind of file and settings, in one run.
// Target (issue 2): append p50 and p99 at most 1.3x the bare insert.
#include "BenchStore.h"
#include "BareTable.h"
#include "BenchSupport.h"

#include <QCoreApplication>
#include <sqlite3.h>

using namespace cii;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    bench::BenchStore bs;
    Store *store = bs.store.get();
    const Clock &clock = bs.clock;
    bench::BareTable bare(bs.dir.path() + QStringLiteral("/bare.db"));

    bench::Samples appendSamples, bareSamples;
    QElapsedTimer timer;
    for (int i = 0; i < n; ++i) {
        // Interleaved, so both see the same disk and cache conditions.
        timer.start();
        store->append(QStringLiteral("person-1"), QStringLiteral("setting.changed"),
                      {{QStringLiteral("key"), QStringLiteral("bench.%1").arg(i % 50)}, {QStringLiteral("value"), QString::number(i)}});
        appendSamples.add(timer.nsecsElapsed());

        timer.start();
        bare.insertOne(clock.nowMs());
        bareSamples.add(timer.nsecsElapsed());
    }
    std::printf("SQLCipher %s, WAL, synchronous=FULL, cipher_page_size=4096, %d commits each\n", sqlite3_libversion(), n);
    bench::printRow("bare SQLCipher insert + commit", bareSamples);
    bench::printRow("journal append + projection + commit", appendSamples);
    std::printf("ratio append/bare: p50 %.2fx  p99 %.2fx  (target <= 1.3x)\n",
                appendSamples.percentile(50) / bareSamples.percentile(50),
                appendSamples.percentile(99) / bareSamples.percentile(99));
    return 0;
}
