#include "Aead.h"

#include "CiiError.h"

#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace cii::crypto {

QByteArray randomBytes(int n)
{
    QByteArray out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), n) != 1)
        throw CiiError(CiiError::Code::Internal, QStringLiteral("make a key"), QString(),
                       QStringLiteral("the system's random number generator failed"));
    return out;
}

QByteArray aesGcmEncrypt(const QByteArray &key, const QByteArray &nonce, const QByteArray &aad, const QByteArray &plain)
{
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    QByteArray out = nonce;
    out.resize(kNonce + plain.size() + kTag);
    auto *o = reinterpret_cast<unsigned char *>(out.data());
    int n = 0, tail = 0;
    const bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonce, nullptr) == 1
        && EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, reinterpret_cast<const unsigned char *>(key.constData()),
                              reinterpret_cast<const unsigned char *>(nonce.constData())) == 1
        && EVP_EncryptUpdate(ctx.get(), nullptr, &n, reinterpret_cast<const unsigned char *>(aad.constData()), int(aad.size())) == 1
        && EVP_EncryptUpdate(ctx.get(), o + kNonce, &n, reinterpret_cast<const unsigned char *>(plain.constData()), int(plain.size())) == 1
        && EVP_EncryptFinal_ex(ctx.get(), o + kNonce + n, &tail) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, o + kNonce + plain.size()) == 1;
    if (!ok)
        throw CiiError(CiiError::Code::Internal, QStringLiteral("encrypt"), QString(), QStringLiteral("the system's AES-GCM function failed"));
    return out;
}

std::optional<QByteArray> aesGcmDecrypt(const QByteArray &key, const QByteArray &body, const QByteArray &aad)
{
    if (body.size() < kNonce + kTag || key.size() != 32)
        return std::nullopt;
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    const qsizetype length = body.size() - kNonce - kTag;
    QByteArray plain(length, '\0');
    const auto *b = reinterpret_cast<const unsigned char *>(body.constData());
    auto *p = reinterpret_cast<unsigned char *>(plain.data());
    int n = 0, tail = 0;
    const bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonce, nullptr) == 1
        && EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, reinterpret_cast<const unsigned char *>(key.constData()), b) == 1
        && EVP_DecryptUpdate(ctx.get(), nullptr, &n, reinterpret_cast<const unsigned char *>(aad.constData()), int(aad.size())) == 1
        && EVP_DecryptUpdate(ctx.get(), p, &n, b + kNonce, int(length)) == 1
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, const_cast<unsigned char *>(b + kNonce + length)) == 1
        && EVP_DecryptFinal_ex(ctx.get(), p + n, &tail) == 1;
    if (!ok)
        return std::nullopt;
    return plain;
}

} // namespace cii::crypto
