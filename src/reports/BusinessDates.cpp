#include "BusinessDates.h"

#include "Sqlite.h"

#include <QCborArray>
#include <QCborStreamReader>
#include <QCborValue>
#include <algorithm>

namespace cii::reports {

namespace {

struct Keys
{
    QLatin1StringView date;   ///< the text key of the business date; none: placed by the day recorded
    QLatin1StringView figure; ///< an integer key read beside it (what a dispense dispensed, what a count counted)
};

/// The payload keys read from an entry of this kind. Neither for an inventory or an opening balance, whose
/// payload is read whole (a list of counts), nor for the kinds placed by the day recorded.
Keys keysOf(const QString &entryKind)
{
    if (entryKind == QLatin1String("dispense"))
        return {QLatin1StringView("fillDate"), QLatin1StringView("quantity")};
    if (entryKind == QLatin1String("count"))
        return {QLatin1StringView(), QLatin1StringView("counted")};
    if (entryKind == QLatin1String("receive"))
        return {QLatin1StringView("receivedDate"), {}};
    if (entryKind == QLatin1String("theft-or-loss"))
        return {QLatin1StringView("discoveryDate"), {}};
    if (entryKind == QLatin1String("destruction") || entryKind == QLatin1String("transfer-in") || entryKind == QLatin1String("transfer-out")
        || entryKind == QLatin1String("return-to-supplier") || entryKind == QLatin1String("reverse-distributor"))
        return {QLatin1StringView("date"), {}};
    return {};
}

QString readText(QCborStreamReader &r)
{
    QString s;
    auto chunk = r.readString();
    while (chunk.status == QCborStreamReader::Ok) {
        s += chunk.data;
        chunk = r.readString();
    }
    return s;
}

struct Scanned
{
    QString date;
    qint64 figure = 0;
};

/// The text under `keys.date` and the integer under `keys.figure` at the top level of a CBOR map, everything
/// else skipped undecoded: a dispensing log of two years has a quarter of a million of these.
Scanned scan(const QByteArray &cbor, const Keys &keys)
{
    Scanned out;
    QCborStreamReader r(cbor);
    if (!r.isMap() || !r.enterContainer())
        return out;
    while (r.lastError() == QCborError::NoError && r.hasNext()) {
        // A key is compared where it lies in the bytes (a text string of fewer than 24 bytes is its head byte,
        // 0x60 + its length, then the bytes), not copied out: the ledger's keys are all short definite strings.
        QLatin1StringView name;
        if (r.isString()) {
            const qint64 at = r.currentOffset();
            const uchar head = uchar(cbor.at(at));
            if (head >= 0x60 && head < 0x78 && at + 1 + (head - 0x60) <= cbor.size())
                name = QLatin1StringView(cbor.constData() + at + 1, head - 0x60);
        }
        r.next(); // past the key
        if (!name.isEmpty() && name == keys.date && r.isString()) {
            out.date = readText(r);
        } else if (!name.isEmpty() && name == keys.figure && r.isInteger()) {
            out.figure = r.toInteger();
            r.next();
        } else {
            r.next();
        }
    }
    return out;
}

bool looksLikeDate(const QString &s)
{
    return s.size() == 10 && s.at(4) == QLatin1Char('-') && s.at(7) == QLatin1Char('-');
}

} // namespace

std::vector<DatedEntry> datedEntries(Context &c, const QString &ndc11, const QString &lastDay)
{
    qint64 total = 0;
    {
        sql::Query count(c.db, "SELECT count(*) FROM entries WHERE ?1 = '' OR ndc11 = ?1");
        count.bind(1, ndc11);
        total = count.next() ? count.int64(0) : 0;
    }
    std::vector<DatedEntry> out;
    out.reserve(size_t(total));
    // The payload only where it holds the date (a count or an adjustment is placed by the day recorded).
    sql::Query q(c.db, "SELECT e.ndc11, e.seq, e.kind, e.delta, e.at_ms, e.actor, e.reference, e.corrects_seq, v.void_seq, "
                       "CASE WHEN e.kind IN ('receive', 'dispense', 'theft-or-loss', 'destruction', 'transfer-in', 'transfer-out', "
                       "'return-to-supplier', 'reverse-distributor', 'inventory', 'opening-balance', 'count') THEN ev.payload END "
                       "FROM entries e JOIN events ev ON ev.seq = e.seq LEFT JOIN voided v ON v.seq = e.seq "
                       "WHERE ?1 = '' OR e.ndc11 = ?1 ORDER BY e.ndc11, e.seq");
    q.bind(1, ndc11);
    qint64 n = 0;
    QString product;
    while (q.next()) {
        if (++n % 4096 == 0)
            c.tick(n, total);
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
        if (!q.isNull(9)) {
            const QByteArray payload = q.blob(9);
            if (const Keys keys = keysOf(e.kind); !keys.date.isEmpty() || !keys.figure.isEmpty()) {
                const Scanned s = scan(payload, keys);
                e.place.date = s.date;
                if (e.kind == QLatin1String("dispense") && s.figure + e.delta > 0)
                    e.overBalance = s.figure + e.delta;
                else if (e.kind == QLatin1String("count"))
                    e.counted = s.figure;
            } else {
                const QCborMap p = QCborValue::fromCbor(payload).toMap();
                const bool inventory = e.kind == QLatin1String("inventory");
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
            }
        }
        if (!looksLikeDate(e.place.date))
            e.place.date = c.date(e.atMs);
        if (QString::compare(e.place.date, lastDay) <= 0)
            out.push_back(std::move(e));
    }
    c.tick(total, total);
    std::sort(out.begin(), out.end(), [](const DatedEntry &a, const DatedEntry &b) {
        if (a.ndc11 != b.ndc11)
            return a.ndc11 < b.ndc11;
        return a.place < b.place;
    });
    return out;
}

void DatedRows::add(Place place, QStringList row)
{
    m_places.emplace_back(std::move(place), m_rows.size());
    m_rows.append(std::move(row));
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
