#include "SecretHasher.h"

#include "CiiError.h"

#include <QList>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

namespace cii {
namespace {

QByteArray scrypt(const QByteArray &secret, const QByteArray &salt, int logN, int r, int p)
{
    QByteArray out(32, '\0');
    EVP_KDF *kdf = EVP_KDF_fetch(nullptr, "SCRYPT", nullptr);
    EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : nullptr;
    uint64_t n = uint64_t(1) << logN;
    uint32_t rr = uint32_t(r), pp = uint32_t(p);
    uint64_t maxmem = 1024ull * 1024 * 1024;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, const_cast<char *>(secret.constData()), size_t(secret.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char *>(salt.constData()), size_t(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &rr),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &pp),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
        OSSL_PARAM_construct_end()};
    const bool ok = ctx && EVP_KDF_derive(ctx, reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()), params) == 1;
    EVP_KDF_CTX_free(ctx);
    EVP_KDF_free(kdf);
    if (!ok)
        throw CiiError(CiiError::Code::Internal, QStringLiteral("protect the PIN or password"), QString(),
                       QStringLiteral("the system's scrypt function failed"));
    return out;
}

thread_local int t_checks = 0;

bool computeVerify(const QString &secret, const QByteArray &encoded)
{
    ++t_checks;
    const QList<QByteArray> parts = encoded.split('$');
    if (parts.size() != 6 || parts[0] != "scrypt")
        return false;
    const int logN = parts[1].toInt(), r = parts[2].toInt(), p = parts[3].toInt();
    if (logN < 1 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16)
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts[4]);
    const QByteArray expected = QByteArray::fromBase64(parts[5]);
    const QByteArray derived = scrypt(secret.toUtf8(), salt, logN, r, p);
    return expected.size() == derived.size() && CRYPTO_memcmp(expected.constData(), derived.constData(), size_t(derived.size())) == 0;
}

} // namespace

SecretHasher::SecretHasher(int logN)
    : m_logN(logN)
{
}

QByteArray SecretHasher::hash(const QString &secret) const
{
    QByteArray salt(16, '\0');
    RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), int(salt.size()));
    const QByteArray derived = scrypt(secret.toUtf8(), salt, m_logN, 8, 1);
    return "scrypt$" + QByteArray::number(m_logN) + "$8$1$" + salt.toBase64() + '$' + derived.toBase64();
}

bool SecretHasher::verify(const QString &secret, const QByteArray &encoded)
{
    return computeVerify(secret, encoded);
}

int SecretHasher::checksOnThisThread()
{
    return t_checks;
}

} // namespace cii
