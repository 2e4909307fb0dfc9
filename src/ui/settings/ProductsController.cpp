#include "ProductsController.h"

#include "CatalogReadJob.h"
#include "Counter.h"
#include "Ledger.h"
#include "QmlInstance.h"
#include "Quantities.h"
#include "Identifiers.h"
#include "Roles.h"
#include "Store.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QUrl>

namespace cii {

namespace {
QVariantMap answer(bool ok, const QString &message)
{
    return {{QStringLiteral("ok"), ok}, {QStringLiteral("message"), message}};
}
} // namespace

ProductsController::ProductsController(Counter *counter, const LedgerQueries *queries, QObject *parent)
    : QObject(parent)
    , m_counter(counter)
    , m_queries(queries)
    , m_catalog(std::make_unique<CatalogModel>(queries))
{
    connect(m_counter, &Counter::sessionChanged, this, [this] {
        if (!m_counter->signedIn())
            discardImport(); // a file checked is the person's: the next one starts afresh
        Q_EMIT permissionsChanged();
    });
    // A commit here or by another process (ciictl, another workstation's import): balances and products read again.
    connect(m_counter, &Counter::changed, m_catalog.get(), &CatalogModel::reload);
}

ProductsController::~ProductsController() = default;

ProductsController *ProductsController::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<ProductsController>::forQml();
}

void ProductsController::setInstance(ProductsController *instance)
{
    QmlInstance<ProductsController>::set(instance);
}

bool ProductsController::canManage() const
{
    const auto role = m_counter->sessionRole();
    return role && isAllowed(*role, Action::ManageCatalog);
}

QString ProductsController::whoMay() const
{
    if (canManage())
        return {};
    const QString who = m_counter->signedIn() ? tr("You are signed in as %1: ").arg(m_counter->personRoleNoun()) : QString();
    return who + tr("only a pharmacist, the pharmacist-in-charge or the owner may change the catalog (import, add, "
                    "deactivate, reorder points). You can search and read it.");
}

QString ProductsController::pathFromUrls(const QVariantList &urls) const
{
    QStringList paths;
    for (const QVariant &u : urls)
        paths << (u.canConvert<QUrl>() ? u.toUrl() : QUrl(u.toString())).toLocalFile();
    if (paths.size() == 1)
        return paths.first();
    if (paths.size() == 2 && QFileInfo(paths[0]).absolutePath() == QFileInfo(paths[1]).absolutePath())
        return QFileInfo(paths[0]).absolutePath(); // product.txt and package.txt, chosen together
    return paths.value(0);
}

ProductsController::ImportFiles ProductsController::importFiles(const QString &path) const
{
    ImportFiles f;
    const QString p = path.trimmed();
    if (p.isEmpty()) {
        f.problem = tr("Choose the folder that holds product.txt and package.txt, or a catalog CSV file.");
        return f;
    }
    const QFileInfo info(p);
    if (!info.exists()) {
        f.problem = tr("There is no file or folder by that name.");
        return f;
    }
    QDir folder;
    if (info.isDir()) {
        folder = QDir(info.absoluteFilePath());
    } else if (info.suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0) {
        f.csv = info.absoluteFilePath();
        return f;
    } else if (info.fileName().compare(QLatin1String("product.txt"), Qt::CaseInsensitive) == 0
               || info.fileName().compare(QLatin1String("package.txt"), Qt::CaseInsensitive) == 0) {
        folder = info.absoluteDir();
    } else {
        f.problem = tr("%1 is neither the FDA directory's product.txt or package.txt nor a .csv file.").arg(info.fileName());
        return f;
    }
    // The FDA's zip holds the names in capitals on some downloads: match them in any case.
    const QStringList names = folder.entryList(QDir::Files);
    for (const QString &n : names) {
        if (n.compare(QLatin1String("product.txt"), Qt::CaseInsensitive) == 0)
            f.product = folder.filePath(n);
        else if (n.compare(QLatin1String("package.txt"), Qt::CaseInsensitive) == 0)
            f.package = folder.filePath(n);
    }
    if (f.product.isEmpty() || f.package.isEmpty())
        f.problem = f.product.isEmpty() && f.package.isEmpty()
            ? tr("That folder holds neither product.txt nor package.txt: choose the folder the FDA's NDC Directory was unzipped into.")
            : tr("That folder holds %1 but not %2: both files of the FDA's NDC Directory are needed.")
                  .arg(f.product.isEmpty() ? QStringLiteral("package.txt") : QStringLiteral("product.txt"),
                       f.product.isEmpty() ? QStringLiteral("product.txt") : QStringLiteral("package.txt"));
    return f;
}

QString ProductsController::importPathProblem(const QString &path) const
{
    return path.trimmed().isEmpty() ? QString() : importFiles(path).problem;
}

void ProductsController::setState(const QString &state, const QString &text)
{
    m_state = state;
    m_text = text;
    Q_EMIT importChanged();
    Q_EMIT rejectedChanged();
}

QString ProductsController::checkImport(const QString &path)
{
    if (!m_counter->ledger())
        return tr("The store is not open.");
    if (m_job)
        return tr("A file is already being read.");
    if (!canManage())
        return whoMay();
    const ImportFiles files = importFiles(path);
    if (!files.problem.isEmpty())
        return files.problem;
    m_checked.reset();
    m_rejected.clear();
    m_goodRows = 0;
    m_progress = 0;
    m_job = std::make_unique<CatalogReadJob>(files.product, files.package, files.csv);
    connect(m_job.get(), &CatalogReadJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress = total > 0 ? double(done) / double(total) : 0;
        Q_EMIT importChanged();
    });
    connect(m_job.get(), &CatalogReadJob::finished, this, &ProductsController::readFinished);
    m_job->start();
    setState(QStringLiteral("reading"), files.csv.isEmpty() ? tr("Reading product.txt and package.txt") : tr("Reading the catalog file"));
    return {};
}

void ProductsController::readFinished()
{
    const std::unique_ptr<CatalogReadJob> job = std::move(m_job);
    if (!job->file()) {
        setState(QStringLiteral("failed"), job->problem());
        return;
    }
    m_progress = 1;
    m_checked = std::make_unique<CatalogFile>(*job->file());
    // The dry run: the catalog read once, on the store's thread; nothing written.
    const ImportReport r = m_counter->ledger()->checkImport(*m_checked);
    for (const ImportRejection &x : r.rejected)
        m_rejected.append(QVariantMap{{QStringLiteral("where"), tr("%1, line %2").arg(x.file).arg(x.line)},
                                      {QStringLiteral("reason"), x.reason}});
    m_goodRows = r.added + r.updated;
    const QLocale l;
    QString text = tr("%1 new products would be added, %2 changed, %3 already as they are.")
                       .arg(l.toString(r.added), l.toString(r.updated), l.toString(r.unchanged));
    if (r.skipped)
        text += QLatin1Char(' ') + tr("%1 rows are not schedule II and are left out.").arg(l.toString(r.skipped));
    text += QLatin1Char(' ') + (r.rejected.isEmpty() ? tr("No row is refused.")
                                                     : tr("%1 rows are refused and will not be imported:").arg(l.toString(r.rejected.size())));
    setState(QStringLiteral("checked"), text);
}

QVariantMap ProductsController::acceptImport()
{
    if (m_state != QLatin1String("checked") || !m_checked)
        return answer(false, tr("Check a file first."));
    const QVariantMap r = m_counter->command([&](Counter &, const Session &s) {
        const ImportReport written = m_counter->ledger()->importCatalog(s, *m_checked);
        const QLocale l;
        return answer(true, tr("Imported: %1 added, %2 changed. %3 refused rows were not imported.")
                                .arg(l.toString(written.added), l.toString(written.updated), l.toString(written.rejected.size())));
    }, [this] { m_catalog->reload(); });
    if (r.value(QStringLiteral("ok")).toBool()) {
        m_checked.reset();
        m_rejected.clear();
        m_goodRows = 0;
        setState(QStringLiteral("done"), r.value(QStringLiteral("message")).toString());
    }
    return r;
}

void ProductsController::discardImport()
{
    if (m_job)
        return; // the read finishes and is shown; it wrote nothing
    m_checked.reset();
    m_rejected.clear();
    m_goodRows = 0;
    m_progress = 0;
    setState(QStringLiteral("idle"), QString());
}

QString ProductsController::fieldProblem(const QString &kind, const QString &text) const
{
    const auto field = Ledger::fieldFromName(kind);
    return field && m_counter->ledger() ? m_counter->ledger()->checkField(*field, text) : QString();
}

QString ProductsController::existingProductNote(const QString &ndc) const
{
    if (!m_queries || fieldProblem(QStringLiteral("ndc"), ndc).length() > 0 || ndc.trimmed().isEmpty())
        return {};
    const auto key = Ndc::parse(ndc);
    const QList<CatalogProduct> found = key ? m_queries->catalogProducts(key->ndc11(), 1) : QList<CatalogProduct>();
    if (found.isEmpty() || found.first().product.ndc11 != key->ndc11())
        return {};
    return tr("Already in the catalog as %1: saving changes its details.").arg(found.first().product.displayName());
}

QVariantMap ProductsController::addProduct(const QString &ndc, const QString &name, const QString &strength,
                                           const QString &dosageForm, const QString &packageSize, const QString &baseUnit)
{
    return m_counter->command([&](Counter &, const Session &s) {
        bool ok = false;
        const qint64 size = packageSize.trimmed().toLongLong(&ok);
        if (!ok)
            throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("add the product"), tr("The package size"),
                           tr("must be a whole number"));
        const QString key = m_counter->ledger()->addProduct(s, {ndc, name, strength, dosageForm, baseUnit, size, QStringLiteral("CII")});
        const auto p = Catalog(m_counter->store()->db()).product(key);
        QVariantMap r = answer(true, tr("Saved %1 (NDC %2).").arg(p ? p->displayName() : key, p ? p->ndc : key));
        r.insert(QStringLiteral("ndc11"), key);
        return r;
    }, [this] { m_catalog->reload(); });
}

QString ProductsController::deactivateRefusal(const QString &ndc11) const
{
    if (!canManage()) {
        QString who = m_counter->signedIn() ? m_counter->personRoleNoun() : tr("no one signed in");
        who[0] = who[0].toUpper();
        return tr("%1 may not change the catalog.").arg(who);
    }
    if (!m_queries)
        return tr("The store is not open.");
    const auto p = Catalog(m_counter->store()->db()).product(ndc11);
    if (!p)
        return tr("This product is not in the catalog.");
    if (!p->active)
        return tr("This product is already inactive.");
    if (const qint64 onHand = m_queries->balance(ndc11); onHand != 0)
        return tr("It still holds %1: deactivate it once none is left (dispensed, returned, or destroyed).")
            .arg(quantityText(onHand, p->baseUnit));
    return {};
}

QVariantMap ProductsController::deactivate(const QString &ndc11)
{
    return m_counter->command([&](Counter &, const Session &s) {
        m_counter->ledger()->deactivateProduct(s, ndc11);
        return answer(true, tr("Deactivated: kept in the records, no longer offered at the counter."));
    }, [this] { m_catalog->reload(); });
}

QVariantMap ProductsController::reactivate(const QString &ndc11)
{
    return m_counter->command([&](Counter &, const Session &s) {
        m_counter->ledger()->reactivateProduct(s, ndc11);
        return answer(true, tr("Reactivated: offered at the counter again."));
    }, [this] { m_catalog->reload(); });
}

QVariantMap ProductsController::setReorderPoint(const QString &ndc11, const QString &units)
{
    return m_counter->command([&](Counter &, const Session &s) {
        bool ok = false;
        const qint64 n = units.trimmed().isEmpty() ? 0 : units.trimmed().toLongLong(&ok);
        if (!units.trimmed().isEmpty() && !ok)
            throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("set the reorder point"), tr("The reorder point"),
                           tr("must be a whole number"));
        m_counter->ledger()->setReorderPoint(s, ndc11, n);
        return answer(true, n == 0 ? tr("Reorder point cleared.") : tr("Reorder point set to %1.").arg(QLocale().toString(n)));
    }, [this] { m_catalog->reload(); });
}

} // namespace cii
