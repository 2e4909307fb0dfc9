#pragma once

#include "LedgerQueries.h"

#include <QAbstractListModel>
#include <QTimeZone>
#include <QtQml/qqmlregistration.h>

namespace cii {

/// One product's ledger, newest first: every entry with its running balance, who, when, kind, reference, and
/// what corrected it. Loads a page at a time (fetchMore) through the (ndc11, seq) key, so a product with a
/// million entries opens as fast as one with ten. Filters by kind and by date (the pharmacy's local dates).
class ProductLedgerModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by Counter.ledgerFor()")
    Q_PROPERTY(QString ndc11 READ ndc11 WRITE setNdc11 NOTIFY queryChanged)
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY queryChanged)
    Q_PROPERTY(QString fromDate READ fromDate WRITE setFromDate NOTIFY queryChanged)
    Q_PROPERTY(QString toDate READ toDate WRITE setToDate NOTIFY queryChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    static constexpr int kPage = 200;
    enum Roles { SeqRole = Qt::UserRole + 1, WhenRole, WhoRole, KindRole, DeltaRole, BalanceRole, ReferenceRole,
                 CorrectsRole, VoidedByRole };

    /// `queries` null: no store is open, the model stays empty. Not owned; it outlives the model.
    ProductLedgerModel(const LedgerQueries *queries, const QString &ndc11, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString ndc11() const { return m_ndc11; }
    void setNdc11(const QString &v);
    QString kind() const { return m_kind; }
    void setKind(const QString &v);
    QString fromDate() const { return m_from; }
    void setFromDate(const QString &v);
    QString toDate() const { return m_to; }
    void setToDate(const QString &v);

    /// The row of entry `seq` among those loaded, or -1 (a just-recorded entry is on the first page).
    Q_INVOKABLE int rowOf(qint64 seq) const;
    /// Re-reads from the newest entry (after a commit or a filter change).
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void queryChanged();
    void countChanged();

private:
    using Row = LedgerEntry;
    QList<Row> readPage(qint64 beforeSeq) const;
    qint64 localDayStartMs(const QString &date, int addDays) const;

    const LedgerQueries *m_queries = nullptr;
    QString m_ndc11, m_kind, m_from, m_to;
    QList<Row> m_rows;
    bool m_more = false;
    QHash<QString, QString> m_names; // person id -> name, read once
    QTimeZone m_zone;
};

} // namespace cii
