#include "Migrator.h"
#include "SettingsProjection.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <sqlite3.h>

using namespace cii;
using namespace cii::test;

namespace {
QCborMap setting(const QString &key, const QString &value)
{
    return {{QStringLiteral("key"), key}, {QStringLiteral("value"), value}};
}

QByteArray fileHash(const QString &path)
{
    return QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256);
}

CiiError::Code openFailure(TempStore &t, bool create = false)
{
    try {
        t.open(create);
    } catch (const CiiError &e) {
        qInfo("%s", qPrintable(e.userText()));
        return e.code();
    }
    return CiiError::Code::Internal; // opened: the caller's QCOMPARE fails with a clear value
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void createsAnEncryptedStoreWithItsSettings()
    {
        TempStore t;
        auto store = t.open();
        QVERIFY(store->wasCreated());
        QCOMPARE(store->schemaVersion(), Migrator::latestVersion());
        QCOMPARE(store->keyProtection(), KeyStore::Protection::OwnerOnlyFile);
        QCOMPARE(store->journal().headSeq(), 1); // store.created
        QVERIFY(!SettingsProjection::value(store->db(), QStringLiteral("store.id")).isEmpty());

        sql::Query mode(store->db(), "PRAGMA journal_mode");
        QVERIFY(mode.next());
        QCOMPARE(mode.text(0), QStringLiteral("wal"));
        sql::Query sync(store->db(), "PRAGMA synchronous");
        QVERIFY(sync.next());
        QCOMPARE(sync.int64(0), 2); // FULL
        sql::Query fk(store->db(), "PRAGMA foreign_keys");
        QVERIFY(fk.next());
        QCOMPARE(fk.int64(0), 1);
        sql::Query page(store->db(), "PRAGMA cipher_page_size");
        QVERIFY(page.next());
        QCOMPARE(page.int64(0), 4096);
    }

    void twoLiveQueriesWithTheSameTextKeepTheirOwnCursors()
    {
        TempStore t;
        auto store = t.open();
        store->append(QStringLiteral("test"), QStringLiteral("setting.changed"), setting(QStringLiteral("a"), QStringLiteral("1")));
        const char *sql = "SELECT seq FROM events WHERE seq >= ? ORDER BY seq";
        sql::Query outer(store->db(), sql);
        outer.bind(1, 1);
        QVERIFY(outer.next());
        QCOMPARE(outer.int64(0), 1);
        {
            sql::Query inner(store->db(), sql); // the outer one is mid-cursor: this must not reset it
            inner.bind(1, 2);
            QVERIFY(inner.next());
            QCOMPARE(inner.int64(0), 2);
        }
        QVERIFY(outer.next());
        QCOMPARE(outer.int64(0), 2);
        QVERIFY(!outer.next());
    }

    void noPlaintextInTheDatabaseOrWal()
    {
        TempStore t;
        const QString marker = QStringLiteral("PLAINTEXT-MARKER-Oxycodone-Rx-778899");
        {
            auto store = t.open();
            for (int i = 0; i < 50; ++i)
                store->append(QStringLiteral("tester"), QStringLiteral("setting.changed"),
                              setting(QStringLiteral("note.%1").arg(i), marker));
            // While open, the newest pages are in the WAL: check it too.
            const QByteArray wal = readAll(t.dbPath() + QStringLiteral("-wal"));
            QVERIFY(!wal.isEmpty());
            QVERIFY(!wal.contains(marker.toUtf8()));
            QVERIFY(!wal.contains("setting.changed"));
        }
        const QByteArray db = readAll(t.dbPath());
        QVERIFY(db.size() >= 4096);
        QVERIFY(!db.contains(marker.toUtf8()));
        QVERIFY(!db.contains("SQLite format 3"));
        QVERIFY(!db.contains("CREATE TABLE"));
        // And the marker really was written: it reads back through the store.
        auto store = t.open(false);
        QCOMPARE(SettingsProjection::value(store->db(), QStringLiteral("note.7")), marker);
    }

    void reopensWithItsKey()
    {
        TempStore t;
        { auto s = t.open(); s->append(QStringLiteral("a"), QStringLiteral("setting.changed"), setting(QStringLiteral("k"), QStringLiteral("v"))); }
        auto store = t.open(false);
        QVERIFY(!store->wasCreated());
        QCOMPARE(store->journal().headSeq(), 2);
        QCOMPARE(SettingsProjection::value(store->db(), QStringLiteral("k")), QStringLiteral("v"));
    }

    void noStoreIsReportedNotCreated()
    {
        TempStore t;
        QCOMPARE(openFailure(t), CiiError::Code::NoStore);
        QVERIFY(!QFile::exists(t.dbPath()));
    }

    void missingKeyIsReportedAndFileUntouched()
    {
        TempStore t;
        { t.open(); }
        const QByteArray before = fileHash(t.dbPath());
        QVERIFY(QFile::remove(t.keys->keyFilePath(QFileInfo(t.dataDir.path()).canonicalFilePath())));
        QCOMPARE(openFailure(t), CiiError::Code::MissingKey);
        QCOMPARE(fileHash(t.dbPath()), before);
    }

    void anotherStoresKeyIsAWrongKey()
    {
        TempStore a, b;
        { a.open(); }
        { b.open(); }
        const QByteArray before = fileHash(a.dbPath());
        // Put b's store file where a's key is expected.
        QVERIFY(QFile::remove(a.dbPath()));
        QVERIFY(QFile::copy(b.dbPath(), a.dbPath()));
        QCOMPARE(openFailure(a), CiiError::Code::WrongKey);
        QVERIFY(fileHash(a.dbPath()) != before);
        QCOMPARE(fileHash(a.dbPath()), fileHash(b.dbPath())); // untouched by the refused open
    }

    void aKeyWithoutSaltBindingStillReportsWrongKey()
    {
        TempStore t;
        { t.open(); }
        // An old-style key entry (no salt) holding a different random key.
        const QString id = QFileInfo(t.dataDir.path()).canonicalFilePath();
        t.keys->save(id, StoreKey{QByteArray(32, '\x5a'), {}});
        QCOMPARE(openFailure(t), CiiError::Code::WrongKey);
    }

    void damagedFileIsCorrupt()
    {
        TempStore t;
        { auto s = t.open(); s->append(QStringLiteral("a"), QStringLiteral("setting.changed"), setting(QStringLiteral("k"), QStringLiteral("v"))); }
        QFile f(t.dbPath());
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(100); // inside page 1, after the salt: the key still matches the file, the page does not decrypt
        f.write(QByteArray(64, '\xff'));
        f.close();
        QCOMPARE(openFailure(t), CiiError::Code::Corrupt);
    }

    void truncatedFileIsCorrupt()
    {
        TempStore t;
        { t.open(); }
        QVERIFY(QFile::resize(t.dbPath(), 1000));
        QCOMPARE(openFailure(t), CiiError::Code::Corrupt);
    }

    void plainSqliteFileIsNotAStore()
    {
        TempStore t;
        { t.open(); }
        QVERIFY(QFile::remove(t.dbPath()));
        sqlite3 *db = nullptr;
        sqlite3_open(t.dbPath().toUtf8().constData(), &db);
        sqlite3_exec(db, "CREATE TABLE x(y); INSERT INTO x VALUES (1);", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        const QByteArray before = fileHash(t.dbPath());
        QCOMPARE(openFailure(t), CiiError::Code::NotADatabase);
        QCOMPARE(fileHash(t.dbPath()), before);
    }

    void newerSchemaIsRefusedUntouched()
    {
        TempStore t;
        { t.open(); }
        {
            RawConnection raw(t.dbPath(), t.rawKey());
            QCOMPARE(raw.exec(QStringLiteral("PRAGMA user_version = 999")), QString());
        }
        const QByteArray before = fileHash(t.dbPath());
        QCOMPARE(openFailure(t), CiiError::Code::NewerSchema);
        QCOMPARE(fileHash(t.dbPath()), before);
    }

    void olderSchemaIsMigratedAndProjectionsRebuilt()
    {
        TempStore t;
        {
            // A store as version 1 wrote it: the journal only, no settings table yet.
            auto old = t.open(true, 1, false);
            QCOMPARE(old->schemaVersion(), 1);
            old->append(QStringLiteral("a"), QStringLiteral("setting.changed"), setting(QStringLiteral("timezone"), QStringLiteral("America/Chicago")));
        }
        auto store = t.open(false);
        QCOMPARE(store->schemaVersion(), Migrator::latestVersion());
        QVERIFY(store->schemaVersion() > 1);
        // The settings projection, added by a later migration, was rebuilt from the old journal.
        QCOMPARE(SettingsProjection::value(store->db(), QStringLiteral("timezone")), QStringLiteral("America/Chicago"));
        QCOMPARE(store->journal().headSeq(), 2);
        QVERIFY(store->verify().intact);
    }

    void anOutboxOfVersion8KeepsItsRowsAndItsRules()
    {
        // Version 9 moved the outbox's rows into outbox_rows behind the view `outbox` (superseded rows, sealed again
        // for a service put back from an older copy): the rows written before are all there, as they were, and
        // the outbox's rules hold through the view.
        TempStore t;
        {
            auto old = t.open(true, 8, false);
            sql::Query(old->db(), "INSERT INTO outbox (first_seq, last_seq, set_hash, bytes, sealed_ms, acked_ms) VALUES (1, 3, x'01', NULL, 10, 20)").run();
            sql::Query(old->db(), "INSERT INTO outbox (first_seq, last_seq, set_hash, bytes, sealed_ms) VALUES (4, 4, x'02', x'0a0b', 30)").run();
        }
        auto store = t.open(false);
        QCOMPARE(store->schemaVersion(), Migrator::latestVersion());
        const auto rows = [&] {
            QStringList out;
            sql::Query q(store->db(), "SELECT first_seq, last_seq, hex(set_hash), hex(bytes), sealed_ms, acked_ms FROM outbox ORDER BY first_seq");
            while (q.next())
                out << QStringLiteral("%1-%2 %3 %4 %5 %6").arg(q.int64(0)).arg(q.int64(1)).arg(q.text(2), q.text(3)).arg(q.int64(4)).arg(q.int64(5));
            return out.join(QLatin1String("; "));
        };
        QCOMPARE(rows(), QStringLiteral("1-3 01  10 20; 4-4 02 0A0B 30 0"));
        sql::Query(store->db(), "UPDATE outbox SET acked_ms = 40, bytes = NULL WHERE first_seq = 4 AND acked_ms IS NULL").run();
        QCOMPARE(rows(), QStringLiteral("1-3 01  10 20; 4-4 02  30 40"));
        const auto refused = [&](const char *sql) { return refusalOf(*store, sql); };
        QVERIFY(refused("INSERT INTO outbox (first_seq, last_seq, set_hash, bytes, sealed_ms) VALUES (4, 5, x'03', x'00', 50)").contains(QLatin1String("UNIQUE")));
        QVERIFY(refused("UPDATE outbox SET last_seq = 9 WHERE first_seq = 4").contains(QLatin1String("cannot be changed")));
        QVERIFY(refused("UPDATE outbox SET acked_ms = NULL WHERE first_seq = 1").contains(QLatin1String("stays acknowledged")));
        QVERIFY(refused("DELETE FROM outbox").contains(QLatin1String("never deleted")));
        QCOMPARE(rows(), QStringLiteral("1-3 01  10 20; 4-4 02  30 40"));
    }

    void diskFullIsReportedAndNothingWritten()
    {
        TempStore t;
        auto store = t.open();
        const qint64 head = store->journal().headSeq();
        qint64 count = 0;
        {
            sql::Query pages(store->db(), "PRAGMA page_count");
            QVERIFY(pages.next());
            count = pages.int64(0);
        }
        store->db().exec("PRAGMA max_page_count = " + QByteArray::number(count));
        const QString big(20000, QLatin1Char('x'));
        try {
            store->append(QStringLiteral("a"), QStringLiteral("setting.changed"), setting(QStringLiteral("big"), big));
            QFAIL("the append should have failed: the store may not grow");
        } catch (const CiiError &e) {
            QCOMPARE(e.code(), CiiError::Code::DiskFull);
            QVERIFY(e.message().contains(QLatin1String("disk is full")));
            QVERIFY(e.isRetryable());
        }
        QCOMPARE(store->journal().headSeq(), head);
        QCOMPARE(store->journal().count(), head);
        QVERIFY(SettingsProjection::value(store->db(), QStringLiteral("big")).isEmpty());
    }

    void unwritableLocationIsReported()
    {
        TempStore t;
        Store::Options o;
        o.dataDir = QStringLiteral("/proc/cii-ledger-cannot-exist/data");
        o.keyStore = t.keys.get();
        o.clock = &t.clock;
        o.create = true;
        try {
            Store::open(std::move(o));
            QFAIL("opening under /proc should fail");
        } catch (const CiiError &e) {
            QCOMPARE(e.code(), CiiError::Code::NotWritable);
        }
    }

    void rebuildGivesTheLiveState()
    {
        TempStore t;
        auto store = t.open();
        for (int i = 0; i < 30; ++i)
            store->append(QStringLiteral("a"), QStringLiteral("setting.changed"),
                          setting(QStringLiteral("k%1").arg(i % 7), QString::number(i)));
        const QByteArray live = store->stateDigest();
        store->rebuildProjections();
        QCOMPARE(store->stateDigest(), live);
        const VerifyReport r = store->verify();
        QVERIFY(r.intact);
        QVERIFY(r.projectionsMatch);
        // A projection row changed behind the journal's back is noticed.
        store->db().exec("UPDATE settings SET value = 'forged' WHERE key = 'k3'");
        QVERIFY(!store->verify().projectionsMatch);
    }

    void failedWriteRollsBackEverything()
    {
        TempStore t;
        auto store = t.open();
        const QByteArray head = store->journal().headHash();
        QSignalSpy committed(store.get(), &Store::committed);
        QVERIFY_THROWS_EXCEPTION(CiiError, store->write(QStringLiteral("test"), [&] {
            store->appendInTransaction(QStringLiteral("a"), QStringLiteral("setting.changed"), setting(QStringLiteral("x"), QStringLiteral("1")));
            throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("test"), {}, QStringLiteral("refused"));
        }));
        QCOMPARE(store->journal().headHash(), head);
        QCOMPARE(store->journal().count(), 1);
        QVERIFY(SettingsProjection::value(store->db(), QStringLiteral("x")).isEmpty());
        QCOMPARE(committed.count(), 0);
        store->append(QStringLiteral("a"), QStringLiteral("setting.changed"), setting(QStringLiteral("y"), QStringLiteral("2")));
        QCOMPARE(committed.count(), 1);
        QVERIFY(store->verify().intact);
    }

    // ciictl (another process, another connection) appends while the app has the store open: the app's next
    // write follows the true head instead of failing on a sequence number taken, and the app notices the events.
    void anotherWritersEventsAreFollowedAndNoticed()
    {
        TempStore t;
        auto app = t.open();
        auto other = t.open(false);
        QSignalSpy committed(app.get(), &Store::committed);
        QVERIFY(!app->checkOtherWriters());
        other->append(QStringLiteral("b"), QStringLiteral("setting.changed"), setting(QStringLiteral("from"), QStringLiteral("ciictl")));
        other->append(QStringLiteral("b"), QStringLiteral("setting.changed"), setting(QStringLiteral("again"), QStringLiteral("ciictl")));
        QCOMPARE(app->journal().headSeq(), 1); // not seen yet

        QVERIFY(app->checkOtherWriters());
        QCOMPARE(committed.count(), 1);
        QCOMPARE(committed.last().value(0).toLongLong(), 3);
        QCOMPARE(app->journal().headSeq(), 3);
        QVERIFY(!app->checkOtherWriters()); // nothing new since

        other->append(QStringLiteral("b"), QStringLiteral("setting.changed"), setting(QStringLiteral("third"), QStringLiteral("ciictl")));
        app->append(QStringLiteral("a"), QStringLiteral("setting.changed"), setting(QStringLiteral("mine"), QStringLiteral("app")));
        QCOMPARE(app->journal().headSeq(), 5);
        QCOMPARE(SettingsProjection::value(app->db(), QStringLiteral("mine")), QStringLiteral("app"));
        QVERIFY(app->verify().intact);
        QVERIFY(other->verify().intact);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
