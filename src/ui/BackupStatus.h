#pragma once

#include "ReplicationEngine.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <memory>

class QQmlEngine;
class QJSEngine;

namespace cii {
class Store;

/// The backup badge's source (docs/REPLICATION.md): a view of the replication engine's status, worded for the
/// badge, on the UI thread. The engine (its drainer thread, the commit wake-up) belongs to the composition root;
/// this only reads it and asks it to try now. Nothing here waits on the network.
/// Built in main.cpp; QML gets that instance as a singleton (or an idle one saying "not set up").
class BackupStatus : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY changed)
    /// The badge's words: "Backed up", "12 waiting", "Offline since 10:42 · 12 waiting".
    Q_PROPERTY(QString text READ text NOTIFY changed)
    /// A sentence for the details: the last acknowledgement, the last error.
    Q_PROPERTY(QString detail READ detail NOTIFY changed)
    Q_PROPERTY(qint64 pendingEvents READ pendingEvents NOTIFY changed)
    Q_PROPERTY(QDateTime lastAcknowledged READ lastAcknowledged NOTIFY changed)
    /// The last acknowledgement in words, for Settings > Backup: "just now", "12 minutes ago", "never".
    Q_PROPERTY(QString lastAcknowledgedText READ lastAcknowledgedText NOTIFY changed)
    /// Not set up, offline, failing or replaced: the badge looks like a warning and Settings > Backup says why.
    Q_PROPERTY(bool needsAttention READ needsAttention NOTIFY changed)
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
    Q_PROPERTY(bool revoked READ revoked NOTIFY changed)
    Q_PROPERTY(bool activated READ activated NOTIFY changed)

public:
    /// The badge's state, as QML compares it (BackupStatus.BackedUp). The drainer's waiting between sends reads
    /// as Sending; a stopped drainer as Failing.
    enum class State { NotActivated, BackedUp, Sending, Offline, Failing, Revoked };
    Q_ENUM(State)

    /// Shows `engine`'s status (null: no store is open; the badge says "not set up"). The engine outlives it.
    explicit BackupStatus(sync::ReplicationEngine *engine, QObject *parent = nullptr);
    ~BackupStatus() override;
    static BackupStatus *create(QQmlEngine *, QJSEngine *);
    static void setInstance(BackupStatus *instance);

    State state() const;
    QString text() const;
    QString detail() const;
    qint64 pendingEvents() const { return m_status.pendingEvents; }
    QDateTime lastAcknowledged() const;
    QString lastAcknowledgedText() const;
    bool needsAttention() const { return state() != State::BackedUp && state() != State::Sending; }
    QString lastError() const { return m_status.lastError; }
    bool revoked() const { return m_status.state == sync::DrainStatus::State::Revoked; }
    bool activated() const { return m_status.state != sync::DrainStatus::State::NotActivated; }
    const sync::DrainStatus &status() const { return m_status; }

    /// Try now, whatever the backoff says (the drainer re-reads the activation on every attempt).
    Q_INVOKABLE void backUpNow();

Q_SIGNALS:
    void changed();

private:
    void onStatus(const sync::DrainStatus &status);

    sync::ReplicationEngine *m_engine;
    sync::DrainStatus m_status;
    QTimer m_clockTick; ///< "offline since" and "last backed up" are re-worded as time passes
};

} // namespace cii
