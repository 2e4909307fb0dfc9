#pragma once

#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace cii::bench {

/// Latency samples in microseconds; percentiles by nearest rank.
class Samples
{
public:
    void add(qint64 ns) { m_us.push_back(double(ns) / 1000.0); }
    double percentile(double p)
    {
        std::sort(m_us.begin(), m_us.end());
        if (m_us.empty())
            return 0;
        const size_t rank = std::min(m_us.size() - 1, size_t(p / 100.0 * double(m_us.size())));
        return m_us[rank];
    }
    size_t count() const { return m_us.size(); }

private:
    std::vector<double> m_us;
};

inline void printRow(const char *name, Samples &s)
{
    std::printf("%-44s n=%-6zu p50=%9.1f us  p99=%9.1f us\n", name, s.count(), s.percentile(50), s.percentile(99));
}

} // namespace cii::bench
