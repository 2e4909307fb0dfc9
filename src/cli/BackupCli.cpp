#include "BackupCli.h"

#include "Args.h"
#include "BackupSetup.h"
#include "CiiError.h"
#include "Drainer.h"
#include "LedgerReplication.h"
#include "LedgerTypes.h"
#include "Outbox.h"
#include "RecoverySetup.h"
#include "ReplicationSettings.h"
#include "Roles.h"
#include "Store.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonValue>
#include <QTimer>

namespace cii {
namespace {

/// `operation` names what was tried in full ("activate the backup"); `reason` is the sentence that says why not.
CiiError refused(const QString &operation, const QString &reason, const QString &hint = {})
{
    return CiiError(CiiError::Code::InvalidInput, operation, QString(), reason, hint);
}

QString when(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("never");
}

} // namespace

QJsonObject backupActivate(Store &store, const Session &session, const Args &args)
{
    const QString op = QStringLiteral("activate the backup");
    if (!isAllowed(session.role(), Action::ConfigurePharmacy))
        throw refused(op, QStringLiteral("only the pharmacist-in-charge or the owner may activate the backup (%1 may not)").arg(session.name()));
    const QString name = args.has(QStringLiteral("name")) ? args.value(QStringLiteral("name")) : QStringLiteral("Counter workstation");
    QString problem;
    const auto s = backupsetup::activate(store, args.value(QStringLiteral("service")), args.value(QStringLiteral("code")),
                                         args.has(QStringLiteral("ca")) ? args.value(QStringLiteral("ca")) : QString(), name, problem);
    if (!s)
        throw refused(op, problem);
    return {{QStringLiteral("message"), QStringLiteral("Activated for %1: this workstation now backs up to %2.\n"
                                                       "Next, make the recovery key for the recovery sheet (ciictl backup-recovery-key): "
                                                       "without it the backup cannot be restored on another computer.")
                                            .arg(s->pharmacyName, s->serviceUrl.toString())},
            {QStringLiteral("pharmacyId"), s->pharmacyId},
            {QStringLiteral("pharmacyName"), s->pharmacyName},
            {QStringLiteral("deviceId"), s->deviceId}};
}

QJsonObject backupNow(Store &store)
{
    using State = sync::DrainStatus::State;
    sync::Drainer::Options options;
    options.store = store.connectionRecipe();
    options.readyToSend = pharmacySetUp;
    sync::Drainer drainer(options);
    sync::DrainStatus last;
    QEventLoop loop;
    QObject::connect(&drainer, &sync::Drainer::statusChanged, &loop, [&](const sync::DrainStatus &s) {
        last = s;
        if (s.state != State::Sending)
            loop.quit();
    });
    QTimer::singleShot(0, &drainer, &sync::Drainer::backUpNow);
    QTimer::singleShot(120'000, &loop, &QEventLoop::quit);
    loop.exec();
    const QString op = QStringLiteral("back up");
    const auto refusedNow = [&op](const QString &reason, const QString &hint = {}) {
        return CiiError(CiiError::Code::InvalidInput, op, QStringLiteral("the records"), reason, hint);
    };
    switch (last.state) {
    case State::BackedUp:
        return {{QStringLiteral("message"), QStringLiteral("Backed up: the service has every event.")}, {QStringLiteral("pending"), 0}};
    case State::NotActivated:
        throw refusedNow(QStringLiteral("this workstation is not activated with a backup service"),
                      QStringLiteral("Run 'ciictl backup-activate' with the address and code the service gave you."));
    case State::Revoked:
        throw refusedNow(QStringLiteral("another workstation was activated for %1, so this one no longer backs up").arg(last.pharmacyName));
    default:
        throw CiiError(CiiError::Code::InvalidInput, op, QStringLiteral("the records"),
                       last.pendingEvents == 1 ? QStringLiteral("1 event is still waiting")
                                               : QStringLiteral("%1 events are still waiting").arg(last.pendingEvents),
                       last.lastError, true);
    }
}

QJsonObject backupStatus(Store &store)
{
    const auto s = sync::ReplicationSettings::load(store.db());
    if (!s)
        return {{QStringLiteral("message"), QStringLiteral("Not activated: the records are kept only on this computer.")},
                {QStringLiteral("activated"), false}};
    const sync::Outbox::Counts c = sync::Outbox(store.db()).counts();
    QString text = QStringLiteral("Backing up %1 to %2.\n%3 waiting; last acknowledged %4.")
                       .arg(s->pharmacyName, s->serviceUrl.toString(),
                            c.pendingEvents == 1 ? QStringLiteral("1 event") : QStringLiteral("%1 events").arg(c.pendingEvents),
                            when(c.lastAckMs));
    const auto recoverySet = sync::recoveryKeySetMs(store.db());
    text += recoverySet ? QStringLiteral("\nRecovery key set %1.").arg(when(*recoverySet))
                        : QStringLiteral("\nNo recovery key yet: the backup cannot be restored elsewhere until one is made "
                                         "(ciictl backup-recovery-key).");
    if (s->revokedMs)
        text += QStringLiteral("\nReplaced by another workstation on %1: no longer backing up.").arg(when(*s->revokedMs));
    return {{QStringLiteral("message"), text},
            {QStringLiteral("activated"), true},
            {QStringLiteral("service"), s->serviceUrl.toString()},
            {QStringLiteral("pharmacyId"), s->pharmacyId},
            {QStringLiteral("pharmacyName"), s->pharmacyName},
            {QStringLiteral("deviceId"), s->deviceId},
            {QStringLiteral("pendingEvents"), c.pendingEvents},
            {QStringLiteral("lastAckMs"), c.lastAckMs},
            {QStringLiteral("revoked"), s->revokedMs.has_value()},
            {QStringLiteral("recoveryKeySetMs"), recoverySet ? QJsonValue(*recoverySet) : QJsonValue()}};
}

QJsonObject backupRecoveryKey(Store &store, const Session &session, const QString &sheetPath)
{
    const QString op = QStringLiteral("make a recovery key");
    if (!isAllowed(session.role(), Action::ConfigurePharmacy))
        throw refused(op, QStringLiteral("only the pharmacist-in-charge or the owner may make the recovery key (%1 may not)").arg(session.name()));
    QString problem;
    const auto key = backupsetup::makeRecoveryKey(store, sheetPath, problem);
    if (!key)
        throw refused(op, problem);
    QString message = QStringLiteral("The recovery key (shown this once; print it or write it down and keep it away from this computer):\n\n"
                                     "    %1\n\n"
                                     "With it, the records can be restored on a new computer if this one fails. Any earlier recovery key "
                                     "no longer works.").arg(key->key);
    if (!sheetPath.isEmpty())
        message += key->sheetProblem.isEmpty() ? QStringLiteral("\nThe recovery sheet is in %1: print it, then delete the file.").arg(key->sheetPath)
                                               : QStringLiteral("\n%1 Write the key down by hand instead.").arg(key->sheetProblem);
    return {{QStringLiteral("message"), message}, {QStringLiteral("recoveryKey"), key->key}};
}

QJsonObject backupCheckRecoveryKey(Store &store, const QString &typed)
{
    QString problem;
    if (!sync::checkRecoveryKey(store.db(), typed, store.clock().nowMs(), problem))
        throw refused(QStringLiteral("check the recovery key"), problem);
    return {{QStringLiteral("message"), QStringLiteral("This recovery key opens the pharmacy's backup.")}, {QStringLiteral("opens"), true}};
}

} // namespace cii
