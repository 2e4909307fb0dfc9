#include "StoreLocation.h"

#include "FileKeyStore.h"
#include "KeychainKeyStore.h"
#include "Log.h"

#include <QFile>
#include <QStandardPaths>

namespace cii {

StoreLocation StoreLocation::resolve(const QString &dataDirOverride)
{
    StoreLocation l;
    const QString envData = qEnvironmentVariable("CII_LEDGER_DATA_DIR");
    const QString envKeys = qEnvironmentVariable("CII_LEDGER_KEY_DIR");
    l.dataDir = !dataDirOverride.isEmpty() ? dataDirOverride
        : !envData.isEmpty()               ? envData
                                           : QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                + QStringLiteral("/cii-ledger");
    l.keyDir = !envKeys.isEmpty() ? envKeys
                                  : QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + QStringLiteral("/cii-ledger/keys");
    return l;
}

std::unique_ptr<KeyStore> selectKeyStore(const StoreLocation &location)
{
    QFile marker(location.dataDir + QStringLiteral("/key-location"));
    QString choice;
    if (marker.open(QIODevice::ReadOnly))
        choice = QString::fromUtf8(marker.readAll()).trimmed();
    if (choice.isEmpty()) {
        const QString forced = qEnvironmentVariable("CII_LEDGER_KEYSTORE");
        if (forced == QLatin1String("file"))
            choice = KeyStore::protectionName(KeyStore::Protection::OwnerOnlyFile);
        else if (forced == QLatin1String("keychain") || KeychainKeyStore::isAvailable())
            choice = KeyStore::protectionName(KeyStore::Protection::SystemKeychain);
        else
            choice = KeyStore::protectionName(KeyStore::Protection::OwnerOnlyFile);
    }
    if (choice == KeyStore::protectionName(KeyStore::Protection::SystemKeychain)) {
        qCInfo(lcStore) << "store key kept in the system keychain";
        return std::make_unique<KeychainKeyStore>();
    }
    qCInfo(lcStore) << "no system keychain: store key kept in an owner-only key file";
    return std::make_unique<FileKeyStore>(location.keyDir);
}

} // namespace cii
