#include "CanonicalCbor.h"
#include "ChangeSet.h"
#include "CiiError.h"
#include "DeviceKey.h"

#include <QCborMap>
#include <QFile>
#include <QTest>

using namespace cii;
using changeset::Expect;
using changeset::Failure;

namespace {

/// A chain of events from `firstSeq`, after `prevHash`, as the journal makes them.
QList<Event> chain(qint64 firstSeq, int n, QByteArray prevHash)
{
    QList<Event> out;
    for (int i = 0; i < n; ++i) {
        Event e;
        e.seq = firstSeq + i;
        e.atMs = 1'790'000'000'000 + e.seq * 1000;
        e.actor = QStringLiteral("p-0001");
        e.kind = QStringLiteral("stock.dispensed");
        e.payload = canonicalCbor(QCborMap{{QStringLiteral("ndc11"), QStringLiteral("00574407205")},
                                           {QStringLiteral("quantity"), 30 + i}, {QStringLiteral("rx"), QStringLiteral("RX%1").arg(e.seq)}});
        e.prevHash = prevHash;
        e.hash = e.computeHash();
        prevHash = e.hash;
        out << e;
    }
    return out;
}

ChangeSetHeader headerFor(const QList<Event> &events, const BackupKey &key, const QByteArray &prevSet)
{
    ChangeSetHeader h;
    h.pharmacyId = QStringLiteral("ph-main-street");
    h.deviceId = QStringLiteral("dev-1");
    h.firstSeq = events.first().seq;
    h.lastSeq = events.last().seq;
    h.prevSetHash = prevSet;
    h.createdMs = 1'790'000'100'000;
    h.keyId = key.id();
    h.stateDigest = QByteArray(32, '\x5a');
    return h;
}

QByteArray filled(char c, int n) { return QByteArray(n, c); }

} // namespace

/// Change sets: seal and open round trips, the published test vector, and every tamper refused with its reason.
class TstChangeSet : public QObject
{
    Q_OBJECT
    const BackupKey key{filled('\x01', 32)};
    const DeviceKey device = DeviceKey::fromPrivateKey(filled('\x02', 32));

private Q_SLOTS:
    void sealsAndOpens()
    {
        const QList<Event> events = chain(1, 5, Event::genesisHash());
        const QByteArray bytes = changeset::seal(headerFor(events, key, QByteArray(32, '\0')), events, key, device);
        const auto o = changeset::open(bytes, key, {device.publicKey(), QByteArray(32, '\0'), 1, Event::genesisHash()});
        QVERIFY2(o.ok(), qPrintable(o.reason));
        QCOMPARE(o.events.size(), 5);
        QCOMPARE(o.events.last().hash, events.last().hash);
        QCOMPARE(o.events[2].payload, events[2].payload);
        QCOMPARE(o.header.pharmacyId, QStringLiteral("ph-main-street"));
        QCOMPARE(o.setHash, changeset::setHash(bytes));
        // Nothing of a record is readable in the sealed bytes.
        QVERIFY(!bytes.contains("00574407205") && !bytes.contains("stock.dispensed") && !bytes.contains("RX3"));
        // The service's view: header and signature, without the key.
        const auto seen = changeset::inspect(bytes, device.publicKey());
        QVERIFY(seen.ok());
        QCOMPARE(seen.header.lastSeq, 5);
        QVERIFY(seen.events.isEmpty());
        // Sealed twice, the bytes differ (a fresh nonce), and both open.
        QVERIFY(changeset::seal(headerFor(events, key, QByteArray(32, '\0')), events, key, device) != bytes);
    }

    // tests/data/changesets/v1-three-events.* : fixed keys, nonce and events, so another implementation can check
    // its bytes against ours. CII_WRITE_VECTORS=1 writes them again (only when the format version changes).
    void matchesTheTestVector()
    {
        const QList<Event> events = chain(1, 3, Event::genesisHash());
        const QByteArray bytes = changeset::seal(headerFor(events, key, QByteArray(32, '\0')), events, key, device, filled('\x03', 12));
        const QString path = QStringLiteral("%1/changesets/v1-three-events.hex").arg(qEnvironmentVariable("CII_TEST_DATA"));
        if (qEnvironmentVariableIsSet("CII_WRITE_VECTORS")) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes.toHex() + '\n');
        }
        QFile in(path);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray vector = QByteArray::fromHex(in.readAll().trimmed());
        QCOMPARE(bytes.toHex(), vector.toHex());
        const auto o = changeset::open(vector, key, {device.publicKey(), {}, {}, {}});
        QVERIFY2(o.ok(), qPrintable(o.reason));
        QCOMPARE(o.events.size(), 3);
    }

    void eachTamperIsRefusedWithItsOwnReason()
    {
        const QList<Event> events = chain(1, 4, Event::genesisHash());
        const ChangeSetHeader header = headerFor(events, key, QByteArray(32, '\0'));
        const QByteArray good = changeset::seal(header, events, key, device);
        const Expect expect{device.publicKey(), {}, {}, {}};
        const auto failureOf = [&](const QByteArray &bytes, const BackupKey &k = BackupKey{}) {
            return changeset::open(bytes, k.bytes.isEmpty() ? key : k, expect).failure;
        };
        // A flipped bit anywhere after the magic: the header (its text stays CBOR), the body, the signature.
        const int headerAt = good.indexOf("ph-main-street");
        for (const qsizetype at : {qsizetype(headerAt), good.size() / 2, good.size() - 70, good.size() - 1}) {
            QByteArray bad = good;
            bad[at] = char(bad[at] ^ 0x01);
            QCOMPARE(failureOf(bad), Failure::Signature);
        }
        // Not a change set at all, or cut short.
        QCOMPARE(failureOf(QByteArray()), Failure::Format);
        QCOMPARE(failureOf(QByteArray("CIICS\x02", 6) + good.mid(6)), Failure::Format);
        for (qsizetype n = 0; n < good.size(); n += 7)
            QCOMPARE(failureOf(good.left(n)), Failure::Format);
        QCOMPARE(failureOf(good + 'x'), Failure::Format);
        // Another device's signature.
        QCOMPARE(changeset::open(good, key, {DeviceKey::generate().publicKey(), {}, {}, {}}).failure, Failure::Signature);
        // Another pharmacy key.
        QCOMPARE(failureOf(good, BackupKey::generate()), Failure::Key);
        // Sealed by the device under a header that names this key but with a body encrypted under another:
        // the tag does not verify.
        const BackupKey other = BackupKey::generate();
        ChangeSetHeader lying = header;
        lying.keyId = other.id();
        const QByteArray underOther = changeset::seal(lying, events, other, device);
        QByteArray swapped = underOther;
        const QByteArray id = other.id().toLatin1();
        swapped.replace(swapped.indexOf(id), id.size(), key.id().toLatin1());
        swapped = swapped.left(swapped.size() - 64);
        swapped += device.sign(swapped);
        QCOMPARE(failureOf(swapped), Failure::Decryption);
        // A body that is not zstd.
        QCOMPARE(failureOf(changeset::sealCompressed(header, QByteArray("not zstd at all"), key, device)), Failure::Decompression);
        // An event altered before sealing (its hash no longer matches), or one left out of the chain.
        QList<Event> altered = events;
        altered[2].payload = canonicalCbor(QCborMap{{QStringLiteral("quantity"), 3000}});
        QCOMPARE(failureOf(changeset::seal(header, altered, key, device)), Failure::EventHashes);
        QVERIFY(changeset::open(changeset::seal(header, altered, key, device), key, expect).reason.contains(QLatin1String("event 3 does not match its hash")));
        QVERIFY_THROWS_EXCEPTION(CiiError, changeset::seal(header, QList<Event>{events[0], events[1], events[3]}, key, device));
    }

    void continuityRefusesReorderedAndMissingSets()
    {
        const QList<Event> first = chain(1, 3, Event::genesisHash());
        const QList<Event> second = chain(4, 3, first.last().hash);
        const QList<Event> third = chain(7, 2, second.last().hash);
        const QByteArray one = changeset::seal(headerFor(first, key, QByteArray(32, '\0')), first, key, device);
        const QByteArray two = changeset::seal(headerFor(second, key, changeset::setHash(one)), second, key, device);
        const QByteArray three = changeset::seal(headerFor(third, key, changeset::setHash(two)), third, key, device);
        const auto after = [&](const QByteArray &prev, qint64 nextSeq, const QByteArray &prevEvent) {
            return Expect{device.publicKey(), changeset::setHash(prev), nextSeq, prevEvent};
        };
        QVERIFY(changeset::open(two, key, after(one, 4, first.last().hash)).ok());
        QVERIFY(changeset::open(three, key, after(two, 7, second.last().hash)).ok());
        // Three straight after one: two is missing.
        const auto missing = changeset::open(three, key, after(one, 4, first.last().hash));
        QCOMPARE(missing.failure, Failure::Continuity);
        QCOMPARE(missing.reason, QStringLiteral("it does not follow the previous change set"));
        // One again after two: reordered (or replayed).
        QCOMPARE(changeset::open(one, key, after(two, 7, second.last().hash)).failure, Failure::Continuity);
        // The right previous set but the wrong place in the journal.
        QCOMPARE(changeset::open(two, key, Expect{device.publicKey(), changeset::setHash(one), 5, {}}).failure, Failure::Continuity);
        QCOMPARE(changeset::failureName(Failure::Continuity), QStringLiteral("continuity"));
    }
};

QTEST_GUILESS_MAIN(TstChangeSet)
#include "tst_changeset.moc"
