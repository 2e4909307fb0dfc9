// Reports built from the entries table (one row per stock movement, with its running balance): the product
// ledger and the reconciliation; and the inventory report from the inventory events.
#include "ReportContext.h"
#include "Sqlite.h"

#include <QCborArray>
#include <map>

namespace cii::reports {

namespace {

struct EntryRow
{
    QString ndc11;
    qint64 seq = 0;
    QString kind;
    qint64 delta = 0, balance = 0, atMs = 0;
    QString actor, reference;
    qint64 corrects = 0, voidedBy = 0;
};

/// Every entry (of one product when `ndc11` is given) in product then journal order, up to the range's end.
void forEntries(Context &c, const QString &ndc11, const std::function<void(const EntryRow &)> &visit)
{
    sql::Query q(c.db, "SELECT e.ndc11, e.seq, e.kind, e.delta, e.balance_after, e.at_ms, e.actor, e.reference, e.corrects_seq, "
                       "v.void_seq FROM entries e LEFT JOIN voided v ON v.seq = e.seq "
                       "WHERE (?1 = '' OR e.ndc11 = ?1) AND e.at_ms < ?2 ORDER BY e.ndc11, e.seq");
    q.bind(1, ndc11).bind(2, c.toMs);
    qint64 total = 0;
    {
        sql::Query count(c.db, "SELECT count(*) FROM entries WHERE ?1 = '' OR ndc11 = ?1");
        count.bind(1, ndc11);
        total = count.next() ? count.int64(0) : 0;
    }
    qint64 n = 0;
    while (q.next()) {
        if (++n % 4096 == 0)
            c.tick(n, total);
        visit({q.text(0), q.int64(1), q.text(2), q.int64(3), q.int64(4), q.int64(5), q.text(6), q.text(7),
               q.isNull(8) ? 0 : q.int64(8), q.isNull(9) ? 0 : q.int64(9)});
    }
}

} // namespace

Report buildProductLedger(Context &c)
{
    Report r;
    const QString only = c.request.ndc11;
    if (!only.isEmpty())
        r.title = QStringLiteral("Product ledger: %1 (NDC %2)").arg(c.productName(only), c.ndc(only));
    r.columns = {{QStringLiteral("Date and time"), 10, false, false, true}, {QStringLiteral("Entry"), 6, true}, {QStringLiteral("NDC"), 10, false, true},
                 {QStringLiteral("Product"), 20, false, true}, {QStringLiteral("What"), 11, false, true}, {QStringLiteral("Reference"), 11},
                 {QStringLiteral("Change"), 6, true}, {QStringLiteral("Balance"), 6, true}, {QStringLiteral("By"), 11, false, true},
                 {QStringLiteral("Notes"), 16}};
    QString current;
    qint64 carried = 0;
    bool carriedShown = true;
    int products = 0;
    const auto showCarried = [&] {
        if (carriedShown || current.isEmpty())
            return;
        carriedShown = true;
        ++products;
        r.rows.append({c.request.from.toString(Qt::ISODate), QString(), c.ndc(current), c.productName(current),
                       QStringLiteral("Carried forward"), QString(), QString(), number(carried), QString(), QString()});
    };
    forEntries(c, only, [&](const EntryRow &e) {
        if (e.ndc11 != current) {
            showCarried(); // a product whose entries all came before the range still shows its balance
            current = e.ndc11;
            carried = 0;
            carriedShown = false;
        }
        if (e.atMs < c.fromMs) {
            carried = e.balance;
            return;
        }
        showCarried();
        QString note;
        if (e.voidedBy)
            note = QStringLiteral("Voided by entry %1").arg(e.voidedBy);
        else if (e.corrects)
            note = QStringLiteral("Corrects entry %1").arg(e.corrects);
        r.rows.append({c.dateTime(e.atMs), QString::number(e.seq), c.ndc(e.ndc11), c.productName(e.ndc11), entryKindText(e.kind),
                       e.reference, e.delta > 0 ? QStringLiteral("+") + number(e.delta) : number(e.delta), number(e.balance),
                       c.person(e.actor), note});
    });
    showCarried();
    if (!only.isEmpty() && r.rows.isEmpty())
        r.rows.append({c.request.from.toString(Qt::ISODate), QString(), c.ndc(only), c.productName(only),
                       QStringLiteral("Carried forward"), QString(), QString(), QStringLiteral("0"), QString(), QString()});
    r.notes.append(QStringLiteral("Each product starts from its balance at the start of %1 (carried forward); every entry after it "
                                  "is listed in the order recorded, voided entries included.").arg(c.request.from.toString(Qt::ISODate)));
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

Report buildReconciliation(Context &c)
{
    Report r;
    r.columns = {{QStringLiteral("NDC"), 9}, {QStringLiteral("Product"), 15}, {QStringLiteral("Start"), 5, true},
                 {QStringLiteral("Received"), 5, true}, {QStringLiteral("Dispensed"), 5, true}, {QStringLiteral("Returned to stock"), 5, true},
                 {QStringLiteral("Sent out"), 5, true}, {QStringLiteral("Destroyed, wasted"), 5, true}, {QStringLiteral("Theft, loss"), 5, true},
                 {QStringLiteral("Adjusted, voided"), 5, true}, {QStringLiteral("Expected"), 5, true}, {QStringLiteral("Last count"), 7},
                 {QStringLiteral("Counted"), 5, true}, {QStringLiteral("Difference"), 5, true}, {QStringLiteral("End"), 5, true},
                 {QStringLiteral("Discrepancies and resolutions"), 22}};
    struct Line
    {
        qint64 start = 0, received = 0, dispensed = 0, returned = 0, sentOut = 0, destroyed = 0, lost = 0, adjusted = 0;
        qint64 countDiff = 0, end = 0, lastExpected = 0, lastCounted = 0;
        qint64 sinceCount = 0; ///< movements after the last count in the range
        QString lastCountDate;
        bool moved = false;
    };
    std::map<QString, Line> lines;
    for (auto it = c.names.products.cbegin(); it != c.names.products.cend(); ++it)
        lines[it.key()];
    forEntries(c, QString(), [&](const EntryRow &e) {
        Line &l = lines[e.ndc11];
        l.end = e.balance;
        if (e.atMs < c.fromMs) {
            l.start = e.balance;
            return;
        }
        l.moved = true;
        const QString &k = e.kind;
        if (k == QLatin1String("opening-balance")) { // the stock the pharmacy started with here
            l.start += e.delta;
            return;
        }
        if (k == QLatin1String("count") || k == QLatin1String("inventory")) {
            l.countDiff += e.delta;
            l.lastExpected = e.balance - e.delta;
            l.lastCounted = e.balance;
            l.lastCountDate = c.date(e.atMs);
            l.sinceCount = 0;
            return;
        }
        l.sinceCount += e.delta;
        if (k == QLatin1String("receive") || k == QLatin1String("transfer-in"))
            l.received += e.delta;
        else if (k == QLatin1String("dispense"))
            l.dispensed -= e.delta;
        else if (k == QLatin1String("return-to-stock"))
            l.returned += e.delta;
        else if (k == QLatin1String("transfer-out") || k == QLatin1String("return-to-supplier") || k == QLatin1String("reverse-distributor"))
            l.sentOut -= e.delta;
        else if (k == QLatin1String("destruction") || k == QLatin1String("waste"))
            l.destroyed -= e.delta;
        else if (k == QLatin1String("theft-or-loss"))
            l.lost -= e.delta;
        else
            l.adjusted += e.delta; // adjustments and voids, signed
    });
    QHash<QString, QStringList> discrepancies;
    {
        sql::Query q(c.db, "SELECT id, ndc11, difference, status, reason_code, note, resolved_by FROM discrepancies "
                           "WHERE opened_ms >= ? AND opened_ms < ? ORDER BY id");
        q.bind(1, c.fromMs).bind(2, c.toMs);
        while (q.next()) {
            QString t = QStringLiteral("#%1 %2 %3").arg(q.int64(0)).arg(q.int64(2) > 0 ? QStringLiteral("+") + number(q.int64(2)) : number(q.int64(2)),
                                                        q.text(3).replace(QLatin1Char('_'), QLatin1Char(' ')));
            if (!q.isNull(4))
                t += QStringLiteral(": %1 (%2), %3").arg(q.text(4), c.person(q.text(6)), q.text(5));
            discrepancies[q.text(1)].append(t);
        }
    }
    int counted = 0, differing = 0;
    for (const auto &[ndc11, l] : lines) {
        if (!l.moved && l.start == 0)
            continue; // never stocked: nothing to reconcile
        const qint64 expected = l.start + l.received - l.dispensed + l.returned - l.sentOut - l.destroyed - l.lost + l.adjusted;
        const bool hasCount = !l.lastCountDate.isEmpty();
        counted += hasCount ? 1 : 0;
        const qint64 diff = l.countDiff;
        differing += diff != 0 ? 1 : 0;
        r.rows.append({c.ndc(ndc11), c.productName(ndc11), number(l.start), number(l.received), number(l.dispensed), number(l.returned),
                       number(l.sentOut), number(l.destroyed), number(l.lost), number(l.adjusted), number(expected),
                       hasCount ? l.lastCountDate : QStringLiteral("not counted"), hasCount ? number(l.lastCounted) : QString(),
                       hasCount ? number(diff) : QString(), number(l.end), discrepancies.value(ndc11).join(QStringLiteral("; "))});
        Q_ASSERT(expected + diff == l.end);
    }
    r.notes.append(QStringLiteral("Expected = Start + Received - Dispensed + Returned to stock - Sent out - Destroyed, wasted - Theft, "
                                  "loss + Adjusted, voided. Difference = the sum of every count's difference in the period "
                                  "(counted - expected); End = Expected + Difference, the balance after the period."));
    r.notes.append(QStringLiteral("%1 products; %2 counted in the period, %3 with a difference.").arg(r.rows.size()).arg(counted).arg(differing));
    c.forEvents({QStringLiteral("inventory.taken")}, [&](qint64 seq, qint64, const QString &actor, const QString &, const QCborMap &p) {
        if (str(p, "type") == QLatin1String("reconciliation") && c.inRange(str(p, "date")))
            r.notes.append(QStringLiteral("Reconciliation count of %1 (entry %2): counted by %3, signed by %4.")
                               .arg(str(p, "date")).arg(seq).arg(str(p, "countedBy").isEmpty() ? QStringLiteral("(not recorded)") : str(p, "countedBy"),
                                                                 c.person(actor)));
    });
    r.notes.append(QStringLiteral("Every loss is reported to the DEA (Form 106) and, in California, to the Board of Pharmacy within 30 days "
                                  "of discovery (16 CCR 1715.65). Keep this report for three years."));
    r.signatures = {QStringLiteral("Counted by"), QStringLiteral("Pharmacist-in-charge")};
    return r;
}

Report buildInventory(Context &c)
{
    Report r;
    r.columns = {{QStringLiteral("Inventory"), 14}, {QStringLiteral("NDC"), 10}, {QStringLiteral("Product"), 18},
                 {QStringLiteral("Strength"), 8}, {QStringLiteral("Form"), 8}, {QStringLiteral("Package size"), 6, true},
                 {QStringLiteral("Counted"), 6, true}, {QStringLiteral("Unit"), 6}, {QStringLiteral("Expected"), 6, true},
                 {QStringLiteral("Difference"), 6, true}};
    const QHash<QString, QString> typeWords{{QStringLiteral("biennial"), QStringLiteral("Biennial")},
                                            {QStringLiteral("annual"), QStringLiteral("Annual")},
                                            {QStringLiteral("reconciliation"), QStringLiteral("Reconciliation")}};
    int inventories = 0;
    c.forEvents({QStringLiteral("inventory.taken"), QStringLiteral("stock.opening_balances")},
                [&](qint64 seq, qint64 atMs, const QString &actor, const QString &kind, const QCborMap &p) {
        const bool opening = kind == QLatin1String("stock.opening_balances");
        const QString date = opening ? c.date(atMs) : str(p, "date");
        if (!c.inRange(date))
            return;
        ++inventories;
        const QString name = opening ? QStringLiteral("Opening balances %1").arg(date)
                                     : QStringLiteral("%1 %2 (%3)").arg(typeWords.value(str(p, "type"), str(p, "type")), date,
                                                                        str(p, "timing") == QLatin1String("opening") ? QStringLiteral("opening")
                                                                                                                      : QStringLiteral("close"));
        for (const QCborValue &v : p.value(QLatin1String("counts")).toArray()) {
            const QCborMap m = v.toMap();
            const QString ndc11 = str(m, "ndc11");
            const RecordNames::Product pr = c.names.products.value(ndc11);
            const qint64 counted = opening ? num(m, "quantity") : num(m, "counted");
            r.rows.append({name, c.ndc(ndc11), pr.name, pr.strength, pr.form, number(pr.packageSize), number(counted), pr.unit,
                           opening ? QString() : number(num(m, "expected")), opening ? QString() : number(counted - num(m, "expected"))});
        }
        if (opening)
            r.notes.append(QStringLiteral("Opening balances recorded %1 (entry %2), signed by %3.").arg(date).arg(seq).arg(c.person(actor)));
        else
            r.notes.append(QStringLiteral("%1 inventory taken %2 at the %3 of business (entry %4): %5 products, exact counts; counted by %6, "
                                          "signed by %7.")
                               .arg(typeWords.value(str(p, "type"), str(p, "type")), date,
                                    str(p, "timing") == QLatin1String("opening") ? QStringLiteral("opening") : QStringLiteral("close"))
                               .arg(seq).arg(p.value(QLatin1String("counts")).toArray().size())
                               .arg(str(p, "countedBy").isEmpty() ? QStringLiteral("(not recorded)") : str(p, "countedBy"), c.person(actor)));
    });
    if (inventories == 0)
        r.notes.append(QStringLiteral("No inventory was taken in this period."));
    r.signatures = {QStringLiteral("Counted by"), QStringLiteral("Pharmacist-in-charge")};
    return r;
}

} // namespace cii::reports
