#include "BusinessDates.h"

#include "Sqlite.h"

#include <QCborArray>
#include <QCborValue>
#include <algorithm>
#include <optional>

namespace cii::reports {

namespace {

struct Keys
{
    QLatin1StringView date;   ///< the text key of the business date; none: placed by the day recorded
    QLatin1StringView figure; ///< an integer key read beside it (what a dispense dispensed, what a count counted)
};

/// The payload keys read from an event of this kind. Neither for an inventory or opening balances, whose payload
/// is read whole (a list of counts).
Keys keysOf(const QString &eventKind)
{
    if (eventKind == QLatin1String("stock.dispensed"))
        return {QLatin1StringView("fillDate"), QLatin1StringView("quantity")};
    if (eventKind == QLatin1String("stock.counted"))
        return {QLatin1StringView(), QLatin1StringView("counted")};
    if (eventKind == QLatin1String("discrepancy.resolved")) // a counting error's recount (its count entry)
        return {QLatin1StringView(), QLatin1StringView("recounted")};
    if (eventKind == QLatin1String("stock.received"))
        return {QLatin1StringView("receivedDate"), {}};
    if (eventKind == QLatin1String("stock.theft_or_loss"))
        return {QLatin1StringView("discoveryDate"), {}};
    if (eventKind == QLatin1String("stock.destroyed") || eventKind == QLatin1String("stock.moved"))
        return {QLatin1StringView("date"), {}};
    return {};
}

struct Scanned
{
    QString date;
    qint64 figure = 0;
};

/// A reader of the ledger's own payloads, which are canonical CBOR (definite lengths only, cii::canonicalCbor): a
/// head, then what it counts. Reading two values of a quarter of a million payloads this way takes a fraction
/// of what QCborStreamReader or QCborValue take; anything it does not expect sends the caller to QCborValue.
struct Cursor
{
    const uchar *p = nullptr, *end = nullptr;

    /// Reads an item's head: its major type and its argument (a length, a count or the value itself).
    bool head(int &major, quint64 &arg)
    {
        if (p >= end)
            return false;
        const uchar b = *p++;
        major = b >> 5;
        const int info = b & 0x1f;
        if (info < 24) {
            arg = quint64(info);
            return true;
        }
        if (info > 27)
            return false; // an indefinite length, or reserved: not what the ledger writes
        const int n = 1 << (info - 24);
        if (end - p < n)
            return false;
        arg = 0;
        for (int i = 0; i < n; ++i)
            arg = arg << 8 | *p++;
        return true;
    }

    /// Moves past one whole item.
    bool skip(int depth = 0)
    {
        int major = 0;
        quint64 arg = 0;
        if (depth > 16 || !head(major, arg))
            return false;
        switch (major) {
        case 2: // byte and text strings
        case 3:
            if (quint64(end - p) < arg)
                return false;
            p += arg;
            return true;
        case 4: // arrays and maps
        case 5:
            for (quint64 i = 0, items = major == 5 ? 2 * arg : arg; i < items; ++i)
                if (!skip(depth + 1))
                    return false;
            return true;
        case 6: // a tag, then its item
            return skip(depth + 1);
        default: // integers, simple values and floats: the head was all of it
            return true;
        }
    }
};

/// The text under `keys.date` and the integer under `keys.figure` at the top level of a payload, the rest
/// skipped. nullopt when the payload is not as the ledger writes it.
std::optional<Scanned> scan(const QByteArray &cbor, const Keys &keys)
{
    Scanned out;
    Cursor c{reinterpret_cast<const uchar *>(cbor.constData()), reinterpret_cast<const uchar *>(cbor.constData()) + cbor.size()};
    int major = 0;
    quint64 pairs = 0;
    if (!c.head(major, pairs) || major != 5)
        return std::nullopt;
    for (quint64 i = 0; i < pairs; ++i) {
        quint64 length = 0;
        if (!c.head(major, length) || major != 3 || quint64(c.end - c.p) < length)
            return std::nullopt;
        const QLatin1StringView name(reinterpret_cast<const char *>(c.p), qsizetype(length));
        c.p += length;
        const bool date = !keys.date.isEmpty() && name == keys.date, figure = !keys.figure.isEmpty() && name == keys.figure;
        if (!date && !figure) {
            if (!c.skip())
                return std::nullopt;
            continue;
        }
        quint64 arg = 0;
        if (!c.head(major, arg))
            return std::nullopt;
        if (date && major == 3 && quint64(c.end - c.p) >= arg) {
            out.date = QString::fromUtf8(reinterpret_cast<const char *>(c.p), qsizetype(arg));
            c.p += arg;
        } else if (figure && (major == 0 || major == 1)) {
            out.figure = major == 0 ? qint64(arg) : -1 - qint64(arg);
        } else {
            return std::nullopt;
        }
    }
    return out;
}

/// The same read through QCborValue, for a payload the scan did not expect.
Scanned decode(const QByteArray &cbor, const Keys &keys)
{
    const QCborMap m = QCborValue::fromCbor(cbor).toMap();
    return {keys.date.isEmpty() ? QString() : m.value(keys.date).toString(),
            keys.figure.isEmpty() ? 0 : m.value(keys.figure).toInteger()};
}

bool looksLikeDate(const QString &s)
{
    return s.size() == 10 && s.at(4) == QLatin1Char('-') && s.at(7) == QLatin1Char('-');
}

} // namespace

std::vector<DatedEntry> datedEntries(Context &c, const QString &ndc11, const QString &lastDay)
{
    // First the dates, from the events that carry one, read in the journal's order: one pass over the events
    // table. (Joined to each product's entries instead, the table was read once per product, each time decrypting
    // its pages again: twelve products made it twelve times slower.)
    struct EventDate
    {
        qint64 seq = 0;
        QString date;
        qint64 figure = 0;
    };
    std::vector<EventDate> dates;
    QHash<qint64, QCborMap> counts; // inventories and opening balances: several products each, a few a year
    c.forEventPayloads({QStringLiteral("stock.received"), QStringLiteral("stock.dispensed"), QStringLiteral("stock.moved"),
                        QStringLiteral("stock.destroyed"), QStringLiteral("stock.theft_or_loss"), QStringLiteral("stock.counted"),
                        QStringLiteral("discrepancy.resolved"),
                        QStringLiteral("inventory.taken"), QStringLiteral("stock.opening_balances")},
                       [&](qint64 seq, const QString &kind, const QByteArray &payload) {
        if (const Keys keys = keysOf(kind); !keys.date.isEmpty() || !keys.figure.isEmpty()) {
            std::optional<Scanned> s = scan(payload, keys);
            if (!s)
                s = decode(payload, keys);
            dates.push_back({seq, std::move(s->date), s->figure});
        } else {
            counts.insert(seq, QCborValue::fromCbor(payload).toMap());
        }
    });

    qint64 total = 0;
    {
        sql::Query count(c.db, "SELECT count(*) FROM entries WHERE ?1 = '' OR ndc11 = ?1");
        count.bind(1, ndc11);
        total = count.next() ? count.int64(0) : 0;
    }
    std::vector<DatedEntry> out;
    out.reserve(size_t(total));
    sql::Query q(c.db, "SELECT e.ndc11, e.seq, e.kind, e.delta, e.at_ms, e.actor, e.reference, e.corrects_seq, v.void_seq "
                       "FROM entries e LEFT JOIN voided v ON v.seq = e.seq WHERE ?1 = '' OR e.ndc11 = ?1 ORDER BY e.ndc11, e.seq");
    q.bind(1, ndc11);
    qint64 n = 0;
    QString product;
    while (q.next()) {
        if (++n % 4096 == 0) // the second half of the progress, after the events' dates
            c.tick(total + n, 2 * total);
        DatedEntry e;
        e.ndc11 = q.text(0);
        if (e.ndc11 == product) // one string shared by a product's entries
            e.ndc11 = product;
        else
            product = e.ndc11;
        e.place.seq = q.int64(1);
        e.kind = q.text(2);
        e.delta = q.int64(3);
        e.atMs = q.int64(4);
        e.actor = q.text(5);
        e.reference = q.text(6);
        e.corrects = q.isNull(7) ? 0 : q.int64(7);
        e.voidedBy = q.isNull(8) ? 0 : q.int64(8);
        const bool inventory = e.kind == QLatin1String("inventory");
        if (inventory || e.kind == QLatin1String("opening-balance")) {
            const QCborMap p = counts.value(e.place.seq);
            if (inventory) {
                e.place.date = str(p, "date");
                e.place.moment = str(p, "timing") == QLatin1String("opening") ? 0 : 2;
                e.countedBy = str(p, "countedBy");
            } else {
                e.place.moment = 0; // an opening balance: counted before anything was recorded here
            }
            for (const QCborValue &v : p.value(QLatin1String("counts")).toArray()) {
                const QCborMap line = v.toMap();
                if (str(line, "ndc11") != e.ndc11)
                    continue;
                e.counted = inventory ? num(line, "counted") : num(line, "quantity");
                if (!inventory) {
                    e.place.date = str(line, "countedOn");
                    e.countedBy = str(line, "countedBy");
                }
            }
        } else if (e.kind != QLatin1String("void")) { // a void's seq is the voiding event's: placed by the day recorded
            const auto it = std::lower_bound(dates.cbegin(), dates.cend(), e.place.seq,
                                             [](const EventDate &d, qint64 seq) { return d.seq < seq; });
            if (it != dates.cend() && it->seq == e.place.seq) {
                e.place.date = it->date;
                if (e.kind == QLatin1String("dispense") && it->figure + e.delta > 0)
                    e.overBalance = it->figure + e.delta;
                else if (e.kind == QLatin1String("count"))
                    e.counted = it->figure;
            }
        }
        if (!looksLikeDate(e.place.date))
            e.place.date = c.date(e.atMs);
        if (QString::compare(e.place.date, lastDay) <= 0)
            out.push_back(std::move(e));
    }
    c.tick(2 * total, 2 * total);
    std::sort(out.begin(), out.end(), [](const DatedEntry &a, const DatedEntry &b) {
        if (a.ndc11 != b.ndc11)
            return a.ndc11 < b.ndc11;
        return a.place < b.place;
    });
    return out;
}

qsizetype DatedRows::add(Place place, QStringList row)
{
    m_places.emplace_back(std::move(place), m_rows.size());
    m_rows.append(std::move(row));
    return m_rows.size() - 1;
}

QList<QStringList> DatedRows::take()
{
    std::stable_sort(m_places.begin(), m_places.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<QStringList> sorted;
    sorted.reserve(m_rows.size());
    for (const auto &[place, index] : m_places)
        sorted.append(std::move(m_rows[index]));
    m_places.clear();
    m_rows.clear();
    return sorted;
}

} // namespace cii::reports
