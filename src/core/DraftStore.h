#pragma once

#include "Sqlite.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <optional>

namespace cii {
class Store;

/// One unfinished form: what a person typed into it and has not saved yet.
struct Draft
{
    QString personId;
    QString form;        ///< the form and its product, as the screen names it ("dispenseForm/00574407205")
    QJsonObject fields;  ///< {field name: value}; never a PIN or a password (see DraftStore::save)
    qint64 savedMs = 0;  ///< when it was last saved (the store's clock)
    qint64 headSeq = 0;  ///< the journal head then: what was recorded after it is newer than the draft
};

/// The unfinished forms of the open store, per person and per form, kept in the encrypted store's `drafts` table
/// (schema/0015_drafts.sql) so that a form half filled in survives the idle lock, a crash and a restart.
///
/// A draft is not a record. It is never journaled, so never replicated, never in a change set, never restored from
/// the cloud, and no projection (Store::rebuildProjections and the state digest leave it alone). A read-only copy
/// keeps none.
///
/// Saving must never slow typing (issue 28: under 2 ms at p99, bench/bench_drafts): DraftStore writes through its
/// own connection to the store's file, with synchronous=NORMAL (in WAL mode a commit reaches the operating system
/// but is not fsynced: a draft survives the app crashing, and may lose its last keystrokes to a power cut, which a
/// record never does), no busy wait (when another connection holds the write lock, the draft is kept in memory and
/// written a moment later) and no checkpoints (the Store's connection runs them).
///
/// Threads: the thread of the Store it was made from (the UI thread), like the Store. Made after the Store, dropped
/// before it.
class DraftStore : public QObject
{
    Q_OBJECT
public:
    /// Opens the draft connection to `store`'s file. A store without the drafts table (an old schema a test opens)
    /// or a read-only copy gives a DraftStore that keeps nothing (isEnabled() false). Throws CiiError as Store::open
    /// does when the file cannot be opened.
    explicit DraftStore(Store &store, QObject *parent = nullptr);
    ~DraftStore() override;

    bool isEnabled() const { return m_enabled; }

    /// Whether a field of this name is never kept: its name says PIN, password or secret (case-insensitive). The
    /// screens leave secret fields out; this refuses them again, so a draft never holds one.
    static bool isSecretField(const QString &name);

    /// Replaces `personId`'s draft of `form` by `fields` (secret fields dropped, see isSecretField; empty strings
    /// kept). Empty `fields` (after the drop) discards the draft instead. Returns true when written now; false when
    /// the write lock was held elsewhere (the draft is kept in memory, load() sees it, and it is written within
    /// kRetryMs) or when the DraftStore keeps nothing. Never throws: a draft that cannot be kept is logged (never its
    /// contents) and the form goes on.
    bool save(const QString &personId, const QString &form, const QJsonObject &fields);
    /// `personId`'s draft of `form`, or none.
    std::optional<Draft> load(const QString &personId, const QString &form) const;
    /// `personId`'s most recently saved draft of any form, or none: the form to open again after signing in.
    std::optional<Draft> latest(const QString &personId) const;
    /// Forgets `personId`'s draft of `form` (saved as a record, or discarded on purpose). Nothing when there is none.
    /// Never throws.
    void discard(const QString &personId, const QString &form);
    /// Writes what is waiting in memory now (the retry, and before the app quits). Returns whether nothing waits.
    bool flush();

    static constexpr int kRetryMs = 200;

private:
    bool write(const Draft &d);
    bool remove(const QString &personId, const QString &form);
    std::optional<Draft> read(const char *sql, const QString &personId, const QString &form) const;

    Store &m_store;
    mutable sql::Database m_db;
    bool m_enabled = false;
    /// Drafts (or, with `fields` empty and savedMs -1, removals) the write lock kept out, by person and form.
    QHash<QPair<QString, QString>, Draft> m_pending;
    QTimer m_retry;
};

} // namespace cii
