#pragma once
// Drives the real QML the way a person does: finds visible items by objectName, clicks their centre, types
// key by key. Shared by the end-to-end tests and the screenshot tool.

#include "Selectors.h"

#include <QQmlContext>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QKeyEvent>
#include <QTest>
#include <QtQuickTest/quicktest.h>

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

/// True once the item and every item above it are fully opaque and at full scale: a popup has finished its
/// opening transition (taps during it can miss).
inline bool fullyShown(QQuickItem *i)
{
    if (!i)
        return false;
    for (; i; i = i->parentItem())
        if (i->opacity() < 1 || i->scale() != 1)
            return false;
    return true;
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

/// PINs are checked on a worker while a busy overlay takes the taps: wait until it is gone and the command sent.
inline bool idle(QQuickWindow *w)
{
    return QTest::qWaitFor([&] { return item(w, sel::kBusyOverlay) == nullptr; }, 10000);
}

/// A StackView ignores input while a page slides in or out: wait until it is still (and no PIN is being checked).
inline bool settled(QQuickWindow *w)
{
    if (!idle(w))
        return false;
    QQuickItem *stack = item(w, sel::kStack);
    return QTest::qWaitFor([&] { return !stack || !stack->property("busy").toBool(); }, 5000);
}

/// Scrolls the scrolling area that holds `i` (a ScrollView's Flickable), if any, until `i` is wholly in it: what a
/// person does to reach a button below the fold.
inline void scrollTo(QQuickItem *i)
{
    for (QQuickItem *p = i->parentItem(); p; p = p->parentItem()) {
        if (!p->inherits("QQuickFlickable"))
            continue;
        auto *content = p->property("contentItem").value<QQuickItem *>();
        const qreal top = i->mapToItem(content, QPointF(0, 0)).y();
        const qreal contentY = p->property("contentY").toReal();
        const qreal maxY = qMax(0.0, p->property("contentHeight").toReal() - p->height());
        if (top < contentY)
            p->setProperty("contentY", qMax(0.0, top));
        else if (top + i->height() > contentY + p->height())
            p->setProperty("contentY", qMin(maxY, top + i->height() - p->height()));
        return;
    }
}

inline bool click(QQuickWindow *w, const QString &name)
{
    if (!settled(w))
        return false;
    QQuickItem *i = item(w, name);
    if (!i || !i->isEnabled())
        return false;
    scrollTo(i);
    if (i->height() < 48)
        qWarning("%s is smaller than a touch target", qPrintable(name));
    // A control that has just appeared (a header button after sign-in) gets its place at the next polish: a click
    // aimed before it lands where the control is not yet.
    QQuickTest::qWaitForPolish(w, 2000);
    const QPoint centre = i->mapToScene(QPointF(i->width() / 2, i->height() / 2)).toPoint();
    QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, centre);
    return true;
}

inline bool type(QQuickWindow *w, const QString &field, const QString &text)
{
    QQuickItem *i = settled(w) ? item(w, sel::input(field)) : nullptr;
    if (!i)
        return false;
    i->forceActiveFocus();
    i->setProperty("text", QString());
    for (QChar c : text) // as a keyboard or a keyboard-wedge scanner types it
        QTest::keyClick(w, c.toLatin1());
    return i->property("text").toString() == text;
}

/// A person presses Enter: after their last key, more time than a scanner leaves (a fast burst of keys ending in
/// Enter is taken for a scan, and its Enter is not passed on).
inline void pressEnter(QQuickWindow *w)
{
    QTest::qWait(100);
    QTest::keyClick(w, Qt::Key_Return);
}

/// A keyboard-wedge scanner: after a person's last key a pause, then the code as a burst of keys, then Enter.
/// The keys carry the times the system would give a scanner's keys, 4 ms apart: QTest stamps a key when it sends
/// it, after the last one was handled, which under a sanitizer or a loaded machine can take longer than a scanner
/// ever does. The times start far after any QTest stamp (the detector takes a jump back in time as a pause).
inline void scan(QQuickWindow *w, const QString &code)
{
    static quint64 next = quint64(1) << 40;
    QTest::qWait(150);
    const auto sendKey = [&](int key, const QString &text) {
        for (const QEvent::Type type : {QEvent::KeyPress, QEvent::KeyRelease}) {
            QKeyEvent e(type, key, Qt::NoModifier, text);
            e.setTimestamp(next);
            QCoreApplication::sendEvent(w, &e);
        }
        next += 4;
    };
    for (QChar c : code)
        sendKey(c.isLetterOrNumber() ? int(c.toUpper().unicode()) : int(c.unicode()), QString(c));
    sendKey(Qt::Key_Return, QStringLiteral("\r"));
    next += 1'000'000;
}

inline QString text(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = item(w, name);
    return i ? i->property("text").toString() : QStringLiteral("<%1 not visible>").arg(name);
}

/// Saves a form as a person does: Save, read the summary, "Record it".
inline bool saveForm(QQuickWindow *w)
{
    if (!click(w, sel::kSaveButton)) {
        qWarning("saveForm: no Save button to press");
        return false;
    }
    if (!QTest::qWaitFor([&] { return fullyShown(item(w, sel::kSummaryContent)); }, 10000)) {
        qWarning("saveForm: the summary did not open");
        return false;
    }
    if (!click(w, sel::kConfirmSaveButton)) {
        qWarning("saveForm: no \"Record it\" button to press");
        return false;
    }
    // The summary fades out; until it is gone its dimmer takes the clicks.
    if (!QTest::qWaitFor([&] { return item(w, sel::kSummaryContent) == nullptr; }, 10000)) {
        qWarning("saveForm: the summary did not close");
        return false;
    }
    if (!idle(w)) {
        qWarning("saveForm: the PIN check did not end");
        return false;
    }
    return true;
}

/// Chooses the entry of a ComboBox whose text contains `text`.
inline bool choose(QQuickWindow *w, const QString &comboName, const QString &text)
{
    QQuickItem *box = item(w, comboName);
    if (!box)
        return false;
    const QStringList entries = box->property("model").toStringList();
    for (int i = 0; i < entries.size(); ++i)
        if (entries.at(i).contains(text)) {
            box->setProperty("currentIndex", i);
            return true;
        }
    return false;
}

/// The PIN on the pad, OK, and the check on the worker finished.
inline bool enterPin(QQuickWindow *w, const QString &digits)
{
    for (QChar d : digits)
        if (!click(w, sel::pinKey(d)))
            return false;
    return click(w, sel::kPinOk) && idle(w);
}

inline void pin(QQuickWindow *w, const QString &digits)
{
    QVERIFY2(enterPin(w, digits), "the PIN pad did not take the PIN");
}

/// From the lock screen to the dashboard: a person's tile, their PIN on the pad.
inline bool signInByPin(QQuickWindow *w, const QString &initials, const QString &digits)
{
    return click(w, sel::personTile(initials)) && enterPin(w, digits)
           && QTest::qWaitFor([&] { return item(w, sel::kDashboard) && settled(w); }, 10000);
}

/// Interactive items under `root` that a person can press or type into, for the touch and accessibility sweep.
inline void interactiveItems(QQuickItem *root, QList<QQuickItem *> &out)
{
    if (!root || !root->isVisible() || root->opacity() == 0)
        return;
    for (const QMetaObject *mo = root->metaObject(); mo; mo = mo->superClass()) {
        const QByteArray name = mo->className();
        if (name == "QQuickComboBox") {
            out << root;
            return; // its text field and indicator are parts of it, not items of their own
        }
        if (name == "QQuickAbstractButton" || name == "QQuickTextField" || name == "QQuickItemDelegate") {
            out << root;
            break;
        }
    }
    for (QQuickItem *child : root->childItems())
        interactiveItems(child, out);
}

/// What is wrong with the interactive items on screen: no objectName, no accessible name, smaller than 48 px,
/// or outside the window. Empty when every one is fine.
inline QStringList touchAndAccessibilityProblems(QQuickWindow *w)
{
    QList<QQuickItem *> items;
    interactiveItems(w->contentItem(), items);
    QStringList problems;
    for (QQuickItem *i : items) {
        const QString id = i->objectName().isEmpty() ? QString::fromLatin1(i->metaObject()->className()) : i->objectName();
        if (i->objectName().isEmpty() && !i->parentItem()->objectName().endsWith(QLatin1String("Field")))
            problems << id + QStringLiteral(": no objectName");
        if (QQmlProperty::read(i, QStringLiteral("Accessible.name"), qmlContext(i)).toString().isEmpty())
            problems << id + QStringLiteral(": no Accessible.name");
        if (i->height() < 48)
            problems << id + QStringLiteral(": %1 px high").arg(i->height());
        const QRectF r = i->mapRectToScene(QRectF(0, 0, i->width(), i->height()));
        if (r.bottom() > w->height() + 0.5 || r.right() > w->width() + 0.5)
            problems << id + QStringLiteral(": outside the window");
    }
    return problems;
}

} // namespace cii::test
