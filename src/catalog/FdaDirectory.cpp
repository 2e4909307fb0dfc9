#include "FdaDirectory.h"

#include <QRegularExpression>

#include <algorithm>

namespace cii::fda {
namespace {

// Windows-1252 0x80..0x9F; 0 where the code page leaves a hole (decoded as U+FFFD).
constexpr char16_t kHigh[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

QList<QByteArrayView> splitTabs(QByteArrayView line)
{
    QList<QByteArrayView> fields;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == '\t') {
            fields.append(line.sliced(start, i - start));
            start = i + 1;
        }
    }
    return fields;
}

/// The header line's column indexes (upper-cased names), empty when there is no header.
QHash<QByteArray, int> header(const QByteArray &bytes)
{
    QHash<QByteArray, int> columns;
    qsizetype end = bytes.indexOf('\n');
    QByteArrayView line(bytes.constData(), end < 0 ? bytes.size() : end);
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.startsWith("\xEF\xBB\xBF"))
        line = line.sliced(3);
    if (line.trimmed().isEmpty())
        return columns;
    const auto names = splitTabs(line);
    for (int i = 0; i < names.size(); ++i)
        columns.insert(names[i].trimmed().toByteArray().toUpper(), i);
    return columns;
}

/// Calls `row(lineNumber, fields)` for every non-blank line after the header (line numbers are 1-based).
template <typename Row>
void forEachRow(const QByteArray &bytes, Row row)
{
    qsizetype pos = 0;
    int lineNo = 0;
    while (pos < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', pos);
        if (end < 0)
            end = bytes.size();
        QByteArrayView line(bytes.constData() + pos, end - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = end + 1;
        if (++lineNo == 1 || line.trimmed().isEmpty())
            continue;
        row(lineNo, splitTabs(line));
    }
}

QString missingColumns(const QHash<QByteArray, int> &columns, const QList<QByteArray> &required)
{
    QStringList missing;
    for (const QByteArray &c : required)
        if (!columns.contains(c))
            missing << QString::fromLatin1(c);
    return missing.join(QStringLiteral(", "));
}

QString title(const QString &s)
{
    // "OXYCODONE HYDROCHLORIDE" -> "Oxycodone Hydrochloride": readable at the counter.
    QString out = s.toLower();
    bool start = true;
    for (QChar &c : out) {
        if (start && c.isLetter())
            c = c.toUpper();
        start = !c.isLetterOrNumber();
    }
    return out;
}

struct ProductRow
{
    QString name, strength, dosageForm, schedule;
};

} // namespace

QString fromWindows1252(QByteArrayView bytes)
{
    QString out(bytes.size(), Qt::Uninitialized);
    QChar *d = out.data();
    for (char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b >= 0x80 && b <= 0x9F)
            *d++ = QChar(kHigh[b - 0x80] ? kHigh[b - 0x80] : char16_t(0xFFFD));
        else
            *d++ = QChar(b);
    }
    return out;
}

PackageSize parsePackageDescription(const QString &description)
{
    // Each level: "<count> <UNIT> in <n> <CONTAINER> (<ndc>)", levels joined by " > ", outermost first.
    static const QRegularExpression level(
        QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s+(.+?)\\s+in\\s+([0-9]+(?:\\.[0-9]+)?)\\s+([^(]+?)\\s*(?:\\([^)]*\\))?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    PackageSize r;
    const QStringList levels = description.split(QLatin1Char('>'));
    double total = 1;
    for (const QString &lv : levels) {
        const auto m = level.match(lv);
        if (!m.hasMatch()) {
            r.problem = QStringLiteral("the package description \"%1\" is not in the form \"100 TABLET in 1 BOTTLE\"").arg(description.trimmed().left(120));
            return r;
        }
        const double count = m.captured(1).toDouble(), per = m.captured(3).toDouble();
        if (count <= 0 || per <= 0) {
            r.problem = QStringLiteral("the package description \"%1\" has a zero quantity").arg(description.trimmed().left(120));
            return r;
        }
        total = total * count / per;
        r.unit = m.captured(2).trimmed().toLower();
    }
    if (total < 1 || total > 10'000'000 || total != qint64(total)) {
        r.problem = QStringLiteral("the package holds %1 %2, not a whole number of units").arg(total).arg(r.unit);
        r.unit.clear();
        return r;
    }
    r.size = qint64(total);
    return r;
}

ParseResult parseDirectory(const QByteArray &productTxt, const QByteArray &packageTxt)
{
    ParseResult result;
    QHash<QString, ProductRow> cii; // by PRODUCTID
    const QHash<QByteArray, int> pc = header(productTxt);
    const QList<QByteArray> productColumns{"PRODUCTID", "PROPRIETARYNAME", "NONPROPRIETARYNAME", "DOSAGEFORMNAME",
                                           "ACTIVE_NUMERATOR_STRENGTH", "ACTIVE_INGRED_UNIT", "DEASCHEDULE"};
    if (pc.isEmpty()) {
        result.fatal = QStringLiteral("product.txt is empty: it should start with the FDA header line (PRODUCTID, PRODUCTNDC, ...)");
        return result;
    }
    if (const QString missing = missingColumns(pc, productColumns); !missing.isEmpty()) {
        result.fatal = QStringLiteral("product.txt is not the FDA NDC Directory's product file: its header lacks %1").arg(missing);
        return result;
    }
    const int iId = pc.value("PRODUCTID"), iSched = pc.value("DEASCHEDULE"), iProp = pc.value("PROPRIETARYNAME"),
              iSuffix = pc.value("PROPRIETARYNAMESUFFIX", -1), iNonProp = pc.value("NONPROPRIETARYNAME"),
              iForm = pc.value("DOSAGEFORMNAME"), iStrength = pc.value("ACTIVE_NUMERATOR_STRENGTH"),
              iUnit = pc.value("ACTIVE_INGRED_UNIT");
    const int productWidth = std::max({iId, iSched, iProp, iSuffix, iNonProp, iForm, iStrength, iUnit}) + 1;
    forEachRow(productTxt, [&](int lineNo, const QList<QByteArrayView> &f) {
        if (f.size() < productWidth) {
            result.rejected.append({QStringLiteral("product.txt"), lineNo,
                                    QStringLiteral("has %1 fields where at least %2 are needed").arg(f.size()).arg(productWidth)});
            return;
        }
        const QByteArrayView sched = f[iSched].trimmed();
        if (sched != "CII" && sched != "CIIN") {
            ++result.notScheduleII;
            return;
        }
        ProductRow p;
        const QString proprietary = fromWindows1252(f[iProp]).trimmed();
        QString name = proprietary;
        if (iSuffix >= 0 && !f[iSuffix].trimmed().isEmpty())
            name += QLatin1Char(' ') + fromWindows1252(f[iSuffix]).trimmed();
        const QString generic = title(fromWindows1252(f[iNonProp]).trimmed());
        if (name.isEmpty())
            name = generic;
        else if (!generic.isEmpty() && proprietary.compare(generic, Qt::CaseInsensitive) != 0)
            name += QStringLiteral(" (%1)").arg(generic); // a brand: the generic name beside it
        p.name = name.left(120);
        const QStringList amounts = fromWindows1252(f[iStrength]).split(QLatin1Char(';'));
        const QStringList units = fromWindows1252(f[iUnit]).split(QLatin1Char(';'));
        QStringList parts;
        for (int i = 0; i < amounts.size(); ++i)
            parts << (amounts[i].trimmed() + QLatin1Char(' ') + units.value(i).trimmed()).trimmed();
        p.strength = parts.join(QStringLiteral("; ")).left(60);
        p.dosageForm = title(fromWindows1252(f[iForm]).trimmed()).left(60);
        p.schedule = QString::fromLatin1(sched);
        const QString id = fromWindows1252(f[iId]).trimmed();
        if (id.isEmpty() || p.strength.isEmpty() || p.dosageForm.isEmpty()) {
            result.rejected.append({QStringLiteral("product.txt"), lineNo, QStringLiteral("a schedule II product without its id, strength or dosage form")});
            return;
        }
        cii.insert(id, p);
    });

    const QHash<QByteArray, int> kc = header(packageTxt);
    if (kc.isEmpty()) {
        result.fatal = QStringLiteral("package.txt is empty: it should start with the FDA header line (PRODUCTID, PRODUCTNDC, NDCPACKAGECODE, ...)");
        return result;
    }
    if (const QString missing = missingColumns(kc, {"PRODUCTID", "NDCPACKAGECODE", "PACKAGEDESCRIPTION"}); !missing.isEmpty()) {
        result.fatal = QStringLiteral("package.txt is not the FDA NDC Directory's package file: its header lacks %1").arg(missing);
        return result;
    }
    const int kId = kc.value("PRODUCTID"), kNdc = kc.value("NDCPACKAGECODE"), kDesc = kc.value("PACKAGEDESCRIPTION");
    const int packageWidth = std::max({kId, kNdc, kDesc}) + 1;
    forEachRow(packageTxt, [&](int lineNo, const QList<QByteArrayView> &f) {
        if (f.size() < packageWidth) {
            result.rejected.append({QStringLiteral("package.txt"), lineNo,
                                    QStringLiteral("has %1 fields where at least %2 are needed").arg(f.size()).arg(packageWidth)});
            return;
        }
        const auto it = cii.constFind(fromWindows1252(f[kId]).trimmed());
        if (it == cii.constEnd())
            return;
        CiiPackage pkg;
        pkg.line = lineNo;
        pkg.ndc = fromWindows1252(f[kNdc]).trimmed();
        pkg.name = it->name;
        pkg.strength = it->strength;
        pkg.dosageForm = it->dosageForm;
        pkg.schedule = it->schedule;
        const PackageSize size = parsePackageDescription(fromWindows1252(f[kDesc]));
        if (!size.problem.isEmpty()) {
            result.rejected.append({QStringLiteral("package.txt"), lineNo, size.problem});
            return;
        }
        pkg.packageSize = size.size;
        pkg.baseUnit = size.unit.left(30);
        result.packages.append(pkg);
    });
    return result;
}

} // namespace cii::fda
