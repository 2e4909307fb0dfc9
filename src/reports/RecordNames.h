#pragma once

#include <QHash>
#include <QString>
#include <QTimeZone>

namespace cii::sql {
class Database;
}

namespace cii {

/// What the records show beside their keys: people's names, products in words, times in the pharmacy's zone.
/// Read once per report (reports::Context) or per screen refresh (the review screens): a pharmacy has tens of
/// people and products. A report asks for hundreds of thousands of names and times, so the product names are
/// composed once and times are written from the zone's offset, looked up once per stretch between two of its
/// transitions. One thread at a time (that lookup is kept in the object).
struct RecordNames
{
    struct Product
    {
        QString ndc, name, strength, form, unit;
        qint64 packageSize = 0;
        QString fullName, shortName; ///< composed from the above by read()
    };
    QTimeZone zone;                   ///< the pharmacy's; UTC when it names none that exists
    QHash<QString, QString> people;   ///< id -> name
    QHash<QString, Product> products; ///< ndc11 -> product

    /// The people, the products and the zone (`timezone`, as the pharmacy row names it).
    static RecordNames read(sql::Database &db, const QString &timezone);
    /// The same, with the zone of the pharmacy row (UTC before one exists).
    static RecordNames read(sql::Database &db);
    QString person(const QString &id) const;          ///< "system" is CII Ledger itself
    Product product(const QString &ndc11) const;      ///< an unknown one by its NDC-11
    QString productName(const QString &ndc11) const;  ///< "Oxycodone HCl 5 mg tablet"
    QString shortName(const QString &ndc11) const;    ///< "Oxycodone HCl 5 mg": a screen's line
    QString ndc(const QString &ndc11) const;          ///< as labelled
    QString dateTime(qint64 atMs) const;              ///< "2026-11-25 14:03"
    QString date(qint64 atMs) const;                  ///< "2026-11-25"
    /// A theft or loss report's type in words (Ledger::lossTypes()): "Theft", "Loss", "Lost in transit".
    static QString lossTypeText(const QString &type);
    /// Form 106's kind of theft or loss in words (Ledger::lossKinds()): "Night break-in", ...; "Not stated" when empty.
    static QString lossKindText(const QString &kind);

private:
    /// The zone's offset from UTC at `atMs`, in seconds.
    int offsetAt(qint64 atMs) const;
    /// The stretch of time around the last asked-for instant in which the zone's offset stays `offsetSeconds`.
    struct Span
    {
        qint64 fromMs = 1, toMs = 0; ///< [fromMs, toMs); empty until the first lookup
        int offsetSeconds = 0;
    };
    mutable Span m_span;
};

} // namespace cii
