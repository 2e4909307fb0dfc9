// The Ledger's catalog imports: the FDA NDC Directory and a plain CSV. Parsing lives in src/catalog (pure, fuzzed);
// this file validates each row exactly as addProduct does and appends the events in one transaction.
#include "Csv.h"
#include "FdaDirectory.h"
#include "Ledger.h"
#include "LedgerProjection.h"
#include "Store.h"
#include "Validation.h"

namespace cii {

using validate::invalid;

namespace {

/// The product as the catalog holds it now, in the payload's shape, to tell an update from an unchanged row.
QCborMap currentProduct(sql::Database &db, const QString &ndc11, bool *active)
{
    sql::Query q(db, "SELECT ndc, name, strength, dosage_form, base_unit, package_size, schedule, active FROM products WHERE ndc11 = ?");
    q.bind(1, ndc11);
    if (!q.next())
        return {};
    *active = q.int64(7) != 0;
    return {{QStringLiteral("ndc11"), ndc11}, {QStringLiteral("ndc"), q.text(0)}, {QStringLiteral("name"), q.text(1)},
            {QStringLiteral("strength"), q.text(2)}, {QStringLiteral("dosageForm"), q.text(3)},
            {QStringLiteral("baseUnit"), q.text(4)}, {QStringLiteral("packageSize"), q.int64(5)},
            {QStringLiteral("schedule"), q.text(6)}};
}

} // namespace

ImportReport Ledger::importProducts(const Session &s, const QString &op, const QList<std::pair<int, ProductInput>> &rows,
                                    const QString &file, ImportReport report)
{
    QList<QCborMap> valid;
    QHash<QString, int> firstLine; // ndc11 -> line, to report a product listed twice
    for (const auto &[line, input] : rows) {
        try {
            const QCborMap m = productPayload(op, input);
            const QString key = m.value(QLatin1String("ndc11")).toString();
            if (firstLine.contains(key)) {
                report.rejected.append({file, line, QStringLiteral("NDC %1 is already on line %2").arg(input.ndc).arg(firstLine.value(key))});
                continue;
            }
            firstLine.insert(key, line);
            valid.append(m);
        } catch (const CiiError &e) {
            report.rejected.append({file, line, e.reason()});
        }
    }
    m_store.write(op, [&] {
        for (const QCborMap &m : valid) {
            bool active = true;
            const QCborMap now = currentProduct(m_store.db(), m.value(QLatin1String("ndc11")).toString(), &active);
            if (now.isEmpty()) {
                m_store.appendInTransaction(s.personId(), QStringLiteral("product.added"), m);
                ++report.added;
            } else if (now != m || !active) {
                m_store.appendInTransaction(s.personId(), QStringLiteral("product.updated"), m);
                ++report.updated;
            } else {
                ++report.unchanged;
            }
        }
    });
    return report;
}

ImportReport Ledger::importFdaDirectory(const Session &s, const QByteArray &productTxt, const QByteArray &packageTxt)
{
    const QString op = QStringLiteral("import the FDA NDC Directory");
    currentRole(s, Action::ManageCatalog);
    const fda::ParseResult parsed = fda::parseDirectory(productTxt, packageTxt);
    if (!parsed.fatal.isEmpty())
        throw invalid(op, QStringLiteral("The file"), parsed.fatal,
                      QStringLiteral("Download product.txt and package.txt from the FDA's NDC Directory (the text version) and try again."));
    ImportReport report;
    report.skipped = parsed.notScheduleII;
    for (const fda::Rejection &r : parsed.rejected)
        report.rejected.append({r.file, r.line, r.reason});
    QList<std::pair<int, ProductInput>> rows;
    rows.reserve(parsed.packages.size());
    for (const fda::CiiPackage &p : parsed.packages)
        rows.append({p.line, ProductInput{p.ndc, p.name, p.strength, p.dosageForm, p.baseUnit, p.packageSize, p.schedule}});
    return importProducts(s, op, rows, QStringLiteral("package.txt"), report);
}

ImportReport Ledger::importCatalogCsv(const Session &s, const QByteArray &bytes)
{
    const QString op = QStringLiteral("import the catalog file");
    currentRole(s, Action::ManageCatalog);
    const csv::Parsed parsed = csv::parse(bytes);
    if (!parsed.problem.isEmpty()) // a clause about the file ("the file is not UTF-8 text ..."), said as it is
        throw CiiError::fromSentence(CiiError::Code::InvalidInput, op, parsed.problem);
    if (parsed.records.isEmpty())
        throw invalid(op, QStringLiteral("The file"), QStringLiteral("is empty: it needs a header line and one product per line"));
    QHash<QString, int> col;
    const QStringList header = parsed.records.first().fields;
    for (int i = 0; i < header.size(); ++i)
        col.insert(header[i].trimmed().toLower(), i);
    const QStringList required{QStringLiteral("ndc"), QStringLiteral("name"), QStringLiteral("strength"), QStringLiteral("dosage_form"),
                               QStringLiteral("package_size"), QStringLiteral("base_unit")};
    QStringList missing;
    for (const QString &c : required)
        if (!col.contains(c))
            missing << c;
    if (!missing.isEmpty())
        throw invalid(op, QStringLiteral("The header line"), QStringLiteral("lacks the column(s) %1").arg(missing.join(QStringLiteral(", "))),
                      QStringLiteral("The first line must name the columns: ndc,name,strength,dosage_form,package_size,base_unit,schedule"));
    ImportReport report;
    QList<std::pair<int, ProductInput>> rows;
    for (qsizetype r = 1; r < parsed.records.size(); ++r) {
        const csv::Record &rec = parsed.records[r];
        const auto value = [&](const QString &c) { return rec.fields.value(col.value(c, -1)); };
        bool isNumber = false;
        const qint64 size = value(QStringLiteral("package_size")).toLongLong(&isNumber);
        if (!isNumber) {
            report.rejected.append({QStringLiteral("CSV"), rec.line, QStringLiteral("The package size \"%1\" is not a whole number").arg(value(QStringLiteral("package_size")).left(20))});
            continue;
        }
        const QString schedule = col.contains(QStringLiteral("schedule")) && !value(QStringLiteral("schedule")).isEmpty()
                                     ? value(QStringLiteral("schedule")).toUpper() : QStringLiteral("CII");
        rows.append({rec.line, ProductInput{value(QStringLiteral("ndc")), value(QStringLiteral("name")), value(QStringLiteral("strength")),
                                            value(QStringLiteral("dosage_form")), value(QStringLiteral("base_unit")), size, schedule}});
    }
    return importProducts(s, op, rows, QStringLiteral("CSV"), report);
}

} // namespace cii
