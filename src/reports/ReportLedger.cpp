// Reports built from the entries table (one row per stock movement, with its running balance): the product
// ledger and the reconciliation; and the inventory report from the inventory events.
#include "BusinessDates.h"
#include "Sqlite.h"

#include <QCborArray>
#include <map>

namespace cii::reports {

namespace {

/// The discrepancies an override dispense opened, by the dispense's entry: the product ledger names them.
QHash<qint64, qint64> overrideDiscrepancies(sql::Database &db)
{
    QHash<qint64, qint64> byEntry;
    sql::Query q(db, "SELECT opened_seq, id FROM discrepancies WHERE source = 'override'");
    while (q.next())
        byEntry.insert(q.int64(0), q.int64(1));
    return byEntry;
}

QString signedNumber(qint64 n)
{
    return n > 0 ? QStringLiteral("+") + number(n) : number(n);
}

} // namespace

Report buildProductLedger(Context &c)
{
    Report r;
    const QString only = c.request.ndc11;
    if (!only.isEmpty())
        r.title = QStringLiteral("Product ledger: %1 (NDC %2)").arg(c.productName(only), c.ndc(only));
    // Each entry under its own date (received, filled, ...), with when it was typed beside it.
    r.columns = {{QStringLiteral("Date"), 7, false, true}, {QStringLiteral("Recorded"), 9, false, false, true},
                 {QStringLiteral("Entry"), 6, true}, {QStringLiteral("NDC"), 10, false, true},
                 {QStringLiteral("Product"), 19, false, true}, {QStringLiteral("What"), 11, false, true}, {QStringLiteral("Reference"), 11},
                 {QStringLiteral("Change"), 6, true}, {QStringLiteral("Balance"), 6, true}, {QStringLiteral("By"), 11, false, true},
                 {QStringLiteral("Notes"), 16}};
    const QString fromIso = c.request.from.toString(Qt::ISODate), toIso = c.request.to.toString(Qt::ISODate);
    const QHash<qint64, qint64> overrides = overrideDiscrepancies(c.db);
    QString current;
    qint64 balance = 0;
    bool carriedShown = true;
    const auto showCarried = [&] {
        if (carriedShown || current.isEmpty())
            return;
        carriedShown = true;
        r.rows.append({fromIso, QString(), QString(), c.ndc(current), c.productName(current), QStringLiteral("Carried forward"),
                       QString(), QString(), number(balance), QString(), QString()});
    };
    for (const DatedEntry &e : datedEntries(c, only, toIso)) {
        if (e.ndc11 != current) {
            showCarried(); // a product whose entries all came before the range still shows its balance
            current = e.ndc11;
            balance = 0;
            carriedShown = false;
        }
        if (QString::compare(e.place.date, fromIso) < 0) {
            balance += e.delta;
            continue;
        }
        showCarried();
        QString note;
        if (e.voidedBy)
            note = QStringLiteral("Voided by entry %1").arg(e.voidedBy);
        else if (e.corrects)
            note = QStringLiteral("Corrects entry %1").arg(e.corrects);
        const QString recorded = c.dateTime(e.atMs), seq = QString::number(e.place.seq), by = c.person(e.actor);
        const qint64 change = e.delta - e.overBalance; // an override dispense: the whole quantity dispensed
        balance += change;
        r.rows.append({e.place.date, recorded, seq, c.ndc(e.ndc11), c.productName(e.ndc11), entryKindText(e.kind), e.reference,
                       signedNumber(change), number(balance), by, note});
        if (e.overBalance > 0) {
            // What the ledger did with the rest: the shelf held more than the records, a discrepancy to review.
            balance += e.overBalance;
            const qint64 id = overrides.value(e.place.seq);
            r.rows.append({e.place.date, recorded, QString(), c.ndc(e.ndc11), c.productName(e.ndc11), QStringLiteral("Override difference"),
                           id ? QStringLiteral("discrepancy %1").arg(id) : QString(), signedNumber(e.overBalance), number(balance), by,
                           QStringLiteral("Entry %1 dispensed %2 over the recorded balance with a pharmacist's override: the shelf held "
                                          "more than the records").arg(seq, number(e.overBalance))});
        }
    }
    showCarried();
    if (!only.isEmpty() && r.rows.isEmpty())
        r.rows.append({fromIso, QString(), QString(), c.ndc(only), c.productName(only), QStringLiteral("Carried forward"),
                       QString(), QString(), QStringLiteral("0"), QString(), QString()});
    r.notes.append(QStringLiteral("Each entry is under its own date (the date received, the fill date, the date of a transfer or a "
                                  "destruction, the discovery date of a theft or loss, the date of an inventory; the day recorded for "
                                  "the rest), then in the order recorded; \"Recorded\" is when it was typed. Each product starts from its "
                                  "balance at the start of %1 (carried forward), voided entries included.").arg(fromIso));
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

/// The notes that state the rules on reporting a loss (docs/REPORTS.md "The rules the notes state").
QStringList lossRules(const Context &c)
{
    QStringList notes{QStringLiteral("DEA: a theft or significant loss is reported in writing within one business day of its discovery, "
                                     "then on DEA Form 106 within 45 days (21 CFR 1301.76(b)); a loss that is not significant is recorded "
                                     "and explained here, not reported to the DEA.")};
    if (c.pharmacyState.compare(QLatin1String("CA"), Qt::CaseInsensitive) == 0)
        notes.append(QStringLiteral("California: a loss of a controlled substance is reported to the Board of Pharmacy within 30 days of its "
                                    "discovery, within 14 days when theft, diversion or self-use is the cause (16 CCR 1715.6; Cal. Bus. & Prof. "
                                    "Code 4104)."));
    return notes;
}

Report buildReconciliation(Context &c)
{
    Report r;
    r.columns = {{QStringLiteral("NDC"), 9}, {QStringLiteral("Product"), 15}, {QStringLiteral("Start"), 5, true},
                 {QStringLiteral("Received"), 5, true}, {QStringLiteral("Dispensed"), 5, true}, {QStringLiteral("Returned to stock"), 5, true},
                 {QStringLiteral("Sent out"), 5, true}, {QStringLiteral("Destroyed, wasted"), 5, true}, {QStringLiteral("Theft, loss"), 5, true},
                 {QStringLiteral("Adjusted, voided"), 5, true}, {QStringLiteral("Expected"), 5, true}, {QStringLiteral("Last count"), 7},
                 {QStringLiteral("Counted"), 5, true}, {QStringLiteral("Counted by"), 9, false, false, false, true},
                 {QStringLiteral("Signed by"), 7, false, false, false, true},
                 {QStringLiteral("Difference"), 5, true}, {QStringLiteral("End"), 5, true},
                 {QStringLiteral("Discrepancies and resolutions"), 22}};
    struct Line
    {
        qint64 start = 0, received = 0, dispensed = 0, returned = 0, sentOut = 0, destroyed = 0, lost = 0, adjusted = 0;
        qint64 difference = 0, end = 0, lastCounted = 0;
        QString lastCountDate, countedBy, signedBy;
        bool moved = false;
    };
    const QString fromIso = c.request.from.toString(Qt::ISODate), toIso = c.request.to.toString(Qt::ISODate);
    std::map<QString, Line> lines;
    for (auto it = c.names.products.cbegin(); it != c.names.products.cend(); ++it)
        lines[it.key()];
    QHash<qint64, QString> openedOn; // the business date of each count, inventory or override that can open a discrepancy
    for (const DatedEntry &e : datedEntries(c, QString(), toIso)) {
        Line &l = lines[e.ndc11];
        const QString &k = e.kind;
        l.end += e.delta;
        if (k == QLatin1String("count") || k == QLatin1String("inventory") || e.overBalance > 0)
            openedOn.insert(e.place.seq, e.place.date);
        if (QString::compare(e.place.date, fromIso) < 0) {
            l.start += e.delta;
            continue;
        }
        l.moved = true;
        if (k == QLatin1String("opening-balance")) { // the stock the pharmacy started with here
            l.start += e.delta;
        } else if (k == QLatin1String("count") || k == QLatin1String("inventory")) {
            l.difference += e.delta;
            l.lastCounted = e.counted;
            l.lastCountDate = e.place.date;
            l.countedBy = e.countedBy.isEmpty() ? (k == QLatin1String("count") ? c.person(e.actor) : QStringLiteral("(not recorded)"))
                                                : e.countedBy;
            l.signedBy = c.person(e.actor);
        } else if (k == QLatin1String("receive") || k == QLatin1String("transfer-in")) {
            l.received += e.delta;
        } else if (k == QLatin1String("dispense")) {
            l.dispensed += e.overBalance - e.delta; // the whole quantity dispensed; what the records lacked is a difference
            l.difference += e.overBalance;
        } else if (k == QLatin1String("return-to-stock")) {
            l.returned += e.delta;
        } else if (k == QLatin1String("transfer-out") || k == QLatin1String("return-to-supplier") || k == QLatin1String("reverse-distributor")) {
            l.sentOut -= e.delta;
        } else if (k == QLatin1String("destruction") || k == QLatin1String("waste")) {
            l.destroyed -= e.delta;
        } else if (k == QLatin1String("theft-or-loss")) {
            l.lost -= e.delta;
        } else {
            l.adjusted += e.delta; // adjustments and voids, signed
        }
    }
    QHash<QString, QStringList> discrepancies;
    {
        sql::Query q(c.db, "SELECT id, ndc11, difference, status, reason_code, note, resolved_by, opened_seq FROM discrepancies ORDER BY id");
        while (q.next()) {
            if (!c.inRange(openedOn.value(q.int64(7))))
                continue;
            QString t = QStringLiteral("#%1 %2 %3").arg(q.int64(0)).arg(signedNumber(q.int64(2)), q.text(3).replace(QLatin1Char('_'), QLatin1Char(' ')));
            if (!q.isNull(4))
                t += QStringLiteral(": %1 (%2), %3").arg(q.text(4), c.person(q.text(6)), q.text(5));
            discrepancies[q.text(1)].append(t);
        }
    }
    int counted = 0, differing = 0;
    QStringList counts; // who counted and signed, once per count in the notes (the CSV has them on each line)
    for (const auto &[ndc11, l] : lines) {
        if (!l.moved && l.start == 0)
            continue; // never stocked: nothing to reconcile
        const qint64 expected = l.start + l.received - l.dispensed + l.returned - l.sentOut - l.destroyed - l.lost + l.adjusted;
        const bool hasCount = !l.lastCountDate.isEmpty();
        counted += hasCount ? 1 : 0;
        differing += l.difference != 0 ? 1 : 0;
        r.rows.append({c.ndc(ndc11), c.productName(ndc11), number(l.start), number(l.received), number(l.dispensed), number(l.returned),
                       number(l.sentOut), number(l.destroyed), number(l.lost), number(l.adjusted), number(expected),
                       hasCount ? l.lastCountDate : QStringLiteral("not counted"), hasCount ? number(l.lastCounted) : QString(),
                       l.countedBy, l.signedBy, number(l.difference), number(l.end), discrepancies.value(ndc11).join(QStringLiteral("; "))});
        Q_ASSERT(expected + l.difference == l.end);
        const QString count = QStringLiteral("%1, counted by %2, signed by %3").arg(l.lastCountDate, l.countedBy, l.signedBy);
        if (hasCount && !counts.contains(count))
            counts.append(count);
    }
    r.notes.append(QStringLiteral("Each record is counted in the period of its own date (the date received, the fill date, the date of a "
                                  "transfer or a destruction, the discovery date, the date of a count or inventory), whenever it was typed: "
                                  "the columns equal the receiving, dispensing, destruction and theft and loss logs of the same dates."));
    r.notes.append(QStringLiteral("Expected = Start + Received - Dispensed + Returned to stock - Sent out - Destroyed, wasted - Theft, "
                                  "loss + Adjusted, voided. Difference = what the period's counts found (counted - expected) and what "
                                  "dispenses over the recorded balance found (a pharmacist's override: the shelf held more than the "
                                  "records); End = Expected + Difference, the balance after the period. Dispensed is the whole quantity "
                                  "dispensed, so Expected can be below zero."));
    r.notes.append(QStringLiteral("%1 products; %2 counted in the period, %3 with a difference.").arg(r.rows.size()).arg(counted).arg(differing));
    if (!counts.isEmpty())
        r.notes.append(QStringLiteral("Last counts: %1.").arg(counts.join(QStringLiteral("; "))));
    r.notes.append(lossRules(c));
    r.notes.append(QStringLiteral("Signed by who counted and by the pharmacist-in-charge, and kept three years (16 CCR 1715.65)."));
    r.signatures = {QStringLiteral("Counted by"), QStringLiteral("Pharmacist-in-charge")};
    return r;
}

Report buildInventory(Context &c)
{
    Report r;
    // Who counted and who signed on every line: the CSV has each line alone.
    r.columns = {{QStringLiteral("Date"), 7, false, true}, {QStringLiteral("Inventory"), 14, false, true}, {QStringLiteral("NDC"), 10},
                 {QStringLiteral("Product"), 14}, {QStringLiteral("Strength"), 6}, {QStringLiteral("Form"), 6},
                 {QStringLiteral("Package size"), 5, true}, {QStringLiteral("Counted"), 6, true}, {QStringLiteral("Unit"), 5},
                 {QStringLiteral("Expected"), 6, true}, {QStringLiteral("Difference"), 6, true}, {QStringLiteral("Counted by"), 15, false, true},
                 {QStringLiteral("Signed by"), 9, false, true}, {QStringLiteral("Entry"), 5, true}};
    const QHash<QString, QString> typeWords{{QStringLiteral("biennial"), QStringLiteral("Biennial")},
                                            {QStringLiteral("annual"), QStringLiteral("Annual")},
                                            {QStringLiteral("reconciliation"), QStringLiteral("Reconciliation")}};
    const QString notRecorded = QStringLiteral("(not recorded)");
    int inventories = 0, openings = 0;
    DatedRows rows;
    c.forEvents({QStringLiteral("inventory.taken"), QStringLiteral("stock.opening_balances")},
                [&](qint64 seq, qint64 atMs, const QString &actor, const QString &kind, const QCborMap &p) {
        const bool opening = kind == QLatin1String("stock.opening_balances");
        const QString signedBy = c.person(actor), entry = QString::number(seq);
        const QString recordedDay = c.date(atMs);
        if (opening) {
            bool any = false;
            for (const QCborValue &v : p.value(QLatin1String("counts")).toArray()) {
                const QCborMap m = v.toMap();
                const QString countedOn = str(m, "countedOn").isEmpty() ? recordedDay : str(m, "countedOn");
                if (!c.inRange(countedOn))
                    continue;
                any = true;
                const QString ndc11 = str(m, "ndc11");
                const RecordNames::Product pr = c.names.products.value(ndc11);
                rows.add({countedOn, 0, seq},
                         {countedOn, QStringLiteral("Opening balance"), c.ndc(ndc11), pr.name, pr.strength, pr.form, number(pr.packageSize),
                          number(num(m, "quantity")), pr.unit, QString(), QString(),
                          str(m, "countedBy").isEmpty() ? notRecorded : str(m, "countedBy"), signedBy, entry});
            }
            openings += any ? 1 : 0;
            return;
        }
        const QString date = str(p, "date");
        if (!c.inRange(date))
            return;
        ++inventories;
        const bool atOpening = str(p, "timing") == QLatin1String("opening");
        const QString name = QStringLiteral("%1 (%2)").arg(typeWords.value(str(p, "type"), str(p, "type")),
                                                           atOpening ? QStringLiteral("opening") : QStringLiteral("close"));
        const QString countedBy = str(p, "countedBy").isEmpty() ? notRecorded : str(p, "countedBy");
        for (const QCborValue &v : p.value(QLatin1String("counts")).toArray()) {
            const QCborMap m = v.toMap();
            const QString ndc11 = str(m, "ndc11");
            const RecordNames::Product pr = c.names.products.value(ndc11);
            const qint64 counted = num(m, "counted"), expected = num(m, "expected");
            rows.add({date, atOpening ? 0 : 2, seq},
                     {date, name, c.ndc(ndc11), pr.name, pr.strength, pr.form, number(pr.packageSize), number(counted), pr.unit,
                      number(expected), number(counted - expected), countedBy, signedBy, entry});
        }
    });
    r.rows = rows.take();
    if (inventories + openings == 0)
        r.notes.append(QStringLiteral("No inventory was taken in this period."));
    else
        r.notes.append(QStringLiteral("Inventories: %1; opening balances: %2. By the date of the count, an inventory at the opening of "
                                      "business before one at the close; every product on hand counted exactly, with the time of day "
                                      "stated (21 CFR 1304.11).").arg(inventories).arg(openings));
    r.signatures = {QStringLiteral("Counted by"), QStringLiteral("Pharmacist-in-charge")};
    return r;
}

} // namespace cii::reports
