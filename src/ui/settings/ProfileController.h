#pragma once

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace cii {
class Counter;
class LedgerQueries;

/// Settings > Pharmacy profile (docs/SCREEN-RULES.md): the profile every record carries (name, address, DEA
/// registration and its expiry, state licence expiry, state, time zone, reconciliation cadence) and the idle lock's
/// minutes. Read through LedgerQueries; written through the Ledger only: a changed profile is one signed
/// pharmacy.configured event (Ledger::configurePharmacy), changed idle minutes one signed setting.changed event
/// (Ledger::setIdleMinutes), both signed with the PIN the page checked on a worker first (Counter.verifyThen).
/// Only the pharmacist-in-charge or the owner may (the Ledger refuses anyone else; canChange only says what the
/// page offers). Each field is checked as typed by the Ledger's own check (Ledger::checkProfileField). UI thread.
/// One instance, built in the composition root (UiServices); QML gets it as a singleton.
class ProfileController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool canChange READ canChange NOTIFY changed)
    /// Why the page is read-only, naming who may change it ("" when canChange).
    Q_PROPERTY(QString readOnlyReason READ readOnlyReason NOTIFY changed)
    /// As recorded: {name, address, dea, deaExpiry, licenseExpiry, state, timezone, cadenceDays, idleMinutes}, all text.
    Q_PROPERTY(QVariantMap profile READ profile NOTIFY changed)
    /// [{code, name}] of the US states and territories, by name.
    Q_PROPERTY(QVariantList states READ states CONSTANT)
    Q_PROPERTY(QStringList timeZones READ timeZones CONSTANT)

public:
    /// `queries` null: no store is open (an empty profile, every save refused).
    ProfileController(Counter *counter, const LedgerQueries *queries, QObject *parent = nullptr);
    ~ProfileController() override;
    static ProfileController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(ProfileController *instance);

    bool canChange() const;
    QString readOnlyReason() const;
    QVariantMap profile() const;
    QVariantList states() const;
    QStringList timeZones() const;

    /// The Ledger's sentence for one field as typed ("" when good or empty): Ledger::checkProfileField.
    Q_INVOKABLE QString check(const QString &field, const QString &text) const;
    /// The zone most pharmacies in `state` keep (the default a state change brings); "" for an unknown state.
    Q_INVOKABLE QString zoneForState(const QString &state) const;
    /// What the fields hold now differs from the record (so Save is offered).
    Q_INVOKABLE bool differs(const QVariantMap &fields) const;
    /// Records what changed, signed with `pin` (checked ahead on a worker by Counter.verifyThen): the profile as one
    /// event, the idle minutes as another, each only when changed; the idle minutes are checked before the profile is
    /// written, so a refusal writes nothing. {ok, message}.
    Q_INVOKABLE QVariantMap save(const QVariantMap &fields, const QString &pin);

Q_SIGNALS:
    void changed();

private:
    Counter *m_counter;
    const LedgerQueries *m_queries;
};

} // namespace cii
