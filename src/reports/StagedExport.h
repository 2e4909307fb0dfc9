#pragma once

#include <QList>
#include <QString>

namespace cii::reports {

/// A report's files written beside their places ("name.pdf.part") and moved there only once their export is
/// recorded: a refused or failed export leaves no new file, and a file of the same name made before stays whole
/// until the new one replaces it in one step (rename). A value: made on the worker that writes the files, published
/// or discarded on the thread that records the export.
class StagedExport
{
public:
    /// Where to write the file that will become `path`.
    QString add(const QString &path);
    /// Removes every file written so far; the places keep what they had.
    void discard() const;
    /// Moves each file into its place. Empty when done, else a sentence; what could not be moved is removed.
    QString publish() const;
    bool isEmpty() const { return m_paths.isEmpty(); }

private:
    QList<QString> m_paths;
};

} // namespace cii::reports
