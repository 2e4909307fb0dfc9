#include "DueDates.h"

#include "LedgerQueries.h"
#include "Sqlite.h"

#include <QDateTime>
#include <algorithm>

namespace cii {

namespace {

QDate day(const QString &iso)
{
    return QDate::fromString(iso, Qt::ISODate);
}

/// The day of the earliest opening balance, the initial inventory of a pharmacy that started with the ledger.
QDate openingBalancesDay(sql::Database &db)
{
    sql::Query q(db, "SELECT min(business_date) FROM entries WHERE kind = 'opening-balance'");
    return q.next() && !q.isNull(0) ? day(q.text(0)) : QDate();
}

/// When the current pharmacist-in-charge was added, if they are not the pharmacy's first (a change of PIC).
QDate newPharmacistInChargeDay(sql::Database &db, const QTimeZone &zone)
{
    sql::Query q(db, "SELECT ev.at_ms FROM people p JOIN events ev ON ev.seq = p.added_seq "
                     "WHERE p.role = 'pharmacist-in-charge' AND p.active = 1 "
                     "AND p.added_seq > (SELECT min(added_seq) FROM people) ORDER BY p.added_seq DESC LIMIT 1");
    return q.next() ? QDateTime::fromMSecsSinceEpoch(q.int64(0), zone).date() : QDate();
}

} // namespace

QList<DueDate> dueDates(sql::Database &db, const QDate &today)
{
    const LedgerQueries queries(db);
    const PharmacyRow pharmacy = queries.pharmacy();
    QList<DueDate> due;
    if (!pharmacy.exists)
        return due;
    const bool california = pharmacy.state == QLatin1String("CA");
    const InventoryDates inventories = queries.inventoryDates();

    // 21 CFR 1304.11(c): a new inventory at least every two years after the initial one (opening balances); some
    // states ask it every year.
    QDate lastInventory = day(inventories.lastInventory);
    if (const QDate opening = openingBalancesDay(db); opening.isValid() && (!lastInventory.isValid() || opening > lastInventory))
        lastInventory = opening;
    const int years = inventoryIntervalYears(pharmacy.state);
    const QString every = years == 1 ? QStringLiteral("every year after the last (the state's rule; the DEA's is two years, 21 CFR 1304.11(c))")
                                     : QStringLiteral("every two years after the last (21 CFR 1304.11(c))");
    due.append({years == 1 ? QStringLiteral("Annual inventory") : QStringLiteral("Biennial inventory"),
                lastInventory.isValid() ? lastInventory.addYears(years) : today,
                lastInventory.isValid() ? QStringLiteral("%1; last %2").arg(every, lastInventory.toString(Qt::ISODate))
                                        : QStringLiteral("no inventory recorded yet: the initial inventory (21 CFR 1304.11(b))")});

    // The state's reconciliation cadence: the oldest matching count of an active product, plus the cadence.
    // A product never counted is due a cadence after its first record.
    QDate oldest;
    for (const MatchingCount &c : queries.countsOlderThan(std::numeric_limits<qint64>::max())) {
        QDate d;
        if (c.atMs) {
            d = QDateTime::fromMSecsSinceEpoch(*c.atMs, pharmacy.zone()).date();
        } else { // never counted: from its oldest record by business date, else from when it was added
            sql::Query first(db, "SELECT min(business_date) FROM entries WHERE ndc11 = ?");
            first.bind(1, c.ndc11);
            d = first.next() && !first.isNull(0) ? day(first.text(0))
                : c.sinceMs > 0 ? QDateTime::fromMSecsSinceEpoch(c.sinceMs, pharmacy.zone()).date() : QDate();
        }
        if (d.isValid() && (!oldest.isValid() || d < oldest))
            oldest = d;
    }
    if (oldest.isValid())
        due.append({QStringLiteral("Reconciliation count"), oldest.addDays(pharmacy.cadenceDays),
                    california ? QStringLiteral("every CII product counted and reconciled every %1 days (16 CCR 1715.65)").arg(pharmacy.cadenceDays)
                               : QStringLiteral("every CII product counted every %1 days (the pharmacy's cadence)").arg(pharmacy.cadenceDays)});

    for (const TheftLossRow &t : queries.theftLossReports()) {
        if (t.noticeSent.isEmpty())
            due.append({QStringLiteral("DEA notice of theft or loss %1").arg(t.id), day(t.noticeDue),
                        QStringLiteral("in writing within one business day of discovery (21 CFR 1301.76(b))")});
        if (t.formFiled.isEmpty())
            due.append({QStringLiteral("DEA Form 106 for theft or loss %1").arg(t.id), day(t.formDue),
                        QStringLiteral("within 45 days of discovery (21 CFR 1301.76(b))")});
        // California's Board of Pharmacy: 30 days from discovery, 14 for theft, diversion or self-use. Shown for the
        // month after discovery (the ledger does not record the Board's report).
        const QDate discovered = day(t.discoveryDate);
        const bool theft = t.lossType == QLatin1String("theft");
        const QDate board = discovered.addDays(theft ? 14 : 30);
        if (california && discovered.isValid() && today <= board.addDays(30))
            due.append({QStringLiteral("Board of Pharmacy report of theft or loss %1").arg(t.id), board,
                        theft ? QStringLiteral("within 14 days of discovering a theft, diversion or self-use (16 CCR 1715.6)")
                              : QStringLiteral("within 30 days of discovering a loss (16 CCR 1715.6)")});
    }

    // California: a new pharmacist-in-charge reconciles within 30 days (16 CCR 1715.65(d)).
    if (const QDate since = newPharmacistInChargeDay(db, pharmacy.zone()); california && since.isValid()) {
        const QDate reconciled = day(inventories.lastReconciliation);
        if (!reconciled.isValid() || reconciled < since)
            due.append({QStringLiteral("Reconciliation by the new pharmacist-in-charge"), since.addDays(30),
                        QStringLiteral("within 30 days of a change of pharmacist-in-charge (16 CCR 1715.65(d))")});
    }

    if (const QDate dea = day(pharmacy.deaExpiry); dea.isValid())
        due.append({QStringLiteral("DEA registration expires"), dea, QStringLiteral("renew before it expires (21 CFR 1301.13)")});
    if (const QDate licence = day(pharmacy.licenseExpiry); licence.isValid())
        due.append({QStringLiteral("State pharmacy licence expires"), licence, QStringLiteral("renew with the state board before it expires"), 30});

    std::stable_sort(due.begin(), due.end(), [](const DueDate &a, const DueDate &b) { return a.due < b.due; });
    return due;
}

int inventoryIntervalYears(const QString &state)
{
    // States whose rules ask for a yearly CII inventory (as DOMAIN research found them; add others as they are checked).
    static const QStringList annual{QStringLiteral("OH")};
    return annual.contains(state.trimmed().toUpper()) ? 1 : 2;
}

QList<DueDate> dueSoon(const QList<DueDate> &all, const QDate &today)
{
    QList<DueDate> soon;
    for (const DueDate &d : all) {
        if (d.due <= today.addDays(d.warnDays))
            soon.append(d);
    }
    return soon;
}

} // namespace cii
