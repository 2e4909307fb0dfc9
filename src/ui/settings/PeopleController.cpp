#include "PeopleController.h"

#include "Clock.h"
#include "Counter.h"
#include "LedgerQueries.h"
#include "QmlInstance.h"
#include "Store.h"

#include <QDateTime>

namespace cii {

namespace {
QVariantMap ok(const QString &message)
{
    return {{QStringLiteral("ok"), true}, {QStringLiteral("message"), message}};
}
} // namespace

PeopleController::PeopleController(Counter *counter, const LedgerQueries *queries, QObject *parent)
    : QObject(parent)
    , m_counter(counter)
    , m_queries(queries)
{
    connect(m_counter, &Counter::changed, this, &PeopleController::changed); // every commit, from any process
    connect(m_counter, &Counter::sessionChanged, this, &PeopleController::changed);
}

PeopleController *PeopleController::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<PeopleController>::forQml();
}

void PeopleController::setInstance(PeopleController *instance)
{
    QmlInstance<PeopleController>::set(instance);
}

QVariantList PeopleController::people() const
{
    QVariantList list;
    if (!m_queries || !m_counter->store())
        return list;
    const qint64 now = m_counter->store()->clock().nowMs();
    const QTimeZone zone = m_queries->pharmacy().zone();
    const QString self = m_counter->session() ? m_counter->session()->personId() : QString();
    for (const PersonRow &p : m_queries->people(false)) {
        const bool locked = p.active && p.lockedUntilMs > now;
        QString status = tr("Active");
        if (!p.active)
            status = p.deactivatedReason.isEmpty() ? tr("Deactivated") : tr("Deactivated: %1").arg(p.deactivatedReason);
        else if (locked)
            status = tr("Locked out until %1 (five wrong tries)")
                         .arg(QDateTime::fromMSecsSinceEpoch(p.lockedUntilMs, zone).toString(QStringLiteral("HH:mm")));
        list.append(QVariantMap{{QStringLiteral("id"), p.id}, {QStringLiteral("name"), p.name},
                                {QStringLiteral("initials"), p.initials}, {QStringLiteral("role"), roleTitle(p.role)},
                                {QStringLiteral("roleName"), roleName(p.role)}, {QStringLiteral("active"), p.active},
                                {QStringLiteral("lockedOut"), locked}, {QStringLiteral("status"), status},
                                {QStringLiteral("reason"), p.deactivatedReason}, {QStringLiteral("self"), p.id == self}});
    }
    return list;
}

bool PeopleController::canManage() const
{
    const auto &s = m_counter->session();
    return s && isAllowed(s->role(), Action::ManagePeople);
}

QVariantList PeopleController::roles()
{
    QVariantList list;
    for (Role r : {Role::Technician, Role::Pharmacist, Role::PharmacistInCharge, Role::Owner})
        list.append(QVariantMap{{QStringLiteral("id"), roleName(r)}, {QStringLiteral("text"), roleTitle(r)}});
    return list;
}

QString PeopleController::fieldProblem(const QString &field, const QString &text) const
{
    Ledger *ledger = m_counter->ledger();
    if (!ledger)
        return {};
    static const QHash<QString, Ledger::PersonField> fields{
        {QStringLiteral("name"), Ledger::PersonField::Name}, {QStringLiteral("initials"), Ledger::PersonField::Initials},
        {QStringLiteral("pin"), Ledger::PersonField::Pin}, {QStringLiteral("password"), Ledger::PersonField::Password}};
    const auto it = fields.constFind(field);
    return it == fields.cend() ? QString() : ledger->checkPersonField(*it, text);
}

QString PeopleController::repeatProblem(const QString &first, const QString &again, bool pin) const
{
    if (again.isEmpty() || again == first)
        return {};
    return pin ? tr("The two PINs differ: type the same PIN twice.") : tr("The two passwords differ: type the same password twice.");
}

QString PeopleController::nameOf(const QString &personId) const
{
    return m_queries ? m_queries->personNames().value(personId) : QString();
}

QVariantMap PeopleController::add(const QString &name, const QString &initials, const QString &role, const QString &pin,
                                  const QString &pinAgain, const QString &password, const QString &passwordAgain,
                                  const QString &signature)
{
    return m_counter->command([&](Counter &c, const Session &s) {
        const std::optional<Role> r = roleFromName(role);
        if (!r)
            return Counter::refused(tr("Choose a role."));
        const bool byPin = !pin.isEmpty() || password.isEmpty();
        if (const QString why = byPin ? repeatProblem(pin, pinAgain, true) : repeatProblem(password, passwordAgain, false); !why.isEmpty())
            return Counter::refused(why);
        if ((byPin ? pinAgain : passwordAgain).isEmpty() && !(byPin ? pin : password).isEmpty())
            return Counter::refused(byPin ? tr("Type the PIN a second time.") : tr("Type the password a second time."));
        c.ledger()->addPerson(s, {name, initials, *r, byPin ? pin : QString(), byPin ? QString() : password}, signature);
        return ok(tr("Added %1 (%2) as %3.").arg(name.trimmed(), initials.trimmed().toUpper(), roleName(*r)));
    }, [this] { Q_EMIT changed(); });
}

QVariantMap PeopleController::changeRole(const QString &personId, const QString &role, const QString &signature)
{
    return m_counter->command([&](Counter &c, const Session &s) {
        const std::optional<Role> r = roleFromName(role);
        if (!r)
            return Counter::refused(tr("Choose a role."));
        c.ledger()->changeRole(s, personId, *r, signature);
        return ok(tr("%1 is now %2 %3.").arg(nameOf(personId), *r == Role::Owner ? tr("the") : tr("a"), roleName(*r)));
    }, [this] { Q_EMIT changed(); });
}

QVariantMap PeopleController::checkSignature(const QString &signature)
{
    return m_counter->run([&](const Session &s) {
        m_counter->ledger()->requireAllowed(s, Action::ManagePeople);
        m_counter->ledger()->checkSignature(s, signature);
        return ok(QString());
    });
}

QVariantMap PeopleController::resetPin(const QString &personId, const QString &newPin, const QString &newPinAgain,
                                       const QString &signature)
{
    return m_counter->command([&](Counter &c, const Session &s) {
        if (const QString why = repeatProblem(newPin, newPinAgain, true); !why.isEmpty())
            return Counter::refused(why);
        if (personId == s.personId())
            return Counter::refused(tr("Your own PIN is changed with your current one, not reset."));
        c.ledger()->changeCredentials(s, personId, newPin, QString(), signature);
        return ok(tr("%1's new PIN is set; they can sign in with it now.").arg(nameOf(personId)));
    }, [this] { Q_EMIT changed(); });
}

QVariantMap PeopleController::deactivate(const QString &personId, const QString &reason, const QString &signature)
{
    return m_counter->command([&](Counter &c, const Session &s) {
        c.ledger()->deactivatePerson(s, personId, reason, signature);
        return ok(tr("%1 is deactivated: they can no longer sign in. Their records stay.").arg(nameOf(personId)));
    }, [this] { Q_EMIT changed(); });
}

} // namespace cii
