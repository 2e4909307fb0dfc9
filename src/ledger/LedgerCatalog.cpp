// The Ledger's catalog imports: the FDA NDC Directory and a plain CSV. Parsing lives in src/catalog (pure, fuzzed);
// this file validates each row exactly as addProduct does and appends the events in one transaction.
#include "Csv.h"
#include "FdaDirectory.h"
#include "Ledger.h"
#include "LedgerProjection.h"
#include "Store.h"
#include "Validation.h"

#include <algorithm>

namespace cii {

using validate::invalid;

namespace {

/// Every product as the catalog holds it now, in the payload's shape, with whether it is active: one scan of the
/// table, so a dry run of the whole directory reads the catalog once.
QHash<QString, std::pair<QCborMap, bool>> currentProducts(sql::Database &db)
{
    QHash<QString, std::pair<QCborMap, bool>> all;
    sql::Query q(db, "SELECT ndc11, ndc, name, strength, dosage_form, base_unit, package_size, schedule, active FROM products");
    while (q.next())
        all.insert(q.text(0), {QCborMap{{QStringLiteral("ndc11"), q.text(0)}, {QStringLiteral("ndc"), q.text(1)},
                                        {QStringLiteral("name"), q.text(2)}, {QStringLiteral("strength"), q.text(3)},
                                        {QStringLiteral("dosageForm"), q.text(4)}, {QStringLiteral("baseUnit"), q.text(5)},
                                        {QStringLiteral("packageSize"), q.int64(6)}, {QStringLiteral("schedule"), q.text(7)}},
                               q.int64(8) != 0});
    return all;
}

} // namespace

ImportReport Ledger::importProducts(const Session *s, const CatalogFile &file)
{
    ImportReport report = file.report;
    QList<QCborMap> valid;
    QHash<QString, int> firstLine; // ndc11 -> line, to report a product listed twice
    for (const auto &[line, input] : file.rows) {
        try {
            const QCborMap m = productPayload(file.op, input);
            const QString key = m.value(QLatin1String("ndc11")).toString();
            if (firstLine.contains(key)) {
                report.rejected.append({file.file, line, QStringLiteral("NDC %1 is already on line %2").arg(input.ndc).arg(firstLine.value(key))});
                continue;
            }
            firstLine.insert(key, line);
            valid.append(m);
        } catch (const CiiError &e) {
            report.rejected.append({file.file, line, e.reason()});
        }
    }
    std::stable_sort(report.rejected.begin(), report.rejected.end(), [](const ImportRejection &a, const ImportRejection &b) {
        return std::pair(a.file != QLatin1String("product.txt"), a.line) < std::pair(b.file != QLatin1String("product.txt"), b.line);
    });
    const auto classify = [&] {
        const auto now = currentProducts(m_store.db());
        for (const QCborMap &m : valid) {
            const auto it = now.constFind(m.value(QLatin1String("ndc11")).toString());
            const QString kind = it == now.cend() ? QStringLiteral("product.added")
                                 : (it->first != m || !it->second) ? QStringLiteral("product.updated") : QString();
            (kind.isEmpty() ? report.unchanged : kind.endsWith(QLatin1String("added")) ? report.added : report.updated)++;
            if (s && !kind.isEmpty())
                m_store.appendInTransaction(s->personId(), kind, m);
        }
    };
    if (s)
        m_store.write(file.op, classify);
    else
        classify();
    return report;
}

CatalogFile Ledger::readFdaDirectory(const QByteArray &productTxt, const QByteArray &packageTxt,
                                     const std::function<void(qint64, qint64)> &progress)
{
    const QString op = QStringLiteral("import the FDA NDC Directory");
    const fda::ParseResult parsed = fda::parseDirectory(productTxt, packageTxt, progress);
    if (!parsed.fatal.isEmpty())
        throw invalid(op, QStringLiteral("The file"), parsed.fatal,
                      QStringLiteral("Download product.txt and package.txt from the FDA's NDC Directory (the text version) and try again."));
    CatalogFile file{op, QStringLiteral("package.txt"), {}, {}};
    file.report.skipped = parsed.notScheduleII;
    for (const fda::Rejection &r : parsed.rejected)
        file.report.rejected.append({r.file, r.line, r.reason});
    file.rows.reserve(parsed.packages.size());
    for (const fda::CiiPackage &p : parsed.packages)
        file.rows.append({p.line, ProductInput{p.ndc, p.name, p.strength, p.dosageForm, p.baseUnit, p.packageSize, p.schedule}});
    return file;
}

ImportReport Ledger::checkImport(const CatalogFile &file)
{
    return importProducts(nullptr, file);
}

ImportReport Ledger::importCatalog(const Session &s, const CatalogFile &file)
{
    currentRole(s, Action::ManageCatalog);
    return importProducts(&s, file);
}

ImportReport Ledger::importFdaDirectory(const Session &s, const QByteArray &productTxt, const QByteArray &packageTxt)
{
    currentRole(s, Action::ManageCatalog);
    return importCatalog(s, readFdaDirectory(productTxt, packageTxt));
}

ImportReport Ledger::importCatalogCsv(const Session &s, const QByteArray &bytes)
{
    currentRole(s, Action::ManageCatalog);
    return importCatalog(s, readCatalogCsv(bytes));
}

void Ledger::setReorderPoint(const Session &s, const QString &ndc, qint64 units)
{
    const QString op = QStringLiteral("set the reorder point");
    currentRole(s, Action::ManageCatalog);
    if (units < 0 || units > validate::kMaxQuantity)
        throw invalid(op, QStringLiteral("The reorder point"),
                      QStringLiteral("must be a whole number from 0 (none) to %1").arg(validate::kMaxQuantity));
    m_store.write(op, [&] {
        const QString key = productKey(op, ndc, false);
        sql::Query q(m_store.db(), "SELECT reorder_point FROM products WHERE ndc11 = ?");
        q.bind(1, key);
        if (q.next() && q.int64(0) == units)
            throw invalid(op, QStringLiteral("The reorder point of %1").arg(key), QStringLiteral("is already %1").arg(units));
        m_store.appendInTransaction(s.personId(), QStringLiteral("product.reorder_point"),
                                    {{QStringLiteral("ndc11"), key}, {QStringLiteral("units"), units}});
    });
}

CatalogFile Ledger::readCatalogCsv(const QByteArray &bytes)
{
    const QString op = QStringLiteral("import the catalog file");
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
    CatalogFile file{op, QStringLiteral("CSV"), {}, {}};
    ImportReport &report = file.report;
    QList<std::pair<int, ProductInput>> &rows = file.rows;
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
    return file;
}

} // namespace cii
