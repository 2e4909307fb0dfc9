#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace cii::reports {

/// A PDF file written front to back, object by object (ISO 32000-1, section 7.5): each object's offset is
/// remembered for the cross-reference table that ends the file. An object's number can be taken before the object
/// is written (the page tree, which lists pages written earlier; a font, whose glyphs are known only at the end).
/// Nothing is kept in memory but the offsets. One thread; not copyable.
class PdfFile
{
public:
    explicit PdfFile(const QString &path);
    PdfFile(const PdfFile &) = delete;
    PdfFile &operator=(const PdfFile &) = delete;

    /// Opens the file and writes the header. False if it cannot be created.
    bool open();
    /// A number for an object written later with write() or writeStream().
    int reserve();
    /// Writes object `id` (from reserve()) with `body`, a PDF value ("<< /Type /Page ... >>").
    void write(int id, const QByteArray &body);
    /// Writes object `id` as a stream of `data`, deflated at zlib `level` (1 fastest .. 9 smallest); `dict` holds
    /// the stream's other entries without the brackets ("/Subtype /Image").
    void writeStream(int id, const QByteArray &data, int level, const QByteArray &dict = {});
    /// Writes the cross-reference table and the trailer naming `root` and `info`, and closes the file. False if
    /// anything could not be written (a full disk), or an object was reserved and never written.
    bool finish(int root, int info);

private:
    QFile m_file;
    QList<qint64> m_offsets; ///< by object number - 1; -1 until written
    bool m_ok = true;
    void put(const QByteArray &bytes);
};

namespace pdf {
/// A number as a PDF writes it: at most two decimals, no trailing zeros ("12", "3.5", "-0.25").
void appendNumber(QByteArray &out, double v);
/// Text for a PDF text string outside a content stream (the document's title): UTF-16BE in hex with its byte
/// order mark, so any script survives.
QByteArray textString(const QString &s);
} // namespace pdf

} // namespace cii::reports
