#pragma once

namespace cii::reports {

/// Qt's PDF writer compresses every page at zlib's default level, with no setting to change it, and on a
/// log of 5,000 pages that is about a third of the writing time (docs/PERFORMANCE.md). While an object of
/// this class lives, page streams that Qt starts on this thread are compressed at zlib's fastest level
/// instead: about a quarter less time for a file about a third larger. Other threads, and this one before
/// and after, compress as zlib always does. How: PdfDeflate.cpp.
class FastPageCompression
{
public:
    explicit FastPageCompression(bool on);
    ~FastPageCompression();
    FastPageCompression(const FastPageCompression &) = delete;
    FastPageCompression &operator=(const FastPageCompression &) = delete;

    /// How many compression streams were started at the fastest level in this process (for the tests: the
    /// override is in effect in this build).
    static int fastStreams();

private:
    bool m_was;
};

} // namespace cii::reports
