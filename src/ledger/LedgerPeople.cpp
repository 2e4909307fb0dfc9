// Ledger: the pharmacy's people as Settings > People changes them: added, deactivated, a new role, each signed by
// the pharmacist-in-charge or owner; and the person form's fields checked as they are typed, by the same checks.
#include "Ledger.h"

#include "LedgerQueries.h"
#include "Store.h"
#include "Validation.h"

#include <QRegularExpression>
#include <QUuid>

namespace cii {

using validate::invalid;

void Ledger::requireFreeInitials(const QString &op, const QString &initials)
{
    sql::Query q(m_store.db(), "SELECT name FROM people WHERE initials = upper(?) AND active = 1");
    q.bind(1, initials.trimmed());
    if (q.next())
        throw invalid(op, QStringLiteral("The initials %1").arg(initials.trimmed().toUpper()),
                      QStringLiteral("are already %1's (initials name a witness, so each active person has their own)").arg(q.text(0)),
                      QStringLiteral("Add a letter, such as a middle initial."));
}

QString Ledger::addPersonChecked(const Session &s, const NewPerson &person, const QString *signaturePin)
{
    const QString op = QStringLiteral("add the person");
    currentRole(s, Action::ManagePeople);
    const QString id = QStringLiteral("p-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QCborMap payload = personPayload(person, id);
    const QString initials = payload.value(QLatin1String("initials")).toString();
    requireFreeInitials(op, initials);
    if (signaturePin)
        requireSignature(s, *signaturePin);
    m_store.write(op, [&] {
        requireFreeInitials(op, initials); // again under the write lock: another process may have added them
        m_store.appendInTransaction(s.personId(), QStringLiteral("person.added"), payload);
    });
    return id;
}

void Ledger::deactivatePersonChecked(const Session &s, const QString &personId, const QString &reason, const QString *signaturePin)
{
    const QString op = QStringLiteral("deactivate the person");
    currentRole(s, Action::ManagePeople);
    const QString why = validate::text(op, QStringLiteral("The reason"), reason);
    if (personId == s.personId())
        throw invalid(op, QStringLiteral("You"), QStringLiteral("cannot deactivate yourself"));
    const auto check = [&] {
        sql::Query q(m_store.db(), "SELECT active FROM people WHERE id = ?");
        q.bind(1, personId);
        if (!q.next())
            throw invalid(op, QStringLiteral("The person %1").arg(personId), QStringLiteral("does not exist"));
        if (q.int64(0) == 0)
            throw invalid(op, QStringLiteral("The person %1").arg(personId), QStringLiteral("is already inactive"));
    };
    if (signaturePin) {
        check();
        requireSignature(s, *signaturePin);
    }
    m_store.write(op, [&] {
        check();
        m_store.appendInTransaction(s.personId(), QStringLiteral("person.deactivated"),
                                    {{QStringLiteral("personId"), personId}, {QStringLiteral("reason"), why}});
    });
}

QString Ledger::addPerson(const Session &s, const NewPerson &person, const QString &signaturePin)
{
    return addPersonChecked(s, person, &signaturePin);
}

void Ledger::deactivatePerson(const Session &s, const QString &personId, const QString &reason, const QString &signaturePin)
{
    deactivatePersonChecked(s, personId, reason, &signaturePin);
}

void Ledger::changeRole(const Session &s, const QString &personId, Role role, const QString &signaturePin)
{
    const QString op = QStringLiteral("change the role");
    currentRole(s, Action::ManagePeople);
    const auto check = [&] {
        QString name;
        Role from = Role::Technician;
        {
            sql::Query q(m_store.db(), "SELECT name, role, active FROM people WHERE id = ?");
            q.bind(1, personId);
            if (!q.next())
                throw invalid(op, QStringLiteral("The person %1").arg(CiiError::excerpt(personId)), QStringLiteral("does not exist"));
            name = q.text(0);
            from = roleFromName(q.text(1)).value_or(Role::Technician);
            if (q.int64(2) == 0)
                throw invalid(op, name, QStringLiteral("is inactive"), QStringLiteral("A deactivated person keeps the role they had."));
        }
        if (from == role)
            throw invalid(op, name, QStringLiteral("is already %1 %2").arg(role == Role::Owner ? QStringLiteral("the") : QStringLiteral("a"), roleName(role)));
        if (from == Role::PharmacistInCharge) {
            sql::Query others(m_store.db(), "SELECT count(*) FROM people WHERE role = 'pharmacist-in-charge' AND active = 1 AND id <> ?");
            others.bind(1, personId);
            others.next();
            if (others.int64(0) == 0)
                throw invalid(op, personId == s.personId() ? QStringLiteral("You") : name,
                              personId == s.personId() ? QStringLiteral("are the last active pharmacist-in-charge")
                                                       : QStringLiteral("is the last active pharmacist-in-charge"),
                              QStringLiteral("Make another pharmacist the pharmacist-in-charge first: the pharmacy always has one."));
        }
        return from;
    };
    check();
    requireSignature(s, signaturePin);
    m_store.write(op, [&] {
        const Role from = check(); // again under the write lock
        m_store.appendInTransaction(s.personId(), QStringLiteral("person.role_changed"),
                                    {{QStringLiteral("personId"), personId}, {QStringLiteral("role"), roleName(role)},
                                     {QStringLiteral("from"), roleName(from)}});
    });
}

void Ledger::checkSignature(const Session &s, const QString &signature)
{
    requireSignature(s, signature);
}

QString Ledger::checkPersonField(PersonField field, const QString &text)
{
    if (text.isEmpty())
        return {};
    const QString op = QStringLiteral("check the field");
    try {
        switch (field) {
        case PersonField::Name:
            validate::text(op, QStringLiteral("The name"), text, 80);
            break;
        case PersonField::Initials: {
            // personPayload's rule, so the sentence is the one Save would give.
            const QString initials = text.trimmed().toUpper();
            static const QRegularExpression initialsRe(QStringLiteral("^[A-Z]{2,4}$"));
            validate::text(op, QStringLiteral("The initials"), text, 4);
            if (!initialsRe.match(initials).hasMatch())
                throw invalid(op, QStringLiteral("The initials"), QStringLiteral("must be 2 to 4 letters"));
            requireFreeInitials(op, initials);
            break;
        }
        case PersonField::Pin:
            if (!QRegularExpression(QStringLiteral("^[0-9]{4,8}$")).match(text).hasMatch())
                throw invalid(op, QStringLiteral("The PIN"), QStringLiteral("must be 4 to 8 digits"));
            break;
        case PersonField::Password:
            if (text.size() < 8 || text.size() > 128)
                throw invalid(op, QStringLiteral("The password"), QStringLiteral("must be 8 to 128 characters"));
            break;
        }
    } catch (const CiiError &e) {
        return e.reason() + QLatin1Char('.');
    }
    return {};
}

} // namespace cii
