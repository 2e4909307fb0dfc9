#pragma once

#include "Event.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace cii {
class DeviceKey;

/// The pharmacy's backup data key (AES-256): random, wrapped by the recovery key for the cloud. Its id names it
/// in every change set without revealing it.
struct BackupKey
{
    QByteArray bytes; ///< 32 bytes
    static BackupKey generate();
    /// 16 hex digits: the start of SHA-256("cii backup key id" || 0 || key).
    QString id() const;
};

/// What a change set says of itself, in the clear (docs/CHANGESET-FORMAT.md). The service checks it without
/// the data key; it is the encryption's associated data, so it cannot be altered without failing decryption.
struct ChangeSetHeader
{
    QString kind = QStringLiteral("changeset"); ///< "changeset", or "archive" for a long range
    QString pharmacyId;
    QString deviceId;
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;
    QByteArray prevSetHash;   ///< SHA-256 of the previous change set's bytes; 32 zero bytes for the first
    qint64 createdMs = 0;
    QString keyId;            ///< BackupKey::id() of the key the body is sealed under
    QByteArray stateDigest;   ///< the store's state digest after `lastSeq` (32 bytes)
    qint64 count() const { return lastSeq - firstSeq + 1; }
};

/// Seals and opens change sets: events as deterministic CBOR, zstd-compressed, AES-256-GCM encrypted with the
/// header as associated data, then signed with the device's Ed25519 key over everything before the signature.
namespace changeset {

constexpr int kFormatVersion = 1;
constexpr qint64 kMaxBodyBytes = 128LL * 1024 * 1024;     ///< compressed and encrypted
constexpr qint64 kMaxPlainBytes = 512LL * 1024 * 1024;    ///< after decompression (an archive of years)

/// The checks of open(), in the order they run; the first that fails is the answer.
enum class Failure { None, Format, Signature, Key, Decryption, Decompression, EventHashes, Continuity };
QString failureName(Failure f); ///< "format", "signature", ...

/// What the opener expects of the change set: the device that signs it and, when known, where it continues.
struct Expect
{
    QByteArray devicePublicKey;
    std::optional<QByteArray> prevSetHash;    ///< the previous change set's hash
    std::optional<qint64> firstSeq;           ///< the next sequence number
    std::optional<QByteArray> prevEventHash;  ///< the hash of the event before firstSeq
};

struct Opened
{
    Failure failure = Failure::None;
    QString reason;          ///< a sentence: what is wrong, for the log and the person
    ChangeSetHeader header;
    QList<Event> events;
    QByteArray setHash;      ///< SHA-256 of the bytes: the next change set's prevSetHash
    bool ok() const { return failure == Failure::None; }
};

/// `nonce` (12 bytes) only for test vectors; otherwise random. Throws CiiError(InvalidInput) when the events do
/// not match the header (range, count) or are not a contiguous chain.
QByteArray seal(const ChangeSetHeader &header, const QList<Event> &events, const BackupKey &key,
                const DeviceKey &device, const QByteArray &nonce = {});
/// seal() from an already-compressed body: for tests that must build a body seal() would never make.
QByteArray sealCompressed(const ChangeSetHeader &header, const QByteArray &compressedBody, const BackupKey &key,
                          const DeviceKey &device, const QByteArray &nonce = {});
/// Every check, in order: format, signature, key, decryption, decompression, event hashes, continuity.
Opened open(const QByteArray &bytes, const BackupKey &key, const Expect &expect);
/// Format and signature only, without the data key: what the backup service can check.
Opened inspect(const QByteArray &bytes, const QByteArray &devicePublicKey);
QByteArray setHash(const QByteArray &bytes);
/// The header alone, format checked but nothing else: to learn which device's key checks the signature.
std::optional<ChangeSetHeader> peekHeader(const QByteArray &bytes);

} // namespace changeset
} // namespace cii
