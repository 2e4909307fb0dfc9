#include "ProfileController.h"

#include "Counter.h"
#include "Ledger.h"
#include "LedgerQueries.h"
#include "QmlInstance.h"
#include "Roles.h"
#include "UsStates.h"

#include <QJSEngine>

namespace cii {
namespace {
QString field(const QVariantMap &fields, const char *key)
{
    return fields.value(QLatin1String(key)).toString().trimmed();
}
} // namespace

ProfileController::ProfileController(Counter *counter, const LedgerQueries *queries, QObject *parent)
    : QObject(parent)
    , m_counter(counter)
    , m_queries(queries)
{
    if (m_counter) {
        connect(m_counter, &Counter::changed, this, &ProfileController::changed);
        connect(m_counter, &Counter::sessionChanged, this, &ProfileController::changed);
    }
}

ProfileController::~ProfileController()
{
    QmlInstance<ProfileController>::clear(this);
}

ProfileController *ProfileController::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<ProfileController>::forQml([] { return new ProfileController(nullptr, nullptr); });
}

void ProfileController::setInstance(ProfileController *instance)
{
    QmlInstance<ProfileController>::set(instance);
}

bool ProfileController::canChange() const
{
    const auto role = m_counter ? m_counter->sessionRole() : std::nullopt;
    return m_queries && role && isAllowed(*role, Action::ConfigurePharmacy);
}

QString ProfileController::readOnlyReason() const
{
    if (canChange())
        return {};
    const QString only = tr("Only the pharmacist-in-charge or the owner may change the pharmacy profile.");
    const QString who = m_counter ? m_counter->personRoleNoun() : QString();
    return who.isEmpty() ? only : tr("%1 You are signed in as %2.").arg(only, who);
}

QVariantMap ProfileController::profile() const
{
    if (!m_queries)
        return {};
    const PharmacyRow p = m_queries->pharmacy();
    return {{QStringLiteral("name"), p.name},
            {QStringLiteral("address"), p.address},
            {QStringLiteral("dea"), p.dea},
            {QStringLiteral("deaExpiry"), p.deaExpiry},
            {QStringLiteral("licenseExpiry"), p.licenseExpiry},
            {QStringLiteral("state"), p.state},
            {QStringLiteral("timezone"), p.timezone},
            {QStringLiteral("cadenceDays"), p.exists ? QString::number(p.cadenceDays) : QString()},
            {QStringLiteral("idleMinutes"), QString::number(m_queries->idleMinutes())}};
}

QVariantList ProfileController::states() const
{
    QVariantList out;
    for (const UsState &s : usStates())
        out.append(QVariantMap{{QStringLiteral("code"), s.code}, {QStringLiteral("name"), s.name}});
    return out;
}

QStringList ProfileController::timeZones() const
{
    return usTimeZones();
}

QString ProfileController::check(const QString &name, const QString &text) const
{
    return Ledger::checkProfileField(name, text);
}

QString ProfileController::zoneForState(const QString &state) const
{
    const UsState *s = usState(state);
    return s ? s->zone : QString();
}

bool ProfileController::differs(const QVariantMap &fields) const
{
    const QVariantMap now = profile();
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        QString typed = it.value().toString().trimmed(), recorded = now.value(it.key()).toString();
        if (it.key() == QLatin1String("dea") || it.key() == QLatin1String("state"))
            typed = typed.toUpper();
        if (typed != recorded)
            return true;
    }
    return false;
}

QVariantMap ProfileController::save(const QVariantMap &fields, const QString &pin)
{
    if (!m_counter || !m_queries)
        return Counter::refused(tr("The store is not open."));
    return m_counter->command([&](Counter &c, const Session &s) -> QVariantMap {
        const QVariantMap now = profile();
        QVariantMap profileFields = fields;
        profileFields.remove(QStringLiteral("idleMinutes"));
        const bool profileChanged = differs(profileFields);
        const QString idleText = field(fields, "idleMinutes");
        const bool idleChanged = !idleText.isEmpty() && idleText != now.value(QStringLiteral("idleMinutes")).toString();
        if (!profileChanged && !idleChanged)
            return Counter::refused(tr("Nothing was changed."));
        bool ok = true;
        const int idle = idleChanged ? idleText.toInt(&ok) : 0;
        if (idleChanged) {
            // Checked before the profile is written: a refusal writes nothing at all.
            if (const QString problem = Ledger::checkProfileField(QStringLiteral("idleMinutes"), idleText); !problem.isEmpty())
                return Counter::refused(problem);
        }
        if (profileChanged) {
            const QString cadenceText = field(fields, "cadenceDays");
            const int cadence = cadenceText.isEmpty() ? 0 : cadenceText.toInt(&ok);
            if (!ok)
                return Counter::refused(Ledger::checkProfileField(QStringLiteral("cadenceDays"), cadenceText));
            c.ledger()->configurePharmacy(s, PharmacyProfile{field(fields, "name"), field(fields, "address"), field(fields, "dea"),
                                                             field(fields, "state").toUpper(), field(fields, "timezone"), cadence,
                                                             field(fields, "deaExpiry"), field(fields, "licenseExpiry")},
                                          pin);
        }
        if (idleChanged)
            c.ledger()->setIdleMinutes(s, idle, pin);
        const QString message = profileChanged && idleChanged ? tr("The pharmacy profile and the idle lock are changed, signed by %1.").arg(s.name())
                                : profileChanged              ? tr("The pharmacy profile is changed, signed by %1.").arg(s.name())
                                                              : tr("The idle lock is changed, signed by %1.").arg(s.name());
        return {{QStringLiteral("ok"), true}, {QStringLiteral("message"), message}};
    }, [this] { Q_EMIT changed(); });
}

} // namespace cii
