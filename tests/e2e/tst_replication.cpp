// The replication engine end to end (docs/REPLICATION.md): a real encrypted store, the drainer on its own thread
// over Qt Network, and the real backup service (cii-backupd's BackupService and HttpServer on loopback over an
// SQLite file). Nothing is mocked: what the service holds is opened with the change-set opener and compared with
// the local journal, event by event.
#include "Activation.h"
#include "BackupService.h"
#include "BackupStatus.h"
#include "BackupStore.h"
#include "ChangeSet.h"
#include "CiiError.h"
#include "DeviceKey.h"
#include "HttpServer.h"
#include "LedgerReplication.h"
#include "Outbox.h"
#include "RecoveryKey.h"
#include "ReplicationSettings.h"
#include "RequestSigning.h"
#include "Selectors.h"
#include "Sqlite.h"
#include "QuickDriver.h"
#include "TestApp.h"
#include "TestCertificate.h"
#include "CloudCheck.h"
#include "FaultProxy.h"
#include "TestCloud.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QQuickStyle>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::backupd;
using cii::test::Cloud;
using cii::test::cloudMatchesJournal;
using cii::test::CliRun;
using cii::test::runCiictl;

namespace {

sync::Drainer::Options fastRetries()
{
    sync::Drainer::Options o;
    o.requestTimeoutMs = 5'000;
    o.firstBackoffMs = 50;
    o.maxBackoffMs = 400;
    return o;
}

sync::ReplicationSettings activate(Store &store, Cloud &cloud)
{
    QString problem;
    const auto s = sync::activate(store.db(), cloud.url(), cloud.code(), QStringLiteral("Counter PC"), {}, Cloud::now(), problem);
    if (!s)
        qFatal("activation failed: %s", qPrintable(problem));
    return *s;
}

qint64 journalHead(Store &store)
{
    sql::Query q(store.db(), "SELECT seq FROM journal_head WHERE id = 1");
    q.next();
    return q.int64(0);
}

qint64 countRows(Store &store, const char *sql)
{
    sql::Query q(store.db(), sql);
    q.next();
    return q.int64(0);
}

/// ciictl's environment for a store in `data` with its key file in `keys`.
QProcessEnvironment cliEnvironment(const QTemporaryDir &data, const QTemporaryDir &keys)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CII_LEDGER_DATA_DIR"), data.path());
    env.insert(QStringLiteral("CII_LEDGER_KEY_DIR"), keys.path());
    env.insert(QStringLiteral("CII_LEDGER_KEYSTORE"), QStringLiteral("file"));
    return env;
}

/// A pharmacy set up by `ciictl init` and `setup` (the pharmacist-in-charge PC, PIN 1234) with a technician TN
/// (3456); empty, or the failing command's error.
QString setUpByCommandLine(const QProcessEnvironment &env)
{
    const QList<std::pair<QStringList, QByteArray>> steps{
        {{QStringLiteral("init")}, {}},
        {{QStringLiteral("setup"), QStringLiteral("--name"), QStringLiteral("Main St Pharmacy"), QStringLiteral("--address"), QStringLiteral("1 Main St"),
          QStringLiteral("--dea"), QStringLiteral("BM1234563"), QStringLiteral("--state"), QStringLiteral("CA"), QStringLiteral("--timezone"),
          QStringLiteral("America/Los_Angeles"), QStringLiteral("--pic-name"), QStringLiteral("Pat Chen"), QStringLiteral("--pic-initials"), QStringLiteral("PC")},
         "1234\n"},
        {{QStringLiteral("person-add"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--name"), QStringLiteral("Tom Ng"),
          QStringLiteral("--initials"), QStringLiteral("TN"), QStringLiteral("--role"), QStringLiteral("technician")},
         "1234\n3456\n"},
    };
    for (const auto &[args, in] : steps) {
        const CliRun r = runCiictl(env, args, in);
        if (r.exitCode != 0)
            return args.first() + QLatin1String(": ") + r.err;
    }
    return {};
}

/// The request the drainer makes, made by hand: for a send whose acknowledgement was lost.
int putSigned(const QUrl &service, const sync::ReplicationSettings &s, qint64 firstSeq, const QByteArray &bytes)
{
    const QByteArray target = "/v1/changesets/" + QByteArray::number(firstSeq);
    QUrl url = service;
    url.setPath(QString::fromLatin1(target));
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    const auto h = requestsig::sign(DeviceKey::fromPrivateKey(s.devicePrivateKey), s.deviceId, "PUT", target, Cloud::now(), bytes);
    r.setRawHeader("X-Cii-Device", h.device);
    r.setRawHeader("X-Cii-Time", h.time);
    r.setRawHeader("X-Cii-Signature", h.signature);
    QNetworkAccessManager net;
    QNetworkReply *reply = net.put(r, bytes);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

} // namespace

class TestReplication : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachCommitIsSealedSentAndAcknowledged()
    {
        Cloud cloud;
        test::LedgerFixture f;
        const auto settings = activate(*f.store, cloud);
        const auto backupEngine = startReplication(*f.store, fastRetries());
        BackupStatus backup(backupEngine.get());
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 10'000);
        QCOMPARE(backup.text(), QStringLiteral("Backed up"));
        QCOMPARE(backup.pendingEvents(), 0);
        QVERIFY(backup.lastAcknowledged().isValid());
        QCOMPARE(cloud.head(), journalHead(*f.store));

        // Caught up, each commit becomes one change set of its own, sent at once.
        for (int i = 0; i < 5; ++i) {
            const qint64 setsBefore = cloud.sets();
            f.ledger->receive(*f.pic, test::LedgerFixture::receipt(f.oxy, 1, QStringLiteral("2210000%1").arg(i)));
            QTRY_COMPARE_WITH_TIMEOUT(cloud.head(), journalHead(*f.store), 10'000);
            QCOMPARE(cloud.sets(), setsBefore + 1);
        }
        QTRY_COMPARE(backup.state(), BackupStatus::State::BackedUp);
        QCOMPARE(cloudMatchesJournal(cloud, *f.store, settings), QString());
        // The last set carries the digest of the state it leads to: what a restore checks its replay against.
        const auto lastSet = changeset::inspect(*cloud.store.changeSet(cloud.pharmacyId, cloud.store.list(cloud.pharmacyId, 1, 1'000'000).last().firstSeq),
                                                DeviceKey::fromPrivateKey(settings.devicePrivateKey).publicKey());
        QCOMPARE(lastSet.header.stateDigest, Store::digestTables(f.store->db(), f.store->currentStateTables()));
        QVERIFY(lastSet.header.stateDigest != f.store->stateDigest()); // the history tables are left out
        // Acknowledged rows keep their range and hash; their bytes are gone.
        QCOMPARE(countRows(*f.store, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL OR bytes IS NOT NULL"), 0);
        QCOMPARE(countRows(*f.store, "SELECT max(last_seq) FROM outbox"), journalHead(*f.store));
    }

    void anOutageLosesNothingAndDoublesNothing()
    {
        Cloud cloud;
        test::LedgerFixture f;
        const auto settings = activate(*f.store, cloud);
        const auto backupEngine = startReplication(*f.store, fastRetries());
        BackupStatus backup(backupEngine.get());
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 10'000);

        // The service goes away; the counter keeps recording.
        cloud.stop();
        f.ledger->receive(*f.pic, test::LedgerFixture::receipt(f.oxy, 5));
        for (int i = 0; i < 30; ++i)
            f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RX7%1").arg(i, 3, 10, QLatin1Char('0')), 1));
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::Offline, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(backup.pendingEvents(), 31, 10'000);
        QVERIFY2(backup.text().startsWith(QLatin1String("Offline since ")), qPrintable(backup.text()));
        QVERIFY2(backup.text().endsWith(QLatin1String("31 waiting")), qPrintable(backup.text()));
        QVERIFY2(backup.detail().contains(QLatin1String("cannot be reached")), qPrintable(backup.detail()));
        QVERIFY(cloud.head() < journalHead(*f.store));

        // It comes back on the same address: the outbox drains by itself (backoff), nothing lost or doubled.
        cloud.start();
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 15'000);
        QCOMPARE(cloud.head(), journalHead(*f.store));
        QCOMPARE(backup.pendingEvents(), 0);
        QCOMPARE(backup.lastError(), QString());
        QCOMPARE(cloudMatchesJournal(cloud, *f.store, settings), QString());
    }

    void aCrashBetweenCommitSealSendAndAckLosesNothing()
    {
        Cloud cloud;
        test::LedgerFixture f;
        const auto settings = activate(*f.store, cloud);

        // Committed, never sealed (the app died before its drainer ran).
        f.ledger->receive(*f.pic, test::LedgerFixture::receipt(f.oxy, 2));
        // Sealed, never sent: the outbox holds the bytes.
        sync::Outbox outbox(f.store->db(), f.store->currentStateTables());
        QVERIFY(outbox.sealPending(settings, Cloud::now()) >= 1);
        const auto first = outbox.oldestUnacknowledged();
        QVERIFY(first && first->firstSeq == 1);
        // Committed after the seal.
        f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 3, QStringLiteral("RX8001"), 3));
        // The first set was sent and stored, but the acknowledgement never reached the outbox.
        QCOMPARE(putSigned(cloud.url(), settings, first->firstSeq, first->bytes), 201);
        const qint64 setsAfterLostAck = cloud.sets();

        // Restart: the drainer resends the identical bytes (200: already stored), then the rest.
        const auto backupEngine = startReplication(*f.store, fastRetries());
        BackupStatus backup(backupEngine.get());
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 10'000);
        QCOMPARE(cloud.head(), journalHead(*f.store));
        QCOMPARE(cloud.store.changeSet(cloud.pharmacyId, first->firstSeq).value_or(QByteArray()), first->bytes);
        QCOMPARE(cloud.sets(), setsAfterLostAck + 1); // only the dispense's new set
        QCOMPARE(cloud.sets(), countRows(*f.store, "SELECT count(*) FROM outbox"));
        QCOMPARE(cloudMatchesJournal(cloud, *f.store, settings), QString());
    }

    void behindItBatchesUpToAboutOneMebibyte()
    {
        Cloud cloud;
        test::LedgerFixture f;
        const auto settings = activate(*f.store, cloud);
        f.ledger->receive(*f.pic, test::LedgerFixture::receipt(f.oxy, 50));
        for (int i = 0; i < 200; ++i)
            f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RX9%1").arg(i, 4, 10, QLatin1Char('0')), 1));
        // With a small limit the backlog is cut into many sets, each continuing the one before.
        sync::Outbox outbox(f.store->db(), f.store->currentStateTables());
        const int sealed = outbox.sealPending(settings, Cloud::now(), 4'096, 1'000);
        QVERIFY2(sealed > 10, qPrintable(QString::number(sealed)));
        QCOMPARE(countRows(*f.store, "SELECT max(last_seq) FROM outbox"), journalHead(*f.store));
        QCOMPARE(countRows(*f.store, "SELECT count(*) FROM outbox o JOIN outbox p ON p.last_seq + 1 = o.first_seq"), sealed - 1);
        // At the default limit the same backlog is one set.
        f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RX99999"), 1));
        QCOMPARE(outbox.sealPending(settings, Cloud::now()), 1);
        const auto backupEngine = startReplication(*f.store, fastRetries());
        BackupStatus backup(backupEngine.get());
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 20'000);
        QCOMPARE(cloudMatchesJournal(cloud, *f.store, settings), QString());
    }

    void archivesCoverLongRangesForARestore()
    {
        Cloud cloud;
        test::LedgerFixture f;
        const auto settings = activate(*f.store, cloud);
        sync::Drainer::Options options = fastRetries();
        options.archiveEveryEvents = 20;
        const auto backupEngine = startReplication(*f.store, options);
        BackupStatus backup(backupEngine.get());
        f.ledger->receive(*f.pic, test::LedgerFixture::receipt(f.oxy, 5));
        // Four stretches of work, each backed up before the next: an archive is due after each.
        for (int round = 0; round < 4; ++round) {
            for (int i = 0; i < 25; ++i)
                f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RX6%1%2").arg(round).arg(i, 3, 10, QLatin1Char('0')), 1));
            QTRY_COMPARE_WITH_TIMEOUT(cloud.head(), journalHead(*f.store), 20'000);
        }
        // Settled: every archive acknowledged and none due any more (fewer than one archive's worth of events after
        // the last). Three acknowledged archives alone can be seen in the moment before the drainer seals the fourth.
        QTRY_VERIFY2_WITH_TIMEOUT(countRows(*f.store, "SELECT count(*) FROM outbox_archives") >= 3
                                     && countRows(*f.store, "SELECT count(*) FROM outbox_archives WHERE acked_ms IS NULL") == 0
                                     && countRows(*f.store, "SELECT coalesce(max(last_seq), 0) FROM outbox_archives") > journalHead(*f.store) - 20,
                                  qPrintable(QStringLiteral("%1 archives, %2 unacknowledged, head %3: %4").arg(countRows(*f.store, "SELECT count(*) FROM outbox_archives"))
                                     .arg(countRows(*f.store, "SELECT count(*) FROM outbox_archives WHERE acked_ms IS NULL")).arg(journalHead(*f.store)).arg(backup.lastError())), 20'000);
        QTRY_COMPARE(backup.state(), BackupStatus::State::BackedUp);
        QCOMPARE(backup.text(), QStringLiteral("Backed up"));

        // What the service holds opens as a restore would: each archive continues the change set before it, and its
        // events are the journal's.
        const QByteArray devicePublic = DeviceKey::fromPrivateKey(settings.devicePrivateKey).publicKey();
        const QList<BackupStore::Stored> sets = cloud.store.list(cloud.pharmacyId, 1, 1'000'000);
        const QList<BackupStore::Stored> archives = cloud.store.listArchives(cloud.pharmacyId, 1, 1'000);
        QCOMPARE(archives.size(), countRows(*f.store, "SELECT count(*) FROM outbox_archives"));
        qint64 next = 1;
        for (const BackupStore::Stored &a : archives) {
            QCOMPARE(a.firstSeq, next);
            QVERIFY2(a.lastSeq - a.firstSeq + 1 >= 20, qPrintable(QString::number(a.lastSeq)));
            QByteArray prevSet(32, '\0'), prevEvent = Event::genesisHash();
            for (const auto &set : sets)
                if (set.lastSeq == a.firstSeq - 1)
                    prevSet = set.setHash;
            if (a.firstSeq > 1) {
                sql::Query q(f.store->db(), "SELECT hash FROM events WHERE seq = ?");
                q.bind(1, a.firstSeq - 1);
                QVERIFY(q.next());
                prevEvent = q.blob(0);
            }
            const changeset::Opened o = changeset::open(*cloud.store.archive(cloud.pharmacyId, a.firstSeq, a.lastSeq), BackupKey{settings.dataKey},
                                                        {devicePublic, prevSet, a.firstSeq, prevEvent});
            QVERIFY2(o.ok(), qPrintable(o.reason));
            QCOMPARE(o.header.kind, QStringLiteral("archive"));
            sql::Query q(f.store->db(), "SELECT hash FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq");
            q.bind(1, a.firstSeq).bind(2, a.lastSeq);
            for (const Event &e : o.events) {
                QVERIFY(q.next());
                QCOMPARE(e.hash, q.blob(0));
            }
            next = a.lastSeq + 1;
        }
        QVERIFY(next > journalHead(*f.store) - 20); // all but fewer events than one archive's worth
    }

    void httpsWithAPinnedCertificate()
    {
        // A self-hosted service with its own certificate: the workstation trusts it only when it is pinned.
        const auto tls = test::certificateForLoopback();
        Cloud cloud(tls);
        test::LedgerFixture f;
        QString problem;
        QVERIFY(!sync::activate(f.store->db(), cloud.url(), cloud.code(), QStringLiteral("PC"), {}, Cloud::now(), problem, 5'000));
        QVERIFY2(problem.contains(QLatin1String("cannot be reached")), qPrintable(problem));
        QVERIFY(!sync::ReplicationSettings::load(f.store->db()));
        const auto other = test::certificateForLoopback().first; // another certificate pinned: refused too
        QVERIFY(!sync::activate(f.store->db(), cloud.url(), cloud.code(), QStringLiteral("PC"), other, Cloud::now(), problem, 5'000));
        const auto settings = sync::activate(f.store->db(), cloud.url(), cloud.code(), QStringLiteral("PC"), tls.first, Cloud::now(), problem);
        QVERIFY2(settings, qPrintable(problem));
        QCOMPARE(settings->pinnedCaPem, tls.first);

        const auto backupEngine = startReplication(*f.store, fastRetries());
        BackupStatus backup(backupEngine.get());
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 10'000);
        f.ledger->receive(*f.pic, test::LedgerFixture::receipt(f.oxy, 1));
        QTRY_COMPARE_WITH_TIMEOUT(cloud.head(), journalHead(*f.store), 10'000);
        QCOMPARE(cloudMatchesJournal(cloud, *f.store, *settings), QString());
    }

    void theOutboxKeepsItsHistory()
    {
        Cloud cloud;
        test::LedgerFixture f;
        const auto settings = activate(*f.store, cloud);
        sync::Outbox outbox(f.store->db(), f.store->currentStateTables());
        outbox.sealPending(settings, Cloud::now());
        outbox.acknowledge(1, Cloud::now());
        const auto refused = [&](const char *sql) { return test::refusalOf(*f.store, sql); };
        QVERIFY(refused("DELETE FROM outbox").contains(QLatin1String("never deleted")));
        QVERIFY(refused("UPDATE outbox SET set_hash = zeroblob(32)").contains(QLatin1String("cannot be changed")));
        QVERIFY(refused("UPDATE outbox SET acked_ms = NULL").contains(QLatin1String("stays acknowledged")));
    }

    void aServiceRestoredFromAnOlderCopyIsFilledAgain()
    {
        // The service's database is put back from its own backup, taken before the workstation's last uploads:
        // it answers 409 gap, and the workstation seals its journal again from where the service's chain ends
        // and sends it, without anyone doing anything. The old rows stay in the outbox, superseded.
        Cloud cloud;
        test::LedgerFixture f;
        const auto settings = activate(*f.store, cloud);
        const auto backupEngine = startReplication(*f.store, fastRetries());
        BackupStatus backup(backupEngine.get());
        f.ledger->receive(*f.pic, test::LedgerFixture::receipt(f.oxy, 5));
        QTRY_COMPARE_WITH_TIMEOUT(cloud.head(), journalHead(*f.store), 10'000);
        const QString copy = cloud.dir.filePath(QStringLiteral("copy.db"));
        cloud.store.snapshotTo(copy);
        const qint64 copied = cloud.head();
        for (int i = 0; i < 12; ++i) {
            f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RX8%1").arg(i, 3, 10, QLatin1Char('0')), 1));
            QTest::qWait(20); // several sets, each acknowledged
        }
        QTRY_COMPARE_WITH_TIMEOUT(cloud.head(), journalHead(*f.store), 10'000);
        QVERIFY(cloud.sets() > 2);

        cloud.stop();
        const auto restoredStore = BackupStore::open({QStringLiteral("QSQLITE"), copy, {}, {}, {}, 0});
        BackupStore &restored = *restoredStore;
        BackupService service(restored, {}, cloud.clock);
        HttpServer::Options o;
        o.port = cloud.port;
        HttpServer server(service, o);
        server.start();
        QCOMPARE(restored.head(cloud.pharmacyId).lastSeq, copied);

        f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RX8999"), 1));
        QTRY_COMPARE_WITH_TIMEOUT(restored.head(cloud.pharmacyId).lastSeq, journalHead(*f.store), 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 10'000);
        QCOMPARE(backup.lastError(), QString());
        QCOMPARE(cloudMatchesJournal(restored, cloud.pharmacyId, *f.store, settings), QString());
        QVERIFY(countRows(*f.store, "SELECT count(*) FROM outbox_rows WHERE superseded_ms IS NOT NULL") > 0);
        QCOMPARE(countRows(*f.store, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL"), 0);
        const auto refused = [&](const char *sql) { return test::refusalOf(*f.store, sql); };
        QVERIFY(refused("UPDATE outbox_rows SET superseded_ms = NULL").contains(QLatin1String("stays superseded")));
        QVERIFY(refused("DELETE FROM outbox_rows").contains(QLatin1String("never deleted")));
    }

    void aReplacedWorkstationStopsAndSaysSo()
    {
        Cloud cloud;
        test::LedgerFixture f;
        activate(*f.store, cloud);
        const auto backupEngine = startReplication(*f.store, fastRetries());
        BackupStatus backup(backupEngine.get());
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 10'000);

        // Another workstation is activated for the pharmacy.
        QString why;
        QVERIFY(cloud.store.activate(cloud.code(), DeviceKey::generate().publicKey(), QStringLiteral("New PC"), Cloud::now(), why));
        const qint64 cloudHead = cloud.head();
        f.ledger->receive(*f.pic, test::LedgerFixture::receipt(f.oxy, 1));
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::Revoked, 10'000);
        QVERIFY(backup.revoked());
        QCOMPARE(backup.text(), QStringLiteral("Replaced: not backing up"));
        QVERIFY(backup.detail().contains(QLatin1String("Another workstation was activated")));
        QCOMPARE(cloud.head(), cloudHead);
        QVERIFY(sync::ReplicationSettings::load(f.store->db())->revokedMs.has_value());
        {
            // The window says so on every screen, above the lock screen here; the badge too.
            BackupStatus::setInstance(&backup);
            QQuickStyle::setStyle(QStringLiteral("Material"));
            test::App app(f);
            QQuickWindow *w = app.window();
            QVERIFY(w && QTest::qWaitForWindowExposed(w));
            QVERIFY(test::item(w, sel::kRevokedBanner));
            QVERIFY(test::text(w, sel::kRevokedBannerText).contains(QLatin1String("this one no longer backs up")));
            QCOMPARE(test::text(w, sel::kBackupBadgeText), QStringLiteral("Replaced: not backing up"));
            BackupStatus::setInstance(nullptr);
        }
        // Records stay readable; more commits are kept locally and not sent.
        f.ledger->receive(*f.pic, test::LedgerFixture::receipt(f.oxy, 1));
        backup.backUpNow();
        QTest::qWait(200);
        QCOMPARE(backup.state(), BackupStatus::State::Revoked);
        QCOMPARE(cloud.head(), cloudHead);
    }

    void activationRefusesBadInputWithASentence()
    {
        Cloud cloud;
        test::LedgerFixture f;
        const auto refusal = [&](const QUrl &url, const QString &code, const QByteArray &ca = {}) {
            QString problem;
            const auto s = sync::activate(f.store->db(), url, code, QStringLiteral("PC"), ca, Cloud::now(), problem, 3'000);
            return s ? QStringLiteral("<activated>") : problem;
        };
        QVERIFY(refusal(QUrl(QStringLiteral("backup.example.org")), QStringLiteral("x")).contains(QLatin1String("must look like")));
        QVERIFY(refusal(QUrl(QStringLiteral("http://backup.example.org")), QStringLiteral("x")).contains(QLatin1String("over https")));
        QVERIFY(refusal(cloud.url(), QStringLiteral("  ")).contains(QLatin1String("activation code")));
        QVERIFY(refusal(cloud.url(), QStringLiteral("x"), "not a certificate").contains(QLatin1String("not a PEM certificate")));
        const QString unknown = refusal(cloud.url(), QStringLiteral("NOT-A-CODE"));
        QVERIFY2(unknown.contains(QLatin1String("code")) && unknown != QLatin1String("<activated>"), qPrintable(unknown));
        QUrl closed = cloud.url();
        cloud.stop();
        QVERIFY(refusal(closed, QStringLiteral("x")).contains(QLatin1String("cannot be reached")));
        QVERIFY(!sync::ReplicationSettings::load(f.store->db())); // nothing written
    }

    void theCommandLineActivatesAndBacksUp()
    {
        Cloud cloud;
        QTemporaryDir data, keys;
        const QProcessEnvironment env = cliEnvironment(data, keys);
        using Run = CliRun;
        const auto ciictl = [&](const QStringList &args, const QByteArray &in = {}) { return runCiictl(env, args, in); };
        QCOMPARE(setUpByCommandLine(env), QString());

        Run r = ciictl({QStringLiteral("backup-status")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("Not activated")), qPrintable(r.out));
        r = ciictl({QStringLiteral("backup-now")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("not activated")), qPrintable(r.err));

        const QStringList activate{QStringLiteral("backup-activate"), QStringLiteral("--service"), cloud.url().toString(), QStringLiteral("--code")};
        r = ciictl(activate + QStringList{cloud.code(), QStringLiteral("--as"), QStringLiteral("TN")}, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Could not activate the backup: only the pharmacist-in-charge or the owner")), qPrintable(r.err));
        r = ciictl(activate + QStringList{QStringLiteral("WRONG-CODE"), QStringLiteral("--as"), QStringLiteral("PC")}, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("code")), qPrintable(r.err));
        r = ciictl(activate + QStringList{cloud.code(), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--ca"), QStringLiteral("/nonexistent.pem")}, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("cannot be read")), qPrintable(r.err));
        r = ciictl(activate + QStringList{cloud.code(), QStringLiteral("--as"), QStringLiteral("PC")}, "1234\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("Activated for Main Street Pharmacy")), qPrintable(r.out + r.err));
        QCOMPARE(cloud.head(), 0);

        r = ciictl({QStringLiteral("backup-now")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("Backed up")), qPrintable(r.out + r.err));
        QVERIFY(cloud.head() >= 3); // store.created, the setup, the person
        r = ciictl({QStringLiteral("--json"), QStringLiteral("backup-status")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("\"pendingEvents\":0")), qPrintable(r.out));

        // The recovery key: made, shown once, its wrapped data key with the service; checked before anything else.
        r = ciictl({QStringLiteral("backup-recovery-key"), QStringLiteral("--as"), QStringLiteral("TN")}, "3456\n");
        QCOMPARE(r.exitCode, 1);
        r = ciictl({QStringLiteral("--json"), QStringLiteral("backup-recovery-key"), QStringLiteral("--as"), QStringLiteral("PC")}, "1234\n");
        QCOMPARE(r.exitCode, 0);
        const QString first = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("recoveryKey")).toString();
        QCOMPARE(first.size(), 77);
        QVERIFY(cloud.store.wrappedKey(cloud.pharmacyId).has_value());
        QString problem;
        QVERIFY(!cloud.store.wrappedKey(cloud.pharmacyId)->contains(RecoveryKey::parse(first, problem)->bytes()));
        const auto check = [&](const QString &typed) { return ciictl({QStringLiteral("backup-check-recovery-key")}, typed.toUtf8() + "\n"); };
        r = ciictl({QStringLiteral("backup-check-recovery-key")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("The recovery key is required")), qPrintable(r.err));
        r = check(first.toLower());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("opens the pharmacy's backup")), qPrintable(r.out + r.err));
        QString typo = first;
        typo[8] = typo[8] == QLatin1Char('7') ? QLatin1Char('8') : QLatin1Char('7');
        r = check(typo);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QLatin1String("Could not check the recovery key: Group 2")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("Group 2 of the recovery key has a typo")), qPrintable(r.err));
        r = check(RecoveryKey::generate().text());
        QVERIFY2(r.exitCode == 1 && r.err.contains(QLatin1String("does not open")), qPrintable(r.err));
        // A sheet that cannot be written is refused before the key changes.
        r = ciictl({QStringLiteral("backup-recovery-key"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--sheet"),
                    data.filePath(QStringLiteral("no-such-folder/sheet.pdf"))}, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("cannot be written")) && r.err.contains(QLatin1String("earlier recovery key still works")), qPrintable(r.err));
        QCOMPARE(check(first).exitCode, 0);
        // A new one replaces it, printed on the recovery sheet; the earlier stops working.
        const QString sheet = data.filePath(QStringLiteral("recovery-sheet.pdf"));
        r = ciictl({QStringLiteral("--json"), QStringLiteral("backup-recovery-key"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--sheet"), sheet}, "1234\n");
        QCOMPARE(r.exitCode, 0);
        const QString second = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("recoveryKey")).toString();
        const QString printed = test::pdfText(sheet);
        QVERIFY2(printed.contains(QLatin1String("Main St Pharmacy")) && printed.contains(QLatin1String("BM1234563")), qPrintable(printed));
        QVERIFY2(printed.contains(QLocale(QLocale::English).toString(QDate::currentDate(), QStringLiteral("d MMMM yyyy"))), qPrintable(printed));
        for (const QString &group : second.split(QLatin1Char('-')))
            QVERIFY2(printed.contains(group), qPrintable(group + QLatin1String(" not on the sheet: ") + printed));
        QCOMPARE(check(second).exitCode, 0);
        QCOMPARE(check(first).exitCode, 1);
        r = ciictl({QStringLiteral("backup-status")});
        QVERIFY2(r.out.contains(QLatin1String("Recovery key set")), qPrintable(r.out));

        // The service goes away: the command says so, the events wait.
        cloud.stop();
        QCOMPARE(check(second).exitCode, 1); // cannot be checked, and says so
        QCOMPARE(ciictl({QStringLiteral("person-add"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--name"), QStringLiteral("Ann Lee"),
                         QStringLiteral("--initials"), QStringLiteral("AL"), QStringLiteral("--role"), QStringLiteral("pharmacist")}, "1234\n2345\n").exitCode, 0);
        r = ciictl({QStringLiteral("backup-now")});
        QCOMPARE(r.exitCode, 1);
        // The person added waits (a command's sign-in is not recorded apart from it, so it may be the only one).
        QVERIFY2(r.err.contains(QRegularExpression(QStringLiteral("\\d+ events? (is|are) still waiting"))) && r.err.contains(QLatin1String("cannot be reached")),
                 qPrintable(r.err));
    }

    void theCommandLineFinishesWhatALostAnswerLeft()
    {
        // backup-activate and backup-recovery-key through a proxy that drops the first answer after the service
        // acted: each run still finishes. One device, the one the workstation signs as (its upload is accepted);
        // one wrapped key, the one the key shown opens.
        Cloud cloud;
        test::FaultProxy proxy{cloud.port};
        QTemporaryDir data, keys;
        const QProcessEnvironment env = cliEnvironment(data, keys);
        QCOMPARE(setUpByCommandLine(env), QString());
        const auto ciictl = [&](const QStringList &args, const QByteArray &in = {}) { return runCiictl(env, args, in, true); };
        const QString through = QStringLiteral("http://127.0.0.1:%1").arg(proxy.port());

        proxy.setFault(test::FaultProxy::Fault::DropAnswer, 0, 1);
        CliRun r = ciictl({QStringLiteral("backup-activate"), QStringLiteral("--service"), through, QStringLiteral("--code"), cloud.code(),
                           QStringLiteral("--as"), QStringLiteral("PC")}, "1234\n");
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("Activated for Main Street Pharmacy")), qPrintable(r.out + r.err));
        QCOMPARE(proxy.applied(test::FaultProxy::Fault::DropAnswer), 1);
        QCOMPARE(cloud.store.devices(cloud.pharmacyId).size(), 1);
        r = ciictl({QStringLiteral("backup-now")});
        QVERIFY2(r.exitCode == 0 && r.out.contains(QLatin1String("Backed up")), qPrintable(r.out + r.err));
        QVERIFY(cloud.head() >= 3);

        proxy.setFault(test::FaultProxy::Fault::DropAnswer, 0, 1);
        r = ciictl({QStringLiteral("--json"), QStringLiteral("backup-recovery-key"), QStringLiteral("--as"), QStringLiteral("PC")}, "1234\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(proxy.applied(test::FaultProxy::Fault::DropAnswer), 2);
        const QString key = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("recoveryKey")).toString();
        r = ciictl({QStringLiteral("backup-check-recovery-key")}, key.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(cloud.store.wrappedKeyCount(cloud.pharmacyId), 1);
    }

    void theBadgeSaysNotSetUpBeforeActivation()
    {
        test::LedgerFixture f;
        const auto backupEngine = startReplication(*f.store, fastRetries());
        BackupStatus backup(backupEngine.get());
        QSignalSpy changed(&backup, &BackupStatus::changed);
        QTRY_VERIFY(changed.count() > 0);
        QCOMPARE(backup.state(), BackupStatus::State::NotActivated);
        QCOMPARE(backup.text(), QStringLiteral("Backup not set up"));
        BackupStatus none(nullptr);
        QCOMPARE(none.text(), QStringLiteral("Backup not set up"));
    }
};

QTEST_MAIN(TestReplication)
#include "tst_replication.moc"
