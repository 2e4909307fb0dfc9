#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QString>

namespace cii {

/// One journal entry. Immutable once appended: a correction is a new event that names this one.
struct Event
{
    qint64 seq = 0;       ///< 1, 2, 3, ... with no gaps
    qint64 atMs = 0;      ///< UTC milliseconds since the epoch
    QString actor;        ///< who answers for it: a person's id, or "system"
    QString kind;         ///< "store.created", "setting.changed", ... (docs/JOURNAL.md lists them)
    QByteArray payload;   ///< deterministic CBOR of a map
    QByteArray prevHash;  ///< the previous event's hash; 32 zero bytes for the first
    QByteArray hash;      ///< SHA-256 over hashInput()

    QCborMap payloadMap() const;
    /// Deterministic CBOR of [1, seq, atMs, actor, kind, payload, prevHash]: what `hash` covers.
    QByteArray hashInput() const;
    QByteArray computeHash() const;
    static QByteArray genesisHash() { return QByteArray(32, '\0'); }
};

} // namespace cii
