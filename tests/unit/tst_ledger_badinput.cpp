// Every command, every way its input can be wrong: each refused with its own clear message, and nothing
// written (the journal head is unchanged). A wrong PIN is the one refusal that writes: it records exactly one
// auth.failed event (audit log and lockout), and nothing else.
#include "Ledger.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>
#include <functional>

using namespace cii;
using namespace cii::test;

namespace {

struct Case
{
    const char *name;
    std::function<void(LedgerFixture &)> command;
    const char *message;
    bool recordsFailedPin = false;
};

QString longText(int n)
{
    return QString(n, QLatin1Char('x'));
}

QList<Case> cases()
{
    using F = LedgerFixture;
    const auto receipt = [](F &f) { return F::receipt(f.oxy, 1); };
    const auto disp = [](F &f) { return F::dispense(f.oxy, 10, QStringLiteral("RX100"), 30); };
    QList<Case> c;
    // setUp / profile
    c.append({"profile: second set-up", [](F &f) { f.ledger->setUp(F::profile(), {QStringLiteral("A B"), QStringLiteral("AB"), Role::PharmacistInCharge, QStringLiteral("1111"), {}}); }, "already set up"});
    c.append({"profile: bad DEA check digit", [](F &f) { auto p = F::profile(); p.dea = QStringLiteral("BM1234564"); f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); }, "does not match its check digit"});
    c.append({"profile: missing name", [](F &f) { auto p = F::profile(); p.name = QStringLiteral("   "); f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); }, "The pharmacy name is required"});
    c.append({"profile: oversized address", [](F &f) { auto p = F::profile(); p.address = longText(301); f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); }, "The address is too long"});
    c.append({"profile: bad state", [](F &f) { auto p = F::profile(); p.state = QStringLiteral("California"); f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); }, "two-letter code"});
    c.append({"profile: unknown state", [](F &f) { auto p = F::profile(); p.state = QStringLiteral("XX"); f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); }, "two-letter code of a US state or territory"});
    c.append({"profile: bad DEA expiry", [](F &f) { auto p = F::profile(); p.deaExpiry = QStringLiteral("2027-13-01"); f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); }, "YYYY-MM-DD"});
    c.append({"profile: bad time zone", [](F &f) { auto p = F::profile(); p.timezone = QStringLiteral("Mars/Olympus"); f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); }, "not a known zone"});
    c.append({"profile: cadence too long", [](F &f) { auto p = F::profile(); p.cadenceDays = 1000; f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); }, "between 1 and 730 days"});
    c.append({"profile: technician", [](F &f) { f.ledger->configurePharmacy(*f.tech, F::profile(), QStringLiteral("1234")); }, "a technician may not change the pharmacy profile"});
    // people
    c.append({"person: PIN letters", [](F &f) { f.ledger->addPerson(*f.pic, {QStringLiteral("A B"), QStringLiteral("AB"), Role::Technician, QStringLiteral("12a4"), {}}); }, "The PIN must be 4 to 8 digits"});
    c.append({"person: PIN too short", [](F &f) { f.ledger->addPerson(*f.pic, {QStringLiteral("A B"), QStringLiteral("AB"), Role::Technician, QStringLiteral("123"), {}}); }, "The PIN must be 4 to 8 digits"});
    c.append({"person: no secret", [](F &f) { f.ledger->addPerson(*f.pic, {QStringLiteral("A B"), QStringLiteral("AB"), Role::Technician, {}, {}}); }, "A PIN or a password is required"});
    c.append({"person: short password", [](F &f) { f.ledger->addPerson(*f.pic, {QStringLiteral("A B"), QStringLiteral("AB"), Role::Owner, {}, QStringLiteral("short")}); }, "8 to 128 characters"});
    c.append({"person: bad initials", [](F &f) { f.ledger->addPerson(*f.pic, {QStringLiteral("A B"), QStringLiteral("A1"), Role::Technician, QStringLiteral("1111"), {}}); }, "2 to 4 letters"});
    c.append({"person: control character in name", [](F &f) { f.ledger->addPerson(*f.pic, {QStringLiteral("A\u0007B"), QStringLiteral("AB"), Role::Technician, QStringLiteral("1111"), {}}); }, "control character"});
    c.append({"person: technician adds", [](F &f) { f.ledger->addPerson(*f.tech, {QStringLiteral("A B"), QStringLiteral("AB"), Role::Technician, QStringLiteral("1111"), {}}); }, "may not manage people"});
    c.append({"person: deactivate unknown", [](F &f) { f.ledger->deactivatePerson(*f.pic, QStringLiteral("p-nobody"), QStringLiteral("left")); }, "does not exist"});
    c.append({"person: deactivate self", [](F &f) { f.ledger->deactivatePerson(*f.pic, f.picId, QStringLiteral("left")); }, "cannot deactivate yourself"});
    c.append({"sign-in: empty secret", [](F &f) { f.ledger->signIn(f.techId, QString()); }, "is required"});
    c.append({"sign-in: unknown person", [](F &f) { f.ledger->signIn(QStringLiteral("p-nobody"), QStringLiteral("1234")); }, "not known here"});
    c.append({"sign-in: wrong PIN", [](F &f) { f.ledger->signIn(f.techId, QStringLiteral("9999")); }, "wrong PIN for Tom Ng", true});
    // catalog
    c.append({"product: bad NDC", [](F &f) { f.ledger->addProduct(*f.pharmacist, {QStringLiteral("12-34-56"), QStringLiteral("X"), QStringLiteral("1 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 100}); }, "is not an NDC"});
    c.append({"product: zero package", [](F &f) { f.ledger->addProduct(*f.pharmacist, {QStringLiteral("1234-5678-90"), QStringLiteral("X"), QStringLiteral("1 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 0}); }, "The package size must be a whole number above zero"});
    c.append({"product: schedule CIII", [](F &f) { f.ledger->addProduct(*f.pharmacist, {QStringLiteral("1234-5678-90"), QStringLiteral("X"), QStringLiteral("1 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 10, QStringLiteral("CIII")}); }, "must be CII or CIIN"});
    c.append({"product: technician", [](F &f) { f.ledger->addProduct(*f.tech, {QStringLiteral("1234-5678-90"), QStringLiteral("X"), QStringLiteral("1 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 10}); }, "may not change the catalog"});
    // receive
    c.append({"receive: unknown NDC", [=](F &f) { auto r = receipt(f); r.ndc11 = QStringLiteral("99999999999"); f.ledger->receive(*f.tech, r); }, "is not in the catalog"});
    c.append({"receive: zero packages", [=](F &f) { auto r = receipt(f); r.packages = 0; f.ledger->receive(*f.tech, r); }, "The number of packages must be a whole number above zero"});
    c.append({"receive: negative packages", [=](F &f) { auto r = receipt(f); r.packages = -3; f.ledger->receive(*f.tech, r); }, "above zero"});
    c.append({"receive: huge quantity", [=](F &f) { auto r = receipt(f); r.packages = 5'000'000; f.ledger->receive(*f.tech, r); }, "implausibly large"});
    c.append({"receive: bad order type", [=](F &f) { auto r = receipt(f); r.orderType = QStringLiteral("fax"); f.ledger->receive(*f.tech, r); }, "222 (DEA Form 222) or CSOS"});
    c.append({"receive: 222 number with letters", [=](F &f) { auto r = receipt(f); r.orderNumber = QStringLiteral("12AB56789"); f.ledger->receive(*f.tech, r); }, "Form 222 number must be its 8 or 9 digits"});
    c.append({"receive: missing order number", [=](F &f) { auto r = receipt(f); r.orderNumber.clear(); f.ledger->receive(*f.tech, r); }, "The order number is required"});
    c.append({"receive: missing supplier", [=](F &f) { auto r = receipt(f); r.supplierName.clear(); f.ledger->receive(*f.tech, r); }, "The supplier name is required"});
    c.append({"receive: supplier DEA check digit", [=](F &f) { auto r = receipt(f); r.supplierDea = QStringLiteral("RA7654320"); f.ledger->receive(*f.tech, r); }, "supplier's DEA number RA7654320 does not match its check digit"});
    c.append({"receive: oversized lot", [=](F &f) { auto r = receipt(f); r.lot = longText(21); f.ledger->receive(*f.tech, r); }, "The lot number is too long"});
    c.append({"receive: bad expiry", [=](F &f) { auto r = receipt(f); r.expiry = QStringLiteral("31/05/2028"); f.ledger->receive(*f.tech, r); }, "The expiry date must be a date"});
    c.append({"receive: impossible expiry", [=](F &f) { auto r = receipt(f); r.expiry = QStringLiteral("2028-02-30"); f.ledger->receive(*f.tech, r); }, "The expiry date must be a date"});
    c.append({"receive: expiry day 00", [=](F &f) { auto r = receipt(f); r.expiry = QStringLiteral("2028-06-00"); f.ledger->receive(*f.tech, r); }, "The expiry date must be a date"});
    c.append({"receive: expired", [=](F &f) { auto r = receipt(f); r.expiry = QStringLiteral("2026-01-01"); f.ledger->receive(*f.tech, r); }, "before the date received"});
    c.append({"receive: future date", [=](F &f) { auto r = receipt(f); r.receivedDate = QStringLiteral("2027-01-01"); f.ledger->receive(*f.tech, r); }, "The date received is in the future"});
    c.append({"receive: text date", [=](F &f) { auto r = receipt(f); r.receivedDate = QStringLiteral("yesterday"); f.ledger->receive(*f.tech, r); }, "must be a date written YYYY-MM-DD"});
    c.append({"receive: owner", [=](F &f) { f.ledger->receive(*f.owner, receipt(f)); }, "an owner may not record a receipt"});
    // dispense
    c.append({"dispense: zero", [=](F &f) { auto d = disp(f); d.quantity = 0; f.ledger->dispense(*f.tech, d); }, "The quantity must be a whole number above zero"});
    c.append({"dispense: negative", [=](F &f) { auto d = disp(f); d.quantity = -5; f.ledger->dispense(*f.tech, d); }, "above zero"});
    c.append({"dispense: over balance", [=](F &f) { auto d = disp(f); d.quantity = 101; d.prescribedQuantity = 200; f.ledger->dispense(*f.tech, d); }, "is more than the balance on hand (100)"});
    c.append({"dispense: over prescription", [=](F &f) { auto d = disp(f); d.quantity = 31; f.ledger->dispense(*f.tech, d); }, "more than Rx RX100 has left (30 of 30)"});
    c.append({"dispense: missing Rx", [=](F &f) { auto d = disp(f); d.rx.clear(); f.ledger->dispense(*f.tech, d); }, "The Rx number is required"});
    c.append({"dispense: Rx with spaces", [=](F &f) { auto d = disp(f); d.rx = QStringLiteral("RX 1"); f.ledger->dispense(*f.tech, d); }, "only letters, digits and hyphens"});
    c.append({"dispense: oversized Rx", [=](F &f) { auto d = disp(f); d.rx = longText(21); f.ledger->dispense(*f.tech, d); }, "The Rx number is too long"});
    c.append({"dispense: first fill without prescribed", [=](F &f) { auto d = disp(f); d.prescribedQuantity = 0; f.ledger->dispense(*f.tech, d); }, "required on the first fill"});
    c.append({"dispense: future fill date", [=](F &f) { auto d = disp(f); d.fillDate = QStringLiteral("2026-12-25"); f.ledger->dispense(*f.tech, d); }, "The fill date is in the future"});
    c.append({"dispense: impossible date", [=](F &f) { auto d = disp(f); d.fillDate = QStringLiteral("2026-02-30"); f.ledger->dispense(*f.tech, d); }, "must be a date written YYYY-MM-DD"});
    c.append({"dispense: unknown product", [=](F &f) { auto d = disp(f); d.ndc11 = QStringLiteral("12345678901"); f.ledger->dispense(*f.tech, d); }, "is not in the catalog"});
    c.append({"dispense: owner", [=](F &f) { f.ledger->dispense(*f.owner, disp(f)); }, "an owner may not record a dispense"});
    // return to stock, count, adjust, void, resolve
    c.append({"return: not a dispense", [](F &f) { f.ledger->returnToStock(*f.tech, 1, 1, QStringLiteral("x")); }, "is not a dispense"});
    c.append({"return: no reason", [](F &f) { f.ledger->returnToStock(*f.tech, 1, 1, QString()); }, "The reason is required"});
    c.append({"count: negative", [](F &f) { f.ledger->count(*f.tech, f.oxy, -1); }, "from 0 to 10,000,000"});
    c.append({"count: unknown product", [](F &f) { f.ledger->count(*f.tech, QStringLiteral("11111111111"), 3); }, "is not in the catalog"});
    c.append({"count: owner", [](F &f) { f.ledger->count(*f.owner, f.oxy, 3); }, "an owner may not record a count"});
    c.append({"adjust: zero", [](F &f) { f.ledger->adjust(*f.pharmacist, f.oxy, 0, QStringLiteral("other"), QStringLiteral("long enough reason"), QStringLiteral("2345")); }, "other than zero"});
    c.append({"adjust: unknown reason", [](F &f) { f.ledger->adjust(*f.pharmacist, f.oxy, 1, QStringLiteral("because"), QStringLiteral("long enough reason"), QStringLiteral("2345")); }, "The reason must be one of"});
    c.append({"adjust: short justification", [](F &f) { f.ledger->adjust(*f.pharmacist, f.oxy, 1, QStringLiteral("other"), QStringLiteral("oops"), QStringLiteral("2345")); }, "at least 10 characters"});
    c.append({"adjust: below zero", [](F &f) { f.ledger->adjust(*f.pharmacist, f.oxy, -101, QStringLiteral("breakage"), QStringLiteral("a whole bottle broke"), QStringLiteral("2345")); }, "would make the balance negative"});
    c.append({"adjust: wrong PIN", [](F &f) { f.ledger->adjust(*f.pharmacist, f.oxy, 1, QStringLiteral("found-stock"), QStringLiteral("found behind the safe"), QStringLiteral("0000")); }, "wrong PIN for Rae Lopez", true});
    c.append({"adjust: technician", [](F &f) { f.ledger->adjust(*f.tech, f.oxy, 1, QStringLiteral("found-stock"), QStringLiteral("found behind the safe"), QStringLiteral("3456")); }, "a technician may not record an adjustment"});
    c.append({"void: not an entry", [](F &f) { f.ledger->voidEntry(*f.pharmacist, 99999, QStringLiteral("x"), QStringLiteral("2345")); }, "is not a stock entry"});
    c.append({"void: no reason", [](F &f) { f.ledger->voidEntry(*f.pharmacist, 99999, QString(), QStringLiteral("2345")); }, "The reason is required"});
    c.append({"resolve: unknown", [](F &f) { f.ledger->resolveDiscrepancy(*f.pic, 4242, QStringLiteral("other"), QStringLiteral("n"), false, QStringLiteral("1234")); }, "does not exist"});
    c.append({"resolve: bad reason", [](F &f) { f.ledger->resolveDiscrepancy(*f.pic, 4242, QStringLiteral("felt like it"), QStringLiteral("n"), false, QStringLiteral("1234")); }, "The reason must be one of"});
    c.append({"resolve: technician", [](F &f) { f.ledger->resolveDiscrepancy(*f.tech, 4242, QStringLiteral("other"), QStringLiteral("n"), false, QStringLiteral("3456")); }, "a technician may not resolve a discrepancy"});
    // transfers and returns
    const auto mv = [](F &, MovementKind k = MovementKind::TransferOut) { return F::movement(k, QStringLiteral("00574407205"), 10); };
    c.append({"move: zero quantity", [=](F &f) { auto m = mv(f); m.quantity = 0; f.ledger->recordMovement(*f.pharmacist, m); }, "The quantity must be a whole number above zero"});
    c.append({"move: negative quantity", [=](F &f) { auto m = mv(f); m.quantity = -5; f.ledger->recordMovement(*f.pharmacist, m); }, "The quantity must be a whole number above zero"});
    c.append({"move: no party name", [=](F &f) { auto m = mv(f); m.partyName.clear(); f.ledger->recordMovement(*f.pharmacist, m); }, "The receiving registrant's name is required"});
    c.append({"move: bad party DEA", [=](F &f) { auto m = mv(f, MovementKind::ReverseDistributor); m.partyDea = QStringLiteral("FE2345679"); f.ledger->recordMovement(*f.pharmacist, m); }, "The reverse distributor's DEA number FE2345679 does not match its check digit"});
    c.append({"move: no order number", [=](F &f) { auto m = mv(f, MovementKind::TransferIn); m.orderNumber = QStringLiteral("  "); f.ledger->recordMovement(*f.pharmacist, m); }, "The order or form number is required"});
    c.append({"move: future date", [=](F &f) { auto m = mv(f); m.date = QStringLiteral("2027-01-01"); f.ledger->recordMovement(*f.pharmacist, m); }, "The date is in the future"});
    c.append({"move: unknown NDC", [=](F &f) { auto m = mv(f); m.ndc11 = QStringLiteral("99999999999"); f.ledger->recordMovement(*f.pharmacist, m); }, "is not in the catalog"});
    c.append({"move: over balance", [=](F &f) { auto m = mv(f, MovementKind::ReturnToSupplier); m.quantity = 500; f.ledger->recordMovement(*f.pharmacist, m); }, "is more than the balance on hand (100)"});
    c.append({"move: technician", [=](F &f) { f.ledger->recordMovement(*f.tech, mv(f)); }, "a technician may not record a transfer"});
    // destruction
    c.append({"destroy: nothing destroyed", [](F &f) { auto d = f.destruction(); d.fullPackages = 0; d.partialUnits = 0; f.ledger->destroy(*f.pic, d); }, "at least one full package or one unit"});
    c.append({"destroy: negative packages", [](F &f) { auto d = f.destruction(); d.fullPackages = -1; f.ledger->destroy(*f.pic, d); }, "must be whole numbers, zero or more"});
    c.append({"destroy: no method", [](F &f) { auto d = f.destruction(); d.method.clear(); f.ledger->destroy(*f.pic, d); }, "The method of destruction is required"});
    c.append({"destroy: no location", [](F &f) { auto d = f.destruction(); d.location.clear(); f.ledger->destroy(*f.pic, d); }, "The location is required"});
    c.append({"destroy: bad date", [](F &f) { auto d = f.destruction(); d.date = QStringLiteral("20/09/2026"); f.ledger->destroy(*f.pic, d); }, "must be a date written YYYY-MM-DD"});
    c.append({"destroy: over balance", [](F &f) { auto d = f.destruction(); d.fullPackages = 2; f.ledger->destroy(*f.pic, d); }, "(205) is more than the balance on hand (100)"});
    c.append({"destroy: one witness missing", [](F &f) { auto d = f.destruction(); d.second = {}; f.ledger->destroy(*f.pic, d); }, "A witness is required"});
    c.append({"destroy: witness without PIN", [](F &f) { auto d = f.destruction(); d.second.pin.clear(); f.ledger->destroy(*f.pic, d); }, "The PIN of the witness Tom Ng is required"});
    c.append({"destroy: owner witness", [](F &f) { auto d = f.destruction(); d.second = {f.ownerId, QStringLiteral("owner-password")}; f.ledger->destroy(*f.pic, d); }, "an owner cannot witness"});
    c.append({"destroy: witness wrong PIN", [](F &f) { auto d = f.destruction(); d.first.pin = QStringLiteral("0000"); f.ledger->destroy(*f.pic, d); }, "wrong PIN for Rae Lopez", true});
    c.append({"destroy: technician", [](F &f) { f.ledger->destroy(*f.tech, f.destruction()); }, "a technician may not record a destruction"});
    // waste
    c.append({"waste: zero", [](F &f) { auto w = f.waste(); w.quantity = 0; f.ledger->waste(*f.tech, w); }, "The quantity wasted must be a whole number above zero"});
    c.append({"waste: bad reason", [](F &f) { auto w = f.waste(); w.reason = QStringLiteral("felt like it"); f.ledger->waste(*f.tech, w); }, "The reason must be one of: dropped"});
    c.append({"waste: oversized note", [](F &f) { auto w = f.waste(); w.note = longText(501); f.ledger->waste(*f.tech, w); }, "The note is too long"});
    c.append({"waste: over balance", [](F &f) { auto w = f.waste(); w.quantity = 101; f.ledger->waste(*f.tech, w); }, "(101) is more than the balance on hand (100)"});
    c.append({"waste: self witness", [](F &f) { auto w = f.waste(); w.witness = {f.techId, QStringLiteral("3456")}; f.ledger->waste(*f.tech, w); }, "a witness must be someone else"});
    c.append({"waste: unknown witness", [](F &f) { auto w = f.waste(); w.witness = {QStringLiteral("p-nobody"), QStringLiteral("1111")}; f.ledger->waste(*f.tech, w); }, "The witness is not known here"});
    c.append({"waste: owner", [](F &f) { f.ledger->waste(*f.owner, f.waste()); }, "an owner may not record waste"});
    // theft or loss
    c.append({"loss: zero", [](F &f) { f.ledger->reportTheftLoss(*f.pharmacist, F::theftLoss(f.oxy, 0, QStringLiteral("2345"))); }, "The quantity lost must be a whole number above zero"});
    c.append({"loss: bad type", [](F &f) { auto t = F::theftLoss(f.oxy, 1, QStringLiteral("2345")); t.lossType = QStringLiteral("misplaced"); f.ledger->reportTheftLoss(*f.pharmacist, t); }, "The type must be one of: theft, loss"});
    c.append({"loss: no circumstances", [](F &f) { auto t = F::theftLoss(f.oxy, 1, QStringLiteral("2345")); t.circumstances.clear(); f.ledger->reportTheftLoss(*f.pharmacist, t); }, "A description of the circumstances is required"});
    c.append({"loss: future discovery", [](F &f) { auto t = F::theftLoss(f.oxy, 1, QStringLiteral("2345")); t.discoveryDate = QStringLiteral("2026-12-01"); f.ledger->reportTheftLoss(*f.pharmacist, t); }, "The discovery date is in the future"});
    c.append({"loss: over balance", [](F &f) { f.ledger->reportTheftLoss(*f.pharmacist, F::theftLoss(f.oxy, 1000, QStringLiteral("2345"))); }, "is more than the balance on hand (100)"});
    c.append({"loss: no PIN", [](F &f) { f.ledger->reportTheftLoss(*f.pharmacist, F::theftLoss(f.oxy, 1, QString())); }, "Your PIN is required to sign this entry"});
    c.append({"loss: wrong PIN", [](F &f) { f.ledger->reportTheftLoss(*f.pharmacist, F::theftLoss(f.oxy, 1, QStringLiteral("1111"))); }, "wrong PIN for Rae Lopez", true});
    c.append({"filing: unknown report", [](F &f) { f.ledger->recordTheftLossFiling(*f.pharmacist, 777, QStringLiteral("form"), QStringLiteral("2026-09-20"), QStringLiteral("F106-1")); }, "Theft or loss report 777 does not exist"});
    c.append({"filing: bad what", [](F &f) { f.ledger->recordTheftLossFiling(*f.pharmacist, 777, QStringLiteral("fax"), QStringLiteral("2026-09-20"), QStringLiteral("F106-1")); }, "must be \"notice\""});
    c.append({"filing: no reference", [](F &f) { f.ledger->recordTheftLossFiling(*f.pharmacist, 777, QStringLiteral("form"), QStringLiteral("2026-09-20"), QString()); }, "The reference is required"});
    // inventory
    const auto inv = [](F &f) { return Inventory{QStringLiteral("biennial"), QStringLiteral("closing"), QStringLiteral("2026-09-21"), {{f.oxy, 100}}, QStringLiteral("1234")}; };
    c.append({"inventory: bad type", [=](F &f) { auto i = inv(f); i.type = QStringLiteral("monthly"); f.ledger->takeInventory(*f.pic, i); }, "must be biennial, annual or reconciliation"});
    c.append({"inventory: bad timing", [=](F &f) { auto i = inv(f); i.timing = QStringLiteral("noon"); f.ledger->takeInventory(*f.pic, i); }, "must be opening or closing"});
    c.append({"inventory: no counts", [=](F &f) { auto i = inv(f); i.counts.clear(); f.ledger->takeInventory(*f.pic, i); }, "The counts are required"});
    c.append({"inventory: negative count", [=](F &f) { auto i = inv(f); i.counts[0].counted = -1; f.ledger->takeInventory(*f.pic, i); }, "must be a whole number from 0 to 10,000,000"});
    c.append({"inventory: unknown product", [=](F &f) { auto i = inv(f); i.counts.append({QStringLiteral("12345678901"), 1}); f.ledger->takeInventory(*f.pic, i); }, "is not in the catalog"});
    c.append({"inventory: future date", [=](F &f) { auto i = inv(f); i.date = QStringLiteral("2026-09-30"); f.ledger->takeInventory(*f.pic, i); }, "is in the future"});
    c.append({"inventory: wrong PIN", [=](F &f) { auto i = inv(f); i.signaturePin = QStringLiteral("4321"); f.ledger->takeInventory(*f.pic, i); }, "wrong PIN for Pat Chen", true});
    // who counted: chosen from the staff, each signing with their own PIN (16 CCR 1715.65)
    c.append({"inventory: counter twice", [=](F &f) { auto i = inv(f); i.counters = {{f.techId, QStringLiteral("3456")}, {f.techId, QStringLiteral("3456")}}; f.ledger->takeInventory(*f.pic, i); }, "Who counted names the same person twice"});
    c.append({"inventory: unknown counter", [=](F &f) { auto i = inv(f); i.counters = {{QStringLiteral("nobody"), QStringLiteral("3456")}}; f.ledger->takeInventory(*f.pic, i); }, "The person who counted is not known here"});
    c.append({"inventory: owner counts", [=](F &f) { auto i = inv(f); i.counters = {{f.ownerId, QStringLiteral("x")}}; f.ledger->takeInventory(*f.pic, i); }, "Olive Ford, who counted, is not pharmacy staff"});
    c.append({"inventory: counter without PIN", [=](F &f) { auto i = inv(f); i.counters = {{f.techId, QString()}}; f.ledger->takeInventory(*f.pic, i); }, "The PIN of Tom Ng, who counted, is required"});
    c.append({"inventory: counter's wrong PIN", [=](F &f) { auto i = inv(f); i.counters = {{f.techId, QStringLiteral("9999")}}; f.ledger->takeInventory(*f.pic, i); }, "wrong PIN for Tom Ng", true});
    c.append({"inventory: pharmacist", [=](F &f) { f.ledger->takeInventory(*f.pharmacist, inv(f)); }, "a pharmacist may not sign an inventory"});
    c.append({"product: deactivate holding stock", [](F &f) { f.ledger->deactivateProduct(*f.pharmacist, f.oxy); }, "still holds a balance of 100 and cannot be deactivated"});
    // stock set aside awaiting disposal
    const auto aside = [](F &f) { return SetAside{f.oxy, 5, QStringLiteral("expired 2026-08"), QStringLiteral("2345")}; };
    c.append({"set-aside: zero", [=](F &f) { auto a = aside(f); a.quantity = 0; f.ledger->setAside(*f.pharmacist, a); }, "The quantity set aside must be a whole number above zero"});
    c.append({"set-aside: huge", [=](F &f) { auto a = aside(f); a.quantity = 20'000'000; f.ledger->setAside(*f.pharmacist, a); }, "The quantity set aside is implausibly large"});
    c.append({"set-aside: over balance", [=](F &f) { auto a = aside(f); a.quantity = 101; f.ledger->setAside(*f.pharmacist, a); }, "(101) is more than the balance on hand (100)"});
    c.append({"set-aside: no reason", [=](F &f) { auto a = aside(f); a.reason = QStringLiteral(" "); f.ledger->setAside(*f.pharmacist, a); }, "The reason is required"});
    c.append({"set-aside: control character", [=](F &f) { auto a = aside(f); a.reason = QStringLiteral("expired\x01"); f.ledger->setAside(*f.pharmacist, a); }, "The reason contains a control character"});
    c.append({"set-aside: unknown product", [=](F &f) { auto a = aside(f); a.ndc11 = QStringLiteral("12345678901"); f.ledger->setAside(*f.pharmacist, a); }, "is not in the catalog"});
    c.append({"set-aside: technician", [=](F &f) { auto a = aside(f); a.signaturePin = QStringLiteral("3456"); f.ledger->setAside(*f.tech, a); }, "a technician may not set stock aside for disposal"});
    c.append({"set-aside: no PIN", [=](F &f) { auto a = aside(f); a.signaturePin.clear(); f.ledger->setAside(*f.pharmacist, a); }, "Your PIN is required"});
    c.append({"set-aside: wrong PIN", [=](F &f) { auto a = aside(f); a.signaturePin = QStringLiteral("1111"); f.ledger->setAside(*f.pharmacist, a); }, "wrong PIN for Rae Lopez", true});
    c.append({"adjust: expired", [](F &f) { f.ledger->adjust(*f.pharmacist, f.oxy, -5, QStringLiteral("expired"), QStringLiteral("five tablets expired"), QStringLiteral("2345")); }, "The reason \"expired\" is no longer an adjustment"});
    // dispense override and review
    c.append({"override: no reason", [=](F &f) { auto d = disp(f); d.quantity = 30; d.overrideBalance = true; d.signaturePin = QStringLiteral("2345"); f.ledger->dispense(*f.pharmacist, d); }, "The reason for the override is required"});
    c.append({"override: no PIN", [=](F &f) { auto d = disp(f); d.overrideBalance = true; d.overrideReason = QStringLiteral("shelf"); f.ledger->dispense(*f.pharmacist, d); }, "Your PIN is required"});
    c.append({"override: technician", [=](F &f) { auto d = disp(f); d.overrideBalance = true; d.overrideReason = QStringLiteral("shelf"); d.signaturePin = QStringLiteral("3456"); f.ledger->dispense(*f.tech, d); }, "a technician may not dispense over the recorded balance"});
    c.append({"review: unknown", [](F &f) { f.ledger->startReview(*f.pharmacist, 4242, QStringLiteral("looking")); }, "Discrepancy 4242 does not exist"});
    c.append({"review: no note", [](F &f) { f.ledger->startReview(*f.pharmacist, 4242, QString()); }, "The note is required"});
    c.append({"review: technician", [](F &f) { f.ledger->startReview(*f.tech, 4242, QStringLiteral("looking")); }, "a technician may not review a discrepancy"});
    return c;
}

} // namespace

class TestLedgerBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyRefusalIsClearAndWritesNothing()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); // 100 on hand
        const QList<Case> all = cases();
        QVERIFY(all.size() > 60);
        QStringList seen;
        for (const Case &c : all) {
            const qint64 headBefore = f.store->journal().headSeq();
            const QByteArray digestBefore = f.store->stateDigest();
            QString message;
            try {
                c.command(f);
            } catch (const CiiError &e) {
                message = e.userText();
                QVERIFY2(e.code() == CiiError::Code::InvalidInput, c.name);
            }
            QVERIFY2(!message.isEmpty(), qPrintable(QStringLiteral("%1: was not refused").arg(QLatin1String(c.name))));
            QVERIFY2(message.contains(QLatin1String(c.message)),
                     qPrintable(QStringLiteral("%1: got \"%2\"").arg(QLatin1String(c.name), message)));
            QVERIFY2(message.startsWith(QLatin1String("Could not ")), c.name);
            if (c.recordsFailedPin) {
                QCOMPARE(f.store->journal().headSeq(), headBefore + 1);
                f.store->journal().forEach(headBefore + 1, [&](const Event &e) {
                    [&] { QCOMPARE(e.kind, QStringLiteral("auth.failed")); }();
                    return false;
                });
            } else {
                QVERIFY2(f.store->journal().headSeq() == headBefore, qPrintable(QStringLiteral("%1 wrote to the journal").arg(QLatin1String(c.name))));
                QVERIFY2(f.store->stateDigest() == digestBefore, c.name);
            }
            seen << message;
        }
        QCOMPARE(f.ledger->balance(f.oxy), 100);
        QVERIFY(f.store->verify().intact);
    }

    // The whole sentence a person reads, for the refusals composed from parts (a field and a reason, a parser's
    // sentence, a file's line).
    void refusalsReadAsOneSentence_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("text");
        const QString notRead = QStringLiteral(" is not UTF-8 text (a character in it could not be read)");
        const QString addFirst = QStringLiteral("\nAdd the product to the catalog first (or import the FDA NDC Directory).");
        QTest::newRow("supplier not UTF-8") << 0 << QStringLiteral("Could not record the receipt: The supplier name") + notRead;
        QTest::newRow("lot not UTF-8") << 1 << QStringLiteral("Could not record the receipt: The lot number") + notRead;
        QTest::newRow("note not UTF-8") << 2 << QStringLiteral("Could not record the waste: The note") + notRead;
        QTest::newRow("shelf: unknown NDC on its line") << 3
            << QStringLiteral("Could not record the shelf count: The NDC 99999-9999-99 on line 3 of the counts file is not in the catalog") + addFirst;
        QTest::newRow("shelf: negative on its line") << 4
            << QStringLiteral("Could not record the shelf count: Line 3 of the counts file must be a whole number from 0 to 10,000,000");
        QTest::newRow("shelf: twice on its line") << 5
            << QStringLiteral("Could not record the shelf count: Line 4 of the counts file counts NDC 00574407205 a second time (first on line 2)");
        QTest::newRow("shelf list without a file") << 6
            << QStringLiteral("Could not record the shelf count: Line 2 of the shelf list counts NDC 00574407205 a second time (first on line 1)");
        QTest::newRow("catalog CSV not UTF-8") << 7
            << QStringLiteral("Could not import the catalog file: The file is not UTF-8 text (save it from the spreadsheet as \"CSV UTF-8\")");
        QTest::newRow("catalog CSV unclosed quote") << 8
            << QStringLiteral("Could not import the catalog file: Line 2 opens a quoted field that is never closed");
        QTest::newRow("100 KB NDC quoted short") << 9
            << QStringLiteral("Could not record the receipt: The NDC %1\u2026 is not in the catalog").arg(QString(40, QLatin1Char('7'))) + addFirst;
        QTest::newRow("inventory: twice on its line") << 10
            << QStringLiteral("Could not record the inventory: The product 00574407205 on line 3 of the counts file is counted twice");
        QTest::newRow("balance of an unknown product") << 11
            << QStringLiteral("Could not find the balance: The NDC 99999-9999-99 is not in the catalog") + addFirst;
        QTest::newRow("not an NDC, quoted short") << 12
            << QStringLiteral("Could not add the product: \"%1\u2026\" is not an NDC: expected 10 digits with hyphens "
                              "(4-4-2, 5-3-2 or 5-4-1) or 11 digits (5-4-2)").arg(QString(40, QLatin1Char('x')));
        QTest::newRow("supplier DEA check digit") << 13
            << QStringLiteral("Could not record the receipt: The supplier's DEA number FE2345679 does not match its check digit (mistyped?)");
        QTest::newRow("supplier DEA shape") << 14
            << QStringLiteral("Could not record the receipt: The supplier's DEA number must be two letters followed by seven digits, "
                              "like AB1234563 (got \"FE23\")");
        QTest::newRow("pharmacy DEA missing") << 15 << QStringLiteral("Could not save the pharmacy profile: The pharmacy's DEA number is required");
    }
    void refusalsReadAsOneSentence()
    {
        QFETCH(int, which);
        QFETCH(QString, text);
        using F = LedgerFixture;
        LedgerFixture f;
        f.ledger->receive(*f.tech, F::receipt(f.oxy, 1));
        const QString bad = QStringLiteral("Cardinal \uFFFD\uFFFD Health");
        const QList<std::function<void()>> commands{
            [&] { auto r = F::receipt(f.oxy, 1); r.supplierName = bad; f.ledger->receive(*f.tech, r); },
            [&] { auto r = F::receipt(f.oxy, 1); r.lot = QStringLiteral("L\uFFFD1"); f.ledger->receive(*f.tech, r); },
            [&] { auto w = f.waste(); w.note = bad; f.ledger->waste(*f.tech, w); },
            [&] { f.ledger->countShelf(*f.tech, {{f.oxy, 100, 2}, {QStringLiteral("99999-9999-99"), 4, 3}}); },
            [&] { f.ledger->countShelf(*f.tech, {{f.oxy, 100, 2}, {f.oxy, -1, 3}}); },
            [&] { f.ledger->countShelf(*f.tech, {{f.oxy, 100, 2}, {QStringLiteral("0574-4072-05"), 100, 4}}); },
            [&] { f.ledger->countShelf(*f.tech, {{f.oxy, 100}, {QStringLiteral("0574-4072-05"), 100}}); },
            [&] { f.ledger->importCatalogCsv(*f.pharmacist, "ndc,name\n\xff\xfe\n"); },
            [&] { f.ledger->importCatalogCsv(*f.pharmacist, "ndc,name\n\"0574-4072-05,x\n"); },
            [&] { auto r = F::receipt(QString(100 * 1024, QLatin1Char('7')), 1); f.ledger->receive(*f.tech, r); },
            [&] {
                f.ledger->takeInventory(*f.pic, {QStringLiteral("biennial"), QStringLiteral("closing"), QStringLiteral("2026-09-21"),
                                                 {{f.oxy, 100, 2}, {QStringLiteral("0574-4072-05"), 100, 3}}, QStringLiteral("1234")});
            },
            [&] { f.ledger->balance(QStringLiteral("99999-9999-99")); },
            [&] {
                f.ledger->addProduct(*f.pharmacist, {QString(100 * 1024, QLatin1Char('x')), QStringLiteral("X"), QStringLiteral("1 mg"),
                                                     QStringLiteral("tablet"), QStringLiteral("tablet"), 100});
            },
            [&] { auto r = F::receipt(f.oxy, 1); r.supplierDea = QStringLiteral("FE2345679"); f.ledger->receive(*f.tech, r); },
            [&] { auto r = F::receipt(f.oxy, 1); r.supplierDea = QStringLiteral("fe23"); f.ledger->receive(*f.tech, r); },
            [&] { auto p = F::profile(); p.dea.clear(); f.ledger->configurePharmacy(*f.pic, p, QStringLiteral("1234")); },
        };
        const qint64 head = f.store->journal().headSeq();
        QCOMPARE(refusalText(commands.at(which)), text);
        QCOMPARE(f.store->journal().headSeq(), head);
    }

    // The profile page's check as typed is the save's own check, field by field, and writes nothing.
    void eachProfileFieldIsCheckedAsASaveChecksIt()
    {
        LedgerFixture f;
        const qint64 head = f.store->journal().headSeq();
        const auto check = [](const char *field, const char *text) { return Ledger::checkProfileField(QLatin1String(field), QLatin1String(text)); };
        QVERIFY(check("dea", "BM1234564").contains(QLatin1String("check digit")));
        QCOMPARE(check("dea", "bm1234563"), QString());
        QVERIFY(check("state", "XX").contains(QLatin1String("US state")));
        QCOMPARE(check("state", "tx"), QString());
        QVERIFY(check("deaExpiry", "2027-02-30").contains(QLatin1String("YYYY-MM-DD")));
        QCOMPARE(check("licenseExpiry", "2027-02-28"), QString());
        QVERIFY(check("timezone", "Mars/Olympus").contains(QLatin1String("not a known zone")));
        QVERIFY(check("cadenceDays", "1000").contains(QLatin1String("between 1 and 730 days")));
        QVERIFY(check("cadenceDays", "0").contains(QLatin1String("between 1 and 730 days")));
        QVERIFY(check("cadenceDays", "ten").contains(QLatin1String("whole number")));
        QCOMPARE(check("cadenceDays", "30"), QString());
        QVERIFY(check("idleMinutes", "45").contains(QLatin1String("between 1 and 30 minutes")));
        QCOMPARE(check("idleMinutes", "10"), QString());
        QVERIFY(Ledger::checkProfileField(QStringLiteral("name"), QStringLiteral("A\u0007B")).contains(QLatin1String("control character")));
        QCOMPARE(check("name", ""), QString()); // nothing typed yet: "is required" is said on save
        QCOMPARE(f.store->journal().headSeq(), head);
    }

    void fromSentenceComposesOneSentence()
    {
        const CiiError e = CiiError::fromSentence(CiiError::Code::InvalidInput, QStringLiteral("find the scanned product"),
                                                  QStringLiteral("NDC 00574407201 is not in this pharmacy's catalog. Add it first."),
                                                  QStringLiteral("Or scan again."));
        QCOMPARE(e.userText(), QStringLiteral("Could not find the scanned product: NDC 00574407201 is not in this pharmacy's catalog\n"
                                              "Add it first. Or scan again."));
        QCOMPARE(CiiError::fromSentence(CiiError::Code::InvalidInput, QStringLiteral("read it"), QStringLiteral("the file is empty")).message(),
                 QStringLiteral("Could not read it: The file is empty"));
        QCOMPARE(CiiError::excerpt(QStringLiteral("short")), QStringLiteral("short"));
        QCOMPARE(CiiError::excerpt(QString(41, QLatin1Char('a'))), QString(40, QLatin1Char('a')) + QChar(0x2026));
    }

    void aLongReportTitleIsRecorded()
    {
        LedgerFixture f;
        const QString title = QStringLiteral("Product ledger: ") + QString(120, QLatin1Char('A')) + QStringLiteral(" 10 mg tablet, 100 per bottle");
        QVERIFY(f.ledger->recordExport(*f.pic, {title, QStringLiteral("2026-01-01"), QStringLiteral("2026-01-31"), QStringLiteral("PDF"), 3}) > 0);
    }
};

QTEST_GUILESS_MAIN(TestLedgerBadInput)
#include "tst_ledger_badinput.moc"
