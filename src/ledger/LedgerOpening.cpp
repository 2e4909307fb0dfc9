// The opening balances of a pharmacy that starts its CII records in CII Ledger (the first-run wizard's
// spreadsheet path, docs/FIRST-RUN.md): a CSV of counts, each with who counted and when, checked whole and
// recorded in one event. Split from Ledger.cpp to keep files small.
#include "Csv.h"
#include "Identifiers.h"
#include "Ledger.h"
#include "LedgerProjection.h"
#include "Store.h"
#include "Validation.h"

#include <QCborArray>
#include <QHash>

namespace cii {

using validate::invalid;

namespace {
const QStringList kRequired{QStringLiteral("ndc"), QStringLiteral("quantity"), QStringLiteral("counted_by"), QStringLiteral("counted_on")};
const QStringList kProductColumns{QStringLiteral("name"), QStringLiteral("strength"), QStringLiteral("dosage_form"),
                                  QStringLiteral("package_size"), QStringLiteral("base_unit")};
} // namespace

QByteArray Ledger::openingBalancesTemplate()
{
    return "ndc,name,strength,dosage_form,package_size,base_unit,quantity,counted_by,counted_on\r\n"
           "0406-0552-01,Oxycodone HCl,5 mg,tablet,100,tablet,240,Pat Chen,2026-01-02\r\n";
}

OpeningBalances Ledger::checkOpeningBalances(const QByteArray &bytes)
{
    const QString op = QStringLiteral("read the opening balances");
    const csv::Parsed parsed = csv::parse(bytes);
    if (!parsed.problem.isEmpty()) // a clause about the file ("the file is not UTF-8 text ..."), said as it is
        throw CiiError::fromSentence(CiiError::Code::InvalidInput, op, parsed.problem);
    if (parsed.records.size() < 2)
        throw invalid(op, QStringLiteral("The file"), QStringLiteral("has no counts: it needs a header line and one product per line"),
                      QStringLiteral("Start from the template (Save the template)."));
    QHash<QString, int> col;
    const QStringList header = parsed.records.first().fields;
    for (int i = 0; i < header.size(); ++i)
        col.insert(header[i].trimmed().toLower(), i);
    QStringList missing;
    for (const QString &c : kRequired)
        if (!col.contains(c))
            missing << c;
    if (!missing.isEmpty())
        throw invalid(op, QStringLiteral("The header line"), QStringLiteral("lacks the column(s) %1").arg(missing.join(QStringLiteral(", "))),
                      QStringLiteral("The first line must name the columns: %1").arg(QString::fromLatin1(openingBalancesTemplate().split('\r').first())));

    OpeningBalances out;
    const QString today = todayInPharmacy();
    QHash<QString, int> firstLine;
    for (qsizetype r = 1; r < parsed.records.size(); ++r) {
        const csv::Record &rec = parsed.records[r];
        const auto value = [&](const QString &c) { return rec.fields.value(col.value(c, -1)).trimmed(); };
        if (std::all_of(rec.fields.cbegin(), rec.fields.cend(), [](const QString &f) { return f.trimmed().isEmpty(); }))
            continue; // a blank line a spreadsheet left at the end
        try {
            OpeningBalance row;
            row.line = rec.line;
            bool known = false;
            if (const auto ndc = Ndc::parse(value(QStringLiteral("ndc"))))
                known = ledgerdb::productExists(m_store.db(), ndc->ndc11());
            if (known) {
                row.ndc11 = productKey(op, value(QStringLiteral("ndc")), false);
            } else {
                bool isNumber = false;
                const qint64 size = value(QStringLiteral("package_size")).toLongLong(&isNumber);
                if (!isNumber)
                    throw invalid(op, QStringLiteral("The NDC %1").arg(CiiError::excerpt(value(QStringLiteral("ndc")))),
                                  QStringLiteral("is not in the catalog, and the line's product columns (name, strength, dosage_form, "
                                                 "package_size, base_unit) do not describe it"));
                row.product = ProductInput{value(QStringLiteral("ndc")), value(QStringLiteral("name")), value(QStringLiteral("strength")),
                                           value(QStringLiteral("dosage_form")), value(QStringLiteral("base_unit")), size, QStringLiteral("CII")};
                row.ndc11 = productPayload(op, row.product).value(QLatin1String("ndc11")).toString();
                row.newProduct = true;
            }
            if (const int earlier = firstLine.value(row.ndc11); earlier)
                throw invalid(op, QStringLiteral("The NDC %1").arg(CiiError::excerpt(value(QStringLiteral("ndc")))),
                              QStringLiteral("is already counted on line %1").arg(earlier));
            bool isNumber = false;
            row.quantity = value(QStringLiteral("quantity")).toLongLong(&isNumber);
            if (!isNumber || row.quantity < 0 || row.quantity > validate::kMaxQuantity)
                throw invalid(op, QStringLiteral("The quantity \"%1\"").arg(CiiError::excerpt(value(QStringLiteral("quantity")))),
                              QStringLiteral("must be a whole number from 0 to 10,000,000 (in the product's base unit)"));
            row.countedBy = validate::text(op, QStringLiteral("Who counted (counted_by)"), value(QStringLiteral("counted_by")), 80);
            row.countedOn = validate::pastDate(op, QStringLiteral("The count date (counted_on)"), value(QStringLiteral("counted_on")), today);
            if (row.newProduct) {
                row.name = row.product.name.trimmed();
                row.baseUnit = row.product.baseUnit.trimmed();
            } else {
                sql::Query q(m_store.db(), "SELECT name, base_unit FROM products WHERE ndc11 = ?");
                q.bind(1, row.ndc11);
                if (q.next()) {
                    row.name = q.text(0);
                    row.baseUnit = q.text(1);
                }
            }
            firstLine.insert(row.ndc11, row.line);
            out.rows.append(row);
        } catch (const CiiError &e) {
            out.rejected.append({QStringLiteral("CSV"), rec.line, e.reason()});
        }
    }
    if (out.rows.isEmpty() && out.rejected.isEmpty())
        throw invalid(op, QStringLiteral("The file"), QStringLiteral("has no counts: every line after the header is blank"));
    return out;
}

OpeningBalances Ledger::recordOpeningBalances(const Session &s, const QByteArray &bytes, const QString &signaturePin)
{
    const QString op = QStringLiteral("record the opening balances");
    currentRole(s, Action::TakeInventory);
    OpeningBalances checked = checkOpeningBalances(bytes);
    if (!checked.rejected.isEmpty()) {
        const ImportRejection &first = checked.rejected.first();
        throw invalid(op, QStringLiteral("The file"),
                      QStringLiteral("has %1 line(s) that cannot be recorded; line %2: %3").arg(checked.rejected.size()).arg(first.line).arg(first.reason),
                      QStringLiteral("Nothing was recorded. Correct the file and choose it again."));
    }
    {
        sql::Query any(m_store.db(), "SELECT 1 FROM entries LIMIT 1");
        if (any.next())
            throw invalid(op, QStringLiteral("The opening balances"), QStringLiteral("can only be recorded before the first stock entry, and this pharmacy has stock records"),
                          QStringLiteral("Record a count of each product instead."));
    }
    requireSignature(s, signaturePin);
    QList<QCborMap> newProducts;
    QCborArray counts;
    for (const OpeningBalance &row : checked.rows) {
        if (row.newProduct)
            newProducts.append(productPayload(op, row.product));
        counts.append(QCborMap{{QStringLiteral("ndc11"), row.ndc11}, {QStringLiteral("quantity"), row.quantity},
                               {QStringLiteral("countedBy"), row.countedBy}, {QStringLiteral("countedOn"), row.countedOn},
                               {QStringLiteral("line"), row.line}});
    }
    checked.seq = m_store.write(op, [&] {
        for (const QCborMap &p : newProducts)
            m_store.appendInTransaction(s.personId(), QStringLiteral("product.added"), p);
        return m_store.appendInTransaction(s.personId(), QStringLiteral("stock.opening_balances"),
            {{QStringLiteral("counts"), counts}, {QStringLiteral("signedBy"), s.personId()}}).seq;
    });
    return checked;
}

} // namespace cii
