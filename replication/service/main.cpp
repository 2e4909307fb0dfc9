// cii-backupd: the cloud backup service (serve) and its admin commands. docs/BACKUP-API.md, docs/OPERATIONS.md.
#include "BackupService.h"
#include "BackupStore.h"
#include "CiiError.h"
#include "Clock.h"
#include "HttpServer.h"
#include "ServiceConfig.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTextStream>
#include <csignal>
#include <cstdio>

using namespace cii;
using namespace cii::backupd;

namespace {

const char *kUsage =
    "cii-backupd: the CII Ledger cloud backup service.\n"
    "\n"
    "  cii-backupd serve                                 serves the API (docs/BACKUP-API.md)\n"
    "  cii-backupd create-pharmacy --name NAME          prints the pharmacy id\n"
    "  cii-backupd issue-code --pharmacy ID [--hours 72] prints a one-time activation code\n"
    "  cii-backupd devices --pharmacy ID\n"
    "  cii-backupd revoke --device ID\n"
    "  cii-backupd chain --pharmacy ID                  the chain's head and size\n"
    "  cii-backupd snapshot --to FILE                   a consistent copy of the SQLite database, while serving\n"
    "\n"
    "Settings come from a file (--config FILE or CII_BACKUPD_CONFIG: key = value lines), then the environment\n"
    "(CII_BACKUPD_<KEY>), then the command line (--key value), each overriding the one before:\n";

QString settingsHelp()
{
    QString help;
    for (const auto &[key, text] : ServiceConfig::keys())
        help += QStringLiteral("  %1 %2\n").arg(key, -16).arg(text);
    return help;
}

int usage(const QString &problem)
{
    std::fprintf(stderr, "%s\n\n%s%s", qPrintable(problem), kUsage, qPrintable(settingsHelp()));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help"))
        return args.isEmpty() ? usage(QStringLiteral("Say what to do.")) : (std::printf("%s%s", kUsage, qPrintable(settingsHelp())), 0);
    const QString command = args.takeFirst();
    QHash<QString, QString> opt;
    for (qsizetype i = 0; i < args.size(); i += 2) {
        if (!args[i].startsWith(QLatin1String("--")) || i + 1 >= args.size())
            return usage(QStringLiteral("\"%1\" needs a value (options are --name value).").arg(args[i]));
        opt.insert(args[i].mid(2), args[i + 1]);
    }
    // The commands' own options; everything else is a setting (ServiceConfig).
    const QStringList commandOptions{QStringLiteral("name"), QStringLiteral("pharmacy"), QStringLiteral("hours"), QStringLiteral("device"),
                                     QStringLiteral("to")};
    QHash<QString, QString> settings;
    for (auto it = opt.cbegin(); it != opt.cend(); ++it) {
        if (commandOptions.contains(it.key()))
            continue;
        bool known = it.key() == QLatin1String("config");
        for (const auto &[key, help] : ServiceConfig::keys())
            known = known || key == it.key();
        if (!known)
            return usage(QStringLiteral("--%1 is not an option of cii-backupd.").arg(it.key()));
        settings.insert(it.key(), it.value());
    }
    QHash<QString, QString> environment;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys())
        environment.insert(name, env.value(name));
    QString problem;
    const ServiceConfig config = ServiceConfig::load(settings, environment, problem);
    if (!problem.isEmpty())
        return usage(problem);
    const BackupStore::Options &so = config.store;
    // What the command does, for messages: "Could not issue an activation code: --pharmacy is required".
    const QString op = QHash<QString, QString>{{QStringLiteral("create-pharmacy"), QStringLiteral("create the pharmacy")},
                                               {QStringLiteral("issue-code"), QStringLiteral("issue an activation code")},
                                               {QStringLiteral("devices"), QStringLiteral("list the devices")},
                                               {QStringLiteral("revoke"), QStringLiteral("revoke the device")},
                                               {QStringLiteral("chain"), QStringLiteral("show the chain")},
                                               {QStringLiteral("snapshot"), QStringLiteral("copy the service's database")}}
                           .value(command, command);
    const auto need = [&](const char *name) {
        if (opt.value(QLatin1String(name)).trimmed().isEmpty())
            throw CiiError(CiiError::Code::InvalidInput, op, QString(), QStringLiteral("--%1 is required").arg(QLatin1String(name)));
        return opt.value(QLatin1String(name)).trimmed();
    };
    QTextStream out(stdout);
    const SystemClock clock;
    const auto nowMs = [&clock] { return clock.nowMs(); };
    try {
        const std::unique_ptr<BackupStore> opened = BackupStore::open(so);
        BackupStore &store = *opened;
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
        } else if (command == QLatin1String("snapshot")) {
            store.snapshotTo(need("to"));
            out << "Copied to " << opt.value(QStringLiteral("to")) << ".\n";
        } else if (command == QLatin1String("serve")) {
            const HttpServer::Options &ho = config.http;
            // SIGINT and SIGTERM wait for the main thread; the server's threads never see them.
            sigset_t stopSignals;
            sigemptyset(&stopSignals);
            sigaddset(&stopSignals, SIGINT);
            sigaddset(&stopSignals, SIGTERM);
            pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
            BackupService service(store, config.limits, clock);
            HttpServer server(service, ho);
            server.start();
            std::fprintf(stderr, "cii-backupd: listening on %s://%s:%u (%s)\n", server.isTls() ? "https" : "http",
                         qPrintable(ho.bindAddress), server.port(), qPrintable(so.driver == QLatin1String("QPSQL") ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite")));
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
