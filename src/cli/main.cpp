#include "CliCommands.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <memory>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    // The recovery sheet and reports are drawn with Qt's PDF writer, whose fonts need a GUI application (no screen:
    // offscreen).
    bool drawsSheet = false;
    for (int i = 1; i < argc; ++i)
        drawsSheet |= qstrncmp(argv[i], "--sheet", 7) == 0 || qstrncmp(argv[i], "--pdf", 5) == 0;
    if (drawsSheet && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> owner(drawsSheet ? new QGuiApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication &app = *owner;
    Q_UNUSED(app);
    QCoreApplication::setApplicationName(QStringLiteral("cii-ledger"));
    // Logs go to stderr only when asked (QT_LOGGING_RULES); a script reads stdout.
    QLoggingCategory::setFilterRules(QStringLiteral("cii.*.info=false"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    cii::CliCommands commands(out, err);
    const int rc = commands.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return rc;
}
