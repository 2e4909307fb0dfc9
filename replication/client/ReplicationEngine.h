#pragma once

#include "Drainer.h"

#include <QObject>
#include <memory>

namespace cii {
class Store;
}

namespace cii::sync {

/// The replication engine of one open store (docs/REPLICATION.md): the drainer on a thread of its own, woken by
/// every commit of the store and by the network's return, and what it last reported, on the owner's thread.
/// Built by the composition root beside the store it serves (src/app/main.cpp through startReplication());
/// the backup badge (BackupStatus) and the tests only read it and ask it to try now.
///
/// Thread: the owner's (the store's). Nothing here waits on the network. Destroying it stops the drainer and
/// ends its thread, waiting for a request in flight to be aborted (its change set is sent again next time).
/// The store must outlive it.
class ReplicationEngine : public QObject
{
    Q_OBJECT
public:
    /// Starts draining `store`: `options.store` is set to the store's connection recipe.
    ReplicationEngine(Store &store, Drainer::Options options, QObject *parent = nullptr);
    ~ReplicationEngine() override;

    /// What the drainer last reported (NotActivated until its first report).
    const DrainStatus &status() const { return m_status; }

    /// Try now, whatever the backoff says (the drainer re-reads the activation on every attempt).
    void backUpNow();

Q_SIGNALS:
    void statusChanged(const cii::sync::DrainStatus &status);
    /// The service acknowledged events through `lastSeq`.
    void acknowledged(qint64 lastSeq);

private:
    std::unique_ptr<Drainer, void (*)(Drainer *)> m_drainer;
    DrainStatus m_status;
};

} // namespace cii::sync
