// An unfinished form saved on each keystroke (DraftStore, issue 28: under 2 ms at p99, it must never slow typing),
// against the bare SQLCipher insert and commit with synchronous=FULL (BareTable), interleaved in one run: the
// bare commit shows the disk's speed at that moment. A dispense form typed key by key: each save writes the whole
// form (about 8 fields) as the counter does (QVariantMap to JSON, then the row). Every 50th keystroke a dispense is
// recorded through the Ledger on the store's own connection (not timed), so the WAL grows and checkpoints run as
// at a real counter.
//   bench_drafts [keystrokes, default 5000]
#include "BareTable.h"
#include "BenchStore.h"
#include "BenchSupport.h"
#include "DraftStore.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QVariantMap>
#include <sqlite3.h>

using namespace cii;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    bench::BenchPharmacy ph;
    const QString ndc = ph.ledger->addProduct(*ph.pic, {QStringLiteral("0574-4072-05"), QStringLiteral("Oxycodone HCl"), QStringLiteral("5 mg"),
                                                        QStringLiteral("tablet"), QStringLiteral("tablet"), 100});
    const QString today = ph.ledger->todayInPharmacy(); // the pharmacy's date, never the machine's
    ph.ledger->receive(*ph.pic, {ndc, 1000, QStringLiteral("CSOS"), QStringLiteral("ORD-1"), QStringLiteral("Cardinal Health"),
                                 QStringLiteral("FE2345672"), QStringLiteral("L1"), QStringLiteral("2099-01-01"), today});
    DraftStore drafts(*ph.store);
    bench::BareTable bare(ph.dir.path() + QStringLiteral("/bare.db"));
    const QString form = QStringLiteral("dispenseForm/") + ndc;
    const QString typed = QStringLiteral("6000123 30 30 Dr. Ann Wells BW1234563");

    bench::Samples save, bareSamples;
    QElapsedTimer timer;
    int kept = 0;
    for (int i = 0; i < n; ++i) {
        const QString sofar = typed.left(1 + i % typed.size());
        const QVariantMap fields{{QStringLiteral("rxField"), sofar.section(QLatin1Char(' '), 0, 0)},
                                 {QStringLiteral("quantityField"), sofar.section(QLatin1Char(' '), 1, 1)},
                                 {QStringLiteral("prescribedField"), sofar.section(QLatin1Char(' '), 2, 2)},
                                 {QStringLiteral("writtenField"), today},
                                 {QStringLiteral("prescriberField"), sofar.section(QLatin1Char(' '), 3, 5)},
                                 {QStringLiteral("prescriberDeaField"), sofar.section(QLatin1Char(' '), 6, 6)},
                                 {QStringLiteral("partialKindField"), QString()},
                                 {QStringLiteral("overrideCheck"), false}};
        timer.start();
        kept += drafts.save(ph.pic->personId(), form, QJsonObject::fromVariantMap(fields)) ? 1 : 0;
        save.add(timer.nsecsElapsed());
        timer.start();
        bare.insertOne(ph.clock.nowMs());
        bareSamples.add(timer.nsecsElapsed());
        if (i % 50 == 49) // the form is recorded, and the next one begins
            ph.ledger->dispense(*ph.pic, {ndc, 1, QStringLiteral("%1").arg(7000000 + i), today, 1, today, QStringLiteral("Dr. Ann Wells"),
                                          QStringLiteral("BW1234563")});
    }
    drafts.flush();
    std::printf("SQLCipher %s, WAL; %d keystrokes, %d written at once (the rest a moment later: the write lock was held)\n",
                sqlite3_libversion(), n, kept);
    bench::printRow("bare SQLCipher insert + commit (sync=FULL)", bareSamples);
    bench::printRow("draft save on a keystroke", save);
    std::printf("draft save p99 %.0f us (target under 2000 us); ratio to bare: p50 %.2fx  p99 %.2fx\n", save.percentile(99),
                save.percentile(50) / bareSamples.percentile(50), save.percentile(99) / bareSamples.percentile(99));
    return 0;
}
