#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace cii {

/// The secret that opens one store: a random 256-bit SQLCipher raw key, and the 16-byte salt at the head
/// of the store file it belongs to (empty until the file exists). The salt binding lets the store tell a
/// key for another store ("wrong key") apart from a damaged file.
struct StoreKey
{
    QByteArray key;      ///< 32 random bytes
    QByteArray fileSalt; ///< first 16 bytes of the store file, or empty
};

/// Where store keys are kept. Implementations: the OS keychain (KeychainKeyStore) and an owner-only key
/// file (FileKeyStore) where no keychain exists. Calls block; call them from the thread that opens the store.
class KeyStore
{
public:
    enum class Protection { SystemKeychain, OwnerOnlyFile };

    virtual ~KeyStore() = default;
    virtual Protection protection() const = 0;
    /// Short words for Settings > Security: "the system keychain", "a key file readable only by you (...)".
    virtual QString description() const = 0;
    /// The key saved under `storeId`, or nullopt when none is saved. Throws CiiError (KeyStoreFailure,
    /// KeyFileExposed) when the key store itself cannot be read safely.
    virtual std::optional<StoreKey> load(const QString &storeId) = 0;
    /// Saves (or replaces) the key under `storeId`, durably, before returning. Throws CiiError on failure.
    virtual void save(const QString &storeId, const StoreKey &key) = 0;

    static QString protectionName(Protection p)
    {
        return p == Protection::SystemKeychain ? QStringLiteral("system-keychain") : QStringLiteral("owner-only-file");
    }

protected:
    static QByteArray encode(const StoreKey &key);
    static std::optional<StoreKey> decode(const QByteArray &text);
};

} // namespace cii
