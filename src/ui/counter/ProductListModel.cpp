#include "ProductListModel.h"

#include "Catalog.h"
#include "Ledger.h"
#include "LedgerQueries.h"
#include "Store.h"

namespace cii {

ProductListModel::ProductListModel(Store *store, Ledger *ledger, const LedgerQueries *queries, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_ledger(ledger)
    , m_queries(queries)
{
    reload();
}

int ProductListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ProductListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Ndc11Role: return r.ndc11;
    case NdcRole: return r.ndc;
    case NameRole: return r.name;
    case StrengthRole: return r.strength;
    case FormRole: return r.form;
    case BalanceRole: return r.balance;
    case UnitRole: return r.unit;
    case PackageSizeRole: return r.packageSize;
    case DiscrepancyRole: return r.discrepancy;
    case OverdueRole: return r.overdue;
    case BelowReorderRole: return r.belowReorder;
    case DisplayNameRole: return r.displayName;
    default: return {};
    }
}

QHash<int, QByteArray> ProductListModel::roleNames() const
{
    return {{Ndc11Role, "ndc11"}, {NdcRole, "ndc"}, {NameRole, "name"}, {StrengthRole, "strength"},
            {FormRole, "dosageForm"}, {BalanceRole, "balance"}, {UnitRole, "baseUnit"},
            {PackageSizeRole, "packageSize"}, {DiscrepancyRole, "openDiscrepancy"}, {OverdueRole, "overdue"}, {BelowReorderRole, "belowReorder"},
            {DisplayNameRole, "displayName"}};
}

QVariantMap ProductListModel::get(int row) const
{
    QVariantMap m;
    if (row < 0 || row >= m_rows.size())
        return m;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        m.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return m;
}

void ProductListModel::filter(const QString &text)
{
    m_filter = text.trimmed();
    reload();
}

void ProductListModel::reload()
{
    if (!m_store || !m_ledger || !m_queries)
        return;
    QList<ProductInfo> products;
    Catalog catalog(m_store->db());
    if (m_filter.isEmpty()) {
        for (const QString &key : m_queries->activeProductKeys(500))
            if (auto p = catalog.product(key))
                products.append(*p);
    } else {
        products = catalog.search(m_filter, 200);
    }
    const qint64 cutoff = m_ledger->reconciliationCutoffMs(); // read once, not per row
    QList<Row> rows;
    for (const ProductInfo &p : products) {
        if (!p.active)
            continue;
        const qint64 balance = m_queries->balance(p.ndc11), reorderPoint = m_queries->reorderPoint(p.ndc11);
        rows.append({p.ndc11, p.ndc, p.name, p.strength, p.dosageForm, p.baseUnit, p.displayName(), balance,
                     p.packageSize, m_queries->activeDiscrepancyCount(p.ndc11) > 0, m_ledger->isReconciliationOverdue(p.ndc11, cutoff),
                     reorderPoint > 0 && balance <= reorderPoint});
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
    Q_EMIT countChanged();
}

} // namespace cii
