#include "Outbox.h"

#include "ChangeSet.h"
#include "CiiError.h"
#include "DeviceKey.h"
#include "Journal.h"
#include "ReplicationSettings.h"
#include "Sqlite.h"
#include "Store.h"

#include <sqlite3.h>

namespace cii::sync {

Outbox::Outbox(sql::Database &db, QList<Projection::Table> stateTables)
    : m_db(db)
    , m_stateTables(std::move(stateTables))
{
}

namespace {
/// A deferred read transaction: one snapshot of the journal and the state it leads to, no write lock.
class ReadSnapshot
{
public:
    ReadSnapshot(sql::Database &db, const QString &op) : m_db(db) { m_db.exec("BEGIN DEFERRED", op); }
    ~ReadSnapshot() { sqlite3_exec(m_db.handle(), "COMMIT", nullptr, nullptr, nullptr); }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

private:
    sql::Database &m_db;
};
} // namespace

int Outbox::sealPending(const ReplicationSettings &settings, qint64 nowMs, qint64 maxPlainBytes, int maxSets)
{
    const QString op = QStringLiteral("seal the change sets for backup");
    if (m_stateTables.isEmpty())
        throw CiiError(CiiError::Code::Internal, op, QString(), QStringLiteral("the outbox was not given the store's state tables"));
    // Reading and sealing happen outside the write transaction (WAL readers never block the counter's
    // commits); only the inserts take the write lock, for a few milliseconds. The drainer is the outbox's only
    // writer, so the end read here is still the end when the rows go in (checked anyway).
    std::optional<ReadSnapshot> snapshot(std::in_place, m_db, op);
    qint64 sealedThrough = 0, headSeq = 0;
    QByteArray prevSet(32, '\0');
    {
        sql::Query head(m_db, "SELECT seq FROM journal_head WHERE id = 1", op);
        if (head.next())
            headSeq = head.int64(0);
    }
    {
        sql::Query end(m_db, "SELECT last_seq, set_hash FROM outbox ORDER BY first_seq DESC LIMIT 1", op);
        if (end.next()) {
            sealedThrough = end.int64(0);
            prevSet = end.blob(1);
        }
    }
    const qint64 startedAfter = sealedThrough;
    const DeviceKey device = DeviceKey::fromPrivateKey(settings.devicePrivateKey);
    const BackupKey key{settings.dataKey};
    struct Sealed
    {
        qint64 first, last;
        QByteArray hash, bytes;
    };
    QList<Sealed> sealed;
    QList<Event> batch;
    qint64 batchBytes = 0;
    const auto sealBatch = [&] {
        ChangeSetHeader h;
        h.pharmacyId = settings.pharmacyId;
        h.deviceId = settings.deviceId;
        h.firstSeq = batch.first().seq;
        h.lastSeq = batch.last().seq;
        h.prevSetHash = prevSet;
        h.createdMs = nowMs;
        h.keyId = key.id();
        // The state after the set's last event, when that is the snapshot's head; otherwise not recorded
        // (32 zero bytes): a backlog cut into sets carries it on its last set (docs/REPLICATION.md).
        h.stateDigest = h.lastSeq == headSeq ? Store::digestTables(m_db, m_stateTables) : QByteArray(32, '\0');
        const QByteArray bytes = changeset::seal(h, batch, key, device);
        prevSet = changeset::setHash(bytes);
        sealed << Sealed{h.firstSeq, h.lastSeq, prevSet, bytes};
        batch.clear();
        batchBytes = 0;
    };
    Journal::forEachIn(m_db, sealedThrough + 1, [&](const Event &e) {
        const qint64 size = e.payload.size() + e.actor.size() + e.kind.size() + 90; // CBOR framing, two hashes
        if (!batch.isEmpty() && batchBytes + size > maxPlainBytes) {
            sealBatch();
            if (sealed.size() >= maxSets)
                return false; // the rest on the next call: memory and each call's time stay bounded
        }
        batch << e;
        batchBytes += size;
        return true;
    });
    if (!batch.isEmpty())
        sealBatch();
    snapshot.reset();
    if (sealed.isEmpty())
        return 0;

    sql::Transaction tx(m_db, op);
    {
        sql::Query end(m_db, "SELECT coalesce(max(last_seq), 0) FROM outbox", op);
        end.next();
        if (end.int64(0) != startedAfter)
            throw CiiError(CiiError::Code::Busy, op, QStringLiteral("this store"),
                           QStringLiteral("another program sealed change sets at the same time"), {}, true);
    }
    for (const Sealed &s : sealed)
        sql::Query(m_db, "INSERT INTO outbox (first_seq, last_seq, set_hash, bytes, sealed_ms) VALUES (?, ?, ?, ?, ?)", op)
            .bind(1, s.first).bind(2, s.last).bind(3, s.hash).bind(4, s.bytes).bind(5, nowMs).run();
    tx.commit();
    return int(sealed.size());
}

std::optional<Outbox::Row> Outbox::oldestUnackedIn(const char *table)
{
    const QByteArray sqlText = QByteArray("SELECT first_seq, last_seq, bytes, sealed_ms FROM ") + table
                               + " WHERE acked_ms IS NULL ORDER BY first_seq LIMIT 1";
    sql::Query q(m_db, sqlText.constData(), QStringLiteral("read the outbox"));
    if (!q.next())
        return std::nullopt;
    return Row{q.int64(0), q.int64(1), q.blob(2), q.int64(3)};
}

void Outbox::acknowledgeIn(const char *table, qint64 firstSeq, qint64 nowMs)
{
    const QString op = QStringLiteral("record the acknowledgement");
    const QByteArray sqlText = QByteArray("UPDATE ") + table + " SET acked_ms = ?, bytes = NULL WHERE first_seq = ? AND acked_ms IS NULL";
    sql::Transaction tx(m_db, op);
    sql::Query(m_db, sqlText.constData(), op).bind(1, nowMs).bind(2, firstSeq).run();
    tx.commit();
}

bool Outbox::supersedeFrom(qint64 firstSeq, qint64 nowMs)
{
    const QString op = QStringLiteral("seal again what the backup service lost");
    sql::Transaction tx(m_db, op);
    if (firstSeq > 1) { // the set the service still holds last: ours, and acknowledged
        sql::Query before(m_db, "SELECT count(*) FROM outbox WHERE last_seq = ? AND acked_ms IS NOT NULL", op);
        before.bind(1, firstSeq - 1);
        before.next();
        if (before.int64(0) == 0)
            return false;
    }
    sql::Query after(m_db, "SELECT count(*) FROM outbox WHERE first_seq >= ?", op);
    after.bind(1, firstSeq);
    after.next();
    if (after.int64(0) == 0)
        return false;
    sql::Query(m_db, "UPDATE outbox_rows SET superseded_ms = ? WHERE first_seq >= ? AND superseded_ms IS NULL", op)
        .bind(1, nowMs).bind(2, firstSeq).run();
    tx.commit();
    return true;
}

bool Outbox::sealArchiveIfDue(const ReplicationSettings &settings, qint64 nowMs, qint64 everyEvents)
{
    const QString op = QStringLiteral("seal an archive for backup");
    if (m_stateTables.isEmpty())
        throw CiiError(CiiError::Code::Internal, op, QString(), QStringLiteral("the outbox was not given the store's state tables"));
    std::optional<ReadSnapshot> snapshot(std::in_place, m_db, op);
    qint64 first = 1;
    {
        sql::Query q(m_db, "SELECT coalesce(max(last_seq), 0) + 1 FROM outbox_archives", op);
        q.next();
        first = q.int64(0);
    }
    qint64 last = 0, headSeq = 0;
    QByteArray prevSet(32, '\0');
    {
        // The latest acknowledged set end within four times the period: a bounded archive.
        sql::Query q(m_db, "SELECT coalesce(max(last_seq), 0) FROM outbox WHERE acked_ms IS NOT NULL AND last_seq < ?", op);
        q.bind(1, first + 4 * everyEvents);
        q.next();
        last = q.int64(0);
    }
    if (last - first + 1 < everyEvents) {
        // A long set (a backlog sealed at once) can reach past the bound: the first set end far enough then.
        sql::Query q(m_db, "SELECT coalesce(min(last_seq), 0) FROM outbox WHERE acked_ms IS NOT NULL AND last_seq >= ?", op);
        q.bind(1, first + everyEvents - 1);
        q.next();
        last = q.int64(0);
        if (last == 0)
            return false;
    }
    {
        sql::Query q(m_db, "SELECT set_hash FROM outbox WHERE last_seq = ?", op);
        q.bind(1, first - 1);
        if (q.next())
            prevSet = q.blob(0);
        else if (first != 1)
            throw CiiError(CiiError::Code::Internal, op, QString(), QStringLiteral("no change set ends where the archive must start"));
        sql::Query head(m_db, "SELECT seq FROM journal_head WHERE id = 1", op);
        head.next();
        headSeq = head.int64(0);
    }
    QList<Event> events;
    Journal::forEachIn(m_db, first, [&](const Event &e) {
        if (e.seq > last)
            return false;
        events << e;
        return true;
    });
    const BackupKey key{settings.dataKey};
    ChangeSetHeader h;
    h.kind = QStringLiteral("archive");
    h.pharmacyId = settings.pharmacyId;
    h.deviceId = settings.deviceId;
    h.firstSeq = first;
    h.lastSeq = last;
    h.prevSetHash = prevSet;
    h.createdMs = nowMs;
    h.keyId = key.id();
    h.stateDigest = last == headSeq ? Store::digestTables(m_db, m_stateTables) : QByteArray(32, '\0');
    const QByteArray bytes = changeset::seal(h, events, key, DeviceKey::fromPrivateKey(settings.devicePrivateKey));
    snapshot.reset();
    sql::Transaction tx(m_db, op);
    sql::Query(m_db, "INSERT INTO outbox_archives (first_seq, last_seq, set_hash, bytes, sealed_ms) VALUES (?, ?, ?, ?, ?)", op)
        .bind(1, first).bind(2, last).bind(3, changeset::setHash(bytes)).bind(4, bytes).bind(5, nowMs).run();
    tx.commit();
    return true;
}

Outbox::Counts Outbox::counts()
{
    Counts c;
    sql::Query q(m_db, "SELECT (SELECT count(*) FROM outbox WHERE acked_ms IS NULL), "
                       "(SELECT coalesce(min(first_seq), 0) FROM outbox WHERE acked_ms IS NULL), "
                       "coalesce((SELECT last_seq FROM outbox ORDER BY first_seq DESC LIMIT 1), 0), "
                       "(SELECT seq FROM journal_head WHERE id = 1), "
                       "coalesce((SELECT acked_ms FROM outbox WHERE acked_ms IS NOT NULL ORDER BY first_seq DESC LIMIT 1), 0)",
                 QStringLiteral("read the outbox"));
    q.next();
    c.pendingSets = q.int64(0);
    const qint64 firstPending = q.int64(1);
    c.sealedThrough = q.int64(2);
    c.journalHead = q.int64(3);
    c.lastAckMs = q.int64(4);
    // Waiting: everything after the last acknowledged event, sealed or not.
    const qint64 ackedThrough = firstPending > 0 ? firstPending - 1 : c.sealedThrough;
    c.pendingEvents = c.journalHead - ackedThrough;
    return c;
}

} // namespace cii::sync
