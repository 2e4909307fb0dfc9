// cii-ledger: the desktop application. The composition root: builds the services and wires them.
#include "AuditCopy.h"
#include "BackupStatus.h"
#include "Clock.h"
#include "LedgerReplication.h"
#include "LedgerStore.h"
#include "Store.h"
#include "QmlSetup.h"
#include "RestoreController.h"
#include "SetupWizard.h"
#include "StoreLocation.h"
#include "StoreStatus.h"
#include "UiServices.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>
#include <cstdio>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

namespace {
constexpr char kTouchKeyboardFlag[] = "--touch-keyboard";

/// The input method is chosen before the application object exists, so this flag is read from argv directly.
bool wantsTouchKeyboard(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], kTouchKeyboardFlag) == 0)
            return true;
    return qEnvironmentVariable("CII_TOUCH_KEYBOARD") == QLatin1String("1");
}
} // namespace

int main(int argc, char *argv[])
{
    if (wantsTouchKeyboard(argc, argv))
        qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("cii-ledger"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("CII Ledger"));
    QQuickStyle::setStyle(QStringLiteral("Material"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CII Ledger: the pharmacy's Schedule II record."));
    parser.addHelpOption();
    const QCommandLineOption dataDirOpt(QStringLiteral("data-dir"),
                                        QStringLiteral("The store's folder (default: ~/.local/share/cii-ledger)."),
                                        QStringLiteral("DIR"));
    parser.addOption(dataDirOpt);
    parser.addOption(QCommandLineOption(QString::fromLatin1(kTouchKeyboardFlag + 2),
                                        QStringLiteral("Show an on-screen keyboard for text fields (a touch-only panel; "
                                                       "also CII_TOUCH_KEYBOARD=1).")));
    parser.process(app);

    const cii::StoreLocation location = cii::StoreLocation::resolve(parser.value(dataDirOpt));
    const cii::SystemClock clock;
    const auto keyStore = cii::selectKeyStore(location);
    const auto openStore = [&location, &clock](cii::KeyStore *keys, bool create) {
        return cii::openLedgerStore(location.dataDir, *keys, clock, create);
    };

    // Restore from Cloud outlives the store: to restore, everything holding the store is closed (the services are
    // rebuilt below, app.exec() returning kReopen), the restore runs on its worker, and the restored store is
    // opened the same way (docs/RESTORE.md).
    constexpr int kReopen = 0x5e5;
    cii::RestoreController restore(location);
    cii::RestoreController::setInstance(&restore);
    restore.setReleaseStore([] { QCoreApplication::exit(kReopen); });
    restore.setReopenStore([] { QCoreApplication::exit(kReopen); });
    cii::SetupWizard wizard(location);
    cii::SetupWizard::setInstance(&wizard);
    cii::AuditCopy auditCopy(location);
    cii::AuditCopy::setInstance(&auditCopy);
    int rc = 0;
    do {
        std::unique_ptr<cii::Store> store;
        std::optional<cii::CiiError> openError;
        if (!restore.hasPendingRun()) {
            try {
                store = openStore(keyStore.get(), true);
                store->watchOtherWriters(); // ciictl, or another instance, may append while the app runs
            } catch (const cii::CiiError &e) {
                openError = e;
            }
        }
        // Workers open their own connection (and their own key store handle) on their own thread.
        cii::StoreStatus status(store.get(), [&] { return openStore(cii::selectKeyStore(location).get(), false); },
                                openError ? &*openError : nullptr);
        cii::StoreStatus::setInstance(&status);
        // The screens' services over this store (the session, the counter's commands, the screens' controllers),
        // built the way the tests build them, and handed to QML as its singletons.
        cii::UiServices screens(store.get());
        screens.install();
        // Replication runs on its own thread from here on; every commit wakes it (docs/REPLICATION.md). The
        // badge only shows it.
        const auto replication = store ? cii::startReplication(*store) : nullptr;
        cii::BackupStatus backup(replication.get());
        cii::BackupStatus::setInstance(&backup);
        restore.attach(store.get(), &screens.counter);
        wizard.attach(store.get(), &screens.counter);
        auditCopy.attach(store.get(), &screens.counter);
        if (restore.phase() == cii::RestoreController::Phase::Idle && cii::Store::restoreIncomplete(location.dataDir))
            restore.open(); // an unfinished restore: offer to continue it

        QQmlApplicationEngine engine;
        QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
                         Qt::QueuedConnection);
        cii::prepareQmlEngine(engine);
        engine.load(QUrl(QString::fromLatin1(cii::kMainQml)));
        // For bench_startup: say when the first frame is on screen, and optionally quit there.
        if (qEnvironmentVariableIsSet("CII_LEDGER_REPORT_READY") && !engine.rootObjects().isEmpty()) {
            if (auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first()))
                QObject::connect(window, &QQuickWindow::frameSwapped, &app, [] {
                    std::fputs("ready\n", stdout);
                    std::fflush(stdout);
                    QCoreApplication::exit(0);
                }, Qt::SingleShotConnection);
        }
        if (restore.hasPendingRun())
            QTimer::singleShot(0, &restore, &cii::RestoreController::runPending);
        rc = app.exec();
        restore.attach(nullptr, nullptr);
        wizard.attach(nullptr, nullptr);
        auditCopy.attach(nullptr, nullptr);
    } while (rc == kReopen);
    return rc;
}
