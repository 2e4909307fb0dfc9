#pragma once

#include <QString>
#include <QTemporaryDir>

namespace cii::test {

/// A PostgreSQL cluster of its own for a test or a benchmark: initdb into a temporary folder, started on a
/// Unix socket in that folder (no TCP port to collide with), stopped and deleted at the end. initdb refuses
/// to run as root, so as root the cluster belongs to the `postgres` user (docs/STACK.md). Real PostgreSQL,
/// nothing mocked.
class ThrowawayPostgres
{
public:
    /// `durable`: false for tests (fsync off: a throwaway cluster has nothing to lose, and tests run faster);
    /// true for benchmarks, which measure the server as it runs in production.
    explicit ThrowawayPostgres(bool durable = false);
    ~ThrowawayPostgres();
    ThrowawayPostgres(const ThrowawayPostgres &) = delete;
    ThrowawayPostgres &operator=(const ThrowawayPostgres &) = delete;

    /// Empty when running; otherwise what went wrong, in a sentence with the server's own output.
    QString problem() const { return m_problem; }
    /// The socket folder: libpq takes it as the host name.
    QString host() const { return m_dir.path(); }
    int port() const { return 5432; }
    QString user() const { return QStringLiteral("cii"); }
    /// A new, empty database; its name. Empty on failure (with problem() set).
    QString createDatabase();
    /// Runs an SQL script with psql as the cluster's superuser, with `-v name=value` variables; false and
    /// problem() set when psql reports an error (ON_ERROR_STOP).
    bool runScript(const QString &file, const QStringList &variables);

private:
    bool run(const QString &program, const QStringList &args, QString *output = nullptr, const QByteArray &input = {});
    QTemporaryDir m_dir;
    QString m_bin, m_problem;
    bool m_asPostgresUser = false, m_started = false;
    int m_databases = 0;
};

} // namespace cii::test
