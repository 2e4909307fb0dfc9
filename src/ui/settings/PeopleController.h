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

/// Settings > People's controller (docs/SCREEN-RULES.md "Settings > People"): the pharmacy's people as
/// LedgerQueries lists them (active or deactivated and why, locked out or not), and the pharmacist-in-charge's or
/// owner's changes, each a Ledger command signed with their PIN or password: add a person, change a role, reset a
/// PIN (the person types the new one; it lifts a lockout), deactivate with a reason. Every refusal is the Ledger's
/// sentence in {ok: false, message} and writes nothing (a wrong signature is itself recorded, as everywhere).
/// The list is read again after every commit, this process's or another's (Counter::changed follows
/// Store::committed, which the store's watch for other writers emits): a person added with ciictl shows.
/// Who may change staff is offered by `canManage`; the Ledger checks it again. One instance, built in the
/// composition root (UiServices); QML gets it as a singleton. UI thread only.
class PeopleController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// By name: [{id, name, initials, role (its title), roleName, active, lockedOut, status, reason, self}], where
    /// `status` is "Active", "Locked out until 14:05" or "Deactivated: <reason>".
    Q_PROPERTY(QVariantList people READ people NOTIFY changed)
    /// The signed-in person is the pharmacist-in-charge or the owner: the page offers its changes.
    Q_PROPERTY(bool canManage READ canManage NOTIFY changed)
    /// The roles a person may be given: [{id, text}] (technician first).
    Q_PROPERTY(QVariantList roles READ roles CONSTANT)
public:
    /// `queries` null: no store is open (the list is empty, every change refused).
    PeopleController(Counter *counter, const LedgerQueries *queries, QObject *parent = nullptr);
    static PeopleController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(PeopleController *instance);

    QVariantList people() const;
    bool canManage() const;
    static QVariantList roles();

    /// One field of the person form checked as typed (`field`: name, initials, pin, password): "" or the Ledger's
    /// sentence (Ledger::checkPersonField). Writes nothing.
    Q_INVOKABLE QString fieldProblem(const QString &field, const QString &text) const;
    /// "" when `again` repeats `first` (or is not typed yet), else the sentence shown under the second field.
    Q_INVOKABLE QString repeatProblem(const QString &first, const QString &again, bool pin) const;
    /// Adds a person with a PIN (typed twice) or else a password (typed twice), signed with `signature`. {ok, message}.
    Q_INVOKABLE QVariantMap add(const QString &name, const QString &initials, const QString &role, const QString &pin,
                                const QString &pinAgain, const QString &password, const QString &passwordAgain,
                                const QString &signature);
    /// {ok, message}.
    Q_INVOKABLE QVariantMap changeRole(const QString &personId, const QString &role, const QString &signature);
    /// Checks the signed-in person's signature alone, before the person whose PIN is reset types the new one (so
    /// a wrong signature is said first). A wrong one is recorded; a right one writes nothing. {ok, message}.
    Q_INVOKABLE QVariantMap checkSignature(const QString &signature);
    /// Resets `personId`'s PIN to `newPin` (typed twice by that person), signed by the signed-in pharmacist-in-charge
    /// or owner; lifts a lockout (Ledger::changeCredentials). {ok, message}.
    Q_INVOKABLE QVariantMap resetPin(const QString &personId, const QString &newPin, const QString &newPinAgain,
                                     const QString &signature);
    /// {ok, message}.
    Q_INVOKABLE QVariantMap deactivate(const QString &personId, const QString &reason, const QString &signature);

Q_SIGNALS:
    void changed();

private:
    QString nameOf(const QString &personId) const;

    Counter *m_counter;
    const LedgerQueries *m_queries;
};

} // namespace cii
