// libFuzzer target: what the counter reads from a scanner or a keyboard and what people type as identifiers
// (docs/RELIABILITY.md): barcodes (UPC-A, GS1 DataMatrix element strings), NDCs in every form, DEA numbers,
// Form 222 numbers, FDA package descriptions. Each answer is either a value or a sentence; nothing may crash.
#include "FdaDirectory.h"
#include "Identifiers.h"

using namespace cii;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const ScanResult scan = parseScan(text);
    if (scan.kind != ScanResult::Kind::Invalid && scan.ndc11Candidates.isEmpty())
        __builtin_trap(); // a code read without a product number to look up
    QString problem;
    if (const auto ndc = Ndc::parse(text, &problem); ndc && ndc->ndc11().size() != 11)
        __builtin_trap();
    deaProblem(text);
    normalizeDea(text);
    form222Problem(text);
    fda::parsePackageDescription(text);
    return 0;
}
