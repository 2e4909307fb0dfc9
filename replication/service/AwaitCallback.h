#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>

namespace cii::backupd {

/// Calls `start` with a callback and waits until that callback has been called, on whatever thread, then returns
/// what it was given: the waiting form of an API that answers later (BackupStore::appendAsync,
/// BackupService::handle with an Answer).
template <class T, class Start>
T awaitCallback(Start &&start)
{
    std::mutex lock;
    std::condition_variable given;
    std::optional<T> value;
    start([&](T v) {
        const std::lock_guard<std::mutex> guard(lock);
        value = std::move(v);
        given.notify_one();
    });
    std::unique_lock<std::mutex> wait(lock);
    given.wait(wait, [&] { return value.has_value(); });
    return std::move(*value);
}

} // namespace cii::backupd
