#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

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
    QString name, strength, dosageForm, baseUnit, schedule;
    qint64 packageSize = 0;
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
/// DEASCHEDULE is CII or CIIN; the package size and base unit come from PACKAGEDESCRIPTION, nested packaging
/// multiplied out ("1 BOTTLE in 1 CARTON > 100 TABLET in 1 BOTTLE" is 100 tablets).
ParseResult parseDirectory(const QByteArray &productTxt, const QByteArray &packageTxt);

/// "100 TABLET in 1 BOTTLE (0574-4072-05)" -> 100, "tablet". Empty unit and a reason when it cannot be read.
struct PackageSize
{
    qint64 size = 0;
    QString unit;
    QString problem;
};
PackageSize parsePackageDescription(const QString &description);

} // namespace cii::fda
