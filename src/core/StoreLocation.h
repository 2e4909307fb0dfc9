#pragma once

#include "KeyStore.h"
#include "Projection.h"

#include <memory>
#include <vector>

namespace cii {

/// Where a store lives: its data folder and the folder of owner-only key files (kept apart from the data).
/// Defaults: the user's data directory (~/.local/share/cii-ledger) and config directory
/// (~/.config/cii-ledger/keys); CII_LEDGER_DATA_DIR and CII_LEDGER_KEY_DIR override them.
struct StoreLocation
{
    QString dataDir;
    QString keyDir;

    /// `dataDirOverride` (a --data-dir argument) wins over the environment, which wins over the defaults.
    static StoreLocation resolve(const QString &dataDirOverride = {});
};

/// The key store for a location. A store remembers which key store holds its key (the `key-location`
/// file beside it), so its key is looked for where it was put. For a new store: CII_LEDGER_KEYSTORE=file or
/// =keychain forces one; otherwise the system keychain when one answers, else an owner-only key file.
std::unique_ptr<KeyStore> selectKeyStore(const StoreLocation &location);

} // namespace cii
