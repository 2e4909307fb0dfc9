#pragma once

#include <QQmlEngine>

namespace cii {

/// The URL of the main screen, inside the static CiiLedger module.
inline const char kMainQml[] = "qrc:/CiiLedger/Main.qml";

/// Makes the statically linked CiiLedger modules findable. Qt 6.4 puts their qmldir files under qrc:/ but
/// does not search there by default (6.5 adds qrc:/qt/qml); without this, composite types are "not a type".
inline void prepareQmlEngine(QQmlEngine &engine)
{
    engine.addImportPath(QStringLiteral("qrc:/"));
}

} // namespace cii
