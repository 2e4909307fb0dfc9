#pragma once

#include "Clock.h"
#include "StoreLocation.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <atomic>

class QQmlEngine;
class QJSEngine;
class QThread;

namespace cii {
class Counter;
class Store;

/// Settings > Security > "Audit copy": the pharmacy's records as of a chosen date, restored from the cloud backup
/// into a separate read-only store for an inspector, without touching the working store (docs/RESTORE.md,
/// point in time). The pharmacist-in-charge or the owner only (checked here). Runs on a worker thread with the
/// workstation's activation; the recovery key is only in memory.
class AuditCopy : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(QString stepText READ stepText NOTIFY changed)
    Q_PROPERTY(qint64 eventsDone READ eventsDone NOTIFY changed)
    Q_PROPERTY(qint64 eventsTotal READ eventsTotal NOTIFY changed)
    /// After a run: what was made and how to open it, or the problem.
    Q_PROPERTY(QString result READ result NOTIFY changed)
    Q_PROPERTY(bool failed READ failed NOTIFY changed)

public:
    explicit AuditCopy(StoreLocation location, QObject *parent = nullptr);
    ~AuditCopy() override;
    static AuditCopy *create(QQmlEngine *, QJSEngine *);
    static void setInstance(AuditCopy *instance);
    void attach(Store *store, Counter *counter);

    bool running() const { return m_worker != nullptr; }
    QString stepText() const { return m_step; }
    qint64 eventsDone() const { return m_done; }
    qint64 eventsTotal() const { return m_total; }
    QString result() const { return m_result; }
    bool failed() const { return m_failed; }

    /// A folder for a copy as of `date` (beside the data folder).
    Q_INVOKABLE QString suggestedFolder(const QString &date) const;
    /// Checks the fields (role, date, folder, recovery key), then makes the copy on a worker. Returns the refusal.
    Q_INVOKABLE QString start(const QString &date, const QString &folder, const QString &recoveryKey);
    Q_INVOKABLE void cancel() { m_cancel = true; }

Q_SIGNALS:
    void changed();

private:
    StoreLocation m_location;
    Store *m_store = nullptr;
    Counter *m_counter = nullptr;
    QThread *m_worker = nullptr;
    std::atomic_bool m_cancel = false;
    QString m_step, m_result;
    qint64 m_done = 0, m_total = 0;
    bool m_failed = false;
    SystemClock m_clock;
};

} // namespace cii
