#include "ProductListModel.h"

#include "Catalog.h"
#include "Ledger.h"
#include "LedgerProjection.h"
#include "Store.h"

namespace cii {

ProductListModel::ProductListModel(Store *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
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
    default: return {};
    }
}

QHash<int, QByteArray> ProductListModel::roleNames() const
{
    return {{Ndc11Role, "ndc11"}, {NdcRole, "ndc"}, {NameRole, "name"}, {StrengthRole, "strength"},
            {FormRole, "dosageForm"}, {BalanceRole, "balance"}, {UnitRole, "baseUnit"},
            {PackageSizeRole, "packageSize"}, {DiscrepancyRole, "openDiscrepancy"}, {OverdueRole, "overdue"}};
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
    if (!m_store)
        return;
    QList<ProductInfo> products;
    if (m_filter.isEmpty()) {
        sql::Query q(m_store->db(), "SELECT ndc11 FROM products WHERE active = 1 ORDER BY name COLLATE NOCASE LIMIT 500");
        Catalog catalog(m_store->db());
        while (q.next())
            if (auto p = catalog.product(q.text(0)))
                products.append(*p);
    } else {
        products = Catalog(m_store->db()).search(m_filter, 200);
    }
    Ledger ledger(*m_store);
    const qint64 cutoff = ledger.reconciliationCutoffMs(); // read once, not per row
    QList<Row> rows;
    for (const ProductInfo &p : products) {
        if (!p.active)
            continue;
        sql::Query d(m_store->db(), "SELECT count(*) FROM discrepancies WHERE ndc11 = ? AND status IN ('open', 'in_review')");
        d.bind(1, p.ndc11);
        d.next();
        rows.append({p.ndc11, p.ndc, p.name, p.strength, p.dosageForm, p.baseUnit, ledgerdb::balance(m_store->db(), p.ndc11),
                     p.packageSize, d.int64(0) > 0, ledger.isReconciliationOverdue(p.ndc11, cutoff)});
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
    Q_EMIT countChanged();
}

} // namespace cii
