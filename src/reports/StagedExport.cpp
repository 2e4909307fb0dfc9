#include "StagedExport.h"

#include <QFile>
#include <cstdio>

namespace cii::reports {

namespace {
QString partOf(const QString &path)
{
    return path + QStringLiteral(".part");
}
} // namespace

QString StagedExport::add(const QString &path)
{
    m_paths.append(path);
    return partOf(path);
}

void StagedExport::discard() const
{
    for (const QString &path : m_paths)
        QFile::remove(partOf(path));
}

QString StagedExport::publish() const
{
    for (const QString &path : m_paths) {
        // rename(2) replaces an earlier file of that name at once: a reader sees the old file or the new, never half.
        if (std::rename(QFile::encodeName(partOf(path)).constData(), QFile::encodeName(path).constData()) != 0) {
            discard();
            return QStringLiteral("The file %1 could not be put in place; check the folder and make the report again.").arg(path);
        }
    }
    return {};
}

} // namespace cii::reports
