#include "KeychainKeyStore.h"

#include "CiiError.h"

#include <QEventLoop>
#include <qt6keychain/keychain.h>

namespace cii {
namespace {

template<typename Job>
void runJob(Job &job)
{
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    loop.exec();
}

} // namespace

KeychainKeyStore::KeychainKeyStore(QString service)
    : m_service(std::move(service))
{
}

bool KeychainKeyStore::isAvailable(const QString &service)
{
    QKeychain::ReadPasswordJob job(service);
    job.setKey(QStringLiteral("cii-ledger-availability-probe"));
    runJob(job);
    return job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound;
}

std::optional<StoreKey> KeychainKeyStore::load(const QString &storeId)
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(storeId);
    runJob(job);
    if (job.error() == QKeychain::EntryNotFound)
        return std::nullopt;
    if (job.error() != QKeychain::NoError)
        throw CiiError(CiiError::Code::KeyStoreFailure, QStringLiteral("read the store's key from the system keychain"),
                       QString(), job.errorString(),
                       QStringLiteral("Unlock the keychain (sign in to the desktop session), then try again."), true);
    const auto key = decode(job.binaryData());
    if (!key)
        throw CiiError(CiiError::Code::KeyStoreFailure, QStringLiteral("read the store's key from the system keychain"),
                       QString(), QStringLiteral("the keychain entry does not hold a CII Ledger key"),
                       QStringLiteral("Restore the store from the cloud."));
    return key;
}

void KeychainKeyStore::save(const QString &storeId, const StoreKey &key)
{
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(storeId);
    job.setBinaryData(encode(key));
    runJob(job);
    if (job.error() != QKeychain::NoError)
        throw CiiError(CiiError::Code::KeyStoreFailure, QStringLiteral("save the store's key in the system keychain"),
                       QString(), job.errorString(),
                       QStringLiteral("Unlock the keychain (sign in to the desktop session), then try again."), true);
}

} // namespace cii
