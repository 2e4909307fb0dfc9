#pragma once

#include "LedgerTypes.h"

#include <QObject>
#include <optional>

class QThread;

namespace cii {

/// Reads a catalog file on a worker thread for Settings > Products: the FDA NDC Directory's product.txt and
/// package.txt, or a catalog CSV, parsed into a CatalogFile (Ledger::readFdaDirectory, readCatalogCsv). Nothing is
/// checked against the catalog and nothing written: the store stays on its own thread, where the screen's dry run
/// and the write happen. progress() is emitted on the owner's thread, in bytes of both files; finished() once, then
/// file() or problem() holds the result. Made, started and destroyed on the UI thread; the destructor waits for the
/// worker (the parse has no cancellation: the whole directory reads in a second or two).
class CatalogReadJob : public QObject
{
    Q_OBJECT
public:
    /// `csv` empty: the directory's two files; else the CSV alone.
    CatalogReadJob(QString productTxt, QString packageTxt, QString csv, QObject *parent = nullptr);
    ~CatalogReadJob() override;
    void start();
    const std::optional<CatalogFile> &file() const { return m_file; }
    QString problem() const { return m_problem; } ///< a sentence for the person, when reading failed

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished();

private:
    QString m_product, m_package, m_csv;
    QThread *m_worker = nullptr;
    std::optional<CatalogFile> m_file;
    QString m_problem;
};

} // namespace cii
