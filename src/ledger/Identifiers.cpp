#include "Identifiers.h"

#include "CiiError.h"

#include <QDate>
#include <QLocale>
#include <QRegularExpression>

namespace cii {

QString normalizeDea(const QString &dea)
{
    return dea.trimmed().toUpper();
}

QString form222Problem(const QString &number)
{
    static const QRegularExpression form222(QStringLiteral("^[0-9]{8,9}$"));
    return form222.match(number.trimmed()).hasMatch() ? QString() : QStringLiteral("must be its 8 or 9 digits");
}

QString deaProblem(const QString &raw, const QString &subject)
{
    const QString dea = normalizeDea(raw);
    if (dea.isEmpty())
        return QStringLiteral("%1 is required.").arg(subject);
    static const QRegularExpression shape(QStringLiteral("^[A-Z][A-Z9][0-9]{7}$"));
    if (!shape.match(dea).hasMatch())
        return QStringLiteral("%1 must be two letters followed by seven digits, like AB1234563 (got \"%2\").")
            .arg(subject, CiiError::excerpt(dea));
    int d[7];
    for (int i = 0; i < 7; ++i)
        d[i] = dea.at(2 + i).digitValue();
    const int sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
    if (sum % 10 != d[6])
        return QStringLiteral("%1 %2 does not match its check digit (mistyped?).").arg(subject, dea);
    return {};
}

std::optional<Ndc> Ndc::parse(const QString &text, QString *problem)
{
    const auto fail = [problem](const QString &why) -> std::optional<Ndc> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(QStringLiteral("An NDC is required."));
    static const QRegularExpression hyphenated(QStringLiteral("^(\\d{4,5})-(\\d{3,4})-(\\d{1,2})$"));
    static const QRegularExpression eleven(QStringLiteral("^\\d{11}$"));
    if (const auto m = hyphenated.match(t); m.hasMatch()) {
        Ndc n{m.captured(1), m.captured(2), m.captured(3)};
        if (n.layout().isEmpty())
            return fail(QStringLiteral("%1 is not an NDC layout (4-4-2, 5-3-2, 5-4-1 or 5-4-2).").arg(t));
        return n;
    }
    if (eleven.match(t).hasMatch())
        return Ndc{t.left(5), t.mid(5, 4), t.right(2)};
    if (t.size() == 10 && t.toULongLong() > 0)
        return fail(QStringLiteral("%1 has 10 digits without hyphens, which fits three NDC layouts; scan it or "
                                   "look it up in the catalog.").arg(t));
    return fail(QStringLiteral("\"%1\" is not an NDC: expected 10 digits with hyphens (4-4-2, 5-3-2 or 5-4-1) or "
                               "11 digits (5-4-2).").arg(CiiError::excerpt(t)));
}

QStringList Ndc::elevenDigitCandidates(const QString &d)
{
    if (d.size() != 10)
        return {};
    return {QStringLiteral("0") + d,                                  // 4-4-2
            d.left(5) + QStringLiteral("0") + d.mid(5),               // 5-3-2
            d.left(9) + QStringLiteral("0") + d.right(1)};            // 5-4-1
}

QString Ndc::layout() const
{
    const QString l = QStringLiteral("%1-%2-%3").arg(labeler.size()).arg(product.size()).arg(package.size());
    static const QStringList known{QStringLiteral("4-4-2"), QStringLiteral("5-3-2"), QStringLiteral("5-4-1"),
                                   QStringLiteral("5-4-2")};
    return known.contains(l) ? l : QString();
}

QString Ndc::formatted() const
{
    return labeler + QLatin1Char('-') + product + QLatin1Char('-') + package;
}

QString Ndc::ndc11() const
{
    return labeler.rightJustified(5, QLatin1Char('0')) + product.rightJustified(4, QLatin1Char('0'))
        + package.rightJustified(2, QLatin1Char('0'));
}

QString Ndc::ndc11Formatted() const
{
    const QString d = ndc11();
    return d.left(5) + QLatin1Char('-') + d.mid(5, 4) + QLatin1Char('-') + d.right(2);
}

QString Ndc::digits10() const
{
    return layout() == QLatin1String("5-4-2") ? QString() : labeler + product + package;
}

int gs1CheckDigit(const QString &digits)
{
    int sum = 0;
    for (int i = 0; i < digits.size(); ++i) {
        const int d = digits.at(digits.size() - 1 - i).digitValue();
        sum += d * (i % 2 == 0 ? 3 : 1);
    }
    return (10 - sum % 10) % 10;
}

namespace {

bool allDigits(const QString &s)
{
    for (QChar c : s)
        if (!c.isDigit() || c.unicode() > 127)
            return false;
    return !s.isEmpty();
}

ScanResult invalid(const QString &why)
{
    ScanResult r;
    r.problem = why;
    return r;
}

/// GS1 (17) YYMMDD as an ISO date; day 00 means the month's last day (GS1 General Specifications, AI 17).
/// Empty with `problem` set (the clause after "is not a date") when it names no real day.
QString expiryIso(const QString &yymmdd, QString *problem)
{
    if (yymmdd.size() != 6 || !allDigits(yymmdd)) {
        *problem = QStringLiteral("an expiry is six digits, YYMMDD");
        return {};
    }
    const int year = 2000 + yymmdd.left(2).toInt(), month = yymmdd.mid(2, 2).toInt(), day = yymmdd.right(2).toInt();
    if (month < 1 || month > 12) {
        *problem = QStringLiteral("there is no month %1").arg(yymmdd.mid(2, 2));
        return {};
    }
    const QDate first(year, month, 1);
    const QDate date = day == 0 ? QDate(year, month, first.daysInMonth()) : QDate(year, month, day);
    if (!date.isValid()) {
        *problem = QStringLiteral("%1 %2 has no day %3").arg(QLocale::c().monthName(month)).arg(year).arg(day);
        return {};
    }
    return date.toString(Qt::ISODate);
}

// A GTIN-14 whose company prefix is "03" carries an NDC-10 in digits 4..13.
bool ndcFromGtin14(const QString &gtin, ScanResult &r)
{
    if (gtin.size() != 14 || !allDigits(gtin))
        return false;
    if (gs1CheckDigit(gtin.left(13)) != gtin.at(13).digitValue())
        return false;
    if (gtin.mid(1, 2) != QLatin1String("03"))
        return false;
    r.ndc11Candidates = Ndc::elevenDigitCandidates(gtin.mid(3, 10));
    return true;
}

ScanResult parseGs1(QString s)
{
    // Human-readable form "(01)...(17)..." becomes the raw form with GS separators.
    const QChar gs(29);
    if (s.startsWith(QLatin1Char('('))) {
        static const QRegularExpression ai(QStringLiteral("\\((\\d{2})\\)"));
        QString raw;
        auto it = ai.globalMatch(s);
        QList<QRegularExpressionMatch> matches;
        while (it.hasNext())
            matches.append(it.next());
        for (int i = 0; i < matches.size(); ++i) {
            const int start = int(matches[i].capturedEnd());
            const int end = i + 1 < matches.size() ? int(matches[i + 1].capturedStart()) : int(s.size());
            if (!raw.isEmpty() && !raw.endsWith(gs))
                raw += gs;
            raw += matches[i].captured(1) + s.mid(start, end - start);
        }
        s = raw;
    }
    ScanResult r;
    r.kind = ScanResult::Kind::Gs1;
    int i = 0;
    while (i < s.size()) {
        if (s.at(i) == gs) {
            ++i;
            continue;
        }
        const QString ai = s.mid(i, 2);
        i += 2;
        if (ai == QLatin1String("01")) {
            r.gtin = s.mid(i, 14);
            i += 14;
        } else if (ai == QLatin1String("17")) {
            QString problem;
            r.expiry = expiryIso(s.mid(i, 6), &problem);
            if (r.expiry.isEmpty())
                return invalid(QStringLiteral("The expiry date in the code (%1) is not a date: %2.").arg(s.mid(i, 6), problem));
            i += 6;
        } else if (ai == QLatin1String("10") || ai == QLatin1String("21")) {
            int end = int(s.indexOf(gs, i));
            if (end < 0)
                end = int(s.size());
            const QString value = s.mid(i, end - i);
            if (value.isEmpty() || value.size() > 20)
                return invalid(QStringLiteral("The %1 in the code is empty or too long.").arg(ai == QLatin1String("10") ? QStringLiteral("lot") : QStringLiteral("serial number")));
            (ai == QLatin1String("10") ? r.lot : r.serial) = value;
            i = end;
        } else {
            return invalid(QStringLiteral("The code holds a field this program does not read (%1); scan the "
                                          "product's 2D code or type its NDC.").arg(ai));
        }
    }
    if (r.gtin.isEmpty())
        return invalid(QStringLiteral("The 2D code has no product number (GTIN)."));
    if (!ndcFromGtin14(r.gtin, r))
        return invalid(QStringLiteral("The product number %1 is not a valid drug GTIN (check digit or NDC prefix).").arg(r.gtin));
    return r;
}

} // namespace

ScanResult parseScan(const QString &input)
{
    QString s = input;
    s.remove(QLatin1Char('\r'));
    s.remove(QLatin1Char('\n'));
    s = s.trimmed();
    // Symbology identifiers: "]" + a letter + a digit ("]d2" DataMatrix, "]C1" GS1-128, "]E0" UPC/EAN).
    if (s.size() >= 3 && s.at(0) == QLatin1Char(']'))
        s = s.mid(3);
    if (s.isEmpty())
        return invalid(QStringLiteral("Nothing was scanned."));
    if (s.size() > 200)
        return invalid(QStringLiteral("The code is too long to be a drug barcode."));
    const QChar gs(29);
    if (s.contains(gs) || s.startsWith(QLatin1String("(01)")) || (s.startsWith(QLatin1String("01")) && s.size() >= 16 && allDigits(s.left(16))))
        return parseGs1(s);
    if (s.contains(QLatin1Char('-'))) {
        QString problem;
        const auto ndc = Ndc::parse(s, &problem);
        if (!ndc)
            return invalid(problem);
        ScanResult r;
        r.kind = ScanResult::Kind::Ndc11;
        r.ndc11Candidates = {ndc->ndc11()};
        return r;
    }
    if (!allDigits(s))
        return invalid(QStringLiteral("\"%1\" is not a barcode or NDC this program reads.").arg(s.left(40)));
    ScanResult r;
    switch (s.size()) {
    case 12: // UPC-A: number system 3 (drugs), NDC-10, check digit
        if (gs1CheckDigit(s.left(11)) != s.at(11).digitValue())
            return invalid(QStringLiteral("The barcode %1 did not read correctly (check digit); scan it again.").arg(s));
        if (s.at(0) != QLatin1Char('3'))
            return invalid(QStringLiteral("The barcode %1 is not a drug's (it does not start with 3).").arg(s));
        r.kind = ScanResult::Kind::UpcA;
        r.gtin = s;
        r.ndc11Candidates = Ndc::elevenDigitCandidates(s.mid(1, 10));
        return r;
    case 14:
        r.kind = ScanResult::Kind::Gs1;
        if (!ndcFromGtin14(s, r))
            return invalid(QStringLiteral("The product number %1 is not a valid drug GTIN (check digit or NDC prefix).").arg(s));
        r.gtin = s;
        return r;
    case 11:
        r.kind = ScanResult::Kind::Ndc11;
        r.ndc11Candidates = {s};
        return r;
    case 10:
        r.kind = ScanResult::Kind::Ndc10Bare;
        r.ndc11Candidates = Ndc::elevenDigitCandidates(s);
        return r;
    default:
        return invalid(QStringLiteral("%1 has %2 digits; an NDC has 10 or 11 and a drug barcode 12 or 14.").arg(s).arg(s.size()));
    }
}

} // namespace cii
