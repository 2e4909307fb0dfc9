// Restore's decisions (docs/RESTORE.md) against an in-memory service that keeps cii-backupd's rules
// (MemoryBackupService): an archive first and change sets after it, an interrupted restore continued where it
// stopped, a chain with a missing set refused where the hole is, a wrong recovery key refused before any record.
// A real SQLCipher store on each side; tst_restore does the same over HTTP with thousands of events.
#include "Activation.h"
#include "Drainer.h"
#include "LedgerReplication.h"
#include "MemoryBackupService.h"
#include "RecoverySetup.h"
#include "ReplicationSettings.h"
#include "Restore.h"
#include "TestSupport.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

using namespace cii;
using cii::test::LedgerFixture;
using cii::test::MemoryBackupService;

namespace {

/// A pharmacy with a recovery key, its records backed up to the memory service in several change sets.
struct BackedUp
{
    MemoryBackupService cloud;
    LedgerFixture f;
    QString recoveryKey;

    /// `sets` change sets after the fixture's own; an archive once `archiveAfter` events beyond the fixture's are
    /// acknowledged (0: none).
    explicit BackedUp(int sets, qint64 archiveAfter = 0)
    {
        QString problem;
        if (!sync::activate(f.store->db(), QUrl(QStringLiteral("https://backup.example.org")), cloud.issueCode(), QStringLiteral("Old PC"), {},
                            f.t.clock.nowMs(), problem, 30'000, cloud.clients()))
            qFatal("activation failed: %s", qPrintable(problem));
        const auto key = sync::replaceRecoveryKey(f.store->db(), f.t.clock.nowMs(), problem, 1u << 10, cloud.clients());
        if (!key)
            qFatal("no recovery key: %s", qPrintable(problem));
        recoveryKey = key->text();
        f.ledger->receive(*f.pic, LedgerFixture::receipt(f.oxy, 2)); // stock for the dispenses
        sync::Drainer::Options o;
        o.store = f.store->connectionRecipe();
        o.client = cloud.clients();
        o.clock = &f.t.clock;
        o.archiveEveryEvents = archiveAfter > 0 ? f.store->journal().headSeq() + archiveAfter : 0;
        sync::Drainer drainer(o);
        for (int i = 0; i <= sets; ++i) {
            if (i > 0)
                f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RX6%1").arg(i, 4, 10, QLatin1Char('0')), 1));
            drainer.wake();
            // Caught up: stored by the service and acknowledged (an archive may follow before the next set).
            QTRY_VERIFY(cloud.head() == f.store->journal().headSeq() && cii::test::scalar(*f.store, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL") == 0);
        }
        if (archiveAfter > 0)
            QTRY_VERIFY(!cloud.archives().isEmpty());
    }
};

/// A replacement computer: empty folders for the restored store and its key.
struct NewComputer
{
    QTemporaryDir dataRoot, keyDir;
    std::unique_ptr<FileKeyStore> keys = std::make_unique<FileKeyStore>(keyDir.path());
    ManualClock clock{1'790'100'000'000};
    QString dataDir() const { return dataRoot.filePath(QStringLiteral("cii-ledger")); }

    sync::RestoreOptions options(MemoryBackupService &cloud, const QString &recoveryKey) const
    {
        sync::RestoreOptions o;
        o.dataDir = dataDir();
        o.keyStore = keys.get();
        o.clock = &clock;
        o.service = QUrl(QStringLiteral("https://backup.example.org"));
        o.activationCode = cloud.issueCode();
        o.recoveryKey = recoveryKey;
        o.client = cloud.clients();
        return withLedger(o);
    }
};

} // namespace

class TestRestorePlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void anArchiveFirstThenTheChangeSetsAfterIt()
    {
        BackedUp ph(6, 3);
        const sync::StoredSet archive = ph.cloud.archives().first();
        QVERIFY(archive.lastSeq < ph.cloud.head()); // change sets after the archive
        NewComputer pc;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(ph.cloud, ph.recoveryKey));
        QVERIFY2(r.complete, qPrintable(r.problem));
        QCOMPARE(r.events, ph.f.store->journal().headSeq());
        QCOMPARE(r.headHash, ph.f.store->journal().headHash());
        QVERIFY(r.stateDigestChecked);

        // The archive of 1 to N, the change set ending at N (to continue from), then the sets after N.
        const QStringList calls = ph.cloud.calls();
        const QString archiveCall = QStringLiteral("archive %1-%2").arg(archive.firstSeq).arg(archive.lastSeq);
        const QString bundleCall = QStringLiteral("bundle %1").arg(archive.lastSeq + 1);
        QVERIFY2(calls.contains(archiveCall) && calls.contains(bundleCall), qPrintable(calls.join(QStringLiteral(", "))));
        QVERIFY(calls.indexOf(QStringLiteral("list archives 1")) < calls.indexOf(archiveCall));
        QVERIFY(calls.indexOf(archiveCall) < calls.indexOf(QStringLiteral("list changesets %1").arg(archive.lastSeq)));
        QVERIFY(calls.indexOf(archiveCall) < calls.indexOf(bundleCall));
        QVERIFY(!calls.contains(QStringLiteral("bundle 1"))); // what the archive held is not downloaded again
    }

    void anInterruptedRestoreContinuesWhereItStopped()
    {
        BackedUp ph(5);
        const QList<sync::StoredSet> sets = ph.cloud.changeSets();
        NewComputer pc;
        std::atomic_bool cancel = false;
        const sync::RestoreReport first = sync::restoreFromCloud(pc.options(ph.cloud, ph.recoveryKey), [&](const sync::RestoreProgress &p) {
            if (p.step == sync::RestoreProgress::Step::Downloading && p.eventsDone > 0)
                cancel = true;
        }, &cancel);
        QVERIFY(!first.complete);
        QVERIFY2(first.problem.contains(QLatin1String("cancelled")), qPrintable(first.problem));
        QCOMPARE(first.events, sets.first().lastSeq); // the first set, whole; nothing of the next
        QVERIFY(Store::restoreIncomplete(pc.dataDir()));

        // Again, without a code: the activation kept in the unfinished store is used, and only the rest downloaded.
        const int activations = ph.cloud.count(QStringLiteral("activate"));
        sync::RestoreOptions o = pc.options(ph.cloud, ph.recoveryKey);
        o.activationCode.clear();
        const sync::RestoreReport second = sync::restoreFromCloud(o);
        QVERIFY2(second.complete, qPrintable(second.problem));
        QCOMPARE(ph.cloud.count(QStringLiteral("activate")), activations);
        QCOMPARE(ph.cloud.calls().last(), QStringLiteral("bundle %1").arg(sets.first().lastSeq + 1));
        QCOMPARE(second.restoredNow, ph.f.store->journal().headSeq() - sets.first().lastSeq);
        QCOMPARE(second.headHash, ph.f.store->journal().headHash());
        QVERIFY(!Store::restoreIncomplete(pc.dataDir()));
    }

    void aChainWithAMissingSetIsRefusedWhereTheHoleIs()
    {
        BackedUp ph(5);
        const QList<sync::StoredSet> sets = ph.cloud.changeSets();
        ph.cloud.dropChangeSet(sets[2].firstSeq);
        NewComputer pc;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(ph.cloud, ph.recoveryKey));
        QVERIFY(!r.complete);
        QVERIFY2(r.problem.contains(QStringLiteral("where the one starting at event %1 was expected").arg(sets[2].firstSeq)), qPrintable(r.problem));
        QVERIFY2(r.problem.contains(QStringLiteral("The restore stopped at event %1 of").arg(sets[1].lastSeq)), qPrintable(r.problem));
        QCOMPARE(r.events, sets[1].lastSeq); // everything before the hole, nothing after it
        QVERIFY(Store::restoreIncomplete(pc.dataDir()));
    }

    void aWrongRecoveryKeyIsRefusedBeforeAnyRecord()
    {
        BackedUp ph(2);
        NewComputer pc;
        // A typo: caught before anything is asked of the service or created.
        QString typo = ph.recoveryKey;
        typo[8] = typo[8] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        const int callsBefore = int(ph.cloud.calls().size());
        const sync::RestoreReport t = sync::restoreFromCloud(pc.options(ph.cloud, typo));
        QVERIFY(!t.complete);
        QVERIFY2(t.problem.contains(QStringLiteral("Group 2")), qPrintable(t.problem));
        QCOMPARE(ph.cloud.calls().size(), callsBefore);
        QVERIFY(!QFileInfo::exists(pc.dataDir()));

        // Well formed, but not this pharmacy's: the wrapped key does not open; no set is downloaded.
        const sync::RestoreReport w = sync::restoreFromCloud(pc.options(ph.cloud, RecoveryKey::generate().text()));
        QVERIFY(!w.complete);
        QVERIFY2(w.problem.contains(QStringLiteral("does not open")), qPrintable(w.problem));
        QCOMPARE(w.events, 0);
        QCOMPARE(ph.cloud.count(QStringLiteral("wrapped-key")), 1);
        QCOMPARE(ph.cloud.count(QStringLiteral("bundle")) + ph.cloud.count(QStringLiteral("archive")), 0);
        QVERIFY(Store::restoreIncomplete(pc.dataDir()));
    }

    void aFailureOfTheServiceStopsWithItsSentence()
    {
        BackedUp ph(2);
        NewComputer pc;
        ph.cloud.failNext(sync::kTriesWhenWaiting, MemoryBackupService::noAnswer()); // the activation gets no answer, each try
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(ph.cloud, ph.recoveryKey));
        QVERIFY(!r.complete);
        QVERIFY2(r.problem.contains(QLatin1String("cannot be reached")), qPrintable(r.problem));
        QCOMPARE(r.events, 0);
    }
};

QTEST_GUILESS_MAIN(TestRestorePlan)
#include "tst_restoreplan.moc"
