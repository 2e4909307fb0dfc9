#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace cii {

/// DEA registration number: two letters and seven digits; the last digit is the check digit:
/// (d1 + d3 + d5) + 2 * (d2 + d4 + d6), last digit. Returns an empty string when valid, else one sentence
/// about `subject` ("The supplier's DEA number") saying what is wrong. Lower-case letters and surrounding
/// spaces are accepted; use normalizeDea().
QString deaProblem(const QString &dea, const QString &subject = QStringLiteral("The DEA number"));
QString normalizeDea(const QString &dea);
/// A DEA Form 222 number is its 8 or 9 digits: empty when `number` is one, else what is wrong.
QString form222Problem(const QString &number);

/// A National Drug Code. Its 10 digits come in one of three layouts (4-4-2, 5-3-2, 5-4-1); the 11-digit
/// 5-4-2 billing form pads the short segment with a leading zero. A bare 10-digit NDC's layout cannot be
/// derived from its digits (it comes from the catalog), but its 11-digit form can be looked up from any.
struct Ndc
{
    QString labeler, product, package; ///< segments as written (no padding)

    /// "0574-4072-05" (hyphenated 10-digit), "00574-4072-05" (11-digit 5-4-2 with hyphens),
    /// or "00574407205" (11 digits). Bare 10 digits are ambiguous: use candidatesFor10().
    static std::optional<Ndc> parse(const QString &text, QString *problem = nullptr);
    /// The three possible layouts of 10 bare digits, as 11-digit codes.
    static QStringList elevenDigitCandidates(const QString &tenDigits);

    QString layout() const;      ///< "4-4-2", "5-3-2", "5-4-1" or "5-4-2"
    QString formatted() const;   ///< hyphenated, as written
    QString ndc11() const;       ///< 11 digits, no hyphens: the catalog key
    QString ndc11Formatted() const; ///< 5-4-2 with hyphens
    QString digits10() const;    ///< 10 digits (only for a 10-digit layout), as on a UPC
};

/// What a scanner (or a person typing) produced, decoded.
struct ScanResult
{
    enum class Kind { Invalid, UpcA, Gs1, Ndc11, Ndc10Bare };
    Kind kind = Kind::Invalid;
    QString problem;          ///< why it could not be read (Invalid)
    QStringList ndc11Candidates; ///< catalog keys that may match (one, or three for a bare 10-digit code)
    QString gtin;             ///< GTIN-14 (GS1) or GTIN-12 (UPC-A)
    QString lot, serial;
    QString expiry;           ///< ISO date "YYYY-MM-DD", a real day (a GS1 day 00, "the month's end", is its last day)
};

/// Decodes a keyboard-wedge scan or typed code: UPC-A ("3" + NDC-10 + check), GS1 DataMatrix element strings
/// ((01) GTIN-14, (17) expiry YYMMDD, (10) lot, (21) serial; GS = ASCII 29 ends variable fields; symbology
/// prefixes such as "]d2" or "]C1" are dropped; the human-readable "(01)..." form is accepted too), an NDC
/// with hyphens, 11 bare digits, or 10 bare digits (three candidates). An expiry that names no real day (month 13,
/// 30 February) refuses the whole scan, in a sentence.
ScanResult parseScan(const QString &raw);

/// GS1 check digit over `digits` (without the check digit): weights 3,1,3,... from the rightmost digit.
int gs1CheckDigit(const QString &digits);

} // namespace cii
