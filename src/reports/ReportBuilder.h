#pragma once

#include "Report.h"

namespace cii::sql {
class Database;
}

namespace cii::reports {

/// Builds a report from the store's journal and projections on `db` (any connection: a worker opens its own).
/// Reads only. Refuses (CiiError InvalidInput, nothing written) a range that is not two valid dates in order, an
/// unknown product or person, and a store whose pharmacy is not set up. Throws Cancelled when `progress` returns
/// false. Thread: the one that owns `db`.
Report build(sql::Database &db, const Request &request, const Progress &progress = {});

} // namespace cii::reports
