// Screenshots of Settings > Products at 1366x768 (the commonest laptop): the catalog after the FDA directory's
// fixture was imported, with a product chosen below its reorder point; an import checked and waiting to be
// accepted, its refused rows by line; a product being added by hand with a bad NDC said under the field.
#include "Selectors.h"
#include "Shoot.h"
#include "TestSupport.h"
#include "UiServices.h"

#include <QFileInfo>

namespace cii::screenshots {

namespace {
void must(bool ok, const char *what)
{
    if (!ok)
        qFatal("screenshots: %s", what);
}
} // namespace

bool shootProducts(const QString &out, const QString &fdaFolder)
{
    using namespace cii::test;
    LedgerFixture f;
    f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
    StoreStatus status(f.store.get(), [&f] { return f.t.open(false); }, nullptr);
    UiServices screens(f.store.get());
    screens.install();
    return shoot(status, screens.counter, {
        {out + QStringLiteral("/settings-products-import.png"), [&](QQuickWindow *w) {
            w->resize(1366, 768);
            must(signInByPin(w, QStringLiteral("PC"), QStringLiteral("1234")), "sign in");
            must(click(w, sel::kSettingsButton) && click(w, sel::kSettingsProducts), "open Settings > Products");
            must(click(w, sel::kProductsTabImport), "the import tab");
            must(type(w, sel::kImportPath, fdaFolder) && click(w, sel::kImportCheck), "check the directory");
            must(QTest::qWaitFor([w] { return item(w, sel::kImportAccept) && item(w, sel::kImportAccept)->isVisible(); }, 10'000), "checked");
        }},
        {out + QStringLiteral("/settings-products.png"), [&](QQuickWindow *w) {
            must(click(w, sel::kImportAccept), "accept");
            f.ledger->setReorderPoint(*f.pharmacist, f.oxy, 250);
            must(click(w, sel::kProductsTabList), "the list");
            must(type(w, sel::kProductsSearch, QStringLiteral("oxycodone")), "search");
            must(QTest::qWaitFor([&] { return item(w, sel::productRow(f.oxy)) != nullptr; }), "the oxycodone row");
            must(click(w, sel::productRow(f.oxy)), "choose the oxycodone");
        }},
        {out + QStringLiteral("/settings-products-add.png"), [&](QQuickWindow *w) {
            must(click(w, sel::kProductsTabAdd), "the add tab");
            must(type(w, sel::kAddNdc, QStringLiteral("12345")) && type(w, sel::kAddName, QStringLiteral("Hydromorphone Hydrochloride"))
                     && type(w, sel::kAddStrength, QStringLiteral("2 mg")), "type a product");
        }},
    });
}

} // namespace cii::screenshots
