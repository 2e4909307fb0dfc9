#pragma once

#include "Clock.h"

#include <QDateTime>
#include <cstdio>
#include <cstdlib>

namespace cii::bench {

/// The pharmacy's clock in a benchmark. By default the wall clock, as at a real counter. When the environment
/// variable CII_BENCH_NOW names an instant in UTC (ISO 8601, "2026-01-15T00:30:00Z"), the clock starts there and
/// moves at the wall clock's pace, so latencies and the order of events stay real while the pharmacy's day is the
/// one chosen: the ctest smoke runs use it to run every benchmark at 00:30 UTC (when the UTC date is a day ahead of
/// California's) and at 23:30 UTC, whatever the machine's hour. A benchmark takes its dates from the pharmacy
/// (Ledger::todayInPharmacy(), over this clock and the pharmacy's time zone), never from the machine's date.
///
/// Refuses (exits with status 2) a CII_BENCH_NOW that is not such an instant: a typo must not measure at the
/// wall clock's hour unnoticed. Read once, at construction; nowMs() may be called from any thread.
class BenchClock final : public Clock
{
public:
    BenchClock()
    {
        const QByteArray at = qgetenv("CII_BENCH_NOW");
        if (at.isEmpty())
            return;
        const QDateTime start = QDateTime::fromString(QString::fromLatin1(at), Qt::ISODateWithMs);
        if (!start.isValid() || start.timeSpec() != Qt::UTC) {
            std::fprintf(stderr, "CII_BENCH_NOW must be an instant in UTC such as 2026-01-15T00:30:00Z (got \"%s\")\n", at.constData());
            std::exit(2);
        }
        m_offsetMs = start.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch();
    }
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch() + m_offsetMs; }
    /// Whether CII_BENCH_NOW moved this clock away from the wall clock.
    bool shifted() const { return m_offsetMs != 0; }

private:
    qint64 m_offsetMs = 0;
};

} // namespace cii::bench
