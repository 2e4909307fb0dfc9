#include "Migrator.h"

#include "CiiError.h"
#include "Sqlite.h"

#include <QDir>
#include <QFile>

namespace cii {

QList<Migrator::Migration> Migrator::all()
{
    QList<Migration> list;
    const QStringList files = QDir(QStringLiteral(":/schema")).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        QFile f(QStringLiteral(":/schema/") + file);
        f.open(QIODevice::ReadOnly);
        list.append({file.left(4).toInt(), file, f.readAll()});
    }
    return list;
}

int Migrator::latestVersion()
{
    const auto list = all();
    return list.isEmpty() ? 0 : list.last().version;
}

int Migrator::currentVersion(sql::Database &db)
{
    sql::Query q(db, "PRAGMA user_version", QStringLiteral("read the store's version"));
    q.next();
    return int(q.int64(0));
}

int Migrator::migrate(sql::Database &db, int target)
{
    const int current = currentVersion(db);
    int applied = 0;
    for (const Migration &m : all()) {
        if (m.version <= current || m.version > target)
            continue;
        db.exec(m.sql, QStringLiteral("upgrade the store (%1)").arg(m.name));
        db.exec("PRAGMA user_version = " + QByteArray::number(m.version), QStringLiteral("upgrade the store"));
        ++applied;
    }
    return applied;
}

} // namespace cii
