// Runs the real ciictl binary against real stores in temporary folders.
#include "TestSupport.h"

#include <QDateTime>
#include <QDir>
#include <QTimeZone>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

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

QString L(const char *s)
{
    return QString::fromUtf8(s);
}

QStringList words(const char *s)
{
    return L(s).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

/// A pharmacy set up with its pharmacist-in-charge PC (1234), a pharmacist RL (2345), a technician TN (3456), and
/// one product as labelled 42858-001-01 (5-3-2) holding 300.
void setUpPharmacy(Cli &cli)
{
    QCOMPARE(cli({L("init")}).exitCode, 0);
    QCOMPARE(cli(words("setup --name Elm --address 9_Elm_St --dea BM1234563 --state TX --timezone America/Chicago "
                       "--pic-name Pat_Chen --pic-initials PC"), "1234\n").exitCode, 0);
    QCOMPARE(cli(words("person-add --as PC --name Rae_Lopez --initials RL --role pharmacist"), "1234\n2345\n").exitCode, 0);
    QCOMPARE(cli(words("person-add --as PC --name Tom_Ng --initials TN --role technician"), "1234\n3456\n").exitCode, 0);
    QCOMPARE(cli(words("product-add --as PC --ndc 42858-001-01 --name Hydromorphone --strength 2_mg --form tablet "
                       "--package-size 100 --unit tablet"), "1234\n").exitCode, 0);
    const Run r = cli(words("receive --as TN --ndc 42858-001-01 --packages 3 --order-type 222 --order 123456789 --supplier Cardinal "
                            "--supplier-dea FE2345672 --lot L1 --expiry 2030-01-01 --date 2026-01-05"), "3456\n");
    QVERIFY2(r.exitCode == 0, r.err);
}

QString head(Cli &cli)
{
    return cli({L("--json"), L("status")}).json().value(QStringLiteral("headHash")).toString();
}

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

        // Refusals: exit 1 with the ledger's message; nothing written.
        const int eventsBefore = cli({QStringLiteral("--json"), QStringLiteral("status")}).json().value(QStringLiteral("events")).toInt();
        r = cli({QStringLiteral("--json"), QStringLiteral("dispense"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--ndc"), QStringLiteral("00574407201"),
                 QStringLiteral("--quantity"), QStringLiteral("300"), QStringLiteral("--rx"), QStringLiteral("RX1"), QStringLiteral("--date"), QStringLiteral("2026-01-06"),
                 QStringLiteral("--prescribed"), QStringLiteral("300"), QStringLiteral("--written"), QStringLiteral("2026-01-02"),
                 QStringLiteral("--prescriber"), QStringLiteral("Dr. Ann Wells"), QStringLiteral("--prescriber-dea"), QStringLiteral("BW1234563")}, "3456\n");
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
        QVERIFY2(r.err.contains("'receive' needs --packages"), r.err);
        // None of those wrote anything: a command's sign-in is not recorded apart from its own event.
        QCOMPARE(cli({QStringLiteral("--json"), QStringLiteral("status")}).json().value(QStringLiteral("events")).toInt(), eventsBefore);
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
        QVERIFY2(r.out.startsWith("Oxycodone Hydrochloride 5 mg tablet, 100 per package (NDC 0574-4072-01)"), r.out);

        // A new PIN: one's own, signed with the current one (stdin: current, then new).
        r = cli({QStringLiteral("person-credentials"), QStringLiteral("--as"), QStringLiteral("TN")}, "3456\n12\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("must be 4 to 8 digits"), r.err);
        r = cli({QStringLiteral("person-credentials"), QStringLiteral("--as"), QStringLiteral("TN")}, "3456\n6543\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("The PIN was changed."), r.out);
        QCOMPARE(cli(receive, "3456\n").exitCode, 1);
        QCOMPARE(cli(receive, "6543\n").exitCode, 0);
        // Deactivate and reactivate a product: not while it holds stock (every inventory counts what is on hand).
        const QStringList product{QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--ndc"), QStringLiteral("0574-4072-01")};
        r = cli(QStringList{QStringLiteral("product-deactivate")} + product, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("still holds a balance of ") && r.err.contains(" and cannot be deactivated"), r.err);
        const QStringList empty{QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--ndc"), QStringLiteral("0574-4072-05")};
        QCOMPARE(cli(QStringList{QStringLiteral("product-deactivate")} + empty, "1234\n").exitCode, 0);
        QStringList receiveEmpty = receive;
        receiveEmpty[4] = QStringLiteral("0574-4072-05");
        r = cli(receiveEmpty, "6543\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is inactive"), r.err);
        r = cli(QStringList{QStringLiteral("product-reactivate")} + empty, "1234\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Reactivated."), r.out);
        QCOMPARE(cli(receiveEmpty, "6543\n").exitCode, 0);
        // A reorder point, in base units; listed with the products.
        r = cli(QStringList{QStringLiteral("product-reorder-point"), QStringLiteral("--units"), QStringLiteral("150")} + product, "1234\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Reorder point set to 150."), r.out);
        r = cli(QStringList{QStringLiteral("product-reorder-point"), QStringLiteral("--units"), QStringLiteral("150")} + product, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is already 150"), r.err);
        r = cli({QStringLiteral("products")});
        QVERIFY2(r.out.contains(", reorder at 150"), r.out);

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

    void refusedCommandsLeaveNoTrace_data()
    {
        QTest::addColumn<QString>("args");
        QTest::addColumn<QByteArray>("stdinText");
        const auto row = [](const char *name, const char *args, const char *pins) {
            QTest::newRow(name) << L(args) << QByteArray(pins);
        };
        row("setup twice", "setup --name X --address Y --dea BM1234563 --state TX --timezone America/Chicago --pic-name A_B --pic-initials AB", "1234\n");
        row("person-add role", "person-add --as PC --name A_B --initials AB --role wizard", "1234\n1111\n");
        row("person-deactivate nobody", "person-deactivate --as PC --person ZZ --reason left", "1234\n");
        row("person-credentials short", "person-credentials --as TN", "3456\n12\n");
        row("product-add size", "product-add --as PC --ndc 1234-5678-90 --name X --strength 1_mg --form tablet --package-size abc --unit tablet", "1234\n");
        row("product-deactivate unknown", "product-deactivate --as PC --ndc 99999-9999-99", "1234\n");
        row("product-reactivate active", "product-reactivate --as PC --ndc 42858-001-01", "1234\n");
        row("import-fda missing", "import-fda --as PC --product /nonexistent/p.txt --package /nonexistent/q.txt", "1234\n");
        row("import-csv missing", "import-csv --as PC --file /nonexistent/c.csv", "1234\n");
        row("receive packages", "receive --as TN --ndc 42858-001-01 --packages abc --order-type 222 --order 123456789 --supplier C "
                                "--supplier-dea FE2345672 --lot L1 --expiry 2030-01-01 --date 2026-01-05", "3456\n");
        row("receive future", "receive --as TN --ndc 42858-001-01 --packages 1 --order-type 222 --order 123456789 --supplier C "
                              "--supplier-dea FE2345672 --lot L1 --expiry 2030-01-01 --date 2099-01-05", "3456\n");
        row("receive shipped fewer", "receive --as TN --ndc 42858-001-01 --packages 2 --shipped 1 --order-type 222 --order 123456789 --supplier C "
                                     "--supplier-dea FE2345672 --lot L1 --expiry 2030-01-01 --date 2026-01-05", "3456\n");
        row("receive short untold", "receive --as TN --ndc 42858-001-01 --packages 2 --shipped 3 --order-type 222 --order 123456789 --supplier C "
                                    "--supplier-dea FE2345672 --lot L1 --expiry 2030-01-01 --date 2026-01-05", "3456\n");
        row("theft-loss in transit", "theft-loss --as RL --ndc 42858-001-01 --quantity 1 --type in-transit-loss --discovered 2026-01-06 --circumstances gone", "2345\n");
        row("dispense quantity", "dispense --as TN --ndc 42858-001-01 --quantity abc --rx RX1 --date 2026-01-06 --prescribed 30 --written 2026-01-02 --prescriber Dr_Wells --prescriber-dea BW1234563", "3456\n");
        row("dispense over", "dispense --as TN --ndc 42858-001-01 --quantity 301 --rx RX1 --date 2026-01-06 --prescribed 400 --written 2026-01-02 --prescriber Dr_Wells --prescriber-dea BW1234563 --partial patient-request", "3456\n");
        row("return-to-stock entry", "return-to-stock --as TN --entry 99999 --quantity 1 --reason x", "3456\n");
        row("move kind", "move --as RL --kind sideways --ndc 42858-001-01 --quantity 1 --party P --party-dea FE2345672 --order 1 --date 2026-01-06", "2345\n");
        row("destroy one witness", "destroy --as RL --ndc 42858-001-01 --method incineration --location back --date 2026-01-06 --witness TN --units 1", "2345\n3456\n");
        row("waste quantity", "waste --as TN --ndc 42858-001-01 --quantity abc --reason dropped --witness RL", "3456\n2345\n");
        row("theft-loss type", "theft-loss --as RL --ndc 42858-001-01 --quantity 1 --type fire --discovered 2026-01-06 --circumstances gone", "2345\n");
        row("theft-loss-filed report", "theft-loss-filed --as RL --report abc --what notice --date 2026-01-06 --reference R1", "2345\n");
        row("count counted", "count --as TN --ndc 42858-001-01 --counted ten", "3456\n");
        row("count unknown", "count --as TN --ndc 99999-9999-99 --counted 1", "3456\n");
        row("count-shelf file", "count-shelf --as TN --counts /nonexistent/s.csv", "3456\n");
        row("inventory type", "inventory --as PC --type weekly --timing opening --date 2026-01-06 --counts /nonexistent/s.csv", "1234\n");
        row("opening-balances file", "opening-balances --as PC --file /nonexistent/o.csv", "1234\n");
        row("adjust delta", "adjust --as RL --ndc 42858-001-01 --delta abc --reason other --justification long_enough_reason", "2345\n");
        row("void entry", "void --as RL --entry abc --reason x", "2345\n");
        row("adjust expired", "adjust --as RL --ndc 42858-001-01 --delta -5 --reason expired --justification expired_last_month", "2345\n");
        row("product-deactivate holding stock", "product-deactivate --as PC --ndc 42858-001-01", "1234\n");
        row("set-aside quantity", "set-aside --as RL --ndc 42858-001-01 --quantity abc --reason expired", "2345\n");
        row("set-aside zero", "set-aside --as RL --ndc 42858-001-01 --quantity 0 --reason expired", "2345\n");
        row("set-aside over", "set-aside --as RL --ndc 42858-001-01 --quantity 100000 --reason expired", "2345\n");
        row("set-aside technician", "set-aside --as TN --ndc 42858-001-01 --quantity 1 --reason expired", "3456\n");
        row("set-aside no pin", "set-aside --as RL --ndc 42858-001-01 --quantity 1 --reason expired", "");
        row("report kind", "report --as PC --kind sales --from 2026-01-01 --to 2026-01-31 --csv /tmp/never.csv", "1234\n");
        row("review discrepancy", "review --as RL --discrepancy abc --note n", "2345\n");
        row("resolve discrepancy", "resolve --as PC --discrepancy 4242 --note n --reason other", "1234\n");
        row("backup-recovery-key technician", "backup-recovery-key --as TN", "3456\n");
    }
    void refusedCommandsLeaveNoTrace()
    {
        QFETCH(QString, args);
        QFETCH(QByteArray, stdinText);
        if (!m_pharmacy) { // one pharmacy for every row: setting one up is the slow part
            m_pharmacy = std::make_unique<Cli>();
            setUpPharmacy(*m_pharmacy);
        }
        Cli *cli = m_pharmacy.get();
        const QString before = head(*cli);
        QVERIFY(!before.isEmpty());
        const Run r = (*cli)(args.split(QLatin1Char(' ')), stdinText);
        QVERIFY2(r.exitCode == 1 || r.exitCode == 2, r.err);
        QVERIFY2(!r.err.isEmpty(), r.out);
        QCOMPARE(head(*cli), before);
    }

    void anEscalationIsATheftOrALossDiscoveredOnItsDate()
    {
        Cli cli;
        setUpPharmacy(cli); // 300 on hand
        Run r = cli(words("--json count --as TN --ndc 42858-001-01 --counted 290"), "3456\n");
        QVERIFY2(r.exitCode == 0, r.err);
        const QString id = QString::number(r.json().value(QStringLiteral("discrepancyId")).toInteger());
        const QString before = head(cli);
        const QString resolve = QStringLiteral("resolve --as PC --discrepancy %1 --note Broken_lock --escalate ").arg(id);
        r = cli((resolve + QStringLiteral("--type in-transit-loss")).split(QLatin1Char(' ')), "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Could not escalate the discrepancy: The type must be one of: theft, loss"), r.err);
        r = cli((resolve + QStringLiteral("--type theft --discovered 2099-01-01")).split(QLatin1Char(' ')), "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Could not escalate the discrepancy: The discovery date is in the future (2099-01-01)"), r.err);
        QCOMPARE(head(cli), before);
        r = cli((resolve + QStringLiteral("--type theft --discovered 2026-01-06")).split(QLatin1Char(' ')), "1234\n");
        QVERIFY2(r.exitCode == 0, r.err);
    }

    void aShortReceiptReceivesWhatArrived()
    {
        Cli cli;
        setUpPharmacy(cli); // 300 on hand
        const QString receive = QStringLiteral("receive --as TN --ndc 42858-001-01 --packages 2 --shipped 3 --order-type 222 --order 123456789 "
                                               "--supplier C --supplier-dea FE2345672 --lot L1 --expiry 2030-01-01 --date 2026-01-05");
        Run r = cli(receive.split(QLatin1Char(' ')), "3456\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Could not record the receipt: Who at the supplier was told of the 1 missing package is required"), r.err);
        r = cli((receive + QStringLiteral(" --supplier-told Dana_by_phone")).split(QLatin1Char(' ')), "3456\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QVERIFY2(r.out.contains("2 of the 3 packages shipped; the supplier reports the 1 missing"), r.out);
        r = cli(words("--json balance --ndc 42858-001-01"));
        QCOMPARE(r.json().value(QStringLiteral("balance")).toInt(), 500);
        r = cli(words("theft-loss --as RL --ndc 42858-001-01 --quantity 1 --type in-transit-loss --discovered 2026-01-06 --circumstances gone"), "2345\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("A loss in transit is the supplier's to report (21 CFR 1301.76(b))"), r.err);
    }

    void form106FactsReachTheTheftLossReport()
    {
        Cli cli;
        setUpPharmacy(cli);
        Run r = cli(QStringList{L("--json"), L("theft-loss"), L("--as"), L("RL"), L("--ndc"), L("42858-001-01"), L("--quantity"), L("3"), L("--type"), L("theft"),
                                L("--discovered"), L("2026-01-06"), L("--circumstances"), L("Safe forced overnight"), L("--kind"), L("customer-theft"),
                                L("--police-report"), L("Case 26-1184, Springfield PD")}, "2345\n");
        QVERIFY2(r.exitCode == 0, r.err);
        const QString report = QString::number(r.json().value(QStringLiteral("seq")).toInteger());
        r = cli(words("theft-loss --as RL --ndc 42858-001-01 --quantity 1 --type loss --kind night-break-in --discovered 2026-01-06 --circumstances gone"), "2345\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("The kind of loss must be one of: lost-in-pharmacy, other"), r.err);
        QTemporaryDir dir;
        const QString csv = dir.filePath(L("t.csv"));
        r = cli({L("report"), L("--as"), L("PC"), L("--kind"), L("theft-loss"), L("--from"), L("2026-01-01"), L("--to"), L("2026-01-31"),
                 L("--csv"), csv}, "1234\n");
        QVERIFY2(r.exitCode == 0, r.err);
        const QByteArray text = test::readAll(csv);
        QVERIFY2(text.contains("Type,Kind,Police report,") && text.contains("Theft,Customer theft,\"Case 26-1184, Springfield PD\","), text);
        // One report's Form 106 worksheet, to copy into the DEA's form; an unknown report is refused, nothing written.
        const QString pdf = dir.filePath(L("106.pdf")), sheet = dir.filePath(L("106.csv"));
        r = cli({L("form106"), L("--as"), L("PC"), L("--report"), report, L("--pdf"), pdf, L("--csv"), sheet}, "1234\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QVERIFY(QFile::exists(pdf));
        const QByteArray worksheet = test::readAll(sheet);
        QVERIFY2(worksheet.contains("Kind of theft or loss,Customer theft") && worksheet.contains("Date of discovery,2026-01-06"), worksheet);
        r = cli({L("form106"), L("--as"), L("PC"), L("--report"), L("9999"), L("--pdf"), dir.filePath(L("none.pdf"))}, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("No theft or loss report 9999 is on record."), r.err);
        QVERIFY(!QFile::exists(dir.filePath(L("none.pdf"))));
        r = cli({L("report"), L("--as"), L("PC"), L("--kind"), L("form106"), L("--from"), L("2026-01-01"), L("--to"), L("2026-01-31"), L("--csv"), csv}, "1234\n");
        QCOMPARE(r.exitCode, 1);
    }

    void anInventoryIsSignedByWhoCountedAndThePic()
    {
        Cli cli;
        setUpPharmacy(cli); // 300 on hand
        QTemporaryDir dir;
        const QString counts = dir.filePath(L("counts.csv"));
        QFile f(counts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("ndc,counted\n42858-001-01,300\n");
        f.close();
        const QString inventory = QStringLiteral("inventory --as PC --type annual --timing closing --date 2026-01-06 --counts %1 ").arg(counts);
        const QString before = head(cli);
        // Each person who counted signs with their own PIN, after the pharmacist-in-charge's (stdin: PC, then TN).
        Run r = cli((inventory + L("--counter TN")).split(QLatin1Char(' ')), "1234\n9999\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("wrong PIN for Tom_Ng"), r.err); // the name as it was added
        r = cli((inventory + L("--counter OF")).split(QLatin1Char(' ')), "1234\n");
        QCOMPARE(r.exitCode, 1);
        r = cli((inventory + L("--counter TN --counter PC")).split(QLatin1Char(' ')), "1234\n3456\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QVERIFY(head(cli) != before);
        const QString csv = dir.filePath(L("inv.csv"));
        r = cli({L("report"), L("--as"), L("PC"), L("--kind"), L("inventory"), L("--from"), L("2026-01-06"), L("--to"), L("2026-01-06"), L("--csv"), csv}, "1234\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QVERIFY2(test::readAll(csv).contains("Tom_Ng and Pat_Chen"), test::readAll(csv).constData());
    }

    void setAsideStockIsOnHandButNotDispensed()
    {
        Cli cli;
        setUpPharmacy(cli); // 300 on hand
        Run r = cli(words("--json set-aside --as RL --ndc 42858-001-01 --quantity 50 --reason expired_2026-08"), "2345\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(r.json().value(QStringLiteral("awaitingDisposal")).toInt(), 50);
        QVERIFY2(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("50 of the 300 on hand await disposal")), r.out);
        r = cli(words("--json balance --ndc 42858-001-01"));
        QCOMPARE(r.json().value(QStringLiteral("balance")).toInt(), 300);
        QCOMPARE(r.json().value(QStringLiteral("awaitingDisposal")).toInt(), 50);
        r = cli(words("dispense --as TN --ndc 42858-001-01 --quantity 251 --rx RX1 --date 2026-01-06 --prescribed 251 --written 2026-01-02 --prescriber Dr_Wells --prescriber-dea BW1234563"), "3456\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("(251) is more than can be dispensed (250): 50 of the 300 on hand are set aside awaiting disposal"), r.err);
    }

    void ndcAsLabelledBareOrElevenDigits()
    {
        Cli cli;
        setUpPharmacy(cli);
        for (const char *ndc : {"42858-001-01", "4285800101", "42858000101", "42858-0001-01"}) {
            const Run r = cli({L("balance"), L("--ndc"), L(ndc)});
            QCOMPARE(r.exitCode, 0);
            QCOMPARE(r.out, QByteArray("300 on hand.\n"));
        }
        const QString before = head(cli);
        Run r = cli({L("balance"), L("--ndc"), L("99999-9999-99")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not find the balance: The NDC 99999-9999-99 is not in the catalog\n"
                                   "Add the product to the catalog first (or import the FDA NDC Directory).\n"));
        r = cli({L("count"), L("--as"), L("TN"), L("--ndc"), L("4285800101"), L("--counted"), L("300")}, "3456\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(r.out, QByteArray("Count recorded. It matches the records.\n"));
        QVERIFY(head(cli) != before);
    }

    void readCommandsShowWhatTheAppShows()
    {
        Cli cli;
        setUpPharmacy(cli);
        QVERIFY(cli(words("dispense --as RL --ndc 42858-001-01 --quantity 30 --rx RX77 --prescribed 60 --written 2026-01-02 --prescriber Dr_Wells --prescriber-dea BW1234563 --partial patient-request --date 2026-01-06"), "2345\n").exitCode == 0);
        QVERIFY(cli(words("dispense --as RL --ndc 4285800101 --quantity 20 --rx RX77 --date 2026-01-07"), "2345\n").exitCode == 0);
        Run r = cli({L("products")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("42858-001-01  Hydromorphone 2_mg tablet, 100 per package  250 tablets on hand\n"));
        QCOMPARE(cli({L("--json"), L("products")}).json().value(L("products")).toArray().first().toObject().value(L("balance")).toInt(), 250);
        r = cli(words("rx --rx RX77"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("Rx RX77: Hydromorphone 2_mg tablet, 100 per package\nPrescribed 60; dispensed 50; left 10.\n"
                                  "Written 2026-01-02 by Dr_Wells (DEA BW1234563); at the patient's or prescriber's request: fills until 2026-02-01.\n"), r.out);
        QVERIFY2(r.out.contains(": filled 30 tablets on 2026-01-06 (recorded ") && r.out.contains(": filled 20 tablets on 2026-01-07 (recorded ")
                     && r.out.contains(" by Rae_Lopez)"), r.out);
        // Rae (a pharmacist) dispensed these herself; a technician's fill waits for the pharmacist who verifies it.
        QCOMPARE(cli({L("to-verify")}).out, QByteArray("No dispense waits for verification.\n"));
        QVERIFY(cli(words("dispense --as TN --ndc 42858-001-01 --quantity 5 --rx RX80 --prescribed 5 --written 2026-01-02 --prescriber Dr_Wells "
                          "--prescriber-dea BW1234563 --date 2026-01-07"), "3456\n").exitCode == 0);
        r = cli({L("--json"), L("to-verify")});
        const int waiting = r.json().value(L("toVerify")).toArray().first().toObject().value(L("entry")).toInt();
        QVERIFY2(r.json().value(L("message")).toString().contains(L("Rx RX80, 5 tablets of Hydromorphone 2_mg tablet, 100 per package (recorded ")), r.out);
        r = cli({L("verify-dispense"), L("--as"), L("TN"), L("--entry"), QString::number(waiting)}, "3456\n");
        QVERIFY2(r.exitCode == 1 && r.err.contains("a technician may not verify a dispense"), r.err);
        r = cli({L("verify-dispense"), L("--as"), L("RL"), L("--entry"), QString::number(waiting)}, "2345\n");
        QVERIFY2(r.exitCode == 0 && r.out.startsWith(QStringLiteral("Verified: Rae_Lopez dispensed entry %1").arg(waiting).toUtf8()), r.out + r.err);
        QCOMPARE(cli({L("to-verify")}).out, QByteArray("No dispense waits for verification.\n"));
        QCOMPARE(cli({L("verify")}).exitCode, 0); // the journal's own verify is still there
        // The rest closed (signed): void, and no fill follows.
        r = cli(words("rx-close --as TN --rx RX77 --note Told_Dr_Wells_by_phone"), "3456\n");
        QVERIFY2(r.exitCode == 1 && r.err.contains("a technician may not close the rest of a prescription"), r.err);
        r = cli(words("rx-close --as RL --rx RX77 --note Told_Dr_Wells_by_phone"), "2345\n");
        QVERIFY2(r.exitCode == 0 && r.out.startsWith("Rx RX77 closed: the rest is void (entry "), r.out + r.err);
        r = cli(words("dispense --as RL --ndc 42858-001-01 --quantity 10 --rx RX77 --date 2026-01-08"), "2345\n");
        QVERIFY2(r.exitCode == 1 && r.err.startsWith("Could not record the dispense: Rx RX77 was closed (entry "), r.err);
        QVERIFY2(cli(words("rx --rx RX77")).out.contains("left 10 (closed by entry "), "the Rx says it is closed");
        r = cli(words("rx --rx RX78"));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not show the prescription: The Rx number \"RX78\" has no fill recorded here\n"));
        r = cli(words("entries --ndc 42858-001-01 --limit 3"));
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4); // the product, then three entries, newest first
        QVERIFY2(lines[1].contains("  dispense  -5  balance 245  RX80  Tom_Ng"), r.out);
        QVERIFY2(lines[2].contains("  dispense  -20  balance 250  RX77  Rae_Lopez"), r.out);
        QVERIFY2(lines[3].contains("  dispense  -30  balance 270  RX77  Rae_Lopez"), r.out);
        // The days are the pharmacy's (Chicago): everything was recorded today there.
        const QString today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("America/Chicago")).date().toString(Qt::ISODate);
        QCOMPARE(cli({L("entries"), L("--ndc"), L("42858000101"), L("--from"), today, L("--to"), today}).out.count('\n'), 5);
        r = cli({L("entries"), L("--ndc"), L("42858-001-01"), L("--from"), L("2026-13-01")});
        QCOMPARE(r.err, QByteArray("Could not list the entries: --from must be a date written YYYY-MM-DD (got \"2026-13-01\")\n"));
        r = cli(words("entries --ndc 99999-9999-99"));
        QVERIFY2(r.exitCode == 1 && r.err.contains("is not in the catalog"), r.err);
        r = cli({L("scan"), L("342858001014")});
        QCOMPARE(r.out, QByteArray("Hydromorphone 2_mg tablet, 100 per package (NDC 42858-001-01)\n"));
        r = cli({L("search"), L("hydro")});
        QCOMPARE(r.out, QByteArray("42858-001-01  Hydromorphone 2_mg tablet, 100 per package\n"));
    }

    void profileChangesAreSignedAndSaid()
    {
        Cli cli;
        setUpPharmacy(cli);
        Run r = cli({L("profile")});
        QCOMPARE(r.out, QByteArray("Elm\n9_Elm_St\nDEA number: BM1234563\nState: TX\nTime zone: America/Chicago\nReconciliation every 30 days\n"
                                    "The counter locks after 5 idle minutes\n"));
        const QString before = head(cli);
        // Refusals write nothing: the same values, a bad DEA number, a technician, a wrong PIN (recorded, as always).
        r = cli(words("profile-set --as PC --timezone America/Chicago"), "1234\n");
        QCOMPARE(r.err, QByteArray("Could not save the pharmacy profile: The profile already says that: give a new value to change\n"));
        r = cli(words("profile-set --as PC --dea BM1234564"), "1234\n");
        QCOMPARE(r.err, QByteArray("Could not save the pharmacy profile: The pharmacy's DEA number BM1234564 does not match its check digit (mistyped?)\n"));
        r = cli(words("profile-set --as TN --state CA"), "3456\n");
        QVERIFY2(r.exitCode == 1 && r.err.contains("may not change the pharmacy profile"), r.err);
        QCOMPARE(head(cli), before);
        r = cli(words("profile-set --as PC --timezone America/Denver --cadence-days 14"), "1234\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(r.out, QByteArray("The pharmacy profile was changed: time zone, reconciliation cadence.\n"));
        r = cli({L("--json"), L("profile")});
        QCOMPARE(r.json().value(L("timezone")).toString(), L("America/Denver"));
        QCOMPARE(r.json().value(L("cadenceDays")).toInt(), 14);
        QCOMPARE(r.json().value(L("dea")).toString(), L("BM1234563")); // what was not given stays
    }

    void idleLockIsAPharmacySetting()
    {
        Cli cli;
        setUpPharmacy(cli);
        QCOMPARE(cli({L("--json"), L("profile")}).json().value(L("idleMinutes")).toInt(), 5);
        const QString before = head(cli);
        // Out of range or not a number: one sentence, before any PIN is asked, nothing written.
        Run r = cli(words("profile-set --as PC --idle-minutes 45"));
        QCOMPARE(r.err, QByteArray("Could not change the idle lock: --idle-minutes must be between 1 and 30 minutes (got 45)\n"));
        r = cli(words("profile-set --as PC --idle-minutes 0"));
        QCOMPARE(r.err, QByteArray("Could not change the idle lock: --idle-minutes must be between 1 and 30 minutes (got 0)\n"));
        r = cli(words("profile-set --as PC --idle-minutes ten"));
        QVERIFY2(r.exitCode != 0 && r.err.contains("--idle-minutes must be a whole number"), r.err);
        r = cli(words("profile-set --as TN --idle-minutes 10"), "3456\n");
        QVERIFY2(r.exitCode == 1 && r.err.contains("may not change the pharmacy profile"), r.err);
        QCOMPARE(head(cli), before);
        r = cli(words("profile-set --as PC --idle-minutes 10"), "1234\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(r.out, QByteArray("The pharmacy profile was changed: idle lock.\n"));
        QVERIFY(cli({L("profile")}).out.endsWith("The counter locks after 10 idle minutes\n"));
        r = cli(words("profile-set --as PC --idle-minutes 10"), "1234\n");
        QCOMPARE(r.err, QByteArray("Could not save the pharmacy profile: The profile already says that: give a new value to change\n"));
        // With a profile field: both changed, one PIN.
        r = cli(words("profile-set --as PC --cadence-days 14 --idle-minutes 2"), "1234\n");
        QCOMPARE(r.out, QByteArray("The pharmacy profile was changed: reconciliation cadence, idle lock.\n"));
        QCOMPARE(cli({L("--json"), L("profile")}).json().value(L("idleMinutes")).toInt(), 2);
    }

    void receiveFromAScannedCode()
    {
        Cli cli;
        setUpPharmacy(cli);
        const QStringList rest = words("--as TN --packages 1 --order-type 222 --order 123456789 --supplier Cardinal --supplier-dea FE2345672 "
                                       "--date 2026-01-05");
        const QString before = head(cli);
        // A UPC carries no lot or expiry; a conflicting --lot, or both --ndc and --scan, are refused.
        Run r = cli(QStringList{L("receive"), L("--scan"), L("342858001014")} + rest, "3456\n");
        QCOMPARE(r.err, QByteArray("Could not record the receipt: The lot number is required: give --lot, or --scan the package's GS1 barcode, "
                                   "which carries it\n"));
        r = cli(QStringList{L("receive"), L("--scan"), L("01003428580010141728063010LOT9"), L("--lot"), L("LOT8")} + rest, "3456\n");
        QCOMPARE(r.err, QByteArray("Could not record the receipt: --lot \"LOT8\" differs from the scanned code's (LOT9)\n"));
        r = cli(QStringList{L("receive"), L("--scan"), L("342858001014"), L("--ndc"), L("42858-001-01")} + rest, "3456\n");
        QCOMPARE(r.err, QByteArray("Could not record the receipt: The product is named by --ndc or by --scan, one of the two\n"));
        QCOMPARE(head(cli), before);
        // A GS1 DataMatrix: the product, lot and expiry from the code (day 00 is the month's last day).
        r = cli(QStringList{L("receive"), L("--scan"), L("01003428580010141728020010LOT9")} + rest, "3456\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(cli({L("balance"), L("--ndc"), L("42858-001-01")}).out, QByteArray("400 on hand.\n"));
        r = cli(QStringList{L("receive"), L("--scan"), L("342858001014"), L("--lot"), L("L2"), L("--expiry"), L("2030-02-01")} + rest, "3456\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QCOMPARE(cli({L("balance"), L("--ndc"), L("42858-001-01")}).out, QByteArray("500 on hand.\n"));
        QTemporaryDir dir;
        const QString csv = dir.filePath(L("r.csv"));
        r = cli({L("report"), L("--as"), L("PC"), L("--kind"), L("receiving"), L("--from"), L("2026-01-01"), L("--to"), L("2026-01-31"),
                 L("--csv"), csv}, "1234\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray receivingCsv = f.readAll();
        QVERIFY2(receivingCsv.contains("LOT9") && receivingCsv.contains("2028-02-29"), receivingCsv);
    }

    void refusalsReadAsOneSentence()
    {
        Cli cli;
        setUpPharmacy(cli);
        QTemporaryDir dir;
        const QString shelf = dir.filePath(QStringLiteral("shelf.csv"));
        const auto writeShelf = [&](const QByteArray &text) { QFile f(shelf); QVERIFY(f.open(QIODevice::WriteOnly)); f.write(text); };
        const QStringList countShelf{L("count-shelf"), L("--as"), L("TN"), L("--counts"), shelf};
        writeShelf("ndc,counted\n42858-001-01,\xff\xfe\n");
        Run r = cli(countShelf, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not record the shelf count: The file is not UTF-8 text (save it from the spreadsheet as \"CSV UTF-8\")\n"));
        writeShelf("ndc,counted\n42858-001-01,300\n99999-9999-99,4\n");
        r = cli(countShelf, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not record the shelf count: The NDC 99999-9999-99 on line 3 of the counts file is not in the catalog\n"
                                   "Add the product to the catalog first (or import the FDA NDC Directory).\n"));
        writeShelf("ndc,counted\n42858-001-01,300\n42858-001-01,-1\n");
        r = cli(countShelf, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not record the shelf count: Line 3 of the counts file must be a whole number from 0 to 10,000,000\n"));
        writeShelf("ndc,counted\n42858-001-01,300\n\n4285800101,300\n");
        r = cli(countShelf, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not record the shelf count: Line 4 of the counts file counts NDC 42858000101 a second time (first on line 2)\n"));

        r = cli({L("scan"), L("(01)00312345678907")}); // a wrong check digit
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not find the scanned product: The product number 00312345678907 is not a valid drug GTIN (check digit or NDC prefix)\n"));
        r = cli({L("scan"), L("0574-4072-01")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not find the scanned product: NDC 00574407201 is not in this pharmacy's catalog\n"
                                   "Add it to the catalog (or import the FDA NDC Directory) before recording it.\n"));
        r = cli({L("report"), L("--as"), L("PC"), L("--kind"), L("product-ledger"), L("--from"), L("2026-01-01"), L("--to"), L("2026-01-31"),
                 L("--ndc"), L("0574-4072-01"), L("--csv"), dir.filePath(QStringLiteral("x.csv"))}, "1234\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not make the report: NDC 00574407201 is not in this pharmacy's catalog\n"
                                   "Add it to the catalog (or import the FDA NDC Directory) before recording it.\n"));
    }

    void longAndUnreadableArgumentsAreRefusedShort()
    {
        Cli cli;
        setUpPharmacy(cli);
        const QString before = head(cli);
        const QString huge(100 * 1024, QLatin1Char('7'));
        Run r = cli({L("count"), L("--as"), L("TN"), L("--ndc"), L("42858-001-01"), L("--counted"), L("x") + huge}, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, "Could not run 'count': --counted must be a whole number (got \"x" + QByteArray(39, '7') + "\xe2\x80\xa6\")\n");
        r = cli({L("balance"), L("--ndc"), huge});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.size() < 400, r.err.left(400));
        r = cli({L("frobnicate") + huge});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("ciictl: unknown command 'frobnicate" + QByteArray(30, '7') + "\xe2\x80\xa6'\n"), r.err.left(400));
        r = cli({L("--as") + huge, L("status")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.size() < 4000, r.err.left(400));
        r = cli({L("count"), L("--as"), huge, L("--ndc"), L("42858-001-01"), L("--counted"), L("3")}, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.size() < 400, r.err.left(400));
        QCOMPARE(head(cli), before);

        // Bytes that are not UTF-8 in a supplier, lot or note: refused, nothing written.
        QStringList receive = words("receive --as TN --ndc 42858-001-01 --packages 1 --order-type 222 --order 123456789 --supplier S "
                                    "--supplier-dea FE2345672 --lot L1 --expiry 2030-01-01 --date 2026-01-05");
        for (const char *option : {"--supplier", "--lot"}) {
            QStringList args = receive;
            args[args.indexOf(L(option)) + 1] = QString::fromLocal8Bit("Cardinal \xff\xfe Health");
            r = cli(args, "3456\n");
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(r.err, QByteArray("Could not run 'receive': ") + QByteArray(option)
                                + " is not UTF-8 text (a character in it could not be read)\n");
        }
        r = cli({L("waste"), L("--as"), L("TN"), L("--ndc"), L("42858-001-01"), L("--quantity"), L("1"), L("--reason"), L("dropped"),
                 L("--witness"), L("RL"), L("--note"), QString::fromLocal8Bit("on the \xc3 floor")}, "3456\n2345\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("Could not run 'waste': --note is not UTF-8 text (a character in it could not be read)\n"));
        QCOMPARE(head(cli), before);
    }

    void exportsLeaveNoFileWhenRefused()
    {
        Cli cli;
        setUpPharmacy(cli);
        const QString name = L("Amphetamine Aspartate Monohydrate, Amphetamine Sulfate, Dextroamphetamine Saccharate and Dextroamphetamine Sulfate");
        QCOMPARE(cli({L("product-add"), L("--as"), L("PC"), L("--ndc"), L("57844-110-01"), L("--name"), name, L("--strength"), L("10 mg"),
                      L("--form"), L("tablet"), L("--package-size"), L("100"), L("--unit"), L("tablet")}, "1234\n").exitCode, 0);
        QTemporaryDir dir;
        const QString pdf = dir.filePath(L("ledger.pdf")), csv = dir.filePath(L("ledger.csv"));
        const QStringList report{L("report"), L("--as"), L("PC"), L("--kind"), L("product-ledger"), L("--ndc"), L("57844-110-01"),
                                 L("--from"), L("2026-01-01"), L("--to"), L("2026-01-31"), L("--pdf"), pdf, L("--csv"), csv};
        Run r = cli(report, "1234\n");
        QVERIFY2(r.exitCode == 0, r.err);
        QVERIFY(QFile::exists(pdf) && QFile::exists(csv));
        QFile::remove(pdf);
        QFile::remove(csv);
        // A technician may not export: refused before anything is drawn, and no file is left (nor a part of one).
        QStringList asTech = report;
        asTech[2] = L("TN");
        r = cli(asTech, "3456\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void everyCommandHasItsHelp()
    {
        Cli cli;
        Run r = cli({L("report"), L("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("Usage: ciictl [--data-dir DIR] [--json] report --as PERSON --kind KIND --from YYYY-MM-DD --to YYYY-MM-DD"), r.out);
        QVERIFY2(!r.out.contains("Ledger commands"), r.out);
        for (const char *command : {"init", "status", "verify", "balance", "receive", "dispense", "count-shelf", "restore", "restore-copy",
                                    "backup-now", "search", "scan", "opening-balances-template", "products", "rx", "entries", "profile",
                                    "profile-set", "rx-close", "to-verify", "verify-dispense"}) {
            r = cli({L(command), L("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.startsWith("Usage: ciictl [--data-dir DIR] [--json] " + QByteArray(command)), r.out);
            QVERIFY2(r.err.isEmpty(), r.err);
        }
        r = cli({L("--help"), L("receive")});
        QVERIFY2(r.out.startsWith("Usage: ciictl [--data-dir DIR] [--json] receive --as PERSON --packages N") && r.out.contains("[--scan CODE]"), r.out);
        r = cli({L("--help")});
        QVERIFY2(r.out.startsWith("Usage: ciictl [--data-dir DIR] [--json] COMMAND") && r.out.contains("  receive "), r.out);
        QVERIFY(!QFile::exists(cli.dbPath()));
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

private:
    std::unique_ptr<Cli> m_pharmacy;
};

QTEST_GUILESS_MAIN(TestCiictl)
#include "tst_ciictl.moc"
