// Restore from the cloud end to end (docs/RESTORE.md): a pharmacy records thousands of transactions of every kind
// through the real Ledger, the drainer backs them up to the real service on loopback (cii-backupd's BackupService
// and HttpServer over SQLite), the workstation is lost, and a new one restores: the journal's head, every
// projection row and every open discrepancy must be identical. Then the failures: a typo, a wrong recovery key, a
// tampered archive, a service that dies mid-restore, a cancel; each ends with a sentence and a store that does not
// open as if complete, and the next run finishes it.
#include "Activation.h"
#include "AuditCopy.h"
#include "BackupStatus.h"
#include "Counter.h"
#include "LedgerStore.h"
#include "UiServices.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "RestoreController.h"
#include "Selectors.h"
#include "StoreStatus.h"
#include "CiiError.h"
#include "Drainer.h"
#include "RecoverySetup.h"
#include "ReplicationSettings.h"
#include "Restore.h"
#include "Sqlite.h"
#include "StoreLocation.h"
#include "CloudCheck.h"
#include "FaultProxy.h"
#include "TestCloud.h"
#include "TestSupport.h"
#include "Workload.h"

#include <QCborValue>
#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {

/// What must survive a restore: the head, every projection table (history included), the open discrepancies.
struct Snapshot
{
    qint64 head = 0;
    QByteArray headHash, fullState;
    QStringList openDiscrepancies, balances;

    static Snapshot of(Store &store)
    {
        Snapshot s;
        s.head = store.journal().headSeq();
        s.headHash = store.journal().headHash();
        s.fullState = store.stateDigest();
        sql::Query d(store.db(), "SELECT id, ndc11, expected, counted, status FROM discrepancies WHERE status IN ('open', 'in_review') ORDER BY id");
        while (d.next())
            s.openDiscrepancies << QStringLiteral("%1 %2 %3 %4 %5").arg(d.int64(0)).arg(d.text(1)).arg(d.int64(2)).arg(d.int64(3)).arg(d.text(4));
        sql::Query b(store.db(), "SELECT ndc11, (SELECT balance_after FROM entries e WHERE e.ndc11 = p.ndc11 ORDER BY seq DESC LIMIT 1) FROM products p ORDER BY ndc11");
        while (b.next())
            s.balances << QStringLiteral("%1=%2").arg(b.text(0)).arg(b.int64(1));
        return s;
    }
};

/// The hash and the kind of the event at `seq`: a restore records itself after the lost workstation's last event.
QByteArray hashAt(Store &store, qint64 seq)
{
    sql::Query q(store.db(), "SELECT hash FROM events WHERE seq = ?");
    q.bind(1, seq);
    return q.next() ? q.blob(0) : QByteArray();
}

QString kindAt(Store &store, qint64 seq)
{
    sql::Query q(store.db(), "SELECT kind FROM events WHERE seq = ?");
    q.bind(1, seq);
    return q.next() ? q.text(0) : QString();
}

/// A pharmacy with history, backed up, with a recovery key.
struct BackedUpPharmacy
{
    Cloud cloud;
    LedgerFixture f;
    sync::ReplicationSettings settings;
    QString recoveryKey;

    /// `transactions` recorded and backed up (0: none yet), `chunk` at a time: a change set or more each.
    explicit BackedUpPharmacy(int transactions, qint64 archiveEvery = 2'000, int chunk = 100)
    {
        QString problem;
        settings = *sync::activate(f.store->db(), cloud.url(), cloud.code(), QStringLiteral("Counter PC"), {}, Cloud::now(), problem);
        recoveryKey = sync::replaceRecoveryKey(f.store->db(), Cloud::now(), problem, 1u << 10)->text();
        for (int done = 0, round = 0; done < transactions; done += chunk, ++round) {
            recordEveryKind(f, std::min(chunk, transactions - done), 20261125u + round);
            backUpEverything(*f.store, cloud, archiveEvery);
        }
    }
};

/// ciictl's environment for a store in `dataDir` with its key file in `keyDir`.
QProcessEnvironment cliEnvironment(const QString &dataDir, const QString &keyDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CII_LEDGER_DATA_DIR"), dataDir);
    env.insert(QStringLiteral("CII_LEDGER_KEY_DIR"), keyDir);
    env.insert(QStringLiteral("CII_LEDGER_KEYSTORE"), QStringLiteral("file"));
    return env;
}

QString restoreProblem(const sync::RestoreReport &r)
{
    return r.complete ? QString() : r.problem;
}

/// Flips one byte in the middle of every stored archive, in the service's own database file.
void tamperWithArchives(Cloud &cloud)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
    db.setDatabaseName(cloud.dir.filePath(QStringLiteral("backup.db")));
    QVERIFY(db.open());
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT pharmacy_id, first_seq, last_seq, bytes FROM archives")));
    QList<std::tuple<QString, qint64, qint64, QByteArray>> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toByteArray()});
    QVERIFY(!rows.isEmpty());
    for (auto [pharmacy, first, last, bytes] : rows) {
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
        QSqlQuery u(db);
        u.prepare(QStringLiteral("UPDATE archives SET bytes = ? WHERE pharmacy_id = ? AND first_seq = ? AND last_seq = ?"));
        u.addBindValue(bytes);
        u.addBindValue(pharmacy);
        u.addBindValue(first);
        u.addBindValue(last);
        QVERIFY(u.exec());
    }
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
}

} // namespace

class TestRestore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
        qputenv("CII_LEDGER_KEYSTORE", "file");
    }

    // The app on a replacement computer whose store cannot be opened (none here): Restore from Cloud from the
    // store panel, a typo named inline, a wrong key refused with the form offered again, then the right key; the
    // progress, the report, and "Open the restored records". The real main QML, clicked and typed into.
    void theRestorePageRestoresOnAReplacementComputer()
    {
        BackedUpPharmacy ph(400, 100);
        NewWorkstation pc;
        const CiiError noStore(CiiError::Code::NoStore, QStringLiteral("open the store"), pc.dataDir(), QStringLiteral("there is no store there"));
        StoreStatus status(nullptr, [] { return std::unique_ptr<Store>(); }, &noStore);
        StoreStatus::setInstance(&status);
        UiServices screens(nullptr);
        Counter &counter = screens.counter;
        screens.install();
        BackupStatus backup(nullptr);
        BackupStatus::setInstance(&backup);
        RestoreController restore(StoreLocation{pc.dataDir(), pc.keyDir.path()});
        RestoreController::setInstance(&restore);
        int reopened = 0;
        restore.setReopenStore([&] { ++reopened; });
        QQmlApplicationEngine engine;
        prepareQmlEngine(engine);
        engine.load(QUrl(QString::fromLatin1(kMainQml)));
        auto *w = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
        QVERIFY(w);

        QVERIFY(click(w, sel::kStoreRestoreButton));
        QTRY_VERIFY(item(w, sel::kRestorePage));
        QVERIFY(type(w, sel::kRestoreService, ph.cloud.url().toString()));
        QVERIFY(type(w, sel::kRestoreCode, ph.cloud.code()));
        QString typo = ph.recoveryKey;
        typo[8] = typo[8] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QVERIFY(type(w, sel::kRestoreKey, typo));
        QVERIFY(click(w, sel::kRestoreService)); // leaving the field checks it
        item(w, sel::input(sel::kRestoreService))->forceActiveFocus();
        QTRY_VERIFY(text(w, sel::problem(sel::kRestoreKey)).contains(QLatin1String("Group 2")));
        QVERIFY(click(w, sel::kRestoreStart));
        QVERIFY(text(w, sel::kRestoreFormProblem).contains(QLatin1String("Group 2")));
        QCOMPARE(restore.phase(), RestoreController::Phase::Form); // nothing started

        QVERIFY(type(w, sel::kRestoreKey, RecoveryKey::generate().text()));
        QVERIFY(click(w, sel::kRestoreStart));
        QTRY_COMPARE_WITH_TIMEOUT(restore.phase(), RestoreController::Phase::Failed, 30'000);
        QVERIFY(text(w, sel::kRestoreProblem).contains(QLatin1String("does not open")));
        QVERIFY(click(w, sel::kRestoreRetry));
        QTRY_VERIFY(item(w, sel::kRestoreStartOver));   // an unfinished restore is offered to continue
        QVERIFY(type(w, sel::kRestoreKey, ph.recoveryKey.toLower()));
        QVERIFY(click(w, sel::kRestoreStart));
        QTRY_COMPARE_WITH_TIMEOUT(restore.phase(), RestoreController::Phase::Done, 60'000);
        const qint64 head = ph.f.store->journal().headSeq();
        QTRY_VERIFY(item(w, sel::kReportEvents));
        QCOMPARE(restore.report().value(QStringLiteral("events")).toLongLong(), head);
        QVERIFY(QQmlProperty::read(item(w, sel::kReportVerification), QStringLiteral("text")).toString().contains(QLatin1String("hash chain")));
        QVERIFY(click(w, sel::kRestoreOpen));
        QCOMPARE(reopened, 1);
        QCOMPARE(restore.phase(), RestoreController::Phase::Idle);
        {
            auto restored = pc.open(); // every event of the lost one, then the restore itself, for the audit log
            QCOMPARE(restored->journal().headSeq(), head + 1);
            QCOMPARE(hashAt(*restored, head), ph.f.store->journal().headHash());
            QCOMPARE(kindAt(*restored, head + 1), QStringLiteral("store.restored"));
        }
        RestoreController::setInstance(nullptr); // they go out of scope here
        BackupStatus::setInstance(nullptr);
    }

    void aLostWorkstationIsRestoredExactlyAndContinues()
    {
        const int transactions = qEnvironmentVariableIsSet("CII_RESTORE_TRANSACTIONS") ? qEnvironmentVariableIntValue("CII_RESTORE_TRANSACTIONS") : 10'000;
        BackedUpPharmacy ph(transactions, transactions / 10, 500);
        QVERIFY(ph.cloud.store.listArchives(ph.cloud.pharmacyId, 1, 1000).size() >= 2); // the restore takes the shortcut
        const Snapshot before = Snapshot::of(*ph.f.store);
        QVERIFY(before.head >= transactions);
        QVERIFY(!before.openDiscrepancies.isEmpty());

        // The workstation dies: its folder is gone. A new one restores.
        ph.f.ledger.reset();
        ph.f.store.reset();
        QVERIFY(QDir(ph.f.t.dataDir.path()).removeRecursively());
        NewWorkstation pc;
        QList<sync::RestoreProgress> progress;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(ph.cloud, ph.recoveryKey), [&](const sync::RestoreProgress &p) { progress << p; });
        QVERIFY2(r.complete, qPrintable(r.problem));
        QCOMPARE(r.events, before.head);
        QCOMPARE(r.restoredNow, before.head);
        QCOMPARE(r.headHash, before.headHash);
        QVERIFY(r.stateDigestChecked);
        QCOMPARE(r.pharmacyName, QStringLiteral("Main Street Pharmacy"));
        QCOMPARE(r.products, 2);
        QCOMPARE(r.openDiscrepancies, before.openDiscrepancies.size());
        QVERIFY(r.verification.contains(QStringLiteral("hash chain")));
        QVERIFY(progress.size() > 3);
        QCOMPARE(progress.last().step, sync::RestoreProgress::Step::Done);
        QVERIFY(!Store::restoreIncomplete(pc.dataDir()));

        auto restored = pc.open();
        const Snapshot after = Snapshot::of(*restored);
        // Every event of the lost workstation, then the restore itself (for the audit log), which no projection
        // reads: the state is the lost one's.
        QCOMPARE(after.head, before.head + 1);
        QCOMPARE(hashAt(*restored, before.head), before.headHash);
        QCOMPARE(kindAt(*restored, after.head), QStringLiteral("store.restored"));
        {
            sql::Query q(restored->db(), "SELECT actor, payload FROM events WHERE seq = ?");
            q.bind(1, after.head);
            QVERIFY(q.next());
            QCOMPARE(q.text(0), QStringLiteral("system")); // no one was signed in on the new computer
            const QCborMap p = QCborValue::fromCbor(q.blob(1)).toMap();
            QCOMPARE(p.value(QLatin1String("events")).toInteger(), before.head);
            QVERIFY(p.value(QLatin1String("stateDigestChecked")).toBool());
        }
        QCOMPARE(after.balances, before.balances);
        QCOMPARE(after.openDiscrepancies, before.openDiscrepancies);
        QCOMPARE(after.fullState, before.fullState); // every projection row, history tables included
        const VerifyReport v = restored->verify();
        QVERIFY(v.intact && v.projectionsMatch);

        // The new workstation continues the chain: people sign in with their PINs, record, and it backs up.
        Ledger ledger(*restored, SecretHasher(10));
        const Session tech = ledger.signIn(ph.f.techId, QStringLiteral("3456"));
        ledger.receive(tech, LedgerFixture::receipt(ph.f.oxy, 2, QStringLiteral("987654321")));
        ledger.dispense(tech, LedgerFixture::dispense(ph.f.oxy, 7, QStringLiteral("RX-AFTER-1"), 7));
        backUpEverything(*restored, ph.cloud, 2'000);
        const Snapshot continued = Snapshot::of(*restored);
        QCOMPARE(continued.head, before.head + 4); // the restore, a receipt, a dispense
        restored.reset();

        // Lost again: the second restore has those too.
        NewWorkstation third;
        const sync::RestoreReport again = sync::restoreFromCloud(third.options(ph.cloud, ph.recoveryKey));
        QVERIFY2(again.complete, qPrintable(again.problem));
        auto thirdStore = third.open();
        const Snapshot last = Snapshot::of(*thirdStore);
        QCOMPARE(last.head, continued.head + 1);
        QCOMPARE(hashAt(*thirdStore, continued.head), continued.headHash);
        QCOMPARE(last.fullState, continued.fullState);
        QCOMPARE(last.openDiscrepancies, continued.openDiscrepancies);
    }

    void aLostActivationAnswerDoesNotStrandTheRestore()
    {
        // The restore's activation reaches the service (201), which replaces the old workstation, and the answer
        // is lost on the way back: the restore asks again with the same key, gets the same answer and finishes;
        // the service holds one active device, the restored workstation's. The command line's restore the same.
        BackedUpPharmacy ph(50);
        FaultProxy proxy{ph.cloud.port};
        const QUrl through(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        proxy.setFault(FaultProxy::Fault::DropAnswer, 0, 1);
        NewWorkstation pc;
        sync::RestoreOptions o = pc.options(ph.cloud, ph.recoveryKey);
        o.service = through;
        const sync::RestoreReport r = sync::restoreFromCloud(o);
        QVERIFY2(r.complete, qPrintable(r.problem));
        QCOMPARE(proxy.applied(FaultProxy::Fault::DropAnswer), 1);
        QVERIFY(ph.cloud.store.device(ph.settings.deviceId)->revoked);
        {
            auto restored = pc.open();
            QCOMPARE(onlyActiveDeviceIs(ph.cloud, *sync::ReplicationSettings::load(restored->db())), QString());
        }

        QTemporaryDir root, keys;
        const QProcessEnvironment env = cliEnvironment(root.filePath(QStringLiteral("cii-ledger")), keys.path());
        proxy.setFault(FaultProxy::Fault::DropAnswer, 0, 1);
        const CliRun c = runCiictl(env, {QStringLiteral("restore"), QStringLiteral("--service"), through.toString(), QStringLiteral("--code"), ph.cloud.code()},
                                   ph.recoveryKey.toUtf8() + '\n', true);
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        QCOMPARE(proxy.applied(FaultProxy::Fault::DropAnswer), 2);
        const auto devices = ph.cloud.store.devices(ph.cloud.pharmacyId);
        QCOMPARE(devices.size(), 3); // the lost workstation, the first restore's, the command line's
        QCOMPARE(std::count_if(devices.begin(), devices.end(), [](const auto &d) { return !d.revoked; }), 1);
        QVERIFY(!devices.last().revoked);
        // The command line's workstation speaks as that device: it backs up.
        const CliRun backup = runCiictl(env, {QStringLiteral("backup-now")}, {}, true);
        QVERIFY2(backup.exitCode == 0 && backup.out.contains(QLatin1String("Backed up")), qPrintable(backup.out + backup.err));
    }

    void aTypoOrAWrongRecoveryKeyWritesNothingUsable()
    {
        BackedUpPharmacy ph(300);
        NewWorkstation pc;
        // A typo is caught before anything is created or downloaded, the group named.
        QString typo = ph.recoveryKey;
        typo[8] = typo[8] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        const sync::RestoreReport t = sync::restoreFromCloud(pc.options(ph.cloud, typo));
        QVERIFY(!t.complete);
        QVERIFY2(t.problem.contains(QStringLiteral("Group 2")), qPrintable(t.problem));
        QVERIFY(!QFileInfo::exists(pc.dataDir()));

        // A well-formed key that is not this pharmacy's: refused after activation, before any record.
        const sync::RestoreReport w = sync::restoreFromCloud(pc.options(ph.cloud, RecoveryKey::generate().text()));
        QVERIFY(!w.complete);
        QVERIFY2(w.problem.contains(QStringLiteral("does not open")), qPrintable(w.problem));
        QCOMPARE(w.events, 0);
        QVERIFY(Store::restoreIncomplete(pc.dataDir()));
        QCOMPARE(pc.openError(), CiiError::Code::RestoreIncomplete);

        // The right key continues: the code was used once, the activation is kept in the unfinished store.
        sync::RestoreOptions o = pc.options(ph.cloud, ph.recoveryKey);
        o.activationCode.clear();
        const sync::RestoreReport r = sync::restoreFromCloud(o);
        QVERIFY2(r.complete, qPrintable(r.problem));
        QCOMPARE(r.headHash, ph.f.store->journal().headHash());
    }

    void aTamperedArchiveStopsTheRestoreAndSaysWhich()
    {
        BackedUpPharmacy ph(1'200, 300);
        tamperWithArchives(ph.cloud);
        NewWorkstation pc;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(ph.cloud, ph.recoveryKey));
        QVERIFY(!r.complete);
        QVERIFY2(r.problem.contains(QStringLiteral("The archive of events 1 to")) && r.problem.contains(QStringLiteral("failed its")),
                 qPrintable(r.problem));
        QCOMPARE(r.events, 0); // nothing from the altered archive was kept
        QCOMPARE(pc.openError(), CiiError::Code::RestoreIncomplete);
    }

    void aServiceThatDiesMidRestoreLeavesAResumableStore()
    {
        BackedUpPharmacy ph(1'500, 300);
        NewWorkstation pc;
        bool stopped = false;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(ph.cloud, ph.recoveryKey), [&](const sync::RestoreProgress &p) {
            if (!stopped && p.eventsDone >= 600) {
                ph.cloud.stop();
                stopped = true;
            }
        });
        QVERIFY(stopped);
        QVERIFY(!r.complete);
        QVERIFY2(r.problem.contains(QStringLiteral("cannot be reached")) && r.problem.contains(QStringLiteral("run it again to continue")),
                 qPrintable(r.problem));
        QVERIFY(r.events >= 600 && r.events < ph.f.store->journal().headSeq());
        QCOMPARE(pc.openError(), CiiError::Code::RestoreIncomplete);

        ph.cloud.start();
        sync::RestoreOptions o = pc.options(ph.cloud, ph.recoveryKey);
        o.activationCode.clear();
        const sync::RestoreReport resumed = sync::restoreFromCloud(o);
        QVERIFY2(resumed.complete, qPrintable(resumed.problem));
        QCOMPARE(resumed.restoredNow, ph.f.store->journal().headSeq() - r.events);
        QCOMPARE(Snapshot::of(*pc.open()).fullState, Snapshot::of(*ph.f.store).fullState);
    }

    void aCancelledRestoreResumesOrStartsOver()
    {
        BackedUpPharmacy ph(900, 300);
        NewWorkstation pc;
        std::atomic_bool cancel = false;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(ph.cloud, ph.recoveryKey), [&](const sync::RestoreProgress &p) {
            if (p.eventsDone > 0)
                cancel = true;
        }, &cancel);
        QVERIFY(!r.complete);
        QVERIFY2(r.problem.contains(QStringLiteral("cancelled")), qPrintable(r.problem));
        QCOMPARE(pc.openError(), CiiError::Code::RestoreIncomplete);

        // Starting over needs a new activation code: the unfinished store and its activation are discarded.
        sync::RestoreOptions o = pc.options(ph.cloud, ph.recoveryKey);
        o.startOver = true;
        const sync::RestoreReport fresh = sync::restoreFromCloud(o);
        QVERIFY2(fresh.complete, qPrintable(fresh.problem));
        QCOMPARE(fresh.restoredNow, fresh.events);
        QCOMPARE(fresh.headHash, ph.f.store->journal().headHash());
    }

    void aPointInTimeCopyIsReadOnlyAndStopsAtTheDate()
    {
        // Two days of records: the copy as of the end of the first has only the first day's.
        BackedUpPharmacy ph(0);
        recordEveryKind(ph.f, 250, 1u);
        const qint64 cutMs = ph.f.t.clock.nowMs();
        const qint64 expected = ph.f.store->journal().headSeq();
        ph.f.t.clock.advance(86'400'000);
        recordEveryKind(ph.f, 250, 2u);
        backUpEverything(*ph.f.store, ph.cloud, 100);
        NewWorkstation copy;
        sync::RestoreOptions o = copy.options(ph.cloud, ph.recoveryKey);
        o.activationCode.clear();
        o.activation = ph.settings;
        o.asOfMs = cutMs;
        const sync::RestoreReport r = sync::restoreFromCloud(o);
        QVERIFY2(r.complete, qPrintable(r.problem));
        QCOMPARE(r.events, expected);
        QVERIFY(r.lastAtMs <= cutMs);
        auto store = copy.open();
        QVERIFY(store->isReadOnlyCopy());
        QVERIFY(!sync::ReplicationSettings::load(store->db())); // it never uploads
        try {
            store->append(QStringLiteral("system"), QStringLiteral("setting.changed"), {{QStringLiteral("key"), QStringLiteral("x")}, {QStringLiteral("value"), QStringLiteral("y")}});
            QFAIL("a read-only copy took a write");
        } catch (const CiiError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("read-only copy")), qPrintable(e.message()));
        }
        QCOMPARE(store->journal().headSeq(), expected);
        // The working workstation still backs up: the copy did not revoke it.
        QVERIFY(!ph.cloud.store.device(ph.settings.deviceId)->revoked);
    }

    // Settings > Security > Audit copy: a point-in-time copy made from the app, the working store untouched; only the
    // pharmacist-in-charge or the owner; each bad field refused in words before anything is downloaded.
    void anAuditCopyFromSettingsLeavesTheWorkingStoreAlone()
    {
        BackedUpPharmacy ph(60);
        const qint64 head = ph.f.store->journal().headSeq();
        UiServices screens(ph.f.store.get(), SecretHasher(10));
        Counter &counter = screens.counter;
        AuditCopy copy(StoreLocation{ph.f.t.dataDir.path(), ph.f.t.keyDir.path()});
        copy.attach(ph.f.store.get(), &counter);
        QTemporaryDir papers;
        const QString folder = papers.filePath(QStringLiteral("audit"));
        QVERIFY(copy.start(QStringLiteral("2026-09-25"), folder, ph.recoveryKey).contains(QLatin1String("Only the pharmacist-in-charge")));
        QVERIFY(counter.signIn(ph.f.techId, QStringLiteral("3456")).value(QStringLiteral("ok")).toBool());
        QVERIFY(copy.start(QStringLiteral("2026-09-25"), folder, ph.recoveryKey).contains(QLatin1String("Only the pharmacist-in-charge")));
        counter.lock();
        QVERIFY(counter.signIn(ph.f.picId, QStringLiteral("1234")).value(QStringLiteral("ok")).toBool());
        QVERIFY(copy.start(QStringLiteral("09/25/2026"), folder, ph.recoveryKey).contains(QLatin1String("YYYY-MM-DD")));
        QVERIFY(copy.start(QStringLiteral("2999-01-01"), folder, ph.recoveryKey).contains(QLatin1String("future")));
        QVERIFY(copy.start(QStringLiteral("2026-09-25"), ph.f.t.dataDir.path(), ph.recoveryKey).contains(QLatin1String("own folder")));
        QString typo = ph.recoveryKey;
        typo[8] = typo[8] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QVERIFY(copy.start(QStringLiteral("2026-09-25"), folder, typo).contains(QLatin1String("Group 2")));
        QVERIFY(!QFileInfo::exists(folder)); // nothing made

        // Through the screens.
        StoreStatus status(ph.f.store.get(), [&ph] { return ph.f.t.open(false); }, nullptr);
        StoreStatus::setInstance(&status);
        screens.install();
        AuditCopy::setInstance(&copy);
        counter.lock();
        QQmlApplicationEngine engine;
        prepareQmlEngine(engine);
        engine.load(QUrl(QString::fromLatin1(kMainQml)));
        auto *w = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
        QVERIFY(w);
        w->resize(1280, 1200);
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(click(w, sel::kSettingsButton));
        QVERIFY(click(w, sel::kSettingsSecurity));
        QTRY_VERIFY(item(w, sel::kSecurityPage));
        QVERIFY(type(w, sel::kCopyDate, QStringLiteral("2026-09-25")));
        QVERIFY(text(w, sel::input(sel::kCopyFolder)).endsWith(QLatin1String("-copy-as-of-2026-09-25")));
        QVERIFY(type(w, sel::kCopyFolder, folder));
        QVERIFY(type(w, sel::kCopyKey, ph.recoveryKey));
        const qint64 working = ph.f.store->journal().headSeq(); // the backed-up head and the sign-ins since
        QVERIFY(click(w, sel::kCopyStart));
        QTRY_VERIFY_WITH_TIMEOUT(item(w, sel::kCopyResult), 60'000);
        QVERIFY2(text(w, sel::kCopyResult).contains(QLatin1String("read-only copy")), qPrintable(text(w, sel::kCopyResult)));
        QVERIFY(text(w, sel::kCopyResult).contains(folder));
        AuditCopy::setInstance(nullptr);
        const auto keys = selectKeyStore(StoreLocation{folder, ph.f.t.keyDir.path()});
        const auto audit = openLedgerStore(folder, *keys, ph.f.t.clock);
        QVERIFY(audit->isReadOnlyCopy());
        QCOMPARE(audit->journal().headSeq(), head);
        QCOMPARE(ph.f.store->journal().headSeq(), working); // the working store: untouched
        QVERIFY(!ph.cloud.store.device(ph.settings.deviceId)->revoked);
    }

    // Settings > Security > Restore from Cloud on a working store: only the pharmacist-in-charge or the owner (enforced
    // in C++), and this workstation's activation is reused (no code asked).
    void restoringOverAWorkingStoreIsForThePharmacistInCharge()
    {
        BackedUpPharmacy ph(50);
        UiServices screens(ph.f.store.get(), SecretHasher(10));
        Counter &counter = screens.counter;
        RestoreController restore(StoreLocation{ph.f.t.dataDir.path(), ph.f.t.keyDir.path()});
        restore.attach(ph.f.store.get(), &counter);
        QVERIFY(restore.replacesRecords());
        QVERIFY(restore.open().contains(QLatin1String("Only the pharmacist-in-charge or the owner"))); // nobody signed in
        QVERIFY(counter.signIn(ph.f.techId, QStringLiteral("3456")).value(QStringLiteral("ok")).toBool());
        QVERIFY(restore.open().contains(QLatin1String("Only the pharmacist-in-charge or the owner")));
        QCOMPARE(restore.phase(), RestoreController::Phase::Idle);
        counter.lock();
        QVERIFY(counter.signIn(ph.f.picId, QStringLiteral("1234")).value(QStringLiteral("ok")).toBool());
        QCOMPARE(restore.open(), QString());
        QCOMPARE(restore.phase(), RestoreController::Phase::Form);
        QVERIFY(restore.reusesActivation());
        QCOMPARE(restore.serviceUrl(), ph.cloud.url().toString());
        QVERIFY(restore.start({}, {}, {}).contains(QLatin1String("recovery key")));
        QCOMPARE(restore.phase(), RestoreController::Phase::Form); // nothing released, nothing started
        restore.close();
        QCOMPARE(restore.phase(), RestoreController::Phase::Idle);
        counter.lock();

        // The same through the screens: Settings > Security > Restore from Cloud, refused to a technician in words.
        StoreStatus status(ph.f.store.get(), [&ph] { return ph.f.t.open(false); }, nullptr);
        StoreStatus::setInstance(&status);
        screens.install();
        RestoreController::setInstance(&restore);
        QQmlApplicationEngine engine;
        prepareQmlEngine(engine);
        engine.load(QUrl(QString::fromLatin1(kMainQml)));
        auto *w = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
        QVERIFY(w);
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(click(w, sel::kSettingsButton));
        QVERIFY(click(w, sel::kSettingsSecurity));
        QTRY_VERIFY(item(w, sel::kSecurityPage));
        QVERIFY(click(w, sel::kRestoreFromCloudButton));
        QTRY_VERIFY(text(w, sel::kSecurityRefusal).contains(QLatin1String("Only the pharmacist-in-charge or the owner")));
        QCOMPARE(restore.phase(), RestoreController::Phase::Idle);
        QVERIFY(click(w, sel::kLockButton));
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(click(w, sel::kSettingsButton));
        QVERIFY(click(w, sel::kSettingsSecurity));
        QVERIFY(click(w, sel::kRestoreFromCloudButton));
        QTRY_VERIFY(item(w, sel::kRestorePage));
        QVERIFY(item(w, sel::kRestoreKeepAside));       // says the records are kept aside
        QVERIFY(!item(w, sel::input(sel::kRestoreService)));   // this workstation's activation is reused
        QVERIFY(click(w, sel::kRestoreBack));
        QTRY_VERIFY(item(w, sel::kDashboard)); // back at the counter, nothing changed
        QCOMPARE(restore.phase(), RestoreController::Phase::Idle);
        RestoreController::setInstance(nullptr);
    }

    void theCommandLineRestoresAndKeepsAWorkingStoreAside()
    {
        BackedUpPharmacy ph(200);
        QTemporaryDir root, keys;
        const QString data = root.filePath(QStringLiteral("cii-ledger"));
        const QProcessEnvironment env = cliEnvironment(data, keys.path());
        using Run = CliRun;
        const auto ciictl = [&](const QStringList &args, const QByteArray &in = {}) { return runCiictl(env, args, in); };
        const QByteArray key = ph.recoveryKey.toUtf8() + '\n';
        const QStringList restore{QStringLiteral("restore"), QStringLiteral("--service"), ph.cloud.url().toString(), QStringLiteral("--code")};

        QString typo = ph.recoveryKey;
        typo[8] = typo[8] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        Run r = ciictl(restore + QStringList{ph.cloud.code()}, typo.toUtf8() + '\n');
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Group 2")) && r.err.contains(QLatin1String("Nothing was changed")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(data));
        r = ciictl(restore + QStringList{ph.cloud.code()});
        QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("The recovery key is required")), qPrintable(r.err));
        r = ciictl(restore + QStringList{ph.cloud.code(), QStringLiteral("--bogus"), QStringLiteral("x")}, key);
        QCOMPARE(r.exitCode, 2);

        r = ciictl(restore + QStringList{ph.cloud.code()}, key);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("Restored Main Street Pharmacy's records.")) && r.out.contains(QLatin1String("hash chain")),
                 qPrintable(r.out));
        QVERIFY2(r.err.contains(QLatin1String("Downloading and checking")), qPrintable(r.err));
        // Every event of the lost store, and the restore itself after them.
        r = ciictl({QStringLiteral("verify")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("intact: %1 events").arg(ph.f.store->journal().headSeq() + 1)),
                 qPrintable(r.out + r.err));

        // A working store is never overwritten: refused, or moved aside with --keep-aside (its activation reused).
        r = ciictl({QStringLiteral("restore")}, key);
        QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("--keep-aside")), qPrintable(r.err));
        r = ciictl({QStringLiteral("restore"), QStringLiteral("--keep-aside")}, key);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList aside = QDir(root.path()).entryList({QStringLiteral("cii-ledger-before-restore-*")}, QDir::Dirs);
        QCOMPARE(aside.size(), 1);
        r = ciictl({QStringLiteral("--data-dir"), root.filePath(aside.first()), QStringLiteral("verify")});
        // Each holds the lost store's events and its own restore's (the first one's was never sent: no drainer ran).
        const QString restoredCount = QStringLiteral("intact: %1 events").arg(ph.f.store->journal().headSeq() + 1);
        QVERIFY2(r.exitCode == 0 && r.out.contains(restoredCount), qPrintable(r.out + r.err)); // the kept store opens, whole
        QVERIFY2(ciictl({QStringLiteral("verify")}).out.contains(restoredCount), "the restored store has every event");

        // A read-only copy as of a day, beside the working store.
        const QString copyDir = root.filePath(QStringLiteral("audit-copy"));
        r = ciictl({QStringLiteral("restore-copy"), QStringLiteral("--as-of"), QStringLiteral("21/09/2026"), QStringLiteral("--to"), copyDir}, key);
        QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("YYYY-MM-DD")), qPrintable(r.err));
        // The cut-off is the end of the day where the pharmacy is (Los Angeles), whatever this machine's zone.
        QProcessEnvironment tokyo = env;
        tokyo.insert(QStringLiteral("TZ"), QStringLiteral("Asia/Tokyo"));
        r = runCiictl(tokyo, {QStringLiteral("restore-copy"), QStringLiteral("--as-of"), QStringLiteral("2026-09-21"), QStringLiteral("--to"), copyDir}, key);
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("read-only copy of Main Street Pharmacy's records as of the end of 2026-09-21 "
                                                                  "(2026-09-21 23:59 PDT, the pharmacy's time zone)")),
                 qPrintable(r.out + r.err));
        r = ciictl({QStringLiteral("--data-dir"), copyDir, QStringLiteral("verify")});
        const QString headHex = QString::fromLatin1(ph.f.store->journal().headHash().toHex()); // a copy records no restore
        QVERIFY2(r.exitCode == 0 && r.out.contains(headHex), qPrintable(r.out + r.err));
        r = ciictl({QStringLiteral("--data-dir"), copyDir, QStringLiteral("person-add"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--name"),
                    QStringLiteral("Ann Lee"), QStringLiteral("--initials"), QStringLiteral("AL"), QStringLiteral("--role"), QStringLiteral("pharmacist")},
                   "1234\n2345\n");
        QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("read-only copy")), qPrintable(r.err));
    }
};

QTEST_MAIN(TestRestore)
#include "tst_restore.moc"
