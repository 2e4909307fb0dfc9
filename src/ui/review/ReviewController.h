#pragma once

#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace cii {
class Counter;
class LedgerQueries;

/// The discrepancy review screens' controller (docs/SUPERVISOR.md): the queue (open, in review, resolved,
/// escalated; by age or by size), the overdue reconciliations beside it, a discrepancy explained (expected,
/// counted, every entry since the last matching count, the notes), and the three things a supervisor does with
/// one: take it into review with a note, resolve it with a reason and a note, or escalate a shortage to a theft
/// or loss. Who may is the Ledger's rule, checked in C++ on every command (a technician sees, never resolves);
/// canReview and canResolve only say what the screen offers. Reads run on the UI thread: the queue is a few
/// dozen rows and an explanation a few hundred, each one indexed query. One instance, built in the composition root
/// (UiServices) over the counter (its commands and session) and the ledger's queries; QML gets it as a singleton.
class ReviewController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool canReview READ canReview NOTIFY permissionsChanged)
    Q_PROPERTY(bool canResolve READ canResolve NOTIFY permissionsChanged)
    Q_PROPERTY(QVariantList reasons READ reasons CONSTANT)
    Q_PROPERTY(QVariantList lossTypes READ lossTypes CONSTANT)
public:
    /// `queries` null: no store is open (every read is empty, every command refused).
    ReviewController(Counter *counter, const LedgerQueries *queries, QObject *parent = nullptr);
    static ReviewController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(ReviewController *instance);

    bool canReview() const;
    bool canResolve() const;
    QVariantList reasons() const; ///< [{id, text}], the Ledger's reason codes in words
    QVariantList lossTypes() const; ///< [{id, text}], what an escalation may be: a theft or a loss

    /// `status`: open, in_review, resolved, escalated, or "active" (open and in review) or "all".
    /// `sort`: "age" (oldest first) or "size" (largest difference first).
    /// [{id, ndc11, product, ndc, unit, expected, counted, difference, status, statusText, source, openedAt,
    ///   ageDays, openedBy}]
    Q_INVOKABLE QVariantList queue(const QString &status, const QString &sort) const;
    /// How many are open or in review: the header's count.
    Q_INVOKABLE int activeCount() const;
    /// Active products due a count (Ledger::overdueReconciliations: the cadence has passed since their last matching
    /// count, or since their first entry when never counted): [{ndc11, product, ndc, lastMatching ("2026-10-02" or
    /// "never"), daysSince (-1: never), since (the date the cadence runs from)}].
    Q_INVOKABLE QVariantList overdue() const;
    /// The products counted today (the pharmacy's day), each with its last count's outcome:
    /// [{ndc11, product, ndc, matched}].
    Q_INVOKABLE QVariantList countedToday() const;
    /// One discrepancy explained: the queue's fields, and sinceText, reviewNote, reasonText, note, resolvedBy,
    /// resolvedAt, theftLossId, and `entries` [{seq, when, who, what, delta, balanceAfter, reference, voided,
    /// opening}]: every entry after the last matching count up to the one that opened it; balanceNow, and what a
    /// counting error's recount must match: recountTarget, movedSince (since the count), recountSuperseded (a later
    /// count set the balance) (LedgerQueries::recountTarget). {found: false} if none.
    Q_INVOKABLE QVariantMap detail(qint64 id) const;

    /// {ok, message}. A pharmacist or above: open -> in review, with a note.
    Q_INVOKABLE QVariantMap startReview(qint64 id, const QString &note);
    /// {ok, message}. The pharmacist-in-charge, signed with their PIN; refused, nothing written, when the note holds
    /// the PIN (digits typed after the note before the keyboard moved to the pad: the note stays in the record).
    /// `recounted`: what the shelf holds, a counting
    /// error's recount (required for it, refused with another reason: Ledger::resolveDiscrepancy); it sets the balance.
    Q_INVOKABLE QVariantMap resolve(qint64 id, const QString &reasonCode, const QString &note, const QString &pin,
                                    const QString &recounted = {});
    /// {ok, message, theftLossId}. A shortage sent on as a theft or loss (its Form 106 worksheet starts): discovered
    /// on `discoveryDate` (empty: the date of the count that found it, detail()'s foundDate), of `lossType` (theft,
    /// loss; empty: loss), with Form 106's `kind` (Ledger::lossKinds(lossType)) and `policeReport` (number and
    /// department; empty when none was made).
    Q_INVOKABLE QVariantMap escalate(qint64 id, const QString &note, const QString &pin, const QString &discoveryDate = {},
                                     const QString &lossType = {}, const QString &kind = {}, const QString &policeReport = {});

    /// True when `note` holds `pin` (of four digits or more): such a note is never recorded.
    static bool noteHoldsPin(const QString &note, const QString &pin);
    static QString pinInNoteMessage();
    static QString statusText(const QString &status);
    static QString reasonText(const QString &code);

Q_SIGNALS:
    /// After every commit to the store (a command here, or another process's seen by Store::checkOtherWriters):
    /// the screens read again.
    void changed();
    /// Someone else signed in, or no one is: what the screen offers changes.
    void permissionsChanged();

private:
    Counter *m_counter;
    const LedgerQueries *m_queries;
};

} // namespace cii
