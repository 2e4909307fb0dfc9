#pragma once

#include "Report.h"
#include "StagedExport.h"


#include <QFutureWatcher>
#include <QObject>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <atomic>
#include <memory>

class QQmlEngine;
class QJSEngine;

namespace cii {
class Counter;

/// The Records and reports screen's controller: which reports there are, and making one for a date range on a
/// worker thread (its own connection to the store) as a PDF, previewed in the app, and a CSV beside it, with
/// progress and a way to stop. Who may: the Ledger's rule (pharmacists, the pharmacist-in-charge, the owner),
/// checked in C++ before the work starts; each file written is recorded in the audit log (`records.exported`).
/// Files go to the reports folder: CII_LEDGER_REPORTS_DIR, else "CII Ledger reports" in the Documents folder.
/// One instance, built in the composition root (UiServices) over the counter (its ledger and session); QML gets it
/// as a singleton, and the page calls clear() when it opens and stop() when it closes.
class ReportsController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QVariantList kinds READ kinds CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
    Q_PROPERTY(bool failed READ failed NOTIFY stateChanged)
    Q_PROPERTY(QUrl pdfUrl READ pdfUrl NOTIFY stateChanged)
    Q_PROPERTY(QString pdfPath READ pdfPath NOTIFY stateChanged)
    Q_PROPERTY(QString csvPath READ csvPath NOTIFY stateChanged)
    Q_PROPERTY(QString folder READ folder CONSTANT)
public:
    explicit ReportsController(Counter *counter, QObject *parent = nullptr);
    ~ReportsController() override;
    static ReportsController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(ReportsController *instance);

    QVariantList kinds() const; ///< [{id, title, description}]
    bool busy() const { return m_busy; }
    double progress() const { return m_progress; }
    QString message() const { return m_message; }
    bool failed() const { return m_failed; }
    QUrl pdfUrl() const { return m_pdfPath.isEmpty() ? QUrl() : QUrl::fromLocalFile(m_pdfPath); }
    QString pdfPath() const { return m_pdfPath; }
    QString csvPath() const { return m_csvPath; }
    static QString folder();

    /// Starts making the report (`from`, `to` as YYYY-MM-DD). Returns false, with `message` saying why in a sentence,
    /// when it cannot start: no one signed in, a role that may not, bad dates, a report already being made.
    Q_INVOKABLE bool make(const QString &kindId, const QString &from, const QString &to);
    /// Starts making one theft or loss report's DEA Form 106 worksheet (PDF and CSV), as make() does; refused in
    /// `message` as make() is, or when no report has that id (once the worker has looked).
    Q_INVOKABLE bool makeWorksheet(qint64 theftLossId);
    /// Asks the report being made to stop; nothing is left half-written and nothing is recorded.
    Q_INVOKABLE void stop();
    /// Forgets the last report's message and files (a screen opening anew); nothing while one is being made.
    Q_INVOKABLE void clear();
    /// The first day of this month and today, in the pharmacy's zone: the range the screen starts with.
    Q_INVOKABLE QVariantMap defaultRange() const;

Q_SIGNALS:
    void stateChanged();
    void progressChanged();
    void finished(bool ok);

private:
    struct Outcome
    {
        QString problem; ///< empty: done
        bool stopped = false;
        QString title, pdfPath, csvPath;
        QString from, to; ///< the range the report covers (a worksheet's: its discovery date)
        reports::StagedExport files; ///< written beside pdfPath and csvPath, put there once the export is recorded
        qint64 rows = 0;
        int pages = 0;
    };
    /// False, with `message` saying why, while one is being made or no one is signed in.
    bool canStart();
    /// make()'s and makeWorksheet()'s common part: checks the person may export, then builds and writes on a worker.
    bool start(const reports::Request &request, const QString &base, const QString &startMessage);
    void setState(bool busy, const QString &message, bool failed);
    void onFinished();

    Counter *m_counter;
    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_stop;
    std::shared_ptr<std::atomic<int>> m_permille;
    reports::Request m_request;
    bool m_busy = false, m_failed = false;
    double m_progress = 0;
    QString m_message, m_pdfPath, m_csvPath;
};

} // namespace cii
