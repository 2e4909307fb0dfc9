#pragma once

#include "Event.h"

#include <QCborMap>
#include <functional>

namespace cii {
class Clock;
namespace sql {
class Database;
}

/// What `verify` found. `intact` with the head, or the first sequence number where history was edited,
/// deleted, inserted or reordered, and what was wrong there.
struct VerifyReport
{
    bool intact = true;
    qint64 eventCount = 0;
    qint64 headSeq = 0;
    QByteArray headHash;
    qint64 firstBadSeq = 0;  ///< 0 when intact
    QString problem;         ///< a sentence naming what is wrong at firstBadSeq
    bool projectionsMatch = true;  ///< live projections equal a rebuild from the journal
    QString summary() const;
};

/// The append-only, hash-chained `events` table. Triggers in the schema refuse UPDATE and DELETE.
/// Not thread-safe: used through its Store, on the store's thread.
class Journal
{
public:
    Journal(sql::Database &db, const Clock &clock);

    /// Appends one event inside the caller's open write transaction and returns it. The head advances in
    /// memory; if the transaction rolls back, the caller must call reloadHead(). Throws CiiError.
    Event append(const QString &actor, const QString &kind, const QCborMap &payload);

    /// Appends an event made elsewhere (a restore), exactly as it was: it must continue the head (its seq and
    /// prevHash) and its hash must match its content. Inside the caller's write transaction. Throws CiiError.
    void appendVerbatim(const Event &e);

    qint64 headSeq() const { return m_headSeq; }
    QByteArray headHash() const { return m_headHash; }
    void reloadHead();

    /// Calls `visit` for each event from `fromSeq` in order until it returns false.
    void forEach(qint64 fromSeq, const std::function<bool(const Event &)> &visit) const;
    /// The same on any connection to a store (the replication thread's), without a Journal.
    static void forEachIn(sql::Database &db, qint64 fromSeq, const std::function<bool(const Event &)> &visit);
    qint64 count() const;

    /// Walks the whole chain: sequence numbers contiguous from 1, each prevHash linking to the previous
    /// event, each hash matching its content, and the recorded head matching the last event.
    VerifyReport verify() const;

private:
    sql::Database &m_db;
    const Clock &m_clock;
    qint64 m_headSeq = 0;
    QByteArray m_headHash;
};

} // namespace cii
