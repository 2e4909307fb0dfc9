#include "Sqlite.h"

#include "Log.h"

#include <sqlite3.h>

namespace cii::sql {

Database::~Database()
{
    close();
}

void Database::open(const QString &path, bool create)
{
    close();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString detail = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString();
        sqlite3_close(db);
        throw CiiError(CiiError::Code::NotWritable, QStringLiteral("open the store"), path,
                       QStringLiteral("the file cannot be opened for writing at that location"),
                       QStringLiteral("Check that the folder exists, that the disk is mounted and writable, "
                                      "and that this account may write there."),
                       false, detail);
    }
    m_db = db;
    m_path = path;
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
}

void Database::close()
{
    for (sqlite3_stmt *stmt : std::as_const(m_cache))
        sqlite3_finalize(stmt);
    m_cache.clear();
    m_inUse.clear();
    if (m_db) {
        sqlite3_close(m_db);
        m_db = nullptr;
    }
}

void Database::exec(const QByteArray &sql, const QString &operation)
{
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &msg);
    sqlite3_free(msg);
    if (rc != SQLITE_OK)
        throw error(rc, operation);
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

sqlite3_stmt *Database::prepare(const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK)
        throw error(rc, QStringLiteral("prepare a query"));
    return stmt;
}

sqlite3_stmt *Database::acquire(const char *sql, bool *isPrivate)
{
    const QByteArray key = QByteArray::fromRawData(sql, int(qstrlen(sql)));
    auto it = m_cache.constFind(key);
    sqlite3_stmt *stmt = it != m_cache.constEnd() ? it.value() : nullptr;
    if (stmt && m_inUse.contains(stmt)) {
        *isPrivate = true; // sharing it would reset the other query's cursor under it
        return prepare(sql);
    }
    if (!stmt) {
        stmt = prepare(sql);
        m_cache.insert(QByteArray(sql), stmt);
    }
    *isPrivate = false;
    m_inUse.insert(stmt);
    return stmt;
}

void Database::release(sqlite3_stmt *stmt, bool isPrivate)
{
    if (isPrivate) {
        sqlite3_finalize(stmt);
        return;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    m_inUse.remove(stmt);
}

CiiError Database::error(int rc, const QString &operation) const
{
    const QString detail = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
    qCWarning(lcStore) << "sqlite error" << rc << detail << "while:" << operation;
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return CiiError(CiiError::Code::DiskFull, operation, m_path, QStringLiteral("the disk is full"),
                        QStringLiteral("Free some space on this computer's disk, then try again. Nothing was saved."),
                        true, detail);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return CiiError(CiiError::Code::NotWritable, operation, m_path,
                        QStringLiteral("the store's location is read-only or cannot be written"),
                        QStringLiteral("Check that the disk is mounted read-write and that this account may "
                                       "write to the folder. Nothing was saved."),
                        false, detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return CiiError(CiiError::Code::Busy, operation, m_path,
                        QStringLiteral("another program is using the store right now"),
                        QStringLiteral("Close other copies of CII Ledger or ciictl, then try again."), true, detail);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return CiiError(CiiError::Code::Corrupt, operation, m_path, QStringLiteral("the store file is damaged"),
                        QStringLiteral("Do not delete the file. Restore from the cloud backup "
                                       "(Settings > Security > Restore from Cloud)."),
                        false, detail);
    case SQLITE_CONSTRAINT:
        if (detail.contains(QLatin1String("append-only")))
            return CiiError(CiiError::Code::AppendOnly, operation, QStringLiteral("the journal"),
                            QStringLiteral("recorded history can never be changed or removed"),
                            QStringLiteral("Record a correction instead: it names the entry it corrects."), false,
                            detail);
        return CiiError(CiiError::Code::InvalidInput, operation, QString(),
                        QStringLiteral("the entry conflicts with what is already recorded"), QString(), false,
                        detail);
    case SQLITE_IOERR:
        return CiiError(CiiError::Code::NotWritable, operation, m_path,
                        QStringLiteral("the disk reported an input/output error"),
                        QStringLiteral("Check the disk. Nothing was saved."), true, detail);
    default:
        return CiiError(CiiError::Code::Internal, operation, m_path, QStringLiteral("an unexpected storage error occurred"),
                        QStringLiteral("Try again; if it persists, note the time and contact support."), false,
                        detail);
    }
}

Query::Query(Database &db, const char *sql, QString operation)
    : m_db(db)
    , m_stmt(db.acquire(sql, &m_private))
    , m_operation(std::move(operation))
{
}

Query::~Query()
{
    m_db.release(m_stmt, m_private);
}

Query &Query::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    m_done = false; // new values: the next step runs it again
    return *this;
}

Query &Query::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    m_done = false; // new values: the next step runs it again
    return *this;
}

Query &Query::bind(int index, const QByteArray &blob)
{
    sqlite3_bind_blob(m_stmt, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
    m_done = false; // new values: the next step runs it again
    return *this;
}

Query &Query::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    m_done = false; // new values: the next step runs it again
    return *this;
}

bool Query::next()
{
    if (m_done)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE) {
        // Reset at once (bindings kept): SQLite 3.15 still counts a finished statement as busy until then,
        // and sql::Transaction refuses to begin while any statement is busy.
        sqlite3_reset(m_stmt);
        m_done = true;
        return false;
    }
    throw m_db.error(rc, m_operation);
}

void Query::run()
{
    while (next()) { }
}

int Query::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool Query::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int Query::columnType(int column) const
{
    return sqlite3_column_type(m_stmt, column);
}

qint64 Query::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString Query::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Query::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

Transaction::Transaction(Database &db, const QString &operation)
    : m_db(db)
    , m_operation(operation)
{
    // A statement still stepping holds this connection's read snapshot: BEGIN IMMEDIATE then fails at once,
    // without the busy wait, whenever another connection (the drainer's) has committed since. Every query
    // must be finished or gone before a write begins; debug builds stop at the one that is not.
#ifndef QT_NO_DEBUG // not on a release build's commit path
    for (sqlite3_stmt *s = sqlite3_next_stmt(m_db.handle(), nullptr); s; s = sqlite3_next_stmt(m_db.handle(), s))
        Q_ASSERT_X(!sqlite3_stmt_busy(s), "sql::Transaction", sqlite3_sql(s));
#endif
    m_db.exec("BEGIN IMMEDIATE", operation);
}

Transaction::~Transaction()
{
    if (!m_done) {
        char *msg = nullptr;
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, &msg);
        sqlite3_free(msg);
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT", m_operation);
    m_done = true;
}

} // namespace cii::sql
