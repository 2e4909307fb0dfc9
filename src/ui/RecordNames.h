#pragma once

#include <QHash>
#include <QString>
#include <QTimeZone>

namespace cii::sql {
class Database;
}

namespace cii {

/// What the supervisor screens show beside a record's keys: people's names, products in words, times in the
/// pharmacy's zone. Read once per screen refresh (a pharmacy has tens of people and products).
struct RecordNames
{
    struct Product
    {
        QString ndc, name, strength, form, unit;
        qint64 packageSize = 0;
        QString text() const { return name + QLatin1Char(' ') + strength; } ///< "Oxycodone HCl 5 mg"
    };
    QTimeZone zone;
    QHash<QString, QString> people;   ///< id -> name
    QHash<QString, Product> products; ///< ndc11 -> product

    static RecordNames read(sql::Database &db);
    QString person(const QString &id) const { return people.value(id, id); }
    Product product(const QString &ndc11) const { return products.value(ndc11, Product{ndc11, ndc11, {}, {}, {}, 0}); }
    QString dateTime(qint64 atMs) const; ///< "2026-11-25 14:03"
    QString date(qint64 atMs) const;     ///< "2026-11-25"
};

} // namespace cii
