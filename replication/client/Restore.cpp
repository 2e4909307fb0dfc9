#include "Restore.h"

#include "Activation.h"
#include "BackupClient.h"
#include "ChangeSet.h"
#include "CiiError.h"
#include "Clock.h"
#include "KeyStore.h"
#include "Log.h"
#include "RecoveryKey.h"
#include "Sqlite.h"
#include "Store.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLocale>

namespace cii::sync {
namespace {

/// Stops the restore with a sentence for the person; the unfinished store stays marked.
struct Stop
{
    QString problem;
};

QString number(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

/// One restore run: the steps of restoreFromCloud() sharing what they learn.
class Run
{
public:
    Run(const RestoreOptions &o, const std::function<void(const RestoreProgress &)> &progress, const std::atomic_bool *cancel)
        : m_o(o)
        , m_progress(progress)
        , m_cancel(cancel)
    {
    }

    RestoreReport go();

private:
    void say(RestoreProgress::Step step, const QString &text);
    void checkCancelled();
    /// Waits for one call of the client; its value, or the restore stops with the service's sentence.
    template <typename T>
    T need(const std::function<void(BackupClient::Done<T>)> &call);
    void openStore();
    void activateOrReuse();
    void unlock(const RecoveryKey &key);
    void learnDevices();
    void download();
    bool downloadArchive();
    void downloadBundle();
    /// Opens one set with every check and imports it with its outbox row, in one transaction.
    void importSet(const QByteArray &bytes, bool archive);
    void recordBoundarySet(qint64 lastSeq);
    void verify();
    void finish(RestoreReport &report);
    qint64 now() const { return m_o.clock->nowMs(); }

    const RestoreOptions &m_o;
    const std::function<void(const RestoreProgress &)> &m_progress;
    const std::atomic_bool *m_cancel;
    std::unique_ptr<Store> m_store;
    ReplicationSettings m_settings;
    std::unique_ptr<BackupClient> m_client; ///< the activated workstation's, made once the settings are known
    BackupKey m_dataKey;
    QHash<QString, QByteArray> m_devices; ///< device id -> Ed25519 public key
    qint64 m_total = 0;                   ///< the service's last sequence number
    QByteArray m_serviceHeadHash;
    std::optional<QByteArray> m_prevSetHash; ///< known when the previous set was a change set
    QByteArray m_lastDigest;              ///< the state digest the last imported set carries
    qint64 m_startedAt = 0, m_bytes = 0;
    bool m_reachedAsOf = false;
    qint64 m_lastSaid = -1;               ///< events at the last download report
};

void Run::say(RestoreProgress::Step step, const QString &text)
{
    if (!m_progress)
        return;
    const qint64 done = m_store ? m_store->journal().headSeq() : 0;
    // Downloading reports about every half percent, not after each of thousands of small sets.
    if (step == RestoreProgress::Step::Downloading && m_lastSaid >= 0 && done - m_lastSaid < std::max<qint64>(1, m_total / 200))
        return;
    m_lastSaid = step == RestoreProgress::Step::Downloading ? done : -1;
    RestoreProgress p;
    p.step = step;
    p.eventsDone = done;
    p.eventsTotal = m_total;
    p.bytesDownloaded = m_bytes;
    p.text = text;
    m_progress(p);
}

void Run::checkCancelled()
{
    if (m_cancel && m_cancel->load())
        throw Stop{QStringLiteral("The restore was cancelled after %1 of %2 events. Nothing is lost: run it again to continue, or start over.")
                       .arg(number(m_store ? m_store->journal().headSeq() : 0), number(m_total))};
}

template <typename T>
T Run::need(const std::function<void(BackupClient::Done<T>)> &call)
{
    const BackupResult<T> r = waitFor<T>(call);
    if (!r.ok()) {
        const qint64 done = m_store ? m_store->journal().headSeq() : 0;
        throw Stop{r.error.message
                   + (done > 0 ? QStringLiteral(" The restore stopped after %1 of %2 events; nothing is lost: run it again to continue.")
                                     .arg(number(done), number(m_total))
                               : QStringLiteral(" Nothing was restored yet; run the restore again when the service answers."))};
    }
    return *r.value;
}

void Run::openStore()
{
    if (Store::exists(m_o.dataDir) && !Store::restoreIncomplete(m_o.dataDir))
        throw Stop{QStringLiteral("A store already exists in %1; a restore never overwrites one. Keep it aside first "
                                  "(Settings > Security > Restore from Cloud does), or restore into another folder.").arg(m_o.dataDir)};
    if (m_o.startOver && Store::restoreIncomplete(m_o.dataDir))
        Store::discardIncompleteRestore(m_o.dataDir);
    if (!Store::restoreIncomplete(m_o.dataDir))
        Store::markRestoreStarted(m_o.dataDir, QByteArray::number(now()) + '\n');
    Store::Options so;
    so.dataDir = m_o.dataDir;
    so.keyStore = m_o.keyStore;
    so.clock = m_o.clock;
    so.create = true;
    so.restoring = true;
    so.projections = m_o.projections ? m_o.projections() : decltype(so.projections){};
    m_store = Store::open(std::move(so));
}

void Run::activateOrReuse()
{
    sql::Database &db = m_store->db();
    if (const auto saved = ReplicationSettings::load(db)) {
        m_settings = *saved; // a restore that stopped after activating: the code was used, its device is this one
        return;
    }
    if (m_o.activation) {
        if (m_o.activation->revokedMs)
            throw Stop{QStringLiteral("Another workstation was activated for %1 after this one, so this one may no longer "
                                      "download its backup. Activate this workstation again with a new code.").arg(m_o.activation->pharmacyName)};
        m_settings = *m_o.activation;
    } else {
        if (m_o.activationCode.trimmed().isEmpty() && m_store->journal().headSeq() == 0 && Store::restoreIncomplete(m_o.dataDir))
            throw Stop{QStringLiteral("This restore stopped before the workstation was activated: enter the backup service's address and "
                                      "an activation code to continue.")};
        say(RestoreProgress::Step::Activating, QStringLiteral("Activating this workstation with the backup service"));
        QString problem;
        const auto s = activate(db, m_o.service, m_o.activationCode, m_o.deviceName, m_o.pinnedCaPem, now(), problem, m_o.timeoutMs,
                                m_o.client);
        if (!s)
            throw Stop{problem};
        m_settings = *s;
        return;
    }
    if (m_o.asOfMs)
        return; // a point-in-time copy never uploads: it keeps no activation
    sql::Transaction tx(db, QStringLiteral("save the backup settings"));
    m_settings.saveInTransaction(db);
    tx.commit();
}

void Run::unlock(const RecoveryKey &key)
{
    say(RestoreProgress::Step::Unlocking, QStringLiteral("Opening the backup with the recovery key"));
    m_client = m_o.client(m_settings, m_o.timeoutMs);
    const auto wrapped = waitFor<QByteArray>([this](BackupClient::Done<QByteArray> done) { m_client->wrappedKey(std::move(done)); });
    if (!wrapped.ok() && wrapped.error.kind == BackupError::Kind::NotFound)
        throw Stop{QStringLiteral("No recovery key was ever set for %1's backup, so it cannot be opened on another computer.")
                       .arg(m_settings.pharmacyName)};
    if (!wrapped.ok())
        throw Stop{wrapped.error.message + QStringLiteral(" Nothing was restored yet; run the restore again when the service answers.")};
    QString problem;
    const auto dataKey = recovery::unwrap(*wrapped.value, key, m_settings.pharmacyId, problem);
    if (!dataKey)
        throw Stop{problem + QStringLiteral(" Nothing was downloaded.")};
    m_dataKey = *dataKey;
    if (m_settings.dataKey != m_dataKey.bytes && !m_o.asOfMs) {
        // The new workstation made a provisional data key at activation; the pharmacy's own one replaces it.
        m_settings.dataKey = m_dataKey.bytes;
        sql::Database &db = m_store->db();
        sql::Transaction tx(db, QStringLiteral("save the backup settings"));
        m_settings.saveInTransaction(db);
        sql::Query(db, "UPDATE replication SET recovery_key_set_ms = ? WHERE id = 1", QStringLiteral("save the backup settings"))
            .bind(1, now()).run();
        tx.commit();
    }
}

void Run::learnDevices()
{
    const auto devices = need<QList<ServiceDevice>>([this](auto done) { m_client->devices(std::move(done)); });
    for (const ServiceDevice &d : devices)
        m_devices.insert(d.deviceId, d.publicKey);
    const auto head = need<ServiceHead>([this](auto done) { m_client->head(std::move(done)); });
    m_total = head.lastSeq;
    m_serviceHeadHash = head.setHash;
    if (m_total <= 0)
        throw Stop{QStringLiteral("The backup service holds no records for %1 yet, so there is nothing to restore. "
                                  "Set up a new pharmacy instead.").arg(m_settings.pharmacyName)};
}

void Run::importSet(const QByteArray &bytes, bool archive)
{
    const qint64 next = m_store->journal().headSeq() + 1;
    const auto peeked = changeset::peekHeader(bytes);
    if (!peeked)
        throw Stop{QStringLiteral("The backup service sent something that is not a change set where the one starting at event %1 "
                                  "was expected. The restore stopped at event %2 of %3; nothing from it was kept.")
                       .arg(number(next), number(next - 1), number(m_total))};
    const QByteArray devicePublic = m_devices.value(peeked->deviceId);
    const QString what = archive ? QStringLiteral("The archive of events %1 to %2").arg(number(peeked->firstSeq), number(peeked->lastSeq))
                                 : QStringLiteral("The change set starting at event %1").arg(number(peeked->firstSeq));
    // A set out of its place (dropped, swapped, replayed) is named by what it holds; say which was expected too.
    const QString expected = !archive && peeked->firstSeq != next
                                 ? QStringLiteral(", where the one starting at event %1 was expected").arg(number(next))
                                 : QString();
    if (devicePublic.isEmpty())
        throw Stop{QStringLiteral("%1 names a workstation the backup service does not know, so its signature cannot be checked%2. "
                                  "The restore stopped at event %3 of %4; nothing from it was kept.")
                       .arg(what, expected, number(next - 1), number(m_total))};
    changeset::Expect expect{devicePublic, archive ? std::nullopt : m_prevSetHash, next, m_store->journal().headHash()};
    const changeset::Opened o = changeset::open(bytes, m_dataKey, expect);
    if (!o.ok())
        throw Stop{QStringLiteral("%1 from the backup service failed its %2 check: %3%4. The restore stopped at event %5 of %6; "
                                  "nothing from that set was kept.")
                       .arg(what, changeset::failureName(o.failure), o.reason, expected, number(next - 1), number(m_total))};
    if (o.header.pharmacyId != m_settings.pharmacyId)
        throw Stop{QStringLiteral("%1 belongs to another pharmacy. The restore stopped at event %2 of %3; nothing from it was kept.")
                       .arg(what, number(next - 1), number(m_total))};
    QList<Event> events = o.events;
    if (m_o.asOfMs) {
        const auto late = std::find_if(events.begin(), events.end(), [this](const Event &e) { return e.atMs > *m_o.asOfMs; });
        if (late != events.end()) {
            events.erase(late, events.end());
            m_reachedAsOf = true;
        }
    }
    sql::Database &db = m_store->db();
    const QString op = QStringLiteral("restore the records");
    m_store->write(op, [&] {
        m_store->importInTransaction(events);
        if (m_o.asOfMs)
            return;
        const char *table = archive ? "INSERT INTO outbox_archives (first_seq, last_seq, set_hash, sealed_ms, acked_ms) VALUES (?, ?, ?, ?, ?)"
                                    : "INSERT INTO outbox (first_seq, last_seq, set_hash, sealed_ms, acked_ms) VALUES (?, ?, ?, ?, ?)";
        sql::Query(db, table, op).bind(1, o.header.firstSeq).bind(2, o.header.lastSeq).bind(3, o.setHash)
            .bind(4, o.header.createdMs).bind(5, now()).run();
    });
    m_prevSetHash = archive ? std::nullopt : std::optional<QByteArray>(o.setHash);
    m_lastDigest = o.header.stateDigest;
    say(RestoreProgress::Step::Downloading, QStringLiteral("Downloading and checking: %1 of %2 events")
                                                .arg(number(m_store->journal().headSeq()), number(m_total)));
    checkCancelled();
}

void Run::recordBoundarySet(qint64 lastSeq)
{
    // An archive stands beside the chain: the change set it ends on is what the next set continues, and what the
    // outbox continues from once this workstation records again. The listing names it.
    const auto sets = need<QList<StoredSet>>([&](auto done) { m_client->listChangeSets(lastSeq, std::move(done)); });
    const StoredSet boundary = sets.isEmpty() ? StoredSet{} : sets.first();
    if (boundary.lastSeq != lastSeq)
        throw Stop{QStringLiteral("The backup service lists no change set ending where its archive ends (event %1). The restore stopped.").arg(number(lastSeq))};
    const QByteArray hash = boundary.setHash;
    m_prevSetHash = hash;
    if (m_o.asOfMs)
        return;
    const QString op = QStringLiteral("restore the records");
    sql::Database &db = m_store->db();
    sql::Transaction tx(db, op);
    sql::Query(db, "INSERT INTO outbox (first_seq, last_seq, set_hash, sealed_ms, acked_ms) VALUES (?, ?, ?, ?, ?)", op)
        .bind(1, boundary.firstSeq).bind(2, lastSeq).bind(3, hash).bind(4, now()).bind(5, now()).run();
    tx.commit();
}

bool Run::downloadArchive()
{
    const qint64 next = m_store->journal().headSeq() + 1;
    const auto archives = need<QList<StoredSet>>([&](auto done) { m_client->listArchives(next, std::move(done)); });
    qint64 best = 0;
    for (const StoredSet &a : archives) {
        if (a.firstSeq == next)
            best = std::max(best, a.lastSeq);
    }
    if (best == 0)
        return false;
    const QByteArray bytes = need<QByteArray>([&](auto done) { m_client->archive(next, best, std::move(done)); });
    m_bytes += bytes.size();
    importSet(bytes, true);
    if (!m_reachedAsOf)
        recordBoundarySet(best);
    return true;
}

void Run::downloadBundle()
{
    const qint64 next = m_store->journal().headSeq() + 1;
    const auto sets = need<QList<QByteArray>>([&](auto done) { m_client->changeSetBundle(next, std::move(done)); });
    if (sets.isEmpty())
        throw Stop{QStringLiteral("The backup service said it holds events up to %1 but sent none after %2. The restore stopped; "
                                  "run it again to continue.").arg(number(m_total), number(next - 1))};
    for (const QByteArray &set : sets) {
        m_bytes += set.size();
        importSet(set, false);
        if (m_reachedAsOf || m_store->journal().headSeq() >= m_total)
            return;
    }
}

void Run::download()
{
    m_startedAt = m_store->journal().headSeq();
    say(RestoreProgress::Step::Downloading, QStringLiteral("Downloading and checking: %1 of %2 events")
                                                .arg(number(m_store->journal().headSeq()), number(m_total)));
    while (m_store->journal().headSeq() < m_total && !m_reachedAsOf) {
        checkCancelled();
        if (!downloadArchive())
            downloadBundle();
    }
    if (m_store->journal().headSeq() > m_total)
        throw Stop{QStringLiteral("The backup service sent more events than it said it holds. The restore stopped.")};
}

void Run::verify()
{
    say(RestoreProgress::Step::Verifying, QStringLiteral("Checking the whole hash chain and the records"));
    const VerifyReport r = m_store->journal().verify();
    if (!r.intact)
        throw Stop{QStringLiteral("The restored journal does not verify: %1 The restore is not complete.").arg(r.summary())};
    if (m_o.asOfMs)
        return;
    if (m_prevSetHash && *m_prevSetHash != m_serviceHeadHash)
        throw Stop{QStringLiteral("The last change set restored is not the one the backup service names as its head. The restore is not complete; run it again.")};
}

void Run::finish(RestoreReport &report)
{
    sql::Database &db = m_store->db();
    report.pharmacyName = m_settings.pharmacyName;
    report.events = m_store->journal().headSeq();
    report.restoredNow = report.events - m_startedAt;
    report.headHash = m_store->journal().headHash();
    {
        sql::Query q(db, "SELECT coalesce(min(at_ms), 0), coalesce(max(at_ms), 0) FROM events");
        q.next();
        report.firstAtMs = q.int64(0);
        report.lastAtMs = q.int64(1);
    }
    if (m_o.describe)
        m_o.describe(db, report);
    const bool digestRecorded = m_lastDigest.size() == 32 && m_lastDigest != QByteArray(32, '\0');
    if (!m_o.asOfMs && digestRecorded) {
        if (Store::digestTables(db, m_store->currentStateTables()) != m_lastDigest)
            throw Stop{QStringLiteral("The records rebuilt from the backup do not match the state the workstation recorded with its last "
                                      "change set (the state digest differs). The restore is not complete.")};
        report.stateDigestChecked = true;
    }
    report.verification = QStringLiteral("Every signature and decryption checked; the hash chain of %1 events verifies from the first "
                                         "event to the last")
                              .arg(number(report.events))
                          + (report.stateDigestChecked ? QStringLiteral("; the balances and lists equal the state the workstation recorded.")
                                                       : QStringLiteral("."));
    if (!m_o.asOfMs) {
        // The restore itself goes in the record (the audit log lists it): appended by this workstation after every
        // check passed and the store was marked complete, so a crash in between leaves a complete store without the
        // entry, never an entry that a resumed restore would have to continue past. It is backed up like any other.
        Store::markRestoreComplete(m_o.dataDir);
        const QString actor = m_o.restoredBy.isEmpty() ? QStringLiteral("system") : m_o.restoredBy;
        m_store->write(QStringLiteral("record the restore"), [&] {
            return m_store->appendInTransaction(actor, QStringLiteral("store.restored"),
                {{QStringLiteral("events"), report.events}, {QStringLiteral("headHash"), QString::fromLatin1(report.headHash.toHex())},
                 {QStringLiteral("service"), m_settings.serviceUrl.host()}, {QStringLiteral("deviceId"), m_settings.deviceId},
                 {QStringLiteral("stateDigestChecked"), report.stateDigestChecked}}).seq;
        });
    }
    if (m_o.asOfMs) {
        QFile marker(Store::readOnlyMarkerPath(m_o.dataDir));
        const QString asOf = QDateTime::fromMSecsSinceEpoch(*m_o.asOfMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate) || marker.write(asOf.toUtf8() + '\n') < 0 || !marker.flush())
            throw Stop{QStringLiteral("The read-only mark of the copy cannot be written in %1.").arg(m_o.dataDir)};
    }
    m_store.reset();
    Store::markRestoreComplete(m_o.dataDir);
    report.complete = true;
}

RestoreReport Run::go()
{
    RestoreReport report;
    QString problem;
    const auto key = RecoveryKey::parse(m_o.recoveryKey, problem);
    if (!key) {
        report.problem = problem + QStringLiteral(" Nothing was downloaded.");
        return report; // a typo: checked before anything is created or downloaded
    }
    if (m_o.asOfMs && !m_o.activation) {
        report.problem = QStringLiteral("A point-in-time copy is made from an activated workstation's backup.");
        return report;
    }
    try {
        openStore();
        activateOrReuse();
        unlock(*key);
        learnDevices();
        download();
        verify();
        finish(report);
        say(RestoreProgress::Step::Done, QStringLiteral("Restored %1 events").arg(number(report.events)));
    } catch (const Stop &s) {
        report.problem = s.problem;
    } catch (const CiiError &e) {
        report.problem = e.userText();
    }
    if (!report.complete && m_store) {
        report.pharmacyName = m_settings.pharmacyName;
        report.events = m_store->journal().headSeq();
        report.restoredNow = report.events - m_startedAt;
    }
    if (!report.complete)
        qCWarning(lcSync) << "restore stopped:" << report.problem;
    return report;
}

} // namespace

RestoreReport restoreFromCloud(const RestoreOptions &options, const std::function<void(const RestoreProgress &)> &progress,
                               const std::atomic_bool *cancel)
{
    Q_ASSERT(options.keyStore && options.clock);
    return Run(options, progress, cancel).go();
}

QString keepStoreAside(const QString &dataDir, KeyStore &keyStore, qint64 nowMs)
{
    const QString op = QStringLiteral("keep the current records aside");
    const QFileInfo info(dataDir);
    const QString canonical = info.canonicalFilePath();
    if (canonical.isEmpty() || !Store::exists(canonical))
        throw CiiError(CiiError::Code::NoStore, op, dataDir, QStringLiteral("there is no store there"));
    const QString stamp = QDateTime::fromMSecsSinceEpoch(nowMs).toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString aside = canonical + QStringLiteral("-before-restore-") + stamp;
    for (int i = 2; QFileInfo::exists(aside); ++i)
        aside = canonical + QStringLiteral("-before-restore-") + stamp + QStringLiteral("-%1").arg(i);
    // The key is saved under the new place before the folder moves: a crash between leaves a spare key, never a
    // store without one.
    // A store whose key is lost is kept aside all the same (it may be found later).
    if (const auto key = keyStore.load(canonical))
        keyStore.save(aside, *key);
    if (!QDir().rename(canonical, aside))
        throw CiiError(CiiError::Code::NotWritable, op, dataDir, QStringLiteral("the folder cannot be renamed to %1").arg(aside),
                       QStringLiteral("Close every other program using it and check that this account may write there."));
    return aside;
}

} // namespace cii::sync
