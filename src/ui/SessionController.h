#pragma once

#include "Ledger.h"

#include <QObject>
#include <QTimer>
#include <QVariantMap>
#include <functional>
#include <optional>

namespace cii {

/// Who is signed in at the counter, and the idle lock: the session locks itself after `idleMinutes` without
/// touch(), with a warning first: for the last kWarningMs (at most half the interval) lockWarning() is true and
/// secondsToLock() counts down, and a touch ends it. Also checks PINs and passwords off the UI thread (verifyThen): the answers travel as a VerifiedSecrets
/// value inside the Session handed to the one command the caller then runs (commandSession()), never in a cache.
/// UI thread only. Not a QML type: QML reaches it through the Counter singleton's properties.
class SessionController : public QObject
{
    Q_OBJECT
public:
    /// `ledger` null: no store is open; every sign-in is refused.
    explicit SessionController(Ledger *ledger, QObject *parent = nullptr);

    const std::optional<Session> &session() const { return m_session; }
    bool signedIn() const { return m_session.has_value(); }
    std::optional<Role> role() const { return m_session ? std::optional<Role>(m_session->role()) : std::nullopt; }
    /// Whether the signed-in person's role may do `action`: what a screen offers. The Ledger checks it again.
    bool may(Action action) const;

    int idleMinutes() const { return m_idleMinutes; }
    /// Bounded to Ledger::kMinIdleMinutes..kMaxIdleMinutes. A running idle timer starts again with the new time.
    void setIdleMinutes(int minutes);
    /// The idle interval in milliseconds, below a minute: for tests (the warning is then half of it at most).
    void setIdleIntervalMs(int ms);
    /// The warning before the lock: how long before it, at most (half the interval when that is shorter).
    static constexpr int kWarningMs = 30'000;
    /// The lock is near: the screen says so ("Locking in 30 s") until a touch.
    bool lockWarning() const { return m_warning; }
    /// Whole seconds left before the lock while lockWarning(), else 0.
    int secondsToLock() const;

    /// Signs in by PIN or password (with the answer checked ahead, when verifyThen() is running `then`). {ok, message}.
    QVariantMap signIn(const QString &personId, const QString &secret);
    void lock();
    /// Any touch or key press: restarts the idle lock timer.
    void touch();

    /// Checking PINs and passwords (scrypt, about 170 ms each) on a worker thread: the screen shows a busy indicator.
    bool busy() const { return m_busy; }
    /// Checks each {personId, secret} on a worker thread, then calls `then` on the UI thread; a command `then` runs
    /// gets the answers through commandSession() (or signIn), so the UI thread never spends the scrypt time.
    /// Refused (false, `then` not called) while a check runs: a second Enter records nothing twice.
    bool verifyThen(const QList<std::pair<QString, QString>> &signers, std::function<void()> then);
    /// The signed-in session for one command: carrying the answers checked ahead when called inside verifyThen's
    /// `then`, else none (the Ledger then checks on this thread). Empty when no one is signed in.
    std::optional<Session> commandSession() const;

Q_SIGNALS:
    void sessionChanged();
    void idleMinutesChanged();
    void busyChanged();
    /// lockWarning() or secondsToLock() changed (each second of the warning).
    void lockWarningChanged();

private:
    int warningMs() const { return qMin(kWarningMs, m_intervalMs / 2); }
    /// The idle time starts again from now, and a warning shown ends.
    void restartIdle();
    void setWarning(bool on);

    Ledger *m_ledger;
    std::optional<Session> m_session;
    QTimer m_idle;      ///< until the warning
    QTimer m_lockTimer; ///< from the warning to the lock
    QTimer m_tick;      ///< each second of the warning
    int m_idleMinutes = Ledger::kDefaultIdleMinutes;
    int m_intervalMs = Ledger::kDefaultIdleMinutes * 60'000;
    bool m_warning = false;
    bool m_busy = false;
    VerifiedSecrets m_verified; ///< only while verifyThen's `then` runs
};

} // namespace cii
