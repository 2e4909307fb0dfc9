#include "ProductLedgerModel.h"

#include "Store.h"

#include <QDateTime>
#include <QTimeZone>

namespace cii {

ProductLedgerModel::ProductLedgerModel(Store *store, const QString &ndc11, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
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
    case BalanceRole: return r.balance;
    case ReferenceRole: return r.reference;
    case CorrectsRole: return r.corrects;
    case VoidedByRole: return r.voidedBy;
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
    QList<Row> rows;
    if (!m_store || m_ndc11.isEmpty())
        return rows;
    // Walks the (ndc11, seq) key backwards from `beforeSeq`: the cost of a page does not grow with the history.
    sql::Query q(m_store->db(),
                 "SELECT e.seq, e.at_ms, e.actor, e.kind, e.delta, e.balance_after, e.reference, e.corrects_seq, v.void_seq "
                 "FROM entries e LEFT JOIN voided v ON v.seq = e.seq "
                 "WHERE e.ndc11 = ?1 AND e.seq < ?2 AND (?3 = '' OR e.kind = ?3) AND e.at_ms >= ?4 AND e.at_ms < ?5 "
                 "ORDER BY e.seq DESC LIMIT ?6");
    q.bind(1, m_ndc11).bind(2, beforeSeq).bind(3, m_kind).bind(4, localDayStartMs(m_from, 0))
        .bind(5, localDayStartMs(m_to, 1)).bind(6, qint64(kPage));
    while (q.next())
        rows.append({q.int64(0), q.int64(1), q.int64(4), q.int64(5), q.isNull(7) ? 0 : q.int64(7), q.isNull(8) ? 0 : q.int64(8),
                     q.text(2), q.text(3), q.text(6)});
    return rows;
}

void ProductLedgerModel::reload()
{
    if (m_store && m_names.isEmpty()) {
        sql::Query people(m_store->db(), "SELECT id, name FROM people");
        while (people.next())
            m_names.insert(people.text(0), people.text(1));
        sql::Query tz(m_store->db(), "SELECT timezone FROM pharmacy WHERE id = 1");
        const QTimeZone zone(tz.next() ? tz.text(0).toUtf8() : QByteArray());
        m_zone = zone.isValid() ? zone : QTimeZone::systemTimeZone(); // times as the pharmacy's clock shows them
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
