#include "CanonicalCbor.h"

#include "CiiError.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>

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

void encode(QCborStreamWriter &w, const QCborValue &v);

QByteArray encoded(const QCborValue &v)
{
    QByteArray out;
    QCborStreamWriter w(&out);
    encode(w, v);
    return out;
}

void encode(QCborStreamWriter &w, const QCborValue &v)
{
    switch (v.type()) {
    case QCborValue::Integer:
        w.append(v.toInteger());
        break;
    case QCborValue::ByteArray:
        w.appendByteString(v.toByteArray().constData(), v.toByteArray().size());
        break;
    case QCborValue::String: {
        const QByteArray utf8 = v.toString().toUtf8();
        w.appendTextString(utf8.constData(), utf8.size());
        break;
    }
    case QCborValue::Array: {
        const QCborArray a = v.toArray();
        w.startArray(quint64(a.size()));
        for (const QCborValue &item : a)
            encode(w, item);
        w.endArray();
        break;
    }
    case QCborValue::Map: {
        const QCborMap m = v.toMap();
        struct Entry {
            QByteArray sortKey;
            QCborValue key, value;
        };
        std::vector<Entry> entries;
        entries.reserve(size_t(m.size()));
        for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
            if (!it.key().isString() && !it.key().isInteger())
                refuse(QStringLiteral("A map key that is not text or a whole number"));
            entries.push_back({encoded(it.key()), it.key(), it.value()});
        }
        std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.sortKey < b.sortKey; });
        w.startMap(quint64(entries.size()));
        for (const Entry &e : entries) {
            encode(w, e.key);
            encode(w, e.value);
        }
        w.endMap();
        break;
    }
    case QCborValue::False:
        w.append(false);
        break;
    case QCborValue::True:
        w.append(true);
        break;
    case QCborValue::Null:
        w.append(nullptr);
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
    return encoded(value);
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
