#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/logger.h>

#include "core/platform/platform.h"

namespace fafnir {

// Keeps a serving platform moving in wall-clock time: every `tick` the engine reacts to the
// current prices (and to any session close since the last tick), then committed events are
// handled; poke() asks for that handling sooner, e.g. after a request changed something.
// Thread-safe.
class MarketDriver {
 public:
  // Borrows `platform`, which must outlive the driver.
  MarketDriver(Platform& platform, Duration tick, std::shared_ptr<spdlog::logger> log)
      : platform_(platform), tick_(tick), log_(std::move(log)) {}
  ~MarketDriver() { stop(); }

  void start();
  // Finishes the current round, handles what is left and joins the thread. Idempotent.
  void stop();
  void poke();

 private:
  void run();
  void round(Timestamp& last_tick);

  Platform& platform_;
  Duration tick_;
  std::shared_ptr<spdlog::logger> log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace fafnir
