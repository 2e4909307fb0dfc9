// The pharmacy's day, not the machine's (issue 32): a pharmacy in California records the date it is there, from the
// store's clock and the pharmacy's time zone. From 00:00 to 08:00 UTC (07:00 in summer) the UTC date is a day ahead
// of California's, and a date taken from the machine or in UTC was refused as "in the future" in those hours (the
// benchmarks did so; their smoke runs in bench/CMakeLists.txt pin the same two hours). Checked at 00:30 UTC and at
// 23:30 UTC: a receipt and a first fill dated the pharmacy's today are recorded, its tomorrow is refused.
#include "Ledger.h"
#include "TestSupport.h"

#include <QDate>
#include <QDateTime>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace cii;
using namespace cii::test;

class TestPharmacyToday : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void recordsTheDayItIsAtThePharmacy_data()
    {
        QTest::addColumn<QDateTime>("utc");
        QTest::addColumn<QString>("today");
        // After the fixture's own clock (2026-09-21), in Pacific standard time (UTC-8).
        QTest::newRow("00:30 UTC, the day before in California") << QDateTime(QDate(2026, 11, 16), QTime(0, 30), QTimeZone::utc())
                                                                 << QStringLiteral("2026-11-15");
        QTest::newRow("23:30 UTC, the same day in California") << QDateTime(QDate(2026, 11, 16), QTime(23, 30), QTimeZone::utc())
                                                               << QStringLiteral("2026-11-16");
    }

    void recordsTheDayItIsAtThePharmacy()
    {
        QFETCH(QDateTime, utc);
        QFETCH(QString, today);
        LedgerFixture f; // America/Los_Angeles
        f.t.clock.set(utc.toMSecsSinceEpoch());
        QCOMPARE(f.ledger->todayInPharmacy(), today);

        Receipt r = LedgerFixture::receipt(f.oxy, 2, QStringLiteral("111111111"));
        r.receivedDate = today;
        f.ledger->receive(*f.tech, r);
        Dispense d = LedgerFixture::dispense(f.oxy, 30, QStringLiteral("RX1"), 30);
        d.fillDate = today;
        d.dateWritten = today;
        f.ledger->dispense(*f.tech, d);
        QCOMPARE(f.ledger->balance(f.oxy), 170);

        // The pharmacy's tomorrow is in the future, whatever the UTC date (at 00:30 UTC it is the UTC date).
        const QString tomorrow = QDate::fromString(today, Qt::ISODate).addDays(1).toString(Qt::ISODate);
        r.orderNumber = QStringLiteral("222222222");
        r.receivedDate = tomorrow;
        QCOMPARE(refusalText([&] { f.ledger->receive(*f.tech, r); }),
                 QStringLiteral("Could not record the receipt: The date received is in the future (%1)").arg(tomorrow));
        d.rx = QStringLiteral("RX2");
        d.fillDate = tomorrow;
        QCOMPARE(refusalText([&] { f.ledger->dispense(*f.tech, d); }),
                 QStringLiteral("Could not record the dispense: The fill date is in the future (%1)").arg(tomorrow));
        QCOMPARE(f.ledger->balance(f.oxy), 170);
    }
};

QTEST_GUILESS_MAIN(TestPharmacyToday)
#include "tst_pharmacytoday.moc"
