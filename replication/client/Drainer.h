#pragma once

#include "BackupClient.h"
#include "HttpBackupClient.h"
#include "Outbox.h"
#include "Store.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace cii::sync {
struct ReplicationSettings;

/// What the drainer last knew, for the badge (docs/REPLICATION.md).
struct DrainStatus
{
    enum class State { NotActivated, BackedUp, Sending, Waiting, Offline, Failing, Revoked, Stopped };
    State state = State::NotActivated;
    qint64 pendingEvents = 0;   ///< committed, not yet acknowledged
    qint64 lastAckMs = 0;       ///< when the service last acknowledged a change set (0: never)
    qint64 offlineSinceMs = 0;  ///< the first failed attempt of the current outage (0: online)
    qint64 nextAttemptMs = 0;   ///< when the next attempt is due while waiting
    QString lastError;          ///< a sentence; empty when the last attempt succeeded
    QString pharmacyName;
};

/// Drains the outbox to the backup service. Lives on its own thread with its own store connection and its own
/// BackupClient (made there by Options::client): the UI thread never waits on it. Seals what was committed, sends
/// the oldest unacknowledged change set, advances on the acknowledgement (stored, or already stored), and backs
/// off (1 s doubling to 5 minutes, ±20 % jitter) after a failure. Stops on revoked; on a gap from a service put
/// back from an older copy, seals again from the service's chain end. One request in flight at a time: the
/// service's chain is ordered.
class Drainer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        Store::ConnectionRecipe store;
        /// Makes the drainer's client on the drainer's thread, again whenever the activation changes.
        BackupClientFactory client = HttpBackupClient::factory();
        /// Sealing and acknowledgement times, the badge's times and the backoff's due time.
        const Clock *clock = systemClock();
        int requestTimeoutMs = 30'000;
        int firstBackoffMs = 1'000;
        int maxBackoffMs = 5 * 60'000;
        /// The longest wait after a failure that clears by itself (BackupError::Kind::Transient: no answer at
        /// all, or 502, 503, 504, 429 from the service or a proxy before it): tries stay cheap, and the outbox drains within seconds of the
        /// network's return. Refusals (other 4xx and 5xx) back off up to maxBackoffMs.
        int transientRetryMs = 5'000;
        /// An archive once this many acknowledged events lie after the last one (0: none).
        qint64 archiveEveryEvents = 20'000;
        /// Whether the store's records may be sent yet, asked on the drainer's connection until it says yes once
        /// (the application's: the pharmacy is set up, so a first run that will restore never offers its empty
        /// beginning as the pharmacy's records). Empty: always.
        std::function<bool(sql::Database &)> readyToSend;
    };
    explicit Drainer(Options options);
    ~Drainer() override;

    /// Runs `drainer` on a new thread of its own (started); the thread ends when the drainer is destroyed
    /// through the returned handle's deleter. `wake()` and `backUpNow()` are to be invoked queued.
    static std::unique_ptr<Drainer, void (*)(Drainer *)> startOnThread(Options options);

public Q_SLOTS:
    /// Something was committed: seal it and send it, unless waiting out a backoff.
    void wake();
    /// Try now, whatever the backoff says.
    void backUpNow();

Q_SIGNALS:
    void statusChanged(const cii::sync::DrainStatus &status);
    /// The service acknowledged events through `lastSeq`.
    void acknowledged(qint64 lastSeq);

private:
    void ensureOpen();
    /// The client for the current settings: made on first use and again when the activation changed.
    BackupClient &client();
    /// Options::readyToSend, asked until it says yes once.
    bool readyToSend();
    void drain();
    void send(const Outbox::Row &row, bool archive);
    void onAnswer(const BackupResult<Stored> &answer, qint64 firstSeq, qint64 lastSeq, bool archive);
    /// A gap whose chain the outbox can mend (Outbox::supersedeFrom): sealed again and sent; true when so.
    bool resealAfterGap(qint64 expectedFirstSeq, qint64 sentFirstSeq);
    qint64 nowMs() const { return m_options.clock->nowMs(); }
    void fail(const QString &why, bool offline, bool transient = false);
    void failArchive(const QString &why);
    void scheduleRetry(bool transient = false);
    void report();

    Options m_options;
    std::unique_ptr<sql::Database> m_db;
    std::unique_ptr<ReplicationSettings> m_settings;
    std::unique_ptr<BackupClient> m_client;
    std::unique_ptr<ReplicationSettings> m_clientFor; ///< the settings m_client was made for
    QTimer *m_retry = nullptr;
    bool m_inFlight = false;
    int m_failures = 0;
    bool m_archiveRetry = false; ///< the retry timer waits for an archive, not a change set
    bool m_ready = false; ///< seen once, never asked again
    DrainStatus m_status;
};

} // namespace cii::sync

Q_DECLARE_METATYPE(cii::sync::DrainStatus)
