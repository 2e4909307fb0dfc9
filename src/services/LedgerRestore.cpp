#include "LedgerRestore.h"

#include "LedgerProjection.h"
#include "Sqlite.h"

namespace cii {

sync::RestoreOptions withLedger(sync::RestoreOptions options)
{
    options.projections = [] { return defaultProjections(); };
    options.describe = [](sql::Database &db, sync::RestoreReport &report) {
        {
            sql::Query q(db, "SELECT p.ndc11, p.name || ' ' || p.strength, "
                             "coalesce((SELECT balance_after FROM entries e WHERE e.ndc11 = p.ndc11 ORDER BY seq DESC LIMIT 1), 0), p.base_unit "
                             "FROM products p ORDER BY p.name, p.ndc11");
            while (q.next())
                report.balances << sync::RestoreReport::Balance{q.text(0), q.text(1), q.int64(2), q.text(3)};
            report.products = report.balances.size();
        }
        sql::Query q(db, "SELECT count(*) FROM discrepancies WHERE status IN ('open', 'in_review')");
        q.next();
        report.openDiscrepancies = q.int64(0);
    };
    return options;
}

bool pharmacySetUp(sql::Database &db)
{
    sql::Query q(db, "SELECT EXISTS (SELECT 1 FROM people)");
    return q.next() && q.int64(0) != 0;
}

} // namespace cii
