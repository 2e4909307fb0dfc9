// Renders each screen of the real QML over fixture stores and saves PNGs for docs/screenshots/.
// Run under Xvfb with the xcb platform (scripts/screenshots.sh): the offscreen platform skips parts of
// the Material style.
#include "QmlSetup.h"
#include "StoreStatus.h"
#include "TestSupport.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;

namespace {

bool shoot(StoreStatus &status, const QString &file, const std::function<void(QQuickWindow *)> &prepare = {})
{
    StoreStatus::setInstance(&status);
    QQmlApplicationEngine engine;
    prepareQmlEngine(engine);
    engine.load(QUrl(QString::fromLatin1(kMainQml)));
    if (engine.rootObjects().isEmpty())
        return false;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    window->resize(1280, 800);
    if (!QTest::qWaitForWindowExposed(window))
        return false;
    if (prepare)
        prepare(window);
    QTest::qWait(300);
    const bool ok = window->grabWindow().save(file);
    qInfo("%s %s", ok ? "wrote" : "FAILED", qPrintable(file));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Material"));
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    bool ok = true;

    {
        test::TempStore t;
        auto store = t.open();
        for (int i = 0; i < 41; ++i)
            store->append(QStringLiteral("system"), QStringLiteral("setting.changed"),
                          {{QStringLiteral("key"), QStringLiteral("k%1").arg(i)}, {QStringLiteral("value"), QString::number(i)}});
        StoreStatus status(store.get(), [&t] { return t.open(false); }, nullptr);
        ok &= shoot(status, out + QStringLiteral("/store-status.png"), [&](QQuickWindow *) {
            status.verify();
            QTRY_VERIFY_WITH_TIMEOUT(!status.verifying(), 10000);
        });
    }
    {
        const CiiError error(CiiError::Code::WrongKey, QStringLiteral("open the store"),
                             QStringLiteral("/home/pharmacy/.local/share/cii-ledger/ledger.db"),
                             QStringLiteral("the key found in the system keychain belongs to a different store"),
                             QStringLiteral("The file may have been replaced by another store's file. Put the right "
                                            "file back, or restore from the cloud with the recovery key."));
        StoreStatus status(nullptr, {}, &error);
        ok &= shoot(status, out + QStringLiteral("/store-error.png"));
    }
    return ok ? 0 : 1;
}
