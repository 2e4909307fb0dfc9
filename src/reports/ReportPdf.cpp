// The PDF writer. Rows are drawn as glyph runs from a QRawFont (each cell's glyphs and advances looked up once,
// no text shaping per cell), and what repeats on every page (the heading, the column titles) is laid out once:
// drawText per cell costs about 14 us on this machine, which a two-year log of 250,000 rows cannot afford.
#include "PdfDeflate.h"
#include "ReportFiles.h"

#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QPainter>
#include <QPdfWriter>
#include <QRawFont>
#include <cmath>
#include <mutex>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace cii::reports {

namespace {

QFont reportFont(bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(12);
    f.setBold(bold);
    return f;
}

constexpr qreal kPageW = 792, kPageH = 612, kMargin = 36; // US Letter landscape, in points (resolution 72)
constexpr qreal kContentW = kPageW - 2 * kMargin;
constexpr qreal kTableTop = 104, kRowH = 10.5, kFooterY = kPageH - kMargin + 8;
constexpr qreal kCellPad = 2.5;
constexpr int kRowsPerPage = int((kFooterY - 14 - kTableTop) / kRowH);
constexpr int kFastCompressionPages = 50;

/// Glyph positions are written in 1/64 of a point, whole numbers, under a scale of 1/64 (see draw()): Qt's PDF
/// writer prints every glyph's offset from the one before, and a fraction with nine decimals ("4.453125000") where
/// a whole number is three or four digits: shorter page content to write and compress, the same look.
constexpr qreal kUnit = 64;

/// Glyphs placed on a page, drawn in one call; positions in units of 1/kUnit point.
struct Glyphs
{
    QList<quint32> indexes;
    QList<QPointF> positions;
    void clear()
    {
        indexes.resize(0); // keeps the capacity: a page's glyphs fill it again
        positions.resize(0);
    }
};

class Typesetter
{
public:
    /// `size` in points: the writer's resolution is 72, so a point is a unit. The font is kUnit times larger
    /// (its advances in 1/kUnit point), and drawn scaled down.
    Typesetter(qreal size, bool bold) : m_raw(QRawFont::fromFont(reportFont(bold))), m_drawn(m_raw)
    {
        m_raw.setPixelSize(size);
        m_drawn.setPixelSize(size * kUnit);
        const QList<quint32> e = m_raw.glyphIndexesForString(QStringLiteral("\u2026"));
        m_ellipsis = e.isEmpty() ? 0 : e.first();
        m_ellipsisW = m_raw.advancesForGlyphIndexes(e).value(0).x();
    }
    /// The font as drawn: kUnit times the size, under draw()'s scale.
    const QRawFont &drawn() const { return m_drawn; }
    qreal width(const QString &s) const
    {
        qreal w = 0;
        for (const QPointF &a : m_raw.advancesForGlyphIndexes(m_raw.glyphIndexesForString(s)))
            w += a.x();
        return w;
    }
    /// Places `s` on the baseline `y` within [x, x + w): left or right aligned, cut with an ellipsis when too long.
    void place(Glyphs &out, const QString &s, qreal x, qreal y, qreal w, bool right) const
    {
        if (s.isEmpty())
            return;
        QList<quint32> g = m_raw.glyphIndexesForString(s);
        const QList<QPointF> adv = m_raw.advancesForGlyphIndexes(g);
        qreal total = 0;
        int fit = int(g.size());
        for (int i = 0; i < g.size(); ++i) {
            if (total + adv[i].x() > w) {
                fit = i;
                break;
            }
            total += adv[i].x();
        }
        bool cut = fit < g.size();
        if (cut) { // make room for the ellipsis
            while (fit > 0 && total + m_ellipsisW > w)
                total -= adv[--fit].x();
            total += m_ellipsisW;
        }
        qreal pos = right ? x + w - total : x;
        const qreal baseline = std::round(y * kUnit);
        for (int i = 0; i < fit; ++i) {
            out.indexes.append(g[i]);
            out.positions.append(QPointF(std::round(pos * kUnit), baseline));
            pos += adv[i].x();
        }
        if (cut) {
            out.indexes.append(m_ellipsis);
            out.positions.append(QPointF(std::round(pos * kUnit), baseline));
        }
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

private:
    QRawFont m_raw, m_drawn; ///< measured at the real size (a 64-times font measures twice as slowly), drawn large
    quint32 m_ellipsis = 0;
    qreal m_ellipsisW = 0;
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

void draw(QPainter &p, const QRawFont &font, const Glyphs &g)
{
    if (g.indexes.isEmpty())
        return;
    QGlyphRun run;
    run.setRawFont(font);
    run.setGlyphIndexes(g.indexes);
    run.setPositions(g.positions);
    const QTransform points = p.worldTransform();
    p.scale(1 / kUnit, 1 / kUnit);
    p.drawGlyphRun(QPointF(0, 0), run);
    p.setWorldTransform(points);
}

struct Layout
{
    QList<qreal> x, w; ///< per column, in points
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
    const int rowPages = qMax(1, int((r.rows.size() + kRowsPerPage - 1) / kRowsPerPage));
    const int lastRows = r.rows.size() - (rowPages - 1) * kRowsPerPage;
    const qreal lastBottom = kTableTop + lastRows * kRowH;
    l.pages = rowPages + (lastBottom + l.closingHeight > kFooterY - 12 ? 1 : 0);
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

/// Qt's PDF writer builds each page's content in a buffer of a few hundred kilobytes and frees it when the page is
/// done. On a worker thread glibc serves it from the thread's own heaps: a block that large is mmapped and given
/// back at once, and a heap left empty at the top is unmapped (or trimmed), so the next page maps and faults its
/// memory in again, thousands of times. Measured (bench_pdf, bench_reports' first report in a process): half of
/// the PDF's time went to page faults, mmap, munmap and madvise. Blocks under 32 MB now come from the heaps, up to
/// 128 MB of free heap is kept rather than trimmed, and a heap keeps a 64 MB pad (M_TOP_PAD: an empty heap is
/// not unmapped). Process-wide and set once: the memory stays the process's, reused, until it exits.
void keepPageBuffers()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
        mallopt(M_TOP_PAD, 64 * 1024 * 1024);
    });
#endif
}

} // namespace

int pdfPageCount(const Report &whole)
{
    Report reduced;
    const Report &r = shownInPdf(whole, reduced);
    return layOut(r, Typesetter(7, false), Typesetter(7, true), Typesetter(8, false)).pages;
}

QString writePdf(const Report &whole, const QString &path, const Progress &progress, int *pages)
{
    keepPageBuffers();
    Report reduced;
    const Report &r = shownInPdf(whole, reduced);
    const QFileInfo fi(path);
    if (!QDir().mkpath(fi.absolutePath()))
        return QStringLiteral("The folder %1 could not be created.").arg(QDir::toNativeSeparators(fi.absolutePath()));
    const QString part = path + QStringLiteral(".part");
    QFile::remove(part);
    const Typesetter body(7, false), bold(7, true), heading(12, true), info(8, false);
    const Layout l = layOut(r, body, bold, info);

    // What every page repeats, placed once: the heading and the column titles (up to two lines each).
    Glyphs headingGlyphs, infoGlyphs, titleGlyphs;
    heading.place(headingGlyphs, r.pharmacyName, kMargin, kMargin + 10, kContentW * 0.55, false);
    heading.place(headingGlyphs, r.title, kMargin + kContentW * 0.45, kMargin + 10, kContentW * 0.55, true);
    info.place(infoGlyphs, r.pharmacyAddress, kMargin, kMargin + 24, kContentW * 0.6, false);
    info.place(infoGlyphs, QStringLiteral("DEA registration number: ") + r.pharmacyDea, kMargin, kMargin + 35, kContentW * 0.5, false);
    info.place(infoGlyphs, r.rangeText(), kMargin + kContentW * 0.4, kMargin + 24, kContentW * 0.6, true);
    info.place(infoGlyphs, QStringLiteral("Made %1%2").arg(r.generatedAt, r.generatedBy.isEmpty() ? QString() : QStringLiteral(" by ") + r.generatedBy),
               kMargin + kContentW * 0.4, kMargin + 35, kContentW * 0.6, true);
    for (int c = 0; c < r.columns.size(); ++c) {
        const QStringList lines = bold.wrap(r.columns[c].title, l.w[c] - 2 * kCellPad, 2);
        for (int i = 0; i < lines.size(); ++i)
            bold.place(titleGlyphs, lines[i], l.x[c] + kCellPad, kTableTop - 14 + i * 8.5 - (lines.size() - 1) * 8.5 + 8.5,
                       l.w[c] - 2 * kCellPad, r.columns[c].number);
    }

    bool ok = false;
    {
        // A long log is written faster at zlib's fastest level (PdfDeflate.h); a short one keeps the smaller file.
        const FastPageCompression fast(l.pages > kFastCompressionPages);
        QPdfWriter pdf(part);
        pdf.setPageSize(QPageSize(QPageSize::Letter));
        pdf.setPageOrientation(QPageLayout::Landscape);
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(72);
        pdf.setTitle(QStringLiteral("%1, %2, %3").arg(r.title, r.pharmacyName, r.rangeText()));
        pdf.setCreator(QStringLiteral("CII Ledger"));
        QPainter p;
        if (!p.begin(&pdf))
            return QStringLiteral("%1 could not be written. Check that the folder can be written to and the disk has room.")
                .arg(QDir::toNativeSeparators(path));
        const QColor ink(0x20, 0x20, 0x20), rule(0x99, 0x99, 0x99), stripe(0xF0, 0xF2, 0xF5);
        Glyphs rows, footer;
        int row = 0;
        try {
            for (int page = 0; page < l.pages; ++page) {
                if (page > 0)
                    pdf.newPage();
                if (progress && !progress(page, l.pages))
                    throw Cancelled{};
                p.setPen(ink);
                draw(p, heading.drawn(), headingGlyphs);
                draw(p, info.drawn(), infoGlyphs);
                p.setPen(QPen(rule, 0.6));
                p.drawLine(QPointF(kMargin, kMargin + 42), QPointF(kPageW - kMargin, kMargin + 42));
                const int first = page * kRowsPerPage, last = qMin<int>(r.rows.size(), first + kRowsPerPage);
                if (first < last || page == 0) {
                    p.setPen(ink);
                    draw(p, bold.drawn(), titleGlyphs);
                    p.setPen(QPen(rule, 0.6));
                    p.drawLine(QPointF(kMargin, kTableTop - 1), QPointF(kPageW - kMargin, kTableTop - 1));
                }
                qreal y = kTableTop;
                for (row = first; row < last; ++row, y += kRowH) {
                    if ((row - first) % 2 == 1)
                        p.fillRect(QRectF(kMargin, y, kContentW, kRowH), stripe);
                    const QStringList &cells = r.rows.at(row);
                    const QStringList *above = row > first ? &r.rows.at(row - 1) : nullptr;
                    for (int c = 0; c < cells.size() && c < l.x.size(); ++c)
                        body.place(rows, shownCell(r.columns[c], cells.at(c), above && c < above->size() ? &above->at(c) : nullptr),
                                   l.x[c] + kCellPad, y + 7.6, l.w[c] - 2 * kCellPad, r.columns[c].number);
                }
                p.setPen(ink);
                draw(p, body.drawn(), rows);
                rows.clear();
                if (page == l.pages - 1) { // the closing block: notes, then lines to sign and date
                    if (r.rows.isEmpty()) {
                        info.place(rows, QStringLiteral("No records in this period."), kMargin + kCellPad, y + 7.6, kContentW, false);
                        y += kRowH;
                    }
                    y += 16;
                    for (const QString &line : l.closing) {
                        info.place(rows, line, kMargin, y, kContentW, false);
                        y += 11;
                    }
                    draw(p, info.drawn(), rows);
                    rows.clear();
                    for (const QString &who : r.signatures) {
                        y += 34;
                        p.setPen(QPen(ink, 0.6));
                        p.drawLine(QPointF(kMargin, y - 10), QPointF(kMargin + 250, y - 10));
                        p.drawLine(QPointF(kMargin + 280, y - 10), QPointF(kMargin + 480, y - 10));
                        p.drawLine(QPointF(kMargin + 510, y - 10), QPointF(kMargin + 620, y - 10));
                        info.place(rows, who + QStringLiteral(": name"), kMargin, y, 250, false);
                        info.place(rows, QStringLiteral("Signature"), kMargin + 280, y, 200, false);
                        info.place(rows, QStringLiteral("Date"), kMargin + 510, y, 110, false);
                        draw(p, info.drawn(), rows);
                        rows.clear();
                    }
                }
                info.place(footer, QStringLiteral("CII Ledger \u00b7 %1 \u00b7 %2").arg(r.title, r.pharmacyName), kMargin, kFooterY, kContentW * 0.7, false);
                info.place(footer, QStringLiteral("Page %1 of %2").arg(page + 1).arg(l.pages), kMargin + kContentW * 0.7, kFooterY, kContentW * 0.3, true);
                draw(p, info.drawn(), footer);
                footer.clear();
            }
        } catch (const Cancelled &) {
            p.end();
            QFile::remove(part);
            throw;
        }
        ok = p.end();
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
