#include "PartialFills.h"

namespace cii {

QString partialFillName(PartialFill kind)
{
    switch (kind) {
    case PartialFill::None: return {};
    case PartialFill::CannotSupply: return QStringLiteral("cannot-supply");
    case PartialFill::LongTermCare: return QStringLiteral("long-term-care");
    case PartialFill::PatientRequest: return QStringLiteral("patient-request");
    }
    return {};
}

std::optional<PartialFill> partialFillFromName(const QString &name)
{
    for (PartialFill k : {PartialFill::None, PartialFill::CannotSupply, PartialFill::LongTermCare, PartialFill::PatientRequest})
        if (partialFillName(k) == name.trimmed())
            return k;
    return std::nullopt;
}

QStringList partialFillNames()
{
    return {partialFillName(PartialFill::CannotSupply), partialFillName(PartialFill::LongTermCare),
            partialFillName(PartialFill::PatientRequest)};
}

QString partialFillText(PartialFill kind)
{
    switch (kind) {
    case PartialFill::None: return QStringLiteral("filled in full");
    case PartialFill::CannotSupply: return QStringLiteral("the pharmacy could not supply the full quantity");
    case PartialFill::LongTermCare: return QStringLiteral("a patient in long-term care or terminally ill");
    case PartialFill::PatientRequest: return QStringLiteral("at the patient's or prescriber's request");
    }
    return {};
}

QDate lastFillDate(PartialFill kind, const QDate &dateWritten, const QDate &firstFill)
{
    switch (kind) {
    case PartialFill::None: return firstFill;
    case PartialFill::CannotSupply: return firstFill.addDays(3);
    case PartialFill::LongTermCare: return dateWritten.addDays(60);
    case PartialFill::PatientRequest: return dateWritten.addDays(30);
    }
    return firstFill;
}

QString partialFillRule(PartialFill kind)
{
    switch (kind) {
    case PartialFill::None: return QStringLiteral("a CII has no refills (21 CFR 1306.12)");
    case PartialFill::CannotSupply:
        return QStringLiteral("the rest of a fill the pharmacy could not supply follows within 72 hours, else it is void and the "
                              "prescriber is told (21 CFR 1306.13(a))");
    case PartialFill::LongTermCare:
        return QStringLiteral("a prescription for a patient in long-term care or terminally ill is filled in parts for at most 60 days "
                              "from the date written (21 CFR 1306.13(b))");
    case PartialFill::PatientRequest:
        return QStringLiteral("a partial fill at the patient's or prescriber's request is completed within 30 days of the date written "
                              "(21 CFR 1306.13(c))");
    }
    return {};
}

} // namespace cii
