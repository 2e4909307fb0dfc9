#pragma once

#include <QByteArray>
#include <QFont>
#include <QRawFont>
#include <QStringView>
#include <QVarLengthArray>
#include <vector>

namespace cii::reports {

class PdfFile;

/// A TrueType font embedded in a PDF as a composite font (Type0, Identity-H encoding, CIDFontType2 with the
/// identity CID-to-glyph map: ISO 32000-1, 9.7): the text in a page is the font's own glyph numbers, two bytes
/// each, with no shaping and no encoding to work out per cell. Only the glyphs used are embedded (the others are
/// left empty in the font file), with their widths and a ToUnicode map so that the PDF's text can be searched and
/// copied (pdftotext reads it back). Characters the font has no glyph for print as its empty box, as Qt's own
/// glyph runs did. Shaping (ligatures, scripts that join letters) is not done: the records are Latin text.
/// One thread at a time; a font belongs to one PDF.
class PdfFont
{
public:
    /// The font as the system has it (fontconfig's match for `font`). valid() is false if its tables cannot be
    /// read (not a TrueType font).
    explicit PdfFont(const QFont &font);
    bool valid() const { return m_unitsPerEm > 0; }

    /// The glyphs of `s` and their advances in 1/1000 of the font size, appended; the glyphs are marked used.
    void map(QStringView s, QVarLengthArray<quint16, 64> &glyphs, QVarLengthArray<int, 64> &widths);
    /// The advance of `s` in 1/1000 of the font size.
    int width(QStringView s);
    /// The glyph and advance of the horizontal ellipsis (U+2026), marked used.
    quint16 ellipsis(int *width);

    /// Writes the font's objects (Type0 font as `id`, reserved earlier; descendant, descriptor, font file,
    /// ToUnicode map) with the glyphs used so far.
    void writeTo(PdfFile &file, int id) const;

private:
    QRawFont m_raw;
    QByteArray m_name; ///< PostScript-style: DejaVuSans-Bold
    int m_unitsPerEm = 0, m_ascent = 0, m_descent = 0;
    int m_bbox[4] = {0, 0, 0, 0};
    std::vector<quint16> m_advance;     ///< by glyph, in font units
    std::vector<quint32> m_byChar;      ///< by UTF-16 unit: glyph | width << 16; ~0u until looked up
    std::vector<char32_t> m_unicode;    ///< by glyph: the character it was used for; 0 while unused
    quint32 lookUp(char32_t c);
    QByteArray subsetFile() const;
    QByteArray toUnicode() const;
};

} // namespace cii::reports
