// Settings > Products through the real main QML over a real temporary store, offscreen, as a person drives it:
// the FDA NDC Directory (tests/data/fda) chosen by its path field (the file chooser only opened), read with its
// progress, checked without writing (each bad row by its line in its file), then written when the good rows are
// accepted; a product added by hand with a bad NDC refused under the field, nothing written; deactivating refused
// while stock is on hand and allowed without; a reorder point; and a technician who reads and changes nothing.
#include "Counter.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "Selectors.h"
#include "Sqlite.h"
#include "TestApp.h"
#include "TestSupport.h"

#include <QFileInfo>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {

/// Signed in at the lock screen, then Settings > Products.
bool openProductsAs(QQuickWindow *w, const QString &initials, const QString &pin)
{
    return w && QTest::qWaitForWindowExposed(w) && signInByPin(w, initials, pin) && click(w, sel::kSettingsButton)
           && QTest::qWaitFor([w] { return item(w, sel::kSettingsPage) && settled(w); }) && click(w, sel::kSettingsProducts)
           && QTest::qWaitFor([w] { return item(w, sel::kProductsPage) && settled(w); });
}

/// The chooser's dialog (not an item: found among the page's objects).
QObject *dialog(QQuickWindow *w, const char *name)
{
    QQuickItem *panel = item(w, sel::kProductsImportPanel);
    return panel ? panel->findChild<QObject *>(QLatin1String(name)) : nullptr;
}

bool visible(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = item(w, name);
    return i && i->isVisible();
}

/// Wholly inside the window: nothing a task needs is below the fold (docs/SCREEN-RULES.md).
bool inWindow(QQuickWindow *w, const QString &name)
{
    QQuickItem *i = item(w, name);
    if (!i)
        return false;
    QQuickTest::qWaitForPolish(w, 2000);
    const QRectF r = i->mapRectToScene(QRectF(0, 0, i->width(), i->height()));
    if (r.bottom() > w->height() + 0.5 || r.right() > w->width() + 0.5)
        qWarning("%s ends at %g x %g, outside %d x %d", qPrintable(name), r.right(), r.bottom(), w->width(), w->height());
    return r.bottom() <= w->height() + 0.5 && r.right() <= w->width() + 0.5;
}

/// Narrows the list to one product and chooses it.
bool chooseProduct(QQuickWindow *w, const QString &ndc, const QString &ndc11)
{
    return type(w, sel::kProductsSearch, ndc) && QTest::qWaitFor([&] { return item(w, sel::productRow(ndc11)); })
           && click(w, sel::productRow(ndc11)) && QTest::qWaitFor([&] { return visible(w, sel::kProductDetailName); });
}

} // namespace

class TestProducts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void aPharmacistInChargeImportsAddsDeactivatesAndSetsAReorderPoint_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1024x768") << QSize(1024, 768);
    }
    void aPharmacistInChargeImportsAddsDeactivatesAndSetsAReorderPoint()
    {
        QFETCH(QSize, size);
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2)); // 200 tablets on hand
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        w->resize(size);
        QVERIFY(openProductsAs(w, QStringLiteral("PC"), QStringLiteral("1234")));
        QVERIFY(!visible(w, sel::kProductsWhoMay));
        QTRY_VERIFY(item(w, sel::productRow(f.oxy)));

        // Import: the file chooser opens (and is closed); the path field is what the person fills or pastes.
        QVERIFY(click(w, sel::kProductsTabImport));
        QTRY_VERIFY(visible(w, sel::kImportPath));
        QVERIFY(click(w, sel::kImportChooseFiles));
        QObject *files = dialog(w, sel::kImportFileDialog);
        QVERIFY(files);
        QTRY_VERIFY(files->property("visible").toBool());
        QMetaObject::invokeMethod(files, "reject");
        QTRY_VERIFY(!files->property("visible").toBool());
        QVERIFY(dialog(w, sel::kImportFolderDialog));

        // A path that is not the directory is said wrong under the field, and Check is not offered.
        QVERIFY(type(w, sel::kImportPath, QStringLiteral("/no/such/folder")));
        QTRY_VERIFY(text(w, sel::problem(sel::kImportPath)).contains(QLatin1String("no file or folder")));
        QVERIFY(!item(w, sel::kImportCheck)->isEnabled());

        const QString folder = QFileInfo(QFINDTESTDATA("data/fda/product.txt")).absolutePath();
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(type(w, sel::kImportPath, folder));
        QTRY_VERIFY2(!visible(w, sel::problem(sel::kImportPath)), qPrintable(text(w, sel::problem(sel::kImportPath))));
        QVERIFY(click(w, sel::kImportCheck));
        QTRY_VERIFY(visible(w, sel::kImportAccept));
        const QString summary = text(w, sel::kImportSummary);
        QVERIFY2(summary.contains(QLatin1String("28 new products would be added, 1 changed")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("7 rows are refused")), qPrintable(summary));
        QCOMPARE(app.screens.products.importProgress(), 1.0);
        QCOMPARE(f.store->journal().headSeq(), head); // the dry run wrote nothing
        // Each refused row by its file and line, in file order.
        const QVariantList rejected = app.screens.products.importRejected();
        QCOMPARE(rejected.size(), 7);
        QCOMPARE(rejected[4].toMap().value(QStringLiteral("where")).toString(), QStringLiteral("package.txt, line 9"));
        QVERIFY(rejected[4].toMap().value(QStringLiteral("reason")).toString().contains(QLatin1String("BOTTLE OF 100")));
        QTRY_VERIFY(visible(w, sel::importRejected(0)));
        QCOMPARE(text(w, sel::kImportAccept), QStringLiteral("Import the 29 good rows"));
        QVERIFY(inWindow(w, sel::kImportAccept));
        QVERIFY(inWindow(w, sel::kImportDiscard));

        QVERIFY(click(w, sel::kImportAccept));
        QTRY_VERIFY2(text(w, sel::kImportSummary).startsWith(QLatin1String("Imported: 28 added, 1 changed. 7 refused rows")),
                     qPrintable(text(w, sel::kImportSummary)));
        QVERIFY(f.store->journal().headSeq() > head);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM products"), 29);
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM products WHERE ndc = '0574-4072-11'"), 0); // the bad row, not written

        // By hand: a bad NDC is refused under its field as the person leaves it; nothing is written.
        QVERIFY(click(w, sel::kProductsTabAdd));
        QTRY_VERIFY(visible(w, sel::kAddNdc));
        const qint64 beforeAdd = f.store->journal().headSeq();
        QVERIFY(type(w, sel::kAddNdc, QStringLiteral("12345")));
        QVERIFY(type(w, sel::kAddName, QStringLiteral("Hydromorphone Hydrochloride")));
        QTRY_VERIFY2(text(w, sel::problem(sel::kAddNdc)).contains(QLatin1String("is not an NDC")), qPrintable(text(w, sel::problem(sel::kAddNdc))));
        QVERIFY(type(w, sel::kAddStrength, QStringLiteral("2 mg")));
        QVERIFY(type(w, sel::kAddForm, QStringLiteral("Tablet")));
        QVERIFY(type(w, sel::kAddPackageSize, QStringLiteral("1o0")));
        QTRY_VERIFY(text(w, sel::problem(sel::kAddPackageSize)).contains(QLatin1String("Only digits")));
        QVERIFY(type(w, sel::kAddUnit, QStringLiteral("tablet")));
        QVERIFY(!item(w, sel::kAddSave)->isEnabled());
        QVERIFY(inWindow(w, sel::kAddSave));
        QCOMPARE(text(w, sel::kAddWhy), QStringLiteral("Correct the fields marked above."));
        QCOMPARE(f.store->journal().headSeq(), beforeAdd);
        // Corrected: the problems go as the fields are corrected, and the product is added.
        QVERIFY(type(w, sel::kAddNdc, QStringLiteral("1234-5678-90")));
        QVERIFY(type(w, sel::kAddPackageSize, QStringLiteral("100")));
        QTRY_VERIFY(!visible(w, sel::problem(sel::kAddNdc)));
        QTRY_VERIFY(item(w, sel::kAddSave)->isEnabled());
        QVERIFY(click(w, sel::kAddSave));
        const QString added = QStringLiteral("01234567890");
        QTRY_VERIFY(visible(w, sel::kProductDetailName)); // back on the list, the new product chosen
        QVERIFY2(text(w, sel::kProductResult).startsWith(QLatin1String("Saved Hydromorphone Hydrochloride 2 mg")), qPrintable(text(w, sel::kProductResult)));
        QCOMPARE(scalar(*f.store, "SELECT count(*) FROM products WHERE ndc11 = '01234567890' AND package_size = 100"), 1);

        // Deactivate: not offered while stock is on hand (disabled, with why), and the Ledger refuses it anyway.
        QVERIFY(chooseProduct(w, QStringLiteral("0574-4072-05"), f.oxy));
        QVERIFY(!item(w, sel::kProductDeactivate)->isEnabled());
        QVERIFY2(text(w, sel::kProductDeactivateWhy).contains(QLatin1String("still holds 200 tablet")), qPrintable(text(w, sel::kProductDeactivateWhy)));
        const QVariantMap refused = app.screens.products.deactivate(f.oxy);
        QVERIFY(!refused.value(QStringLiteral("ok")).toBool());
        QVERIFY(refused.value(QStringLiteral("message")).toString().contains(QLatin1String("cannot be deactivated")));
        // Without stock: deactivated, then reactivated.
        QVERIFY(chooseProduct(w, QStringLiteral("1234-5678"), added));
        QTRY_VERIFY(item(w, sel::kProductDeactivate)->isEnabled());
        QVERIFY(click(w, sel::kProductDeactivate));
        QTRY_VERIFY(text(w, sel::kProductResult).startsWith(QLatin1String("Deactivated")));
        QCOMPARE(scalar(*f.store, "SELECT active FROM products WHERE ndc11 = '01234567890'"), 0);
        QTRY_VERIFY(visible(w, sel::kProductReactivate));
        QVERIFY(click(w, sel::kProductReactivate));
        QTRY_VERIFY(text(w, sel::kProductResult).startsWith(QLatin1String("Reactivated")));
        QCOMPARE(scalar(*f.store, "SELECT active FROM products WHERE ndc11 = '01234567890'"), 1);

        // A reorder point: letters refused under the field; 250 saved, and 200 on hand is below it.
        QVERIFY(chooseProduct(w, QStringLiteral("0574-4072-05"), f.oxy));
        QVERIFY(type(w, sel::kProductReorderPoint, QStringLiteral("25o")));
        QTRY_VERIFY(text(w, sel::problem(sel::kProductReorderPoint)).contains(QLatin1String("Only digits")));
        QVERIFY(!item(w, sel::kProductReorderSave)->isEnabled());
        QVERIFY(type(w, sel::kProductReorderPoint, QStringLiteral("250")));
        QVERIFY(inWindow(w, sel::kProductReorderSave));
        QVERIFY(click(w, sel::kProductReorderSave));
        QTRY_COMPARE(text(w, sel::kProductResult), QStringLiteral("Reorder point set to 250."));
        QCOMPARE(scalar(*f.store, "SELECT reorder_point FROM products WHERE ndc11 = '00574407205'"), 250);
        QTRY_VERIFY(app.screens.products.catalog()->get(app.screens.products.catalog()->rowOf(f.oxy)).value(QStringLiteral("belowReorder")).toBool());

        // The counter says so on the product's row.
        QVERIFY(click(w, sel::kProductsBack));
        QTRY_VERIFY(item(w, sel::kSettingsPage) && settled(w));
        QVERIFY(click(w, sel::kSettingsBack));
        QTRY_VERIFY(item(w, sel::kSearch) && settled(w));
        QVERIFY(type(w, sel::kSearch, QStringLiteral("0574-4072-05")));
        QTRY_VERIFY(visible(w, sel::belowReorder(f.oxy)));
        QCOMPARE(text(w, sel::belowReorder(f.oxy)), QStringLiteral("Below reorder point"));
    }

    void aTechnicianReadsTheCatalogAndChangesNothing()
    {
        LedgerFixture f;
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(openProductsAs(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QTRY_VERIFY(visible(w, sel::kProductsWhoMay));
        QVERIFY2(text(w, sel::kProductsWhoMay).contains(QLatin1String("only a pharmacist, the pharmacist-in-charge or the owner")),
                 qPrintable(text(w, sel::kProductsWhoMay)));
        QVERIFY(!item(w, sel::kProductsTabImport)->isEnabled());
        QVERIFY(!item(w, sel::kProductsTabAdd)->isEnabled());
        QTRY_VERIFY(item(w, sel::productRow(f.oxy)));
        QVERIFY(click(w, sel::productRow(f.oxy)));
        QTRY_VERIFY(visible(w, sel::kProductDeactivate));
        QVERIFY(!item(w, sel::kProductDeactivate)->isEnabled());
        QVERIFY(text(w, sel::kProductDeactivateWhy).contains(QLatin1String("may not change the catalog")));
        QVERIFY(!item(w, sel::kProductReorderSave)->isEnabled());
        // Not hidden only: the C++ refuses, and nothing is written.
        const qint64 head = f.store->journal().headSeq();
        ProductsController &products = app.screens.products;
        QVERIFY(products.checkImport(QFileInfo(QFINDTESTDATA("data/fda/product.txt")).absolutePath()).contains(QLatin1String("only a pharmacist")));
        for (const QVariantMap &r : {products.deactivate(f.oxy), products.setReorderPoint(f.oxy, QStringLiteral("10")),
                                     products.addProduct(QStringLiteral("1234-5678-90"), QStringLiteral("X"), QStringLiteral("1 mg"),
                                                         QStringLiteral("Tablet"), QStringLiteral("10"), QStringLiteral("tablet"))})
            QVERIFY2(r.value(QStringLiteral("message")).toString().contains(QLatin1String("change the catalog")),
                     qPrintable(r.value(QStringLiteral("message")).toString()));
        QCOMPARE(f.store->journal().headSeq(), head);
    }
};

QTEST_MAIN(TestProducts)
#include "tst_products.moc"
