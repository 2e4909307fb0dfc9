#include "VerifiedSecrets.h"

#include "CiiError.h"
#include "SecretHasher.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace cii {

VerifiedSecrets VerifiedSecrets::check(const QList<std::pair<QString, QByteArray>> &pairs)
{
    VerifiedSecrets v;
    v.m_key = QByteArray(32, '\0');
    RAND_bytes(reinterpret_cast<unsigned char *>(v.m_key.data()), int(v.m_key.size()));
    for (const auto &[secret, encoded] : pairs) {
        try {
            v.m_answers.insert(v.keyFor(secret, encoded), SecretHasher::verify(secret, encoded));
        } catch (const CiiError &) {
            // No answer: the Ledger's own check meets the same failure and says so.
        }
    }
    return v;
}

std::optional<bool> VerifiedSecrets::answer(const QString &secret, const QByteArray &encoded) const
{
    if (m_answers.isEmpty())
        return std::nullopt;
    const auto it = m_answers.constFind(keyFor(secret, encoded));
    return it == m_answers.cend() ? std::nullopt : std::optional<bool>(*it);
}

QByteArray VerifiedSecrets::keyFor(const QString &secret, const QByteArray &encoded) const
{
    const QByteArray message = encoded + '\0' + secret.toUtf8();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), m_key.constData(), int(m_key.size()), reinterpret_cast<const unsigned char *>(message.constData()),
         size_t(message.size()), out, &length);
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

} // namespace cii
