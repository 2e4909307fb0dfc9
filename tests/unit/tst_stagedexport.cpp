// A report's files reach their places only once their export is recorded, and never in halves: an earlier file
// of the same name stays whole when a new export fails or is refused (docs/REPORTS.md, "The files").
#include "StagedExport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cii;

namespace {
void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}
QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
}
} // namespace

class TestStagedExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aDiscardedExportLeavesTheEarlierFilesWhole()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("Dispensing log.pdf")), csv = dir.filePath(QStringLiteral("Dispensing log.csv"));
        write(pdf, "last week's PDF");
        reports::StagedExport files;
        write(files.add(pdf), "new PDF");
        write(files.add(csv), "new CSV");
        QCOMPARE(read(pdf), QByteArray("last week's PDF")); // not replaced before the export is recorded
        files.discard();
        QCOMPARE(read(pdf), QByteArray("last week's PDF"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("Dispensing log.pdf")});
    }

    void aPublishedExportReplacesThemAtOnce()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("r.pdf")), csv = dir.filePath(QStringLiteral("r.csv"));
        write(pdf, "old");
        reports::StagedExport files;
        write(files.add(pdf), "new PDF");
        write(files.add(csv), "new CSV");
        QCOMPARE(files.publish(), QString());
        QCOMPARE(read(pdf), QByteArray("new PDF"));
        QCOMPARE(read(csv), QByteArray("new CSV"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), (QStringList{QStringLiteral("r.csv"), QStringLiteral("r.pdf")}));
    }

    void aFileThatCannotBePutInPlaceIsSaidAndRemoved()
    {
        QTemporaryDir dir;
        const QString blocked = dir.filePath(QStringLiteral("blocked.csv"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("blocked.csv"))); // a folder where the file should go
        QVERIFY(QDir(blocked).mkdir(QStringLiteral("inside")));          // not empty: rename(2) cannot replace it
        reports::StagedExport files;
        write(files.add(blocked), "rows");
        QCOMPARE(files.publish(), QStringLiteral("The file %1 could not be put in place; check the folder and make the report again.").arg(blocked));
        QVERIFY(!QFile::exists(blocked + QStringLiteral(".part")));
    }
};

QTEST_GUILESS_MAIN(TestStagedExport)
#include "tst_stagedexport.moc"
