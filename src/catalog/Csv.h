#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace cii::csv {

struct Record
{
    int line = 0; ///< 1-based line where the record starts
    QStringList fields;
};

struct Parsed
{
    QList<Record> records; ///< the header included, as the first record
    QString problem;       ///< a structural error (unterminated quote, not UTF-8), with its line; records are empty
};

/// RFC 4180: comma-separated, fields optionally in double quotes (a doubled quote inside is one quote; quoted
/// fields may hold commas and line breaks), CRLF or LF. UTF-8, with or without a byte-order mark.
Parsed parse(const QByteArray &bytes);

/// One field for writing: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is prefixed
/// with an apostrophe so a spreadsheet never runs it as a formula.
QString field(const QString &value);

} // namespace cii::csv
