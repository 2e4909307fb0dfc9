#include "Journal.h"

#include "CanonicalCbor.h"
#include "CiiError.h"
#include "Clock.h"
#include "Sqlite.h"

namespace cii {

QString VerifyReport::summary() const
{
    if (!intact)
        return QStringLiteral("The journal has been altered at event %1: %2").arg(firstBadSeq).arg(problem);
    QString text = QStringLiteral("The journal is intact: %1 events, head %2").arg(eventCount).arg(QString::fromLatin1(headHash.toHex()));
    if (!projectionsMatch)
        text += QStringLiteral("; but the balances and lists do not match a rebuild from the journal");
    return text;
}

Journal::Journal(sql::Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{
    reloadHead();
}

void Journal::reloadHead()
{
    sql::Query q(m_db, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
    if (q.next()) {
        m_headSeq = q.int64(0);
        m_headHash = q.blob(1);
    } else {
        m_headSeq = 0;
        m_headHash = Event::genesisHash();
    }
}

Event Journal::append(const QString &actor, const QString &kind, const QCborMap &payload)
{
    Event e;
    e.seq = m_headSeq + 1;
    e.atMs = m_clock.nowMs();
    e.actor = actor;
    e.kind = kind;
    e.payload = canonicalCbor(payload);
    e.prevHash = m_headHash;
    e.hash = e.computeHash();

    // OR FAIL: a failed statement keeps no partial undo of its own, so SQLite needs no statement journal (which
    // SQLCipher would encrypt page by page). Atomicity holds: an append always runs inside Store::write, whose
    // transaction is rolled back whole on any error.
    sql::Query(m_db, "INSERT OR FAIL INTO events(seq, at_ms, actor, kind, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
               QStringLiteral("record the entry"))
        .bind(1, e.seq).bind(2, e.atMs).bind(3, e.actor).bind(4, e.kind).bind(5, e.payload).bind(6, e.prevHash)
        .bind(7, e.hash).run();
    sql::Query(m_db, "UPDATE OR FAIL journal_head SET seq = ?, hash = ? WHERE id = 1", QStringLiteral("record the entry"))
        .bind(1, e.seq).bind(2, e.hash).run();
    m_headSeq = e.seq;
    m_headHash = e.hash;
    return e;
}

void Journal::appendVerbatim(const Event &e)
{
    const QString op = QStringLiteral("restore the journal");
    const auto refuse = [&](const QString &why) {
        return CiiError(CiiError::Code::InvalidInput, op, QStringLiteral("event %1").arg(e.seq), why);
    };
    if (e.seq != m_headSeq + 1)
        throw refuse(QStringLiteral("it does not come next (the journal ends at %1)").arg(m_headSeq));
    if (e.prevHash != m_headHash)
        throw refuse(QStringLiteral("it does not follow the event before it"));
    if (!isCanonicalCbor(e.payload) || e.hash != e.computeHash())
        throw refuse(QStringLiteral("its content does not match its hash"));
    sql::Query(m_db, "INSERT OR FAIL INTO events(seq, at_ms, actor, kind, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?)", op)
        .bind(1, e.seq).bind(2, e.atMs).bind(3, e.actor).bind(4, e.kind).bind(5, e.payload).bind(6, e.prevHash)
        .bind(7, e.hash).run();
    sql::Query(m_db, "UPDATE OR FAIL journal_head SET seq = ?, hash = ? WHERE id = 1", op).bind(1, e.seq).bind(2, e.hash).run();
    m_headSeq = e.seq;
    m_headHash = e.hash;
}

void Journal::forEach(qint64 fromSeq, const std::function<bool(const Event &)> &visit) const
{
    forEachIn(m_db, fromSeq, visit);
}

void Journal::forEachIn(sql::Database &db, qint64 fromSeq, const std::function<bool(const Event &)> &visit)
{
    sql::Query q(db, "SELECT seq, at_ms, actor, kind, payload, prev_hash, hash FROM events WHERE seq >= ? ORDER BY seq");
    q.bind(1, fromSeq);
    while (q.next()) {
        Event e{q.int64(0), q.int64(1), q.text(2), q.text(3), q.blob(4), q.blob(5), q.blob(6)};
        if (!visit(e))
            break;
    }
}

qint64 Journal::count() const
{
    sql::Query q(m_db, "SELECT count(*) FROM events");
    q.next();
    return q.int64(0);
}

VerifyReport Journal::verify() const
{
    VerifyReport r;
    qint64 expectedSeq = 1;
    QByteArray prev = Event::genesisHash();
    const auto fail = [&r](qint64 seq, const QString &problem) {
        r.intact = false;
        r.firstBadSeq = seq;
        r.problem = problem;
    };
    forEach(1, [&](const Event &e) {
        if (e.seq != expectedSeq) {
            fail(expectedSeq, e.seq > expectedSeq
                                  ? QStringLiteral("events %1 to %2 are missing (deleted)").arg(expectedSeq).arg(e.seq - 1)
                                  : QStringLiteral("sequence numbers are out of order"));
            return false;
        }
        if (!isCanonicalCbor(e.payload) || e.hash != e.computeHash()) {
            fail(e.seq, QStringLiteral("its content does not match its hash (edited, or moved from another position)"));
            return false;
        }
        if (e.prevHash != prev) {
            fail(e.seq, QStringLiteral("it does not follow the event before it (an event was inserted, removed or "
                                       "reordered)"));
            return false;
        }
        prev = e.hash;
        ++expectedSeq;
        ++r.eventCount;
        return true;
    });
    if (!r.intact)
        return r;
    r.headSeq = expectedSeq - 1;
    r.headHash = prev;
    sql::Query head(m_db, "SELECT seq, hash FROM journal_head WHERE id = 1");
    if (head.next() && (head.int64(0) != r.headSeq || head.blob(1) != r.headHash)) {
        const qint64 recorded = head.int64(0);
        if (recorded > r.headSeq)
            fail(r.headSeq + 1, QStringLiteral("events %1 to %2 are missing from the end (deleted)")
                                    .arg(r.headSeq + 1).arg(recorded));
        else if (recorded < r.headSeq)
            fail(recorded + 1, QStringLiteral("events from %1 on were added outside CII Ledger").arg(recorded + 1));
        else
            fail(recorded, QStringLiteral("the recorded head of the journal does not match this event"));
    }
    return r;
}

} // namespace cii
