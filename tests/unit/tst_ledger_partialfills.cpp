// Partial fills of a CII (21 CFR 1306.13) and no refills (1306.12): the first fill records the date written, the
// prescriber and why it was filled in part; each later fill is held to its kind's window, at the edges of its
// dates; the rest can be closed (void, the prescriber told) by a pharmacist's signed entry. Every refusal is one
// sentence naming the rule and the date, with nothing written.
#include "LedgerQueries.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <functional>
#include <QTest>

using namespace cii;
using namespace cii::test;

namespace {

/// The fixture's today is 2026-09-21 in Los Angeles; the clock moves on so later fills are not in the future.
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

Dispense firstFill(const QString &ndc11, const QString &rx, qint64 qty, qint64 prescribed, const QString &kind,
                   const QString &written = QStringLiteral("2026-09-01"), const QString &fill = QStringLiteral("2026-09-20"))
{
    Dispense d = LedgerFixture::dispense(ndc11, qty, rx, prescribed);
    d.partialKind = kind;
    d.dateWritten = written;
    d.fillDate = fill;
    return d;
}

Dispense laterFill(const QString &ndc11, const QString &rx, qint64 qty, const QString &fill)
{
    Dispense d = LedgerFixture::dispense(ndc11, qty, rx, 0);
    d.fillDate = fill;
    return d;
}

} // namespace

class TestLedgerPartialFills : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theRestOfWhatCouldNotBeSuppliedFollowsWithin72Hours()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        f.t.clock.advance(10 * kDayMs);
        f.ledger->dispense(*f.pharmacist, firstFill(f.oxy, QStringLiteral("RXA"), 20, 60, QStringLiteral("cannot-supply")));
        f.ledger->dispense(*f.pharmacist, laterFill(f.oxy, QStringLiteral("RXA"), 20, QStringLiteral("2026-09-23"))); // the 3rd day after: in
        const qint64 head = f.store->journal().headSeq();
        QCOMPARE(refusalText([&] { f.ledger->dispense(*f.pharmacist, laterFill(f.oxy, QStringLiteral("RXA"), 20, QStringLiteral("2026-09-24"))); }),
                 QStringLiteral("Could not record the dispense: Rx RXA could be filled until 2026-09-23 (written 2026-09-01, first filled 2026-09-20): "
                                "the rest of a fill the pharmacy could not supply follows within 72 hours, else it is void and the prescriber is "
                                "told (21 CFR 1306.13(a))\nClose the rest of the Rx and tell the prescriber."));
        QCOMPARE(f.store->journal().headSeq(), head);
        // The rest closed: void, the prescriber told, signed; no fill follows, not even within the window.
        QVERIFY(refusalText([&] { f.ledger->closePrescription(*f.tech, QStringLiteral("RXA"), QStringLiteral("phoned"), QStringLiteral("3456")); })
                    .contains(QLatin1String("a technician may not close the rest of a prescription")));
        QVERIFY(refusalText([&] { f.ledger->closePrescription(*f.pharmacist, QStringLiteral("RXA"), QStringLiteral(" "), QStringLiteral("2345")); })
                    .contains(QLatin1String("How the prescriber was told is required")));
        const qint64 closed = f.ledger->closePrescription(*f.pharmacist, QStringLiteral("RXA"), QStringLiteral("Told Dr. Wells by phone"), QStringLiteral("2345"));
        const auto rx = LedgerQueries(f.store->db()).rx(QStringLiteral("RXA"));
        QCOMPARE(rx->closedSeq, closed);
        QCOMPARE(rx->remaining(), 20);
        QCOMPARE(refusalText([&] { f.ledger->dispense(*f.pharmacist, laterFill(f.oxy, QStringLiteral("RXA"), 5, QStringLiteral("2026-09-22"))); }),
                 QStringLiteral("Could not record the dispense: Rx RXA was closed (entry %1): the rest is void").arg(closed));
        QCOMPARE(refusalText([&] { f.ledger->closePrescription(*f.pharmacist, QStringLiteral("RXA"), QStringLiteral("again"), QStringLiteral("2345")); }),
                 QStringLiteral("Could not close the rest of the prescription: Rx RXA is already closed (entry %1)").arg(closed));
        QVERIFY(f.store->verify().projectionsMatch);
    }

    void longTermCareFillsUpTo60DaysFromTheDateWritten()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        f.t.clock.advance(60 * kDayMs);
        f.ledger->dispense(*f.pharmacist, firstFill(f.oxy, QStringLiteral("RXB"), 10, 90, QStringLiteral("long-term-care")));
        f.ledger->dispense(*f.pharmacist, laterFill(f.oxy, QStringLiteral("RXB"), 10, QStringLiteral("2026-10-31"))); // written + 60
        QCOMPARE(refusalText([&] { f.ledger->dispense(*f.pharmacist, laterFill(f.oxy, QStringLiteral("RXB"), 10, QStringLiteral("2026-11-01"))); }),
                 QStringLiteral("Could not record the dispense: Rx RXB could be filled until 2026-10-31 (written 2026-09-01, first filled 2026-09-20): "
                                "a prescription for a patient in long-term care or terminally ill is filled in parts for at most 60 days from the "
                                "date written (21 CFR 1306.13(b))"));
    }

    void atThePatientsRequestTheLastFillIsWithin30DaysOfTheDateWritten()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        f.t.clock.advance(30 * kDayMs);
        f.ledger->dispense(*f.pharmacist, firstFill(f.oxy, QStringLiteral("RXC"), 10, 30, QStringLiteral("patient-request")));
        f.ledger->dispense(*f.pharmacist, laterFill(f.oxy, QStringLiteral("RXC"), 10, QStringLiteral("2026-10-01"))); // written + 30
        QVERIFY(refusalText([&] { f.ledger->dispense(*f.pharmacist, laterFill(f.oxy, QStringLiteral("RXC"), 10, QStringLiteral("2026-10-02"))); })
                    .contains(QLatin1String("could be filled until 2026-10-01")));
        // Never over the quantity prescribed.
        QCOMPARE(refusalText([&] { f.ledger->dispense(*f.pharmacist, laterFill(f.oxy, QStringLiteral("RXC"), 11, QStringLiteral("2026-10-01"))); }),
                 QStringLiteral("Could not record the dispense: The quantity is more than Rx RXC has left (10 of 30)"));
        // A first fill already past its window is refused too.
        QVERIFY(refusalText([&] { f.ledger->dispense(*f.pharmacist, firstFill(f.oxy, QStringLiteral("RXD"), 10, 30, QStringLiteral("patient-request"),
                                                                              QStringLiteral("2026-08-01"), QStringLiteral("2026-09-20"))); })
                    .contains(QLatin1String("The fill date (2026-09-20) is past the last day this prescription may be filled (2026-08-31)")));
    }

    void aCiiHasNoRefills()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        f.ledger->dispense(*f.pharmacist, firstFill(f.oxy, QStringLiteral("RXE"), 30, 30, QString()));
        QCOMPARE(refusalText([&] { f.ledger->dispense(*f.pharmacist, laterFill(f.oxy, QStringLiteral("RXE"), 30, QStringLiteral("2026-09-21"))); }),
                 QStringLiteral("Could not record the dispense: Rx RXE was filled in full on 2026-09-20: a CII has no refills (21 CFR 1306.12)"));
    }

    void theFirstFillNamesItsPrescriptionChecked()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        const qint64 head = f.store->journal().headSeq();
        const auto refusal = [&](auto change) {
            Dispense d = firstFill(f.oxy, QStringLiteral("RXF"), 10, 30, QStringLiteral("patient-request"));
            change(d);
            return refusalText([&] { f.ledger->dispense(*f.tech, d); });
        };
        QCOMPARE(refusal([](Dispense &d) { d.dateWritten = QStringLiteral("2026-09-22"); }),
                 QStringLiteral("Could not record the dispense: The date written is in the future (2026-09-22)"));
        QCOMPARE(refusal([](Dispense &d) { d.dateWritten = QStringLiteral("2026-09-21"); }),
                 QStringLiteral("Could not record the dispense: The date written (2026-09-21) is after the fill date (2026-09-20)"));
        QCOMPARE(refusal([](Dispense &d) { d.dateWritten.clear(); }),
                 QStringLiteral("Could not record the dispense: The date written must be a date written YYYY-MM-DD"));
        QCOMPARE(refusal([](Dispense &d) { d.prescriberDea = QStringLiteral("BW1234564"); }),
                 QStringLiteral("Could not record the dispense: The prescriber's DEA number BW1234564 does not match its check digit (mistyped?)"));
        QCOMPARE(refusal([](Dispense &d) { d.prescriberName.clear(); }),
                 QStringLiteral("Could not record the dispense: The prescriber's name is required"));
        QCOMPARE(refusal([](Dispense &d) { d.partialKind.clear(); }),
                 QStringLiteral("Could not record the dispense: The kind of partial fill is required when less than prescribed is filled (10 of 30): "
                                "cannot-supply, long-term-care, patient-request"));
        QCOMPARE(refusal([](Dispense &d) { d.partialKind = QStringLiteral("refill"); }),
                 QStringLiteral("Could not record the dispense: The kind of partial fill \"refill\" is not one of: cannot-supply, long-term-care, "
                                "patient-request"));
        QCOMPARE(f.store->journal().headSeq(), head);
    }

    // Seen: a partial fill past its window, and 400 dispensed on an Rx for 30, were refused only after the whole form
    // and "Record it". The dry run gives each refusal dispense() gives, with the field it is about, writing nothing.
    void aDryRunRefusesAsDispenseDoesNamingTheFieldWritingNothing()
    {
        using F = Ledger::DispenseField;
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 3)); // 300 on hand, 290 after RXL
        f.t.clock.advance(30 * kDayMs);                               // today 2026-10-21
        f.ledger->dispense(*f.pharmacist, firstFill(f.oxy, QStringLiteral("RXL"), 10, 30, QStringLiteral("patient-request"),
                                                    QStringLiteral("2026-09-15"), QStringLiteral("2026-10-01"))); // until 2026-10-15
        struct Case
        {
            const char *what;
            std::function<void(Dispense &)> change;
            F field;
            QString reason;
        };
        const QList<Case> cases{
            {"no quantity", [](Dispense &d) { d.quantity = 0; }, F::Quantity, QStringLiteral("The quantity must be a whole number above zero")},
            {"no Rx", [](Dispense &d) { d.rx = QStringLiteral(" "); }, F::Rx, QStringLiteral("The Rx number is required")},
            {"Rx with a space", [](Dispense &d) { d.rx = QStringLiteral("RX 1"); }, F::Rx,
             QStringLiteral("The Rx number may hold only letters, digits and hyphens")},
            {"no quantity prescribed", [](Dispense &d) { d.prescribedQuantity = 0; }, F::Prescribed,
             QStringLiteral("The quantity prescribed is required on the first fill of Rx RXN")},
            {"400 on an Rx for 30", [](Dispense &d) { d.quantity = 400; }, F::Quantity, QStringLiteral("The quantity is more than Rx RXN has left (30 of 30)")},
            {"more than on hand", [](Dispense &d) { d.quantity = 301; d.prescribedQuantity = 400; }, F::Balance,
             QStringLiteral("The quantity (301) is more than the balance on hand (290)")},
            {"date written in the future", [](Dispense &d) { d.dateWritten = QStringLiteral("2026-10-22"); }, F::DateWritten,
             QStringLiteral("The date written is in the future (2026-10-22)")},
            {"no prescriber", [](Dispense &d) { d.prescriberName.clear(); }, F::Prescriber, QStringLiteral("The prescriber's name is required")},
            {"prescriber's DEA check digit", [](Dispense &d) { d.prescriberDea = QStringLiteral("BW1234564"); }, F::PrescriberDea,
             QStringLiteral("The prescriber's DEA number BW1234564 does not match its check digit (mistyped?)")},
            {"no kind of partial fill", [](Dispense &d) { d.partialKind.clear(); }, F::PartialKind,
             QStringLiteral("The kind of partial fill is required when less than prescribed is filled (10 of 30): cannot-supply, long-term-care, patient-request")},
            // The walk: written 2026-06-29, at the patient's request, filled 2026-12-07 (here: written 2026-09-01, filled today).
            {"past the patient's-request window", [](Dispense &d) { d.dateWritten = QStringLiteral("2026-09-01"); }, F::PartialKind,
             QStringLiteral("The fill date (2026-10-21) is past the last day this prescription may be filled (2026-10-01): a partial fill at the "
                            "patient's or prescriber's request is completed within 30 days of the date written (21 CFR 1306.13(c))")},
            {"a later fill past its window", [](Dispense &d) { d = laterFill(d.ndc11, QStringLiteral("RXL"), 5, d.fillDate); }, F::Rx, {}},
            {"a later fill over what is left", [](Dispense &d) { d = laterFill(d.ndc11, QStringLiteral("RXL"), 21, QStringLiteral("2026-10-10")); },
             F::Quantity, QStringLiteral("The quantity is more than Rx RXL has left (20 of 30)")},
            {"a later fill's other quantity prescribed", [](Dispense &d) {
                 d = laterFill(d.ndc11, QStringLiteral("RXL"), 5, QStringLiteral("2026-10-10"));
                 d.prescribedQuantity = 60;
             }, F::Prescribed, QStringLiteral("The quantity prescribed differs from the first fill of Rx RXL (30)")},
            {"an unknown product", [](Dispense &d) { d.ndc11 = QStringLiteral("99999-9999-99"); }, F::Product, {}},
            {"a fill date in the future", [](Dispense &d) { d.fillDate = QStringLiteral("2026-10-22"); }, F::FillDate,
             QStringLiteral("The fill date is in the future (2026-10-22)")},
            {"a technician's override", [](Dispense &d) { d.overrideBalance = true; d.overrideReason = QStringLiteral("shelf"); }, F::Override, {}},
        };
        const qint64 head = f.store->journal().headSeq();
        for (const Case &c : cases) {
            Dispense d = firstFill(f.oxy, QStringLiteral("RXN"), 10, 30, QStringLiteral("patient-request"), QStringLiteral("2026-10-01"),
                                   f.ledger->todayInPharmacy());
            c.change(d);
            const auto dry = f.ledger->checkDispense(*f.tech, d);
            QVERIFY2(dry, c.what);
            QCOMPARE(Ledger::dispenseFieldName(dry->field), Ledger::dispenseFieldName(c.field));
            if (!c.reason.isEmpty())
                QCOMPARE(dry->error.reason(), c.reason);
            QCOMPARE(f.store->journal().headSeq(), head);
            // dispense() refuses it in the same words, writing nothing.
            QCOMPARE(refusalText([&] { f.ledger->dispense(*f.tech, d); }), dry->error.userText());
            QCOMPARE(f.store->journal().headSeq(), head);
        }
        // A dispense that would be recorded: nothing said, nothing written; recorded once sent.
        const Dispense good = firstFill(f.oxy, QStringLiteral("RXN"), 10, 30, QStringLiteral("patient-request"), QStringLiteral("2026-10-01"),
                                        f.ledger->todayInPharmacy());
        QVERIFY(!f.ledger->checkDispense(*f.tech, good));
        QCOMPARE(f.store->journal().headSeq(), head);
        QVERIFY(f.ledger->dispense(*f.tech, good) > head);
    }

    // A wrong PIN is recorded (audit log, lockout): the dry run of an override never checks it, and dispense() checks
    // every field before it, so a bad field costs no PIN try.
    void aDryRunAsksNoPinAndABadFieldCostsNoPinTry()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1)); // 100 on hand
        Dispense d = LedgerFixture::dispense(f.oxy, 120, QStringLiteral("RXO"), 120);
        d.overrideBalance = true;
        d.overrideReason = QStringLiteral("The shelf had it");
        d.signaturePin = QStringLiteral("9999");
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(!f.ledger->checkDispense(*f.pharmacist, d));
        QCOMPARE(f.store->journal().headSeq(), head);
        Dispense bad = d;
        bad.prescriberDea = QStringLiteral("BW1234564");
        QVERIFY(refusalText([&] { f.ledger->dispense(*f.pharmacist, bad); }).contains(QLatin1String("check digit")));
        QCOMPARE(f.store->journal().headSeq(), head); // no auth.failed
        QVERIFY(refusalText([&] { f.ledger->dispense(*f.pharmacist, d); }).contains(QLatin1String("wrong PIN")));
        QCOMPARE(f.store->journal().headSeq(), head + 1); // the wrong PIN, recorded
    }

    // The form calls the dry run as each key is typed, on the UI thread: it must stay well under a millisecond.
    void aDryRunIsFastEnoughToRunAsAFormIsTyped()
    {
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 3));
        for (int i = 0; i < 50; ++i)
            f.ledger->dispense(*f.pharmacist, LedgerFixture::dispense(f.oxy, 1, QStringLiteral("RXT%1").arg(i), 1));
        const Dispense d = LedgerFixture::dispense(f.oxy, 5, QStringLiteral("RXT-NEW"), 10);
        Dispense partial = d;
        partial.partialKind = QStringLiteral("patient-request");
        QElapsedTimer timer;
        timer.start();
        constexpr int kRuns = 500;
        for (int i = 0; i < kRuns; ++i)
            QVERIFY(!f.ledger->checkDispense(*f.tech, partial));
        const double ms = double(timer.nsecsElapsed()) / 1e6 / kRuns;
        qInfo("checkDispense: %.3f ms a call", ms);
        QVERIFY2(ms < 5, qPrintable(QStringLiteral("%1 ms a call").arg(ms))); // a generous bound for a loaded machine
    }

    void aTechniciansFillWaitsForThePharmacistWhoVerifiesIt()
    {
        // 21 CFR 1304.22(c): the record names who dispensed; a technician's fill is the verifying pharmacist's.
        LedgerFixture f;
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 2));
        const qint64 byTech = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RXV1"), 10));
        const qint64 byPharmacist = f.ledger->dispense(*f.pharmacist, LedgerFixture::dispense(f.oxy, 10, QStringLiteral("RXV2"), 10));
        const qint64 voidedLater = f.ledger->dispense(*f.tech, LedgerFixture::dispense(f.oxy, 5, QStringLiteral("RXV3"), 5));
        const LedgerQueries q(f.store->db());
        QCOMPARE(q.dispensesToVerify().size(), 2);
        QCOMPARE(q.dispensesToVerify().first().seq, byTech);
        const qint64 head = f.store->journal().headSeq();
        QVERIFY(refusalText([&] { f.ledger->verifyDispense(*f.tech, byTech, QStringLiteral("3456")); })
                    .contains(QLatin1String("a technician may not verify a dispense")));
        QCOMPARE(refusalText([&] { f.ledger->verifyDispense(*f.pharmacist, byPharmacist, QStringLiteral("2345")); }),
                 QStringLiteral("Could not verify the dispense: Entry %1 does not wait for verification (verified, voided, or recorded by a "
                                "pharmacist)").arg(byPharmacist));
        QCOMPARE(refusalText([&] { f.ledger->verifyDispense(*f.pharmacist, 1, QStringLiteral("2345")); }),
                 QStringLiteral("Could not verify the dispense: Entry 1 is not a dispense"));
        QCOMPARE(f.store->journal().headSeq(), head);
        f.ledger->verifyDispense(*f.pharmacist, byTech, QStringLiteral("2345"));
        f.ledger->voidEntry(*f.pharmacist, voidedLater, QStringLiteral("entered on the wrong Rx"), QStringLiteral("2345"));
        QVERIFY(q.dispensesToVerify().isEmpty()); // verified, and a voided fill is not verified
        QVERIFY(f.store->verify().projectionsMatch);
    }

    void aLaterFillMayUseAnotherPackageOfTheSameDrugAndStrength()
    {
        LedgerFixture f;
        const QString big = QStringLiteral("00574407210"); // the same tablets, 500 per bottle
        f.ledger->addProduct(*f.pharmacist, {QStringLiteral("00574-4072-10"), QStringLiteral("Oxycodone HCl"), QStringLiteral("5 mg"),
                                             QStringLiteral("tablet"), QStringLiteral("tablet"), 500});
        f.ledger->addProduct(*f.pharmacist, {QStringLiteral("00574-4073-01"), QStringLiteral("Oxycodone HCl"), QStringLiteral("10 mg"),
                                             QStringLiteral("tablet"), QStringLiteral("tablet"), 100});
        f.ledger->receive(*f.tech, LedgerFixture::receipt(f.oxy, 1));
        f.ledger->receive(*f.tech, LedgerFixture::receipt(big, 1));
        f.ledger->receive(*f.tech, LedgerFixture::receipt(QStringLiteral("00574407301"), 1));
        f.ledger->dispense(*f.pharmacist, firstFill(f.oxy, QStringLiteral("RXG"), 90, 120, QStringLiteral("cannot-supply")));
        f.ledger->dispense(*f.pharmacist, laterFill(big, QStringLiteral("RXG"), 20, QStringLiteral("2026-09-21")));
        QCOMPARE(LedgerQueries(f.store->db()).rx(QStringLiteral("RXG"))->remaining(), 10);
        QCOMPARE(refusalText([&] { f.ledger->dispense(*f.pharmacist, laterFill(QStringLiteral("00574407301"), QStringLiteral("RXG"), 10, QStringLiteral("2026-09-21"))); }),
                 QStringLiteral("Could not record the dispense: Rx RXG was filled with another drug or strength (NDC 00574407205)"));
    }
};

QTEST_GUILESS_MAIN(TestLedgerPartialFills)
#include "tst_ledger_partialfills.moc"
