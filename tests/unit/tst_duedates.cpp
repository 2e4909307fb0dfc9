// Due dates the pharmacist-in-charge should not have to remember (docs/LEDGER.md "Due dates"): each with its date
// and rule, at the edges of their windows; the counter shows those overdue or due within 60 days (30 for the state
// licence).
#include "DueDates.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {
/// The fixture's today in Los Angeles.
const QDate kToday(2026, 9, 21);

QDate dueOf(const QList<DueDate> &all, const QString &startsWith)
{
    for (const DueDate &d : all)
        if (d.what.startsWith(startsWith))
            return d.due;
    return {};
}
} // namespace

class TestDueDates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyDateWithItsRule()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        PharmacyProfile p = LedgerFixture::profile(); // California
        p.deaExpiry = QStringLiteral("2026-11-20");     // 60 days ahead: shown
        p.licenseExpiry = QStringLiteral("2026-10-22"); // 31 days ahead: not yet shown
        f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234"));
        TheftLoss theft = LedgerFixture::theftLoss(f.oxy, 2, QStringLiteral("2345"));
        theft.lossType = QStringLiteral("theft");
        theft.discoveryDate = QStringLiteral("2026-09-18");
        f.ledger->reportTheftLoss(*f.pharmacist, theft);

        const QList<DueDate> all = dueDates(f.store->db(), kToday);
        QCOMPARE(dueOf(all, QStringLiteral("Biennial inventory")), kToday); // none recorded: the initial one, now
        QCOMPARE(dueOf(all, QStringLiteral("Board of Pharmacy report")), QDate(2026, 10, 2)); // theft: 14 days
        QCOMPARE(dueOf(all, QStringLiteral("DEA Form 106")), QDate(2026, 11, 2));             // 45 days
        QCOMPARE(dueOf(all, QStringLiteral("DEA notice")), QDate(2026, 9, 21));               // the next business day (a Friday's: Monday)
        QCOMPARE(dueOf(all, QStringLiteral("Reconciliation count")), QDate(2026, 12, 17));    // CA: 90 days after the oldest record of an uncounted product
        QCOMPARE(dueOf(all, QStringLiteral("DEA registration expires")), QDate(2026, 11, 20));
        for (int i = 1; i < all.size(); ++i)
            QVERIFY(all[i - 1].due <= all[i].due); // earliest first

        const QList<DueDate> soon = dueSoon(all, kToday);
        QVERIFY(dueOf(soon, QStringLiteral("DEA registration expires")).isValid());
        QVERIFY(!dueOf(soon, QStringLiteral("State pharmacy licence")).isValid()); // 31 days: later
        QVERIFY(dueOf(dueSoon(all, kToday.addDays(1)), QStringLiteral("State pharmacy licence")).isValid());
        QVERIFY(!dueOf(soon, QStringLiteral("Reconciliation count")).isValid()); // 89 days
    }

    void aStateThatAsksAYearlyInventoryGetsOne()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->takeInventory(*f.pic, {QStringLiteral("biennial"), QStringLiteral("closing"), QStringLiteral("2026-09-20"), {{f.oxy, 100}},
                                         QStringLiteral("1234")});
        QCOMPARE(dueOf(dueDates(f.store->db(), kToday), QStringLiteral("Biennial inventory")), QDate(2028, 9, 20)); // California: the DEA's two years
        PharmacyProfile p = LedgerFixture::profile();
        p.state = QStringLiteral("OH");
        p.timezone = QStringLiteral("America/New_York");
        p.cadenceDays = 30;
        f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234"));
        const QList<DueDate> all = dueDates(f.store->db(), kToday);
        QCOMPARE(dueOf(all, QStringLiteral("Annual inventory")), QDate(2027, 9, 20)); // Ohio: every year
        QVERIFY(!dueOf(all, QStringLiteral("Biennial inventory")).isValid());
        QCOMPARE(inventoryIntervalYears(QStringLiteral("oh")), 1);
        QCOMPARE(inventoryIntervalYears(QStringLiteral("TX")), 2);
        // Shown 60 days ahead, not before.
        QVERIFY(!dueOf(dueSoon(all, QDate(2027, 7, 21)), QStringLiteral("Annual inventory")).isValid());
        QVERIFY(dueOf(dueSoon(all, QDate(2027, 7, 22)), QStringLiteral("Annual inventory")).isValid());
    }

    void aLossIsReportedToTheBoardWithin30Days()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        TheftLoss loss = LedgerFixture::theftLoss(f.oxy, 1, QStringLiteral("2345"));
        loss.lossType = QStringLiteral("loss");
        loss.discoveryDate = QStringLiteral("2026-09-18");
        f.ledger->reportTheftLoss(*f.pharmacist, loss);
        QCOMPARE(dueOf(dueDates(f.store->db(), kToday), QStringLiteral("Board of Pharmacy report")), QDate(2026, 10, 18));
        // An expiry that is not a day is refused with nothing written.
        PharmacyProfile p = LedgerFixture::profile();
        p.deaExpiry = QStringLiteral("2026-02-30");
        const qint64 head = f.store->journal().headSeq();
        QCOMPARE(refusalText([&] { f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); }),
                 QStringLiteral("Could not save the pharmacy profile: The DEA registration's expiry date must be a date written YYYY-MM-DD "
                                "(got \"2026-02-30\")"));
        QCOMPARE(f.store->journal().headSeq(), head);
    }
};

QTEST_GUILESS_MAIN(TestDueDates)
#include "tst_duedates.moc"
