#include "InventoryController.h"

#include "Counter.h"
#include "RecordNames.h"
#include "Roles.h"
#include "Store.h"

#include <QHash>

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

/// The counts in progress of the open store, by type (GUI thread only): they outlive the pages, which the idle
/// lock destroys. Keyed by the store's file as well, so that another store (a restore, a test) never sees them.
QHash<QString, QVariantMap> &drafts()
{
    static QHash<QString, QHash<QString, QVariantMap>> byStore;
    Counter *c = Counter::instance();
    return byStore[c && c->store() ? c->store()->path() : QString()];
}

} // namespace

InventoryController::InventoryController(QObject *parent)
    : QObject(parent)
{
}

bool InventoryController::canSign() const
{
    return Counter::signedInMay(Action::TakeInventory);
}

QVariantList InventoryController::products() const
{
    QVariantList list;
    Counter *c = Counter::instance();
    if (!c || !c->store())
        return list;
    sql::Query q(c->store()->db(), "SELECT ndc11, name, strength, ndc, base_unit FROM products WHERE active = 1 ORDER BY name COLLATE NOCASE, strength");
    while (q.next())
        list.append(QVariantMap{{QStringLiteral("ndc11"), q.text(0)}, {QStringLiteral("name"), q.text(1)}, {QStringLiteral("strength"), q.text(2)},
                                {QStringLiteral("ndc"), q.text(3)}, {QStringLiteral("baseUnit"), q.text(4)}});
    return list;
}

QVariantMap InventoryController::status() const
{
    Counter *c = Counter::instance();
    if (!c || !c->ledger())
        return {};
    sql::Database &db = c->store()->db();
    QVariantMap m{{QStringLiteral("overdue"), c->ledger()->overdueReconciliations().size()}};
    {
        sql::Query q(db, "SELECT cadence_days FROM pharmacy WHERE id = 1");
        m.insert(QStringLiteral("cadenceDays"), q.next() ? q.int64(0) : 30);
    }
    sql::Query q(db, "SELECT max(CASE WHEN type = 'reconciliation' THEN taken_date END), max(CASE WHEN type <> 'reconciliation' THEN taken_date END) FROM inventories");
    q.next();
    m.insert(QStringLiteral("lastReconciliation"), q.isNull(0) ? QStringLiteral("never") : q.text(0));
    m.insert(QStringLiteral("lastInventory"), q.isNull(1) ? QStringLiteral("never") : q.text(1));
    return m;
}

QVariantMap InventoryController::take(const QString &type, const QString &timing, const QString &date, const QString &countedBy,
                                      const QVariantList &rows, const QString &pin)
{
    Inventory inv;
    inv.type = type;
    inv.timing = timing;
    inv.date = date.trimmed();
    inv.countedBy = countedBy;
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
    return Counter::command([&](Counter &c, const Session &s) {
        const auto discrepancies = [&c] {
            sql::Query q(c.store()->db(), "SELECT count(*) FROM discrepancies");
            return q.next() ? q.int64(0) : 0;
        };
        const qint64 before = discrepancies();
        const qint64 seq = c.ledger()->takeInventory(s, inv);
        const qint64 differing = discrepancies() - before;
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
