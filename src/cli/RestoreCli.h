#pragma once

#include <QTextStream>

namespace cii {
struct Args;
struct StoreLocation;

/// ciictl's restore commands (docs/RESTORE.md), which work without an open store:
///   restore        the pharmacy's records from the backup service into this workstation's data folder
///   restore-copy   a read-only copy of the records as of a date, beside the working store
/// Returns the exit code; prints progress on `err`, the report on `out`.
int runRestoreCommand(const Args &args, const StoreLocation &location, QTextStream &out, QTextStream &err);
bool isRestoreCommand(const QString &command);
QString restoreUsageText();
/// `ciictl restore --help`, `ciictl restore-copy --help`.
QString restoreHelpText(const QString &command);

} // namespace cii
