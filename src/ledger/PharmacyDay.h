#pragma once

#include <QString>
#include <optional>

namespace cii::sql {
class Database;
}

namespace cii {

/// For a point-in-time copy: the last millisecond of `date` (YYYY-MM-DD) in the pharmacy's time zone (the store's
/// `pharmacy` row; the system's when there is none). Empty when the date is not written so, or has not passed;
/// `problem` then goes on a sentence naming the field ("must be a date written YYYY-MM-DD, ...").
std::optional<qint64> endOfPharmacyDay(sql::Database &db, const QString &date, qint64 nowMs, QString &problem);

} // namespace cii
