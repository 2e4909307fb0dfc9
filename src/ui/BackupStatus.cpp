#include "BackupStatus.h"

#include "QmlInstance.h"

#include <QJSEngine>
#include <QLocale>

namespace cii {
namespace {
QString clockTime(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms);
    const QLocale locale;
    return at.date() == QDate::currentDate() ? locale.toString(at.time(), QLocale::ShortFormat)
                                             : locale.toString(at, QLocale::ShortFormat);
}

QString waiting(qint64 n)
{
    return n == 1 ? QObject::tr("1 waiting") : QObject::tr("%1 waiting").arg(QLocale().toString(n));
}
} // namespace

BackupStatus::BackupStatus(sync::ReplicationEngine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    if (!m_engine)
        return;
    m_status = m_engine->status();
    connect(m_engine, &sync::ReplicationEngine::statusChanged, this, &BackupStatus::onStatus);
    m_clockTick.setInterval(60'000);
    connect(&m_clockTick, &QTimer::timeout, this, &BackupStatus::changed);
    m_clockTick.start();
}

BackupStatus::~BackupStatus()
{
    QmlInstance<BackupStatus>::clear(this);
}

BackupStatus *BackupStatus::create(QQmlEngine *, QJSEngine *)
{
    // None built yet: an idle one, owned by the QML engine: no store, no drainer, "not set up"
    return QmlInstance<BackupStatus>::forQml([] { return new BackupStatus(nullptr); });
}

void BackupStatus::setInstance(BackupStatus *instance)
{
    QmlInstance<BackupStatus>::set(instance);
}

void BackupStatus::onStatus(const sync::DrainStatus &status)
{
    m_status = status;
    Q_EMIT changed();
}

void BackupStatus::backUpNow()
{
    if (m_engine)
        m_engine->backUpNow();
}

BackupStatus::State BackupStatus::state() const
{
    using S = sync::DrainStatus::State;
    switch (m_status.state) {
    case S::NotActivated: return State::NotActivated;
    case S::BackedUp: return State::BackedUp;
    case S::Sending:
    case S::Waiting: return State::Sending;
    case S::Offline: return State::Offline;
    case S::Failing: return State::Failing;
    case S::Revoked: return State::Revoked;
    case S::Stopped: return State::Failing;
    }
    return State::Failing;
}

QString BackupStatus::text() const
{
    using S = sync::DrainStatus::State;
    switch (m_status.state) {
    case S::NotActivated: return tr("Backup not set up");
    case S::BackedUp: return tr("Backed up");
    case S::Sending:
    case S::Waiting: return m_status.pendingEvents > 0 ? tr("Backing up \u00B7 %1").arg(waiting(m_status.pendingEvents)) : tr("Backing up");
    case S::Offline:
        return tr("Offline since %1 \u00B7 %2").arg(clockTime(m_status.offlineSinceMs), waiting(m_status.pendingEvents));
    case S::Failing:
    case S::Stopped: return tr("Backup problem \u00B7 %1").arg(waiting(m_status.pendingEvents));
    case S::Revoked: return tr("Replaced: not backing up");
    }
    return {};
}

QString BackupStatus::detail() const
{
    using S = sync::DrainStatus::State;
    if (m_status.state == S::NotActivated)
        return tr("This workstation is not yet activated with a backup service; its records are kept only on this computer.");
    if (m_status.state == S::Revoked)
        return tr("Another workstation was activated for %1, so this one no longer backs up. Its records stay "
                  "readable and can be exported here.").arg(m_status.pharmacyName);
    QString last = m_status.lastAckMs > 0 ? tr("Last backed up at %1.").arg(clockTime(m_status.lastAckMs))
                                          : tr("Nothing acknowledged by the backup service yet.");
    if (!m_status.lastError.isEmpty())
        last += QLatin1Char(' ') + m_status.lastError;
    if (m_status.nextAttemptMs > 0 && (m_status.state == S::Offline || m_status.state == S::Failing))
        last += QLatin1Char(' ') + tr("Next attempt at %1.").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_status.nextAttemptMs).time(), QStringLiteral("HH:mm:ss")));
    return last;
}

QDateTime BackupStatus::lastAcknowledged() const
{
    return m_status.lastAckMs > 0 ? QDateTime::fromMSecsSinceEpoch(m_status.lastAckMs) : QDateTime();
}

QString BackupStatus::lastAcknowledgedText() const
{
    if (m_status.lastAckMs <= 0)
        return tr("never");
    const qint64 minutes = (QDateTime::currentMSecsSinceEpoch() - m_status.lastAckMs) / 60'000;
    if (minutes < 1)
        return tr("just now");
    if (minutes < 60)
        return minutes == 1 ? tr("a minute ago") : tr("%1 minutes ago").arg(minutes);
    if (minutes < 24 * 60)
        return minutes < 120 ? tr("an hour ago") : tr("%1 hours ago").arg(minutes / 60);
    const qint64 days = minutes / (24 * 60);
    return days == 1 ? tr("yesterday, at %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_status.lastAckMs).time(), QLocale::ShortFormat))
                     : tr("%1 days ago, on %2").arg(days).arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_status.lastAckMs).date(), QLocale::LongFormat));
}

} // namespace cii
