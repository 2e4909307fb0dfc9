#include "ServiceConfig.h"

#include <QFile>
#include <QHostAddress>
#include <QFileInfo>
#include <QRegularExpression>

namespace cii::backupd {
namespace {

QString envName(const QString &key) { return QStringLiteral("CII_BACKUPD_") + key.toUpper().replace(QLatin1Char('-'), QLatin1Char('_')); }

bool isKnown(const QString &key)
{
    for (const auto &[name, help] : ServiceConfig::keys())
        if (name == key)
            return true;
    return false;
}

/// Reads a PEM file the service needs; empty and `problem` set when it cannot.
QByteArray readPem(const QString &key, const QString &path, const QString &origin, QString &problem)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        problem = QStringLiteral("%1 (%2) names %3, which cannot be read: %4.").arg(key, origin, path, f.errorString());
        return {};
    }
    const QByteArray pem = f.read(1024 * 1024);
    if (!pem.contains("-----BEGIN ")) {
        problem = QStringLiteral("%1 (%2) names %3, which is not a PEM file.").arg(key, origin, path);
        return {};
    }
    return pem;
}

} // namespace

const QList<std::pair<QString, QString>> &ServiceConfig::keys()
{
    static const QList<std::pair<QString, QString>> k{
        {QStringLiteral("db"), QStringLiteral("the SQLite file, or the PostgreSQL database name")},
        {QStringLiteral("driver"), QStringLiteral("QSQLITE (default) or QPSQL")},
        {QStringLiteral("host"), QStringLiteral("PostgreSQL host name or socket folder")},
        {QStringLiteral("port-db"), QStringLiteral("PostgreSQL port")},
        {QStringLiteral("user"), QStringLiteral("PostgreSQL user")},
        {QStringLiteral("password"), QStringLiteral("PostgreSQL password (file or environment only)")},
        {QStringLiteral("bind"), QStringLiteral("address to listen on (default 127.0.0.1)")},
        {QStringLiteral("port"), QStringLiteral("port to listen on (default 8443; 0 any free one, printed)")},
        {QStringLiteral("threads"), QStringLiteral("request threads, 1 to 64 (default 32 on SQLite, 8 on PostgreSQL)")},
        {QStringLiteral("tls-cert"), QStringLiteral("PEM certificate chain: serve HTTPS (with tls-key)")},
        {QStringLiteral("tls-key"), QStringLiteral("PEM private key of tls-cert")},
        {QStringLiteral("max-upload-mib"), QStringLiteral("largest change set or archive, MiB (default 64)")},
        {QStringLiteral("rate"), QStringLiteral("requests per second per device (default 200)")},
        {QStringLiteral("trusted-proxies"), QStringLiteral("reverse proxies' addresses, comma-separated, whose X-Forwarded-For is believed")},
    };
    return k;
}

QHash<QString, QString> ServiceConfig::merge(const QHash<QString, QString> &commandLine, const QHash<QString, QString> &environment,
                                             QHash<QString, QString> &origin, QString &problem)
{
    QHash<QString, QString> settings;
    const QString file = commandLine.value(QStringLiteral("config"), environment.value(QStringLiteral("CII_BACKUPD_CONFIG")));
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
            problem = QStringLiteral("The configuration file %1 cannot be read: %2.").arg(file, f.errorString());
            return {};
        }
        int lineNumber = 0;
        while (!f.atEnd()) {
            ++lineNumber;
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            const qsizetype eq = line.indexOf(QLatin1Char('='));
            const QString key = line.left(eq).trimmed();
            if (eq < 0 || !isKnown(key)) {
                problem = eq < 0 ? QStringLiteral("%1, line %2: expected \"key = value\".").arg(file).arg(lineNumber)
                                 : QStringLiteral("%1, line %2: \"%3\" is not a setting of cii-backupd.").arg(file).arg(lineNumber).arg(key);
                return {};
            }
            settings.insert(key, line.mid(eq + 1).trimmed());
            origin.insert(key, QStringLiteral("%1, line %2").arg(file).arg(lineNumber));
        }
    }
    for (const auto &[key, help] : keys()) {
        const QString name = envName(key);
        if (environment.contains(name)) {
            settings.insert(key, environment.value(name));
            origin.insert(key, name);
        }
    }
    for (auto it = commandLine.cbegin(); it != commandLine.cend(); ++it) {
        if (it.key() == QLatin1String("config"))
            continue;
        if (it.key() == QLatin1String("password")) {
            problem = QStringLiteral("The password is not taken on the command line (others could read it there); "
                                     "set CII_BACKUPD_PASSWORD or put it in the configuration file.");
            return {};
        }
        settings.insert(it.key(), it.value());
        origin.insert(it.key(), QStringLiteral("--") + it.key());
    }
    return settings;
}

ServiceConfig ServiceConfig::load(const QHash<QString, QString> &commandLine, const QHash<QString, QString> &environment, QString &problem)
{
    ServiceConfig c;
    QHash<QString, QString> origin;
    const QHash<QString, QString> s = merge(commandLine, environment, origin, problem);
    if (!problem.isEmpty())
        return c;
    const auto where = [&](const QString &key) { return origin.value(key); };
    // A whole number within [low, high], or the default when not set.
    const auto number = [&](const QString &key, qint64 fallback, qint64 low, qint64 high) -> qint64 {
        if (!s.contains(key) || !problem.isEmpty())
            return fallback;
        bool ok = false;
        const qint64 v = s.value(key).toLongLong(&ok);
        if (!ok || v < low || v > high)
            problem = QStringLiteral("%1 (%2) must be a whole number from %3 to %4, not \"%5\".")
                          .arg(key, where(key)).arg(low).arg(high).arg(s.value(key));
        return v;
    };
    c.store.driver = s.value(QStringLiteral("driver"), QStringLiteral("QSQLITE"));
    c.store.database = s.value(QStringLiteral("db"));
    c.store.host = s.value(QStringLiteral("host"));
    c.store.user = s.value(QStringLiteral("user"));
    c.store.password = s.value(QStringLiteral("password"));
    c.store.port = int(number(QStringLiteral("port-db"), 0, 1, 65535));
    c.http.bindAddress = s.value(QStringLiteral("bind"), QStringLiteral("127.0.0.1"));
    c.http.port = quint16(number(QStringLiteral("port"), 8443, 0, 65535));
    c.http.threads = int(number(QStringLiteral("threads"), defaultThreads(c.store.driver), 1, 64));
    c.limits.maxUploadBytes = number(QStringLiteral("max-upload-mib"), 64, 1, 1024) * 1024 * 1024;
    c.limits.requestsPerSecond = int(number(QStringLiteral("rate"), 200, 1, 100'000));
    for (const QString &proxy : s.value(QStringLiteral("trusted-proxies")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QHostAddress address(proxy.trimmed());
        if (address.isNull() && problem.isEmpty())
            problem = QStringLiteral("trusted-proxies (%1) lists \"%2\", which is not an IP address.")
                          .arg(where(QStringLiteral("trusted-proxies")), proxy.trimmed());
        c.limits.trustedProxies << address.toString().toLatin1();
    }
    if (!problem.isEmpty())
        return c;
    if (c.store.driver != QLatin1String("QSQLITE") && c.store.driver != QLatin1String("QPSQL"))
        problem = QStringLiteral("driver (%1) is QSQLITE or QPSQL, not \"%2\".").arg(where(QStringLiteral("driver")), c.store.driver);
    else if (c.store.database.isEmpty())
        problem = QStringLiteral("Say which database: --db FILE, CII_BACKUPD_DB, or db in the configuration file.");
    else if (s.contains(QStringLiteral("tls-cert")) != s.contains(QStringLiteral("tls-key")))
        problem = QStringLiteral("HTTPS needs both tls-cert and tls-key (only %1 is set, by %2).")
                      .arg(s.contains(QStringLiteral("tls-cert")) ? QStringLiteral("tls-cert") : QStringLiteral("tls-key"),
                           origin.value(s.contains(QStringLiteral("tls-cert")) ? QStringLiteral("tls-cert") : QStringLiteral("tls-key")));
    if (!problem.isEmpty() || !s.contains(QStringLiteral("tls-cert")))
        return c;
    c.http.tlsCertificatePem = readPem(QStringLiteral("tls-cert"), s.value(QStringLiteral("tls-cert")), where(QStringLiteral("tls-cert")), problem);
    if (problem.isEmpty())
        c.http.tlsKeyPem = readPem(QStringLiteral("tls-key"), s.value(QStringLiteral("tls-key")), where(QStringLiteral("tls-key")), problem);
    return c;
}

} // namespace cii::backupd
