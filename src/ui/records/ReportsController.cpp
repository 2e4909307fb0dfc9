#include "ReportsController.h"

#include "Clock.h"
#include "Counter.h"
#include "QmlInstance.h"
#include "ReportBuilder.h"
#include "ReportFiles.h"
#include "Store.h"

#include <QDateTime>
#include <QDir>
#include <QJSEngine>
#include <QStandardPaths>
#include <QTimeZone>
#include <QtConcurrent>

namespace cii {

ReportsController::ReportsController(Counter *counter, QObject *parent)
    : QObject(parent)
    , m_counter(counter)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &ReportsController::onFinished);
}

ReportsController *ReportsController::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<ReportsController>::forQml();
}

void ReportsController::setInstance(ReportsController *instance)
{
    QmlInstance<ReportsController>::set(instance);
}

void ReportsController::clear()
{
    if (m_busy)
        return;
    m_pdfPath.clear();
    m_csvPath.clear();
    m_progress = 0;
    Q_EMIT progressChanged();
    setState(false, QString(), false);
}

ReportsController::~ReportsController()
{
    if (m_stop)
        m_stop->store(true);
    m_watcher.waitForFinished();
}

QVariantList ReportsController::kinds() const
{
    QVariantList list;
    for (const reports::KindInfo &k : reports::kinds())
        list.append(QVariantMap{{QStringLiteral("id"), k.id}, {QStringLiteral("title"), k.title}, {QStringLiteral("description"), k.description}});
    return list;
}

QString ReportsController::folder()
{
    const QString env = qEnvironmentVariable("CII_LEDGER_REPORTS_DIR");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/CII Ledger reports");
}

QVariantMap ReportsController::defaultRange() const
{
    Counter *counter = m_counter;
    const QDate today = QDate::fromString(counter && counter->ledger() ? counter->ledger()->todayInPharmacy() : QString(), Qt::ISODate);
    const QDate d = today.isValid() ? today : QDate::currentDate();
    return {{QStringLiteral("from"), QDate(d.year(), d.month(), 1).toString(Qt::ISODate)}, {QStringLiteral("to"), d.toString(Qt::ISODate)}};
}

void ReportsController::setState(bool busy, const QString &message, bool failed)
{
    m_busy = busy;
    m_message = message;
    m_failed = failed;
    Q_EMIT stateChanged();
}

bool ReportsController::canStart()
{
    if (m_busy) {
        setState(true, QStringLiteral("A report is already being made; wait for it or stop it first."), false);
        return false;
    }
    Counter *counter = m_counter;
    if (!counter || !counter->ledger() || !counter->session()) {
        setState(false, QStringLiteral("Sign in to print or export records."), true);
        return false;
    }
    return true;
}

bool ReportsController::make(const QString &kindId, const QString &from, const QString &to)
{
    if (!canStart())
        return false;
    Counter *counter = m_counter;
    const std::optional<reports::Kind> kind = reports::kindFromId(kindId);
    if (!kind) {
        setState(false, QStringLiteral("Choose a report first."), true);
        return false;
    }
    const QDate f = QDate::fromString(from.trimmed(), Qt::ISODate), t = QDate::fromString(to.trimmed(), Qt::ISODate);
    if (!f.isValid() || !t.isValid()) {
        setState(false, QStringLiteral("Write both dates as YYYY-MM-DD, for example %1.").arg(defaultRange().value(QStringLiteral("from")).toString()), true);
        return false;
    }
    if (f > t) {
        setState(false, QStringLiteral("The first date (%1) is after the last (%2): swap them.").arg(f.toString(Qt::ISODate), t.toString(Qt::ISODate)), true);
        return false;
    }
    Store *store = counter->store();
    const reports::Request request{*kind, f, t, {}, {}, counter->session()->name(), store->clock().nowMs()};
    return start(request, QStringLiteral("%1/%2 %3 to %4").arg(folder(), reports::info(*kind).title, f.toString(Qt::ISODate), t.toString(Qt::ISODate)),
                 QStringLiteral("Making the %1 for %2 to %3\u2026").arg(reports::info(*kind).title.toLower(), f.toString(Qt::ISODate), t.toString(Qt::ISODate)));
}

bool ReportsController::makeWorksheet(qint64 theftLossId)
{
    if (!canStart())
        return false;
    Counter *counter = m_counter;
    reports::Request request{reports::Kind::Form106, {}, {}, {}, {}, counter->session()->name(), counter->store()->clock().nowMs()};
    request.theftLossId = theftLossId;
    return start(request, QStringLiteral("%1/DEA Form 106 worksheet, report %2").arg(folder()).arg(theftLossId),
                 QStringLiteral("Making the Form 106 worksheet of report %1\u2026").arg(theftLossId));
}

bool ReportsController::start(const reports::Request &request, const QString &base, const QString &startMessage)
{
    Counter *counter = m_counter;
    try {
        counter->ledger()->requireAllowed(*counter->session(), Action::ExportRecords);
    } catch (const CiiError &e) {
        setState(false, e.userText(), true);
        return false;
    }
    Store *store = counter->store();
    m_request = request;
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_permille = std::make_shared<std::atomic<int>>(0);
    m_pdfPath.clear();
    m_csvPath.clear();
    m_progress = 0;
    Q_EMIT progressChanged();
    setState(true, startMessage, false);

    const Store::ConnectionRecipe recipe = store->connectionRecipe();
    auto stop = m_stop;
    auto permille = m_permille;
    QPointer<ReportsController> self(this);
    const auto report = [self, permille](int value) {
        permille->store(value);
        if (self.isNull())
            return;
        QMetaObject::invokeMethod(self.data(), [self, permille] {
            if (self && !qFuzzyCompare(self->m_progress, permille->load() / 1000.0)) {
                self->m_progress = permille->load() / 1000.0;
                Q_EMIT self->progressChanged();
            }
        }, Qt::QueuedConnection);
    };
    m_watcher.setFuture(QtConcurrent::run([recipe, request, base, stop, report]() -> Outcome {
        Outcome out;
        try {
            sql::Database db; // this thread's own connection: the counter keeps working meanwhile
            recipe.open(db);
            const reports::Report r = reports::build(db, request, [&](qint64 done, qint64 total) {
                report(total > 0 ? int(400 * done / total) : 0);
                return !stop->load();
            });
            out.title = r.title;
            out.from = r.from.toString(Qt::ISODate);
            out.to = r.to.toString(Qt::ISODate);
            out.rows = r.rows.size();
            out.pdfPath = base + QStringLiteral(".pdf");
            out.csvPath = base + QStringLiteral(".csv");
            out.problem = reports::writePdf(r, out.files.add(out.pdfPath), [&](qint64 done, qint64 total) {
                report(400 + (total > 0 ? int(550 * done / total) : 0));
                return !stop->load();
            }, &out.pages);
            if (out.problem.isEmpty())
                out.problem = reports::writeFile(out.files.add(out.csvPath), reports::toCsv(r));
            if (!out.problem.isEmpty()) // a PDF without its CSV is not handed out; an earlier file of the name stays
                out.files.discard();
            report(1000);
        } catch (const reports::Cancelled &) {
            out.files.discard();
            out.stopped = true;
        } catch (const CiiError &e) {
            out.files.discard();
            out.problem = e.userText();
        }
        return out;
    }));
    return true;
}

void ReportsController::stop()
{
    if (m_stop)
        m_stop->store(true);
}

void ReportsController::onFinished()
{
    const Outcome out = m_watcher.result();
    if (out.stopped) {
        setState(false, QStringLiteral("Stopped. Nothing was saved."), false);
        Q_EMIT finished(false);
        return;
    }
    if (!out.problem.isEmpty()) {
        setState(false, out.problem, true);
        Q_EMIT finished(false);
        return;
    }
    Counter *counter = m_counter;
    try {
        if (!counter || !counter->session())
            throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("record the export"), QString(),
                           QStringLiteral("the session ended while the report was being made"), QStringLiteral("Sign in and make it again."));
        RecordsExport x{out.title, out.from, out.to, QStringLiteral("PDF"), out.rows};
        counter->ledger()->recordExport(*counter->session(), x);
        x.format = QStringLiteral("CSV");
        counter->ledger()->recordExport(*counter->session(), x);
    } catch (const CiiError &e) {
        // The audit log must show every export: a file that could not be recorded is not handed out.
        out.files.discard();
        setState(false, e.userText(), true);
        Q_EMIT finished(false);
        return;
    }
    if (const QString problem = out.files.publish(); !problem.isEmpty()) {
        setState(false, problem, true);
        Q_EMIT finished(false);
        return;
    }
    m_pdfPath = out.pdfPath;
    m_csvPath = out.csvPath;
    setState(false, QStringLiteral("%1: %2 %3 on %4 %5, saved as PDF and CSV in %6.").arg(out.title).arg(out.rows)
                        .arg(out.rows == 1 ? QStringLiteral("row") : QStringLiteral("rows")).arg(out.pages)
                        .arg(out.pages == 1 ? QStringLiteral("page") : QStringLiteral("pages"))
                        .arg(QDir::toNativeSeparators(folder())), false);
    Q_EMIT finished(true);
}

} // namespace cii
