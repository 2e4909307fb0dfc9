#include "Workload.h"

#include "CiiError.h"
#include "LedgerProjection.h"
#include "Sqlite.h"
#include "TestSupport.h"

#include <QRandomGenerator>

namespace cii::test {

QMap<QString, int> recordEveryKind(LedgerFixture &f, int transactions, quint32 seed)
{
    QRandomGenerator rng(seed);
    const QString morphine = QStringLiteral("51655008952");
    if (!ledgerdb::productExists(f.store->db(), morphine))
        f.ledger->addProduct(*f.pharmacist, {QStringLiteral("51655-089-52"), QStringLiteral("Morphine sulfate ER"), QStringLiteral("15 mg"),
                                             QStringLiteral("tablet"), QStringLiteral("tablet"), 60});
    const QStringList products{f.oxy, morphine};

    QList<qint64> dispenses, openDiscrepancies, lossReports;
    QMap<QString, int> kinds;
    int rx = 0, order = 0;
    const qint64 startSeq = f.store->journal().headSeq();
    const auto lastKind = [&] {
        sql::Query q(f.store->db(), "SELECT kind FROM events ORDER BY seq DESC LIMIT 1");
        q.next();
        return q.text(0);
    };
    while (f.store->journal().headSeq() - startSeq < transactions) {
        const QString p = products.at(int(rng.bounded(2)));
        const qint64 balance = f.ledger->balance(p);
        const int op = int(rng.bounded(40));
        try {
            if (op < 8 || balance < 40) {
                f.ledger->receive(*f.tech, LedgerFixture::receipt(p, 1 + rng.bounded(3), QString::number(100000000 + ++order)));
            } else if (op < 22) {
                const qint64 qty = 1 + rng.bounded(20);
                const QString number = QStringLiteral("RX%1").arg(++rx);
                dispenses << f.ledger->dispense(*f.tech, LedgerFixture::dispense(p, qty, number, qty + rng.bounded(3) * 10));
            } else if (op < 24 && !dispenses.isEmpty()) {
                const qint64 seq = dispenses.takeAt(int(rng.bounded(qsizetype(dispenses.size()))));
                f.ledger->returnToStock(*f.tech, seq, 1, QStringLiteral("not picked up"));
            } else if (op < 27) {
                const qint64 off = rng.bounded(4) == 0 ? qint64(rng.bounded(5)) - 2 : 0;
                const CountResult r = f.ledger->count(*f.tech, p, std::max<qint64>(0, balance + off));
                if (r.discrepancyOpened)
                    openDiscrepancies << r.discrepancyId;
            } else if (op < 28) {
                f.ledger->adjust(*f.pharmacist, p, 1 + rng.bounded(3), QStringLiteral("found-stock"), QStringLiteral("found during a shelf check"),
                                 QStringLiteral("2345"));
            } else if (op < 29 && !dispenses.isEmpty()) {
                const qint64 seq = dispenses.takeLast();
                f.ledger->voidEntry(*f.pharmacist, seq, QStringLiteral("entered in error"), QStringLiteral("2345"));
            } else if (op < 31 && !openDiscrepancies.isEmpty()) {
                const qint64 id = openDiscrepancies.takeFirst();
                if (rng.bounded(3) == 0)
                    f.ledger->startReview(*f.pharmacist, id, QStringLiteral("recounting after close"));
                else
                    f.ledger->resolveDiscrepancy(*f.pic, id, QStringLiteral("other"), QStringLiteral("recounted twice"),
                                                 rng.bounded(8) == 0, QStringLiteral("1234"));
            } else if (op < 34) {
                const bool in = rng.bounded(2) == 0;
                f.ledger->recordMovement(*f.pharmacist, LedgerFixture::movement(in ? MovementKind::TransferIn : MovementKind::TransferOut, p,
                                                                                1 + rng.bounded(10)));
            } else if (op < 35) {
                Waste w = f.waste();
                w.ndc11 = p;
                w.quantity = 1 + rng.bounded(2);
                f.ledger->waste(*f.tech, w);
            } else if (op < 36) {
                Destruction d = f.destruction();
                d.ndc11 = p;
                d.fullPackages = 0;
                d.partialUnits = 1 + rng.bounded(4);
                f.ledger->destroy(*f.pic, d);
            } else if (op < 37) {
                lossReports << f.ledger->reportTheftLoss(*f.pharmacist, LedgerFixture::theftLoss(p, 1 + rng.bounded(3), QStringLiteral("2345")));
            } else if (op < 38 && !lossReports.isEmpty()) {
                f.ledger->recordTheftLossFiling(*f.pharmacist, lossReports.takeFirst(), QStringLiteral("notice"), QStringLiteral("2026-09-20"),
                                                QStringLiteral("DEA-TLR-%1").arg(order));
            } else if (op < 39) {
                Dispense d = LedgerFixture::dispense(p, balance + 1 + rng.bounded(3), QStringLiteral("RX%1").arg(++rx), 0);
                d.prescribedQuantity = d.quantity;
                d.overrideBalance = true;
                d.overrideReason = QStringLiteral("the shelf had it");
                d.signaturePin = QStringLiteral("2345");
                const qint64 seq = f.ledger->dispense(*f.pharmacist, d);
                openDiscrepancies << ledgerdb::discrepancyOpenedBy(f.store->db(), seq, p);
            } else if (rng.bounded(30) == 0) {
                f.ledger->takeInventory(*f.pic, {QStringLiteral("annual"), QStringLiteral("closing"), QStringLiteral("2026-09-20"),
                                                 {{f.oxy, f.ledger->balance(f.oxy)}, {morphine, f.ledger->balance(morphine)}},
                                                 QStringLiteral("1234")});
            } else {
                f.ledger->deactivateProduct(*f.pharmacist, p);
                f.ledger->reactivateProduct(*f.pharmacist, p);
            }
            ++kinds[lastKind()];
        } catch (const CiiError &) {
            // A refusal writes nothing; the loop goes on until enough were recorded.
        }
        if (rng.bounded(50) == 0) // signed entries count failures; a sign-in resets them
            f.pharmacist = f.ledger->signIn(f.pharmacistId, QStringLiteral("2345"));
    }
    return kinds;
}

} // namespace cii::test
