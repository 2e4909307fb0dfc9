#pragma once

#include "KeyStore.h"

namespace cii {

/// Keys in the operating system's keychain (Secret Service on Linux) through QtKeychain.
/// Calls block on a local event loop until the keychain answers.
class KeychainKeyStore final : public KeyStore
{
public:
    explicit KeychainKeyStore(QString service = QStringLiteral("cii-ledger"));
    Protection protection() const override { return Protection::SystemKeychain; }
    QString description() const override { return QStringLiteral("the system keychain"); }
    std::optional<StoreKey> load(const QString &storeId) override;
    void save(const QString &storeId, const StoreKey &key) override;

    /// True when a keychain backend answers (an unknown entry reads as "not found", not as an error).
    static bool isAvailable(const QString &service = QStringLiteral("cii-ledger"));

private:
    QString m_service;
};

} // namespace cii
