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
    /// Runs scrypt now, on any thread; constant-time comparison; false for a malformed encoding. To spend the
    /// time off the UI thread, check ahead with VerifiedSecrets::check and hand the value to the Ledger command.
    static bool verify(const QString &secret, const QByteArray &encoded);
    /// How many scrypt checks this thread has run (an answer checked ahead is not one): the tests prove with it
    /// that the counter's UI thread runs none.
    static int checksOnThisThread();

private:
    int m_logN;
};

} // namespace cii
