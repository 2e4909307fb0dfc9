#include "Catalog.h"

#include "Sqlite.h"

#include <QRegularExpression>
#include <QSet>

namespace cii {
namespace {

constexpr const char *kColumns = "ndc11, ndc, name, strength, dosage_form, base_unit, schedule, package_size, active";

ProductInfo readProduct(const sql::Query &q)
{
    ProductInfo p;
    p.ndc11 = q.text(0);
    p.ndc = q.text(1);
    p.name = q.text(2);
    p.strength = q.text(3);
    p.dosageForm = q.text(4);
    p.baseUnit = q.text(5);
    p.schedule = q.text(6);
    p.packageSize = q.int64(7);
    p.active = q.int64(8) != 0;
    return p;
}

/// The smallest string greater than every string starting with `prefix` (for an index range scan).
QString upperBound(const QString &prefix)
{
    QString up = prefix;
    up.back() = QChar(up.back().unicode() + 1);
    return up;
}

} // namespace

QString ProductInfo::displayName() const
{
    static const QStringList measures{QStringLiteral("ml"), QStringLiteral("l"), QStringLiteral("g"), QStringLiteral("mg")};
    if (measures.contains(baseUnit.toLower()))
        return QStringLiteral("%1 %2, %3 %4 per package").arg(name, strength).arg(packageSize).arg(baseUnit).simplified();
    return QStringLiteral("%1 %2 %3, %4 per package").arg(name, strength, baseUnit).arg(packageSize).simplified();
}

QList<ProductInfo> Catalog::search(const QString &raw, int limit) const
{
    const QString text = raw.trimmed();
    QList<ProductInfo> out;
    if (text.isEmpty() || limit <= 0)
        return out;
    static const QRegularExpression ndcLike(QStringLiteral("^[0-9][0-9-]*$"));
    if (ndcLike.match(text).hasMatch()) {
        // A prefix of the NDC as labelled ("0574-40", or its digits up to the first hyphen) through products_by_ndc,
        // and for digits, a prefix of the 11-digit key. Each is one index range read in index order: no sort, and
        // each stops at `limit`.
        static const QByteArray byLabel = QByteArray("SELECT ") + kColumns + " FROM products WHERE ndc >= ?1 AND ndc < ?2 ORDER BY ndc LIMIT ?3";
        static const QByteArray byKey = QByteArray("SELECT ") + kColumns + " FROM products WHERE ndc11 >= ?1 AND ndc11 < ?2 ORDER BY ndc11 LIMIT ?3";
        QSet<QString> seen;
        for (const QByteArray *sql : {&byLabel, &byKey}) {
            if (sql == &byKey && text.contains(QLatin1Char('-')))
                break;
            sql::Query q(m_db, sql->constData());
            q.bind(1, text).bind(2, upperBound(text)).bind(3, qint64(limit));
            while (q.next() && out.size() < limit) {
                ProductInfo p = readProduct(q);
                if (!seen.contains(p.ndc11)) {
                    seen.insert(p.ndc11);
                    out.append(std::move(p));
                }
            }
        }
        return out;
    }
    // Name prefix through the NOCASE index: a range on the index, no table scan.
    static const QByteArray sql = QByteArray("SELECT ") + kColumns +
        " FROM products WHERE name >= ?1 COLLATE NOCASE AND name < ?2 COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT ?3";
    sql::Query q(m_db, sql.constData());
    q.bind(1, text).bind(2, upperBound(text)).bind(3, qint64(limit));
    while (q.next())
        out.append(readProduct(q));
    return out;
}

std::optional<ProductInfo> Catalog::product(const QString &ndc11) const
{
    static const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM products WHERE ndc11 = ?";
    sql::Query q(m_db, sql.constData());
    q.bind(1, ndc11);
    if (!q.next())
        return std::nullopt;
    return readProduct(q);
}

QList<ProductInfo> Catalog::all() const
{
    static const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM products ORDER BY name COLLATE NOCASE, ndc11";
    QList<ProductInfo> out;
    sql::Query q(m_db, sql.constData());
    while (q.next())
        out.append(readProduct(q));
    return out;
}

ScanLookup Catalog::lookupScan(const QString &raw) const
{
    ScanLookup r;
    r.scan = parseScan(raw);
    if (r.scan.kind == ScanResult::Kind::Invalid) {
        r.message = r.scan.problem;
        return r;
    }
    QList<ProductInfo> matches;
    for (const QString &candidate : r.scan.ndc11Candidates)
        if (auto p = product(candidate))
            matches.append(*p);
    if (matches.isEmpty()) {
        const QString shown = r.scan.ndc11Candidates.size() == 1
            ? QStringLiteral("NDC %1").arg(r.scan.ndc11Candidates.first())
            : QStringLiteral("The code %1").arg(raw.trimmed());
        r.message = QStringLiteral("%1 is not in this pharmacy's catalog. Add it to the catalog (or import the FDA NDC "
                                   "Directory) before recording it.").arg(shown);
        return r;
    }
    if (matches.size() > 1) {
        r.message = QStringLiteral("The 10-digit code %1 matches %2 products; scan the barcode or type the NDC with its hyphens.")
                        .arg(raw.trimmed()).arg(matches.size());
        return r;
    }
    r.found = true;
    r.product = matches.first();
    return r;
}

} // namespace cii
