#include "RecordNames.h"

#include "LedgerQueries.h"
#include "Sqlite.h"

#include <QDateTime>
#include <QStringList>
#include <limits>

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
    while (q.next()) {
        Product p{q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.int64(6), {}, {}};
        p.fullName = QStringList{p.name, p.strength, p.form}.join(QLatin1Char(' ')).simplified();
        p.shortName = QStringList{p.name, p.strength}.join(QLatin1Char(' ')).simplified();
        n.products.insert(q.text(0), p);
    }
    return n;
}

RecordNames RecordNames::read(sql::Database &db)
{
    return read(db, LedgerQueries(db).pharmacy().timezone);
}

QString RecordNames::person(const QString &id) const
{
    if (id == QLatin1String("system"))
        return QStringLiteral("CII Ledger");
    return people.value(id, id);
}

RecordNames::Product RecordNames::product(const QString &ndc11) const
{
    return products.value(ndc11, Product{ndc11, ndc11, {}, {}, {}, 0, ndc11, ndc11});
}

QString RecordNames::productName(const QString &ndc11) const
{
    const auto it = products.constFind(ndc11);
    return it == products.cend() ? ndc11 : it->fullName;
}

QString RecordNames::shortName(const QString &ndc11) const
{
    const auto it = products.constFind(ndc11);
    return it == products.cend() ? ndc11 : it->shortName;
}

QString RecordNames::ndc(const QString &ndc11) const
{
    const auto it = products.constFind(ndc11);
    return it == products.cend() ? ndc11 : it->ndc;
}

int RecordNames::offsetAt(qint64 atMs) const
{
    if (atMs >= m_span.fromMs && atMs < m_span.toMs)
        return m_span.offsetSeconds;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc());
    m_span = {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), zone.offsetFromUtc(at)};
    if (zone.hasTransitions()) {
        // The last transition at or before the instant (previousTransition is strictly before its argument) and
        // the first after it: between them the offset is the one just read.
        const QTimeZone::OffsetData before = zone.previousTransition(at.addMSecs(1));
        const QTimeZone::OffsetData after = zone.nextTransition(at);
        if (before.atUtc.isValid())
            m_span.fromMs = before.atUtc.toMSecsSinceEpoch();
        if (after.atUtc.isValid())
            m_span.toMs = after.atUtc.toMSecsSinceEpoch();
    }
    return m_span.offsetSeconds;
}

namespace {
constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kUnixEpochJulianDay = 2'440'588;

void putDigits(QChar *&out, int value, int width)
{
    for (int i = width - 1; i >= 0; --i, value /= 10)
        out[i] = QChar(u'0' + value % 10);
    out += width;
}
} // namespace

QString RecordNames::dateTime(qint64 atMs) const
{
    const qint64 local = atMs + qint64(offsetAt(atMs)) * 1000;
    const qint64 day = local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
    const QDate d = QDate::fromJulianDay(day + kUnixEpochJulianDay);
    if (d.year() < 1000 || d.year() > 9999) // not a time a record can have; QDateTime writes it
        return QDateTime::fromMSecsSinceEpoch(atMs, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    const int minutes = int((local - day * kDayMs) / 60'000);
    QString s(16, Qt::Uninitialized);
    QChar *out = s.data();
    putDigits(out, d.year(), 4);
    *out++ = u'-';
    putDigits(out, d.month(), 2);
    *out++ = u'-';
    putDigits(out, d.day(), 2);
    *out++ = u' ';
    putDigits(out, minutes / 60, 2);
    *out++ = u':';
    putDigits(out, minutes % 60, 2);
    return s;
}

QString RecordNames::date(qint64 atMs) const
{
    return dateTime(atMs).left(10);
}

QString RecordNames::lossTypeText(const QString &type)
{
    if (type == QLatin1String("theft"))
        return QStringLiteral("Theft");
    if (type == QLatin1String("in-transit-loss"))
        return QStringLiteral("Lost in transit");
    return QStringLiteral("Loss");
}

QString RecordNames::lossKindText(const QString &kind)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("night-break-in"), QStringLiteral("Night break-in")},
        {QStringLiteral("armed-robbery"), QStringLiteral("Armed robbery")},
        {QStringLiteral("employee-pilferage"), QStringLiteral("Employee pilferage")},
        {QStringLiteral("customer-theft"), QStringLiteral("Customer theft")},
        {QStringLiteral("lost-in-pharmacy"), QStringLiteral("Lost in the pharmacy")},
        {QStringLiteral("other"), QStringLiteral("Other")},
    };
    if (kind.isEmpty())
        return QStringLiteral("Not stated");
    return names.value(kind, kind);
}

} // namespace cii
