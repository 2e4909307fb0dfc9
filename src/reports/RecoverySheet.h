#pragma once

#include <QString>

class QPaintDevice;

namespace cii::sql {
class Database;
}

namespace cii {

/// What the printed recovery sheet says (docs/RECOVERY-KEY.md).
struct RecoverySheet
{
    QString pharmacyName;
    QString pharmacyDea;
    QString serviceUrl;
    QString recoveryKey;  ///< the 13 groups
    QString madeOn;       ///< "25 November 2026"

    /// The sheet for this store's pharmacy (name, DEA number), its backup service and `recoveryKey`, made on the
    /// day `nowMs` falls on.
    static RecoverySheet forStore(sql::Database &db, const QString &serviceUrl, const QString &recoveryKey, qint64 nowMs);
    /// Empty when a sheet can be written at `path` (its folder exists and is writable), else the folder that cannot
    /// take it: checked before a new recovery key replaces the old one.
    static QString unwritableFolder(const QString &path);

    /// Lays the sheet out on any paint device (a PDF page, an image for the screenshots): the pharmacy, the date,
    /// the key in large monospace groups numbered 1 to 13 (as the typo messages name them), what it is for, where
    /// to keep it, and lines to sign. Needs a QGuiApplication (fonts).
    void paint(QPaintDevice &device) const;
    /// Writes it as a one-page PDF (US Letter) with Qt's PDF writer. Returns an empty string, or the problem.
    QString writePdf(const QString &path) const;
};

} // namespace cii
