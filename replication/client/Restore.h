#pragma once

#include "HttpBackupClient.h"
#include "Projection.h"
#include "ReplicationSettings.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace cii {
class Clock;
class KeyStore;
} // namespace cii

namespace cii::sync {

/// Where a restore is (docs/RESTORE.md); sent after every step and every downloaded set.
struct RestoreProgress
{
    enum class Step { Activating, Unlocking, Downloading, Verifying, Done };
    Step step = Step::Activating;
    qint64 eventsDone = 0;   ///< in the new store
    qint64 eventsTotal = 0;  ///< what the service holds (0 until known)
    qint64 bytesDownloaded = 0;
    QString text;            ///< "Downloading and checking: 4,000 of 10,000 events"
};

/// What a restore did. Not `complete`: `problem` says why in a sentence, and the unfinished store stays marked
/// (Store::restoreIncomplete), never opening as if complete; running the restore again continues it.
struct RestoreReport
{
    bool complete = false;
    QString problem;
    QString pharmacyName;
    QString timeZone;           ///< the pharmacy's zone (IANA id), to show its times in; set by `describe`
    qint64 events = 0;          ///< in the restored journal
    qint64 restoredNow = 0;     ///< by this run (a resumed restore had some already)
    qint64 firstAtMs = 0, lastAtMs = 0;
    qint64 products = 0;        ///< products with a balance row
    struct Balance
    {
        QString ndc11, name;
        qint64 quantity = 0;
        QString unit;
    };
    QList<Balance> balances;
    qint64 openDiscrepancies = 0;
    QByteArray headHash;
    bool stateDigestChecked = false;
    QString verification;       ///< a sentence: what was checked
    QString keptAside;          ///< the earlier store's folder, when one was kept aside
};

struct RestoreOptions
{
    QString dataDir;                 ///< where the restored store goes (must hold no complete store)
    KeyStore *keyStore = nullptr;
    /// The restore's times (outbox rows, the restore's marks, the `store.restored` event). The client's signatures
    /// use the wall clock whatever this is (HttpBackupClient).
    const Clock *clock = nullptr;
    /// Makes the restore's client on the calling thread: once for activating, once for the activated workstation.
    BackupClientFactory client = HttpBackupClient::factory();
    /// A new workstation activates with the service's address and a one-time code ...
    QUrl service;
    QString activationCode;
    QByteArray pinnedCaPem;
    QString deviceName = QStringLiteral("Counter workstation");
    /// ... or keeps this workstation's activation (Settings > Security > Restore from Cloud).
    std::optional<ReplicationSettings> activation;
    QString recoveryKey;             ///< as typed
    bool startOver = false;          ///< discard an unfinished restore instead of continuing it
    /// Point in time: only the events recorded up to this moment, into a read-only copy that never uploads.
    std::optional<qint64> asOfMs;
    int timeoutMs = 60'000;          ///< per request
    /// Who asked for it, when someone signed in did (Settings > Security): the `store.restored` event's actor.
    QString restoredBy;
    /// The projections the restored store keeps (the application's: defaultProjections()). The engine knows
    /// none of them; the state digest it checks covers what these build.
    std::function<std::vector<std::unique_ptr<Projection>>()> projections;
    /// Fills the report's account of what the restored records hold (products, balances, open discrepancies)
    /// from the restored store, once every check has passed; nothing when empty.
    std::function<void(sql::Database &, RestoreReport &)> describe;
};

/// Restores the pharmacy's records from the backup service into a new encrypted store at `dataDir`: checks the
/// recovery key for typos, activates (or reuses the activation), unwraps the data key, downloads the archives and
/// change sets, checks every signature, decryption, event hash and the whole chain, replays the events into the
/// store with every projection, and compares the state digest. Continues an unfinished restore unless
/// `startOver`. Runs on the calling thread (a worker in the app) and waits for each answer of its client there
/// (waitFor); `cancel` is read between sets. Never throws: every failure is a sentence in the report.
RestoreReport restoreFromCloud(const RestoreOptions &options, const std::function<void(const RestoreProgress &)> &progress = {},
                               const std::atomic_bool *cancel = nullptr);

/// Moves the store in `dataDir` aside to "<dataDir>-before-restore-<yyyyMMdd-HHmmss>" (its key saved under its
/// new place first), so a restore never overwrites it. Returns the new folder. Throws CiiError.
QString keepStoreAside(const QString &dataDir, KeyStore &keyStore, qint64 nowMs);

} // namespace cii::sync
