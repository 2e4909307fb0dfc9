#include "BackupController.h"

#include "BackupSetup.h"
#include "Counter.h"
#include "QmlInstance.h"
#include "RecoverySetup.h"
#include "ReplicationSettings.h"
#include "Roles.h"
#include "Store.h"

#include <QDateTime>
#include <QDir>
#include <QJSEngine>
#include <QLocale>
#include <QStandardPaths>

namespace cii {

BackupController::BackupController(Store *store, Counter *counter, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_counter(counter)
{
    if (m_counter) {
        connect(m_counter, &Counter::sessionChanged, this, [this] {
            // Locked or another person: a key on the screen leaves it.
            m_recoveryKey.clear();
            m_sheetPath.clear();
            Q_EMIT changed();
        });
        connect(m_counter, &Counter::changed, this, &BackupController::changed);
    }
}

BackupController::~BackupController()
{
    QmlInstance<BackupController>::clear(this);
}

BackupController *BackupController::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<BackupController>::forQml([] { return new BackupController(nullptr, nullptr); });
}

void BackupController::setInstance(BackupController *instance)
{
    QmlInstance<BackupController>::set(instance);
}

bool BackupController::canChange() const
{
    const auto role = m_counter ? m_counter->sessionRole() : std::nullopt;
    return m_store && role && isAllowed(*role, Action::ConfigurePharmacy);
}

QString BackupController::readOnlyReason() const
{
    if (canChange())
        return {};
    QString who = m_counter ? m_counter->personRoleNoun() : QString();
    if (!who.isEmpty())
        who[0] = who[0].toUpper();
    const QString only = tr("Only the pharmacist-in-charge or the owner may activate the backup or make the recovery key.");
    return who.isEmpty() ? only : tr("%1 You are signed in as %2.").arg(only, m_counter->personRoleNoun());
}

bool BackupController::activated() const
{
    return m_store && sync::ReplicationSettings::load(m_store->db()).has_value();
}

bool BackupController::revoked() const
{
    const auto s = m_store ? sync::ReplicationSettings::load(m_store->db()) : std::nullopt;
    return s && s->revokedMs.has_value();
}

QString BackupController::serviceUrl() const
{
    const auto s = m_store ? sync::ReplicationSettings::load(m_store->db()) : std::nullopt;
    return s ? s->serviceUrl.toString() : QString();
}

QString BackupController::servicePharmacy() const
{
    const auto s = m_store ? sync::ReplicationSettings::load(m_store->db()) : std::nullopt;
    return s ? s->pharmacyName : QString();
}

bool BackupController::hasRecoveryKey() const
{
    return m_store && sync::recoveryKeySetMs(m_store->db()).has_value();
}

QString BackupController::recoveryKeyMadeOn() const
{
    const auto at = m_store ? sync::recoveryKeySetMs(m_store->db()) : std::nullopt;
    return at ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(*at).date(), QLocale::LongFormat) : QString();
}

QString BackupController::activate(const QString &service, const QString &code, const QString &caPath)
{
    if (!canChange())
        return readOnlyReason();
    if (m_busy)
        return tr("Still waiting for the backup service.");
    if (service.trimmed().isEmpty())
        return tr("Enter the backup service's address, such as https://backup.example.org.");
    if (code.trimmed().isEmpty())
        return tr("Enter the activation code the backup service gave you for this workstation.");
    m_busy = true;
    Q_EMIT changed();
    QString problem;
    const auto settings = backupsetup::activate(*m_store, service, code, caPath, QStringLiteral("Counter workstation"), problem);
    m_busy = false;
    Q_EMIT changed();
    return settings ? QString() : problem;
}

QString BackupController::makeRecoveryKey(const QString &sheetPath)
{
    if (!canChange())
        return readOnlyReason();
    if (m_busy)
        return tr("Still waiting for the backup service.");
    if (!activated())
        return tr("Activate the backup first: the recovery key opens the pharmacy's backup, so it is kept by the service.");
    if (sheetPath.trimmed().isEmpty())
        return tr("Choose where to save the recovery sheet (a PDF to print).");
    m_busy = true;
    Q_EMIT changed();
    QString problem;
    const auto made = backupsetup::makeRecoveryKey(*m_store, sheetPath, problem);
    m_busy = false;
    if (made) {
        m_recoveryKey = made->key;
        m_sheetPath = made->sheetPath;
    }
    Q_EMIT changed();
    if (!made)
        return problem;
    return made->sheetProblem.isEmpty() ? QString() : tr("%1 Write the key down by hand from this screen instead.").arg(made->sheetProblem);
}

void BackupController::keyPutAway()
{
    m_recoveryKey.clear();
    m_sheetPath.clear();
    Q_EMIT changed();
}

QString BackupController::suggestedSheetPath() const
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    return QDir(folder).filePath(QStringLiteral("CII Ledger recovery sheet.pdf"));
}

QString BackupController::replaceWarning() const
{
    const QString made = recoveryKeyMadeOn();
    return tr("The recovery key made on %1 will no longer open the backup: a restore on a new computer will need the new "
              "sheet. Print the new sheet, put it in the safe, and destroy the old one.").arg(made.isEmpty() ? tr("an earlier day") : made);
}

} // namespace cii
