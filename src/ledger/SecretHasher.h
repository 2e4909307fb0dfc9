#pragma once

#include <QByteArray>
#include <QString>

namespace cii {

/// scrypt (OpenSSL EVP_KDF) for PINs and passwords. The encoded form carries its own parameters and salt,
/// "scrypt$<logN>$<r>$<p>$<salt b64>$<hash b64>", so the cost can change without invalidating old hashes.
/// Never log the secret or the hash.
class SecretHasher
{
public:
    /// Production cost: N = 2^15, r = 8, p = 1 (32 MiB; about 170 ms per check on the project machine, measured through OpenSSL).
    explicit SecretHasher(int logN = 15);
    QByteArray hash(const QString &secret) const;
    /// Constant-time comparison; false for a malformed encoding. Answers from memory, once, when precheck() ran
    /// for the same secret and encoding in the last minute.
    static bool verify(const QString &secret, const QByteArray &encoded);
    /// Runs verify()'s scrypt now, on any thread, and keeps the answer for the next verify() of the same pair:
    /// the counter runs this on a worker so the UI thread never spends the 170 ms. The Ledger still decides and
    /// records the failure; only the answer is computed earlier. Kept keyed by a keyed digest of the pair, never
    /// the secret; one use, at most a minute, at most 32 entries.
    static void precheck(const QString &secret, const QByteArray &encoded);
    /// How many scrypt checks this thread has run (a cached answer is not one): the tests prove with it that the
    /// counter's UI thread runs none.
    static int checksOnThisThread();

private:
    int m_logN;
};

} // namespace cii
