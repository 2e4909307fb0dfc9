// Ledger: one field checked as it is typed, by the checks the commands make (Validation.h, Identifiers.h), so a
// form says the Ledger's own sentence before Save and the rule is written once.
#include "Ledger.h"

#include "Identifiers.h"
#include "LedgerQueries.h"
#include "Store.h"
#include "Validation.h"

#include <QRegularExpression>

namespace cii {

std::optional<Ledger::Field> Ledger::fieldFromName(const QString &name)
{
    static const QHash<QString, Field> fields{
        {QStringLiteral("quantity"), Field::Quantity}, {QStringLiteral("count"), Field::Count},
        {QStringLiteral("dispense"), Field::Dispense}, {QStringLiteral("dea"), Field::Dea},
        {QStringLiteral("form222"), Field::Form222},   {QStringLiteral("date"), Field::Date},
        {QStringLiteral("expiry"), Field::Expiry},     {QStringLiteral("rx"), Field::Rx},
        {QStringLiteral("witness"), Field::Witness},   {QStringLiteral("wasteWitness"), Field::WasteWitness},
        {QStringLiteral("wasteNote"), Field::WasteNote}, {QStringLiteral("ndc"), Field::Ndc},
        {QStringLiteral("productName"), Field::ProductName}, {QStringLiteral("strength"), Field::Strength},
        {QStringLiteral("dosageForm"), Field::DosageForm}, {QStringLiteral("packageSize"), Field::PackageSize},
        {QStringLiteral("baseUnit"), Field::BaseUnit}, {QStringLiteral("reorderPoint"), Field::ReorderPoint}};
    const auto it = fields.constFind(name);
    return it == fields.cend() ? std::nullopt : std::optional<Field>(*it);
}

QString Ledger::checkField(Field field, const QString &text, const QString &context, const QString &actor)
{
    const QString t = text.trimmed();
    const QString &ndc11 = context;
    const bool saysEmpty = field == Field::Witness || field == Field::WasteWitness || field == Field::WasteNote;
    if (t.isEmpty() && !saysEmpty)
        return {};
    const QString op = QStringLiteral("check the field");
    try {
        switch (field) {
        case Field::Rx: {
            static const QRegularExpression rxRe(QStringLiteral("^[A-Za-z0-9-]+$"));
            const QString rx = validate::text(op, QStringLiteral("The Rx number"), t, 20);
            if (!rxRe.match(rx).hasMatch())
                return QStringLiteral("The Rx number may hold only letters, digits and hyphens.");
            const std::optional<RxStatus> known = LedgerQueries(m_store.db()).rx(rx);
            if (!known)
                return {}; // a first fill
            if (!known->closedSeq && known->remaining() <= 0)
                return QStringLiteral("Rx %1 has nothing left: all %2 were filled.").arg(rx).arg(known->prescribed);
            checkLaterFill(op, *known, productKey(op, ndc11), today());
            break;
        }
        case Field::Witness:
        case Field::WasteWitness: {
            QStringList signers{actor};
            const Role witnessRole = requireWitness(op, Witness{t, QStringLiteral("-")}, signers);
            if (field == Field::WasteWitness && witnessRole == Role::Technician) {
                sql::Query q(m_store.db(), "SELECT role FROM people WHERE id = ?");
                q.bind(1, actor);
                if (q.next() && roleFromName(q.text(0)) == Role::Technician)
                    return QStringLiteral("The witness must be a pharmacist when a technician records the waste.");
            }
            break;
        }
        case Field::WasteNote:
            if (context == QLatin1String("other") && t.isEmpty())
                return QStringLiteral("The note is required when the reason is \"other\".");
            break;
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
