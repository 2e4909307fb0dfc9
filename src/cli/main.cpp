#include "CliCommands.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
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
