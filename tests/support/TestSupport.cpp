#include "TestSupport.h"

#include "StoreLocation.h"

#include <QFile>
#include <QFileInfo>
#include <sqlite3.h>

namespace cii::test {

std::unique_ptr<Store> TempStore::open(bool create, int schemaVersion, bool withProjections)
{
    Store::Options o;
    o.dataDir = dataDir.path();
    o.keyStore = keys.get();
    o.clock = &clock;
    o.create = create;
    o.targetSchemaVersion = schemaVersion;
    if (withProjections)
        o.projections = defaultProjections();
    return Store::open(std::move(o));
}

QByteArray TempStore::rawKey()
{
    return keys->load(QFileInfo(dataDir.path()).canonicalFilePath())->key;
}

RawConnection::RawConnection(const QString &path, const QByteArray &key)
{
    sqlite3_open(path.toUtf8().constData(), &m_db);
    exec(QStringLiteral("PRAGMA key = \"x'%1'\"").arg(QString::fromLatin1(key.toHex())));
    exec(QStringLiteral("PRAGMA cipher_page_size = 4096"));
}

RawConnection::~RawConnection()
{
    sqlite3_close(m_db);
}

QString RawConnection::exec(const QString &sql)
{
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &msg);
    QString text = rc == SQLITE_OK ? QString() : QString::fromUtf8(msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return text;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace cii::test
