#pragma once

#include <QHash>
#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace cii {
class Counter;
class LedgerQueries;

/// The guided count's controller (docs/SUPERVISOR.md): a periodic reconciliation (per the pharmacy's cadence;
/// California 16 CCR 1715.65 is the model) or the biennial or annual inventory. Every active CII product and every
/// product holding stock is counted, blind (the records' balance is not shown), at the opening or close of business, then signed by the
/// pharmacist-in-charge's PIN; differences open discrepancies for review. The Ledger checks the role, that every
/// product is counted once, and every field; this class only gathers and reports. One instance, built in the
/// composition root (UiServices); QML gets it as a singleton.
class InventoryController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool canSign READ canSign NOTIFY permissionsChanged)
public:
    /// `queries` null: no store is open (every read is empty, every command refused).
    InventoryController(Counter *counter, const LedgerQueries *queries, QObject *parent = nullptr);
    static InventoryController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(InventoryController *instance);

    bool canSign() const;
    /// What is counted: every active product and every inactive one holding stock, by name:
    /// [{ndc11, name, strength, ndc, baseUnit}].
    Q_INVOKABLE QVariantList products() const;
    /// The pharmacy's cadence and what was done last: {cadenceDays, lastReconciliation, lastInventory, overdue}
    /// ("never" where none was taken; `overdue` counts products whose last matching count is older than the cadence).
    Q_INVOKABLE QVariantMap status() const;
    /// Every due date the records know of (DueDates.h), earliest first: [{what, due, rule, overdue}].
    Q_INVOKABLE QVariantList dueDates() const;
    /// Records the counts ([{ndc11, counted}], every active product) as one signed event. A blank count refuses the
    /// whole inventory, naming the products not yet counted. `counters` [{personId, secret}]: who counted, each
    /// signing with their own PIN (the signer's own is `pin`); empty: the signer counted alone. {ok, message, seq, differing}.
    Q_INVOKABLE QVariantMap take(const QString &type, const QString &timing, const QString &date, const QVariantList &counters,
                                 const QVariantList &rows, const QString &pin);

    /// A count in progress, kept so that the idle lock (which replaces the counter's pages) loses nothing typed:
    /// {type, counts: {ndc11: text}, timing, date, firstCounter, secondCounter} (who counted, never a PIN), one per type, in this process's memory only (not a
    /// record: nothing is until the count is signed). keepDraft with no count typed drops it.
    Q_INVOKABLE void keepDraft(const QVariantMap &draft);
    /// The kept count of this type with `counted` (how many products have a count), or an empty map.
    Q_INVOKABLE QVariantMap draft(const QString &type) const;
    Q_INVOKABLE void dropDraft(const QString &type);

Q_SIGNALS:
    void changed();
    void permissionsChanged();

private:
    /// The counts in progress of this store, by type.
    QHash<QString, QVariantMap> &drafts() const;

    Counter *m_counter;
    const LedgerQueries *m_queries;
};

} // namespace cii
