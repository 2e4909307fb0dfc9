#include "ReportBuilder.h"

#include "CiiError.h"
#include "Clock.h"
#include "LedgerQueries.h"
#include "ReportContext.h"
#include "Sqlite.h"

#include <QCborValue>
#include <QDateTime>
#include <QLocale>

namespace cii::reports {

namespace {
const QString kOp = QStringLiteral("make the report");

CiiError refused(const QString &what, const QString &hint = {})
{
    return CiiError(CiiError::Code::InvalidInput, kOp, QString(), what, hint);
}
} // namespace

namespace {
const QList<KindInfo> &allKinds()
{
    static const QList<KindInfo> all{
        {Kind::Receiving, QStringLiteral("receiving"), QStringLiteral("Receiving log"),
         QStringLiteral("Every receipt by its Form 222 or CSOS order number, and transfers in from other registrants.")},
        {Kind::Dispensing, QStringLiteral("dispensing"), QStringLiteral("Dispensing log"),
         QStringLiteral("Every dispense by prescription number, and returns to stock.")},
        {Kind::ProductLedger, QStringLiteral("product-ledger"), QStringLiteral("Product ledger"),
         QStringLiteral("Every entry of a product with its running balance, starting from the balance carried forward.")},
        {Kind::Destruction, QStringLiteral("destruction"), QStringLiteral("Destruction and waste records"),
         QStringLiteral("Form 41 destructions with method, place and both witnesses, and witnessed waste.")},
        {Kind::TheftLoss, QStringLiteral("theft-loss"), QStringLiteral("Theft and loss records"),
         QStringLiteral("Form 106 reports with their deadlines, the notice sent and the form filed.")},
        {Kind::Reconciliation, QStringLiteral("reconciliation"), QStringLiteral("Reconciliation report"),
         QStringLiteral("Per product: the starting balance, what came in and went out, the counts and every difference.")},
        {Kind::Inventory, QStringLiteral("inventory"), QStringLiteral("Inventory report"),
         QStringLiteral("Each biennial, annual or reconciliation inventory, product by product, with who signed it.")},
        {Kind::Activity, QStringLiteral("activity"), QStringLiteral("Activity by person"),
         QStringLiteral("What each person recorded, entry by entry.")},
        {Kind::AuditLog, QStringLiteral("audit"), QStringLiteral("Audit log"),
         QStringLiteral("Sign-ins, failed sign-ins, lockouts, exports, people and settings changes.")},
        {Kind::Form106, QStringLiteral("form106"), QStringLiteral("DEA Form 106 worksheet"),
         QStringLiteral("One theft or loss report's facts as Form 106 asks for them, with its two deadlines.")},
    };
    return all;
}
} // namespace

const QList<KindInfo> &kinds()
{
    static const QList<KindInfo> ranges = [] {
        QList<KindInfo> list = allKinds();
        list.removeIf([](const KindInfo &k) { return k.kind == Kind::Form106; });
        return list;
    }();
    return ranges;
}

std::optional<Kind> kindFromId(const QString &id)
{
    for (const KindInfo &k : allKinds())
        if (k.id == id)
            return k.kind;
    return std::nullopt;
}

const KindInfo &info(Kind kind)
{
    for (const KindInfo &k : allKinds())
        if (k.kind == kind)
            return k;
    return allKinds().first();
}

QString Report::rangeText() const
{
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    return QStringLiteral("%1 to %2").arg(en.toString(from, QStringLiteral("d MMMM yyyy")), en.toString(to, QStringLiteral("d MMMM yyyy")));
}

QString str(const QCborMap &m, const char *key) { return m.value(QLatin1String(key)).toString(); }
qint64 num(const QCborMap &m, const char *key) { return m.value(QLatin1String(key)).toInteger(); }

QString number(qint64 n)
{
    if (n > -1000 && n < 1000) // most quantities: no separator to place, and QLocale takes ten times as long
        return QString::number(n);
    static const QLocale en(QLocale::English, QLocale::UnitedStates);
    return en.toString(n);
}

QString entryKindText(const QString &kind)
{
    static const QHash<QString, QString> words{
        {QStringLiteral("receive"), QStringLiteral("Received")},
        {QStringLiteral("dispense"), QStringLiteral("Dispensed")},
        {QStringLiteral("return-to-stock"), QStringLiteral("Returned to stock")},
        {QStringLiteral("adjustment"), QStringLiteral("Adjustment")},
        {QStringLiteral("count"), QStringLiteral("Count")},
        {QStringLiteral("void"), QStringLiteral("Void")},
        {QStringLiteral("transfer-in"), QStringLiteral("Transfer in")},
        {QStringLiteral("transfer-out"), QStringLiteral("Transfer out")},
        {QStringLiteral("return-to-supplier"), QStringLiteral("Returned to supplier")},
        {QStringLiteral("reverse-distributor"), QStringLiteral("To reverse distributor")},
        {QStringLiteral("destruction"), QStringLiteral("Destroyed")},
        {QStringLiteral("waste"), QStringLiteral("Wasted")},
        {QStringLiteral("theft-or-loss"), QStringLiteral("Theft or loss")},
        {QStringLiteral("opening-balance"), QStringLiteral("Opening balance")},
        {QStringLiteral("inventory"), QStringLiteral("Inventory count")},
        {QStringLiteral("set-aside"), QStringLiteral("Set aside for disposal")},
    };
    return words.value(kind, kind);
}

namespace {
/// "2026-11-25" read without QDate::fromString's general parser (a report reads one per row); anything else
/// goes to it.
QDate isoDate(const QString &s)
{
    const auto digit = [&](int i) { return s.at(i).isDigit() ? s.at(i).unicode() - u'0' : -100000; };
    if (s.size() != 10 || s.at(4) != QLatin1Char('-') || s.at(7) != QLatin1Char('-'))
        return QDate::fromString(s, Qt::ISODate);
    const int y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), m = digit(5) * 10 + digit(6), d = digit(8) * 10 + digit(9);
    return y > 0 && m > 0 && d > 0 ? QDate(y, m, d) : QDate();
}
} // namespace

bool Context::inRange(const QString &date) const
{
    const QDate d = isoDate(date);
    return d.isValid() && d >= request.from && d <= request.to;
}

void Context::tick(qint64 done, qint64 total) const
{
    if (progress && !progress(done, total))
        throw Cancelled{};
}

namespace {
/// The events of these kinds in journal order. The kinds are the code's own constants, never input: safe to
/// write into the statement.
QByteArray eventsOfKinds(const char *columns, const QStringList &kindList)
{
    QStringList quoted;
    for (const QString &k : kindList)
        quoted.append(QLatin1Char('\'') + k + QLatin1Char('\''));
    return QByteArray("SELECT ") + columns + " FROM events WHERE kind IN (" + quoted.join(QLatin1Char(',')).toLatin1() + ") ORDER BY seq";
}
} // namespace

void Context::forEvents(const QStringList &kindList, const std::function<void(qint64, qint64, const QString &,
                                                                          const QString &, const QCborMap &)> &visit) const
{
    sql::Query q(db, eventsOfKinds("seq, at_ms, actor, kind, payload", kindList).constData(), kOp);
    int n = 0;
    while (q.next()) {
        const qint64 seq = q.int64(0);
        if (++n % 4096 == 0)
            tick(seq, headSeq);
        visit(seq, q.int64(1), q.text(2), q.text(3), QCborValue::fromCbor(q.blob(4)).toMap());
    }
    tick(headSeq, headSeq);
}

void Context::forEventPayloads(const QStringList &kindList,
                               const std::function<void(qint64, const QString &, const QByteArray &)> &visit) const
{
    sql::Query q(db, eventsOfKinds("seq, kind, payload", kindList).constData(), kOp);
    int n = 0;
    while (q.next()) {
        const qint64 seq = q.int64(0);
        if (++n % 4096 == 0)
            tick(seq, 2 * headSeq);
        visit(seq, q.text(1), q.blob(2));
    }
}

Report build(sql::Database &db, const Request &asked, const Progress &progress)
{
    Request request = asked;
    if (request.kind == Kind::Form106) { // one report: its range is the day it was discovered
        const std::optional<TheftLossRow> t = LedgerQueries(db).theftLossReport(request.theftLossId);
        if (!t)
            throw refused(QStringLiteral("No theft or loss report %1 is on record.").arg(request.theftLossId),
                          QStringLiteral("The reports are listed under Review > Theft or loss."));
        request.from = request.to = QDate::fromString(t->discoveryDate, Qt::ISODate);
    }
    if (!request.from.isValid() || !request.to.isValid())
        throw refused(QStringLiteral("The dates must be real dates written YYYY-MM-DD."));
    if (request.from > request.to)
        throw refused(QStringLiteral("The first date (%1) is after the last (%2).").arg(request.from.toString(Qt::ISODate), request.to.toString(Qt::ISODate)),
                      QStringLiteral("Swap the two dates."));
    Context c{db, request, progress, 0, 0, 0, {}, {}};
    if (c.request.nowMs == 0)
        c.request.nowMs = SystemClock().nowMs();
    const PharmacyRow pharmacy = LedgerQueries(db).pharmacy();
    if (!pharmacy.exists)
        throw refused(QStringLiteral("The pharmacy is not set up yet, so there are no records to report."));
    c.names = RecordNames::read(db, pharmacy.timezone);
    c.pharmacyState = pharmacy.state;
    {
        sql::Query q(db, "SELECT seq FROM journal_head", kOp);
        c.headSeq = q.next() ? q.int64(0) : 0;
    }
    if (!request.ndc11.isEmpty() && !c.names.products.contains(request.ndc11))
        throw refused(QStringLiteral("The product %1 is not in the catalog.").arg(request.ndc11));
    if (!request.personId.isEmpty() && !c.names.people.contains(request.personId))
        throw refused(QStringLiteral("No person with the id %1 is on record.").arg(request.personId));
    c.fromMs = QDateTime(request.from, QTime(0, 0), c.names.zone).toMSecsSinceEpoch();
    c.toMs = QDateTime(request.to.addDays(1), QTime(0, 0), c.names.zone).toMSecsSinceEpoch();

    Report body;
    switch (request.kind) {
    case Kind::Receiving: body = buildReceiving(c); break;
    case Kind::Dispensing: body = buildDispensing(c); break;
    case Kind::ProductLedger: body = buildProductLedger(c); break;
    case Kind::Destruction: body = buildDestruction(c); break;
    case Kind::TheftLoss: body = buildTheftLoss(c); break;
    case Kind::Reconciliation: body = buildReconciliation(c); break;
    case Kind::Inventory: body = buildInventory(c); break;
    case Kind::Activity: body = buildActivity(c); break;
    case Kind::AuditLog: body = buildAuditLog(c); break;
    case Kind::Form106: body = buildForm106(c); break;
    }
    body.kind = request.kind;
    if (body.title.isEmpty())
        body.title = info(request.kind).title;
    body.pharmacyName = pharmacy.name;
    body.pharmacyAddress = pharmacy.address;
    body.pharmacyDea = pharmacy.dea;
    body.from = request.from;
    body.to = request.to;
    body.generatedBy = request.generatedBy;
    body.generatedAt = QStringLiteral("%1 (%2)").arg(QDateTime::fromMSecsSinceEpoch(c.request.nowMs).toTimeZone(c.names.zone).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                                     QString::fromUtf8(c.names.zone.id()));
    return body;
}

} // namespace cii::reports
