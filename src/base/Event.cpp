#include "Event.h"

#include "CanonicalCbor.h"

#include <QCborArray>
#include <QCryptographicHash>

namespace cii {

QCborMap Event::payloadMap() const
{
    return QCborValue::fromCbor(payload).toMap();
}

QByteArray Event::hashInput() const
{
    // Format version 1 leads, so a future change to the encoding can never collide with this one.
    return canonicalCbor(QCborArray{1, seq, atMs, actor, kind, payload, prevHash});
}

QByteArray Event::computeHash() const
{
    return QCryptographicHash::hash(hashInput(), QCryptographicHash::Sha256);
}

} // namespace cii
