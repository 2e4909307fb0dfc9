#pragma once

#include <QByteArray>

namespace cii {

/// A workstation's Ed25519 key pair (OpenSSL EVP). Made at activation; its private half is kept inside the
/// encrypted store and never leaves it; the backup service knows only the public half. Signs change sets and
/// requests. Never log either half's bytes.
class DeviceKey
{
public:
    static DeviceKey generate();
    /// From the 32-byte private key as stored; throws CiiError(InvalidInput) for anything else.
    static DeviceKey fromPrivateKey(const QByteArray &raw32);

    QByteArray privateKey() const { return m_private; }
    QByteArray publicKey() const { return m_public; }
    /// A 64-byte Ed25519 signature (deterministic: the same message always signs to the same bytes).
    QByteArray sign(const QByteArray &message) const;
    /// False for a wrong signature, a wrong key, or malformed input; never throws.
    static bool verify(const QByteArray &publicKey32, const QByteArray &message, const QByteArray &signature64);

private:
    QByteArray m_private, m_public;
};

} // namespace cii
