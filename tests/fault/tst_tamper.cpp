// Tampering with what the backup service stores (docs/RELIABILITY.md): one pharmacy backed up in several change
// sets (no archives, so the restore reads each set), then, one at a time, its stored sets are altered in the
// service's own database file (a flipped bit, a set cut short, one dropped, two swapped, an earlier one replayed
// in a later one's place, another pharmacy's set in its place) and a replacement workstation restores. Each
// restore must stop, name the set and the check that failed, and leave a store that does not open as complete.
// The tampering is undone after each case. Refusals at the service itself (revoked device, another pharmacy,
// stale or replayed requests, bad signatures) are tst_backupd's; a store edited outside the app, tst_journal's
// and tst_ciictl's.
#include "Activation.h"
#include "CloudCheck.h"
#include "Drainer.h"
#include "RecoverySetup.h"
#include "Restore.h"
#include "TestCloud.h"
#include "TestSupport.h"
#include "Workload.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

/// The service's stored change sets, read and written behind its back.
class ServiceFile
{
public:
    explicit ServiceFile(Cloud &cloud)
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        m_db.setDatabaseName(cloud.dir.filePath(QStringLiteral("backup.db")));
        if (!m_db.open())
            qFatal("cannot open the service's file");
        m_pharmacy = cloud.pharmacyId;
    }
    ~ServiceFile()
    {
        m_db.close();
        m_db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    }
    QList<qint64> firstSeqs()
    {
        QList<qint64> r;
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT first_seq FROM changesets WHERE pharmacy_id = ? ORDER BY first_seq"));
        q.addBindValue(m_pharmacy);
        q.exec();
        while (q.next())
            r << q.value(0).toLongLong();
        return r;
    }
    QByteArray bytes(qint64 firstSeq, const QString &pharmacy = {})
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT bytes FROM changesets WHERE pharmacy_id = ? AND first_seq = ?"));
        q.addBindValue(pharmacy.isEmpty() ? m_pharmacy : pharmacy);
        q.addBindValue(firstSeq);
        q.exec();
        return q.next() ? q.value(0).toByteArray() : QByteArray();
    }
    void setBytes(qint64 firstSeq, const QByteArray &bytes)
    {
        run(QStringLiteral("UPDATE changesets SET bytes = ? WHERE pharmacy_id = ? AND first_seq = ?"), {bytes, m_pharmacy, firstSeq});
    }
    /// Takes the row out (kept, to put back).
    void drop(qint64 firstSeq)
    {
        run(QStringLiteral("CREATE TABLE IF NOT EXISTS set_aside AS SELECT * FROM changesets WHERE 0"), {});
        run(QStringLiteral("INSERT INTO set_aside SELECT * FROM changesets WHERE pharmacy_id = ? AND first_seq = ?"), {m_pharmacy, firstSeq});
        run(QStringLiteral("DELETE FROM changesets WHERE pharmacy_id = ? AND first_seq = ?"), {m_pharmacy, firstSeq});
    }
    void putBack()
    {
        run(QStringLiteral("INSERT INTO changesets SELECT * FROM set_aside"), {});
        run(QStringLiteral("DELETE FROM set_aside"), {});
    }
    QString otherPharmacy()
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT id FROM pharmacies WHERE id <> ? LIMIT 1"));
        q.addBindValue(m_pharmacy);
        q.exec();
        return q.next() ? q.value(0).toString() : QString();
    }

private:
    void run(const QString &sql, const QVariantList &values)
    {
        QSqlQuery q(m_db);
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec())
            qFatal("tampering failed: %s", qPrintable(sql));
    }
    QSqlDatabase m_db;
    QString m_pharmacy;
};

/// A second pharmacy on the same service, with sets of its own (its device and key are not the first's).
void backUpAnotherPharmacy(Cloud &cloud)
{
    LedgerFixture other;
    const QString ph = cloud.store.createPharmacy(QStringLiteral("Other Pharmacy"), Cloud::now());
    QString problem;
    sync::activate(other.store->db(), cloud.url(), cloud.store.issueActivationCode(ph, Cloud::now() + 60'000, Cloud::now()),
                   QStringLiteral("Other PC"), {}, Cloud::now(), problem);
    recordEveryKind(other, 30, 7u);
    sync::Drainer::Options o;
    o.store = other.store->connectionRecipe();
    o.archiveEveryEvents = 0;
    auto drainer = sync::Drainer::startOnThread(o);
    const qint64 head = other.store->journal().headSeq();
    QTRY_COMPARE_WITH_TIMEOUT(cloud.store.head(ph).lastSeq, head, 20'000);
}

} // namespace

class TestTamper : public QObject
{
    Q_OBJECT

    Cloud m_cloud;
    LedgerFixture m_f;
    QString m_recoveryKey;
    QList<qint64> m_sets;

private Q_SLOTS:
    void initTestCase()
    {
        QString problem;
        QVERIFY(sync::activate(m_f.store->db(), m_cloud.url(), m_cloud.code(), QStringLiteral("Counter PC"), {}, Cloud::now(), problem));
        m_recoveryKey = sync::replaceRecoveryKey(m_f.store->db(), Cloud::now(), problem, 1u << 10)->text();
        for (int round = 0; round < 6; ++round) { // a change set or more each
            recordEveryKind(m_f, 40, 900u + round);
            backUpEverything(*m_f.store, m_cloud, 0);
        }
        backUpAnotherPharmacy(m_cloud);
        m_sets = ServiceFile(m_cloud).firstSeqs();
        QVERIFY2(m_sets.size() >= 6, qPrintable(QString::number(m_sets.size())));
        // Untouched, it restores.
        NewWorkstation pc;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(m_cloud, m_recoveryKey));
        QVERIFY2(r.complete, qPrintable(r.problem));
        QCOMPARE(r.headHash, m_f.store->journal().headHash());
    }

    void eachTamperStopsTheRestoreAndSaysWhere_data()
    {
        QTest::addColumn<QString>("tamper");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a flipped bit") << "flip" << "failed its signature check";
        QTest::newRow("a set cut short") << "truncate" << "not a change set";
        QTest::newRow("a set dropped") << "drop" << "failed its continuity check";
        QTest::newRow("two sets swapped") << "swap" << "failed its continuity check";
        QTest::newRow("an earlier set replayed") << "replay" << "failed its continuity check";
        QTest::newRow("another pharmacy's set") << "foreign" << "names a workstation the backup service does not know";
    }

    void eachTamperStopsTheRestoreAndSaysWhere()
    {
        QFETCH(QString, tamper);
        QFETCH(QString, expected);
        const qint64 target = m_sets.at(3);
        const QByteArray original = ServiceFile(m_cloud).bytes(target);
        const QByteArray next = ServiceFile(m_cloud).bytes(m_sets.at(4));
        {
            ServiceFile file(m_cloud);
            if (tamper == QLatin1String("flip")) {
                QByteArray b = original;
                b[b.size() / 2] = char(b[b.size() / 2] ^ 0x04);
                file.setBytes(target, b);
            } else if (tamper == QLatin1String("truncate")) {
                file.setBytes(target, original.left(original.size() / 2));
            } else if (tamper == QLatin1String("drop")) {
                file.drop(target);
            } else if (tamper == QLatin1String("swap")) {
                file.setBytes(target, next);
                file.setBytes(m_sets.at(4), original);
            } else if (tamper == QLatin1String("replay")) {
                file.setBytes(target, file.bytes(m_sets.at(2)));
            } else if (tamper == QLatin1String("foreign")) {
                const QString other = file.otherPharmacy();
                file.setBytes(target, file.bytes(1, other));
            }
        }

        NewWorkstation pc;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(m_cloud, m_recoveryKey));

        { // undone before any check can return
            ServiceFile file(m_cloud);
            if (tamper == QLatin1String("drop"))
                file.putBack();
            file.setBytes(target, original);
            file.setBytes(m_sets.at(4), next);
        }
        QVERIFY2(!r.complete, "the restore accepted a tampered backup");
        qInfo("%s: %s", qPrintable(tamper), qPrintable(r.problem));
        // Where it stopped, and which set was due there (fewer than 1,000 events: no digit grouping).
        QVERIFY2(r.problem.contains(QStringLiteral("The restore stopped at event %1 of").arg(target - 1)), qPrintable(r.problem));
        QVERIFY2(r.problem.contains(QStringLiteral("starting at event %1").arg(target)), qPrintable(r.problem));
        QVERIFY2(r.problem.contains(expected), qPrintable(r.problem));
        QVERIFY(r.events < target); // nothing from the set, nor after it
        QCOMPARE(pc.openError(), CiiError::Code::RestoreIncomplete);
    }

    void untamperedAgainItRestoresExactly()
    {
        NewWorkstation pc;
        const sync::RestoreReport r = sync::restoreFromCloud(pc.options(m_cloud, m_recoveryKey));
        QVERIFY2(r.complete, qPrintable(r.problem));
        QCOMPARE(r.headHash, m_f.store->journal().headHash());
        QCOMPARE(pc.open()->stateDigest(), m_f.store->stateDigest());
    }
};

QTEST_GUILESS_MAIN(TestTamper)
#include "tst_tamper.moc"
