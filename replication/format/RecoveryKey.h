#pragma once

#include "ChangeSet.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace cii {

/// The pharmacy's recovery key (docs/RECOVERY-KEY.md): 256 random bits that never leave the workstation except
/// on the printed recovery sheet. Written as 13 groups of five characters (Crockford base32: digits and capital
/// letters without I, L, O, U), each group four characters of the key and a check character (Luhn mod 32 over
/// the group's number and its four characters), so a typo is caught, and its group named, before anything is
/// downloaded.
class RecoveryKey
{
public:
    static constexpr int kGroups = 13;

    static RecoveryKey generate();
    /// What a person typed: spaces and dashes anywhere, lower case, O for 0 and I or L for 1 are accepted. Empty,
    /// with `problem` a sentence (naming the group that is wrong), when it is not a recovery key.
    static std::optional<RecoveryKey> parse(const QString &typed, QString &problem);
    /// Only for test vectors: the key from its 32 bytes.
    static RecoveryKey fromBytes(const QByteArray &bytes32);

    /// "7K3QX-..." (65 characters in 13 groups).
    QString text() const;
    QByteArray bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

namespace recovery {

/// The wrapped backup data key, as uploaded (PUT /v1/wrapped-key): CBOR {v, kdf: "scrypt+hkdf-sha256", n, r, p,
/// salt, keyId, box}; the wrapping key is HKDF-SHA256(scrypt(recovery key, salt), info "cii-ledger wrap v1" ||
/// pharmacy id), the box AES-256-GCM with the CBOR of the other fields as associated data. `scryptN` is lowered
/// only by tests.
QByteArray wrap(const BackupKey &dataKey, const RecoveryKey &key, const QString &pharmacyId, quint64 scryptN = 1u << 15);
/// The data key, or empty with `problem` a sentence: not a wrapped key, or this recovery key does not open it.
std::optional<BackupKey> unwrap(const QByteArray &wrapped, const RecoveryKey &key, const QString &pharmacyId, QString &problem);

} // namespace recovery
} // namespace cii
