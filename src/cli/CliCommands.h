#pragma once

#include <QStringList>
#include <QTextStream>

namespace cii {

/// `ciictl`: the command-line face of the core, for scripting, nightly imports and tests.
/// Exit codes: 0 done; 1 refused or failed (the message says why); 2 bad usage; 3 the journal was altered.
/// Secrets (PINs) are read from standard input or CII_PIN, never from arguments.
class CliCommands
{
public:
    CliCommands(QTextStream &out, QTextStream &err);
    int run(const QStringList &arguments);

private:
    int usage(const QString &problem);
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace cii
