// Qt Quick Test runner for the reusable components (tests/qml/tst_*.qml), with the statically linked
// CiiLedger.Components module made findable.
#include "QmlSetup.h"

#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

class Setup : public QObject
{
    Q_OBJECT
public:
    Setup() { QQuickStyle::setStyle(QStringLiteral("Material")); }
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine) { cii::prepareQmlEngine(*engine); }
};

QUICK_TEST_MAIN_WITH_SETUP(components, Setup)
#include "tst_components.moc"
