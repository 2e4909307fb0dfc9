#pragma once

#include <QString>
#include <exception>

namespace cii {

/// A failure a person can act on. Every error says what was being done (operation), on what (subject),
/// why it failed (reason), what the user can do (hint), and whether trying again can help.
/// Raw SQLite or OpenSSL codes never reach a user alone: they go into `detail` for the log.
class CiiError : public std::exception
{
public:
    enum class Code {
        WrongKey,         ///< the key found does not belong to this store
        MissingKey,       ///< the store exists but its key is nowhere to be found
        KeyStoreFailure,  ///< the key store itself failed (keychain locked, key file unreadable)
        KeyFileExposed,   ///< the key file can be read by other users
        NotADatabase,     ///< the file is not a CII Ledger store (plain SQLite, another format)
        Corrupt,          ///< the store is damaged
        NewerSchema,      ///< the store was written by a newer CII Ledger
        DiskFull,
        NotWritable,      ///< read-only location, missing directory, no permission
        Busy,             ///< another process holds the store
        NoStore,          ///< no store exists at the location
        AppendOnly,       ///< something tried to change or remove journal history
        InvalidInput,     ///< the caller's input was refused; nothing was written
        RestoreIncomplete,///< a restore from the cloud began here and has not finished
        Internal,
    };

    CiiError(Code code, QString operation, QString subject, QString reason, QString hint = {},
             bool retryable = false, QString detail = {});

    /// A refusal from a sentence that stands alone, as parsers and lookups give them ("The code is too long to be a
    /// drug barcode.", "the file is not UTF-8 text (...)"): its first sentence, capitalised and without its full
    /// stop, is the reason ("Could not find the scanned product: The code is too long to be a drug barcode"); any
    /// sentence after it goes before `hint`. So a message never reads "The scan The code ...".
    static CiiError fromSentence(Code code, const QString &operation, const QString &sentence, const QString &hint = {});

    /// An input as quoted back in a message: at most `max` characters, then "…" when it was longer, so a hostile
    /// or mistaken 100 KB argument is never echoed whole.
    static QString excerpt(const QString &input, int max = 40);

    Code code() const { return m_code; }
    QString operation() const { return m_operation; }
    QString subject() const { return m_subject; }
    QString reason() const { return m_reason; }
    QString hint() const { return m_hint; }
    bool isRetryable() const { return m_retryable; }
    /// Technical detail for the log (an SQLite message, an errno text); never shown alone.
    QString detail() const { return m_detail; }

    /// "Could not open the store /x/ledger.db: the key found does not belong to it."
    QString message() const;
    /// The message followed by the hint, for a dialog or a terminal.
    QString userText() const;
    /// Stable machine name for scripts (`ciictl --json`): "wrong-key", "newer-schema", ...
    static QString codeName(Code code);

    const char *what() const noexcept override { return m_what.constData(); }

private:
    Code m_code;
    QString m_operation, m_subject, m_reason, m_hint;
    bool m_retryable;
    QString m_detail;
    QByteArray m_what;
};

} // namespace cii
