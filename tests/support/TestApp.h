#pragma once
// The real main QML over a fixture's store, for the interface tests.
#include "Counter.h"
#include "QmlSetup.h"
#include "StoreStatus.h"
#include "TestSupport.h"

#include <QQmlApplicationEngine>
#include <QQuickWindow>

namespace cii::test {

/// The real main QML over a fixture's store, with the C++ singletons the composition root would make.
struct App
{
    explicit App(LedgerFixture &f)
        : status(f.store.get(), [&f] { return f.t.open(false); }, nullptr)
        , counter(f.store.get())
    {
        StoreStatus::setInstance(&status);
        Counter::setInstance(&counter);
        prepareQmlEngine(engine);
        engine.load(QUrl(QString::fromLatin1(kMainQml)));
    }
    QQuickWindow *window() const
    {
        return engine.rootObjects().size() == 1 ? qobject_cast<QQuickWindow *>(engine.rootObjects().first()) : nullptr;
    }
    StoreStatus status;
    Counter counter;
    QQmlApplicationEngine engine;
};

} // namespace cii::test
