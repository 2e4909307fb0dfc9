#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace cii {
class Ledger;
class LedgerQueries;
class Store;

/// The dashboard's product list: active products with their balance, a mark for an open discrepancy, for an
/// overdue reconciliation and for a balance at or below the reorder point; each row's displayName includes its package size. filter() narrows it by name or NDC prefix through the catalog's indexes.
class ProductListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by Counter")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString filterText READ filterText NOTIFY countChanged)

public:
    enum Roles { Ndc11Role = Qt::UserRole + 1, NdcRole, NameRole, StrengthRole, FormRole, BalanceRole, UnitRole,
                 PackageSizeRole, DiscrepancyRole, OverdueRole, DisplayNameRole, BelowReorderRole };

    /// All null: no store is open, the list stays empty. None is owned.
    ProductListModel(Store *store, Ledger *ledger, const LedgerQueries *queries, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QString filterText() const { return m_filter; }

    Q_INVOKABLE void filter(const QString &text);
    /// Re-reads balances and marks (after a commit).
    Q_INVOKABLE void reload();
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void countChanged();

private:
    struct Row
    {
        QString ndc11, ndc, name, strength, form, unit;
        QString displayName; ///< ProductInfo::displayName(): the package size tells two packages apart
        qint64 balance = 0, packageSize = 0;
        bool discrepancy = false, overdue = false;
        bool belowReorder = false; ///< at or below its reorder point (Settings > Products), when it has one
    };
    Store *m_store;
    Ledger *m_ledger;
    const LedgerQueries *m_queries;
    QString m_filter;
    QList<Row> m_rows;
};

} // namespace cii
