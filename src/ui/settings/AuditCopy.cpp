#include "AuditCopy.h"

#include "CiiError.h"
#include "Counter.h"
#include "LedgerReplication.h"
#include "PharmacyDay.h"
#include "QmlInstance.h"
#include "StoreLocation.h"
#include "RecoveryKey.h"
#include "ReplicationSettings.h"
#include "Restore.h"
#include "Roles.h"
#include "Store.h"

#include <QDir>
#include <QFileInfo>
#include <QJSEngine>
#include <QLocale>
#include <QThread>

namespace cii {

AuditCopy::AuditCopy(StoreLocation location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
{
}

AuditCopy::~AuditCopy()
{
    if (m_worker) {
        m_cancel = true;
        m_worker->wait();
    }
}

AuditCopy *AuditCopy::create(QQmlEngine *, QJSEngine *)
{
    // None built yet: an idle one, owned by the QML engine: refuses everything
    return QmlInstance<AuditCopy>::forQml([] { return new AuditCopy(StoreLocation{}); });
}

void AuditCopy::setInstance(AuditCopy *instance)
{
    QmlInstance<AuditCopy>::set(instance);
}

void AuditCopy::attach(Store *store, Counter *counter)
{
    m_store = store;
    m_counter = counter;
}

QString AuditCopy::suggestedFolder(const QString &date) const
{
    if (m_location.dataDir.isEmpty())
        return {};
    return QDir::cleanPath(m_location.dataDir + QStringLiteral("-copy-as-of-") + date.trimmed());
}

QString AuditCopy::start(const QString &date, const QString &folder, const QString &recoveryKey)
{
    if (m_worker)
        return tr("A copy is already being made.");
    if (!m_store || !m_counter || m_location.dataDir.isEmpty())
        return tr("The records are not open.");
    const auto role = m_counter->sessionRole();
    if (!role || !isAllowed(*role, Action::ConfigurePharmacy))
        return tr("Only the pharmacist-in-charge or the owner may make a copy of the records from the cloud.");
    QString why;
    const auto endOfDay = endOfPharmacyDay(m_store->db(), date, m_clock.nowMs(), why);
    if (!endOfDay)
        return tr("The date %1.").arg(why);
    const QFileInfo target(folder.trimmed());
    if (folder.trimmed().isEmpty())
        return tr("Choose a folder for the copy.");
    if (QDir::cleanPath(target.absoluteFilePath()) == QDir::cleanPath(QFileInfo(m_location.dataDir).absoluteFilePath()))
        return tr("The copy cannot go into the working records' own folder.");
    if (target.exists() && !QDir(target.absoluteFilePath()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return tr("%1 is not empty: choose a new folder for the copy.").arg(target.absoluteFilePath());
    if (!target.absoluteDir().exists())
        return tr("The folder %1 does not exist.").arg(target.absolutePath());
    if (recoveryKey.trimmed().isEmpty())
        return tr("Enter the recovery key from the pharmacy's recovery sheet.");
    QString typo;
    if (!RecoveryKey::parse(recoveryKey, typo))
        return typo;
    auto activation = sync::ReplicationSettings::load(m_store->db());
    if (!activation || activation->revokedMs)
        return tr("This workstation is not backing up to a service, so there is no backup to copy from.");

    sync::RestoreOptions o;
    o.dataDir = target.absoluteFilePath();
    o.clock = &m_clock;
    o.activation = activation;
    o.recoveryKey = recoveryKey;
    o.asOfMs = endOfDay;
    const StoreLocation copyLocation{o.dataDir, m_location.keyDir};
    m_cancel = false;
    m_result.clear();
    m_failed = false;
    m_done = m_total = 0;
    m_step = tr("Starting");
    const QString when = QLocale(QLocale::English).toString(QDate::fromString(date.trimmed(), Qt::ISODate), QStringLiteral("d MMMM yyyy"));
    m_worker = QThread::create([this, o, copyLocation, when]() mutable {
        sync::RestoreReport r;
        try {
            const auto keys = selectKeyStore(copyLocation);
            o.keyStore = keys.get();
            r = sync::restoreFromCloud(withLedger(o), [this](const sync::RestoreProgress &p) {
                QMetaObject::invokeMethod(this, [this, p] {
                    m_step = p.text;
                    m_done = p.eventsDone;
                    m_total = p.eventsTotal;
                    Q_EMIT changed();
                }, Qt::QueuedConnection);
            }, &m_cancel);
        } catch (const CiiError &e) {
            r.problem = e.userText();
        }
        const QString text = r.complete
            ? tr("A read-only copy of %1's records as of %2 (%3 events; %4) is in %5. Open it with: cii-ledger --data-dir \"%5\"")
                  .arg(r.pharmacyName, when, QLocale(QLocale::English).toString(r.events), r.verification, copyLocation.dataDir)
            : r.problem;
        QMetaObject::invokeMethod(this, [this, text, ok = r.complete] {
            m_worker->wait();
            m_worker->deleteLater();
            m_worker = nullptr;
            m_result = text;
            m_failed = !ok;
            Q_EMIT changed();
        }, Qt::QueuedConnection);
    });
    m_worker->start();
    Q_EMIT changed();
    return {};
}

} // namespace cii
