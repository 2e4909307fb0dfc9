#pragma once

#include "Report.h"

#include <QByteArray>

namespace cii::reports {

/// The report as CSV: RFC 4180 (commas, CRLF line ends, double quotes), UTF-8 without a byte-order mark; a header
/// row of the column titles, then one line per row. A text cell beginning with = + - @ that is not a number gets
/// a leading apostrophe, so a spreadsheet shows it instead of running it as a formula.
QByteArray toCsv(const Report &r);

/// Writes the report as a PDF (written here, not by QPdfWriter: ReportPdf.cpp says why): US Letter landscape; on
/// every page the pharmacy's name, address and DEA number, the title, the date range and "Page N of M"; the column
/// titles repeated; after the last row the notes and lines to sign and date. Cells too long for their column end
/// in an ellipsis (the CSV has them whole). Written beside `path` and renamed into place, so a stopped or failed
/// export leaves no partial file. Returns an empty string, or what went wrong in a sentence. Throws Cancelled when
/// `progress` says stop (nothing is left behind). Needs a QGuiApplication (the font is found through Qt); any
/// thread. `pages`, when given, is set to how many pages it wrote.
QString writePdf(const Report &r, const QString &path, const Progress &progress = {}, int *pages = nullptr);

/// Writes `bytes` to `path` atomically (QSaveFile). Returns an empty string, or what went wrong in a sentence.
QString writeFile(const QString &path, const QByteArray &bytes);

/// How many pages writePdf makes for this report (lays it out without writing).
int pdfPageCount(const Report &r);

} // namespace cii::reports
