// Counter: what a form shows the person deciding (the balance on hand, what is left on an Rx, the balance an entry
// leaves), each with its units. Reads only; the rules stay the Ledger's (Ledger::checkField).
#include "Counter.h"

#include "Catalog.h"
#include "LedgerQueries.h"
#include "Quantities.h"
#include "Store.h"

#include <QLocale>

namespace cii {

QString Counter::quantityText(double n, const QString &unit)
{
    if (!qIsFinite(n)) // not yet known (a record still loading)
        return {};
    return cii::quantityText(qRound64(n), unit);
}

QString Counter::unitsName(const QString &unit)
{
    return cii::quantityText(2, unit).mid(2); // "2 tablets" without its number
}

QString Counter::packagesText(qint64 packages, qint64 packageSize, const QString &unit)
{
    return cii::packagesText(packages, packageSize, unit);
}

QString Counter::amount(const QString &ndc11, qint64 n) const
{
    const std::optional<ProductInfo> p = m_store ? Catalog(m_store->db()).product(ndc11) : std::nullopt;
    return cii::quantityText(n, p ? p->baseUnit : QString());
}

QString Counter::balanceText(const QString &ndc11) const
{
    return amount(ndc11, m_queries ? m_queries->balance(ndc11) : 0);
}

QVariantMap Counter::onHand(const QString &ndc11) const
{
    const std::optional<ProductInfo> p = m_store ? Catalog(m_store->db()).product(ndc11) : std::nullopt;
    if (!p || !m_queries)
        return {{QStringLiteral("balance"), 0}, {QStringLiteral("text"), QString()}};
    const qint64 balance = m_queries->balance(p->ndc11), awaiting = m_queries->awaitingDisposal(p->ndc11);
    const QString text = awaiting == 0
        ? tr("%1 on hand").arg(cii::quantityText(balance, p->baseUnit))
        : tr("%1 on hand, %2 of them set aside awaiting disposal (%3 may be dispensed)")
              .arg(cii::quantityText(balance, p->baseUnit)).arg(awaiting).arg(balance - awaiting);
    return {{QStringLiteral("balance"), balance}, {QStringLiteral("awaiting"), awaiting},
            {QStringLiteral("dispensable"), balance - awaiting}, {QStringLiteral("unit"), p->baseUnit},
            {QStringLiteral("text"), text}};
}

QVariantMap Counter::rxStatus(const QString &rx, const QString &ndc11) const
{
    const QString number = rx.trimmed();
    const std::optional<RxStatus> known = m_queries && !number.isEmpty() ? m_queries->rx(number) : std::nullopt;
    if (!known)
        return {{QStringLiteral("found"), false}, {QStringLiteral("line"), QString()},
                {QStringLiteral("problem"), fieldProblem(QStringLiteral("rx"), number, ndc11)}};
    const std::optional<ProductInfo> p = Catalog(m_store->db()).product(known->ndc11);
    const QString unit = p ? p->baseUnit : QString();
    const QString line = known->closedSeq
        ? tr("Rx %1: closed; the rest (%2) is void.").arg(number, cii::quantityText(known->remaining(), unit))
        : tr("Rx %1: %2 of %3 left; %4 filled since %5.")
              .arg(number, QLocale(QLocale::English).toString(known->remaining()), cii::quantityText(known->prescribed, unit),
                   cii::quantityText(known->dispensed, unit), known->firstFillDate.isEmpty() ? tr("its first fill") : known->firstFillDate);
    return {{QStringLiteral("found"), true}, {QStringLiteral("prescribed"), known->prescribed},
            {QStringLiteral("dispensed"), known->dispensed}, {QStringLiteral("remaining"), known->remaining()},
            {QStringLiteral("line"), line}, {QStringLiteral("problem"), fieldProblem(QStringLiteral("rx"), number, ndc11)}};
}

QString Counter::balanceAfter(const QString &ndc11, qint64 delta) const
{
    const std::optional<ProductInfo> p = m_store ? Catalog(m_store->db()).product(ndc11) : std::nullopt;
    if (!p || !m_queries)
        return {};
    const qint64 now = m_queries->balance(p->ndc11);
    return tr("%1 \u2192 %2").arg(cii::quantityText(now, p->baseUnit), cii::quantityText(now + delta, p->baseUnit));
}

} // namespace cii
