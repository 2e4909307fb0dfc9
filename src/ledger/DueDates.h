#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace cii {
namespace sql {
class Database;
}

/// Something the pharmacist-in-charge must do by a date, with the rule it comes from.
struct DueDate
{
    QString what; ///< "Biennial inventory", "DEA registration expires", ...
    QDate due;
    QString rule; ///< the rule and its citation
    int warnDays = 60; ///< how long ahead the counter shows it (the state licence: 30)
    bool overdue(const QDate &today) const { return due < today; }
};

/// Every date the records know of, earliest first (docs/LEDGER.md "Due dates"): the biennial inventory (yearly where
/// the state asks it: inventoryIntervalYears), the
/// reconciliation cadence, the DEA notice and Form 106 of each theft or loss not yet filed, California's Board report
/// of a loss and its reconciliation after a new pharmacist-in-charge, and the expiry of the DEA registration and the
/// state licence when the profile records them. Reads only; the store's thread.
QList<DueDate> dueDates(sql::Database &db, const QDate &today);

/// Years between two inventories in `state` (two letters): 1 where the state requires an annual inventory (Ohio),
/// else 2, the DEA's biennial inventory (21 CFR 1304.11(c)).
int inventoryIntervalYears(const QString &state);

/// Those the counter shows: overdue, or due within 60 days (30 for the state licence, which warns later).
QList<DueDate> dueSoon(const QList<DueDate> &all, const QDate &today);

} // namespace cii
