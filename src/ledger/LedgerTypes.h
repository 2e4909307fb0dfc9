#pragma once

#include "Roles.h"
#include "VerifiedSecrets.h"

#include <QList>
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
    /// This session carrying the PINs and passwords checked ahead for the one command it is handed to (a PIN that
    /// signs it, a witness's): the Ledger uses those answers instead of running scrypt on the caller's thread.
    Session withVerified(VerifiedSecrets verified) const
    {
        Session s = *this;
        s.m_verified = std::move(verified);
        return s;
    }
    const VerifiedSecrets &verified() const { return m_verified; }

private:
    friend class Ledger;
    Session(QString id, QString name, Role role) : m_personId(std::move(id)), m_name(std::move(name)), m_role(role) {}
    QString m_personId, m_name;
    Role m_role;
    VerifiedSecrets m_verified;
};

struct PharmacyProfile
{
    QString name, address, dea, state, timezone;
    int cadenceDays = 0; ///< 0: the state's default (California 90, Massachusetts 10, otherwise 30)
    QString deaExpiry, licenseExpiry; ///< YYYY-MM-DD, or empty when not recorded: the counter warns ahead (DueDates.h)
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
    /// A short receipt: the packages the supplier shipped (on the invoice or the Form 222), 0 or equal to `packages`
    /// when none is missing. `packages` is what arrived, and only that enters the balance.
    qint64 packagesShipped = 0;
    /// When fewer arrived than were shipped: who at the supplier was told, and when. The supplier reports a loss in
    /// transit (21 CFR 1301.76(b)).
    QString supplierTold;
};

struct Dispense
{
    QString ndc11;
    qint64 quantity = 0;
    QString rx;
    QString fillDate;            ///< "YYYY-MM-DD"
    qint64 prescribedQuantity = 0; ///< required on the first fill of an Rx; 0 on later partial fills
    /// On the first fill (later fills take the Rx's): the date written, the prescriber (name and DEA number), and
    /// when less than prescribed is filled, why (PartialFills.h: cannot-supply, long-term-care, patient-request).
    QString dateWritten, prescriberName, prescriberDea, partialKind;
    /// A pharmacist may dispense more than the recorded balance (the shelf had it): the balance goes to zero
    /// and a discrepancy opens for the shortfall. Needs the reason and the pharmacist's PIN.
    bool overrideBalance = false;
    QString overrideReason, signaturePin;
};

/// Stock leaving or arriving from another DEA registrant (not a sale to a patient).
enum class MovementKind { TransferIn, TransferOut, ReturnToSupplier, ReverseDistributor };

struct Movement
{
    MovementKind kind = MovementKind::TransferOut;
    QString ndc11;
    qint64 quantity = 0;               ///< base units
    QString partyName, partyDea;       ///< the other registrant
    QString orderNumber;               ///< Form 222 number, CSOS order id or the reverse distributor's form number
    QString date;                      ///< "YYYY-MM-DD"
};

/// A second person who saw it happen and signs with their own PIN.
struct Witness
{
    QString personId, pin;
};

/// DEA Form 41: what was destroyed, how, where, and two witnesses who each sign.
struct Destruction
{
    QString ndc11;
    qint64 fullPackages = 0;
    qint64 partialUnits = 0; ///< base units from opened packages
    QString method, location, date;
    Witness first, second;
};

/// Stock set aside awaiting disposal (expired, damaged, recalled): it stays on hand and in every count and
/// inventory, is never dispensed, and leaves only by a destruction (Form 41) or a reverse distributor's shipment.
struct SetAside
{
    QString ndc11;
    qint64 quantity = 0; ///< base units
    QString reason;      ///< why, in words ("expired 2026-08", "damaged in delivery")
    QString signaturePin;
};

struct Waste
{
    QString ndc11;
    qint64 quantity = 0;
    QString reason; ///< one of Ledger::wasteReasons()
    QString note;
    Witness witness;
};

/// DEA Form 106 facts: the stock moves out at once; notice and form deadlines follow from the discovery date.
struct TheftLoss
{
    QString ndc11;
    qint64 quantity = 0;
    QString lossType;       ///< theft, loss (Ledger::newLossTypes(); in-transit-loss only in old journals)
    QString discoveryDate;  ///< "YYYY-MM-DD"
    QString circumstances;
    QString signaturePin;
    QString policeReport; ///< Form 106: the police report's number and department; empty when none was made
    QString kind;         ///< Form 106: the kind of theft or loss (Ledger::lossKinds(lossType)); empty: not stated
};

/// How a discrepancy escalated to a theft or loss is reported (DEA Form 106, 21 CFR 1301.76(b)).
struct Escalation
{
    /// "YYYY-MM-DD"; empty: the business date of the count (or inventory, or override dispense) that found it.
    /// Not after today, not before the product's last count that matched the records.
    QString discoveryDate;
    QString lossType; ///< theft or loss (Ledger::newLossTypes()); empty: loss
    QString policeReport; ///< Form 106: the police report's number and department; empty when none was made
    QString kind;         ///< Form 106: the kind of theft or loss (Ledger::lossKinds(lossType)); empty: not stated
};

struct InventoryCount
{
    QString ndc11;
    qint64 counted = 0;
    int line = 0; ///< the line of the file it was read from (header included, so data starts on 2); 0 when none
};

/// The biennial (or annual) inventory, or a periodic reconciliation (California 16 CCR 1715.65): every active CII
/// product and every product holding stock counted exactly once, as at the opening or close of business on its
/// date, signed by the pharmacist-in-charge.
struct Inventory
{
    QString type;   ///< biennial, annual, reconciliation
    QString timing; ///< opening, closing (of business)
    QString date;   ///< "YYYY-MM-DD"
    QList<InventoryCount> counts;
    QString signaturePin; ///< the pharmacist-in-charge's: they countersign
    /// Who did the physical count, chosen from the pharmacy's people, each signing with their own PIN (the
    /// pharmacist-in-charge's own signature covers them when they counted too, and their `pin` may be empty).
    /// Empty: the pharmacist-in-charge who signs counted alone.
    QList<Witness> counters;
};

/// A report printed or exported (for the audit log): which, for what dates, in what format, how many rows.
struct RecordsExport
{
    QString report; ///< its title, e.g. "Dispensing log"
    QString from, to; ///< "YYYY-MM-DD"
    QString format; ///< PDF, CSV
    qint64 rows = 0;
};

struct ImportRejection
{
    QString file;
    int line = 0;      ///< 1-based, as an editor shows it
    QString reason;
};

struct ImportReport
{
    int added = 0, updated = 0, unchanged = 0;
    int skipped = 0;   ///< rows that are not schedule II (FDA directory)
    QList<ImportRejection> rejected;
};

/// A catalog file read and its rows parsed, nothing checked against the catalog and nothing written
/// (Ledger::readFdaDirectory, Ledger::readCatalogCsv): what a dry run checks and an accepted import writes.
struct CatalogFile
{
    QString op;        ///< what importing it is called in a refusal ("import the FDA NDC Directory")
    QString file;      ///< the file its rows' line numbers are in ("package.txt", "CSV")
    QList<std::pair<int, ProductInput>> rows; ///< (line, product) of every row that could be read
    ImportReport report; ///< what reading already refused (and, for the directory, the rows not schedule II)
};

/// One line of an opening-balances file: a product's count when the pharmacy started keeping its CII records here.
struct OpeningBalance
{
    int line = 0;          ///< 1-based, as an editor shows it
    QString ndc11, name, baseUnit;
    qint64 quantity = 0;   ///< in base units
    QString countedBy;     ///< who counted (a name as written on the count sheet)
    QString countedOn;     ///< "YYYY-MM-DD"
    bool newProduct = false; ///< not in the catalog yet: added from the file's product columns
    ProductInput product;    ///< those columns, for a new product
};

/// An opening-balances file checked (and, once recorded, its journal entry).
struct OpeningBalances
{
    QList<OpeningBalance> rows;
    QList<ImportRejection> rejected; ///< any rejection refuses the whole file
    qint64 seq = 0;                  ///< the stock.opening_balances event, once recorded
};

struct CountResult
{
    qint64 seq = 0;
    bool discrepancyOpened = false;
    qint64 discrepancyId = 0;
    qint64 difference = 0;   ///< counted - expected (only shown after the count is saved)
    QString reviewer;        ///< who reviews it: the pharmacist-in-charge's name
};

} // namespace cii
