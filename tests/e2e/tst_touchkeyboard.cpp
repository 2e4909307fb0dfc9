// A touch-only panel (the app started with --touch-keyboard): Qt Virtual Keyboard rises for a text field, the
// screen keeps the field above it, and its keys type. The real main QML over a real temporary store, offscreen.
#include "QuickDriver.h"
#include "Selectors.h"
#include "TestApp.h"

#include <QGuiApplication>
#include <QInputMethod>
#include <QQuickItem>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {
/// The visible key of the on-screen keyboard that shows `label`.
QQuickItem *keyLabelled(QQuickItem *root, const QString &label)
{
    if (!root || !root->isVisible())
        return nullptr;
    if (root->inherits("QQuickVirtualKeyboard::BaseKey") || QByteArray(root->metaObject()->className()).contains("Key")) {
        if (root->property("displayText").toString() == label || root->property("text").toString() == label)
            return root;
    }
    for (QQuickItem *child : root->childItems())
        if (QQuickItem *k = keyLabelled(child, label))
            return k;
    return nullptr;
}
} // namespace

class TestTouchKeyboard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
        QVERIFY(Counter::touchKeyboard());
    }

    void keyboardRisesForTextFieldsAndTypes()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));

        QQuickItem *loader = item(w, sel::kTouchKeyboardLoader);
        QVERIFY(loader);
        auto *panel = qvariant_cast<QQuickItem *>(loader->property("item"));
        QVERIFY2(panel, "the on-screen keyboard is loaded");
        QVERIFY(!panel->property("active").toBool());
        QVERIFY(click(w, sel::input(sel::kSearch)));
        QTRY_VERIFY(panel->property("active").toBool());
        QTRY_VERIFY(QGuiApplication::inputMethod()->isVisible());
        // The field being typed into stays above the keyboard.
        QQuickItem *search = item(w, sel::input(sel::kSearch));
        const QRectF field = search->mapRectToScene(QRectF(0, 0, search->width(), search->height()));
        const QRectF keys = panel->mapRectToScene(QRectF(0, 0, panel->width(), panel->height()));
        QTRY_VERIFY(panel->height() > 100);
        QVERIFY2(field.bottom() <= keys.top(), "the search field is hidden under the keyboard");

        // Its keys type into the field.
        for (const QString &letter : {QStringLiteral("o"), QStringLiteral("x"), QStringLiteral("y")}) {
            QQuickItem *key = keyLabelled(panel, letter);
            QVERIFY2(key, qPrintable(QStringLiteral("no key %1").arg(letter)));
            const QPoint centre = key->mapToScene(QPointF(key->width() / 2, key->height() / 2)).toPoint();
            QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, centre);
        }
        QTRY_COMPARE(search->property("text").toString(), QStringLiteral("oxy"));
        QTRY_VERIFY(item(w, sel::product(f.oxy)));
    }
};

int main(int argc, char *argv[])
{
    // What --touch-keyboard does in main.cpp: the input method is chosen before the application exists.
    qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    QGuiApplication app(argc, argv);
    TestTouchKeyboard test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_touchkeyboard.moc"
