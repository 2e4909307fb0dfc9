// libFuzzer target: the files people import (docs/RELIABILITY.md): any CSV (RFC 4180 reader), the FDA NDC
// directory (product.txt and package.txt, split at the first form feed of the input), the directory's package
// descriptions, dosage forms and strengths on their own (the input's first line, so that every input reaches them,
// not only one that makes a schedule II product row first), and an opening-balances
// spreadsheet checked against a real encrypted store set up once (the check writes nothing). Each file is either
// read or refused with a sentence naming the line; nothing may crash.
#include "CiiError.h"
#include "Clock.h"
#include "Csv.h"
#include "FdaDirectory.h"
#include "FileKeyStore.h"
#include "Ledger.h"
#include "LedgerProjection.h"
#include "Store.h"
#include "StoreLocation.h"

#include <QCoreApplication>
#include <QTemporaryDir>

using namespace cii;

namespace {

struct Pharmacy
{
    QTemporaryDir data, keys;
    FileKeyStore keyStore{keys.path()};
    SystemClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<Ledger> ledger;

    Pharmacy()
    {
        Store::Options o;
        o.dataDir = data.path();
        o.keyStore = &keyStore;
        o.clock = &clock;
        o.create = true;
        o.projections = defaultProjections();
        store = Store::open(std::move(o));
        ledger = std::make_unique<Ledger>(*store, SecretHasher(10));
        const PharmacyProfile p{QStringLiteral("Fuzz Pharmacy"), QStringLiteral("1 Main Street, Springfield, CA 90001"),
                                QStringLiteral("BM1234563"), QStringLiteral("CA"), QStringLiteral("America/Los_Angeles"), 0};
        ledger->setUp(p, {QStringLiteral("Pat Chen"), QStringLiteral("PC"), Role::PharmacistInCharge, QStringLiteral("1234"), {}});
    }
};

Pharmacy *g_pharmacy = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    static Pharmacy pharmacy;
    g_pharmacy = &pharmacy;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const csv::Parsed parsed = csv::parse(input);
    if (!parsed.problem.isEmpty() && !parsed.records.isEmpty())
        __builtin_trap(); // a refused file hands back no records
    const qsizetype split = input.indexOf('\f');
    fda::parseDirectory(input.left(split < 0 ? input.size() : split), split < 0 ? QByteArray() : input.mid(split + 1));
    const qsizetype eol = input.indexOf('\n');
    const QString first = fda::fromWindows1252(input.left(eol < 0 ? input.size() : eol));
    for (const char *form : {"TABLET", "PATCH, EXTENDED RELEASE", "SOLUTION", "FILM"}) {
        const QString unit = fda::countingUnit(QString::fromLatin1(form), first);
        const fda::PackageSize size = fda::parsePackageDescription(first, unit, first);
        if (size.problem.isEmpty() && (size.size < 1 || size.size > 10'000'000 || size.unit != unit))
            __builtin_trap(); // a package read is a whole number of the counting unit, within bounds
    }
    fda::countingUnit(first, first);
    fda::labelStrength(first, first.section(QLatin1Char('\t'), 1));
    try {
        g_pharmacy->ledger->checkOpeningBalances(input);
    } catch (const CiiError &) {
        // a whole-file refusal (empty, not CSV, wrong header) is an answer too
    }
    return 0;
}
