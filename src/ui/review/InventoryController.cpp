#include "InventoryController.h"

#include "DueDates.h"

#include "Counter.h"
#include "LedgerQueries.h"
#include "QmlInstance.h"
#include "RecordNames.h"
#include "Roles.h"
#include "Store.h"

#include <QHash>
#include <QJSEngine>

namespace cii {

namespace {
QString typeText(const QString &type)
{
    if (type == QLatin1String("biennial"))
        return QStringLiteral("Biennial inventory");
    if (type == QLatin1String("annual"))
        return QStringLiteral("Annual inventory");
    return QStringLiteral("Reconciliation");
}

/// How many products of a draft's counts have one typed.
int countedIn(const QVariantMap &counts)
{
    int n = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        n += it.value().toString().trimmed().isEmpty() ? 0 : 1;
    return n;
}


} // namespace

InventoryController::InventoryController(Counter *counter, const LedgerQueries *queries, QObject *parent)
    : QObject(parent)
    , m_counter(counter)
    , m_queries(queries)
{
    connect(m_counter, &Counter::sessionChanged, this, &InventoryController::permissionsChanged);
    connect(m_counter, &Counter::changed, this, &InventoryController::changed); // every commit, from any process
}

InventoryController *InventoryController::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<InventoryController>::forQml();
}

void InventoryController::setInstance(InventoryController *instance)
{
    QmlInstance<InventoryController>::set(instance);
}

/// The counts in progress of the open store, by type (GUI thread only): they outlive the pages, which the idle
/// lock destroys, and this controller, which a restore rebuilds. Keyed by the store's file as well, so that
/// another store (a restore, a test) never sees them.
QHash<QString, QVariantMap> &InventoryController::drafts() const
{
    static QHash<QString, QHash<QString, QVariantMap>> byStore;
    return byStore[m_counter->store() ? m_counter->store()->path() : QString()];
}

bool InventoryController::canSign() const
{
    return m_counter->sessionController()->may(Action::TakeInventory);
}

QVariantList InventoryController::products() const
{
    QVariantList list;
    if (!m_queries)
        return list;
    for (const ProductRow &p : m_queries->inventoryProducts()) // 21 CFR 1304.11: everything on hand, active or not
        list.append(QVariantMap{{QStringLiteral("ndc11"), p.ndc11}, {QStringLiteral("name"), p.name}, {QStringLiteral("strength"), p.strength},
                                {QStringLiteral("ndc"), p.ndc}, {QStringLiteral("baseUnit"), p.baseUnit}});
    return list;
}

QVariantMap InventoryController::status() const
{
    if (!m_queries || !m_counter->ledger())
        return {};
    const InventoryDates last = m_queries->inventoryDates();
    return {{QStringLiteral("overdue"), m_counter->ledger()->overdueReconciliations().size()},
            {QStringLiteral("cadenceDays"), m_queries->pharmacy().cadenceDays},
            {QStringLiteral("lastReconciliation"), last.lastReconciliation.isEmpty() ? QStringLiteral("never") : last.lastReconciliation},
            {QStringLiteral("lastInventory"), last.lastInventory.isEmpty() ? QStringLiteral("never") : last.lastInventory}};
}

QVariantList InventoryController::dueDates() const
{
    QVariantList list;
    if (!m_queries || !m_counter->ledger() || !m_queries->pharmacy().exists)
        return list;
    const QDate today = QDate::fromString(m_counter->ledger()->todayInPharmacy(), Qt::ISODate);
    for (const DueDate &d : cii::dueDates(m_counter->store()->db(), today))
        list.append(Counter::dueDateItem(d, today));
    return list;
}

QVariantMap InventoryController::take(const QString &type, const QString &timing, const QString &date, const QVariantList &counters,
                                      const QVariantList &rows, const QString &pin)
{
    Inventory inv;
    inv.type = type;
    inv.timing = timing;
    inv.date = date.trimmed();
    for (const QVariant &v : counters) {
        const QVariantMap c = v.toMap();
        inv.counters.append({c.value(QStringLiteral("personId")).toString(), c.value(QStringLiteral("secret")).toString()});
    }
    inv.signaturePin = pin;
    QStringList blank;
    for (const QVariant &v : rows) {
        const QVariantMap row = v.toMap();
        const QString text = row.value(QStringLiteral("counted")).toString().trimmed();
        const QString label = row.value(QStringLiteral("label")).toString();
        if (text.isEmpty()) {
            blank.append(label.isEmpty() ? row.value(QStringLiteral("ndc11")).toString() : label);
            continue;
        }
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        if (!ok)
            return Counter::refused(tr("The count for %1 must be a whole number (0 when none is on the shelf).").arg(label));
        inv.counts.append({row.value(QStringLiteral("ndc11")).toString(), n});
    }
    if (!blank.isEmpty())
        return Counter::refused(blank.size() == 1 ? tr("Count %1 too (0 when none is on the shelf): every CII product is counted.").arg(blank.first())
                                                  : tr("%1 products are not counted yet: %2%3. Every CII product is counted (0 when none is on the shelf).")
                                                        .arg(blank.size()).arg(blank.mid(0, 3).join(QStringLiteral(", ")), blank.size() > 3 ? QStringLiteral(", ...") : QString()));
    return m_counter->command([&](Counter &c, const Session &s) {
        const qint64 before = m_queries->discrepancyCount();
        const qint64 seq = c.ledger()->takeInventory(s, inv);
        const qint64 differing = m_queries->discrepancyCount() - before;
        QVariantMap m = c.done(differing == 0 ? tr("%1 recorded and signed: %2 products counted, every count matches the records.").arg(typeText(type)).arg(inv.counts.size())
                                              : tr("%1 recorded and signed: %2 products counted, %3 differ from the records and are open for review.")
                                                    .arg(typeText(type)).arg(inv.counts.size()).arg(differing),
                               seq, differing > 0, false);
        m.insert(QStringLiteral("differing"), differing);
        return m;
    }, [this] { Q_EMIT changed(); });
}

void InventoryController::keepDraft(const QVariantMap &draft)
{
    const QString type = draft.value(QStringLiteral("type")).toString();
    if (type.isEmpty())
        return;
    if (countedIn(draft.value(QStringLiteral("counts")).toMap()) == 0)
        drafts().remove(type);
    else
        drafts().insert(type, draft);
}

QVariantMap InventoryController::draft(const QString &type) const
{
    QVariantMap d = drafts().value(type);
    if (!d.isEmpty())
        d.insert(QStringLiteral("counted"), countedIn(d.value(QStringLiteral("counts")).toMap()));
    return d;
}

void InventoryController::dropDraft(const QString &type)
{
    drafts().remove(type);
}

} // namespace cii
