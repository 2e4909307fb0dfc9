#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <functional>

namespace cii::fda {

/// A row that could not be used, with its 1-based line number in its file and the reason, in words.
struct Rejection
{
    QString file;
    int line = 0;
    QString reason;
};

/// One schedule II package from the FDA NDC Directory, ready for the catalog.
struct CiiPackage
{
    int line = 0;            ///< in package.txt
    QString ndc;             ///< NDCPACKAGECODE as labelled, e.g. "0574-4072-05"
    QString name;            ///< brand, then the generic name in brackets
    QString strength;        ///< as the label says it: labelStrength()
    QString dosageForm;      ///< the full DOSAGEFORMNAME, for display: "Tablet, Film Coated, Extended Release"
    QString baseUnit;        ///< the counting unit: countingUnit()
    QString schedule;
    qint64 packageSize = 0;  ///< counting units per package
};

struct ParseResult
{
    QList<CiiPackage> packages;
    QList<Rejection> rejected;
    int notScheduleII = 0; ///< product rows left out because their DEASCHEDULE is not CII or CIIN
    QString fatal; ///< the file as a whole is unusable (no header, a column missing): nothing is imported
};

/// Decodes Windows-1252 (the directory's encoding): Latin-1 plus the 0x80-0x9F printable characters.
QString fromWindows1252(QByteArrayView bytes);

/// Parses `product.txt` and `package.txt` (tab-separated, header line first, Windows-1252). Keeps only rows whose
/// DEASCHEDULE is CII or CIIN. The counting unit comes from DOSAGEFORMNAME (and ROUTENAME, when present), the
/// package size from PACKAGEDESCRIPTION counted in that unit. A product whose dosage form has no counting unit (a
/// kit, a form not in the map) is rejected on its product.txt line, and its packages with it.
/// `progress(bytesDone, bytesTotal)`, when given, is called as the two files are read (every few thousand lines,
/// on the calling thread): product.txt's bytes first, then package.txt's. Pure: any thread.
using Progress = std::function<void(qint64 done, qint64 total)>;
ParseResult parseDirectory(const QByteArray &productTxt, const QByteArray &packageTxt, const Progress &progress = {});

/// The dispensed unit a pharmacy counts for a directory dosage form: "tablet", "capsule", "patch", "film",
/// "lozenge", "suppository", "spray", "mL", "g" or "vial". `route` is ROUTENAME: a transdermal "FILM, EXTENDED
/// RELEASE" is worn as a patch. Empty for a kit and for a form not in the map: such a product is not counted from
/// the directory (the caller refuses it). Also maps a package level's unit ("TABLET, FILM COATED", "mL", "VIAL").
QString countingUnit(const QString &dosageForm, const QString &route = {});

/// The strength as the label says it, from ACTIVE_NUMERATOR_STRENGTH and ACTIVE_INGRED_UNIT (both ";"-separated,
/// one per ingredient). The directory's per-unit "/1" is dropped ("5", "mg/1" -> "5 mg"); a real denominator stays
/// ("10 mg/mL", "5 mg/5 mL"); micrograms are "mcg". Ingredients are joined as labels join them: "5 mg/325 mg", or
/// "7.5 mg/325 mg per 15 mL" when they share a denominator; "; " otherwise.
QString labelStrength(const QString &amounts, const QString &units);

/// A package description counted in `countingUnit`: levels "<n> <UNIT> in <m> <CONTAINER> (<ndc>)", outermost
/// first, joined by " > ", multiplied through down to the first level whose unit maps to `countingUnit` (via
/// countingUnit(unit, route)), and no further: in "5 POUCH in 1 CARTON > 1 PATCH in 1 POUCH > 72 h in 1 PATCH" the
/// 72 h is the patch's wear time, and the package is 5 patches. Refused, with `problem` in words: a description
/// not in that form or longer than 1,000 characters, a zero quantity, a kit (a "KIT" level or parts joined by
/// " * "), no level in the counting unit, or not a whole number of units between 1 and 10,000,000.
struct PackageSize
{
    qint64 size = 0;
    QString unit;    ///< the counting unit, when read
    QString problem; ///< why it could not be read: a clause that follows the row's line number
};
PackageSize parsePackageDescription(const QString &description, const QString &countingUnit, const QString &route = {});

} // namespace cii::fda
