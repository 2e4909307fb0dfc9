#include "Outbox.h"

#include "ChangeSet.h"
#include "CiiError.h"
#include "DeviceKey.h"
#include "Journal.h"
#include "ReplicationSettings.h"
#include "Sqlite.h"

namespace cii::sync {

Outbox::Outbox(sql::Database &db)
    : m_db(db)
{
}

int Outbox::sealPending(const ReplicationSettings &settings, qint64 nowMs, qint64 maxPlainBytes, int maxSets)
{
    const QString op = QStringLiteral("seal the change sets for backup");
    // Reading and sealing happen outside the write transaction (WAL readers never block the counter's
    // commits); only the inserts take the write lock, for a few milliseconds. The drainer is the outbox's only
    // writer, so the end read here is still the end when the rows go in (checked anyway).
    qint64 sealedThrough = 0;
    QByteArray prevSet(32, '\0');
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
        h.stateDigest = QByteArray(32, '\0'); // not computed yet (docs/REPLICATION.md)
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

std::optional<Outbox::Row> Outbox::oldestUnacknowledged()
{
    sql::Query q(m_db, "SELECT first_seq, last_seq, bytes, sealed_ms FROM outbox WHERE acked_ms IS NULL ORDER BY first_seq LIMIT 1",
                 QStringLiteral("read the outbox"));
    if (!q.next())
        return std::nullopt;
    return Row{q.int64(0), q.int64(1), q.blob(2), q.int64(3)};
}

void Outbox::acknowledge(qint64 firstSeq, qint64 nowMs)
{
    sql::Transaction tx(m_db, QStringLiteral("record the acknowledgement"));
    sql::Query(m_db, "UPDATE outbox SET acked_ms = ?, bytes = NULL WHERE first_seq = ? AND acked_ms IS NULL",
               QStringLiteral("record the acknowledgement"))
        .bind(1, nowMs).bind(2, firstSeq).run();
    tx.commit();
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
