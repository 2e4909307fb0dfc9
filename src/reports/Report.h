#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace cii::reports {

/// The records an inspector can ask for (docs/REPORTS.md says what each holds and where it comes from).
enum class Kind {
    Receiving,      ///< receipts by Form 222 / CSOS number, and transfers in
    Dispensing,     ///< dispenses by Rx, and returns to stock
    ProductLedger,  ///< every entry of one product (or of all), with the running balance
    Destruction,    ///< Form 41 destructions with their witnesses, and witnessed waste
    TheftLoss,      ///< Form 106 reports, their deadlines and filings
    Reconciliation, ///< per product: start, acquisitions, dispositions, counts, differences (16 CCR 1715.65)
    Inventory,      ///< biennial, annual and reconciliation counts, product by product
    Activity,       ///< what each person recorded
    AuditLog,       ///< sign-ins, failed sign-ins, lockouts, exports, people and settings changes
    Form106,        ///< one theft or loss report as the DEA Form 106 worksheet (Request::theftLossId), not a range
};

struct KindInfo
{
    Kind kind;
    QString id;          ///< "dispensing": for the command line and file names
    QString title;       ///< "Dispensing log"
    QString description; ///< one sentence for the chooser
};
/// The reports of a date range, for the chooser and `ciictl report --kind`: every kind but Form106.
const QList<KindInfo> &kinds();
/// Any kind by its id, Form106 ("form106") included.
std::optional<Kind> kindFromId(const QString &id);
const KindInfo &info(Kind kind);

struct Request
{
    Kind kind = Kind::Dispensing;
    QDate from, to;      ///< inclusive, in the pharmacy's time zone
    QString ndc11;       ///< ProductLedger: one product, or empty for all
    QString personId;    ///< Activity: one person, or empty for everyone
    QString generatedBy; ///< the name printed on it
    qint64 nowMs = 0;    ///< when it is made (the store's Clock); 0: the system's Clock
    qint64 theftLossId = 0; ///< Form106: the report (its id); the range is then its discovery date, set by build()
};

struct Column
{
    QString title;
    int weight = 10;      ///< its share of the page width
    bool number = false;  ///< right-aligned
    /// PDF only (the CSV has every value on every line): a value equal to the one in the row above on the same page
    /// is not printed again, as a ledger groups its rows (the first row of each page shows it).
    bool grouped = false;
    /// PDF only: "2026-11-25 14:03" shows only "14:03" under a row of the same day on the same page.
    bool dateTime = false;
    /// In the CSV only: the PDF states it once in its notes (who counted and signed a count that every product of
    /// the reconciliation shares), where the CSV, read line by line, has it on every line.
    bool csvOnly = false;
};

/// A report as rows of text, ready for the PDF and the CSV writers: the same rows feed both.
struct Report
{
    Kind kind = Kind::Dispensing;
    QString title, pharmacyName, pharmacyAddress, pharmacyDea;
    QDate from, to;
    QString generatedAt, generatedBy; ///< "2026-11-25 10:41 (America/Los_Angeles)", a name
    QList<Column> columns;
    QList<QStringList> rows;          ///< each as long as columns
    QStringList notes;                ///< printed after the table (totals, what the report covers)
    QStringList signatures;           ///< the lines to sign: "Pharmacist-in-charge", ...

    QString rangeText() const;        ///< "1 November 2026 to 30 November 2026"
};

/// Called as the work goes on; returning false stops it (the caller sees Cancelled).
struct Cancelled
{
};
using Progress = std::function<bool(qint64 done, qint64 total)>;

} // namespace cii::reports
