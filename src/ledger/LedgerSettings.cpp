// Ledger: the pharmacy's settings beside its profile, each a signed "setting.changed" event (SettingsProjection).
#include "Ledger.h"

#include "CiiError.h"
#include "Store.h"
#include "Validation.h"

#include <QCborMap>

namespace cii {

void Ledger::setIdleMinutes(const Session &s, int minutes, const QString &signaturePin)
{
    currentRole(s, Action::ConfigurePharmacy);
    if (minutes < kMinIdleMinutes || minutes > kMaxIdleMinutes)
        throw validate::invalid(QStringLiteral("change the idle lock"), QStringLiteral("The idle lock"),
                      QStringLiteral("must be between %1 and %2 minutes (got %3)").arg(kMinIdleMinutes).arg(kMaxIdleMinutes).arg(minutes));
    requireSignature(s, signaturePin);
    m_store.append(s.personId(), QStringLiteral("setting.changed"),
                   QCborMap{{QStringLiteral("key"), QString::fromLatin1(kIdleMinutesKey)},
                            {QStringLiteral("value"), QString::number(minutes)}});
}

QString Ledger::checkProfileField(const QString &field, const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    bool number = false;
    const int n = t.toInt(&number);
    if (field == QLatin1String("idleMinutes")) {
        if (!number)
            return QStringLiteral("Type a whole number of minutes.");
        if (n < kMinIdleMinutes || n > kMaxIdleMinutes)
            return QStringLiteral("The idle lock must be between %1 and %2 minutes.").arg(kMinIdleMinutes).arg(kMaxIdleMinutes);
        return {};
    }
    // The one field typed, in an otherwise good profile, through the very check a save makes.
    PharmacyProfile p{QStringLiteral("Pharmacy"), QStringLiteral("Address"), QStringLiteral("BM1234563"), QStringLiteral("CA"),
                      QStringLiteral("America/Los_Angeles"), 0, {}, {}};
    if (field == QLatin1String("name"))
        p.name = t;
    else if (field == QLatin1String("address"))
        p.address = t;
    else if (field == QLatin1String("dea"))
        p.dea = t;
    else if (field == QLatin1String("deaExpiry"))
        p.deaExpiry = t;
    else if (field == QLatin1String("licenseExpiry"))
        p.licenseExpiry = t;
    else if (field == QLatin1String("state"))
        p.state = t;
    else if (field == QLatin1String("timezone"))
        p.timezone = t;
    else if (field == QLatin1String("cadenceDays")) {
        if (!number)
            return QStringLiteral("Type a whole number of days, or leave it empty for the state's rule.");
        if (n == 0)
            return QStringLiteral("The reconciliation cadence must be between 1 and 730 days.");
        p.cadenceDays = n;
    } else
        return {};
    try {
        profilePayload(p);
    } catch (const CiiError &e) {
        return e.reason() + QLatin1Char('.');
    }
    return {};
}

} // namespace cii
