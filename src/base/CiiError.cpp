#include "CiiError.h"

namespace cii {

CiiError::CiiError(Code code, QString operation, QString subject, QString reason, QString hint,
                   bool retryable, QString detail)
    : m_code(code)
    , m_operation(std::move(operation))
    , m_subject(std::move(subject))
    , m_reason(std::move(reason))
    , m_hint(std::move(hint))
    , m_retryable(retryable)
    , m_detail(std::move(detail))
{
    m_what = message().toUtf8();
}

CiiError CiiError::fromSentence(Code code, const QString &operation, const QString &sentence, const QString &hint)
{
    QString reason = sentence.trimmed(), rest;
    if (const qsizetype end = reason.indexOf(QLatin1String(". ")); end >= 0) {
        rest = reason.mid(end + 2).trimmed();
        reason.truncate(end);
    }
    if (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    if (!reason.isEmpty())
        reason[0] = reason[0].toUpper();
    const QString fullHint = rest.isEmpty() ? hint : hint.isEmpty() ? rest : rest + QLatin1Char(' ') + hint;
    return CiiError(code, operation, QString(), reason, fullHint);
}

QString CiiError::excerpt(const QString &input, int max)
{
    if (input.size() <= max)
        return input;
    qsizetype cut = max;
    if (input.at(cut - 1).isHighSurrogate()) // never split a character in two
        --cut;
    return input.left(cut) + QChar(0x2026);
}

QString CiiError::message() const
{
    QString text = QStringLiteral("Could not %1").arg(m_operation);
    if (!m_subject.isEmpty())
        text += QLatin1Char(' ') + m_subject;
    return text + QStringLiteral(": ") + m_reason;
}

QString CiiError::userText() const
{
    return m_hint.isEmpty() ? message() : message() + QLatin1Char('\n') + m_hint;
}

QString CiiError::codeName(Code code)
{
    switch (code) {
    case Code::WrongKey: return QStringLiteral("wrong-key");
    case Code::MissingKey: return QStringLiteral("missing-key");
    case Code::KeyStoreFailure: return QStringLiteral("key-store-failure");
    case Code::KeyFileExposed: return QStringLiteral("key-file-exposed");
    case Code::NotADatabase: return QStringLiteral("not-a-database");
    case Code::Corrupt: return QStringLiteral("corrupt");
    case Code::NewerSchema: return QStringLiteral("newer-schema");
    case Code::DiskFull: return QStringLiteral("disk-full");
    case Code::NotWritable: return QStringLiteral("not-writable");
    case Code::Busy: return QStringLiteral("busy");
    case Code::NoStore: return QStringLiteral("no-store");
    case Code::AppendOnly: return QStringLiteral("append-only");
    case Code::InvalidInput: return QStringLiteral("invalid-input");
    case Code::RestoreIncomplete: return QStringLiteral("restore-incomplete");
    case Code::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace cii
