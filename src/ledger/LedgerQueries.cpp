#include "LedgerQueries.h"

#include "LedgerProjection.h"
#include "Sqlite.h"
#include "Ledger.h"
#include "SettingsProjection.h"

#include <QCborMap>
#include <QCborValue>

namespace cii {

namespace {

LedgerEntry entryFrom(const sql::Query &q)
{
    // Columns: seq, at_ms, actor, kind, delta, balance_after, reference, corrects_seq, void_seq
    LedgerEntry e;
    e.seq = q.int64(0);
    e.atMs = q.int64(1);
    e.actor = q.text(2);
    e.kind = q.text(3);
    e.delta = q.int64(4);
    e.balanceAfter = q.int64(5);
    e.reference = q.text(6);
    e.correctsSeq = q.isNull(7) ? 0 : q.int64(7);
    e.voidSeq = q.isNull(8) ? 0 : q.int64(8);
    return e;
}

constexpr char kEntryColumns[] = "e.seq, e.at_ms, e.actor, e.kind, e.delta, e.balance_after, e.reference, e.corrects_seq, v.void_seq ";

DiscrepancyRow discrepancyFrom(const sql::Query &q)
{
    // Columns: id, ndc11, expected, counted, difference, status, source, opened_ms, opened_by
    return {q.int64(0), q.text(1), q.int64(2), q.int64(3), q.int64(4), q.text(5), q.text(6), q.int64(7), q.text(8)};
}

TheftLossRow theftLossFrom(const sql::Query &q)
{
    TheftLossRow t;
    t.id = q.int64(0);
    t.ndc11 = q.text(1);
    t.quantity = q.int64(2);
    t.lossType = q.text(3);
    t.discoveryDate = q.text(4);
    t.circumstances = q.text(5);
    t.noticeDue = q.text(6);
    t.noticeSent = q.text(7);
    t.noticeReference = q.text(8);
    t.formDue = q.text(9);
    t.formFiled = q.text(10);
    t.formReference = q.text(11);
    t.discrepancyId = q.isNull(12) ? 0 : q.int64(12);
    t.policeReport = q.text(13);
    t.kind = q.text(14);
    return t;
}

constexpr char kTheftLossColumns[] = "SELECT id, ndc11, quantity, loss_type, discovery_date, circumstances, notice_due, notice_sent, "
                                     "notice_reference, form_due, form_filed, form_reference, discrepancy_id, police_report, kind FROM theft_loss ";

} // namespace

QTimeZone PharmacyRow::zone() const
{
    const QTimeZone z(timezone.toUtf8());
    return exists && z.isValid() ? z : QTimeZone::systemTimeZone();
}

PharmacyRow LedgerQueries::pharmacy() const
{
    PharmacyRow p;
    sql::Query q(m_db, "SELECT name, address, dea, state, timezone, cadence_days, dea_expiry, license_expiry FROM pharmacy WHERE id = 1");
    if (q.next()) {
        p.exists = true;
        p.name = q.text(0);
        p.address = q.text(1);
        p.dea = q.text(2);
        p.state = q.text(3);
        p.timezone = q.text(4);
        p.cadenceDays = int(q.int64(5));
        p.deaExpiry = q.text(6);
        p.licenseExpiry = q.text(7);
    }
    return p;
}

bool LedgerQueries::hasActivePeople() const
{
    sql::Query q(m_db, "SELECT count(*) FROM people WHERE active = 1");
    return q.next() && q.int64(0) > 0;
}

bool LedgerQueries::hasAnyPerson() const
{
    sql::Query q(m_db, "SELECT EXISTS (SELECT 1 FROM people)");
    return q.next() && q.int64(0) != 0;
}

QList<PersonRow> LedgerQueries::people(bool activeOnly) const
{
    QList<PersonRow> list;
    sql::Query q(m_db, "SELECT id, name, initials, role, active, pin_hash IS NOT NULL, locked_until_ms, deactivated_reason "
                       "FROM people WHERE ?1 = 0 OR active = 1 ORDER BY name");
    q.bind(1, qint64(activeOnly ? 1 : 0));
    while (q.next())
        list.append({q.text(0), q.text(1), q.text(2), q.text(3), roleFromName(q.text(3)).value_or(Role::Technician),
                     q.int64(4) != 0, q.int64(5) != 0, q.int64(6), q.text(7)});
    return list;
}

QHash<QString, QString> LedgerQueries::personNames() const
{
    QHash<QString, QString> names;
    sql::Query q(m_db, "SELECT id, name FROM people");
    while (q.next())
        names.insert(q.text(0), q.text(1));
    return names;
}

QStringList LedgerQueries::activePeopleMatching(const QString &who) const
{
    QStringList ids;
    sql::Query q(m_db, "SELECT id FROM people WHERE (id = ?1 OR initials = upper(?1)) AND active = 1");
    q.bind(1, who);
    while (q.next())
        ids << q.text(0);
    return ids;
}

QString LedgerQueries::pharmacistInCharge() const
{
    sql::Query q(m_db, "SELECT id FROM people WHERE active = 1 AND role = 'pharmacist-in-charge' ORDER BY name LIMIT 1");
    return q.next() ? q.text(0) : QString();
}

QList<ProductRow> LedgerQueries::activeProducts() const
{
    QList<ProductRow> list;
    sql::Query q(m_db, "SELECT ndc11, name, strength, ndc, base_unit FROM products WHERE active = 1 ORDER BY name COLLATE NOCASE, strength");
    while (q.next())
        list.append({q.text(0), q.text(3), q.text(1), q.text(2), q.text(4)});
    return list;
}

QList<ProductRow> LedgerQueries::inventoryProducts() const
{
    QList<ProductRow> list;
    sql::Query q(m_db, "SELECT ndc11, name, strength, ndc, base_unit FROM products p WHERE active = 1 "
                       "OR coalesce((SELECT balance_after FROM entries e WHERE e.ndc11 = p.ndc11 ORDER BY seq DESC LIMIT 1), 0) != 0 "
                       "ORDER BY name COLLATE NOCASE, strength");
    while (q.next())
        list.append({q.text(0), q.text(3), q.text(1), q.text(2), q.text(4)});
    return list;
}

QStringList LedgerQueries::activeProductKeys(int limit) const
{
    QStringList keys;
    sql::Query q(m_db, "SELECT ndc11 FROM products WHERE active = 1 ORDER BY name COLLATE NOCASE LIMIT ?");
    q.bind(1, qint64(limit));
    while (q.next())
        keys << q.text(0);
    return keys;
}

QList<CatalogProduct> LedgerQueries::catalogProducts(const QString &search, int limit) const
{
    // A substring, not the catalog's prefix indexes: a pharmacy's schedule II catalog is thousands of rows at most,
    // and a person looks for "oxycodone" inside "Percocet (Oxycodone and Acetaminophen)".
    QString escaped = search.trimmed();
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('%'), QStringLiteral("\\%")).replace(QLatin1Char('_'), QStringLiteral("\\_"));
    const QString pattern = QLatin1Char('%') + escaped + QLatin1Char('%');
    QList<CatalogProduct> list;
    sql::Query q(m_db, "SELECT ndc11, ndc, name, strength, dosage_form, base_unit, schedule, package_size, active, reorder_point, "
                       "coalesce((SELECT balance_after FROM entries e WHERE e.ndc11 = p.ndc11 ORDER BY seq DESC LIMIT 1), 0) "
                       "FROM products p WHERE name LIKE ?1 ESCAPE '\\' OR ndc LIKE ?1 ESCAPE '\\' OR ndc11 LIKE ?1 ESCAPE '\\' "
                       "ORDER BY name COLLATE NOCASE, ndc11 LIMIT ?2");
    q.bind(1, pattern);
    q.bind(2, qint64(limit));
    while (q.next()) {
        CatalogProduct c;
        c.product = {q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.int64(7), q.int64(8) != 0};
        c.reorderPoint = q.int64(9);
        c.onHand = q.int64(10);
        list.append(c);
    }
    return list;
}

qint64 LedgerQueries::reorderPoint(const QString &ndc11) const
{
    sql::Query q(m_db, "SELECT reorder_point FROM products WHERE ndc11 = ?");
    q.bind(1, ndc11);
    return q.next() ? q.int64(0) : 0;
}

QList<ProductBalance> LedgerQueries::productBalances() const
{
    QList<ProductBalance> list;
    sql::Query q(m_db, "SELECT p.ndc11, p.name || ' ' || p.strength, "
                       "coalesce((SELECT balance_after FROM entries e WHERE e.ndc11 = p.ndc11 ORDER BY seq DESC LIMIT 1), 0), p.base_unit "
                       "FROM products p ORDER BY p.name, p.ndc11");
    while (q.next())
        list.append({q.text(0), q.text(1), q.int64(2), q.text(3)});
    return list;
}

qint64 LedgerQueries::balance(const QString &ndc11) const
{
    return ledgerdb::balance(m_db, ndc11);
}

qint64 LedgerQueries::awaitingDisposal(const QString &ndc11) const
{
    return ledgerdb::awaitingDisposal(m_db, ndc11);
}

bool LedgerQueries::hasEntries() const
{
    sql::Query q(m_db, "SELECT 1 FROM entries LIMIT 1");
    return q.next();
}

QList<LedgerEntry> LedgerQueries::entriesBefore(const QString &ndc11, qint64 beforeSeq, const EntryFilter &filter, int limit) const
{
    QList<LedgerEntry> rows;
    sql::Query q(m_db, QByteArray(QByteArray("SELECT ") + kEntryColumns +
                                  "FROM entries e LEFT JOIN voided v ON v.seq = e.seq "
                                  "WHERE e.ndc11 = ?1 AND e.seq < ?2 AND (?3 = '' OR e.kind = ?3) AND e.at_ms >= ?4 AND e.at_ms < ?5 "
                                  "ORDER BY e.seq DESC LIMIT ?6").constData());
    q.bind(1, ndc11).bind(2, beforeSeq).bind(3, filter.kind).bind(4, filter.fromMs).bind(5, filter.toMs).bind(6, qint64(limit));
    while (q.next())
        rows.append(entryFrom(q));
    return rows;
}

QList<LedgerEntry> LedgerQueries::entriesBetween(const QString &ndc11, qint64 afterSeq, qint64 uptoSeq) const
{
    QList<LedgerEntry> rows;
    sql::Query q(m_db, QByteArray(QByteArray("SELECT ") + kEntryColumns +
                                  "FROM entries e LEFT JOIN voided v ON v.seq = e.seq "
                                  "WHERE e.ndc11 = ? AND e.seq > ? AND e.seq <= ? ORDER BY e.seq").constData());
    q.bind(1, ndc11).bind(2, afterSeq).bind(3, uptoSeq);
    while (q.next())
        rows.append(entryFrom(q));
    return rows;
}

QList<BalancePoint> LedgerQueries::balanceHistory(const QString &ndc11, int points) const
{
    QList<BalancePoint> out;
    sql::Query q(m_db, "SELECT seq, at_ms, balance_after, kind FROM entries WHERE ndc11 = ? ORDER BY seq DESC LIMIT ?");
    q.bind(1, ndc11).bind(2, qint64(qBound(2, points, 2000)));
    while (q.next())
        out.prepend({q.int64(0), q.int64(1), q.int64(2), q.text(3)});
    return out;
}

std::optional<RxStatus> LedgerQueries::rx(const QString &rx) const
{
    sql::Query q(m_db, "SELECT ndc11, prescribed_qty, dispensed_qty, date_written, prescriber_name, prescriber_dea, first_fill_date, "
                       "partial_kind, closed_seq FROM prescriptions WHERE rx = ?");
    q.bind(1, rx);
    if (!q.next())
        return std::nullopt;
    return RxStatus{rx, q.text(0), q.int64(1), q.int64(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7), q.int64(8)};
}

namespace {
constexpr char kToVerifyColumns[] = "SELECT seq, at_ms, ndc11, rx, quantity, recorded_by FROM dispenses_to_verify ";
DispenseToVerify toVerifyFrom(const sql::Query &q)
{
    return {q.int64(0), q.int64(1), q.text(2), q.text(3), q.int64(4), q.text(5)};
}
} // namespace

QList<DispenseToVerify> LedgerQueries::dispensesToVerify() const
{
    QList<DispenseToVerify> list;
    sql::Query q(m_db, QByteArray(QByteArray(kToVerifyColumns) + "ORDER BY seq").constData());
    while (q.next())
        list.append(toVerifyFrom(q));
    return list;
}

std::optional<DispenseToVerify> LedgerQueries::dispenseToVerify(qint64 seq) const
{
    sql::Query q(m_db, QByteArray(QByteArray(kToVerifyColumns) + "WHERE seq = ?").constData());
    q.bind(1, seq);
    if (!q.next())
        return std::nullopt;
    return toVerifyFrom(q);
}

QList<RxFill> LedgerQueries::rxFills(const QString &rx) const
{
    // The quantity and fill date are the event's own (an override's entry moves the balance by less than it handed
    // out); the entry says which events they are.
    QList<RxFill> fills;
    sql::Query q(m_db, "SELECT e.seq, e.at_ms, e.ndc11, e.kind, e.actor, v.void_seq, ev.payload FROM entries e "
                       "JOIN events ev ON ev.seq = e.seq LEFT JOIN voided v ON v.seq = e.seq "
                       "WHERE e.reference = ? AND e.kind IN ('dispense', 'return-to-stock') ORDER BY e.seq");
    q.bind(1, rx);
    while (q.next()) {
        const QCborMap p = QCborValue::fromCbor(q.blob(6)).toMap();
        RxFill f{q.int64(0), q.int64(1), q.text(2), q.text(3), p.value(QLatin1String("quantity")).toInteger(),
                 p.value(QLatin1String("fillDate")).toString(), q.text(4), q.int64(5)};
        if (f.kind == QLatin1String("return-to-stock"))
            f.quantity = -f.quantity;
        fills.append(f);
    }
    return fills;
}

QList<DiscrepancyRow> LedgerQueries::discrepancies(const QString &status, DiscrepancyOrder order) const
{
    // The orders are fixed text chosen here, never spliced from the caller's.
    static constexpr char kSelect[] = "SELECT id, ndc11, expected, counted, difference, status, source, opened_ms, opened_by FROM discrepancies "
                                      "WHERE (?1 = 'all' OR status = ?1 OR (?1 = 'active' AND status IN ('open', 'in_review'))) ";
    const char *orderBy = order == DiscrepancyOrder::BySize ? "ORDER BY abs(difference) DESC, opened_ms"
        : order == DiscrepancyOrder::ById                   ? "ORDER BY id"
                                                            : "ORDER BY opened_ms, id";
    const QByteArray sql = QByteArray(kSelect) + orderBy;
    QList<DiscrepancyRow> list;
    sql::Query q(m_db, sql.constData());
    q.bind(1, status);
    while (q.next())
        list.append(discrepancyFrom(q));
    return list;
}

std::optional<RecountTarget> LedgerQueries::recountTarget(qint64 id) const
{
    const std::optional<DiscrepancyDetail> d = discrepancy(id);
    if (!d)
        return std::nullopt;
    // The records as they would stand without the miscount: the balance now, less the difference the count that
    // opened it made; unless a later count or inventory already set the balance to the shelf again, when they are
    // the balance now.
    RecountTarget t;
    t.balance = ledgerdb::balance(m_db, d->ndc11);
    t.movedSince = t.balance - d->counted;
    sql::Query later(m_db, "SELECT seq FROM entries WHERE ndc11 = ? AND seq > ? "
                           "AND kind IN ('count', 'inventory', 'opening-balance') LIMIT 1");
    later.bind(1, d->ndc11).bind(2, d->openedSeq);
    t.superseded = later.next();
    t.records = t.superseded ? t.balance : t.balance - d->difference;
    return t;
}

std::optional<DiscrepancyDetail> LedgerQueries::discrepancy(qint64 id) const
{
    sql::Query q(m_db, "SELECT d.id, d.ndc11, d.expected, d.counted, d.difference, d.status, d.source, d.opened_ms, d.opened_by, "
                       "d.since_seq, d.review_note, d.reason_code, d.note, d.resolved_by, e.at_ms, d.opened_seq, "
                       "(SELECT at_ms FROM events WHERE seq = d.since_seq), (SELECT id FROM theft_loss WHERE discrepancy_id = d.id), "
                       "(SELECT business_date FROM entries o WHERE o.ndc11 = d.ndc11 AND o.seq = d.opened_seq), "
                       "(SELECT business_date FROM entries m WHERE m.ndc11 = d.ndc11 AND m.seq = d.since_seq) "
                       "FROM discrepancies d LEFT JOIN events e ON e.seq = d.resolved_seq WHERE d.id = ?");
    q.bind(1, id);
    if (!q.next())
        return std::nullopt;
    DiscrepancyDetail d;
    static_cast<DiscrepancyRow &>(d) = discrepancyFrom(q);
    d.sinceSeq = q.int64(9);
    d.reviewNote = q.text(10);
    if (!q.isNull(11))
        d.reasonCode = q.text(11);
    d.note = q.text(12);
    if (!q.isNull(13))
        d.resolvedBy = q.text(13);
    if (!q.isNull(14))
        d.resolvedAtMs = q.int64(14);
    d.openedSeq = q.int64(15);
    d.sinceAtMs = q.isNull(16) ? 0 : q.int64(16);
    d.theftLossId = q.isNull(17) ? 0 : q.int64(17);
    d.openedDate = q.text(18);
    d.sinceDate = q.text(19);
    return d;
}

int LedgerQueries::activeDiscrepancyCount(const QString &ndc11) const
{
    sql::Query q(m_db, "SELECT count(*) FROM discrepancies WHERE (?1 = '' OR ndc11 = ?1) AND status IN ('open', 'in_review')");
    q.bind(1, ndc11.isNull() ? QStringLiteral("") : ndc11);
    return q.next() ? int(q.int64(0)) : 0;
}

qint64 LedgerQueries::discrepancyCount() const
{
    sql::Query q(m_db, "SELECT count(*) FROM discrepancies");
    return q.next() ? q.int64(0) : 0;
}

QList<MatchingCount> LedgerQueries::countsOlderThan(qint64 cutoffMs, const QString &ndc11) const
{
    QList<MatchingCount> list;
    // The first entry by seq (entries' key is ndc11, seq): one index read a product, not a scan of its history.
    // One product is asked for by its key alone: "(?2 = '' OR p.ndc11 = ?2)" scanned every product, for each row
    // of the counter's product list (200 rows a keystroke, 20,000 products: 0.2 s a keystroke).
    static const QByteArray select = "SELECT * FROM (SELECT p.ndc11, c.at_ms, coalesce(c.at_ms, "
                                     "(SELECT e.at_ms FROM entries e WHERE e.ndc11 = p.ndc11 ORDER BY e.seq LIMIT 1), "
                                     "(SELECT ev.at_ms FROM events ev WHERE ev.seq = p.changed_seq), 0) AS since, p.name "
                                     "FROM products p LEFT JOIN last_matching_counts c ON c.ndc11 = p.ndc11 WHERE p.active = 1";
    static const QByteArray order = ") WHERE since < ?1 ORDER BY since, name";
    static const QByteArray all = select + order, one = select + " AND p.ndc11 = ?2" + order;
    sql::Query q(m_db, (ndc11.isEmpty() ? all : one).constData());
    q.bind(1, cutoffMs);
    if (!ndc11.isEmpty())
        q.bind(2, ndc11);
    while (q.next())
        list.append({q.text(0), q.isNull(1) ? std::nullopt : std::optional<qint64>(q.int64(1)), q.int64(2)});
    return list;
}

QList<std::pair<QString, bool>> LedgerQueries::countedOn(const QString &date) const
{
    QList<std::pair<QString, bool>> list;
    sql::Query q(m_db, "SELECT e.ndc11, EXISTS (SELECT 1 FROM last_matching_counts m WHERE m.ndc11 = e.ndc11 AND m.seq = e.seq) "
                       "FROM entries e JOIN products p ON p.ndc11 = e.ndc11 WHERE e.kind = 'count' AND e.business_date = ? "
                       "AND e.seq = (SELECT max(seq) FROM entries l WHERE l.ndc11 = e.ndc11 AND l.kind = 'count' AND l.business_date = e.business_date) "
                       "ORDER BY p.name");
    q.bind(1, date);
    while (q.next())
        list.append({q.text(0), q.int64(1) != 0});
    return list;
}

InventoryDates LedgerQueries::inventoryDates() const
{
    sql::Query q(m_db, "SELECT max(CASE WHEN type = 'reconciliation' THEN taken_date END), "
                       "max(CASE WHEN type <> 'reconciliation' THEN taken_date END) FROM inventories");
    InventoryDates d;
    if (q.next()) {
        d.lastReconciliation = q.isNull(0) ? QString() : q.text(0);
        d.lastInventory = q.isNull(1) ? QString() : q.text(1);
    }
    return d;
}

QList<TheftLossRow> LedgerQueries::theftLossReports() const
{
    QList<TheftLossRow> list;
    sql::Query q(m_db, QByteArray(QByteArray(kTheftLossColumns) + "ORDER BY id DESC").constData());
    while (q.next())
        list.append(theftLossFrom(q));
    return list;
}

std::optional<TheftLossRow> LedgerQueries::theftLossReport(qint64 id) const
{
    sql::Query q(m_db, QByteArray(QByteArray(kTheftLossColumns) + "WHERE id = ?").constData());
    q.bind(1, id);
    if (!q.next())
        return std::nullopt;
    return theftLossFrom(q);
}

} // namespace cii

namespace cii {

int LedgerQueries::idleMinutes() const
{
    bool ok = false;
    const int m = SettingsProjection::value(m_db, QString::fromLatin1(Ledger::kIdleMinutesKey)).toInt(&ok);
    return ok && m >= Ledger::kMinIdleMinutes && m <= Ledger::kMaxIdleMinutes ? m : Ledger::kDefaultIdleMinutes;
}

qint64 LedgerQueries::firstEntryAfter(const QString &ndc11, const QString &actor, qint64 afterSeq) const
{
    sql::Query q(m_db, "SELECT min(at_ms) FROM entries WHERE ndc11 = ? AND actor = ? AND seq > ?");
    q.bind(1, ndc11).bind(2, actor).bind(3, afterSeq);
    return q.next() && !q.isNull(0) ? q.int64(0) : 0;
}

} // namespace cii
