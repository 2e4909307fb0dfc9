#include "CatalogModel.h"

#include "Quantities.h"

#include <QLocale>

namespace cii {

CatalogModel::CatalogModel(const LedgerQueries *queries, QObject *parent)
    : QAbstractListModel(parent)
    , m_queries(queries)
{
    reload();
}

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CatalogProduct &c = m_rows[index.row()];
    const ProductInfo &p = c.product;
    switch (role) {
    case Ndc11Role: return p.ndc11;
    case NdcRole: return p.ndc;
    case NameRole: return QStringLiteral("%1 %2").arg(p.name, p.strength);
    case DisplayNameRole: return p.displayName();
    case PackageRole: return tr("%1 %2 per package").arg(QLocale().toString(p.packageSize), p.baseUnit);
    case OnHandRole: return c.onHand;
    case OnHandTextRole: return quantityText(c.onHand, p.baseUnit);
    case UnitRole: return p.baseUnit;
    case ActiveRole: return p.active;
    case ReorderPointRole: return c.reorderPoint;
    case BelowReorderRole: return p.active && c.reorderPoint > 0 && c.onHand <= c.reorderPoint;
    }
    return {};
}

QHash<int, QByteArray> CatalogModel::roleNames() const
{
    return {{Ndc11Role, "ndc11"}, {NdcRole, "ndc"}, {NameRole, "name"}, {DisplayNameRole, "displayName"},
            {PackageRole, "packageText"}, {OnHandRole, "onHand"}, {OnHandTextRole, "onHandText"}, {UnitRole, "unit"},
            {ActiveRole, "active"}, {ReorderPointRole, "reorderPoint"}, {BelowReorderRole, "belowReorder"}};
}

void CatalogModel::filter(const QString &text)
{
    m_filter = text;
    reload();
}

void CatalogModel::reload()
{
    beginResetModel();
    m_rows = m_queries ? m_queries->catalogProducts(m_filter, kLimit + 1) : QList<CatalogProduct>();
    m_more = m_rows.size() > kLimit;
    if (m_more)
        m_rows.removeLast();
    endResetModel();
    Q_EMIT countChanged();
}

QVariantMap CatalogModel::get(int row) const
{
    QVariantMap m;
    if (row < 0 || row >= m_rows.size())
        return m;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        m.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return m;
}

int CatalogModel::rowOf(const QString &ndc11) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].product.ndc11 == ndc11)
            return int(i);
    return -1;
}

} // namespace cii
