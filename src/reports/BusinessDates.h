#pragma once

#include "ReportContext.h"

#include <vector>

namespace cii::reports {

/// Where the records put a record: its business date, then within that day the moment (an inventory taken at the
/// opening of business comes before the day's other records, one at the close after them), then the order
/// recorded (the journal's sequence). docs/REPORTS.md "Dates".
struct Place
{
    QString date;    ///< "YYYY-MM-DD"
    int moment = 1;  ///< 0 at the opening of business, 1 during the day, 2 at the close
    qint64 seq = 0;

    bool operator<(const Place &o) const
    {
        if (int c = QString::compare(date, o.date); c != 0)
            return c < 0;
        return moment != o.moment ? moment < o.moment : seq < o.seq;
    }
};

/// One stock entry (a row of the `entries` projection) placed by its business date: the date received, the fill
/// date, the date of a transfer, a return or a destruction, the discovery date of a theft or loss, the date of an
/// inventory, the count date of an opening balance; any other entry (a count, a waste, a return to stock, an
/// adjustment, a void) by the day it was recorded in the pharmacy's zone.
struct DatedEntry
{
    QString ndc11;
    QString kind;        ///< the entries table's: receive, dispense, void, ...
    qint64 delta = 0;    ///< what the entry moved the balance by
    qint64 atMs = 0;     ///< when it was recorded
    QString actor, reference;
    qint64 corrects = 0, voidedBy = 0;
    Place place;
    /// A dispense over the recorded balance by a pharmacist's override: what the event dispensed beyond what the
    /// entry moved (the ledger takes the balance to zero, not below, and opens a discrepancy for the rest). The
    /// reports show the whole quantity dispensed and this as the difference the override found.
    qint64 overBalance = 0;
    /// A count, an inventory's line or an opening balance: the figure counted, and who counted as written on the
    /// inventory (empty for a count, which its recorder made).
    qint64 counted = 0;
    QString countedBy;
};

/// Every stock entry of `ndc11` (of every product when empty) whose business date is on or before `lastDay`
/// ("YYYY-MM-DD"), ordered by product, then by Place. Reads the journal's payloads for the dates. Ticks progress;
/// throws Cancelled when asked to stop. Thread: the one that owns the context's database.
std::vector<DatedEntry> datedEntries(Context &c, const QString &ndc11, const QString &lastDay);

/// A log's rows gathered in any order with their Place, and given back in the order of their places (stable:
/// two rows of one record keep the order they were added in).
class DatedRows
{
public:
    /// Returns the row's index, for cell() until take().
    qsizetype add(Place place, QStringList row);
    qsizetype size() const { return m_rows.size(); }
    /// A cell of a row added, to fill in what a later event tells (who verified a dispense).
    QString &cell(qsizetype row, int column) { return m_rows[row][column]; }
    /// The rows in order; leaves this empty.
    QList<QStringList> take();

private:
    std::vector<std::pair<Place, qsizetype>> m_places;
    QList<QStringList> m_rows;
};

} // namespace cii::reports
