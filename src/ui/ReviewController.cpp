#include "ReviewController.h"

#include "Clock.h"
#include "Counter.h"
#include "RecordNames.h"
#include "ReportContext.h"
#include "Roles.h"
#include "Store.h"

namespace cii {

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000;

Store *store()
{
    Counter *c = Counter::instance();
    return c ? c->store() : nullptr;
}

QString sourceText(const QString &source)
{
    if (source == QLatin1String("inventory"))
        return QStringLiteral("an inventory");
    if (source == QLatin1String("override"))
        return QStringLiteral("a dispense over the recorded balance");
    return QStringLiteral("a count");
}

} // namespace

ReviewController::ReviewController(QObject *parent)
    : QObject(parent)
{
}

bool ReviewController::canReview() const
{
    return Counter::signedInMay(Action::ReviewDiscrepancy);
}

bool ReviewController::canResolve() const
{
    return Counter::signedInMay(Action::ResolveDiscrepancy);
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

QVariantList ReviewController::queue(const QString &status, const QString &sort) const
{
    QVariantList list;
    Store *s = store();
    if (!s)
        return list;
    const RecordNames names = RecordNames::read(s->db());
    const qint64 now = s->clock().nowMs();
    // The statuses are fixed words: chosen here, never spliced from the caller's text.
    const char *sql = sort == QLatin1String("size")
        ? "SELECT id, ndc11, expected, counted, difference, status, source, opened_ms, opened_by FROM discrepancies "
          "WHERE (?1 = 'all' OR status = ?1 OR (?1 = 'active' AND status IN ('open', 'in_review'))) ORDER BY abs(difference) DESC, opened_ms"
        : "SELECT id, ndc11, expected, counted, difference, status, source, opened_ms, opened_by FROM discrepancies "
          "WHERE (?1 = 'all' OR status = ?1 OR (?1 = 'active' AND status IN ('open', 'in_review'))) ORDER BY opened_ms, id";
    sql::Query q(s->db(), sql);
    q.bind(1, status);
    while (q.next()) {
        const RecordNames::Product p = names.product(q.text(1));
        list.append(QVariantMap{
            {QStringLiteral("id"), q.int64(0)}, {QStringLiteral("ndc11"), q.text(1)}, {QStringLiteral("product"), names.shortName(q.text(1))},
            {QStringLiteral("ndc"), p.ndc}, {QStringLiteral("unit"), p.unit}, {QStringLiteral("expected"), q.int64(2)},
            {QStringLiteral("counted"), q.int64(3)}, {QStringLiteral("difference"), q.int64(4)},
            {QStringLiteral("status"), q.text(5)}, {QStringLiteral("statusText"), statusText(q.text(5))},
            {QStringLiteral("source"), sourceText(q.text(6))}, {QStringLiteral("openedAt"), names.dateTime(q.int64(7))},
            {QStringLiteral("ageDays"), qMax<qint64>(0, (now - q.int64(7)) / kDayMs)},
            {QStringLiteral("openedBy"), names.person(q.text(8))}});
    }
    return list;
}

int ReviewController::activeCount() const
{
    Store *s = store();
    if (!s)
        return 0;
    sql::Query q(s->db(), "SELECT count(*) FROM discrepancies WHERE status IN ('open', 'in_review')");
    return q.next() ? int(q.int64(0)) : 0;
}

QVariantList ReviewController::overdue() const
{
    QVariantList list;
    Counter *c = Counter::instance();
    if (!c || !c->ledger())
        return list;
    const qint64 cutoff = c->ledger()->reconciliationCutoffMs();
    const qint64 now = c->store()->clock().nowMs();
    const RecordNames names = RecordNames::read(c->store()->db());
    sql::Query q(c->store()->db(), "SELECT p.ndc11, c.at_ms FROM products p LEFT JOIN last_matching_counts c ON c.ndc11 = p.ndc11 "
                                   "WHERE p.active = 1 AND (c.at_ms IS NULL OR c.at_ms < ?) ORDER BY c.at_ms IS NOT NULL, c.at_ms, p.name");
    q.bind(1, cutoff);
    while (q.next()) {
        const RecordNames::Product p = names.product(q.text(0));
        const bool never = q.isNull(1);
        list.append(QVariantMap{{QStringLiteral("ndc11"), q.text(0)}, {QStringLiteral("product"), names.shortName(q.text(0))}, {QStringLiteral("ndc"), p.ndc},
                                {QStringLiteral("lastMatching"), never ? QStringLiteral("never") : names.date(q.int64(1))},
                                {QStringLiteral("daysSince"), never ? -1 : (now - q.int64(1)) / kDayMs}});
    }
    return list;
}

QVariantMap ReviewController::detail(qint64 id) const
{
    Store *s = store();
    if (!s)
        return {{QStringLiteral("found"), false}};
    const RecordNames names = RecordNames::read(s->db());
    QVariantMap d;
    qint64 openedSeq = 0, sinceSeq = 0;
    QString ndc11;
    {
        sql::Query q(s->db(), "SELECT d.ndc11, d.expected, d.counted, d.difference, d.status, d.source, d.opened_ms, d.opened_by, "
                              "d.since_seq, d.review_note, d.reason_code, d.note, d.resolved_by, e.at_ms, d.opened_seq, "
                              "(SELECT at_ms FROM events WHERE seq = d.since_seq), (SELECT id FROM theft_loss WHERE discrepancy_id = d.id) "
                              "FROM discrepancies d LEFT JOIN events e ON e.seq = d.resolved_seq WHERE d.id = ?");
        q.bind(1, id);
        if (!q.next())
            return {{QStringLiteral("found"), false}};
        ndc11 = q.text(0);
        sinceSeq = q.int64(8);
        openedSeq = q.int64(14);
        const RecordNames::Product p = names.product(ndc11);
        d = {{QStringLiteral("found"), true}, {QStringLiteral("id"), id}, {QStringLiteral("ndc11"), ndc11},
             {QStringLiteral("product"), names.shortName(ndc11)}, {QStringLiteral("form"), p.form}, {QStringLiteral("ndc"), p.ndc},
             {QStringLiteral("unit"), p.unit}, {QStringLiteral("expected"), q.int64(1)}, {QStringLiteral("counted"), q.int64(2)},
             {QStringLiteral("difference"), q.int64(3)}, {QStringLiteral("status"), q.text(4)},
             {QStringLiteral("statusText"), statusText(q.text(4))}, {QStringLiteral("source"), sourceText(q.text(5))},
             {QStringLiteral("openedAt"), names.dateTime(q.int64(6))}, {QStringLiteral("openedBy"), names.person(q.text(7))},
             {QStringLiteral("sinceText"), sinceSeq == 0 ? QStringLiteral("No count matched the records before this one: every entry is listed.")
                                                         : QStringLiteral("Since the last count that matched the records, on %1.").arg(names.dateTime(q.int64(15)))},
             {QStringLiteral("reviewNote"), q.text(9)}, {QStringLiteral("reasonCode"), q.text(10)},
             {QStringLiteral("reasonText"), q.isNull(10) ? QString() : reasonText(q.text(10))}, {QStringLiteral("note"), q.text(11)},
             {QStringLiteral("resolvedBy"), q.isNull(12) ? QString() : names.person(q.text(12))},
             {QStringLiteral("resolvedAt"), q.isNull(13) ? QString() : names.dateTime(q.int64(13))},
             {QStringLiteral("theftLossId"), q.isNull(16) ? 0 : q.int64(16)}};
        q.next(); // stepped to its end
    }
    QVariantList entries;
    sql::Query e(s->db(), "SELECT e.seq, e.at_ms, e.actor, e.kind, e.delta, e.balance_after, e.reference, v.void_seq FROM entries e "
                          "LEFT JOIN voided v ON v.seq = e.seq WHERE e.ndc11 = ? AND e.seq > ? AND e.seq <= ? ORDER BY e.seq");
    e.bind(1, ndc11).bind(2, sinceSeq).bind(3, openedSeq);
    while (e.next())
        entries.append(QVariantMap{{QStringLiteral("seq"), e.int64(0)}, {QStringLiteral("when"), names.dateTime(e.int64(1))},
                                   {QStringLiteral("who"), names.person(e.text(2))}, {QStringLiteral("what"), reports::entryKindText(e.text(3))},
                                   {QStringLiteral("delta"), e.int64(4)}, {QStringLiteral("balanceAfter"), e.int64(5)},
                                   {QStringLiteral("reference"), e.text(6)}, {QStringLiteral("voided"), !e.isNull(7)},
                                   {QStringLiteral("opening"), e.int64(0) == openedSeq}});
    d.insert(QStringLiteral("entries"), entries);
    return d;
}

QVariantMap ReviewController::startReview(qint64 id, const QString &note)
{
    return Counter::command([&](Counter &c, const Session &s) {
        const qint64 seq = c.ledger()->startReview(s, id, note);
        return c.done(tr("Discrepancy %1 is in review.").arg(id), seq, false, false);
    }, [this] { Q_EMIT changed(); });
}

QVariantMap ReviewController::resolve(qint64 id, const QString &reasonCode, const QString &note, const QString &pin)
{
    return Counter::command([&](Counter &c, const Session &s) {
        const qint64 seq = c.ledger()->resolveDiscrepancy(s, id, reasonCode, note, false, pin);
        return c.done(tr("Discrepancy %1 resolved: %2.").arg(id).arg(reasonText(reasonCode).toLower()), seq, false, false);
    }, [this] { Q_EMIT changed(); });
}

QVariantMap ReviewController::escalate(qint64 id, const QString &note, const QString &pin)
{
    return Counter::command([&](Counter &c, const Session &s) {
        const qint64 seq = c.ledger()->resolveDiscrepancy(s, id, QString(), note, true, pin);
        QVariantMap m = c.done(tr("Discrepancy %1 escalated as a theft or loss: notify the DEA within one business day, and file "
                                  "Form 106 within 45 days. The worksheet is under Theft or loss.").arg(id), seq, true, false);
        m.insert(QStringLiteral("theftLossId"), seq); // the report's id is the escalation's seq
        return m;
    }, [this] { Q_EMIT changed(); });
}

} // namespace cii
