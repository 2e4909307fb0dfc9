#include "CliCommands.h"

#include "Args.h"
#include "LedgerCli.h"
#include "LedgerStore.h"
#include "RestoreCli.h"

#include "Clock.h"
#include "Store.h"
#include "StoreLocation.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace cii {
namespace {

const char kUsage[] = R"(Usage: ciictl [--data-dir DIR] [--json] COMMAND

Commands:
  init      create a new encrypted store in the data folder (refused if one exists)
  status    where the store is, what protects its key, its version and journal head
  verify    walk the journal's hash chain and compare the records with a rebuild from it

Options:
  --data-dir DIR   the store's folder (default: $CII_LEDGER_DATA_DIR, else ~/.local/share/cii-ledger)
  --json           print the result as JSON
  --help           show this text (after a command: that command's options)

Exit codes: 0 done, 1 refused or failed, 2 bad usage, 3 the journal was altered.
)";

/// The store commands' own help (the ledger's and restore's come from their tables).
const struct
{
    const char *name, *synopsis, *text;
} kStoreCommands[] = {
    {"init", "init", "Create a new encrypted store in the data folder (refused if one exists)."},
    {"status", "status", "Where the store is, what protects its key, its version and journal head."},
    {"verify", "verify", "Walk the journal's hash chain and compare the records with a rebuild from it (exit code 3 when it was altered)."},
};

/// `ciictl COMMAND --help`, or empty for a command there is none of.
QString commandHelp(const QString &command)
{
    if (const LedgerCli::Command *c = LedgerCli::find(command))
        return LedgerCli::helpText(*c);
    if (isRestoreCommand(command))
        return restoreHelpText(command);
    for (const auto &c : kStoreCommands)
        if (command == QLatin1String(c.name))
            return QStringLiteral("Usage: ciictl [--data-dir DIR] [--json] %1\n\n%2\n\n"
                                  "Exit codes: 0 done, 1 refused or failed, 2 bad usage, 3 the journal was altered.\n")
                .arg(QLatin1String(c.synopsis), QLatin1String(c.text));
    return {};
}

QJsonObject errorJson(const CiiError &e)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), CiiError::codeName(e.code())},
            {QStringLiteral("message"), e.message()}, {QStringLiteral("hint"), e.hint()},
            {QStringLiteral("retryable"), e.isRetryable()}};
}

} // namespace

CliCommands::CliCommands(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{
}

int CliCommands::usage(const QString &problem)
{
    if (!problem.isEmpty())
        m_err << "ciictl: " << problem << "\n\n";
    m_err << kUsage;
    m_err.flush();
    return 2;
}

int CliCommands::run(const QStringList &arguments)
{
    const Args args = Args::parse(arguments, LedgerCli::allFlags() << QStringLiteral("start-over") << QStringLiteral("keep-aside"));
    if (!args.problem.isEmpty())
        return usage(args.problem);
    if (args.help) {
        if (args.command.isEmpty()) {
            m_out << kUsage << LedgerCli::usageText() << restoreUsageText();
            return 0;
        }
        const QString help = commandHelp(args.command);
        if (help.isEmpty())
            return usage(QStringLiteral("unknown command '%1'").arg(CiiError::excerpt(args.command)));
        m_out << help;
        return 0;
    }
    if (args.command.isEmpty())
        return usage(QStringLiteral("no command given"));
    const QString command = args.command;
    if (args.dataDirGiven && args.dataDir.trimmed().isEmpty())
        return usage(QStringLiteral("--data-dir needs a folder"));
    const bool json = args.json;
    if (isRestoreCommand(command)) {
        if (!args.positional.isEmpty())
            return usage(QStringLiteral("'%1' takes no further arguments, but got '%2'").arg(command, CiiError::excerpt(args.positional.first())));
        return runRestoreCommand(args, StoreLocation::resolve(args.dataDir), m_out, m_err);
    }
    const LedgerCli::Command *ledgerCommand = LedgerCli::find(command);
    const bool storeCommand = command == QLatin1String("init") || command == QLatin1String("status") || command == QLatin1String("verify");
    if (!storeCommand && !ledgerCommand)
        return usage(QStringLiteral("unknown command '%1'").arg(CiiError::excerpt(command)));
    if (storeCommand) {
        if (!args.options.isEmpty())
            return usage(QStringLiteral("Unknown option '%1'.").arg(CiiError::excerpt(args.options.cbegin().key())));
        if (!args.positional.isEmpty())
            return usage(QStringLiteral("'%1' takes no further arguments, but got '%2'").arg(command, CiiError::excerpt(args.positional.first())));
    } else if (const QString problem = LedgerCli::checkOptions(*ledgerCommand, args); !problem.isEmpty()) {
        return usage(problem);
    }

    const StoreLocation location = StoreLocation::resolve(args.dataDir);
    const SystemClock clock;
    try {
        if (command == QLatin1String("init") && Store::exists(location.dataDir))
            throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("create a store"), location.dataDir,
                           QStringLiteral("a store already exists there"),
                           QStringLiteral("Use 'ciictl status' to see it. A store is never overwritten."));
        const auto keyStore = selectKeyStore(location);
        const auto store = openLedgerStore(location.dataDir, *keyStore, clock, command == QLatin1String("init"));
        if (ledgerCommand) {
            QTextStream in(stdin);
            LedgerCli ledger(*store, args, in);
            const QJsonObject result = ledger.run(*ledgerCommand);
            m_out << (json ? QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact))
                           : result.value(QStringLiteral("message")).toString()) << '\n';
            return 0;
        }

        QJsonObject result{{QStringLiteral("ok"), true},
                           {QStringLiteral("path"), store->path()},
                           {QStringLiteral("keyProtection"), KeyStore::protectionName(store->keyProtection())},
                           {QStringLiteral("keyProtectionText"), store->keyProtectionText()},
                           {QStringLiteral("schemaVersion"), store->schemaVersion()},
                           {QStringLiteral("events"), store->journal().headSeq()},
                           {QStringLiteral("headHash"), QString::fromLatin1(store->journal().headHash().toHex())}};
        int exitCode = 0;
        QString text;
        if (command == QLatin1String("verify")) {
            const VerifyReport r = store->verify();
            result.insert(QStringLiteral("intact"), r.intact);
            result.insert(QStringLiteral("projectionsMatch"), r.projectionsMatch);
            if (!r.intact) {
                result.insert(QStringLiteral("firstBadSeq"), r.firstBadSeq);
                result.insert(QStringLiteral("problem"), r.problem);
            }
            exitCode = (r.intact && r.projectionsMatch) ? 0 : 3;
            text = r.summary() + QLatin1Char('\n');
        } else {
            text = QStringLiteral("%1 %2\nKey kept in: %3\nSchema version: %4\nEvents: %5\nHead: %6\n")
                       .arg(command == QLatin1String("init") ? QStringLiteral("Created store") : QStringLiteral("Store"),
                            store->path(), store->keyProtectionText())
                       .arg(store->schemaVersion())
                       .arg(store->journal().headSeq())
                       .arg(QString::fromLatin1(store->journal().headHash().toHex()));
        }
        m_out << (json ? QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)) + QLatin1Char('\n') : text);
        return exitCode;
    } catch (const CiiError &e) {
        if (json)
            m_out << QJsonDocument(errorJson(e)).toJson(QJsonDocument::Compact) << '\n';
        m_err << e.userText() << '\n';
        return 1;
    }
}

} // namespace cii
