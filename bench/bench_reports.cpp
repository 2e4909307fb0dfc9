// Records to PDF (issue 5's target): two years of a busy pharmacy, 250,000 events recorded through the real
// Ledger with the clock moving forward, then the largest reports built and written on a worker thread while the
// main thread's event loop is timed (is the interface responsive throughout?). The baseline is reading every
// event row of the journal once, in the same process.
// Usage: bench_reports [events=250000] [report id ...]   (report ids as ReportBuilder's info(): dispensing, product-ledger, ...;
// all four by default)
#include "BenchStore.h"
#include "ReportBuilder.h"
#include "ReportFiles.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTimeZone>
#include <QTimer>
#include <QtConcurrent>
#include <cstdio>
#include <sys/resource.h>

using namespace cii;

namespace {


qint64 threadCpuMs()
{
    rusage use{};
    getrusage(RUSAGE_THREAD, &use);
    return (use.ru_utime.tv_sec + use.ru_stime.tv_sec) * 1000 + (use.ru_utime.tv_usec + use.ru_stime.tv_usec) / 1000;
}

struct Run
{
    qint64 buildMs = 0, pdfMs = 0, csvMs = 0, rows = 0, pages = 0, pdfBytes = 0;
    /// The worker's CPU time building and writing the PDF: on a shared machine it moves less than the wall clock.
    qint64 buildCpuMs = 0, pdfCpuMs = 0;
    qint64 worstGapMs = 0; ///< the longest the main thread's event loop went without running a 10 ms timer
};

Run measure(bench::BenchPharmacy &ph, const Clock &clock, reports::Kind kind, const QDate &from, const QDate &to)
{
    Run run;
    const Store::ConnectionRecipe recipe = ph.store->connectionRecipe();
    const QString pdf = ph.dir.filePath(reports::info(kind).id + QStringLiteral(".pdf"));
    QFuture<void> work = QtConcurrent::run([&] {
        sql::Database db; // the worker's own connection, as the app's report job opens one
        recipe.open(db);
        QElapsedTimer t;
        t.start();
        const qint64 buildCpuBefore = threadCpuMs();
        const reports::Report r = reports::build(db, {kind, from, to, {}, {}, QStringLiteral("Pat Chen"), clock.nowMs()});
        run.buildMs = t.restart();
        run.buildCpuMs = threadCpuMs() - buildCpuBefore;
        int pages = 0;
        const qint64 cpuBefore = threadCpuMs();
        reports::writePdf(r, pdf, {}, &pages);
        run.pdfMs = t.restart();
        run.pdfCpuMs = threadCpuMs() - cpuBefore;
        const QByteArray csv = reports::toCsv(r);
        reports::writeFile(pdf + QStringLiteral(".csv"), csv);
        run.csvMs = t.elapsed();
        run.rows = r.rows.size();
        run.pages = pages;
    });
    QElapsedTimer gap;
    gap.start();
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        run.worstGapMs = qMax(run.worstGapMs, gap.restart());
    });
    tick.start(10);
    while (!work.isFinished())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    run.pdfBytes = QFileInfo(pdf).size();
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const qint64 events = argc > 1 ? QByteArray(argv[1]).toLongLong() : 250'000;
    if (events < 1'000) {
        std::fprintf(stderr, "usage: bench_reports [events >= 1000] [report id ...]\n");
        return 2;
    }
    ManualClock clock(QDateTime(QDate(2024, 11, 1), QTime(9, 0), QTimeZone("America/Los_Angeles")).toMSecsSinceEpoch());
    bench::BenchPharmacy ph(&clock);
    ph.store->db().exec("PRAGMA synchronous = OFF"); // filling the journal is not what is measured
    QStringList ndcs;
    for (int p = 0; p < 12; ++p)
        ndcs.append(ph.ledger->addProduct(*ph.pic, {QStringLiteral("0574-40%1-05").arg(10 + p), QStringLiteral("Oxycodone HCl"),
                                                    QStringLiteral("%1 mg").arg(5 * (p + 1)), QStringLiteral("tablet"), QStringLiteral("tablet"), 300}));
    // Two years: the clock moves so that the events spread evenly from 1 November 2024 to 31 October 2026.
    const qint64 start = clock.nowMs();
    const qint64 span = QDateTime(QDate(2026, 10, 31), QTime(18, 0), QTimeZone("America/Los_Angeles")).toMSecsSinceEpoch() - start;
    const QTimeZone la("America/Los_Angeles");
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 0; ph.store->journal().headSeq() < events; ++i) {
        clock.set(start + span * ph.store->journal().headSeq() / events);
        const QString today = QDateTime::fromMSecsSinceEpoch(clock.nowMs(), la).date().toString(Qt::ISODate);
        const QString &ndc = ndcs.at(int((i / 3) % ndcs.size())); // every product gets receipts (i % 10 == 0) and dispenses
        if (i % 10 < 1)
            ph.ledger->receive(*ph.pic, {ndc, 1, QStringLiteral("222"), QStringLiteral("%1").arg(100000000 + i), QStringLiteral("Cardinal Health"),
                                         QStringLiteral("FE2345672"), QStringLiteral("L1"), QStringLiteral("2099-01-01"), today});
        else if (i % 997 == 0 && ph.ledger->balance(ndc) > 0)
            ph.ledger->count(*ph.pic, ndc, ph.ledger->balance(ndc) - (i % 2));
        else if (ph.ledger->balance(ndc) >= 30)
            ph.ledger->dispense(*ph.pic, {ndc, 30, QStringLiteral("%1").arg(7000000 + i), today, 30, today, QStringLiteral("Dr. Ann Wells"), QStringLiteral("BW1234563")}); // a first fill names its prescriber
    }
    ph.store->db().exec("PRAGMA synchronous = FULL");
    std::printf("recorded %lld events through the Ledger, 1 November 2024 to 31 October 2026, in %.1f s (not measured)\n",
                static_cast<long long>(ph.store->journal().headSeq()), double(timer.elapsed()) / 1000.0);

    // Baseline: every event row read once on a connection of its own.
    timer.start();
    qint64 bytes = 0;
    Journal::forEachIn(ph.store->db(), 1, [&](const Event &e) {
        bytes += e.payload.size();
        return true;
    });
    const qint64 baselineMs = qMax<qint64>(1, timer.elapsed());
    std::printf("baseline: read every event once                 %6lld ms\n", static_cast<long long>(baselineMs));

    const QDate from(2024, 11, 1), to(2026, 10, 31);
    bool met = true;
    QList<reports::Kind> kinds = {reports::Kind::Dispensing, reports::Kind::ProductLedger, reports::Kind::Activity, reports::Kind::Reconciliation};
    if (argc > 2) {
        kinds.clear();
        for (int a = 2; a < argc; ++a) {
            const std::optional<reports::Kind> k = reports::kindFromId(QString::fromLocal8Bit(argv[a]));
            if (!k) {
                std::fprintf(stderr, "bench_reports: no report is called %s\n", argv[a]);
                return 2;
            }
            kinds.append(*k);
        }
    }
    for (reports::Kind kind : std::as_const(kinds)) {
        const Run r = measure(ph, clock, kind, from, to);
        const qint64 total = r.buildMs + r.pdfMs;
        std::printf("%-22s %7lld rows %5lld pages %6.1f MB: build %5lld ms (CPU %5lld ms), PDF %5lld ms (CPU %5lld ms), total %5lld ms (%.1fx the baseline); CSV %4lld ms; "
                    "longest event-loop gap %lld ms\n",
                    qPrintable(reports::info(kind).title), static_cast<long long>(r.rows), static_cast<long long>(r.pages),
                    double(r.pdfBytes) / 1e6, static_cast<long long>(r.buildMs), static_cast<long long>(r.buildCpuMs), static_cast<long long>(r.pdfMs),
                    static_cast<long long>(r.pdfCpuMs), static_cast<long long>(total), double(total) / double(baselineMs), static_cast<long long>(r.csvMs),
                    static_cast<long long>(r.worstGapMs));
        met = met && total < 5'000;
    }
    std::printf("target: each two-year report to PDF in under 5,000 ms with the interface responsive: %s\n",
                events >= 250'000 && argc <= 2 ? (met ? "met" : "NOT met") : "(smaller run)");
    return 0;
}
