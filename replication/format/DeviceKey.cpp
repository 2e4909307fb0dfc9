#include "DeviceKey.h"

#include "CiiError.h"

#include <memory>
#include <openssl/evp.h>

namespace cii {
namespace {

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

CiiError cryptoFailure(const char *what)
{
    return CiiError(CiiError::Code::Internal, QStringLiteral("use the device key"), QString(),
                    QStringLiteral("the system's Ed25519 function failed (%1)").arg(QLatin1String(what)));
}

QByteArray rawKey(EVP_PKEY *key, bool isPrivate)
{
    QByteArray out(32, '\0');
    size_t length = size_t(out.size());
    auto *data = reinterpret_cast<unsigned char *>(out.data());
    const int ok = isPrivate ? EVP_PKEY_get_raw_private_key(key, data, &length) : EVP_PKEY_get_raw_public_key(key, data, &length);
    if (ok != 1 || length != 32)
        throw cryptoFailure("raw key");
    return out;
}

} // namespace

DeviceKey DeviceKey::generate()
{
    EVP_PKEY *raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!raw)
        throw cryptoFailure("keygen");
    PKey key(raw, EVP_PKEY_free);
    DeviceKey k;
    k.m_private = rawKey(key.get(), true);
    k.m_public = rawKey(key.get(), false);
    return k;
}

DeviceKey DeviceKey::fromPrivateKey(const QByteArray &raw32)
{
    if (raw32.size() != 32)
        throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("load the device key"), QString(),
                       QStringLiteral("the stored device key is not 32 bytes"));
    PKey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(raw32.constData()), 32),
             EVP_PKEY_free);
    if (!key)
        throw cryptoFailure("load");
    DeviceKey k;
    k.m_private = raw32;
    k.m_public = rawKey(key.get(), false);
    return k;
}

QByteArray DeviceKey::sign(const QByteArray &message) const
{
    PKey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(m_private.constData()), 32),
             EVP_PKEY_free);
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    QByteArray signature(64, '\0');
    size_t length = size_t(signature.size());
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                          reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size())) != 1
        || length != 64)
        throw cryptoFailure("sign");
    return signature;
}

bool DeviceKey::verify(const QByteArray &publicKey32, const QByteArray &message, const QByteArray &signature64)
{
    if (publicKey32.size() != 32 || signature64.size() != 64)
        return false;
    PKey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(publicKey32.constData()), 32),
             EVP_PKEY_free);
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    return key && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1
           && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature64.constData()), 64,
                               reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size())) == 1;
}

} // namespace cii
