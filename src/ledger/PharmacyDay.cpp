#include "PharmacyDay.h"

#include "LedgerQueries.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

namespace cii {

std::optional<qint64> endOfPharmacyDay(sql::Database &db, const QString &date, qint64 nowMs, QString &problem)
{
    const QDate day = QDate::fromString(date.trimmed(), Qt::ISODate);
    if (!day.isValid() || date.trimmed().size() != 10) {
        problem = QStringLiteral("must be a date written YYYY-MM-DD, such as 2026-06-30");
        return std::nullopt;
    }
    const QTimeZone zone = LedgerQueries(db).pharmacy().zone();
    const qint64 end = QDateTime(day.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch() - 1;
    if (end > nowMs + 86'400'000) {
        problem = QStringLiteral("is in the future; choose a day that has passed");
        return std::nullopt;
    }
    return end;
}

} // namespace cii
