// The font file embedded is built from the system font's own tables (QRawFont::fontTable), keeping the tables a
// PDF viewer needs for a CIDFontType2 (ISO 32000-1, 9.9: head, hhea, hmtx, maxp, loca, glyf and the hinting
// tables) and only the outlines of the glyphs used, each with the glyphs it is built from. Glyph numbers do not
// change, so the page text needs no renumbering.
#include "PdfFont.h"
#include "PdfFile.h"

#include <QList>
#include <algorithm>

namespace cii::reports {

namespace {

quint16 u16(const QByteArray &t, qsizetype at)
{
    return at + 2 <= t.size() ? quint16((uchar(t[at]) << 8) | uchar(t[at + 1])) : 0;
}
qint16 s16(const QByteArray &t, qsizetype at)
{
    return qint16(u16(t, at));
}
quint32 u32(const QByteArray &t, qsizetype at)
{
    return (quint32(u16(t, at)) << 16) | u16(t, at + 2);
}
void put16(QByteArray &t, quint16 v)
{
    t += char(v >> 8);
    t += char(v & 0xff);
}
void put32(QByteArray &t, quint32 v)
{
    put16(t, quint16(v >> 16));
    put16(t, quint16(v & 0xffff));
}
void set32(QByteArray &t, qsizetype at, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        t[at + i] = char(v >> (24 - 8 * i));
}
quint32 tableChecksum(const QByteArray &t)
{
    quint32 sum = 0;
    for (qsizetype i = 0; i < t.size(); i += 4) {
        quint32 word = 0;
        for (int b = 0; b < 4; ++b)
            word = (word << 8) | (i + b < t.size() ? uchar(t[i + b]) : 0);
        sum += word;
    }
    return sum;
}
void hex4(QByteArray &out, quint32 v)
{
    static const char digits[] = "0123456789ABCDEF";
    out += digits[(v >> 12) & 15];
    out += digits[(v >> 8) & 15];
    out += digits[(v >> 4) & 15];
    out += digits[v & 15];
}

constexpr quint32 kUnknown = ~0u;

} // namespace

PdfFont::PdfFont(const QFont &font) : m_raw(QRawFont::fromFont(font))
{
    const QByteArray head = m_raw.fontTable("head"), hhea = m_raw.fontTable("hhea"), maxp = m_raw.fontTable("maxp"),
                     hmtx = m_raw.fontTable("hmtx");
    if (head.size() < 54 || hhea.size() < 36 || maxp.size() < 6 || hmtx.isEmpty())
        return;
    const int glyphs = u16(maxp, 4), metrics = qMax(1, int(u16(hhea, 34)));
    m_advance.resize(size_t(glyphs));
    for (int g = 0; g < glyphs; ++g)
        m_advance[size_t(g)] = u16(hmtx, 4 * qsizetype(qMin(g, metrics - 1)));
    m_unitsPerEm = u16(head, 18);
    const auto perMille = [&](int v) { return v * 1000 / qMax(1, m_unitsPerEm); };
    for (int i = 0; i < 4; ++i)
        m_bbox[i] = perMille(s16(head, 36 + 2 * i));
    m_ascent = perMille(s16(hhea, 4));
    m_descent = perMille(s16(hhea, 6));
    m_byChar.assign(0x10000, kUnknown);
    m_unicode.assign(size_t(glyphs), 0);
    QString style = m_raw.styleName();
    style.remove(QLatin1Char(' '));
    m_name = m_raw.familyName().remove(QLatin1Char(' ')).toLatin1();
    if (!style.isEmpty() && style != QLatin1String("Book") && style != QLatin1String("Regular"))
        m_name += '-' + style.toLatin1();
}

quint32 PdfFont::lookUp(char32_t c)
{
    const QList<quint32> g = m_raw.glyphIndexesForString(QString::fromUcs4(&c, 1));
    const quint32 glyph = g.size() == 1 && g[0] < m_advance.size() ? g[0] : 0;
    if (glyph != 0 && m_unicode[glyph] == 0)
        m_unicode[glyph] = c;
    const int width = (m_advance.empty() ? 0 : m_advance[glyph]) * 1000 / qMax(1, m_unitsPerEm);
    return glyph | quint32(width) << 16;
}

void PdfFont::map(QStringView s, QVarLengthArray<quint16, 64> &glyphs, QVarLengthArray<int, 64> &widths)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        quint32 found;
        if (QChar::isHighSurrogate(u) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode())) {
            found = lookUp(QChar::surrogateToUcs4(u, s[i + 1].unicode()));
            ++i;
        } else {
            quint32 &cached = m_byChar[u];
            if (cached == kUnknown)
                cached = lookUp(u);
            found = cached;
        }
        glyphs.append(quint16(found & 0xffff));
        widths.append(int(found >> 16));
    }
}

int PdfFont::width(QStringView s)
{
    QVarLengthArray<quint16, 64> g;
    QVarLengthArray<int, 64> w;
    map(s, g, w);
    int total = 0;
    for (int x : w)
        total += x;
    return total;
}

quint16 PdfFont::ellipsis(int *width)
{
    QVarLengthArray<quint16, 64> g;
    QVarLengthArray<int, 64> w;
    map(u"\u2026", g, w);
    *width = w[0];
    return g[0];
}

QByteArray PdfFont::subsetFile() const
{
    const QByteArray head = m_raw.fontTable("head"), loca = m_raw.fontTable("loca"), glyf = m_raw.fontTable("glyf");
    const bool longOffsets = s16(head, 50) == 1;
    const qsizetype glyphs = qsizetype(m_advance.size());
    const auto offset = [&](qsizetype g) { return longOffsets ? qsizetype(u32(loca, 4 * g)) : qsizetype(u16(loca, 2 * g)) * 2; };

    // The glyphs used, and the glyphs a composite one is drawn from (its components, which may be composite).
    std::vector<bool> keep(size_t(glyphs), false);
    QList<qsizetype> todo;
    for (qsizetype g = 0; g < glyphs; ++g)
        if (g == 0 || m_unicode[size_t(g)] != 0)
            todo.append(g);
    while (!todo.isEmpty()) {
        const qsizetype g = todo.takeLast();
        if (g >= glyphs || keep[size_t(g)])
            continue;
        keep[size_t(g)] = true;
        qsizetype at = offset(g);
        if (offset(g + 1) - at < 10 || s16(glyf, at) >= 0)
            continue; // empty or simple
        at += 10;
        for (quint16 flags = 0x20; (flags & 0x20) && at + 4 <= glyf.size();) { // MORE_COMPONENTS
            flags = u16(glyf, at);
            todo.append(u16(glyf, at + 2));
            at += 4 + ((flags & 0x1) ? 4 : 2) + ((flags & 0x8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0);
        }
    }
    QByteArray newGlyf, newLoca;
    for (qsizetype g = 0; g < glyphs; ++g) {
        put32(newLoca, quint32(newGlyf.size()));
        if (keep[size_t(g)]) {
            newGlyf += glyf.mid(offset(g), offset(g + 1) - offset(g));
            while (newGlyf.size() % 4)
                newGlyf += '\0';
        }
    }
    put32(newLoca, quint32(newGlyf.size()));
    QByteArray newHead = head;
    set32(newHead, 8, 0); // checkSumAdjustment: of the whole original file, meaningless for the subset
    newHead[50] = 0;
    newHead[51] = 1; // indexToLocFormat: long offsets

    struct Table
    {
        const char *tag;
        QByteArray data;
    };
    QList<Table> tables; // in the order of their tags, as the table directory must be
    for (const char *tag : {"cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"}) {
        const QByteArray t = tag == QByteArrayView("glyf") ? newGlyf
                             : tag == QByteArrayView("loca") ? newLoca
                             : tag == QByteArrayView("head") ? newHead
                                                             : m_raw.fontTable(tag);
        if (!t.isEmpty())
            tables.append({tag, t});
    }
    const quint16 n = quint16(tables.size());
    quint16 power = 1, log2 = 0;
    while (power * 2 <= n) {
        power *= 2;
        ++log2;
    }
    QByteArray file;
    put32(file, 0x00010000);
    put16(file, n);
    put16(file, quint16(power * 16));
    put16(file, log2);
    put16(file, quint16(n * 16 - power * 16));
    quint32 at = 12 + 16 * n;
    for (const Table &t : std::as_const(tables)) {
        file.append(t.tag, 4);
        put32(file, tableChecksum(t.data));
        put32(file, at);
        put32(file, quint32(t.data.size()));
        at += quint32((t.data.size() + 3) & ~3);
    }
    for (const Table &t : std::as_const(tables)) {
        file += t.data;
        while (file.size() % 4)
            file += '\0';
    }
    return file;
}

QByteArray PdfFont::toUnicode() const
{
    QByteArray map = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    QList<QByteArray> entries;
    for (size_t g = 1; g < m_unicode.size(); ++g) {
        const char32_t c = m_unicode[g];
        if (c == 0)
            continue;
        QByteArray e = "<";
        hex4(e, quint32(g));
        e += "> <";
        if (c > 0xffff) {
            hex4(e, QChar::highSurrogate(c));
            hex4(e, QChar::lowSurrogate(c));
        } else {
            hex4(e, c);
        }
        entries.append(e + ">\n");
    }
    for (qsizetype i = 0; i < entries.size(); i += 100) { // at most 100 to a block
        const qsizetype n = qMin<qsizetype>(100, entries.size() - i);
        map += QByteArray::number(n) + " beginbfchar\n";
        for (qsizetype k = i; k < i + n; ++k)
            map += entries[k];
        map += "endbfchar\n";
    }
    return map + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

void PdfFont::writeTo(PdfFile &file, int id) const
{
    const int descendant = file.reserve(), descriptor = file.reserve(), fontFile = file.reserve(), unicode = file.reserve();
    const QByteArray name = "CIIAAA+" + m_name; // a subset is named with six capitals and a plus (ISO 32000-1, 9.6.4)
    file.write(id, "<< /Type /Font /Subtype /Type0 /BaseFont /" + name + " /Encoding /Identity-H /DescendantFonts [" + QByteArray::number(descendant)
                       + " 0 R] /ToUnicode " + QByteArray::number(unicode) + " 0 R >>");
    QByteArray widths = "[";
    for (size_t g = 0; g < m_unicode.size(); ++g) {
        if (g != 0 && m_unicode[g] == 0)
            continue;
        widths += QByteArray::number(qulonglong(g)) + " [";
        for (; g < m_unicode.size() && (g == 0 || m_unicode[g] != 0); ++g)
            widths += QByteArray::number(m_advance[g] * 1000 / qMax(1, m_unitsPerEm)) + ' ';
        widths += "] ";
    }
    widths += ']';
    file.write(descendant, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /" + name
                               + " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "
                               + QByteArray::number(descriptor) + " 0 R /CIDToGIDMap /Identity /DW 1000 /W " + widths + " >>");
    file.write(descriptor, "<< /Type /FontDescriptor /FontName /" + name + " /Flags 32 /FontBBox [" + QByteArray::number(m_bbox[0]) + ' '
                               + QByteArray::number(m_bbox[1]) + ' ' + QByteArray::number(m_bbox[2]) + ' ' + QByteArray::number(m_bbox[3])
                               + "] /ItalicAngle 0 /Ascent " + QByteArray::number(m_ascent) + " /Descent " + QByteArray::number(m_descent)
                               + " /CapHeight " + QByteArray::number(m_ascent) + " /StemV 80 /FontFile2 " + QByteArray::number(fontFile) + " 0 R >>");
    const QByteArray font = subsetFile();
    file.writeStream(fontFile, font, 6, "/Length1 " + QByteArray::number(font.size()));
    file.writeStream(unicode, toUnicode(), 6);
}

} // namespace cii::reports
