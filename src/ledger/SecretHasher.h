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
    /// Constant-time comparison; false for a malformed encoding.
    static bool verify(const QString &secret, const QByteArray &encoded);

private:
    int m_logN;
};

} // namespace cii
