// Runs the real ciictl binary against real stores in temporary folders.
#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cii;

namespace {

struct Run
{
    int exitCode;
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

class Cli
{
public:
    Cli()
    {
        env.insert(QStringLiteral("CII_LEDGER_DATA_DIR"), data.path() + QStringLiteral("/store"));
        env.insert(QStringLiteral("CII_LEDGER_KEY_DIR"), keys.path());
        env.insert(QStringLiteral("CII_LEDGER_KEYSTORE"), QStringLiteral("file"));
    }
    Run operator()(const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("CIICTL"), args);
        p.waitForFinished(30000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    QString dbPath() const { return data.path() + QStringLiteral("/store/ledger.db"); }
    QTemporaryDir data, keys;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
};

} // namespace

class TestCiictl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("CIICTL")), "CIICTL must name the built ciictl"); }

    void initStatusVerify()
    {
        Cli cli;
        Run r = cli({QStringLiteral("status")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("there is no CII Ledger store there yet"), r.err);

        r = cli({QStringLiteral("init")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("Created store "));
        QVERIFY(r.out.contains("readable only by this account"));

        r = cli({QStringLiteral("init")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("a store already exists there"), r.err);

        r = cli({QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(r.json().value(QStringLiteral("events")).toInt(), 1);
        QCOMPARE(r.json().value(QStringLiteral("keyProtection")).toString(), QStringLiteral("owner-only-file"));
        QCOMPARE(r.json().value(QStringLiteral("headHash")).toString().size(), 64);

        r = cli({QStringLiteral("verify")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("The journal is intact: 1 events"), r.out);
    }

    void verifyReportsTamperingWithExitCode3()
    {
        Cli cli;
        QCOMPARE(cli({QStringLiteral("init")}).exitCode, 0);
        {
            FileKeyStore keys(cli.keys.path());
            const auto key = keys.load(QFileInfo(cli.data.path() + QStringLiteral("/store")).canonicalFilePath());
            QVERIFY(key.has_value());
            test::RawConnection raw(cli.dbPath(), key->key);
            raw.exec(QStringLiteral("DROP TRIGGER events_refuse_update"));
            QCOMPARE(raw.exec(QStringLiteral("UPDATE events SET actor = 'mallory' WHERE seq = 1")), QString());
        }
        const Run r = cli({QStringLiteral("verify"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.json().value(QStringLiteral("intact")).toBool(), false);
        QCOMPARE(r.json().value(QStringLiteral("firstBadSeq")).toInt(), 1);
    }

    void badUsageExplainsItself_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no command") << QStringList{} << QByteArray("no command given");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QByteArray("unknown command 'frobnicate'");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus"), QStringLiteral("status")} << QByteArray("Unknown option 'bogus'");
        QTest::newRow("extra argument") << QStringList{QStringLiteral("status"), QStringLiteral("now")} << QByteArray("takes no further arguments");
        QTest::newRow("data dir without value") << QStringList{QStringLiteral("status"), QStringLiteral("--data-dir")} << QByteArray("Missing value after '--data-dir'");
        QTest::newRow("empty data dir") << QStringList{QStringLiteral("--data-dir="), QStringLiteral("status")} << QByteArray("--data-dir needs a folder");
    }
    void badUsageExplainsItself()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        Cli cli;
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err);
        QVERIFY(r.err.contains("Usage: ciictl"));
        QVERIFY(!QFile::exists(cli.dbPath())); // nothing written
    }

    void wrongKeyIsAClearMessageInJson()
    {
        Cli a, b;
        QCOMPARE(a({QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(b({QStringLiteral("init")}).exitCode, 0);
        QFile::remove(a.dbPath());
        QVERIFY(QFile::copy(b.dbPath(), a.dbPath()));
        const Run r = a({QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("wrong-key"));
        QVERIFY(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("belongs to a different store")));
    }
};

QTEST_GUILESS_MAIN(TestCiictl)
#include "tst_ciictl.moc"
