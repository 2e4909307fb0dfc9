#include "Ledger.h"

#include "Catalog.h"
#include "Clock.h"
#include "Identifiers.h"
#include "LedgerProjection.h"
#include "LedgerQueries.h"
#include "Log.h"
#include "PartialFills.h"
#include "Store.h"
#include "UsStates.h"
#include "Validation.h"

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUuid>
#include <tuple>

namespace cii {

using validate::invalid;

namespace {

CiiError notAllowed(Role role, Action action)
{
    return CiiError(CiiError::Code::InvalidInput, actionDescription(action), QString(),
                    QStringLiteral("%1 %2 may not %3")
                        .arg(role == Role::Owner ? QStringLiteral("an") : QStringLiteral("a"), roleName(role), actionDescription(action)),
                    QStringLiteral("Ask a pharmacist to sign in and do it."));
}

bool isPin(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{4,8}$"));
    return re.match(s).hasMatch();
}

/// A secret that looks like a PIN is checked against the PIN's hash when the person has one, else the password's.
bool checkedAsPin(const QString &secret, bool hasPin)
{
    return isPin(secret) && hasPin;
}

} // namespace

QString Ledger::productKey(const QString &op, const QString &ndc11, bool mustBeActive, const QString &where)
{
    // Accepts the catalog key (11 digits), an NDC as labelled (hyphens), or 10 bare digits when exactly one of
    // their three possible layouts is in the catalog.
    QString key = ndc11.trimmed().remove(QLatin1Char('-'));
    const QString at = where.isEmpty() ? QString() : QLatin1Char(' ') + where;
    bool active = false;
    if (key.isEmpty())
        throw invalid(op, QStringLiteral("The product") + at, QStringLiteral("is required"));
    if (const auto parsed = Ndc::parse(ndc11.trimmed()))
        key = parsed->ndc11();
    else if (key.size() == 10) {
        QStringList found;
        for (const QString &candidate : Ndc::elevenDigitCandidates(key))
            if (ledgerdb::productExists(m_store.db(), candidate))
                found << candidate;
        if (found.size() > 1)
            throw invalid(op, QStringLiteral("The 10-digit code %1%2").arg(key, at), QStringLiteral("matches %1 products").arg(found.size()),
                          QStringLiteral("Type the NDC with its hyphens, or its 11 digits."));
        if (found.size() == 1)
            key = found.first();
    }
    if (!ledgerdb::productExists(m_store.db(), key, &active))
        throw invalid(op, QStringLiteral("The NDC %1%2").arg(CiiError::excerpt(ndc11.trimmed()), at), QStringLiteral("is not in the catalog"),
                      QStringLiteral("Add the product to the catalog first (or import the FDA NDC Directory)."));
    if (mustBeActive && !active)
        throw invalid(op, QStringLiteral("The product %1%2").arg(key, at), QStringLiteral("is inactive"),
                      QStringLiteral("Inactive products stay for history; reactivate it in the catalog to use it."));
    return key;
}

QString Ledger::resolveProduct(const QString &ndc)
{
    return productKey(QStringLiteral("find the product"), ndc, false);
}

Ledger::Ledger(Store &store, SecretHasher hasher)
    : m_store(store)
    , m_hasher(hasher)
{
}

int Ledger::defaultCadenceDays(const QString &state)
{
    const QString s = state.trimmed().toUpper();
    if (s == QLatin1String("CA"))
        return 90; // 16 CCR 1715.65: at least every three months
    if (s == QLatin1String("MA"))
        return 10;
    return 30;
}

QStringList Ledger::adjustmentReasons()
{
    // No "expired": expired stock stays on hand until it is disposed of (setAside). Old journals still hold
    // "expired" adjustments; they replay as recorded.
    return {QStringLiteral("data-entry-error"), QStringLiteral("found-stock"), QStringLiteral("breakage"), QStringLiteral("other")};
}

QStringList Ledger::discrepancyReasons()
{
    return {QStringLiteral("counting-error"), QStringLiteral("unrecorded-dispense"), QStringLiteral("unrecorded-receipt"),
            QStringLiteral("data-entry-error"), QStringLiteral("breakage-or-spill"), QStringLiteral("other")};
}

QString Ledger::today() const
{
    const QString tz = LedgerQueries(m_store.db()).pharmacy().timezone;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_store.clock().nowMs(), QTimeZone::utc());
    if (tz != m_zoneId) { // building a QTimeZone reads the zone file: once per zone, not once per command
        m_zoneId = tz;
        m_zone = QTimeZone(tz.toUtf8());
    }
    return (m_zone.isValid() ? now.toTimeZone(m_zone) : now).date().toString(Qt::ISODate);
}

QCborMap Ledger::profilePayload(const PharmacyProfile &p)
{
    const QString op = QStringLiteral("save the pharmacy profile");
    QCborMap m;
    m.insert(QStringLiteral("name"), validate::text(op, QStringLiteral("The pharmacy name"), p.name));
    m.insert(QStringLiteral("address"), validate::text(op, QStringLiteral("The address"), p.address, 300));
    if (const QString problem = deaProblem(p.dea, QStringLiteral("The pharmacy's DEA number")); !problem.isEmpty())
        throw CiiError::fromSentence(CiiError::Code::InvalidInput, op, problem);
    m.insert(QStringLiteral("dea"), normalizeDea(p.dea));
    const QString state = p.state.trimmed().toUpper();
    if (!usState(state))
        throw invalid(op, QStringLiteral("The state"), QStringLiteral("must be the two-letter code of a US state or territory, such as CA (got \"%1\")")
                                                           .arg(CiiError::excerpt(p.state.trimmed(), 20)));
    m.insert(QStringLiteral("state"), state);
    if (!QTimeZone(p.timezone.trimmed().toUtf8()).isValid())
        throw invalid(op, QStringLiteral("The time zone"), QStringLiteral("is not a known zone (for example America/Los_Angeles)"));
    m.insert(QStringLiteral("timezone"), p.timezone.trimmed());
    const int cadence = p.cadenceDays == 0 ? defaultCadenceDays(state) : p.cadenceDays;
    if (cadence < 1 || cadence > 730)
        throw invalid(op, QStringLiteral("The reconciliation cadence"), QStringLiteral("must be between 1 and 730 days"));
    m.insert(QStringLiteral("cadenceDays"), cadence);
    // Expiry dates are optional; recorded, they are real days (the counter warns ahead of them).
    for (const auto &[key, label, value] : {std::tuple{"deaExpiry", "The DEA registration's expiry date", p.deaExpiry},
                                            std::tuple{"licenseExpiry", "The state licence's expiry date", p.licenseExpiry}}) {
        const QString t = value.trimmed();
        if (t.isEmpty())
            continue;
        if (!QDate::fromString(t, Qt::ISODate).isValid() || t.size() != 10)
            throw invalid(op, QLatin1String(label), QStringLiteral("must be a date written YYYY-MM-DD (got \"%1\")").arg(CiiError::excerpt(t)));
        m.insert(QLatin1String(key), t);
    }
    return m;
}

QCborMap Ledger::personPayload(const NewPerson &p, const QString &id)
{
    const QString op = QStringLiteral("add the person");
    QCborMap m;
    m.insert(QStringLiteral("personId"), id);
    m.insert(QStringLiteral("name"), validate::text(op, QStringLiteral("The name"), p.name, 80));
    const QString initials = validate::text(op, QStringLiteral("The initials"), p.initials, 4).toUpper();
    static const QRegularExpression initialsRe(QStringLiteral("^[A-Z]{2,4}$"));
    if (!initialsRe.match(initials).hasMatch())
        throw invalid(op, QStringLiteral("The initials"), QStringLiteral("must be 2 to 4 letters"));
    m.insert(QStringLiteral("initials"), initials);
    m.insert(QStringLiteral("role"), roleName(p.role));
    insertSecretHashes(op, p.pin, p.password, m);
    return m;
}

void Ledger::insertSecretHashes(const QString &op, const QString &pin, const QString &password, QCborMap &m) const
{
    if (pin.isEmpty() && password.isEmpty())
        throw invalid(op, QStringLiteral("A PIN or a password"), QStringLiteral("is required"));
    // Both are checked before either is hashed: each scrypt takes about 0.17 s here (measured, logN 15).
    if (!pin.isEmpty() && !isPin(pin))
        throw invalid(op, QStringLiteral("The PIN"), QStringLiteral("must be 4 to 8 digits"));
    if (!password.isEmpty() && (password.size() < 8 || password.size() > 128))
        throw invalid(op, QStringLiteral("The password"), QStringLiteral("must be 8 to 128 characters"));
    if (!pin.isEmpty())
        m.insert(QStringLiteral("pinHash"), m_hasher.hash(pin));
    if (!password.isEmpty())
        m.insert(QStringLiteral("passwordHash"), m_hasher.hash(password));
}

QString Ledger::setUp(const PharmacyProfile &profile, const NewPerson &pic)
{
    if (pic.role != Role::PharmacistInCharge)
        throw invalid(QStringLiteral("set up the pharmacy"), QStringLiteral("The first person"), QStringLiteral("must be the pharmacist-in-charge"));
    const QCborMap profileMap = profilePayload(profile);
    const QString id = QStringLiteral("p-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QCborMap personMap = personPayload(pic, id);
    m_store.write(QStringLiteral("set up the pharmacy"), [&] {
        sql::Query any(m_store.db(), "SELECT count(*) FROM people");
        any.next();
        if (any.int64(0) > 0)
            throw invalid(QStringLiteral("set up the pharmacy"), QStringLiteral("This store"), QStringLiteral("is already set up"),
                          QStringLiteral("Sign in and change the profile in Settings."));
        m_store.appendInTransaction(id, QStringLiteral("pharmacy.configured"), profileMap);
        m_store.appendInTransaction(id, QStringLiteral("person.added"), personMap);
    });
    return id;
}

Role Ledger::currentRole(const Session &s, Action action)
{
    sql::Query q(m_store.db(), "SELECT role, active FROM people WHERE id = ?");
    q.bind(1, s.personId());
    if (!q.next() || q.int64(1) == 0)
        throw CiiError(CiiError::Code::InvalidInput, actionDescription(action), QString(),
                       QStringLiteral("%1 is no longer an active user").arg(s.name()), QStringLiteral("Sign in again."));
    const Role role = roleFromName(q.text(0)).value_or(Role::Technician);
    if (!isAllowed(role, action))
        throw notAllowed(role, action);
    return role;
}

void Ledger::configurePharmacy(const Session &s, const PharmacyProfile &profile, const QString &signaturePin)
{
    currentRole(s, Action::ConfigurePharmacy);
    const QCborMap m = profilePayload(profile);
    requireSignature(s, signaturePin);
    m_store.append(s.personId(), QStringLiteral("pharmacy.configured"), m);
}

QString Ledger::addPerson(const Session &s, const NewPerson &person)
{
    return addPersonChecked(s, person, nullptr);
}

void Ledger::deactivatePerson(const Session &s, const QString &personId, const QString &reason)
{
    deactivatePersonChecked(s, personId, reason, nullptr);
}

void Ledger::changeCredentials(const Session &s, const QString &personId, const QString &newPin,
                               const QString &newPassword, const QString &signature)
{
    const QString op = QStringLiteral("change the PIN or password");
    const bool own = personId == s.personId();
    if (!own)
        currentRole(s, Action::ManagePeople);
    QCborMap m{{QStringLiteral("personId"), personId}, {QStringLiteral("reset"), !own}};
    {
        sql::Query q(m_store.db(), "SELECT active FROM people WHERE id = ?");
        q.bind(1, personId);
        if (!q.next())
            throw invalid(op, QStringLiteral("The person %1").arg(personId), QStringLiteral("does not exist"));
        if (q.int64(0) == 0)
            throw invalid(op, QStringLiteral("The person %1").arg(personId), QStringLiteral("is inactive"));
    }
    insertSecretHashes(op, newPin, newPassword, m);
    if (signature.isEmpty())
        throw invalid(op, own ? QStringLiteral("Your current PIN or password") : QStringLiteral("Your PIN"),
                      QStringLiteral("is required to sign this change"));
    checkSecret(s.personId(), signature, true, s.verified());
    m_store.append(s.personId(), QStringLiteral("person.credentials_changed"), m);
}

QByteArray Ledger::secretHashFor(const QString &personId, const QString &secret)
{
    sql::Query q(m_store.db(), "SELECT pin_hash, password_hash FROM people WHERE id = ?");
    q.bind(1, personId);
    if (!q.next())
        return {};
    return checkedAsPin(secret, !q.isNull(0)) ? q.blob(0) : q.blob(1);
}

void Ledger::checkSecret(const QString &personId, const QString &secret, bool asSignature, const VerifiedSecrets &verified,
                         bool recordSuccess)
{
    const QString op = asSignature ? QStringLiteral("sign") : QStringLiteral("sign in");
    // Read into locals and let the query go before anything is written: a statement still open holds this
    // connection's read snapshot, and once the drainer has committed since, BEGIN IMMEDIATE fails at once
    // (SQLITE_BUSY_SNAPSHOT, no busy wait); the crash harness found it (docs/RELIABILITY.md).
    bool active = false, hasPin = false;
    QByteArray pinHash, passwordHash;
    qint64 lockedUntil = 0;
    int failures = 0;
    QString name;
    {
        sql::Query q(m_store.db(), "SELECT active, pin_hash, password_hash, failed_count, locked_until_ms, name FROM people WHERE id = ?");
        q.bind(1, personId);
        if (!q.next())
            throw invalid(op, QStringLiteral("The person"), QStringLiteral("is not known here"));
        active = q.int64(0) != 0;
        hasPin = !q.isNull(1);
        pinHash = q.blob(1);
        passwordHash = q.blob(2);
        failures = int(q.int64(3));
        lockedUntil = q.int64(4);
        name = q.text(5);
    }
    if (!active)
        throw invalid(op, name, QStringLiteral("is no longer an active user"), QStringLiteral("Ask the pharmacist-in-charge."));
    const qint64 now = m_store.clock().nowMs();
    if (lockedUntil > now) {
        const qint64 minutes = (lockedUntil - now + 59'999) / 60'000;
        throw CiiError(CiiError::Code::InvalidInput, op, QString(),
                       QStringLiteral("%1's account is locked after %2 wrong tries").arg(name).arg(kMaxFailures),
                       QStringLiteral("Try again in %1 minute(s), or ask the pharmacist-in-charge.").arg(minutes));
    }
    const bool usingPin = checkedAsPin(secret, hasPin);
    const QByteArray hash = usingPin ? pinHash : passwordHash;
    const auto rightSecret = [&] {
        const std::optional<bool> ahead = verified.answer(secret, hash);
        return ahead ? *ahead : SecretHasher::verify(secret, hash);
    };
    if (!hash.isEmpty() && rightSecret()) {
        if ((!asSignature && recordSuccess) || failures > 0) // after failures: clears their count for the lockout
            m_store.append(personId, QStringLiteral("auth.signed_in"), {{QStringLiteral("personId"), personId},
                                                                        {QStringLiteral("signature"), asSignature}});
        return;
    }
    // Record the failure (audit log, lockout), commit it, then refuse.
    const int left = kMaxFailures - failures - 1;
    m_store.write(op, [&] {
        m_store.appendInTransaction(personId, QStringLiteral("auth.failed"), {{QStringLiteral("personId"), personId},
                                                                              {QStringLiteral("signature"), asSignature}});
        if (left <= 0)
            m_store.appendInTransaction(personId, QStringLiteral("auth.locked"),
                                        {{QStringLiteral("personId"), personId}, {QStringLiteral("untilMs"), now + kLockMs}});
    });
    const QString what = usingPin ? QStringLiteral("PIN") : QStringLiteral("password");
    if (left <= 0)
        throw CiiError(CiiError::Code::InvalidInput, op, QString(),
                       QStringLiteral("wrong %1; %2's account is now locked for %3 minutes").arg(what, name).arg(kLockMs / 60'000),
                       QStringLiteral("Ask the pharmacist-in-charge, or wait."));
    throw CiiError(CiiError::Code::InvalidInput, op, QString(), QStringLiteral("wrong %1 for %2").arg(what, name),
                   QStringLiteral("%1 more wrong tr%2 lock the account for %3 minutes.")
                       .arg(left).arg(left == 1 ? QStringLiteral("y will") : QStringLiteral("ies will")).arg(kLockMs / 60'000));
}

Session Ledger::signIn(const QString &personId, const QString &secret, const VerifiedSecrets &verified)
{
    return signInChecked(personId, secret, verified, true);
}

Session Ledger::signInForOneCommand(const QString &personId, const QString &secret)
{
    return signInChecked(personId, secret, {}, false);
}

Session Ledger::signInChecked(const QString &personId, const QString &secret, const VerifiedSecrets &verified, bool recordSuccess)
{
    if (secret.isEmpty())
        throw invalid(QStringLiteral("sign in"), QStringLiteral("A PIN or password"), QStringLiteral("is required"));
    checkSecret(personId, secret, false, verified, recordSuccess);
    sql::Query q(m_store.db(), "SELECT name, role FROM people WHERE id = ?");
    q.bind(1, personId);
    q.next();
    qCInfo(lcLedger) << "signed in:" << personId; // the id only; never the secret
    return Session(personId, q.text(0), roleFromName(q.text(1)).value_or(Role::Technician));
}

void Ledger::requireSignature(const Session &s, const QString &pin)
{
    if (pin.isEmpty())
        throw invalid(QStringLiteral("sign"), QStringLiteral("Your PIN"), QStringLiteral("is required to sign this entry"));
    checkSecret(s.personId(), pin, true, s.verified());
}

QCborMap Ledger::productPayload(const QString &op, const ProductInput &in)
{
    QString problem;
    const auto ndc = Ndc::parse(in.ndc, &problem);
    if (!ndc)
        throw CiiError::fromSentence(CiiError::Code::InvalidInput, op, problem); // names the NDC typed
    if (in.schedule != QLatin1String("CII") && in.schedule != QLatin1String("CIIN"))
        throw invalid(op, QStringLiteral("The schedule"), QStringLiteral("must be CII or CIIN"));
    return {{QStringLiteral("ndc11"), ndc->ndc11()},
            {QStringLiteral("ndc"), ndc->formatted()},
            {QStringLiteral("name"), validate::text(op, QStringLiteral("The product name"), in.name, 120)},
            {QStringLiteral("strength"), validate::text(op, QStringLiteral("The strength"), in.strength, 60)},
            {QStringLiteral("dosageForm"), validate::text(op, QStringLiteral("The dosage form"), in.dosageForm, 60)},
            {QStringLiteral("baseUnit"), validate::text(op, QStringLiteral("The base unit"), in.baseUnit, 30)},
            {QStringLiteral("packageSize"), validate::positive(op, QStringLiteral("The package size"), in.packageSize)},
            {QStringLiteral("schedule"), in.schedule}};
}

QString Ledger::addProduct(const Session &s, const ProductInput &in)
{
    const QString op = QStringLiteral("add the product");
    currentRole(s, Action::ManageCatalog);
    const QCborMap m = productPayload(op, in);
    const QString key = m.value(QLatin1String("ndc11")).toString();
    m_store.write(op, [&] {
        const bool exists = ledgerdb::productExists(m_store.db(), key);
        m_store.appendInTransaction(s.personId(), exists ? QStringLiteral("product.updated") : QStringLiteral("product.added"), m);
    });
    return key;
}

void Ledger::deactivateProduct(const Session &s, const QString &ndc11)
{
    setProductActive(s, ndc11, false);
}

void Ledger::reactivateProduct(const Session &s, const QString &ndc11)
{
    setProductActive(s, ndc11, true);
}

void Ledger::setProductActive(const Session &s, const QString &ndc11, bool makeActive)
{
    const QString op = makeActive ? QStringLiteral("reactivate the product") : QStringLiteral("deactivate the product");
    currentRole(s, Action::ManageCatalog);
    m_store.write(op, [&] {
        const QString key = productKey(op, ndc11, false);
        bool active = false;
        ledgerdb::productExists(m_store.db(), key, &active);
        if (active == makeActive)
            throw invalid(op, QStringLiteral("The product %1").arg(key),
                          makeActive ? QStringLiteral("is already active") : QStringLiteral("is already inactive"));
        // Everything on hand is in every inventory (21 CFR 1304.11): a product holding stock stays in the catalog's
        // working list until its stock is gone.
        if (const qint64 onHand = ledgerdb::balance(m_store.db(), key); !makeActive && onHand != 0)
            throw invalid(op, QStringLiteral("The product %1").arg(key),
                          QStringLiteral("still holds a balance of %1 and cannot be deactivated").arg(onHand),
                          QStringLiteral("Deactivate it once none is left: dispense it, return it, or set it aside and destroy it or ship it to a reverse distributor."));
        m_store.appendInTransaction(s.personId(), makeActive ? QStringLiteral("product.reactivated") : QStringLiteral("product.deactivated"),
                                    {{QStringLiteral("ndc11"), key}});
    });
}

qint64 Ledger::receive(const Session &s, const Receipt &r)
{
    const QString op = QStringLiteral("record the receipt");
    currentRole(s, Action::Receive);
    const QString orderType = r.orderType.trimmed().toUpper();
    if (orderType != QLatin1String("222") && orderType != QLatin1String("CSOS"))
        throw invalid(op, QStringLiteral("The order type"), QStringLiteral("must be 222 (DEA Form 222) or CSOS"));
    const QString orderNumber = validate::text(op, QStringLiteral("The order number"), r.orderNumber, 40);
    if (const QString problem = form222Problem(orderNumber); orderType == QLatin1String("222") && !problem.isEmpty())
        throw invalid(op, QStringLiteral("The Form 222 number"), problem);
    const QString supplier = validate::text(op, QStringLiteral("The supplier name"), r.supplierName, 120);
    if (const QString problem = deaProblem(r.supplierDea, QStringLiteral("The supplier's DEA number")); !problem.isEmpty())
        throw CiiError::fromSentence(CiiError::Code::InvalidInput, op, problem);
    const QString lot = validate::text(op, QStringLiteral("The lot number"), r.lot, 20);
    const QDate expiry = QDate::fromString(r.expiry.trimmed(), Qt::ISODate);
    if (!expiry.isValid())
        throw invalid(op, QStringLiteral("The expiry date"), QStringLiteral("must be a date written YYYY-MM-DD"));
    const qint64 packages = validate::positive(op, QStringLiteral("The number of packages"), r.packages);
    // A short receipt (21 CFR 1301.74(c), 1301.76(b)): what arrived is received; the supplier, told, reports the rest.
    if (r.packagesShipped < 0 || r.packagesShipped > validate::kMaxQuantity)
        throw invalid(op, QStringLiteral("The number of packages shipped"), QStringLiteral("must be a whole number, or empty when all arrived"));
    if (r.packagesShipped != 0 && r.packagesShipped < packages)
        throw invalid(op, QStringLiteral("The number of packages shipped"),
                      QStringLiteral("(%1) is fewer than arrived (%2)").arg(r.packagesShipped).arg(packages));
    const qint64 missing = r.packagesShipped == 0 ? 0 : r.packagesShipped - packages;
    QString told;
    if (missing > 0)
        told = validate::text(op, QStringLiteral("Who at the supplier was told of the %1 missing package%2").arg(missing).arg(missing == 1 ? QString() : QStringLiteral("s")),
                              r.supplierTold, 200);
    return m_store.write(op, [&] {
        const QString now = today();
        const QString received = validate::pastDate(op, QStringLiteral("The date received"), r.receivedDate, now);
        if (expiry < QDate::fromString(received, Qt::ISODate))
            throw invalid(op, QStringLiteral("The expiry date"), QStringLiteral("is before the date received: expired stock is not received into inventory"));
        const QString key = productKey(op, r.ndc11);
        sql::Query size(m_store.db(), "SELECT package_size FROM products WHERE ndc11 = ?");
        size.bind(1, key);
        size.next();
        const qint64 packageSize = size.int64(0);
        const qint64 quantity = validate::positive(op, QStringLiteral("The quantity received"), packages * packageSize);
        QCborMap m{{QStringLiteral("ndc11"), key}, {QStringLiteral("packages"), packages}, {QStringLiteral("packageSize"), packageSize},
                   {QStringLiteral("quantity"), quantity}, {QStringLiteral("orderType"), orderType},
                   {QStringLiteral("orderNumber"), orderNumber}, {QStringLiteral("supplierName"), supplier},
                   {QStringLiteral("supplierDea"), normalizeDea(r.supplierDea)}, {QStringLiteral("lot"), lot},
                   {QStringLiteral("expiry"), expiry.toString(Qt::ISODate)}, {QStringLiteral("receivedDate"), received}};
        if (missing > 0) {
            m.insert(QStringLiteral("packagesShipped"), r.packagesShipped);
            m.insert(QStringLiteral("packagesMissing"), missing);
            m.insert(QStringLiteral("supplierTold"), told);
        }
        return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.received"), m).seq;
    });
}

namespace {

using DispenseField = Ledger::DispenseField;

/// Runs one check of a dispense; its refusal is about `field`. A refusal already about a field passes unchanged.
template <typename Work>
auto about(DispenseField field, Work &&work) -> decltype(work())
{
    try {
        return work();
    } catch (const CiiError &e) {
        throw Ledger::DispenseRefusal{field, e};
    }
}

[[noreturn]] void refuse(DispenseField field, const CiiError &e)
{
    throw Ledger::DispenseRefusal{field, e};
}

} // namespace

QString Ledger::dispenseFieldName(DispenseField field)
{
    switch (field) {
    case DispenseField::None: return {};
    case DispenseField::Product: return QStringLiteral("product");
    case DispenseField::Quantity: return QStringLiteral("quantity");
    case DispenseField::Balance: return QStringLiteral("balance");
    case DispenseField::Rx: return QStringLiteral("rx");
    case DispenseField::Prescribed: return QStringLiteral("prescribed");
    case DispenseField::DateWritten: return QStringLiteral("dateWritten");
    case DispenseField::Prescriber: return QStringLiteral("prescriber");
    case DispenseField::PrescriberDea: return QStringLiteral("prescriberDea");
    case DispenseField::PartialKind: return QStringLiteral("partialKind");
    case DispenseField::FillDate: return QStringLiteral("fillDate");
    case DispenseField::Override: return QStringLiteral("override");
    case DispenseField::OverrideReason: return QStringLiteral("overrideReason");
    }
    return {};
}

Ledger::DispenseChecked Ledger::checkedDispense(const QString &op, const Session &s, const Dispense &d)
{
    using F = DispenseField;
    DispenseChecked c;
    c.role = about(F::None, [&] { return currentRole(s, Action::Dispense); });
    c.quantity = about(F::Quantity, [&] { return validate::positive(op, QStringLiteral("The quantity"), d.quantity); });
    c.rx = about(F::Rx, [&] { return validate::text(op, QStringLiteral("The Rx number"), d.rx, 20); });
    static const QRegularExpression rxRe(QStringLiteral("^[A-Za-z0-9-]+$"));
    if (!rxRe.match(c.rx).hasMatch())
        refuse(F::Rx, invalid(op, QStringLiteral("The Rx number"), QStringLiteral("may hold only letters, digits and hyphens")));
    if (d.prescribedQuantity < 0)
        refuse(F::Prescribed, invalid(op, QStringLiteral("The quantity prescribed"), QStringLiteral("cannot be negative")));
    if (d.overrideBalance) {
        about(F::Override, [&] { currentRole(s, Action::DispenseOverride); });
        c.overrideReason = about(F::OverrideReason, [&] { return validate::text(op, QStringLiteral("The reason for the override"), d.overrideReason); });
    }
    c.fill = about(F::FillDate, [&] { return validate::pastDate(op, QStringLiteral("The fill date"), d.fillDate, today()); });
    c.key = about(F::Product, [&] { return productKey(op, d.ndc11); });
    c.prescribed = d.prescribedQuantity;
    qint64 dispensedBefore = 0;
    const std::optional<RxStatus> known = LedgerQueries(m_store.db()).rx(c.rx);
    if (known) {
        about(F::Rx, [&] { checkLaterFill(op, *known, c.key, c.fill); });
        if (c.prescribed != 0 && c.prescribed != known->prescribed)
            refuse(F::Prescribed, invalid(op, QStringLiteral("The quantity prescribed"),
                                          QStringLiteral("differs from the first fill of Rx %1 (%2)").arg(c.rx).arg(known->prescribed)));
        c.prescribed = known->prescribed;
        dispensedBefore = known->dispensed;
    } else if (c.prescribed == 0) {
        refuse(F::Prescribed, invalid(op, QStringLiteral("The quantity prescribed"), QStringLiteral("is required on the first fill of Rx %1").arg(c.rx)));
    }
    about(F::Prescribed, [&] { validate::positive(op, QStringLiteral("The quantity prescribed"), c.prescribed); });
    // What the Rx has left and the balance come before a first fill's prescription details, so a form says them as
    // soon as the quantities are typed (a dispense of 400 on an Rx for 30).
    c.remainingBefore = c.prescribed - dispensedBefore;
    if (c.quantity > c.remainingBefore)
        refuse(F::Quantity, invalid(op, QStringLiteral("The quantity"),
                                    QStringLiteral("is more than Rx %1 has left (%2 of %3)").arg(c.rx).arg(c.remainingBefore).arg(c.prescribed)));
    // Stock set aside awaiting disposal is on hand but never dispensed, even with an override.
    const qint64 balance = ledgerdb::balance(m_store.db(), c.key);
    const qint64 awaiting = ledgerdb::awaitingDisposal(m_store.db(), c.key);
    c.onHand = balance - awaiting;
    if (c.quantity > c.onHand && !d.overrideBalance)
        refuse(F::Balance,
               invalid(op, QStringLiteral("The quantity"),
                       awaiting == 0 ? QStringLiteral("(%1) is more than the balance on hand (%2)").arg(c.quantity).arg(c.onHand)
                                     : QStringLiteral("(%1) is more than can be dispensed (%2): %3 of the %4 on hand are set aside awaiting disposal")
                                           .arg(c.quantity).arg(c.onHand).arg(awaiting).arg(balance),
                       QStringLiteral("Check the shelf: if stock is there, a receipt may be missing. A pharmacist may dispense it with an override, which opens a discrepancy.")));
    if (!known)
        c.firstFill = firstFillPayload(op, d, c.quantity, c.fill);
    return c;
}

std::optional<Ledger::DispenseRefusal> Ledger::checkDispense(const Session &s, const Dispense &d)
{
    try {
        checkedDispense(QStringLiteral("record the dispense"), s, d);
        return std::nullopt;
    } catch (const DispenseRefusal &r) {
        return r;
    }
}

qint64 Ledger::dispense(const Session &s, const Dispense &d)
{
    const QString op = QStringLiteral("record the dispense");
    try {
        checkedDispense(op, s, d); // every check before the PIN: a bad field costs no PIN try
        if (d.overrideBalance)
            requireSignature(s, d.signaturePin); // before the write: a wrong PIN is itself recorded
        return m_store.write(op, [&] {
            const DispenseChecked c = checkedDispense(op, s, d); // again, under the write lock
            QCborMap m{{QStringLiteral("ndc11"), c.key}, {QStringLiteral("quantity"), c.quantity}, {QStringLiteral("rx"), c.rx},
                       {QStringLiteral("fillDate"), c.fill}, {QStringLiteral("prescribedQuantity"), c.prescribed},
                       {QStringLiteral("remainingOnRx"), c.remainingBefore - c.quantity}};
            for (auto it = c.firstFill.cbegin(); it != c.firstFill.cend(); ++it)
                m.insert(it.key(), it.value());
            // Who dispensed, on the record (21 CFR 1304.22(c)): a pharmacist recording it, at once; a technician's
            // fill waits for the pharmacist who verifies it (verifyDispense).
            if (isAllowed(c.role, Action::VerifyDispense))
                m.insert(QStringLiteral("dispensedBy"), s.personId());
            else
                m.insert(QStringLiteral("toVerify"), true);
            if (c.quantity > c.onHand) { // the records were short: the balance goes to zero (or to what awaits disposal), the shortfall is a discrepancy
                m.insert(QStringLiteral("shortfall"), c.quantity - c.onHand);
                m.insert(QStringLiteral("overrideReason"), c.overrideReason);
                m.insert(QStringLiteral("signedBy"), s.personId());
            }
            return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.dispensed"), m).seq;
        });
    } catch (const DispenseRefusal &r) {
        throw r.error;
    }
}

QCborMap Ledger::firstFillPayload(const QString &op, const Dispense &d, qint64 quantity, const QString &fill) const
{
    using F = DispenseField;
    const QString written = about(F::DateWritten, [&] { return validate::pastDate(op, QStringLiteral("The date written"), d.dateWritten, today()); });
    if (written > fill)
        refuse(F::DateWritten, invalid(op, QStringLiteral("The date written (%1)").arg(written), QStringLiteral("is after the fill date (%1)").arg(fill)));
    const QString prescriber = about(F::Prescriber, [&] { return validate::text(op, QStringLiteral("The prescriber's name"), d.prescriberName, 80); });
    if (const QString problem = deaProblem(d.prescriberDea, QStringLiteral("The prescriber's DEA number")); !problem.isEmpty())
        refuse(F::PrescriberDea, CiiError::fromSentence(CiiError::Code::InvalidInput, op, problem));
    const std::optional<PartialFill> named = partialFillFromName(d.partialKind);
    if (!named)
        refuse(F::PartialKind, invalid(op, QStringLiteral("The kind of partial fill \"%1\"").arg(CiiError::excerpt(d.partialKind)),
                                       QStringLiteral("is not one of: %1").arg(partialFillNames().join(QStringLiteral(", ")))));
    const PartialFill kind = quantity < d.prescribedQuantity ? *named : PartialFill::None;
    if (quantity < d.prescribedQuantity && kind == PartialFill::None)
        refuse(F::PartialKind, invalid(op, QStringLiteral("The kind of partial fill"),
                                       QStringLiteral("is required when less than prescribed is filled (%1 of %2): %3")
                                           .arg(quantity).arg(d.prescribedQuantity).arg(partialFillNames().join(QStringLiteral(", ")))));
    const QDate last = lastFillDate(kind, QDate::fromString(written, Qt::ISODate), QDate::fromString(fill, Qt::ISODate));
    // The kind sets the window from the date written: said under the kind, where the choice is made.
    if (kind != PartialFill::None && QDate::fromString(fill, Qt::ISODate) > last)
        refuse(F::PartialKind, invalid(op, QStringLiteral("The fill date (%1)").arg(fill),
                                       QStringLiteral("is past the last day this prescription may be filled (%1): %2").arg(last.toString(Qt::ISODate), partialFillRule(kind))));
    return {{QStringLiteral("dateWritten"), written}, {QStringLiteral("prescriberName"), prescriber},
            {QStringLiteral("prescriberDea"), normalizeDea(d.prescriberDea)}, {QStringLiteral("partialKind"), partialFillName(kind)}};
}

void Ledger::checkLaterFill(const QString &op, const RxStatus &rx, const QString &key, const QString &fill)
{
    if (rx.closedSeq)
        throw invalid(op, QStringLiteral("Rx %1").arg(rx.rx), QStringLiteral("was closed (entry %1): the rest is void").arg(rx.closedSeq));
    if (rx.ndc11 != key) { // another package of the same drug and strength may fill the rest
        const auto was = Catalog(m_store.db()).product(rx.ndc11), now = Catalog(m_store.db()).product(key);
        const auto same = [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) == 0; };
        if (!was || !now || !same(was->name, now->name) || !same(was->strength, now->strength) || !same(was->baseUnit, now->baseUnit))
            throw invalid(op, QStringLiteral("Rx %1").arg(rx.rx), QStringLiteral("was filled with another drug or strength (NDC %1)").arg(rx.ndc11));
    }
    if (rx.dateWritten.isEmpty())
        return; // recorded before the ledger kept the kind of partial fill: only the quantity left is checked
    const PartialFill kind = partialFillFromName(rx.partialKind).value_or(PartialFill::None);
    if (kind == PartialFill::None)
        throw invalid(op, QStringLiteral("Rx %1").arg(rx.rx), QStringLiteral("was filled in full on %1: %2").arg(rx.firstFillDate, partialFillRule(kind)));
    const QDate fillDay = QDate::fromString(fill, Qt::ISODate);
    if (fill < rx.firstFillDate)
        throw invalid(op, QStringLiteral("The fill date (%1)").arg(fill), QStringLiteral("is before Rx %1's first fill (%2)").arg(rx.rx, rx.firstFillDate));
    const QDate last = lastFillDate(kind, QDate::fromString(rx.dateWritten, Qt::ISODate), QDate::fromString(rx.firstFillDate, Qt::ISODate));
    if (fillDay > last)
        throw invalid(op, QStringLiteral("Rx %1").arg(rx.rx),
                      QStringLiteral("could be filled until %1 (written %2, first filled %3): %4").arg(last.toString(Qt::ISODate), rx.dateWritten,
                                                                                                     rx.firstFillDate, partialFillRule(kind)),
                      kind == PartialFill::CannotSupply ? QStringLiteral("Close the rest of the Rx and tell the prescriber.") : QString());
}

qint64 Ledger::verifyDispense(const Session &s, qint64 dispenseSeq, const QString &signaturePin)
{
    const QString op = QStringLiteral("verify the dispense");
    currentRole(s, Action::VerifyDispense);
    const std::optional<DispenseToVerify> waiting = LedgerQueries(m_store.db()).dispenseToVerify(dispenseSeq);
    if (!waiting) {
        const auto entry = ledgerdb::entryAt(m_store.db(), dispenseSeq);
        throw invalid(op, QStringLiteral("Entry %1").arg(dispenseSeq),
                      !entry || entry->kind != QLatin1String("dispense") ? QStringLiteral("is not a dispense")
                                                                         : QStringLiteral("does not wait for verification (verified, voided, or recorded by a pharmacist)"));
    }
    requireSignature(s, signaturePin);
    return m_store.append(s.personId(), QStringLiteral("stock.dispense_verified"),
                          {{QStringLiteral("dispenseSeq"), dispenseSeq}, {QStringLiteral("ndc11"), waiting->ndc11},
                           {QStringLiteral("rx"), waiting->rx}, {QStringLiteral("signedBy"), s.personId()}}).seq;
}

qint64 Ledger::closePrescription(const Session &s, const QString &rxText, const QString &note, const QString &signaturePin)
{
    const QString op = QStringLiteral("close the rest of the prescription");
    currentRole(s, Action::ClosePrescription);
    const QString rx = validate::text(op, QStringLiteral("The Rx number"), rxText, 20);
    const QString how = validate::text(op, QStringLiteral("How the prescriber was told"), note);
    const std::optional<RxStatus> known = LedgerQueries(m_store.db()).rx(rx);
    if (!known)
        throw invalid(op, QStringLiteral("Rx %1").arg(rx), QStringLiteral("has no fill recorded here"));
    if (known->closedSeq)
        throw invalid(op, QStringLiteral("Rx %1").arg(rx), QStringLiteral("is already closed (entry %1)").arg(known->closedSeq));
    if (known->remaining() <= 0)
        throw invalid(op, QStringLiteral("Rx %1").arg(rx), QStringLiteral("has nothing left to close (all %1 filled)").arg(known->prescribed));
    requireSignature(s, signaturePin);
    return m_store.append(s.personId(), QStringLiteral("rx.closed"),
                          {{QStringLiteral("rx"), rx}, {QStringLiteral("voidQuantity"), known->remaining()}, {QStringLiteral("note"), how},
                           {QStringLiteral("signedBy"), s.personId()}}).seq;
}

qint64 Ledger::returnToStock(const Session &s, qint64 dispenseSeq, qint64 quantity, const QString &reason)
{
    const QString op = QStringLiteral("return the dispense to stock");
    currentRole(s, Action::ReturnToStock);
    validate::positive(op, QStringLiteral("The quantity"), quantity);
    const QString why = validate::text(op, QStringLiteral("The reason"), reason);
    return m_store.write(op, [&] {
        const auto entry = ledgerdb::entryAt(m_store.db(), dispenseSeq);
        if (!entry || entry->kind != QLatin1String("dispense"))
            throw invalid(op, QStringLiteral("Entry %1").arg(dispenseSeq), QStringLiteral("is not a dispense"));
        const QString key = entry->ndc11, rx = entry->reference;
        const qint64 dispensed = entry->eventQuantity; // an override dispense's entry moved less stock
        sql::Query voided(m_store.db(), "SELECT 1 FROM voided WHERE seq = ?");
        voided.bind(1, dispenseSeq);
        if (voided.next())
            throw invalid(op, QStringLiteral("Dispense %1").arg(dispenseSeq), QStringLiteral("was voided"));
        sql::Query back(m_store.db(), "SELECT coalesce(sum(delta), 0) FROM entries WHERE ndc11 = ? AND kind = 'return-to-stock' AND corrects_seq = ?");
        back.bind(1, key).bind(2, dispenseSeq);
        back.next();
        const qint64 left = dispensed - back.int64(0);
        if (quantity > left)
            throw invalid(op, QStringLiteral("The quantity"), QStringLiteral("is more than was dispensed and not yet returned (%1)").arg(left));
        return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.returned_to_stock"),
            {{QStringLiteral("ndc11"), key}, {QStringLiteral("quantity"), quantity}, {QStringLiteral("dispenseSeq"), dispenseSeq},
             {QStringLiteral("rx"), rx}, {QStringLiteral("reason"), why}}).seq;
    });
}

CountResult Ledger::count(const Session &s, const QString &ndc11, qint64 counted)
{
    const QString op = QStringLiteral("record the count");
    currentRole(s, Action::Count);
    if (counted < 0 || counted > validate::kMaxQuantity)
        throw invalid(op, QStringLiteral("The count"), QStringLiteral("must be a whole number from 0 to 10,000,000"));
    CountResult result;
    m_store.write(op, [&] { result = countInTransaction(op, s, ndc11, counted); });
    return result;
}

QList<CountResult> Ledger::countShelf(const Session &s, const QList<InventoryCount> &counts)
{
    const QString op = QStringLiteral("record the shelf count");
    currentRole(s, Action::Count);
    if (counts.isEmpty())
        throw invalid(op, QStringLiteral("The shelf list"), QStringLiteral("has no counts; enter at least one"));
    QHash<QString, int> firstLine;
    for (qsizetype i = 0; i < counts.size(); ++i) {
        // A file's own line numbers (header included) when the counts came from one; else the list's.
        const int lineNumber = counts[i].line > 0 ? counts[i].line : int(i + 1);
        const QString where = counts[i].line > 0 ? QStringLiteral("line %1 of the counts file").arg(lineNumber)
                                                 : QStringLiteral("line %1 of the shelf list").arg(lineNumber);
        const QString line = where.at(0).toUpper() + where.mid(1);
        if (counts[i].counted < 0 || counts[i].counted > validate::kMaxQuantity)
            throw invalid(op, line, QStringLiteral("must be a whole number from 0 to 10,000,000"));
        const QString key = productKey(op, counts[i].ndc11, false, QStringLiteral("on ") + where);
        if (const int earlier = firstLine.value(key); earlier)
            throw invalid(op, line, QStringLiteral("counts NDC %1 a second time (first on line %2)").arg(key).arg(earlier));
        firstLine.insert(key, lineNumber);
    }
    QList<CountResult> results;
    m_store.write(op, [&] {
        for (const InventoryCount &c : counts)
            results << countInTransaction(op, s, c.ndc11, c.counted);
    });
    return results;
}

CountResult Ledger::countInTransaction(const QString &op, const Session &s, const QString &ndc11, qint64 counted)
{
    CountResult result;
    const QString key = productKey(op, ndc11, false);
    const qint64 expected = ledgerdb::balance(m_store.db(), key);
    result.seq = m_store.appendInTransaction(s.personId(), QStringLiteral("stock.counted"),
        {{QStringLiteral("ndc11"), key}, {QStringLiteral("counted"), counted}, {QStringLiteral("expected"), expected},
         {QStringLiteral("blind"), true}}).seq;
    result.discrepancyOpened = counted != expected;
    result.difference = counted - expected;
    result.discrepancyId = ledgerdb::discrepancyOpenedBy(m_store.db(), result.seq, key);
    sql::Query pic(m_store.db(), "SELECT name FROM people WHERE role = 'pharmacist-in-charge' AND active = 1 ORDER BY added_seq LIMIT 1");
    result.reviewer = pic.next() ? pic.text(0) : QStringLiteral("the pharmacist-in-charge");
    return result;
}

qint64 Ledger::adjust(const Session &s, const QString &ndc11, qint64 delta, const QString &reasonCode,
                      const QString &justification, const QString &pin)
{
    const QString op = QStringLiteral("record the adjustment");
    currentRole(s, Action::Adjust);
    if (delta == 0 || delta > validate::kMaxQuantity || delta < -validate::kMaxQuantity)
        throw invalid(op, QStringLiteral("The adjustment"), QStringLiteral("must be a whole number other than zero"));
    if (reasonCode == QLatin1String("expired"))
        throw invalid(op, QStringLiteral("The reason \"expired\""),
                      QStringLiteral("is no longer an adjustment: expired stock stays on hand, not dispensable, until it is destroyed or shipped to a reverse distributor"),
                      QStringLiteral("Set it aside for disposal (ciictl set-aside), then record the destruction (Form 41) or the shipment."));
    if (!adjustmentReasons().contains(reasonCode))
        throw invalid(op, QStringLiteral("The reason"), QStringLiteral("must be one of: %1").arg(adjustmentReasons().join(QStringLiteral(", "))));
    const QString why = validate::text(op, QStringLiteral("The justification"), justification);
    if (why.size() < 10)
        throw invalid(op, QStringLiteral("The justification"), QStringLiteral("must say what happened (at least 10 characters)"));
    const QString key = productKey(op, ndc11);
    if (ledgerdb::balance(m_store.db(), key) + delta < 0)
        throw invalid(op, QStringLiteral("The adjustment"), QStringLiteral("would make the balance negative (on hand: %1)").arg(ledgerdb::balance(m_store.db(), key)));
    if (delta < 0)
        requireNotSetAside(op, QStringLiteral("The adjustment"), key, -delta);
    requireSignature(s, pin);
    return m_store.write(op, [&] {
        if (ledgerdb::balance(m_store.db(), key) + delta < 0)
            throw invalid(op, QStringLiteral("The adjustment"), QStringLiteral("would make the balance negative"));
        if (delta < 0)
            requireNotSetAside(op, QStringLiteral("The adjustment"), key, -delta);
        return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.adjusted"),
            {{QStringLiteral("ndc11"), key}, {QStringLiteral("delta"), delta}, {QStringLiteral("reasonCode"), reasonCode},
             {QStringLiteral("justification"), why}, {QStringLiteral("signedBy"), s.personId()}}).seq;
    });
}

qint64 Ledger::voidEntry(const Session &s, qint64 seq, const QString &reason, const QString &pin)
{
    const QString op = QStringLiteral("void the entry");
    currentRole(s, Action::Correct);
    const QString why = validate::text(op, QStringLiteral("The reason"), reason);
    QString key, kind, rx;
    qint64 delta = 0;
    const auto entry = ledgerdb::entryAt(m_store.db(), seq);
    if (!entry)
        throw invalid(op, QStringLiteral("Entry %1").arg(seq), QStringLiteral("is not a stock entry"));
    key = entry->ndc11, kind = entry->kind, delta = entry->delta, rx = entry->reference;
    static const QStringList unvoidable{QStringLiteral("count"), QStringLiteral("inventory"), QStringLiteral("void"),
                                        QStringLiteral("theft-or-loss"), QStringLiteral("opening-balance")};
    if (unvoidable.contains(kind))
        throw invalid(op, QStringLiteral("A %1 entry").arg(kind), QStringLiteral("cannot be voided"),
                      kind == QLatin1String("void") ? QString()
                      : kind == QLatin1String("theft-or-loss") ? QStringLiteral("The report stays on record; if the stock is found, count the product.")
                                                               : QStringLiteral("Record a new count instead."));
    sql::Query already(m_store.db(), "SELECT void_seq FROM voided WHERE seq = ?");
    already.bind(1, seq);
    if (already.next())
        throw invalid(op, QStringLiteral("Entry %1").arg(seq), QStringLiteral("was already voided by entry %1").arg(already.int64(0)));
    if (ledgerdb::balance(m_store.db(), key) - delta < 0)
        throw invalid(op, QStringLiteral("Voiding entry %1").arg(seq), QStringLiteral("would make the balance negative"));
    requireSignature(s, pin);
    QCborMap m{{QStringLiteral("seq"), seq}, {QStringLiteral("reason"), why}, {QStringLiteral("ndc11"), key}};
    if (kind == QLatin1String("dispense") || kind == QLatin1String("return-to-stock")) {
        // The Rx gets back what the event moved on it (an override dispense's entry moved less stock than that).
        const qint64 rxQuantity = entry->eventQuantity;
        m.insert(QStringLiteral("rx"), rx);
        m.insert(QStringLiteral("rxQuantityChange"), kind == QLatin1String("dispense") ? -rxQuantity : rxQuantity);
    }
    return m_store.write(op, [&] { return m_store.appendInTransaction(s.personId(), QStringLiteral("entry.voided"), m).seq; });
}

qint64 Ledger::resolveDiscrepancy(const Session &s, qint64 id, const QString &reasonCode, const QString &note,
                                  bool escalate, const QString &pin, const Escalation &how, std::optional<qint64> recounted)
{
    const QString op = escalate ? QStringLiteral("escalate the discrepancy") : QStringLiteral("resolve the discrepancy");
    currentRole(s, Action::ResolveDiscrepancy);
    if (!escalate && !discrepancyReasons().contains(reasonCode))
        throw invalid(op, QStringLiteral("The reason"), QStringLiteral("must be one of: %1").arg(discrepancyReasons().join(QStringLiteral(", "))));
    const QString lossType = how.lossType.trimmed().isEmpty() ? QStringLiteral("loss") : how.lossType.trimmed();
    if (escalate && !newLossTypes().contains(lossType))
        throw invalid(op, QStringLiteral("The type"), QStringLiteral("must be one of: %1").arg(newLossTypes().join(QStringLiteral(", "))));
    const QString text = validate::text(op, QStringLiteral("The note"), note, 1000);
    const bool countingError = !escalate && reasonCode == QLatin1String("counting-error");
    if (countingError && !recounted)
        throw invalid(op, QStringLiteral("The recount"), QStringLiteral("is required for a counting error"),
                      QStringLiteral("Count the shelf again and enter what it holds: the recount sets the balance right."));
    if (!countingError && recounted)
        throw invalid(op, QStringLiteral("A recount"), QStringLiteral("is recorded with a counting error only"),
                      QStringLiteral("To record what the shelf holds, count the product: a new difference opens its own discrepancy."));
    if (recounted && *recounted < 0)
        throw invalid(op, QStringLiteral("The recount"), QStringLiteral("cannot be negative"));
    QCborMap facts;
    if (escalate)
        addForm106Facts(op, lossType, how.policeReport, how.kind, facts);
    QCborMap m{{QStringLiteral("discrepancyId"), id}, {QStringLiteral("reasonCode"), escalate ? QStringLiteral("theft-or-loss") : reasonCode},
               {QStringLiteral("note"), text}, {QStringLiteral("signedBy"), s.personId()}};
    {
        sql::Query q(m_store.db(), "SELECT status, ndc11, difference, "
                                   "(SELECT business_date FROM entries e WHERE e.ndc11 = d.ndc11 AND e.seq = d.opened_seq), "
                                   "(SELECT business_date FROM entries e WHERE e.ndc11 = d.ndc11 AND e.seq = d.since_seq) "
                                   "FROM discrepancies d WHERE id = ?");
        q.bind(1, id);
        if (!q.next())
            throw invalid(op, QStringLiteral("Discrepancy %1").arg(id), QStringLiteral("does not exist"));
        if (q.text(0) == QLatin1String("resolved") || q.text(0) == QLatin1String("escalated"))
            throw invalid(op, QStringLiteral("Discrepancy %1").arg(id), QStringLiteral("is already %1").arg(q.text(0)));
        if (escalate) {
            if (q.int64(2) >= 0)
                throw invalid(op, QStringLiteral("Discrepancy %1").arg(id), QStringLiteral("is a surplus, not a shortage: it cannot be a theft or loss"));
            // Discovered when the count found it (21 CFR 1301.76(b) runs from discovery), unless said otherwise; never
            // before the last count that matched the records, when the stock was still all there.
            const QString found = q.isNull(3) ? today() : q.text(3);
            const QString discovery = how.discoveryDate.trimmed().isEmpty()
                                          ? found : validate::pastDate(op, QStringLiteral("The discovery date"), how.discoveryDate, today());
            if (!q.isNull(4) && discovery < q.text(4))
                throw invalid(op, QStringLiteral("The discovery date"),
                              QStringLiteral("(%1) is before the last count that matched the records (%2)").arg(discovery, q.text(4)));
            const QCborMap deadlines = lossDeadlines(QDate::fromString(discovery, Qt::ISODate));
            for (auto it = deadlines.begin(); it != deadlines.end(); ++it)
                m.insert(it.key(), it.value());
            m.insert(QStringLiteral("ndc11"), q.text(1));
            m.insert(QStringLiteral("quantity"), -q.int64(2));
            m.insert(QStringLiteral("lossType"), lossType);
            m.insert(QStringLiteral("discoveryDate"), discovery);
            m.insert(QStringLiteral("circumstances"), text);
            for (auto it = facts.begin(); it != facts.end(); ++it)
                m.insert(it.key(), it.value());
        }
    }
    const QString ndc11 = LedgerQueries(m_store.db()).discrepancy(id)->ndc11;
    const auto checkRecount = [&] {
        const RecountTarget t = *LedgerQueries(m_store.db()).recountTarget(id);
        if (*recounted != t.records) {
            const DiscrepancyDetail d = *LedgerQueries(m_store.db()).discrepancy(id);
            throw invalid(op, QStringLiteral("The recount (%1)").arg(*recounted),
                          t.superseded ? QStringLiteral("does not match the records (%1), which a later count set").arg(t.records)
                                       : QStringLiteral("is not what the shelf should hold now if the count was wrong: %1 (%2 expected at "
                                                        "the count, %3 since)").arg(t.records).arg(d.expected)
                                             .arg(t.movedSince > 0 ? QStringLiteral("+%1").arg(t.movedSince) : QString::number(t.movedSince)),
                          QStringLiteral("It is not a counting error alone: choose another reason, or record a new count."));
        }
        return t.balance;
    };
    if (recounted)
        checkRecount(); // before the PIN: a refusal costs no signature attempt
    requireSignature(s, pin);
    return m_store.write(op, [&] {
        if (recounted) { // read again under the write lock: another connection may have recorded since
            m.insert(QStringLiteral("ndc11"), ndc11);
            m.insert(QStringLiteral("expected"), checkRecount());
            m.insert(QStringLiteral("recounted"), *recounted);
        }
        return m_store.appendInTransaction(s.personId(), escalate ? QStringLiteral("discrepancy.escalated") : QStringLiteral("discrepancy.resolved"), m).seq;
    });
}

qint64 Ledger::balance(const QString &ndc)
{
    return ledgerdb::balance(m_store.db(), productKey(QStringLiteral("find the balance"), ndc, false));
}

} // namespace cii
