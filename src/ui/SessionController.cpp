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
    m_idle.setInterval(m_idleMinutes * 60'000);
    connect(&m_idle, &QTimer::timeout, this, &SessionController::lock);
}

bool SessionController::may(Action action) const
{
    return m_session && isAllowed(m_session->role(), action);
}

void SessionController::setIdleMinutes(int minutes)
{
    minutes = qBound(1, minutes, 240);
    if (minutes == m_idleMinutes)
        return;
    m_idleMinutes = minutes;
    m_idle.setInterval(minutes * 60'000);
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
    m_idle.start();
    Q_EMIT sessionChanged();
    return {{QStringLiteral("ok"), true}, {QStringLiteral("message"), tr("Signed in as %1.").arg(m_session->name())}};
}

void SessionController::lock()
{
    m_idle.stop();
    if (!m_session)
        return;
    m_session.reset();
    Q_EMIT sessionChanged();
}

void SessionController::touch()
{
    if (m_session)
        m_idle.start();
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
