#include "SessionController.h"

#include "CiiError.h"
#include "Log.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace cii {

SessionController::SessionController(Ledger *ledger, QObject *parent)
    : QObject(parent)
    , m_ledger(ledger)
{
    m_idle.setSingleShot(true);
    m_lockTimer.setSingleShot(true);
    m_lockTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may run 5 % long: "Locking in 31 s"
    m_tick.setInterval(1'000);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        m_lockTimer.start(warningMs());
        m_tick.start();
        setWarning(true);
    });
    connect(&m_lockTimer, &QTimer::timeout, this, &SessionController::lock);
    connect(&m_tick, &QTimer::timeout, this, &SessionController::lockWarningChanged);
}

void SessionController::restartIdle()
{
    m_lockTimer.stop();
    m_tick.stop();
    setWarning(false);
    m_idle.start(m_intervalMs - warningMs());
}

void SessionController::setWarning(bool on)
{
    if (m_warning == on)
        return;
    m_warning = on;
    Q_EMIT lockWarningChanged();
}

int SessionController::secondsToLock() const
{
    return m_warning ? (qBound(0, m_lockTimer.remainingTime(), warningMs()) + 999) / 1'000 : 0;
}

void SessionController::setIdleIntervalMs(int ms)
{
    m_intervalMs = qMax(2, ms);
    if (m_session)
        restartIdle();
}

bool SessionController::may(Action action) const
{
    return m_session && isAllowed(m_session->role(), action);
}

void SessionController::setIdleMinutes(int minutes)
{
    minutes = qBound(Ledger::kMinIdleMinutes, minutes, Ledger::kMaxIdleMinutes);
    if (minutes == m_idleMinutes)
        return;
    m_idleMinutes = minutes;
    m_intervalMs = minutes * 60'000;
    if (m_session)
        restartIdle();
    Q_EMIT idleMinutesChanged();
}

QVariantMap SessionController::signIn(const QString &personId, const QString &secret)
{
    if (!m_ledger)
        return {{QStringLiteral("ok"), false}, {QStringLiteral("message"), tr("The store is not open.")}};
    try {
        m_session = m_ledger->signIn(personId, secret, m_verified);
    } catch (const CiiError &e) {
        return {{QStringLiteral("ok"), false}, {QStringLiteral("message"), e.userText()}};
    }
    restartIdle();
    Q_EMIT sessionChanged();
    return {{QStringLiteral("ok"), true}, {QStringLiteral("message"), tr("Signed in as %1.").arg(m_session->name())}};
}

void SessionController::lock()
{
    m_idle.stop();
    m_lockTimer.stop();
    m_tick.stop();
    setWarning(false);
    if (!m_session)
        return;
    m_session.reset();
    Q_EMIT sessionChanged();
}

void SessionController::touch()
{
    if (m_session)
        restartIdle();
}

std::optional<Session> SessionController::commandSession() const
{
    if (!m_session)
        return std::nullopt;
    return m_verified.isEmpty() ? *m_session : m_session->withVerified(m_verified);
}

bool SessionController::verifyThen(const QList<std::pair<QString, QString>> &signers, std::function<void()> then)
{
    if (m_busy)
        return false;
    QList<std::pair<QString, QByteArray>> checks;
    if (m_ledger)
        for (const auto &[personId, secret] : signers) {
            const QByteArray hash = m_ledger->secretHashFor(personId, secret);
            if (!secret.isEmpty() && !hash.isEmpty())
                checks.append({secret, hash});
        }
    if (checks.isEmpty()) {
        then();
        return true;
    }
    m_busy = true;
    Q_EMIT busyChanged();
    auto *watcher = new QFutureWatcher<VerifiedSecrets>(this);
    connect(watcher, &QFutureWatcher<VerifiedSecrets>::finished, this, [this, watcher, then = std::move(then)] {
        watcher->deleteLater();
        m_busy = false;
        Q_EMIT busyChanged();
        m_verified = watcher->result(); // for the command `then` runs, and only for it
        then();
        m_verified = VerifiedSecrets();
    });
    watcher->setFuture(QtConcurrent::run([checks] { return VerifiedSecrets::check(checks); }));
    return true;
}

} // namespace cii
