#pragma once

#include "Sqlite.h"

#include <QByteArray>
#include <QString>

namespace cii::bench {

/// The baseline every write benchmark compares against: the same SQLCipher, raw key form, 4 KiB cipher pages,
/// WAL and synchronous=FULL as the store, one row of about an event's size per commit.
class BareTable
{
public:
    explicit BareTable(const QString &path)
    {
        m_db.open(path, true);
        m_db.exec("PRAGMA key = \"x'" + QByteArray(32, '\x42').toHex() + "'\"");
        m_db.exec("PRAGMA cipher_page_size = 4096");
        m_db.exec("PRAGMA journal_mode = WAL");
        m_db.exec("PRAGMA synchronous = FULL");
        m_db.exec("CREATE TABLE t(seq INTEGER PRIMARY KEY, at_ms INTEGER, actor TEXT, kind TEXT, payload BLOB, h BLOB)");
    }
    void insertOne(qint64 atMs)
    {
        sql::Transaction tx(m_db);
        sql::Query(m_db, "INSERT INTO t(at_ms, actor, kind, payload, h) VALUES (?,?,?,?,?)")
            .bind(1, atMs).bind(2, QStringLiteral("person-1")).bind(3, QStringLiteral("setting.changed"))
            .bind(4, m_payload).bind(5, QByteArray(32, 'h')).run();
        tx.commit();
    }

    sql::Database &db() { return m_db; }

private:
    sql::Database m_db;
    const QByteArray m_payload = QByteArray(60, 'p');
};

} // namespace cii::bench
