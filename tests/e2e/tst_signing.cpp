// Signing with a PIN, through the real main QML over a real temporary store, on an offscreen screen of a real
// size (1366x768 unless CII_TEST_SCREEN says otherwise): the window fits the screen it opens on; in a dialog whose
// note comes before its PIN pad, Enter or Tab moves the keyboard to the pad, the pad says when it has it, and a
// note holding the PIN is never recorded; the Resolve dialog shows its keys and actions without scrolling at
// 1024x768, 1366x768 and 1920x1080; a wrong PIN at the lock screen moves no key. Keys go to the focused item and
// clicks land on items' centres, as a person's do.
#include "Counter.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "Selectors.h"
#include "Sqlite.h"
#include "StoreStatus.h"
#include "TestApp.h"
#include "TestSupport.h"

#include <QFile>
#include <QGuiApplication>
#include <QQuickStyle>
#include <QScreen>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {

QString focused(QQuickWindow *w)
{
    return w->activeFocusItem() ? w->activeFocusItem()->objectName() : QString();
}

void keys(QQuickWindow *w, const QString &text)
{
    for (QChar c : text)
        QTest::keyClick(w, c.toLatin1());
}

QString padPin(QQuickWindow *w, const QString &pad)
{
    QQuickItem *i = item(w, pad);
    return i ? i->property("pin").toString() : QStringLiteral("<%1 not visible>").arg(pad);
}

/// Signed in by keys at the lock screen (a person's tile, the PIN typed, Enter), then a discrepancy's Resolve dialog.
bool openResolve(QQuickWindow *w, bool escalate = false)
{
    if (!click(w, sel::personTile(QStringLiteral("PC"))))
        return false;
    keys(w, QStringLiteral("1234"));
    pressEnter(w);
    return QTest::qWaitFor([w] { return item(w, sel::kDashboard) && settled(w); }) && click(w, sel::kReviewButton)
           && QTest::qWaitFor([w] { return item(w, sel::kSupervisorPage) && settled(w); }) && click(w, sel::discrepancy(1))
           && QTest::qWaitFor([w] { return item(w, sel::kDiscrepancyPage) && settled(w); })
           && click(w, escalate ? sel::kEscalateButton : sel::kResolveButton)
           && QTest::qWaitFor([w] { return fullyShown(item(w, sel::kResolveDialogContent)); });
}

/// Why the item cannot be seen and pressed where it is (empty when it can): outside the window, or outside a
/// scrolling area that holds it (below the dialog's scroll edge). Nothing is scrolled first: a person sees it or not.
QString hidden(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = item(w, name);
    if (!i)
        return name + QStringLiteral(" not shown");
    const QRectF r = i->mapRectToScene(QRectF(0, 0, i->width(), i->height()));
    if (r.top() < 0 || r.left() < 0 || r.bottom() > w->height() + 0.5 || r.right() > w->width() + 0.5)
        return name + QStringLiteral(" outside the window");
    for (QQuickItem *p = i->parentItem(); p; p = p->parentItem())
        if (p->inherits("QQuickFlickable") && !p->mapRectToScene(QRectF(0, 0, p->width(), p->height())).adjusted(-0.5, -0.5, 0.5, 0.5).contains(r))
            return name + QStringLiteral(" below the scroll edge");
    return {};
}

QList<QPointF> keyPositions(QQuickWindow *w)
{
    QList<QPointF> out;
    for (const QString &k : {sel::pinKey(QStringLiteral("1")), sel::pinKey(QStringLiteral("5")), sel::pinKey(QStringLiteral("9")),
                             sel::pinKey(QStringLiteral("0")), QStringLiteral("pinClear"), QString::fromLatin1(sel::kPinOk)})
        out << (item(w, k) ? item(w, k)->mapToScene(QPointF(0, 0)) : QPointF(-1, -1));
    return out;
}

} // namespace

class TestSigning : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    // Seen: the window opened at 1280x768 on a 1366x768 laptop and at 1280x800 in a corner of a 1920x1080 screen.
    void theWindowFitsTheScreen()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        QVERIFY2(available.width() >= 1024 && available.height() >= 768, "the test's screen is smaller than supported");
        QTRY_COMPARE(w->size(), available.size());
        QCOMPARE(w->position(), available.topLeft());
    }

    // Seen: a note typed, then the PIN typed on the keyboard: "Recounted with Jo Ruiz, 275 on shelf1234" was about to
    // be recorded, and the pad still said "0 digits entered".
    void aPinTypedAfterTheNoteGoesIntoThePin()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QVERIFY(f.ledger->count(*f.tech, f.oxy, 95).discrepancyOpened);
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(openResolve(w));
        QVERIFY(choose(w, sel::box(sel::kResolveReason), QStringLiteral("entered wrongly"))); // no shelf figure to type
        // The note has the keyboard; the pad says how to give it the keyboard.
        QVERIFY(type(w, sel::kResolveNote, QStringLiteral("Recounted")));
        QCOMPARE(text(w, sel::kPinDots), QStringLiteral("Press Enter or tap here"));
        // Tab moves on to the pad, which says it has the keyboard; the digits go into the PIN, not the note.
        QTest::keyClick(w, Qt::Key_Tab);
        QCOMPARE(focused(w), QStringLiteral("resolvePinPad"));
        QCOMPARE(text(w, sel::kPinDots), QStringLiteral("Type or tap your PIN"));
        keys(w, QStringLiteral("1234"));
        QCOMPARE(text(w, sel::input(sel::kResolveNote)), QStringLiteral("Recounted"));
        QCOMPARE(padPin(w, QStringLiteral("resolvePinPad")), QStringLiteral("1234"));
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(w, Qt::Key_Backspace);
        QCOMPARE(padPin(w, QStringLiteral("resolvePinPad")), QString());
        // Enter in the note moves there too.
        QVERIFY(click(w, sel::input(sel::kResolveNote)));
        pressEnter(w);
        QCOMPARE(focused(w), QStringLiteral("resolvePinPad"));

        // A person who types the PIN while the note still has the keyboard: the note holding the PIN is refused,
        // nothing is written, and the note is not recorded with it.
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::input(sel::kResolveNote)));
        keys(w, QStringLiteral("1234"));
        QCOMPARE(text(w, sel::input(sel::kResolveNote)), QStringLiteral("Recounted1234"));
        pressEnter(w);
        QCOMPARE(focused(w), QStringLiteral("resolvePinPad"));
        keys(w, QStringLiteral("1234"));
        pressEnter(w);
        QVERIFY(idle(w));
        QTRY_VERIFY2(text(w, sel::kResolveMessage).contains(QLatin1String("The note holds your PIN")), qPrintable(text(w, sel::kResolveMessage)));
        QCOMPARE(f.store->journal().headSeq(), head);
        QCOMPARE(scalarText(*f.store, "SELECT status FROM discrepancies WHERE id = 1"), QStringLiteral("open"));

        // Taken out of the note, then signed: the note as written, without the PIN.
        QVERIFY(type(w, sel::kResolveNote, QStringLiteral("Recounted")));
        QTest::keyClick(w, Qt::Key_Tab);
        keys(w, QStringLiteral("1234"));
        pressEnter(w);
        QTRY_VERIFY(!item(w, sel::kResolveDialogContent));
        QTRY_COMPARE(text(w, sel::kDiscrepancyStatus), QStringLiteral("Resolved"));
        QCOMPARE(scalarText(*f.store, "SELECT note FROM discrepancies WHERE id = 1"), QStringLiteral("Recounted"));
    }

    // The other dialog with a text before its PIN pad: "Correct this entry", its reason, then the PIN.
    void aPinTypedAfterTheReasonGoesIntoThePin()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        const qint64 receipt = f.store->journal().headSeq();
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(click(w, sel::product(f.oxy)));
        QVERIFY(click(w, sel::kLedgerButton));
        QTRY_VERIFY(item(w, sel::kLedgerPage) && settled(w));
        QTRY_VERIFY(item(w, sel::entry(receipt)));
        QVERIFY(click(w, sel::entry(receipt)));
        QVERIFY(click(w, sel::kCorrectButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kVoidDialogContent)));
        QTRY_COMPARE(focused(w), sel::input(sel::kVoidReason));
        keys(w, QStringLiteral("Wrong bottle"));
        QCOMPARE(text(w, sel::kPinDots), QStringLiteral("Press Enter or tap here"));
        QTest::keyClick(w, Qt::Key_Tab);
        QCOMPARE(focused(w), QStringLiteral("voidPinPad"));
        keys(w, QStringLiteral("1234"));
        QCOMPARE(text(w, sel::input(sel::kVoidReason)), QStringLiteral("Wrong bottle"));
        QCOMPARE(padPin(w, QStringLiteral("voidPinPad")), QStringLiteral("1234"));
        // Cancelled: the PIN on the pad goes with it, never to sign the dialog opened next.
        QVERIFY(click(w, sel::kVoidCancel));
        QTRY_VERIFY(!item(w, sel::kVoidDialogContent));
        QVERIFY(click(w, sel::kCorrectButton));
        QTRY_VERIFY(fullyShown(item(w, sel::kVoidDialogContent)));
        QCOMPARE(padPin(w, QStringLiteral("voidPinPad")), QString());
        QVERIFY(click(w, sel::kVoidCancel));
    }

    // Seen: "Expected 278, counted 275" without today's balance, then after the PIN "The recount (275) does not match
    // the records without the count that opened discrepancy 1 (248)", 248 explained nowhere; the refusal stayed after
    // the reason was changed.
    void theRecountIsCheckedAgainstAFigureShownFirst()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QVERIFY(f.ledger->count(*f.tech, f.oxy, 95).discrepancyOpened); // 100 expected: the balance is now 95
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RX8001"), 10)); // 85 on hand
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(openResolve(w));
        QVERIFY(choose(w, sel::box(sel::kResolveReason), QStringLiteral("Counting error")));
        QTRY_VERIFY2(text(w, QStringLiteral("resolveExplanation")).contains(
                         QLatin1String("On hand now: 85 tablets. If the count was wrong, the shelf should hold 90 tablets "
                                       "(100 expected at the count, -10 since).")),
                     qPrintable(text(w, QStringLiteral("resolveExplanation"))));
        QVERIFY(type(w, sel::kResolveRecounted, QStringLiteral("95")));
        QVERIFY(type(w, sel::kResolveNote, QStringLiteral("Recounted")));
        QVERIFY(enterPin(w, QStringLiteral("1234")));
        QTRY_VERIFY2(text(w, sel::kResolveMessage).contains(QLatin1String("The recount (95) is not what the shelf should hold now if the "
                                                                          "count was wrong: 90 (100 expected at the count, -10 since)")),
                     qPrintable(text(w, sel::kResolveMessage)));
        // Another reason: the refusal of the recount is gone.
        QVERIFY(choose(w, sel::box(sel::kResolveReason), QStringLiteral("entered wrongly")));
        QTRY_COMPARE(text(w, sel::kResolveMessage), QString());
        QVERIFY(choose(w, sel::box(sel::kResolveReason), QStringLiteral("Counting error")));
        QVERIFY(type(w, sel::kResolveRecounted, QStringLiteral("90")));
        QVERIFY(enterPin(w, QStringLiteral("1234")));
        QTRY_COMPARE(text(w, sel::kDiscrepancyStatus), QStringLiteral("Resolved"));
        QCOMPARE(f.ledger->balance(f.oxy), 90);
    }

    // Seen: at 1024x768, 1366x768 and 1920x1080 only the PIN rows 1-6 showed; Clear, 0 and "Resolve" were below the
    // dialog's scroll edge.
    void theResolveDialogShowsItsKeysAndActions_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("escalate");
        for (const QSize s : {QSize(1024, 768), QSize(1366, 768), QSize(1920, 1080)}) {
            const QByteArray name = QByteArray::number(s.width()) + 'x' + QByteArray::number(s.height());
            QTest::newRow(name + " resolve") << s << false;
            QTest::newRow(name + " escalate") << s << true;
        }
    }
    void theResolveDialogShowsItsKeysAndActions()
    {
        QFETCH(QSize, size);
        QFETCH(bool, escalate);
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        QVERIFY(f.ledger->count(*f.tech, f.oxy, 95).discrepancyOpened);
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->setWindowState(Qt::WindowNoState);
        w->resize(size);
        QTRY_COMPARE(w->size(), size);
        QVERIFY(openResolve(w, escalate));
        if (!escalate) // the counting error shows the most: the recount field too
            QVERIFY(choose(w, sel::box(sel::kResolveReason), QStringLiteral("Counting error")));
        QQuickTest::qWaitForPolish(w, 2000);
        QStringList problems;
        for (const QString &k : {sel::pinKey(QStringLiteral("1")), sel::pinKey(QStringLiteral("9")), sel::pinKey(QStringLiteral("0")),
                                 QStringLiteral("pinClear"), QString::fromLatin1(sel::kPinOk), QString::fromLatin1(sel::kPinDots),
                                 QString::fromLatin1(sel::kResolveCancel), sel::input(sel::kResolveNote)})
            if (const QString p = hidden(w, k); !p.isEmpty())
                problems << p;
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1String(", "))));
        // A message takes the line kept for it: no key moves.
        const QList<QPointF> before = keyPositions(w);
        QVERIFY(enterPin(w, QStringLiteral("9999")));
        QTRY_VERIFY(!text(w, sel::kResolveMessage).isEmpty()); // a wrong PIN, or what is missing
        QQuickTest::qWaitForPolish(w, 2000);
        QCOMPARE(keyPositions(w), before);
        QVERIFY(hidden(w, sel::kResolveCancel).isEmpty());
    }

    // Seen: "Could not sign in: wrong PIN" appeared and the PIN pad jumped 254 px left, under the next tap.
    void aWrongPinMovesNoKey_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x768") << QSize(1024, 768);
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }
    void aWrongPinMovesNoKey()
    {
        QFETCH(QSize, size);
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->setWindowState(Qt::WindowNoState);
        w->resize(size);
        QTRY_COMPARE(w->size(), size);
        QVERIFY(click(w, sel::personTile(QStringLiteral("TN"))));
        QQuickTest::qWaitForPolish(w, 2000);
        const QList<QPointF> before = keyPositions(w);
        QVERIFY(!before.contains(QPointF(-1, -1)));
        // Beside the people's tiles, never over them.
        QQuickItem *tile = item(w, sel::personTile(QStringLiteral("TN")));
        QVERIFY2(before.first().x() >= tile->mapToScene(QPointF(tile->width(), 0)).x(),
                 qPrintable(QStringLiteral("the pad (x %1) overlaps the tiles").arg(before.first().x())));
        QVERIFY(enterPin(w, QStringLiteral("9999")));
        QTRY_VERIFY(text(w, sel::kLockMessage).contains(QLatin1String("wrong PIN")));
        QQuickTest::qWaitForPolish(w, 2000);
        QCOMPARE(keyPositions(w), before);
    }
};

// The offscreen platform's screen is 800x600 unless told otherwise: a screen of the size under test, from
// CII_TEST_SCREEN (WxH, default 1366x768), so the window opens as it would on a person's screen.
int main(int argc, char *argv[])
{
    const QByteArray size = qEnvironmentVariableIsSet("CII_TEST_SCREEN") ? qgetenv("CII_TEST_SCREEN") : QByteArray("1366x768");
    const QList<QByteArray> wh = size.split('x');
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screen.json"));
    QFile file(config);
    if (wh.size() != 2 || !file.open(QIODevice::WriteOnly))
        return 2;
    file.write("{\"synchronousWindowSystemEvents\": false, \"windowFrameMargins\": false, \"screens\": [{\"name\": \"Screen\", "
               "\"x\": 0, \"y\": 0, \"width\": " + wh.at(0) + ", \"height\": " + wh.at(1)
               + ", \"logicalDpi\": 96, \"logicalBaseDpi\": 96, \"dpr\": 1}]}");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toUtf8());
    QGuiApplication app(argc, argv);
    TestSigning test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signing.moc"
