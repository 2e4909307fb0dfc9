// The PDF writer. CII Ledger writes its reports' PDF itself (PdfFile, PdfFont) rather than through QPdfWriter:
// Qt's writer places every glyph with an operator of its own and writes it through a QIODevice call per token,
// which made a two-year log of 5,000 pages take three seconds in Qt alone (docs/PERFORMANCE.md). Here a cell is
// one text operator with the font's glyph numbers, and what repeats on every page (the heading, the column titles)
// is laid out once. Widths are the font's own advances, the same numbers the PDF's font dictionary gives a viewer,
// so what was measured is what is shown.
#include "PdfFile.h"
#include "PdfFont.h"
#include "ReportFiles.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cmath>

namespace cii::reports {

namespace {

QFont reportFont(bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(12);
    f.setBold(bold);
    return f;
}

constexpr qreal kPageW = 792, kPageH = 612, kMargin = 36; // US Letter landscape, in points
constexpr qreal kContentW = kPageW - 2 * kMargin;
constexpr qreal kTableTop = 104, kRowH = 10.5, kFooterY = kPageH - kMargin + 8;
constexpr qreal kCellPad = 2.5;
constexpr qreal kLineH = 8.5;   ///< each further line of a row whose cells wrap
constexpr int kMaxCellLines = 3; ///< a cell longer than this many lines ends in an ellipsis (the CSV has it whole)
/// A long log's pages are deflated at zlib's fastest level: about a quarter of the time for a file about a third
/// larger. A short report keeps the smaller file.
constexpr int kFastCompressionPages = 50;

/// Text operators for one font and size, positioned from the top left of the page (as the layout measures) and
/// written in PDF coordinates (from the bottom left). Each placed text moves from the one before (Td), so a
/// block is self-contained and can be drawn again on every page.
struct Text
{
    QByteArray ops;
    qreal x = 0, y = 0; ///< the last text position, PDF coordinates, rounded as written
    void clear()
    {
        ops.resize(0); // keeps the capacity: the next page fills it again
        x = y = 0;
    }
};

class Typesetter
{
public:
    /// `size` in points, of `font` (which records the glyphs used).
    Typesetter(PdfFont &font, QByteArray resource, qreal size) : m_font(&font), m_resource(std::move(resource)), m_size(size)
    {
        m_ellipsis = font.ellipsis(&m_ellipsisW);
    }
    qreal width(const QString &s) const { return m_font->width(s) * m_size / 1000; }
    /// Places `s` on the baseline `y` within [x, x + w): left or right aligned, cut with an ellipsis when too long.
    void place(Text &out, QStringView s, qreal x, qreal y, qreal w, bool right) const
    {
        if (s.isEmpty())
            return;
        QVarLengthArray<quint16, 64> g;
        QVarLengthArray<int, 64> adv;
        m_font->map(s, g, adv);
        const int room = int(std::floor(w * 1000 / m_size));
        int total = 0;
        qsizetype fit = g.size();
        for (qsizetype i = 0; i < g.size(); ++i) {
            if (total + adv[i] > room) {
                fit = i;
                break;
            }
            total += adv[i];
        }
        const bool cut = fit < g.size();
        if (cut) { // make room for the ellipsis
            while (fit > 0 && total + m_ellipsisW > room)
                total -= adv[--fit];
            total += m_ellipsisW;
        }
        const qreal px = std::round((right ? x + w - total * m_size / 1000 : x) * 100) / 100;
        const qreal py = std::round((kPageH - y) * 100) / 100;
        pdf::appendNumber(out.ops, px - out.x);
        out.ops += ' ';
        pdf::appendNumber(out.ops, py - out.y);
        out.ops += " Td <";
        static const char hex[] = "0123456789ABCDEF";
        const auto glyph = [&](quint16 v) {
            const char digits[4] = {hex[v >> 12], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
            out.ops.append(digits, 4);
        };
        for (qsizetype i = 0; i < fit; ++i)
            glyph(g[i]);
        if (cut)
            glyph(m_ellipsis);
        out.ops += "> Tj\n";
        out.x = px;
        out.y = py;
    }
    /// Greedy word wrap into at most `maxLines` lines of width `w`.
    QStringList wrap(const QString &s, qreal w, int maxLines) const
    {
        QStringList lines;
        QString line;
        for (const QString &word : s.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString tryLine = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() && width(tryLine) > w) {
                lines.append(line);
                line = word;
            } else {
                line = tryLine;
            }
        }
        if (!line.isEmpty())
            lines.append(line);
        if (lines.size() > maxLines) {
            lines = lines.mid(0, maxLines);
            lines.last() += QStringLiteral("\u2026");
        }
        return lines;
    }
    /// Appends `text` to a page's content, in this font and size.
    void draw(QByteArray &content, const Text &text) const
    {
        if (text.ops.isEmpty())
            return;
        content += "BT /" + m_resource + ' ';
        pdf::appendNumber(content, m_size);
        content += " Tf\n";
        content += text.ops;
        content += "ET\n";
    }

private:
    PdfFont *m_font;
    QByteArray m_resource; ///< the font's name in the page resources
    qreal m_size;
    quint16 m_ellipsis = 0;
    int m_ellipsisW = 0;
};

/// What a cell prints under the cell above it on the same page (`above`, null on a page's first row): the group
/// indication of Column::grouped (blank: as above; a dash: none) and Column::dateTime. Fewer glyphs are also what
/// Qt's PDF writer is slow at.
QString shownCell(const Column &column, const QString &cell, const QString *above)
{
    if (!above)
        return cell;
    if (column.grouped && cell == *above)
        return QString();
    if (column.grouped && cell.isEmpty()) // a blank here would read as "the same as above"
        return QStringLiteral("\u2014");
    if (column.dateTime && cell.size() > 11 && cell.at(10) == QLatin1Char(' ') && QStringView(cell).left(10) == QStringView(*above).left(10))
        return cell.mid(11);
    return cell;
}

qreal rowHeight(int lines)
{
    return kRowH + (lines - 1) * kLineH;
}

struct Layout
{
    QList<qreal> x, w; ///< per column, in points
    QList<quint8> lines; ///< per row: how many lines its longest cell wraps onto
    QList<int> pageStart; ///< the first row of each page of rows, then the number of rows
    int rowPages = 1;
    QStringList closing; ///< notes as wrapped lines
    int pages = 1;
    qreal closingHeight = 0;
};

Layout layOut(const Report &r, const Typesetter &small, const Typesetter &bold, const Typesetter &notes)
{
    Layout l;
    // Shares of the width by weight, but never narrower than the longest word of the column's title (titles wrap
    // onto two lines, words do not break): the narrow columns take what they need from the wide ones.
    int totalWeight = 0;
    for (const Column &c : r.columns)
        totalWeight += c.weight;
    // Short cells (dates, numbers, codes: under kShortCell wide in the first rows) are not cut either.
    constexpr qreal kShortCell = 70;
    constexpr int kSampleRows = 400;
    QList<qreal> need, floor; ///< what a column needs; what a long text column can be cut down to (its title)
    for (int c = 0; c < r.columns.size(); ++c) {
        qreal longest = 0;
        for (const QString &word : r.columns[c].title.split(QLatin1Char(' ')))
            longest = qMax(longest, bold.width(word));
        longest = qMax(longest, bold.width(r.columns[c].title) * 0.55); // the title in two lines at most
        qreal content = 0;
        for (int row = 0; row < r.rows.size() && row < kSampleRows; ++row)
            content = qMax(content, small.width(r.rows[row].value(c)));
        const qreal share = kContentW * r.columns[c].weight / qMax(1, totalWeight);
        floor.append(content <= kShortCell ? qMax(longest, content) + 2 * kCellPad + 1 : longest + 2 * kCellPad + 1);
        // a long text column keeps most of its share, so that the short ones cannot squeeze it to nothing
        longest = qMax(longest, content <= kShortCell ? content : qMin(content, share * 0.8));
        need.append(longest + 2 * kCellPad + 1);
        l.w.append(share);
    }
    for (int pass = 0; pass < 4; ++pass) {
        qreal missing = 0, spare = 0;
        for (int c = 0; c < l.w.size(); ++c) {
            if (l.w[c] < need[c]) {
                missing += need[c] - l.w[c];
                l.w[c] = need[c];
            } else {
                spare += l.w[c] - need[c];
            }
        }
        if (missing <= 0 || spare <= 0)
            break;
        const qreal take = qMin(1.0, missing / spare);
        for (int c = 0; c < l.w.size(); ++c)
            if (l.w[c] > need[c])
                l.w[c] -= (l.w[c] - need[c]) * take;
    }
    qreal total = 0;
    for (qreal w : l.w)
        total += w;
    if (total > kContentW) { // still too wide: the long text columns give up room, down to their titles
        qreal give = 0;
        for (int c = 0; c < l.w.size(); ++c)
            give += qMax<qreal>(0, l.w[c] - floor[c]);
        const qreal f = give > 0 ? qMin<qreal>(1, (total - kContentW) / give) : 0;
        total = 0;
        for (int c = 0; c < l.w.size(); ++c) {
            l.w[c] -= qMax<qreal>(0, l.w[c] - floor[c]) * f;
            total += l.w[c];
        }
    }
    if (total > kContentW) // and then every column alike (cells are cut, never the page)
        for (qreal &w : l.w)
            w *= kContentW / total;
    qreal x = kMargin;
    for (qreal w : l.w) {
        l.x.append(x);
        x += w;
    }
    for (const QString &n : r.notes)
        l.closing += notes.wrap(n, kContentW, 20);
    l.closingHeight = 16 + l.closing.size() * 11 + r.signatures.size() * 34;
    // A text cell too long for its column wraps at its spaces onto up to kMaxCellLines lines, and its row grows:
    // what an inspector reads is never cut where a line more would do. A row is measured as it is printed: a
    // grouped cell only where it is shown (the first row of a page, or a change from the row above).
    l.lines.resize(r.rows.size());
    const qreal room = kFooterY - 14 - kTableTop;
    const auto linesOf = [&](qsizetype row, bool firstOnPage) {
        const QStringList &cells = r.rows.at(row);
        const QStringList *above = firstOnPage ? nullptr : &r.rows.at(row - 1);
        int lines = 1;
        for (int c = 0; c < cells.size() && c < l.w.size(); ++c) {
            if (r.columns[c].number)
                continue;
            const qreal w = l.w[c] - 2 * kCellPad;
            if (small.width(cells[c]) <= w)
                continue;
            const QString shown = shownCell(r.columns[c], cells[c], above && c < above->size() ? &above->at(c) : nullptr);
            if (small.width(shown) > w)
                lines = qMax(lines, int(small.wrap(shown, w, kMaxCellLines).size()));
        }
        return lines;
    };
    qreal used = 0;
    l.pageStart = {0};
    for (qsizetype row = 0; row < r.rows.size(); ++row) {
        int lines = linesOf(row, used == 0);
        if (used > 0 && used + rowHeight(lines) > room) {
            l.pageStart.append(int(row));
            used = 0;
            lines = linesOf(row, true);
        }
        l.lines[row] = quint8(lines);
        used += rowHeight(lines);
    }
    l.rowPages = int(l.pageStart.size());
    l.pageStart.append(int(r.rows.size()));
    const qreal lastBottom = kTableTop + used;
    l.pages = l.rowPages + (lastBottom + l.closingHeight > kFooterY - 12 ? 1 : 0);
    return l;
}

/// The report as the PDF shows it: without the columns only the CSV has (Column::csvOnly). `reduced` holds the
/// copy when one is needed; a report without such columns is not copied.
const Report &shownInPdf(const Report &whole, Report &reduced)
{
    QList<int> kept;
    for (int c = 0; c < whole.columns.size(); ++c)
        if (!whole.columns[c].csvOnly)
            kept.append(c);
    if (kept.size() == whole.columns.size())
        return whole;
    reduced = whole;
    reduced.columns.clear();
    reduced.rows.clear();
    for (int c : std::as_const(kept))
        reduced.columns.append(whole.columns[c]);
    for (const QStringList &row : whole.rows) {
        QStringList cells;
        for (int c : std::as_const(kept))
            cells.append(row.value(c));
        reduced.rows.append(cells);
    }
    return reduced;
}

/// Page content operators for lines and fills, in the layout's coordinates (from the top left).
void line(QByteArray &c, qreal x1, qreal y, qreal x2)
{
    pdf::appendNumber(c, x1);
    c += ' ';
    pdf::appendNumber(c, kPageH - y);
    c += " m ";
    pdf::appendNumber(c, x2);
    c += ' ';
    pdf::appendNumber(c, kPageH - y);
    c += " l S\n";
}
void stripe(QByteArray &c, qreal y, qreal h)
{
    pdf::appendNumber(c, kMargin);
    c += ' ';
    pdf::appendNumber(c, kPageH - y - h);
    c += ' ';
    pdf::appendNumber(c, kContentW);
    c += ' ';
    pdf::appendNumber(c, h);
    c += " re f\n";
}
constexpr const char *kInk = "0.125 0.125 0.125 rg\n", *kRule = "0.6 0.6 0.6 RG 0.6 w\n", *kSignLine = "0.125 0.125 0.125 RG 0.6 w\n",
                     *kStripe = "0.941 0.949 0.961 rg\n";

/// The fonts of one PDF and the sizes the report uses.
struct Fonts
{
    PdfFont regular{reportFont(false)}, bold{reportFont(true)};
    Typesetter body{regular, "R", 7}, titles{bold, "B", 7}, heading{bold, "B", 12}, info{regular, "R", 8};
};

} // namespace

int pdfPageCount(const Report &whole)
{
    Report reduced;
    const Report &r = shownInPdf(whole, reduced);
    Fonts f;
    return layOut(r, f.body, f.titles, f.info).pages;
}

QString writePdf(const Report &whole, const QString &path, const Progress &progress, int *pages)
{
    Report reduced;
    const Report &r = shownInPdf(whole, reduced);
    const QFileInfo fi(path);
    if (!QDir().mkpath(fi.absolutePath()))
        return QStringLiteral("The folder %1 could not be created.").arg(QDir::toNativeSeparators(fi.absolutePath()));
    const QString part = path + QStringLiteral(".part");
    QFile::remove(part);
    Fonts f;
    if (!f.regular.valid() || !f.bold.valid())
        return QStringLiteral("The report's font (DejaVu Sans) could not be read. Reinstall the fonts-dejavu-core package.");
    const Typesetter &body = f.body, &bold = f.titles, &heading = f.heading, &info = f.info;
    const Layout l = layOut(r, body, bold, info);

    // What every page repeats, placed once: the heading and the column titles (up to two lines each).
    Text headingText, infoText, titleText;
    heading.place(headingText, r.pharmacyName, kMargin, kMargin + 10, kContentW * 0.55, false);
    heading.place(headingText, r.title, kMargin + kContentW * 0.45, kMargin + 10, kContentW * 0.55, true);
    info.place(infoText, r.pharmacyAddress, kMargin, kMargin + 24, kContentW * 0.6, false);
    info.place(infoText, QStringLiteral("DEA registration number: ") + r.pharmacyDea, kMargin, kMargin + 35, kContentW * 0.5, false);
    info.place(infoText, r.rangeText(), kMargin + kContentW * 0.4, kMargin + 24, kContentW * 0.6, true);
    info.place(infoText, QStringLiteral("Made %1%2").arg(r.generatedAt, r.generatedBy.isEmpty() ? QString() : QStringLiteral(" by ") + r.generatedBy),
               kMargin + kContentW * 0.4, kMargin + 35, kContentW * 0.6, true);
    for (int c = 0; c < r.columns.size(); ++c) {
        const QStringList lines = bold.wrap(r.columns[c].title, l.w[c] - 2 * kCellPad, 2);
        for (int i = 0; i < lines.size(); ++i)
            bold.place(titleText, lines[i], l.x[c] + kCellPad, kTableTop - 14 + i * 8.5 - (lines.size() - 1) * 8.5 + 8.5,
                       l.w[c] - 2 * kCellPad, r.columns[c].number);
    }

    const int level = l.pages > kFastCompressionPages ? 1 : 6;
    bool ok = false;
    {
        PdfFile pdf(part);
        if (!pdf.open())
            return QStringLiteral("%1 could not be written. Check that the folder can be written to and the disk has room.")
                .arg(QDir::toNativeSeparators(path));
        const int catalog = pdf.reserve(), pageTree = pdf.reserve(), resources = pdf.reserve(), regular = pdf.reserve(),
                  boldFont = pdf.reserve(), infoDict = pdf.reserve();
        const QByteArray pageDict = "<< /Type /Page /Parent " + QByteArray::number(pageTree) + " 0 R /MediaBox [0 0 "
                                    + QByteArray::number(int(kPageW)) + ' ' + QByteArray::number(int(kPageH)) + "] /Resources "
                                    + QByteArray::number(resources) + " 0 R /Contents ";
        QByteArray kids, content;
        Text rows;
        int row = 0;
        try {
            for (int page = 0; page < l.pages; ++page) {
                if (progress && !progress(page, l.pages))
                    throw Cancelled{};
                content.resize(0);
                content += kInk;
                heading.draw(content, headingText);
                info.draw(content, infoText);
                content += kRule;
                line(content, kMargin, kMargin + 42, kPageW - kMargin);
                const int first = l.pageStart[qMin(page, l.rowPages)], last = l.pageStart[qMin(page + 1, l.rowPages)];
                if (first < last || page == 0) {
                    bold.draw(content, titleText);
                    line(content, kMargin, kTableTop - 1, kPageW - kMargin);
                }
                qreal y = kTableTop;
                content += kStripe;
                for (row = first; row < last; y += rowHeight(l.lines[row]), ++row)
                    if ((row - first) % 2 == 1)
                        stripe(content, y, rowHeight(l.lines[row]));
                content += kInk;
                y = kTableTop;
                for (row = first; row < last; y += rowHeight(l.lines[row]), ++row) {
                    const QStringList &cells = r.rows.at(row);
                    const QStringList *above = row > first ? &r.rows.at(row - 1) : nullptr;
                    for (int c = 0; c < cells.size() && c < l.x.size(); ++c) {
                        const QString shown = shownCell(r.columns[c], cells.at(c), above && c < above->size() ? &above->at(c) : nullptr);
                        const qreal w = l.w[c] - 2 * kCellPad;
                        if (l.lines[row] == 1 || r.columns[c].number || body.width(shown) <= w) {
                            body.place(rows, shown, l.x[c] + kCellPad, y + 7.6, w, r.columns[c].number);
                            continue;
                        }
                        const QStringList wrapped = body.wrap(shown, w, kMaxCellLines);
                        for (int i = 0; i < wrapped.size(); ++i)
                            body.place(rows, wrapped[i], l.x[c] + kCellPad, y + 7.6 + i * kLineH, w, false);
                    }
                }
                body.draw(content, rows);
                rows.clear();
                if (page == l.pages - 1) { // the closing block: notes, then lines to sign and date
                    if (r.rows.isEmpty()) {
                        info.place(rows, u"No records in this period.", kMargin + kCellPad, y + 7.6, kContentW, false);
                        y += kRowH;
                    }
                    y += 16;
                    for (const QString &text : l.closing) {
                        info.place(rows, text, kMargin, y, kContentW, false);
                        y += 11;
                    }
                    content += kSignLine;
                    for (const QString &who : r.signatures) {
                        y += 34;
                        line(content, kMargin, y - 10, kMargin + 250);
                        line(content, kMargin + 280, y - 10, kMargin + 480);
                        line(content, kMargin + 510, y - 10, kMargin + 620);
                        info.place(rows, who + QStringLiteral(": name"), kMargin, y, 250, false);
                        info.place(rows, u"Signature", kMargin + 280, y, 200, false);
                        info.place(rows, u"Date", kMargin + 510, y, 110, false);
                    }
                }
                info.place(rows, QStringLiteral("CII Ledger \u00b7 %1 \u00b7 %2").arg(r.title, r.pharmacyName), kMargin, kFooterY, kContentW * 0.7, false);
                info.place(rows, QStringLiteral("Page %1 of %2").arg(page + 1).arg(l.pages), kMargin + kContentW * 0.7, kFooterY, kContentW * 0.3, true);
                info.draw(content, rows);
                rows.clear();
                const int stream = pdf.reserve(), pageObject = pdf.reserve();
                pdf.writeStream(stream, content, level);
                pdf.write(pageObject, pageDict + QByteArray::number(stream) + " 0 R >>");
                kids += QByteArray::number(pageObject) + " 0 R ";
            }
        } catch (const Cancelled &) {
            pdf.finish(catalog, infoDict);
            QFile::remove(part);
            throw;
        }
        pdf.write(pageTree, "<< /Type /Pages /Count " + QByteArray::number(l.pages) + " /Kids [" + kids + "] >>");
        pdf.write(resources, "<< /Font << /R " + QByteArray::number(regular) + " 0 R /B " + QByteArray::number(boldFont) + " 0 R >> >>");
        f.regular.writeTo(pdf, regular);
        f.bold.writeTo(pdf, boldFont);
        pdf.write(catalog, "<< /Type /Catalog /Pages " + QByteArray::number(pageTree) + " 0 R >>");
        pdf.write(infoDict, "<< /Title " + pdf::textString(QStringLiteral("%1, %2, %3").arg(r.title, r.pharmacyName, r.rangeText()))
                                + " /Creator (CII Ledger) /Producer (CII Ledger) /CreationDate (D:"
                                + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + "Z) >>");
        ok = pdf.finish(catalog, infoDict);
    }
    if (!ok || QFileInfo(part).size() == 0) {
        QFile::remove(part);
        return QStringLiteral("%1 could not be written. Check that the disk has room.").arg(QDir::toNativeSeparators(path));
    }
    QFile::remove(path);
    if (!QFile::rename(part, path)) {
        QFile::remove(part);
        return QStringLiteral("%1 could not be put in place. Check that the folder can be written to.").arg(QDir::toNativeSeparators(path));
    }
    if (pages)
        *pages = l.pages;
    return {};
}

} // namespace cii::reports
