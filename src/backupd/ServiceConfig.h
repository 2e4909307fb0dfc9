#pragma once

#include "BackupService.h"
#include "BackupStore.h"
#include "HttpServer.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace cii::backupd {

/// cii-backupd's settings, from three places, each overriding the one before: a configuration file
/// (`--config FILE` or CII_BACKUPD_CONFIG; `key = value` lines, `#` comments), the environment
/// (CII_BACKUPD_<KEY>, upper case, `-` as `_`), and the command line (`--key value`). The keys and what they
/// mean: docs/OPERATIONS.md. Every value is checked here, so `serve` either starts as configured or says why not.
struct ServiceConfig
{
    BackupStore::Options store;
    HttpServer::Options http;
    BackupService::Limits limits;

    /// Request threads when none are set. SQLite: 32, as its uploads wait for a group commit on their threads and
    /// more waiting make bigger groups; PostgreSQL: 16, as each thread keeps a server process busy on the same
    /// cores (measured, docs/PERFORMANCE.md).
    static int defaultThreads(const QString &driver) { return driver == QLatin1String("QPSQL") ? 16 : 32; }

    /// The keys a file, the environment or the command line may set, with a line of help each.
    static const QList<std::pair<QString, QString>> &keys();

    /// Merges the three sources. `commandLine` holds the options already split (`--port 8443` as port, 8443).
    /// `environment` is the process's (a parameter so tests can pass their own). On a problem, `problem` is a
    /// sentence naming the setting and where it came from, and the result is not to be used.
    static ServiceConfig load(const QHash<QString, QString> &commandLine, const QHash<QString, QString> &environment,
                              QString &problem);
    /// The settings as merged, before checking: for `load`, and for tests.
    static QHash<QString, QString> merge(const QHash<QString, QString> &commandLine, const QHash<QString, QString> &environment,
                                         QHash<QString, QString> &origin, QString &problem);
};

} // namespace cii::backupd
