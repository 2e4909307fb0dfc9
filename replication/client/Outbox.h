#pragma once

#include "Projection.h"

#include <QByteArray>
#include <QtGlobal>
#include <optional>

namespace cii::sql {
class Database;
}

namespace cii::sync {
struct ReplicationSettings;

/// The write-ahead outbox (docs/REPLICATION.md): committed events are sealed into change sets and stored here
/// before anything is sent; a row keeps its bytes until the service acknowledges it, so a retry sends the
/// identical bytes. Rows are never deleted (triggers refuse it).
class Outbox
{
public:
    /// `stateTables` (Store::currentStateTables) are what a change set's state digest covers; needed to seal.
    explicit Outbox(sql::Database &db, QList<Projection::Table> stateTables = {});

    static constexpr qint64 kMaxPlainBytes = 1024 * 1024; ///< about this much event CBOR per change set when behind

    struct Row
    {
        qint64 firstSeq = 0, lastSeq = 0;
        QByteArray bytes;
        qint64 sealedMs = 0;
    };
    struct Counts
    {
        qint64 pendingSets = 0, pendingEvents = 0; ///< sealed or not, not yet acknowledged
        qint64 sealedThrough = 0, journalHead = 0, lastAckMs = 0;
    };

    /// Seals the journal events after the outbox's end into change sets of at most `maxPlainBytes` of event
    /// CBOR each (one event at least), up to `maxSets` sets per call, written in one short transaction.
    /// Returns how many change sets it sealed.
    int sealPending(const ReplicationSettings &settings, qint64 nowMs, qint64 maxPlainBytes = kMaxPlainBytes, int maxSets = 16);
    /// The oldest change set not yet acknowledged.
    std::optional<Row> oldestUnacknowledged() { return oldestUnackedIn("outbox"); }
    /// The service stored it: the row keeps its range and hash, its bytes go.
    void acknowledge(qint64 firstSeq, qint64 nowMs) { acknowledgeIn("outbox", firstSeq, nowMs); }

    /// The service's chain ends before `firstSeq` (its database was put back from an older copy; it answered 409
    /// gap): the sets from `firstSeq` on are marked superseded (kept) so that sealPending seals the journal again
    /// from there, continuing the set the service still holds. False, and nothing changed, when no set in force
    /// ends at `firstSeq - 1` (or it is not acknowledged), or none starts at `firstSeq` or later.
    bool supersedeFrom(qint64 firstSeq, qint64 nowMs);
    /// Archives: once `everyEvents` acknowledged events lie after the last archive, one archive of them (ending
    /// where an acknowledged change set ends, at most four times that many unless one set is longer, continuing
    /// the set before it) is sealed into `outbox_archives`. Returns whether it sealed one.
    bool sealArchiveIfDue(const ReplicationSettings &settings, qint64 nowMs, qint64 everyEvents);
    /// The oldest archive not yet acknowledged.
    std::optional<Row> pendingArchive() { return oldestUnackedIn("outbox_archives"); }
    void acknowledgeArchive(qint64 firstSeq, qint64 nowMs) { acknowledgeIn("outbox_archives", firstSeq, nowMs); }
    Counts counts();

private:
    // `table` is one of the two outbox tables, never input.
    std::optional<Row> oldestUnackedIn(const char *table);
    void acknowledgeIn(const char *table, qint64 firstSeq, qint64 nowMs);

    sql::Database &m_db;
    QList<Projection::Table> m_stateTables;
};

} // namespace cii::sync
