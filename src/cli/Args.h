#pragma once

#include "CiiError.h"

#include <QHash>
#include <QStringList>

namespace cii {

/// ciictl's arguments: global options (--data-dir, --json, --help) anywhere, one command, then its `--name value`
/// options (also `--name=value`), its flags, and positional words. Repeated options keep every value in order.
struct Args
{
    QString command, dataDir, problem;
    bool json = false, help = false, dataDirGiven = false;
    QHash<QString, QStringList> options; ///< name (without dashes) -> values; a flag has one empty value
    QStringList positional;

    /// `flags` are the command options that take no value (for every command: they are few and distinct).
    static Args parse(const QStringList &arguments, const QStringList &flags);
    QString value(const QString &name) const { return options.value(name).value(0); }
    bool has(const QString &name) const { return options.contains(name); }
};

inline Args Args::parse(const QStringList &arguments, const QStringList &flags)
{
    Args a;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (!arg.startsWith(QLatin1String("--")) || arg.size() == 2) {
            if (a.command.isEmpty())
                a.command = arg;
            else
                a.positional.append(arg);
            continue;
        }
        QString name = arg.mid(2), value;
        bool inlineValue = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
            inlineValue = true;
        }
        if (name == QLatin1String("json") || name == QLatin1String("help") || flags.contains(name)) {
            if (name == QLatin1String("json"))
                a.json = true;
            else if (name == QLatin1String("help"))
                a.help = true;
            else
                a.options[name].append(QString());
            continue;
        }
        if (a.command.isEmpty() && name != QLatin1String("data-dir")) {
            a.problem = QStringLiteral("Unknown option '%1'.").arg(CiiError::excerpt(name)); // a command's options follow the command
            return a;
        }
        if (!inlineValue) {
            if (i + 1 >= arguments.size()) {
                a.problem = QStringLiteral("Missing value after '--%1'.").arg(CiiError::excerpt(name));
                return a;
            }
            value = arguments.at(++i);
        }
        if (name == QLatin1String("data-dir")) {
            a.dataDir = value;
            a.dataDirGiven = true;
        } else {
            a.options[name].append(value);
        }
    }
    return a;
}

} // namespace cii
