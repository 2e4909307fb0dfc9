// Records and reports through the real main QML over a real temporary store, offscreen: a pharmacist makes the
// dispensing log for a range, sees it in the in-app PDF preview, and finds the PDF and CSV saved and the export in
// the audit log; a technician is told in a sentence that they may not, and nothing is written.
#include "Counter.h"
#include "QmlSetup.h"
#include "QuickDriver.h"
#include "Selectors.h"
#include "StoreStatus.h"
#include "TestApp.h"
#include "TestSupport.h"

#include <QDir>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CiiLedgerPlugin)
Q_IMPORT_QML_PLUGIN(CiiLedger_ComponentsPlugin)

using namespace cii;
using namespace cii::test;

namespace {

qint64 exportsRecorded(Store &store)
{
    sql::Query q(store.db(), "SELECT count(*) FROM events WHERE kind = 'records.exported'");
    return q.next() ? q.int64(0) : -1;
}

bool openReports(QQuickWindow *w)
{
    return click(w, sel::kReportsButton) && QTest::qWaitFor([w] { return item(w, sel::kReportsPage) && settled(w); });
}

void setRange(QQuickWindow *w)
{
    QQuickItem *from = item(w, sel::kReportFrom);
    QQuickItem *to = item(w, sel::kReportTo);
    QVERIFY(from && to);
    from->setProperty("text", QStringLiteral("2026-09-01"));
    to->setProperty("text", QStringLiteral("2026-09-30"));
}

} // namespace

class TestReportsScreen : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    void pharmacistMakesAndPreviewsTheDispensingLog()
    {
        LedgerFixture f;
        QTemporaryDir folder;
        qputenv("CII_LEDGER_REPORTS_DIR", folder.path().toUtf8());
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 30, QStringLiteral("RX7001"), 30));
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("RL"), QStringLiteral("2345")));
        QVERIFY(openReports(w));
        QVERIFY(item(w, sel::report("reconciliation")));
        QVERIFY(click(w, sel::report("dispensing")));
        setRange(w);
        QVERIFY(click(w, sel::kMakeReportButton));
        QTRY_VERIFY_WITH_TIMEOUT(item(w, sel::kReportPreview) && item(w, sel::kReportPreview)->isVisible(), 20'000);
        QVERIFY2(text(w, sel::kReportMessage).contains(QLatin1String("Dispensing log: 1 row on 1 page, saved as PDF and CSV")),
                 qPrintable(text(w, sel::kReportMessage)));
        QTRY_COMPARE(text(w, sel::kReportPages), QStringLiteral("1 page"));
        const QString base = folder.filePath(QStringLiteral("Dispensing log 2026-09-01 to 2026-09-30"));
        QVERIFY(pdfText(base + QStringLiteral(".pdf")).contains(QLatin1String("RX7001")));
        QVERIFY(readAll(base + QStringLiteral(".csv")).contains("RX7001"));
        QCOMPARE(exportsRecorded(*f.store), 2); // the PDF and the CSV, each in the audit log
        qunsetenv("CII_LEDGER_REPORTS_DIR");
    }

    void technicianIsToldAndNothingIsWritten()
    {
        LedgerFixture f;
        QTemporaryDir folder;
        qputenv("CII_LEDGER_REPORTS_DIR", folder.path().toUtf8());
        App app(f);
        QQuickWindow *w = app.window();
        QVERIFY(w && QTest::qWaitForWindowExposed(w));
        QVERIFY(signInByPin(w, QStringLiteral("TN"), QStringLiteral("3456")));
        QVERIFY(openReports(w));
        setRange(w);
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(click(w, sel::kMakeReportButton));
        QTRY_VERIFY(text(w, sel::kReportMessage).contains(QLatin1String("print or export records")));
        QCOMPARE(f.store->journal().headSeq(), head);
        QVERIFY(QDir(folder.path()).entryList(QDir::Files).isEmpty());
        // A date that is not one is refused before anything starts.
        item(w, sel::kReportFrom)->setProperty("text", QStringLiteral("2026-13-01"));
        QVERIFY(click(w, sel::kMakeReportButton));
        QTRY_VERIFY(text(w, sel::kReportMessage).contains(QLatin1String("Write both dates as YYYY-MM-DD")));
        qunsetenv("CII_LEDGER_REPORTS_DIR");
    }
};

QTEST_MAIN(TestReportsScreen)
#include "tst_reportsscreen.moc"
