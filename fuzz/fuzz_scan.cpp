// libFuzzer target: what the counter reads from a scanner or a keyboard and what people type as identifiers
// (docs/RELIABILITY.md): barcodes (UPC-A, GS1 DataMatrix element strings), NDCs in every form, DEA numbers,
// Form 222 numbers, FDA package descriptions. Each answer is either a value or a sentence; nothing may crash.
#include "FdaDirectory.h"
#include "Identifiers.h"

#include <QDate>

using namespace cii;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const ScanResult scan = parseScan(text);
    if (scan.kind != ScanResult::Kind::Invalid && scan.ndc11Candidates.isEmpty())
        __builtin_trap(); // a code read without a product number to look up
    if (!scan.expiry.isEmpty() && !QDate::fromString(scan.expiry, Qt::ISODate).isValid())
        __builtin_trap(); // an expiry handed on is a real day (a GS1 day 00 is the month's last)
    QString problem;
    if (const auto ndc = Ndc::parse(text, &problem); ndc && ndc->ndc11().size() != 11)
        __builtin_trap();
    deaProblem(text);
    normalizeDea(text);
    form222Problem(text);
    for (const char *unit : {"tablet", "patch", "mL"}) {
        const fda::PackageSize p = fda::parsePackageDescription(text, QString::fromLatin1(unit));
        if (p.problem.isEmpty() && (p.size < 1 || p.size > 10'000'000))
            __builtin_trap(); // a package read is a whole number of units within bounds
    }
    fda::countingUnit(text, text);
    fda::labelStrength(text, text);
    return 0;
}
