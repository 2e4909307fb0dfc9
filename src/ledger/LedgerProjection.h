#pragma once

#include "Projection.h"

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
    void addEntry(sql::Database &db, const Event &e, const QString &ndc11, const QString &kind, qint64 delta,
                  const QString &reference, qint64 correctsSeq = 0);
    void openDiscrepancy(sql::Database &db, const Event &e, const QString &ndc11, qint64 expected, qint64 counted,
                         const QString &source);
    void recordMatchingCount(sql::Database &db, const Event &e, const QString &ndc11);
    void applyMovement(sql::Database &db, const Event &e, const QCborMap &p);
    void addTheftLoss(sql::Database &db, const Event &e, const QCborMap &p, qint64 discrepancyId);
    void addWitnesses(sql::Database &db, const Event &e, const QCborMap &p);
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
};
std::optional<EntryRow> entryAt(sql::Database &db, qint64 seq);
/// The discrepancy opened by event `seq` for the product, or 0.
qint64 discrepancyOpenedBy(sql::Database &db, qint64 seq, const QString &ndc11);
} // namespace ledgerdb

} // namespace cii
