// The record logs: receiving, dispensing, destruction and waste, theft and loss. Each row is one journal event,
// read from its payload (what the projections do not keep: order numbers, lots, witnesses).
#include "BusinessDates.h"
#include "PartialFills.h"
#include "Sqlite.h"

#include <QCborArray>

namespace cii::reports {

namespace {

struct VoidInfo
{
    qint64 voidSeq = 0;
    QString reason;
};

QHash<qint64, VoidInfo> voidedEntries(sql::Database &db)
{
    QHash<qint64, VoidInfo> v;
    sql::Query q(db, "SELECT seq, void_seq, reason FROM voided");
    while (q.next())
        v.insert(q.int64(0), {q.int64(1), q.text(2)});
    return v;
}

QString voidText(const QHash<qint64, VoidInfo> &voided, qint64 seq)
{
    const auto it = voided.constFind(seq);
    return it == voided.cend() ? QString() : QStringLiteral("Voided by entry %1: %2").arg(it->voidSeq).arg(it->reason);
}

QString joinNotes(const QStringList &parts)
{
    QStringList kept;
    for (const QString &p : parts)
        if (!p.isEmpty())
            kept.append(p);
    return kept.join(QStringLiteral("; "));
}

} // namespace

Report buildReceiving(Context &c)
{
    Report r;
    r.columns = {{QStringLiteral("Date received"), 9}, {QStringLiteral("Order"), 6}, {QStringLiteral("Order number"), 10},
                 {QStringLiteral("Supplier"), 14}, {QStringLiteral("Supplier DEA"), 9}, {QStringLiteral("NDC"), 10},
                 {QStringLiteral("Product"), 22}, {QStringLiteral("Packages"), 6, true}, {QStringLiteral("Quantity"), 7, true},
                 {QStringLiteral("Lot"), 8}, {QStringLiteral("Expiry"), 8}, {QStringLiteral("Recorded by"), 11},
                 {QStringLiteral("Entry"), 6, true}, {QStringLiteral("Notes"), 14}};
    const auto voided = voidedEntries(c.db);
    int receipts = 0, transfers = 0, voids = 0;
    qint64 units = 0;
    DatedRows rows;
    c.forEvents({QStringLiteral("stock.received"), QStringLiteral("stock.moved")},
                [&](qint64 seq, qint64, const QString &actor, const QString &kind, const QCborMap &p) {
        const bool receipt = kind == QLatin1String("stock.received");
        if (!receipt && str(p, "movement") != QLatin1String("transfer-in"))
            return;
        const QString date = receipt ? str(p, "receivedDate") : str(p, "date");
        if (!c.inRange(date))
            return;
        const QString ndc11 = str(p, "ndc11");
        const QString note = voidText(voided, seq);
        (receipt ? receipts : transfers)++;
        voids += note.isEmpty() ? 0 : 1;
        units += num(p, "quantity");
        rows.add({date, 1, seq}, {date,
                       receipt ? (str(p, "orderType") == QLatin1String("222") ? QStringLiteral("Form 222") : QStringLiteral("CSOS"))
                               : QStringLiteral("Transfer in"),
                       str(p, "orderNumber"), receipt ? str(p, "supplierName") : str(p, "partyName"),
                       receipt ? str(p, "supplierDea") : str(p, "partyDea"), c.ndc(ndc11), c.productName(ndc11),
                       receipt ? number(num(p, "packages")) : QString(), number(num(p, "quantity")), str(p, "lot"),
                       str(p, "expiry"), c.person(actor), QString::number(seq), note});
    });
    r.rows = rows.take();
    r.notes.append(QStringLiteral("Receipts: %1. Transfers in: %2. Units received: %3. By the date received, then in the order recorded; "
                                  "voided: %4 (kept on record and counted here, their voids under \"Adjusted, voided\" in the "
                                  "reconciliation).").arg(receipts).arg(transfers).arg(number(units)).arg(voids));
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

Report buildDispensing(Context &c)
{
    Report r;
    // In the PDF a fill date, product or person equal to the row above is not printed again (Column::grouped).
    // The prescription's own facts (date written, prescriber and DEA number: 21 CFR 1306.05(a)) have columns of
    // their own, so that a PDF's narrow Notes column never cuts them off.
    r.columns = {{QStringLiteral("Fill date"), 7, false, true}, {QStringLiteral("Rx"), 6}, {QStringLiteral("NDC"), 8, false, true},
                 {QStringLiteral("Product"), 16, false, true}, {QStringLiteral("Quantity"), 5, true}, {QStringLiteral("Prescribed"), 6, true},
                 {QStringLiteral("Left on Rx"), 5, true}, {QStringLiteral("Written"), 7}, {QStringLiteral("Prescriber"), 12},
                 {QStringLiteral("Prescriber DEA"), 7}, {QStringLiteral("Dispensed by"), 14, false, true}, {QStringLiteral("Entry"), 4, true},
                 {QStringLiteral("Notes"), 17}};
    const auto voided = voidedEntries(c.db);
    int dispenses = 0, returns = 0;
    qint64 dispensed = 0, returned = 0;
    // Each Rx's quantity prescribed (from its first fill) and how many fills it has had, in the order recorded.
    // A CII is never refilled (21 U.S.C. 829(a)): a later fill of the same Rx is a partial fill (21 CFR 1306.13).
    struct Rx
    {
        qint64 prescribed = 0;
        int fills = 0;
        QString written, prescriber, prescriberDea; ///< from the fill that first named them: a later partial fill may not repeat them
    };
    QHash<QString, Rx> prescriptions;
    // Who dispensed on the record (21 CFR 1304.22(c)): the pharmacist who verified a technician's fill. The
    // verification comes later in the journal than its dispense, so one pass over the journal fills the row in
    // when it arrives (a pass of its own read every event a second time: a third of the build at two years).
    constexpr int kDispenserColumn = 10;
    QHash<qint64, qsizetype> awaitingVerification; ///< a technician's dispense's seq -> its row
    DatedRows rows;
    c.forEvents({QStringLiteral("stock.dispensed"), QStringLiteral("stock.returned_to_stock"), QStringLiteral("stock.dispense_verified")},
                [&](qint64 seq, qint64 atMs, const QString &actor, const QString &kind, const QCborMap &p) {
        if (kind == QLatin1String("stock.dispense_verified")) {
            const auto it = awaitingVerification.constFind(num(p, "dispenseSeq"));
            if (it != awaitingVerification.cend())
                rows.cell(*it, kDispenserColumn) = c.person(actor);
            return;
        }
        const QString ndc11 = str(p, "ndc11"), rxNumber = str(p, "rx");
        if (kind == QLatin1String("stock.returned_to_stock")) {
            if (!c.inRangeMs(atMs))
                return;
            ++returns;
            returned += num(p, "quantity");
            const QString day = c.date(atMs);
            rows.add({day, 1, seq}, {day, rxNumber, c.ndc(ndc11), c.productName(ndc11), number(-num(p, "quantity")),
                                     QString(), QString(), QString(), QString(), QString(), c.person(actor), QString::number(seq),
                                     joinNotes({QStringLiteral("Returned to stock from entry %1: %2").arg(num(p, "dispenseSeq")).arg(str(p, "reason")),
                                                voidText(voided, seq)})});
            return;
        }
        Rx &rx = prescriptions[rxNumber];
        if (rx.prescribed == 0)
            rx.prescribed = num(p, "prescribedQuantity");
        const qint64 quantity = num(p, "quantity");
        const QString voidNote = voidText(voided, seq);
        QString fill;
        if (voidNote.isEmpty() && (++rx.fills > 1 || quantity < rx.prescribed)) {
            fill = QStringLiteral("Partial fill %1 of Rx %2").arg(rx.fills).arg(rxNumber);
            if (const QString kind = str(p, "partialKind"); !kind.isEmpty())
                fill += QStringLiteral(": ") + partialFillText(partialFillFromName(kind).value_or(PartialFill::None));
        }
        if (rx.written.isEmpty())
            rx.written = str(p, "dateWritten");
        if (rx.prescriber.isEmpty() && !str(p, "prescriberName").isEmpty()) {
            rx.prescriber = str(p, "prescriberName");
            rx.prescriberDea = str(p, "prescriberDea");
        }
        const QString fillDate = str(p, "fillDate");
        if (!c.inRange(fillDate))
            return;
        ++dispenses;
        dispensed += quantity;
        QString over;
        if (num(p, "shortfall") > 0)
            over = QStringLiteral("Over the recorded balance by %1, signed by %2: %3")
                       .arg(number(num(p, "shortfall")), c.person(str(p, "signedBy")), str(p, "overrideReason"));
        const qint64 prescribed = num(p, "prescribedQuantity") > 0 ? num(p, "prescribedQuantity") : rx.prescribed;
        QString dispenser = c.person(actor); // recorded before the ledger told technicians' fills apart
        const bool toVerify = !p.contains(QLatin1String("dispensedBy")) && p.value(QLatin1String("toVerify")).toBool();
        if (p.contains(QLatin1String("dispensedBy")))
            dispenser = c.person(str(p, "dispensedBy"));
        else if (toVerify) // until its verification, further on in the journal, names the pharmacist
            dispenser = voidNote.isEmpty() ? QStringLiteral("To verify (recorded by %1)").arg(c.person(actor))
                                           : QStringLiteral("Voided before verification (recorded by %1)").arg(c.person(actor));
        const qsizetype row = rows.add({fillDate, 1, seq},
                 {fillDate, rxNumber, c.ndc(ndc11), c.productName(ndc11), number(quantity),
                  prescribed > 0 ? number(prescribed) : QString(), number(num(p, "remainingOnRx")), rx.written, rx.prescriber, rx.prescriberDea,
                  dispenser, QString::number(seq), joinNotes({voidNote, over, fill})});
        if (toVerify)
            awaitingVerification.insert(seq, row);
    });
    r.rows = rows.take();
    r.notes.append(QStringLiteral("Dispenses: %1, %2 units, by fill date, each its whole quantity (an override over the recorded balance "
                                  "included). Returns to stock: %3, %4 units, by the day recorded (negative quantities). Then in the "
                                  "order recorded. A CII is never refilled (21 U.S.C. 829(a); 21 CFR 1306.12): a later fill of an Rx is a "
                                  "partial fill (21 CFR 1306.13).")
                       .arg(dispenses).arg(number(dispensed)).arg(returns).arg(number(returned)));
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

Report buildDestruction(Context &c)
{
    Report r;
    r.columns = {{QStringLiteral("Date"), 8}, {QStringLiteral("Record"), 9}, {QStringLiteral("NDC"), 10},
                 {QStringLiteral("Product"), 20}, {QStringLiteral("Full packages"), 6, true}, {QStringLiteral("Partial units"), 6, true},
                 {QStringLiteral("Quantity"), 7, true}, {QStringLiteral("Method or reason"), 12}, {QStringLiteral("Location or note"), 12},
                 {QStringLiteral("Witnesses"), 16}, {QStringLiteral("Recorded by"), 10}, {QStringLiteral("Entry"), 5, true},
                 {QStringLiteral("Notes"), 12}};
    const auto voided = voidedEntries(c.db);
    int destroyed = 0, wasted = 0;
    qint64 destroyedUnits = 0, wastedUnits = 0;
    DatedRows rows;
    c.forEvents({QStringLiteral("stock.destroyed"), QStringLiteral("stock.wasted")},
                [&](qint64 seq, qint64 atMs, const QString &actor, const QString &kind, const QCborMap &p) {
        const bool destruction = kind == QLatin1String("stock.destroyed");
        const QString date = destruction ? str(p, "date") : c.date(atMs);
        if (!c.inRange(date))
            return;
        QStringList witnesses;
        for (const QCborValue &w : p.value(QLatin1String("witnesses")).toArray())
            witnesses.append(c.person(w.toString()));
        const QString ndc11 = str(p, "ndc11");
        (destruction ? destroyed : wasted)++;
        (destruction ? destroyedUnits : wastedUnits) += num(p, "quantity");
        rows.add({date, 1, seq}, {date, destruction ? QStringLiteral("Form 41") : QStringLiteral("Wasted"), c.ndc(ndc11),
                       c.productName(ndc11), destruction ? number(num(p, "fullPackages")) : QString(),
                       destruction ? number(num(p, "partialUnits")) : QString(), number(num(p, "quantity")),
                       destruction ? str(p, "method") : str(p, "reason"), destruction ? str(p, "location") : str(p, "note"),
                       witnesses.join(QStringLiteral(" and ")), c.person(actor), QString::number(seq), voidText(voided, seq)});
    });
    r.rows = rows.take();
    r.notes.append(QStringLiteral("Destructions: %1, %2 units, by the date of destruction, each witnessed by two people who signed with "
                                  "their own PIN (DEA Form 41, 21 CFR Part 1317). Wastes: %3, %4 units, by the day recorded, one witness "
                                  "each. Then in the order recorded.")
                       .arg(destroyed).arg(number(destroyedUnits)).arg(wasted).arg(number(wastedUnits)));
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

Report buildTheftLoss(Context &c)
{
    Report r;
    r.columns = {{QStringLiteral("Discovered"), 8}, {QStringLiteral("Report"), 5, true}, {QStringLiteral("NDC"), 10},
                 {QStringLiteral("Product"), 18}, {QStringLiteral("Quantity"), 6, true}, {QStringLiteral("Type"), 8},
                 {QStringLiteral("Kind"), 8}, {QStringLiteral("Police report"), 10}, {QStringLiteral("Circumstances"), 20}, {QStringLiteral("Notice due"), 8}, {QStringLiteral("Notice sent"), 14},
                 {QStringLiteral("Form 106 due"), 8}, {QStringLiteral("Form 106 filed"), 14}, {QStringLiteral("Reported by"), 10}};
    const QString today = c.date(c.request.nowMs);
    sql::Query q(c.db, "SELECT t.id, t.ndc11, t.quantity, t.loss_type, t.discovery_date, t.circumstances, t.notice_due, t.form_due, "
                       "t.notice_sent, t.notice_reference, t.form_filed, t.form_reference, t.discrepancy_id, e.actor, t.kind, t.police_report "
                       "FROM theft_loss t JOIN events e ON e.seq = t.id ORDER BY t.discovery_date, t.id");
    int open = 0;
    qint64 units = 0, fromCounts = 0;
    const auto filed = [&](const QString &when, const QString &ref, const QString &due) {
        if (!when.isEmpty())
            return QStringLiteral("%1 (%2)").arg(when, ref);
        ++open;
        return due < today ? QStringLiteral("OVERDUE, not recorded") : QStringLiteral("Not yet");
    };
    while (q.next()) {
        if (!c.inRange(q.text(4)))
            continue;
        const QString ndc11 = q.text(1);
        QString circumstances = q.text(5);
        units += q.int64(2);
        if (!q.isNull(12)) {
            fromCounts += q.int64(2);
            circumstances = QStringLiteral("From discrepancy %1. %2").arg(q.int64(12)).arg(circumstances);
        }
        r.rows.append({q.text(4), QString::number(q.int64(0)), c.ndc(ndc11), c.productName(ndc11), number(q.int64(2)),
                       RecordNames::lossTypeText(q.text(3)), q.text(14).isEmpty() ? QString() : RecordNames::lossKindText(q.text(14)),
                       q.text(15), circumstances, q.text(6), filed(q.text(8), q.text(9), q.text(6)), q.text(7),
                       filed(q.text(10), q.text(11), q.text(7)), c.person(q.text(13))});
    }
    r.notes.append(QStringLiteral("Reports: %1, %2 units, by discovery date, then in the order recorded. Of these, %3 units were found "
                                  "by a count and escalated: the count already took them off the balance, so the reconciliation shows "
                                  "them in that count's difference, the rest under \"Theft, loss\". Filings not yet recorded: %4.")
                       .arg(r.rows.size()).arg(number(units)).arg(number(fromCounts)).arg(open));
    r.notes.append(lossRules(c));
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

} // namespace cii::reports
