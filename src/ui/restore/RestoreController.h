#pragma once

#include "Clock.h"
#include "Restore.h"
#include "StoreLocation.h"

#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <atomic>
#include <functional>
#include <memory>

class QQmlEngine;
class QJSEngine;
class QThread;

namespace cii {
class Counter;
class Store;

/// Restore from Cloud in the app (docs/RESTORE.md): the first-run path (a store with no pharmacy yet) and
/// Settings > Security > Restore from Cloud. It outlives the app's store: to restore, the composition root closes
/// everything that holds the store (`releaseStore`), the restore runs on a worker thread into the data folder (the
/// earlier store kept aside first), and "Open the restored records" asks the composition root to open it again.
/// QML gets the instance main.cpp made.
class RestoreController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(Phase phase READ phase NOTIFY changed)
    /// This workstation's activation can be reused (Settings): no activation code is asked.
    Q_PROPERTY(bool reusesActivation READ reusesActivation NOTIFY changed)
    /// An unfinished restore is waiting in the data folder: the form continues it.
    Q_PROPERTY(bool resuming READ resuming NOTIFY changed)
    /// Restoring replaces a set-up pharmacy's records, which are kept aside: the form asks for a confirmation.
    Q_PROPERTY(bool replacesRecords READ replacesRecords NOTIFY changed)
    Q_PROPERTY(QString serviceUrl READ serviceUrl NOTIFY changed)
    Q_PROPERTY(QString stepText READ stepText NOTIFY progressChanged)
    Q_PROPERTY(qint64 eventsDone READ eventsDone NOTIFY progressChanged)
    Q_PROPERTY(qint64 eventsTotal READ eventsTotal NOTIFY progressChanged)
    Q_PROPERTY(QString estimate READ estimate NOTIFY progressChanged)
    Q_PROPERTY(QString problem READ problem NOTIFY changed)
    /// pharmacyName, events, restoredNow, firstAt, lastAt, openDiscrepancies, verification, keptAside,
    /// balances: [{ndc11, name, quantity, unit}]
    Q_PROPERTY(QVariantMap report READ report NOTIFY changed)

public:
    /// Where the restore is, as QML compares it (RestoreController.Running). Idle: the restore page is not shown.
    enum class Phase { Idle, Form, Running, Done, Failed };
    Q_ENUM(Phase)

    explicit RestoreController(StoreLocation location, QObject *parent = nullptr);
    ~RestoreController() override;
    static RestoreController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(RestoreController *instance);

    /// The app's store of the moment (null while none is open) and its counter, for the role check and the
    /// activation; `releaseStore` closes them (asynchronously is fine), `reopenStore` opens the data folder again.
    void attach(Store *store, Counter *counter);
    void setReleaseStore(std::function<void()> release) { m_releaseStore = std::move(release); }
    void setReopenStore(std::function<void()> reopen) { m_reopenStore = std::move(reopen); }
    /// Called by the composition root once the store is closed: the restore starts on its worker.
    void runPending();
    bool hasPendingRun() const { return m_pending; }

    Phase phase() const { return m_phase; }
    bool reusesActivation() const { return m_activation.has_value(); }
    bool resuming() const;
    bool replacesRecords() const;
    QString serviceUrl() const { return m_serviceUrl; }
    QString stepText() const { return m_progress.text; }
    qint64 eventsDone() const { return m_progress.eventsDone; }
    qint64 eventsTotal() const { return m_progress.eventsTotal; }
    QString estimate() const { return m_estimate; }
    QString problem() const { return m_problem; }
    QVariantMap report() const { return m_report; }

    /// Shows the form. From Settings only the pharmacist-in-charge or the owner may (checked here, not in QML);
    /// returns the refusal, or empty.
    Q_INVOKABLE QString open();
    Q_INVOKABLE void close();
    /// Empty, or the sentence naming the group with a typo (nothing is sent).
    Q_INVOKABLE QString recoveryKeyProblem(const QString &typed) const;
    /// Checks the fields, then releases the store and restores. Returns the refusal, or empty.
    Q_INVOKABLE QString start(const QString &service, const QString &code, const QString &recoveryKey, bool startOver = false);
    Q_INVOKABLE void cancel();
    /// After the report: open the restored records.
    Q_INVOKABLE void finish();

Q_SIGNALS:
    void changed();
    void progressChanged();

private:
    void setPhase(Phase phase);
    void onProgress(const sync::RestoreProgress &p);
    void onFinished(const sync::RestoreReport &r);

    StoreLocation m_location;
    Store *m_store = nullptr;
    Counter *m_counter = nullptr;
    std::function<void()> m_releaseStore, m_reopenStore;
    Phase m_phase = Phase::Idle;
    std::optional<sync::ReplicationSettings> m_activation;
    QString m_serviceUrl, m_problem, m_estimate;
    sync::RestoreOptions m_options; ///< the pending run's inputs, in memory only (the recovery key never touches disk)
    bool m_pending = false;
    std::atomic_bool m_cancel = false;
    sync::RestoreProgress m_progress;
    qint64 m_downloadStartMs = 0, m_downloadStartEvents = 0;
    QVariantMap m_report;
    QThread *m_worker = nullptr;
    SystemClock m_clock;
};

} // namespace cii
