// cii-backupd's settings: a file, then the environment, then the command line, each checked with a sentence
// that names the setting and where it came from.
#include "ServiceConfig.h"

#include <QTemporaryDir>
#include <QTest>

using namespace cii::backupd;

namespace {

using Map = QHash<QString, QString>;

QString writeFile(const QTemporaryDir &dir, const QByteArray &text)
{
    const QString path = dir.filePath(QStringLiteral("backupd.conf"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}

} // namespace

class TstServiceConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        QString problem;
        const ServiceConfig c = ServiceConfig::load({{QStringLiteral("db"), QStringLiteral("/srv/b.db")}}, {}, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(c.store.driver, QStringLiteral("QSQLITE"));
        QCOMPARE(c.http.bindAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE(c.http.port, quint16(8443));
        QCOMPARE(c.http.threads, 32); // SQLite's
        QCOMPARE(c.limits.maxUploadBytes, 64LL * 1024 * 1024);
        QVERIFY(c.http.tlsCertificatePem.isEmpty());
        const ServiceConfig pg = ServiceConfig::load({{QStringLiteral("db"), QStringLiteral("cii_backup")}, {QStringLiteral("driver"), QStringLiteral("QPSQL")}},
                                                     {}, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(pg.http.threads, 8); // PostgreSQL's
    }

    void fileThenEnvironmentThenCommandLine()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, "# production\n\ndb = cii_backup\ndriver = QPSQL\nport = 9000\nthreads = 8\n"
                                            "password = from-file\nrate=50\ntrusted-proxies = 127.0.0.1, ::1\n");
        QString problem;
        const ServiceConfig c = ServiceConfig::load({{QStringLiteral("config"), file}, {QStringLiteral("port"), QStringLiteral("9100")}},
                                                    {{QStringLiteral("CII_BACKUPD_THREADS"), QStringLiteral("12")},
                                                     {QStringLiteral("CII_BACKUPD_PORT"), QStringLiteral("9050")},
                                                     {QStringLiteral("CII_BACKUPD_PORT_DB"), QStringLiteral("5433")}},
                                                    problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(c.store.driver, QStringLiteral("QPSQL"));
        QCOMPARE(c.store.database, QStringLiteral("cii_backup"));
        QCOMPARE(c.store.password, QStringLiteral("from-file"));
        QCOMPARE(c.store.port, 5433);
        QCOMPARE(c.http.threads, 12);       // environment over file
        QCOMPARE(c.http.port, quint16(9100)); // command line over both
        QCOMPARE(c.limits.requestsPerSecond, 50);
        QCOMPARE(c.limits.trustedProxies, (QList<QByteArray>{"127.0.0.1", "::1"}));

        // The file can also be named by the environment.
        const ServiceConfig fromEnv = ServiceConfig::load({}, {{QStringLiteral("CII_BACKUPD_CONFIG"), file}}, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(fromEnv.http.port, quint16(9000));
    }

    void badSettingsAreNamedWithWhereTheyCameFrom_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<Map>("commandLine");
        QTest::addColumn<Map>("environment");
        QTest::addColumn<QString>("expected");
        const Map db{{QStringLiteral("db"), QStringLiteral("x.db")}};
        QTest::newRow("unknown key") << QByteArray("db = x\nportt = 1\n") << Map{} << Map{} << QStringLiteral("line 2: \"portt\" is not a setting");
        QTest::newRow("no equals") << QByteArray("db x\n") << Map{} << Map{} << QStringLiteral("line 1: expected \"key = value\"");
        QTest::newRow("port words") << QByteArray() << Map{{QStringLiteral("db"), QStringLiteral("x")}, {QStringLiteral("port"), QStringLiteral("http")}}
                                    << Map{} << QStringLiteral("port (--port) must be a whole number from 0 to 65535, not \"http\"");
        QTest::newRow("threads env") << QByteArray() << db << Map{{QStringLiteral("CII_BACKUPD_THREADS"), QStringLiteral("0")}}
                                     << QStringLiteral("threads (CII_BACKUPD_THREADS) must be a whole number from 1 to 64");
        QTest::newRow("upload file") << QByteArray("db = x\nmax-upload-mib = 4096\n") << Map{} << Map{}
                                     << QStringLiteral("max-upload-mib (");
        QTest::newRow("driver") << QByteArray() << Map{{QStringLiteral("db"), QStringLiteral("x")}, {QStringLiteral("driver"), QStringLiteral("mysql")}}
                                << Map{} << QStringLiteral("driver (--driver) is QSQLITE or QPSQL");
        QTest::newRow("no database") << QByteArray() << Map{} << Map{} << QStringLiteral("Say which database");
        QTest::newRow("password on command line") << QByteArray() << Map{{QStringLiteral("db"), QStringLiteral("x")}, {QStringLiteral("password"), QStringLiteral("s3cret")}}
                                                  << Map{} << QStringLiteral("not taken on the command line");
        QTest::newRow("cert without key") << QByteArray() << Map{{QStringLiteral("db"), QStringLiteral("x")}, {QStringLiteral("tls-cert"), QStringLiteral("/etc/hostname")}}
                                          << Map{} << QStringLiteral("HTTPS needs both tls-cert and tls-key");
        QTest::newRow("cert not PEM") << QByteArray() << Map{{QStringLiteral("db"), QStringLiteral("x")}, {QStringLiteral("tls-cert"), QStringLiteral("/etc/hostname")}, {QStringLiteral("tls-key"), QStringLiteral("/etc/hostname")}}
                                      << Map{} << QStringLiteral("names /etc/hostname, which is not a PEM file");
        QTest::newRow("cert missing") << QByteArray() << Map{{QStringLiteral("db"), QStringLiteral("x")}, {QStringLiteral("tls-cert"), QStringLiteral("/nonexistent/c.pem")}, {QStringLiteral("tls-key"), QStringLiteral("/etc/hostname")}}
                                      << Map{} << QStringLiteral("which cannot be read");
        QTest::newRow("proxy not an address") << QByteArray("db = x\ntrusted-proxies = 127.0.0.1, proxy.local\n") << Map{} << Map{}
                                              << QStringLiteral("lists \"proxy.local\", which is not an IP address");
        QTest::newRow("config missing") << QByteArray() << Map{{QStringLiteral("config"), QStringLiteral("/nonexistent.conf")}} << Map{}
                                        << QStringLiteral("The configuration file /nonexistent.conf cannot be read");
    }
    void badSettingsAreNamedWithWhereTheyCameFrom()
    {
        QFETCH(QByteArray, file);
        QFETCH(Map, commandLine);
        QFETCH(Map, environment);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        if (!file.isEmpty())
            commandLine.insert(QStringLiteral("config"), writeFile(dir, file));
        QString problem;
        ServiceConfig::load(commandLine, environment, problem);
        QVERIFY2(problem.contains(expected), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TstServiceConfig)
#include "tst_serviceconfig.moc"
