#include "RecordsCli.h"

#include "Args.h"
#include "Catalog.h"
#include "DueDates.h"
#include "CiiError.h"
#include "Ledger.h"
#include "LedgerQueries.h"
#include "PartialFills.h"
#include "Quantities.h"
#include "Store.h"
#include "Validation.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QLocale>

namespace cii {

using validate::invalid;

namespace {

QString number(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

/// "30 tablets", "1 tablet": Quantities.h says it once for the app and the command line.
QString quantity(qint64 n, const QString &unit)
{
    return quantityText(n, unit);
}

/// A recorded time as the pharmacy reads it: in its own time zone.
QString shownTime(qint64 ms, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

/// The start of `date`'s day in the pharmacy's zone, as UTC milliseconds; `option` names it in the refusal.
qint64 startOfDay(const QString &op, const QString &option, const QString &text, const QTimeZone &zone)
{
    const QDate d = QDate::fromString(text.trimmed(), Qt::ISODate);
    if (!d.isValid())
        throw invalid(op, QStringLiteral("--%1").arg(option),
                      QStringLiteral("must be a date written YYYY-MM-DD (got \"%1\")").arg(CiiError::excerpt(text)));
    return d.startOfDay(zone).toMSecsSinceEpoch();
}

} // namespace

QJsonObject listProducts(Store &store)
{
    QJsonArray products;
    QString text;
    for (const CatalogProduct &c : LedgerQueries(store.db()).catalogProducts({}, std::numeric_limits<int>::max())) {
        const ProductInfo &p = c.product;
        const qint64 balance = c.onHand;
        products.append(QJsonObject{{QStringLiteral("ndc11"), p.ndc11}, {QStringLiteral("ndc"), p.ndc},
                                    {QStringLiteral("displayName"), p.displayName()}, {QStringLiteral("name"), p.name},
                                    {QStringLiteral("strength"), p.strength}, {QStringLiteral("dosageForm"), p.dosageForm},
                                    {QStringLiteral("packageSize"), p.packageSize}, {QStringLiteral("baseUnit"), p.baseUnit},
                                    {QStringLiteral("schedule"), p.schedule}, {QStringLiteral("active"), p.active},
                                    {QStringLiteral("balance"), balance}, {QStringLiteral("reorderPoint"), c.reorderPoint}});
        text += QStringLiteral("%1  %2  %3 on hand%4%5\n").arg(p.ndc, p.displayName(), quantity(balance, p.baseUnit),
                                                                 c.reorderPoint ? QStringLiteral(", reorder at %1").arg(c.reorderPoint) : QString(),
                                                                 p.active ? QString() : QStringLiteral(" (inactive)"));
    }
    QJsonObject o{{QStringLiteral("ok"), true},
                  {QStringLiteral("message"), products.isEmpty() ? QStringLiteral("The catalog is empty.") : text.trimmed()}};
    o.insert(QStringLiteral("products"), products);
    return o;
}

QJsonObject listRxFills(Store &store, const QString &rxText)
{
    const QString op = QStringLiteral("show the prescription");
    const QString rx = validate::text(op, QStringLiteral("The Rx number"), rxText, 40);
    const LedgerQueries queries(store.db());
    const std::optional<RxStatus> status = queries.rx(rx);
    if (!status)
        throw invalid(op, QStringLiteral("The Rx number \"%1\"").arg(CiiError::excerpt(rx)), QStringLiteral("has no fill recorded here"));
    const QTimeZone zone = queries.pharmacy().zone();
    const QHash<QString, QString> names = queries.personNames();
    const std::optional<ProductInfo> product = Catalog(store.db()).product(status->ndc11);
    const QString unit = product ? product->baseUnit : QString();
    QJsonArray fills;
    QString text = QStringLiteral("Rx %1: %2\nPrescribed %3; dispensed %4; left %5%6.\n")
                       .arg(rx, product ? product->displayName() : status->ndc11, number(status->prescribed), number(status->dispensed),
                            number(status->remaining()), status->closedSeq ? QStringLiteral(" (closed by entry %1: void)").arg(status->closedSeq) : QString());
    if (!status->dateWritten.isEmpty()) {
        const PartialFill kind = partialFillFromName(status->partialKind).value_or(PartialFill::None);
        text += QStringLiteral("Written %1 by %2 (DEA %3); %4").arg(status->dateWritten, status->prescriberName, status->prescriberDea,
                                                                   partialFillText(kind));
        text += kind == PartialFill::None ? QStringLiteral(".\n")
                                          : QStringLiteral(": fills until %1.\n").arg(lastFillDate(kind, QDate::fromString(status->dateWritten, Qt::ISODate),
                                                                                                  QDate::fromString(status->firstFillDate, Qt::ISODate))
                                                                                         .toString(Qt::ISODate));
    }
    for (const RxFill &f : queries.rxFills(rx)) {
        const QString who = names.value(f.actor, f.actor);
        fills.append(QJsonObject{{QStringLiteral("entry"), f.seq}, {QStringLiteral("kind"), f.kind}, {QStringLiteral("ndc11"), f.ndc11},
                                 {QStringLiteral("quantity"), f.quantity}, {QStringLiteral("fillDate"), f.fillDate},
                                 {QStringLiteral("recorded"), shownTime(f.atMs, zone)}, {QStringLiteral("by"), who},
                                 {QStringLiteral("voidedBy"), f.voidSeq}});
        const QString what = f.kind == QLatin1String("dispense")
            ? QStringLiteral("filled %1 on %2").arg(quantity(f.quantity, unit), f.fillDate)
            : QStringLiteral("returned %1 to stock").arg(quantity(-f.quantity, unit));
        text += QStringLiteral("  entry %1: %2 (recorded %3 by %4)%5\n").arg(f.seq).arg(what, shownTime(f.atMs, zone), who,
                    f.voidSeq ? QStringLiteral(", voided by entry %1").arg(f.voidSeq) : QString());
    }
    QJsonObject o{{QStringLiteral("ok"), true}, {QStringLiteral("message"), text.trimmed()}, {QStringLiteral("rx"), rx},
                  {QStringLiteral("dateWritten"), status->dateWritten}, {QStringLiteral("prescriber"), status->prescriberName},
                  {QStringLiteral("prescriberDea"), status->prescriberDea}, {QStringLiteral("partialKind"), status->partialKind},
                  {QStringLiteral("closedBy"), status->closedSeq},
                  {QStringLiteral("ndc11"), status->ndc11}, {QStringLiteral("prescribed"), status->prescribed},
                  {QStringLiteral("dispensed"), status->dispensed}, {QStringLiteral("remaining"), status->remaining()}};
    o.insert(QStringLiteral("fills"), fills);
    return o;
}

QJsonObject listEntries(Store &store, const Args &args)
{
    const QString op = QStringLiteral("list the entries");
    const QString ndc11 = Ledger(store).resolveProduct(args.value(QStringLiteral("ndc")));
    const LedgerQueries queries(store.db());
    const QTimeZone zone = queries.pharmacy().zone();
    EntryFilter filter;
    if (args.has(QStringLiteral("from")))
        filter.fromMs = startOfDay(op, QStringLiteral("from"), args.value(QStringLiteral("from")), zone);
    if (args.has(QStringLiteral("to")))
        filter.toMs = QDateTime::fromMSecsSinceEpoch(startOfDay(op, QStringLiteral("to"), args.value(QStringLiteral("to")), zone), zone)
                          .addDays(1).toMSecsSinceEpoch(); // the whole last day
    if (filter.toMs <= filter.fromMs)
        throw invalid(op, QStringLiteral("--to"), QStringLiteral("must not be before --from"));
    bool ok = true;
    const qint64 limit = args.has(QStringLiteral("limit")) ? args.value(QStringLiteral("limit")).trimmed().toLongLong(&ok) : 50;
    if (!ok || limit < 1 || limit > 100000)
        throw invalid(op, QStringLiteral("--limit"), QStringLiteral("must be a whole number from 1 to 100,000"));
    const QHash<QString, QString> names = queries.personNames();
    const std::optional<ProductInfo> product = Catalog(store.db()).product(ndc11);
    QJsonArray entries;
    QString text;
    for (const LedgerEntry &e : queries.entriesBefore(ndc11, std::numeric_limits<qint64>::max(), filter, int(limit))) {
        const QString who = names.value(e.actor, e.actor);
        entries.append(QJsonObject{{QStringLiteral("entry"), e.seq}, {QStringLiteral("recorded"), shownTime(e.atMs, zone)},
                                   {QStringLiteral("kind"), e.kind}, {QStringLiteral("change"), e.delta},
                                   {QStringLiteral("balanceAfter"), e.balanceAfter}, {QStringLiteral("reference"), e.reference},
                                   {QStringLiteral("by"), who}, {QStringLiteral("corrects"), e.correctsSeq},
                                   {QStringLiteral("voidedBy"), e.voidSeq}});
        text += QStringLiteral("%1  %2  %3  %4%5  balance %6  %7  %8%9\n")
                    .arg(e.seq).arg(shownTime(e.atMs, zone), e.kind, e.delta > 0 ? QStringLiteral("+") : QString(), number(e.delta),
                         number(e.balanceAfter), e.reference, who,
                         e.voidSeq ? QStringLiteral("  (voided by %1)").arg(e.voidSeq) : QString());
    }
    const QString title = product ? product->displayName() : ndc11;
    QJsonObject o{{QStringLiteral("ok"), true},
                  {QStringLiteral("message"), entries.isEmpty() ? QStringLiteral("%1: no entries in that range.").arg(title)
                                                                : QStringLiteral("%1 (newest first)\n%2").arg(title, text.trimmed())},
                  {QStringLiteral("ndc11"), ndc11}};
    o.insert(QStringLiteral("entries"), entries);
    return o;
}

QJsonObject listToVerify(Store &store)
{
    const LedgerQueries queries(store.db());
    const QTimeZone zone = queries.pharmacy().zone();
    const QHash<QString, QString> names = queries.personNames();
    Catalog catalog(store.db());
    QJsonArray waiting;
    QString text;
    for (const DispenseToVerify &d : queries.dispensesToVerify()) {
        const std::optional<ProductInfo> p = catalog.product(d.ndc11);
        const QString who = names.value(d.recordedBy, d.recordedBy);
        waiting.append(QJsonObject{{QStringLiteral("entry"), d.seq}, {QStringLiteral("rx"), d.rx}, {QStringLiteral("ndc11"), d.ndc11},
                                   {QStringLiteral("quantity"), d.quantity}, {QStringLiteral("recordedBy"), who},
                                   {QStringLiteral("recorded"), shownTime(d.atMs, zone)}});
        text += QStringLiteral("entry %1: Rx %2, %3 of %4 (recorded %5 by %6)\n").arg(d.seq).arg(d.rx, quantity(d.quantity, p ? p->baseUnit : QString()),
                                                                                     p ? p->displayName() : d.ndc11, shownTime(d.atMs, zone), who);
    }
    QJsonObject o{{QStringLiteral("ok"), true},
                  {QStringLiteral("message"), waiting.isEmpty() ? QStringLiteral("No dispense waits for verification.") : text.trimmed()}};
    o.insert(QStringLiteral("toVerify"), waiting);
    return o;
}

QJsonObject listDueDates(Store &store)
{
    const QDate today = QDate::fromString(Ledger(store).todayInPharmacy(), Qt::ISODate);
    QJsonArray due;
    QString text;
    for (const DueDate &d : dueDates(store.db(), today)) {
        const QString when = d.due.toString(Qt::ISODate);
        due.append(QJsonObject{{QStringLiteral("what"), d.what}, {QStringLiteral("due"), when}, {QStringLiteral("overdue"), d.overdue(today)},
                               {QStringLiteral("rule"), d.rule}});
        text += QStringLiteral("%1  %2%3: %4\n").arg(when, d.what, d.overdue(today) ? QStringLiteral(" (OVERDUE)") : QString(), d.rule);
    }
    QJsonObject o{{QStringLiteral("ok"), true}, {QStringLiteral("message"), due.isEmpty() ? QStringLiteral("Nothing is due.") : text.trimmed()}};
    o.insert(QStringLiteral("due"), due);
    return o;
}

QJsonObject showProfile(Store &store)
{
    const LedgerQueries queries(store.db());
    const PharmacyRow p = queries.pharmacy();
    const int idle = queries.idleMinutes();
    if (!p.exists)
        throw invalid(QStringLiteral("show the pharmacy profile"), QStringLiteral("The pharmacy"),
                      QStringLiteral("is not set up yet"), QStringLiteral("Run 'ciictl setup' first."));
    const QString text = QStringLiteral("%1\n%2\nDEA number: %3\nState: %4\nTime zone: %5\nReconciliation every %6 days%7")
                             .arg(p.name, p.address, p.dea, p.state, p.timezone, QString::number(p.cadenceDays),
                                  (p.deaExpiry.isEmpty() ? QString() : QStringLiteral("\nDEA registration expires: ") + p.deaExpiry)
                                      + (p.licenseExpiry.isEmpty() ? QString() : QStringLiteral("\nState licence expires: ") + p.licenseExpiry)
                                      + QStringLiteral("\nThe counter locks after %1 idle %2").arg(idle).arg(idle == 1 ? QStringLiteral("minute") : QStringLiteral("minutes")));
    return {{QStringLiteral("ok"), true}, {QStringLiteral("message"), text}, {QStringLiteral("name"), p.name},
            {QStringLiteral("address"), p.address}, {QStringLiteral("dea"), p.dea}, {QStringLiteral("state"), p.state},
            {QStringLiteral("timezone"), p.timezone}, {QStringLiteral("cadenceDays"), p.cadenceDays},
            {QStringLiteral("deaExpiry"), p.deaExpiry}, {QStringLiteral("licenseExpiry"), p.licenseExpiry},
            {QStringLiteral("idleMinutes"), idle}};
}

} // namespace cii
