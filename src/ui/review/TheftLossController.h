#pragma once

#include <QDate>
#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace cii {
class Counter;
class LedgerQueries;

/// The theft-or-loss screen's controller (docs/SUPERVISOR.md): every theft or loss on record, each as a DEA
/// Form 106 worksheet prefilled from the records (the registrant, the product's NDC, name, strength and form, the
/// quantity, the discovery date, the type, the circumstances), its two deadlines (the DEA notice within one
/// business day of discovery, the form within 45 days) shown until met, and the recording of each: the date it
/// was sent or filed and its reference. The Ledger checks who may (pharmacists and above) and every field.
/// One instance, built in the composition root (UiServices); QML gets it as a singleton.
class TheftLossController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    /// `queries` null: no store is open (every read is empty, every command refused).
    TheftLossController(Counter *counter, const LedgerQueries *queries, QObject *parent = nullptr);
    static TheftLossController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(TheftLossController *instance);

    /// Newest first: [{id, product, quantity, unit, discoveryDate, lossType, noticeState, formState, open}] where a
    /// state is {text, overdue, done}; `open` while either deadline is unmet.
    Q_INVOKABLE QVariantList reports() const;
    /// The worksheet for one report: the registrant (name, address, DEA number), the product (ndc, name, strength,
    /// form, unit), quantity, discoveryDate, lossType, lossTypeText, kind, kindText, policeReport, circumstances, noticeDue, noticeSent,
    /// noticeReference, formDue, formFiled, formReference, noticeState, formState, discrepancyId. {found: false} if none.
    Q_INVOKABLE QVariantMap worksheet(qint64 id) const;
    /// `what`: "notice" or "form". {ok, message}.
    Q_INVOKABLE QVariantMap recordFiling(qint64 id, const QString &what, const QString &date, const QString &reference);

    static QString lossTypeText(const QString &type);

Q_SIGNALS:
    void changed();

private:
    /// Today in the pharmacy's zone.
    QDate today() const;

    Counter *m_counter;
    const LedgerQueries *m_queries;
};

} // namespace cii
