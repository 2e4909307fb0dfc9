#pragma once

#include "Args.h"
#include "Ledger.h"

#include <QJsonObject>
#include <QTextStream>
#include <functional>

namespace cii {
class Store;
namespace reports {
struct Request;
}

/// ciictl's ledger commands: every Ledger command with the same validation and messages. The acting person is
/// `--as` (their id or initials); their PIN or password comes from CII_PIN or the first line of standard input,
/// never from an argument. Witnesses' PINs come from CII_WITNESS_PIN_1 / _2 or the next lines; a new person's
/// PIN or password from CII_NEW_SECRET or the next line.
class LedgerCli
{
public:
    struct Command
    {
        QString name, summary;
        QStringList required, optional, flags;
        std::function<QJsonObject(LedgerCli &)> run; ///< returns {"message": sentence, ...}; throws CiiError
        int positional = 0;                           ///< how many positional words it takes
    };
    static const QList<Command> &commands();
    static const Command *find(const QString &name);
    static QStringList allFlags();
    /// Usage problem with the command's options (unknown or missing), or empty.
    static QString checkOptions(const Command &c, const Args &args);
    static QString usageText();
    /// `ciictl COMMAND --help`: the command's usage line, from the same table its options are checked against.
    static QString helpText(const Command &c);
    /// What can be checked of `args` without the store (whole numbers, text that could not be read): throws
    /// CiiError (InvalidInput) for the first problem.
    static void checkArguments(const Command &c, const Args &args);

    LedgerCli(Store &store, const Args &args, QTextStream &in);
    /// Checks the arguments it can without the store (whole numbers, text that could not be read), then runs `c`.
    /// A refusal before anyone signs in writes nothing; one after writes nothing either (the sign-in is not
    /// recorded), except a wrong PIN or a lockout.
    QJsonObject run(const Command &c)
    {
        checkArguments(c, m_args);
        return c.run(*this);
    }

private:
    static QString synopsis(const Command &c);

    Session session();
    QString secret(const char *env, const QString &who);
    /// A secret from `env` or the next line of standard input; `what` names it in the refusal ("The recovery key").
    QString readSecret(const char *env, const QString &what);
    QString personId(const QString &who);
    QString text(const QString &name) const { return m_args.value(name); }
    qint64 number(const QString &name, qint64 fallback = 0) const;
    static qint64 numberOf(const Args &args, const QString &name, qint64 fallback = 0);
    Witness witness(int index);
    /// The inventory's --counter people, each with their PIN (none for the signer, whose own PIN covers it).
    QList<Witness> counters(const Session &s);
    QJsonObject report();
    QJsonObject form106();
    /// Refuses (InvalidInput) when neither --pdf nor --csv is given.
    void requireOutput(const QString &op) const;
    /// Builds `req` and writes it to --pdf and/or --csv, staged, each export recorded for `s`.
    QJsonObject writeReport(const Session &s, const reports::Request &req);
    QJsonObject changeProfile();
    static QJsonObject done(const QString &message, qint64 seq = 0);
    static QJsonObject importResult(const ImportReport &r);

    Store &m_store;
    const Args &m_args;
    QTextStream &m_in;
    Ledger m_ledger;
    QString m_actorSecret;
};

} // namespace cii
