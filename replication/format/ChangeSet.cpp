#include "ChangeSet.h"

#include "Aead.h"

#include "CanonicalCbor.h"
#include "CiiError.h"
#include "DeviceKey.h"

#include <QCborArray>
#include <QCborMap>
#include <QCryptographicHash>
#include <QtEndian>
#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <zstd.h>

namespace cii {
namespace {
using crypto::aesGcmDecrypt;
using crypto::aesGcmEncrypt;
using crypto::randomBytes;
using crypto::kNonce;
using crypto::kTag;

const QByteArray kMagic = QByteArrayLiteral("CIICS");
constexpr int kPrefix = 6;           // magic and version
constexpr int kSignature = 64;
constexpr int kMaxHeaderBytes = 4096;
constexpr int kZstdLevel = 3;

void appendBe32(QByteArray &out, qint64 n)
{
    char b[4];
    qToBigEndian(quint32(n), b);
    out.append(b, 4);
}

quint32 readBe32(const QByteArray &in, qsizetype at)
{
    return qFromBigEndian<quint32>(in.constData() + at);
}

QByteArray headerCbor(const ChangeSetHeader &h)
{
    return canonicalCbor(QCborMap{{QStringLiteral("v"), changeset::kFormatVersion},
                                  {QStringLiteral("kind"), h.kind},
                                  {QStringLiteral("pharmacy"), h.pharmacyId},
                                  {QStringLiteral("device"), h.deviceId},
                                  {QStringLiteral("first"), h.firstSeq},
                                  {QStringLiteral("last"), h.lastSeq},
                                  {QStringLiteral("count"), h.count()},
                                  {QStringLiteral("prev"), h.prevSetHash},
                                  {QStringLiteral("created"), h.createdMs},
                                  {QStringLiteral("keyId"), h.keyId},
                                  {QStringLiteral("state"), h.stateDigest}});
}

/// The header's fields, or an empty optional and the reason.
std::optional<ChangeSetHeader> parseHeader(const QByteArray &bytes, QString &why)
{
    if (!isCanonicalCbor(bytes)) {
        why = QStringLiteral("the header is not deterministic CBOR");
        return std::nullopt;
    }
    const QCborMap m = QCborValue::fromCbor(bytes).toMap();
    const QStringList keys{QStringLiteral("v"), QStringLiteral("kind"), QStringLiteral("pharmacy"), QStringLiteral("device"),
                           QStringLiteral("first"), QStringLiteral("last"), QStringLiteral("count"), QStringLiteral("prev"),
                           QStringLiteral("created"), QStringLiteral("keyId"), QStringLiteral("state")};
    if (m.size() != keys.size()) {
        why = QStringLiteral("the header has %1 fields, not %2").arg(m.size()).arg(keys.size());
        return std::nullopt;
    }
    for (const QString &k : keys)
        if (!m.contains(k)) {
            why = QStringLiteral("the header has no \"%1\"").arg(k);
            return std::nullopt;
        }
    const auto text = [&](const char *k) { return m.value(QLatin1String(k)).isString(); };
    const auto integer = [&](const char *k) { return m.value(QLatin1String(k)).isInteger(); };
    const auto hash = [&](const char *k) { return m.value(QLatin1String(k)).isByteArray() && m.value(QLatin1String(k)).toByteArray().size() == 32; };
    if (!integer("v") || m.value(QStringLiteral("v")).toInteger() != changeset::kFormatVersion || !text("kind") || !text("pharmacy")
        || !text("device") || !integer("first") || !integer("last") || !integer("count") || !hash("prev") || !integer("created")
        || !text("keyId") || !hash("state")) {
        why = QStringLiteral("a header field has the wrong type");
        return std::nullopt;
    }
    ChangeSetHeader h;
    h.kind = m.value(QStringLiteral("kind")).toString();
    h.pharmacyId = m.value(QStringLiteral("pharmacy")).toString();
    h.deviceId = m.value(QStringLiteral("device")).toString();
    h.firstSeq = m.value(QStringLiteral("first")).toInteger();
    h.lastSeq = m.value(QStringLiteral("last")).toInteger();
    h.prevSetHash = m.value(QStringLiteral("prev")).toByteArray();
    h.createdMs = m.value(QStringLiteral("created")).toInteger();
    h.keyId = m.value(QStringLiteral("keyId")).toString();
    h.stateDigest = m.value(QStringLiteral("state")).toByteArray();
    if (h.kind != QLatin1String("changeset") && h.kind != QLatin1String("archive")) {
        why = QStringLiteral("the kind \"%1\" is neither changeset nor archive").arg(h.kind.left(20));
        return std::nullopt;
    }
    if (h.firstSeq < 1 || h.lastSeq < h.firstSeq || m.value(QStringLiteral("count")).toInteger() != h.count()) {
        why = QStringLiteral("the sequence range %1 to %2 is not valid").arg(h.firstSeq).arg(h.lastSeq);
        return std::nullopt;
    }
    return h;
}

QByteArray eventsCbor(const QList<Event> &events)
{
    QCborArray list;
    for (const Event &e : events)
        list.append(QCborArray{e.seq, e.atMs, e.actor, e.kind, e.payload, e.prevHash, e.hash});
    return canonicalCbor(list);
}

QByteArray compress(const QByteArray &plain)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(plain.size()))), '\0');
    const size_t n = ZSTD_compress(out.data(), size_t(out.size()), plain.constData(), size_t(plain.size()), kZstdLevel);
    if (ZSTD_isError(n))
        throw CiiError(CiiError::Code::Internal, QStringLiteral("seal the change set"), QString(),
                       QStringLiteral("zstd could not compress it (%1)").arg(QLatin1String(ZSTD_getErrorName(n))));
    out.resize(qsizetype(n));
    return out;
}

std::optional<QByteArray> decompress(const QByteArray &packed, QString &why)
{
    const unsigned long long size = ZSTD_getFrameContentSize(packed.constData(), size_t(packed.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
        why = QStringLiteral("the body is not a zstd frame with its size");
        return std::nullopt;
    }
    if (size > quint64(changeset::kMaxPlainBytes)) {
        why = QStringLiteral("the body would expand to %1 bytes, more than allowed").arg(size);
        return std::nullopt;
    }
    QByteArray plain(qsizetype(size), '\0');
    const size_t n = ZSTD_decompress(plain.data(), size_t(plain.size()), packed.constData(), size_t(packed.size()));
    if (ZSTD_isError(n) || n != size) {
        why = QStringLiteral("zstd could not decompress the body (%1)").arg(QLatin1String(ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short"));
        return std::nullopt;
    }
    return plain;
}

changeset::Opened failed(changeset::Failure f, const QString &reason)
{
    changeset::Opened o;
    o.failure = f;
    o.reason = reason;
    return o;
}

/// The parts of a change set once its layout is checked; the reason otherwise.
struct Parts
{
    QByteArray headerBytes, signedPart, aad, body, signature;
};

std::optional<Parts> split(const QByteArray &bytes, QString &why)
{
    if (bytes.size() < kPrefix + 4 || !bytes.startsWith(kMagic)) {
        why = QStringLiteral("it does not start like a CII Ledger change set");
        return std::nullopt;
    }
    if (quint8(bytes.at(5)) != changeset::kFormatVersion) {
        why = QStringLiteral("its format version %1 is not one this program reads").arg(quint8(bytes.at(5)));
        return std::nullopt;
    }
    const qint64 headerLength = readBe32(bytes, kPrefix);
    if (headerLength < 1 || headerLength > kMaxHeaderBytes || bytes.size() < kPrefix + 4 + headerLength + 4) {
        why = QStringLiteral("its header length is not valid");
        return std::nullopt;
    }
    const qint64 bodyAt = kPrefix + 4 + headerLength + 4;
    const qint64 bodyLength = readBe32(bytes, kPrefix + 4 + headerLength);
    if (bodyLength < kNonce + kTag || bodyLength > changeset::kMaxBodyBytes || bytes.size() != bodyAt + bodyLength + kSignature) {
        why = QStringLiteral("its body length does not match its size (%1 bytes)").arg(bytes.size());
        return std::nullopt;
    }
    Parts p;
    p.headerBytes = bytes.mid(kPrefix + 4, headerLength);
    p.aad = bytes.left(kPrefix + 4 + headerLength);
    p.body = bytes.mid(bodyAt, bodyLength);
    p.signedPart = bytes.left(bodyAt + bodyLength);
    p.signature = bytes.right(kSignature);
    return p;
}

/// The events of a decrypted, decompressed body, each hash recomputed and the chain inside checked.
std::optional<QList<Event>> parseEvents(const QByteArray &plain, const ChangeSetHeader &h, QString &why)
{
    if (!isCanonicalCbor(plain)) {
        why = QStringLiteral("the events are not deterministic CBOR");
        return std::nullopt;
    }
    const QCborArray list = QCborValue::fromCbor(plain).toArray();
    if (list.size() != h.count()) {
        why = QStringLiteral("it holds %1 events where the header says %2").arg(list.size()).arg(h.count());
        return std::nullopt;
    }
    QList<Event> events;
    events.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QCborArray a = list.at(i).toArray();
        if (a.size() != 7 || !a.at(0).isInteger() || !a.at(1).isInteger() || !a.at(2).isString() || !a.at(3).isString()
            || !a.at(4).isByteArray() || !a.at(5).isByteArray() || !a.at(6).isByteArray()) {
            why = QStringLiteral("event %1 of the set is malformed").arg(i + 1);
            return std::nullopt;
        }
        Event e;
        e.seq = a.at(0).toInteger();
        e.atMs = a.at(1).toInteger();
        e.actor = a.at(2).toString();
        e.kind = a.at(3).toString();
        e.payload = a.at(4).toByteArray();
        e.prevHash = a.at(5).toByteArray();
        e.hash = a.at(6).toByteArray();
        if (e.seq != h.firstSeq + i) {
            why = QStringLiteral("event %1 has sequence number %2, expected %3").arg(i + 1).arg(e.seq).arg(h.firstSeq + i);
            return std::nullopt;
        }
        if (e.computeHash() != e.hash) {
            why = QStringLiteral("event %1 does not match its hash").arg(e.seq);
            return std::nullopt;
        }
        if (i > 0 && e.prevHash != events.last().hash) {
            why = QStringLiteral("event %1 does not follow event %2").arg(e.seq).arg(e.seq - 1);
            return std::nullopt;
        }
        events.append(e);
    }
    return events;
}

} // namespace

BackupKey BackupKey::generate()
{
    return {randomBytes(32)};
}

QString BackupKey::id() const
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView("cii backup key id", 17));
    h.addData(QByteArrayView("\0", 1));
    h.addData(bytes);
    return QString::fromLatin1(h.result().left(8).toHex());
}

namespace changeset {

QString failureName(Failure f)
{
    switch (f) {
    case Failure::None: return QStringLiteral("none");
    case Failure::Format: return QStringLiteral("format");
    case Failure::Signature: return QStringLiteral("signature");
    case Failure::Key: return QStringLiteral("key");
    case Failure::Decryption: return QStringLiteral("decryption");
    case Failure::Decompression: return QStringLiteral("decompression");
    case Failure::EventHashes: return QStringLiteral("event hashes");
    case Failure::Continuity: return QStringLiteral("continuity");
    }
    return QString();
}

QByteArray setHash(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

QByteArray seal(const ChangeSetHeader &header, const QList<Event> &events, const BackupKey &key, const DeviceKey &device,
                const QByteArray &nonce)
{
    const QString op = QStringLiteral("seal the change set");
    const auto refuse = [&](const QString &why) { return CiiError(CiiError::Code::InvalidInput, op, QString(), why); };
    if (key.bytes.size() != 32 || header.keyId != key.id())
        throw refuse(QStringLiteral("the header names another backup key"));
    if (header.prevSetHash.size() != 32 || header.stateDigest.size() != 32)
        throw refuse(QStringLiteral("the previous set hash and the state digest must be 32 bytes"));
    if (events.isEmpty() || events.first().seq != header.firstSeq || events.last().seq != header.lastSeq
        || events.size() != header.count())
        throw refuse(QStringLiteral("the events do not cover %1 to %2").arg(header.firstSeq).arg(header.lastSeq));
    for (qsizetype i = 1; i < events.size(); ++i)
        if (events[i].seq != events[i - 1].seq + 1 || events[i].prevHash != events[i - 1].hash)
            throw refuse(QStringLiteral("event %1 does not follow event %2").arg(events[i].seq).arg(events[i - 1].seq));
    return sealCompressed(header, compress(eventsCbor(events)), key, device, nonce);
}

QByteArray sealCompressed(const ChangeSetHeader &header, const QByteArray &compressedBody, const BackupKey &key,
                          const DeviceKey &device, const QByteArray &nonce)
{
    const QString op = QStringLiteral("seal the change set");
    const QByteArray headerBytes = headerCbor(header);
    QByteArray out = kMagic;
    out.append(char(kFormatVersion));
    appendBe32(out, headerBytes.size());
    out.append(headerBytes);
    const QByteArray aad = out;
    const QByteArray body = aesGcmEncrypt(key.bytes, nonce.size() == kNonce ? nonce : randomBytes(kNonce), aad, compressedBody);
    if (body.size() > kMaxBodyBytes)
        throw CiiError(CiiError::Code::InvalidInput, op, QString(),
                       QStringLiteral("it is larger than %1 bytes; seal fewer events").arg(kMaxBodyBytes));
    appendBe32(out, body.size());
    out.append(body);
    out.append(device.sign(out));
    return out;
}

namespace {
/// Format and signature; `parts` is filled for open() to go on with.
Opened inspectParts(const QByteArray &bytes, const QByteArray &devicePublicKey, Parts &parts)
{
    QString why;
    auto layout = split(bytes, why);
    if (!layout)
        return failed(Failure::Format, why);
    parts = std::move(*layout);
    const auto header = parseHeader(parts.headerBytes, why);
    if (!header)
        return failed(Failure::Format, why);
    if (!DeviceKey::verify(devicePublicKey, parts.signedPart, parts.signature))
        return failed(Failure::Signature, QStringLiteral("the signature is not the device's"));
    Opened o;
    o.header = *header;
    o.setHash = setHash(bytes);
    return o;
}
} // namespace

std::optional<ChangeSetHeader> peekHeader(const QByteArray &bytes)
{
    QString why;
    const auto layout = split(bytes, why);
    return layout ? parseHeader(layout->headerBytes, why) : std::nullopt;
}

Opened inspect(const QByteArray &bytes, const QByteArray &devicePublicKey)
{
    Parts parts;
    return inspectParts(bytes, devicePublicKey, parts);
}

Opened open(const QByteArray &bytes, const BackupKey &key, const Expect &expect)
{
    Parts parts;
    Opened o = inspectParts(bytes, expect.devicePublicKey, parts);
    if (!o.ok())
        return o;
    const ChangeSetHeader &h = o.header;
    if (h.keyId != key.id())
        return failed(Failure::Key, QStringLiteral("it is sealed under backup key %1, not %2").arg(h.keyId, key.id()));
    QString why;
    const auto packed = aesGcmDecrypt(key.bytes, parts.body, parts.aad);
    if (!packed)
        return failed(Failure::Decryption, QStringLiteral("the body does not decrypt (altered, or another key)"));
    const auto plain = decompress(*packed, why);
    if (!plain)
        return failed(Failure::Decompression, why);
    const auto events = parseEvents(*plain, h, why);
    if (!events)
        return failed(Failure::EventHashes, why);
    if (expect.prevSetHash && h.prevSetHash != *expect.prevSetHash)
        return failed(Failure::Continuity, QStringLiteral("it does not follow the previous change set"));
    if (expect.firstSeq && h.firstSeq != *expect.firstSeq)
        return failed(Failure::Continuity, QStringLiteral("it starts at event %1, expected %2").arg(h.firstSeq).arg(*expect.firstSeq));
    if (expect.prevEventHash && events->first().prevHash != *expect.prevEventHash)
        return failed(Failure::Continuity, QStringLiteral("its first event does not follow event %1").arg(h.firstSeq - 1));
    o.events = *events;
    return o;
}

} // namespace changeset
} // namespace cii
