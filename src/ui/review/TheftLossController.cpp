#include "TheftLossController.h"

#include "Counter.h"
#include "LedgerQueries.h"
#include "QmlInstance.h"
#include "RecordNames.h"
#include "Store.h"

#include <QDate>
#include <QJSEngine>

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


} // namespace

TheftLossController::TheftLossController(Counter *counter, const LedgerQueries *queries, QObject *parent)
    : QObject(parent)
    , m_counter(counter)
    , m_queries(queries)
{
    connect(m_counter, &Counter::changed, this, &TheftLossController::changed); // every commit, from any process
}

TheftLossController *TheftLossController::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<TheftLossController>::forQml();
}

void TheftLossController::setInstance(TheftLossController *instance)
{
    QmlInstance<TheftLossController>::set(instance);
}

QDate TheftLossController::today() const
{
    return QDate::fromString(m_counter->ledger() ? m_counter->ledger()->todayInPharmacy() : QString(), Qt::ISODate);
}

QString TheftLossController::lossTypeText(const QString &type)
{
    return RecordNames::lossTypeText(type);
}

QVariantList TheftLossController::reports() const
{
    QVariantList list;
    if (!m_queries)
        return list;
    const RecordNames names = RecordNames::read(m_counter->store()->db());
    const QDate now = today();
    for (const TheftLossRow &t : m_queries->theftLossReports()) {
        const RecordNames::Product p = names.product(t.ndc11);
        const QVariantMap notice = deadlineState(QStringLiteral("DEA notified"), t.noticeDue, t.noticeSent, t.noticeReference, now);
        const QVariantMap form = deadlineState(QStringLiteral("Form 106 filed"), t.formDue, t.formFiled, t.formReference, now);
        list.append(QVariantMap{{QStringLiteral("id"), t.id}, {QStringLiteral("product"), names.shortName(t.ndc11)},
                                {QStringLiteral("quantity"), t.quantity}, {QStringLiteral("unit"), p.unit},
                                {QStringLiteral("lossType"), lossTypeText(t.lossType)}, {QStringLiteral("discoveryDate"), t.discoveryDate},
                                {QStringLiteral("noticeState"), notice}, {QStringLiteral("formState"), form},
                                {QStringLiteral("open"), !notice.value(QStringLiteral("done")).toBool() || !form.value(QStringLiteral("done")).toBool()}});
    }
    return list;
}

QVariantMap TheftLossController::worksheet(qint64 id) const
{
    const std::optional<TheftLossRow> found = m_queries ? m_queries->theftLossReport(id) : std::nullopt;
    if (!found)
        return {{QStringLiteral("found"), false}};
    const TheftLossRow &t = *found;
    const PharmacyRow pharmacy = m_queries->pharmacy();
    QVariantMap w{{QStringLiteral("found"), true}, {QStringLiteral("id"), id}};
    if (pharmacy.exists) {
        w.insert(QStringLiteral("registrant"), pharmacy.name);
        w.insert(QStringLiteral("address"), pharmacy.address);
        w.insert(QStringLiteral("dea"), pharmacy.dea);
    }
    const RecordNames names = RecordNames::read(m_counter->store()->db());
    const RecordNames::Product p = names.product(t.ndc11);
    const QDate now = today();
    w.insert(QStringLiteral("ndc"), p.ndc);
    w.insert(QStringLiteral("name"), p.name);
    w.insert(QStringLiteral("strength"), p.strength);
    w.insert(QStringLiteral("form"), p.form);
    w.insert(QStringLiteral("unit"), p.unit);
    w.insert(QStringLiteral("quantity"), t.quantity);
    w.insert(QStringLiteral("lossType"), t.lossType);
    w.insert(QStringLiteral("lossTypeText"), lossTypeText(t.lossType));
    w.insert(QStringLiteral("discoveryDate"), t.discoveryDate);
    w.insert(QStringLiteral("circumstances"), t.circumstances);
    w.insert(QStringLiteral("kind"), t.kind);
    w.insert(QStringLiteral("kindText"), RecordNames::lossKindText(t.kind));
    w.insert(QStringLiteral("policeReport"), t.policeReport);
    w.insert(QStringLiteral("noticeDue"), t.noticeDue);
    w.insert(QStringLiteral("noticeSent"), t.noticeSent);
    w.insert(QStringLiteral("noticeReference"), t.noticeReference);
    w.insert(QStringLiteral("formDue"), t.formDue);
    w.insert(QStringLiteral("formFiled"), t.formFiled);
    w.insert(QStringLiteral("formReference"), t.formReference);
    w.insert(QStringLiteral("discrepancyId"), t.discrepancyId);
    w.insert(QStringLiteral("noticeState"), deadlineState(QStringLiteral("DEA notified"), t.noticeDue, t.noticeSent, t.noticeReference, now));
    w.insert(QStringLiteral("formState"), deadlineState(QStringLiteral("Form 106 filed"), t.formDue, t.formFiled, t.formReference, now));
    return w;
}

QVariantMap TheftLossController::recordFiling(qint64 id, const QString &what, const QString &date, const QString &reference)
{
    return m_counter->command([&](Counter &c, const Session &s) {
        const qint64 seq = c.ledger()->recordTheftLossFiling(s, id, what, date.trimmed(), reference);
        return c.done(what == QLatin1String("notice") ? tr("Recorded: the DEA was notified of report %1 on %2.").arg(id).arg(date.trimmed())
                                                      : tr("Recorded: Form 106 for report %1 was filed on %2.").arg(id).arg(date.trimmed()),
                      seq, false, false);
    }, [this] { Q_EMIT changed(); });
}

} // namespace cii
