// Change sets: bytes uploaded per event and the cost of sealing and opening, for one event per set (online:
// each commit sealed at once) and for batches (a backlog drained). The events are a real ledger's (receipts and
// dispenses recorded through the Ledger, up to 20,000 of them), repeated and re-chained beyond that.
// Targets (issue 6): under 100 bytes uploaded per event; a 100,000-event backlog drained in under 20 s (here:
// the sealing and opening share of it, without the network).
#include "BenchStore.h"
#include "BenchSupport.h"
#include "CanonicalCbor.h"
#include "ChangeSet.h"
#include "DeviceKey.h"

#include <QCborArray>
#include <QCoreApplication>

using namespace cii;

namespace {

/// `n` events re-chained from the ledger's own, as if the pharmacy had kept going.
QList<Event> realisticEvents(int n)
{
    bench::BenchPharmacy ph;
    const QString ndc = ph.ledger->addProduct(*ph.pic, {QStringLiteral("0574-4072-05"), QStringLiteral("Oxycodone HCl"), QStringLiteral("5 mg"),
                                                        QStringLiteral("tablet"), QStringLiteral("tablet"), 100});
    const QString today = ph.ledger->todayInPharmacy(); // the pharmacy's date, never the machine's
    ph.store->db().exec("PRAGMA synchronous = OFF"); // making the sample, not measuring it
    const int real = qMin(n, 20000);
    for (int i = 0; ph.store->journal().headSeq() < real; ++i) {
        if (i % 20 == 0)
            ph.ledger->receive(*ph.pic, {ndc, 10, QStringLiteral("CSOS"), QStringLiteral("ORD-%1").arg(i), QStringLiteral("Cardinal Health"),
                                         QStringLiteral("FE2345672"), QStringLiteral("L%1").arg(i), QStringLiteral("2099-01-01"), today});
        // A busy pharmacy's receipts keep the shelf stocked for the next twenty dispenses.
        ph.ledger->dispense(*ph.pic, {ndc, 30, QStringLiteral("%1").arg(6000000 + i), today, 30, today, QStringLiteral("Dr. Ann Wells"), QStringLiteral("BW1234563")}); // a first fill names its prescriber
        if (i % 20 == 0)
            ph.ledger->count(*ph.pic, ndc, ph.ledger->balance(ndc));
    }
    QList<Event> sample;
    ph.store->journal().forEach(1, [&](const Event &e) { sample << e; return true; });
    QList<Event> out;
    QByteArray prev = Event::genesisHash();
    for (int i = 0; i < n; ++i) {
        Event e = sample[i % sample.size()];
        e.seq = i + 1;
        e.atMs += i;
        e.prevHash = prev;
        e.hash = e.computeHash();
        prev = e.hash;
        out << e;
    }
    return out;
}

ChangeSetHeader headerFor(const QList<Event> &events, const BackupKey &key, const QByteArray &prev)
{
    ChangeSetHeader h;
    h.pharmacyId = QStringLiteral("ph-0001");
    h.deviceId = QStringLiteral("dev-0001");
    h.firstSeq = events.first().seq;
    h.lastSeq = events.last().seq;
    h.prevSetHash = prev;
    static const bench::BenchClock clock;
    h.createdMs = clock.nowMs();
    h.keyId = key.id();
    h.stateDigest = QByteArray(32, '\0');
    return h;
}

/// Seals `events` in sets of `perSet`, then opens them all in order; prints bytes per event and times.
void run(const char *label, const QList<Event> &events, int perSet, qint64 rawBytes)
{
    const BackupKey key = BackupKey::generate();
    const DeviceKey device = DeviceKey::generate();
    QList<QByteArray> sets;
    qint64 bytes = 0;
    bench::Samples sealSamples;
    QElapsedTimer total, timer;
    total.start();
    QByteArray prev(32, '\0');
    for (qsizetype at = 0; at < events.size(); at += perSet) {
        const QList<Event> slice = events.mid(at, perSet);
        timer.start();
        sets << changeset::seal(headerFor(slice, key, prev), slice, key, device);
        sealSamples.add(timer.nsecsElapsed());
        prev = changeset::setHash(sets.last());
        bytes += sets.last().size();
    }
    const double sealMs = total.nsecsElapsed() / 1e6;
    total.start();
    changeset::Expect expect{device.publicKey(), QByteArray(32, '\0'), 1, Event::genesisHash()};
    for (const QByteArray &set : sets) {
        const auto o = changeset::open(set, key, expect);
        if (!o.ok())
            qFatal("open failed: %s", qPrintable(o.reason));
        expect = {device.publicKey(), o.setHash, o.header.lastSeq + 1, o.events.last().hash};
    }
    const double openMs = total.nsecsElapsed() / 1e6;
    std::printf("%-28s %7lld sets  %6.1f bytes/event (raw CBOR %5.1f, ratio %.2fx)  seal %8.1f ms (p50 %.3f ms, p99 %.3f ms per set)  open+verify %8.1f ms\n",
                label, qlonglong(sets.size()), double(bytes) / events.size(), double(rawBytes) / events.size(),
                double(bytes) / rawBytes, sealMs, sealSamples.percentile(50) / 1e3, sealSamples.percentile(99) / 1e3, openMs);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const QList<Event> events = realisticEvents(n);
    qint64 raw = 0;
    for (const Event &e : events)
        raw += canonicalCbor(QCborArray{e.seq, e.atMs, e.actor, e.kind, e.payload, e.prevHash, e.hash}).size();
    std::printf("%d events (receipts, dispenses and counts as the Ledger records them), raw CBOR %.1f bytes/event\n", n, double(raw) / n);
    run("one event per set (online)", events.mid(0, qMin(n, 10000)), 1,
        raw * qMin(n, 10000) / n);
    run("2,000 events per set", events, 2000, raw);
    run("20,000 events per set", events, 20000, raw);
    return 0;
}
