#pragma once

#include "BackupStore.h"

namespace cii::backupd {

/// The service's store in PostgreSQL, for production (deploy/postgresql-setup.sql makes its role and database).
/// Concurrent writers need no turn (row locks, and a pharmacy's advisory lock in cii_append); each group of
/// uploads is one statement calling the function cii_append for each, so one round trip and one commit, and two
/// groups are stored at once. Backed up with pg_dump, not snapshotTo.
class PostgresBackupStore final : public BackupStore
{
public:
    /// Connects, and creates the tables and cii_append when missing (instances starting together take turns).
    /// Throws CiiError when the database cannot be reached or the tables cannot be made.
    explicit PostgresBackupStore(Options options);
    ~PostgresBackupStore() override;

    /// The most uploads one statement stores together (a larger group is split).
    static constexpr size_t kMaxBatch = 64;

    /// Refused: PostgreSQL is backed up with pg_dump (docs/OPERATIONS.md). Throws CiiError always.
    void snapshotTo(const QString &path) override;

protected:
    void configureConnection(QSqlDatabase &) override {}
    void prepareSession(QSqlDatabase &d) override;
    /// The group (or one upload) in statements of up to kMaxBatch uploads, each its own transaction
    /// (autocommit): the uploads of a statement that committed are `committed`, whatever a later one does.
    void storeGroup(const std::vector<PendingAppend *> &group) override;
    /// More than one, so a slow group does not hold every upload up; two measured best against one and four
    /// (docs/PERFORMANCE.md).
    int committingThreads() const override { return 2; }
    /// None needed: the lock comes back unlocked.
    std::unique_lock<std::mutex> writeTurn() override { return {}; }
};

} // namespace cii::backupd
