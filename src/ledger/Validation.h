#pragma once

#include "CiiError.h"

#include <QDate>
#include <QString>

namespace cii::validate {

/// Each check throws CiiError(InvalidInput) naming the field and what is wrong, in words a person reads.
/// `op` is what was being done ("record the receipt").

constexpr int kMaxText = 200;
constexpr qint64 kMaxQuantity = 10'000'000;

inline CiiError invalid(const QString &op, const QString &field, const QString &reason, const QString &hint = {})
{
    return CiiError(CiiError::Code::InvalidInput, op, QString(), QStringLiteral("%1 %2").arg(field, reason), hint);
}

/// Empty when `value` holds text that was read whole, else the reason it was not: bytes that are not UTF-8 (a
/// command-line argument, a file) reach a QString as U+FFFD, which would be stored as "��" for good.
inline QString unreadable(const QString &value)
{
    return value.contains(QChar::ReplacementCharacter) ? QStringLiteral("is not UTF-8 text (a character in it could not be read)")
                                                       : QString();
}

/// Required, trimmed, at most `maxLength` characters, no control characters, nothing that could not be read.
inline QString text(const QString &op, const QString &field, const QString &value, int maxLength = kMaxText)
{
    const QString t = value.trimmed();
    if (t.isEmpty())
        throw invalid(op, field, QStringLiteral("is required"));
    if (t.size() > maxLength)
        throw invalid(op, field, QStringLiteral("is too long (at most %1 characters)").arg(maxLength));
    if (const QString why = unreadable(t); !why.isEmpty())
        throw invalid(op, field, why);
    for (QChar c : t)
        if (c.category() == QChar::Other_Control)
            throw invalid(op, field, QStringLiteral("contains a control character"));
    return t;
}

inline qint64 positive(const QString &op, const QString &field, qint64 value)
{
    if (value <= 0)
        throw invalid(op, field, QStringLiteral("must be a whole number above zero"));
    if (value > kMaxQuantity)
        throw invalid(op, field, QStringLiteral("is implausibly large (more than %1)").arg(kMaxQuantity));
    return value;
}

/// "YYYY-MM-DD", a real date, not after `today`.
inline QString pastDate(const QString &op, const QString &field, const QString &value, const QString &today)
{
    const QDate d = QDate::fromString(value.trimmed(), Qt::ISODate);
    if (!d.isValid() || value.trimmed().size() != 10)
        throw invalid(op, field, QStringLiteral("must be a date written YYYY-MM-DD"));
    if (d > QDate::fromString(today, Qt::ISODate))
        throw invalid(op, field, QStringLiteral("is in the future (%1)").arg(d.toString(Qt::ISODate)));
    if (d.year() < 2000)
        throw invalid(op, field, QStringLiteral("is too far in the past (%1)").arg(d.toString(Qt::ISODate)));
    return d.toString(Qt::ISODate);
}

} // namespace cii::validate
