// The process tst_crash kills (docs/RELIABILITY.md). It opens an existing, activated store, starts the drainer on
// its own thread exactly as the app does, and records real transactions through the Ledger as fast as the store
// takes them, printing "C <seq> <hash>" after each commit has returned. Whatever it printed was reported
// committed: the test checks it is there after the SIGKILL. With "drain" it records nothing and exits 0 once
// the service has acknowledged the whole journal.
//
//   cii_crash_worker DATA_DIR KEY_DIR TECH_ID PIC_ID ROUND [drain]
#include "Drainer.h"
#include "FileKeyStore.h"
#include "Ledger.h"
#include "LedgerStore.h"
#include "Sqlite.h"
#include "StoreLocation.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QThread>
#include <cstdio>

using namespace cii;

namespace {

bool drained(Store &store)
{
    sql::Query q(store.db(), "SELECT coalesce(max(last_seq), 0) FROM outbox WHERE acked_ms IS NOT NULL");
    q.next();
    return q.int64(0) == store.journal().headSeq();
}

/// One transaction, mostly dispenses, a receipt when stock runs low, a blind count now and then.
void recordOne(Ledger &ledger, const Session &tech, const Session &pic, const QString &ndc, int round, int n, QRandomGenerator &rng)
{
    using test::LedgerFixture;
    const qint64 onHand = ledger.balance(ndc);
    const int pick = int(rng.bounded(100));
    if (onHand < 20 || pick < 5) {
        ledger.receive(pic, LedgerFixture::receipt(ndc, 1, QStringLiteral("%1%2").arg(round % 10'000, 4, 10, QLatin1Char('0')).arg(n, 5, 10, QLatin1Char('0'))));
    } else if (pick < 8) {
        ledger.count(tech, ndc, onHand);
    } else {
        const qint64 qty = 1 + rng.bounded(10);
        ledger.dispense(tech, LedgerFixture::dispense(ndc, qty, QStringLiteral("K%1-%2").arg(round).arg(n), qty));
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    if (a.size() < 6) {
        std::fprintf(stderr, "usage: cii_crash_worker DATA_DIR KEY_DIR TECH_ID PIC_ID ROUND [drain]\n");
        return 2;
    }
    const int round = a[5].toInt();
    const bool drainOnly = a.size() > 6 && a[6] == QLatin1String("drain");

    FileKeyStore keys(a[2]);
    SystemClock clock;
    std::unique_ptr<Store> store = openLedgerStore(a[1], keys, clock);

    sync::Drainer::Options d;
    d.store = store->connectionRecipe();
    d.requestTimeoutMs = 5'000;
    d.firstBackoffMs = 20;
    d.maxBackoffMs = 200;
    d.archiveEveryEvents = 2'000; // archives are sealed and sent too, so kills land in them
    auto drainer = sync::Drainer::startOnThread(d);
    QObject::connect(store.get(), &Store::committed, drainer.get(), &sync::Drainer::wake, Qt::QueuedConnection);

    if (drainOnly) {
        while (!drained(*store))
            QThread::msleep(20);
        return 0;
    }

    Ledger ledger(*store, SecretHasher(10));
    const Session tech = ledger.signIn(a[3], QStringLiteral("3456"));
    const Session pic = ledger.signIn(a[4], QStringLiteral("1234"));
    const QString ndc = QStringLiteral("00574407205");
    QRandomGenerator rng{quint32(round)};
    for (int n = 0;; ++n) {
        recordOne(ledger, tech, pic, ndc, round, n, rng);
        std::printf("C %lld %s\n", store->journal().headSeq(), store->journal().headHash().toHex().constData());
        std::fflush(stdout);
        if (rng.bounded(4) == 0)
            QThread::usleep(rng.bounded(3'000)); // lets the drainer's thread in at varied moments
    }
}
