#pragma once

#include "Clock.h"
#include "FileKeyStore.h"
#include "Store.h"

#include <QTemporaryDir>
#include <memory>

struct sqlite3;

namespace cii::test {

/// A store in a fresh temporary folder, with its key in an owner-only key file in another temporary
/// folder, and a manual clock. Real SQLCipher files: nothing is mocked.
struct TempStore
{
    QTemporaryDir dataDir;
    QTemporaryDir keyDir;
    ManualClock clock{1'790'000'000'000}; // 2026-09-21 UTC
    std::unique_ptr<FileKeyStore> keys = std::make_unique<FileKeyStore>(keyDir.path());

    std::unique_ptr<Store> open(bool create = true, int schemaVersion = -1, bool withProjections = true);
    QString dbPath() const { return Store::databasePath(dataDir.path()); }
    QByteArray rawKey();
};

/// A raw connection to a store file opened with its key, outside the Store: for tampering in tests.
class RawConnection
{
public:
    RawConnection(const QString &path, const QByteArray &key);
    ~RawConnection();
    /// Runs SQL; returns the SQLite message on failure, empty on success.
    QString exec(const QString &sql);
    sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
};

/// Reads a whole file (empty when missing).
QByteArray readAll(const QString &path);

} // namespace cii::test
