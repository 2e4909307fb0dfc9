// Network faults between the workstation and the backup service (docs/RELIABILITY.md): the app's own BackupStatus
// and drainer, the real service on loopback, and FaultProxy between them doing one fault at a time to every
// connection while the counter records. Afterwards: nothing lost (the service's chain opens into exactly the
// journal), nothing doubled (one stored change set per outbox row), and the outbox drains once the network is back.
// Then the requests that change state (activation, replacing another workstation, the wrapped key) with their
// answer dropped after the service acted: each finishes, with one active device whose key the workstation holds.
#include "Activation.h"
#include "BackupStatus.h"
#include "CloudCheck.h"
#include "DeviceKey.h"
#include "FaultProxy.h"
#include "LedgerReplication.h"
#include "RecoverySetup.h"
#include "Sqlite.h"
#include "TestCloud.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QTest>

using namespace cii;
using namespace cii::test;
using Fault = FaultProxy::Fault;

Q_DECLARE_METATYPE(cii::test::FaultProxy::Fault)

namespace {

/// A backed-up pharmacy whose drainer reaches the service only through the proxy.
struct ProxiedPharmacy
{
    Cloud cloud;
    LedgerFixture f;
    FaultProxy proxy{cloud.port};
    sync::ReplicationSettings settings;
    int rx = 0;

    ProxiedPharmacy()
    {
        QString problem;
        const QUrl through(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        settings = *sync::activate(f.store->db(), through, cloud.code(), QStringLiteral("Counter PC"), {}, Cloud::now(), problem);
        f.ledger->receive(*f.pic, LedgerFixture::receipt(f.oxy, 20));
    }
    void dispense(int n)
    {
        for (int i = 0; i < n; ++i, ++rx)
            f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 1, QStringLiteral("NET%1").arg(rx), 1));
    }
    qint64 head() { return f.store->journal().headSeq(); }
    /// Empty when the service holds exactly the journal, once each.
    QString lostOrDoubled()
    {
        if (const QString p = cloudMatchesJournal(cloud, *f.store, settings); !p.isEmpty())
            return p;
        if (cloud.sets() != scalar(*f.store, "SELECT count(*) FROM outbox"))
            return QStringLiteral("the service holds %1 change sets, the outbox sealed %2").arg(cloud.sets()).arg(scalar(*f.store, "SELECT count(*) FROM outbox"));
        if (const qint64 open = scalar(*f.store, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL"))
            return QStringLiteral("%1 outbox rows are not acknowledged").arg(open);
        return {};
    }
};

/// A workstation not activated yet, and the service behind the proxy: for the requests that change state.
struct Unactivated
{
    Cloud cloud;
    TempStore t;
    std::unique_ptr<Store> store = t.open();
    FaultProxy proxy{cloud.port};

    QUrl through() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())); }
    std::optional<sync::ReplicationSettings> activate(const QString &code, QString &problem)
    {
        return sync::activate(store->db(), through(), code, QStringLiteral("Counter PC"), {}, Cloud::now(), problem);
    }
    qint64 pendingKeys() { return scalar(*store, "SELECT count(*) FROM pending_activation"); }
};

sync::Drainer::Options quickRetries()
{
    sync::Drainer::Options o;
    o.requestTimeoutMs = 1'000; // a Delay of 1.5 s outlasts it
    o.firstBackoffMs = 50;
    o.maxBackoffMs = 400;
    return o;
}

} // namespace

class TestNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachFaultLosesNothingAndDoublesNothing_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<int>("delayMs");
        QTest::addColumn<bool>("holdsBack"); // no acknowledgement can get through while it lasts
        QTest::newRow("dropped connections") << Fault::Drop << 0 << true;
        QTest::newRow("reset connections") << Fault::Reset << 0 << true;
        QTest::newRow("delays past the timeout") << Fault::Delay << 1'500 << true;
        QTest::newRow("delays within the timeout") << Fault::Delay << 300 << false;
        QTest::newRow("truncated answers") << Fault::TruncateResponse << 0 << true;
        QTest::newRow("503 answers") << Fault::ServerError << 0 << true;
        QTest::newRow("stored, answer lost (502)") << Fault::LoseResponse << 0 << true;
        QTest::newRow("service restarted mid-upload") << Fault::SlowBody << 400 << false;
    }

    void eachFaultLosesNothingAndDoublesNothing()
    {
        QFETCH(Fault, fault);
        QFETCH(int, delayMs);
        QFETCH(bool, holdsBack);
        ProxiedPharmacy ph;
        const auto backupEngine = startReplication(*ph.f.store, quickRetries());
        BackupStatus backup(backupEngine.get());
        QTRY_COMPARE_WITH_TIMEOUT(ph.cloud.head(), ph.head(), 10'000);

        ph.proxy.setFault(fault, delayMs);
        for (int round = 0; round < 4; ++round) { // the counter goes on recording through the fault
            ph.dispense(3);
            if (fault == Fault::SlowBody) {
                // Half an upload has reached the service: it stops and starts again on the same port.
                QTRY_VERIFY_WITH_TIMEOUT(ph.proxy.applied(fault) > round, 10'000);
                QTest::qWait(delayMs / 2);
                ph.cloud.stop();
                ph.cloud.start();
            }
            QTest::qWait(150);
        }
        // Kept-alive connections carry many requests: a fault that lets answers through may need only one.
        QTRY_VERIFY_WITH_TIMEOUT(ph.proxy.applied(fault) >= (holdsBack ? 3 : 1), 10'000);
        if (holdsBack)
            QVERIFY2(scalar(*ph.f.store, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL") > 0, "an acknowledgement got through the fault");

        ph.proxy.setFault(Fault::None);
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 15'000);
        QCOMPARE(ph.cloud.head(), ph.head());
        QCOMPARE(ph.lostOrDoubled(), QString());
        QVERIFY(ph.f.store->verify().intact);
    }

    void aRequestThatChangesStateLeavesOnce()
    {
        // Qt Network sends a request again by itself when its connection closes before the answer starts. One
        // that changes state leaves once: the call fails with nothing answered, the caller decides.
        Unactivated ws;
        ws.proxy.setFault(Fault::DropAnswer);
        sync::HttpBackupClient::Options o;
        o.service = ws.through();
        auto client = std::make_unique<sync::HttpBackupClient>(o);
        const DeviceKey key = DeviceKey::generate();
        const QString code = ws.cloud.code();
        const auto activated = sync::waitFor<sync::Activated>([&](sync::BackupClient::Done<sync::Activated> done) {
            client->activate(code, key.publicKey(), QStringLiteral("Counter PC"), std::move(done));
        });
        QVERIFY(!activated.ok());
        QCOMPARE(activated.error.kind, sync::BackupError::Kind::Transient);
        QCOMPARE(ws.proxy.applied(Fault::DropAnswer), 1);
        QCOMPARE(ws.cloud.store.devices(ws.cloud.pharmacyId).size(), 1); // it reached the service, once

        // The same for a signed PUT: the wrapped key.
        const auto device = ws.cloud.store.devices(ws.cloud.pharmacyId).constFirst();
        o.deviceId = device.id;
        o.devicePrivateKey = key.privateKey();
        client = std::make_unique<sync::HttpBackupClient>(o);
        const QByteArray wrapped(64, 'w');
        const auto put = sync::waitFor<sync::Stored>([&](sync::BackupClient::Done<sync::Stored> done) { client->putWrappedKey(wrapped, std::move(done)); });
        QVERIFY(!put.ok());
        QCOMPARE(put.error.kind, sync::BackupError::Kind::Transient);
        QCOMPARE(ws.proxy.applied(Fault::DropAnswer), 2);
        QVERIFY(ws.cloud.store.wrappedKey(ws.cloud.pharmacyId) == wrapped); // it reached the service, once
    }

    void aLostActivationAnswerEndsInTheOneDeviceWhoseKeyTheWorkstationHolds()
    {
        // The pharmacy's old workstation is active; the new one's activation replaces it, and its answer is lost
        // once: the client asks again with the same key and gets the same answer.
        Unactivated ws;
        QString why;
        const auto old = ws.cloud.store.activate(ws.cloud.code(), DeviceKey::generate().publicKey(), QStringLiteral("Old PC"), Cloud::now(), why);
        QVERIFY(old);
        ws.proxy.setFault(Fault::DropAnswer, 0, 1);
        QString problem;
        const auto s = ws.activate(ws.cloud.code(), problem);
        QVERIFY2(s, qPrintable(problem));
        QCOMPARE(ws.proxy.applied(Fault::DropAnswer), 1);
        QCOMPARE(test::onlyActiveDeviceIs(ws.cloud, *s), QString());
        QVERIFY(ws.cloud.store.device(old->id)->revoked); // replaced, once
        QCOMPARE(ws.cloud.store.devices(ws.cloud.pharmacyId).size(), 2);
        QCOMPARE(ws.pendingKeys(), 0);
    }

    void anActivationLeftWithoutAnAnswerFinishesWhenAskedAgain()
    {
        // Every answer lost (or the program closed while waiting): the call fails and says to ask again with the
        // same code; the key it sent stays in the store, and the next call, with the network back, finishes it.
        Unactivated ws;
        ws.proxy.setFault(Fault::DropAnswer);
        const QString code = ws.cloud.code();
        QString problem;
        QVERIFY(!ws.activate(code, problem));
        QVERIFY2(problem.contains(QLatin1String("same code")), qPrintable(problem));
        QCOMPARE(ws.proxy.applied(Fault::DropAnswer), sync::kTriesWhenWaiting); // each try reached the service
        QVERIFY(!sync::ReplicationSettings::load(ws.store->db()));
        QCOMPARE(ws.pendingKeys(), 1);
        const auto made = ws.cloud.store.devices(ws.cloud.pharmacyId);
        QCOMPARE(made.size(), 1);

        ws.proxy.setFault(Fault::None);
        problem.clear();
        const auto s = ws.activate(code, problem);
        QVERIFY2(s, qPrintable(problem));
        QCOMPARE(s->deviceId, made.first().id);
        QCOMPARE(test::onlyActiveDeviceIs(ws.cloud, *s), QString());
        QCOMPARE(ws.cloud.store.devices(ws.cloud.pharmacyId).size(), 1);
        QCOMPARE(ws.pendingKeys(), 0);
    }

    void aLostWrappedKeyAnswerIsPutAgain()
    {
        // The new recovery key's wrap reaches the service and its answer is lost: put again (the same bytes), it
        // is answered, and the key shown is the one that opens the backup; the service stored it once.
        Unactivated ws;
        QString problem;
        QVERIFY2(ws.activate(ws.cloud.code(), problem), qPrintable(problem));
        ws.proxy.setFault(Fault::DropAnswer, 0, 1);
        const auto key = sync::replaceRecoveryKey(ws.store->db(), Cloud::now(), problem, 1u << 10);
        QVERIFY2(key, qPrintable(problem));
        QCOMPARE(ws.proxy.applied(Fault::DropAnswer), 1);
        QVERIFY2(sync::checkRecoveryKey(ws.store->db(), key->text(), Cloud::now(), problem), qPrintable(problem));
        QCOMPARE(ws.cloud.store.wrappedKeyCount(ws.cloud.pharmacyId), 1);
        QVERIFY(sync::recoveryKeySetMs(ws.store->db()));
    }

    void theOutboxDrainsWithinSecondsOfTheNetworksReturn()
    {
        // The production backoff (1 s doubling to 5 minutes), through an outage long enough that the doubling
        // alone would wait 16 s: a failure without an answer waits at most 5 s between tries.
        ProxiedPharmacy ph;
        const auto backupEngine = startReplication(*ph.f.store);
        BackupStatus backup(backupEngine.get());
        QTRY_COMPARE_WITH_TIMEOUT(backup.state(), BackupStatus::State::BackedUp, 10'000);

        ph.proxy.setFault(Fault::Drop);
        QElapsedTimer outage;
        outage.start();
        while (outage.elapsed() < 16'000) {
            ph.dispense(1);
            QTest::qWait(2'000);
        }
        QCOMPARE(backup.state(), BackupStatus::State::Offline);
        QVERIFY(ph.cloud.head() < ph.head());
        const int triesDuringOutage = ph.proxy.applied(Fault::Drop);
        const qint64 outageMs = outage.elapsed();

        ph.proxy.setFault(Fault::None);
        QElapsedTimer back;
        back.start();
        QTRY_COMPARE_WITH_TIMEOUT(ph.cloud.head(), ph.head(), 7'000); // the 5 s cap, its jitter, and the send
        const qint64 drainedMs = back.elapsed();
        QTRY_COMPARE(backup.state(), BackupStatus::State::BackedUp);
        QCOMPARE(ph.lostOrDoubled(), QString());
        qInfo("network: %d connection attempts during a %lld ms outage; drained %lld ms after the network returned",
              triesDuringOutage, outageMs, drainedMs);
    }
};

QTEST_MAIN(TestNetwork)
#include "tst_network.moc"
