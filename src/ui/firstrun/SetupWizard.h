#pragma once

#include "StoreLocation.h"

#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace cii {
class Counter;
class Store;

/// The first-run wizard (docs/FIRST-RUN.md): activate with the backup service, choose a new pharmacy, a restore
/// from the cloud or opening balances from a spreadsheet, set up the pharmacy and its pharmacist-in-charge, record
/// the opening balances, make the recovery key with its printable sheet and confirm it was kept. It ends on a
/// "You are set up" page, then the lock screen. Every rule is here or in the Ledger, none in QML. Resumable: the
/// step is worked out from the store (activated? set up? opening balances recorded?) and a marker file in the data
/// folder that says the wizard was started and which path was chosen; the recovery key itself is only ever in
/// memory. QML gets the instance main.cpp made.
class SetupWizard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// The wizard is shown instead of the lock screen.
    Q_PROPERTY(bool active READ active NOTIFY changed)
    Q_PROPERTY(Step step READ step NOTIFY changed)
    /// new, restore, import (empty before the choice)
    Q_PROPERTY(QString choice READ choice NOTIFY changed)
    /// Waiting for the backup service (the page shows a busy indicator and takes no taps).
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    Q_PROPERTY(bool activated READ activated NOTIFY changed)
    /// The pharmacy the backup service named when this workstation was activated.
    Q_PROPERTY(QString servicePharmacy READ servicePharmacy NOTIFY changed)
    Q_PROPERTY(QString serviceUrl READ serviceUrl NOTIFY changed)
    /// The recovery key, while the recovery step shows it (never written anywhere but the sheet).
    Q_PROPERTY(QString recoveryKey READ recoveryKey NOTIFY changed)
    Q_PROPERTY(QString sheetPath READ sheetPath NOTIFY changed)
    /// The two groups (1 to 13) the confirmation asks for.
    Q_PROPERTY(QVariantList confirmGroups READ confirmGroups NOTIFY changed)
    /// The checked opening-balances file: {rows: [{line, ndc11, name, quantity, unit, countedBy, countedOn, isNew}],
    /// rejected: [{line, reason}], path}
    Q_PROPERTY(QVariantMap importPreview READ importPreview NOTIFY changed)

public:
    /// The step shown, as QML compares it (SetupWizard.Choose). None: not worked out yet, or the wizard ended.
    /// Done: the last page, "You are set up" (not resumed: once there, the next start shows the lock screen).
    enum class Step { None, Activate, Choose, Profile, Import, Recovery, Confirm, Done };
    Q_ENUM(Step)

    explicit SetupWizard(StoreLocation location, QObject *parent = nullptr);
    static SetupWizard *create(QQmlEngine *, QJSEngine *);
    static void setInstance(SetupWizard *instance);
    /// The app's store and counter of the moment (null while none is open); works out the step.
    void attach(Store *store, Counter *counter);

    bool active() const { return m_active; }
    Step step() const { return m_step; }
    QString choice() const { return m_choice; }
    bool busy() const { return m_busy; }
    bool activated() const { return m_activated; }
    QString servicePharmacy() const { return m_servicePharmacy; }
    QString serviceUrl() const { return m_serviceUrl; }
    QString recoveryKey() const { return m_recoveryKey; }
    QString sheetPath() const { return m_sheetPath; }
    QVariantList confirmGroups() const { return {m_confirmGroups.first, m_confirmGroups.second}; }
    QVariantMap importPreview() const { return m_preview; }

    /// Activates this workstation (waits for the service with a busy page; backupsetup::activate). `caPath`: a PEM
    /// file of the private certificate authority the service uses, or empty. Returns the problem, or empty.
    Q_INVOKABLE QString activate(const QString &service, const QString &code, const QString &caPath = {});
    /// Goes on without a backup service for now: the records stay only on this computer until the backup is set
    /// up at Settings > Backup (the page says so, and so does the last page).
    Q_INVOKABLE void skipActivation();
    /// Back to the previous step where one exists (before anything was recorded).
    Q_INVOKABLE void back();
    /// new, restore or import. A new pharmacy is refused when the service already holds records for this pharmacy.
    Q_INVOKABLE QString choose(const QString &choice);
    /// The pharmacy profile and its first pharmacist-in-charge (the PIN twice). Returns the problem, or empty.
    Q_INVOKABLE QString setUp(const QVariantMap &profile, const QString &picName, const QString &picInitials,
                              const QString &pin, const QString &pinAgain);
    /// Writes the opening-balances template to `path`. Returns the problem, or empty.
    Q_INVOKABLE QString saveTemplate(const QString &path) const;
    /// Reads and checks a file (nothing is written); fills importPreview. Returns the problem, or empty.
    Q_INVOKABLE QString checkImport(const QString &path);
    /// Records the checked file, signed with the pharmacist-in-charge's PIN. Returns the problem, or empty.
    Q_INVOKABLE QString recordImport(const QString &pin);
    /// Makes the recovery key (the service stores its wrap) and writes the sheet to `sheetPath`. Returns the problem.
    Q_INVOKABLE QString makeRecoveryKey(const QString &sheetPath);
    /// The person says the sheet is printed and put away: the key leaves the screen, two groups are asked for.
    Q_INVOKABLE void keyKept();
    /// Checks the two groups typed from the sheet; on success the last page ("You are set up"). Returns the
    /// problem, or empty.
    Q_INVOKABLE QString confirmKey(const QString &first, const QString &second);
    /// Leaves the last page ("You are set up") for the lock screen; nothing on another step.
    Q_INVOKABLE void close();
    /// Suggested places for files: the sheet, the template, the opening-balances file.
    Q_INVOKABLE QString suggestedPath(const QString &what) const;
    /// The time zones a US pharmacy picks from, and the states.
    Q_INVOKABLE QStringList timeZones() const;

Q_SIGNALS:
    void changed();

private:
    /// Reads this workstation's activation (whether, for which pharmacy, where) from the store, once per change.
    void readActivation();
    QString markerPath() const;
    void writeMarker(const QString &choice) const;
    void workOutStep();
    void go(Step step);
    void afterSetUp();
    void finish();
    bool setUpAlready() const;

    StoreLocation m_location;
    Store *m_store = nullptr;
    Counter *m_counter = nullptr;
    bool m_active = false, m_busy = false, m_activated = false;
    QString m_servicePharmacy, m_serviceUrl;
    Step m_step = Step::None;
    QString m_choice, m_recoveryKey, m_sheetPath, m_importPath;
    QByteArray m_importBytes;
    std::pair<int, int> m_confirmGroups{0, 0};
    QVariantMap m_preview;
};

} // namespace cii
