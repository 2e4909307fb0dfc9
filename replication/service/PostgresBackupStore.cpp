#include "PostgresBackupStore.h"

#include "CiiError.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <string>
#include <vector>

namespace cii::backupd {

namespace {
/// An upload on PostgreSQL, decided and stored in one call (one round trip): the same decision as
/// SqliteBackupStore::appendOne's, in the same order. The pharmacy's lock (an advisory lock for the
/// transaction, keyed by a hash of its id: in memory, where a row lock wrote to the pharmacies table and its
/// log on every upload) makes concurrent uploads, and other service instances, take turns; a VOLATILE function
/// takes a fresh snapshot for each statement, so the reads after the lock see whatever the upload it waited
/// for stored (a transaction is visible before its locks are released). Two pharmacies whose ids hash alike
/// only take turns too. The reads are one statement and the stored upload one insert: each statement in a
/// PL/pgSQL function costs an executor start of its own.
/// An upload's replay record is the request signature in its changesets row (see SqliteBackupStore::appendOne).
constexpr char kPostgresAppend[] = R"sql(
CREATE OR REPLACE FUNCTION cii_append(p_pharmacy TEXT, p_device TEXT, p_first BIGINT, p_last BIGINT, p_set_hash TEXT,
                                      p_prev_hash TEXT, p_now BIGINT, p_bytes BYTEA, p_signature TEXT)
RETURNS TABLE (outcome TEXT, expected_first BIGINT) LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    v_revoked BOOLEAN;
    v_replayed BOOLEAN;
    v_existing TEXT;
    v_existing_signature TEXT;
    v_end BIGINT;
    v_end_hash TEXT;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_pharmacy, 7123002));
    SELECT EXISTS (SELECT 1 FROM devices d WHERE d.id = p_device AND d.revoked_ms IS NOT NULL),
           p_signature <> '' AND EXISTS (SELECT 1 FROM seen_requests s WHERE s.device_id = p_device AND s.signature = p_signature),
           (SELECT c.set_hash FROM changesets c WHERE c.pharmacy_id = p_pharmacy AND c.first_seq = p_first),
           (SELECT c.request_signature FROM changesets c WHERE c.pharmacy_id = p_pharmacy AND c.first_seq = p_first),
           e.last_seq, e.set_hash
        INTO v_revoked, v_replayed, v_existing, v_existing_signature, v_end, v_end_hash
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (SELECT c.last_seq, c.set_hash FROM changesets c WHERE c.pharmacy_id = p_pharmacy
                           ORDER BY c.first_seq DESC LIMIT 1) AS e ON TRUE;
    expected_first := coalesce(v_end, 0) + 1;
    outcome := CASE
        WHEN v_revoked THEN 'revoked'
        WHEN v_replayed OR (p_signature <> '' AND v_existing_signature = p_signature) THEN 'replayed'
        WHEN v_existing IS NOT NULL THEN CASE WHEN v_existing = p_set_hash THEN 'already' ELSE 'conflict' END
        WHEN p_first <> expected_first THEN 'gap'
        WHEN p_prev_hash <> coalesce(v_end_hash, repeat('0', 64)) THEN 'conflict'
        ELSE 'stored' END;
    -- Not stored: no changesets row keeps this signature, so seen_requests does (a repeat is then a replay).
    IF p_signature <> '' AND outcome IN ('already', 'conflict', 'gap') THEN
        INSERT INTO seen_requests (device_id, signature, time_ms) VALUES (p_device, p_signature, p_now) ON CONFLICT DO NOTHING;
    END IF;
    IF outcome = 'stored' THEN
        INSERT INTO changesets (pharmacy_id, first_seq, last_seq, set_hash, prev_hash, device_id, size, received_ms, bytes,
                                request_signature)
            VALUES (p_pharmacy, p_first, p_last, p_set_hash, p_prev_hash, p_device, octet_length(p_bytes), p_now, p_bytes,
                    nullif(p_signature, ''));
    END IF;
    RETURN NEXT;
END
$fn$)sql";
} // namespace

PostgresBackupStore::PostgresBackupStore(Options options)
    : BackupStore(std::move(options))
{
    QSqlDatabase d = db();
    const QString op = QStringLiteral("create the service's tables");
    // Instances starting together over one database take turns (an advisory lock for the transaction): two
    // concurrent CREATE OR REPLACE FUNCTION fail ("tuple concurrently updated").
    exec(d, QStringLiteral("BEGIN"), op);
    try {
        exec(d, QStringLiteral("SELECT pg_advisory_xact_lock(7123001)"), op);
        createSharedTables(d, QStringLiteral("BYTEA"));
        exec(d, QString::fromLatin1(kPostgresAppend), op);
        exec(d, QStringLiteral("COMMIT"), op);
    } catch (...) {
        QSqlQuery(d).exec(QStringLiteral("ROLLBACK"));
        throw;
    }
}

PostgresBackupStore::~PostgresBackupStore()
{
    stopCommitting(); // while storeGroup is still this class's
}

void PostgresBackupStore::prepareSession(QSqlDatabase &d)
{
    // libpq prints a server's notices on stderr: "relation ... already exists, skipping" for every table
    // on every start (createSharedTables), noise in the service's log that says nothing. Warnings still show.
    QSqlQuery(d).exec(QStringLiteral("SET client_min_messages TO warning"));
}

namespace {
/// The statement that runs `n` uploads in one transaction: cii_append for each row of a VALUES list, in its
/// order (a nested loop over the list). The texts live as long as the process: statement() keeps prepared
/// statements by the text's address.
const char *postgresBatchText(size_t n)
{
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> out(PostgresBackupStore::kMaxBatch + 1);
        for (size_t k = 1; k < out.size(); ++k) {
            std::string sql = "SELECT v.i, r.outcome, r.expected_first FROM (VALUES ";
            for (size_t i = 0; i < k; ++i)
                sql += (i ? ", (" : "(") + std::to_string(i)
                       + ", ?::TEXT, ?::TEXT, ?::BIGINT, ?::BIGINT, ?::TEXT, ?::TEXT, ?::BIGINT, ?::BYTEA, ?::TEXT)";
            sql += ") AS v (i, pharmacy, device, first_seq, last_seq, set_hash, prev_hash, now_ms, bytes, signature) "
                   "CROSS JOIN LATERAL cii_append(v.pharmacy, v.device, v.first_seq, v.last_seq, v.set_hash, v.prev_hash, "
                   "v.now_ms, v.bytes, v.signature) AS r ORDER BY v.i";
            out[k] = std::move(sql);
        }
        return out;
    }();
    return texts[n].c_str();
}

BackupStore::Appended outcomeFrom(const QString &outcome)
{
    static const QHash<QString, BackupStore::Appended> outcomes{
        {QStringLiteral("stored"), BackupStore::Appended::Stored},     {QStringLiteral("already"), BackupStore::Appended::AlreadyStored},
        {QStringLiteral("conflict"), BackupStore::Appended::Conflict}, {QStringLiteral("gap"), BackupStore::Appended::Gap},
        {QStringLiteral("replayed"), BackupStore::Appended::Replayed}, {QStringLiteral("revoked"), BackupStore::Appended::Revoked}};
    return outcomes.value(outcome, BackupStore::Appended::Conflict);
}
} // namespace

void PostgresBackupStore::storeGroup(const std::vector<PendingAppend *> &batch)
{
    // One statement for the group (one upload alone too), so one round trip and its own transaction
    // (autocommit): each call takes its pharmacy's lock, decides and stores; an error inside rolls all of the
    // statement back. The replay record is the request's signature, kept with the set (an empty one: none).
    // In pharmacy order, so that two instances' batches take the pharmacies' locks in the same order (no
    // deadlock), and in sequence order within a pharmacy (a set and the next in one batch are both stored).
    std::vector<PendingAppend *> ordered(batch);
    std::stable_sort(ordered.begin(), ordered.end(), [](const PendingAppend *a, const PendingAppend *b) {
        return a->pharmacyId != b->pharmacyId ? a->pharmacyId < b->pharmacyId : a->firstSeq < b->firstSeq;
    });
    const QString op = QStringLiteral("store the change set");
    for (size_t from = 0; from < ordered.size(); from += kMaxBatch) {
        const size_t n = std::min(kMaxBatch, ordered.size() - from);
        QSqlQuery &add = statement(postgresBatchText(n));
        int i = 0;
        for (size_t k = from; k < from + n; ++k) {
            const PendingAppend &p = *ordered[k];
            for (const QVariant &v : {QVariant(p.pharmacyId), QVariant(p.deviceId), QVariant(p.firstSeq), QVariant(p.lastSeq),
                                      QVariant(QString::fromLatin1(p.setHash.toHex())), QVariant(QString::fromLatin1(p.prevHash.toHex())),
                                      QVariant(p.nowMs), QVariant(p.bytes), QVariant(p.seen ? QString::fromLatin1(p.seen->signature) : QString(""))})
                add.bindValue(i++, v);
        }
        run(add, op);
        size_t answered = 0;
        while (add.next()) {
            const qint64 row = add.value(0).toLongLong();
            if (row < 0 || size_t(row) >= n)
                break;
            PendingAppend &p = *ordered[from + size_t(row)];
            p.result = outcomeFrom(add.value(1).toString());
            p.expectedFirst = add.value(2).toLongLong();
            ++answered;
        }
        add.finish();
        if (answered != n)
            throw storeError(op, add.lastError());
        for (size_t k = from; k < from + n; ++k) // committed: a later part's failure is not theirs
            ordered[k]->committed = true;
    }
}


void PostgresBackupStore::snapshotTo(const QString &path)
{
    throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("copy the service's database"), path,
                   QStringLiteral("the service runs on PostgreSQL"), QStringLiteral("Use pg_dump (docs/OPERATIONS.md)."));
}

} // namespace cii::backupd
