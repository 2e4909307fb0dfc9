#pragma once

#include "CiiError.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace cii::sql {

/// Thin RAII wrapper over one SQLCipher connection. Not thread-safe: a connection belongs to the thread
/// that opened it. Every failure is thrown as a CiiError whose `operation` is what the caller was doing.
class Database
{
public:
    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens (and with `create`, creates) the file. Throws CiiError(NotWritable) when the location cannot
    /// be opened. Nothing is read yet: a wrong key only shows at the first read.
    void open(const QString &path, bool create);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    sqlite3 *handle() const { return m_db; }
    QString path() const { return m_path; }

    /// Runs one or more statements with no results. `operation` names the work for the error message.
    void exec(const QByteArray &sql, const QString &operation = QStringLiteral("update the store"));
    qint64 lastInsertRowId() const;

    /// A prepared statement for `sql`: the connection's cached one, or when that one is in use by a live
    /// Query (two queries with the same text at once), a private one that `release` finalizes.
    sqlite3_stmt *acquire(const char *sql, bool *isPrivate);
    void release(sqlite3_stmt *stmt, bool isPrivate);

    /// Builds the CiiError for SQLite result code `rc` (extended codes included).
    CiiError error(int rc, const QString &operation) const;

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    sqlite3_stmt *prepare(const char *sql);

    QHash<QByteArray, sqlite3_stmt *> m_cache;
    QSet<sqlite3_stmt *> m_inUse;
};

/// A statement use: binds, steps, reads columns, and resets the (cached) statement when it goes away.
class Query
{
public:
    /// Uses the connection's cached statement for `sql`.
    Query(Database &db, const char *sql, QString operation = QStringLiteral("read the store"));
    ~Query();
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;

    Query &bind(int index, qint64 value);
    Query &bind(int index, int value) { return bind(index, qint64(value)); }
    Query &bind(int index, const QString &value);
    Query &bind(int index, const QByteArray &blob);
    Query &bindNull(int index);

    /// Steps once; true when a row is available.
    bool next();
    /// Steps to completion (for INSERT/UPDATE/DELETE).
    void run();

    int columnCount() const;
    bool isNull(int column) const;
    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    int columnType(int column) const;

private:
    Database &m_db;
    bool m_private = false; // declared before m_stmt: acquire() sets it while m_stmt is initialized
    sqlite3_stmt *m_stmt;
    QString m_operation;
    bool m_done = false; ///< stepped to the end; next() stays false
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless commit() was called.
class Transaction
{
public:
    explicit Transaction(Database &db, const QString &operation = QStringLiteral("write to the store"));
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    QString m_operation;
    bool m_done = false;
};

} // namespace cii::sql
