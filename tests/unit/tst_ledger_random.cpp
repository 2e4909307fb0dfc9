// A long, seeded, reproducible random sequence of valid and invalid commands. Afterwards: rebuilding the
// projections from the journal gives exactly the live projections, no balance was ever negative, `verify`
// passes, and each balance equals an independent model kept by this test.
// CII_SEED=<n> reproduces a run; CII_STEPS=<n> makes it longer (default 600).
#include "LedgerProjection.h"
#include "TestSupport.h"

#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

using namespace cii;
using namespace cii::test;

class TestLedgerRandom : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void randomSequenceKeepsEveryInvariant()
    {
        const quint32 seed = qEnvironmentVariableIsSet("CII_SEED") ? quint32(qEnvironmentVariableIntValue("CII_SEED")) : 20261124u;
        const int steps = qEnvironmentVariableIsSet("CII_STEPS") ? qEnvironmentVariableIntValue("CII_STEPS") : 600;
        qInfo("seed %u, %d steps", seed, steps);
        QRandomGenerator rng(seed);
        LedgerFixture f;
        const QString morphine = f.ledger->addProduct(*f.pharmacist, {QStringLiteral("51655-089-52"), QStringLiteral("Morphine sulfate ER"),
                                                                      QStringLiteral("15 mg"), QStringLiteral("tablet"), QStringLiteral("tablet"), 60});
        const QStringList products{f.oxy, morphine};
        const QMap<QString, qint64> packageSize{{f.oxy, 100}, {morphine, 60}};
        QMap<QString, qint64> model{{f.oxy, 0}, {morphine, 0}};
        QList<qint64> dispenses;
        QList<qint64> openDiscrepancies;
        int accepted = 0, refused = 0, rxCounter = 0;

        for (int step = 0; step < steps; ++step) {
            const QString p = products.at(int(rng.bounded(2)));
            const int op = int(rng.bounded(15));
            const bool valid = rng.bounded(4) != 0;
            try {
                switch (op) {
                case 0:
                case 1: { // receive
                    const qint64 packs = valid ? 1 + rng.bounded(3) : -qint64(rng.bounded(2));
                    f.ledger->receive(*f.tech, LedgerFixture::receipt(p, packs, QString::number(10000000 + step)));
                    model[p] += packs * packageSize[p];
                    break;
                }
                case 2:
                case 3: { // dispense: sometimes beyond the balance
                    const qint64 qty = 1 + rng.bounded(valid ? 30 : 400);
                    const QString rx = QStringLiteral("RX%1").arg(++rxCounter);
                    const qint64 seq = f.ledger->dispense(*f.tech, LedgerFixture::dispense(p, qty, rx, qty + rng.bounded(20)));
                    model[p] -= qty;
                    dispenses << seq;
                    break;
                }
                case 4: { // return to stock
                    if (dispenses.isEmpty())
                        break;
                    const qint64 seq = dispenses.at(int(rng.bounded(qsizetype(dispenses.size()))));
                    QString prod;
                    {
                        sql::Query q(f.store->db(), "SELECT ndc11, delta FROM entries WHERE seq = ?");
                        q.bind(1, seq);
                        q.next();
                        prod = q.text(0);
                    }
                    const qint64 qty = valid ? 1 : 1000;
                    f.ledger->returnToStock(*f.tech, seq, qty, QStringLiteral("not picked up"));
                    model[prod] += qty;
                    break;
                }
                case 5: { // blind count, sometimes off
                    const qint64 counted = std::max<qint64>(0, model[p] + (valid ? 0 : qint64(rng.bounded(7)) - 3));
                    const CountResult r = f.ledger->count(*f.tech, p, counted);
                    if (r.discrepancyOpened)
                        openDiscrepancies << r.discrepancyId;
                    model[p] = counted;
                    break;
                }
                case 6: { // adjustment, signed (sometimes with a wrong PIN)
                    const qint64 delta = qint64(rng.bounded(11)) - 5;
                    f.ledger->adjust(*f.pharmacist, p, delta, QStringLiteral("found-stock"), QStringLiteral("found during a shelf check"),
                                     valid ? QStringLiteral("2345") : QStringLiteral("0000"));
                    model[p] += delta;
                    break;
                }
                case 7: { // void a random entry
                    qint64 seq = 0, delta = 0;
                    QString prod;
                    {
                        sql::Query q(f.store->db(), "SELECT seq, ndc11, delta FROM entries ORDER BY seq DESC LIMIT 1 OFFSET ?");
                        q.bind(1, qint64(rng.bounded(5)));
                        if (!q.next())
                            break;
                        seq = q.int64(0), delta = q.int64(2);
                        prod = q.text(1);
                    }
                    f.ledger->voidEntry(*f.pharmacist, seq, QStringLiteral("entered in error"), QStringLiteral("2345"));
                    model[prod] -= delta;
                    dispenses.removeAll(seq);
                    break;
                }
                case 8: { // resolve a discrepancy
                    if (openDiscrepancies.isEmpty())
                        break;
                    const qint64 id = openDiscrepancies.takeFirst();
                    f.ledger->resolveDiscrepancy(*f.pic, id, valid ? QStringLiteral("breakage-or-spill") : QStringLiteral("nope"),
                                                 QStringLiteral("recounted twice"), false, QStringLiteral("1234"));
                    break;
                }
                case 9: { // transfer in or out
                    const bool in = rng.bounded(2) == 0;
                    const qint64 qty = 1 + rng.bounded(valid ? 20 : 500);
                    f.ledger->recordMovement(*f.pharmacist, LedgerFixture::movement(in ? MovementKind::TransferIn : MovementKind::TransferOut, p, qty));
                    model[p] += in ? qty : -qty;
                    break;
                }
                case 10: { // waste, witnessed (sometimes by the one recording it)
                    Waste w = f.waste();
                    w.ndc11 = p;
                    w.quantity = 1 + rng.bounded(3);
                    if (!valid)
                        w.witness = {f.techId, QStringLiteral("3456")};
                    f.ledger->waste(*f.tech, w);
                    model[p] -= w.quantity;
                    break;
                }
                case 11: { // destruction with two witnesses
                    Destruction d = f.destruction();
                    d.ndc11 = p;
                    d.partialUnits = valid ? 1 + rng.bounded(5) : 0;
                    d.fullPackages = 0;
                    f.ledger->destroy(*f.pic, d);
                    model[p] -= d.partialUnits;
                    break;
                }
                case 12: { // theft or loss
                    const qint64 qty = 1 + rng.bounded(valid ? 5 : 1000);
                    f.ledger->reportTheftLoss(*f.pharmacist, LedgerFixture::theftLoss(p, qty, QStringLiteral("2345")));
                    model[p] -= qty;
                    break;
                }
                case 13: { // dispense over the balance by a pharmacist's override
                    Dispense d = LedgerFixture::dispense(p, model[p] + 1 + rng.bounded(5), QStringLiteral("RX%1").arg(++rxCounter), 0);
                    d.prescribedQuantity = d.quantity;
                    d.overrideBalance = valid;
                    d.overrideReason = QStringLiteral("the shelf had it");
                    d.signaturePin = QStringLiteral("2345");
                    const qint64 seq = f.ledger->dispense(*f.pharmacist, d);
                    model[p] = 0;
                    dispenses << seq;
                    openDiscrepancies << ledgerdb::discrepancyOpenedBy(f.store->db(), seq, p);
                    break;
                }
                case 14: { // a product deactivated refuses stock movements until it is reactivated
                    f.ledger->deactivateProduct(*f.pharmacist, p);
                    bool refusedWhileInactive = false;
                    try {
                        f.ledger->receive(*f.tech, LedgerFixture::receipt(p, 1, QString::number(10000000 + step)));
                    } catch (const CiiError &) {
                        refusedWhileInactive = true;
                    }
                    QVERIFY(refusedWhileInactive);
                    f.ledger->reactivateProduct(*f.pharmacist, p);
                    break;
                }
                }
                ++accepted;
            } catch (const CiiError &e) {
                QCOMPARE(e.code(), CiiError::Code::InvalidInput);
                ++refused;
            }
            // A wrong signature PIN three times in a row would lock the pharmacist; sign in resets the count.
            if (step % 3 == 0)
                f.pharmacist = f.ledger->signIn(f.pharmacistId, QStringLiteral("2345"));
        }
        qInfo("%d accepted, %d refused, %lld events", accepted, refused, f.store->journal().headSeq());
        QVERIFY(accepted > steps / 3);
        QVERIFY(refused > steps / 20);

        for (const QString &p : products)
            QCOMPARE(f.ledger->balance(p), model[p]);
        {
            sql::Query negative(f.store->db(), "SELECT count(*) FROM entries WHERE balance_after < 0");
            QVERIFY(negative.next());
            QCOMPARE(negative.int64(0), 0);
            sql::Query sums(f.store->db(), "SELECT ndc11, sum(delta) FROM entries GROUP BY ndc11");
            while (sums.next())
                QCOMPARE(sums.int64(1), model[sums.text(0)]);
        }

        const QString mismatch = rebuildMismatch(*f.store);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }
};

QTEST_GUILESS_MAIN(TestLedgerRandom)
#include "tst_ledger_random.moc"
