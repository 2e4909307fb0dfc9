// Restore from the cloud (issue 8's target): two busy years, 250,000 events recorded through the real Ledger
// (receipts, dispenses, blind counts), backed up by the drainer to the real service on loopback (SQLite, archives
// every 20,000 events as in production), then restored into a new store with every check: the recovery key
// unwrapped (scrypt at its production cost), every signature, decryption and event hash, the whole chain verified
// and the state digest compared. Target: under 10 s. Baseline in the same process: rebuilding every projection from
// the same journal locally (no network, no crypto), which is the floor a replay cannot beat.
// Usage: bench_restore [events=250000]
#include "Activation.h"
#include "BackupService.h"
#include "BackupStore.h"
#include "BenchStore.h"
#include "Drainer.h"
#include "HttpServer.h"
#include "LedgerReplication.h"
#include "RecoverySetup.h"
#include "Restore.h"
#include "Sqlite.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <cstdio>

using namespace cii;
using namespace cii::backupd;

namespace {
/// The service's clock: the wall clock, as in production, whatever the pharmacy's (BenchClock) says.
qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

qint64 scalar(sql::Database &db, const char *sql)
{
    sql::Query q(db, sql);
    q.next();
    return q.int64(0);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 events = argc > 1 ? QByteArray(argv[1]).toLongLong() : 250'000;
    if (events < 1'000) {
        std::fprintf(stderr, "usage: bench_restore [events >= 1000]\n");
        return 2;
    }
    bench::BenchPharmacy ph;
    // Filling the journal is not what is measured: no fsync while the history is recorded.
    ph.store->db().exec("PRAGMA synchronous = OFF");
    const QString ndc = ph.ledger->addProduct(*ph.pic, {QStringLiteral("0574-4072-05"), QStringLiteral("Oxycodone HCl"), QStringLiteral("5 mg"),
                                                        QStringLiteral("tablet"), QStringLiteral("tablet"), 300});
    const QString today = ph.ledger->todayInPharmacy(); // the pharmacy's date, never the machine's

    const auto openedCloud = BackupStore::open({QStringLiteral("QSQLITE"), ph.dir.path() + QStringLiteral("/backup.db"), {}, {}, {}, 0});
    BackupStore &cloudStore = *openedCloud;
    BackupService::Limits limits;
    limits.requestsPerSecond = 100'000;
    const SystemClock serviceClock;
    BackupService service(cloudStore, limits, serviceClock);
    HttpServer server(service, {});
    server.start();
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    const QString pharmacyId = cloudStore.createPharmacy(QStringLiteral("Bench Pharmacy"), nowMs());
    QString problem;
    const auto settings = sync::activate(ph.store->db(), url, cloudStore.issueActivationCode(pharmacyId, nowMs() + 600'000, nowMs()),
                                         QStringLiteral("old"), {}, ph.clock.nowMs(), problem);
    const auto recoveryKey = settings ? sync::replaceRecoveryKey(ph.store->db(), ph.clock.nowMs(), problem) : std::nullopt;
    if (!recoveryKey) {
        std::fprintf(stderr, "setup failed: %s\n", qPrintable(problem));
        return 1;
    }

    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 0; ph.store->journal().headSeq() < events; ++i) {
        if (i % 10 == 0)
            ph.ledger->receive(*ph.pic, {ndc, 1, QStringLiteral("CSOS"), QStringLiteral("ORD-%1").arg(i), QStringLiteral("Cardinal Health"),
                                         QStringLiteral("FE2345672"), QStringLiteral("L1"), QStringLiteral("2099-01-01"), today});
        else if (i % 97 == 0)
            ph.ledger->count(*ph.pic, ndc, ph.ledger->balance(ndc) - (i % 2));
        else
            ph.ledger->dispense(*ph.pic, {ndc, 30, QStringLiteral("%1").arg(7000000 + i), today, 30, today, QStringLiteral("Dr. Ann Wells"), QStringLiteral("BW1234563")}); // a first fill names its prescriber
    }
    std::printf("recorded %lld events through the Ledger in %.1f s (not measured)\n", static_cast<long long>(ph.store->journal().headSeq()),
                double(timer.elapsed()) / 1000.0);
    ph.store->db().exec("PRAGMA synchronous = FULL");

    // Back up, as the workstation would have over two years: change sets, then archives every 20,000 events.
    timer.start();
    sync::Drainer::Options options;
    options.store = ph.store->connectionRecipe();
    options.clock = &ph.clock;
    auto drainer = sync::Drainer::startOnThread(options);
    const qint64 head = ph.store->journal().headSeq();
    while (cloudStore.head(pharmacyId).lastSeq < head || scalar(ph.store->db(), "SELECT count(*) FROM outbox_archives WHERE acked_ms IS NULL") > 0
           || head - scalar(ph.store->db(), "SELECT coalesce(max(last_seq), 0) FROM outbox_archives") >= 2 * options.archiveEveryEvents) {
        QCoreApplication::processEvents();
        QThread::msleep(20);
    }
    drainer.reset();
    const auto archives = cloudStore.listArchives(pharmacyId, 1, 1000);
    const BackupStore::Head cloudHead = cloudStore.head(pharmacyId);
    std::printf("backed up in %.1f s: %lld change sets, %lld archives (through event %lld), %.1f MB stored\n", double(timer.elapsed()) / 1000.0,
                static_cast<long long>(cloudHead.sets), static_cast<long long>(archives.size()),
                static_cast<long long>(archives.isEmpty() ? 0 : archives.last().lastSeq), double(cloudHead.bytes) / 1e6);

    // Baseline: every projection rebuilt from the same journal, locally.
    timer.start();
    ph.store->rebuildProjections();
    const double rebuildMs = double(timer.nsecsElapsed()) / 1e6;

    // The restore, timed end to end, into a new folder on the same disk.
    const QString target = ph.dir.path() + QStringLiteral("/restored");
    FileKeyStore keys(ph.dir.path() + QStringLiteral("/restored-keys"));
    sync::RestoreOptions o;
    o.dataDir = target;
    o.keyStore = &keys;
    o.clock = &ph.clock;
    o.activation = settings;
    o.recoveryKey = recoveryKey->text();
    qint64 unlockedAt = 0, downloadedAt = 0;
    timer.start();
    const sync::RestoreReport r = sync::restoreFromCloud(withLedger(o), [&](const sync::RestoreProgress &p) {
        if (p.step == sync::RestoreProgress::Step::Downloading && unlockedAt == 0)
            unlockedAt = timer.nsecsElapsed();
        if (p.step == sync::RestoreProgress::Step::Verifying)
            downloadedAt = timer.nsecsElapsed();
    });
    const double totalMs = double(timer.nsecsElapsed()) / 1e6;
    if (!r.complete || r.headHash != ph.store->journal().headHash()) {
        std::fprintf(stderr, "restore failed: %s\n", qPrintable(r.problem));
        return 1;
    }
    std::printf("restore of %lld events, verified (chain, signatures, state digest %s): %.0f ms total\n",
                static_cast<long long>(r.events), r.stateDigestChecked ? "checked" : "NOT checked", totalMs);
    std::printf("  activation reuse, unwrap (scrypt), devices, head: %.0f ms\n", double(unlockedAt) / 1e6);
    std::printf("  download, open and import:                        %.0f ms (%.0f events/s)\n", double(downloadedAt - unlockedAt) / 1e6,
                double(r.events) / (double(downloadedAt - unlockedAt) / 1e9));
    std::printf("  verify the chain, digest, report:                 %.0f ms\n", totalMs - double(downloadedAt) / 1e6);
    std::printf("baseline: rebuild every projection locally from the same journal: %.0f ms; ratio restore/rebuild %.2fx\n", rebuildMs,
                totalMs / rebuildMs);
    std::printf("target: under 10,000 ms for 250,000 events: %s\n", events >= 250'000 ? (totalMs < 10'000 ? "met" : "NOT met") : "(smaller run)");
    return 0;
}
