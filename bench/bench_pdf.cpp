// The PDF writer alone, on a report shaped like a two-year dispensing log (220,000 rows, a prescriber's note on
// most): what bench_reports measures after the build, without recording 250,000 events first, so a change to
// ReportPdf.cpp is measured in seconds. The baseline is the same report written as CSV, in the same run.
// Usage: bench_pdf [rows=220000] [runs=3]
#include "ReportFiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <cstdio>
#include <sys/resource.h>
#include <thread>

using namespace cii;

namespace {

reports::Report dispensingLog(int rows)
{
    reports::Report r;
    r.kind = reports::Kind::Dispensing;
    r.title = QStringLiteral("Dispensing log");
    r.pharmacyName = QStringLiteral("Bench Pharmacy");
    r.pharmacyAddress = QStringLiteral("1 Main St, Sacramento, CA 95814");
    r.pharmacyDea = QStringLiteral("FB1234563");
    r.from = QDate(2024, 11, 1);
    r.to = QDate(2026, 10, 31);
    r.generatedAt = QStringLiteral("2026-11-01 09:00");
    r.columns = {{QStringLiteral("Fill date"), 8, false, true}, {QStringLiteral("Rx"), 9}, {QStringLiteral("NDC"), 10, false, true},
                 {QStringLiteral("Product"), 22, false, true}, {QStringLiteral("Quantity"), 7, true}, {QStringLiteral("Prescribed"), 7, true},
                 {QStringLiteral("Left on Rx"), 7, true}, {QStringLiteral("Dispensed by"), 11, false, true}, {QStringLiteral("Entry"), 6, true},
                 {QStringLiteral("Notes"), 26}};
    r.rows.reserve(rows);
    const QDate first(2024, 11, 1);
    for (int i = 0; i < rows; ++i) {
        const int p = (i / 3) % 12;
        r.rows.append({first.addDays(i * 730 / rows).toString(Qt::ISODate), QString::number(7000000 + i),
                       QStringLiteral("0574-40%1-05").arg(10 + p), QStringLiteral("Oxycodone HCl %1 mg tablet, 300 per bottle").arg(5 * (p + 1)),
                       QStringLiteral("30"), QStringLiteral("30"), QStringLiteral("0"), QStringLiteral("Pat Chen (PC)"), QString::number(13 + i),
                       QStringLiteral("Written %1 by Dr. Ann Wells (DEA BW1234563)").arg(first.addDays(i * 730 / rows).toString(Qt::ISODate))});
    }
    r.notes = {QStringLiteral("Dispenses, by fill date.")};
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 220'000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 3;
    if (rows < 1 || runs < 1) {
        std::fprintf(stderr, "usage: bench_pdf [rows >= 1] [runs >= 1]\n");
        return 2;
    }
    const reports::Report r = dispensingLog(rows);
    QTemporaryDir dir;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer t;
        t.start();
        reports::writeFile(dir.filePath(QStringLiteral("log.csv")), reports::toCsv(r));
        const qint64 csvMs = qMax<qint64>(1, t.restart());
        int pages = 0;
        QString problem;
        // On a thread of its own, as the app's report job runs (its own malloc arena, as in the app).
        // The worker's own CPU time too: on a shared machine it moves less than the wall clock.
        qint64 cpuMs = 0;
        std::thread worker([&] {
            problem = reports::writePdf(r, dir.filePath(QStringLiteral("log.pdf")), {}, &pages);
            rusage use{};
            getrusage(RUSAGE_THREAD, &use);
            cpuMs = (use.ru_utime.tv_sec + use.ru_stime.tv_sec) * 1000 + (use.ru_utime.tv_usec + use.ru_stime.tv_usec) / 1000;
        });
        worker.join();
        const qint64 pdfMs = t.elapsed();
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(problem));
            return 1;
        }
        std::printf("run %d: %d rows, %d pages, %.1f MB: PDF %lld ms (CPU %lld ms); baseline CSV %lld ms (PDF %.1fx the CSV)\n", run + 1, rows, pages,
                    double(QFileInfo(dir.filePath(QStringLiteral("log.pdf"))).size()) / 1e6, static_cast<long long>(pdfMs),
                    static_cast<long long>(cpuMs), static_cast<long long>(csvMs), double(pdfMs) / double(csvMs));
    }
    return 0;
}
