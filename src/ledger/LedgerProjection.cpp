#include "LedgerProjection.h"

#include "Event.h"
#include "SettingsProjection.h"
#include "Sqlite.h"

#include <QCborArray>
#include <QDateTime>
#include <algorithm>

namespace cii {
namespace {

QString str(const QCborMap &m, const char *key)
{
    return m.value(QLatin1String(key)).toString();
}
qint64 num(const QCborMap &m, const char *key)
{
    return m.value(QLatin1String(key)).toInteger();
}
QByteArray bytes(const QCborMap &m, const char *key)
{
    return m.value(QLatin1String(key)).toByteArray();
}

void bindOptionalBlob(sql::Query &q, int index, const QByteArray &b)
{
    if (b.isEmpty())
        q.bindNull(index);
    else
        q.bind(index, b);
}

} // namespace

QList<Projection::Table> LedgerProjection::tables() const
{
    return {{QStringLiteral("pharmacy"), QStringLiteral("id")},
            {QStringLiteral("people"), QStringLiteral("id")},
            {QStringLiteral("products"), QStringLiteral("ndc11")},
            {QStringLiteral("entries"), QStringLiteral("ndc11, seq"), true},
            {QStringLiteral("prescriptions"), QStringLiteral("rx"), true},
            {QStringLiteral("voided"), QStringLiteral("seq"), true},
            {QStringLiteral("discrepancies"), QStringLiteral("id")},
            {QStringLiteral("theft_loss"), QStringLiteral("id")},
            {QStringLiteral("inventories"), QStringLiteral("id")},
            {QStringLiteral("witnesses"), QStringLiteral("seq, person_id"), true},
            {QStringLiteral("last_matching_counts"), QStringLiteral("ndc11")},
            {QStringLiteral("dispenses_to_verify"), QStringLiteral("seq")}};
}

QString LedgerProjection::recordedDay(sql::Database &db, const Event &e)
{
    QString tz;
    {
        sql::Query q(db, "SELECT timezone FROM pharmacy WHERE id = 1");
        if (q.next())
            tz = q.text(0);
    }
    if (tz != m_zoneId) {
        m_zoneId = tz;
        m_zone = QTimeZone(tz.toUtf8());
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(e.atMs, QTimeZone::utc());
    return (m_zone.isValid() ? at.toTimeZone(m_zone) : at).date().toString(Qt::ISODate);
}

void LedgerProjection::addEntry(sql::Database &db, const Event &e, const NewEntry &n)
{
    qint64 before = 0, awaiting = 0;
    {
        sql::Query last(db, "SELECT balance_after, awaiting_after FROM entries WHERE ndc11 = ? ORDER BY seq DESC LIMIT 1");
        last.bind(1, n.ndc11);
        if (last.next())
            before = last.int64(0), awaiting = last.int64(1);
    }
    const qint64 after = before + n.delta;
    // What awaits disposal is part of the balance: a destruction or a reverse distributor's shipment takes from it
    // first; anything else that leaves the balance below it (a count, a theft) leaves no more awaiting than is there.
    awaiting = std::clamp(std::max<qint64>(0, awaiting + n.awaitingChange), qint64(0), std::max<qint64>(0, after));
    const QString day = n.businessDate.isEmpty() ? recordedDay(db, e) : n.businessDate;
    // OR FAIL, as for events (Journal::append): no statement journal; the append's transaction is the unit.
    sql::Query q(db, "INSERT OR FAIL INTO entries(ndc11, seq, kind, delta, balance_after, at_ms, actor, reference, corrects_seq, "
                     "business_date, day_part, awaiting_after) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", QStringLiteral("record the entry"));
    q.bind(1, n.ndc11).bind(2, e.seq).bind(3, n.kind).bind(4, n.delta).bind(5, after).bind(6, e.atMs).bind(7, e.actor).bind(8, n.reference);
    if (n.correctsSeq)
        q.bind(9, n.correctsSeq);
    else
        q.bindNull(9);
    q.bind(10, day).bind(11, qint64(n.dayPart)).bind(12, awaiting);
    q.run();
}

void LedgerProjection::recordMatchingCount(sql::Database &db, const Event &e, const QString &ndc11)
{
    sql::Query(db, "INSERT OR REPLACE INTO last_matching_counts(ndc11, seq, at_ms) VALUES (?,?,?)", QStringLiteral("record the count"))
        .bind(1, ndc11).bind(2, e.seq).bind(3, e.atMs).run();
}

void LedgerProjection::openDiscrepancy(sql::Database &db, const Event &e, const QString &ndc11, qint64 expected,
                                       qint64 counted, const QString &source)
{
    // "Since" is the last count or inventory that matched the records: the events after it explain the difference.
    sql::Query last(db, "SELECT seq FROM entries WHERE ndc11 = ? AND (kind = 'opening-balance' OR (kind IN ('count', 'inventory') AND delta = 0)) "
                        "AND seq < ? ORDER BY seq DESC LIMIT 1");
    last.bind(1, ndc11).bind(2, e.seq);
    const qint64 since = last.next() ? last.int64(0) : 0;
    sql::Query(db, "INSERT INTO discrepancies(opened_seq, ndc11, expected, counted, difference, status, opened_ms, opened_by, since_seq, source) "
                   "VALUES (?,?,?,?,?,'open',?,?,?,?)", QStringLiteral("open a discrepancy"))
        .bind(1, e.seq).bind(2, ndc11).bind(3, expected).bind(4, counted).bind(5, counted - expected)
        .bind(6, e.atMs).bind(7, e.actor).bind(8, since).bind(9, source).run();
}

void LedgerProjection::apply(sql::Database &db, const Event &e, const QCborMap &p)
{
    const QString &k = e.kind;
    if (k == QLatin1String("pharmacy.configured")) {
        sql::Query(db, "INSERT OR REPLACE INTO pharmacy(id, name, address, dea, state, timezone, cadence_days, changed_seq, "
                       "dea_expiry, license_expiry) VALUES (1,?,?,?,?,?,?,?,?,?)", QStringLiteral("record the pharmacy"))
            .bind(1, str(p, "name")).bind(2, str(p, "address")).bind(3, str(p, "dea")).bind(4, str(p, "state"))
            .bind(5, str(p, "timezone")).bind(6, num(p, "cadenceDays")).bind(7, e.seq)
            .bind(8, str(p, "deaExpiry")).bind(9, str(p, "licenseExpiry")).run();
    } else if (k == QLatin1String("person.added")) {
        sql::Query q(db, "INSERT INTO people(id, name, initials, role, active, pin_hash, password_hash, failed_count, "
                         "locked_until_ms, added_seq) VALUES (?,?,?,?,1,?,?,0,0,?)", QStringLiteral("record the person"));
        q.bind(1, str(p, "personId")).bind(2, str(p, "name")).bind(3, str(p, "initials")).bind(4, str(p, "role"));
        bindOptionalBlob(q, 5, bytes(p, "pinHash"));
        bindOptionalBlob(q, 6, bytes(p, "passwordHash"));
        q.bind(7, e.seq);
        q.run();
    } else if (k == QLatin1String("person.deactivated")) {
        sql::Query(db, "UPDATE people SET active = 0, deactivated_reason = ?, deactivated_seq = ? WHERE id = ?")
            .bind(1, str(p, "reason")).bind(2, e.seq).bind(3, str(p, "personId")).run();
    } else if (k == QLatin1String("person.role_changed")) {
        sql::Query(db, "UPDATE people SET role = ? WHERE id = ?").bind(1, str(p, "role")).bind(2, str(p, "personId")).run();
    } else if (k == QLatin1String("person.credentials_changed")) {
        if (p.contains(QLatin1String("pinHash")))
            sql::Query(db, "UPDATE people SET pin_hash = ? WHERE id = ?").bind(1, bytes(p, "pinHash")).bind(2, str(p, "personId")).run();
        if (p.contains(QLatin1String("passwordHash")))
            sql::Query(db, "UPDATE people SET password_hash = ? WHERE id = ?").bind(1, bytes(p, "passwordHash")).bind(2, str(p, "personId")).run();
        if (p.value(QLatin1String("reset")).toBool()) // a reset by the pharmacist-in-charge lifts a lockout
            sql::Query(db, "UPDATE people SET failed_count = 0, locked_until_ms = 0 WHERE id = ?").bind(1, str(p, "personId")).run();
    } else if (k == QLatin1String("auth.signed_in")) {
        sql::Query(db, "UPDATE people SET failed_count = 0, locked_until_ms = 0 WHERE id = ?").bind(1, str(p, "personId")).run();
    } else if (k == QLatin1String("auth.failed")) {
        sql::Query(db, "UPDATE people SET failed_count = failed_count + 1 WHERE id = ?").bind(1, str(p, "personId")).run();
    } else if (k == QLatin1String("auth.locked")) {
        sql::Query(db, "UPDATE people SET failed_count = 0, locked_until_ms = ? WHERE id = ?")
            .bind(1, num(p, "untilMs")).bind(2, str(p, "personId")).run();
    } else if (k == QLatin1String("product.added") || k == QLatin1String("product.updated")) {
        // INSERT or UPDATE OR FAIL, not INSERT OR REPLACE: both need no statement journal, which SQLCipher encrypts
        // page by page (measured: the largest cost of a catalog import). The append's transaction is the unit.
        const bool added = k == QLatin1String("product.added");
        sql::Query(db, added ? "INSERT OR FAIL INTO products(ndc, name, strength, dosage_form, package_size, base_unit, schedule, "
                               "changed_seq, ndc11, active) VALUES (?,?,?,?,?,?,?,?,?,1)"
                             : "UPDATE OR FAIL products SET ndc = ?, name = ?, strength = ?, dosage_form = ?, package_size = ?, "
                               "base_unit = ?, schedule = ?, changed_seq = ?, active = 1 WHERE ndc11 = ?",
                   QStringLiteral("record the product"))
            .bind(1, str(p, "ndc")).bind(2, str(p, "name")).bind(3, str(p, "strength")).bind(4, str(p, "dosageForm"))
            .bind(5, num(p, "packageSize")).bind(6, str(p, "baseUnit")).bind(7, str(p, "schedule")).bind(8, e.seq)
            .bind(9, str(p, "ndc11")).run();
    } else if (k == QLatin1String("product.deactivated")) {
        sql::Query(db, "UPDATE products SET active = 0, changed_seq = ? WHERE ndc11 = ?").bind(1, e.seq).bind(2, str(p, "ndc11")).run();
    } else if (k == QLatin1String("product.reactivated")) {
        sql::Query(db, "UPDATE products SET active = 1, changed_seq = ? WHERE ndc11 = ?").bind(1, e.seq).bind(2, str(p, "ndc11")).run();
    } else if (k == QLatin1String("product.reorder_point")) {
        // changed_seq stays: a count's cadence runs from it (LedgerQueries), and a reorder point is not a new product.
        sql::Query(db, "UPDATE products SET reorder_point = ? WHERE ndc11 = ?").bind(1, num(p, "units")).bind(2, str(p, "ndc11")).run();
    } else if (k == QLatin1String("stock.received")) {
        addEntry(db, e, {str(p, "ndc11"), QStringLiteral("receive"), num(p, "quantity"), str(p, "orderNumber"), str(p, "receivedDate")});
    } else if (k == QLatin1String("stock.dispensed")) {
        const QString rx = str(p, "rx");
        // Dispensed over the recorded balance by a pharmacist's override: the shelf had more than the records.
        // The entry moves the balance by what the records held (to zero, never below); the shortfall becomes a
        // discrepancy. So a balance is always the sum of its entries, and a void is their exact inverse.
        const qint64 shortfall = num(p, "shortfall");
        addEntry(db, e, {str(p, "ndc11"), QStringLiteral("dispense"), -(num(p, "quantity") - shortfall), rx, str(p, "fillDate")});
        if (shortfall > 0)
            openDiscrepancy(db, e, str(p, "ndc11"), -shortfall, 0, QStringLiteral("override"));
        if (p.value(QLatin1String("toVerify")).toBool())
            sql::Query(db, "INSERT INTO dispenses_to_verify(seq, at_ms, ndc11, rx, quantity, recorded_by) VALUES (?,?,?,?,?,?)")
                .bind(1, e.seq).bind(2, e.atMs).bind(3, str(p, "ndc11")).bind(4, rx).bind(5, num(p, "quantity")).bind(6, e.actor).run();
        sql::Query find(db, "SELECT dispensed_qty FROM prescriptions WHERE rx = ?");
        find.bind(1, rx);
        if (find.next()) {
            const qint64 dispensed = find.int64(0);
            sql::Query(db, "UPDATE prescriptions SET dispensed_qty = ? WHERE rx = ?").bind(1, dispensed + num(p, "quantity")).bind(2, rx).run();
        } else {
            sql::Query(db, "INSERT INTO prescriptions(rx, ndc11, prescribed_qty, dispensed_qty, date_written, prescriber_name, "
                           "prescriber_dea, first_fill_date, partial_kind) VALUES (?,?,?,?,?,?,?,?,?)")
                .bind(1, rx).bind(2, str(p, "ndc11")).bind(3, num(p, "prescribedQuantity")).bind(4, num(p, "quantity"))
                .bind(5, str(p, "dateWritten")).bind(6, str(p, "prescriberName")).bind(7, str(p, "prescriberDea"))
                .bind(8, str(p, "fillDate")).bind(9, str(p, "partialKind")).run();
        }
    } else if (k == QLatin1String("stock.dispense_verified")) {
        sql::Query(db, "DELETE FROM dispenses_to_verify WHERE seq = ?").bind(1, num(p, "dispenseSeq")).run();
    } else if (k == QLatin1String("rx.closed")) {
        sql::Query(db, "UPDATE prescriptions SET closed_seq = ? WHERE rx = ?").bind(1, e.seq).bind(2, str(p, "rx")).run();
    } else if (k == QLatin1String("stock.returned_to_stock")) {
        addEntry(db, e, {str(p, "ndc11"), QStringLiteral("return-to-stock"), num(p, "quantity"), str(p, "rx"), {}, 1, num(p, "dispenseSeq")});
        sql::Query(db, "UPDATE prescriptions SET dispensed_qty = dispensed_qty - ? WHERE rx = ?").bind(1, num(p, "quantity")).bind(2, str(p, "rx")).run();
    } else if (k == QLatin1String("stock.adjusted")) {
        addEntry(db, e, {str(p, "ndc11"), QStringLiteral("adjustment"), num(p, "delta"), str(p, "reasonCode"), {}});
    } else if (k == QLatin1String("stock.counted")) {
        const QString ndc11 = str(p, "ndc11");
        const qint64 expected = num(p, "expected"), counted = num(p, "counted");
        // The balance follows the shelf; a difference becomes a discrepancy for the pharmacist-in-charge.
        addEntry(db, e, {ndc11, QStringLiteral("count"), counted - expected, QString(), {}});
        if (counted != expected)
            openDiscrepancy(db, e, ndc11, expected, counted, QStringLiteral("count"));
        else
            recordMatchingCount(db, e, ndc11);
    } else if (k == QLatin1String("entry.voided")) {
        const qint64 target = num(p, "seq");
        // A void stands where the entry it reverses stood among the business days: a dispense voided the next
        // morning never happened on its fill date, and an inventory of the evening between must not count it.
        if (const auto orig = ledgerdb::entryAt(db, target))
            addEntry(db, e, {orig->ndc11, QStringLiteral("void"), -orig->delta, orig->reference, orig->businessDate, orig->dayPart,
                             target, -orig->awaitingChange});
        sql::Query(db, "INSERT INTO voided(seq, void_seq, reason) VALUES (?,?,?)").bind(1, target).bind(2, e.seq).bind(3, str(p, "reason")).run();
        sql::Query(db, "DELETE FROM dispenses_to_verify WHERE seq = ?").bind(1, target).run(); // a voided fill is not verified
        if (p.contains(QLatin1String("rx"))) {
            sql::Query(db, "UPDATE prescriptions SET dispensed_qty = dispensed_qty + ? WHERE rx = ?")
                .bind(1, num(p, "rxQuantityChange")).bind(2, str(p, "rx")).run();
            // An Rx whose every fill was voided was never filled: its next fill states the quantity prescribed
            // again (the voided first fill may have carried a wrong one).
            sql::Query(db, "DELETE FROM prescriptions WHERE rx = ? AND dispensed_qty = 0").bind(1, str(p, "rx")).run();
        }
    } else if (k == QLatin1String("discrepancy.resolved") || k == QLatin1String("discrepancy.escalated")) {
        sql::Query(db, "UPDATE discrepancies SET status = ?, reason_code = ?, note = ?, resolved_by = ?, resolved_seq = ? WHERE id = ?")
            .bind(1, k == QLatin1String("discrepancy.resolved") ? QStringLiteral("resolved") : QStringLiteral("escalated"))
            .bind(2, str(p, "reasonCode")).bind(3, str(p, "note")).bind(4, e.actor).bind(5, e.seq).bind(6, num(p, "discrepancyId")).run();
        if (k == QLatin1String("discrepancy.escalated")) // the count already moved the stock: only the report is added
            addTheftLoss(db, e, p, num(p, "discrepancyId"));
        if (p.contains(QLatin1String("recounted"))) {
            // A counting error resolved by its recount: a count entry that makes the balance what the shelf holds,
            // correcting the entry that opened the discrepancy. It matches the records, so the product is counted.
            const QString ndc11 = str(p, "ndc11");
            sql::Query opened(db, "SELECT opened_seq FROM discrepancies WHERE id = ?");
            opened.bind(1, num(p, "discrepancyId"));
            const qint64 openedSeq = opened.next() ? opened.int64(0) : 0;
            addEntry(db, e, {ndc11, QStringLiteral("count"), num(p, "recounted") - num(p, "expected"),
                             QStringLiteral("Discrepancy %1").arg(num(p, "discrepancyId")), {}, 1, openedSeq});
            recordMatchingCount(db, e, ndc11);
        }
    } else if (k == QLatin1String("discrepancy.review_started")) {
        sql::Query(db, "UPDATE discrepancies SET status = 'in_review', review_note = ? WHERE id = ?")
            .bind(1, str(p, "note")).bind(2, num(p, "discrepancyId")).run();
    } else {
        applyMovement(db, e, p);
    }
}

void LedgerProjection::addTheftLoss(sql::Database &db, const Event &e, const QCborMap &p, qint64 discrepancyId)
{
    sql::Query q(db, "INSERT INTO theft_loss(id, ndc11, quantity, loss_type, discovery_date, circumstances, notice_due, "
                     "form_due, discrepancy_id, police_report, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?)", QStringLiteral("record the theft or loss"));
    q.bind(1, e.seq).bind(2, str(p, "ndc11")).bind(3, num(p, "quantity")).bind(4, str(p, "lossType"))
        .bind(5, str(p, "discoveryDate")).bind(6, str(p, "circumstances")).bind(7, str(p, "noticeDue")).bind(8, str(p, "formDue"));
    if (discrepancyId)
        q.bind(9, discrepancyId);
    else
        q.bindNull(9);
    q.bind(10, str(p, "policeReport")).bind(11, str(p, "kind"));
    q.run();
}

void LedgerProjection::addWitnesses(sql::Database &db, const Event &e, const QCborMap &p)
{
    for (const QCborValue &w : p.value(QLatin1String("witnesses")).toArray())
        sql::Query(db, "INSERT INTO witnesses(seq, person_id) VALUES (?,?)").bind(1, e.seq).bind(2, w.toString()).run();
}

void LedgerProjection::applyMovement(sql::Database &db, const Event &e, const QCborMap &p)
{
    const QString &k = e.kind;
    if (k == QLatin1String("stock.moved")) {
        const QString movement = str(p, "movement");
        const qint64 q = num(p, "quantity");
        addEntry(db, e, {str(p, "ndc11"), movement, movement == QLatin1String("transfer-in") ? q : -q, str(p, "orderNumber"), str(p, "date"),
                         1, 0, movement == QLatin1String("reverse-distributor") ? -q : 0});
    } else if (k == QLatin1String("stock.destroyed")) {
        addEntry(db, e, {str(p, "ndc11"), QStringLiteral("destruction"), -num(p, "quantity"), str(p, "method"), str(p, "date"), 1, 0,
                         -num(p, "quantity")});
        addWitnesses(db, e, p);
    } else if (k == QLatin1String("stock.wasted")) {
        addEntry(db, e, {str(p, "ndc11"), QStringLiteral("waste"), -num(p, "quantity"), str(p, "reason"), {}});
        addWitnesses(db, e, p);
    } else if (k == QLatin1String("stock.theft_or_loss")) {
        addEntry(db, e, {str(p, "ndc11"), QStringLiteral("theft-or-loss"), -num(p, "quantity"), str(p, "lossType"), str(p, "discoveryDate")});
        addTheftLoss(db, e, p, 0);
    } else if (k == QLatin1String("stock.set_aside")) {
        // On hand and in every count, never dispensable: the balance does not move, what awaits disposal does.
        addEntry(db, e, {str(p, "ndc11"), QStringLiteral("set-aside"), 0, str(p, "reason"), {}, 1, 0, num(p, "quantity")});
    } else if (k == QLatin1String("theft_or_loss.filed")) {
        const bool notice = str(p, "what") == QLatin1String("notice");
        sql::Query(db, notice ? "UPDATE theft_loss SET notice_sent = ?, notice_reference = ? WHERE id = ?"
                              : "UPDATE theft_loss SET form_filed = ?, form_reference = ? WHERE id = ?")
            .bind(1, str(p, "date")).bind(2, str(p, "reference")).bind(3, num(p, "reportId")).run();
    } else if (k == QLatin1String("stock.opening_balances")) {
        // The counts a pharmacy started with: each is the balance, and a count that matches the records.
        for (const QCborValue &v : p.value(QLatin1String("counts")).toArray()) {
            const QCborMap c = v.toMap();
            addEntry(db, e, {str(c, "ndc11"), QStringLiteral("opening-balance"), num(c, "quantity"), str(c, "countedBy"), str(c, "countedOn")});
            recordMatchingCount(db, e, str(c, "ndc11"));
        }
    } else if (k == QLatin1String("inventory.taken")) {
        const QCborArray counts = p.value(QLatin1String("counts")).toArray();
        for (const QCborValue &v : counts) {
            const QCborMap c = v.toMap();
            const QString ndc11 = str(c, "ndc11");
            const qint64 expected = num(c, "expected"), counted = num(c, "counted");
            // Before schema 0010 "expected" was the balance when the sheet was signed; since, the balance at the
            // opening or close of business it is labelled with (docs/LEDGER.md, "Inventories"), and `delta` says how
            // the balance moves: counted - expected, so what was recorded after that moment still counts, or 0 when
            // the shelf was counted again after that moment (the balance already follows the later count).
            const qint64 delta = c.contains(QLatin1String("delta")) ? num(c, "delta") : counted - expected;
            addEntry(db, e, {ndc11, QStringLiteral("inventory"), delta, str(p, "type"), str(p, "date"),
                             str(p, "timing") == QLatin1String("opening") ? 0 : 2});
            if (counted != expected)
                openDiscrepancy(db, e, ndc11, expected, counted, QStringLiteral("inventory"));
            else
                recordMatchingCount(db, e, ndc11);
        }
        sql::Query(db, "INSERT INTO inventories(id, type, timing, taken_date, products, signed_by) VALUES (?,?,?,?,?,?)")
            .bind(1, e.seq).bind(2, str(p, "type")).bind(3, str(p, "timing")).bind(4, str(p, "date"))
            .bind(5, qint64(counts.size())).bind(6, str(p, "signedBy")).run();
    }
}

namespace ledgerdb {

qint64 balance(sql::Database &db, const QString &ndc11)
{
    sql::Query q(db, "SELECT balance_after FROM entries WHERE ndc11 = ? ORDER BY seq DESC LIMIT 1");
    q.bind(1, ndc11);
    return q.next() ? q.int64(0) : 0;
}

bool productExists(sql::Database &db, const QString &ndc11, bool *active)
{
    sql::Query q(db, "SELECT active FROM products WHERE ndc11 = ?");
    q.bind(1, ndc11);
    if (!q.next())
        return false;
    if (active)
        *active = q.int64(0) != 0;
    return true;
}

LossDeadlines lossDeadlines(sql::Database &db, qint64 reportId)
{
    sql::Query q(db, "SELECT notice_due, form_due FROM theft_loss WHERE id = ?");
    q.bind(1, reportId);
    if (!q.next())
        return {};
    return {q.text(0), q.text(1)};
}

std::optional<EntryRow> entryAt(sql::Database &db, qint64 seq)
{
    QString ndc11;
    qint64 quantity = 0;
    {
        sql::Query e(db, "SELECT payload FROM events WHERE seq = ?");
        e.bind(1, seq);
        if (!e.next())
            return std::nullopt;
        Event ev;
        ev.payload = e.blob(0);
        const QCborMap p = ev.payloadMap();
        if (p.contains(QLatin1String("counts")))
            return EntryRow{QString(), QStringLiteral("inventory"), QString(), 0, 0, {}, 1, 0}; // several products in one event
        ndc11 = p.value(QLatin1String("ndc11")).toString();
        quantity = p.value(QLatin1String("quantity")).toInteger();
    }
    if (ndc11.isEmpty())
        return std::nullopt;
    EntryRow row;
    {
        sql::Query q(db, "SELECT kind, delta, reference, business_date, day_part, awaiting_after FROM entries WHERE ndc11 = ? AND seq = ?");
        q.bind(1, ndc11).bind(2, seq);
        if (!q.next())
            return std::nullopt;
        row = EntryRow{ndc11, q.text(0), q.text(2), q.int64(1), quantity, q.text(3), int(q.int64(4)), q.int64(5)};
    }
    sql::Query before(db, "SELECT awaiting_after FROM entries WHERE ndc11 = ? AND seq < ? ORDER BY seq DESC LIMIT 1");
    before.bind(1, ndc11).bind(2, seq);
    row.awaitingChange -= before.next() ? before.int64(0) : 0;
    return row;
}

qint64 awaitingDisposal(sql::Database &db, const QString &ndc11)
{
    sql::Query q(db, "SELECT awaiting_after FROM entries WHERE ndc11 = ? ORDER BY seq DESC LIMIT 1");
    q.bind(1, ndc11);
    return q.next() ? q.int64(0) : 0;
}

bool countedAfter(sql::Database &db, const QString &ndc11, const QString &date, int dayPart)
{
    sql::Query q(db, "SELECT 1 FROM entries WHERE ndc11 = ? AND kind IN ('count', 'inventory', 'opening-balance') "
                     "AND (business_date > ? OR (business_date = ? AND day_part > ?)) LIMIT 1");
    q.bind(1, ndc11).bind(2, date).bind(3, date).bind(4, qint64(dayPart));
    return q.next();
}

qint64 recordedAfter(sql::Database &db, const QString &ndc11, const QString &date, int dayPart)
{
    sql::Query q(db, "SELECT coalesce(sum(delta), 0) FROM entries WHERE ndc11 = ? AND (business_date > ? OR (business_date = ? AND day_part > ?))");
    q.bind(1, ndc11).bind(2, date).bind(3, date).bind(4, qint64(dayPart));
    q.next();
    return q.int64(0);
}

qint64 discrepancyOpenedBy(sql::Database &db, qint64 seq, const QString &ndc11)
{
    sql::Query q(db, "SELECT id FROM discrepancies WHERE opened_seq = ? AND ndc11 = ?");
    q.bind(1, seq).bind(2, ndc11);
    return q.next() ? q.int64(0) : 0;
}

} // namespace ledgerdb

std::vector<std::unique_ptr<Projection>> defaultProjections()
{
    std::vector<std::unique_ptr<Projection>> list;
    list.push_back(std::make_unique<SettingsProjection>());
    list.push_back(std::make_unique<LedgerProjection>());
    return list;
}

} // namespace cii
