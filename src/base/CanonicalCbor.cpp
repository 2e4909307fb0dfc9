#include "CanonicalCbor.h"

#include "CiiError.h"

#include <QCborArray>
#include <QCborMap>

#include <algorithm>
#include <vector>

namespace cii {
namespace {

[[noreturn]] void refuse(const QString &what)
{
    throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("encode a journal entry"), QString(),
                   QStringLiteral("%1 cannot be recorded (only whole numbers, text, bytes, true/false/null, "
                                  "lists and maps)")
                       .arg(what));
}

/// The head of a data item: major type and argument, in the shortest form (RFC 8949 section 4.2.1).
void head(QByteArray &out, quint8 major, quint64 arg)
{
    const char m = char(major << 5);
    if (arg < 24) {
        out.append(char(m | char(arg)));
    } else if (arg <= 0xff) {
        out.append(char(m | 24));
        out.append(char(arg));
    } else if (arg <= 0xffff) {
        out.append(char(m | 25));
        for (int s = 8; s >= 0; s -= 8)
            out.append(char(arg >> s));
    } else if (arg <= 0xffffffffULL) {
        out.append(char(m | 26));
        for (int s = 24; s >= 0; s -= 8)
            out.append(char(arg >> s));
    } else {
        out.append(char(m | 27));
        for (int s = 56; s >= 0; s -= 8)
            out.append(char(arg >> s));
    }
}

// Written straight into bytes (no QCborStreamWriter, no second encoding of map keys): every journal append
// encodes its payload once here and again inside the hashed record.
void encode(QByteArray &out, const QCborValue &v)
{
    switch (v.type()) {
    case QCborValue::Integer: {
        const qint64 i = v.toInteger();
        if (i >= 0)
            head(out, 0, quint64(i));
        else
            head(out, 1, quint64(-(i + 1)));
        break;
    }
    case QCborValue::ByteArray: {
        const QByteArray b = v.toByteArray();
        head(out, 2, quint64(b.size()));
        out.append(b);
        break;
    }
    case QCborValue::String: {
        const QByteArray utf8 = v.toString().toUtf8();
        head(out, 3, quint64(utf8.size()));
        out.append(utf8);
        break;
    }
    case QCborValue::Array: {
        const QCborArray a = v.toArray();
        head(out, 4, quint64(a.size()));
        for (const QCborValue &item : a)
            encode(out, item);
        break;
    }
    case QCborValue::Map: {
        const QCborMap m = v.toMap();
        // Keys sorted bytewise by their encoding; each key's encoding is written as it was sorted.
        std::vector<std::pair<QByteArray, QCborValue>> entries;
        entries.reserve(size_t(m.size()));
        for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
            if (!it.key().isString() && !it.key().isInteger())
                refuse(QStringLiteral("A map key that is not text or a whole number"));
            QByteArray key;
            encode(key, it.key());
            entries.emplace_back(std::move(key), it.value());
        }
        std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        head(out, 5, quint64(entries.size()));
        for (const auto &[key, value] : entries) {
            out.append(key);
            encode(out, value);
        }
        break;
    }
    case QCborValue::False:
        out.append(char(0xf4));
        break;
    case QCborValue::True:
        out.append(char(0xf5));
        break;
    case QCborValue::Null:
        out.append(char(0xf6));
        break;
    case QCborValue::Double:
        refuse(QStringLiteral("A fractional number"));
    default:
        refuse(QStringLiteral("This kind of value"));
    }
}

} // namespace

QByteArray canonicalCbor(const QCborValue &value)
{
    QByteArray out;
    out.reserve(256);
    encode(out, value);
    return out;
}

bool isCanonicalCbor(const QByteArray &bytes)
{
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(bytes, &err);
    if (err.error != QCborError::NoError || err.offset != bytes.size())
        return false;
    try {
        return canonicalCbor(v) == bytes;
    } catch (const CiiError &) {
        return false;
    }
}

} // namespace cii
