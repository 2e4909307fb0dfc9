#include "FileKeyStore.h"
#include "StoreLocation.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace cii;

namespace {
mode_t modeOf(const QString &path)
{
    struct stat st {};
    ::stat(QFile::encodeName(path).constData(), &st);
    return st.st_mode & 0777;
}
} // namespace

class TestFileKeyStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void savesOwnerOnlyAndLoadsBack()
    {
        QTemporaryDir dir;
        const QString keyDir = dir.path() + QStringLiteral("/keys");
        FileKeyStore keys(keyDir);
        QCOMPARE(keys.protection(), KeyStore::Protection::OwnerOnlyFile);
        QVERIFY(!keys.load(QStringLiteral("/some/store")).has_value());
        const StoreKey k{QByteArray(32, '\x11'), QByteArray(16, '\x22')};
        keys.save(QStringLiteral("/some/store"), k);
        const QString file = keys.keyFilePath(QStringLiteral("/some/store"));
        QCOMPARE(modeOf(file), mode_t(0600));
        QCOMPARE(modeOf(keyDir), mode_t(0700));
        const auto loaded = keys.load(QStringLiteral("/some/store"));
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->key, k.key);
        QCOMPARE(loaded->fileSalt, k.fileSalt);
        // Other stores have other files.
        QVERIFY(!keys.load(QStringLiteral("/another/store")).has_value());
        QVERIFY(keys.keyFilePath(QStringLiteral("/another/store")) != file);
    }

    void refusesAKeyFileOthersCanRead()
    {
        QTemporaryDir dir;
        FileKeyStore keys(dir.path());
        keys.save(QStringLiteral("s"), StoreKey{QByteArray(32, '\x01'), {}});
        ::chmod(QFile::encodeName(keys.keyFilePath(QStringLiteral("s"))).constData(), 0644);
        try {
            keys.load(QStringLiteral("s"));
            QFAIL("a world-readable key file must be refused");
        } catch (const CiiError &e) {
            QCOMPARE(e.code(), CiiError::Code::KeyFileExposed);
            QVERIFY(e.hint().contains(QLatin1String("chmod 600")));
        }
    }

    void refusesAFileThatIsNotAKey()
    {
        QTemporaryDir dir;
        FileKeyStore keys(dir.path());
        const QString path = keys.keyFilePath(QStringLiteral("s"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("v1:nothex:");
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        try {
            keys.load(QStringLiteral("s"));
            QFAIL("garbage must be refused");
        } catch (const CiiError &e) {
            QCOMPARE(e.code(), CiiError::Code::KeyStoreFailure);
        }
    }

    void keyFileIsNotInTheDataFolderAndNeverHoldsTheDatabaseKeyInIt()
    {
        test::TempStore t;
        { t.open(); }
        const QStringList dataFiles = QDir(t.dataDir.path()).entryList(QDir::Files);
        for (const QString &name : dataFiles)
            QVERIFY2(!name.endsWith(QLatin1String(".key")), qPrintable(name));
        const QByteArray keyHex = t.rawKey().toHex();
        for (const QString &name : dataFiles)
            QVERIFY(!test::readAll(t.dataDir.path() + QLatin1Char('/') + name).contains(keyHex));
    }

    void storeRemembersWhichKeyStoreHoldsItsKey()
    {
        QTemporaryDir data, keys;
        qputenv("CII_LEDGER_KEYSTORE", "file");
        const StoreLocation location{data.path(), keys.path()};
        {
            auto keyStore = selectKeyStore(location);
            QCOMPARE(keyStore->protection(), KeyStore::Protection::OwnerOnlyFile);
            ManualClock clock(0);
            Store::Options o;
            o.dataDir = data.path();
            o.keyStore = keyStore.get();
            o.clock = &clock;
            o.create = true;
            auto store = Store::open(std::move(o));
            QCOMPARE(store->keyProtection(), KeyStore::Protection::OwnerOnlyFile);
            QVERIFY(store->keyProtectionText().contains(QLatin1String("readable only by this account")));
        }
        QCOMPARE(test::readAll(data.path() + QStringLiteral("/key-location")).trimmed(), QByteArray("owner-only-file"));
        // Even when asked for the keychain, an existing store's key is looked for where it was put.
        qputenv("CII_LEDGER_KEYSTORE", "keychain");
        QCOMPARE(selectKeyStore(location)->protection(), KeyStore::Protection::OwnerOnlyFile);
        qunsetenv("CII_LEDGER_KEYSTORE");
    }

    void locationFollowsOverridesThenEnvironment()
    {
        qputenv("CII_LEDGER_DATA_DIR", "/env/data");
        qputenv("CII_LEDGER_KEY_DIR", "/env/keys");
        QCOMPARE(StoreLocation::resolve().dataDir, QStringLiteral("/env/data"));
        QCOMPARE(StoreLocation::resolve().keyDir, QStringLiteral("/env/keys"));
        QCOMPARE(StoreLocation::resolve(QStringLiteral("/arg/data")).dataDir, QStringLiteral("/arg/data"));
        qunsetenv("CII_LEDGER_DATA_DIR");
        qunsetenv("CII_LEDGER_KEY_DIR");
        QVERIFY(StoreLocation::resolve().dataDir.endsWith(QLatin1String("/cii-ledger")));
        QVERIFY(StoreLocation::resolve().keyDir.endsWith(QLatin1String("/cii-ledger/keys")));
    }
};

QTEST_GUILESS_MAIN(TestFileKeyStore)
#include "tst_filekeystore.moc"
