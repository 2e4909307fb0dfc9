#include "RestoreCli.h"

#include "Args.h"
#include "CiiError.h"
#include "Clock.h"
#include "LedgerReplication.h"
#include "LedgerStore.h"
#include "PharmacyDay.h"
#include "RecoveryKey.h"
#include "ReplicationSettings.h"
#include "Restore.h"
#include "Sqlite.h"
#include "Store.h"
#include "StoreLocation.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

namespace cii {
namespace {

QString number(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

/// A time as the pharmacy reads it: in its own time zone (not this machine's), named.
QString when(qint64 ms, const QString &zoneId)
{
    if (ms <= 0)
        return QStringLiteral("none");
    const QTimeZone zone(zoneId.toUtf8());
    const QDateTime t = zone.isValid() ? QDateTime::fromMSecsSinceEpoch(ms, zone) : QDateTime::fromMSecsSinceEpoch(ms);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + (zone.isValid() ? zone.abbreviation(t) : t.timeZoneAbbreviation());
}

/// The recovery key: CII_RECOVERY_KEY, else one line of standard input; never an argument.
QString readRecoveryKey()
{
    const QString fromEnv = qEnvironmentVariable("CII_RECOVERY_KEY");
    if (!fromEnv.isEmpty())
        return fromEnv;
    QTextStream in(stdin);
    return in.readLine();
}

std::unique_ptr<Store> openWorkingStore(const QString &dataDir, KeyStore &keys, const Clock &clock)
{
    return openLedgerStore(dataDir, keys, clock);
}

/// This workstation's activation, read from its store (closed again before anything moves).
std::optional<sync::ReplicationSettings> activationOf(const QString &dataDir, KeyStore &keys, const Clock &clock)
{
    return sync::ReplicationSettings::load(openWorkingStore(dataDir, keys, clock)->db());
}

/// The end of `date` (YYYY-MM-DD) in the pharmacy's time zone, as UTC milliseconds.
std::optional<qint64> endOfDay(const QString &date, const QString &dataDir, KeyStore &keys, const Clock &clock, QString &problem)
{
    QString why;
    const auto end = endOfPharmacyDay(openWorkingStore(dataDir, keys, clock)->db(), date, clock.nowMs(), why);
    if (!end)
        problem = QStringLiteral("--as-of %1.").arg(why);
    return end;
}

/// `asOf`: for a copy, the date given and the cut-off it meant (the end of that day in the pharmacy's zone).
QString reportText(const sync::RestoreReport &r, bool copy, const QString &asOf = {}, qint64 asOfMs = 0)
{
    QString text = copy ? QStringLiteral("Made a read-only copy of %1's records as of the end of %2 (%3, the pharmacy's time zone).\n")
                              .arg(r.pharmacyName, asOf, when(asOfMs, r.timeZone))
                        : QStringLiteral("Restored %1's records.\n").arg(r.pharmacyName);
    text += QStringLiteral("Events: %1 (%2 downloaded now)\nFirst transaction: %3\nLast transaction: %4\n")
                .arg(number(r.events), number(r.restoredNow), when(r.firstAtMs, r.timeZone), when(r.lastAtMs, r.timeZone));
    text += QStringLiteral("Products: %1; open discrepancies: %2\n").arg(r.products).arg(r.openDiscrepancies);
    for (const auto &b : r.balances)
        text += QStringLiteral("  %1  %2: %3 %4\n").arg(b.ndc11, b.name, number(b.quantity), b.unit);
    text += r.verification + QLatin1Char('\n');
    text += QStringLiteral("Journal head: %1\n").arg(QString::fromLatin1(r.headHash.toHex()));
    if (!r.keptAside.isEmpty())
        text += QStringLiteral("The earlier store was kept aside in %1.\n").arg(r.keptAside);
    if (!copy)
        text += QStringLiteral("This workstation now continues the pharmacy's records and their backup.\n");
    return text;
}

QJsonObject reportJson(const sync::RestoreReport &r)
{
    QJsonArray balances;
    for (const auto &b : r.balances)
        balances.append(QJsonObject{{QStringLiteral("ndc11"), b.ndc11}, {QStringLiteral("name"), b.name}, {QStringLiteral("quantity"), b.quantity}});
    return {{QStringLiteral("ok"), r.complete},
            {QStringLiteral("message"), r.complete ? r.verification : r.problem},
            {QStringLiteral("pharmacyName"), r.pharmacyName},
            {QStringLiteral("timeZone"), r.timeZone},
            {QStringLiteral("events"), r.events},
            {QStringLiteral("restoredNow"), r.restoredNow},
            {QStringLiteral("firstAtMs"), r.firstAtMs},
            {QStringLiteral("lastAtMs"), r.lastAtMs},
            {QStringLiteral("openDiscrepancies"), r.openDiscrepancies},
            {QStringLiteral("stateDigestChecked"), r.stateDigestChecked},
            {QStringLiteral("headHash"), QString::fromLatin1(r.headHash.toHex())},
            {QStringLiteral("keptAside"), r.keptAside},
            {QStringLiteral("balances"), balances}};
}

} // namespace

bool isRestoreCommand(const QString &command)
{
    return command == QLatin1String("restore") || command == QLatin1String("restore-copy");
}

QString restoreUsageText()
{
    return QStringLiteral(
        "\nRestore (the recovery key is read from CII_RECOVERY_KEY or the next line of standard input):\n"
        "  restore --service URL --code CODE [--ca FILE] [--name NAME] [--start-over]\n"
        "            restore the pharmacy's records from the backup service into a new store here; an unfinished\n"
        "            restore continues (no code needed again) unless --start-over\n"
        "  restore --keep-aside\n"
        "            the same on a working store: it is moved aside under a dated name first, and this\n"
        "            workstation's activation is kept\n"
        "  restore-copy --as-of YYYY-MM-DD --to DIR\n"
        "            a read-only copy of the records as they stood at the end of that day, for an audit\n");
}

QString restoreHelpText(const QString &command)
{
    if (command == QLatin1String("restore-copy"))
        return QStringLiteral("Usage: ciictl [--data-dir DIR] [--json] restore-copy --as-of YYYY-MM-DD --to DIR\n\n"
                              "A read-only copy of the records as they stood at the end of that day (in the pharmacy's time "
                              "zone), for an audit. The recovery key is read from CII_RECOVERY_KEY or the first line of "
                              "standard input.\n");
    return QStringLiteral("Usage: ciictl [--data-dir DIR] [--json] restore --service URL --code CODE [--ca FILE] [--name NAME] "
                          "[--start-over] [--keep-aside]\n\n"
                          "Restore the pharmacy's records from the backup service into a new store here; an unfinished "
                          "restore continues (no code needed again) unless --start-over. On a working store, --keep-aside "
                          "moves it aside under a dated name first. The recovery key is read from CII_RECOVERY_KEY or the "
                          "first line of standard input.\n");
}

int runRestoreCommand(const Args &args, const StoreLocation &location, QTextStream &out, QTextStream &err)
{
    const bool copy = args.command == QLatin1String("restore-copy");
    const QStringList allowed = copy ? QStringList{QStringLiteral("as-of"), QStringLiteral("to")}
                                     : QStringList{QStringLiteral("service"), QStringLiteral("code"), QStringLiteral("ca"),
                                                   QStringLiteral("name"), QStringLiteral("start-over"), QStringLiteral("keep-aside")};
    for (auto it = args.options.cbegin(); it != args.options.cend(); ++it)
        if (!allowed.contains(it.key())) {
            err << "ciictl: Unknown option '" << CiiError::excerpt(it.key()) << "' for '" << args.command << "'.\n" << restoreUsageText();
            return 2;
        }
    if (copy && (!args.has(QStringLiteral("as-of")) || args.value(QStringLiteral("to")).trimmed().isEmpty())) {
        err << "ciictl: restore-copy needs --as-of YYYY-MM-DD and --to DIR.\n";
        return 2;
    }
    const SystemClock clock;
    const auto fail = [&](const QString &problem) {
        if (args.json)
            out << QJsonDocument(QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("message"), problem}}).toJson(QJsonDocument::Compact) << '\n';
        err << problem << '\n';
        return 1;
    };
    try {
        const auto keys = selectKeyStore(location);
        sync::RestoreOptions o;
        o.clock = &clock;
        QString keptAside;
        std::unique_ptr<KeyStore> copyKeys;
        if (copy) {
            QString problem;
            o.asOfMs = endOfDay(args.value(QStringLiteral("as-of")), location.dataDir, *keys, clock, problem);
            if (!o.asOfMs)
                return fail(problem);
            o.activation = activationOf(location.dataDir, *keys, clock);
            if (!o.activation)
                return fail(QStringLiteral("This workstation is not activated with a backup service, so there is no backup to copy from."));
            const StoreLocation target{args.value(QStringLiteral("to")).trimmed(), location.keyDir};
            copyKeys = selectKeyStore(target);
            o.dataDir = target.dataDir;
            o.keyStore = copyKeys.get();
        } else {
            o.dataDir = location.dataDir;
            o.keyStore = keys.get();
            o.service = QUrl(args.value(QStringLiteral("service")).trimmed());
            o.activationCode = args.value(QStringLiteral("code"));
            o.startOver = args.has(QStringLiteral("start-over"));
            if (args.has(QStringLiteral("name")))
                o.deviceName = args.value(QStringLiteral("name"));
            if (args.has(QStringLiteral("ca"))) {
                QFile f(args.value(QStringLiteral("ca")));
                if (!f.open(QIODevice::ReadOnly))
                    return fail(QStringLiteral("The certificate file %1 cannot be read (%2).").arg(f.fileName(), f.errorString()));
                o.pinnedCaPem = f.read(1024 * 1024);
            }
            if (Store::exists(location.dataDir) && !Store::restoreIncomplete(location.dataDir)) {
                if (!args.has(QStringLiteral("keep-aside")))
                    return fail(QStringLiteral("A store already exists in %1; a restore never overwrites one. Add --keep-aside to move it "
                                               "aside under a dated name first.").arg(location.dataDir));
                const auto activation = activationOf(location.dataDir, *keys, clock);
                if (activation && !activation->revokedMs)
                    o.activation = activation;
            }
        }
        o.recoveryKey = readRecoveryKey();
        if (o.recoveryKey.trimmed().isEmpty())
            return fail(QStringLiteral("The recovery key is required: give it on standard input (one line) or in CII_RECOVERY_KEY; never as an argument."));
        QString typo;
        if (!RecoveryKey::parse(o.recoveryKey, typo)) // before anything moves or is downloaded
            return fail(typo + QStringLiteral(" Nothing was changed."));
        if (!copy && Store::exists(location.dataDir) && !Store::restoreIncomplete(location.dataDir)) {
            if (!o.activation && o.activationCode.trimmed().isEmpty())
                return fail(QStringLiteral("This workstation's activation cannot be used (none, or replaced); give --service and --code to activate it again."));
            keptAside = sync::keepStoreAside(location.dataDir, *keys, clock.nowMs());
            err << "The earlier store was kept aside in " << keptAside << ".\n";
        }
        qint64 lastShown = -1;
        sync::RestoreReport r = sync::restoreFromCloud(withLedger(o), [&](const sync::RestoreProgress &p) {
            if (p.eventsDone == lastShown && p.step == sync::RestoreProgress::Step::Downloading)
                return;
            lastShown = p.eventsDone;
            err << p.text << '\n';
            err.flush();
        });
        r.keptAside = keptAside;
        if (!r.complete)
            return fail(r.problem + (keptAside.isEmpty() ? QString() : QStringLiteral("\nThe earlier store is untouched in %1.").arg(keptAside)));
        out << (args.json ? QString::fromUtf8(QJsonDocument(reportJson(r)).toJson(QJsonDocument::Compact)) + QLatin1Char('\n') : reportText(r, copy, args.value(QStringLiteral("as-of")).trimmed(), o.asOfMs.value_or(0)));
        return 0;
    } catch (const CiiError &e) {
        return fail(e.userText());
    }
}

} // namespace cii
