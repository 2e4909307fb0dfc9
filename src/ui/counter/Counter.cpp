#include "Counter.h"

#include "Catalog.h"
#include "Clock.h"
#include "DraftStore.h"
#include "DueDates.h"
#include "LedgerQueries.h"
#include "Log.h"
#include "ProductListModel.h"
#include "Quantities.h"
#include "QmlInstance.h"
#include "Roles.h"
#include "ScannerRouter.h"
#include "Store.h"

#include <QDateTime>
#include <QJSEngine>

namespace cii {

Counter::Counter(Store *store, Ledger *ledger, const LedgerQueries *queries, SessionController *session,
                 ScannerRouter *scanner, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_ledger(ledger)
    , m_queries(queries)
    , m_session(session)
    , m_products(std::make_unique<ProductListModel>(store, ledger, queries))
{
    if (m_store) {
        connect(m_store, &Store::committed, this, [this] {
            applyIdleSetting(); // ciictl profile-set --idle-minutes, noticed within a second
            m_products->reload();
            Q_EMIT changed(); // people, the pharmacy's name: a commit may have changed them
        });
    }
    connect(m_session, &SessionController::sessionChanged, this, [this] {
        if (!m_session->signedIn())
            m_products->filter(QString()); // the next person starts with the whole list
        Q_EMIT sessionChanged();
    });
    connect(m_session, &SessionController::idleMinutesChanged, this, &Counter::idleMinutesChanged);
    connect(m_session, &SessionController::busyChanged, this, &Counter::busyChanged);
    connect(m_session, &SessionController::lockWarningChanged, this, &Counter::lockWarningChanged);
    applyIdleSetting();
    if (scanner)
        connect(scanner, &ScannerRouter::scanned, this, &Counter::scanned);
}

Counter::~Counter() = default;

const std::optional<Session> &Counter::session() const
{
    return m_session->session();
}

bool Counter::signedIn() const
{
    return m_session->signedIn();
}

int Counter::idleMinutes() const
{
    return m_session->idleMinutes();
}

void Counter::setIdleMinutes(int minutes)
{
    m_session->setIdleMinutes(minutes);
}

void Counter::applyIdleSetting()
{
    if (!m_queries)
        return;
    const int minutes = m_queries->idleMinutes();
    if (minutes == m_idleSetting)
        return; // a test's shorter interval (setIdleIntervalMs) stays until the setting itself changes
    m_idleSetting = minutes;
    m_session->setIdleMinutes(minutes);
}

bool Counter::lockWarning() const
{
    return m_session->lockWarning();
}

int Counter::secondsToLock() const
{
    return m_session->secondsToLock();
}

void Counter::setIdleIntervalMs(int ms)
{
    m_session->setIdleIntervalMs(ms);
}

QString Counter::personRoleNoun() const
{
    if (!session())
        return {};
    const QString role = roleName(session()->role());
    return (role.startsWith(QLatin1Char('o')) ? QStringLiteral("an ") : QStringLiteral("a ")) + role;
}

QVariantMap Counter::refusals() const
{
    static const std::pair<Action, const char *> actions[] = {
        {Action::Receive, "receive"}, {Action::Dispense, "dispense"}, {Action::ReturnToStock, "returnToStock"},
        {Action::Count, "count"}, {Action::Waste, "waste"}, {Action::Adjust, "adjust"}, {Action::Correct, "correct"},
        {Action::ManageCatalog, "manageCatalog"}, {Action::Transfer, "transfer"}, {Action::Destroy, "destroy"},
        {Action::ReportTheftLoss, "reportTheftLoss"}, {Action::DispenseOverride, "dispenseOverride"},
        {Action::ReviewDiscrepancy, "reviewDiscrepancy"}, {Action::ResolveDiscrepancy, "resolveDiscrepancy"},
        {Action::TakeInventory, "takeInventory"}, {Action::ManagePeople, "managePeople"},
        {Action::ConfigurePharmacy, "configurePharmacy"}, {Action::ExportRecords, "exportRecords"},
        {Action::SetAside, "setAside"}, {Action::ClosePrescription, "closePrescription"},
        {Action::VerifyDispense, "verifyDispense"},
    };
    QVariantMap out;
    if (!session())
        return out;
    QString who = personRoleNoun();
    who[0] = who[0].toUpper();
    for (const auto &[action, key] : actions)
        if (!m_session->may(action))
            out.insert(QLatin1String(key), tr("%1 may not %2.").arg(who, actionDescription(action)));
    return out;
}

bool Counter::busy() const
{
    return m_session->busy();
}

bool Counter::verifyThen(const QVariantList &signers, const QJSValue &then)
{
    QList<std::pair<QString, QString>> checks;
    for (const QVariant &v : signers) {
        const QVariantMap signer = v.toMap();
        checks.append({signer.value(QStringLiteral("personId")).toString(), signer.value(QStringLiteral("secret")).toString()});
    }
    return m_session->verifyThen(checks, [then]() mutable {
        const QJSValue result = then.call();
        if (result.isError())
            qCWarning(lcUi) << "after a PIN check:" << result.toString();
    });
}

Counter *Counter::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<Counter>::forQml();
}

void Counter::setInstance(Counter *instance)
{
    QmlInstance<Counter>::set(instance);
}

Counter *Counter::instance()
{
    return QmlInstance<Counter>::get();
}

bool Counter::isSetUp() const
{
    return m_queries && m_queries->hasActivePeople();
}

QString Counter::pharmacyName() const
{
    return m_queries ? m_queries->pharmacy().name : QString();
}

QString Counter::pharmacyDea() const
{
    return m_queries ? m_queries->pharmacy().dea : QString();
}

QVariantList Counter::people() const
{
    QVariantList list;
    if (!m_queries)
        return list;
    for (const PersonRow &p : m_queries->people(true))
        list.append(QVariantMap{{QStringLiteral("id"), p.id}, {QStringLiteral("name"), p.name},
                                {QStringLiteral("initials"), p.initials}, {QStringLiteral("role"), roleTitle(p.role)},
                                {QStringLiteral("hasPin"), p.hasPin}});
    return list;
}

qint64 Counter::parseNumber(const QString &field, const QString &text)
{
    if (text.trimmed().isEmpty())
        return 0; // the Ledger says "is required" / "must be above zero" in its own words
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok)
        throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("save"), QString(),
                       QStringLiteral("%1 must be a whole number").arg(field));
    return v;
}

QVariantMap Counter::refused(const QString &message)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("message"), message}};
}

QVariantMap Counter::done(const QString &message, qint64 seq, bool attention, bool correctable)
{
    Q_EMIT recorded(message, attention, correctable ? seq : 0);
    return {{QStringLiteral("ok"), true}, {QStringLiteral("message"), message}, {QStringLiteral("seq"), seq}};
}

QVariantMap Counter::signIn(const QString &personId, const QString &secret)
{
    return m_session->signIn(personId, secret);
}

void Counter::lock()
{
    m_session->lock();
}

void Counter::touch()
{
    m_session->touch();
}

namespace {

/// The dispense the form describes, as Counter::dispense() and dispenseProblem() send it; the numbers are parsed
/// by the caller (a letter in them is refused before the Ledger is asked).
Dispense dispenseOf(const QString &ndc11, qint64 quantity, const QString &rx, qint64 prescribed, const QString &fillDate,
                    const QVariantMap &prescription, bool overrideBalance, const QString &overrideReason)
{
    Dispense d;
    d.ndc11 = ndc11;
    d.quantity = quantity;
    d.rx = rx;
    d.fillDate = fillDate;
    d.prescribedQuantity = prescribed;
    d.dateWritten = prescription.value(QStringLiteral("dateWritten")).toString();
    d.prescriberName = prescription.value(QStringLiteral("prescriber")).toString();
    d.prescriberDea = prescription.value(QStringLiteral("prescriberDea")).toString();
    d.partialKind = prescription.value(QStringLiteral("partialKind")).toString();
    d.overrideBalance = overrideBalance;
    d.overrideReason = overrideReason;
    return d;
}

QVariantMap problemAt(const QString &field, const QString &message)
{
    return {{QStringLiteral("field"), field}, {QStringLiteral("message"), message}};
}

} // namespace

QVariantMap Counter::dispense(const QString &ndc11, const QString &quantity, const QString &rx, const QString &prescribed,
                              const QVariantMap &prescription, bool overrideBalance, const QString &overrideReason, const QString &pin)
{
    return run([&](const Session &s) {
        Dispense d = dispenseOf(ndc11, parseNumber(tr("The quantity"), quantity), rx, parseNumber(tr("The quantity prescribed"), prescribed),
                                today(), prescription, overrideBalance, overrideReason);
        d.signaturePin = pin;
        const qint64 seq = m_ledger->dispense(s, d);
        return done(tr("Dispensed %1 on Rx %2. Balance now %3.").arg(amount(ndc11, d.quantity), rx.trimmed(), balanceText(ndc11)), seq);
    });
}

QVariantMap Counter::dispenseProblem(const QString &ndc11, const QString &quantity, const QString &rx, const QString &prescribed,
                                     const QVariantMap &prescription, bool overrideBalance, const QString &overrideReason) const
{
    if (!m_ledger || !session())
        return problemAt({}, {});
    qint64 q = 0, p = 0;
    try {
        q = parseNumber(tr("The quantity"), quantity);
    } catch (const CiiError &e) {
        return problemAt(QStringLiteral("quantity"), e.reason() + QLatin1Char('.'));
    }
    try {
        p = parseNumber(tr("The quantity prescribed"), prescribed);
    } catch (const CiiError &e) {
        return problemAt(QStringLiteral("prescribed"), e.reason() + QLatin1Char('.'));
    }
    try {
        const auto refusal = m_ledger->checkDispense(*session(), dispenseOf(ndc11, q, rx, p, today(), prescription, overrideBalance, overrideReason));
        return refusal ? problemAt(Ledger::dispenseFieldName(refusal->field), refusal->error.reason() + QLatin1Char('.')) : problemAt({}, {});
    } catch (const CiiError &e) { // the store itself failed: said on the form, not under a field
        return problemAt({}, e.reason() + QLatin1Char('.'));
    }
}

QVariantList Counter::toVerify() const
{
    QVariantList list;
    if (!m_queries)
        return list;
    const QHash<QString, QString> names = m_queries->personNames();
    const QTimeZone zone = m_queries->pharmacy().zone(); // the pharmacy's times, as the ledger shows them
    for (const DispenseToVerify &d : m_queries->dispensesToVerify()) {
        const std::optional<ProductInfo> p = Catalog(m_store->db()).product(d.ndc11);
        const std::optional<RxStatus> rx = m_queries->rx(d.rx);
        const QString prescription = !rx || rx->dateWritten.isEmpty()
            ? tr("prescription not recorded")
            : tr("written %1 by %2 (DEA %3)").arg(rx->dateWritten, rx->prescriberName, rx->prescriberDea);
        list.append(QVariantMap{{QStringLiteral("seq"), d.seq}, {QStringLiteral("rx"), d.rx},
                                {QStringLiteral("product"), p ? p->displayName() : d.ndc11}, {QStringLiteral("quantity"), d.quantity},
                                {QStringLiteral("unit"), p ? p->baseUnit : QString()},
                                {QStringLiteral("recordedBy"), names.value(d.recordedBy, d.recordedBy)},
                                {QStringLiteral("prescription"), prescription},
                                {QStringLiteral("recorded"), QDateTime::fromMSecsSinceEpoch(d.atMs, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"))}});
    }
    return list;
}

QVariantList Counter::dueSoon() const
{
    QVariantList list;
    if (!m_store || !m_queries || !m_queries->pharmacy().exists)
        return list;
    const QDate today = QDate::fromString(m_ledger->todayInPharmacy(), Qt::ISODate);
    for (const DueDate &d : cii::dueSoon(dueDates(m_store->db(), today), today))
        list.append(dueDateItem(d, today));
    return list;
}

QVariantMap Counter::dueDateItem(const DueDate &d, const QDate &today)
{
    return {{QStringLiteral("what"), d.what}, {QStringLiteral("due"), d.due.toString(Qt::ISODate)},
            {QStringLiteral("overdue"), d.overdue(today)}, {QStringLiteral("rule"), d.rule}};
}

QVariantMap Counter::verifyDispense(qint64 dispenseSeq, const QString &pin)
{
    return run([&](const Session &s) {
        const std::optional<DispenseToVerify> d = m_queries ? m_queries->dispenseToVerify(dispenseSeq) : std::nullopt;
        const qint64 verified = m_ledger->verifyDispense(s, dispenseSeq, pin);
        return done(d ? tr("Verified Rx %1: you are its dispenser on the record.").arg(d->rx)
                      : tr("Verified: you are the dispenser of entry %1 on the record.").arg(dispenseSeq), verified);
    });
}

QVariantMap Counter::receive(const QString &ndc11, const QString &packages, const QString &orderType, const QString &orderNumber,
                             const QString &supplier, const QString &supplierDea, const QString &lot, const QString &expiry,
                             const QString &shipped, const QString &supplierTold)
{
    return run([&](const Session &s) {
        const Receipt r{ndc11, parseNumber(tr("The number of packages"), packages), orderType, orderNumber, supplier, supplierDea,
                        lot, expiry, today(), parseNumber(tr("The number of packages shipped"), shipped), supplierTold};
        const qint64 seq = m_ledger->receive(s, r);
        if (r.packagesShipped > r.packages)
            return done(tr("Received %1 of the %2 packages shipped; the supplier reports the %3 missing. Balance now %4.")
                            .arg(r.packages).arg(r.packagesShipped).arg(r.packagesShipped - r.packages).arg(balanceText(ndc11)), seq);
        const std::optional<ProductInfo> p = Catalog(m_store->db()).product(ndc11);
        return done(tr("Received %1. Balance now %2.").arg(p ? cii::packagesText(r.packages, p->packageSize, p->baseUnit)
                                                              : cii::quantityText(r.packages, QStringLiteral("package")),
                                                            balanceText(ndc11)), seq);
    });
}

QVariantMap Counter::count(const QString &ndc11, const QString &counted)
{
    return run([&](const Session &s) {
        if (counted.trimmed().isEmpty())
            throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("record the count"), QString(),
                           QStringLiteral("The count is required (0 when the shelf is empty)"));
        const CountResult r = m_ledger->count(s, ndc11, parseNumber(tr("The count"), counted));
        const QString message = r.discrepancyOpened
            ? tr("Count saved. It differs from the records by %1; discrepancy %2 is open for %3 to review.")
                  .arg(amount(ndc11, r.difference)).arg(r.discrepancyId).arg(r.reviewer)
            : tr("Count saved. It matches the records.");
        Q_EMIT recorded(message, r.discrepancyOpened, 0);
        return QVariantMap{{QStringLiteral("ok"), true}, {QStringLiteral("message"), message},
                           {QStringLiteral("discrepancy"), r.discrepancyOpened}, {QStringLiteral("seq"), r.seq}};
    });
}

QStringList Counter::countsDiffering(const QVariantList &rows) const
{
    QStringList differing;
    if (!m_queries)
        return differing;
    for (const QVariant &v : rows) {
        const QVariantMap row = v.toMap();
        bool ok = false;
        const qint64 counted = row.value(QStringLiteral("counted")).toString().trimmed().toLongLong(&ok);
        const QString ndc11 = row.value(QStringLiteral("ndc11")).toString();
        if (ok && counted != m_queries->balance(ndc11))
            differing.append(ndc11);
    }
    return differing;
}

QVariantMap Counter::lookup(const QString &code) const
{
    if (!m_store)
        return refused(tr("The store is not open."));
    const ScanLookup r = Catalog(m_store->db()).lookupScan(code);
    if (!r.found)
        return {{QStringLiteral("found"), false}, {QStringLiteral("message"), r.message}};
    return {{QStringLiteral("found"), true}, {QStringLiteral("ndc11"), r.product.ndc11}, {QStringLiteral("name"), r.product.name},
            {QStringLiteral("lot"), r.scan.lot}, {QStringLiteral("expiry"), r.scan.expiry}, {QStringLiteral("message"), QString()}};
}

ProductLedgerModel *Counter::ledgerFor(const QString &ndc11)
{
    auto *model = new ProductLedgerModel(m_queries, ndc11);
    QJSEngine::setObjectOwnership(model, QJSEngine::JavaScriptOwnership);
    if (m_store)
        connect(m_store, &Store::committed, model, &ProductLedgerModel::reload);
    return model;
}

QVariantList Counter::balanceHistory(const QString &ndc11, int points) const
{
    QVariantList out;
    if (!m_queries)
        return out;
    for (const BalancePoint &p : m_queries->balanceHistory(ndc11, points))
        out.append(QVariantMap{{QStringLiteral("seq"), p.seq}, {QStringLiteral("atMs"), p.atMs},
                               {QStringLiteral("balance"), p.balance}, {QStringLiteral("kind"), p.kind}});
    return out;
}

QVariantMap Counter::voidEntry(qint64 seq, const QString &reason, const QString &pin)
{
    return run([&](const Session &s) {
        const qint64 voidSeq = m_ledger->voidEntry(s, seq, reason, pin);
        return done(tr("Entry %1 is voided by entry %2; it stays in the record.").arg(seq).arg(voidSeq), voidSeq, false, false);
    });
}

QString Counter::today() const
{
    return m_ledger ? m_ledger->todayInPharmacy() : QString();
}

void Counter::saveDraft(const QString &form, const QVariantMap &fields)
{
    if (m_drafts && session())
        m_drafts->save(session()->personId(), form, QJsonObject::fromVariantMap(fields));
}

QVariantMap Counter::draft(const QString &form, const QString &what) const
{
    const std::optional<Draft> d = m_drafts && session() ? m_drafts->load(session()->personId(), form) : std::nullopt;
    if (!d)
        return {{QStringLiteral("found"), false}};
    // In the pharmacy's time, the day named when it is not today's.
    const QTimeZone zone = m_queries ? m_queries->pharmacy().zone() : QTimeZone::systemTimeZone();
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_store->clock().nowMs(), zone).date();
    const auto when = [&](qint64 ms) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, zone);
        return t.date() == today ? t.toString(QStringLiteral("HH:mm")) : t.toString(QStringLiteral("d MMM HH:mm"));
    };
    // A crash between recording an entry and forgetting its draft would bring back a form already recorded: say so.
    const QString ndc11 = form.section(QLatin1Char('/'), 1);
    const qint64 recordedMs = m_queries && !ndc11.isEmpty() ? m_queries->firstEntryAfter(ndc11, d->personId, d->headSeq) : 0;
    const QString line = recordedMs == 0
        ? tr("Your unfinished %1 from %2 is back. Nothing was recorded.").arg(what, when(d->savedMs))
        : tr("Your unfinished %1 from %2 is back, but you recorded an entry for this product at %3: look at its ledger "
             "before saving this.").arg(what, when(d->savedMs), when(recordedMs));
    return {{QStringLiteral("found"), true}, {QStringLiteral("fields"), d->fields.toVariantMap()}, {QStringLiteral("line"), line}};
}

void Counter::discardDraft(const QString &form)
{
    if (m_drafts && session())
        m_drafts->discard(session()->personId(), form);
}

QVariantMap Counter::draftToResume() const
{
    const std::optional<Draft> d = m_drafts && session() ? m_drafts->latest(session()->personId()) : std::nullopt;
    if (!d)
        return {{QStringLiteral("found"), false}};
    return {{QStringLiteral("found"), true}, {QStringLiteral("form"), d->form.section(QLatin1Char('/'), 0, 0)},
            {QStringLiteral("ndc11"), d->form.section(QLatin1Char('/'), 1)}};
}

} // namespace cii
