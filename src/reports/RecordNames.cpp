#include "RecordNames.h"

#include "Sqlite.h"

#include <QDateTime>
#include <QStringList>

namespace cii {

RecordNames RecordNames::read(sql::Database &db, const QString &timezone)
{
    RecordNames n;
    n.zone = QTimeZone(timezone.toUtf8());
    if (!n.zone.isValid())
        n.zone = QTimeZone::utc();
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

RecordNames RecordNames::read(sql::Database &db)
{
    QString timezone;
    {
        sql::Query q(db, "SELECT timezone FROM pharmacy WHERE id = 1");
        if (q.next())
            timezone = q.text(0);
    }
    return read(db, timezone);
}

QString RecordNames::person(const QString &id) const
{
    if (id == QLatin1String("system"))
        return QStringLiteral("CII Ledger");
    return people.value(id, id);
}

RecordNames::Product RecordNames::product(const QString &ndc11) const
{
    return products.value(ndc11, Product{ndc11, ndc11, {}, {}, {}, 0});
}

QString RecordNames::productName(const QString &ndc11) const
{
    const auto it = products.constFind(ndc11);
    if (it == products.cend())
        return ndc11;
    return QStringList{it->name, it->strength, it->form}.join(QLatin1Char(' ')).simplified();
}

QString RecordNames::shortName(const QString &ndc11) const
{
    const auto it = products.constFind(ndc11);
    return it == products.cend() ? ndc11 : QStringList{it->name, it->strength}.join(QLatin1Char(' ')).simplified();
}

QString RecordNames::ndc(const QString &ndc11) const
{
    const auto it = products.constFind(ndc11);
    return it == products.cend() ? ndc11 : it->ndc;
}

QString RecordNames::dateTime(qint64 atMs) const
{
    return QDateTime::fromMSecsSinceEpoch(atMs, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString RecordNames::date(qint64 atMs) const
{
    return QDateTime::fromMSecsSinceEpoch(atMs, zone).date().toString(Qt::ISODate);
}

} // namespace cii
