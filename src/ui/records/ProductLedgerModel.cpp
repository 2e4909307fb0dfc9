#include "ProductLedgerModel.h"


#include <QDateTime>
#include <QTimeZone>

namespace cii {

ProductLedgerModel::ProductLedgerModel(const LedgerQueries *queries, const QString &ndc11, QObject *parent)
    : QAbstractListModel(parent)
    , m_queries(queries)
    , m_ndc11(ndc11)
{
    reload();
}

int ProductLedgerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ProductLedgerModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case SeqRole: return r.seq;
    case WhenRole:
        return QDateTime::fromMSecsSinceEpoch(r.atMs, QTimeZone::utc()).toTimeZone(m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case WhoRole: return m_names.value(r.actor, r.actor);
    case KindRole: return r.kind;
    case DeltaRole: return r.delta;
    case BalanceRole: return r.balanceAfter;
    case ReferenceRole: return r.reference;
    case CorrectsRole: return r.correctsSeq;
    case VoidedByRole: return r.voidSeq;
    default: return {};
    }
}

QHash<int, QByteArray> ProductLedgerModel::roleNames() const
{
    return {{SeqRole, "seq"}, {WhenRole, "when"}, {WhoRole, "who"}, {KindRole, "kind"}, {DeltaRole, "delta"},
            {BalanceRole, "balanceAfter"}, {ReferenceRole, "reference"}, {CorrectsRole, "corrects"}, {VoidedByRole, "voidedBy"}};
}

qint64 ProductLedgerModel::localDayStartMs(const QString &date, int addDays) const
{
    const QDate d = QDate::fromString(date, Qt::ISODate);
    if (!d.isValid())
        return addDays == 0 ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
    return QDateTime(d.addDays(addDays), QTime(0, 0), m_zone).toMSecsSinceEpoch();
}

QList<ProductLedgerModel::Row> ProductLedgerModel::readPage(qint64 beforeSeq) const
{
    if (!m_queries || m_ndc11.isEmpty())
        return {};
    const EntryFilter filter{m_kind.isNull() ? QStringLiteral("") : m_kind, localDayStartMs(m_from, 0), localDayStartMs(m_to, 1)};
    return m_queries->entriesBefore(m_ndc11, beforeSeq, filter, kPage);
}

void ProductLedgerModel::reload()
{
    if (m_queries && m_names.isEmpty()) {
        m_names = m_queries->personNames();
        m_zone = m_queries->pharmacy().zone(); // times as the pharmacy's clock shows them
    }
    const QList<Row> first = readPage(std::numeric_limits<qint64>::max());
    beginResetModel();
    m_rows = first;
    m_more = first.size() == kPage;
    endResetModel();
    Q_EMIT countChanged();
}

bool ProductLedgerModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more;
}

void ProductLedgerModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_more || m_rows.isEmpty())
        return;
    const QList<Row> next = readPage(m_rows.last().seq);
    m_more = next.size() == kPage;
    if (next.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + next.size() - 1));
    m_rows.append(next);
    endInsertRows();
    Q_EMIT countChanged();
}

void ProductLedgerModel::setNdc11(const QString &v)
{
    if (v == m_ndc11)
        return;
    m_ndc11 = v;
    Q_EMIT queryChanged();
    reload();
}

void ProductLedgerModel::setKind(const QString &v)
{
    if (v == m_kind)
        return;
    m_kind = v;
    Q_EMIT queryChanged();
    reload();
}

void ProductLedgerModel::setFromDate(const QString &v)
{
    if (v == m_from)
        return;
    m_from = v;
    Q_EMIT queryChanged();
    reload();
}

void ProductLedgerModel::setToDate(const QString &v)
{
    if (v == m_to)
        return;
    m_to = v;
    Q_EMIT queryChanged();
    reload();
}

int ProductLedgerModel::rowOf(qint64 seq) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].seq == seq)
            return int(i);
    return -1;
}

} // namespace cii
