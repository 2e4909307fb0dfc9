// Ledger: the pharmacy's settings beside its profile, each a signed "setting.changed" event (SettingsProjection).
#include "Ledger.h"

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

} // namespace cii
