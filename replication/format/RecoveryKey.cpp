#include "RecoveryKey.h"

#include "Aead.h"
#include "CanonicalCbor.h"
#include "CiiError.h"

#include <QCborMap>
#include <QCborValue>
#include <openssl/evp.h>
#include <openssl/kdf.h>

namespace cii {
namespace {

const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32
constexpr int kDataChars = 52;                                  // 260 bits: the key's 256 and four zero bits
constexpr int kTextChars = RecoveryKey::kGroups * 5;

int valueOf(QChar c)
{
    c = c.toUpper();
    if (c == QLatin1Char('O'))
        return 0;
    if (c == QLatin1Char('I') || c == QLatin1Char('L'))
        return 1;
    for (int i = 0; i < 32; ++i)
        if (c == QLatin1Char(kAlphabet[i]))
            return i;
    return -1;
}

/// Luhn mod 32 over the group's number and its four values: catches any one wrong character and most swaps of
/// neighbours, and a group typed in the wrong place.
int checkValue(int group, const int *values)
{
    const int codes[5] = {group, values[0], values[1], values[2], values[3]};
    int factor = 2, sum = 0;
    for (int i = 4; i >= 0; --i) {
        int addend = factor * codes[i];
        factor = factor == 2 ? 1 : 2;
        sum += addend / 32 + addend % 32;
    }
    return (32 - sum % 32) % 32;
}

QByteArray wrapAad(const QCborMap &fields, const QString &pharmacyId)
{
    return canonicalCbor(fields) + "|" + pharmacyId.toUtf8();
}

std::optional<QByteArray> wrappingKey(const RecoveryKey &key, const QByteArray &salt, quint64 n, quint64 r, quint64 p, const QString &pharmacyId)
{
    QByteArray stretched(32, '\0');
    if (EVP_PBE_scrypt(key.bytes().constData(), size_t(key.bytes().size()), reinterpret_cast<const unsigned char *>(salt.constData()),
                       size_t(salt.size()), n, r, p, 256ull * 1024 * 1024, reinterpret_cast<unsigned char *>(stretched.data()), 32) != 1)
        return std::nullopt;
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr), EVP_PKEY_CTX_free);
    const QByteArray info = "cii-ledger wrap v1|" + pharmacyId.toUtf8();
    QByteArray out(32, '\0');
    size_t length = 32;
    const bool ok = ctx && EVP_PKEY_derive_init(ctx.get()) == 1 && EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) == 1
        && EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size())) == 1
        && EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), reinterpret_cast<const unsigned char *>(stretched.constData()), 32) == 1
        && EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), reinterpret_cast<const unsigned char *>(info.constData()), int(info.size())) == 1
        && EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length) == 1 && length == 32;
    if (!ok)
        return std::nullopt;
    return out;
}

} // namespace

RecoveryKey RecoveryKey::generate()
{
    return fromBytes(crypto::randomBytes(32));
}

RecoveryKey RecoveryKey::fromBytes(const QByteArray &bytes32)
{
    if (bytes32.size() != 32)
        throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("read the recovery key"), QString(), QStringLiteral("a recovery key is 32 bytes"));
    RecoveryKey k;
    k.m_bytes = bytes32;
    return k;
}

QString RecoveryKey::text() const
{
    int values[kDataChars] = {};
    for (int i = 0; i < kDataChars; ++i) {
        int v = 0;
        for (int b = 0; b < 5; ++b) {
            const int bit = i * 5 + b;
            const int set = bit < 256 ? (quint8(m_bytes[bit / 8]) >> (7 - bit % 8)) & 1 : 0;
            v = (v << 1) | set;
        }
        values[i] = v;
    }
    QString out;
    for (int g = 0; g < kGroups; ++g) {
        if (g > 0)
            out += QLatin1Char('-');
        for (int i = 0; i < 4; ++i)
            out += QLatin1Char(kAlphabet[values[g * 4 + i]]);
        out += QLatin1Char(kAlphabet[checkValue(g, values + g * 4)]);
    }
    return out;
}

std::optional<RecoveryKey> RecoveryKey::parse(const QString &typed, QString &problem)
{
    QList<int> values;
    for (const QChar c : typed) {
        if (c.isSpace() || c == QLatin1Char('-'))
            continue;
        const int v = valueOf(c);
        if (v < 0) {
            problem = QStringLiteral("\"%1\" is not in a recovery key: it has only digits and the letters A to Z without I, L, O and U.").arg(c);
            return std::nullopt;
        }
        values << v;
    }
    if (values.size() != kTextChars) {
        problem = QStringLiteral("A recovery key has %1 letters and digits in %2 groups of five; this has %3.").arg(kTextChars).arg(kGroups).arg(values.size());
        return std::nullopt;
    }
    int data[kDataChars];
    for (int g = 0; g < kGroups; ++g) {
        for (int i = 0; i < 4; ++i)
            data[g * 4 + i] = values[g * 5 + i];
        if (checkValue(g, data + g * 4) != values[g * 5 + 4]) {
            problem = QStringLiteral("Group %1 of the recovery key has a typo: check its five characters against the recovery sheet.").arg(g + 1);
            return std::nullopt;
        }
    }
    if ((data[kDataChars - 1] & 0x0f) != 0) {
        problem = QStringLiteral("Group %1 of the recovery key has a typo: check its five characters against the recovery sheet.").arg(kGroups);
        return std::nullopt;
    }
    QByteArray bytes(32, '\0');
    for (int bit = 0; bit < 256; ++bit)
        if ((data[bit / 5] >> (4 - bit % 5)) & 1)
            bytes[bit / 8] = char(quint8(bytes[bit / 8]) | (0x80 >> (bit % 8)));
    return fromBytes(bytes);
}

namespace recovery {

QByteArray wrap(const BackupKey &dataKey, const RecoveryKey &key, const QString &pharmacyId, quint64 scryptN)
{
    const QByteArray salt = crypto::randomBytes(16);
    QCborMap fields{{QStringLiteral("v"), 1},
                    {QStringLiteral("kdf"), QStringLiteral("scrypt+hkdf-sha256")},
                    {QStringLiteral("n"), qint64(scryptN)},
                    {QStringLiteral("r"), 8},
                    {QStringLiteral("p"), 1},
                    {QStringLiteral("salt"), salt},
                    {QStringLiteral("keyId"), dataKey.id()}};
    const auto wrapping = wrappingKey(key, salt, scryptN, 8, 1, pharmacyId);
    if (!wrapping)
        throw CiiError(CiiError::Code::Internal, QStringLiteral("wrap the backup key"), QString(), QStringLiteral("the system's scrypt or HKDF failed"));
    const QByteArray box = crypto::aesGcmEncrypt(*wrapping, crypto::randomBytes(crypto::kNonce), wrapAad(fields, pharmacyId), dataKey.bytes);
    QCborMap all = fields;
    all.insert(QStringLiteral("box"), box);
    return canonicalCbor(all);
}

std::optional<BackupKey> unwrap(const QByteArray &wrapped, const RecoveryKey &key, const QString &pharmacyId, QString &problem)
{
    problem = QStringLiteral("The backup service's copy of the backup key is damaged or not a CII Ledger key.");
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(wrapped, &error);
    if (error.error != QCborError::NoError || !value.isMap())
        return std::nullopt;
    QCborMap fields = value.toMap();
    const QByteArray box = fields.take(QStringLiteral("box")).toByteArray();
    const qint64 n = fields.value(QStringLiteral("n")).toInteger(), r = fields.value(QStringLiteral("r")).toInteger(),
                 p = fields.value(QStringLiteral("p")).toInteger();
    const QByteArray salt = fields.value(QStringLiteral("salt")).toByteArray();
    // Bounds keep a hostile blob from asking for gigabytes or hours of scrypt.
    if (fields.value(QStringLiteral("v")).toInteger() != 1 || fields.value(QStringLiteral("kdf")).toString() != QLatin1String("scrypt+hkdf-sha256")
        || n < 2 || n > (1 << 20) || (n & (n - 1)) != 0 || r != 8 || p != 1 || salt.size() != 16 || box.size() != crypto::kNonce + 32 + crypto::kTag)
        return std::nullopt;
    const auto wrapping = wrappingKey(key, salt, quint64(n), quint64(r), quint64(p), pharmacyId);
    const auto plain = wrapping ? crypto::aesGcmDecrypt(*wrapping, box, wrapAad(fields, pharmacyId)) : std::nullopt;
    if (!plain) {
        problem = QStringLiteral("This recovery key does not open the pharmacy's backup: it is another pharmacy's, or an older one that was replaced.");
        return std::nullopt;
    }
    BackupKey k{*plain};
    if (k.id() != fields.value(QStringLiteral("keyId")).toString())
        return std::nullopt;
    problem.clear();
    return k;
}

} // namespace recovery
} // namespace cii
