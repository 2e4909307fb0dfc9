#pragma once
// Drives the real QML the way a person does: finds visible items by objectName, clicks their centre, types
// key by key. Shared by the end-to-end tests and the screenshot tool.

#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

namespace cii::test {

/// The visible item with this objectName, walking the visual tree (Repeater and Loader items are not always
/// QObject children of what shows them; a StackView keeps pages below the top one alive but hidden).
inline QQuickItem *find(QQuickItem *root, const QString &name)
{
    if (!root->isVisible())
        return nullptr;
    if (root->objectName() == name)
        return root;
    for (QQuickItem *child : root->childItems())
        if (QQuickItem *found = find(child, name))
            return found;
    return nullptr;
}

inline QQuickItem *item(QQuickWindow *w, const QString &name)
{
    return find(w->contentItem(), name);
}

/// Every text shown under `root` (labels, fields), for checking what a screen does not show.
inline QStringList shownTexts(QQuickItem *root)
{
    QStringList out;
    if (!root || !root->isVisible())
        return out;
    const QVariant t = root->property("text");
    if (t.isValid() && !t.toString().isEmpty())
        out << t.toString();
    for (QQuickItem *child : root->childItems())
        out << shownTexts(child);
    return out;
}

/// A StackView ignores input while a page slides in or out: wait until it is still.
inline bool settled(QQuickWindow *w)
{
    QQuickItem *stack = item(w, QStringLiteral("stack"));
    return QTest::qWaitFor([&] { return !stack || !stack->property("busy").toBool(); }, 5000);
}

inline bool click(QQuickWindow *w, const QString &name)
{
    if (!settled(w))
        return false;
    QQuickItem *i = item(w, name);
    if (!i || !i->isEnabled())
        return false;
    if (i->height() < 48)
        qWarning("%s is smaller than a touch target", qPrintable(name));
    const QPoint centre = i->mapToScene(QPointF(i->width() / 2, i->height() / 2)).toPoint();
    QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, centre);
    return true;
}

inline bool type(QQuickWindow *w, const QString &field, const QString &text)
{
    QQuickItem *i = settled(w) ? item(w, field + QStringLiteral("Input")) : nullptr;
    if (!i)
        return false;
    i->forceActiveFocus();
    i->setProperty("text", QString());
    for (QChar c : text) // as a keyboard or a keyboard-wedge scanner types it
        QTest::keyClick(w, c.toLatin1());
    return i->property("text").toString() == text;
}

inline QString text(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = item(w, name);
    return i ? i->property("text").toString() : QStringLiteral("<%1 not visible>").arg(name);
}

inline void pin(QQuickWindow *w, const QString &digits)
{
    for (QChar d : digits)
        QVERIFY2(click(w, QStringLiteral("pinKey") + d), "pin key");
    QVERIFY(click(w, QStringLiteral("pinOk")));
}

} // namespace cii::test
