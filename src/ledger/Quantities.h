#pragma once

#include <QString>

namespace cii {

/// A quantity with its unit, as a pharmacist says it: "300 tablets", "1 tablet", "15 mL" (a counting unit takes the
/// plural, a measure does not), with thousands grouped ("1,200 tablets"). An empty unit gives the bare number.
/// The one place the app, the command line and the reports put a number beside a unit.
QString quantityText(qint64 n, const QString &unit);

/// Packages and what they hold: "2 packages = 200 tablets", "1 package = 100 tablets".
QString packagesText(qint64 packages, qint64 packageSize, const QString &unit);

} // namespace cii
