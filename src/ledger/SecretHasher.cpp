#include "SecretHasher.h"

#include "CiiError.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QMutex>
#include <optional>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
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

/// Answers computed ahead by precheck(), keyed by HMAC-SHA256(a random key of this process, encoding || 0 || secret).
class Prechecked
{
public:
    static Prechecked &instance()
    {
        static Prechecked cache;
        return cache;
    }
    void put(const QByteArray &key, bool answer)
    {
        QMutexLocker lock(&m_mutex);
        dropExpired();
        if (m_answers.size() >= kMaxEntries)
            m_answers.clear(); // never more than a counter's few signers at once; a full cache is stale
        m_answers.insert(key, {answer, QDeadlineTimer(kLifetimeMs)});
    }
    std::optional<bool> take(const QByteArray &key)
    {
        QMutexLocker lock(&m_mutex);
        dropExpired();
        const auto it = m_answers.constFind(key);
        if (it == m_answers.cend())
            return std::nullopt;
        const bool answer = it->answer;
        m_answers.erase(it);
        return answer;
    }
    QByteArray keyFor(const QString &secret, const QByteArray &encoded) const
    {
        const QByteArray message = encoded + '\0' + secret.toUtf8();
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        HMAC(EVP_sha256(), m_key.constData(), int(m_key.size()), reinterpret_cast<const unsigned char *>(message.constData()),
             size_t(message.size()), out, &length);
        return QByteArray(reinterpret_cast<const char *>(out), int(length));
    }

private:
    static constexpr int kMaxEntries = 32;
    static constexpr qint64 kLifetimeMs = 60'000;
    struct Entry {
        bool answer;
        QDeadlineTimer expires;
    };
    Prechecked()
        : m_key(32, '\0')
    {
        RAND_bytes(reinterpret_cast<unsigned char *>(m_key.data()), int(m_key.size()));
    }
    void dropExpired()
    {
        for (auto it = m_answers.begin(); it != m_answers.end();)
            it = it->expires.hasExpired() ? m_answers.erase(it) : std::next(it);
    }
    QMutex m_mutex;
    QByteArray m_key;
    QHash<QByteArray, Entry> m_answers;
};

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
    Prechecked &cache = Prechecked::instance();
    if (const std::optional<bool> answer = cache.take(cache.keyFor(secret, encoded)))
        return *answer;
    return computeVerify(secret, encoded);
}

int SecretHasher::checksOnThisThread()
{
    return t_checks;
}

void SecretHasher::precheck(const QString &secret, const QByteArray &encoded)
{
    Prechecked &cache = Prechecked::instance();
    cache.put(cache.keyFor(secret, encoded), computeVerify(secret, encoded));
}

} // namespace cii
