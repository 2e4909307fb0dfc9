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

    /// Request threads when none are set. An upload does not hold its thread while it waits for its commit (the
    /// connection is suspended), so threads are for the CPU work and for reads. PostgreSQL: 8, as each thread is
    /// a server connection and 4, 8 and 16 did alike; SQLite: 32, a little more at the most and its connections
    /// cost nothing (measured, docs/PERFORMANCE.md).
    static int defaultThreads(const QString &driver) { return driver == QLatin1String("QPSQL") ? 8 : 32; }

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
