// libFuzzer target: ciictl's command line (docs/RELIABILITY.md). The input is split into arguments at NUL bytes
// and newlines; each list goes through the parser, the command table's option checks, the checks made before the
// store is opened, each command's help, and CliCommands::run against a data folder that cannot exist, so every
// refusal path that needs no store runs for real. Every answer is an exit code and a sentence; nothing may crash,
// and a refusal never echoes an argument whole.
#include "Args.h"
#include "CiiError.h"
#include "CliCommands.h"
#include "LedgerCli.h"

#include <QCoreApplication>

using namespace cii;

namespace {
const QString kNowhere = QStringLiteral("/proc/cii-fuzz-no-store");

void setUpOnce()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    // Secrets from the environment, never standard input (a fuzzer has none to give); the file key store.
    qputenv("CII_LEDGER_KEYSTORE", "file");
    qputenv("CII_LEDGER_KEY_DIR", kNowhere.toUtf8());
    qputenv("CII_PIN", "1234");
    qputenv("CII_RECOVERY_KEY", "not-a-key");
    static int argc = 1;
    static char name[] = "fuzz_args";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setUpOnce();
    QStringList arguments{QStringLiteral("ciictl")};
    QByteArray word;
    for (size_t i = 0; i <= size; ++i) {
        if (i == size || data[i] == 0 || data[i] == '\n') {
            arguments.append(QString::fromUtf8(word));
            word.clear();
        } else {
            word.append(char(data[i]));
        }
    }
    const Args args = Args::parse(arguments, LedgerCli::allFlags() << QStringLiteral("start-over") << QStringLiteral("keep-aside"));
    if (const LedgerCli::Command *c = LedgerCli::find(args.command)) {
        LedgerCli::helpText(*c);
        if (LedgerCli::checkOptions(*c, args).isEmpty()) {
            try {
                LedgerCli::checkArguments(*c, args);
            } catch (const CiiError &e) {
                if (e.userText().size() > 2000)
                    __builtin_trap(); // an argument quoted back whole
            }
        }
    }
    // The whole command, where it cannot reach a store: the data folder is one that cannot be made.
    if (!args.dataDirGiven) {
        QString out, err;
        QTextStream outStream(&out), errStream(&err);
        const int rc = CliCommands(outStream, errStream).run(QStringList{arguments.first(), QStringLiteral("--data-dir"), kNowhere}
                                                             + arguments.mid(1));
        outStream.flush();
        errStream.flush();
        if (rc < 0 || rc > 3)
            __builtin_trap();
        if (rc != 0 && err.size() > 20000)
            __builtin_trap(); // a refusal that echoes an argument whole (the usage text is about 8 KB)
    }
    return 0;
}
