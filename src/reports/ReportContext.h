#pragma once

#include "RecordNames.h"
#include "Report.h"

#include <QCborMap>
#include <QHash>
#include <QTimeZone>

namespace cii::sql {
class Database;
}

namespace cii::reports {

/// What every report's builder needs: the store, the pharmacy's zone, names of people and products, and the
/// range. Internal to the builders.
struct Context
{
    sql::Database &db;
    Request request;
    Progress progress;
    qint64 fromMs = 0, toMs = 0; ///< [fromMs, toMs): the range's first and last day in the pharmacy's zone
    qint64 headSeq = 0;
    RecordNames names;           ///< people, products, the pharmacy's zone
    QString pharmacyState;       ///< "CA": the state whose rules the notes state beside the DEA's

    QString person(const QString &id) const { return names.person(id); }
    QString productName(const QString &ndc11) const { return names.productName(ndc11); } ///< "Oxycodone HCl 5 mg tablet"
    QString ndc(const QString &ndc11) const { return names.ndc(ndc11); }                 ///< as labelled
    QString dateTime(qint64 atMs) const { return names.dateTime(atMs); }                 ///< "2026-11-25 14:03"
    QString date(qint64 atMs) const { return names.date(atMs); }                         ///< "2026-11-25"
    bool inRange(const QString &isoDate) const;
    bool inRangeMs(qint64 atMs) const { return atMs >= fromMs && atMs < toMs; }
    /// Reports progress; throws Cancelled when asked to stop.
    void tick(qint64 done, qint64 total) const;
    /// Visits the events of these kinds in journal order (payload decoded), ticking progress by seq.
    void forEvents(const QStringList &kinds, const std::function<void(qint64 seq, qint64 atMs, const QString &actor,
                                                                     const QString &kind, const QCborMap &p)> &visit) const;
    /// The same with each payload as it is stored (CBOR), for a reader that decodes only what it needs. Reports
    /// the first half of the progress: the reader's second pass reports the rest.
    void forEventPayloads(const QStringList &kinds,
                          const std::function<void(qint64 seq, const QString &kind, const QByteArray &payload)> &visit) const;
};

QString str(const QCborMap &m, const char *key);
qint64 num(const QCborMap &m, const char *key);
QString number(qint64 n); ///< "1,250"
/// The entry kinds of the `entries` table in words: "receive" -> "Received".
QString entryKindText(const QString &kind);
/// The rules on reporting a theft or loss, each with its citation: the DEA's, and the pharmacy's state's where
/// the reports know it (California). For the notes of the reconciliation and of the theft and loss records.
QStringList lossRules(const Context &c);

Report buildReceiving(Context &c);
Report buildDispensing(Context &c);
Report buildProductLedger(Context &c);
Report buildDestruction(Context &c);
Report buildTheftLoss(Context &c);
Report buildReconciliation(Context &c);
Report buildInventory(Context &c);
Report buildActivity(Context &c);
Report buildAuditLog(Context &c);
Report buildForm106(Context &c); ///< request.theftLossId, checked by build()

} // namespace cii::reports
