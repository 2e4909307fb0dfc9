#include "ReportFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace cii::reports {

namespace {

bool looksNumeric(const QString &s)
{
    bool ok = false;
    QString t = s;
    t.remove(QLatin1Char(','));
    t.toLongLong(&ok);
    return ok;
}

QByteArray cell(const QString &value)
{
    QString v = value;
    if (!v.isEmpty() && QStringLiteral("=+-@").contains(v.at(0)) && !looksNumeric(v))
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n')) || v.contains(QLatin1Char('\r'))
        || v.startsWith(QLatin1Char(' ')) || v.endsWith(QLatin1Char(' ')))
        return '"' + v.replace(QLatin1Char('"'), QStringLiteral("\"\"")).toUtf8() + '"';
    return v.toUtf8();
}

void appendLine(QByteArray &out, const QStringList &cells)
{
    for (int i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        out += cell(cells.at(i));
    }
    out += "\r\n";
}

} // namespace

QByteArray toCsv(const Report &r)
{
    QByteArray out;
    QStringList titles;
    for (const Column &c : r.columns)
        titles.append(c.title);
    appendLine(out, titles);
    for (const QStringList &row : r.rows)
        appendLine(out, row);
    return out;
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    const QFileInfo fi(path);
    if (!QDir().mkpath(fi.absolutePath()))
        return QStringLiteral("The folder %1 could not be created.").arg(QDir::toNativeSeparators(fi.absolutePath()));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return QStringLiteral("%1 could not be written (%2). Check that the disk has room and the folder can be written to.")
            .arg(QDir::toNativeSeparators(path), f.errorString());
    return {};
}

} // namespace cii::reports
