#pragma once
// The real main QML over a fixture's store, for the interface tests.
#include "QmlSetup.h"
#include "StoreStatus.h"
#include "TestSupport.h"
#include "UiServices.h"

#include <QQmlApplicationEngine>
#include <QQuickWindow>

namespace cii::test {

/// The real main QML over a fixture's store, with the C++ singletons the composition root makes (UiServices, as
/// src/app/main.cpp builds them).
struct App
{
    explicit App(LedgerFixture &f)
        : status(f.store.get(), [&f] { return f.t.open(false); }, nullptr)
        , screens(f.store.get())
    {
        StoreStatus::setInstance(&status);
        screens.install();
        prepareQmlEngine(engine);
        engine.load(QUrl(QString::fromLatin1(kMainQml)));
    }
    QQuickWindow *window() const
    {
        return engine.rootObjects().size() == 1 ? qobject_cast<QQuickWindow *>(engine.rootObjects().first()) : nullptr;
    }
    StoreStatus status;
    UiServices screens;
    Counter &counter = screens.counter;
    QQmlApplicationEngine engine;
};

} // namespace cii::test
