#include "Csv.h"

#include <QStringDecoder>

namespace cii::csv {

Parsed parse(const QByteArray &bytes)
{
    Parsed out;
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    if (utf8.hasError()) {
        out.problem = QStringLiteral("the file is not UTF-8 text (save it from the spreadsheet as \"CSV UTF-8\")");
        return out;
    }
    qsizetype i = text.startsWith(QChar(0xFEFF)) ? 1 : 0;
    int line = 1;
    Record rec{line, {}};
    QString fieldText;
    bool inQuotes = false, quotedField = false, any = false;
    const auto endField = [&] {
        rec.fields.append(quotedField ? fieldText : fieldText.trimmed());
        fieldText.clear();
        quotedField = false;
    };
    const auto endRecord = [&] {
        endField();
        if (!(rec.fields.size() == 1 && rec.fields.first().isEmpty())) // blank lines are skipped
            out.records.append(rec);
        rec = Record{line, {}};
    };
    int quoteLine = 0;
    for (; i < text.size(); ++i) {
        const QChar c = text.at(i);
        any = true;
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    fieldText += QLatin1Char('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                fieldText += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && fieldText.trimmed().isEmpty()) {
            inQuotes = quotedField = true;
            quoteLine = line;
            fieldText.clear();
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\r')) {
            // CRLF: the LF ends the record
        } else if (c == QLatin1Char('\n')) {
            ++line;
            endRecord();
            rec.line = line;
        } else if (!quotedField) {
            fieldText += c;
        }
    }
    if (inQuotes) {
        out.records.clear();
        out.problem = QStringLiteral("line %1 opens a quoted field that is never closed").arg(quoteLine);
        return out;
    }
    if (any && (!fieldText.isEmpty() || !rec.fields.isEmpty() || quotedField))
        endRecord();
    return out;
}

QString field(const QString &value)
{
    QString v = value;
    if (!v.isEmpty() && QStringLiteral("=+-@").contains(v.front()))
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n')) || v.contains(QLatin1Char('\r')))
        return QLatin1Char('"') + v.replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
    return v;
}

} // namespace cii::csv
