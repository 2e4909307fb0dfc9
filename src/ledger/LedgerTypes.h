#pragma once

#include "Roles.h"

#include <QString>

namespace cii {

/// Proof that a person signed in. Only Ledger::signIn makes one; every command re-reads the person's role and
/// active state from the store, so a deactivated person or a changed role takes effect at once.
class Session
{
public:
    QString personId() const { return m_personId; }
    QString name() const { return m_name; }
    Role role() const { return m_role; }

private:
    friend class Ledger;
    Session(QString id, QString name, Role role) : m_personId(std::move(id)), m_name(std::move(name)), m_role(role) {}
    QString m_personId, m_name;
    Role m_role;
};

struct PharmacyProfile
{
    QString name, address, dea, state, timezone;
    int cadenceDays = 0; ///< 0: the state's default (California 90, Massachusetts 10, otherwise 30)
};

struct NewPerson
{
    QString name, initials;
    Role role = Role::Technician;
    QString pin;      ///< 4 to 8 digits, or empty
    QString password; ///< at least 8 characters, or empty; one of the two is required
};

struct ProductInput
{
    QString ndc;        ///< hyphenated 10-digit or 11-digit
    QString name, strength, dosageForm, baseUnit;
    qint64 packageSize = 0;
    QString schedule = QStringLiteral("CII");
};

struct Receipt
{
    QString ndc11;
    qint64 packages = 0;
    QString orderType;   ///< "222" (DEA Form 222) or "CSOS"
    QString orderNumber;
    QString supplierName, supplierDea;
    QString lot, expiry; ///< expiry "YYYY-MM-DD"
    QString receivedDate; ///< "YYYY-MM-DD"
};

struct Dispense
{
    QString ndc11;
    qint64 quantity = 0;
    QString rx;
    QString fillDate;            ///< "YYYY-MM-DD"
    qint64 prescribedQuantity = 0; ///< required on the first fill of an Rx; 0 on later partial fills
};

struct CountResult
{
    qint64 seq = 0;
    bool discrepancyOpened = false;
    qint64 difference = 0;   ///< counted - expected (only shown after the count is saved)
    QString reviewer;        ///< who reviews it: the pharmacist-in-charge's name
};

} // namespace cii
