// The Counter's commands for the transaction kinds beyond receive, dispense and count. Each one is a thin
// translation from the form's text fields to the Ledger's types; every rule and message is the Ledger's.
#include "Counter.h"
#include "RecordNames.h"

#include "LedgerProjection.h"
#include "LedgerQueries.h"
#include "Store.h"

namespace cii {

namespace {
std::optional<MovementKind> movementKind(const QString &name)
{
    for (MovementKind k : {MovementKind::TransferIn, MovementKind::TransferOut, MovementKind::ReturnToSupplier,
                           MovementKind::ReverseDistributor})
        if (Ledger::movementKindName(k) == name)
            return k;
    return std::nullopt;
}
} // namespace

QVariantMap Counter::recordMovement(const QString &kind, const QString &ndc11, const QString &quantity,
                                    const QString &partyName, const QString &partyDea, const QString &orderNumber,
                                    const QString &date)
{
    return run([&](const Session &s) {
        const auto k = movementKind(kind);
        if (!k)
            throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("record the movement"), QString(),
                           QStringLiteral("Choose what kind of movement this is"));
        const Movement m{*k, ndc11, parseNumber(tr("The quantity"), quantity), partyName, partyDea, orderNumber, date};
        const qint64 seq = m_ledger->recordMovement(s, m);
        const bool in = *k == MovementKind::TransferIn;
        return done(tr("%1 %2 recorded. Balance now %3.")
                        .arg(in ? tr("Transfer in of") : tr("Stock out of"), amount(ndc11, m.quantity), balanceText(ndc11)),
                    seq);
    });
}

QVariantMap Counter::waste(const QString &ndc11, const QString &quantity, const QString &reason, const QString &note,
                           const QString &witnessId, const QString &witnessPin)
{
    return run([&](const Session &s) {
        const Waste w{ndc11, parseNumber(tr("The quantity wasted"), quantity), reason, note, {witnessId, witnessPin}};
        const qint64 seq = m_ledger->waste(s, w);
        return done(tr("Waste of %1 recorded and witnessed. Balance now %2.").arg(amount(ndc11, w.quantity), balanceText(ndc11)), seq);
    });
}

QVariantMap Counter::destroy(const QString &ndc11, const QString &fullPackages, const QString &partialUnits,
                             const QString &method, const QString &location, const QString &date,
                             const QString &firstWitnessId, const QString &firstWitnessPin,
                             const QString &secondWitnessId, const QString &secondWitnessPin)
{
    return run([&](const Session &s) {
        const Destruction d{ndc11, parseNumber(tr("The full packages"), fullPackages), parseNumber(tr("The units"), partialUnits),
                            method, location, date, {firstWitnessId, firstWitnessPin}, {secondWitnessId, secondWitnessPin}};
        const qint64 seq = m_ledger->destroy(s, d);
        return done(tr("Destruction recorded (DEA Form 41 entry %1), signed by both witnesses. Balance now %2.")
                        .arg(seq).arg(balanceText(ndc11)), seq);
    });
}

QVariantMap Counter::reportTheftLoss(const QString &ndc11, const QString &quantity, const QString &lossType,
                                     const QString &discoveryDate, const QString &circumstances, const QString &kind,
                                     const QString &policeReport, const QString &pin)
{
    return run([&](const Session &s) {
        const TheftLoss t{ndc11, parseNumber(tr("The quantity lost"), quantity), lossType, discoveryDate, circumstances, pin,
                          policeReport.trimmed(), kind};
        const qint64 seq = m_ledger->reportTheftLoss(s, t);
        const auto due = ledgerdb::lossDeadlines(m_store->db(), seq); // as recorded with the report
        return done(tr("Theft or loss recorded. Notify the DEA by %1 (one business day) and file Form 106 by %2.")
                        .arg(due.noticeDue, due.formDue),
                    seq, true, false);
    });
}

QVariantMap Counter::adjust(const QString &ndc11, const QString &direction, const QString &quantity,
                            const QString &reasonCode, const QString &justification, const QString &pin)
{
    return run([&](const Session &s) {
        const qint64 amount = parseNumber(tr("The quantity"), quantity);
        if (direction == QLatin1String("set-aside")) { // the justification is the reason; no reason code
            const qint64 seq = m_ledger->setAside(s, {ndc11, amount, justification, pin});
            return done(tr("Set aside awaiting disposal and signed: %1 of the %2 on hand await disposal.")
                            .arg(QString::number(m_queries->awaitingDisposal(ndc11)), balanceText(ndc11)), seq);
        }
        if (direction != QLatin1String("add") && direction != QLatin1String("remove"))
            throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("record the adjustment"), QString(),
                           QStringLiteral("Choose whether the adjustment adds or removes stock"));
        const qint64 seq = m_ledger->adjust(s, ndc11, direction == QLatin1String("add") ? amount : -amount, reasonCode, justification, pin);
        return done(tr("Adjustment recorded and signed. Balance now %1.").arg(balanceText(ndc11)), seq);
    });
}

QVariantMap Counter::returnToStock(qint64 dispenseSeq, const QString &quantity, const QString &reason)
{
    return run([&](const Session &s) {
        const qint64 seq = m_ledger->returnToStock(s, dispenseSeq, parseNumber(tr("The quantity"), quantity), reason);
        return done(tr("Returned to stock from dispense %1.").arg(dispenseSeq), seq);
    });
}

QVariantMap Counter::countShelf(const QVariantList &rows)
{
    return run([&](const Session &s) {
        QList<InventoryCount> counts;
        for (const QVariant &v : rows) {
            const QVariantMap row = v.toMap();
            const QString counted = row.value(QStringLiteral("counted")).toString();
            if (!counted.trimmed().isEmpty())
                counts.append({row.value(QStringLiteral("ndc11")).toString(),
                               parseNumber(tr("The count of %1").arg(row.value(QStringLiteral("name")).toString()), counted)});
        }
        const QList<CountResult> results = m_ledger->countShelf(s, counts);
        QStringList opened;
        QString reviewer;
        for (const CountResult &r : results)
            if (r.discrepancyOpened) {
                opened << QString::number(r.discrepancyId);
                reviewer = r.reviewer;
            }
        const QString products = results.size() == 1 ? tr("1 product") : tr("%1 products").arg(results.size());
        const QString message = opened.isEmpty()
            ? tr("Shelf count saved: %1, matching the records.").arg(products)
            : opened.size() == 1
            ? tr("Shelf count saved: %1; 1 differs from the records. Discrepancy %2 is open for %3 to review.").arg(products, opened.first(), reviewer)
            : tr("Shelf count saved: %1; %2 differ from the records. Discrepancies %3 are open for %4 to review.")
                  .arg(products).arg(opened.size()).arg(opened.join(QStringLiteral(", ")), reviewer);
        Q_EMIT recorded(message, !opened.isEmpty(), 0);
        return QVariantMap{{QStringLiteral("ok"), true}, {QStringLiteral("message"), message},
                           {QStringLiteral("counted"), results.size()}, {QStringLiteral("differing"), opened.size()},
                           {QStringLiteral("seq"), results.isEmpty() ? 0 : results.last().seq}};
    });
}

QString Counter::fieldProblem(const QString &kind, const QString &text, const QString &ndc11) const
{
    const std::optional<Ledger::Field> field = Ledger::fieldFromName(kind);
    return field && m_ledger ? m_ledger->checkField(*field, text, ndc11) : QString();
}

QString Counter::entryProblem(const QString &kind, const QString &text, const QString &context) const
{
    const std::optional<Ledger::Field> field = Ledger::fieldFromName(kind);
    if (!field || !m_ledger || !session())
        return {};
    return m_ledger->checkField(*field, text, context, session()->personId());
}

QVariantMap Counter::choices() const
{
    QStringList kinds;
    for (MovementKind k : {MovementKind::TransferOut, MovementKind::TransferIn, MovementKind::ReturnToSupplier,
                           MovementKind::ReverseDistributor})
        kinds << Ledger::movementKindName(k);
    return {{QStringLiteral("wasteReasons"), Ledger::wasteReasons()},
            {QStringLiteral("adjustmentReasons"), Ledger::adjustmentReasons()},
            {QStringLiteral("lossTypes"), Ledger::newLossTypes()},
            {QStringLiteral("lossKinds"), lossKinds()},
            {QStringLiteral("movementKinds"), kinds}};
}

QVariantMap Counter::lossKinds()
{
    QVariantMap byType;
    for (const QString &type : Ledger::newLossTypes()) {
        QVariantList list;
        for (const QString &kind : Ledger::lossKinds(type))
            list.append(QVariantMap{{QStringLiteral("id"), kind}, {QStringLiteral("text"), RecordNames::lossKindText(kind)}});
        byType.insert(type, list);
    }
    return byType;
}

} // namespace cii
