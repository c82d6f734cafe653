#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/logger.h>

#include "core/platform/platform.h"

namespace fafnir {

// Keeps a serving platform moving in wall-clock time: every `tick`, the market takes in overrides
// and imports other nodes made (StockService::refresh()) and, while this process leads the
// market (Platform::leadership()), the engine reacts to the current prices and to any session
// close since the last tick; every node handles committed events. A node that takes the lead does
// not replay closes from before it led. poke() asks for the event handling sooner, e.g. after a
// request changed something; while events keep coming, rounds are a few milliseconds apart so
// that each handles a batch. Thread-safe.
class MarketDriver {
 public:
  // Borrows `platform`, which must outlive the driver.
  MarketDriver(Platform& platform, Duration tick, std::shared_ptr<spdlog::logger> log)
      : platform_(platform), tick_(tick), log_(std::move(log)) {}
  ~MarketDriver() { stop(); }

  // Starts the driver thread; session closes from now on are seen.
  void start();
  // Finishes the current round, handles what is left and joins the thread. Idempotent.
  void stop();
  void poke();

 private:
  void run(Timestamp last_tick);
  void round(Timestamp& last_tick);

  Platform& platform_;
  Duration tick_;
  std::shared_ptr<spdlog::logger> log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool leading_ = false;  // as of the last round; only the driver thread uses it
  bool poked_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace fafnir
