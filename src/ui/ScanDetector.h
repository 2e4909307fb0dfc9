#pragma once

#include <QString>
#include <optional>

namespace cii {

/// Tells a keyboard-wedge barcode scanner from a person typing: a scanner "types" a whole code in a burst, a few
/// milliseconds per character, and ends it with Enter. A person is ten times slower. Feed every printable
/// character and every Enter with its time; enter() returns the code when the burst was a scan.
class ScanDetector
{
public:
    static constexpr qint64 kMaxGapMs = 40;  ///< slower than this between keys is a person
    static constexpr int kMinLength = 8;     ///< shorter bursts are not codes we read (UPC-A has 12)

    void character(QChar c, qint64 ms)
    {
        if (m_buffer.isEmpty() || ms - m_lastMs > kMaxGapMs || ms < m_lastMs)
            m_buffer.clear(); // a pause (or time from another source): whatever came before was typed, not scanned
        m_buffer += c;
        m_lastMs = ms;
    }

    std::optional<QString> enter(qint64 ms)
    {
        const QString code = m_buffer;
        const bool burst = code.size() >= kMinLength && ms >= m_lastMs && ms - m_lastMs <= kMaxGapMs;
        m_buffer.clear();
        if (!burst)
            return std::nullopt;
        return code;
    }

private:
    QString m_buffer;
    qint64 m_lastMs = 0;
};

} // namespace cii
