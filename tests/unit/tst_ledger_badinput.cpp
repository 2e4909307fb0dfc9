// Every command, every way its input can be wrong: each refused with its own clear message, and nothing
// written (the journal head is unchanged). A wrong PIN is the one refusal that writes: it records exactly one
// auth.failed event (audit log and lockout), and nothing else.
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
    c.append({"profile: bad DEA check digit", [](F &f) { auto p = F::profile(); p.dea = QStringLiteral("BM1234564"); f.ledger->configurePharmacy(*f.pic, p); }, "check digit does not match"});
    c.append({"profile: missing name", [](F &f) { auto p = F::profile(); p.name = QStringLiteral("   "); f.ledger->configurePharmacy(*f.pic, p); }, "The pharmacy name is required"});
    c.append({"profile: oversized address", [](F &f) { auto p = F::profile(); p.address = longText(301); f.ledger->configurePharmacy(*f.pic, p); }, "The address is too long"});
    c.append({"profile: bad state", [](F &f) { auto p = F::profile(); p.state = QStringLiteral("California"); f.ledger->configurePharmacy(*f.pic, p); }, "two-letter code"});
    c.append({"profile: bad time zone", [](F &f) { auto p = F::profile(); p.timezone = QStringLiteral("Mars/Olympus"); f.ledger->configurePharmacy(*f.pic, p); }, "not a known zone"});
    c.append({"profile: cadence too long", [](F &f) { auto p = F::profile(); p.cadenceDays = 1000; f.ledger->configurePharmacy(*f.pic, p); }, "between 1 and 730 days"});
    c.append({"profile: technician", [](F &f) { f.ledger->configurePharmacy(*f.tech, F::profile()); }, "a technician may not change the pharmacy profile"});
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
    c.append({"receive: supplier DEA check digit", [=](F &f) { auto r = receipt(f); r.supplierDea = QStringLiteral("RA7654320"); f.ledger->receive(*f.tech, r); }, "supplier's DEA number is not valid"});
    c.append({"receive: oversized lot", [=](F &f) { auto r = receipt(f); r.lot = longText(21); f.ledger->receive(*f.tech, r); }, "The lot number is too long"});
    c.append({"receive: bad expiry", [=](F &f) { auto r = receipt(f); r.expiry = QStringLiteral("31/05/2028"); f.ledger->receive(*f.tech, r); }, "The expiry date must be a date"});
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
    c.append({"count: negative", [](F &f) { f.ledger->count(*f.tech, f.oxy, -1); }, "zero or more"});
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
};

QTEST_GUILESS_MAIN(TestLedgerBadInput)
#include "tst_ledger_badinput.moc"
