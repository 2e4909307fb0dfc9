// Loads the real main QML over a real temporary store, offscreen, and clicks it.
#include "Counter.h"
#include "UiServices.h"
#include "QmlSetup.h"
#include "Selectors.h"
#include "StoreLocation.h"
#include "StoreStatus.h"
#include "TestSupport.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;

namespace {
QString textOf(QObject *root, const char *name)
{
    QObject *item = root->findChild<QObject *>(QString::fromLatin1(name));
    return item ? item->property("text").toString() : QStringLiteral("<%1 not found>").arg(QLatin1String(name));
}
} // namespace

class TestAppWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void showsTheOpenStoreAndVerifiesOnAWorker()
    {
        test::TempStore t;
        auto store = t.open();
        store->append(QStringLiteral("tester"), QStringLiteral("setting.changed"),
                      {{QStringLiteral("key"), QStringLiteral("a")}, {QStringLiteral("value"), QStringLiteral("b")}});
        StoreStatus status(store.get(), [&t] { return t.open(false); }, nullptr);
        StoreStatus::setInstance(&status);
        UiServices screens(store.get()); // no pharmacy yet: the window shows the not-set-up page with the store panel
        Counter &counter = screens.counter;
        screens.install();

        QQmlApplicationEngine engine;
        prepareQmlEngine(engine);
        engine.load(QUrl(QString::fromLatin1(kMainQml)));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));

        QCOMPARE(textOf(window, sel::kStoreHeading), QStringLiteral("Encrypted store open"));
        QCOMPARE(textOf(window, "value_eventCount"), QStringLiteral("2"));
        QCOMPARE(textOf(window, "value_headHash"), QString::fromLatin1(store->journal().headHash().toHex()));
        QVERIFY(textOf(window, "value_keyProtection").contains(QLatin1String("no system keychain")));

        // A commit updates the window.
        store->append(QStringLiteral("tester"), QStringLiteral("setting.changed"),
                      {{QStringLiteral("key"), QStringLiteral("c")}, {QStringLiteral("value"), QStringLiteral("d")}});
        QTRY_COMPARE(textOf(window, "value_eventCount"), QStringLiteral("3"));

        auto *button = window->findChild<QQuickItem *>(sel::kVerifyButton);
        QVERIFY(button);
        QVERIFY(button->height() >= 48);
        const QPointF centre = button->mapToScene(QPointF(button->width() / 2, button->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
        QTRY_VERIFY_WITH_TIMEOUT(textOf(window, sel::kVerifyResult).startsWith(QLatin1String("The journal is intact: 3 events")), 10000);
    }

    void showsWhyTheStoreDidNotOpen()
    {
        const CiiError error(CiiError::Code::WrongKey, QStringLiteral("open the store"), QStringLiteral("/x/ledger.db"),
                             QStringLiteral("the key found belongs to a different store"), QStringLiteral("Restore from the cloud."));
        StoreStatus status(nullptr, {}, &error);
        StoreStatus::setInstance(&status);
        UiServices screens(nullptr);
        Counter &counter = screens.counter;
        screens.install();
        QQmlApplicationEngine engine;
        prepareQmlEngine(engine);
        engine.load(QUrl(QString::fromLatin1(kMainQml)));
        QCOMPARE(engine.rootObjects().size(), 1);
        QObject *root = engine.rootObjects().first();
        QCOMPARE(textOf(root, sel::kStoreHeading), QStringLiteral("The store could not be opened"));
        QCOMPARE(textOf(root, sel::kStoreError), error.message());
        QCOMPARE(textOf(root, sel::kStoreErrorHint), QStringLiteral("Restore from the cloud."));
    }
};

QTEST_MAIN(TestAppWindow)
#include "tst_appwindow.moc"
