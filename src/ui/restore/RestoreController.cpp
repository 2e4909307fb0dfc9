#include "RestoreController.h"

#include "CiiError.h"
#include "Counter.h"
#include "LedgerReplication.h"
#include "QmlInstance.h"
#include "RecoveryKey.h"
#include "ReplicationSettings.h"
#include "Roles.h"
#include "Store.h"

#include <QDateTime>
#include <QJSEngine>
#include <QLocale>
#include <QThread>

namespace cii {
namespace {
QString when(qint64 ms)
{
    return ms > 0 ? QLocale(QLocale::English).toString(QDateTime::fromMSecsSinceEpoch(ms), QStringLiteral("d MMM yyyy, HH:mm")) : QString();
}
} // namespace

RestoreController::RestoreController(StoreLocation location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
{
}

RestoreController::~RestoreController()
{
    if (m_worker) {
        m_cancel = true;
        m_worker->wait();
    }
}

RestoreController *RestoreController::create(QQmlEngine *, QJSEngine *)
{
    // None built yet: an idle one, owned by the QML engine: never shown
    return QmlInstance<RestoreController>::forQml([] { return new RestoreController(StoreLocation{}); });
}

void RestoreController::setInstance(RestoreController *instance)
{
    QmlInstance<RestoreController>::set(instance);
}

void RestoreController::attach(Store *store, Counter *counter)
{
    m_store = store;
    m_counter = counter;
    Q_EMIT changed();
}

bool RestoreController::resuming() const
{
    return !m_location.dataDir.isEmpty() && Store::restoreIncomplete(m_location.dataDir);
}

bool RestoreController::replacesRecords() const
{
    return m_store && m_counter && m_counter->isSetUp();
}

void RestoreController::setPhase(Phase phase)
{
    m_phase = phase;
    Q_EMIT changed();
}

QString RestoreController::open()
{
    if (m_location.dataDir.isEmpty())
        return tr("Restore from Cloud is not available in this window.");
    if (replacesRecords()) {
        const auto role = m_counter->sessionRole();
        if (!role || !isAllowed(*role, Action::ConfigurePharmacy))
            return tr("Only the pharmacist-in-charge or the owner may restore the records from the cloud.");
    }
    m_activation.reset();
    m_serviceUrl.clear();
    if (m_store) {
        if (auto s = sync::ReplicationSettings::load(m_store->db())) {
            m_serviceUrl = s->serviceUrl.toString();
            if (!s->revokedMs)
                m_activation = std::move(s);
        }
    }
    m_problem.clear();
    m_report.clear();
    m_progress = {};
    setPhase(Phase::Form);
    return {};
}

void RestoreController::close()
{
    if (m_phase == Phase::Running)
        return;
    const bool storeClosed = !m_store;
    setPhase(Phase::Idle);
    if (storeClosed && m_reopenStore)
        m_reopenStore();
}

QString RestoreController::recoveryKeyProblem(const QString &typed) const
{
    if (typed.trimmed().isEmpty())
        return {};
    QString problem;
    return RecoveryKey::parse(typed, problem) ? QString() : problem;
}

QString RestoreController::start(const QString &service, const QString &code, const QString &recoveryKey, bool startOver)
{
    if (m_phase == Phase::Running)
        return tr("A restore is already running.");
    if (recoveryKey.trimmed().isEmpty())
        return tr("Enter the recovery key from the pharmacy's recovery sheet.");
    if (const QString typo = recoveryKeyProblem(recoveryKey); !typo.isEmpty())
        return typo;
    const bool needsCode = !m_activation && (!resuming() || startOver);
    if (needsCode && service.trimmed().isEmpty())
        return tr("Enter the backup service's address, such as https://backup.example.org.");
    if (needsCode && code.trimmed().isEmpty())
        return tr("Enter the activation code the backup service gave you for this workstation.");
    m_options = {};
    m_options.dataDir = m_location.dataDir;
    m_options.clock = &m_clock;
    m_options.service = QUrl(service.trimmed());
    m_options.activationCode = code.trimmed();
    m_options.activation = m_activation;
    m_options.recoveryKey = recoveryKey;
    m_options.startOver = startOver;
    if (m_counter && m_counter->session()) // Settings > Security: the pharmacist-in-charge or the owner asked
        m_options.restoredBy = m_counter->session()->personId();
    m_cancel = false;
    m_problem.clear();
    m_progress = {};
    m_progress.text = tr("Closing the current records");
    m_pending = true;
    setPhase(Phase::Running);
    Q_EMIT progressChanged();
    if (m_store && m_releaseStore)
        m_releaseStore(); // the composition root closes the store, then calls runPending()
    else
        runPending();
    return {};
}

void RestoreController::runPending()
{
    if (!m_pending)
        return;
    m_pending = false;
    m_store = nullptr;
    m_counter = nullptr;
    m_downloadStartMs = 0;
    sync::RestoreOptions options = withLedger(m_options);
    m_options.recoveryKey.clear();
    const StoreLocation location = m_location;
    m_worker = QThread::create([this, options, location]() mutable {
        sync::RestoreReport report;
        try {
            // The worker's own key store handle, on its own thread.
            const auto keys = selectKeyStore(location);
            options.keyStore = keys.get();
            QString keptAside;
            if (Store::exists(location.dataDir) && !Store::restoreIncomplete(location.dataDir))
                keptAside = sync::keepStoreAside(location.dataDir, *keys, options.clock->nowMs());
            report = sync::restoreFromCloud(options, [this](const sync::RestoreProgress &p) {
                QMetaObject::invokeMethod(this, [this, p] { onProgress(p); }, Qt::QueuedConnection);
            }, &m_cancel);
            report.keptAside = keptAside;
        } catch (const CiiError &e) {
            report.problem = e.userText();
        }
        QMetaObject::invokeMethod(this, [this, report] { onFinished(report); }, Qt::QueuedConnection);
    });
    m_worker->start();
}

void RestoreController::onProgress(const sync::RestoreProgress &p)
{
    m_progress = p;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_estimate.clear();
    if (p.step == sync::RestoreProgress::Step::Downloading) {
        if (m_downloadStartMs == 0) {
            m_downloadStartMs = now;
            m_downloadStartEvents = p.eventsDone;
        } else if (p.eventsDone > m_downloadStartEvents && now - m_downloadStartMs > 500) {
            const double perMs = double(p.eventsDone - m_downloadStartEvents) / double(now - m_downloadStartMs);
            const qint64 seconds = qint64(double(p.eventsTotal - p.eventsDone) / perMs / 1000.0) + 1;
            m_estimate = seconds < 90 ? tr("About %1 s left").arg(seconds) : tr("About %1 min left").arg((seconds + 59) / 60);
        }
    }
    Q_EMIT progressChanged();
}

void RestoreController::onFinished(const sync::RestoreReport &r)
{
    if (m_worker) {
        m_worker->wait();
        m_worker->deleteLater();
        m_worker = nullptr;
    }
    m_activation.reset();
    QVariantList balances;
    for (const auto &b : r.balances)
        balances.append(QVariantMap{{QStringLiteral("ndc11"), b.ndc11}, {QStringLiteral("name"), b.name},
                                    {QStringLiteral("quantity"), b.quantity}, {QStringLiteral("unit"), b.unit}});
    m_report = {{QStringLiteral("pharmacyName"), r.pharmacyName},
                {QStringLiteral("events"), r.events},
                {QStringLiteral("restoredNow"), r.restoredNow},
                {QStringLiteral("firstAt"), when(r.firstAtMs)},
                {QStringLiteral("lastAt"), when(r.lastAtMs)},
                {QStringLiteral("openDiscrepancies"), r.openDiscrepancies},
                {QStringLiteral("verification"), r.verification},
                {QStringLiteral("keptAside"), r.keptAside},
                {QStringLiteral("balances"), balances}};
    m_problem = r.complete ? QString() : r.problem;
    setPhase(r.complete ? Phase::Done : Phase::Failed);
}

void RestoreController::cancel()
{
    m_cancel = true;
}

void RestoreController::finish()
{
    setPhase(Phase::Idle);
    if (m_reopenStore)
        m_reopenStore();
}

} // namespace cii
