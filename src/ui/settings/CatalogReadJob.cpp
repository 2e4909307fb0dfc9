#include "CatalogReadJob.h"

#include "CiiError.h"
#include "Ledger.h"

#include <QFile>
#include <QFileInfo>
#include <QThread>

namespace cii {

namespace {
/// The whole file, or a sentence naming it (by its name only: no paths in front of a person).
QByteArray readWhole(const QString &path, QString &problem)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        problem = QObject::tr("%1 could not be opened: %2.").arg(QFileInfo(path).fileName(), f.errorString());
        return {};
    }
    return f.readAll();
}
} // namespace

CatalogReadJob::CatalogReadJob(QString productTxt, QString packageTxt, QString csv, QObject *parent)
    : QObject(parent)
    , m_product(std::move(productTxt))
    , m_package(std::move(packageTxt))
    , m_csv(std::move(csv))
{
}

CatalogReadJob::~CatalogReadJob()
{
    if (m_worker) {
        m_worker->wait();
        delete m_worker;
    }
}

void CatalogReadJob::start()
{
    m_worker = QThread::create([this] {
        std::optional<CatalogFile> file;
        QString problem;
        try {
            if (!m_csv.isEmpty()) {
                const QByteArray bytes = readWhole(m_csv, problem);
                if (problem.isEmpty())
                    file = Ledger::readCatalogCsv(bytes);
            } else {
                const QByteArray product = readWhole(m_product, problem);
                const QByteArray package = problem.isEmpty() ? readWhole(m_package, problem) : QByteArray();
                if (problem.isEmpty()) {
                    qint64 last = -1;
                    file = Ledger::readFdaDirectory(product, package, [this, &last](qint64 done, qint64 total) {
                        if (total > 0 && (done - last) * 100 / total < 1 && done != total)
                            return; // a step a person can see: at most about a hundred signals
                        last = done;
                        QMetaObject::invokeMethod(this, [this, done, total] { Q_EMIT progress(done, total); }, Qt::QueuedConnection);
                    });
                }
            }
        } catch (const CiiError &e) {
            problem = e.userText();
        }
        QMetaObject::invokeMethod(this, [this, file = std::move(file), problem]() mutable {
            m_file = std::move(file);
            m_problem = problem;
            Q_EMIT finished();
        }, Qt::QueuedConnection);
    });
    m_worker->start();
}

} // namespace cii
