// Cold start: from launching the release `cii-ledger` process to its first frame on screen (the lock screen of a
// set-up pharmacy), measured from outside with QProcess. Target (issue 4): under 1 s. Runs on the offscreen
// platform unless QT_QPA_PLATFORM says otherwise. Usage: bench_startup [runs] [path/to/cii-ledger]
#include "BenchStore.h"
#include "BenchSupport.h"

#include <QCoreApplication>
#include <QProcess>

using namespace cii;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? QByteArray(argv[1]).toInt() : 10;
    const QString exe = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                 : QCoreApplication::applicationDirPath() + QStringLiteral("/../src/app/cii-ledger");
    QString dataDir, keyDir;
    {
        bench::BenchPharmacy ph; // a set-up pharmacy: the app opens on its lock screen
        ph.ledger->addProduct(*ph.pic, {QStringLiteral("0574-4072-05"), QStringLiteral("Oxycodone HCl"), QStringLiteral("5 mg"),
                                        QStringLiteral("tablet"), QStringLiteral("tablet"), 100});
        ph.dir.setAutoRemove(false);
        dataDir = ph.dir.path() + QStringLiteral("/store");
        keyDir = ph.dir.path() + QStringLiteral("/keys");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CII_LEDGER_REPORT_READY"), QStringLiteral("1"));
    env.insert(QStringLiteral("CII_LEDGER_DATA_DIR"), dataDir);
    env.insert(QStringLiteral("CII_LEDGER_KEY_DIR"), keyDir);
    env.insert(QStringLiteral("CII_LEDGER_KEYSTORE"), QStringLiteral("file"));
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=false;cii.*.info=false"));

    bench::Samples samples;
    QElapsedTimer timer;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        p.setProcessEnvironment(env);
        timer.start();
        p.start(exe, {});
        if (!p.waitForReadyRead(20000) || !p.readAllStandardOutput().contains("ready")) {
            std::printf("the app did not report a first frame: %s\n", p.readAllStandardError().constData());
            return 1;
        }
        samples.add(timer.nsecsElapsed());
        p.waitForFinished(5000);
    }
    QDir(QFileInfo(dataDir).path()).removeRecursively();
    std::printf("platform %s\n", qPrintable(env.value(QStringLiteral("QT_QPA_PLATFORM"))));
    bench::printRow("cold start to the first frame of the lock screen", samples);
    return 0;
}
