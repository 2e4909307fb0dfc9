#pragma once

#include "Catalog.h"
#include "Roles.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <limits>
#include <optional>

namespace cii {
namespace sql {
class Database;
}

/// The pharmacy profile as recorded (the one `pharmacy` row). `exists` is false before the first run.
struct PharmacyRow
{
    bool exists = false;
    QString name, address, dea, state, timezone;
    int cadenceDays = 30; ///< the reconciliation cadence; 30 when there is no profile yet
    QString deaExpiry, licenseExpiry; ///< YYYY-MM-DD, or empty when not recorded
    /// The pharmacy's zone; the system's when there is no profile or its zone is unknown here.
    QTimeZone zone() const;
};

struct PersonRow
{
    QString id, name, initials;
    QString roleName; ///< as stored (pharmacist-in-charge, ...)
    Role role = Role::Technician;
    bool active = false;
    bool hasPin = false;
    qint64 lockedUntilMs = 0;  ///< after five wrong tries; 0 (or past) when not locked out
    QString deactivatedReason; ///< why, when deactivated
};

/// A catalog row, as the screens list it.
struct ProductRow
{
    QString ndc11, ndc, name, strength, baseUnit;
};

/// A product as Settings > Products lists it: the catalog's row, its balance on hand and its reorder point.
struct CatalogProduct
{
    ProductInfo product;
    qint64 onHand = 0;
    qint64 reorderPoint = 0; ///< base units; 0: none
};

/// One product's balance, for the restore's account of what a restored store holds.
struct ProductBalance
{
    QString ndc11, label; ///< label: name and strength
    qint64 balance = 0;
    QString unit;
};

/// One stock entry with its running balance and what corrected it.
struct LedgerEntry
{
    qint64 seq = 0, atMs = 0, delta = 0, balanceAfter = 0;
    qint64 correctsSeq = 0; ///< the entry this one corrects (a void, a return to stock), or 0
    qint64 voidSeq = 0;     ///< the entry that voided this one, or 0
    QString actor, kind, reference;
};

/// What a page of a product's entries is narrowed to: a kind (empty: every kind) and a time range [fromMs, toMs).
struct EntryFilter
{
    QString kind;
    qint64 fromMs = std::numeric_limits<qint64>::min();
    qint64 toMs = std::numeric_limits<qint64>::max();
};

struct BalancePoint
{
    qint64 seq = 0, atMs = 0, balance = 0;
    QString kind;
};

struct DiscrepancyRow
{
    qint64 id = 0;
    QString ndc11;
    qint64 expected = 0, counted = 0, difference = 0;
    QString status; ///< open, in_review, resolved, escalated
    QString source; ///< count, inventory, override
    qint64 openedMs = 0;
    QString openedBy;
};

/// What a counting error's recount is checked against (Ledger::resolveDiscrepancy): what the shelf should hold now if
/// the count that opened the discrepancy was wrong.
struct RecountTarget
{
    qint64 records = 0;     ///< the figure the recount must match
    qint64 balance = 0;     ///< the balance on hand now (it stands at the count, and what moved since)
    qint64 movedSince = 0;  ///< the stock's change since that count (dispensed out is negative)
    bool superseded = false; ///< a later count or inventory set the balance to the shelf: `records` is the balance
};

/// One discrepancy with what explains it.
struct DiscrepancyDetail : DiscrepancyRow
{
    qint64 openedSeq = 0;
    qint64 sinceSeq = 0;       ///< the last count that matched the records before it (0: none)
    qint64 sinceAtMs = 0;      ///< that count's time
    QString reviewNote, note;
    std::optional<QString> reasonCode, resolvedBy;
    std::optional<qint64> resolvedAtMs;
    qint64 theftLossId = 0;    ///< the theft or loss report it was escalated to, or 0
    QString openedDate;        ///< the business date (YYYY-MM-DD) of what opened it: when it was found
    QString sinceDate;         ///< the business date of the last count that matched, or empty
};

/// Which discrepancies, in which order.
enum class DiscrepancyOrder { ByAge, BySize, ById };

/// An active product's last count that matched the records (none: never counted so).
struct MatchingCount
{
    QString ndc11;
    std::optional<qint64> atMs; ///< the last count that matched the records; none: never
    /// When the product's cadence runs from: its last matching count; never counted, its first entry in the ledger
    /// (the opening balance or first receipt); no entry, when its catalog record was last added or changed.
    qint64 sinceMs = 0;
};

/// The last inventories taken, as YYYY-MM-DD; empty where none was.
struct InventoryDates
{
    QString lastReconciliation, lastInventory;
};

/// A theft or loss report (DEA Form 106 facts) and its two filings.
struct TheftLossRow
{
    qint64 id = 0;
    QString ndc11;
    qint64 quantity = 0;
    QString lossType, discoveryDate, circumstances;
    QString noticeDue, noticeSent, noticeReference;
    QString formDue, formFiled, formReference;
    qint64 discrepancyId = 0;
    QString policeReport; ///< its number and department; empty when none was made (or not recorded, before schema 0012)
    QString kind;         ///< Ledger::lossKinds(lossType); empty when not recorded
};

/// A prescription's fills so far.
struct RxStatus
{
    QString rx, ndc11; ///< ndc11: the first fill's product
    qint64 prescribed = 0, dispensed = 0;
    qint64 remaining() const { return prescribed - dispensed; }
    /// As the first fill recorded them; empty for an Rx filled before the ledger kept them.
    QString dateWritten, prescriberName, prescriberDea, firstFillDate;
    QString partialKind; ///< PartialFills.h's names; empty: filled in full (or recorded before kinds were kept)
    qint64 closedSeq = 0; ///< the entry that closed the rest (the rest void), or 0
};

/// One fill of a prescription, or a return to stock of one (a negative quantity), as recorded.
struct RxFill
{
    qint64 seq = 0, atMs = 0;
    QString ndc11, kind; ///< dispense, return-to-stock
    qint64 quantity = 0; ///< what the fill handed out (an override's whole quantity); negative for a return
    QString fillDate;    ///< the business date (YYYY-MM-DD): the fill date; for a return, the day recorded
    QString actor;
    qint64 voidSeq = 0;  ///< the entry that voided it, or 0
};

/// A technician's dispense waiting for a pharmacist to verify it.
struct DispenseToVerify
{
    qint64 seq = 0, atMs = 0;
    QString ndc11, rx;
    qint64 quantity = 0;
    QString recordedBy; ///< person id
};

/// The ledger's read API: typed answers from the projections, for the screens, the command line, the reports and
/// the restore. Reads only; every write is a Ledger command. Each call finishes its statements before it returns
/// (no read snapshot is left open to make a later write fail with SQLITE_BUSY_SNAPSHOT). Runs on the thread that
/// owns `db`; cheap to make (it holds only the connection).
class LedgerQueries
{
public:
    explicit LedgerQueries(sql::Database &db) : m_db(db) {}

    // The pharmacy and its people
    PharmacyRow pharmacy() const;
    /// The idle lock's minutes as set (Ledger::setIdleMinutes), or Ledger::kDefaultIdleMinutes when never set.
    int idleMinutes() const;
    /// The first stock entry `actor` recorded for `ndc11` after journal event `afterSeq` (its atMs), or 0: whether an
    /// unfinished form's entry was recorded after all (a crash between the commit and forgetting the draft).
    qint64 firstEntryAfter(const QString &ndc11, const QString &actor, qint64 afterSeq) const;
    /// Whether the pharmacy is set up: someone active exists (the lock screen has someone to sign in).
    bool hasActivePeople() const;
    /// Whether anyone was ever added (active or not): a first run has chosen its path.
    bool hasAnyPerson() const;
    /// By name; `activeOnly` leaves out the deactivated.
    QList<PersonRow> people(bool activeOnly) const;
    /// Every person's name by id (deactivated ones too: the history names them).
    QHash<QString, QString> personNames() const;
    /// The active people whose id is `who` or whose initials are `who` (any case).
    QStringList activePeopleMatching(const QString &who) const;
    /// The active pharmacist-in-charge (the first by name), or empty.
    QString pharmacistInCharge() const;

    // The catalog and the stock
    /// Active products by name (case-insensitive), then strength.
    QList<ProductRow> activeProducts() const;
    /// What an inventory counts (21 CFR 1304.11, everything on hand): every active product, and every inactive one
    /// that still holds stock, by name (case-insensitive), then strength.
    QList<ProductRow> inventoryProducts() const;
    /// The keys of the first `limit` active products by name (case-insensitive).
    QStringList activeProductKeys(int limit) const;
    /// Every product, active or not, whose name or NDC (as labelled, or its 11 digits) contains `search` (any case;
    /// empty: all), by name then NDC, at most `limit`, with its balance and reorder point.
    QList<CatalogProduct> catalogProducts(const QString &search, int limit) const;
    /// A product's reorder point in base units (0: none, or not in the catalog).
    qint64 reorderPoint(const QString &ndc11) const;
    /// Every product with its current balance, by name: for a restore's report.
    QList<ProductBalance> productBalances() const;
    qint64 balance(const QString &ndc11) const;
    /// The part of the balance set aside awaiting disposal: on hand and counted, never dispensable.
    qint64 awaitingDisposal(const QString &ndc11) const;
    /// Whether any stock entry was recorded yet (opening balances are only recorded before the first).
    bool hasEntries() const;
    /// A page of a product's entries, newest first, from just before `beforeSeq`: the (ndc11, seq) key walked
    /// backwards, so a page costs the same however long the history.
    QList<LedgerEntry> entriesBefore(const QString &ndc11, qint64 beforeSeq, const EntryFilter &filter, int limit) const;
    /// A product's entries with afterSeq < seq <= uptoSeq, oldest first (what explains a discrepancy).
    QList<LedgerEntry> entriesBetween(const QString &ndc11, qint64 afterSeq, qint64 uptoSeq) const;
    /// The running balance over a product's last `points` entries (2 to 2000), oldest first.
    QList<BalancePoint> balanceHistory(const QString &ndc11, int points) const;
    /// A prescription's fills, or nothing for an Rx never filled here.
    std::optional<RxStatus> rx(const QString &rx) const;
    /// Technicians' dispenses waiting for a pharmacist's verification, oldest first.
    QList<DispenseToVerify> dispensesToVerify() const;
    std::optional<DispenseToVerify> dispenseToVerify(qint64 seq) const;
    /// The fills of `rx` and its returns to stock, in the order recorded.
    QList<RxFill> rxFills(const QString &rx) const;

    // Discrepancies, counts and inventories
    /// `status`: open, in_review, resolved, escalated, "active" (open or in review) or "all".
    QList<DiscrepancyRow> discrepancies(const QString &status, DiscrepancyOrder order) const;
    std::optional<DiscrepancyDetail> discrepancy(qint64 id) const;
    /// What a counting error's recount of discrepancy `id` must match; nullopt when there is no such discrepancy.
    std::optional<RecountTarget> recountTarget(qint64 id) const;
    /// How many are open or in review (for one product when `ndc11` is given).
    int activeDiscrepancyCount(const QString &ndc11 = {}) const;
    /// How many were ever opened.
    qint64 discrepancyCount() const;
    /// Active products due a count: those whose cadence runs from before `cutoffMs` (MatchingCount::sinceMs, so a
    /// product is not due on the day it is added), oldest first, then by name. `ndc11` given: that product only.
    QList<MatchingCount> countsOlderThan(qint64 cutoffMs, const QString &ndc11 = {}) const;
    /// The products counted on `date` (YYYY-MM-DD, a business date), each once with its last count that day: whether
    /// it matched the records (a recount resolving a counting error matches). By name.
    QList<std::pair<QString, bool>> countedOn(const QString &date) const;
    InventoryDates inventoryDates() const;

    // Theft and loss
    /// Newest first.
    QList<TheftLossRow> theftLossReports() const;
    std::optional<TheftLossRow> theftLossReport(qint64 id) const;

private:
    sql::Database &m_db;
};

} // namespace cii
