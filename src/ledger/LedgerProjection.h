#pragma once

#include "Projection.h"

#include <QTimeZone>
#include <memory>
#include <optional>
#include <vector>

namespace cii {

/// The pharmacy profile, people, catalog, stock entries with running balances, prescriptions (partial
/// fills), voided entries and discrepancies, all from journal events. Event kinds and payloads: docs/JOURNAL.md.
/// apply() trusts the event (the Ledger validated it before appending); it only derives.
class LedgerProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("ledger"); }
    QList<Table> tables() const override;
    void apply(sql::Database &db, const Event &event, const QCborMap &payload) override;

private:
    /// One stock entry as an event makes it: where it sits among the business days, and how it moves the
    /// balance and the quantity set aside awaiting disposal.
    struct NewEntry
    {
        QString ndc11, kind;
        qint64 delta = 0;
        QString reference;
        QString businessDate; ///< YYYY-MM-DD; empty: the day the event was recorded, in the pharmacy's zone
        int dayPart = 1;      ///< 0 an opening inventory, 1 the day's records, 2 a closing inventory
        qint64 correctsSeq = 0;
        /// + set aside awaiting disposal; - taken from what awaits it (a destruction, a reverse distributor's
        /// shipment), at most what awaits. Whatever the change, what awaits never exceeds the balance.
        qint64 awaitingChange = 0;
    };
    void addEntry(sql::Database &db, const Event &e, const NewEntry &entry);
    /// The day `e` was recorded in the pharmacy's zone (as of that event: the profile replays before it).
    QString recordedDay(sql::Database &db, const Event &e);
    void openDiscrepancy(sql::Database &db, const Event &e, const QString &ndc11, qint64 expected, qint64 counted,
                         const QString &source);
    void recordMatchingCount(sql::Database &db, const Event &e, const QString &ndc11);
    void applyMovement(sql::Database &db, const Event &e, const QCborMap &p);
    void addTheftLoss(sql::Database &db, const Event &e, const QCborMap &p, qint64 discrepancyId);
    void addWitnesses(sql::Database &db, const Event &e, const QCborMap &p);

    QString m_zoneId; ///< the zone recordedDay() last built (building a QTimeZone reads the zone file)
    QTimeZone m_zone;
};

/// Every projection the application keeps, in the order they are applied: the store's settings, then the ledger.
/// Whoever opens or restores a store passes these (the store and the replication client know no ledger).
std::vector<std::unique_ptr<Projection>> defaultProjections();

/// Reads of the ledger projections shared by the Ledger service, the CLI and the UI models.
namespace ledgerdb {
qint64 balance(sql::Database &db, const QString &ndc11);
bool productExists(sql::Database &db, const QString &ndc11, bool *active = nullptr);
/// A theft or loss report's two DEA deadlines as recorded with it (YYYY-MM-DD): the notice, then Form 106.
struct LossDeadlines
{
    QString noticeDue, formDue;
};
LossDeadlines lossDeadlines(sql::Database &db, qint64 reportId);
/// The stock entry made by event `seq` (one product; an inventory's several entries are not one entry).
/// Found through the event's payload and the entries key: no index on entries.seq to write on every commit.
struct EntryRow
{
    QString ndc11, kind, reference;
    qint64 delta = 0;
    qint64 eventQuantity = 0; ///< the event's own quantity (an override dispense's entry moved less stock)
    QString businessDate;     ///< the date it is for (entries.business_date)
    int dayPart = 1;
    qint64 awaitingChange = 0; ///< how it moved the quantity set aside awaiting disposal
};
std::optional<EntryRow> entryAt(sql::Database &db, qint64 seq);
/// The part of the product's balance set aside awaiting disposal (in every count, never dispensable).
qint64 awaitingDisposal(sql::Database &db, const QString &ndc11);
/// The net of the product's entries placed after a business moment: after the opening of business on `date`
/// (dayPart 0: every entry of that date but an earlier opening inventory) or after its close (dayPart 2: every
/// entry of a later date). The balance at that moment is the balance now minus this.
qint64 recordedAfter(sql::Database &db, const QString &ndc11, const QString &date, int dayPart);
/// Whether a count, an inventory or an opening balance of the product is placed after that moment (the shelf was
/// counted since: the balance already follows it).
bool countedAfter(sql::Database &db, const QString &ndc11, const QString &date, int dayPart);
/// The discrepancy opened by event `seq` for the product, or 0.
qint64 discrepancyOpenedBy(sql::Database &db, qint64 seq, const QString &ndc11);
} // namespace ledgerdb

} // namespace cii
