// Runs the real ciictl binary against real stores in temporary folders.
#include "TestSupport.h"

#include <QJsonArray>
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
    Run operator()(const QStringList &args, const QByteArray &stdinText = {})
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("CIICTL"), args);
        p.write(stdinText);
        p.closeWriteChannel();
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

    void openingBalancesFromAFile()
    {
        Cli cli;
        QCOMPARE(cli({QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("setup"), QStringLiteral("--name"), QStringLiteral("Elm St Pharmacy"), QStringLiteral("--address"), QStringLiteral("9 Elm St"),
                      QStringLiteral("--dea"), QStringLiteral("BM1234563"), QStringLiteral("--state"), QStringLiteral("TX"), QStringLiteral("--timezone"),
                      QStringLiteral("America/Chicago"), QStringLiteral("--pic-name"), QStringLiteral("Pat Chen"), QStringLiteral("--pic-initials"),
                      QStringLiteral("PC")}, "1234\n").exitCode, 0);
        Run r = cli({QStringLiteral("opening-balances-template")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("ndc,name,strength,dosage_form,package_size,base_unit,quantity,counted_by,counted_on"), r.out);
        const QString file = cli.data.filePath(QStringLiteral("balances.csv"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("ndc,name,strength,dosage_form,package_size,base_unit,quantity,counted_by,counted_on\n"
                "0574-4072-01,Oxycodone HCl,5 mg,tablet,100,tablet,240,Pat Chen,2026-01-05\n"
                "0574-4072-05,Oxycodone HCl,5 mg,tablet,500,tablet,-1,Pat Chen,2026-01-05\n");
        f.close();
        const QStringList record{QStringLiteral("opening-balances"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--file"), file};
        r = cli(record, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("line 3") && r.err.contains("Nothing was recorded"), r.err);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("ndc,name,strength,dosage_form,package_size,base_unit,quantity,counted_by,counted_on\n"
                "0574-4072-01,Oxycodone HCl,5 mg,tablet,100,tablet,240,Pat Chen,2026-01-05\n");
        f.close();
        r = cli(record, "1234\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Opening balances of 1 products recorded (1 added to the catalog"), r.out);
        r = cli(record, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("before the first stock entry"), r.err);
        QVERIFY(cli({QStringLiteral("opening-balances"), QStringLiteral("--as"), QStringLiteral("PC")}).exitCode != 0); // --file is required
    }

    void ledgerCommandsEndToEnd()
    {
        Cli cli;
        QCOMPARE(cli({QStringLiteral("init")}).exitCode, 0);
        Run r = cli({QStringLiteral("--json"), QStringLiteral("setup"), QStringLiteral("--name"), QStringLiteral("Main St Pharmacy"),
                     QStringLiteral("--address"), QStringLiteral("1 Main St"), QStringLiteral("--dea"), QStringLiteral("BM1234563"),
                     QStringLiteral("--state"), QStringLiteral("CA"), QStringLiteral("--timezone"), QStringLiteral("America/Los_Angeles"),
                     QStringLiteral("--pic-name"), QStringLiteral("Pat Chen"), QStringLiteral("--pic-initials"), QStringLiteral("PC")}, "1234\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.json().value(QStringLiteral("personId")).toString().startsWith(QLatin1String("p-")));
        // The acting PIN on stdin, then the new person's PIN.
        r = cli({QStringLiteral("person-add"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--name"), QStringLiteral("Tom Ng"),
                 QStringLiteral("--initials"), QStringLiteral("TN"), QStringLiteral("--role"), QStringLiteral("technician")}, "1234\n3456\n");
        QCOMPARE(r.exitCode, 0);
        // The PIN from the environment.
        cli.env.insert(QStringLiteral("CII_PIN"), QStringLiteral("1234"));
        r = cli({QStringLiteral("import-fda"), QStringLiteral("--as"), QStringLiteral("PC"),
                 QStringLiteral("--product"), QFINDTESTDATA("data/fda/product.txt"), QStringLiteral("--package"), QFINDTESTDATA("data/fda/package.txt")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("29 added") && r.out.contains("package.txt line 9:"), r.out);
        cli.env.remove(QStringLiteral("CII_PIN"));
        const QStringList receive{QStringLiteral("receive"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--ndc"), QStringLiteral("0574-4072-01"),
                                  QStringLiteral("--packages"), QStringLiteral("2"), QStringLiteral("--order-type"), QStringLiteral("222"),
                                  QStringLiteral("--order"), QStringLiteral("123456789"), QStringLiteral("--supplier"), QStringLiteral("Cardinal Health"),
                                  QStringLiteral("--supplier-dea"), QStringLiteral("FE2345672"), QStringLiteral("--lot"), QStringLiteral("L1"),
                                  QStringLiteral("--expiry"), QStringLiteral("2030-01-01"), QStringLiteral("--date"), QStringLiteral("2026-01-05")};
        QCOMPARE(cli(receive, "3456\n").exitCode, 0);
        r = cli({QStringLiteral("--json"), QStringLiteral("balance"), QStringLiteral("--ndc"), QStringLiteral("00574407201")});
        QCOMPARE(r.json().value(QStringLiteral("balance")).toInt(), 200);

        // Refusals: exit 1 with the ledger's message; nothing written but the audit log's sign-ins.
        const int eventsBefore = cli({QStringLiteral("--json"), QStringLiteral("status")}).json().value(QStringLiteral("events")).toInt();
        r = cli({QStringLiteral("--json"), QStringLiteral("dispense"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--ndc"), QStringLiteral("00574407201"),
                 QStringLiteral("--quantity"), QStringLiteral("300"), QStringLiteral("--rx"), QStringLiteral("RX1"), QStringLiteral("--date"), QStringLiteral("2026-01-06"),
                 QStringLiteral("--prescribed"), QStringLiteral("300")}, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("(300) is more than the balance on hand (200)")), r.out);
        r = cli({QStringLiteral("count"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--ndc"), QStringLiteral("00574407201"),
                 QStringLiteral("--counted"), QStringLiteral("ten")}, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--counted must be a whole number (got \"ten\")"), r.err);
        r = cli({QStringLiteral("count"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--ndc"), QStringLiteral("00574407201"),
                 QStringLiteral("--counted"), QStringLiteral("190")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("The PIN or password of TN is required"), r.err);
        r = cli({QStringLiteral("count"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--pin"), QStringLiteral("3456")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("never given as an argument"), r.err);
        r = cli({QStringLiteral("receive"), QStringLiteral("--as"), QStringLiteral("TN")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("'receive' needs --ndc, --packages"), r.err);
        // Two of those signed in (recorded for the audit log) before being refused; the other two never opened the store.
        QCOMPARE(cli({QStringLiteral("--json"), QStringLiteral("status")}).json().value(QStringLiteral("events")).toInt(), eventsBefore + 2);
        QCOMPARE(cli({QStringLiteral("--json"), QStringLiteral("balance"), QStringLiteral("--ndc"), QStringLiteral("00574407201")})
                     .json().value(QStringLiteral("balance")).toInt(), 200);

        // A count that differs opens a discrepancy, named in the answer.
        r = cli({QStringLiteral("--json"), QStringLiteral("count"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--ndc"), QStringLiteral("00574407201"),
                 QStringLiteral("--counted"), QStringLiteral("198")}, "3456\n");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("difference")).toInt(), -2);
        QVERIFY2(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("is open for Pat Chen")), r.out);
        r = cli({QStringLiteral("--json"), QStringLiteral("discrepancies")});
        QCOMPARE(r.json().value(QStringLiteral("discrepancies")).toArray().size(), 1);
        // A shelf list from a CSV: a bad line refuses all of it; a good list is recorded whole.
        QTemporaryDir dir;
        const QString shelf = dir.filePath(QStringLiteral("shelf.csv"));
        const auto writeShelf = [&](const QByteArray &text) { QFile f(shelf); QVERIFY(f.open(QIODevice::WriteOnly)); f.write(text); };
        writeShelf("ndc,counted\n00574407201,198\n0574-4072-01,five\n");
        r = cli({QStringLiteral("count-shelf"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--counts"), shelf}, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Line 3 of the counts file needs an NDC and a whole-number count"), r.err);
        writeShelf("ndc,counted\n00574407201,198\n");
        r = cli({QStringLiteral("--json"), QStringLiteral("count-shelf"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--counts"), shelf}, "3456\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.json().value(QStringLiteral("message")).toString() == QLatin1String("Shelf count recorded: 1 counted, 0 opened a discrepancy."), r.out);
        r = cli({QStringLiteral("scan"), QStringLiteral("0574-4072-01")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("Oxycodone Hydrochloride 5 mg Tablet"), r.out);

        // A new PIN: one's own, signed with the current one (stdin: current, then new).
        r = cli({QStringLiteral("person-credentials"), QStringLiteral("--as"), QStringLiteral("TN")}, "3456\n12\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("must be 4 to 8 digits"), r.err);
        r = cli({QStringLiteral("person-credentials"), QStringLiteral("--as"), QStringLiteral("TN")}, "3456\n6543\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("The PIN was changed."), r.out);
        QCOMPARE(cli(receive, "3456\n").exitCode, 1);
        QCOMPARE(cli(receive, "6543\n").exitCode, 0);
        // Deactivate and reactivate a product.
        const QStringList product{QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--ndc"), QStringLiteral("0574-4072-01")};
        QCOMPARE(cli(QStringList{QStringLiteral("product-deactivate")} + product, "1234\n").exitCode, 0);
        r = cli(receive, "6543\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is inactive"), r.err);
        r = cli(QStringList{QStringLiteral("product-reactivate")} + product, "1234\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Reactivated."), r.out);
        QCOMPARE(cli(receive, "6543\n").exitCode, 0);

        // Records: the receiving log as PDF and CSV; bad requests refused in a sentence, no file written.
        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("receiving.pdf")), csv = out.filePath(QStringLiteral("receiving.csv"));
        const auto report = [&](const QString &as, const QString &kind, const QString &from, const QStringList &files, const char *pin) {
            return cli(QStringList{QStringLiteral("report"), QStringLiteral("--as"), as, QStringLiteral("--kind"), kind, QStringLiteral("--from"), from,
                                   QStringLiteral("--to"), QStringLiteral("2026-01-31")} + files, pin);
        };
        r = report(QStringLiteral("PC"), QStringLiteral("receiving"), QStringLiteral("2026-01-01"),
                   {QStringLiteral("--pdf"), pdf, QStringLiteral("--csv"), csv}, "1234\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Receiving log, 1 January 2026 to 31 January 2026: 3 rows written to") && r.out.contains("(1 page)"), r.out);
        QVERIFY(test::pdfText(pdf).contains(QLatin1String("Cardinal Health")));
        QVERIFY(test::readAll(csv).startsWith("Date received,Order,Order number"));
        r = report(QStringLiteral("PC"), QStringLiteral("sales"), QStringLiteral("2026-01-01"), {QStringLiteral("--csv"), csv}, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("The kind \"sales\" is not a report; choose one of: receiving, dispensing"), r.err);
        r = report(QStringLiteral("PC"), QStringLiteral("receiving"), QStringLiteral("2026-01-01"), {}, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("give --pdf FILE, --csv FILE or both"), r.err);
        const QString other = out.filePath(QStringLiteral("other.csv"));
        r = report(QStringLiteral("PC"), QStringLiteral("receiving"), QStringLiteral("2026-02-01"), {QStringLiteral("--csv"), other}, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("The first date (2026-02-01) is after the last (2026-01-31)"), r.err);
        r = report(QStringLiteral("TN"), QStringLiteral("receiving"), QStringLiteral("2026-01-01"), {QStringLiteral("--csv"), other}, "6543\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("print or export records"), r.err);
        QVERIFY(!QFile::exists(other));
        QCOMPARE(cli({QStringLiteral("verify")}).exitCode, 0);
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
