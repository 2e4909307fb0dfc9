#pragma once

#include "KeyStore.h"

namespace cii {

/// Keys in files readable only by their owner (mode 0600 in a 0700 folder), kept apart from the store's
/// data folder so a copy of the data folder does not carry its key. The fallback where no OS keychain
/// exists (headless machines, CI); Settings > Security says so.
///
/// load() refuses a key file that others can read (KeyFileExposed) rather than use a secret that may have
/// leaked; save() writes atomically (temporary file, fsync, rename), so a crash never leaves half a key.
class FileKeyStore final : public KeyStore
{
public:
    explicit FileKeyStore(QString directory);
    Protection protection() const override { return Protection::OwnerOnlyFile; }
    QString description() const override;
    std::optional<StoreKey> load(const QString &storeId) override;
    void save(const QString &storeId, const StoreKey &key) override;
    QString keyFilePath(const QString &storeId) const;

private:
    QString m_dir;
};

} // namespace cii
