#include "server/market_driver.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

namespace fafnir {
namespace {

// After a round that handled events, the driver waits this long (ignoring pokes) before the next:
// a round's commits (relay, consumer cursors, settlement) cost about the same for one event as
// for a hundred, so under load each round takes a bigger batch for the same fixed cost. An idle
// driver still answers a poke at once.
constexpr auto kBusyRoundPause = std::chrono::milliseconds(3);

void log_failure(spdlog::logger& log, std::string_view what, const Status& status) {
  if (status.ok()) return;
  log.error(nlohmann::json{{"event", what}, {"reason", status.to_string()}}.dump());
}

}  // namespace

void MarketDriver::start() {
  Timestamp last_tick = platform_.clock().now();
  thread_ = std::thread([this, last_tick] { run(last_tick); });
}

void MarketDriver::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MarketDriver::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

void MarketDriver::run(Timestamp last_tick) {
  auto next_tick = std::chrono::steady_clock::now();
  while (true) {
    bool ticking = std::chrono::steady_clock::now() >= next_tick;
    if (ticking) {
      round(last_tick);
      next_tick = std::chrono::steady_clock::now() + tick_;
    }
    Result<std::size_t> settled = platform_.settle_round();
    log_failure(*log_, "settle failed", settled.status());
    bool idle = !settled.ok() || *settled == 0;
    std::unique_lock lock(mutex_);
    if (stopping_) break;
    if (idle) {
      wake_.wait_until(lock, next_tick, [this] { return poked_ || stopping_; });
    } else {
      wake_.wait_until(lock,
                       std::min(next_tick, std::chrono::steady_clock::now() + kBusyRoundPause),
                       [this] { return stopping_; });
    }
    poked_ = false;
  }
  log_failure(*log_, "final settle failed", platform_.settle().status());
}

void MarketDriver::round(Timestamp& last_tick) {
  Timestamp now = platform_.clock().now();
  log_failure(*log_, "market refresh failed", platform_.stock().refresh().status());
  Result<bool> held = platform_.leadership().hold_or_take();
  log_failure(*log_, "market leadership check failed", held.status());
  bool leading = held.ok() && *held;
  if (leading != leading_) {
    log_->info(nlohmann::json{{"event", leading ? "took the market lead" : "lost the market lead"}}
                   .dump());
    leading_ = leading;
  }
  if (leading) {
    log_failure(*log_, "market tick failed", platform_.engine().on_market_moved());
    if (platform_.stock().calendar().next_close(last_tick) <= now) {
      log_failure(*log_, "session close failed", platform_.engine().on_session_closed());
    }
  }
  last_tick = now;
}

}  // namespace fafnir
