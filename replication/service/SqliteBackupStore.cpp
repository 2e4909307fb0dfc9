#include "SqliteBackupStore.h"

#include "CiiError.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace cii::backupd {

SqliteBackupStore::SqliteBackupStore(Options options)
    : BackupStore(std::move(options))
{
    QSqlDatabase d = db();
    createSharedTables(d, QStringLiteral("BLOB"));
}

SqliteBackupStore::~SqliteBackupStore()
{
    stopCommitting(); // while storeGroup is still this class's
}

void SqliteBackupStore::configureConnection(QSqlDatabase &d)
{
    d.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
}

void SqliteBackupStore::prepareSession(QSqlDatabase &d)
{
    QSqlQuery q(d);
    q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous = FULL"));
}

std::unique_lock<std::mutex> SqliteBackupStore::writeTurn()
{
    return std::unique_lock<std::mutex>(m_writeLock);
}

void SqliteBackupStore::storeGroup(const std::vector<PendingAppend *> &batch)
{
    const QString op = QStringLiteral("store the change set");
    const auto turn = writeTurn();
    QSqlDatabase d = db();
    const auto exec = [&](const QString &sql) { BackupStore::exec(d, sql, op); };
    // One upload needs no savepoint: a refusal has written nothing, and a failure rolls the whole transaction
    // back. In a group commit each upload has its own, so a refused one undoes no other.
    const bool savepoints = batch.size() > 1;
    exec(QStringLiteral("BEGIN IMMEDIATE")); // the write lock up front
    try {
        for (PendingAppend *p : batch) {
            if (savepoints)
                exec(QStringLiteral("SAVEPOINT upload"));
            try {
                p->result = appendOne(*p);
            } catch (...) {
                p->error = std::current_exception();
                if (!savepoints)
                    throw;
            }
            if (!savepoints)
                continue;
            // A refusal wrote at most its replay record, which stays; a failure is undone.
            if (p->error)
                exec(QStringLiteral("ROLLBACK TO SAVEPOINT upload"));
            exec(QStringLiteral("RELEASE SAVEPOINT upload"));
        }
        exec(QStringLiteral("COMMIT"));
    } catch (...) {
        QSqlQuery(d).exec(QStringLiteral("ROLLBACK"));
        throw;
    }
}

BackupStore::Appended SqliteBackupStore::appendOne(PendingAppend &p)
{
    const QString op = QStringLiteral("store the change set");
    // Everything the decision needs in one statement: revoked?, replayed?, what is stored at this number, the
    // chain's end. The same decision as cii_append's on PostgreSQL (PostgresBackupStore); the contract tests run both.
    // An upload's replay record is its request signature, kept in the row it stored: a replay asks for the same
    // number with the same signature. That is one insert an upload, not two (measured, bench_backupd: the
    // second, into seen_requests, wrote a page of its own on every commit). seen_requests keeps the signatures
    // of uploads that stored nothing (already stored, a gap, a conflict), and is asked too.
    const QString signature = p.seen ? QString::fromLatin1(p.seen->signature) : QString();
    QSqlQuery &state = statement("SELECT (SELECT revoked_ms FROM devices WHERE id = ?), "
                                 "(SELECT count(*) FROM seen_requests WHERE device_id = ? AND signature = ?), "
                                 "(SELECT set_hash FROM changesets WHERE pharmacy_id = ? AND first_seq = ?), "
                                 "(SELECT request_signature FROM changesets WHERE pharmacy_id = ? AND first_seq = ?), "
                                 "(SELECT last_seq FROM changesets WHERE pharmacy_id = ? ORDER BY first_seq DESC LIMIT 1), "
                                 "(SELECT set_hash FROM changesets WHERE pharmacy_id = ? ORDER BY first_seq DESC LIMIT 1)");
    int i = 0;
    for (const QVariant &v : {QVariant(p.deviceId), QVariant(p.deviceId), QVariant(signature), QVariant(p.pharmacyId),
                              QVariant(p.firstSeq), QVariant(p.pharmacyId), QVariant(p.firstSeq), QVariant(p.pharmacyId),
                              QVariant(p.pharmacyId)})
        state.bindValue(i++, v);
    run(state, op);
    state.next();
    const bool revoked = !state.value(0).isNull();
    const bool replayed = !signature.isEmpty() && (state.value(1).toLongLong() > 0 || state.value(3).toString() == signature);
    const QVariant existing = state.value(2);
    const qint64 endSeq = state.value(4).isNull() ? 0 : state.value(4).toLongLong();
    const QByteArray endHash = state.value(5).isNull() ? QByteArray(32, '\0') : QByteArray::fromHex(state.value(5).toString().toLatin1());
    state.finish();
    p.expectedFirst = endSeq + 1;
    if (revoked)
        return Appended::Revoked;
    if (replayed)
        return Appended::Replayed;
    std::optional<Appended> refused;
    if (!existing.isNull())
        refused = QByteArray::fromHex(existing.toString().toLatin1()) == p.setHash ? Appended::AlreadyStored : Appended::Conflict;
    else if (p.firstSeq != p.expectedFirst || p.prevHash != endHash)
        refused = p.firstSeq != p.expectedFirst ? Appended::Gap : Appended::Conflict;
    if (refused) {
        // Not stored, so no changesets row keeps this signature: seen_requests does, or the same bytes sent
        // again would be answered again instead of refused as a replay.
        if (!signature.isEmpty()) {
            QSqlQuery &seen = statement("INSERT OR IGNORE INTO seen_requests (device_id, signature, time_ms) VALUES (?, ?, ?)");
            seen.bindValue(0, p.deviceId);
            seen.bindValue(1, signature);
            seen.bindValue(2, p.nowMs);
            run(seen, op);
            seen.finish();
        }
        return *refused;
    }
    QSqlQuery &add = statement("INSERT INTO changesets (pharmacy_id, first_seq, last_seq, set_hash, prev_hash, device_id, size, "
                               "received_ms, bytes, request_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    i = 0;
    for (const QVariant &v : {QVariant(p.pharmacyId), QVariant(p.firstSeq), QVariant(p.lastSeq), QVariant(QString::fromLatin1(p.setHash.toHex())),
                              QVariant(QString::fromLatin1(p.prevHash.toHex())), QVariant(p.deviceId), QVariant(qint64(p.bytes.size())),
                              QVariant(p.nowMs), QVariant(p.bytes), p.seen ? QVariant(signature) : QVariant(QMetaType(QMetaType::QString))})
        add.bindValue(i++, v);
    run(add, op);
    add.finish();
    return Appended::Stored;
}

void SqliteBackupStore::snapshotTo(const QString &path)
{
    const QString op = QStringLiteral("copy the service's database");
    if (QFileInfo::exists(path))
        throw CiiError(CiiError::Code::InvalidInput, op, path, QStringLiteral("the file already exists"),
                       QStringLiteral("Name a new file; a copy never overwrites one."));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(path);
    if (!q.exec())
        throw CiiError(CiiError::Code::NotWritable, op, path, QStringLiteral("the copy could not be written"), QString(), false,
                       q.lastError().text());
}

} // namespace cii::backupd
