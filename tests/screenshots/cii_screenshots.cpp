// Renders each screen of the real QML over fixture stores and saves PNGs for docs/screenshots/.
// Run under Xvfb with the xcb platform (scripts/screenshots.sh): the offscreen platform skips parts of
// the Material style.
#include "Activation.h"
#include "BackupService.h"
#include "BackupStatus.h"
#include "BackupStore.h"
#include "Counter.h"
#include "LedgerReplication.h"
#include "UiServices.h"
#include "DeviceKey.h"
#include "HttpServer.h"
#include "Identifiers.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "RecoveryKey.h"
#include "RecoverySetup.h"
#include "RecoverySheet.h"
#include "RestoreController.h"
#include "Selectors.h"
#include "SetupWizard.h"
#include "StoreLocation.h"
#include "TestCloud.h"
#include "Drainer.h"
#include "Workload.h"
#include "StoreStatus.h"
#include "TestSupport.h"
#include "Shoot.h"

#include <QGuiApplication>
#include <QFile>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QDir>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;

namespace {
/// Cancel, and Discard when the form asks (it does once something was typed).
void leaveForm(QQuickWindow *w, const char *cancel = sel::kCancelButton)
{
    test::click(w, QLatin1String(cancel));
    if (QTest::qWaitFor([&] { return test::item(w, sel::kDiscardButton) != nullptr; }, 1000))
        test::click(w, sel::kDiscardButton);
    QTest::qWait(200);
}
} // namespace
using cii::screenshots::shoot;


int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Material"));
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    bool ok = true;

    if (!Counter::touchKeyboard()) {
        // The printed recovery sheet, drawn as on its PDF page (US Letter at 100 dpi).
        RecoverySheet sheet{QStringLiteral("Main Street Pharmacy"), QStringLiteral("BM1234563"),
                                  QStringLiteral("https://backup.example.org"), RecoveryKey::generate().text(), QStringLiteral("25 November 2026")};
        QImage page(850, 1100, QImage::Format_RGB32);
        sheet.paint(page);
        const QString file = out + QStringLiteral("/recovery-sheet.png");
        ok &= page.save(file);
        qInfo("wrote %s", qPrintable(file));
    }

    // A second run with Qt Virtual Keyboard as the input method (scripts/screenshots.sh sets QT_IM_MODULE): a
    // touch-only panel with the keyboard up for the search field.
    if (Counter::touchKeyboard()) {
        test::LedgerFixture f;
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 2));
        StoreStatus status(f.store.get(), [&f] { return f.t.open(false); }, nullptr);
        UiServices screens(f.store.get());
        screens.install();
        Counter &counter = screens.counter;
        return shoot(status, counter, {{out + QStringLiteral("/touch-keyboard.png"), [&](QQuickWindow *w) {
            if (!test::signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")))
                qFatal("screenshots: could not sign in");
            w->requestActivate(); // the keyboard serves the focused window; Xvfb has no window manager to focus it
            if (!QTest::qWaitForWindowActive(w))
                qWarning("screenshots: the window did not become active");
            test::click(w, sel::input(sel::kSearch));
            QQuickItem *loader = test::item(w, sel::kTouchKeyboardLoader);
            auto *panel = loader ? qvariant_cast<QQuickItem *>(loader->property("item")) : nullptr;
            if (!panel || !QTest::qWaitFor([&] { return panel->property("active").toBool(); }, 5000))
                qFatal("screenshots: the on-screen keyboard did not rise (%s)", panel ? "not active" : "not loaded");
            QTest::qWait(500); // it slides up
        }}}) ? 0 : 1;
    }

    {
        // Settings > People at 1366x768 as the pharmacist-in-charge sees it: a person chosen, one locked out, one
        // deactivated with the reason kept; then the same page at 1024x768, the smallest supported window.
        test::LedgerFixture f;
        const QString sam = f.ledger->addPerson(*f.pic, {QStringLiteral("Sam Rivera"), QStringLiteral("SR"), Role::Technician,
                                                         QStringLiteral("4444"), {}});
        f.ledger->deactivatePerson(*f.pic, sam, QStringLiteral("left the pharmacy"), QStringLiteral("1234"));
        for (int i = 0; i < Ledger::kMaxFailures; ++i) {
            try {
                f.ledger->signIn(f.techId, QStringLiteral("0000"));
            } catch (const CiiError &) {
            }
        }
        StoreStatus status(f.store.get(), [&f] { return f.t.open(false); }, nullptr);
        UiServices screens(f.store.get());
        screens.install();
        ok &= shoot(status, screens.counter, {{out + QStringLiteral("/settings-people.png"), [&](QQuickWindow *w) {
            w->resize(1366, 768);
            if (!test::signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")))
                qFatal("screenshots: could not sign in");
            test::click(w, sel::kSettingsButton);
            test::click(w, sel::kSettingsPeople);
            test::click(w, sel::personRow(QStringLiteral("TN")));
            test::choose(w, sel::box(sel::kPersonNewRoleField), QStringLiteral("Pharmacist"));
        }}, {out + QStringLiteral("/settings-people-add-1024.png"), [&](QQuickWindow *w) {
            w->resize(1024, 768);
            test::click(w, sel::kPeopleAddButton);
            test::type(w, sel::kPersonNameField, QStringLiteral("Tina Nash"));
            test::type(w, sel::kPersonInitialsField, QStringLiteral("TN"));
            test::type(w, sel::kPersonPinField, QStringLiteral("12"));
        }}});
    }

    {
        // The backup badge over a real service on loopback: backed up; then the service gone, with work waiting.
        QTemporaryDir cloudDir;
        const auto cloudStore = backupd::BackupStore::open({QStringLiteral("QSQLITE"), cloudDir.filePath(QStringLiteral("backup.db")), {}, {}, {}, 0});
        backupd::BackupStore &cloud = *cloudStore;
        const SystemClock clock;
        backupd::BackupService service(cloud, {}, clock);
        auto server = std::make_unique<backupd::HttpServer>(service, backupd::HttpServer::Options{});
        server->start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString pharmacy = cloud.createPharmacy(QStringLiteral("Main Street Pharmacy"), now);
        test::LedgerFixture f;
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 2));
        QString problem;
        if (!sync::activate(f.store->db(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->port())),
                            cloud.issueActivationCode(pharmacy, now + 60'000, now), QStringLiteral("Counter PC"), {}, now, problem))
            qFatal("screenshots: activation failed: %s", qPrintable(problem));
        StoreStatus status(f.store.get(), [&f] { return f.t.open(false); }, nullptr);
        UiServices screens(f.store.get());
        screens.install();
        Counter &counter = screens.counter;
        const auto backupEngine = startReplication(*f.store);
        BackupStatus backup(backupEngine.get());
        BackupStatus::setInstance(&backup);
        ok &= shoot(status, counter, {{out + QStringLiteral("/backup-backed-up.png"), [&](QQuickWindow *w) {
            if (!test::signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")))
                qFatal("screenshots: could not sign in");
            if (!QTest::qWaitFor([&] { return backup.state() == BackupStatus::State::BackedUp; }, 10'000))
                qFatal("screenshots: not backed up: %s", qPrintable(backup.text()));
        }}, {out + QStringLiteral("/settings-security.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kSettingsButton);
            test::click(w, sel::kSettingsSecurity);
        }}, {out + QStringLiteral("/backup-offline.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kSecurityBack);
            test::click(w, sel::kSettingsBack);
            server->stop();
            for (int i = 0; i < 3; ++i)
                f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 10, QStringLiteral("600020%1").arg(i), 10));
            if (!QTest::qWaitFor([&] { return backup.state() == BackupStatus::State::Offline && backup.pendingEvents() == 3; }, 10'000))
                qFatal("screenshots: not offline: %s", qPrintable(backup.text()));
            test::click(w, sel::kBackupBadge); // opens Settings > Backup: offline, read-only for a technician
            QTest::qWait(400);
        }}, {out + QStringLiteral("/backup-revoked.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kBackupBack);
            test::click(w, sel::kSettingsBack);
            // The service is back, but another workstation was activated for the pharmacy meanwhile.
            backupd::HttpServer::Options same;
            same.port = server->port();
            server = std::make_unique<backupd::HttpServer>(service, same);
            server->start();
            QString why;
            const qint64 at = QDateTime::currentMSecsSinceEpoch();
            if (!cloud.activate(cloud.issueActivationCode(pharmacy, at + 60'000, at), DeviceKey::generate().publicKey(),
                                QStringLiteral("New PC"), at, why))
                qFatal("screenshots: could not activate the replacement: %s", qPrintable(why));
            backup.backUpNow();
            if (!QTest::qWaitFor([&] { return backup.revoked(); }, 10'000))
                qFatal("screenshots: not revoked: %s", qPrintable(backup.text()));
        }}});
        BackupStatus::setInstance(nullptr); // it goes out of scope here
    }
    {
        // Settings > Backup and Pharmacy profile at 1366x768, as the pharmacist-in-charge: not set up (the badge a
        // warning, the activation form), activated through the page with the recovery key just made, the profile
        // with a DEA number refused under its field.
        test::Cloud cloud;
        test::LedgerFixture f;
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 2));
        StoreStatus status(f.store.get(), [&f] { return f.t.open(false); }, nullptr);
        UiServices screens(f.store.get());
        screens.install();
        const auto backupEngine = startReplication(*f.store);
        BackupStatus backup(backupEngine.get());
        BackupStatus::setInstance(&backup);
        QTemporaryDir papers;
        ok &= shoot(status, screens.counter, {{out + QStringLiteral("/settings-backup-not-set-up.png"), [&](QQuickWindow *w) {
            w->resize(1366, 768);
            if (!test::signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")))
                qFatal("screenshots: could not sign in");
            test::click(w, sel::kBackupBadge);
            (void)QTest::qWaitFor([&] { return test::item(w, sel::kBackupPage) && test::settled(w); }, 5000);
            test::type(w, sel::kBackupServiceUrl, cloud.url().toString());
            test::type(w, sel::kBackupCode, cloud.code());
        }}, {out + QStringLiteral("/settings-backup.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kBackupActivate);
            if (!QTest::qWaitFor([&] { return backup.state() == BackupStatus::State::BackedUp; }, 30'000))
                qFatal("screenshots: not backed up: %s", qPrintable(backup.text()));
            test::type(w, sel::kBackupSheetPath, papers.filePath(QStringLiteral("CII Ledger recovery sheet.pdf")));
            test::click(w, sel::kBackupMakeKey);
            if (!QTest::qWaitFor([&] { return test::item(w, sel::kBackupRecoveryKey) != nullptr; }, 30'000))
                qFatal("screenshots: no recovery key: %s", qPrintable(test::text(w, sel::kBackupKeyProblem)));
        }}, {out + QStringLiteral("/settings-profile.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kBackupKeyKept);
            test::click(w, sel::kBackupBack);
            test::click(w, sel::kSettingsProfile);
            (void)QTest::qWaitFor([&] { return test::item(w, sel::kProfilePage) && test::settled(w); }, 5000);
            test::type(w, sel::kProfileDea, QStringLiteral("BM1234564"));
            test::type(w, sel::kProfileState, QStringLiteral("TX"));
        }}});
        BackupStatus::setInstance(nullptr);
    }
    {
        // Restore from Cloud on a replacement computer: the form, the progress, the report (docs/RESTORE.md).
        QTemporaryDir cloudDir;
        const auto cloudStore = backupd::BackupStore::open({QStringLiteral("QSQLITE"), cloudDir.filePath(QStringLiteral("backup.db")), {}, {}, {}, 0});
        backupd::BackupStore &cloud = *cloudStore;
        const SystemClock clock;
        backupd::BackupService service(cloud, {}, clock);
        backupd::HttpServer server(service, backupd::HttpServer::Options{});
        server.start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString pharmacy = cloud.createPharmacy(QStringLiteral("Main Street Pharmacy"), now);
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        test::LedgerFixture f;
        QString problem;
        if (!sync::activate(f.store->db(), url, cloud.issueActivationCode(pharmacy, now + 60'000, now), QStringLiteral("Old PC"), {}, now, problem))
            qFatal("screenshots: activation failed: %s", qPrintable(problem));
        const QString recoveryKey = sync::replaceRecoveryKey(f.store->db(), now, problem, 1u << 10)->text();
        sync::Drainer::Options drain;
        drain.store = f.store->connectionRecipe();
        drain.archiveEveryEvents = 100; // many small archives: a restore long enough to be seen in progress
        for (int round = 0; round < 40; ++round) {
            test::recordEveryKind(f, 150, 7u + round);
            auto drainer = sync::Drainer::startOnThread(drain);
            if (!QTest::qWaitFor([&] { return cloud.head(pharmacy).lastSeq == f.store->journal().headSeq(); }, 30'000))
                qFatal("screenshots: the backup did not finish");
        }
        QTemporaryDir newPc, newKeys;
        qputenv("CII_LEDGER_KEYSTORE", "file");
        const QString dataDir = newPc.filePath(QStringLiteral("cii-ledger"));
        const CiiError noStore(CiiError::Code::NoStore, QStringLiteral("open the store"), dataDir + QStringLiteral("/ledger.db"),
                               QStringLiteral("there is no CII Ledger store there yet"),
                               QStringLiteral("Start CII Ledger to set up a new pharmacy or restore one from the cloud."));
        StoreStatus status(nullptr, {}, &noStore);
        UiServices screens(nullptr);
        screens.install();
        Counter &counter = screens.counter;
        BackupStatus backup(nullptr);
        BackupStatus::setInstance(&backup);
        RestoreController restore(StoreLocation{dataDir, newKeys.path()});
        RestoreController::setInstance(&restore);
        ok &= shoot(status, counter, {{out + QStringLiteral("/restore-form.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kStoreRestoreButton);
            QTest::qWait(200);
            test::type(w, sel::kRestoreService, url.toString());
            test::type(w, sel::kRestoreCode, cloud.issueActivationCode(pharmacy, now + 600'000, now));
            test::type(w, sel::kRestoreKey, recoveryKey);
        }}, {out + QStringLiteral("/restore-progress.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kRestoreStart);
            if (!QTest::qWaitFor([&] { return restore.eventsTotal() > 0 && restore.eventsDone() > restore.eventsTotal() / 5; }, 30'000))
                qFatal("screenshots: no progress: %s", qPrintable(restore.problem()));
        }}, {out + QStringLiteral("/restore-report.png"), [&](QQuickWindow *) {
            if (!QTest::qWaitFor([&] { return restore.phase() == RestoreController::Phase::Done; }, 60'000))
                qFatal("screenshots: the restore did not finish: %s", qPrintable(restore.problem()));
        }}});
        RestoreController::setInstance(nullptr);
        BackupStatus::setInstance(nullptr);
    }
    {
        // The first-run wizard on a new workstation, over a real service on loopback (docs/FIRST-RUN.md).
        test::Cloud cloud;
        test::TempStore t;
        auto store = t.open();
        StoreStatus status(store.get(), [&t] { return t.open(false); }, nullptr);
        UiServices screens(store.get());
        screens.install();
        Counter &counter = screens.counter;
        const auto backupEngine = startReplication(*store);
        BackupStatus backup(backupEngine.get());
        BackupStatus::setInstance(&backup);
        SetupWizard wizard(StoreLocation{t.dataDir.path(), t.keyDir.path()});
        SetupWizard::setInstance(&wizard);
        wizard.attach(store.get(), &counter);
        QTemporaryDir papers;
        ok &= shoot(status, counter, {{out + QStringLiteral("/wizard-activate.png"), [&](QQuickWindow *w) {
            test::type(w, sel::kWizardService, cloud.url().toString());
            test::type(w, sel::kWizardCode, cloud.code());
        }}, {out + QStringLiteral("/wizard-choose.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kWizardActivate);
            if (!QTest::qWaitFor([&] { return wizard.step() == SetupWizard::Step::Choose; }, 10'000))
                qFatal("screenshots: the wizard did not activate");
        }}, {out + QStringLiteral("/wizard-profile.png"), [&](QQuickWindow *w) {
            test::click(w, sel::wizardChoose("new"));
            test::type(w, sel::kWizardDea, QStringLiteral("BM1234563"));
            test::type(w, sel::kWizardAddress, QStringLiteral("1 Main St, Springfield"));
            test::type(w, sel::kWizardState, QStringLiteral("CA"));
            test::choose(w, sel::box(sel::kWizardZone), QStringLiteral("Los_Angeles"));
            test::type(w, sel::kWizardPicName, QStringLiteral("Pat Chen"));
            test::type(w, sel::kWizardPicInitials, QStringLiteral("PC"));
            test::type(w, sel::kWizardPin, QStringLiteral("1234"));
            test::type(w, sel::kWizardPinAgain, QStringLiteral("1234"));
        }}, {out + QStringLiteral("/wizard-recovery-key.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kWizardSetUp);
            if (!QTest::qWaitFor([&] { return wizard.step() == SetupWizard::Step::Recovery; }, 10'000))
                qFatal("screenshots: the pharmacy was not set up");
            test::type(w, sel::kWizardSheetPath, papers.filePath(QStringLiteral("CII Ledger recovery sheet.pdf")));
            test::click(w, sel::kWizardMakeKey);
            if (!QTest::qWaitFor([&] { return !wizard.recoveryKey().isEmpty(); }, 20'000))
                qFatal("screenshots: no recovery key");
        }}, {out + QStringLiteral("/wizard-confirm.png"), [&](QQuickWindow *w) {
            test::click(w, sel::kWizardKeyKept);
            const QStringList groups = wizard.recoveryKey().split(QLatin1Char('-'));
            test::type(w, sel::kWizardGroupA, groups.at(wizard.confirmGroups().at(0).toInt() - 1));
        }}, {out + QStringLiteral("/wizard-done.png"), [&](QQuickWindow *w) {
            const QStringList groups = wizard.recoveryKey().split(QLatin1Char('-'));
            test::type(w, sel::kWizardGroupB, groups.at(wizard.confirmGroups().at(1).toInt() - 1));
            test::click(w, sel::kWizardConfirm);
            // "You are set up", with the first upload acknowledged.
            if (!QTest::qWaitFor([&] { return wizard.step() == SetupWizard::Step::Done && backup.state() == BackupStatus::State::BackedUp; }, 20'000))
                qFatal("screenshots: the wizard did not end backed up: %s", qPrintable(backup.text()));
        }}});
        SetupWizard::setInstance(nullptr);
        BackupStatus::setInstance(nullptr);
    }
    {
        // The spreadsheet path: opening balances checked, ready to be signed.
        test::TempStore t;
        auto store = t.open();
        StoreStatus status(store.get(), [&t] { return t.open(false); }, nullptr);
        UiServices screens(store.get());
        screens.install();
        Counter &counter = screens.counter;
        SetupWizard wizard(StoreLocation{t.dataDir.path(), t.keyDir.path()});
        SetupWizard::setInstance(&wizard);
        wizard.attach(store.get(), &counter);
        wizard.skipActivation();
        wizard.choose(QStringLiteral("import"));
        wizard.setUp({{QStringLiteral("name"), QStringLiteral("Elm Street Pharmacy")}, {QStringLiteral("address"), QStringLiteral("9 Elm St")},
                      {QStringLiteral("dea"), QStringLiteral("BM1234563")}, {QStringLiteral("state"), QStringLiteral("TX")},
                      {QStringLiteral("timezone"), QStringLiteral("America/Chicago")}},
                     QStringLiteral("Pat Chen"), QStringLiteral("PC"), QStringLiteral("1234"), QStringLiteral("1234"));
        QTemporaryDir files;
        const QString csv = files.filePath(QStringLiteral("opening-balances.csv"));
        QFile file(csv);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("screenshots: cannot write the balances file");
        file.write("ndc,name,strength,dosage_form,package_size,base_unit,quantity,counted_by,counted_on\n"
                   "0574-4072-05,Oxycodone HCl,5 mg,tablet,100,tablet,240,Pat Chen,2026-09-01\n"
                   "59011-0410-10,OxyContin,40 mg,tablet,100,tablet,57,Rae Lopez,2026-09-01\n"
                   "0406-8003-01,Hydromorphone HCl,2 mg,tablet,100,tablet,112,Rae Lopez,2026-09-01\n"
                   "63459-0502-10,Fentanyl transdermal,25 mcg/h,patch,5,patch,14,Pat Chen,2026-09-01\n");
        file.close();
        ok &= shoot(status, counter, {{out + QStringLiteral("/wizard-import.png"), [&](QQuickWindow *w) {
            test::type(w, sel::kWizardImportFile, csv);
            test::click(w, sel::kWizardCheckImport);
        }}});
        SetupWizard::setInstance(nullptr);
    }
    {
        test::TempStore t;
        auto store = t.open();
        for (int i = 0; i < 41; ++i)
            store->append(QStringLiteral("system"), QStringLiteral("setting.changed"),
                          {{QStringLiteral("key"), QStringLiteral("k%1").arg(i)}, {QStringLiteral("value"), QString::number(i)}});
        StoreStatus status(store.get(), [&t] { return t.open(false); }, nullptr);
        UiServices screens(store.get());
        screens.install();
        Counter &counter = screens.counter;
        ok &= shoot(status, counter, {{out + QStringLiteral("/store-status.png"), [&](QQuickWindow *) {
            status.verify();
            QTRY_VERIFY_WITH_TIMEOUT(!status.verifying(), 10000);
        }}});
    }
    {
        const CiiError error(CiiError::Code::WrongKey, QStringLiteral("open the store"),
                             QStringLiteral("/home/pharmacy/.local/share/cii-ledger/ledger.db"),
                             QStringLiteral("the key found in the system keychain belongs to a different store"),
                             QStringLiteral("The file may have been replaced by another store's file. Put the right "
                                            "file back, or restore from the cloud with the recovery key."));
        StoreStatus status(nullptr, {}, &error);
        UiServices screens(nullptr);
        screens.install();
        Counter &counter = screens.counter;
        ok &= shoot(status, counter, {{out + QStringLiteral("/store-error.png"), {}}});
    }
    {
        // A pharmacy with a few products and a morning's work.
        test::LedgerFixture f;
        const QString fent = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("0406-9025-62"), QStringLiteral("Fentanyl transdermal"),
                                                                  QStringLiteral("25 mcg/h"), QStringLiteral("patch"), QStringLiteral("patch"), 5});
        const QString morph = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("51655-089-52"), QStringLiteral("Morphine sulfate ER"),
                                                                   QStringLiteral("15 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 60});
        f.ledger->addProduct(*f.pharmacist, {QStringLiteral("58118-1397-3"), QStringLiteral("Hydromorphone HCl"), QStringLiteral("2 mg"),
                                             QStringLiteral("tablet"), QStringLiteral("tablet"), 100});
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 3));
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(fent, 4));
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(morph, 2));
        f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 30, QStringLiteral("6000123"), 60));
        const qint64 wrong = f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 90, QStringLiteral("6000125"), 90));
        f.ledger->voidEntry(*f.pharmacist, wrong, QStringLiteral("typed 90 for 9"), QStringLiteral("2345"));
        f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 9, QStringLiteral("6000125"), 9));
        const qint64 refill = f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 30, QStringLiteral("6000123"), 0));
        f.ledger->count(*f.tech, fent, 20);
        f.ledger->count(*f.tech, morph, 118);
        StoreStatus status(f.store.get(), [&f] { return f.t.open(false); }, nullptr);
        UiServices screens(f.store.get());
        screens.install();
        Counter &counter = screens.counter;
        using test::click;
        using test::type;
        ok &= shoot(status, counter, {
            {out + QStringLiteral("/lock-screen.png"), [](QQuickWindow *w) {
                click(w, sel::personTile("RL")); // a pharmacist: every action offered, corrections included
                click(w, sel::pinKey("2"));
                click(w, sel::pinKey("3"));
            }},
            {out + QStringLiteral("/dashboard.png"), [&](QQuickWindow *w) {
                click(w, sel::pinKey("4"));
                click(w, sel::pinKey("5"));
                click(w, sel::kPinOk);
                if (!QTest::qWaitFor([&] { return test::item(w, sel::product(f.oxy)) != nullptr; }, 5000))
                    qFatal("screenshots: the dashboard did not list the products after signing in");
                if (!click(w, sel::product(f.oxy)))
                    qFatal("screenshots: could not choose the product");
            }},
            {out + QStringLiteral("/dispense-summary.png"), [&](QQuickWindow *w) {
                click(w, sel::kDispenseButton);
                type(w, sel::kRxField, QStringLiteral("6000124"));
                type(w, sel::kQuantityField, QStringLiteral("40"));
                type(w, sel::kPrescribedField, QStringLiteral("40"));
                type(w, sel::kWrittenField, f.ledger->todayInPharmacy());
                type(w, sel::kPrescriberField, QStringLiteral("Dr. Ann Wells"));
                type(w, sel::kPrescriberDeaField, QStringLiteral("BW1234563"));
                click(w, sel::kSaveButton);
                if (!QTest::qWaitFor([&] { return test::fullyShown(test::item(w, sel::kSummaryContent)); }, 3000))
                    qFatal("screenshots: the summary did not open: %s", qPrintable(test::text(w, sel::kFormMessage)));
            }},
            {out + QStringLiteral("/dispense-refused.png"), [&](QQuickWindow *w) {
                click(w, sel::kSummaryBackButton); // more than on hand: said under the field, and on Save
                type(w, sel::kQuantityField, QStringLiteral("400"));
                type(w, sel::kPrescribedField, QStringLiteral("400"));
                click(w, sel::kSaveButton);
            }},
            {out + QStringLiteral("/receive-form.png"), [&](QQuickWindow *w) {
                leaveForm(w);
                const QString gtin13 = QStringLiteral("0030574407205"); // a GS1 DataMatrix as a scanner types it
                type(w, sel::kSearch, QStringLiteral("01") + gtin13 + QString::number(gs1CheckDigit(gtin13))
                                                      + QStringLiteral("17280131") + QStringLiteral("10LOT42"));
                QTest::keyClick(w, Qt::Key_Return);
                click(w, sel::kReceiveButton);
                type(w, sel::kPackagesField, QStringLiteral("2"));
                type(w, sel::kOrderField, QStringLiteral("123456789"));
                type(w, sel::kSupplierField, QStringLiteral("Cardinal Health"));
            }},
            {out + QStringLiteral("/count-form.png"), [&](QQuickWindow *w) {
                leaveForm(w);
                click(w, sel::kCountButton);
                type(w, sel::kCountedField, QStringLiteral("229"));
            }},
            {out + QStringLiteral("/count-saved.png"), [&](QQuickWindow *w) {
                click(w, sel::kSaveButton); // a count that differs is asked again at Save, before the summary
                // A count that does not match asks once to count again (the field emptied): the same count, saved.
                if (QTest::qWaitFor([&] { return test::item(w, sel::kCountedField) && test::text(w, sel::input(sel::kCountedField)).isEmpty(); }, 1500)) {
                    type(w, sel::kCountedField, QStringLiteral("229"));
                    test::saveForm(w);
                }
            }},
            {out + QStringLiteral("/product-ledger.png"), [&](QQuickWindow *w) { click(w, sel::kLedgerButton); }},
            {out + QStringLiteral("/correct-entry.png"), [&](QQuickWindow *w) {
                click(w, sel::entry(refill));
                click(w, sel::kCorrectButton);
                if (!QTest::qWaitFor([&] { return test::item(w, sel::kVoidDialogContent) != nullptr; }, 3000))
                    qFatal("screenshots: the correction dialog did not open");
                type(w, sel::kVoidReason, QStringLiteral("Rx 6000123 refilled twice by mistake"));
            }},
            {out + QStringLiteral("/return-to-stock.png"), [&](QQuickWindow *w) {
                click(w, sel::kVoidCancel);
                if (!QTest::qWaitFor([&] { return test::item(w, sel::kVoidDialogContent) == nullptr; }, 3000))
                    qFatal("screenshots: the correction dialog did not close");
                click(w, sel::kReturnButton);
                if (!QTest::qWaitFor([&] { return test::item(w, sel::kReturnDialogContent) != nullptr; }, 3000))
                    qFatal("screenshots: the return dialog did not open");
                type(w, sel::kReturnQuantity, QStringLiteral("30"));
                type(w, sel::kReturnReason, QStringLiteral("not picked up within 14 days"));
            }},
            {out + QStringLiteral("/waste-form.png"), [&](QQuickWindow *w) {
                click(w, sel::kReturnCancel);
                if (!QTest::qWaitFor([&] { return test::item(w, sel::kReturnDialogContent) == nullptr; }, 3000))
                    qFatal("screenshots: the return dialog did not close");
                QTest::keyClick(w, Qt::Key_Escape);
                click(w, sel::kWasteButton);
                type(w, sel::kWasteQuantityField, QStringLiteral("1"));
                test::choose(w, sel::box(sel::kWasteReasonField), QStringLiteral("Dropped"));
                type(w, sel::kWasteNoteField, QStringLiteral("tablet fell on the floor while counting"));
                test::choose(w, sel::witnessPerson(sel::kWasteWitness), QStringLiteral("Rae Lopez"));
                test::item(w, sel::input(sel::witnessPin(sel::kWasteWitness)))->forceActiveFocus();
            }},
            {out + QStringLiteral("/destroy-form.png"), [&](QQuickWindow *w) {
                leaveForm(w);
                click(w, sel::kDestroyButton);
                type(w, sel::kDestroyPackagesField, QStringLiteral("1"));
                type(w, sel::kDestroyMethodField, QStringLiteral("chemical digestion kit"));
                type(w, sel::kDestroyLocationField, QStringLiteral("pharmacy back room"));
                test::choose(w, sel::witnessPerson(sel::kFirstWitness), QStringLiteral("Rae Lopez"));
                test::choose(w, sel::witnessPerson(sel::kSecondWitness), QStringLiteral("Pat Chen"));
            }},
            {out + QStringLiteral("/transfer-form.png"), [&](QQuickWindow *w) {
                leaveForm(w);
                click(w, sel::kMovementButton);
                type(w, sel::kMovementQuantityField, QStringLiteral("100"));
                type(w, sel::kPartyField, QStringLiteral("Eastside Pharmacy"));
                type(w, sel::kPartyDeaField, QStringLiteral("FE2345672"));
            }},
            {out + QStringLiteral("/theft-loss-form.png"), [&](QQuickWindow *w) {
                leaveForm(w);
                click(w, sel::kTheftLossButton);
                type(w, sel::kLossQuantityField, QStringLiteral("12"));
                type(w, sel::kCircumstancesField, QStringLiteral("bottle missing from the safe at opening"));
            }},
            {out + QStringLiteral("/adjust-form.png"), [&](QQuickWindow *w) {
                leaveForm(w);
                click(w, sel::kAdjustButton);
                test::choose(w, sel::box(sel::kAdjustReasonField), QStringLiteral("Data entry error"));
                type(w, sel::kAdjustQuantityField, QStringLiteral("2"));
            }},
            {out + QStringLiteral("/shelf-count.png"), [&](QQuickWindow *w) {
                leaveForm(w);
                // The search still holds the scanned NDC: cleared, every product is on the shelf list.
                test::item(w, sel::input(sel::kSearch))->forceActiveFocus();
                QTest::keyClick(w, Qt::Key_A, Qt::ControlModifier);
                QTest::keyClick(w, Qt::Key_Backspace);
                click(w, sel::kShelfCountButton);
                type(w, sel::shelfCount(fent), QStringLiteral("20"));
                type(w, sel::shelfCount(morph), QStringLiteral("118"));
                test::item(w, sel::shelfCount(f.oxy) + QStringLiteral("Input"))->forceActiveFocus();
            }},
            {out + QStringLiteral("/receive-scan-in-form.png"), [&](QQuickWindow *w) {
                leaveForm(w, sel::kShelfCancelButton);
                click(w, sel::product(f.oxy));
                click(w, sel::kReceiveButton);
                type(w, sel::kPackagesField, QStringLiteral("1"));
                type(w, sel::kOrderField, QStringLiteral("1234"));
                type(w, sel::kSupplierDeaField, QStringLiteral("FE2345679"));
                test::item(w, sel::input(sel::kPackagesField))->forceActiveFocus();
                const QString gtin13 = QStringLiteral("0030574407205");
                test::scan(w, QStringLiteral("01") + gtin13 + QString::number(gs1CheckDigit(gtin13)) + QStringLiteral("17290630")
                                  + QStringLiteral("10AB7731"));
            }},
        });
    }
    // Records and reports: the pharmacist-in-charge makes September's reconciliation and reads it in the preview.
    if (!Counter::touchKeyboard()) {
        test::LedgerFixture f;
        qputenv("CII_LEDGER_REPORTS_DIR", QDir(f.t.dataDir.path()).filePath(QStringLiteral("reports")).toUtf8());
        f.ledger->receive(*f.tech, test::LedgerFixture::receipt(f.oxy, 3));
        f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 60, QStringLiteral("RX7001"), 60));
        f.ledger->dispense(*f.tech, test::LedgerFixture::dispense(f.oxy, 30, QStringLiteral("RX7002"), 90));
        f.ledger->waste(*f.tech, f.waste());
        f.ledger->count(*f.tech, f.oxy, 206);
        StoreStatus status(f.store.get(), [&f] { return f.t.open(false); }, nullptr);
        UiServices screens(f.store.get());
        screens.install();
        Counter &counter = screens.counter;
        ok &= shoot(status, counter, {{out + QStringLiteral("/reports.png"), [&](QQuickWindow *w) {
            if (!test::signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")))
                qFatal("screenshots: could not sign in");
            test::click(w, sel::kReportsButton);
            if (!QTest::qWaitFor([w] { return test::item(w, sel::kReportsPage) != nullptr; }, 5000))
                qFatal("screenshots: the reports page did not open");
            test::settled(w);
            test::click(w, sel::report("reconciliation"));
            test::item(w, sel::kReportFrom)->setProperty("text", QStringLiteral("2026-09-01"));
            test::item(w, sel::kReportTo)->setProperty("text", QStringLiteral("2026-09-30"));
            test::click(w, sel::kMakeReportButton);
            if (!QTest::qWaitFor([w] { return test::item(w, sel::kReportPreview) != nullptr; }, 20'000)) // found once shown
                qFatal("screenshots: the report was not made: %s", qPrintable(test::text(w, sel::kReportMessage)));
            QTest::qWait(1000); // the preview renders its first page
        }}});
    }
    if (!Counter::touchKeyboard()) {
        ok &= screenshots::shootReview(out);
        ok &= screenshots::shootProducts(out, QStringLiteral(CII_SOURCE_DIR "/tests/data/fda"));
    }
    return ok ? 0 : 1;
}

/// Cancel, and Discard when the form asks (it does once something was typed).
void leaveForm(QQuickWindow *w, const char *cancel = sel::kCancelButton)
{
    test::click(w, QLatin1String(cancel));
    if (QTest::qWaitFor([&] { return test::item(w, sel::kDiscardButton) != nullptr; }, 1000))
        test::click(w, sel::kDiscardButton);
    QTest::qWait(200);
}
