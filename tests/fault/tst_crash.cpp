// The crash harness (docs/RELIABILITY.md): cii_crash_worker records real transactions through the Ledger while its
// drainer sends them to the backup service on loopback (cii-backupd's service in this process); the test kills it
// with SIGKILL at a random moment, again and again. After every kill: each transaction the worker reported
// committed is in the store with the hash it reported, the journal verifies, and the service's chain has no gap
// or overlap. At the end the outbox drains, the service's chain opens event for event into the local journal, and
// a restore from the service into a new folder equals the local store.
//
// CII_CRASH_KILLS sets the number of kills (200 by default, the CI run); thousands make the soak run.
#include "Activation.h"
#include "CloudCheck.h"
#include "LedgerStore.h"
#include "RecoverySetup.h"
#include "Restore.h"
#include "Sqlite.h"
#include "StoreLocation.h"
#include "TestCloud.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

std::unique_ptr<Store> openAgain(LedgerFixture &f, const Clock &clock)
{
    return openLedgerStore(f.t.dataDir.path(), *f.t.keys, clock);
}

struct Reported
{
    qint64 seq = 0;
    QByteArray hash;
};

/// The complete "C <seq> <hash>" lines; a line cut by the kill is not a report.
QList<Reported> reportsIn(const QByteArray &out)
{
    QList<Reported> r;
    const QList<QByteArray> lines = out.split('\n');
    for (int i = 0; i + 1 < lines.size(); ++i) { // the last piece has no newline
        const QList<QByteArray> p = lines[i].split(' ');
        if (p.size() == 3 && p[0] == "C")
            r.append({p[1].toLongLong(), QByteArray::fromHex(p[2])});
    }
    return r;
}

/// Empty when every reported event is in the journal with the reported hash.
QString missingFrom(Store &store, const QList<Reported> &reports)
{
    QHash<qint64, QByteArray> hashes;
    sql::Query q(store.db(), "SELECT seq, hash FROM events");
    while (q.next())
        hashes.insert(q.int64(0), q.blob(1));
    for (const Reported &r : reports) {
        if (!hashes.contains(r.seq))
            return QStringLiteral("event %1 was reported committed and is not in the journal").arg(r.seq);
        if (hashes.value(r.seq) != r.hash)
            return QStringLiteral("event %1 is in the journal with another hash than the one reported").arg(r.seq);
    }
    return {};
}

QString worker()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/cii_crash_worker");
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sigkillAtRandomMomentsLosesNothing()
    {
        const int kills = qEnvironmentVariableIsSet("CII_CRASH_KILLS") ? qEnvironmentVariableIntValue("CII_CRASH_KILLS") : 200;
        Cloud cloud;
        LedgerFixture f;
        QString problem;
        const auto settings = sync::activate(f.store->db(), cloud.url(), cloud.code(), QStringLiteral("Counter PC"), {}, Cloud::now(), problem);
        QVERIFY2(settings, qPrintable(problem));
        const QString recoveryKey = sync::replaceRecoveryKey(f.store->db(), Cloud::now(), problem, 1u << 10)->text();
        f.ledger.reset();
        f.store.reset();

        SystemClock clock;
        QRandomGenerator rng(20261125u);
        QList<Reported> everyReport;
        int killedBeforeFirstCommit = 0;
        qint64 verifyMs = 0;
        QElapsedTimer total;
        total.start();
        for (int k = 0; k < kills; ++k) {
            QProcess w;
            w.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            w.start(worker(), {f.t.dataDir.path(), f.t.keyDir.path(), f.techId, f.picId, QString::number(k)});
            QVERIFY2(w.waitForStarted(), qPrintable(w.errorString()));
            QTest::qWait(int(rng.bounded(450))); // reads the worker's output as it comes
            QVERIFY2(w.state() == QProcess::Running, "the worker stopped by itself (its error is above)");
            w.kill();                             // SIGKILL
            QVERIFY(w.waitForFinished(10'000));
            const QList<Reported> reports = reportsIn(w.readAllStandardOutput());
            if (reports.isEmpty())
                ++killedBeforeFirstCommit;
            everyReport += reports;

            QElapsedTimer check;
            check.start();
            auto store = openAgain(f, clock);
            QCOMPARE(missingFrom(*store, reports), QString());
            const VerifyReport v = store->journal().verify();
            QVERIFY2(v.intact, qPrintable(QStringLiteral("after kill %1: %2").arg(k).arg(v.problem)));
            if (k % 25 == 24) { // the projections against a rebuild: slower, so now and then
                const VerifyReport full = store->verify();
                QVERIFY2(full.intact && full.projectionsMatch, qPrintable(full.summary()));
            }
            QCOMPARE(cloudChainGap(cloud), QString());
            QVERIFY(cloud.head() <= store->journal().headSeq());
            verifyMs += check.elapsed();
        }
        const qint64 killingMs = total.elapsed();

        // The last start: nothing is recorded; it exits once the service has acknowledged the whole journal.
        QProcess w;
        w.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer drain;
        drain.start();
        w.start(worker(), {f.t.dataDir.path(), f.t.keyDir.path(), f.techId, f.picId, QString::number(kills), QStringLiteral("drain")});
        QVERIFY(w.waitForFinished(120'000));
        QCOMPARE(w.exitCode(), 0);
        const qint64 drainMs = drain.elapsed();

        auto store = openAgain(f, clock);
        QCOMPARE(missingFrom(*store, everyReport), QString());
        const VerifyReport v = store->verify();
        QVERIFY2(v.intact && v.projectionsMatch, qPrintable(v.summary()));
        QCOMPARE(cloud.head(), store->journal().headSeq());
        QCOMPARE(cloudMatchesJournal(cloud, *store, *settings), QString());

        // A replacement workstation restores exactly this store.
        NewWorkstation pc;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(cloud, recoveryKey));
        QVERIFY2(r.complete, qPrintable(r.problem));
        QCOMPARE(r.headHash, store->journal().headHash());
        auto restored = pc.open();
        QCOMPARE(restored->stateDigest(), store->stateDigest());

        qInfo("crash: %d SIGKILLs (%d before the first commit of their run), %lld transactions reported committed, "
              "journal %lld events, service %lld change sets; every report present after every kill; kill loop %lld ms "
              "(of it, the checks %lld ms), drain after the last start %lld ms",
              kills, killedBeforeFirstCommit, qint64(everyReport.size()), store->journal().headSeq(), cloud.sets(),
              killingMs, verifyMs, drainMs);
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
