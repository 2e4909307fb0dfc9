#include "SettingsProjection.h"

#include "Event.h"
#include "Sqlite.h"

#include <sqlite3.h>

namespace cii {

namespace {
void put(sql::Database &db, const QString &key, const QString &value, qint64 seq)
{
    // UPDATE, then INSERT when there was nothing to update, both OR FAIL: unlike INSERT OR REPLACE they need no
    // statement journal (SQLCipher encrypts its pages); the append's transaction is the unit of atomicity.
    sql::Query(db, "UPDATE OR FAIL settings SET value = ?, changed_seq = ? WHERE key = ?", QStringLiteral("record the setting"))
        .bind(1, value).bind(2, seq).bind(3, key).run();
    if (sqlite3_changes(db.handle()) == 0)
        sql::Query(db, "INSERT OR FAIL INTO settings(key, value, changed_seq) VALUES (?,?,?)", QStringLiteral("record the setting"))
            .bind(1, key).bind(2, value).bind(3, seq).run();
}
} // namespace

void SettingsProjection::apply(sql::Database &db, const Event &event, const QCborMap &payload)
{
    if (event.kind == QLatin1String("store.created")) {
        put(db, QStringLiteral("store.id"), payload.value(QLatin1String("storeId")).toString(), event.seq);
    } else if (event.kind == QLatin1String("setting.changed")) {
        put(db, payload.value(QLatin1String("key")).toString(), payload.value(QLatin1String("value")).toString(),
            event.seq);
    }
}

QString SettingsProjection::value(sql::Database &db, const QString &key, const QString &fallback)
{
    sql::Query q(db, "SELECT value FROM settings WHERE key = ?");
    q.bind(1, key);
    return q.next() ? q.text(0) : fallback;
}

} // namespace cii
