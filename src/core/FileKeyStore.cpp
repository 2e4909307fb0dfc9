#include "FileKeyStore.h"

#include "CiiError.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <sys/stat.h>

namespace cii {

FileKeyStore::FileKeyStore(QString directory)
    : m_dir(std::move(directory))
{
}

QString FileKeyStore::description() const
{
    return QStringLiteral("a key file readable only by this account (%1)").arg(QDir::toNativeSeparators(m_dir));
}

QString FileKeyStore::keyFilePath(const QString &storeId) const
{
    // The store id is a path; hash it into a stable, safe file name.
    const QByteArray name = QCryptographicHash::hash(storeId.toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    return m_dir + QStringLiteral("/store-") + QString::fromLatin1(name) + QStringLiteral(".key");
}

std::optional<StoreKey> FileKeyStore::load(const QString &storeId)
{
    const QString path = keyFilePath(storeId);
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        throw CiiError(CiiError::Code::KeyFileExposed, QStringLiteral("use the store's key file"), path,
                       QStringLiteral("other accounts on this computer can read it, so the key may have leaked"),
                       QStringLiteral("Restrict it with: chmod 600 \"%1\"; then consider restoring into a new "
                                      "store with a fresh key.")
                           .arg(path));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw CiiError(CiiError::Code::KeyStoreFailure, QStringLiteral("read the store's key file"), path,
                       f.errorString(), QStringLiteral("Check that this account owns the file."));
    const auto key = decode(f.readAll());
    if (!key)
        throw CiiError(CiiError::Code::KeyStoreFailure, QStringLiteral("read the store's key file"), path,
                       QStringLiteral("the file does not hold a CII Ledger key"),
                       QStringLiteral("Restore the key file from a copy, or restore the store from the cloud."));
    return key;
}

void FileKeyStore::save(const QString &storeId, const StoreKey &key)
{
    const QString path = keyFilePath(storeId);
    const auto fail = [&](const QString &why) {
        return CiiError(CiiError::Code::KeyStoreFailure, QStringLiteral("save the store's key"), path, why,
                        QStringLiteral("Check that the folder is writable and the disk is not full."), true);
    };
    if (!QDir().mkpath(m_dir))
        throw fail(QStringLiteral("the folder cannot be created"));
    ::chmod(QFile::encodeName(m_dir).constData(), 0700);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        throw fail(f.errorString());
    // Owner-only before a single byte of the secret is written.
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(encode(key) + '\n');
    if (!f.commit())
        throw fail(f.errorString());
}

} // namespace cii
