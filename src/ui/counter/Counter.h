#pragma once

#include "CiiError.h"
#include "Ledger.h"
#include "ProductLedgerModel.h"
#include "ProductListModel.h"
#include "SessionController.h"

#include <QJSValue>
#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

class QQmlEngine;
class QJSEngine;

namespace cii {
struct DueDate;
class DraftStore;
class LedgerQueries;
class ScannerRouter;
class SessionController;
class Store;

/// The counter's controller: the stock commands the counter screens send (receive, dispense, count, and the other
/// transaction kinds in CounterRecords.cpp), the product list, the pharmacy's name and people for the lock screen.
/// QML shows and collects; the rules are the Ledger's, and every refusal comes back as the Ledger's own sentence in
/// `{ok: false, message}`. It is also the QML face of the session (SessionController: who is signed in, the idle
/// lock, PINs checked off the UI thread) and of the scanner (ScannerRouter), so the screens keep one singleton.
/// Built in the composition root (UiServices); UI thread only.
class Counter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(bool isSetUp READ isSetUp NOTIFY changed)
    Q_PROPERTY(QString pharmacyName READ pharmacyName NOTIFY changed)
    Q_PROPERTY(QString pharmacyDea READ pharmacyDea NOTIFY changed)
    Q_PROPERTY(QVariantList people READ people NOTIFY changed)
    /// Technicians' dispenses waiting for a pharmacist's verification: [{seq, rx, product, quantity, recordedBy, recorded}].
    Q_PROPERTY(QVariantList toVerify READ toVerify NOTIFY changed)
    /// What the pharmacist-in-charge must do soon (overdue, or due within 60 days): [{what, due, overdue, rule}].
    Q_PROPERTY(QVariantList dueSoon READ dueSoon NOTIFY changed)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY sessionChanged)
    Q_PROPERTY(QString personId READ personId NOTIFY sessionChanged)
    Q_PROPERTY(QString personName READ personName NOTIFY sessionChanged)
    Q_PROPERTY(QString personRole READ personRole NOTIFY sessionChanged)
    /// "a technician", "an owner": the signed-in person's role in a sentence.
    Q_PROPERTY(QString personRoleNoun READ personRoleNoun NOTIFY sessionChanged)
    /// What the signed-in person's role may not do (Roles.h), so a screen greys it out and says why instead of a
    /// refusal after a full form and a PIN; the Ledger still refuses it. Keyed by the action in lowerCamelCase
    /// ("adjust", "dispenseOverride", "transfer", "destroy", "reportTheftLoss", "correct", ...), each value the
    /// sentence ("A technician may not record an adjustment."); an action the role may do is absent. Empty when
    /// no one is signed in.
    Q_PROPERTY(QVariantMap refusals READ refusals NOTIFY sessionChanged)
    Q_PROPERTY(ProductListModel *products READ products CONSTANT)
    Q_PROPERTY(int idleMinutes READ idleMinutes WRITE setIdleMinutes NOTIFY idleMinutesChanged)
    Q_PROPERTY(bool touchKeyboard READ touchKeyboard CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    /// The idle lock is near (SessionController::lockWarning): the window says "Locking in N s" until a touch.
    Q_PROPERTY(bool lockWarning READ lockWarning NOTIFY lockWarningChanged)
    Q_PROPERTY(int secondsToLock READ secondsToLock NOTIFY lockWarningChanged)

public:
    /// `store`, `ledger`, `queries` null: no store is open (every command refuses, every read is empty).
    /// `scanner` may be null (no scanner routing). None is owned.
    Counter(Store *store, Ledger *ledger, const LedgerQueries *queries, SessionController *session,
            ScannerRouter *scanner, QObject *parent = nullptr);
    ~Counter() override;
    static Counter *create(QQmlEngine *, QJSEngine *);
    static void setInstance(Counter *instance);
    /// The one the composition root set, for QML (create()) and tests; null before it.
    static Counter *instance();
    Ledger *ledger() const { return m_ledger; }
    Store *store() const { return m_store; }
    SessionController *sessionController() const { return m_session; }
    const std::optional<Session> &session() const;

    bool available() const { return m_store != nullptr; }
    bool isSetUp() const;
    QString pharmacyName() const;
    QString pharmacyDea() const;
    QVariantList people() const;
    QVariantList toVerify() const;
    QVariantList dueSoon() const;
    /// A due date as the screens show it: {what, due, rule, overdue}.
    static QVariantMap dueDateItem(const DueDate &d, const QDate &today);
    bool signedIn() const;
    std::optional<Role> sessionRole() const { return session() ? std::optional<Role>(session()->role()) : std::nullopt; }
    QString personId() const { return session() ? session()->personId() : QString(); }
    QString personName() const { return session() ? session()->name() : QString(); }
    QString personRole() const { return session() ? roleTitle(session()->role()) : QString(); }
    QString personRoleNoun() const;
    QVariantMap refusals() const;
    ProductListModel *products() const { return m_products.get(); }
    int idleMinutes() const;
    /// For this session only; the pharmacy's setting (Ledger::setIdleMinutes) is applied again when it changes.
    void setIdleMinutes(int minutes);
    bool lockWarning() const;
    int secondsToLock() const;
    /// Where the forms' drafts are kept; null: none are (no store, or the store keeps none). Not owned.
    void setDrafts(DraftStore *drafts) { m_drafts = drafts; }
    /// The idle interval in milliseconds, below a minute: for tests.
    void setIdleIntervalMs(int ms);
    /// Qt Virtual Keyboard is the input method (a touch-only panel: the app was started with --touch-keyboard).
    static bool touchKeyboard() { return qgetenv("QT_IM_MODULE") == "qtvirtualkeyboard"; }

    /// Checking PINs and passwords (scrypt, about 170 ms each) on a worker thread: the screen shows a busy indicator.
    bool busy() const;
    /// Checks each signer's secret ([{personId, secret}]) on a worker thread, then calls `then` on the UI thread;
    /// the command it sends is handed the answers (SessionController::verifyThen) and the UI thread never spends
    /// the scrypt time. Refused (false, `then` not called) while a check runs: a second Enter records nothing twice.
    Q_INVOKABLE bool verifyThen(const QVariantList &signers, const QJSValue &then);
    /// Signs in by PIN or password. {ok, message}.
    Q_INVOKABLE QVariantMap signIn(const QString &personId, const QString &secret);
    Q_INVOKABLE void lock();
    /// Any touch or key press: restarts the idle lock timer.
    Q_INVOKABLE void touch();
    /// With `overrideBalance`, a pharmacist dispenses over the recorded balance, with a reason and their PIN.
    /// `prescription`, on an Rx's first fill: {dateWritten, prescriber, prescriberDea, partialKind}.
    Q_INVOKABLE QVariantMap dispense(const QString &ndc11, const QString &quantity, const QString &rx,
                                     const QString &prescribed, const QVariantMap &prescription = {}, bool overrideBalance = false,
                                     const QString &overrideReason = {}, const QString &pin = {});
    /// A dry run of dispense() with the same arguments but the PIN (Ledger::checkDispense): {field, message}, the
    /// field the refusal is about (Ledger::dispenseFieldName: "quantity", "rx", "prescribed", "dateWritten",
    /// "prescriber", "prescriberDea", "partialKind", "overrideReason", ...; "" for none of the form's) and the Ledger's
    /// sentence; both empty when it would be recorded, or when no one is signed in. Writes nothing and asks for no PIN.
    /// A few reads (about 0.1 ms on a test store): called on the UI thread as the form is typed.
    Q_INVOKABLE QVariantMap dispenseProblem(const QString &ndc11, const QString &quantity, const QString &rx,
                                            const QString &prescribed, const QVariantMap &prescription = {},
                                            bool overrideBalance = false, const QString &overrideReason = {}) const;
    /// A pharmacist verifies a technician's dispense, signed with their PIN: its dispenser on record.
    Q_INVOKABLE QVariantMap verifyDispense(qint64 dispenseSeq, const QString &pin);
    /// `shipped`: the packages the supplier shipped, empty when all arrived; fewer arrived needs `supplierTold` (who at
    /// the supplier was told: the supplier reports a loss in transit). Only `packages` (what arrived) is received.
    Q_INVOKABLE QVariantMap receive(const QString &ndc11, const QString &packages, const QString &orderType,
                                    const QString &orderNumber, const QString &supplier, const QString &supplierDea,
                                    const QString &lot, const QString &expiry, const QString &shipped = {},
                                    const QString &supplierTold = {});
    /// A blind count: the result says whether a discrepancy opened, and for whom, only after it is saved.
    Q_INVOKABLE QVariantMap count(const QString &ndc11, const QString &counted);
    /// A shelf list counted blind: rows [{ndc11, counted}], a blank count skipped. All recorded in one transaction
    /// or none. {ok, message, counted, differing}; the message names the discrepancies opened and their reviewer.
    Q_INVOKABLE QVariantMap countShelf(const QVariantList &rows);
    /// Of blind counts about to be recorded ([{ndc11, counted}]), the products whose count differs from the records
    /// (a count that is not a number is left to the command's refusal). The screen asks "Count again?" once before
    /// a difference opens a discrepancy; the expected figure itself is never given.
    Q_INVOKABLE QStringList countsDiffering(const QVariantList &rows) const;
    /// Checks one field as it is typed, by the Ledger's own checks (Ledger::checkField): "" when nothing is wrong
    /// (or nothing typed yet; "is required" is said on save), else the Ledger's sentence. `kind`: quantity, count,
    /// dispense (against the balance of `ndc11`), dea, form222, date (not in the future), expiry (not past).
    Q_INVOKABLE QString fieldProblem(const QString &kind, const QString &text, const QString &ndc11 = {}) const;
    /// Checks a field that needs who is recording it (Ledger::checkField with the signed-in person as the actor):
    /// `kind` witness, wasteWitness (`text` the witness's person id) or wasteNote (`text` the note, `context` the
    /// reason). Unlike fieldProblem, it answers for nothing chosen or typed too ("A witness is required.").
    Q_INVOKABLE QString entryProblem(const QString &kind, const QString &text, const QString &context = {}) const;

    // What a form shows the person deciding (CounterFacts.cpp): the figures, with their units, never a rule.
    /// "300 tablets", "1 tablet", "15 mL" (Quantities.h): every quantity the counter shows beside its unit.
    /// `n` a number from QML (a whole number; a fraction is rounded).
    Q_INVOKABLE static QString quantityText(double n, const QString &unit);
    /// The unit as a label names it beside a number to come: "tablets", "patches", "mL".
    Q_INVOKABLE static QString unitsName(const QString &unit);
    /// "2 packages = 200 tablets".
    Q_INVOKABLE static QString packagesText(qint64 packages, qint64 packageSize, const QString &unit);
    /// A product's stock now: {balance, awaiting (set aside awaiting disposal), dispensable, unit, text
    /// ("300 tablets on hand", with what is set aside when some is)}; {balance: 0, text: ""} for an unknown product.
    Q_INVOKABLE QVariantMap onHand(const QString &ndc11) const;
    /// A prescription as the dispense form shows it while its number is typed: {found (filled here before),
    /// prescribed, dispensed, remaining, line ("Rx 6001: 40 of 100 tablets left; 60 filled on 2026-12-01"),
    /// problem (the Ledger's check of a later fill of it with `ndc11`, Ledger::Field::Rx)}. Nothing found for an
    /// empty or unknown Rx (a first fill).
    Q_INVOKABLE QVariantMap rxStatus(const QString &rx, const QString &ndc11) const;
    /// The balance a form's entry leaves: "300 tablets → 270 tablets" for `delta` -30; "" for an unknown product.
    Q_INVOKABLE QString balanceAfter(const QString &ndc11, qint64 delta) const;

    /// A scan or typed code: {found, ndc11, name, lot, expiry, message}.
    Q_INVOKABLE QVariantMap lookup(const QString &code) const;
    /// A product's ledger, newest first, loaded a page at a time; owned by the caller (QML).
    Q_INVOKABLE cii::ProductLedgerModel *ledgerFor(const QString &ndc11);
    /// The running balance of a product over its last `points` entries, oldest first, for the chart:
    /// [{seq, atMs, balance, kind}].
    Q_INVOKABLE QVariantList balanceHistory(const QString &ndc11, int points = 200) const;
    /// Voids an entry by a new entry that names it (pharmacist or above, signed with the PIN). {ok, message}.
    Q_INVOKABLE QVariantMap voidEntry(qint64 seq, const QString &reason, const QString &pin);

    // The other transaction kinds (CounterRecords.cpp). Each: {ok, message, seq}; the Ledger's sentence on refusal.
    /// `kind`: transfer-in, transfer-out, return-to-supplier, reverse-distributor.
    Q_INVOKABLE QVariantMap recordMovement(const QString &kind, const QString &ndc11, const QString &quantity,
                                           const QString &partyName, const QString &partyDea, const QString &orderNumber,
                                           const QString &date);
    /// A witness (another person, who signs with their own PIN) saw it.
    Q_INVOKABLE QVariantMap waste(const QString &ndc11, const QString &quantity, const QString &reason, const QString &note,
                                  const QString &witnessId, const QString &witnessPin);
    /// DEA Form 41, with two witnesses who each sign.
    Q_INVOKABLE QVariantMap destroy(const QString &ndc11, const QString &fullPackages, const QString &partialUnits,
                                    const QString &method, const QString &location, const QString &date,
                                    const QString &firstWitnessId, const QString &firstWitnessPin,
                                    const QString &secondWitnessId, const QString &secondWitnessPin);
    /// DEA Form 106 facts (`kind`: Ledger::lossKinds(lossType); `policeReport`: its number and department, empty
    /// when none was made); the answer gives the two deadlines. Signed with the acting pharmacist's PIN.
    Q_INVOKABLE QVariantMap reportTheftLoss(const QString &ndc11, const QString &quantity, const QString &lossType,
                                            const QString &discoveryDate, const QString &circumstances, const QString &kind,
                                            const QString &policeReport, const QString &pin);
    /// `direction` "add" or "remove"; pharmacist or above, signed. "set-aside" sets the quantity aside awaiting disposal
    /// instead (Ledger::setAside: no reason code, the justification says why).
    Q_INVOKABLE QVariantMap adjust(const QString &ndc11, const QString &direction, const QString &quantity,
                                   const QString &reasonCode, const QString &justification, const QString &pin);
    /// A dispense not picked up goes back on the shelf (all of it, or part).
    Q_INVOKABLE QVariantMap returnToStock(qint64 dispenseSeq, const QString &quantity, const QString &reason);
    /// The choices the forms offer, as the Ledger names them: {wasteReasons, adjustmentReasons, lossTypes, lossKinds,
    /// movementKinds}; lossKinds is {theft: [{id, text}], loss: [...]}, Form 106's kinds of each type.
    Q_INVOKABLE QVariantMap choices() const;
    static QVariantMap lossKinds();
    /// Today's date in the pharmacy's time zone, for form defaults.
    Q_INVOKABLE QString today() const;

    // Unfinished forms (DraftStore): kept per signed-in person and form, so the idle lock, a crash or a restart loses
    // nothing typed. `form` names the form and its product, "dispenseForm/00574407205". Nothing when no one is
    // signed in. Never a PIN: the form leaves secret fields out, and DraftStore drops any field named like one.
    /// Keeps `fields` ({field objectName: text, choice value or checked}) as the signed-in person's draft of `form`.
    Q_INVOKABLE void saveDraft(const QString &form, const QVariantMap &fields);
    /// The signed-in person's draft of `form`: {found, fields, line}. `line` is the sentence over the form, naming
    /// `what` ("dispense") and when it was saved, and whether anything was recorded for the product after it.
    Q_INVOKABLE QVariantMap draft(const QString &form, const QString &what) const;
    /// Forgets the signed-in person's draft of `form`: the form was saved, or discarded on purpose.
    Q_INVOKABLE void discardDraft(const QString &form);
    /// The signed-in person's latest draft, to open its form again after signing in: {found, form, ndc11}
    /// (form: the form's objectName, "dispenseForm").
    Q_INVOKABLE QVariantMap draftToResume() const;

Q_SIGNALS:
    void changed();
    void sessionChanged();
    void idleMinutesChanged();
    void busyChanged();
    void lockWarningChanged();
    /// A barcode scanner sent a code (anywhere in the app): the lookup result, as lookup() gives it, and `code`,
    /// the characters scanned (they also reached the focused field; a form takes them back out).
    void scanned(const QVariantMap &result);
    /// After a commit, with what to tell the person; `attention` when it needs someone's review (a discrepancy);
    /// `seq` the entry recorded, when it is one a person may correct (0 for counts: a new count corrects a count).
    void recorded(const QString &message, bool attention, qint64 seq);

public:
    // For the other screens' controllers (ReviewController, TheftLossController, InventoryController), so every
    // command from any screen is run, refused and announced the same way.
    /// Runs `work(session)` for the signed-in person (the session carries the PINs checked ahead, see
    /// SessionController::commandSession); a CiiError becomes {ok: false, message: the Ledger's sentence}.
    template <typename Work> QVariantMap run(Work work);
    /// The same for a screen's controller: `work(counter, session)`; then, when it recorded something, `changed()`
    /// (the controller's signal, so its screen reads again).
    template <typename Work, typename Changed> QVariantMap command(Work work, Changed changed);
    static QVariantMap refused(const QString &message);
    /// Emits recorded() and builds the {ok, message, seq} answer. `correctable`: the entry may be voided (not a void
    /// itself, not a theft or loss report), so the confirmation offers "Correct this entry".
    QVariantMap done(const QString &message, qint64 seq, bool attention = false, bool correctable = true);

private:
    /// `n` of the product's unit: "270 tablets"; the bare number for an unknown product.
    QString amount(const QString &ndc11, qint64 n) const;
    /// The product's balance now, with its unit, for the messages after a save.
    QString balanceText(const QString &ndc11) const;
    static qint64 parseNumber(const QString &field, const QString &text);
    /// The pharmacy's idle lock setting, applied to the session when it changed (at start, after each commit).
    void applyIdleSetting();

    Store *m_store;
    Ledger *m_ledger;
    const LedgerQueries *m_queries;
    SessionController *m_session;
    std::unique_ptr<ProductListModel> m_products;
    DraftStore *m_drafts = nullptr;
    int m_idleSetting = 0; ///< the setting last applied (0: none yet)
};

/// Runs a command for the signed-in person; a CiiError becomes {ok: false, message: the Ledger's sentence}.
template <typename Work>
QVariantMap Counter::run(Work work)
{
    if (!m_ledger)
        return refused(tr("The store is not open."));
    const std::optional<Session> s = m_session->commandSession();
    if (!s)
        return refused(tr("Sign in first."));
    touch();
    try {
        return work(*s);
    } catch (const CiiError &e) {
        return refused(e.userText());
    }
}

template <typename Work, typename Changed>
QVariantMap Counter::command(Work work, Changed changed)
{
    const QVariantMap r = run([&](const Session &s) { return work(*this, s); });
    if (r.value(QStringLiteral("ok")).toBool())
        changed();
    return r;
}

} // namespace cii
