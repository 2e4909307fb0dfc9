#pragma once

#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace cii {

/// The discrepancy review screens' controller (docs/SUPERVISOR.md): the queue (open, in review, resolved,
/// escalated; by age or by size), the overdue reconciliations beside it, a discrepancy explained (expected,
/// counted, every entry since the last matching count, the notes), and the three things a supervisor does with
/// one: take it into review with a note, resolve it with a reason and a note, or escalate a shortage to a theft
/// or loss. Who may is the Ledger's rule, checked in C++ on every command (a technician sees, never resolves);
/// canReview and canResolve only say what the screen offers. Reads run on the UI thread: the queue is a few
/// dozen rows and an explanation a few hundred, each one indexed query.
class ReviewController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool canReview READ canReview CONSTANT)
    Q_PROPERTY(bool canResolve READ canResolve CONSTANT)
    Q_PROPERTY(QVariantList reasons READ reasons CONSTANT)
public:
    explicit ReviewController(QObject *parent = nullptr);

    bool canReview() const;
    bool canResolve() const;
    QVariantList reasons() const; ///< [{id, text}], the Ledger's reason codes in words

    /// `status`: open, in_review, resolved, escalated, or "active" (open and in review) or "all".
    /// `sort`: "age" (oldest first) or "size" (largest difference first).
    /// [{id, ndc11, product, ndc, unit, expected, counted, difference, status, statusText, source, openedAt,
    ///   ageDays, openedBy}]
    Q_INVOKABLE QVariantList queue(const QString &status, const QString &sort) const;
    /// How many are open or in review: the header's count.
    Q_INVOKABLE int activeCount() const;
    /// Active products whose last count matching the records is older than the pharmacy's cadence, or that were
    /// never counted: [{ndc11, product, ndc, lastMatching ("2026-10-02" or "never"), daysSince (-1: never)}].
    Q_INVOKABLE QVariantList overdue() const;
    /// One discrepancy explained: the queue's fields, and sinceText, reviewNote, reasonText, note, resolvedBy,
    /// resolvedAt, theftLossId, and `entries` [{seq, when, who, what, delta, balanceAfter, reference, voided,
    /// opening}]: every entry after the last matching count up to the one that opened it. {found: false} if none.
    Q_INVOKABLE QVariantMap detail(qint64 id) const;

    /// {ok, message}. A pharmacist or above: open -> in review, with a note.
    Q_INVOKABLE QVariantMap startReview(qint64 id, const QString &note);
    /// {ok, message}. The pharmacist-in-charge, signed with their PIN.
    Q_INVOKABLE QVariantMap resolve(qint64 id, const QString &reasonCode, const QString &note, const QString &pin);
    /// {ok, message, theftLossId}. A shortage sent on as a theft or loss (its Form 106 worksheet starts today).
    Q_INVOKABLE QVariantMap escalate(qint64 id, const QString &note, const QString &pin);

    static QString statusText(const QString &status);
    static QString reasonText(const QString &code);

Q_SIGNALS:
    /// After a command recorded something: the screens read again.
    void changed();
};

} // namespace cii
