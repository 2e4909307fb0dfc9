#include "PdfFile.h"

#include <cmath>
#include <zlib.h>

namespace cii::reports {

PdfFile::PdfFile(const QString &path) : m_file(path) {}

bool PdfFile::open()
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    // The second line's bytes above 127 tell a transfer program the file is binary (ISO 32000-1, 7.5.2).
    put(QByteArrayLiteral("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"));
    return m_ok;
}

int PdfFile::reserve()
{
    m_offsets.append(-1);
    return int(m_offsets.size());
}

void PdfFile::put(const QByteArray &bytes)
{
    if (m_ok && m_file.write(bytes) != bytes.size())
        m_ok = false;
}

void PdfFile::write(int id, const QByteArray &body)
{
    m_offsets[id - 1] = m_file.pos();
    put(QByteArray::number(id) + " 0 obj\n" + body + "\nendobj\n");
}

void PdfFile::writeStream(int id, const QByteArray &data, int level, const QByteArray &dict)
{
    uLongf size = compressBound(uLong(data.size()));
    QByteArray packed(qsizetype(size), Qt::Uninitialized);
    if (compress2(reinterpret_cast<Bytef *>(packed.data()), &size, reinterpret_cast<const Bytef *>(data.constData()),
                  uLong(data.size()), level) != Z_OK) {
        m_ok = false;
        return;
    }
    packed.truncate(qsizetype(size));
    m_offsets[id - 1] = m_file.pos();
    put(QByteArray::number(id) + " 0 obj\n<< /Length " + QByteArray::number(packed.size()) + " /Filter /FlateDecode " + dict
        + " >>\nstream\n");
    put(packed);
    put(QByteArrayLiteral("\nendstream\nendobj\n"));
}

bool PdfFile::finish(int root, int info)
{
    const qint64 xref = m_file.pos();
    QByteArray table = "xref\n0 " + QByteArray::number(m_offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (qint64 offset : std::as_const(m_offsets)) {
        if (offset < 0)
            m_ok = false;
        table += QByteArray::number(qMax<qint64>(offset, 0)).rightJustified(10, '0') + " 00000 n \n";
    }
    table += "trailer\n<< /Size " + QByteArray::number(m_offsets.size() + 1) + " /Root " + QByteArray::number(root) + " 0 R /Info "
             + QByteArray::number(info) + " 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    put(table);
    if (!m_file.flush())
        m_ok = false;
    m_file.close();
    return m_ok;
}

namespace pdf {

void appendNumber(QByteArray &out, double v)
{
    long long hundredths = std::llround(v * 100);
    if (hundredths < 0) {
        out += '-';
        hundredths = -hundredths;
    }
    char digits[24];
    int n = 0;
    long long whole = hundredths / 100;
    do {
        digits[n++] = char('0' + whole % 10);
        whole /= 10;
    } while (whole > 0);
    while (n > 0)
        out += digits[--n];
    const int frac = int(hundredths % 100);
    if (frac != 0) {
        out += '.';
        out += char('0' + frac / 10);
        if (frac % 10 != 0)
            out += char('0' + frac % 10);
    }
}

QByteArray textString(const QString &s)
{
    QByteArray out = "<FEFF";
    static const char hex[] = "0123456789ABCDEF";
    for (const QChar c : s) {
        const ushort u = c.unicode();
        out += hex[u >> 12];
        out += hex[(u >> 8) & 15];
        out += hex[(u >> 4) & 15];
        out += hex[u & 15];
    }
    return out + '>';
}

} // namespace pdf

} // namespace cii::reports
