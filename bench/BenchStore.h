#pragma once

#include "BenchClock.h"
#include "FileKeyStore.h"
#include "Ledger.h"
#include "LedgerStore.h"
#include "Store.h"
#include "StoreLocation.h"

#include <QTemporaryDir>
#include <memory>

namespace cii::bench {

/// A new store in a temporary folder under the current directory (the disk being measured).
struct BenchStore
{
    QTemporaryDir dir{QDir::currentPath() + QStringLiteral("/bench-XXXXXX")};
    FileKeyStore keys{dir.path() + QStringLiteral("/keys")};
    BenchClock clock; ///< the pharmacy's clock: the wall clock, or from CII_BENCH_NOW (BenchClock.h)
    std::unique_ptr<Store> store;

    /// `other`: a clock the benchmark moves itself (a span of years); `clock` by default.
    explicit BenchStore(const Clock *other = nullptr)
    {
        store = openLedgerStore(dir.path() + QStringLiteral("/store"), keys, other ? *other : clock, true);
    }
};

/// A set-up pharmacy over a BenchStore: a pharmacist-in-charge signed in. scrypt runs at its production cost for
/// the one sign-in. The pharmacy is in California (America/Los_Angeles): dates recorded are its own, from
/// `ledger->todayInPharmacy()`, never the machine's (from 00:00 to 08:00 UTC the machine's UTC date is a day ahead).
struct BenchPharmacy : BenchStore
{
    std::unique_ptr<Ledger> ledger;
    std::optional<Session> pic;

    explicit BenchPharmacy(const Clock *other = nullptr)
        : BenchStore(other)
    {
        ledger = std::make_unique<Ledger>(*store);
        const QString id = ledger->setUp({QStringLiteral("Bench Pharmacy"), QStringLiteral("1 Main St"), QStringLiteral("BM1234563"),
                                          QStringLiteral("CA"), QStringLiteral("America/Los_Angeles"), 0},
                                         {QStringLiteral("Pat Chen"), QStringLiteral("PC"), Role::PharmacistInCharge, QStringLiteral("1234"), {}});
        pic = ledger->signIn(id, QStringLiteral("1234"));
    }
};

} // namespace cii::bench
