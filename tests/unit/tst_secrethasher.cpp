#include "SecretHasher.h"
#include "VerifiedSecrets.h"

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

/// PINs and passwords: scrypt, and the answers a worker thread computes ahead for the counter's UI thread (a value).
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

    void secretsCheckedOnAWorkerTravelAsAValue()
    {
        const SecretHasher hasher(10);
        const QByteArray hash = hasher.hash(QStringLiteral("1357"));
        const int before = SecretHasher::checksOnThisThread();
        // The right PIN and a wrong one, each checked ahead on another thread; the answers come back as a value.
        VerifiedSecrets verified;
        onAnotherThread([&verified, hash] {
            verified = VerifiedSecrets::check({{QStringLiteral("1357"), hash}, {QStringLiteral("9999"), hash}});
        });
        QCOMPARE(SecretHasher::checksOnThisThread(), before);
        QCOMPARE(verified.answer(QStringLiteral("1357"), hash), std::optional<bool>(true));
        QCOMPARE(verified.answer(QStringLiteral("9999"), hash), std::optional<bool>(false));
        QCOMPARE(SecretHasher::checksOnThisThread(), before); // both answered from the value
        // A pair not checked ahead has no answer, and nothing is left anywhere else: a plain check runs scrypt here.
        QCOMPARE(verified.answer(QStringLiteral("2468"), hash), std::nullopt);
        QVERIFY(SecretHasher::verify(QStringLiteral("1357"), hash));
        QCOMPARE(SecretHasher::checksOnThisThread(), before + 1);
        // An answer for one encoding never answers for another (another person's hash, or a PIN changed since).
        const QByteArray other = hasher.hash(QStringLiteral("1357"));
        QCOMPARE(verified.answer(QStringLiteral("1357"), other), std::nullopt);
        QVERIFY(VerifiedSecrets().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstSecretHasher)
#include "tst_secrethasher.moc"
