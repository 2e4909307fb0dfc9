#include "FdaDirectory.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

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
/// `progress(bytesDone)`, when given, every 4,096 lines and at the end.
template <typename Row>
void forEachRow(const QByteArray &bytes, Row row, const std::function<void(qint64)> &progress = {})
{
    qsizetype pos = 0;
    int lineNo = 0;
    while (pos < bytes.size()) {
        if (progress && lineNo % 4096 == 0)
            progress(pos);
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
    if (progress)
        progress(bytes.size());
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
    QString name, strength, dosageForm, unit, route, schedule;
};

constexpr double kMaxUnits = 10'000'000; // a package larger than this is a misread description

/// Why a product row has no counting unit, as the clause that follows its line number.
QString uncountableForm(const QString &form)
{
    const QString f = form.simplified().toUpper();
    if (f.section(QLatin1Char(','), 0, 0).trimmed() == QLatin1String("KIT"))
        return QStringLiteral("is a kit (%1): its schedule II part cannot be counted from the directory; add that part by "
                              "hand or in a catalog CSV").arg(f.left(60));
    return QStringLiteral("has the dosage form \"%1\", which has no counting unit here; add the product by hand or in a "
                          "catalog CSV").arg(f.left(60));
}

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

QString countingUnit(const QString &dosageForm, const QString &route)
{
    // The form's first part names what is handed over; the rest ("FILM COATED, EXTENDED RELEASE") describes it.
    const QString form = dosageForm.simplified().toUpper();
    const QString head = form.section(QLatin1Char(','), 0, 0).trimmed();
    static const QHash<QString, QString> byHead{
        {QStringLiteral("TABLET"), QStringLiteral("tablet")},   {QStringLiteral("CAPSULE"), QStringLiteral("capsule")},
        {QStringLiteral("PATCH"), QStringLiteral("patch")},     {QStringLiteral("SYSTEM"), QStringLiteral("patch")},
        {QStringLiteral("FILM"), QStringLiteral("film")},       {QStringLiteral("LOZENGE"), QStringLiteral("lozenge")},
        {QStringLiteral("TROCHE"), QStringLiteral("lozenge")},  {QStringLiteral("SUPPOSITORY"), QStringLiteral("suppository")},
        {QStringLiteral("SPRAY"), QStringLiteral("spray")},     {QStringLiteral("SOLUTION"), QStringLiteral("mL")},
        {QStringLiteral("CONCENTRATE"), QStringLiteral("mL")},  {QStringLiteral("SYRUP"), QStringLiteral("mL")},
        {QStringLiteral("ELIXIR"), QStringLiteral("mL")},       {QStringLiteral("LIQUID"), QStringLiteral("mL")},
        {QStringLiteral("SUSPENSION"), QStringLiteral("mL")},   {QStringLiteral("TINCTURE"), QStringLiteral("mL")},
        {QStringLiteral("ML"), QStringLiteral("mL")},           {QStringLiteral("POWDER"), QStringLiteral("g")},
        {QStringLiteral("G"), QStringLiteral("g")},             {QStringLiteral("VIAL"), QStringLiteral("vial")}};
    if (head == QLatin1String("INJECTION"))
        return form.contains(QLatin1String("POWDER")) ? QStringLiteral("vial") : QStringLiteral("mL"); // a powder is counted by the vial
    if (head == QLatin1String("POWDER") && form.contains(QLatin1String(" FOR ")))
        return QStringLiteral("mL"); // made up by the pharmacy and dispensed by volume (the package states it in mL)
    if (head == QLatin1String("FILM") && route.toUpper().contains(QLatin1String("TRANSDERMAL")))
        return QStringLiteral("patch"); // a transdermal "film, extended release" is a fentanyl patch by another name
    return byHead.value(head);
}

QString labelStrength(const QString &amounts, const QString &units)
{
    struct Part
    {
        QString amount, numerator, denominator;
    };
    static const QRegularExpression countedDenominator(QStringLiteral("^([0-9]+(?:\\.[0-9]+)?)\\s*(\\S.*)$"));
    const QStringList a = amounts.split(QLatin1Char(';')), u = units.split(QLatin1Char(';'));
    QList<Part> parts;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString unit = u.value(i).trimmed();
        Part p{a[i].trimmed(), unit.section(QLatin1Char('/'), 0, 0).trimmed(), unit.section(QLatin1Char('/'), 1).trimmed()};
        if (p.numerator == QLatin1String("ug"))
            p.numerator = QStringLiteral("mcg"); // as labels write micrograms
        if (p.denominator == QLatin1String("1"))
            p.denominator.clear(); // the directory's "per unit": the label says "5 mg"
        else if (const auto m = countedDenominator.match(p.denominator); m.hasMatch())
            p.denominator = m.captured(1) + QLatin1Char(' ') + m.captured(2); // "5mL" -> "5 mL"
        parts.append(p);
    }
    const bool shared = std::all_of(parts.cbegin(), parts.cend(), [&](const Part &p) { return p.denominator == parts.first().denominator; });
    QStringList out;
    for (const Part &p : parts) {
        const QString amount = (p.amount + QLatin1Char(' ') + p.numerator).simplified();
        out << (shared || p.denominator.isEmpty() ? amount : amount + QLatin1Char('/') + p.denominator);
    }
    if (!shared)
        return out.join(QStringLiteral("; "));
    const QString joined = out.join(QLatin1Char('/'));
    const QString denominator = parts.first().denominator;
    if (denominator.isEmpty())
        return joined;
    return parts.size() == 1 ? joined + QLatin1Char('/') + denominator : joined + QStringLiteral(" per ") + denominator;
}

PackageSize parsePackageDescription(const QString &description, const QString &unit, const QString &route)
{
    // Each level: "<count> <UNIT> in <n> <CONTAINER> (<ndc>)", levels joined by " > ", outermost first.
    static const QRegularExpression level(
        QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s+(.+?)\\s+in\\s+([0-9]+(?:\\.[0-9]+)?)\\s+([^(]+?)\\s*(?:\\([^)]*\\))?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression kitWord(QStringLiteral("\\bKIT\\b"));
    PackageSize r;
    const QString shown = description.simplified().left(120);
    const auto refuse = [&](const QString &why) {
        r.problem = why;
        return r;
    };
    if (description.size() > 1000) // the directory's longest are a few hundred characters; the pattern below is not linear
        return refuse(QStringLiteral("the package description \"%1...\" is too long to be one").arg(shown.left(60)));
    if (description.contains(QLatin1Char('*')))
        return refuse(QStringLiteral("the package description \"%1\" is a kit: its schedule II part cannot be counted from "
                                     "the directory; add that part by hand or in a catalog CSV").arg(shown));
    double total = 1;
    bool counted = false;
    for (const QString &lv : description.split(QLatin1Char('>'))) {
        const auto m = level.match(lv);
        if (!m.hasMatch())
            return refuse(QStringLiteral("the package description \"%1\" is not in the form \"100 TABLET in 1 BOTTLE\"").arg(shown));
        const double count = m.captured(1).toDouble(), per = m.captured(3).toDouble();
        if (!(count > 0) || !(per > 0) || !std::isfinite(count) || !std::isfinite(per))
            return refuse(QStringLiteral("the package description \"%1\" has a zero quantity").arg(shown));
        const QString levelUnit = m.captured(2).simplified();
        if (kitWord.match(levelUnit.toUpper()).hasMatch())
            return refuse(QStringLiteral("the package description \"%1\" is a kit: its schedule II part cannot be counted from "
                                         "the directory; add that part by hand or in a catalog CSV").arg(shown));
        total = total * count / per;
        if (!(total <= kMaxUnits * 1000))
            break; // past any real package: refused below, before the number grows without bound
        if (countingUnit(levelUnit, route) == unit) {
            counted = true;
            break; // the dispensed unit: what a level below says (a patch's "72 h") is not counted
        }
    }
    if (!counted && total <= kMaxUnits * 1000)
        return refuse(QStringLiteral("the package description \"%1\" has no level counted in the product's unit (%2)").arg(shown, unit));
    if (!(total >= 1 && total <= kMaxUnits) || total != std::floor(total))
        return refuse(QStringLiteral("the package holds %1 %2, not a whole number of units").arg(total).arg(unit));
    r.size = qint64(total);
    r.unit = unit;
    return r;
}

ParseResult parseDirectory(const QByteArray &productTxt, const QByteArray &packageTxt, const Progress &progress)
{
    const qint64 total = productTxt.size() + packageTxt.size();
    const auto productProgress = progress ? std::function<void(qint64)>([&](qint64 done) { progress(done, total); })
                                          : std::function<void(qint64)>();
    const auto packageProgress = progress ? std::function<void(qint64)>([&](qint64 done) { progress(productTxt.size() + done, total); })
                                          : std::function<void(qint64)>();
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
              iUnit = pc.value("ACTIVE_INGRED_UNIT"), iRoute = pc.value("ROUTENAME", -1);
    const int productWidth = std::max({iId, iSched, iProp, iSuffix, iNonProp, iForm, iStrength, iUnit, iRoute}) + 1;
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
        p.strength = labelStrength(fromWindows1252(f[iStrength]), fromWindows1252(f[iUnit])).left(60);
        const QString form = fromWindows1252(f[iForm]).trimmed();
        p.dosageForm = title(form).left(60);
        p.route = iRoute >= 0 ? fromWindows1252(f[iRoute]).trimmed() : QString();
        p.unit = countingUnit(form, p.route);
        p.schedule = QString::fromLatin1(sched);
        const QString id = fromWindows1252(f[iId]).trimmed();
        if (id.isEmpty() || p.strength.isEmpty() || p.dosageForm.isEmpty()) {
            result.rejected.append({QStringLiteral("product.txt"), lineNo, QStringLiteral("a schedule II product without its id, strength or dosage form")});
            return;
        }
        if (p.unit.isEmpty()) {
            result.rejected.append({QStringLiteral("product.txt"), lineNo, uncountableForm(form)});
            return;
        }
        cii.insert(id, p);
    }, productProgress);

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
        const PackageSize size = parsePackageDescription(fromWindows1252(f[kDesc]), it->unit, it->route);
        if (!size.problem.isEmpty()) {
            result.rejected.append({QStringLiteral("package.txt"), lineNo, size.problem});
            return;
        }
        pkg.packageSize = size.size;
        pkg.baseUnit = size.unit.left(30);
        result.packages.append(pkg);
    }, packageProgress);
    return result;
}

} // namespace cii::fda
