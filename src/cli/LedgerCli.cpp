#include "LedgerCli.h"

#include "BackupCli.h"
#include "RecordsCli.h"

#include "Catalog.h"
#include "Clock.h"
#include "ReportBuilder.h"
#include "ReportFiles.h"
#include "StagedExport.h"
#include "Csv.h"
#include "LedgerProjection.h"
#include "LedgerQueries.h"
#include "Store.h"
#include "Validation.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <cstdio>
#include <tuple>

namespace cii {

using validate::invalid;

namespace {

/// Short for the many option names and sentences below.
QString S(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QString opName(const QString &command)
{
    return QStringLiteral("run '%1'").arg(command);
}

/// A path as quoted back: a path is longer than a word, so more of it is shown than of other inputs.
QString shownPath(const QString &path)
{
    return CiiError::excerpt(path, 120);
}

QByteArray readFile(const QString &op, const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw invalid(op, QStringLiteral("The file %1").arg(shownPath(path)), QStringLiteral("cannot be read (%1)").arg(f.errorString()));
    if (f.size() > 512LL * 1024 * 1024)
        throw invalid(op, QStringLiteral("The file %1").arg(shownPath(path)), QStringLiteral("is larger than 512 MiB"));
    return f.readAll();
}

/// A counts file: a header line, then ndc,counted per line. Each count keeps its line of the file.
QList<InventoryCount> readCounts(const QString &op, const QString &path)
{
    const csv::Parsed parsed = csv::parse(readFile(op, path));
    if (!parsed.problem.isEmpty()) // a clause about the file ("the file is not UTF-8 text ..."), said as it is
        throw CiiError::fromSentence(CiiError::Code::InvalidInput, op, parsed.problem);
    QList<InventoryCount> counts;
    for (qsizetype i = 1; i < parsed.records.size(); ++i) {
        const csv::Record &r = parsed.records[i];
        bool ok = false;
        const qint64 n = r.fields.value(1).toLongLong(&ok);
        if (!ok)
            throw invalid(op, QStringLiteral("Line %1 of the counts file").arg(r.line), QStringLiteral("needs an NDC and a whole-number count"));
        counts.append({r.fields.value(0), n, r.line});
    }
    return counts;
}

/// The options that take a whole number, checked before anyone signs in.
const QStringList &numberOptions()
{
    static const QStringList names{QStringLiteral("cadence-days"), QStringLiteral("package-size"), QStringLiteral("packages"),
                                   QStringLiteral("quantity"), QStringLiteral("prescribed"), QStringLiteral("entry"),
                                   QStringLiteral("units"), QStringLiteral("report"), QStringLiteral("counted"),
                                   QStringLiteral("delta"), QStringLiteral("discrepancy"), QStringLiteral("limit"),
                                   QStringLiteral("idle-minutes")};
    return names;
}

/// How an option's value is shown in the usage: --ndc NDC, --date YYYY-MM-DD, --quantity N, ...
QString placeholder(const QString &option)
{
    static const QHash<QString, QString> shown{
        {QStringLiteral("as"), QStringLiteral("PERSON")}, {QStringLiteral("person"), QStringLiteral("PERSON")},
        {QStringLiteral("witness"), QStringLiteral("PERSON")}, {QStringLiteral("counter"), QStringLiteral("PERSON")},
        {QStringLiteral("ndc"), QStringLiteral("NDC")}, {QStringLiteral("date"), QStringLiteral("YYYY-MM-DD")},
        {QStringLiteral("from"), QStringLiteral("YYYY-MM-DD")}, {QStringLiteral("to"), QStringLiteral("YYYY-MM-DD")},
        {QStringLiteral("expiry"), QStringLiteral("YYYY-MM-DD")}, {QStringLiteral("discovered"), QStringLiteral("YYYY-MM-DD")},
        {QStringLiteral("pdf"), QStringLiteral("FILE")}, {QStringLiteral("csv"), QStringLiteral("FILE")},
        {QStringLiteral("file"), QStringLiteral("FILE")}, {QStringLiteral("counts"), QStringLiteral("FILE")},
        {QStringLiteral("product"), QStringLiteral("FILE")}, {QStringLiteral("package"), QStringLiteral("FILE")},
        {QStringLiteral("sheet"), QStringLiteral("FILE")}, {QStringLiteral("ca"), QStringLiteral("FILE")},
        {QStringLiteral("service"), QStringLiteral("URL")}, {QStringLiteral("dea"), QStringLiteral("DEA")},
        {QStringLiteral("supplier-dea"), QStringLiteral("DEA")}, {QStringLiteral("party-dea"), QStringLiteral("DEA")},
        {QStringLiteral("scan"), QStringLiteral("CODE")}, {QStringLiteral("rx"), QStringLiteral("RX")},
        {QStringLiteral("timezone"), QStringLiteral("ZONE")}, {QStringLiteral("written"), QStringLiteral("YYYY-MM-DD")},
        {QStringLiteral("prescriber"), QStringLiteral("NAME")}, {QStringLiteral("dea-expiry"), QStringLiteral("YYYY-MM-DD")},
        {QStringLiteral("license-expiry"), QStringLiteral("YYYY-MM-DD")}, {QStringLiteral("prescriber-dea"), QStringLiteral("DEA")}};
    if (numberOptions().contains(option))
        return QStringLiteral("N");
    return shown.value(option, option.toUpper());
}

std::optional<Role> roleArg(const QString &s)
{
    return roleFromName(s.trimmed().toLower());
}

QJsonObject productJson(const ProductInfo &p)
{
    return {{QStringLiteral("ndc11"), p.ndc11}, {QStringLiteral("ndc"), p.ndc}, {QStringLiteral("name"), p.name},
            {QStringLiteral("strength"), p.strength}, {QStringLiteral("dosageForm"), p.dosageForm},
            {QStringLiteral("packageSize"), p.packageSize}, {QStringLiteral("baseUnit"), p.baseUnit},
            {QStringLiteral("schedule"), p.schedule}, {QStringLiteral("active"), p.active}};
}

Movement movementArgs(MovementKind kind, const Args &a, qint64 quantity)
{
    return Movement{kind, a.value(QStringLiteral("ndc")), quantity, a.value(QStringLiteral("party")),
                    a.value(QStringLiteral("party-dea")), a.value(QStringLiteral("order")), a.value(QStringLiteral("date"))};
}

} // namespace

LedgerCli::LedgerCli(Store &store, const Args &args, QTextStream &in)
    : m_store(store)
    , m_args(args)
    , m_in(in)
    , m_ledger(store)
{
}

QString LedgerCli::secret(const char *env, const QString &who)
{
    const bool actor = qstrcmp(env, "CII_PIN") == 0;
    if (actor && !m_actorSecret.isEmpty())
        return m_actorSecret; // signing again with the PIN given to sign in
    const QString value = readSecret(env, QStringLiteral("The PIN or password of %1").arg(who));
    if (actor)
        m_actorSecret = value;
    return value;
}

QString LedgerCli::readSecret(const char *env, const QString &what)
{
    const QString fromEnv = qEnvironmentVariable(env);
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString line = m_in.readLine();
    if (line.isNull() || line.isEmpty())
        throw invalid(opName(m_args.command), what, QStringLiteral("is required"),
                      QStringLiteral("Give it on standard input (one line) or in %1; never as an argument.").arg(QLatin1String(env)));
    return line;
}

QString LedgerCli::personId(const QString &who)
{
    const QString w = who.trimmed();
    const QStringList ids = LedgerQueries(m_store.db()).activePeopleMatching(w);
    if (ids.size() == 1)
        return ids.first();
    if (ids.isEmpty())
        throw invalid(opName(m_args.command), QStringLiteral("The person \"%1\"").arg(CiiError::excerpt(w)),
                      QStringLiteral("is not an active user here (give their id or initials; 'ciictl people' lists them)"));
    throw invalid(opName(m_args.command), QStringLiteral("The initials \"%1\"").arg(CiiError::excerpt(w)),
                  QStringLiteral("belong to more than one person: give the person's id ('ciictl people' lists them)"));
}

Session LedgerCli::session()
{
    // One command per sign-in: its own event names who did it, so the sign-in itself is not recorded (a refused
    // command leaves no trace); wrong PINs and lockouts are, as everywhere.
    const QString id = personId(text(QStringLiteral("as")));
    return m_ledger.signInForOneCommand(id, secret("CII_PIN", CiiError::excerpt(text(QStringLiteral("as")))));
}

QJsonObject LedgerCli::report()
{
    const QString op = QStringLiteral("make the report");
    const std::optional<reports::Kind> kind = reports::kindFromId(text(QStringLiteral("kind")));
    if (!kind || *kind == reports::Kind::Form106) { // a worksheet is of one report, not a range: `ciictl form106`
        QStringList ids;
        for (const reports::KindInfo &k : reports::kinds())
            ids.append(k.id);
        throw invalid(op, QStringLiteral("The kind \"%1\"").arg(CiiError::excerpt(text(QStringLiteral("kind")))),
                      QStringLiteral("is not a report; choose one of: %1").arg(ids.join(QStringLiteral(", "))));
    }
    requireOutput(op);
    const Session s = session();
    m_ledger.requireAllowed(s, Action::ExportRecords);
    reports::Request req{*kind, QDate::fromString(text(QStringLiteral("from")), Qt::ISODate), QDate::fromString(text(QStringLiteral("to")), Qt::ISODate),
                         {}, {}, s.name(), m_store.clock().nowMs()};
    if (!text(QStringLiteral("ndc")).isEmpty()) {
        const ScanLookup found = Catalog(m_store.db()).lookupScan(text(QStringLiteral("ndc")));
        if (!found.found) // a sentence that names the product
            throw CiiError::fromSentence(CiiError::Code::InvalidInput, op, found.message);
        req.ndc11 = found.product.ndc11;
    }
    if (!text(QStringLiteral("person")).isEmpty())
        req.personId = personId(text(QStringLiteral("person")));
    return writeReport(s, req);
}

void LedgerCli::requireOutput(const QString &op) const
{
    if (text(QStringLiteral("pdf")).isEmpty() && text(QStringLiteral("csv")).isEmpty())
        throw invalid(op, QStringLiteral("The output"), QStringLiteral("is missing: give --pdf FILE, --csv FILE or both"));
}

QJsonObject LedgerCli::form106()
{
    const QString op = QStringLiteral("make the Form 106 worksheet");
    requireOutput(op);
    const Session s = session();
    m_ledger.requireAllowed(s, Action::ExportRecords);
    reports::Request req{reports::Kind::Form106, {}, {}, {}, {}, s.name(), m_store.clock().nowMs()};
    req.theftLossId = number(QStringLiteral("report"));
    return writeReport(s, req);
}

QJsonObject LedgerCli::writeReport(const Session &s, const reports::Request &asked)
{
    const QString op = QStringLiteral("make the report");
    const QString pdf = text(QStringLiteral("pdf")), csvPath = text(QStringLiteral("csv"));
    const reports::Report r = reports::build(m_store.db(), asked);
    reports::Request req = asked;
    req.from = r.from; // a worksheet's range is its report's discovery date
    req.to = r.to;
    // Each file is written beside its place first and moved there only once its export is recorded: a refused or
    // failed export leaves no file, and no file is handed out that the audit log does not show.
    reports::StagedExport staged;
    QStringList formats, written;
    int pages = 0;
    try {
        if (!pdf.isEmpty()) {
            if (const QString problem = reports::writePdf(r, staged.add(pdf), {}, &pages); !problem.isEmpty())
                throw CiiError::fromSentence(CiiError::Code::NotWritable, op, problem);
            formats << QStringLiteral("PDF");
            written << QStringLiteral("%1 (%2 %3)").arg(pdf).arg(pages).arg(pages == 1 ? QStringLiteral("page") : QStringLiteral("pages"));
        }
        if (!csvPath.isEmpty()) {
            if (const QString problem = reports::writeFile(staged.add(csvPath), reports::toCsv(r)); !problem.isEmpty())
                throw CiiError::fromSentence(CiiError::Code::NotWritable, op, problem);
            formats << QStringLiteral("CSV");
            written << csvPath;
        }
        for (const QString &format : std::as_const(formats))
            m_ledger.recordExport(s, {r.title, req.from.toString(Qt::ISODate), req.to.toString(Qt::ISODate), format, r.rows.size()});
    } catch (...) {
        staged.discard();
        throw;
    }
    if (const QString problem = staged.publish(); !problem.isEmpty())
        throw CiiError::fromSentence(CiiError::Code::NotWritable, op, problem, QStringLiteral("The export was recorded."));
    QJsonObject o = done(QStringLiteral("%1, %2: %3 rows written to %4.").arg(r.title, r.rangeText()).arg(r.rows.size())
                             .arg(written.join(QStringLiteral(" and "))));
    o.insert(QStringLiteral("rows"), r.rows.size());
    return o;
}

QJsonObject LedgerCli::changeProfile()
{
    const QString op = QStringLiteral("save the pharmacy profile");
    const PharmacyRow now = LedgerQueries(m_store.db()).pharmacy();
    if (!now.exists)
        throw invalid(op, QStringLiteral("The pharmacy"), QStringLiteral("is not set up yet"), QStringLiteral("Run 'ciictl setup' first."));
    PharmacyProfile p{now.name, now.address, now.dea, now.state, now.timezone, now.cadenceDays, now.deaExpiry, now.licenseExpiry};
    QStringList changed;
    const auto take = [&](const char *option, QString &field, const char *what) {
        if (m_args.has(QLatin1String(option)) && m_args.value(QLatin1String(option)) != field) {
            field = m_args.value(QLatin1String(option));
            changed << QLatin1String(what);
        }
    };
    take("name", p.name, "name");
    take("address", p.address, "address");
    take("dea", p.dea, "DEA number");
    take("state", p.state, "state");
    take("timezone", p.timezone, "time zone");
    take("dea-expiry", p.deaExpiry, "DEA registration's expiry");
    take("license-expiry", p.licenseExpiry, "state licence's expiry");
    if (m_args.has(QStringLiteral("cadence-days")) && number(QStringLiteral("cadence-days")) != now.cadenceDays) {
        p.cadenceDays = int(qBound(qint64(-1), number(QStringLiteral("cadence-days")), qint64(100000))); // out of range: refused below
        changed << QStringLiteral("reconciliation cadence");
    }
    const bool profileChanged = !changed.isEmpty();
    // The idle lock is a setting of its own (Ledger::setIdleMinutes), refused out of range before any PIN is asked.
    std::optional<int> idle;
    if (m_args.has(QStringLiteral("idle-minutes"))) {
        const qint64 minutes = number(QStringLiteral("idle-minutes"));
        if (minutes < Ledger::kMinIdleMinutes || minutes > Ledger::kMaxIdleMinutes)
            throw invalid(QStringLiteral("change the idle lock"), QStringLiteral("--idle-minutes"),
                          QStringLiteral("must be between %1 and %2 minutes (got %3)").arg(Ledger::kMinIdleMinutes)
                              .arg(Ledger::kMaxIdleMinutes).arg(CiiError::excerpt(m_args.value(QStringLiteral("idle-minutes")))));
        if (minutes != LedgerQueries(m_store.db()).idleMinutes()) {
            idle = int(minutes);
            changed << QStringLiteral("idle lock");
        }
    }
    if (changed.isEmpty())
        throw invalid(op, QStringLiteral("The profile"), QStringLiteral("already says that: give a new value to change"));
    const Session s = session();
    const QString pin = secret("CII_PIN", text(QStringLiteral("as")));
    if (profileChanged)
        m_ledger.configurePharmacy(s, p, pin);
    if (idle)
        m_ledger.setIdleMinutes(s, *idle, pin);
    return done(QStringLiteral("The pharmacy profile was changed: %1.").arg(changed.join(QStringLiteral(", "))), m_store.journal().headSeq());
}

Witness LedgerCli::witness(int index)
{
    const QString who = m_args.options.value(QStringLiteral("witness")).value(index);
    const QString id = personId(who);
    return {id, secret(index == 0 ? "CII_WITNESS_PIN_1" : "CII_WITNESS_PIN_2", QStringLiteral("the witness ") + who)};
}

QList<Witness> LedgerCli::counters(const Session &s)
{
    QList<Witness> out;
    const QStringList named = m_args.options.value(QStringLiteral("counter"));
    for (int i = 0; i < named.size(); ++i) {
        const QString id = personId(named.at(i));
        const QByteArray env = "CII_COUNTER_PIN_" + QByteArray::number(i + 1);
        out.append({id, id == s.personId() ? QString() : secret(env.constData(), named.at(i))});
    }
    return out;
}

qint64 LedgerCli::number(const QString &name, qint64 fallback) const
{
    return numberOf(m_args, name, fallback);
}

qint64 LedgerCli::numberOf(const Args &args, const QString &name, qint64 fallback)
{
    if (!args.has(name))
        return fallback;
    bool ok = false;
    const qint64 v = args.value(name).trimmed().toLongLong(&ok);
    if (!ok)
        throw invalid(opName(args.command), QStringLiteral("--%1").arg(name),
                      QStringLiteral("must be a whole number (got \"%1\")").arg(CiiError::excerpt(args.value(name))));
    return v;
}

void LedgerCli::checkArguments(const Command &c, const Args &args)
{
    for (auto it = args.options.cbegin(); it != args.options.cend(); ++it) {
        for (const QString &value : it.value())
            if (const QString why = validate::unreadable(value); !why.isEmpty())
                throw invalid(opName(c.name), QStringLiteral("--%1").arg(it.key()), why);
        if (numberOptions().contains(it.key()))
            numberOf(args, it.key());
    }
    for (const QString &word : args.positional)
        if (const QString why = validate::unreadable(word); !why.isEmpty())
            throw invalid(opName(c.name), QStringLiteral("The text \"%1\"").arg(CiiError::excerpt(word)), why);
}

QJsonObject LedgerCli::done(const QString &message, qint64 seq)
{
    QJsonObject o{{QStringLiteral("ok"), true}, {QStringLiteral("message"), message}};
    if (seq)
        o.insert(QStringLiteral("seq"), seq);
    return o;
}

QJsonObject LedgerCli::importResult(const ImportReport &r)
{
    QJsonArray rejected;
    QString lines;
    for (const ImportRejection &x : r.rejected) {
        rejected.append(QJsonObject{{QStringLiteral("file"), x.file}, {QStringLiteral("line"), x.line}, {QStringLiteral("reason"), x.reason}});
        lines += QStringLiteral("\n  %1 line %2: %3").arg(x.file).arg(x.line).arg(x.reason);
    }
    QJsonObject o = done(QStringLiteral("Imported: %1 added, %2 updated, %3 unchanged, %4 not schedule II, %5 rejected.%6")
                             .arg(r.added).arg(r.updated).arg(r.unchanged).arg(r.skipped).arg(r.rejected.size()).arg(lines));
    o.insert(QStringLiteral("added"), r.added);
    o.insert(QStringLiteral("updated"), r.updated);
    o.insert(QStringLiteral("unchanged"), r.unchanged);
    o.insert(QStringLiteral("skipped"), r.skipped);
    o.insert(QStringLiteral("rejected"), rejected);
    return o;
}

const LedgerCli::Command *LedgerCli::find(const QString &name)
{
    for (const Command &c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

QStringList LedgerCli::allFlags()
{
    return {QStringLiteral("override"), QStringLiteral("escalate")};
}

QString LedgerCli::checkOptions(const Command &c, const Args &args)
{
    for (auto it = args.options.cbegin(); it != args.options.cend(); ++it)
        if (!c.required.contains(it.key()) && !c.optional.contains(it.key()) && !c.flags.contains(it.key())) {
            if (it.key() == QLatin1String("pin") || it.key() == QLatin1String("password"))
                return QStringLiteral("A PIN or password is never given as an argument (others could read it): "
                                      "pipe it on standard input or set CII_PIN.");
            return QStringLiteral("Unknown option '%1' for '%2'.").arg(CiiError::excerpt(it.key()), c.name);
        }
    QStringList missing;
    for (const QString &r : c.required)
        if (!args.has(r))
            missing << QStringLiteral("--") + r;
    if (!missing.isEmpty())
        return QStringLiteral("'%1' needs %2.").arg(c.name, missing.join(QStringLiteral(", ")));
    if (args.positional.size() != c.positional)
        return c.positional == 0 ? QStringLiteral("'%1' takes no further arguments, but got '%2'").arg(c.name, CiiError::excerpt(args.positional.first()))
                                 : QStringLiteral("'%1' takes %2 argument(s).").arg(c.name).arg(c.positional);
    return {};
}

QString LedgerCli::synopsis(const Command &c)
{
    QStringList parts{c.name};
    for (int i = 0; i < c.positional; ++i)
        parts << QStringLiteral("TEXT");
    for (const QString &r : c.required)
        parts << QStringLiteral("--%1 %2").arg(r, placeholder(r));
    for (const QString &o : c.optional)
        parts << QStringLiteral("[--%1 %2]").arg(o, placeholder(o));
    for (const QString &f : c.flags)
        parts << QStringLiteral("[--%1]").arg(f);
    return parts.join(QLatin1Char(' '));
}

QString LedgerCli::usageText()
{
    QString text = QStringLiteral("\nLedger commands (PINs on standard input or in CII_PIN, never as arguments):\n");
    for (const Command &c : commands())
        text += QStringLiteral("  %1\n      %2\n").arg(synopsis(c), c.summary);
    return text;
}

QString LedgerCli::helpText(const Command &c)
{
    const QString summary = c.summary.at(0).toUpper() + c.summary.mid(1);
    QString text = QStringLiteral("Usage: ciictl [--data-dir DIR] [--json] %1\n\n%2.\n").arg(synopsis(c), summary);
    if (c.required.contains(QLatin1String("as")))
        text += QStringLiteral("\n--as names who acts (their id or initials; 'ciictl people' lists them). Their PIN or password is "
                               "read from CII_PIN or the first line of standard input, never from an argument.\n");
    return text + QStringLiteral("\nExit codes: 0 done, 1 refused or failed, 2 bad usage, 3 the journal was altered.\n");
}

const QList<LedgerCli::Command> &LedgerCli::commands()
{
    using L = LedgerCli;
    static const QList<Command> list{
        {S("setup"), S("set up the pharmacy and its pharmacist-in-charge (whose PIN is read as the secret)"),
         {S("name"), S("address"), S("dea"), S("state"), S("timezone"), S("pic-name"), S("pic-initials")},
         {S("cadence-days"), S("dea-expiry"), S("license-expiry")}, {},
         [](L &c) {
             const PharmacyProfile p{c.text(S("name")), c.text(S("address")), c.text(S("dea")), c.text(S("state")),
                                     c.text(S("timezone")), int(c.number(S("cadence-days"))), c.text(S("dea-expiry")), c.text(S("license-expiry"))};
             const QString pin = c.secret("CII_PIN", S("the pharmacist-in-charge"));
             const QString id = c.m_ledger.setUp(p, {c.text(S("pic-name")), c.text(S("pic-initials")), Role::PharmacistInCharge, pin, {}});
             QJsonObject o = done(QStringLiteral("Set up %1; the pharmacist-in-charge's id is %2.").arg(p.name.trimmed(), id));
             o.insert(S("personId"), id);
             return o;
         }},
        {S("person-add"), S("add a person (role: technician, pharmacist, pharmacist-in-charge, owner); their PIN (4-8 digits) or password is read after yours"),
         {S("as"), S("name"), S("initials"), S("role")}, {}, {},
         [](L &c) {
             const auto role = roleArg(c.text(S("role")));
             if (!role)
                 throw invalid(S("add the person"), S("The role"), S("must be technician, pharmacist, pharmacist-in-charge or owner"));
             const Session s = c.session();
             const QString secret = c.secret("CII_NEW_SECRET", S("the new person"));
             const bool isPin = !secret.isEmpty() && std::all_of(secret.begin(), secret.end(), [](QChar ch) { return ch.isDigit(); });
             const QString id = c.m_ledger.addPerson(s, {c.text(S("name")), c.text(S("initials")), *role, isPin ? secret : QString(), isPin ? QString() : secret});
             QJsonObject o = done(QStringLiteral("Added %1 as %2 (id %3).").arg(c.text(S("name")).trimmed(), roleName(*role), id));
             o.insert(S("personId"), id);
             return o;
         }},
        {S("person-deactivate"), S("deactivate a person (people are never deleted)"), {S("as"), S("person"), S("reason")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             c.m_ledger.deactivatePerson(s, c.personId(c.text(S("person"))), c.text(S("reason")));
             return done(S("Deactivated."));
         }},
        {S("person-credentials"), S("set a new PIN or password (read after yours, from CII_NEW_SECRET or the next line): your own, or as pharmacist-in-charge or owner someone else's (which lifts a lockout)"),
         {S("as")}, {S("person")}, {},
         [](L &c) {
             const Session s = c.session();
             const QString who = c.m_args.has(S("person")) ? c.personId(c.text(S("person"))) : s.personId();
             const QString secret = c.secret("CII_NEW_SECRET", S("the new credential"));
             const bool isPin = std::all_of(secret.begin(), secret.end(), [](QChar ch) { return ch.isDigit(); });
             c.m_ledger.changeCredentials(s, who, isPin ? secret : QString(), isPin ? QString() : secret, c.secret("CII_PIN", c.text(S("as"))));
             return done(isPin ? S("The PIN was changed.") : S("The password was changed."));
         }},
        {S("person-role"), S("give a person a new role (technician, pharmacist, pharmacist-in-charge, owner), as pharmacist-in-charge or owner, signed with your PIN; the last pharmacist-in-charge stays one until another is named"),
         {S("as"), S("person"), S("role")}, {}, {},
         [](L &c) {
             const auto role = roleArg(c.text(S("role")));
             if (!role)
                 throw invalid(S("change the role"), S("The role"), S("must be technician, pharmacist, pharmacist-in-charge or owner"));
             const Session s = c.session();
             const QString who = c.personId(c.text(S("person")));
             c.m_ledger.changeRole(s, who, *role, c.secret("CII_PIN", c.text(S("as"))));
             return done(QStringLiteral("%1 is now %2.").arg(LedgerQueries(c.m_store.db()).personNames().value(who), roleName(*role)));
         }},
        {S("people"), S("list the people, their ids, initials and roles"), {}, {}, {},
         [](L &c) {
             QJsonArray people;
             QString text;
             for (const PersonRow &p : LedgerQueries(c.m_store.db()).people(false)) {
                 people.append(QJsonObject{{S("id"), p.id}, {S("name"), p.name}, {S("initials"), p.initials},
                                           {S("role"), p.roleName}, {S("active"), p.active}});
                 text += QStringLiteral("%1  %2  %3  %4%5\n").arg(p.id, p.initials, p.name, p.roleName, p.active ? QString() : S(" (inactive)"));
             }
             QJsonObject o = done(text.trimmed());
             o.insert(S("people"), people);
             return o;
         }},
        {S("product-add"), S("add or update a product"), {S("as"), S("ndc"), S("name"), S("strength"), S("form"), S("package-size"), S("unit")}, {S("schedule")}, {},
         [](L &c) {
             const Session s = c.session();
             const QString key = c.m_ledger.addProduct(s, {c.text(S("ndc")), c.text(S("name")), c.text(S("strength")), c.text(S("form")),
                                                           c.text(S("unit")), c.number(S("package-size")),
                                                           c.m_args.has(S("schedule")) ? c.text(S("schedule")).toUpper() : S("CII")});
             return done(QStringLiteral("Saved product %1.").arg(key));
         }},
        {S("product-deactivate"), S("deactivate a product (kept for history)"), {S("as"), S("ndc")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             c.m_ledger.deactivateProduct(s, c.text(S("ndc")));
             return done(S("Deactivated."));
         }},
        {S("product-reactivate"), S("make an inactive product usable again"), {S("as"), S("ndc")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             c.m_ledger.reactivateProduct(s, c.text(S("ndc")));
             return done(S("Reactivated."));
         }},
        {S("product-reorder-point"), S("set the level, in base units, at or below which a product is to be ordered again (0: none)"),
         {S("as"), S("ndc"), S("units")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 units = c.number(S("units"));
             c.m_ledger.setReorderPoint(s, c.text(S("ndc")), units);
             return done(units == 0 ? S("Reorder point cleared.") : QStringLiteral("Reorder point set to %1.").arg(units));
         }},
        {S("import-fda"), S("import schedule II products from the FDA NDC Directory's product.txt and package.txt"), {S("as"), S("product"), S("package")}, {}, {},
         [](L &c) {
             const QString op = S("import the FDA NDC Directory");
             const QByteArray product = readFile(op, c.text(S("product"))), package = readFile(op, c.text(S("package")));
             return importResult(c.m_ledger.importFdaDirectory(c.session(), product, package));
         }},
        {S("import-csv"), S("import products from a CSV (ndc,name,strength,dosage_form,package_size,base_unit,schedule)"), {S("as"), S("file")}, {}, {},
         [](L &c) {
             const QByteArray bytes = readFile(S("import the catalog file"), c.text(S("file")));
             return importResult(c.m_ledger.importCatalogCsv(c.session(), bytes));
         }},
        {S("search"), S("find products by name prefix or NDC prefix"), {}, {S("limit")}, {},
         [](L &c) {
             const QList<ProductInfo> found = Catalog(c.m_store.db()).search(c.m_args.positional.value(0), int(c.number(S("limit"), 50)));
             QJsonArray arr;
             QString text;
             for (const ProductInfo &p : found) {
                 arr.append(productJson(p));
                 text += QStringLiteral("%1  %2%3\n").arg(p.ndc, p.displayName(), p.active ? QString() : S(" (inactive)"));
             }
             QJsonObject o = done(found.isEmpty() ? S("No product matches.") : text.trimmed());
             o.insert(S("products"), arr);
             return o;
         }, 1},
        {S("scan"), S("decode a barcode (UPC-A, GS1 DataMatrix, NDC) and find the product"), {}, {}, {},
         [](L &c) {
             const ScanLookup r = Catalog(c.m_store.db()).lookupScan(c.m_args.positional.value(0));
             if (!r.found)
                 throw CiiError::fromSentence(CiiError::Code::InvalidInput, S("find the scanned product"), r.message);
             QJsonObject o = done(QStringLiteral("%1 (NDC %2)%3").arg(r.product.displayName(), r.product.ndc,
                                      r.scan.lot.isEmpty() ? QString() : QStringLiteral(", lot %1, expires %2").arg(r.scan.lot, r.scan.expiry)));
             o.insert(S("product"), productJson(r.product));
             o.insert(S("lot"), r.scan.lot);
             o.insert(S("expiry"), r.scan.expiry);
             o.insert(S("serial"), r.scan.serial);
             return o;
         }, 1},
        {S("balance"), S("the balance on hand of a product"), {S("ndc")}, {}, {},
         [](L &c) {
             const qint64 b = c.m_ledger.balance(c.text(S("ndc")));
             const qint64 awaiting = LedgerQueries(c.m_store.db()).awaitingDisposal(c.m_ledger.resolveProduct(c.text(S("ndc"))));
             QJsonObject o = done(awaiting == 0 ? QStringLiteral("%1 on hand.").arg(b)
                                                : QStringLiteral("%1 on hand, %2 of them set aside awaiting disposal.").arg(b).arg(awaiting));
             o.insert(S("balance"), b);
             o.insert(S("awaitingDisposal"), awaiting);
             return o;
         }},
        {S("products"), S("list the catalog: every product, active or not, with its balance on hand"), {}, {}, {},
         [](L &c) { return listProducts(c.m_store); }},
        {S("rx"), S("a prescription's fills and returns, what was prescribed and what is left"), {S("rx")}, {}, {},
         [](L &c) { return listRxFills(c.m_store, c.text(S("rx"))); }},
        {S("entries"), S("a product's entries with their running balance, newest first (--from, --to: the pharmacy's days; --limit, 50 unless given)"),
         {S("ndc")}, {S("from"), S("to"), S("limit")}, {},
         [](L &c) { return listEntries(c.m_store, c.m_args); }},
        {S("profile"), S("the pharmacy profile and its settings"), {}, {}, {},
         [](L &c) { return showProfile(c.m_store); }},
        {S("due"), S("what the pharmacist-in-charge must do by a date, earliest first: inventories, reconciliations, theft or loss "
                     "filings, the registration's and licence's expiry"), {}, {}, {},
         [](L &c) { return listDueDates(c.m_store); }},
        {S("profile-set"), S("change the pharmacy profile or its settings (pharmacist-in-charge or owner, signed with their PIN); what is not "
                             "given stays as it is"),
         {S("as")}, {S("name"), S("address"), S("dea"), S("state"), S("timezone"), S("cadence-days"), S("dea-expiry"), S("license-expiry"),
          S("idle-minutes")}, {},
         [](L &c) { return c.changeProfile(); }},
        {S("receive"), S("record a receipt against a Form 222 or CSOS order: the product by --ndc with --lot and --expiry, or by --scan with "
                         "the package's barcode as scanned (a GS1 code carries its lot and expiry). --packages is what arrived; when "
                         "fewer arrived than were shipped, --shipped N and --supplier-told (who at the supplier was told: the supplier "
                         "reports a loss in transit)"),
         {S("as"), S("packages"), S("order-type"), S("order"), S("supplier"), S("supplier-dea"), S("date")},
         {S("ndc"), S("scan"), S("lot"), S("expiry"), S("shipped"), S("supplier-told")}, {},
         [](L &c) {
             const QString op = S("record the receipt");
             Receipt r{c.text(S("ndc")), c.number(S("packages")), c.text(S("order-type")), c.text(S("order")), c.text(S("supplier")),
                       c.text(S("supplier-dea")), c.text(S("lot")), c.text(S("expiry")), c.text(S("date")),
                       c.m_args.has(S("shipped")) ? c.number(S("shipped")) : 0, c.text(S("supplier-told"))};
             if (c.m_args.has(S("scan")) == c.m_args.has(S("ndc")))
                 throw invalid(op, S("The product"), S("is named by --ndc or by --scan, one of the two"));
             if (c.m_args.has(S("scan"))) {
                 const ScanLookup found = Catalog(c.m_store.db()).lookupScan(c.text(S("scan")));
                 if (!found.found)
                     throw CiiError::fromSentence(CiiError::Code::InvalidInput, op, found.message);
                 r.ndc11 = found.product.ndc11;
                 for (const auto &[option, scanned, field] : {std::tuple{S("lot"), found.scan.lot, &r.lot}, std::tuple{S("expiry"), found.scan.expiry, &r.expiry}}) {
                     if (!scanned.isEmpty() && c.m_args.has(option) && c.text(option).trimmed() != scanned)
                         throw invalid(op, QStringLiteral("--%1 \"%2\"").arg(option, CiiError::excerpt(c.text(option))),
                                       QStringLiteral("differs from the scanned code's (%1)").arg(scanned));
                     if (!scanned.isEmpty())
                         *field = scanned;
                 }
             }
             if (r.lot.trimmed().isEmpty())
                 throw invalid(op, S("The lot number"), S("is required: give --lot, or --scan the package's GS1 barcode, which carries it"));
             if (r.expiry.trimmed().isEmpty())
                 throw invalid(op, S("The expiry date"), S("is required: give --expiry, or --scan the package's GS1 barcode, which carries it"));
             const Session s = c.session();
             const qint64 seq = c.m_ledger.receive(s, r);
             if (r.packagesShipped > r.packages)
                 return done(QStringLiteral("Received (entry %1): %2 of the %3 packages shipped; the supplier reports the %4 missing.")
                                 .arg(seq).arg(r.packages).arg(r.packagesShipped).arg(r.packagesShipped - r.packages), seq);
             return done(QStringLiteral("Received (entry %1).").arg(seq), seq);
         }},
        {S("dispense"), S("record a dispense. The first fill of an Rx gives --prescribed, --written (the date written), --prescriber and "
                          "--prescriber-dea, and when less than prescribed is filled, --partial: cannot-supply (the rest within 72 hours), "
                          "long-term-care (fills up to 60 days from the date written) or patient-request (within 30 days of it). A later "
                          "fill gives none of these"),
         {S("as"), S("ndc"), S("quantity"), S("rx"), S("date")},
         {S("prescribed"), S("written"), S("prescriber"), S("prescriber-dea"), S("partial"), S("reason")}, {S("override")},
         [](L &c) {
             const Session s = c.session();
             Dispense d;
             d.ndc11 = c.text(S("ndc"));
             d.quantity = c.number(S("quantity"));
             d.rx = c.text(S("rx"));
             d.fillDate = c.text(S("date"));
             d.prescribedQuantity = c.number(S("prescribed"));
             d.dateWritten = c.text(S("written"));
             d.prescriberName = c.text(S("prescriber"));
             d.prescriberDea = c.text(S("prescriber-dea"));
             d.partialKind = c.text(S("partial"));
             if (c.m_args.has(S("override"))) {
                 d.overrideBalance = true;
                 d.overrideReason = c.text(S("reason"));
                 d.signaturePin = c.secret("CII_PIN", c.text(S("as")));
             }
             const qint64 seq = c.m_ledger.dispense(s, d);
             return done(QStringLiteral("Dispensed (entry %1).").arg(seq), seq);
         }},
        {S("to-verify"), S("technicians' dispenses waiting for a pharmacist's verification"), {}, {}, {},
         [](L &c) { return listToVerify(c.m_store); }},
        {S("verify-dispense"), S("verify a technician's dispense (--entry N, as 'to-verify' lists): a pharmacist, signed with their PIN, who is then "
                        "its dispenser on record"),
         {S("as"), S("entry")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.verifyDispense(s, c.number(S("entry")), c.secret("CII_PIN", c.text(S("as"))));
             return done(QStringLiteral("Verified: %1 dispensed entry %2 (entry %3).").arg(s.name()).arg(c.number(S("entry"))).arg(seq), seq);
         }},
        {S("rx-close"), S("close the rest of a partly filled Rx: the rest is void and the prescriber told (--note says how); a pharmacist, "
                          "signed with their PIN"),
         {S("as"), S("rx"), S("note")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.closePrescription(s, c.text(S("rx")), c.text(S("note")), c.secret("CII_PIN", c.text(S("as"))));
             return done(QStringLiteral("Rx %1 closed: the rest is void (entry %2).").arg(c.text(S("rx")).trimmed()).arg(seq), seq);
         }},
        {S("return-to-stock"), S("return a dispense that was not picked up"), {S("as"), S("entry"), S("quantity"), S("reason")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.returnToStock(s, c.number(S("entry")), c.number(S("quantity")), c.text(S("reason")));
             return done(QStringLiteral("Returned to stock (entry %1).").arg(seq), seq);
         }},
        {S("move"), S("transfer-in, transfer-out, return-to-supplier or reverse-distributor"),
         {S("as"), S("kind"), S("ndc"), S("quantity"), S("party"), S("party-dea"), S("order"), S("date")}, {}, {},
         [](L &c) {
             const QString kindName = c.text(S("kind"));
             std::optional<MovementKind> kind;
             for (MovementKind k : {MovementKind::TransferIn, MovementKind::TransferOut, MovementKind::ReturnToSupplier, MovementKind::ReverseDistributor})
                 if (Ledger::movementKindName(k) == kindName)
                     kind = k;
             if (!kind)
                 throw invalid(S("record the movement"), S("--kind"), S("must be transfer-in, transfer-out, return-to-supplier or reverse-distributor"));
             const Session s = c.session();
             const qint64 seq = c.m_ledger.recordMovement(s, movementArgs(*kind, c.m_args, c.number(S("quantity"))));
             return done(QStringLiteral("Recorded (entry %1).").arg(seq), seq);
         }},
        {S("destroy"), S("record a destruction (DEA Form 41) with two --witness, each signing with their PIN"),
         {S("as"), S("ndc"), S("method"), S("location"), S("date"), S("witness")}, {S("packages"), S("units")}, {},
         [](L &c) {
             if (c.m_args.options.value(S("witness")).size() != 2)
                 throw invalid(S("record the destruction"), S("--witness"), S("must be given twice: two people witness a destruction"));
             const Session s = c.session();
             const Destruction d{c.text(S("ndc")), c.number(S("packages")), c.number(S("units")), c.text(S("method")), c.text(S("location")),
                                 c.text(S("date")), c.witness(0), c.witness(1)};
             const qint64 seq = c.m_ledger.destroy(s, d);
             return done(QStringLiteral("Destruction recorded (entry %1).").arg(seq), seq);
         }},
        {S("set-aside"), S("set stock aside awaiting disposal (expired, damaged, recalled): still on hand and counted, never dispensed, until "
                           "destroyed or shipped to a reverse distributor (pharmacist or above, signed)"),
         {S("as"), S("ndc"), S("quantity"), S("reason")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.setAside(s, {c.text(S("ndc")), c.number(S("quantity")), c.text(S("reason")),
                                                         c.secret("CII_PIN", c.text(S("as")))});
             const QString key = c.m_ledger.resolveProduct(c.text(S("ndc")));
             const qint64 awaiting = LedgerQueries(c.m_store.db()).awaitingDisposal(key);
             QJsonObject o = done(QStringLiteral("Set aside for disposal (entry %1): %2 of the %3 on hand await disposal.")
                                      .arg(seq).arg(awaiting).arg(c.m_ledger.balance(key)), seq);
             o.insert(S("awaitingDisposal"), awaiting);
             return o;
         }},
        {S("waste"), S("record waste with a --witness who signs"), {S("as"), S("ndc"), S("quantity"), S("reason"), S("witness")}, {S("note")}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.waste(s, {c.text(S("ndc")), c.number(S("quantity")), c.text(S("reason")), c.text(S("note")), c.witness(0)});
             return done(QStringLiteral("Waste recorded (entry %1).").arg(seq), seq);
         }},
        {S("theft-loss"), S("report a theft or loss (type: theft or loss; a loss in transit is a short receipt: receive --shipped); "
                            "Form 106 asks --police-report (its number and department, when one was made) and --kind (theft: "
                            "night-break-in, armed-robbery, employee-pilferage, customer-theft, other; loss: lost-in-pharmacy, other)"),
         {S("as"), S("ndc"), S("quantity"), S("type"), S("discovered"), S("circumstances")}, {S("police-report"), S("kind")}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.reportTheftLoss(s, {c.text(S("ndc")), c.number(S("quantity")), c.text(S("type")), c.text(S("discovered")),
                                                                c.text(S("circumstances")), c.secret("CII_PIN", c.text(S("as"))),
                                                                c.text(S("police-report")), c.text(S("kind"))});
             const auto due = ledgerdb::lossDeadlines(c.m_store.db(), seq);
             QJsonObject o = done(QStringLiteral("Theft or loss report %1 recorded. Notify the DEA by %2; file Form 106 by %3.").arg(seq).arg(due.noticeDue, due.formDue), seq);
             o.insert(S("noticeDue"), due.noticeDue);
             o.insert(S("formDue"), due.formDue);
             return o;
         }},
        {S("form106"), S("write one theft or loss report's DEA Form 106 worksheet (--report, its number) as --pdf FILE and/or --csv FILE, "
                         "to copy into the DEA's online form. Pharmacists, the pharmacist-in-charge and the owner"),
         {S("as"), S("report")}, {S("pdf"), S("csv")}, {}, [](L &c) { return c.form106(); }},
        {S("theft-loss-filed"), S("record that the DEA notice was sent (--what notice) or Form 106 filed (--what form)"),
         {S("as"), S("report"), S("what"), S("date"), S("reference")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.recordTheftLossFiling(s, c.number(S("report")), c.text(S("what")), c.text(S("date")), c.text(S("reference")));
             return done(S("Recorded."), seq);
         }},
        {S("count"), S("record a blind count of a product"), {S("as"), S("ndc"), S("counted")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             const CountResult r = c.m_ledger.count(s, c.text(S("ndc")), c.number(S("counted")));
             QJsonObject o = done(r.discrepancyOpened
                                      ? QStringLiteral("Count recorded. It differs from the records by %1: discrepancy %2 is open for %3.").arg(r.difference).arg(r.discrepancyId).arg(r.reviewer)
                                      : S("Count recorded. It matches the records."), r.seq);
             o.insert(S("discrepancyId"), r.discrepancyId);
             o.insert(S("difference"), r.difference);
             return o;
         }},
        {S("count-shelf"), S("record blind counts of a shelf list from a CSV of ndc,counted, all or none"), {S("as"), S("counts")}, {}, {},
         [](L &c) {
             const QList<InventoryCount> counts = readCounts(S("record the shelf count"), c.text(S("counts")));
             const QList<CountResult> results = c.m_ledger.countShelf(c.session(), counts);
             QJsonArray opened;
             for (const CountResult &r : results)
                 if (r.discrepancyOpened)
                     opened.append(QJsonObject{{S("discrepancyId"), r.discrepancyId}, {S("difference"), r.difference}, {S("reviewer"), r.reviewer}});
             QJsonObject o = done(QStringLiteral("Shelf count recorded: %1 counted, %2 opened a discrepancy.").arg(results.size()).arg(opened.size()),
                                  results.last().seq);
             o.insert(S("discrepancies"), opened);
             return o;
         }},
        {S("inventory"), S("record the biennial, annual or reconciliation inventory from a CSV of ndc,counted, signed by the pharmacist-in-charge; "
                           "--counter PERSON (repeatable) names each person who counted, who signs with their own PIN (CII_COUNTER_PIN_1, _2, ... "
                           "or the next lines of standard input); none: the pharmacist-in-charge counted alone"),
         {S("as"), S("type"), S("timing"), S("date"), S("counts")}, {S("counter")}, {},
         [](L &c) {
             Inventory inv{c.text(S("type")), c.text(S("timing")), c.text(S("date")), readCounts(S("record the inventory"), c.text(S("counts"))), {}, {}};
             const Session s = c.session();
             inv.signaturePin = c.secret("CII_PIN", c.text(S("as")));
             inv.counters = c.counters(s);
             const qint64 seq = c.m_ledger.takeInventory(s, inv);
             return done(QStringLiteral("Inventory of %1 products recorded (entry %2).").arg(inv.counts.size()).arg(seq), seq);
         }},
        {S("opening-balances"), S("record a new pharmacy's opening balances from a CSV (opening-balances-template prints one), signed by the pharmacist-in-charge"),
         {S("as"), S("file")}, {}, {},
         [](L &c) {
             const QByteArray bytes = readFile(S("record the opening balances"), c.text(S("file")));
             const Session s = c.session();
             const OpeningBalances r = c.m_ledger.recordOpeningBalances(s, bytes, c.secret("CII_PIN", c.text(S("as"))));
             const auto added = std::count_if(r.rows.cbegin(), r.rows.cend(), [](const OpeningBalance &b) { return b.newProduct; });
             return done(QStringLiteral("Opening balances of %1 products recorded (%2 added to the catalog; entry %3).")
                             .arg(r.rows.size()).arg(added).arg(r.seq), r.seq);
         }},
        {S("opening-balances-template"), S("print the CSV template for opening balances"), {}, {}, {},
         [](L &) {
             return QJsonObject{{S("message"), QString::fromUtf8(Ledger::openingBalancesTemplate()).trimmed()}};
         }},
        {S("adjust"), S("record an adjustment (pharmacist or above, signed)"), {S("as"), S("ndc"), S("delta"), S("reason"), S("justification")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.adjust(s, c.text(S("ndc")), c.number(S("delta")), c.text(S("reason")), c.text(S("justification")),
                                                  c.secret("CII_PIN", c.text(S("as"))));
             return done(QStringLiteral("Adjusted (entry %1).").arg(seq), seq);
         }},
        {S("void"), S("void an entry by a new, signed entry that names it (the original stays)"), {S("as"), S("entry"), S("reason")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.voidEntry(s, c.number(S("entry")), c.text(S("reason")), c.secret("CII_PIN", c.text(S("as"))));
             return done(QStringLiteral("Voided (entry %1).").arg(seq), seq);
         }},
        {S("report"), S("write a report for a date range (--from, --to YYYY-MM-DD) as --pdf FILE and/or --csv FILE; --kind is one of: receiving, "
                        "dispensing, product-ledger (--ndc for one product), destruction, theft-loss, reconciliation, inventory, activity "
                        "(--person for one), audit. Pharmacists, the pharmacist-in-charge and the owner"),
         {S("as"), S("kind"), S("from"), S("to")}, {S("pdf"), S("csv"), S("ndc"), S("person")}, {},
         [](L &c) { return c.report(); }},
        {S("discrepancies"), S("list discrepancies that are open or in review"), {}, {}, {},
         [](L &c) {
             QJsonArray arr;
             QString text;
             for (const DiscrepancyRow &d : LedgerQueries(c.m_store.db()).discrepancies(S("active"), DiscrepancyOrder::ById)) {
                 arr.append(QJsonObject{{S("id"), d.id}, {S("ndc11"), d.ndc11}, {S("expected"), d.expected}, {S("counted"), d.counted},
                                        {S("difference"), d.difference}, {S("status"), d.status}, {S("source"), d.source}});
                 text += QStringLiteral("%1  %2  expected %3, counted %4 (%5)  %6\n").arg(d.id).arg(d.ndc11).arg(d.expected).arg(d.counted)
                             .arg(d.difference).arg(d.status);
             }
             QJsonObject o = done(arr.isEmpty() ? S("No open discrepancies.") : text.trimmed());
             o.insert(S("discrepancies"), arr);
             return o;
         }},
        {S("review"), S("take a discrepancy into review"), {S("as"), S("discrepancy"), S("note")}, {}, {},
         [](L &c) {
             const Session s = c.session();
             return done(S("In review."), c.m_ledger.startReview(s, c.number(S("discrepancy")), c.text(S("note"))));
         }},
        {S("resolve"), S("resolve a discrepancy with a reason code, or --escalate it to a theft or loss (pharmacist-in-charge, signed): "
                         "--type theft or loss (default loss), --discovered DATE (default: the date of the count that found it), "
                         "--police-report and --kind as for theft-loss; a counting-error gives --recounted N, what the shelf holds (it sets the balance)"),
         {S("as"), S("discrepancy"), S("note")}, {S("reason"), S("type"), S("discovered"), S("police-report"), S("kind"), S("recounted")}, {S("escalate")},
         [](L &c) {
             const Session s = c.session();
             const qint64 seq = c.m_ledger.resolveDiscrepancy(s, c.number(S("discrepancy")), c.text(S("reason")), c.text(S("note")),
                                                              c.m_args.has(S("escalate")), c.secret("CII_PIN", c.text(S("as"))),
                                                              Escalation{c.text(S("discovered")), c.text(S("type")), c.text(S("police-report")), c.text(S("kind"))},
                                                              c.m_args.has(S("recounted")) ? std::optional<qint64>(c.number(S("recounted"))) : std::nullopt);
             return done(c.m_args.has(S("escalate")) ? S("Escalated to a theft or loss report.") : S("Resolved."), seq);
         }},
        {S("backup-activate"), S("activate this workstation with a backup service (pharmacist-in-charge or owner); --ca FILE pins a self-hosted service's certificate"),
         {S("as"), S("service"), S("code")}, {S("ca"), S("name")}, {},
         [](L &c) { return backupActivate(c.m_store, c.session(), c.m_args); }},
        {S("backup-now"), S("send what is waiting to the backup service now, and wait for its answer"), {}, {}, {},
         [](L &c) { return backupNow(c.m_store); }},
        {S("backup-recovery-key"), S("make a new recovery key for the recovery sheet (pharmacist-in-charge or owner): shown once; the earlier one stops working; --sheet FILE also writes the printable sheet (PDF)"),
         {S("as")}, {S("sheet")}, {},
         [](L &c) { return backupRecoveryKey(c.m_store, c.session(), c.m_args.value(S("sheet"))); }},
        {S("backup-check-recovery-key"), S("check a recovery key (read from CII_RECOVERY_KEY or the next line) against the backup service"), {}, {}, {},
         [](L &c) { return backupCheckRecoveryKey(c.m_store, c.readSecret("CII_RECOVERY_KEY", S("The recovery key"))); }},
        {S("backup-status"), S("whether this workstation is backed up: the service, what is waiting, the last acknowledgement"), {}, {}, {},
         [](L &c) { return backupStatus(c.m_store); }},
        {S("overdue"), S("products whose reconciliation is overdue"), {}, {}, {},
         [](L &c) {
             const QStringList overdue = c.m_ledger.overdueReconciliations();
             QJsonObject o = done(overdue.isEmpty() ? S("No reconciliation is overdue.") : S("Overdue: ") + overdue.join(S(", ")));
             o.insert(S("overdue"), QJsonArray::fromStringList(overdue));
             return o;
         }},
    };
    return list;
}

} // namespace cii
