#include "BackupStore.h"

#include "AwaitCallback.h"
#include "BackupApi.h"
#include "ChangeSet.h"
#include "CiiError.h"
#include "PostgresBackupStore.h"
#include "SqliteBackupStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QUuid>
#include <QVariant>
#include <map>
#include <system_error>
#include <tuple>
#include <vector>
#include <openssl/rand.h>

namespace cii::backupd {
namespace {

QString randomId(const char *prefix)
{
    QByteArray raw(8, '\0');
    RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), int(raw.size()));
    return QLatin1String(prefix) + QString::fromLatin1(raw.toHex());
}

/// Codes a person types: 12 letters and digits without look-alikes, in three groups.
QString randomCode()
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // 32: no I, O, 0, 1
    QByteArray raw(12, '\0');
    RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), int(raw.size()));
    QString code;
    for (int i = 0; i < raw.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            code += QLatin1Char('-');
        code += QLatin1Char(alphabet[quint8(raw[i]) % 32]);
    }
    return code;
}

/// A device from a row of: id, pharmacy_id, name, public_key, revoked_ms.
BackupStore::Device deviceFrom(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            QByteArray::fromBase64(q.value(3).toString().toLatin1()), !q.value(4).isNull()};
}

/// The connections a thread opened, closed and removed when the thread ends: a database connection belongs to
/// the thread that opened it, and the service's threads come and go with the HTTP server.
struct ThreadConnections
{
    QStringList names;
    /// Prepared statements by connection name and text (BackupStore::statement); gone before their connection.
    std::map<std::pair<QString, const char *>, QSqlQuery> statements;
    void dropStatements(const QString &prefix)
    {
        for (auto it = statements.begin(); it != statements.end();)
            it = it->first.first.startsWith(prefix) ? statements.erase(it) : std::next(it);
    }
    ~ThreadConnections()
    {
        statements.clear();
        for (const QString &name : std::as_const(names)) {
            if (QSqlDatabase::contains(name))
                QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
    }
};
thread_local ThreadConnections t_connections;

QString codeHash(const QString &code)
{
    return QString::fromLatin1(api::activationCodeHash(code).toHex());
}

} // namespace

std::unique_ptr<BackupStore> BackupStore::open(Options options)
{
    if (options.driver == QLatin1String("QSQLITE"))
        return std::make_unique<SqliteBackupStore>(std::move(options));
    if (options.driver == QLatin1String("QPSQL"))
        return std::make_unique<PostgresBackupStore>(std::move(options));
    throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("open the service's database"), options.database,
                   QStringLiteral("the driver %1 is neither QSQLITE nor QPSQL").arg(options.driver));
}

BackupStore::BackupStore(Options options)
    : m_options(std::move(options))
    , m_connectionPrefix(QStringLiteral("backupd-%1-").arg(QUuid::createUuid().toString(QUuid::Id128)))
    , m_devices(qMax(1, m_options.rememberedDevices))
{
}

BackupStore::~BackupStore()
{
    stopCommitting(); // already done by the subclass; nothing waits any more
    // The HTTP server's threads closed theirs as they ended (ThreadConnections); what is left is this thread's,
    // or a thread's that is still running and will not touch this store again.
    t_connections.dropStatements(m_connectionPrefix);
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names)
        if (name.startsWith(m_connectionPrefix))
            QSqlDatabase::removeDatabase(name);
}

void BackupStore::stopCommitting()
{
    { // the committing threads answer every upload still waiting, then end (closing their connections)
        const std::lock_guard<std::mutex> queue(m_queueLock);
        m_closing = true;
    }
    m_queued.notify_all();
    for (std::thread &t : m_committers)
        t.join();
    m_committers.clear();
}

CiiError BackupStore::storeError(const QString &op, const QSqlError &e)
{
    return CiiError(CiiError::Code::Internal, op, QString(), QStringLiteral("the service's database failed"), QString(), true,
                    e.text());
}

void BackupStore::run(QSqlQuery &q, const QString &op)
{
    if (!q.exec())
        throw storeError(op, q.lastError());
}

void BackupStore::exec(QSqlDatabase &d, const QString &sql, const QString &op)
{
    QSqlQuery q(d);
    if (!q.exec(sql))
        throw storeError(op, q.lastError());
}

int BackupStore::change(QSqlDatabase &d, const QString &sql, const QVariantList &values, const QString &op)
{
    QSqlQuery q(d);
    if (!q.prepare(sql))
        throw storeError(op, q.lastError());
    for (const QVariant &v : values)
        q.addBindValue(v);
    run(q, op);
    return q.numRowsAffected();
}

QSqlDatabase BackupStore::db()
{
    const QString name = m_connectionPrefix + QString::number(quintptr(QThread::currentThreadId()));
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase d = QSqlDatabase::addDatabase(m_options.driver, name);
    t_connections.names << name;
    d.setDatabaseName(m_options.database);
    if (!m_options.host.isEmpty())
        d.setHostName(m_options.host);
    if (m_options.port > 0)
        d.setPort(m_options.port);
    if (!m_options.user.isEmpty())
        d.setUserName(m_options.user);
    if (!m_options.password.isEmpty())
        d.setPassword(m_options.password);
    configureConnection(d);
    if (!d.open())
        throw CiiError(CiiError::Code::NotWritable, QStringLiteral("open the service's database"), m_options.database,
                       QStringLiteral("it cannot be opened"), QStringLiteral("Check the database setting and its permissions."),
                       false, d.lastError().text());
    prepareSession(d);
    return d;
}

QSqlQuery &BackupStore::statement(const char *sql)
{
    QSqlDatabase d = db();
    const auto key = std::make_pair(d.connectionName(), sql); // the texts are the code's own literals
    auto it = t_connections.statements.find(key);
    if (it == t_connections.statements.end()) {
        QSqlQuery q(d);
        if (!q.prepare(QString::fromLatin1(sql)))
            throw storeError(QStringLiteral("prepare a statement"), q.lastError());
        it = t_connections.statements.emplace(key, std::move(q)).first;
    }
    return it->second;
}

void BackupStore::createSharedTables(QSqlDatabase &d, const QString &blob)
{
    const QStringList ddl{
        QStringLiteral("CREATE TABLE IF NOT EXISTS pharmacies (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_ms BIGINT NOT NULL)"),
        // device_id: the device the code activated, so that the same activation asked again is answered again.
        QStringLiteral("CREATE TABLE IF NOT EXISTS activation_codes (code_hash TEXT PRIMARY KEY, pharmacy_id TEXT NOT NULL, "
                       "expires_ms BIGINT NOT NULL, used_ms BIGINT, device_id TEXT)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, pharmacy_id TEXT NOT NULL, public_key TEXT NOT NULL, "
                       "name TEXT NOT NULL, activated_ms BIGINT NOT NULL, revoked_ms BIGINT)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS changesets (pharmacy_id TEXT NOT NULL, first_seq BIGINT NOT NULL, last_seq BIGINT NOT NULL, "
                       "set_hash TEXT NOT NULL, prev_hash TEXT NOT NULL, device_id TEXT NOT NULL, size BIGINT NOT NULL, "
                       "received_ms BIGINT NOT NULL, bytes %1 NOT NULL, request_signature TEXT, PRIMARY KEY (pharmacy_id, first_seq))").arg(blob),
        QStringLiteral("CREATE TABLE IF NOT EXISTS archives (pharmacy_id TEXT NOT NULL, first_seq BIGINT NOT NULL, last_seq BIGINT NOT NULL, "
                       "set_hash TEXT NOT NULL, prev_hash TEXT NOT NULL, device_id TEXT NOT NULL, size BIGINT NOT NULL, "
                       "received_ms BIGINT NOT NULL, bytes %1 NOT NULL, PRIMARY KEY (pharmacy_id, first_seq, last_seq))").arg(blob),
        QStringLiteral("CREATE INDEX IF NOT EXISTS changesets_last ON changesets (pharmacy_id, last_seq)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS wrapped_keys (pharmacy_id TEXT PRIMARY KEY, wrapped TEXT NOT NULL, updated_ms BIGINT NOT NULL)"),
        // Every wrapped key ever stored: replacing the current one deletes nothing (an older recovery sheet can
        // still be matched to the key it opened, by an operator, off the API).
        QStringLiteral("CREATE TABLE IF NOT EXISTS wrapped_key_history (pharmacy_id TEXT NOT NULL, stored_ms BIGINT NOT NULL, "
                       "wrapped TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS wrapped_key_history_pharmacy ON wrapped_key_history (pharmacy_id, stored_ms)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS seen_requests (device_id TEXT NOT NULL, signature TEXT NOT NULL, time_ms BIGINT NOT NULL, "
                       "PRIMARY KEY (device_id, signature))"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS seen_requests_time ON seen_requests (time_ms)"),
    };
    const QString op = QStringLiteral("create the service's tables");
    for (const QString &sql : ddl)
        exec(d, sql, op);
    // A store made before uploads kept their request signature gains the column (its older rows: none; their
    // replay window has long passed).
    if (!d.record(QStringLiteral("changesets")).contains(QStringLiteral("request_signature")))
        exec(d, QStringLiteral("ALTER TABLE changesets ADD COLUMN request_signature TEXT"), op);
    // One made before activations could be asked again gains the device column (its used codes: none, so they
    // stay refused to every key, as they were).
    if (!d.record(QStringLiteral("activation_codes")).contains(QStringLiteral("device_id")))
        exec(d, QStringLiteral("ALTER TABLE activation_codes ADD COLUMN device_id TEXT"), op);
}

QString BackupStore::createPharmacy(const QString &name, qint64 nowMs)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO pharmacies (id, name, created_ms) VALUES (?, ?, ?)"));
    const QString id = randomId("ph-");
    q.addBindValue(id);
    q.addBindValue(name);
    q.addBindValue(nowMs);
    run(q, QStringLiteral("create the pharmacy"));
    return id;
}

std::optional<QString> BackupStore::pharmacyName(const QString &pharmacyId)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT name FROM pharmacies WHERE id = ?"));
    q.addBindValue(pharmacyId);
    run(q, QStringLiteral("read the pharmacy"));
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

QString BackupStore::issueActivationCode(const QString &pharmacyId, qint64 expiresMs, qint64 /*nowMs*/)
{
    const QString code = randomCode();
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO activation_codes (code_hash, pharmacy_id, expires_ms) VALUES (?, ?, ?)"));
    q.addBindValue(codeHash(code));
    q.addBindValue(pharmacyId);
    q.addBindValue(expiresMs);
    run(q, QStringLiteral("issue the activation code"));
    return code;
}

std::optional<BackupStore::Device> BackupStore::activate(const QString &code, const QByteArray &publicKey, const QString &name,
                                                         qint64 nowMs, QString &why)
{
    const QString op = QStringLiteral("activate the device");
    const QString hash = codeHash(code);
    const QString key = QString::fromLatin1(publicKey.toBase64());
    const auto turn = writeTurn();
    QSqlDatabase d = db();
    // Twice at most: another activation with this code (a thread, another instance over PostgreSQL) may use it
    // between this one's read and its write; the write then changes no row, and the second pass reads what the
    // other did (the same key asking again gets its answer).
    for (int pass = 0; pass < 2; ++pass) {
        if (!d.transaction())
            throw storeError(op, d.lastError());
        try {
            QSqlQuery q(d);
            q.prepare(QStringLiteral("SELECT c.pharmacy_id, c.expires_ms, c.used_ms, c.device_id, v.public_key, v.name, v.revoked_ms "
                                     "FROM activation_codes c LEFT JOIN devices v ON v.id = c.device_id WHERE c.code_hash = ?"));
            q.addBindValue(hash);
            run(q, op);
            if (!q.next()) {
                d.rollback();
                why = QStringLiteral("the activation code is not known; check it, or ask for a new one");
                return std::nullopt;
            }
            const bool expired = q.value(1).toLongLong() < nowMs;
            const bool used = !q.value(2).isNull();
            // Used by this very key, within the code's validity, its device still active: the same activation asked
            // again (its answer was lost), answered the same, nothing changed.
            const bool sameActivation = used && !expired && q.value(4).toString() == key && q.value(6).isNull();
            const QString pharmacyId = q.value(0).toString();
            const Device earlier{q.value(3).toString(), pharmacyId, q.value(5).toString(), publicKey, false};
            q.finish();
            if (sameActivation) {
                d.rollback();
                return earlier;
            }
            if (used || expired) {
                d.rollback();
                why = used ? QStringLiteral("the activation code was already used; ask for a new one")
                           : QStringLiteral("the activation code has expired; ask for a new one");
                return std::nullopt;
            }
            const Device dev{randomId("dev-"), pharmacyId, name, publicKey, false};
            if (change(d, QStringLiteral("UPDATE activation_codes SET used_ms = ?, device_id = ? WHERE code_hash = ? AND used_ms IS NULL"),
                       {nowMs, dev.id, hash}, op) != 1) {
                d.rollback(); // used meanwhile by another activation: read what it did
                continue;
            }
            // One pharmacy, one writing workstation: the replacement revokes the one before.
            change(d, QStringLiteral("UPDATE devices SET revoked_ms = ? WHERE pharmacy_id = ? AND revoked_ms IS NULL"), {nowMs, dev.pharmacyId}, op);
            change(d, QStringLiteral("INSERT INTO devices (id, pharmacy_id, public_key, name, activated_ms) VALUES (?, ?, ?, ?, ?)"),
                   {dev.id, dev.pharmacyId, key, name, nowMs}, op);
            if (!d.commit())
                throw storeError(op, d.lastError());
            forgetKnownDevices(dev.pharmacyId); // its others were revoked
            return dev;
        } catch (...) {
            d.rollback();
            throw;
        }
    }
    why = QStringLiteral("the activation code was already used; ask for a new one");
    return std::nullopt;
}

std::optional<BackupStore::Device> BackupStore::device(const QString &deviceId)
{
    // Every signed request asks: the kept statement.
    QSqlQuery &q = statement("SELECT id, pharmacy_id, name, public_key, revoked_ms FROM devices WHERE id = ?");
    q.bindValue(0, deviceId);
    run(q, QStringLiteral("read the device"));
    std::optional<Device> found;
    if (q.next())
        found = deviceFrom(q);
    q.finish(); // a kept SQLite statement left stepping would hold its read snapshot
    return found;
}

std::optional<BackupStore::Device> BackupStore::knownDevice(const QString &deviceId)
{
    {
        std::lock_guard<std::mutex> lock(m_devicesLock);
        if (const Device *kept = m_devices.object(deviceId)) // now the most recently used
            return *kept;
    }
    const auto found = device(deviceId);
    if (found) { // an unknown id is not kept: anyone can send one
        std::lock_guard<std::mutex> lock(m_devicesLock);
        m_devices.insert(deviceId, new Device(*found)); // over the limit, the least recently used goes
    }
    return found;
}

qint64 BackupStore::rememberedDevices() const
{
    std::lock_guard<std::mutex> lock(m_devicesLock);
    return m_devices.size();
}

void BackupStore::forgetKnownDevices(const QString &pharmacyId, const QString &deviceId)
{
    std::lock_guard<std::mutex> lock(m_devicesLock);
    const QList<QString> kept = m_devices.keys();
    for (const QString &id : kept) {
        const Device *d = m_devices.object(id);
        if (id == deviceId || (d && d->pharmacyId == pharmacyId))
            m_devices.remove(id);
    }
}

QList<BackupStore::Device> BackupStore::devices(const QString &pharmacyId)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT id, pharmacy_id, name, public_key, revoked_ms FROM devices WHERE pharmacy_id = ? ORDER BY activated_ms"));
    q.addBindValue(pharmacyId);
    run(q, QStringLiteral("list the devices"));
    QList<Device> out;
    while (q.next())
        out << deviceFrom(q);
    return out;
}

bool BackupStore::revoke(const QString &deviceId, qint64 nowMs)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE devices SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL"));
    q.addBindValue(nowMs);
    q.addBindValue(deviceId);
    run(q, QStringLiteral("revoke the device"));
    forgetKnownDevices({}, deviceId);
    return q.numRowsAffected() == 1;
}


void BackupStore::purgeSeen(qint64 nowMs, qint64 windowMs)
{
    qint64 last = m_lastPurgeMs.load();
    if (nowMs - last < 60'000 || !m_lastPurgeMs.compare_exchange_strong(last, nowMs))
        return;
    QSqlQuery purge(db());
    purge.prepare(QStringLiteral("DELETE FROM seen_requests WHERE time_ms < ?"));
    purge.addBindValue(nowMs - 2 * windowMs);
    run(purge, QStringLiteral("check the request"));
}

bool BackupStore::firstSeen(const QString &deviceId, const QByteArray &signature, qint64 nowMs, qint64 windowMs)
{
    const auto turn = writeTurn();
    purgeSeen(nowMs, windowMs);
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO seen_requests (device_id, signature, time_ms) VALUES (?, ?, ?)"));
    q.addBindValue(deviceId);
    q.addBindValue(QString::fromLatin1(signature));
    q.addBindValue(nowMs);
    return q.exec(); // a primary-key conflict: seen before
}

std::pair<qint64, QByteArray> BackupStore::chainEnd(const QString &pharmacyId)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT last_seq, set_hash FROM changesets WHERE pharmacy_id = ? ORDER BY first_seq DESC LIMIT 1"));
    q.addBindValue(pharmacyId);
    run(q, QStringLiteral("read the chain head"));
    if (!q.next())
        return {0, QByteArray(32, '\0')};
    return {q.value(0).toLongLong(), QByteArray::fromHex(q.value(1).toString().toLatin1())};
}

BackupStore::Head BackupStore::head(const QString &pharmacyId)
{
    Head h;
    std::tie(h.lastSeq, h.setHash) = chainEnd(pharmacyId);
    QSqlQuery size(db());
    size.prepare(QStringLiteral("SELECT count(*), coalesce(sum(size), 0) FROM changesets WHERE pharmacy_id = ?"));
    size.addBindValue(pharmacyId);
    run(size, QStringLiteral("read the chain head"));
    if (size.next()) {
        h.sets = size.value(0).toLongLong();
        h.bytes = size.value(1).toLongLong();
    }
    return h;
}

void BackupStore::appendAsync(Upload upload, std::function<void(const Outcome &)> done)
{
    // Group commit: the uploads waiting at the same moment share one transaction and one commit (one fsync).
    // A committing thread takes every waiting upload, stores them (storeGroup), and answers each. SQLite: each
    // in a savepoint of its own, so one refused upload does not undo another, one group at a time (one writer).
    // PostgreSQL: one statement calling cii_append for each, two groups at once, so a slow group does not hold
    // up every other upload.
    auto pending = std::make_unique<PendingAppend>();
    static_cast<Upload &>(*pending) = std::move(upload);
    pending->done = [this, done = std::move(done)](const Outcome &o) {
        m_uploadsWaiting.fetch_sub(1);
        done(o);
    };
    m_uploadsWaiting.fetch_add(1);
    std::unique_lock<std::mutex> queue(m_queueLock);
    if (!m_closing) {
        startCommitters();
        if (!m_committers.empty()) {
            m_queue.push_back(std::move(pending));
            queue.unlock();
            m_queued.notify_one();
            return;
        }
    }
    const bool closing = m_closing;
    queue.unlock();
    Outcome refused;
    refused.error = std::make_exception_ptr(CiiError(CiiError::Code::NotWritable, QStringLiteral("store the change set"), QString(),
                                                     closing ? QStringLiteral("the service is stopping")
                                                             : QStringLiteral("no thread could be started to store it"),
                                                     QString(), true));
    pending->done(refused);
}

void BackupStore::startCommitters()
{
    const int committers = committingThreads();
    try {
        while (int(m_committers.size()) < committers)
            m_committers.emplace_back([this] { commitLoop(); });
    } catch (const std::system_error &) {
        // Out of threads: those already running store every upload (or, with none, the upload is refused).
    }
}

BackupStore::Appended BackupStore::append(const QString &pharmacyId, const QString &deviceId, qint64 firstSeq, qint64 lastSeq,
                                          const QByteArray &prevHash, const QByteArray &setHash, const QByteArray &bytes,
                                          qint64 nowMs, qint64 &expectedFirst, const RequestSeen *seen)
{
    Upload upload{pharmacyId, deviceId, firstSeq, lastSeq, prevHash, setHash, bytes, nowMs,
                  seen ? std::optional<RequestSeen>(*seen) : std::nullopt};
    const Outcome outcome = awaitCallback<Outcome>([&](auto given) { appendAsync(std::move(upload), given); });
    if (outcome.error)
        std::rethrow_exception(outcome.error);
    expectedFirst = outcome.expectedFirst;
    return outcome.result;
}

void BackupStore::commitLoop()
{
    std::unique_lock<std::mutex> queue(m_queueLock);
    for (;;) {
        m_queued.wait(queue, [this] { return !m_queue.empty() || m_closing; });
        if (m_queue.empty())
            return; // closing, and every upload was answered
        std::vector<std::unique_ptr<PendingAppend>> taken;
        taken.swap(m_queue);
        queue.unlock();
        std::vector<PendingAppend *> group;
        group.reserve(taken.size());
        for (const auto &p : taken)
            group.push_back(p.get());
        commitGroup(group);
        taken.clear();
        queue.lock();
    }
}

void BackupStore::commitGroup(const std::vector<PendingAppend *> &group)
{
    std::exception_ptr failed;
    try {
        storeGroup(group);
    } catch (...) {
        failed = std::current_exception();
    }
    if (!failed && group.size() > 1) {
        m_sharedCommits.fetch_add(1);
        m_uploadsInSharedCommits.fetch_add(qint64(group.size()));
    }
    for (PendingAppend *p : group) {
        Outcome o{p->result, p->expectedFirst, p->error};
        if (failed && !p->committed)
            o.error = failed;
        p->done(o);
    }
}

QList<BackupStore::Stored> BackupStore::list(const QString &pharmacyId, qint64 fromSeq, int limit)
{
    return listFrom(QStringLiteral("changesets"), pharmacyId, fromSeq, limit);
}

QList<BackupStore::Stored> BackupStore::listFrom(const QString &table, const QString &pharmacyId, qint64 fromSeq, int limit)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT first_seq, last_seq, size, set_hash FROM %1 WHERE pharmacy_id = ? AND last_seq >= ? "
                             "ORDER BY first_seq, last_seq LIMIT ?").arg(table));
    q.addBindValue(pharmacyId);
    q.addBindValue(fromSeq);
    q.addBindValue(limit);
    run(q, QStringLiteral("list the %1").arg(table == QLatin1String("archives") ? QStringLiteral("archives") : QStringLiteral("change sets")));
    const QString kind = table == QLatin1String("archives") ? QStringLiteral("archive") : QStringLiteral("changeset");
    QList<Stored> out;
    while (q.next())
        out << Stored{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), kind,
                      QByteArray::fromHex(q.value(3).toString().toLatin1())};
    return out;
}

BackupStore::Archived BackupStore::storeArchive(const QString &pharmacyId, const QString &deviceId, qint64 firstSeq, qint64 lastSeq,
                                                const QByteArray &prevHash, const QByteArray &setHash, const QByteArray &bytes,
                                                qint64 nowMs, QString &why)
{
    const QString op = QStringLiteral("store the archive");
    const auto turn = writeTurn();
    QSqlDatabase d = db();
    // Stored change sets never change, so the range check needs no lock: what it reads stays true.
    QSqlQuery range(d);
    range.prepare(QStringLiteral("SELECT (SELECT count(*) FROM changesets WHERE pharmacy_id = ? AND first_seq = ?), "
                                 "(SELECT count(*) FROM changesets WHERE pharmacy_id = ? AND last_seq = ?), "
                                 "(SELECT set_hash FROM changesets WHERE pharmacy_id = ? AND last_seq = ?), "
                                 "(SELECT set_hash FROM archives WHERE pharmacy_id = ? AND first_seq = ? AND last_seq = ?)"));
    for (const QVariant &v : {QVariant(pharmacyId), QVariant(firstSeq), QVariant(pharmacyId), QVariant(lastSeq), QVariant(pharmacyId),
                              QVariant(firstSeq - 1), QVariant(pharmacyId), QVariant(firstSeq), QVariant(lastSeq)})
        range.addBindValue(v);
    run(range, op);
    range.next();
    const QVariant existing = range.value(3);
    if (!existing.isNull())
        return QByteArray::fromHex(existing.toString().toLatin1()) == setHash ? Archived::AlreadyStored : Archived::Conflict;
    const QByteArray before = firstSeq == 1 ? QByteArray(32, '\0') : QByteArray::fromHex(range.value(2).toString().toLatin1());
    if (range.value(0).toLongLong() == 0)
        why = QStringLiteral("no stored change set starts at %1; an archive covers what the chain already holds").arg(firstSeq);
    else if (range.value(1).toLongLong() == 0)
        why = QStringLiteral("no stored change set ends at %1; an archive ends where one does").arg(lastSeq);
    else if (prevHash != before)
        why = QStringLiteral("it does not continue the change set before %1").arg(firstSeq);
    if (!why.isEmpty())
        return Archived::OutOfRange;
    range.finish();
    QSqlQuery add(d);
    add.prepare(QStringLiteral("INSERT INTO archives (pharmacy_id, first_seq, last_seq, set_hash, prev_hash, device_id, size, received_ms, bytes) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : {QVariant(pharmacyId), QVariant(firstSeq), QVariant(lastSeq), QVariant(QString::fromLatin1(setHash.toHex())),
                              QVariant(QString::fromLatin1(prevHash.toHex())), QVariant(deviceId), QVariant(qint64(bytes.size())),
                              QVariant(nowMs), QVariant(bytes)})
        add.addBindValue(v);
    if (!add.exec()) {
        // Another request stored the same range between the check and here: answer as if it came first.
        const auto stored = archive(pharmacyId, firstSeq, lastSeq);
        if (!stored)
            throw storeError(op, add.lastError());
        return setHash == changeset::setHash(*stored) ? Archived::AlreadyStored : Archived::Conflict;
    }
    return Archived::Stored;
}

QList<BackupStore::Stored> BackupStore::listArchives(const QString &pharmacyId, qint64 fromSeq, int limit)
{
    return listFrom(QStringLiteral("archives"), pharmacyId, fromSeq, limit);
}

std::optional<QByteArray> BackupStore::archive(const QString &pharmacyId, qint64 firstSeq, qint64 lastSeq)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT bytes FROM archives WHERE pharmacy_id = ? AND first_seq = ? AND last_seq = ?"));
    q.addBindValue(pharmacyId);
    q.addBindValue(firstSeq);
    q.addBindValue(lastSeq);
    run(q, QStringLiteral("read the archive"));
    if (!q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

std::optional<QByteArray> BackupStore::changeSet(const QString &pharmacyId, qint64 firstSeq)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT bytes FROM changesets WHERE pharmacy_id = ? AND first_seq = ?"));
    q.addBindValue(pharmacyId);
    q.addBindValue(firstSeq);
    run(q, QStringLiteral("read the change set"));
    if (!q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

QList<QByteArray> BackupStore::changeSetBytes(const QString &pharmacyId, qint64 fromSeq, int maxSets, qint64 maxBytes)
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT bytes FROM changesets WHERE pharmacy_id = ? AND last_seq >= ? ORDER BY first_seq LIMIT ?"));
    q.addBindValue(pharmacyId);
    q.addBindValue(fromSeq);
    q.addBindValue(maxSets);
    run(q, QStringLiteral("read the change sets"));
    QList<QByteArray> out;
    qint64 bytes = 0;
    while (q.next() && (out.isEmpty() || bytes < maxBytes)) {
        out << q.value(0).toByteArray();
        bytes += out.last().size();
    }
    return out;
}

void BackupStore::putWrappedKey(const QString &pharmacyId, const QByteArray &wrapped, qint64 nowMs)
{
    const QString op = QStringLiteral("store the wrapped key");
    const QString text = QString::fromLatin1(wrapped.toBase64());
    const auto turn = writeTurn();
    QSqlDatabase d = db();
    if (!d.transaction())
        throw storeError(op, d.lastError());
    try {
        // The key already served, put again (a retry whose answer was lost): nothing changes, not even its history.
        QSqlQuery current(d);
        current.prepare(QStringLiteral("SELECT wrapped FROM wrapped_keys WHERE pharmacy_id = ?"));
        current.addBindValue(pharmacyId);
        run(current, op);
        const bool served = current.next() && current.value(0).toString() == text;
        current.finish();
        if (served) {
            d.rollback();
            return;
        }
        change(d, QStringLiteral("DELETE FROM wrapped_keys WHERE pharmacy_id = ?"), {pharmacyId}, op);
        change(d, QStringLiteral("INSERT INTO wrapped_keys (pharmacy_id, wrapped, updated_ms) VALUES (?, ?, ?)"), {pharmacyId, text, nowMs}, op);
        change(d, QStringLiteral("INSERT INTO wrapped_key_history (pharmacy_id, stored_ms, wrapped) VALUES (?, ?, ?)"), {pharmacyId, nowMs, text}, op);
        if (!d.commit())
            throw storeError(op, d.lastError());
    } catch (...) {
        d.rollback();
        throw;
    }
}

std::optional<QByteArray> BackupStore::wrappedKey(const QString &pharmacyId)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT wrapped FROM wrapped_keys WHERE pharmacy_id = ?"));
    q.addBindValue(pharmacyId);
    run(q, QStringLiteral("read the wrapped key"));
    if (!q.next())
        return std::nullopt;
    return QByteArray::fromBase64(q.value(0).toString().toLatin1());
}

int BackupStore::wrappedKeyCount(const QString &pharmacyId)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT count(*) FROM wrapped_key_history WHERE pharmacy_id = ?"));
    q.addBindValue(pharmacyId);
    run(q, QStringLiteral("read the wrapped keys"));
    return q.next() ? q.value(0).toInt() : 0;
}

} // namespace cii::backupd
