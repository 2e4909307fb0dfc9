#include "LedgerQueries.h"
#include "Quantities.h"
#include "ReportContext.h"

namespace cii::reports {

// One theft or loss report laid out as DEA Form 106 asks for it (21 CFR 1301.76(b)): the registrant, the theft or
// loss (discovery date, type, kind, police report, circumstances), what was lost, and the two deadlines with what
// was recorded against each. Two columns, "Form 106 asks" and "From the records", so the PDF and the CSV carry the
// same facts; the pharmacist copies them into the DEA's online form, then records the filing.
Report buildForm106(Context &c)
{
    const std::optional<TheftLossRow> found = LedgerQueries(c.db).theftLossReport(c.request.theftLossId);
    const TheftLossRow &t = *found; // build() refused an id that is not on record
    const PharmacyRow pharmacy = LedgerQueries(c.db).pharmacy();
    const RecordNames::Product p = c.names.product(t.ndc11);
    const QString today = c.date(c.request.nowMs);
    const auto filing = [&](const QString &due, const QString &when, const QString &reference) {
        if (!when.isEmpty())
            return QStringLiteral("Due %1; recorded %2, reference %3").arg(due, when, reference);
        return due < today ? QStringLiteral("Due %1; OVERDUE, not recorded").arg(due) : QStringLiteral("Due %1; not yet recorded").arg(due);
    };
    Report r;
    r.title = QStringLiteral("DEA Form 106 worksheet, report %1").arg(t.id);
    r.columns = {{QStringLiteral("Section"), 8}, {QStringLiteral("Form 106 asks"), 12}, {QStringLiteral("From the records"), 30}};
    const QString registrant = QStringLiteral("Registrant"), what = QStringLiteral("The theft or loss"),
                  lost = QStringLiteral("What was lost"), deadlines = QStringLiteral("Deadlines");
    r.rows = {
        {registrant, QStringLiteral("Name"), pharmacy.name},
        {registrant, QStringLiteral("Address"), pharmacy.address},
        {registrant, QStringLiteral("DEA registration number"), pharmacy.dea},
        {what, QStringLiteral("Date of discovery"), t.discoveryDate},
        {what, QStringLiteral("Type"), RecordNames::lossTypeText(t.lossType)},
        {what, QStringLiteral("Kind of theft or loss"), RecordNames::lossKindText(t.kind)},
        {what, QStringLiteral("Police report"), t.policeReport.isEmpty() ? QStringLiteral("None made") : t.policeReport},
        {what, QStringLiteral("Circumstances"), t.circumstances},
        {what, QStringLiteral("Found by"), t.discrepancyId > 0 ? QStringLiteral("Discrepancy %1, a count short of the records").arg(t.discrepancyId)
                                                               : QStringLiteral("Reported at the counter")},
        {lost, QStringLiteral("NDC"), p.ndc},
        {lost, QStringLiteral("Trade or chemical name"), p.name},
        {lost, QStringLiteral("Strength"), p.strength},
        {lost, QStringLiteral("Dosage form"), p.form},
        {lost, QStringLiteral("Quantity lost"), quantityText(t.quantity, p.unit)},
        {deadlines, QStringLiteral("DEA notice (one business day)"), filing(t.noticeDue, t.noticeSent, t.noticeReference)},
        {deadlines, QStringLiteral("Form 106 (45 days)"), filing(t.formDue, t.formFiled, t.formReference)},
    };
    r.columns[0].grouped = true;
    r.notes.append(QStringLiteral("Report %1 as recorded in the ledger, read on %2. Copy these facts into DEA Form 106 on the DEA "
                                  "Diversion Control Division's website, then record the form's confirmation number in CII Ledger.")
                       .arg(t.id).arg(today));
    r.notes.append(lossRules(c));
    r.signatures = {QStringLiteral("Pharmacist-in-charge")};
    return r;
}

} // namespace cii::reports
