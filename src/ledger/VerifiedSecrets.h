#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

namespace cii {

/// PINs and passwords checked ahead, off the UI thread: the answers scrypt gave for (secret, stored hash) pairs,
/// as a value the caller hands to the Ledger command that needs them (through Session::withVerified or
/// Ledger::signIn). The Ledger still decides: it reads the person's hash again, uses an answer only for that exact
/// hash, records a failure and the lockout as always, and computes any answer it was not given.
/// Holds no secret and no hash: each answer is keyed by an HMAC-SHA256 of the pair under a random key of this
/// value. Copies share the answers; an empty value answers nothing. Any thread.
class VerifiedSecrets
{
public:
    VerifiedSecrets() = default;
    /// Runs scrypt for each pair ({secret, encoded hash}) now, on this thread (about 170 ms each).
    static VerifiedSecrets check(const QList<std::pair<QString, QByteArray>> &pairs);
    /// The answer computed for this pair, or nothing when it was not checked ahead.
    std::optional<bool> answer(const QString &secret, const QByteArray &encoded) const;
    bool isEmpty() const { return m_answers.isEmpty(); }

private:
    QByteArray keyFor(const QString &secret, const QByteArray &encoded) const;
    QByteArray m_key;
    QHash<QByteArray, bool> m_answers;
};

} // namespace cii
