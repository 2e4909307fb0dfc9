#include "CanonicalCbor.h"
#include "CiiError.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

using namespace cii;

class TestCanonicalCbor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void integersUseTheShortestForm_data()
    {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QByteArray>("hex");
        QTest::newRow("0") << qint64(0) << QByteArray("00");
        QTest::newRow("23") << qint64(23) << QByteArray("17");
        QTest::newRow("24") << qint64(24) << QByteArray("1818");
        QTest::newRow("1000") << qint64(1000) << QByteArray("1903e8");
        QTest::newRow("-1") << qint64(-1) << QByteArray("20");
        QTest::newRow("2^32") << qint64(4294967296) << QByteArray("1b0000000100000000");
    }
    void integersUseTheShortestForm()
    {
        QFETCH(qint64, value);
        QFETCH(QByteArray, hex);
        QCOMPARE(canonicalCbor(value).toHex(), hex);
    }

    void mapKeysAreSortedByTheirEncoding()
    {
        // Insertion order differs; encodings must not. Shorter keys sort first (their length byte is smaller).
        QCborMap a{{QStringLiteral("b"), 1}, {QStringLiteral("aa"), 2}, {QStringLiteral("a"), 3}};
        QCborMap b{{QStringLiteral("aa"), 2}, {QStringLiteral("a"), 3}, {QStringLiteral("b"), 1}};
        QCOMPARE(canonicalCbor(a), canonicalCbor(b));
        // a3 61 61 03 61 62 01 62 61 61 02  ==  {"a":3, "b":1, "aa":2}
        QCOMPARE(canonicalCbor(a).toHex(), QByteArray("a3616103616201626161" "02"));
    }

    void nestedValuesRoundTrip()
    {
        const QCborMap v{{QStringLiteral("list"), QCborArray{1, QStringLiteral("two"), QByteArray("\x03", 1), true, nullptr}},
                         {QStringLiteral("text"), QStringLiteral("Oxycodone 5 mg \u00b5")}};
        const QByteArray bytes = canonicalCbor(v);
        QVERIFY(isCanonicalCbor(bytes));
        QCOMPARE(QCborValue::fromCbor(bytes).toMap(), v);
    }

    void floatsAndTagsAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(CiiError, canonicalCbor(QCborValue(1.5)));
        QVERIFY_THROWS_EXCEPTION(CiiError, canonicalCbor(QCborMap{{QStringLiteral("q"), 0.25}}));
        QVERIFY_THROWS_EXCEPTION(CiiError, canonicalCbor(QCborValue(QCborKnownTags::DateTimeString, QStringLiteral("x"))));
    }

    void nonCanonicalBytesAreRecognised()
    {
        QVERIFY(!isCanonicalCbor(QByteArray::fromHex("1817")));          // 23 in a two-byte form
        QVERIFY(!isCanonicalCbor(QByteArray::fromHex("a2616201616102"))); // {"b":1,"a":2} unsorted
        QVERIFY(!isCanonicalCbor(QByteArray::fromHex("0000")));          // trailing bytes
        QVERIFY(!isCanonicalCbor(QByteArray()));
        QVERIFY(isCanonicalCbor(QByteArray::fromHex("a2616102616201")));
    }
};

QTEST_GUILESS_MAIN(TestCanonicalCbor)
#include "tst_canonicalcbor.moc"
