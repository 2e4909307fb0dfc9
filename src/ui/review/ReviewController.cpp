#include "ReviewController.h"

#include "Clock.h"
#include "LedgerQueries.h"
#include "Counter.h"
#include "QmlInstance.h"
#include "RecordNames.h"
#include "ReportContext.h"
#include "Roles.h"
#include "Store.h"

#include <QJSEngine>

namespace cii {

namespace {
constexpr qint64 kDayMs = 24 * 3600 * 1000;

QString sourceText(const QString &source)
{
    if (source == QLatin1String("inventory"))
        return QStringLiteral("an inventory");
    if (source == QLatin1String("override"))
        return QStringLiteral("a dispense over the recorded balance");
    return QStringLiteral("a count");
}

} // namespace

ReviewController::ReviewController(Counter *counter, const LedgerQueries *queries, QObject *parent)
    : QObject(parent)
    , m_counter(counter)
    , m_queries(queries)
{
    connect(m_counter, &Counter::sessionChanged, this, &ReviewController::permissionsChanged);
    // Every commit, this app's or another process's (ciictl, seen by Store::checkOtherWriters): the screens read again.
    connect(m_counter, &Counter::changed, this, &ReviewController::changed);
}

ReviewController *ReviewController::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<ReviewController>::forQml();
}

void ReviewController::setInstance(ReviewController *instance)
{
    QmlInstance<ReviewController>::set(instance);
}

bool ReviewController::canReview() const
{
    return m_counter->sessionController()->may(Action::ReviewDiscrepancy);
}

bool ReviewController::canResolve() const
{
    return m_counter->sessionController()->may(Action::ResolveDiscrepancy);
}

QString ReviewController::statusText(const QString &status)
{
    if (status == QLatin1String("open"))
        return QStringLiteral("Open");
    if (status == QLatin1String("in_review"))
        return QStringLiteral("In review");
    if (status == QLatin1String("resolved"))
        return QStringLiteral("Resolved");
    if (status == QLatin1String("escalated"))
        return QStringLiteral("Escalated to theft or loss");
    return status;
}

QString ReviewController::reasonText(const QString &code)
{
    static const QHash<QString, QString> words{
        {QStringLiteral("counting-error"), QStringLiteral("Counting error (a recount matches)")},
        {QStringLiteral("unrecorded-dispense"), QStringLiteral("A dispense was not recorded")},
        {QStringLiteral("unrecorded-receipt"), QStringLiteral("A receipt was not recorded")},
        {QStringLiteral("data-entry-error"), QStringLiteral("A quantity was entered wrongly")},
        {QStringLiteral("breakage-or-spill"), QStringLiteral("Breakage or spill")},
        {QStringLiteral("other"), QStringLiteral("Other (said in the note)")},
        {QStringLiteral("theft-or-loss"), QStringLiteral("Escalated as a theft or loss")},
    };
    return words.value(code, code);
}

QVariantList ReviewController::reasons() const
{
    QVariantList list;
    for (const QString &code : Ledger::discrepancyReasons())
        list.append(QVariantMap{{QStringLiteral("id"), code}, {QStringLiteral("text"), reasonText(code)}});
    return list;
}

QVariantList ReviewController::lossTypes() const
{
    QVariantList list;
    for (const QString &code : Ledger::newLossTypes())
        list.append(QVariantMap{{QStringLiteral("id"), code},
                                {QStringLiteral("text"), code == QLatin1String("theft") ? tr("Theft") : tr("Loss")}});
    return list;
}

QVariantList ReviewController::queue(const QString &status, const QString &sort) const
{
    QVariantList list;
    if (!m_queries)
        return list;
    const RecordNames names = RecordNames::read(m_counter->store()->db());
    const qint64 now = m_counter->store()->clock().nowMs();
    const DiscrepancyOrder order = sort == QLatin1String("size") ? DiscrepancyOrder::BySize : DiscrepancyOrder::ByAge;
    for (const DiscrepancyRow &d : m_queries->discrepancies(status, order)) {
        const RecordNames::Product p = names.product(d.ndc11);
        list.append(QVariantMap{
            {QStringLiteral("id"), d.id}, {QStringLiteral("ndc11"), d.ndc11}, {QStringLiteral("product"), names.shortName(d.ndc11)},
            {QStringLiteral("ndc"), p.ndc}, {QStringLiteral("unit"), p.unit}, {QStringLiteral("expected"), d.expected},
            {QStringLiteral("counted"), d.counted}, {QStringLiteral("difference"), d.difference},
            {QStringLiteral("status"), d.status}, {QStringLiteral("statusText"), statusText(d.status)},
            {QStringLiteral("source"), sourceText(d.source)}, {QStringLiteral("openedAt"), names.dateTime(d.openedMs)},
            {QStringLiteral("ageDays"), qMax<qint64>(0, (now - d.openedMs) / kDayMs)},
            {QStringLiteral("openedBy"), names.person(d.openedBy)}});
    }
    return list;
}

int ReviewController::activeCount() const
{
    return m_queries ? m_queries->activeDiscrepancyCount() : 0;
}

QVariantList ReviewController::overdue() const
{
    QVariantList list;
    if (!m_queries || !m_counter->ledger())
        return list;
    const qint64 cutoff = m_counter->ledger()->reconciliationCutoffMs();
    const qint64 now = m_counter->store()->clock().nowMs();
    const RecordNames names = RecordNames::read(m_counter->store()->db());
    for (const MatchingCount &c : m_queries->countsOlderThan(cutoff)) {
        const RecordNames::Product p = names.product(c.ndc11);
        list.append(QVariantMap{{QStringLiteral("ndc11"), c.ndc11}, {QStringLiteral("product"), names.shortName(c.ndc11)}, {QStringLiteral("ndc"), p.ndc},
                                {QStringLiteral("lastMatching"), !c.atMs ? QStringLiteral("never") : names.date(*c.atMs)},
                                {QStringLiteral("daysSince"), !c.atMs ? -1 : (now - *c.atMs) / kDayMs},
                                {QStringLiteral("since"), names.date(c.sinceMs)}});
    }
    return list;
}

QVariantList ReviewController::countedToday() const
{
    QVariantList list;
    if (!m_queries || !m_counter->ledger())
        return list;
    const RecordNames names = RecordNames::read(m_counter->store()->db());
    for (const auto &[ndc11, matched] : m_queries->countedOn(m_counter->ledger()->todayInPharmacy()))
        list.append(QVariantMap{{QStringLiteral("ndc11"), ndc11}, {QStringLiteral("product"), names.shortName(ndc11)},
                                {QStringLiteral("ndc"), names.product(ndc11).ndc}, {QStringLiteral("matched"), matched}});
    return list;
}

QVariantMap ReviewController::detail(qint64 id) const
{
    const std::optional<DiscrepancyDetail> found = m_queries ? m_queries->discrepancy(id) : std::nullopt;
    if (!found)
        return {{QStringLiteral("found"), false}};
    const DiscrepancyDetail &q = *found;
    const RecordNames names = RecordNames::read(m_counter->store()->db());
    const RecordNames::Product p = names.product(q.ndc11);
    QVariantMap d{{QStringLiteral("found"), true}, {QStringLiteral("id"), id}, {QStringLiteral("ndc11"), q.ndc11},
         {QStringLiteral("product"), names.shortName(q.ndc11)}, {QStringLiteral("form"), p.form}, {QStringLiteral("ndc"), p.ndc},
         {QStringLiteral("unit"), p.unit}, {QStringLiteral("expected"), q.expected}, {QStringLiteral("counted"), q.counted},
         {QStringLiteral("difference"), q.difference}, {QStringLiteral("status"), q.status},
         {QStringLiteral("statusText"), statusText(q.status)}, {QStringLiteral("source"), sourceText(q.source)},
         {QStringLiteral("openedAt"), names.dateTime(q.openedMs)}, {QStringLiteral("openedBy"), names.person(q.openedBy)},
         {QStringLiteral("sinceText"), q.sinceSeq == 0 ? QStringLiteral("No count matched the records before this one: every entry is listed.")
                                                       : QStringLiteral("Since the last count that matched the records, on %1.").arg(names.dateTime(q.sinceAtMs))},
         {QStringLiteral("reviewNote"), q.reviewNote}, {QStringLiteral("reasonCode"), q.reasonCode.value_or(QString())},
         {QStringLiteral("reasonText"), q.reasonCode ? reasonText(*q.reasonCode) : QString()}, {QStringLiteral("note"), q.note},
         {QStringLiteral("resolvedBy"), q.resolvedBy ? names.person(*q.resolvedBy) : QString()},
         {QStringLiteral("resolvedAt"), q.resolvedAtMs ? names.dateTime(*q.resolvedAtMs) : QString()},
         {QStringLiteral("theftLossId"), q.theftLossId},
         {QStringLiteral("foundDate"), q.openedDate}, {QStringLiteral("lastMatchedDate"), q.sinceDate}};
    QVariantList entries;
    for (const LedgerEntry &e : m_queries->entriesBetween(q.ndc11, q.sinceSeq, q.openedSeq))
        entries.append(QVariantMap{{QStringLiteral("seq"), e.seq}, {QStringLiteral("when"), names.dateTime(e.atMs)},
                                   {QStringLiteral("who"), names.person(e.actor)}, {QStringLiteral("what"), reports::entryKindText(e.kind)},
                                   {QStringLiteral("delta"), e.delta}, {QStringLiteral("balanceAfter"), e.balanceAfter},
                                   {QStringLiteral("reference"), e.reference}, {QStringLiteral("voided"), e.voidSeq != 0},
                                   {QStringLiteral("opening"), e.seq == q.openedSeq}});
    d.insert(QStringLiteral("entries"), entries);
    // What a counting error's recount is checked against, shown before it is typed (the Ledger refuses another).
    if (const std::optional<RecountTarget> t = m_queries->recountTarget(id)) {
        d.insert(QStringLiteral("balanceNow"), t->balance);
        d.insert(QStringLiteral("recountTarget"), t->records);
        d.insert(QStringLiteral("movedSince"), t->movedSince);
        d.insert(QStringLiteral("recountSuperseded"), t->superseded);
    }
    return d;
}

QVariantMap ReviewController::startReview(qint64 id, const QString &note)
{
    return m_counter->command([&](Counter &c, const Session &s) {
        const qint64 seq = c.ledger()->startReview(s, id, note);
        return c.done(tr("Discrepancy %1 is in review.").arg(id), seq, false, false);
    }, [this] { Q_EMIT changed(); });
}

bool ReviewController::noteHoldsPin(const QString &note, const QString &pin)
{
    return pin.size() >= 4 && note.contains(pin);
}

QString ReviewController::pinInNoteMessage()
{
    return tr("The note holds your PIN: take it out of the note. The note stays in the record; the PIN must not.");
}

QVariantMap ReviewController::resolve(qint64 id, const QString &reasonCode, const QString &note, const QString &pin,
                                      const QString &recounted)
{
    if (noteHoldsPin(note, pin))
        return Counter::refused(pinInNoteMessage());
    return m_counter->command([&](Counter &c, const Session &s) {
        std::optional<qint64> shelf;
        if (!recounted.trimmed().isEmpty()) {
            bool ok = false;
            shelf = recounted.trimmed().toLongLong(&ok);
            if (!ok)
                return Counter::refused(tr("The recount must be a whole number (what the shelf holds)."));
        }
        const qint64 seq = c.ledger()->resolveDiscrepancy(s, id, reasonCode, note, false, pin, {}, shelf);
        if (shelf)
            return c.done(tr("Discrepancy %1 resolved: a counting error; the recount of %2 is recorded and the balance is %2.")
                              .arg(id).arg(*shelf), seq, false, false);
        return c.done(tr("Discrepancy %1 resolved: %2.").arg(id).arg(reasonText(reasonCode).toLower()), seq, false, false);
    }, [this] { Q_EMIT changed(); });
}

QVariantMap ReviewController::escalate(qint64 id, const QString &note, const QString &pin, const QString &discoveryDate,
                                       const QString &lossType, const QString &kind, const QString &policeReport)
{
    if (noteHoldsPin(note, pin))
        return Counter::refused(pinInNoteMessage());
    return m_counter->command([&](Counter &c, const Session &s) {
        const qint64 seq = c.ledger()->resolveDiscrepancy(s, id, QString(), note, true, pin, Escalation{discoveryDate, lossType, policeReport.trimmed(), kind});
        QVariantMap m = c.done(tr("Discrepancy %1 escalated as a theft or loss: notify the DEA within one business day, and file "
                                  "Form 106 within 45 days. The worksheet is under Theft or loss.").arg(id), seq, true, false);
        m.insert(QStringLiteral("theftLossId"), seq); // the report's id is the escalation's seq
        return m;
    }, [this] { Q_EMIT changed(); });
}

} // namespace cii
