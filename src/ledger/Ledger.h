#pragma once

#include "CiiError.h"
#include "LedgerTypes.h"
#include "SecretHasher.h"

#include <QCborArray>
#include <QCborMap>
#include <QDate>
#include <QTimeZone>
#include <functional>
#include <optional>

namespace cii {
class Store;
struct RxStatus;

/// The CII ledger's commands, for the app, ciictl and the tests alike. Each command validates every field,
/// checks the acting person's role in C++, and appends exactly one journal event (its projections in the same
/// transaction); a refusal throws CiiError (InvalidInput, or NotAllowed wording for roles) and writes nothing,
/// except that a failed PIN or password is itself recorded (for the audit log and the lockout).
/// Runs on the store's thread.
class Ledger
{
public:
    static constexpr int kMaxFailures = 5;
    static constexpr qint64 kLockMs = 15 * 60 * 1000;

    explicit Ledger(Store &store, SecretHasher hasher = SecretHasher());

    // Setup and people
    /// The first run: the pharmacy profile and its first pharmacist-in-charge. Refused once anyone exists.
    QString setUp(const PharmacyProfile &profile, const NewPerson &pharmacistInCharge);
    /// A new pharmacy profile (name, address, DEA number, state, time zone, reconciliation cadence): the
    /// pharmacist-in-charge or owner, signed with their PIN or password, since every record carries it.
    void configurePharmacy(const Session &s, const PharmacyProfile &profile, const QString &signaturePin);
    /// The idle lock's time (LedgerSettings.cpp): minutes without a touch before the counter locks itself, a pharmacy
    /// setting ("setting.changed", key kIdleMinutesKey) changed like the profile: the pharmacist-in-charge or owner,
    /// signed. Refused (InvalidInput, one sentence, nothing written) outside kMinIdleMinutes..kMaxIdleMinutes.
    void setIdleMinutes(const Session &s, int minutes, const QString &signaturePin);
    /// A dry run of one profile field's check (LedgerSettings.cpp), by the same checks configurePharmacy makes: empty
    /// when nothing is wrong (or nothing is typed: "is required" is said on save), else the Ledger's sentence.
    /// `field`: name, address, dea, deaExpiry, licenseExpiry, state, timezone, cadenceDays (a whole number of days;
    /// empty for the state's rule), idleMinutes. Writes nothing and needs no session.
    static QString checkProfileField(const QString &field, const QString &text);
    static constexpr int kMinIdleMinutes = 1;
    static constexpr int kMaxIdleMinutes = 30;
    static constexpr int kDefaultIdleMinutes = 5;
    static inline const char *const kIdleMinutesKey = "session.idleMinutes";
    /// A new person (name, 2 to 4 letters of initials no active person has, a role, a PIN and/or password):
    /// the pharmacist-in-charge or owner. Unsigned for ciictl, whose one-command sign-in is the signature.
    QString addPerson(const Session &s, const NewPerson &person);
    /// The same, signed with the acting person's PIN or password (Settings > People): every field is checked
    /// before the signature, so a bad field costs no PIN try. Nothing is written on a refusal.
    QString addPerson(const Session &s, const NewPerson &person, const QString &signaturePin);
    /// Deactivates a person (never deleted: the history names them), with the reason kept in the records; they can
    /// no longer sign in or sign. The pharmacist-in-charge or owner; not oneself. Unsigned for ciictl, as addPerson.
    void deactivatePerson(const Session &s, const QString &personId, const QString &reason);
    /// The same, signed (Settings > People).
    void deactivatePerson(const Session &s, const QString &personId, const QString &reason, const QString &signaturePin);
    /// A person's new role ("person.role_changed", LedgerPeople.cpp): the pharmacist-in-charge or owner, signed with
    /// their PIN or password. Refuses, writing nothing: an unknown or inactive person, the role they already have,
    /// and a change that would leave the pharmacy without an active pharmacist-in-charge (the last one, oneself or
    /// not, stays one until another is named). Every check comes before the signature. Takes effect at once: every
    /// command re-reads the role (Session).
    void changeRole(const Session &s, const QString &personId, Role role, const QString &signaturePin);
    /// Checks the acting person's PIN or password as a signature, ahead of a command that will need it again (a
    /// screen asks for it first, then for more): a wrong one is recorded (audit log, lockout), a right one writes
    /// nothing. Refuses (InvalidInput) a wrong, empty or locked-out secret.
    void checkSignature(const Session &s, const QString &signature);
    /// The fields of the person form, checked as they are typed (LedgerPeople.cpp).
    enum class PersonField { Name, Initials, Pin, Password };
    /// A dry run of addPerson's check of one field: empty when nothing is wrong (or nothing is typed yet), else
    /// the Ledger's sentence. Initials are also refused when an active person has them. Writes nothing.
    QString checkPersonField(PersonField field, const QString &text);
    /// A new PIN and/or password. For oneself, signed with the current PIN or password; for someone else (a
    /// forgotten PIN), the pharmacist-in-charge or owner signs with their own, and the reset lifts a lockout.
    void changeCredentials(const Session &s, const QString &personId, const QString &newPin, const QString &newPassword,
                           const QString &signature);

    /// Signs in with a PIN (4 to 8 digits) or a password. Five failures in a row lock the account for 15 minutes.
    /// `verified`: the answer checked ahead off this thread (VerifiedSecrets), used when it is for this person's hash.
    Session signIn(const QString &personId, const QString &secret, const VerifiedSecrets &verified = {});
    /// The same check for a session that does one command and ends (ciictl): a success is not recorded, since the
    /// command's own event names who did it and a refused command must leave no trace. Wrong secrets and lockouts
    /// are recorded as always, and a success after wrong tries is recorded (it clears their count).
    Session signInForOneCommand(const QString &personId, const QString &secret);

    // Catalog
    QString addProduct(const Session &s, const ProductInput &product); ///< returns the NDC-11
    void deactivateProduct(const Session &s, const QString &ndc11);
    void reactivateProduct(const Session &s, const QString &ndc11);
    /// The FDA NDC Directory's product.txt and package.txt: schedule II rows only, in one transaction. A product
    /// already in the catalog is updated only when a field changed. Rejected rows are reported, never imported.
    /// A file that is not the directory at all is refused whole.
    ImportReport importFdaDirectory(const Session &s, const QByteArray &productTxt, const QByteArray &packageTxt);
    /// A plain CSV (UTF-8, header: ndc,name,strength,dosage_form,package_size,base_unit[,schedule]).
    ImportReport importCatalogCsv(const Session &s, const QByteArray &csv);
    /// The two steps of an import that a screen shows between: reading the files (long, on a worker), then a dry
    /// run the person reads before accepting. readFdaDirectory and readCatalogCsv parse and touch nothing else:
    /// any thread. A file that is not the directory (or a catalog CSV) at all throws InvalidInput, as the imports do.
    /// `progress(done, total)` in bytes, called on the reading thread.
    static CatalogFile readFdaDirectory(const QByteArray &productTxt, const QByteArray &packageTxt,
                                        const std::function<void(qint64, qint64)> &progress = {});
    static CatalogFile readCatalogCsv(const QByteArray &csv);
    /// The dry run: the report importCatalog would give now (added, updated, unchanged, each refused row by its
    /// line), writing nothing and needing no session. Store's thread.
    ImportReport checkImport(const CatalogFile &file);
    /// Writes the file's good rows, one transaction (ManageCatalog); refused rows are reported, never written.
    ImportReport importCatalog(const Session &s, const CatalogFile &file);
    /// The level at or below which a product is to be ordered again, in base units (0: none), for the counter to
    /// say "below reorder point". Logged under the session, like the catalog's other changes ("product.reorder_point"),
    /// not signed: it moves no stock. ManageCatalog. Refused: a product not in the catalog, a number outside
    /// 0..kMaxQuantity, the point it already has.
    void setReorderPoint(const Session &s, const QString &ndc, qint64 units);

    // Opening balances (docs/FIRST-RUN.md)
    /// The CSV template for opening balances: its header and one example line.
    static QByteArray openingBalancesTemplate();
    /// Reads and checks an opening-balances file without writing anything (so without a session): every line's
    /// product, count, who counted and when. A file that is not that at all throws; a bad line is in `rejected`.
    OpeningBalances checkOpeningBalances(const QByteArray &csv);
    /// Records the file's counts as the opening balances, signed by the pharmacist-in-charge: products not yet in
    /// the catalog are added, and one stock.opening_balances event holds every count, all in one transaction.
    /// Only before the first stock entry, and only when every line is good (a rejected line refuses the file).
    OpeningBalances recordOpeningBalances(const Session &s, const QByteArray &csv, const QString &signaturePin);

    // Stock
    qint64 receive(const Session &s, const Receipt &r);
    /// Records a dispense (stock.dispensed). Every check checkDispense() makes comes first, before the override's
    /// PIN (so a bad field costs no PIN try), and again under the write lock; then the one event is appended.
    qint64 dispense(const Session &s, const Dispense &d);
    /// The fields of a dispense a refusal can be about, so a form says it under the field it names.
    /// Balance is the quantity against the balance on hand, apart from Quantity (the number itself, what the Rx has
    /// left), since a form's quantity field may already say it (checkField(Field::Dispense)).
    enum class DispenseField { None, Product, Quantity, Balance, Rx, Prescribed, DateWritten, Prescriber, PrescriberDea,
                               PartialKind, FillDate, Override, OverrideReason };
    /// "quantity", "balance", "rx", "prescribed", "dateWritten", "prescriber", "prescriberDea", "partialKind",
    /// "fillDate", "product", "override", "overrideReason"; "" for None (who is acting: no longer active, may not
    /// dispense).
    static QString dispenseFieldName(DispenseField field);
    /// A refusal of a dispense: the Ledger's error, as dispense() throws it, and the field it is about.
    struct DispenseRefusal
    {
        DispenseField field;
        CiiError error;
    };
    /// A dry run of dispense(): the refusal dispense(s, d) would give now, the first one in dispense()'s order
    /// (the quantity, the Rx number, the quantity prescribed, what the Rx has left, the balance, then a first fill's
    /// date written, prescriber, DEA number, kind of partial fill and its window), or nothing when it would be
    /// recorded. Writes nothing and never checks the override's PIN (a wrong PIN is recorded: a dry run must not
    /// ask for one). A few reads (well under a millisecond on a two-year store): fit to call as a form is typed.
    /// Store's thread.
    std::optional<DispenseRefusal> checkDispense(const Session &s, const Dispense &d);
    qint64 returnToStock(const Session &s, qint64 dispenseSeq, qint64 quantity, const QString &reason);
    /// A pharmacist verifies a technician's dispense, signed with their PIN, and is its dispenser on record (21 CFR
    /// 1304.22(c)). Refused for one that is not waiting (verified, voided, or recorded by a pharmacist).
    qint64 verifyDispense(const Session &s, qint64 dispenseSeq, const QString &signaturePin);
    /// Closes what is left of a partly filled Rx: the rest is void and the prescriber has been told (`note` says
    /// how). Pharmacist or above, signed. A closed Rx takes no more fills (21 CFR 1306.13(a)).
    qint64 closePrescription(const Session &s, const QString &rx, const QString &note, const QString &signaturePin);
    /// A blind count: the caller never passes (or sees) the expected balance.
    CountResult count(const Session &s, const QString &ndc11, qint64 counted);
    /// A shelf list counted blind: every count recorded in one transaction, or none (a problem with one refuses
    /// all, naming the line). Each product at most once.
    QList<CountResult> countShelf(const Session &s, const QList<InventoryCount> &counts);
    /// Pharmacist or above, signed with the acting person's PIN.
    qint64 adjust(const Session &s, const QString &ndc11, qint64 delta, const QString &reasonCode,
                  const QString &justification, const QString &signaturePin);
    /// Voids a stock entry by a new entry that names it; the original stays. Pharmacist or above, signed.
    qint64 voidEntry(const Session &s, qint64 seq, const QString &reason, const QString &signaturePin);
    /// Transfers to or from another registrant, returns to a supplier or a reverse distributor. Pharmacist or above.
    qint64 recordMovement(const Session &s, const Movement &m);
    /// DEA Form 41. Pharmacist or above records it; two different people witness it and each signs.
    qint64 destroy(const Session &s, const Destruction &d);
    /// Sets stock aside awaiting disposal (21 CFR 1317): still on hand and counted, no longer dispensable, until a
    /// destruction or a reverse distributor's shipment takes it (each takes from what awaits first). Pharmacist or
    /// above, signed. Refuses more than the balance not already set aside. Returns the event's seq.
    qint64 setAside(const Session &s, const SetAside &a);
    /// Waste (dropped, contaminated, ...) with a witness who signs. At least one of the two is a pharmacist.
    qint64 waste(const Session &s, const Waste &w);
    /// A theft or loss: the stock leaves at once; the DEA notice and Form 106 deadlines are recorded with it.
    qint64 reportTheftLoss(const Session &s, const TheftLoss &t);
    /// Records that the DEA notice was sent (`what` "notice") or Form 106 filed ("form"), with its reference.
    qint64 recordTheftLossFiling(const Session &s, qint64 reportId, const QString &what, const QString &date,
                                 const QString &reference);
    /// The biennial or annual inventory or a reconciliation, signed by the pharmacist-in-charge (21 CFR 1304.11).
    /// Its expected figures are the balances at the moment it is labelled with (the opening of business on its
    /// date: before any entry of that date; the close: after every one), whenever it is signed; each product's
    /// balance becomes the count plus what was recorded after that moment. Differences open discrepancies.
    /// Refuses a sheet missing an active product or one holding stock (active or not), naming them, and a count
    /// lower than what left after its moment (the balance would go below zero).
    qint64 takeInventory(const Session &s, const Inventory &inv);
    /// Records that a report was printed or exported (`records.exported`, for the audit log). Pharmacists, the
    /// pharmacist-in-charge and the owner; refused for technicians.
    qint64 recordExport(const Session &s, const RecordsExport &x);
    /// Refuses (CiiError InvalidInput, the same sentence every command gives) when `s`'s person may not do `action`
    /// now: for work that is checked before it starts, such as building a report before recording its export.
    void requireAllowed(const Session &s, Action action) { currentRole(s, action); }
    /// A pharmacist takes a discrepancy into review (open -> in review), with a note.
    qint64 startReview(const Session &s, qint64 discrepancyId, const QString &note);
    /// Pharmacist-in-charge only, signed. `escalate` sends it on as a theft or loss (a shortage only), discovered
    /// and typed as `how` says (its discovery date defaults to the date of the count that found it). Refuses, writing
    /// nothing: a discovery date after today or before the product's last count that matched the records, a type
    /// other than theft or loss.
    /// A counting error is resolved by the recount that shows it (`recounted`, what the shelf holds now; required
    /// for the reason counting-error and refused with any other): the one `discrepancy.resolved` event carries it,
    /// and its count entry makes the balance `recounted`, correcting the entry that opened the discrepancy (a
    /// matching count: the product is no longer due). The recount must match the records without that entry (the
    /// balance now less the discrepancy's difference; the balance now when a later count or inventory already set
    /// it); otherwise it is refused, naming the figure, for a new count instead (a new difference is a new
    /// discrepancy). Checked before the PIN and again under the write lock. docs/LEDGER.md "Discrepancies".
    qint64 resolveDiscrepancy(const Session &s, qint64 discrepancyId, const QString &reasonCode, const QString &note,
                              bool escalate, const QString &signaturePin, const Escalation &how = {},
                              std::optional<qint64> recounted = std::nullopt);

    /// The balance of a product named by its NDC as labelled (hyphens), its 11 digits, or 10 bare digits (the
    /// catalog tells their layout). Refuses (InvalidInput) a product not in the catalog, rather than answer 0.
    qint64 balance(const QString &ndc);
    /// The catalog key (11 digits) of a product named as balance() accepts; refuses one not in the catalog.
    QString resolveProduct(const QString &ndc);
    /// The fields a form checks as they are typed (LedgerFields.cpp).
    enum class Field { Quantity, Count, Dispense, Dea, Form222, Date, Expiry, Rx, Witness, WasteWitness, WasteNote,
                       Ndc, ProductName, Strength, DosageForm, PackageSize, BaseUnit, ReorderPoint };
    /// quantity, count, dispense, dea, form222, date, expiry, rx, witness, wasteWitness, wasteNote, and a product's:
    /// ndc, productName, strength, dosageForm, packageSize, baseUnit, reorderPoint; nothing for another name.
    static std::optional<Field> fieldFromName(const QString &name);
    /// A dry run of one field's check, by the checks the commands make: empty when nothing is wrong (or nothing is
    /// typed yet: "is required" is said on save), else the Ledger's sentence. Writes nothing and needs no session.
    /// Dispense checks the quantity against the balance of `ndc11`; Date refuses a day after today, Expiry a past day.
    /// Rx: a later fill of a known Rx of `ndc11` today, as dispense() checks it (closed, another drug, filled in full,
    /// past its window, nothing left); an Rx never filled here is a first fill and not a problem.
    /// Witness (`text` the witness's person id): known, active, staff, and not `actor` (the person recording).
    /// WasteWitness also wants a pharmacist when `actor` is a technician. WasteNote (`text` the note, `context` the
    /// reason chosen): a note is required for the reason "other". These three answer for nothing typed too
    /// ("A witness is required."), so it is said at the field, before Save and the PIN.
    /// `context`: the product's ndc11 for Dispense and Rx; the reason for WasteNote.
    QString checkField(Field field, const QString &text, const QString &context = {}, const QString &actor = {});
    /// The stored hash a sign-in or signature by this person with this secret is checked against (the PIN's for a
    /// PIN, else the password's); empty for an unknown person. For VerifiedSecrets::check() off the UI thread.
    QByteArray secretHashFor(const QString &personId, const QString &secret);
    /// Today's date (YYYY-MM-DD) in the pharmacy's time zone.
    QString todayInPharmacy() const { return today(); }
    /// Active products due a count: the pharmacy's cadence has passed since their last count matching the records
    /// (never counted: since their first entry, or since they were added; LedgerQueries::countsOlderThan).
    QStringList overdueReconciliations();
    /// Counts matching the records before this time are too old: now minus the pharmacy's cadence.
    qint64 reconciliationCutoffMs();
    bool isReconciliationOverdue(const QString &ndc11, qint64 cutoffMs);
    static QStringList wasteReasons();
    /// Every type a theft or loss report may carry in the journal: theft, loss, in-transit-loss (recorded before
    /// a loss in transit became a short receipt; still replayed).
    static QStringList lossTypes();
    /// The types a new report or an escalation may take: theft, loss (a loss in transit is a short receipt).
    static QStringList newLossTypes();
    /// The kinds Form 106 asks of a theft (night-break-in, armed-robbery, employee-pilferage, customer-theft, other)
    /// or a loss (lost-in-pharmacy, other); none for another type.
    static QStringList lossKinds(const QString &lossType);
    static QString movementKindName(MovementKind k); ///< transfer-in, transfer-out, return-to-supplier, reverse-distributor
    /// The first business day after `date`: Monday to Friday and not a US federal holiday (as observed).
    static QDate nextBusinessDay(const QDate &date);
    /// A US federal holiday as observed (5 U.S.C. 6103: a Saturday holiday on the Friday before, a Sunday one on the Monday after).
    static bool isFederalHoliday(const QDate &date);
    static QStringList adjustmentReasons();
    static QStringList discrepancyReasons();
    static int defaultCadenceDays(const QString &state);

private:
    Role currentRole(const Session &s, Action action);
    void requireSignature(const Session &s, const QString &pin);
    /// Checks a PIN or password (an answer in `verified` for this person's hash, else scrypt here), recording a
    /// failure and the lockout.
    void checkSecret(const QString &personId, const QString &secret, bool asSignature, const VerifiedSecrets &verified,
                     bool recordSuccess = true);
    Session signInChecked(const QString &personId, const QString &secret, const VerifiedSecrets &verified, bool recordSuccess);
    QString today() const;
    /// Inside a write: appends the blind count and says whether it opened a discrepancy.
    CountResult countInTransaction(const QString &op, const Session &s, const QString &ndc11, qint64 counted);
    /// `where`, when given, follows the NDC in a refusal ("on line 3 of the counts file").
    QString productKey(const QString &op, const QString &ndc11, bool mustBeActive = true, const QString &where = {});
    /// Refuses `quantity` of `key` leaving other than by disposal when it is more than the balance not set aside
    /// awaiting disposal: `field` names it ("The quantity wasted"), the sentence says how many are set aside.
    void requireNotSetAside(const QString &op, const QString &field, const QString &key, qint64 quantity);
    /// An inventory's sheet as at its moment: each count with its expected figure and what was recorded after,
    /// after refusing a product missing from it or a count lower than what left after the moment.
    QCborArray inventorySheet(const QString &op, const Inventory &inv, const QString &date, const QList<InventoryCount> &counts);
    static QCborMap productPayload(const QString &op, const ProductInput &in);
    /// Validates each row and counts the new, changed and unchanged ones; with `s`, appends product.added /
    /// product.updated for the new or changed ones in one transaction, else writes nothing.
    ImportReport importProducts(const Session *s, const CatalogFile &file);
    /// Checks a witness (active, staff, not already signing this entry, a PIN given; the PIN itself is checked
    /// by the caller once every other check passed) and returns their role.
    Role requireWitness(const QString &op, const Witness &w, QStringList &signers);
    struct Counters
    {
        QStringList ids, names;
    };
    /// Who counted an inventory, checked (known, active staff, each once, a PIN given by each but the signer); the
    /// signer alone when `counters` is empty. The PINs are checked by the caller, after every other check.
    Counters requireCounters(const QString &op, const Session &s, const QList<Witness> &counters);
    QCborMap lossDeadlines(const QDate &discovery);
    /// Checks the Form 106 facts (the police report, the kind for this type) and adds those given to `m`.
    static void addForm106Facts(const QString &op, const QString &lossType, const QString &policeReport, const QString &kind, QCborMap &m);
    static QCborMap profilePayload(const PharmacyProfile &p);
    /// What a first fill records of its prescription, checked: the date written, the prescriber, the kind of
    /// partial fill and its window (PartialFills.h). Throws DispenseRefusal, naming the field.
    QCborMap firstFillPayload(const QString &op, const Dispense &d, qint64 quantity, const QString &fillDate) const;
    /// What dispense() appends, once every check passed.
    struct DispenseChecked
    {
        Role role = Role::Technician;
        QString key, rx, fill, overrideReason;
        qint64 quantity = 0, prescribed = 0, remainingBefore = 0, onHand = 0;
        QCborMap firstFill; ///< what the first fill of an Rx records of the prescription
    };
    /// Every check dispense() makes before it appends, shared with checkDispense(): writes nothing, asks no PIN.
    /// Throws DispenseRefusal (the error and the field it is about).
    DispenseChecked checkedDispense(const QString &op, const Session &s, const Dispense &d);
    /// Refuses a later fill the prescription does not allow: closed, filled in full, another drug or strength, or
    /// past its kind's last day.
    void checkLaterFill(const QString &op, const RxStatus &rx, const QString &ndc11, const QString &fillDate);
    QCborMap personPayload(const NewPerson &p, const QString &id);
    /// Refuses initials an active person already has (witnesses and ciictl name people by them).
    void requireFreeInitials(const QString &op, const QString &initials);
    QString addPersonChecked(const Session &s, const NewPerson &person, const QString *signaturePin);
    void deactivatePersonChecked(const Session &s, const QString &personId, const QString &reason, const QString *signaturePin);
    void setProductActive(const Session &s, const QString &ndc11, bool makeActive);
    void insertSecretHashes(const QString &op, const QString &pin, const QString &password, QCborMap &m) const;

    Store &m_store;
    SecretHasher m_hasher;
    mutable QString m_zoneId;  ///< the pharmacy's zone, cached for today()
    mutable QTimeZone m_zone;
};

} // namespace cii
