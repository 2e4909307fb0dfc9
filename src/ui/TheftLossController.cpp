#include "TheftLossController.h"

#include "Counter.h"
#include "RecordNames.h"
#include "Store.h"

#include <QDate>

namespace cii {

namespace {

/// A deadline in words, as the worksheet shows it until it is met.
QVariantMap deadlineState(const QString &what, const QString &due, const QString &doneOn, const QString &reference, const QDate &today)
{
    if (!doneOn.isEmpty())
        return {{QStringLiteral("text"), QStringLiteral("%1 on %2 (reference %3)").arg(what, doneOn, reference)},
                {QStringLiteral("overdue"), false}, {QStringLiteral("done"), true}};
    const QDate d = QDate::fromString(due, Qt::ISODate);
    const qint64 days = today.daysTo(d);
    QString text;
    if (days < 0)
        text = QStringLiteral("Overdue: was due %1 (%2 day%3 ago)").arg(due).arg(-days).arg(days == -1 ? QString() : QStringLiteral("s"));
    else if (days == 0)
        text = QStringLiteral("Due today, %1").arg(due);
    else
        text = QStringLiteral("Due %1 (in %2 day%3)").arg(due).arg(days).arg(days == 1 ? QString() : QStringLiteral("s"));
    return {{QStringLiteral("text"), text}, {QStringLiteral("overdue"), days < 0}, {QStringLiteral("done"), false}};
}

QDate today()
{
    Counter *c = Counter::instance();
    return QDate::fromString(c && c->ledger() ? c->ledger()->todayInPharmacy() : QString(), Qt::ISODate);
}

} // namespace

TheftLossController::TheftLossController(QObject *parent)
    : QObject(parent)
{
}

QString TheftLossController::lossTypeText(const QString &type)
{
    if (type == QLatin1String("theft"))
        return QStringLiteral("Theft");
    if (type == QLatin1String("in-transit-loss"))
        return QStringLiteral("Lost in transit");
    return QStringLiteral("Loss");
}

QVariantList TheftLossController::reports() const
{
    QVariantList list;
    Counter *c = Counter::instance();
    if (!c || !c->store())
        return list;
    const RecordNames names = RecordNames::read(c->store()->db());
    const QDate now = today();
    sql::Query q(c->store()->db(), "SELECT id, ndc11, quantity, loss_type, discovery_date, notice_due, notice_sent, notice_reference, "
                                   "form_due, form_filed, form_reference FROM theft_loss ORDER BY id DESC");
    while (q.next()) {
        const RecordNames::Product p = names.product(q.text(1));
        const QVariantMap notice = deadlineState(QStringLiteral("DEA notified"), q.text(5), q.text(6), q.text(7), now);
        const QVariantMap form = deadlineState(QStringLiteral("Form 106 filed"), q.text(8), q.text(9), q.text(10), now);
        list.append(QVariantMap{{QStringLiteral("id"), q.int64(0)}, {QStringLiteral("product"), names.shortName(q.text(1))},
                                {QStringLiteral("quantity"), q.int64(2)}, {QStringLiteral("unit"), p.unit},
                                {QStringLiteral("lossType"), lossTypeText(q.text(3))}, {QStringLiteral("discoveryDate"), q.text(4)},
                                {QStringLiteral("noticeState"), notice}, {QStringLiteral("formState"), form},
                                {QStringLiteral("open"), !notice.value(QStringLiteral("done")).toBool() || !form.value(QStringLiteral("done")).toBool()}});
    }
    return list;
}

QVariantMap TheftLossController::worksheet(qint64 id) const
{
    Counter *c = Counter::instance();
    if (!c || !c->store())
        return {{QStringLiteral("found"), false}};
    sql::Database &db = c->store()->db();
    const RecordNames names = RecordNames::read(db);
    QVariantMap w{{QStringLiteral("found"), true}, {QStringLiteral("id"), id}};
    {
        sql::Query ph(db, "SELECT name, address, dea FROM pharmacy WHERE id = 1");
        if (ph.next()) {
            w.insert(QStringLiteral("registrant"), ph.text(0));
            w.insert(QStringLiteral("address"), ph.text(1));
            w.insert(QStringLiteral("dea"), ph.text(2));
        }
        ph.next();
    }
    sql::Query q(db, "SELECT ndc11, quantity, loss_type, discovery_date, circumstances, notice_due, notice_sent, notice_reference, "
                     "form_due, form_filed, form_reference, discrepancy_id FROM theft_loss WHERE id = ?");
    q.bind(1, id);
    if (!q.next())
        return {{QStringLiteral("found"), false}};
    const RecordNames::Product p = names.product(q.text(0));
    const QDate now = today();
    w.insert(QStringLiteral("ndc"), p.ndc);
    w.insert(QStringLiteral("name"), p.name);
    w.insert(QStringLiteral("strength"), p.strength);
    w.insert(QStringLiteral("form"), p.form);
    w.insert(QStringLiteral("unit"), p.unit);
    w.insert(QStringLiteral("quantity"), q.int64(1));
    w.insert(QStringLiteral("lossType"), q.text(2));
    w.insert(QStringLiteral("lossTypeText"), lossTypeText(q.text(2)));
    w.insert(QStringLiteral("discoveryDate"), q.text(3));
    w.insert(QStringLiteral("circumstances"), q.text(4));
    w.insert(QStringLiteral("noticeDue"), q.text(5));
    w.insert(QStringLiteral("noticeSent"), q.text(6));
    w.insert(QStringLiteral("noticeReference"), q.text(7));
    w.insert(QStringLiteral("formDue"), q.text(8));
    w.insert(QStringLiteral("formFiled"), q.text(9));
    w.insert(QStringLiteral("formReference"), q.text(10));
    w.insert(QStringLiteral("discrepancyId"), q.isNull(11) ? 0 : q.int64(11));
    w.insert(QStringLiteral("noticeState"), deadlineState(QStringLiteral("DEA notified"), q.text(5), q.text(6), q.text(7), now));
    w.insert(QStringLiteral("formState"), deadlineState(QStringLiteral("Form 106 filed"), q.text(8), q.text(9), q.text(10), now));
    return w;
}

QVariantMap TheftLossController::recordFiling(qint64 id, const QString &what, const QString &date, const QString &reference)
{
    return Counter::command([&](Counter &c, const Session &s) {
        const qint64 seq = c.ledger()->recordTheftLossFiling(s, id, what, date.trimmed(), reference);
        return c.done(what == QLatin1String("notice") ? tr("Recorded: the DEA was notified of report %1 on %2.").arg(id).arg(date.trimmed())
                                                      : tr("Recorded: Form 106 for report %1 was filed on %2.").arg(id).arg(date.trimmed()),
                      seq, false, false);
    }, [this] { Q_EMIT changed(); });
}

} // namespace cii
