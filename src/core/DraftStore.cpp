#include "DraftStore.h"

#include "Clock.h"
#include "Log.h"
#include "Store.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <sqlite3.h>

namespace cii {

namespace {
const QString kSave = QStringLiteral("keep the unfinished form");
const QString kRead = QStringLiteral("read the unfinished form");
constexpr qint64 kRemoval = -1; // a pending entry that stands for a discard
} // namespace

DraftStore::DraftStore(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, [this] { flush(); });
    if (store.isReadOnlyCopy())
        return;
    store.connectionRecipe().open(m_db);
    sql::Query has(m_db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'drafts'", kRead);
    if (!has.next() || has.int64(0) == 0)
        return;
    // A draft is not a record: no fsync at commit (WAL keeps it through a crash of the app), no wait for the write
    // lock (typing never waits; the draft is written a moment later), no checkpoint inside a keystroke.
    m_db.exec("PRAGMA synchronous = NORMAL", kRead);
    m_db.exec("PRAGMA wal_autocheckpoint = 0", kRead);
    sqlite3_busy_timeout(m_db.handle(), 0);
    m_enabled = true;
}

DraftStore::~DraftStore()
{
    flush();
}

bool DraftStore::isSecretField(const QString &name)
{
    static const QRegularExpression secret(QStringLiteral("pin|password|secret|passphrase"),
                                           QRegularExpression::CaseInsensitiveOption);
    return secret.match(name).hasMatch();
}

bool DraftStore::save(const QString &personId, const QString &form, const QJsonObject &fields)
{
    if (!m_enabled || personId.isEmpty() || form.isEmpty())
        return false;
    QJsonObject kept;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        if (!isSecretField(it.key()))
            kept.insert(it.key(), it.value());
    if (kept.isEmpty()) {
        discard(personId, form);
        return true;
    }
    const Draft d{personId, form, kept, m_store.clock().nowMs(), m_store.journal().headSeq()};
    const auto key = qMakePair(personId, form);
    if (m_pending.isEmpty() && write(d))
        return true;
    m_pending.insert(key, d); // after the ones waiting, in order
    if (!m_retry.isActive())
        m_retry.start();
    return false;
}

void DraftStore::discard(const QString &personId, const QString &form)
{
    if (!m_enabled)
        return;
    const auto key = qMakePair(personId, form);
    m_pending.remove(key);
    if (!remove(personId, form)) {
        m_pending.insert(key, Draft{personId, form, {}, kRemoval, 0});
        if (!m_retry.isActive())
            m_retry.start();
    }
}

bool DraftStore::flush()
{
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const bool ok = it->savedMs == kRemoval ? remove(it->personId, it->form) : write(*it);
        it = ok ? m_pending.erase(it) : std::next(it);
    }
    if (!m_pending.isEmpty() && !m_retry.isActive())
        m_retry.start();
    return m_pending.isEmpty();
}

bool DraftStore::write(const Draft &d)
{
    try {
        const QString json = QString::fromUtf8(QJsonDocument(d.fields).toJson(QJsonDocument::Compact));
        sql::Transaction tx(m_db, kSave);
        // UPDATE, then INSERT when there was nothing to update: unlike INSERT OR REPLACE, no statement journal.
        sql::Query(m_db, "UPDATE OR FAIL drafts SET fields_json = ?, saved_ms = ?, head_seq = ? WHERE person_id = ? AND form = ?", kSave)
            .bind(1, json).bind(2, d.savedMs).bind(3, d.headSeq).bind(4, d.personId).bind(5, d.form).run();
        if (sqlite3_changes(m_db.handle()) == 0)
            sql::Query(m_db, "INSERT OR FAIL INTO drafts(person_id, form, fields_json, saved_ms, head_seq) VALUES (?,?,?,?,?)", kSave)
                .bind(1, d.personId).bind(2, d.form).bind(3, json).bind(4, d.savedMs).bind(5, d.headSeq).run();
        tx.commit();
        return true;
    } catch (const CiiError &e) {
        qCWarning(lcStore) << "an unfinished form is kept in memory for now:" << e.userText(); // never its fields
        return false;
    }
}

bool DraftStore::remove(const QString &personId, const QString &form)
{
    try {
        sql::Query(m_db, "DELETE FROM drafts WHERE person_id = ? AND form = ?", kSave).bind(1, personId).bind(2, form).run();
        return true;
    } catch (const CiiError &e) {
        qCWarning(lcStore) << "an unfinished form could not be forgotten yet:" << e.userText();
        return false;
    }
}

std::optional<Draft> DraftStore::read(const char *sql, const QString &personId, const QString &form) const
{
    try {
        sql::Query q(m_db, sql, kRead);
        q.bind(1, personId);
        if (!form.isNull())
            q.bind(2, form);
        if (!q.next())
            return std::nullopt;
        return Draft{personId, q.text(0), QJsonDocument::fromJson(q.text(1).toUtf8()).object(), q.int64(2), q.int64(3)};
    } catch (const CiiError &e) {
        qCWarning(lcStore) << "an unfinished form could not be read:" << e.userText();
        return std::nullopt;
    }
}

std::optional<Draft> DraftStore::load(const QString &personId, const QString &form) const
{
    if (!m_enabled)
        return std::nullopt;
    if (const auto it = m_pending.constFind(qMakePair(personId, form)); it != m_pending.cend())
        return it->savedMs == kRemoval ? std::nullopt : std::optional<Draft>(*it);
    return read("SELECT form, fields_json, saved_ms, head_seq FROM drafts WHERE person_id = ? AND form = ?", personId, form);
}

std::optional<Draft> DraftStore::latest(const QString &personId) const
{
    if (!m_enabled)
        return std::nullopt;
    if (m_pending.isEmpty())
        return read("SELECT form, fields_json, saved_ms, head_seq FROM drafts WHERE person_id = ? ORDER BY saved_ms DESC, form LIMIT 1",
                    personId, QString());
    // Rare (the write lock was held a moment ago): the rows, with what waits in memory laid over them.
    std::optional<Draft> best;
    try {
        sql::Query q(m_db, "SELECT form FROM drafts WHERE person_id = ?", kRead);
        q.bind(1, personId);
        QStringList forms;
        while (q.next())
            forms << q.text(0);
        for (const auto &p : m_pending)
            if (p.personId == personId)
                forms << p.form;
        for (const QString &form : std::as_const(forms))
            if (const auto d = load(personId, form); d && (!best || d->savedMs > best->savedMs))
                best = d;
    } catch (const CiiError &e) {
        qCWarning(lcStore) << "the unfinished forms could not be read:" << e.userText();
    }
    return best;
}

} // namespace cii
