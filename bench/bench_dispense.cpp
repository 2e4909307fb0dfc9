// Recording a dispense end to end (validate, look up the Rx and the balance, event, projections, commit) against
// a bare one-row SQLCipher insert and commit, interleaved in one run. Target (issue 3): p99 at most 1.5x.
#include "BenchStore.h"
#include "BareTable.h"
#include "BenchSupport.h"

#include <QCoreApplication>
#include <sqlite3.h>

using namespace cii;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 20000; // 200 samples above the p99
    bench::BenchPharmacy ph;
    const QString ndc = ph.ledger->addProduct(*ph.pic, {QStringLiteral("0574-4072-05"), QStringLiteral("Oxycodone HCl"), QStringLiteral("5 mg"),
                                                        QStringLiteral("tablet"), QStringLiteral("tablet"), 10000});
    const QString today = ph.ledger->todayInPharmacy(); // the pharmacy's date, never the machine's
    ph.ledger->receive(*ph.pic, {ndc, 100, QStringLiteral("CSOS"), QStringLiteral("ORD-1"), QStringLiteral("Cardinal Health"),
                                 QStringLiteral("FE2345672"), QStringLiteral("L1"), QStringLiteral("2099-01-01"), today});
    bench::BareTable bare(ph.dir.path() + QStringLiteral("/bare.db"));
    if (qEnvironmentVariableIsSet("CII_BENCH_CPU_ONLY")) { // synchronous=OFF on both: what the CPU adds, without fsync
        ph.store->db().exec("PRAGMA synchronous = OFF");
        bare.db().exec("PRAGMA synchronous = OFF");
    }

    bench::Samples dispenseSamples, bareSamples;
    QElapsedTimer timer;
    for (int i = 0; i < n; ++i) {
        timer.start();
        // Rx numbers as pharmacy systems issue them: sequential.
        ph.ledger->dispense(*ph.pic, {ndc, 30, QStringLiteral("%1").arg(6000000 + i), today, 30, today, QStringLiteral("Dr. Ann Wells"), QStringLiteral("BW1234563")}); // a first fill names its prescriber
        dispenseSamples.add(timer.nsecsElapsed());
        timer.start();
        bare.insertOne(ph.clock.nowMs());
        bareSamples.add(timer.nsecsElapsed());
    }
    std::printf("SQLCipher %s, WAL, synchronous=FULL, %d commits each\n", sqlite3_libversion(), n);
    bench::printRow("bare SQLCipher insert + commit", bareSamples);
    bench::printRow("dispense end to end + commit", dispenseSamples);
    std::printf("ratio dispense/bare: p50 %.2fx  p99 %.2fx  (target p99 <= 1.5x)\n",
                dispenseSamples.percentile(50) / bareSamples.percentile(50),
                dispenseSamples.percentile(99) / bareSamples.percentile(99));
    return 0;
}
