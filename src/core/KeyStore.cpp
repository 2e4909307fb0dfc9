#include "KeyStore.h"

#include <QList>

namespace cii {

// Text form "v1:<64 hex key>:<32 hex salt or empty>" so both key stores hold the same thing.
QByteArray KeyStore::encode(const StoreKey &key)
{
    return "v1:" + key.key.toHex() + ':' + key.fileSalt.toHex();
}

std::optional<StoreKey> KeyStore::decode(const QByteArray &text)
{
    const QList<QByteArray> parts = text.trimmed().split(':');
    if (parts.size() != 3 || parts[0] != "v1" || parts[1].size() != 64)
        return std::nullopt;
    StoreKey k{QByteArray::fromHex(parts[1]), QByteArray::fromHex(parts[2])};
    if (k.key.size() != 32 || (!k.fileSalt.isEmpty() && k.fileSalt.size() != 16))
        return std::nullopt;
    return k;
}

} // namespace cii
