#include "Drainer.h"

#include "Log.h"
#include "Outbox.h"
#include "ReplicationSettings.h"
#include "Sqlite.h"

#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

namespace cii::sync {

Drainer::Drainer(Options options)
    : m_options(std::move(options))
{
    qRegisterMetaType<cii::sync::DrainStatus>();
}

Drainer::~Drainer()
{
    m_client.reset(); // a request in flight is cancelled: its answer never comes back here
}

std::unique_ptr<Drainer, void (*)(Drainer *)> Drainer::startOnThread(Options options)
{
    auto *thread = new QThread;
    thread->setObjectName(QStringLiteral("replication"));
    auto *drainer = new Drainer(std::move(options));
    drainer->moveToThread(thread);
    thread->start();
    QMetaObject::invokeMethod(drainer, &Drainer::wake, Qt::QueuedConnection);
    return {drainer, [](Drainer *d) {
                QThread *t = d->thread();
                // Destroyed on its own thread (its client lives there), then the thread ends.
                QMetaObject::invokeMethod(d, [d] { delete d; }, Qt::BlockingQueuedConnection);
                t->quit();
                t->wait();
                delete t;
            }};
}

void Drainer::ensureOpen()
{
    if (m_db)
        return;
    m_db = std::make_unique<sql::Database>();
    m_options.store.open(*m_db);
    m_retry = new QTimer(this);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &Drainer::drain);
}

BackupClient &Drainer::client()
{
    const auto same = [](const ReplicationSettings &a, const ReplicationSettings &b) {
        return a.serviceUrl == b.serviceUrl && a.deviceId == b.deviceId && a.devicePrivateKey == b.devicePrivateKey
               && a.pinnedCaPem == b.pinnedCaPem;
    };
    if (!m_client || !m_clientFor || !same(*m_clientFor, *m_settings)) {
        m_client.reset();
        m_client = m_options.client(*m_settings, m_options.requestTimeoutMs);
        m_clientFor = std::make_unique<ReplicationSettings>(*m_settings);
    }
    return *m_client;
}

bool Drainer::readyToSend()
{
    // Once ready, always ready: asked until then only, not on every drain.
    if (!m_ready)
        m_ready = !m_options.readyToSend || m_options.readyToSend(*m_db);
    return m_ready;
}

void Drainer::wake()
{
    if (m_retry && m_retry->isActive() && m_archiveRetry) {
        // Only an archive was waiting: a new change set goes first, now.
        m_retry->stop();
        m_archiveRetry = false;
    }
    if (m_retry && m_retry->isActive()) {
        // Waiting out a backoff: count the new work, do not hammer the service.
        try {
            m_status.pendingEvents = Outbox(*m_db).counts().pendingEvents;
        } catch (const CiiError &) {
        }
        report();
        return;
    }
    drain();
}

void Drainer::backUpNow()
{
    if (m_retry)
        m_retry->stop();
    m_failures = 0;
    drain();
}

void Drainer::drain()
{
    if (m_inFlight)
        return; // the reply drains again: an acknowledgement goes on to the next set, a failure retries

    try {
        ensureOpen();
        // Re-read on every attempt (one row): an activation or a revocation by `ciictl`, another process,
        // takes effect without restarting the app.
        m_settings.reset();
        if (auto s = ReplicationSettings::load(*m_db))
            m_settings = std::make_unique<ReplicationSettings>(*s);
        if (!m_settings) {
            m_status.state = DrainStatus::State::NotActivated;
            report();
            return;
        }
        m_status.pharmacyName = m_settings->pharmacyName;
        if (m_settings->revokedMs) {
            m_status.state = DrainStatus::State::Revoked;
            report();
            return;
        }
        if (!readyToSend()) {
            // First run: activated, but the choice between a new pharmacy and a restore is not made yet. Nothing is
            // sent, so a workstation that will restore never offers its empty beginning as the pharmacy's records.
            m_status.state = DrainStatus::State::NotActivated;
            report();
            return;
        }
        Outbox outbox(*m_db, m_options.store.currentStateTables);
        outbox.sealPending(*m_settings, nowMs());
        const auto row = outbox.oldestUnacknowledged();
        const Outbox::Counts counts = outbox.counts();
        m_status.pendingEvents = counts.pendingEvents;
        m_status.lastAckMs = counts.lastAckMs;
        if (!row) {
            m_status.state = DrainStatus::State::BackedUp;
            m_status.offlineSinceMs = 0;
            m_status.lastError.clear();
            report();
            // Caught up: now an archive, when one is due (a restore's shortcut; the badge stays "backed up").
            auto archive = outbox.pendingArchive();
            if (!archive && m_options.archiveEveryEvents > 0 && outbox.sealArchiveIfDue(*m_settings, nowMs(), m_options.archiveEveryEvents))
                archive = outbox.pendingArchive();
            if (archive)
                send(*archive, true);
            return;
        }
        if (m_status.state != DrainStatus::State::Offline && m_status.state != DrainStatus::State::Failing)
            m_status.state = DrainStatus::State::Sending;
        report();
        send(*row, false);
    } catch (const CiiError &e) {
        fail(e.userText(), false);
    }
}

void Drainer::send(const Outbox::Row &row, bool archive)
{
    const qint64 first = row.firstSeq, last = row.lastSeq;
    auto done = [this, first, last, archive](const BackupResult<Stored> &answer) { onAnswer(answer, first, last, archive); };
    BackupClient &c = client();
    m_inFlight = true;
    if (archive)
        c.uploadArchive(first, last, row.bytes, done);
    else
        c.uploadChangeSet(first, row.bytes, done);
}

void Drainer::onAnswer(const BackupResult<Stored> &answer, qint64 firstSeq, qint64 lastSeq, bool archive)
{
    m_inFlight = false;
    try {
        if (answer.ok()) { // stored now, or the identical bytes were there already (a retry): the same for us
            if (archive) {
                Outbox(*m_db).acknowledgeArchive(firstSeq, nowMs());
                m_failures = 0;
                m_archiveRetry = false;
                drain();
                return;
            }
            Outbox(*m_db).acknowledge(firstSeq, nowMs());
            m_failures = 0;
            m_status.offlineSinceMs = 0;
            m_status.nextAttemptMs = 0;
            m_status.lastError.clear();
            m_status.state = DrainStatus::State::Sending;
            Q_EMIT acknowledged(lastSeq);
            drain(); // the next one, or "backed up"
            return;
        }
        const BackupError &e = answer.error;
        if (e.kind == BackupError::Kind::Revoked) {
            ReplicationSettings::markRevoked(*m_db, nowMs());
            m_status.state = DrainStatus::State::Revoked;
            m_status.lastError = e.message;
            report();
            return;
        }
        if (e.kind == BackupError::Kind::Gap && !archive && resealAfterGap(e.expectedFirstSeq, firstSeq))
            return;
        const QString why = e.answered() ? e.message : QStringLiteral("The backup service cannot be reached (%1).").arg(e.networkError);
        if (archive)
            failArchive(why);
        else
            fail(why, !e.answered(), e.retryable());
    } catch (const CiiError &err) {
        fail(err.userText(), false);
    }
}

bool Drainer::resealAfterGap(qint64 expected, qint64 sentFirstSeq)
{
    // The service's chain ends before what we sent: its database was put back from an older copy. Our journal
    // holds everything; seal again from where the service's chain ends, continuing the set it still holds, and
    // send that. Anything else (a gap we cannot mend from here) is reported as the refusal it is.
    if (expected < 1 || expected >= sentFirstSeq)
        return false;
    if (!Outbox(*m_db).supersedeFrom(expected, nowMs()))
        return false;
    qCWarning(lcSync, "the backup service's chain ends at %lld (restored from an older copy?): sealing again from there",
              static_cast<long long>(expected - 1));
    m_status.lastError.clear();
    drain();
    return true;
}

void Drainer::fail(const QString &why, bool offline, bool transient)
{
    if (m_status.offlineSinceMs == 0)
        m_status.offlineSinceMs = nowMs();
    m_status.state = offline ? DrainStatus::State::Offline : DrainStatus::State::Failing;
    m_status.lastError = why;
    m_archiveRetry = false;
    scheduleRetry(transient);
    report();
}

void Drainer::failArchive(const QString &why)
{
    // The events are backed up; only the restore shortcut waits. The badge keeps saying so, with the reason.
    m_status.lastError = QStringLiteral("The archive that speeds up a restore was not stored yet: %1").arg(why);
    m_archiveRetry = true;
    scheduleRetry();
    report();
}

void Drainer::scheduleRetry(bool transient)
{
    ++m_failures;
    const qint64 cap = transient ? qMin(m_options.maxBackoffMs, m_options.transientRetryMs) : m_options.maxBackoffMs;
    const qint64 base = qMin<qint64>(cap, qint64(m_options.firstBackoffMs) << qMin(m_failures - 1, 20));
    const qint64 delay = qMax<qint64>(1, qint64(double(base) * (0.8 + 0.4 * QRandomGenerator::global()->generateDouble())));
    m_status.nextAttemptMs = nowMs() + delay;
    qCInfo(lcSync, "backup attempt failed (%d in a row); next in %lld ms", m_failures, static_cast<long long>(delay));
    if (m_retry)
        m_retry->start(int(delay));
}

void Drainer::report()
{
    Q_EMIT statusChanged(m_status);
}

} // namespace cii::sync
