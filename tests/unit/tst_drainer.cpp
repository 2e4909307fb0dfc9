// The drainer's decisions (docs/REPLICATION.md) against an in-memory service that keeps cii-backupd's continuity
// rules (MemoryBackupService): seal and send, acknowledge and advance, back off and retry, stop on revoked, seal
// again after a gap from a service put back from an older copy, archive once enough is acknowledged. A real
// SQLCipher store and the real Ledger write the journal; tst_replication does the same over HTTP.
#include "Activation.h"
#include "Drainer.h"
#include "MemoryBackupService.h"
#include "Outbox.h"
#include "ReplicationSettings.h"
#include "Sqlite.h"
#include "TestSupport.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace cii;
using cii::test::LedgerFixture;
using cii::test::MemoryBackupService;
using cii::test::scalar;
using State = sync::DrainStatus::State;

namespace {

/// A pharmacy activated with the memory service, and a drainer on the test's thread (woken by hand after each
/// commit, as BackupStatus wakes it) whose times come from the fixture's manual clock.
struct Pharmacy
{
    MemoryBackupService cloud;
    LedgerFixture f;
    sync::ReplicationSettings settings;
    std::unique_ptr<sync::Drainer> drainer;
    QList<sync::DrainStatus> statuses;
    int rx = 0;

    /// `archiveAfter`: an archive once that many events after the fixture's own are acknowledged (0: none).
    explicit Pharmacy(qint64 archiveAfter = 0)
    {
        QString problem;
        const auto s = sync::activate(f.store->db(), QUrl(QStringLiteral("https://backup.example.org")), cloud.issueCode(),
                                      QStringLiteral("Counter PC"), {}, f.t.clock.nowMs(), problem, 30'000, cloud.clients());
        if (!s)
            qFatal("activation failed: %s", qPrintable(problem));
        settings = *s;
        f.ledger->receive(*f.pic, LedgerFixture::receipt(f.oxy, 2)); // stock for the dispenses
        sync::Drainer::Options o;
        o.store = f.store->connectionRecipe();
        o.client = cloud.clients();
        o.clock = &f.t.clock;
        o.firstBackoffMs = 40;
        o.maxBackoffMs = 320;
        o.transientRetryMs = 80;
        o.archiveEveryEvents = archiveAfter > 0 ? journalHead() + archiveAfter : 0;
        drainer = std::make_unique<sync::Drainer>(o);
        QObject::connect(drainer.get(), &sync::Drainer::statusChanged, drainer.get(), [this](const sync::DrainStatus &st) { statuses << st; });
    }
    qint64 journalHead() { return f.store->journal().headSeq(); }
    /// One dispense (one event), then the drainer is woken as a commit would wake it.
    void dispense()
    {
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RX7%1").arg(++rx, 4, 10, QLatin1Char('0')), 1));
        drainer->wake();
    }
    State state() const { return statuses.isEmpty() ? State::NotActivated : statuses.last().state; }
    qint64 unacknowledged() { return scalar(*f.store, "SELECT count(*) FROM outbox WHERE acked_ms IS NULL"); }
    /// Stored by the service and acknowledged here (the service stores before its answer arrives).
    bool caughtUp() { return cloud.head() == journalHead() && unacknowledged() == 0; }
};

} // namespace

class TestDrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sealsSendsAndAdvancesOnEachAcknowledgement()
    {
        Pharmacy ph;
        ph.f.ledger->receive(*ph.f.pic, LedgerFixture::receipt(ph.f.oxy, 2));
        QSignalSpy acked(ph.drainer.get(), &sync::Drainer::acknowledged);
        ph.drainer->wake();
        QTRY_COMPARE(ph.state(), State::BackedUp);
        QCOMPARE(ph.cloud.head(), ph.journalHead());
        for (int i = 0; i < 3; ++i) {
            ph.dispense();
            QTRY_VERIFY(ph.caughtUp()); // each commit its own set, sent and acknowledged
        }
        QTRY_COMPARE(ph.state(), State::BackedUp);
        QCOMPARE(ph.unacknowledged(), 0);
        QCOMPARE(ph.cloud.changeSets().size(), 4);
        QCOMPARE(acked.size(), 4);
        QCOMPARE(acked.last().at(0).toLongLong(), ph.journalHead());
        // The outbox's rows are the service's: same ranges and hashes, acknowledged at the drainer's clock.
        QCOMPARE(scalar(*ph.f.store, "SELECT count(*) FROM outbox WHERE acked_ms = CAST(? AS INTEGER)", QString::number(ph.f.t.clock.nowMs())), 4);
        QCOMPARE(ph.statuses.last().lastAckMs, ph.f.t.clock.nowMs());
        QCOMPARE(ph.cloud.count(QStringLiteral("put changeset")), 4); // one upload per set, no retries
    }

    void backsOffOnTransientFailuresAndRetries()
    {
        Pharmacy ph;
        ph.cloud.failNext(3, MemoryBackupService::noAnswer());
        ph.dispense();
        QTRY_COMPARE(ph.state(), State::Offline);
        const sync::DrainStatus offline =
            *std::find_if(ph.statuses.begin(), ph.statuses.end(), [](const sync::DrainStatus &s) { return s.state == State::Offline; });
        QVERIFY2(offline.lastError.contains(QLatin1String("cannot be reached")), qPrintable(offline.lastError));
        QCOMPARE(offline.offlineSinceMs, ph.f.t.clock.nowMs());
        // The first retry is due after the first backoff, ±20 %, on the drainer's clock.
        QVERIFY(offline.nextAttemptMs >= ph.f.t.clock.nowMs() + 32 && offline.nextAttemptMs <= ph.f.t.clock.nowMs() + 48);
        QCOMPARE(ph.cloud.head(), 0);

        QTRY_COMPARE(ph.state(), State::BackedUp);
        QCOMPARE(ph.cloud.count(QStringLiteral("put changeset 1")), 4); // three failed, the fourth stored
        QCOMPARE(ph.cloud.head(), ph.journalHead());
        QCOMPARE(ph.statuses.last().lastError, QString());
        QCOMPARE(ph.statuses.last().offlineSinceMs, 0);

        // A 503 is transient too, but the service answered: failing, not offline.
        ph.statuses.clear();
        ph.cloud.failNext(1, MemoryBackupService::answered(503, QStringLiteral("stopping")));
        ph.dispense();
        QTRY_COMPARE(ph.state(), State::BackedUp);
        QVERIFY(std::any_of(ph.statuses.begin(), ph.statuses.end(), [](const sync::DrainStatus &s) { return s.state == State::Failing; }));
        QVERIFY(std::none_of(ph.statuses.begin(), ph.statuses.end(), [](const sync::DrainStatus &s) { return s.state == State::Offline; }));
    }

    void aLostAnswerIsRetriedAndFoundAlreadyStored()
    {
        Pharmacy ph;
        ph.cloud.loseNextAnswer();
        ph.dispense();
        QTRY_COMPARE(ph.state(), State::BackedUp);
        // Stored by the first upload; the retry of the identical bytes is answered already stored and acknowledged.
        QCOMPARE(ph.cloud.count(QStringLiteral("put changeset 1")), 2);
        QCOMPARE(ph.cloud.changeSets().size(), 1);
        QCOMPARE(ph.unacknowledged(), 0);
    }

    void stopsForGoodWhenRevoked()
    {
        Pharmacy ph;
        ph.dispense();
        QTRY_COMPARE(ph.state(), State::BackedUp);
        // Another workstation is activated for the pharmacy.
        const auto other = ph.cloud.clients()(sync::ReplicationSettings{}, 1000);
        const auto activated = sync::waitFor<sync::Activated>([&](auto done) {
            other->activate(ph.cloud.issueCode(), QByteArray(32, 'k'), QStringLiteral("New PC"), std::move(done));
        });
        QVERIFY(activated.ok());
        const qint64 cloudHead = ph.cloud.head();
        ph.dispense();
        QTRY_COMPARE(ph.state(), State::Revoked);
        QVERIFY(ph.statuses.last().lastError.contains(QLatin1String("revoked")));
        QCOMPARE(*sync::ReplicationSettings::load(ph.f.store->db())->revokedMs, ph.f.t.clock.nowMs());
        const int tries = ph.cloud.count(QStringLiteral("put changeset"));
        ph.dispense();
        ph.drainer->backUpNow();
        QTest::qWait(300); // longer than any backoff: nothing more is tried
        QCOMPARE(ph.cloud.count(QStringLiteral("put changeset")), tries);
        QCOMPARE(ph.cloud.head(), cloudHead);
        QCOMPARE(ph.state(), State::Revoked);
    }

    void aGapFromAServicePutBackSealsAgainFromItsEnd()
    {
        Pharmacy ph;
        for (int i = 0; i < 4; ++i) {
            ph.dispense();
            QTRY_VERIFY(ph.caughtUp());
        }
        const QList<sync::StoredSet> before = ph.cloud.changeSets();
        QCOMPARE(before.size(), 4);
        // The service's database is put back from a copy holding the first two sets only.
        ph.cloud.rollBackTo(before[1].lastSeq);
        ph.dispense();
        QTRY_COMPARE(ph.cloud.head(), ph.journalHead());
        QTRY_COMPARE(ph.state(), State::BackedUp);
        QCOMPARE(ph.statuses.last().lastError, QString());
        // The first try of the new set was answered gap; the journal was sealed again from the service's end.
        QVERIFY(ph.cloud.calls().contains(QStringLiteral("put changeset %1").arg(before[3].lastSeq + 1)));
        QVERIFY(scalar(*ph.f.store, "SELECT count(*) FROM outbox_rows WHERE superseded_ms IS NOT NULL") >= 2);
        QCOMPARE(ph.unacknowledged(), 0);
        const QList<sync::StoredSet> after = ph.cloud.changeSets();
        QCOMPARE(after[2].firstSeq, before[1].lastSeq + 1); // continuing the set the service still held
        QCOMPARE(after.last().lastSeq, ph.journalHead());
    }

    void aConflictIsARefusalThatBacksOffWithoutSealingAgain()
    {
        Pharmacy ph;
        ph.cloud.failNext(1, [] {
            sync::BackupError e = MemoryBackupService::answered(409, QStringLiteral("conflict"));
            e.kind = sync::BackupError::Kind::Conflict;
            return e;
        }());
        ph.dispense();
        QTRY_COMPARE(ph.state(), State::Failing);
        QCOMPARE(scalar(*ph.f.store, "SELECT count(*) FROM outbox_rows WHERE superseded_ms IS NOT NULL"), 0);
        QTRY_COMPARE(ph.state(), State::BackedUp);
    }

    void anArchiveFollowsOnceEnoughIsAcknowledged()
    {
        Pharmacy ph(4); // the fixture's events and 4 more
        for (int i = 0; i < 3; ++i) {
            ph.dispense();
            QTRY_VERIFY(ph.caughtUp());
        }
        QTRY_COMPARE(ph.state(), State::BackedUp);
        QTest::qWait(50);
        QCOMPARE(ph.cloud.archives().size(), 0); // not yet enough acknowledged
        ph.dispense();
        QTRY_COMPARE(ph.cloud.archives().size(), 1);
        const sync::StoredSet archive = ph.cloud.archives().first();
        QCOMPARE(archive.firstSeq, 1);
        const QList<sync::StoredSet> sets = ph.cloud.changeSets();
        QVERIFY(std::any_of(sets.begin(), sets.end(), [&](const sync::StoredSet &s) { return s.lastSeq == archive.lastSeq; }));
        QCOMPARE(archive.lastSeq, ph.journalHead());
        QTRY_COMPARE(scalar(*ph.f.store, "SELECT count(*) FROM outbox_archives WHERE acked_ms IS NULL"), 0);
        // Change sets come first: the archive was only sent once the chain was caught up.
        const QStringList calls = ph.cloud.calls();
        const qsizetype archivedAt = calls.indexOf(QRegularExpression(QStringLiteral("put archive .*"))); // whole entries
        QVERIFY(archivedAt > 0);
        QVERIFY(archivedAt > calls.lastIndexOf(QRegularExpression(QStringLiteral("put changeset .*"))));
    }
};

QTEST_GUILESS_MAIN(TestDrainer)
#include "tst_drainer.moc"
