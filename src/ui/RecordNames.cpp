#include "RecordNames.h"

#include "Sqlite.h"

#include <QDateTime>

namespace cii {

RecordNames RecordNames::read(sql::Database &db)
{
    RecordNames n;
    {
        sql::Query q(db, "SELECT timezone FROM pharmacy WHERE id = 1");
        n.zone = q.next() ? QTimeZone(q.text(0).toUtf8()) : QTimeZone();
        q.next(); // to its end: nothing of it stays open
    }
    if (!n.zone.isValid())
        n.zone = QTimeZone::systemTimeZone();
    {
        sql::Query q(db, "SELECT id, name FROM people");
        while (q.next())
            n.people.insert(q.text(0), q.text(1));
    }
    sql::Query q(db, "SELECT ndc11, ndc, name, strength, dosage_form, base_unit, package_size FROM products");
    while (q.next())
        n.products.insert(q.text(0), Product{q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.int64(6)});
    return n;
}

QString RecordNames::dateTime(qint64 atMs) const
{
    return QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc()).toTimeZone(zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString RecordNames::date(qint64 atMs) const
{
    return QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc()).toTimeZone(zone).toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace cii
