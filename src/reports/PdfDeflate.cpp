// zlib's deflateInit (a macro for deflateInit_) starts a compression stream at the level asked for; Qt's PDF
// writer asks for the default. This file defines deflateInit_ itself. Linked into the program (ReportPdf.cpp
// uses FastPageCompression, which pulls this object out of the static library), it is the definition the
// dynamic linker binds every call to, Qt's included. It does exactly what zlib's own does (deflateInit2_ with
// zlib's defaults for the window and memory), with the fastest level on a thread inside a FastPageCompression.
// Where Qt carries its own zlib the override never runs and nothing changes but the time (tst_reports checks
// that it runs here).
#include "PdfDeflate.h"

#include <atomic>
#include <zlib.h>

namespace cii::reports {

namespace {
thread_local bool t_fast = false;
std::atomic<int> g_fastStreams{0};
constexpr int kZlibDefaultMemLevel = 8; // zlib's DEF_MEM_LEVEL, which its deflateInit_ passes
} // namespace

FastPageCompression::FastPageCompression(bool on) : m_was(t_fast)
{
    t_fast = on;
}

FastPageCompression::~FastPageCompression()
{
    t_fast = m_was;
}

int FastPageCompression::fastStreams()
{
    return g_fastStreams.load();
}

} // namespace cii::reports

extern "C" int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
    if (cii::reports::t_fast) {
        level = Z_BEST_SPEED;
        ++cii::reports::g_fastStreams;
    }
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, cii::reports::kZlibDefaultMemLevel, Z_DEFAULT_STRATEGY, version,
                         stream_size);
}
