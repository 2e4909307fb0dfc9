// The recovery key's written form and the wrapped backup key (docs/RECOVERY-KEY.md).
#include "ChangeSet.h"
#include "RecoveryKey.h"

#include <QRegularExpression>
#include <QTest>

using namespace cii;

namespace {
const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

QByteArray counting()
{
    QByteArray b(32, '\0');
    for (int i = 0; i < 32; ++i)
        b[i] = char(i);
    return b;
}
} // namespace

class TestRecoveryKey : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void itIsWrittenInThirteenGroupsOfFive()
    {
        const RecoveryKey k = RecoveryKey::generate();
        QVERIFY2(QRegularExpression(QStringLiteral("^([0-9A-HJKMNP-TV-Z]{5}-){12}[0-9A-HJKMNP-TV-Z]{5}$")).match(k.text()).hasMatch(),
                 qPrintable(k.text()));
        QVERIFY(RecoveryKey::generate().bytes() != k.bytes());
        // The test vector: the form must never drift, or printed sheets stop working.
        QCOMPARE(RecoveryKey::fromBytes(counting()).text(), QStringLiteral("000GZ-40R4T-0M30G-E209P-185G1-R38EM-1W81G-24GKH-2GAH0-C5RRF-34D1J-P70XB-3RFG4"));
    }

    void whatAPersonTypesIsRead()
    {
        const RecoveryKey k = RecoveryKey::generate();
        QString problem;
        QCOMPARE(RecoveryKey::parse(k.text(), problem)->bytes(), k.bytes());
        QString sloppy = k.text().toLower().replace(QLatin1Char('-'), QStringLiteral("  "));
        sloppy.replace(QLatin1Char('0'), QLatin1Char('o')).replace(QLatin1Char('1'), QLatin1Char('l'));
        QCOMPARE(RecoveryKey::parse(QStringLiteral("  ") + sloppy + QStringLiteral("\n"), problem)->bytes(), k.bytes());
    }

    void everyOneCharacterTypoIsCaughtAndItsGroupNamed()
    {
        const QString text = RecoveryKey::generate().text();
        int cases = 0;
        for (int at = 0; at < text.size(); ++at) {
            if (text[at] == QLatin1Char('-'))
                continue;
            for (const char c : QByteArray(kAlphabet)) {
                if (text[at] == QLatin1Char(c))
                    continue;
                QString typo = text;
                typo[at] = QLatin1Char(c);
                QString problem;
                QVERIFY2(!RecoveryKey::parse(typo, problem), qPrintable(typo));
                QVERIFY2(problem.startsWith(QStringLiteral("Group %1 of the recovery key has a typo").arg(at / 6 + 1)), qPrintable(problem));
                ++cases;
            }
        }
        QCOMPARE(cases, 65 * 31);
    }

    void swapsAreCaught()
    {
        int swaps = 0, caught = 0;
        for (int round = 0; round < 20; ++round) {
            const QString text = RecoveryKey::generate().text();
            for (int at = 0; at + 1 < text.size(); ++at) {
                if (text[at] == QLatin1Char('-') || text[at + 1] == QLatin1Char('-') || text[at] == text[at + 1])
                    continue;
                QString typo = text;
                std::swap(typo[at], typo[at + 1]);
                QString problem;
                ++swaps;
                caught += RecoveryKey::parse(typo, problem) ? 0 : 1;
            }
        }
        // Luhn mod 32 misses a swap only of two characters 16 apart in value (about 1 in 31 pairs). Counted, not
        // timed: the exact rate for these keys.
        QVERIFY2(caught * 100 >= swaps * 95, qPrintable(QStringLiteral("%1 of %2").arg(caught).arg(swaps)));
        // Two whole groups exchanged: each group's check covers its place.
        const QString text = RecoveryKey::generate().text();
        const QString swapped = text.mid(6, 5) + QLatin1Char('-') + text.left(5) + text.mid(11);
        QString problem;
        QVERIFY(!RecoveryKey::parse(swapped, problem));
    }

    void otherInputIsRefusedInWords()
    {
        QString problem;
        QVERIFY(!RecoveryKey::parse(QString(), problem));
        QCOMPARE(problem, QStringLiteral("A recovery key has 65 letters and digits in 13 groups of five; this has 0."));
        const QString text = RecoveryKey::generate().text();
        QVERIFY(!RecoveryKey::parse(text.chopped(1), problem));
        QVERIFY(problem.endsWith(QLatin1String("this has 64.")));
        QVERIFY(!RecoveryKey::parse(text + QLatin1Char('7'), problem));
        QVERIFY(!RecoveryKey::parse(QStringLiteral("U") + text.mid(1), problem));
        QVERIFY2(problem.startsWith(QLatin1String("\"U\" is not in a recovery key")), qPrintable(problem));
    }

    void theDataKeyIsWrappedAndOpenedOnlyByItsRecoveryKey()
    {
        const BackupKey data = BackupKey::generate();
        const RecoveryKey rk = RecoveryKey::generate();
        const QString pharmacy = QStringLiteral("ph-1");
        const QByteArray wrapped = recovery::wrap(data, rk, pharmacy, 1024);
        QVERIFY(!wrapped.contains(data.bytes));
        QString problem;
        const auto opened = recovery::unwrap(wrapped, rk, pharmacy, problem);
        QVERIFY2(opened, qPrintable(problem));
        QCOMPARE(opened->bytes, data.bytes);
        // Wrapping twice gives different bytes (salt, nonce) that open to the same key.
        QVERIFY(recovery::wrap(data, rk, pharmacy, 1024) != wrapped);

        QVERIFY(!recovery::unwrap(wrapped, RecoveryKey::generate(), pharmacy, problem));
        QVERIFY2(problem.startsWith(QLatin1String("This recovery key does not open")), qPrintable(problem));
        QVERIFY(!recovery::unwrap(wrapped, rk, QStringLiteral("ph-2"), problem)); // bound to its pharmacy
        for (int at = 0; at < wrapped.size(); at += 7) {
            QByteArray tampered = wrapped;
            tampered[at] = char(tampered[at] ^ 0x01);
            QVERIFY2(!recovery::unwrap(tampered, rk, pharmacy, problem), qPrintable(QString::number(at)));
        }
        QVERIFY(!recovery::unwrap(QByteArray("not cbor at all"), rk, pharmacy, problem));
        QVERIFY(problem.contains(QLatin1String("damaged")));
    }

    void theProductionCostIsUsedByDefault()
    {
        // A wrap at the default cost (scrypt N = 2^15, r = 8: 32 MiB) opens; a blob asking for more than 2^20 is refused unread.
        const BackupKey data = BackupKey::generate();
        const RecoveryKey rk = RecoveryKey::generate();
        const QByteArray wrapped = recovery::wrap(data, rk, QStringLiteral("ph"));
        QString problem;
        QCOMPARE(recovery::unwrap(wrapped, rk, QStringLiteral("ph"), problem)->bytes, data.bytes);
        QVERIFY(wrapped.contains(QByteArray::fromHex("616e198000"))); // "n": 32768 in the CBOR
    }
};

QTEST_APPLESS_MAIN(TestRecoveryKey)
#include "tst_recoverykey.moc"
