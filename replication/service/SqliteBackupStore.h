#pragma once

#include "BackupStore.h"

namespace cii::backupd {

/// The service's store in an SQLite file (WAL, synchronous = FULL): the default, for a pharmacy group or a test.
/// One writer at a time: the service's threads take turns (writeTurn) and one committing thread stores each group
/// of uploads in one transaction, each upload in a savepoint of its own. Can copy itself while serving
/// (snapshotTo).
class SqliteBackupStore final : public BackupStore
{
public:
    /// Opens `options.database` (creating the file and the tables when missing). Throws CiiError when it cannot.
    explicit SqliteBackupStore(Options options);
    ~SqliteBackupStore() override;

    /// A consistent copy of the whole database into a new file, while the service runs (VACUUM INTO). Throws
    /// CiiError when the file exists or cannot be written.
    void snapshotTo(const QString &path) override;

protected:
    void configureConnection(QSqlDatabase &d) override;
    void prepareSession(QSqlDatabase &d) override;
    /// A group of uploads in one transaction (BEGIN IMMEDIATE), each in a savepoint of its own when there are
    /// more than one, so a failed one undoes no other.
    void storeGroup(const std::vector<PendingAppend *> &group) override;
    /// One: SQLite has one writer.
    int committingThreads() const override { return 1; }
    /// SQLite has one writer at a time: the service's threads take turns here rather than in SQLite's busy
    /// handler, which sleeps (up to 100 ms a time) and made the slowest uploads wait seconds under load.
    std::unique_lock<std::mutex> writeTurn() override;

private:
    /// One upload's decision and, when it continues the chain, its insert (inside storeGroup's transaction); when
    /// it stores nothing but is no replay, its request's signature in seen_requests.
    Appended appendOne(PendingAppend &p);

    std::mutex m_writeLock;
};

} // namespace cii::backupd
