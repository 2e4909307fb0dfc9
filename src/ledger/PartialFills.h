#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <optional>

namespace cii {

/// Why a CII prescription is filled in part (21 CFR 1306.13), which sets how long the rest may follow. A CII has
/// no refills (1306.12): a later fill of the same Rx is the rest of a partial fill, within its kind's window.
enum class PartialFill {
    None,          ///< filled in full: nothing may follow
    CannotSupply,  ///< (a) the pharmacy cannot supply the full quantity: the rest within 72 hours, else void
    LongTermCare,  ///< (b) a patient in a long-term care facility or terminally ill: fills up to 60 days from the date written
    PatientRequest ///< (c) at the patient's or prescriber's request: the last fill within 30 days of the date written
};

/// "", cannot-supply, long-term-care, patient-request.
QString partialFillName(PartialFill kind);
std::optional<PartialFill> partialFillFromName(const QString &name);
/// The names a command accepts, for refusals and choices (without the empty one).
QStringList partialFillNames();
/// How the records say it: "the pharmacy could not supply the full quantity", ...
QString partialFillText(PartialFill kind);

/// The last day a fill of this prescription may be dated. The ledger keeps fill dates, not times, so 72 hours
/// from the first fill is its third day after (a fill on the 1st: the rest by the 4th).
QDate lastFillDate(PartialFill kind, const QDate &dateWritten, const QDate &firstFill);
/// The rule that day comes from, with its citation: "the rest of a fill the pharmacy could not supply follows
/// within 72 hours (21 CFR 1306.13(a))".
QString partialFillRule(PartialFill kind);

} // namespace cii
