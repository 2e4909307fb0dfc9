// The Ledger's commands for stock that leaves or arrives other than by receipt and dispense: transfers, returns
// to suppliers, destruction, waste, theft or loss, and the inventory. Split from Ledger.cpp to keep files small.
#include "Clock.h"
#include "Identifiers.h"
#include "Ledger.h"
#include "LedgerQueries.h"
#include "LedgerProjection.h"
#include "Store.h"
#include "Validation.h"

#include <QCborArray>
#include <QSet>

namespace cii {

using validate::invalid;

namespace {

QString partyLabel(MovementKind k)
{
    switch (k) {
    case MovementKind::TransferIn: return QStringLiteral("The sending registrant");
    case MovementKind::TransferOut: return QStringLiteral("The receiving registrant");
    case MovementKind::ReturnToSupplier: return QStringLiteral("The supplier");
    case MovementKind::ReverseDistributor: return QStringLiteral("The reverse distributor");
    }
    return {};
}

} // namespace

QStringList Ledger::wasteReasons()
{
    return {QStringLiteral("dropped"), QStringLiteral("contaminated"), QStringLiteral("partial-dose"),
            QStringLiteral("compounding-loss"), QStringLiteral("refused-by-patient"), QStringLiteral("other")};
}

QStringList Ledger::lossTypes()
{
    return {QStringLiteral("theft"), QStringLiteral("loss"), QStringLiteral("in-transit-loss")};
}

QStringList Ledger::lossKinds(const QString &lossType)
{
    if (lossType == QLatin1String("theft"))
        return {QStringLiteral("night-break-in"), QStringLiteral("armed-robbery"), QStringLiteral("employee-pilferage"),
                QStringLiteral("customer-theft"), QStringLiteral("other")};
    if (lossType == QLatin1String("loss"))
        return {QStringLiteral("lost-in-pharmacy"), QStringLiteral("other")};
    return {};
}

void Ledger::addForm106Facts(const QString &op, const QString &lossType, const QString &policeReport, const QString &kind, QCborMap &m)
{
    if (!kind.trimmed().isEmpty()) {
        const QStringList kinds = lossKinds(lossType);
        if (!kinds.contains(kind.trimmed()))
            throw invalid(op, QStringLiteral("The kind of %1").arg(lossType), QStringLiteral("must be one of: %1").arg(kinds.join(QStringLiteral(", "))));
        m.insert(QStringLiteral("kind"), kind.trimmed());
    }
    if (!policeReport.trimmed().isEmpty())
        m.insert(QStringLiteral("policeReport"),
                 validate::text(op, QStringLiteral("The police report (its number and department)"), policeReport, 120));
}

QStringList Ledger::newLossTypes()
{
    return {QStringLiteral("theft"), QStringLiteral("loss")};
}

QString Ledger::movementKindName(MovementKind k)
{
    switch (k) {
    case MovementKind::TransferIn: return QStringLiteral("transfer-in");
    case MovementKind::TransferOut: return QStringLiteral("transfer-out");
    case MovementKind::ReturnToSupplier: return QStringLiteral("return-to-supplier");
    case MovementKind::ReverseDistributor: return QStringLiteral("reverse-distributor");
    }
    return {};
}

namespace {
/// The n-th (1-based) `weekday` (1 Monday .. 7 Sunday) of a month; n = -1 for the last one.
QDate nthWeekday(int year, int month, int weekday, int n)
{
    if (n < 0) {
        QDate d(year, month, QDate(year, month, 1).daysInMonth());
        while (d.dayOfWeek() != weekday)
            d = d.addDays(-1);
        return d;
    }
    QDate d(year, month, 1);
    while (d.dayOfWeek() != weekday)
        d = d.addDays(1);
    return d.addDays(7 * (n - 1));
}

/// A fixed-date holiday moved to the day it is observed.
QDate observed(const QDate &d)
{
    return d.dayOfWeek() == 6 ? d.addDays(-1) : d.dayOfWeek() == 7 ? d.addDays(1) : d;
}
} // namespace

bool Ledger::isFederalHoliday(const QDate &date)
{
    if (!date.isValid())
        return false;
    const int y = date.year();
    // Next year's New Year's Day on a Saturday is observed on this year's December 31.
    if (date == observed(QDate(y + 1, 1, 1)))
        return true;
    const QDate holidays[] = {
        observed(QDate(y, 1, 1)),  nthWeekday(y, 1, 1, 3),  nthWeekday(y, 2, 1, 3), nthWeekday(y, 5, 1, -1),
        observed(QDate(y, 6, 19)), observed(QDate(y, 7, 4)), nthWeekday(y, 9, 1, 1), nthWeekday(y, 10, 1, 2),
        observed(QDate(y, 11, 11)), nthWeekday(y, 11, 4, 4), observed(QDate(y, 12, 25)),
    };
    for (const QDate &h : holidays)
        if (h == date && (h.month() != 6 || y >= 2021)) // Juneteenth since 2021
            return true;
    return false;
}

QDate Ledger::nextBusinessDay(const QDate &date)
{
    QDate d = date.addDays(1);
    while (d.dayOfWeek() > 5 || isFederalHoliday(d))
        d = d.addDays(1);
    return d;
}

QCborMap Ledger::lossDeadlines(const QDate &discovery)
{
    // 21 CFR 1301.76(b): notice within one business day of discovery; Form 106 within 45 days.
    return {{QStringLiteral("noticeDue"), nextBusinessDay(discovery).toString(Qt::ISODate)},
            {QStringLiteral("formDue"), discovery.addDays(45).toString(Qt::ISODate)}};
}

Ledger::Counters Ledger::requireCounters(const QString &op, const Session &s, const QList<Witness> &counters)
{
    // 16 CCR 1715.65 and 21 CFR 1304.11: the count is signed by whoever counted and by the pharmacist-in-charge.
    Counters out;
    if (counters.isEmpty()) {
        out.ids = {s.personId()};
        out.names = {s.name()};
        return out;
    }
    for (const Witness &w : counters) {
        if (w.personId.trimmed().isEmpty())
            throw invalid(op, QStringLiteral("Who counted"), QStringLiteral("is required: choose each person who counted"));
        if (out.ids.contains(w.personId))
            throw invalid(op, QStringLiteral("Who counted"), QStringLiteral("names the same person twice"));
        if (w.personId == s.personId()) { // the pharmacist-in-charge counted too: their signature covers it
            out.ids.append(w.personId);
            out.names.append(s.name());
            continue;
        }
        sql::Query q(m_store.db(), "SELECT name, role, active FROM people WHERE id = ?");
        q.bind(1, w.personId);
        if (!q.next())
            throw invalid(op, QStringLiteral("The person who counted"), QStringLiteral("is not known here"));
        const QString name = q.text(0);
        if (q.int64(2) == 0)
            throw invalid(op, QStringLiteral("%1, who counted,").arg(name), QStringLiteral("is no longer an active user"));
        if (roleFromName(q.text(1)).value_or(Role::Owner) == Role::Owner)
            throw invalid(op, QStringLiteral("%1, who counted,").arg(name), QStringLiteral("is not pharmacy staff (an owner does not count stock)"));
        if (w.pin.isEmpty())
            throw invalid(op, QStringLiteral("The PIN of %1, who counted,").arg(name), QStringLiteral("is required: each person who counted signs"));
        out.ids.append(w.personId);
        out.names.append(name);
    }
    return out;
}

Role Ledger::requireWitness(const QString &op, const Witness &w, QStringList &signers)
{
    if (w.personId.trimmed().isEmpty())
        throw invalid(op, QStringLiteral("A witness"), QStringLiteral("is required"));
    sql::Query q(m_store.db(), "SELECT name, role, active FROM people WHERE id = ?");
    q.bind(1, w.personId);
    if (!q.next())
        throw invalid(op, QStringLiteral("The witness"), QStringLiteral("is not known here"));
    const QString name = q.text(0);
    const Role role = roleFromName(q.text(1)).value_or(Role::Owner);
    if (q.int64(2) == 0)
        throw invalid(op, QStringLiteral("The witness %1").arg(name), QStringLiteral("is no longer an active user"));
    if (role == Role::Owner)
        throw invalid(op, QStringLiteral("The witness %1").arg(name), QStringLiteral("is not pharmacy staff (an owner cannot witness)"));
    if (signers.contains(w.personId))
        throw invalid(op, QStringLiteral("The witness %1").arg(name), QStringLiteral("is already signing this entry: a witness must be someone else"));
    if (w.pin.isEmpty())
        throw invalid(op, QStringLiteral("The PIN of the witness %1").arg(name), QStringLiteral("is required"));
    signers.append(w.personId);
    return role;
}

qint64 Ledger::recordMovement(const Session &s, const Movement &mv)
{
    const QString op = mv.kind == MovementKind::TransferIn ? QStringLiteral("record the transfer in")
                       : mv.kind == MovementKind::TransferOut ? QStringLiteral("record the transfer out")
                                                              : QStringLiteral("record the return");
    currentRole(s, Action::Transfer);
    const qint64 quantity = validate::positive(op, QStringLiteral("The quantity"), mv.quantity);
    const QString party = validate::text(op, partyLabel(mv.kind) + QStringLiteral("'s name"), mv.partyName, 120);
    if (const QString problem = deaProblem(mv.partyDea, partyLabel(mv.kind) + QStringLiteral("'s DEA number")); !problem.isEmpty())
        throw CiiError::fromSentence(CiiError::Code::InvalidInput, op, problem);
    const QString order = validate::text(op, QStringLiteral("The order or form number"), mv.orderNumber, 40);
    return m_store.write(op, [&] {
        const QString date = validate::pastDate(op, QStringLiteral("The date"), mv.date, today());
        // Stock leaving may be of a product no longer sold (it still has to go somewhere); stock arriving may not.
        const QString key = productKey(op, mv.ndc11, mv.kind == MovementKind::TransferIn);
        if (const PharmacyRow own = LedgerQueries(m_store.db()).pharmacy(); own.exists && own.dea == normalizeDea(mv.partyDea))
            throw invalid(op, partyLabel(mv.kind) + QStringLiteral("'s DEA number"), QStringLiteral("is this pharmacy's own"));
        const bool outgoing = mv.kind != MovementKind::TransferIn;
        const qint64 onHand = ledgerdb::balance(m_store.db(), key);
        if (outgoing && quantity > onHand)
            throw invalid(op, QStringLiteral("The quantity"), QStringLiteral("(%1) is more than the balance on hand (%2)").arg(quantity).arg(onHand));
        // A reverse distributor takes stock awaiting disposal first (21 CFR 1317.05); other dispositions take
        // only stock that may still be dispensed.
        if (outgoing && mv.kind != MovementKind::ReverseDistributor)
            requireNotSetAside(op, QStringLiteral("The quantity"), key, quantity);
        return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.moved"),
            {{QStringLiteral("movement"), movementKindName(mv.kind)}, {QStringLiteral("ndc11"), key},
             {QStringLiteral("quantity"), quantity}, {QStringLiteral("partyName"), party},
             {QStringLiteral("partyDea"), normalizeDea(mv.partyDea)}, {QStringLiteral("orderNumber"), order},
             {QStringLiteral("date"), date}}).seq;
    });
}

qint64 Ledger::destroy(const Session &s, const Destruction &d)
{
    const QString op = QStringLiteral("record the destruction");
    currentRole(s, Action::Destroy);
    if (d.fullPackages < 0 || d.partialUnits < 0 || d.fullPackages > validate::kMaxQuantity || d.partialUnits > validate::kMaxQuantity)
        throw invalid(op, QStringLiteral("The packages and units"), QStringLiteral("must be whole numbers, zero or more"));
    if (d.fullPackages == 0 && d.partialUnits == 0)
        throw invalid(op, QStringLiteral("The quantity destroyed"), QStringLiteral("must be at least one full package or one unit"));
    const QString method = validate::text(op, QStringLiteral("The method of destruction"), d.method, 120);
    const QString location = validate::text(op, QStringLiteral("The location"), d.location, 120);
    const QString key = productKey(op, d.ndc11, false);
    const QString date = validate::pastDate(op, QStringLiteral("The date of destruction"), d.date, today());
    const qint64 packageSize = [&] { // the query goes before the writes below (see Ledger::checkSecret)
        sql::Query size(m_store.db(), "SELECT package_size FROM products WHERE ndc11 = ?");
        size.bind(1, key);
        size.next();
        return size.int64(0);
    }();
    if (d.partialUnits >= packageSize)
        throw invalid(op, QStringLiteral("The partial units"), QStringLiteral("must be fewer than one package (%1)").arg(packageSize));
    const qint64 quantity = validate::positive(op, QStringLiteral("The quantity destroyed"), d.fullPackages * packageSize + d.partialUnits);
    if (quantity > ledgerdb::balance(m_store.db(), key))
        throw invalid(op, QStringLiteral("The quantity destroyed"),
                      QStringLiteral("(%1) is more than the balance on hand (%2)").arg(quantity).arg(ledgerdb::balance(m_store.db(), key)));
    QStringList signers;
    requireWitness(op, d.first, signers);
    requireWitness(op, d.second, signers);
    checkSecret(d.first.personId, d.first.pin, true, s.verified()); // PINs last: every other check passed first
    checkSecret(d.second.personId, d.second.pin, true, s.verified());
    return m_store.write(op, [&] {
        if (quantity > ledgerdb::balance(m_store.db(), key))
            throw invalid(op, QStringLiteral("The quantity destroyed"), QStringLiteral("is more than the balance on hand"));
        return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.destroyed"),
            {{QStringLiteral("ndc11"), key}, {QStringLiteral("packageSize"), packageSize},
             {QStringLiteral("fullPackages"), d.fullPackages}, {QStringLiteral("partialUnits"), d.partialUnits},
             {QStringLiteral("quantity"), quantity}, {QStringLiteral("method"), method},
             {QStringLiteral("location"), location}, {QStringLiteral("date"), date},
             {QStringLiteral("witnesses"), QCborArray{signers.at(0), signers.at(1)}}}).seq;
    });
}

void Ledger::requireNotSetAside(const QString &op, const QString &field, const QString &key, qint64 quantity)
{
    const qint64 onHand = ledgerdb::balance(m_store.db(), key);
    const qint64 awaiting = ledgerdb::awaitingDisposal(m_store.db(), key);
    if (quantity <= onHand - awaiting)
        return;
    if (awaiting == 0)
        throw invalid(op, field, QStringLiteral("(%1) is more than the balance on hand (%2)").arg(quantity).arg(onHand));
    throw invalid(op, field, QStringLiteral("(%1) is more than the stock not set aside (%2): %3 of the %4 on hand are set aside awaiting disposal")
                                 .arg(quantity).arg(onHand - awaiting).arg(awaiting).arg(onHand),
                  QStringLiteral("Stock awaiting disposal leaves only by a destruction (Form 41) or a shipment to a reverse distributor."));
}

qint64 Ledger::setAside(const Session &s, const SetAside &a)
{
    const QString op = QStringLiteral("set the stock aside for disposal");
    currentRole(s, Action::SetAside);
    const qint64 quantity = validate::positive(op, QStringLiteral("The quantity set aside"), a.quantity);
    const QString reason = validate::text(op, QStringLiteral("The reason"), a.reason);
    const QString key = productKey(op, a.ndc11, false);
    const auto check = [&] {
        const qint64 onHand = ledgerdb::balance(m_store.db(), key);
        const qint64 awaiting = ledgerdb::awaitingDisposal(m_store.db(), key);
        if (quantity > onHand - awaiting)
            throw invalid(op, QStringLiteral("The quantity set aside"),
                          awaiting == 0 ? QStringLiteral("(%1) is more than the balance on hand (%2)").arg(quantity).arg(onHand)
                                        : QStringLiteral("(%1) is more than the stock not yet set aside (%2): %3 of the %4 on hand already await disposal")
                                              .arg(quantity).arg(onHand - awaiting).arg(awaiting).arg(onHand));
    };
    check();
    requireSignature(s, a.signaturePin);
    return m_store.write(op, [&] {
        check();
        return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.set_aside"),
            {{QStringLiteral("ndc11"), key}, {QStringLiteral("quantity"), quantity}, {QStringLiteral("reason"), reason},
             {QStringLiteral("signedBy"), s.personId()}}).seq;
    });
}

qint64 Ledger::waste(const Session &s, const Waste &w)
{
    const QString op = QStringLiteral("record the waste");
    const Role role = currentRole(s, Action::Waste);
    const qint64 quantity = validate::positive(op, QStringLiteral("The quantity wasted"), w.quantity);
    if (!wasteReasons().contains(w.reason))
        throw invalid(op, QStringLiteral("The reason"), QStringLiteral("must be one of: %1").arg(wasteReasons().join(QStringLiteral(", "))));
    const QString note = w.note.trimmed().isEmpty() ? QString() : validate::text(op, QStringLiteral("The note"), w.note, 500);
    if (w.reason == QLatin1String("other") && note.isEmpty())
        throw invalid(op, QStringLiteral("The note"), QStringLiteral("is required when the reason is \"other\""));
    const QString key = productKey(op, w.ndc11, false);
    requireNotSetAside(op, QStringLiteral("The quantity wasted"), key, quantity);
    QStringList signers{s.personId()};
    const Role witnessRole = requireWitness(op, w.witness, signers);
    if (role == Role::Technician && witnessRole == Role::Technician)
        throw invalid(op, QStringLiteral("The witness"), QStringLiteral("must be a pharmacist when a technician records the waste"));
    checkSecret(w.witness.personId, w.witness.pin, true, s.verified());
    return m_store.write(op, [&] {
        requireNotSetAside(op, QStringLiteral("The quantity wasted"), key, quantity);
        return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.wasted"),
            {{QStringLiteral("ndc11"), key}, {QStringLiteral("quantity"), quantity}, {QStringLiteral("reason"), w.reason},
             {QStringLiteral("note"), note}, {QStringLiteral("witnesses"), QCborArray{signers.at(1)}}}).seq;
    });
}

qint64 Ledger::reportTheftLoss(const Session &s, const TheftLoss &t)
{
    const QString op = QStringLiteral("report the theft or loss");
    currentRole(s, Action::ReportTheftLoss);
    const qint64 quantity = validate::positive(op, QStringLiteral("The quantity lost"), t.quantity);
    if (t.lossType == QLatin1String("in-transit-loss")) // 21 CFR 1301.76(b): the supplier reports a loss in transit
        throw invalid(op, QStringLiteral("A loss in transit"),
                      QStringLiteral("is the supplier's to report (21 CFR 1301.76(b)), not a theft or loss from this pharmacy's stock"),
                      QStringLiteral("Record the receipt with what arrived and the packages shipped, and who at the supplier was told."));
    if (!newLossTypes().contains(t.lossType))
        throw invalid(op, QStringLiteral("The type"), QStringLiteral("must be one of: %1").arg(newLossTypes().join(QStringLiteral(", "))));
    const QString circumstances = validate::text(op, QStringLiteral("A description of the circumstances"), t.circumstances, 2000);
    const QString key = productKey(op, t.ndc11, false);
    const QString discovery = validate::pastDate(op, QStringLiteral("The discovery date"), t.discoveryDate, today());
    const qint64 onHand = ledgerdb::balance(m_store.db(), key);
    if (quantity > onHand)
        throw invalid(op, QStringLiteral("The quantity lost"), QStringLiteral("(%1) is more than the balance on hand (%2)").arg(quantity).arg(onHand),
                      QStringLiteral("If the records were already short, count the product: the discrepancy can be escalated to a theft or loss."));
    {
        // A count short of the records already took the missing stock off the balance: reporting it again here would
        // take it off twice. That shortage goes on as a theft or loss by escalating its discrepancy.
        sql::Query open(m_store.db(), "SELECT id, -difference FROM discrepancies WHERE ndc11 = ? AND difference < 0 "
                                      "AND status IN ('open', 'in_review') ORDER BY id LIMIT 1");
        open.bind(1, key);
        if (open.next()) {
            const qint64 id = open.int64(0), short_ = open.int64(1);
            throw invalid(op, QStringLiteral("Discrepancy %1").arg(id),
                          QStringLiteral("is open for this product: its count already took the %1 missing off the balance").arg(short_),
                          QStringLiteral("Escalate discrepancy %1 to a theft or loss under Review; other stock lost is reported once it is settled.").arg(id));
        }
    }
    QCborMap m = lossDeadlines(QDate::fromString(discovery, Qt::ISODate));
    addForm106Facts(op, t.lossType, t.policeReport, t.kind, m);
    requireSignature(s, t.signaturePin);
    m.insert(QStringLiteral("ndc11"), key);
    m.insert(QStringLiteral("quantity"), quantity);
    m.insert(QStringLiteral("lossType"), t.lossType);
    m.insert(QStringLiteral("discoveryDate"), discovery);
    m.insert(QStringLiteral("circumstances"), circumstances);
    m.insert(QStringLiteral("signedBy"), s.personId());
    return m_store.write(op, [&] {
        if (quantity > ledgerdb::balance(m_store.db(), key))
            throw invalid(op, QStringLiteral("The quantity lost"), QStringLiteral("is more than the balance on hand"));
        return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.theft_or_loss"), m).seq;
    });
}

qint64 Ledger::recordTheftLossFiling(const Session &s, qint64 reportId, const QString &what, const QString &date,
                                     const QString &reference)
{
    const QString op = QStringLiteral("record the DEA filing");
    currentRole(s, Action::ReportTheftLoss);
    if (what != QLatin1String("notice") && what != QLatin1String("form"))
        throw invalid(op, QStringLiteral("What was filed"), QStringLiteral("must be \"notice\" (the 1-business-day notice) or \"form\" (Form 106)"));
    const QString ref = validate::text(op, QStringLiteral("The reference"), reference, 80);
    return m_store.write(op, [&] {
        const QString when = validate::pastDate(op, QStringLiteral("The date"), date, today());
        sql::Query q(m_store.db(), "SELECT discovery_date, notice_sent, form_filed FROM theft_loss WHERE id = ?");
        q.bind(1, reportId);
        if (!q.next())
            throw invalid(op, QStringLiteral("Theft or loss report %1").arg(reportId), QStringLiteral("does not exist"));
        if (when < q.text(0))
            throw invalid(op, QStringLiteral("The date"), QStringLiteral("is before the discovery date (%1)").arg(q.text(0)));
        if (!q.isNull(what == QLatin1String("notice") ? 1 : 2))
            throw invalid(op, QStringLiteral("The %1").arg(what == QLatin1String("notice") ? QStringLiteral("notice") : QStringLiteral("Form 106")),
                          QStringLiteral("was already recorded for report %1").arg(reportId));
        return m_store.appendInTransaction(s.personId(), QStringLiteral("theft_or_loss.filed"),
            {{QStringLiteral("reportId"), reportId}, {QStringLiteral("what"), what}, {QStringLiteral("date"), when},
             {QStringLiteral("reference"), ref}}).seq;
    });
}

qint64 Ledger::takeInventory(const Session &s, const Inventory &inv)
{
    const QString op = QStringLiteral("record the inventory");
    currentRole(s, Action::TakeInventory);
    if (inv.type != QLatin1String("biennial") && inv.type != QLatin1String("annual") && inv.type != QLatin1String("reconciliation"))
        throw invalid(op, QStringLiteral("The inventory type"), QStringLiteral("must be biennial, annual or reconciliation"));
    if (inv.timing != QLatin1String("opening") && inv.timing != QLatin1String("closing"))
        throw invalid(op, QStringLiteral("The time of the inventory"), QStringLiteral("must be opening or closing (of business)"));
    const QString date = validate::pastDate(op, QStringLiteral("The inventory date"), inv.date, today());
    if (inv.counts.isEmpty())
        throw invalid(op, QStringLiteral("The counts"), QStringLiteral("are required: every active CII product and every product holding stock is counted"));
    QSet<QString> seen;
    QList<InventoryCount> counts;
    for (const InventoryCount &c : inv.counts) {
        const QString where = c.line > 0 ? QStringLiteral("on line %1 of the counts file").arg(c.line) : QString();
        const QString at = where.isEmpty() ? QString() : QLatin1Char(' ') + where;
        const QString key = productKey(op, c.ndc11, false, where);
        if (seen.contains(key))
            throw invalid(op, QStringLiteral("The product %1%2").arg(key, at), QStringLiteral("is counted twice"));
        if (c.counted < 0 || c.counted > validate::kMaxQuantity)
            throw invalid(op, QStringLiteral("The count for %1%2").arg(key, at), QStringLiteral("must be a whole number from 0 to 10,000,000"));
        seen.insert(key);
        counts.append({key, c.counted, c.line});
    }
    inventorySheet(op, inv, date, counts); // every refusal before the PINs are asked
    const Counters counters = requireCounters(op, s, inv.counters);
    if (inv.signaturePin.isEmpty()) // every refusal before a PIN is checked
        requireSignature(s, inv.signaturePin);
    for (const Witness &w : inv.counters) // who counted signs first; the pharmacist-in-charge countersigns
        if (w.personId != s.personId())
            checkSecret(w.personId, w.pin, true, s.verified());
    requireSignature(s, inv.signaturePin);
    return m_store.write(op, [&] {
        return m_store.appendInTransaction(s.personId(), QStringLiteral("inventory.taken"),
            {{QStringLiteral("type"), inv.type}, {QStringLiteral("timing"), inv.timing}, {QStringLiteral("date"), date},
             {QStringLiteral("counts"), inventorySheet(op, inv, date, counts)},
             {QStringLiteral("countedBy"), counters.names.join(QStringLiteral(" and "))},
             {QStringLiteral("counters"), QCborArray::fromStringList(counters.ids)}, {QStringLiteral("signedBy"), s.personId()}}).seq;
    });
}

QCborArray Ledger::inventorySheet(const QString &op, const Inventory &inv, const QString &date, const QList<InventoryCount> &counts)
{
    // 21 CFR 1304.11(a): the inventory states whether it was taken at the opening or the close of business, and
    // its figures are the stock at that moment. Entries placed after it by their business date (a dispense of that
    // morning under an opening count, the next morning's under a closing one) are not in the count: the expected
    // figure leaves them out, and the new balance keeps them.
    const bool opening = inv.timing == QLatin1String("opening");
    const int dayPart = opening ? 0 : 2;
    const QString moment = QStringLiteral("the %1 of business on %2").arg(opening ? QStringLiteral("opening") : QStringLiteral("close"), date);
    QSet<QString> seen;
    QCborArray sheet;
    for (const InventoryCount &c : counts) {
        seen.insert(c.ndc11);
        const qint64 after = ledgerdb::recordedAfter(m_store.db(), c.ndc11, date, dayPart);
        const qint64 expected = ledgerdb::balance(m_store.db(), c.ndc11) - after;
        // A count of the shelf since that moment already set the balance (its correction is among what came
        // after): the balance stays; the difference at the moment is still reported.
        const bool recounted = ledgerdb::countedAfter(m_store.db(), c.ndc11, date, dayPart);
        const QString at = c.line > 0 ? QStringLiteral(" on line %1 of the counts file").arg(c.line) : QString();
        if (!recounted && c.counted + after < 0)
            throw invalid(op, QStringLiteral("The count for %1%2 (%3)").arg(c.ndc11, at).arg(c.counted),
                          QStringLiteral("is less than what was recorded leaving after %1 (%2)").arg(moment).arg(-after),
                          QStringLiteral("Check the count, or record the receipt that came after it first."));
        sheet.append(QCborMap{{QStringLiteral("ndc11"), c.ndc11}, {QStringLiteral("counted"), c.counted},
                              {QStringLiteral("expected"), expected}, {QStringLiteral("recordedAfter"), after},
                              {QStringLiteral("delta"), recounted ? 0 : c.counted - expected}});
    }
    // Everything on hand is counted: every active product, and any other that holds stock now or held it then.
    QStringList missing;
    QList<std::pair<QString, bool>> products;
    {
        sql::Query q(m_store.db(), "SELECT ndc11, active FROM products ORDER BY ndc11");
        while (q.next())
            products.append({q.text(0), q.int64(1) != 0});
    }
    for (const auto &[key, active] : products) {
        if (seen.contains(key))
            continue;
        if (active) {
            missing.append(key);
            continue;
        }
        const qint64 now = ledgerdb::balance(m_store.db(), key);
        const qint64 then = now - ledgerdb::recordedAfter(m_store.db(), key, date, dayPart);
        if (now != 0 || then != 0)
            missing.append(QStringLiteral("%1 (inactive, %2 on hand)").arg(key).arg(now != 0 ? now : then));
    }
    if (!missing.isEmpty())
        throw invalid(op, QStringLiteral("The inventory"), QStringLiteral("is missing %1 product(s) to count: %2%3").arg(missing.size())
                      .arg(missing.mid(0, 5).join(QStringLiteral(", ")), missing.size() > 5 ? QStringLiteral(", ...") : QString()),
                      QStringLiteral("Count every active product and every product holding stock, active or not (zero when none is on the shelf)."));
    return sheet;
}

qint64 Ledger::recordExport(const Session &s, const RecordsExport &x)
{
    const QString op = QStringLiteral("record the export");
    currentRole(s, Action::ExportRecords);
    // The title is made from the catalog's names (a product ledger's is the product's), not typed: a limit here
    // would refuse a long product name, so it only keeps out the absurd.
    const QString report = validate::text(op, QStringLiteral("The report's title"), x.report, 2000);
    const QString format = validate::text(op, QStringLiteral("The format"), x.format, 20);
    if (report.isEmpty() || format.isEmpty())
        throw invalid(op, QStringLiteral("The report and its format"), QStringLiteral("are required"));
    return m_store.write(op, [&] {
        return m_store.appendInTransaction(s.personId(), QStringLiteral("records.exported"),
            {{QStringLiteral("report"), report}, {QStringLiteral("from"), x.from}, {QStringLiteral("to"), x.to},
             {QStringLiteral("format"), format}, {QStringLiteral("rows"), x.rows}}).seq;
    });
}

qint64 Ledger::startReview(const Session &s, qint64 id, const QString &note)
{
    const QString op = QStringLiteral("review the discrepancy");
    currentRole(s, Action::ReviewDiscrepancy);
    const QString text = validate::text(op, QStringLiteral("The note"), note, 1000);
    return m_store.write(op, [&] {
        sql::Query q(m_store.db(), "SELECT status FROM discrepancies WHERE id = ?");
        q.bind(1, id);
        if (!q.next())
            throw invalid(op, QStringLiteral("Discrepancy %1").arg(id), QStringLiteral("does not exist"));
        if (q.text(0) != QLatin1String("open"))
            throw invalid(op, QStringLiteral("Discrepancy %1").arg(id), QStringLiteral("is already %1").arg(q.text(0).replace(QLatin1Char('_'), QLatin1Char(' '))));
        return m_store.appendInTransaction(s.personId(), QStringLiteral("discrepancy.review_started"),
                                           {{QStringLiteral("discrepancyId"), id}, {QStringLiteral("note"), text}}).seq;
    });
}

qint64 Ledger::reconciliationCutoffMs()
{
    const qint64 days = LedgerQueries(m_store.db()).pharmacy().cadenceDays;
    return m_store.clock().nowMs() - days * 24 * 3600 * 1000;
}

bool Ledger::isReconciliationOverdue(const QString &ndc11, qint64 cutoffMs)
{
    return !LedgerQueries(m_store.db()).countsOlderThan(cutoffMs, ndc11).isEmpty();
}

QStringList Ledger::overdueReconciliations()
{
    QStringList overdue;
    for (const MatchingCount &c : LedgerQueries(m_store.db()).countsOlderThan(reconciliationCutoffMs()))
        overdue.append(c.ndc11);
    return overdue;
}

} // namespace cii
