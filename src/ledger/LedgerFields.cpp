// Ledger: one field checked as it is typed, by the checks the commands make (Validation.h, Identifiers.h), so a
// form says the Ledger's own sentence before Save and the rule is written once.
#include "Ledger.h"

#include "Identifiers.h"
#include "LedgerQueries.h"
#include "Store.h"
#include "Validation.h"

namespace cii {

std::optional<Ledger::Field> Ledger::fieldFromName(const QString &name)
{
    static const QHash<QString, Field> fields{
        {QStringLiteral("quantity"), Field::Quantity}, {QStringLiteral("count"), Field::Count},
        {QStringLiteral("dispense"), Field::Dispense}, {QStringLiteral("dea"), Field::Dea},
        {QStringLiteral("form222"), Field::Form222},   {QStringLiteral("date"), Field::Date},
        {QStringLiteral("expiry"), Field::Expiry},     {QStringLiteral("ndc"), Field::Ndc},
        {QStringLiteral("productName"), Field::ProductName}, {QStringLiteral("strength"), Field::Strength},
        {QStringLiteral("dosageForm"), Field::DosageForm}, {QStringLiteral("packageSize"), Field::PackageSize},
        {QStringLiteral("baseUnit"), Field::BaseUnit}, {QStringLiteral("reorderPoint"), Field::ReorderPoint}};
    const auto it = fields.constFind(name);
    return it == fields.cend() ? std::nullopt : std::optional<Field>(*it);
}

QString Ledger::checkField(Field field, const QString &text, const QString &ndc11)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    const QString op = QStringLiteral("check the field");
    try {
        switch (field) {
        case Field::Quantity:
        case Field::Count:
        case Field::Dispense: {
            bool ok = false;
            const qint64 v = t.toLongLong(&ok);
            if (!ok)
                return QStringLiteral("Type a whole number.");
            if (field == Field::Count && v == 0)
                return {};
            validate::positive(op, QStringLiteral("The number"), v);
            if (field == Field::Dispense) {
                const LedgerQueries queries(m_store.db());
                const qint64 onHand = queries.balance(ndc11), awaiting = queries.awaitingDisposal(ndc11);
                if (v > onHand - awaiting)
                    return awaiting == 0 ? QStringLiteral("More than the balance on hand (%1).").arg(onHand)
                                         : QStringLiteral("More than can be dispensed (%1): %2 of the %3 on hand are set aside awaiting disposal.")
                                               .arg(onHand - awaiting).arg(awaiting).arg(onHand);
            }
            break;
        }
        case Field::Dea:
            return deaProblem(t); // already a sentence that names the number
        case Field::Form222:
            if (const QString problem = form222Problem(t); !problem.isEmpty())
                return QStringLiteral("A Form 222 number %1.").arg(problem);
            break;
        case Field::Date:
            validate::pastDate(op, QStringLiteral("The date"), t, today());
            break;
        case Field::Ndc: {
            QString problem;
            if (!Ndc::parse(t, &problem))
                return problem;
            break;
        }
        // The lengths and words addProduct checks (productPayload), field by field.
        case Field::ProductName:
            validate::text(op, QStringLiteral("The product name"), t, 120);
            break;
        case Field::Strength:
            validate::text(op, QStringLiteral("The strength"), t, 60);
            break;
        case Field::DosageForm:
            validate::text(op, QStringLiteral("The dosage form"), t, 60);
            break;
        case Field::BaseUnit:
            validate::text(op, QStringLiteral("The base unit"), t, 30);
            break;
        case Field::PackageSize:
        case Field::ReorderPoint: {
            bool ok = false;
            const qint64 v = t.toLongLong(&ok);
            if (!ok)
                return QStringLiteral("Type a whole number.");
            if (field == Field::PackageSize)
                validate::positive(op, QStringLiteral("The package size"), v);
            else if (v < 0 || v > validate::kMaxQuantity)
                return QStringLiteral("The reorder point must be a whole number from 0 (none) to %1.").arg(validate::kMaxQuantity);
            break;
        }
        case Field::Expiry: {
            const QDate d = QDate::fromString(t, Qt::ISODate);
            if (!d.isValid() || t.size() != 10)
                return QStringLiteral("The expiry date must be a date written YYYY-MM-DD.");
            if (d < QDate::fromString(today(), Qt::ISODate))
                return QStringLiteral("This expiry date is past: expired stock is not received into inventory.");
            break;
        }
        }
    } catch (const CiiError &e) {
        return e.reason() + QLatin1Char('.');
    }
    return {};
}

} // namespace cii
