#include "SecretHasher.h"

#include <QTest>
#include <thread>

using namespace cii;

namespace {
// A thread of its own (a QFuture's waitForFinished() may run the task on the waiting thread).
template <typename Work> void onAnotherThread(Work work)
{
    std::thread t(work);
    t.join();
}
} // namespace

/// PINs and passwords: scrypt, and the answers a worker thread computes ahead for the counter's UI thread.
class TstSecretHasher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void verifiesTheRightSecretOnly()
    {
        const SecretHasher hasher(10);
        const QByteArray hash = hasher.hash(QStringLiteral("4821"));
        QVERIFY(hash.startsWith("scrypt$10$8$1$"));
        QVERIFY(!hash.contains("4821"));
        QVERIFY(SecretHasher::verify(QStringLiteral("4821"), hash));
        QVERIFY(!SecretHasher::verify(QStringLiteral("4822"), hash));
        QVERIFY(!SecretHasher::verify(QStringLiteral("4821"), QByteArray("scrypt$10$8$1$bad")));
        QVERIFY(!SecretHasher::verify(QStringLiteral("4821"), QByteArray("scrypt$40$8$1$AAAA$AAAA"))); // cost out of range
        QVERIFY(hasher.hash(QStringLiteral("4821")) != hash); // a fresh salt each time
    }

    void aPrecheckOnAWorkerAnswersTheNextCheckOnce()
    {
        const SecretHasher hasher(10);
        const QByteArray hash = hasher.hash(QStringLiteral("1357"));
        const int before = SecretHasher::checksOnThisThread();
        // The right PIN and a wrong one, each checked ahead on another thread.
        onAnotherThread([hash] {
            SecretHasher::precheck(QStringLiteral("1357"), hash);
            SecretHasher::precheck(QStringLiteral("9999"), hash);
        });
        QCOMPARE(SecretHasher::checksOnThisThread(), before);
        QVERIFY(SecretHasher::verify(QStringLiteral("1357"), hash));
        QVERIFY(!SecretHasher::verify(QStringLiteral("9999"), hash));
        QCOMPARE(SecretHasher::checksOnThisThread(), before); // both answered from memory
        // One use: the same check again runs scrypt here.
        QVERIFY(SecretHasher::verify(QStringLiteral("1357"), hash));
        QCOMPARE(SecretHasher::checksOnThisThread(), before + 1);
        // An answer for one encoding never answers for another (another person's hash).
        const QByteArray other = hasher.hash(QStringLiteral("1357"));
        onAnotherThread([hash] { SecretHasher::precheck(QStringLiteral("1357"), hash); });
        QVERIFY(SecretHasher::verify(QStringLiteral("1357"), other));
        QCOMPARE(SecretHasher::checksOnThisThread(), before + 2);
    }
};

QTEST_GUILESS_MAIN(TstSecretHasher)
#include "tst_secrethasher.moc"
