#include "ThrowawayPostgres.h"

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <pwd.h>
#include <unistd.h>

namespace cii::test {
namespace {

/// The newest installed server's bin folder (/usr/lib/postgresql/15/bin on Debian 12).
QString serverBin()
{
    QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(versions.begin(), versions.end(), numeric);
    for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
        const QString bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(*it);
        if (QFile::exists(bin + QStringLiteral("/initdb")))
            return bin;
    }
    return {};
}

} // namespace

ThrowawayPostgres::ThrowawayPostgres(bool durable)
{
    m_bin = serverBin();
    if (m_bin.isEmpty()) {
        m_problem = QStringLiteral("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); ./cii installs it.");
        return;
    }
    if (!m_dir.isValid()) {
        m_problem = QStringLiteral("No temporary folder for the PostgreSQL cluster.");
        return;
    }
    if (geteuid() == 0) {
        const passwd *pg = getpwnam("postgres");
        if (!pg || chown(QFile::encodeName(m_dir.path()).constData(), pg->pw_uid, pg->pw_gid) != 0) {
            m_problem = QStringLiteral("Running as root, and the cluster cannot be given to the postgres user.");
            return;
        }
        m_asPostgresUser = true;
    }
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (!run(m_bin + QStringLiteral("/initdb"), {QStringLiteral("-D"), data, QStringLiteral("-A"), QStringLiteral("trust"),
                                                 QStringLiteral("-U"), user(), QStringLiteral("-E"), QStringLiteral("UTF8"),
                                                 QStringLiteral("--locale=C"), QStringLiteral("--no-sync")}))
        return;
    QString options = QStringLiteral("-k %1 -p %2 -c listen_addresses= -c max_connections=300").arg(m_dir.path()).arg(port());
    if (!durable)
        options += QStringLiteral(" -c fsync=off -c synchronous_commit=off");
    // Server settings to try (bench runs, docs/PERFORMANCE.md), e.g. CII_TEST_PG_OPTIONS="-c wal_init_zero=off".
    if (const QByteArray extra = qgetenv("CII_TEST_PG_OPTIONS"); !extra.isEmpty())
        options += QLatin1Char(' ') + QString::fromLocal8Bit(extra);
    m_started = run(m_bin + QStringLiteral("/pg_ctl"), {QStringLiteral("-w"), QStringLiteral("-D"), data, QStringLiteral("-l"),
                                                        m_dir.filePath(QStringLiteral("server.log")), QStringLiteral("-o"), options,
                                                        QStringLiteral("start")});
}

ThrowawayPostgres::~ThrowawayPostgres()
{
    if (m_started)
        run(m_bin + QStringLiteral("/pg_ctl"), {QStringLiteral("-w"), QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")),
                                                QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("stop")});
}

bool ThrowawayPostgres::run(const QString &program, const QStringList &args, QString *output, const QByteArray &input)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir.path());
    if (m_asPostgresUser)
        p.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + args);
    else
        p.start(program, args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    const bool ok = p.waitForFinished(120'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    const QString out = QString::fromLocal8Bit(p.readAll());
    if (output)
        *output = out;
    if (!ok)
        m_problem = QStringLiteral("%1 failed: %2").arg(QFileInfo(program).fileName(), out.trimmed().isEmpty() ? p.errorString() : out.trimmed());
    return ok;
}

QString ThrowawayPostgres::createDatabase()
{
    if (!m_started)
        return {};
    const QString name = QStringLiteral("t%1").arg(++m_databases);
    const QString connection = QStringLiteral("throwaway-admin-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        d.setHostName(host());
        d.setPort(port());
        d.setUserName(user());
        d.setDatabaseName(QStringLiteral("postgres"));
        if (!d.open()) {
            m_problem = QStringLiteral("Could not connect to the throwaway PostgreSQL: ") + d.lastError().text();
        } else {
            QSqlQuery q(d);
            ok = q.exec(QStringLiteral("CREATE DATABASE ") + name);
            if (!ok)
                m_problem = QStringLiteral("Could not create a database: ") + q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok ? name : QString();
}

} // namespace cii::test

namespace cii::test {

bool ThrowawayPostgres::runScript(const QString &file, const QStringList &variables)
{
    QStringList args{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                     QStringLiteral("-h"), host(), QStringLiteral("-p"), QString::number(port()), QStringLiteral("-U"), user(),
                     QStringLiteral("-d"), QStringLiteral("postgres")};
    for (const QString &v : variables)
        args << QStringLiteral("-v") << v;
    // The script goes in on standard input: the postgres user may not be able to read the checkout (a
    // fresh clone under a private temporary folder, as CI makes).
    QFile script(file);
    if (!script.open(QIODevice::ReadOnly)) {
        m_problem = QStringLiteral("%1 cannot be read: %2").arg(file, script.errorString());
        return false;
    }
    args << QStringLiteral("-f") << QStringLiteral("-");
    return run(m_bin + QStringLiteral("/psql"), args, nullptr, script.readAll());
}

} // namespace cii::test
