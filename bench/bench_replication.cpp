// The replication engine against the real backup service on loopback (issue 6's targets):
// 1. commit to acknowledgement: a dispense committed at the counter, sealed by the drainer on its own thread,
//    sent, stored by cii-backupd (SQLite, fsync on) and acknowledged; beside the commit alone (same process).
//    Target: p99 under 100 ms (Litestream, the reference, ships every 1 s).
// 2. a backlog of 100,000 events (a week offline at a very busy pharmacy) drained. Target: under 20 s.
// 3. bytes uploaded per event, beside the events' raw CBOR. Aim: under 100 bytes per event.
// Usage: bench_replication [commits=1000] [backlog=100000]
#include "Activation.h"
#include "BackupService.h"
#include "BackupStore.h"
#include "BenchStore.h"
#include "BenchSupport.h"
#include "CanonicalCbor.h"
#include "Drainer.h"
#include "HttpServer.h"
#include "ReplicationSettings.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>

using namespace cii;
using namespace cii::backupd;

namespace {

/// The service's clock: the wall clock, as in production, whatever the pharmacy's (BenchClock) says.
qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

qint64 rawCbor(const Event &e)
{
    return canonicalCbor(QCborArray{e.seq, e.atMs, e.actor, e.kind, e.payload, e.prevHash, e.hash}).size();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int commits = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    const int backlog = argc > 2 ? QByteArray(argv[2]).toInt() : 100000;
    if (commits < 10 || backlog < 1) {
        std::fprintf(stderr, "usage: bench_replication [commits >= 10] [backlog >= 1]\n");
        return 2;
    }

    bench::BenchPharmacy ph;
    const QString ndc = ph.ledger->addProduct(*ph.pic, {QStringLiteral("0574-4072-05"), QStringLiteral("Oxycodone HCl"), QStringLiteral("5 mg"),
                                                        QStringLiteral("tablet"), QStringLiteral("tablet"), 10000});
    const QString today = ph.ledger->todayInPharmacy(); // the pharmacy's date, which the Ledger checks dates against
    ph.ledger->receive(*ph.pic, {ndc, 100, QStringLiteral("CSOS"), QStringLiteral("ORD-1"), QStringLiteral("Cardinal Health"),
                                 QStringLiteral("FE2345672"), QStringLiteral("L1"), QStringLiteral("2099-01-01"), today});

    // The service, in this process, on loopback: its SQLite file on the same disk.
    const auto openedCloud = BackupStore::open({QStringLiteral("QSQLITE"), ph.dir.path() + QStringLiteral("/backup.db"), {}, {}, {}, 0});
    BackupStore &cloudStore = *openedCloud;
    BackupService::Limits limits;
    limits.requestsPerSecond = 100'000; // one device sending as fast as it can; the default (200/s) is a real counter's
    const SystemClock serviceClock;
    BackupService service(cloudStore, limits, serviceClock);
    HttpServer server(service, {});
    server.start();
    const QString pharmacyId = cloudStore.createPharmacy(QStringLiteral("Bench Pharmacy"), nowMs());
    QString problem;
    const auto settings = sync::activate(ph.store->db(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())),
                                         cloudStore.issueActivationCode(pharmacyId, nowMs() + 60'000, nowMs()), QStringLiteral("bench"), {},
                                         ph.clock.nowMs(), problem);
    if (!settings) {
        std::fprintf(stderr, "activation failed: %s\n", qPrintable(problem));
        return 1;
    }

    // 1. Commit to acknowledgement.
    sync::Drainer::Options options;
    options.store = ph.store->connectionRecipe();
    options.clock = &ph.clock;
    auto drainer = sync::Drainer::startOnThread(options);
    QObject::connect(ph.store.get(), &Store::committed, drainer.get(), &sync::Drainer::wake, Qt::QueuedConnection);
    qint64 ackedThrough = 0;
    sync::DrainStatus last;
    QEventLoop loop;
    QObject::connect(drainer.get(), &sync::Drainer::acknowledged, &app, [&](qint64 seq) {
        ackedThrough = seq;
        loop.quit();
    });
    QObject::connect(drainer.get(), &sync::Drainer::statusChanged, &app, [&](const sync::DrainStatus &s) {
        last = s;
        loop.quit();
    });
    const auto waitFor = [&](const std::function<bool()> &done) {
        while (!done())
            loop.exec();
    };
    waitFor([&] { return last.state == sync::DrainStatus::State::BackedUp; }); // the setup's events

    bench::Samples commitOnly, commitToAck;
    const BackupStore::Head before = cloudStore.head(pharmacyId);
    QElapsedTimer timer;
    for (int i = 0; i < commits; ++i) {
        timer.start();
        ph.ledger->dispense(*ph.pic, {ndc, 30, QStringLiteral("%1").arg(6000000 + i), today, 30, today, QStringLiteral("Dr. Ann Wells"), QStringLiteral("BW1234563")}); // a first fill names its prescriber
        commitOnly.add(timer.nsecsElapsed());
        const qint64 head = ph.store->journal().headSeq();
        waitFor([&] { return ackedThrough >= head; });
        commitToAck.add(timer.nsecsElapsed());
    }
    const BackupStore::Head afterOnline = cloudStore.head(pharmacyId);
    std::printf("loopback, cii-backupd on SQLite (synchronous=FULL), %d dispenses, each waited for\n", commits);
    bench::printRow("commit (the counter's wait)", commitOnly);
    bench::printRow("commit to acknowledgement", commitToAck);
    std::printf("ratio acknowledgement/commit: p50 %.2fx  p99 %.2fx   target p99 < 100 ms (Litestream ships every 1,000 ms)\n",
                commitToAck.percentile(50) / commitOnly.percentile(50), commitToAck.percentile(99) / commitOnly.percentile(99));
    qint64 onlineRaw = 0;
    ph.store->journal().forEach(afterOnline.lastSeq - commits + 1, [&](const Event &e) { onlineRaw += rawCbor(e); return true; });
    std::printf("online, one set per commit: %.1f bytes uploaded/event (raw CBOR %.1f)\n",
                double(afterOnline.bytes - before.bytes) / commits, double(onlineRaw) / commits);

    // 2. A backlog: the drainer is stopped (offline), then `backlog` events are committed. They are the ledger's
    // own events re-chained (appended in one transaction here: filling the journal is not what is measured).
    drainer.reset();
    QList<Event> sample;
    ph.store->journal().forEach(afterOnline.lastSeq - commits + 1, [&](const Event &e) { sample << e; return true; });
    qint64 seq = ph.store->journal().headSeq();
    QByteArray prev = ph.store->journal().headHash();
    qint64 backlogRaw = 0;
    {
        sql::Transaction tx(ph.store->db());
        for (int i = 0; i < backlog; ++i) {
            Event e = sample[i % sample.size()];
            e.seq = ++seq;
            e.atMs = ph.clock.nowMs();
            e.prevHash = prev;
            e.hash = e.computeHash();
            prev = e.hash;
            backlogRaw += rawCbor(e);
            sql::Query(ph.store->db(), "INSERT INTO events (seq, at_ms, actor, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(1, e.seq).bind(2, e.atMs).bind(3, e.actor).bind(4, e.kind).bind(5, e.payload).bind(6, e.prevHash).bind(7, e.hash).run();
        }
        sql::Query(ph.store->db(), "UPDATE journal_head SET seq = ?, hash = ? WHERE id = 1").bind(1, seq).bind(2, prev).run();
        tx.commit();
    }
    const BackupStore::Head beforeBacklog = cloudStore.head(pharmacyId);
    timer.start();
    QCoreApplication::processEvents(); // the stopped drainer's last reports
    last = {};
    drainer = sync::Drainer::startOnThread(options); // back online: it seals and sends by itself
    QObject::connect(drainer.get(), &sync::Drainer::statusChanged, &app, [&](const sync::DrainStatus &s) {
        last = s;
        loop.quit();
    });
    QObject::connect(drainer.get(), &sync::Drainer::acknowledged, &app, [&](qint64 acked) {
        ackedThrough = acked;
        loop.quit();
    });
    waitFor([&] { return ackedThrough >= seq || last.state == sync::DrainStatus::State::Failing; });
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const BackupStore::Head afterBacklog = cloudStore.head(pharmacyId);
    if (afterBacklog.lastSeq != seq) {
        std::fprintf(stderr, "the service ends at %lld, the journal at %lld: %s\n", qlonglong(afterBacklog.lastSeq), qlonglong(seq),
                     qPrintable(last.lastError));
        return 1;
    }
    std::printf("backlog of %d events drained in %.2f s (%.0f events/s) as %lld change sets   target < 20 s\n", backlog, seconds,
                backlog / seconds, qlonglong(afterBacklog.sets - beforeBacklog.sets));
    std::printf("behind, about 1 MiB of CBOR per set: %.1f bytes uploaded/event (raw CBOR %.1f, ratio %.2fx)   aim < 100 bytes/event\n",
                double(afterBacklog.bytes - beforeBacklog.bytes) / backlog, double(backlogRaw) / backlog,
                double(afterBacklog.bytes - beforeBacklog.bytes) / double(backlogRaw));
    drainer.reset();
    server.stop();
    return 0;
}
