// A scanner's burst against a person's typing.
#include "ScanDetector.h"

#include <QTest>

using namespace cii;

namespace {
std::optional<QString> feed(ScanDetector &d, const QString &text, qint64 startMs, qint64 gapMs, qint64 enterGapMs)
{
    qint64 t = startMs;
    for (QChar c : text) {
        d.character(c, t);
        t += gapMs;
    }
    return d.enter(t - gapMs + enterGapMs);
}
} // namespace

class TestScanDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aBurstEndedByEnterIsAScan()
    {
        ScanDetector d;
        QCOMPARE(feed(d, QStringLiteral("305744072055"), 1000, 4, 5), std::optional<QString>(QStringLiteral("305744072055")));
    }
    void typingIsNotAScan()
    {
        ScanDetector d;
        QVERIFY(!feed(d, QStringLiteral("305744072055"), 1000, 150, 200).has_value());
    }
    void aPauseBeforeEnterIsTyping()
    {
        ScanDetector d;
        QVERIFY(!feed(d, QStringLiteral("305744072055"), 1000, 4, 500).has_value());
    }
    void shortBurstsAreNotCodes()
    {
        ScanDetector d;
        QVERIFY(!feed(d, QStringLiteral("1234"), 1000, 4, 4).has_value());
    }
    void typedCharactersBeforeAScanAreDropped()
    {
        ScanDetector d;
        d.character(QLatin1Char('o'), 0);
        d.character(QLatin1Char('x'), 180);
        QCOMPARE(feed(d, QStringLiteral("]d201003057440720551728013110LOT42"), 2000, 3, 3).value_or(QString()),
                 QStringLiteral("]d201003057440720551728013110LOT42"));
        QVERIFY(!d.enter(2200).has_value()); // the buffer is empty after a scan
    }
    void timeGoingBackIsAPause()
    {
        // Keys stamped by another clock (or a clock set back) never join a burst across the jump.
        ScanDetector d;
        feed(d, QStringLiteral("12345"), 5000, 4, 4);
        d.character(QLatin1Char('6'), 5030);
        QVERIFY(!feed(d, QStringLiteral("789"), 100, 4, 4).has_value()); // 3 keys after the jump: too short
        QVERIFY(!feed(d, QStringLiteral("305744072055"), 9000, 4, -50).has_value()); // Enter stamped before the last key
    }
};

QTEST_APPLESS_MAIN(TestScanDetector)
#include "tst_scandetector.moc"
