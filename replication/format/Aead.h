#pragma once

#include <QByteArray>
#include <optional>

namespace cii::crypto {

constexpr int kNonce = 12, kTag = 16;

/// `n` bytes from OpenSSL's CSPRNG; throws CiiError(Internal) if it fails.
QByteArray randomBytes(int n);
/// AES-256-GCM: nonce || ciphertext || tag. Throws CiiError(Internal) if OpenSSL fails.
QByteArray aesGcmEncrypt(const QByteArray &key, const QByteArray &nonce, const QByteArray &aad, const QByteArray &plain);
/// Empty when the tag does not match (wrong key, altered bytes or associated data).
std::optional<QByteArray> aesGcmDecrypt(const QByteArray &key, const QByteArray &body, const QByteArray &aad);

} // namespace cii::crypto
