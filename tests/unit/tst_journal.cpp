#include "CanonicalCbor.h"
#include "TestSupport.h"

#include <QCborArray>
#include <QStandardPaths>
#include <QTest>
#include <sqlite3.h>

using namespace cii;
using namespace cii::test;

namespace {

constexpr int kEvents = 10; // seq 1 is store.created, 2..10 are settings

struct Fixture
{
    TempStore t;
    QByteArray key;
    Fixture()
    {
        auto store = t.open();
        for (int i = 2; i <= kEvents; ++i) {
            t.clock.advance(1000);
            store->append(QStringLiteral("person-%1").arg(i % 3), QStringLiteral("setting.changed"),
                          {{QStringLiteral("key"), QStringLiteral("k%1").arg(i)}, {QStringLiteral("value"), QString::number(i * 11)}});
        }
        key = t.rawKey();
    }
    VerifyReport verify() { return t.open(false)->journal().verify(); }
    RawConnection raw() { return RawConnection(t.dbPath(), key); }
};

QString hex(const QByteArray &b)
{
    return QString::fromLatin1(b.toHex());
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void eventsChainFromGenesis()
    {
        Fixture f;
        auto store = f.t.open(false);
        QByteArray prev = Event::genesisHash();
        qint64 expected = 1;
        store->journal().forEach(1, [&](const Event &e) {
            [&] {
                QCOMPARE(e.seq, expected);
                QCOMPARE(e.prevHash, prev);
                QCOMPARE(e.hash, e.computeHash());
                QVERIFY(isCanonicalCbor(e.payload));
            }();
            prev = e.hash;
            ++expected;
            return true;
        });
        QCOMPARE(expected, kEvents + 1);
        const VerifyReport r = store->journal().verify();
        QVERIFY(r.intact);
        QCOMPARE(r.eventCount, kEvents);
        QCOMPARE(r.headHash, prev);
        QVERIFY(r.summary().startsWith(QLatin1String("The journal is intact: 10 events, head ")));
    }

    void hashCoversEveryField()
    {
        Event e{7, 1'790'000'000'000, QStringLiteral("p1"), QStringLiteral("setting.changed"),
                canonicalCbor(QCborMap{{QStringLiteral("key"), QStringLiteral("a")}}), QByteArray(32, '\1'), {}};
        const QByteArray h = e.computeHash();
        QCOMPARE(h.size(), 32);
        Event changed = e; changed.seq = 8; QVERIFY(changed.computeHash() != h);
        changed = e; changed.atMs += 1; QVERIFY(changed.computeHash() != h);
        changed = e; changed.actor = QStringLiteral("p2"); QVERIFY(changed.computeHash() != h);
        changed = e; changed.kind = QStringLiteral("x"); QVERIFY(changed.computeHash() != h);
        changed = e; changed.payload = canonicalCbor(QCborMap{{QStringLiteral("key"), QStringLiteral("b")}}); QVERIFY(changed.computeHash() != h);
        changed = e; changed.prevHash[0] = 2; QVERIFY(changed.computeHash() != h);
    }

    void triggersRefuseUpdateAndDelete()
    {
        Fixture f;
        auto store = f.t.open(false);
        try {
            store->db().exec("UPDATE events SET actor = 'someone else' WHERE seq = 3");
            QFAIL("update should be refused");
        } catch (const CiiError &e) {
            QCOMPARE(e.code(), CiiError::Code::AppendOnly);
        }
        try {
            store->db().exec("DELETE FROM events WHERE seq = 3");
            QFAIL("delete should be refused");
        } catch (const CiiError &e) {
            QCOMPARE(e.code(), CiiError::Code::AppendOnly);
        }
        QVERIFY(store->journal().verify().intact);
    }

    void editedPayloadIsFound()
    {
        Fixture f;
        {
            auto raw = f.raw();
            QCOMPARE(raw.exec(QStringLiteral("DROP TRIGGER events_refuse_update")), QString());
            const QByteArray forged = canonicalCbor(QCborMap{{QStringLiteral("key"), QStringLiteral("k5")}, {QStringLiteral("value"), QStringLiteral("0")}});
            QCOMPARE(raw.exec(QStringLiteral("UPDATE events SET payload = x'%1' WHERE seq = 5").arg(hex(forged))), QString());
        }
        const VerifyReport r = f.verify();
        QVERIFY(!r.intact);
        QCOMPARE(r.firstBadSeq, 5);
        QVERIFY(r.problem.contains(QLatin1String("edited")));
    }

    void editedTimeOrActorIsFound()
    {
        Fixture f;
        {
            auto raw = f.raw();
            raw.exec(QStringLiteral("DROP TRIGGER events_refuse_update"));
            QCOMPARE(raw.exec(QStringLiteral("UPDATE events SET actor = 'person-9' WHERE seq = 8")), QString());
        }
        QCOMPARE(f.verify().firstBadSeq, 8);
    }

    void deletedRowIsFound()
    {
        Fixture f;
        {
            auto raw = f.raw();
            QCOMPARE(raw.exec(QStringLiteral("DROP TRIGGER events_refuse_delete")), QString());
            QCOMPARE(raw.exec(QStringLiteral("DELETE FROM events WHERE seq = 6")), QString());
        }
        const VerifyReport r = f.verify();
        QVERIFY(!r.intact);
        QCOMPARE(r.firstBadSeq, 6);
        QVERIFY(r.problem.contains(QLatin1String("missing")));
    }

    void swappedRowsAreFound()
    {
        Fixture f;
        {
            auto raw = f.raw();
            raw.exec(QStringLiteral("DROP TRIGGER events_refuse_update"));
            QCOMPARE(raw.exec(QStringLiteral("UPDATE events SET seq = -1 WHERE seq = 4; UPDATE events SET seq = 4 WHERE seq = 7; "
                                             "UPDATE events SET seq = 7 WHERE seq = -1;")), QString());
        }
        const VerifyReport r = f.verify();
        QVERIFY(!r.intact);
        QCOMPARE(r.firstBadSeq, 4);
    }

    void insertedRowIsFound()
    {
        // A careful forger shifts events 5.. up by one and inserts a well-formed event 5 chained to event 4.
        // The forged event itself links correctly; the chain breaks at the next one, which is where verify points.
        Fixture f;
        QByteArray hash4;
        {
            auto store = f.t.open(false);
            store->journal().forEach(4, [&](const Event &e) { hash4 = e.hash; return false; });
        }
        Event forged{5, 1'790'000'004'500, QStringLiteral("person-1"), QStringLiteral("setting.changed"),
                     canonicalCbor(QCborMap{{QStringLiteral("key"), QStringLiteral("x")}, {QStringLiteral("value"), QStringLiteral("y")}}),
                     hash4, {}};
        forged.hash = forged.computeHash();
        {
            auto raw = f.raw();
            raw.exec(QStringLiteral("DROP TRIGGER events_refuse_update"));
            QCOMPARE(raw.exec(QStringLiteral("UPDATE events SET seq = seq + 1000 WHERE seq >= 5; UPDATE events SET seq = seq - 999 WHERE seq >= 1005;")), QString());
            QCOMPARE(raw.exec(QStringLiteral("INSERT INTO events VALUES (5, %1, 'person-1', 'setting.changed', x'%2', x'%3', x'%4')")
                                  .arg(forged.atMs).arg(hex(forged.payload), hex(forged.prevHash), hex(forged.hash))), QString());
        }
        const VerifyReport r = f.verify();
        QVERIFY(!r.intact);
        QCOMPARE(r.firstBadSeq, 6);
    }

    void insertedRowWithoutValidHashIsFoundAtItself()
    {
        Fixture f;
        {
            auto raw = f.raw();
            raw.exec(QStringLiteral("DROP TRIGGER events_refuse_update"));
            raw.exec(QStringLiteral("UPDATE events SET seq = seq + 1000 WHERE seq >= 3; UPDATE events SET seq = seq - 999 WHERE seq >= 1003;"));
            QCOMPARE(raw.exec(QStringLiteral("INSERT INTO events VALUES (3, 0, 'x', 'setting.changed', x'a0', zeroblob(32), randomblob(32))")), QString());
        }
        QCOMPARE(f.verify().firstBadSeq, 3);
    }

    void cutTailIsFound()
    {
        Fixture f;
        {
            auto raw = f.raw();
            raw.exec(QStringLiteral("DROP TRIGGER events_refuse_delete"));
            QCOMPARE(raw.exec(QStringLiteral("DELETE FROM events WHERE seq >= 8")), QString());
        }
        const VerifyReport r = f.verify();
        QVERIFY(!r.intact);
        QCOMPARE(r.firstBadSeq, 8);
        QVERIFY(r.problem.contains(QLatin1String("missing from the end")));
    }

    void appendedOutsideTheAppIsFound()
    {
        Fixture f;
        QByteArray head;
        {
            auto store = f.t.open(false);
            head = store->journal().headHash();
        }
        Event extra{kEvents + 1, 1'790'000'100'000, QStringLiteral("x"), QStringLiteral("setting.changed"),
                    canonicalCbor(QCborMap{}), head, {}};
        extra.hash = extra.computeHash();
        {
            auto raw = f.raw();
            QCOMPARE(raw.exec(QStringLiteral("INSERT INTO events VALUES (%1, %2, 'x', 'setting.changed', x'%3', x'%4', x'%5')")
                                  .arg(extra.seq).arg(extra.atMs).arg(hex(extra.payload), hex(extra.prevHash), hex(extra.hash))), QString());
        }
        const VerifyReport r = f.verify();
        QVERIFY(!r.intact);
        QCOMPARE(r.firstBadSeq, kEvents + 1);
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
