#include "LingeringClose.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <sys/socket.h>
#include <system_error>
#include <unistd.h>

namespace cii::backupd {
namespace {

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace

LingeringClose::LingeringClose(Limits limits)
    : m_limits(limits)
{
}

LingeringClose::~LingeringClose()
{
    {
        const std::lock_guard<std::mutex> lock(m_lock);
        m_stopping = true;
    }
    m_taken.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    for (const Socket &s : m_sockets)
        ::close(s.fd);
}

void LingeringClose::take(int fd)
{
    ::shutdown(fd, SHUT_WR); // the answer is out: the client reads it, then the end of it
    std::unique_lock<std::mutex> lock(m_lock);
    if (m_stopping || int(m_sockets.size()) >= m_limits.maxSockets) {
        lock.unlock();
        ::close(fd);
        return;
    }
    if (!m_thread.joinable()) {
        try {
            m_thread = std::thread([this] { run(); });
        } catch (const std::system_error &) {
            lock.unlock();
            ::close(fd); // no thread to linger with: closed as without lingering
            return;
        }
    }
    const std::int64_t now = nowMs();
    m_sockets.push_back({fd, now + m_limits.lingerMs, now + m_limits.quietMs});
    lock.unlock();
    m_taken.notify_one();
}

void LingeringClose::run()
{
    std::vector<pollfd> polled;
    std::vector<char> dropped(64 * 1024);
    std::unique_lock<std::mutex> lock(m_lock);
    for (;;) {
        m_taken.wait(lock, [this] { return m_stopping || !m_sockets.empty(); });
        if (m_stopping)
            return;
        polled.clear();
        for (const Socket &s : m_sockets)
            polled.push_back({s.fd, POLLIN, 0});
        lock.unlock();
        // A short wait, so a socket taken meanwhile is polled soon and a deadline is kept to within it.
        ::poll(polled.data(), polled.size(), 50);
        std::vector<int> heard, finished;
        for (const pollfd &p : polled) {
            if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::recv(p.fd, dropped.data(), dropped.size(), MSG_DONTWAIT);
            if (n > 0)
                heard.push_back(p.fd);
            else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
                finished.push_back(p.fd); // the client closed, or the connection is gone
        }
        const std::int64_t now = nowMs();
        lock.lock();
        for (auto it = m_sockets.begin(); it != m_sockets.end();) {
            const bool done = std::find(finished.begin(), finished.end(), it->fd) != finished.end();
            if (std::find(heard.begin(), heard.end(), it->fd) != heard.end())
                it->quietUntilMs = now + m_limits.quietMs;
            if (done || now >= it->untilMs || now >= it->quietUntilMs) {
                ::close(it->fd);
                it = m_sockets.erase(it);
            } else {
                ++it;
            }
        }
    }
}

} // namespace cii::backupd
