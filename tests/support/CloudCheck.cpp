#include "CloudCheck.h"

#include "ChangeSet.h"
#include "DeviceKey.h"
#include "LedgerReplication.h"
#include "LedgerStore.h"
#include "Sqlite.h"

namespace cii::test {

using backupd::BackupStore;

QString onlyActiveDeviceIs(Cloud &cloud, const sync::ReplicationSettings &s)
{
    QList<BackupStore::Device> active;
    for (const BackupStore::Device &d : cloud.store.devices(cloud.pharmacyId))
        if (!d.revoked)
            active << d;
    if (active.size() != 1)
        return QStringLiteral("the service holds %1 active devices for the pharmacy").arg(active.size());
    if (active.first().id != s.deviceId)
        return QStringLiteral("the active device is %1, the workstation is %2").arg(active.first().id, s.deviceId);
    if (active.first().publicKey != DeviceKey::fromPrivateKey(s.devicePrivateKey).publicKey())
        return QStringLiteral("the active device's key is not the one the workstation keeps");
    return {};
}

QString cloudMatchesJournal(Cloud &cloud, Store &store, const sync::ReplicationSettings &s)
{
    return cloudMatchesJournal(cloud.store, cloud.pharmacyId, store, s);
}

QString cloudMatchesJournal(BackupStore &service, const QString &pharmacyId, Store &store, const sync::ReplicationSettings &s)
{
    const QByteArray devicePublic = DeviceKey::fromPrivateKey(s.devicePrivateKey).publicKey();
    const BackupKey key{s.dataKey};
    std::optional<QByteArray> prevSet = QByteArray(32, '\0');
    std::optional<QByteArray> prevEvent = Event::genesisHash();
    qint64 next = 1;
    QList<Event> restored;
    for (const BackupStore::Stored &row : service.list(pharmacyId, 1, 1'000'000)) {
        const auto bytes = service.changeSet(pharmacyId, row.firstSeq);
        if (!bytes)
            return QStringLiteral("change set %1 is listed but cannot be downloaded").arg(row.firstSeq);
        const changeset::Opened o = changeset::open(*bytes, key, {devicePublic, prevSet, next, prevEvent});
        if (!o.ok())
            return QStringLiteral("change set %1: %2 (%3)").arg(row.firstSeq).arg(changeset::failureName(o.failure), o.reason);
        restored += o.events;
        prevSet = o.setHash;
        prevEvent = o.events.last().hash;
        next = o.header.lastSeq + 1;
    }
    sql::Query q(store.db(), "SELECT seq, hash FROM events ORDER BY seq");
    qint64 i = 0;
    while (q.next()) {
        if (i >= restored.size())
            return QStringLiteral("the service stops at event %1; the journal goes on").arg(i);
        if (restored[i].seq != q.int64(0) || restored[i].hash != q.blob(1))
            return QStringLiteral("event %1 differs from the journal").arg(q.int64(0));
        ++i;
    }
    if (i != restored.size())
        return QStringLiteral("the service holds %1 events, the journal %2").arg(restored.size()).arg(i);
    return {};
}

QString cloudChainGap(Cloud &cloud)
{
    qint64 next = 1;
    for (const BackupStore::Stored &row : cloud.store.list(cloud.pharmacyId, 1, 1'000'000)) {
        if (row.firstSeq != next)
            return QStringLiteral("after event %1 the next change set starts at %2").arg(next - 1).arg(row.firstSeq);
        if (row.lastSeq < row.firstSeq)
            return QStringLiteral("the change set at %1 ends at %2").arg(row.firstSeq).arg(row.lastSeq);
        next = row.lastSeq + 1;
    }
    return {};
}

} // namespace cii::test

#include "Drainer.h"
#include "StoreLocation.h"

#include <QTest>

namespace cii::test {

void backUpEverything(Store &store, Cloud &cloud, qint64 archiveEvery)
{
    sync::Drainer::Options o;
    o.store = store.connectionRecipe();
    o.archiveEveryEvents = archiveEvery;
    o.firstBackoffMs = 50;
    o.maxBackoffMs = 400;
    auto drainer = sync::Drainer::startOnThread(o);
    const qint64 head = store.journal().headSeq();
    QTRY_COMPARE_WITH_TIMEOUT(cloud.head(), head, 120'000);
    if (archiveEvery == 0)
        return;
    // Archives follow the change sets; wait until none is waiting.
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        sql::Query q(store.db(), "SELECT count(*) FROM outbox_archives WHERE acked_ms IS NULL");
        q.next();
        const auto archives = cloud.store.listArchives(cloud.pharmacyId, 1, 1000);
        const qint64 archived = archives.isEmpty() ? 0 : archives.last().lastSeq;
        return q.int64(0) == 0 && head - archived < 2 * archiveEvery;
    }(), 120'000);
}

sync::RestoreOptions NewWorkstation::options(Cloud &cloud, const QString &recoveryKey) const
{
    sync::RestoreOptions o;
    o.dataDir = dataDir();
    o.keyStore = keys.get();
    o.clock = &clock;
    o.service = cloud.url();
    o.activationCode = cloud.code();
    o.recoveryKey = recoveryKey;
    o.timeoutMs = 5'000;
    return withLedger(o);
}

std::unique_ptr<Store> NewWorkstation::open()
{
    return openLedgerStore(dataDir(), *keys, clock);
}

CiiError::Code NewWorkstation::openError()
{
    try {
        open();
    } catch (const CiiError &e) {
        return e.code();
    }
    return CiiError::Code::Internal;
}

} // namespace cii::test
