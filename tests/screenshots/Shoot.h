#pragma once
// The screenshot tool's one way to take pictures: the main QML over given instances, driven step by step.
#include "Counter.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "StoreStatus.h"

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTest>
#include <functional>

namespace cii::screenshots {

using Steps = QList<std::pair<QString, std::function<void(QQuickWindow *)>>>;

/// Loads the main QML with these instances, lets `steps` drive it, and saves one PNG per named step.
inline bool shoot(StoreStatus &status, Counter &counter, const Steps &steps)
{
    StoreStatus::setInstance(&status);
    Counter::setInstance(&counter);
    QQmlApplicationEngine engine;
    prepareQmlEngine(engine);
    engine.load(QUrl(QString::fromLatin1(kMainQml)));
    if (engine.rootObjects().isEmpty())
        return false;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    // CII_SCREENSHOT_SIZE=1024x768 looks at the screens at another size (into another directory).
    const QList<QByteArray> size = qgetenv("CII_SCREENSHOT_SIZE").split('x');
    if (size.size() == 2 && size.at(0).toInt() > 0 && size.at(1).toInt() > 0)
        window->resize(size.at(0).toInt(), size.at(1).toInt());
    else
        window->resize(1280, 800);
    if (!QTest::qWaitForWindowExposed(window))
        return false;
    bool ok = true;
    for (const auto &[file, step] : steps) {
        if (step)
            step(window);
        test::settled(window);
        QTest::qWait(300);
        const bool saved = window->grabWindow().save(file);
        qInfo("%s %s", saved ? "wrote" : "FAILED", qPrintable(file));
        ok &= saved;
    }
    return ok;
}

/// The supervisor's screens (ReviewShots.cpp): queue, detail, resolve, Form 106, reconciliation, inventory.
bool shootReview(const QString &out);
/// Settings > Products at 1366x768, the FDA directory's fixture in `fdaFolder` imported (ProductsShots.cpp).
bool shootProducts(const QString &out, const QString &fdaFolder);

} // namespace cii::screenshots
