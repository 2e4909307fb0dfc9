#include "LedgerStore.h"

#include "LedgerProjection.h"
#include "Store.h"

namespace cii {

std::unique_ptr<Store> openLedgerStore(const QString &dataDir, KeyStore &keys, const Clock &clock, bool create)
{
    Store::Options options;
    options.dataDir = dataDir;
    options.keyStore = &keys;
    options.clock = &clock;
    options.create = create;
    options.projections = defaultProjections();
    return Store::open(std::move(options));
}

} // namespace cii
