// The product ledger model: newest first, a page at a time, filters by kind and date, corrections linked.
#include "ProductLedgerModel.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

class TestProductLedgerModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pagesFiltersAndCorrections()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 5));
        qint64 last = 0;
        for (int i = 0; i < 450; ++i)
            last = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 1, QStringLiteral("R%1").arg(i), 1));
        const qint64 voidSeq = f.ledger->voidEntry(*f.pharmacist, last, QStringLiteral("wrong patient"), QStringLiteral("2345"));

        const LedgerQueries queries(f.store->db());
        ProductLedgerModel m(&queries, f.oxy);
        const auto at = [&](int row, ProductLedgerModel::Roles role) { return m.data(m.index(row), role); };
        QCOMPARE(m.rowCount(), ProductLedgerModel::kPage);
        QCOMPARE(at(0, ProductLedgerModel::SeqRole).toLongLong(), voidSeq); // newest first
        QCOMPARE(at(0, ProductLedgerModel::KindRole).toString(), QStringLiteral("void"));
        QCOMPARE(at(0, ProductLedgerModel::CorrectsRole).toLongLong(), last);
        QCOMPARE(at(0, ProductLedgerModel::BalanceRole).toLongLong(), 500 - 450 + 1);
        QCOMPARE(at(1, ProductLedgerModel::VoidedByRole).toLongLong(), voidSeq);
        QCOMPARE(at(1, ProductLedgerModel::WhoRole).toString(), QStringLiteral("Tom Ng"));
        QCOMPARE(at(1, ProductLedgerModel::WhenRole).toString(), QStringLiteral("2026-09-21 07:13")); // the pharmacy's clock

        QVERIFY(m.canFetchMore({}));
        m.fetchMore({});
        QCOMPARE(m.rowCount(), 2 * ProductLedgerModel::kPage);
        m.fetchMore({});
        QCOMPARE(m.rowCount(), 452); // receipt, 450 dispenses, the void
        QVERIFY(!m.canFetchMore({}));
        QCOMPARE(at(451, ProductLedgerModel::KindRole).toString(), QStringLiteral("receive"));
        QCOMPARE(at(451, ProductLedgerModel::BalanceRole).toLongLong(), 500);

        m.setKind(QStringLiteral("receive"));
        QCOMPARE(m.rowCount(), 1);
        m.setKind(QString());
        m.setFromDate(QStringLiteral("2026-09-21"));
        m.setToDate(QStringLiteral("2026-09-21"));
        QCOMPARE(m.rowCount(), ProductLedgerModel::kPage);
        m.setFromDate(QStringLiteral("2026-09-22"));
        QCOMPARE(m.rowCount(), 0);
        m.setFromDate(QStringLiteral("not a date")); // ignored, as no filter
        m.setToDate(QStringLiteral("2026-09-20"));
        QCOMPARE(m.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProductLedgerModel)
#include "tst_productledgermodel.moc"
