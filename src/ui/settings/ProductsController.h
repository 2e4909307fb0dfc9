#pragma once

#include "CatalogModel.h"

#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <memory>

class QQmlEngine;
class QJSEngine;

namespace cii {
class CatalogReadJob;
class Counter;
struct CatalogFile;

/// Settings > Products (docs/SCREEN-RULES.md): the catalog listed and searched, the FDA NDC Directory (or a catalog
/// CSV) imported in three steps, a product added by hand, deactivated or reactivated, and its reorder point.
///
/// An import: checkImport() reads the chosen files on a worker (CatalogReadJob, with its progress in bytes), then
/// runs the Ledger's dry run here on the store's thread and shows what would be added or updated and every refused
/// row by its line; nothing is written until acceptImport(), one transaction. Who may is the Ledger's rule
/// (Action::ManageCatalog: not a technician), checked in C++ on every command; canManage and whoMay only say what
/// the page offers. One instance, built in the composition root (UiServices); UI thread only.
class ProductsController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(CatalogModel *catalog READ catalog CONSTANT)
    Q_PROPERTY(bool canManage READ canManage NOTIFY permissionsChanged)
    /// Empty when the signed-in person may change the catalog; else the sentence that says who may.
    Q_PROPERTY(QString whoMay READ whoMay NOTIFY permissionsChanged)
    /// "idle", "reading" (the worker reads the files), "checked" (the dry run is shown), "failed" (reading refused the
    /// file: importText says why), "done" (written: importText says what).
    Q_PROPERTY(QString importState READ importState NOTIFY importChanged)
    Q_PROPERTY(double importProgress READ importProgress NOTIFY importChanged) ///< 0..1, while reading
    Q_PROPERTY(QString importText READ importText NOTIFY importChanged)
    /// The dry run's refused rows: [{where: "package.txt, line 9", reason}], in file order.
    Q_PROPERTY(QVariantList importRejected READ importRejected NOTIFY rejectedChanged)
    /// Rows the import would write (added + updated): 0 leaves nothing to accept.
    Q_PROPERTY(int importGoodRows READ importGoodRows NOTIFY importChanged)

public:
    /// `queries` null: no store is open (the list is empty, every command refused).
    ProductsController(Counter *counter, const LedgerQueries *queries, QObject *parent = nullptr);
    ~ProductsController() override;
    static ProductsController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(ProductsController *instance);

    CatalogModel *catalog() const { return m_catalog.get(); }
    bool canManage() const;
    QString whoMay() const;
    QString importState() const { return m_state; }
    double importProgress() const { return m_progress; }
    QString importText() const { return m_text; }
    QVariantList importRejected() const { return m_rejected; }
    int importGoodRows() const { return m_goodRows; }

    /// What the file dialog chose, as the path field shows it: one file's local path, or for product.txt and
    /// package.txt chosen together, their folder.
    Q_INVOKABLE QString pathFromUrls(const QVariantList &urls) const;
    /// The path field checked as typed: "" when it names a folder holding product.txt and package.txt, one of those
    /// two files (the other beside it), or a .csv file; else a sentence.
    Q_INVOKABLE QString importPathProblem(const QString &path) const;
    /// Starts reading (the person's role and the path checked first). "" when started, else the refusal.
    Q_INVOKABLE QString checkImport(const QString &path);
    /// Writes the good rows of the file checked, one transaction: {ok, message}. The dry run's refused rows are
    /// not written.
    Q_INVOKABLE QVariantMap acceptImport();
    /// Forgets the file checked (or the result shown); nothing written.
    Q_INVOKABLE void discardImport();

    /// A product field as typed (Ledger::checkField): ndc, productName, strength, dosageForm, packageSize,
    /// baseUnit, reorderPoint. "" when nothing is wrong.
    Q_INVOKABLE QString fieldProblem(const QString &kind, const QString &text) const;
    /// The NDC typed names a product already in the catalog: a sentence saying that saving changes it; else "".
    Q_INVOKABLE QString existingProductNote(const QString &ndc) const;
    /// {ok, message}: the Ledger's addProduct (a product already in the catalog is updated).
    Q_INVOKABLE QVariantMap addProduct(const QString &ndc, const QString &name, const QString &strength,
                                       const QString &dosageForm, const QString &packageSize, const QString &baseUnit);
    /// Why this product may not be deactivated now (the role, stock on hand, already inactive), or "".
    Q_INVOKABLE QString deactivateRefusal(const QString &ndc11) const;
    Q_INVOKABLE QVariantMap deactivate(const QString &ndc11);
    Q_INVOKABLE QVariantMap reactivate(const QString &ndc11);
    /// `units` as typed, in base units; 0 clears it. {ok, message}.
    Q_INVOKABLE QVariantMap setReorderPoint(const QString &ndc11, const QString &units);

Q_SIGNALS:
    void permissionsChanged();
    void importChanged();
    /// Apart from importChanged (emitted at each step of the progress): the list is not rebuilt at each step.
    void rejectedChanged();

private:
    struct ImportFiles
    {
        QString product, package, csv, problem;
    };
    ImportFiles importFiles(const QString &path) const;
    void readFinished();
    void setState(const QString &state, const QString &text);

    Counter *m_counter;
    const LedgerQueries *m_queries;
    std::unique_ptr<CatalogModel> m_catalog;
    std::unique_ptr<CatalogReadJob> m_job;
    std::unique_ptr<CatalogFile> m_checked;
    QString m_state = QStringLiteral("idle"), m_text;
    double m_progress = 0;
    QVariantList m_rejected;
    int m_goodRows = 0;
};

} // namespace cii
