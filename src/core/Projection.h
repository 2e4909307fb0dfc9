#pragma once

#include <QCborMap>
#include <QList>
#include <QString>

namespace cii {
struct Event;
namespace sql {
class Database;
}

/// A table (or tables) derived from the journal alone: balances, people, products, settings...
/// The store applies every projection to every event in the same transaction that appends the event, and
/// rebuilds them all from the journal on demand, so a rebuild always equals the live state.
class Projection
{
public:
    struct Table
    {
        QString name;
        QString orderBy; ///< a total order over the rows, for the state digest
        /// One row per event or so (a ledger line, a fill): the journal's hash chain already covers it, so the
        /// replication state digest, computed at every seal, leaves it out to stay small (docs/REPLICATION.md).
        bool history = false;
    };

    virtual ~Projection() = default;
    virtual QString name() const = 0;
    /// The tables this projection owns; a rebuild empties them first.
    virtual QList<Table> tables() const = 0;
    /// Applies one event (ignoring kinds it does not follow). Runs inside the write transaction; throws
    /// CiiError to refuse, which rolls the whole append back.
    virtual void apply(sql::Database &db, const Event &event, const QCborMap &payload) = 0;
};

} // namespace cii
