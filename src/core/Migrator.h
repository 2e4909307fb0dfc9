#pragma once

#include <QList>
#include <QString>

namespace cii {
namespace sql {
class Database;
}

/// The numbered SQL files of `schema/` (compiled in as resources under :/schema/NNNN_name.sql).
/// The store's version is SQLite's `user_version`: the number of the last migration applied.
class Migrator
{
public:
    struct Migration
    {
        int version;
        QString name;
        QByteArray sql;
    };

    static QList<Migration> all();
    static int latestVersion();
    static int currentVersion(sql::Database &db);
    /// Applies every migration above the current version up to `target`, in the caller's open transaction,
    /// and sets user_version. Returns how many were applied.
    static int migrate(sql::Database &db, int target);
};

} // namespace cii
