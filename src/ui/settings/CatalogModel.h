#pragma once

#include "LedgerQueries.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace cii {

/// Settings > Products' list: every product in the catalog, active or not, with its NDC, package, balance on hand
/// and reorder point, narrowed by a search (a name or NDC containing the text: LedgerQueries::catalogProducts).
/// At most kLimit rows: `more` says when the search should be narrowed. UI thread.
class CatalogModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by ProductsController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool more READ more NOTIFY countChanged)

public:
    static constexpr int kLimit = 500;
    enum Roles { Ndc11Role = Qt::UserRole + 1, NdcRole, NameRole, DisplayNameRole, PackageRole, OnHandRole, OnHandTextRole,
                 UnitRole, ActiveRole, ReorderPointRole, BelowReorderRole };

    /// `queries` null: no store is open, the list stays empty. Not owned.
    explicit CatalogModel(const LedgerQueries *queries, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool more() const { return m_more; }

    Q_INVOKABLE void filter(const QString &text);
    /// Reads the catalog again (after a write, here or by another process).
    Q_INVOKABLE void reload();
    /// The row's fields by role name, or {} outside the list.
    Q_INVOKABLE QVariantMap get(int row) const;
    /// The row of a product, or -1.
    Q_INVOKABLE int rowOf(const QString &ndc11) const;

Q_SIGNALS:
    void countChanged();

private:
    const LedgerQueries *m_queries;
    QString m_filter;
    QList<CatalogProduct> m_rows;
    bool m_more = false;
};

} // namespace cii
