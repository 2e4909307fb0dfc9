// DraftStore: unfinished forms kept per person and form in the encrypted store, outside the journal.
#include "DraftStore.h"
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {
const QString kDispense = QStringLiteral("dispenseForm/00574407205");
const QString kReceive = QStringLiteral("receiveForm/00574407205");

QJsonObject fields(std::initializer_list<std::pair<const char *, QJsonValue>> kv)
{
    QJsonObject o;
    for (const auto &[k, v] : kv)
        o.insert(QLatin1String(k), v);
    return o;
}
} // namespace

class TestDraftStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip()
    {
        LedgerFixture f;
        DraftStore drafts(*f.store);
        QVERIFY(drafts.isEnabled());
        QVERIFY(!drafts.load(f.picId, kDispense));
        const QJsonObject typed = fields({{"rxField", QStringLiteral("6000001")}, {"quantityField", QStringLiteral("3")},
                                          {"overrideCheck", true}, {"partialKindField", QStringLiteral("")}});
        QVERIFY(drafts.save(f.picId, kDispense, typed));
        const auto d = drafts.load(f.picId, kDispense);
        QVERIFY(d);
        QCOMPARE(d->fields, typed);
        QCOMPARE(d->savedMs, f.t.clock.nowMs());
        QCOMPARE(d->headSeq, f.store->journal().headSeq());
        // Each save replaces the last.
        f.t.clock.advance(60'000);
        QVERIFY(drafts.save(f.picId, kDispense, fields({{"rxField", QStringLiteral("6000002")}})));
        QCOMPARE(drafts.load(f.picId, kDispense)->fields, fields({{"rxField", QStringLiteral("6000002")}}));
        QCOMPARE(drafts.load(f.picId, kDispense)->savedMs, f.t.clock.nowMs());
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM drafts"), 1);
    }

    void eachPersonAndFormHasItsOwn()
    {
        LedgerFixture f;
        DraftStore drafts(*f.store);
        drafts.save(f.picId, kDispense, fields({{"rxField", QStringLiteral("A")}}));
        f.t.clock.advance(1'000);
        drafts.save(f.picId, kReceive, fields({{"lotField", QStringLiteral("B")}}));
        f.t.clock.advance(1'000);
        drafts.save(f.techId, kDispense, fields({{"rxField", QStringLiteral("C")}}));
        QCOMPARE(drafts.load(f.picId, kDispense)->fields.value(QLatin1String("rxField")).toString(), QStringLiteral("A"));
        QCOMPARE(drafts.load(f.picId, kReceive)->fields.value(QLatin1String("lotField")).toString(), QStringLiteral("B"));
        QCOMPARE(drafts.load(f.techId, kDispense)->fields.value(QLatin1String("rxField")).toString(), QStringLiteral("C"));
        QVERIFY(!drafts.load(f.techId, kReceive));
        QVERIFY(!drafts.load(f.pharmacistId, kDispense));
        // The latest is the person's own, never another's.
        QCOMPARE(drafts.latest(f.picId)->form, kReceive);
        QCOMPARE(drafts.latest(f.techId)->form, kDispense);
        QVERIFY(!drafts.latest(f.pharmacistId));
        drafts.discard(f.picId, kDispense);
        QVERIFY(!drafts.load(f.picId, kDispense));
        QVERIFY(drafts.load(f.techId, kDispense)); // the technician's stays
    }

    void forgottenWhenSavedOrEmptied()
    {
        LedgerFixture f;
        DraftStore drafts(*f.store);
        drafts.save(f.picId, kDispense, fields({{"rxField", QStringLiteral("6000001")}}));
        drafts.discard(f.picId, kDispense); // what the form does once the dispense is recorded
        QVERIFY(!drafts.load(f.picId, kDispense));
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM drafts"), 0);
        drafts.discard(f.picId, kDispense); // none: nothing happens
        drafts.save(f.picId, kDispense, fields({{"rxField", QStringLiteral("6000001")}}));
        drafts.save(f.picId, kDispense, {}); // everything erased: nothing to keep
        QVERIFY(!drafts.load(f.picId, kDispense));
    }

    void neverAPin()
    {
        LedgerFixture f;
        DraftStore drafts(*f.store);
        QVERIFY(DraftStore::isSecretField(QStringLiteral("overridePinField")));
        QVERIFY(DraftStore::isSecretField(QStringLiteral("passwordField")));
        QVERIFY(!DraftStore::isSecretField(QStringLiteral("quantityField")));
        drafts.save(f.picId, kDispense, fields({{"quantityField", QStringLiteral("30")}, {"overridePinField", QStringLiteral("987654")},
                                               {"witnessPin", QStringLiteral("987654")}}));
        QCOMPARE(drafts.load(f.picId, kDispense)->fields, fields({{"quantityField", QStringLiteral("30")}}));
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM drafts WHERE fields_json LIKE '%987654%'"), 0);
        // Only a PIN: nothing is kept at all.
        drafts.save(f.picId, kReceive, fields({{"adjustPinField", QStringLiteral("1234")}}));
        QVERIFY(!drafts.load(f.picId, kReceive));
    }

    void survivesReopeningTheStore()
    {
        LedgerFixture f;
        {
            DraftStore drafts(*f.store);
            drafts.save(f.picId, kDispense, fields({{"rxField", QStringLiteral("6000001")}}));
        }
        f.ledger.reset();
        f.store.reset(); // as the app quits, or crashes: the WAL holds the draft
        f.store = f.t.open(false);
        DraftStore drafts(*f.store);
        QCOMPARE(drafts.load(f.picId, kDispense)->fields.value(QLatin1String("rxField")).toString(), QStringLiteral("6000001"));
    }

    void notARecord()
    {
        // Never journaled, so never in the outbox or a change set; not a projection, so a rebuild leaves it and the
        // state digest does not see it.
        LedgerFixture f;
        DraftStore drafts(*f.store);
        const qint64 head = f.store->journal().headSeq();
        const qint64 events = scalar(*f.store, "SELECT count(*) FROM events");
        const QByteArray digest = f.store->stateDigest();
        QSignalSpy committed(f.store.get(), &Store::committed);
        for (int i = 0; i < 20; ++i)
            drafts.save(f.picId, kDispense, fields({{"rxField", QString::number(6000000 + i)}}));
        QCOMPARE(f.store->journal().headSeq(), head);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM events"), events);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM outbox"), 0);
        QCOMPARE(f.store->stateDigest(), digest);
        QCOMPARE(committed.count(), 0);
        QVERIFY(!f.store->checkOtherWriters()); // the app's watch sees no new record
        QCOMPARE(rebuildMismatch(*f.store), QString());
        QVERIFY(drafts.load(f.picId, kDispense)); // a rebuild of the projections keeps the drafts
        QVERIFY(!f.store->currentStateTables().isEmpty());
        for (const auto &t : f.store->currentStateTables())
            QVERIFY(t.name != QLatin1String("drafts"));
    }

    void aHeldWriteLockNeverMakesTypingWait()
    {
        LedgerFixture f;
        DraftStore drafts(*f.store);
        RawConnection other(f.t.dbPath(), f.t.rawKey());
        QCOMPARE(other.exec(QStringLiteral("BEGIN IMMEDIATE")), QString()); // another connection is writing
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!drafts.save(f.picId, kDispense, fields({{"rxField", QStringLiteral("6000001")}})));
        QVERIFY2(timer.elapsed() < 500, "the save waited for the lock");
        QCOMPARE(drafts.load(f.picId, kDispense)->fields.value(QLatin1String("rxField")).toString(), QStringLiteral("6000001"));
        QCOMPARE(drafts.latest(f.picId)->form, kDispense);
        drafts.discard(f.picId, kReceive);
        QCOMPARE(other.exec(QStringLiteral("COMMIT")), QString());
        QTRY_COMPARE(scalar(*f.store, "SELECT count(*) FROM drafts"), 1); // written a moment later
        QVERIFY(drafts.flush());
    }

    void anOldStoreKeepsNone()
    {
        TempStore t;
        auto store = t.open(true, 14);
        DraftStore drafts(*store);
        QVERIFY(!drafts.isEnabled());
        QVERIFY(!drafts.save(QStringLiteral("p-1"), kDispense, fields({{"rxField", QStringLiteral("1")}})));
        QVERIFY(!drafts.load(QStringLiteral("p-1"), kDispense));
    }

    void theIdleLockIsASignedSetting()
    {
        LedgerFixture f;
        const LedgerQueries q(f.store->db());
        QCOMPARE(q.idleMinutes(), Ledger::kDefaultIdleMinutes);
        const QString refused = refusalText([&] { f.ledger->setIdleMinutes(*f.pic, 31, QStringLiteral("1234")); });
        QVERIFY2(refused.startsWith(QLatin1String("Could not change the idle lock: The idle lock must be between 1 and 30 minutes (got 31)")),
                 qPrintable(refused));
        QVERIFY(refusalText([&] { f.ledger->setIdleMinutes(*f.tech, 10, QStringLiteral("3456")); }).contains(QLatin1String("may not")));
        QVERIFY(refusalText([&] { f.ledger->setIdleMinutes(*f.pic, 10, QStringLiteral("9999")); }) != QLatin1String("(not refused)"));
        QCOMPARE(q.idleMinutes(), Ledger::kDefaultIdleMinutes);
        f.ledger->setIdleMinutes(*f.pic, 10, QStringLiteral("1234"));
        QCOMPARE(q.idleMinutes(), 10);
        QCOMPARE(rebuildMismatch(*f.store), QString()); // replayed from the journal like any setting
        QCOMPARE(q.idleMinutes(), 10);
    }
};

QTEST_GUILESS_MAIN(TestDraftStore)
#include "tst_draftstore.moc"
