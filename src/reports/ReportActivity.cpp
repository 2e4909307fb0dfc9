// Reports about people: what each recorded (activity), and the audit log (sign-ins, lockouts, exports, changes
// to people and settings).
#include "ReportContext.h"
#include "Sqlite.h"

#include <QCborArray>
#include <algorithm>

namespace cii::reports {

namespace {

const QHash<QString, QString> &eventWords()
{
    static const QHash<QString, QString> w{
        {QStringLiteral("stock.received"), QStringLiteral("Received")},
        {QStringLiteral("stock.dispensed"), QStringLiteral("Dispensed")},
        {QStringLiteral("stock.returned_to_stock"), QStringLiteral("Returned to stock")},
        {QStringLiteral("stock.moved"), QStringLiteral("Moved")},
        {QStringLiteral("stock.destroyed"), QStringLiteral("Destroyed")},
        {QStringLiteral("stock.wasted"), QStringLiteral("Wasted")},
        {QStringLiteral("stock.theft_or_loss"), QStringLiteral("Reported a theft or loss")},
        {QStringLiteral("theft_or_loss.filed"), QStringLiteral("Recorded a Form 106 filing")},
        {QStringLiteral("stock.counted"), QStringLiteral("Counted")},
        {QStringLiteral("inventory.taken"), QStringLiteral("Signed an inventory")},
        {QStringLiteral("stock.opening_balances"), QStringLiteral("Signed the opening balances")},
        {QStringLiteral("stock.adjusted"), QStringLiteral("Adjusted")},
        {QStringLiteral("stock.set_aside"), QStringLiteral("Set stock aside for disposal")},
        {QStringLiteral("entry.voided"), QStringLiteral("Voided an entry")},
        {QStringLiteral("discrepancy.review_started"), QStringLiteral("Took a discrepancy for review")},
        {QStringLiteral("discrepancy.resolved"), QStringLiteral("Resolved a discrepancy")},
        {QStringLiteral("discrepancy.escalated"), QStringLiteral("Escalated a discrepancy to a theft or loss")},
        {QStringLiteral("product.added"), QStringLiteral("Added a product")},
        {QStringLiteral("product.updated"), QStringLiteral("Changed a product")},
        {QStringLiteral("product.deactivated"), QStringLiteral("Deactivated a product")},
        {QStringLiteral("product.reactivated"), QStringLiteral("Reactivated a product")},
        {QStringLiteral("product.reorder_point"), QStringLiteral("Set a reorder point")},
        {QStringLiteral("person.added"), QStringLiteral("Added a person")},
        {QStringLiteral("person.deactivated"), QStringLiteral("Deactivated a person")},
        {QStringLiteral("person.credentials_changed"), QStringLiteral("Changed a PIN or password")},
        {QStringLiteral("person.role_changed"), QStringLiteral("Changed a person's role")},
        {QStringLiteral("pharmacy.configured"), QStringLiteral("Set the pharmacy profile")},
        {QStringLiteral("records.exported"), QStringLiteral("Exported records")},
        {QStringLiteral("setting.changed"), QStringLiteral("Changed a setting")},
    };
    return w;
}

/// The quantity an event moved, signed as the balance moved ("" for events that move none).
QString quantityOf(const QString &kind, const QCborMap &p)
{
    if (kind == QLatin1String("stock.received") || kind == QLatin1String("stock.returned_to_stock"))
        return QStringLiteral("+") + number(num(p, "quantity"));
    if (kind == QLatin1String("stock.moved"))
        return (str(p, "movement") == QLatin1String("transfer-in") ? QStringLiteral("+") : QStringLiteral("-")) + number(num(p, "quantity"));
    if (kind == QLatin1String("stock.dispensed") || kind == QLatin1String("stock.destroyed") || kind == QLatin1String("stock.wasted")
        || kind == QLatin1String("stock.theft_or_loss"))
        return QStringLiteral("-") + number(num(p, "quantity"));
    if (kind == QLatin1String("stock.adjusted"))
        return (num(p, "delta") > 0 ? QStringLiteral("+") : QString()) + number(num(p, "delta"));
    if (kind == QLatin1String("stock.counted"))
        return QStringLiteral("counted ") + number(num(p, "counted"));
    if (kind == QLatin1String("stock.set_aside")) // on hand still: the balance does not move
        return QStringLiteral("set aside ") + number(num(p, "quantity"));
    return {};
}

QString referenceOf(const QString &kind, const QCborMap &p)
{
    if (kind == QLatin1String("stock.dispensed") || kind == QLatin1String("stock.returned_to_stock"))
        return QStringLiteral("Rx ") + str(p, "rx");
    if (kind == QLatin1String("stock.received") || kind == QLatin1String("stock.moved"))
        return str(p, "orderNumber");
    if (kind == QLatin1String("entry.voided"))
        return QStringLiteral("entry %1: %2").arg(num(p, "seq")).arg(str(p, "reason"));
    if (kind.startsWith(QLatin1String("discrepancy.")))
        return QStringLiteral("discrepancy %1").arg(num(p, "discrepancyId"));
    if (kind == QLatin1String("stock.adjusted"))
        return str(p, "reasonCode");
    if (kind == QLatin1String("stock.wasted") || kind == QLatin1String("stock.set_aside"))
        return str(p, "reason");
    if (kind == QLatin1String("stock.theft_or_loss"))
        return str(p, "lossType");
    if (kind == QLatin1String("theft_or_loss.filed"))
        return QStringLiteral("report %1: %2 %3").arg(num(p, "reportId")).arg(str(p, "what"), str(p, "reference"));
    if (kind == QLatin1String("stock.destroyed"))
        return str(p, "method");
    if (kind == QLatin1String("inventory.taken"))
        return QStringLiteral("%1, %2").arg(str(p, "type"), str(p, "date"));
    if (kind == QLatin1String("records.exported"))
        return QStringLiteral("%1 (%2)").arg(str(p, "report"), str(p, "format"));
    return {};
}

} // namespace

Report buildActivity(Context &c)
{
    Report r;
    if (!c.request.personId.isEmpty())
        r.title = QStringLiteral("Activity of %1").arg(c.person(c.request.personId));
    // In the PDF what equals the row above (a person, what they did, a product) is not printed again.
    r.columns = {{QStringLiteral("Date and time"), 10, false, false, true}, {QStringLiteral("Person"), 12, false, true}, {QStringLiteral("Entry"), 6, true},
                 {QStringLiteral("What"), 18, false, true}, {QStringLiteral("NDC"), 10, false, true}, {QStringLiteral("Product"), 20, false, true},
                 {QStringLiteral("Quantity"), 8, true}, {QStringLiteral("Reference"), 16}};
    // By person, as the title says: each person's entries together in the order recorded, the people by name, so
    // that the PDF names each once per run of rows. Gathered per person as they come (no sort of every row).
    QHash<QString, QList<QStringList>> byPerson;
    c.forEvents(eventWords().keys(), [&](qint64 seq, qint64 atMs, const QString &actor, const QString &kind, const QCborMap &p) {
        if (!c.inRangeMs(atMs) || actor == QLatin1String("system"))
            return;
        if (!c.request.personId.isEmpty() && actor != c.request.personId)
            return;
        const QString ndc11 = str(p, "ndc11");
        const QString who = c.person(actor);
        const QString what = kind == QLatin1String("stock.moved") ? entryKindText(str(p, "movement")) : eventWords().value(kind, kind);
        byPerson[who].append({c.dateTime(atMs), who, QString::number(seq), what,
                              ndc11.isEmpty() ? QString() : c.ndc(ndc11), ndc11.isEmpty() ? QString() : c.productName(ndc11),
                              quantityOf(kind, p), referenceOf(kind, p)});
    });
    QStringList people = byPerson.keys(), totals;
    std::sort(people.begin(), people.end());
    for (const QString &who : std::as_const(people)) {
        QList<QStringList> rows = byPerson.take(who);
        totals.append(QStringLiteral("%1: %2").arg(who).arg(rows.size()));
        r.rows.append(std::move(rows));
    }
    r.notes.append(QStringLiteral("%1 entries%2. Sign-ins are in the audit log.").arg(r.rows.size())
                       .arg(totals.isEmpty() ? QString() : QStringLiteral(" (") + totals.join(QStringLiteral(", ")) + QLatin1Char(')')));
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

Report buildAuditLog(Context &c)
{
    Report r;
    r.columns = {{QStringLiteral("Date and time"), 10, false, false, true}, {QStringLiteral("Entry"), 6, true}, {QStringLiteral("Event"), 14},
                 {QStringLiteral("Person"), 14}, {QStringLiteral("Details"), 40}};
    int signIns = 0, failures = 0, lockouts = 0, exports = 0;
    const QStringList audited{QStringLiteral("store.created"), QStringLiteral("auth.signed_in"), QStringLiteral("auth.failed"),
                              QStringLiteral("auth.locked"), QStringLiteral("records.exported"), QStringLiteral("setting.changed"),
                              QStringLiteral("pharmacy.configured"), QStringLiteral("person.added"), QStringLiteral("person.deactivated"),
                              QStringLiteral("person.credentials_changed"), QStringLiteral("person.role_changed"),
                              QStringLiteral("store.restored")};
    c.forEvents(audited, [&](qint64 seq, qint64 atMs, const QString &actor, const QString &kind, const QCborMap &p) {
        if (!c.inRangeMs(atMs))
            return;
        QString event, person = c.person(actor), details;
        if (kind == QLatin1String("auth.signed_in")) {
            ++signIns;
            event = p.value(QLatin1String("signature")).toBool() ? QStringLiteral("PIN signature") : QStringLiteral("Signed in");
            person = c.person(str(p, "personId"));
        } else if (kind == QLatin1String("auth.failed")) {
            ++failures;
            event = QStringLiteral("Failed sign-in");
            person = c.person(str(p, "personId"));
            details = p.value(QLatin1String("signature")).toBool() ? QStringLiteral("Wrong PIN when signing an entry")
                                                                   : QStringLiteral("Wrong PIN or password");
        } else if (kind == QLatin1String("auth.locked")) {
            ++lockouts;
            event = QStringLiteral("Locked out");
            person = c.person(str(p, "personId"));
            details = QStringLiteral("Until %1, after five wrong tries").arg(c.dateTime(num(p, "untilMs")));
        } else if (kind == QLatin1String("records.exported")) {
            ++exports;
            event = QStringLiteral("Records exported");
            details = QStringLiteral("%1, %2 to %3, %4, %5 rows").arg(str(p, "report"), str(p, "from"), str(p, "to"), str(p, "format"))
                          .arg(num(p, "rows"));
        } else if (kind == QLatin1String("setting.changed")) {
            event = QStringLiteral("Setting changed");
            details = str(p, "key"); // the key only: a setting's value is not for the printed log
        } else if (kind == QLatin1String("pharmacy.configured")) {
            event = QStringLiteral("Pharmacy profile");
            details = QStringLiteral("%1, DEA %2, %3, reconciliation every %4 days").arg(str(p, "name"), str(p, "dea"), str(p, "state"))
                          .arg(num(p, "cadenceDays"));
        } else if (kind == QLatin1String("person.added")) {
            event = QStringLiteral("Person added");
            details = QStringLiteral("%1 (%2)").arg(str(p, "name"), str(p, "role"));
        } else if (kind == QLatin1String("person.deactivated")) {
            event = QStringLiteral("Person deactivated");
            details = QStringLiteral("%1: %2").arg(c.person(str(p, "personId")), str(p, "reason"));
        } else if (kind == QLatin1String("person.credentials_changed")) {
            event = p.value(QLatin1String("reset")).toBool() ? QStringLiteral("PIN or password reset") : QStringLiteral("PIN or password changed");
            details = c.person(str(p, "personId"));
        } else if (kind == QLatin1String("person.role_changed")) {
            event = QStringLiteral("Role changed");
            details = QStringLiteral("%1: %2 to %3").arg(c.person(str(p, "personId")), str(p, "from"), str(p, "role"));
        } else if (kind == QLatin1String("store.restored")) {
            event = QStringLiteral("Restored from the cloud");
            details = QStringLiteral("%1 events restored and verified from %2 onto this workstation%3")
                          .arg(number(num(p, "events")), str(p, "service"),
                               p.value(QLatin1String("stateDigestChecked")).toBool() ? QStringLiteral("; balances equal the state recorded")
                                                                                     : QString());
        } else {
            event = QStringLiteral("Store created");
        }
        r.rows.append({c.dateTime(atMs), QString::number(seq), event, person, details});
    });
    r.notes.append(QStringLiteral("%1 sign-ins and PIN signatures, %2 failed, %3 lockouts, %4 exports.").arg(signIns).arg(failures).arg(lockouts).arg(exports));
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

} // namespace cii::reports
