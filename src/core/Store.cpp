#include "Store.h"

#include "CanonicalCbor.h"
#include "Clock.h"
#include "Log.h"
#include "Migrator.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <QUuid>

#include <openssl/rand.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cii {
namespace {

constexpr int kPageSize = 4096;
constexpr qsizetype kSaltSize = 16;

QByteArray fileHead(const QString &path, qint64 bytes)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(bytes) : QByteArray();
}

/// The first bytes of the file `db` has open, read through SQLite's own handle. Opening the file again in this
/// process and closing it would drop every POSIX lock SQLite holds on it (fcntl locks belong to the process; any
/// close releases them): another process (ciictl) closing its connection would then take the file as unused,
/// checkpoint and delete the WAL under this connection, which would never see a later commit by anyone else.
QByteArray openFileHead(sql::Database &db, int bytes)
{
    sqlite3_file *file = nullptr;
    if (sqlite3_file_control(db.handle(), "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file || !file->pMethods)
        return {};
    QByteArray head(bytes, '\0');
    return file->pMethods->xRead(file, head.data(), bytes, 0) == SQLITE_OK ? head : QByteArray();
}

QByteArray randomKey()
{
    QByteArray key(32, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(key.data()), int(key.size())) != 1)
        throw CiiError(CiiError::Code::Internal, QStringLiteral("create the store's key"), QString(),
                       QStringLiteral("the system's random number generator failed"));
    return key;
}

CiiError openError(CiiError::Code code, const QString &path, const QString &reason, const QString &hint)
{
    return CiiError(code, QStringLiteral("open the store"), path, reason, hint);
}

} // namespace

QString Store::databasePath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/ledger.db");
}

bool Store::exists(const QString &dataDir)
{
    return QFileInfo::exists(databasePath(dataDir));
}

QString Store::restoreMarkerPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/restore-in-progress");
}

QString Store::readOnlyMarkerPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/read-only-copy");
}

void Store::refuseReadOnly(const QString &operation) const
{
    throw CiiError(CiiError::Code::InvalidInput, operation, m_dataDir,
                   QStringLiteral("this is a read-only copy of the records as of %1, restored for an audit").arg(m_readOnlyAsOf),
                   QStringLiteral("Record entries in the pharmacy's working store, not in this copy."));
}

bool Store::restoreIncomplete(const QString &dataDir)
{
    return QFileInfo::exists(restoreMarkerPath(dataDir));
}

namespace {
/// Makes a rename or an unlink in `dir` durable.
void syncFolder(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
} // namespace

void Store::markRestoreStarted(const QString &dataDir, const QByteArray &note)
{
    const QString op = QStringLiteral("begin the restore");
    if (!QDir().mkpath(dataDir))
        throw CiiError(CiiError::Code::NotWritable, op, dataDir, QStringLiteral("the folder cannot be created"),
                       QStringLiteral("Check that the disk is mounted and this account may write there."));
    ::chmod(QFile::encodeName(dataDir).constData(), 0700);
    QFile marker(restoreMarkerPath(dataDir));
    if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate) || marker.write(note) != note.size() || !marker.flush()
        || ::fsync(marker.handle()) != 0)
        throw CiiError(CiiError::Code::NotWritable, op, marker.fileName(), QStringLiteral("the restore's marker cannot be written"),
                       QStringLiteral("Check the free space and that this account may write there."), false, marker.errorString());
    marker.close();
    syncFolder(dataDir);
}

void Store::markRestoreComplete(const QString &dataDir)
{
    if (QFileInfo::exists(restoreMarkerPath(dataDir)) && !QFile::remove(restoreMarkerPath(dataDir)))
        throw CiiError(CiiError::Code::NotWritable, QStringLiteral("finish the restore"), restoreMarkerPath(dataDir),
                       QStringLiteral("the restore's marker cannot be removed"), QStringLiteral("Check that this account may write there."));
    syncFolder(dataDir);
}

void Store::discardIncompleteRestore(const QString &dataDir)
{
    const QString op = QStringLiteral("start the restore over");
    if (!restoreIncomplete(dataDir))
        throw CiiError(CiiError::Code::InvalidInput, op, dataDir, QStringLiteral("there is no unfinished restore there"),
                       QStringLiteral("A complete store is never deleted."));
    for (const QString &name : {QStringLiteral("ledger.db"), QStringLiteral("ledger.db-wal"), QStringLiteral("ledger.db-shm"),
                                QStringLiteral("key-location")}) {
        const QString path = dataDir + QLatin1Char('/') + name;
        if (QFileInfo::exists(path) && !QFile::remove(path))
            throw CiiError(CiiError::Code::NotWritable, op, path, QStringLiteral("the unfinished store cannot be removed"),
                           QStringLiteral("Check that this account may write there."));
    }
    syncFolder(dataDir);
}

Store::~Store() = default;

std::unique_ptr<Store> Store::open(Options o)
{
    Q_ASSERT(o.keyStore && o.clock);
    std::unique_ptr<Store> s(new Store);
    s->m_clock = o.clock;
    s->m_projections = std::move(o.projections);
    s->m_keyProtection = o.keyStore->protection();
    s->m_keyDescription = o.keyStore->description();

    const QString path = databasePath(o.dataDir);
    const bool existed = QFileInfo::exists(path);
    if (!o.restoring && restoreIncomplete(o.dataDir))
        throw openError(CiiError::Code::RestoreIncomplete, path,
                        QStringLiteral("a restore from the cloud began here and did not finish, so these records are not complete"),
                        QStringLiteral("Run the restore again: it continues where it stopped (or starts over)."));
    if (!existed && !o.create)
        throw openError(CiiError::Code::NoStore, path, QStringLiteral("there is no CII Ledger store there yet"),
                        QStringLiteral("Start CII Ledger to set up a new pharmacy or restore one from the cloud."));
    if (!existed) {
        if (!QDir().mkpath(o.dataDir))
            throw openError(CiiError::Code::NotWritable, o.dataDir, QStringLiteral("the folder cannot be created"),
                            QStringLiteral("Check that the disk is mounted and this account may write there."));
        ::chmod(QFile::encodeName(o.dataDir).constData(), 0700);
    }
    s->m_dataDir = QFileInfo(o.dataDir).canonicalFilePath();
    const QString storeId = s->m_dataDir;

    StoreKey key;
    if (existed) {
        const QByteArray head = fileHead(path, kPageSize);
        if (head.startsWith(QByteArrayLiteral("SQLite format 3")))
            throw openError(CiiError::Code::NotADatabase, path,
                            QStringLiteral("it is an unencrypted SQLite database, not a CII Ledger store"),
                            QStringLiteral("Move it out of the data folder; CII Ledger only opens its own encrypted store."));
        const qint64 size = QFileInfo(path).size();
        if (size < kPageSize || size % kPageSize != 0)
            throw openError(CiiError::Code::Corrupt, path,
                            QStringLiteral("the file is not a whole number of store pages, so it is damaged or is "
                                           "not a CII Ledger store"),
                            QStringLiteral("Do not delete it. Restore from the cloud backup (Settings > Security > "
                                           "Restore from Cloud)."));
        const auto loaded = o.keyStore->load(storeId);
        if (!loaded)
            throw openError(CiiError::Code::MissingKey, path,
                            QStringLiteral("its encryption key was not found in %1").arg(o.keyStore->description()),
                            QStringLiteral("The store cannot be read without its key. Restore the key file from a "
                                           "copy, or restore the records from the cloud with the recovery key."));
        key = *loaded;
        if (!key.fileSalt.isEmpty() && key.fileSalt != head.left(kSaltSize))
            throw openError(CiiError::Code::WrongKey, path,
                            QStringLiteral("the key found in %1 belongs to a different store").arg(o.keyStore->description()),
                            QStringLiteral("The file may have been replaced by another store's file. Put the right "
                                           "file back, or restore from the cloud with the recovery key."));
    } else {
        // The key is saved before the file exists: a crash in between leaves a key without a store, never
        // a store without its key.
        key.key = randomKey();
        o.keyStore->save(storeId, key);
    }

    sql::Database &db = s->m_db;
    db.open(path, !existed);
    const QByteArray keyHex = key.key.toHex();
    s->m_keyHex = keyHex;
    db.exec("PRAGMA key = \"x'" + keyHex + "'\"", QStringLiteral("unlock the store"));
    db.exec("PRAGMA cipher_page_size = " + QByteArray::number(kPageSize), QStringLiteral("unlock the store"));

    // The first read shows whether the key fits.
    const int rc = sqlite3_exec(db.handle(), "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_NOTADB) {
            if (!key.fileSalt.isEmpty())
                throw openError(CiiError::Code::Corrupt, path,
                                QStringLiteral("the key is right but the file cannot be decrypted, so it is damaged"),
                                QStringLiteral("Do not delete it. Restore from the cloud backup (Settings > Security > "
                                               "Restore from Cloud)."));
            throw openError(CiiError::Code::WrongKey, path,
                            QStringLiteral("the key found in %1 does not open it (the key belongs to another store, "
                                           "or the file is damaged)").arg(o.keyStore->description()),
                            QStringLiteral("Restore the right key file, or restore the records from the cloud with "
                                           "the recovery key."));
        }
        throw db.error(rc, QStringLiteral("open the store"));
    }

    const int version = Migrator::currentVersion(db);
    const int latest = Migrator::latestVersion();
    if (version > latest)
        throw openError(CiiError::Code::NewerSchema, path,
                        QStringLiteral("it was written by a newer version of CII Ledger (store version %1, this "
                                       "program understands up to %2)").arg(version).arg(latest),
                        QStringLiteral("Install the newer CII Ledger. The store was not changed."));

    db.exec("PRAGMA journal_mode = WAL", QStringLiteral("open the store"));
    db.exec("PRAGMA synchronous = FULL", QStringLiteral("open the store"));
    // A transaction writes about four pages (event, journal head, projection rows), so SQLite's default of a
    // checkpoint every 1,000 WAL pages would run one inside every ~250th commit; 4,000 pages (16 MiB of WAL)
    // brings it back to about one per 1,000 transactions. Measured: bench_dispense p99, docs/PERFORMANCE.md.
    db.exec("PRAGMA wal_autocheckpoint = 4000", QStringLiteral("open the store"));
    db.exec("PRAGMA foreign_keys = ON", QStringLiteral("open the store"));

    const int target = o.targetSchemaVersion < 0 ? latest : o.targetSchemaVersion;
    {
        sql::Transaction tx(db, QStringLiteral("upgrade the store"));
        const int applied = Migrator::migrate(db, target);
        s->m_journal = std::make_unique<Journal>(db, *o.clock);
        if (applied > 0) {
            // Projections are derived: after any schema change, they are rebuilt from the journal.
            for (const auto &p : s->m_projections)
                for (const auto &t : p->tables())
                    db.exec("DELETE FROM " + t.name.toUtf8(), QStringLiteral("upgrade the store"));
            s->replayInto(1);
        }
        if (!existed && !o.restoring) {
            s->appendInTransaction(QStringLiteral("system"), QStringLiteral("store.created"),
                                   QCborMap{{QStringLiteral("storeId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                            {QStringLiteral("schema"), target}});
        }
        tx.commit();
        if (applied > 0)
            qCInfo(lcStore) << "store upgraded by" << applied << "migrations to version" << target;
    }
    s->m_schemaVersion = Migrator::currentVersion(db);
    s->m_created = !existed;
    if (!o.restoring && QFileInfo::exists(readOnlyMarkerPath(o.dataDir))) {
        QFile marker(readOnlyMarkerPath(o.dataDir));
        s->m_readOnlyAsOf = marker.open(QIODevice::ReadOnly) ? QString::fromUtf8(marker.read(200)).trimmed() : QString();
        if (s->m_readOnlyAsOf.isEmpty())
            s->m_readOnlyAsOf = QStringLiteral("an earlier date");
    }

    if (key.fileSalt.isEmpty()) {
        // Bind the key to this file's salt (page 1 reaches the main file at a checkpoint).
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)", QStringLiteral("open the store"));
        key.fileSalt = openFileHead(db, kSaltSize); // never fileHead() here: the connection is open (see there)
        o.keyStore->save(storeId, key);
        QFile marker(o.dataDir + QStringLiteral("/key-location"));
        if (marker.open(QIODevice::WriteOnly))
            marker.write(KeyStore::protectionName(o.keyStore->protection()).toUtf8() + '\n');
    }
    s->otherWritersCommitted(); // the baseline: the head just read is the true one
    qCInfo(lcStore) << "store open:" << path << "schema" << s->m_schemaVersion << "events" << s->m_journal->headSeq();
    return s;
}

bool Store::otherWritersCommitted()
{
    // data_version changes when another connection (another process, or the drainer's connection) commits; never
    // for this connection's own commits.
    sql::Query q(m_db, "PRAGMA data_version");
    const qint64 version = q.next() ? q.int64(0) : -1;
    const bool changed = version != m_dataVersion;
    m_dataVersion = version;
    return changed;
}

void Store::followOtherWriters()
{
    if (otherWritersCommitted())
        m_journal->reloadHead();
}

bool Store::checkOtherWriters()
{
    if (!otherWritersCommitted())
        return false;
    const qint64 before = m_journal->headSeq();
    m_journal->reloadHead();
    if (m_journal->headSeq() == before)
        return false; // the drainer's outbox, not the journal
    qCInfo(lcStore) << "the journal was appended to by another process; head now" << m_journal->headSeq();
    Q_EMIT committed(m_journal->headSeq());
    return true;
}

void Store::watchOtherWriters(int intervalMs)
{
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this] {
        try {
            checkOtherWriters();
        } catch (const CiiError &e) {
            qCWarning(lcStore) << "could not look for other writers:" << e.userText();
        }
    });
    timer->start(intervalMs);
}

void Store::finishWrite(bool ok)
{
    if (ok)
        Q_EMIT committed(m_journal->headSeq());
    else
        m_journal->reloadHead();
}

Event Store::appendInTransaction(const QString &actor, const QString &kind, const QCborMap &payload)
{
    Event e = m_journal->append(actor, kind, payload);
    for (const auto &p : m_projections)
        p->apply(m_db, e, payload);
    return e;
}

void Store::importInTransaction(const QList<Event> &events)
{
    for (const Event &e : events) {
        m_journal->appendVerbatim(e);
        const QCborMap payload = e.payloadMap();
        for (const auto &p : m_projections)
            p->apply(m_db, e, payload);
    }
}

Event Store::append(const QString &actor, const QString &kind, const QCborMap &payload)
{
    return write(QStringLiteral("record the entry"), [&] { return appendInTransaction(actor, kind, payload); });
}

void Store::replayInto(qint64 fromSeq)
{
    m_journal->forEach(fromSeq, [this](const Event &e) {
        const QCborMap payload = e.payloadMap();
        for (const auto &p : m_projections)
            p->apply(m_db, e, payload);
        return true;
    });
}

void Store::rebuildProjections()
{
    write(QStringLiteral("rebuild the records from the journal"), [this] {
        for (const auto &p : m_projections)
            for (const auto &t : p->tables())
                m_db.exec("DELETE FROM " + t.name.toUtf8(), QStringLiteral("rebuild the records"));
        replayInto(1);
    });
}

QByteArray Store::stateDigest()
{
    QList<Projection::Table> tables;
    for (const auto &p : m_projections)
        tables += p->tables();
    return digestTables(m_db, tables);
}

QList<Projection::Table> Store::currentStateTables() const
{
    QList<Projection::Table> tables;
    for (const auto &p : m_projections)
        for (const auto &t : p->tables())
            if (!t.history)
                tables << t;
    return tables;
}

QByteArray Store::digestTables(sql::Database &db, QList<Projection::Table> tables)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    std::sort(tables.begin(), tables.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    for (const auto &t : tables) {
        hash.addData(canonicalCbor(t.name));
        const QByteArray sqlText = "SELECT * FROM " + t.name.toUtf8() + " ORDER BY " + t.orderBy.toUtf8();
        sql::Query q(db, sqlText.constData(), QStringLiteral("compute the state digest"));
        while (q.next()) {
            QCborArray row;
            for (int c = 0; c < q.columnCount(); ++c) {
                switch (q.columnType(c)) {
                case SQLITE_INTEGER: row.append(q.int64(c)); break;
                case SQLITE_TEXT: row.append(q.text(c)); break;
                case SQLITE_BLOB: row.append(q.blob(c)); break;
                case SQLITE_NULL: row.append(nullptr); break;
                default: row.append(q.text(c)); break; // REAL never appears: quantities are integers
                }
            }
            hash.addData(canonicalCbor(row));
        }
    }
    return hash.result();
}

VerifyReport Store::verify()
{
    VerifyReport report = m_journal->verify();
    if (!report.intact)
        return report;
    const QByteArray live = stateDigest();
    // Rebuild inside a transaction that is never committed, and compare.
    {
        sql::Transaction tx(m_db, QStringLiteral("verify the records"));
        for (const auto &p : m_projections)
            for (const auto &t : p->tables())
                m_db.exec("DELETE FROM " + t.name.toUtf8(), QStringLiteral("verify the records"));
        replayInto(1);
        report.projectionsMatch = stateDigest() == live;
    }
    return report;
}

void Store::ConnectionRecipe::open(sql::Database &db) const
{
    db.open(path, false);
    db.exec("PRAGMA key = \"x'" + keyHex + "'\"", QStringLiteral("unlock the store"));
    db.exec("PRAGMA cipher_page_size = " + QByteArray::number(kPageSize), QStringLiteral("unlock the store"));
    db.exec("PRAGMA synchronous = FULL", QStringLiteral("open the store"));
    db.exec("PRAGMA foreign_keys = ON", QStringLiteral("open the store"));
    // The first read shows whether the key fits (it always does: it is the open store's own).
    db.exec("SELECT count(*) FROM sqlite_master", QStringLiteral("open the store"));
}

} // namespace cii
