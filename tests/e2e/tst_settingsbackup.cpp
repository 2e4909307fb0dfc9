// Settings > Backup through the real main QML at 1366x768, over a real encrypted store, the real drainer and the
// real backup service (cii-backupd's BackupService and HttpServer on loopback): the badge a warning while the
// backup is not set up, a tap opening the page; a technician sees it read-only; the pharmacist-in-charge activates
// with a code, sees what is waiting drop to 0 after Back up now, makes the recovery key (its sheet written) and
// replaces it after being told what the old key will no longer open.
#include "BackupController.h"
#include "BackupStatus.h"
#include "Counter.h"
#include "LedgerReplication.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "RecoverySetup.h"
#include "ReplicationSettings.h"
#include "Selectors.h"
#include "StoreStatus.h"
#include "TestCloud.h"
#include "TestSupport.h"
#include "UiServices.h"

#include <QColor>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {

sync::Drainer::Options fastRetries()
{
    sync::Drainer::Options o;
    o.requestTimeoutMs = 5'000;
    o.firstBackoffMs = 50;
    o.maxBackoffMs = 400;
    return o;
}

/// The app as main.cpp builds it over a set-up pharmacy that is not yet activated: the screens, the drainer, the badge.
struct BackupApp
{
    LedgerFixture f;
    StoreStatus status{f.store.get(), [this] { return f.t.open(false); }, nullptr};
    UiServices screens{f.store.get(), SecretHasher(10)};
    std::unique_ptr<sync::ReplicationEngine> replication = startReplication(*f.store, fastRetries());
    BackupStatus backup{replication.get()};
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow *w = nullptr;

    BackupApp()
    {
        StoreStatus::setInstance(&status);
        screens.install();
        BackupStatus::setInstance(&backup);
        engine = std::make_unique<QQmlApplicationEngine>();
        prepareQmlEngine(*engine);
        engine->load(QUrl(QString::fromLatin1(kMainQml)));
        w = qobject_cast<QQuickWindow *>(engine->rootObjects().value(0));
        if (w)
            w->resize(1366, 768);
    }
    ~BackupApp()
    {
        engine.reset();
        BackupStatus::setInstance(nullptr);
    }
    QColor badgeColour() const { return item(w, sel::kBackupBadge)->property("color").value<QColor>(); }
};

} // namespace

class TestSettingsBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void notSetUpIsAWarningAndATapOpensThePage()
    {
        BackupApp app;
        QQuickWindow *w = app.w;
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QCOMPARE(text(w, sel::kBackupBadgeText), QStringLiteral("Backup not set up"));
        QCOMPARE(app.badgeColour(), QColor(QStringLiteral("#ffb300"))); // Theme.attention
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QCOMPARE(app.badgeColour(), QColor(QStringLiteral("#ffb300")));

        // A technician: the page opens from the badge, read-only, saying who may.
        QVERIFY(click(w, sel::kBackupBadge));
        QTRY_VERIFY(item(w, sel::kBackupPage) && settled(w));
        QVERIFY2(text(w, sel::kBackupReadOnly).contains(QLatin1String("Only the pharmacist-in-charge or the owner")),
                 qPrintable(text(w, sel::kBackupReadOnly)));
        QVERIFY(text(w, sel::kBackupReadOnly).contains(QLatin1String("a technician")));
        QVERIFY(!item(w, sel::kBackupActivate)->isEnabled());
        QVERIFY(!item(w, sel::input(sel::kBackupCode))->isEnabled());
        QVERIFY(!item(w, sel::kBackupNow)->isEnabled()); // nothing to back up to
        QVERIFY(text(w, sel::kBackupDetail).contains(QLatin1String("only on this computer")));
        // The controller refuses too, whatever the page offers.
        QVERIFY(app.screens.backup.activate(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("X"), {})
                    .contains(QLatin1String("Only the pharmacist-in-charge")));
        QVERIFY(!sync::ReplicationSettings::load(app.f.store->db()));
        // Back leads to the other sections of Settings, then the counter.
        QVERIFY(click(w, sel::kBackupBack));
        QTRY_VERIFY(item(w, sel::kSettingsPage) && settled(w));
        QVERIFY(click(w, sel::kSettingsBack));
        QTRY_VERIFY(item(w, sel::kDashboard) && settled(w));
    }

    void thePharmacistInChargeActivatesBacksUpAndMakesTheKey()
    {
        Cloud cloud;
        BackupApp app;
        QQuickWindow *w = app.w;
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(click(w, sel::kSettingsButton));
        QVERIFY(click(w, sel::kSettingsBackup));
        QTRY_VERIFY(item(w, sel::kBackupPage) && settled(w));
        QVERIFY(!item(w, sel::kBackupReadOnly));
        QVERIFY(!item(w, sel::kBackupMakeKey)); // no key before the activation
        QVERIFY2(touchAndAccessibilityProblems(w).isEmpty(), qPrintable(touchAndAccessibilityProblems(w).join(QLatin1Char('\n'))));

        // A wrong code: refused in words, nothing written.
        QVERIFY(type(w, sel::kBackupServiceUrl, cloud.url().toString()));
        QVERIFY(type(w, sel::kBackupCode, QStringLiteral("NOT-A-CODE")));
        QVERIFY(click(w, sel::kBackupActivate));
        QTRY_VERIFY(item(w, sel::kBackupActivateProblem)); // shown only with a problem
        QVERIFY(!sync::ReplicationSettings::load(app.f.store->db()));
        // A certificate file that is not there: refused before the service is asked.
        QVERIFY(type(w, sel::kBackupCode, cloud.code()));
        QVERIFY(type(w, sel::kBackupCa, QStringLiteral("/nonexistent/ca.pem")));
        QVERIFY(click(w, sel::kBackupActivate));
        QTRY_VERIFY(text(w, sel::kBackupActivateProblem).contains(QLatin1String("cannot be read")));
        QVERIFY(!sync::ReplicationSettings::load(app.f.store->db()));

        // The code: activated, and everything recorded so far is sent.
        QVERIFY(type(w, sel::kBackupCa, QString()));
        QVERIFY(click(w, sel::kBackupActivate));
        QTRY_VERIFY_WITH_TIMEOUT(item(w, sel::kBackupService), 15'000);
        QVERIFY(text(w, sel::value(sel::kBackupService)).contains(QLatin1String("Main Street Pharmacy")));
        QVERIFY(!item(w, sel::kBackupActivate)); // the form is gone once activated
        QTRY_COMPARE_WITH_TIMEOUT(app.backup.state(), BackupStatus::State::BackedUp, 30'000);
        QCOMPARE(cloud.head(), app.f.store->journal().headSeq());
        QTRY_COMPARE(text(w, sel::value(sel::kBackupWaiting)), QStringLiteral("0 records not yet acknowledged by the backup service"));
        QCOMPARE(text(w, sel::value(sel::kBackupLastAck)), QStringLiteral("just now"));
        QVERIFY(app.badgeColour() != QColor(QStringLiteral("#ffb300")));

        // The service away: what is recorded waits, the badge a warning; back, Back up now sends it.
        cloud.stop();
        app.f.ledger->receive(*app.f.tech, LedgerFixture::receipt(app.f.oxy, 1));
        QTRY_COMPARE_WITH_TIMEOUT(app.backup.state(), BackupStatus::State::Offline, 15'000);
        QTRY_COMPARE(text(w, sel::value(sel::kBackupWaiting)), QStringLiteral("1 record not yet acknowledged by the backup service"));
        QCOMPARE(app.badgeColour(), QColor(QStringLiteral("#ffb300")));
        cloud.start();
        QVERIFY(click(w, sel::kBackupNow));
        QTRY_COMPARE_WITH_TIMEOUT(text(w, sel::value(sel::kBackupWaiting)), QStringLiteral("0 records not yet acknowledged by the backup service"), 15'000);
        QCOMPARE(cloud.head(), app.f.store->journal().headSeq());
        QCOMPARE(text(w, sel::value(sel::kBackupState)), QStringLiteral("Backed up"));

        // The recovery key: made, shown once, its sheet written.
        QTemporaryDir papers;
        const QString first = papers.filePath(QStringLiteral("first sheet.pdf"));
        QVERIFY(text(w, sel::kBackupKeyState).contains(QLatin1String("No recovery key yet")));
        QVERIFY(type(w, sel::kBackupSheetPath, first));
        QVERIFY(click(w, sel::kBackupMakeKey));
        QTRY_VERIFY_WITH_TIMEOUT(item(w, sel::kBackupRecoveryKey), 30'000);
        const QString key = app.screens.backup.recoveryKey();
        QCOMPARE(key.split(QLatin1Char('-')).size(), 13);
        QVERIFY(QFile::exists(first));
        QVERIFY(text(w, sel::kBackupSheetSaved).contains(first));
        QString problem;
        QVERIFY2(sync::checkRecoveryKey(app.f.store->db(), key, Cloud::now(), problem), qPrintable(problem));
        QVERIFY(click(w, sel::kBackupKeyKept));
        QTRY_VERIFY(!item(w, sel::kBackupRecoveryKey));
        QVERIFY(app.screens.backup.recoveryKey().isEmpty());
        QVERIFY(text(w, sel::kBackupKeyState).contains(QLatin1String("A recovery key was made on")));
        QCOMPARE(text(w, sel::kBackupMakeKey), QStringLiteral("Replace the recovery key\u2026"));
        QVERIFY2(touchAndAccessibilityProblems(w).isEmpty(), qPrintable(touchAndAccessibilityProblems(w).join(QLatin1Char('\n'))));

        // Replacing asks first and says what the old key will no longer open; keeping it changes nothing.
        const QString second = papers.filePath(QStringLiteral("second sheet.pdf"));
        QVERIFY(type(w, sel::kBackupSheetPath, second));
        QVERIFY(click(w, sel::kBackupMakeKey));
        QTRY_VERIFY(item(w, sel::kBackupReplaceContent) && fullyShown(item(w, sel::kBackupReplaceContent)));
        QVERIFY2(text(w, sel::kBackupReplaceWarning).contains(QLatin1String("will no longer open the backup")),
                 qPrintable(text(w, sel::kBackupReplaceWarning)));
        QVERIFY(click(w, sel::kBackupReplaceCancel));
        QTRY_VERIFY(!item(w, sel::kBackupReplaceContent));
        QVERIFY(!QFile::exists(second));
        QVERIFY(sync::checkRecoveryKey(app.f.store->db(), key, Cloud::now(), problem));
        QVERIFY(click(w, sel::kBackupMakeKey));
        QTRY_VERIFY(item(w, sel::kBackupReplaceContent) && fullyShown(item(w, sel::kBackupReplaceContent)));
        QVERIFY(click(w, sel::kBackupReplaceConfirm));
        QTRY_VERIFY_WITH_TIMEOUT(item(w, sel::kBackupRecoveryKey), 30'000);
        const QString replaced = app.screens.backup.recoveryKey();
        QVERIFY(replaced != key);
        QVERIFY(QFile::exists(second));
        QVERIFY(sync::checkRecoveryKey(app.f.store->db(), replaced, Cloud::now(), problem));
        QVERIFY(!sync::checkRecoveryKey(app.f.store->db(), key, Cloud::now(), problem)); // the old sheet opens nothing

        // Locking takes the key off the screen.
        QVERIFY(click(w, sel::kLockButton));
        QTRY_VERIFY(app.screens.backup.recoveryKey().isEmpty());
    }
};

QTEST_MAIN(TestSettingsBackup)
#include "tst_settingsbackup.moc"
