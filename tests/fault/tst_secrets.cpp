// Secrets and permissions (docs/RELIABILITY.md):
// - no record in the clear in the store's files (database, WAL, shared memory) nor in what the service stores;
// - no PIN, password, recovery key, activation code, data key, device key or store key in any log, with every
//   logging category at debug, in this process (the ledger, the drainer, the service, a restore) and in ciictl's
//   (each run with QT_LOGGING_RULES="*.debug=true");
// - role checks and lockouts hold for every command: each ledger command refused, and nothing written, for every
//   role that may not do it; a locked account refused by every command that takes its PIN, the right one included.
#include "Activation.h"
#include "CloudCheck.h"
#include "LedgerStore.h"
#include "RecoverySetup.h"
#include "ReplicationSettings.h"
#include "Restore.h"
#include "Roles.h"
#include "Sqlite.h"
#include "StoreLocation.h"
#include "TestCloud.h"
#include "TestSupport.h"

#include <QFile>
#include <QCoreApplication>
#include <QMutex>
#include <QRegularExpression>
#include <QTest>
#include <cstdio>

using namespace cii;
using namespace cii::test;

namespace {

QMutex g_logMutex;
QString g_log;

/// Every message of the process goes into g_log; warnings and worse are printed too, as usual.
void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker lock(&g_logMutex);
    g_log += QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message + QLatin1Char('\n');
    if (type != QtDebugMsg && type != QtInfoMsg)
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

/// Which of `secrets` (name -> text) appear in `text`.
QStringList found(const QString &text, const QMap<QString, QString> &secrets)
{
    QStringList r;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        if (!it.value().isEmpty() && text.contains(it.value(), Qt::CaseInsensitive))
            r << it.key();
    return r;
}

QByteArray filesOf(const QString &dbPath)
{
    return readAll(dbPath) + readAll(dbPath + QStringLiteral("-wal")) + readAll(dbPath + QStringLiteral("-shm"));
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

    QtMessageHandler m_testLog = nullptr;

private Q_SLOTS:
    // After QTest's own handler is in place: every message of the process goes through capture().
    void initTestCase() { m_testLog = qInstallMessageHandler(capture); }
    void cleanupTestCase() { qInstallMessageHandler(m_testLog); }

    void noRecordInTheClearOnDiskOrInTheUploads()
    {
        Cloud cloud;
        LedgerFixture f;
        QString problem;
        QVERIFY(sync::activate(f.store->db(), cloud.url(), cloud.code(), QStringLiteral("Counter PC"), {}, Cloud::now(), problem));
        // Words that appear nowhere else: a product, a supplier, a person, an Rx number.
        const QStringList canaries{QStringLiteral("Zebulonium Quixotate"), QStringLiteral("Quillfeather Wholesale"),
                                   QStringLiteral("Ysolde Quarrington"), QStringLiteral("RXQZ77810")};
        f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0406-0552-01"), canaries[0], QStringLiteral("5 mg"), QStringLiteral("tablet"),
                                             QStringLiteral("tablet"), 100, QStringLiteral("CII")});
        Receipt r = LedgerFixture::receipt(QStringLiteral("00406055201"), 2);
        r.supplierName = canaries[1];
        f.ledger->receive(*f.pic, r);
        f.ledger->addPerson(*f.pic, {canaries[2], QStringLiteral("YQ"), Role::Technician, QStringLiteral("4567"), {}});
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(QStringLiteral("00406055201"), 30, canaries[3], 30));
        backUpEverything(*f.store, cloud, 0);

        const QByteArray store = filesOf(f.t.dbPath()); // the store is open: its WAL holds the latest pages
        QVERIFY(store.size() > 10'000);
        QVERIFY2(!readAll(f.t.dbPath()).startsWith("SQLite format 3"), "the store's file is not encrypted");
        const QByteArray service = filesOf(cloud.dir.filePath(QStringLiteral("backup.db")));
        QVERIFY(service.size() > 10'000);
        for (const QString &c : canaries) {
            for (const QByteArray &form : {c.toUtf8(), QByteArray(reinterpret_cast<const char *>(c.utf16()), c.size() * 2)}) {
                QVERIFY2(!store.contains(form), qPrintable(QStringLiteral("'%1' is in the store's files in the clear").arg(c)));
                QVERIFY2(!service.contains(form), qPrintable(QStringLiteral("'%1' is in the service's file in the clear").arg(c)));
            }
        }
        // The records are there, readable with the key: the scan looked at the right files.
        QCOMPARE(f.ledger->balance(QStringLiteral("00406055201")), 170);
    }

    void noSecretInAnyLog()
    {
        g_log.clear(); // main() turned every category on; initTestCase() installed capture()
        Cloud cloud;
        QTemporaryDir data, keys;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CII_LEDGER_DATA_DIR"), data.filePath(QStringLiteral("store")));
        env.insert(QStringLiteral("CII_LEDGER_KEY_DIR"), keys.path());
        env.insert(QStringLiteral("CII_LEDGER_KEYSTORE"), QStringLiteral("file"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        QString cliText; // everything ciictl wrote, but the one line that shows the recovery key on purpose
        const auto cli = [&](const QStringList &args, const QByteArray &in = {}) {
            const CliRun r = runCiictl(env, args, in);
            cliText += r.err + r.out;
            return r;
        };
        const QString picPin = QStringLiteral("90817263"), techPin = QStringLiteral("55219034"), wrongPin = QStringLiteral("66120435");
        const QString ownerPassword = QStringLiteral("Quokka-Marmalade-77");
        QCOMPARE(cli({QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("setup"), QStringLiteral("--name"), QStringLiteral("Main St Pharmacy"), QStringLiteral("--address"), QStringLiteral("1 Main St"),
                      QStringLiteral("--dea"), QStringLiteral("BM1234563"), QStringLiteral("--state"), QStringLiteral("CA"), QStringLiteral("--timezone"),
                      QStringLiteral("America/Los_Angeles"), QStringLiteral("--pic-name"), QStringLiteral("Pat Chen"), QStringLiteral("--pic-initials"), QStringLiteral("PC")},
                     picPin.toUtf8() + '\n').exitCode, 0);
        QCOMPARE(cli({QStringLiteral("person-add"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--name"), QStringLiteral("Tom Ng"),
                      QStringLiteral("--initials"), QStringLiteral("TN"), QStringLiteral("--role"), QStringLiteral("technician")},
                     (picPin + QLatin1Char('\n') + techPin + QLatin1Char('\n')).toUtf8()).exitCode, 0);
        const QString code = cloud.code();
        QCOMPARE(cli({QStringLiteral("backup-activate"), QStringLiteral("--as"), QStringLiteral("PC"), QStringLiteral("--service"), cloud.url().toString(),
                      QStringLiteral("--code"), code}, picPin.toUtf8() + '\n').exitCode, 0);
        // The recovery key is shown once, on purpose: that output is the only place it may appear.
        const CliRun shown = runCiictl(env, {QStringLiteral("backup-recovery-key"), QStringLiteral("--as"), QStringLiteral("PC")}, picPin.toUtf8() + '\n');
        QCOMPARE(shown.exitCode, 0);
        const QString recoveryKey = QRegularExpression(QStringLiteral("[0-9A-Z]{5}(-[0-9A-Z]{5}){12}")).match(shown.out).captured(0);
        QVERIFY2(!recoveryKey.isEmpty(), qPrintable(shown.out));
        cliText += shown.err;
        QCOMPARE(cli({QStringLiteral("backup-check-recovery-key")}, recoveryKey.toUtf8() + '\n').exitCode, 0);
        // Wrong PINs until the technician is locked out; then the right one is refused too.
        const QStringList receive{QStringLiteral("count"), QStringLiteral("--as"), QStringLiteral("TN"), QStringLiteral("--ndc"), QStringLiteral("00574407205"),
                                  QStringLiteral("--counted"), QStringLiteral("1")};
        for (int i = 0; i < 5; ++i)
            QCOMPARE(cli(receive, wrongPin.toUtf8() + '\n').exitCode, 1);
        const CliRun locked = cli(receive, techPin.toUtf8() + '\n');
        QCOMPARE(locked.exitCode, 1);
        QVERIFY2(locked.err.contains(QStringLiteral("locked")), qPrintable(locked.err));
        QCOMPARE(cli({QStringLiteral("backup-now")}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("verify")}).exitCode, 0);

        // In this process: the store opened, an owner with a password, the drainer, the service, a restore.
        FileKeyStore keyStore(keys.path());
        SystemClock clock;
        auto store = openLedgerStore(data.filePath(QStringLiteral("store")), keyStore, clock);
        const QByteArray storeKey = keyStore.load(QFileInfo(data.filePath(QStringLiteral("store"))).canonicalFilePath())->key;
        const auto settings = sync::ReplicationSettings::load(store->db());
        QVERIFY(settings);
        {
            Ledger ledger(*store, SecretHasher(10));
            QString picId;
            {
                sql::Query q(store->db(), "SELECT id FROM people WHERE initials = 'PC'");
                QVERIFY(q.next());
                picId = q.text(0);
            }
            const Session pic = ledger.signIn(picId, picPin);
            const QString owner = ledger.addPerson(pic, {QStringLiteral("Olive Ford"), QStringLiteral("OF"), Role::Owner, {}, ownerPassword});
            ledger.signIn(owner, ownerPassword);
            QVERIFY(!refusalText([&] { ledger.signIn(owner, ownerPassword + QLatin1Char('x')); }).isEmpty());
        }
        backUpEverything(*store, cloud, 0);
        NewWorkstation pc;
        const sync::RestoreReport restored = sync::restoreFromCloud(pc.options(cloud, recoveryKey));
        QVERIFY2(restored.complete, qPrintable(restored.problem));
        const QString restoreCode = cloud.code(); // issued, never used: must not be logged either

        const QMap<QString, QString> secrets{
            {QStringLiteral("the pharmacist-in-charge's PIN"), picPin},
            {QStringLiteral("the technician's PIN"), techPin},
            {QStringLiteral("the wrong PIN"), wrongPin},
            {QStringLiteral("the owner's password"), ownerPassword},
            {QStringLiteral("the recovery key"), recoveryKey},
            {QStringLiteral("the recovery key without dashes"), QString(recoveryKey).remove(QLatin1Char('-'))},
            {QStringLiteral("a recovery key group"), recoveryKey.section(QLatin1Char('-'), 6, 7)},
            {QStringLiteral("the activation code"), code},
            {QStringLiteral("an unused activation code"), restoreCode},
            {QStringLiteral("the backup data key (hex)"), QString::fromLatin1(settings->dataKey.toHex())},
            {QStringLiteral("the backup data key (base64)"), QString::fromLatin1(settings->dataKey.toBase64())},
            {QStringLiteral("the device's private key (hex)"), QString::fromLatin1(settings->devicePrivateKey.toHex())},
            {QStringLiteral("the device's private key (base64)"), QString::fromLatin1(settings->devicePrivateKey.toBase64())},
            {QStringLiteral("the store's key (hex)"), QString::fromLatin1(storeKey.toHex())},
        };
        // The capture saw this process's lines (the store, the ledger) and ciictl's, at debug.
        QVERIFY2(g_log.contains(QStringLiteral("cii.store")) && g_log.contains(QStringLiteral("cii.ledger signed in")), qPrintable(g_log.right(2'000)));
        QVERIFY2(cliText.size() > 2'000, "ciictl's logs were not captured");
        const QStringList inLog = found(g_log, secrets), inCli = found(cliText, secrets);
        QVERIFY2(inLog.isEmpty(), qPrintable(QStringLiteral("in this process's log: ") + inLog.join(QStringLiteral(", "))));
        QVERIFY2(inCli.isEmpty(), qPrintable(QStringLiteral("in ciictl's output: ") + inCli.join(QStringLiteral(", "))));
        std::fprintf(stderr, "secrets: %lld characters of this process's log and %lld of ciictl's scanned for %lld secrets: none found\n",
              qint64(g_log.size()), qint64(cliText.size()), qint64(secrets.size())); // printed: qInfo goes to the capture
    }

    void everyCommandRefusesEveryRoleThatMayNotDoIt()
    {
        LedgerFixture f;
        f.ledger->receive(*f.pic, LedgerFixture::receipt(f.oxy, 5));
        const qint64 fill = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RXROLE1"), 10));
        const CountResult off = f.ledger->count(*f.tech, f.oxy, 480); // expected 490: a discrepancy
        QVERIFY(off.discrepancyOpened);
        struct Command
        {
            Action action;
            std::function<void(const Session &, const QString &pin)> run;
        };
        int rx = 0;
        const QList<Command> commands{
            {Action::ConfigurePharmacy, [&](const Session &s, const QString &pin) { f.ledger->configurePharmacy(s, LedgerFixture::profile(), pin); }},
            {Action::ManagePeople, [&](const Session &s, const QString &) { f.ledger->addPerson(s, {QStringLiteral("New Person"), QStringLiteral("NP"), Role::Technician, QStringLiteral("7777"), {}}); }},
            {Action::ManageCatalog, [&](const Session &s, const QString &) { f.ledger->addProduct(s, {QStringLiteral("0406-0552-01"), QStringLiteral("Oxycodone"), QStringLiteral("5 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 100, QStringLiteral("CII")}); }},
            {Action::Receive, [&](const Session &s, const QString &) { f.ledger->receive(s, LedgerFixture::receipt(f.oxy, 1, QStringLiteral("55500%1").arg(++rx, 4, 10, QLatin1Char('0')))); }},
            {Action::Dispense, [&](const Session &s, const QString &) { f.ledger->dispense(s, LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RXR%1").arg(++rx), 1)); }},
            {Action::ReturnToStock, [&](const Session &s, const QString &) { f.ledger->returnToStock(s, fill, 1, QStringLiteral("not picked up")); }},
            {Action::Count, [&](const Session &s, const QString &) { f.ledger->count(s, f.oxy, f.ledger->balance(f.oxy)); }},
            {Action::Waste, [&](const Session &s, const QString &) { f.ledger->waste(s, f.waste()); }},
            {Action::Adjust, [&](const Session &s, const QString &pin) { f.ledger->adjust(s, f.oxy, -1, QStringLiteral("breakage"), QStringLiteral("one tablet broke in the tray"), pin); }},
            {Action::Transfer, [&](const Session &s, const QString &) { f.ledger->recordMovement(s, LedgerFixture::movement(MovementKind::TransferOut, f.oxy, 1)); }},
            {Action::Destroy, [&](const Session &s, const QString &) { f.ledger->destroy(s, f.destruction()); }},
            {Action::ReportTheftLoss, [&](const Session &s, const QString &pin) { f.ledger->reportTheftLoss(s, LedgerFixture::theftLoss(f.oxy, 1, pin)); }},
            {Action::ReviewDiscrepancy, [&](const Session &s, const QString &) { f.ledger->startReview(s, off.discrepancyId, QStringLiteral("looking")); }},
            {Action::ResolveDiscrepancy, [&](const Session &s, const QString &pin) { f.ledger->resolveDiscrepancy(s, off.discrepancyId, QStringLiteral("other"), QStringLiteral("recounted"), false, pin); }},
            {Action::Correct, [&](const Session &s, const QString &pin) { f.ledger->voidEntry(s, fill, QStringLiteral("entered in error"), pin); }},
        };
        const QList<std::tuple<Role, const Session *, QString>> people{
            {Role::Technician, &*f.tech, QStringLiteral("3456")}, {Role::Pharmacist, &*f.pharmacist, QStringLiteral("2345")},
            {Role::PharmacistInCharge, &*f.pic, QStringLiteral("1234")}, {Role::Owner, &*f.owner, QStringLiteral("owner-password")}};
        int refusals = 0;
        for (const Command &c : commands) {
            for (const auto &[role, session, pin] : people) {
                if (isAllowed(role, c.action))
                    continue;
                const qint64 head = f.store->journal().headSeq();
                const QString why = refusalText([&] { c.run(*session, pin); });
                QVERIFY2(why.contains(QStringLiteral("may not")),
                         qPrintable(QStringLiteral("%1 / %2: %3").arg(roleName(role), actionDescription(c.action), why)));
                QCOMPARE(f.store->journal().headSeq(), head); // nothing written, not even a signature
                ++refusals;
            }
        }
        QCOMPARE(refusals, 25); // docs/RELIABILITY.md counts them
        // And the roles that may: not refused for their role.
        for (const Command &c : commands)
            for (const auto &[role, session, pin] : people)
                if (isAllowed(role, c.action)) {
                    const QString why = refusalText([&] { c.run(*session, pin); });
                    QVERIFY2(!why.contains(QStringLiteral("may not")), qPrintable(QStringLiteral("%1 / %2: %3").arg(roleName(role), actionDescription(c.action), why)));
                }
    }

    void aLockedAccountIsRefusedByEveryCommandThatTakesItsPin()
    {
        LedgerFixture f;
        f.ledger->receive(*f.pic, LedgerFixture::receipt(f.oxy, 5));
        const qint64 fill = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RXLOCK1"), 10));
        for (int i = 0; i < 5; ++i)
            refusalText([&] { f.ledger->signIn(f.pharmacistId, QStringLiteral("0000")); });
        const qint64 head = f.store->journal().headSeq();
        const QList<std::pair<QString, std::function<void()>>> uses{
            {QStringLiteral("sign in"), [&] { f.ledger->signIn(f.pharmacistId, QStringLiteral("2345")); }},
            {QStringLiteral("adjust"), [&] { f.ledger->adjust(*f.pharmacist, f.oxy, -1, QStringLiteral("breakage"), QStringLiteral("one tablet broke in the tray"), QStringLiteral("2345")); }},
            {QStringLiteral("void"), [&] { f.ledger->voidEntry(*f.pharmacist, fill, QStringLiteral("entered in error"), QStringLiteral("2345")); }},
            {QStringLiteral("witness a destruction"), [&] { f.ledger->destroy(*f.pic, f.destruction()); }},
            {QStringLiteral("witness a waste"), [&] { f.ledger->waste(*f.tech, f.waste()); }},
            {QStringLiteral("report a theft or loss"), [&] { f.ledger->reportTheftLoss(*f.pharmacist, LedgerFixture::theftLoss(f.oxy, 1, QStringLiteral("2345"))); }},
        };
        for (const auto &[what, use] : uses) {
            const QString why = refusalText(use);
            QVERIFY2(why.contains(QStringLiteral("locked")), qPrintable(what + QStringLiteral(": ") + why));
        }
        QCOMPARE(f.store->journal().headSeq(), head);
    }
};

int main(int argc, char *argv[])
{
    qputenv("QT_LOGGING_RULES", "*.debug=true"); // every category, before anything reads the rules
    QCoreApplication app(argc, argv);
    TestSecrets t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_secrets.moc"
