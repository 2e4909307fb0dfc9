// cii-backupd: the cloud backup service (serve) and its admin commands. docs/BACKUP-API.md, docs/OPERATIONS.md.
#include "BackupService.h"
#include "BackupStore.h"
#include "CiiError.h"
#include "HttpServer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTextStream>
#include <csignal>
#include <cstdio>

using namespace cii;
using namespace cii::backupd;

namespace {

const char *kUsage =
    "cii-backupd: the CII Ledger cloud backup service.\n"
    "\n"
    "  cii-backupd serve [--bind 127.0.0.1] [--port 8443] [--threads 4]\n"
    "  cii-backupd create-pharmacy --name NAME          prints the pharmacy id\n"
    "  cii-backupd issue-code --pharmacy ID [--hours 72] prints a one-time activation code\n"
    "  cii-backupd devices --pharmacy ID\n"
    "  cii-backupd revoke --device ID\n"
    "  cii-backupd chain --pharmacy ID                  the chain's head and size\n"
    "\n"
    "Every command takes --db FILE (or CII_BACKUPD_DB): the SQLite file. For PostgreSQL: --driver QPSQL with\n"
    "--db NAME --host HOST --port-db N --user USER, the password in CII_BACKUPD_PASSWORD.\n";

int usage(const QString &problem)
{
    std::fprintf(stderr, "%s\n\n%s", qPrintable(problem), kUsage);
    return 2;
}

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help"))
        return args.isEmpty() ? usage(QStringLiteral("Say what to do.")) : (std::printf("%s", kUsage), 0);
    const QString command = args.takeFirst();
    QHash<QString, QString> opt;
    for (qsizetype i = 0; i < args.size(); i += 2) {
        if (!args[i].startsWith(QLatin1String("--")) || i + 1 >= args.size())
            return usage(QStringLiteral("\"%1\" needs a value (options are --name value).").arg(args[i]));
        opt.insert(args[i].mid(2), args[i + 1]);
    }
    const QStringList known{QStringLiteral("db"), QStringLiteral("driver"), QStringLiteral("host"), QStringLiteral("port-db"),
                            QStringLiteral("user"), QStringLiteral("bind"), QStringLiteral("port"), QStringLiteral("threads"),
                            QStringLiteral("name"), QStringLiteral("pharmacy"), QStringLiteral("hours"), QStringLiteral("device")};
    for (auto it = opt.cbegin(); it != opt.cend(); ++it)
        if (!known.contains(it.key()))
            return usage(QStringLiteral("--%1 is not an option of cii-backupd.").arg(it.key()));
    BackupStore::Options so;
    so.driver = opt.value(QStringLiteral("driver"), QStringLiteral("QSQLITE"));
    so.database = opt.value(QStringLiteral("db"), qEnvironmentVariable("CII_BACKUPD_DB"));
    so.host = opt.value(QStringLiteral("host"));
    so.port = opt.value(QStringLiteral("port-db")).toInt();
    so.user = opt.value(QStringLiteral("user"));
    so.password = qEnvironmentVariable("CII_BACKUPD_PASSWORD");
    if (so.database.isEmpty())
        return usage(QStringLiteral("Say which database: --db FILE or CII_BACKUPD_DB."));
    if (so.driver != QLatin1String("QSQLITE") && so.driver != QLatin1String("QPSQL"))
        return usage(QStringLiteral("--driver is QSQLITE or QPSQL."));
    // What the command does, for messages: "Could not issue an activation code: --pharmacy is required".
    const QString op = QHash<QString, QString>{{QStringLiteral("create-pharmacy"), QStringLiteral("create the pharmacy")},
                                               {QStringLiteral("issue-code"), QStringLiteral("issue an activation code")},
                                               {QStringLiteral("devices"), QStringLiteral("list the devices")},
                                               {QStringLiteral("revoke"), QStringLiteral("revoke the device")},
                                               {QStringLiteral("chain"), QStringLiteral("show the chain")}}
                           .value(command, command);
    const auto need = [&](const char *name) {
        if (opt.value(QLatin1String(name)).trimmed().isEmpty())
            throw CiiError(CiiError::Code::InvalidInput, op, QString(), QStringLiteral("--%1 is required").arg(QLatin1String(name)));
        return opt.value(QLatin1String(name)).trimmed();
    };
    QTextStream out(stdout);
    try {
        BackupStore store(so);
        if (command == QLatin1String("create-pharmacy")) {
            out << store.createPharmacy(need("name"), nowMs()) << '\n';
        } else if (command == QLatin1String("issue-code")) {
            const QString pharmacy = need("pharmacy");
            if (!store.pharmacyName(pharmacy))
                throw CiiError(CiiError::Code::InvalidInput, op, QStringLiteral("for %1").arg(pharmacy), QStringLiteral("there is no such pharmacy"));
            bool ok = true;
            const int hours = opt.value(QStringLiteral("hours"), QStringLiteral("72")).toInt(&ok);
            if (!ok || hours < 1 || hours > 24 * 30)
                throw CiiError(CiiError::Code::InvalidInput, op, QString(), QStringLiteral("--hours must be 1 to 720"));
            out << store.issueActivationCode(pharmacy, nowMs() + qint64(hours) * 3'600'000, nowMs()) << '\n';
        } else if (command == QLatin1String("devices")) {
            for (const auto &d : store.devices(need("pharmacy")))
                out << d.id << '\t' << d.name << '\t' << (d.revoked ? "revoked" : "active") << '\n';
        } else if (command == QLatin1String("revoke")) {
            if (!store.revoke(need("device"), nowMs()))
                throw CiiError(CiiError::Code::InvalidInput, op, opt.value(QStringLiteral("device")),
                               QStringLiteral("there is no such active device"));
            out << "Revoked.\n";
        } else if (command == QLatin1String("chain")) {
            const BackupStore::Head h = store.head(need("pharmacy"));
            out << "last sequence number " << h.lastSeq << ", " << h.sets << " change sets, " << h.bytes << " bytes, head "
                << h.setHash.toHex() << '\n';
        } else if (command == QLatin1String("serve")) {
            HttpServer::Options ho;
            ho.bindAddress = opt.value(QStringLiteral("bind"), QStringLiteral("127.0.0.1"));
            bool ok = true;
            ho.port = quint16(opt.value(QStringLiteral("port"), QStringLiteral("8443")).toUInt(&ok));
            ho.threads = opt.value(QStringLiteral("threads"), QStringLiteral("4")).toInt();
            if (!ok || ho.threads < 1 || ho.threads > 64)
                return usage(QStringLiteral("--port is a port number and --threads 1 to 64."));
            // SIGINT and SIGTERM wait for the main thread; the server's threads never see them.
            sigset_t stopSignals;
            sigemptyset(&stopSignals);
            sigaddset(&stopSignals, SIGINT);
            sigaddset(&stopSignals, SIGTERM);
            pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
            BackupService service(store, {}, nowMs);
            HttpServer server(service, ho);
            server.start();
            std::fprintf(stderr, "cii-backupd: listening on %s:%u\n", qPrintable(ho.bindAddress), server.port());
            int signal = 0;
            sigwait(&stopSignals, &signal);
            std::fprintf(stderr, "cii-backupd: stopping\n");
            server.stop();
        } else {
            return usage(QStringLiteral("\"%1\" is not a command of cii-backupd.").arg(command));
        }
    } catch (const CiiError &e) {
        std::fprintf(stderr, "cii-backupd: %s\n", qPrintable(e.userText()));
        return 1;
    }
    return 0;
}
