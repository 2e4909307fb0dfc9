#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace cii::backupd {

/// Closes the connections answered before their body was read (a 413 for a body declared far over the limit)
/// the way web servers do ("lingering close"), so that the client sees the answer. A socket closed while the
/// client's body still arrives makes the kernel send a reset, and a client that is still writing, as most are
/// until their body is out, loses the answer to it. Here the socket stays open after libmicrohttpd closes its own
/// descriptor (take() is given a duplicate): what arrives is read and dropped, never kept, until the client
/// closes, nothing arrives for `quietMs`, or `lingerMs` have passed; then it is closed.
///
/// Thread-safe. One thread of its own, started with the first socket taken.
class LingeringClose
{
public:
    struct Limits
    {
        int maxSockets = 64;    ///< more at once are closed at once (a reset, as without lingering)
        int lingerMs = 5000;    ///< the longest a socket lingers
        int quietMs = 1000;     ///< a socket on which nothing arrives for this long is closed
    };
    explicit LingeringClose(Limits limits);
    /// Closes every socket still lingering, at once.
    ~LingeringClose();
    LingeringClose(const LingeringClose &) = delete;
    LingeringClose &operator=(const LingeringClose &) = delete;

    /// Takes `fd` (its owner now): its sending side is shut (the answer is out), then it lingers as above.
    void take(int fd);

private:
    struct Socket
    {
        int fd;
        std::int64_t untilMs, quietUntilMs;
    };
    void run();

    const Limits m_limits;
    std::mutex m_lock;
    std::condition_variable m_taken;
    std::vector<Socket> m_sockets;
    std::thread m_thread;
    bool m_stopping = false;
};

} // namespace cii::backupd
