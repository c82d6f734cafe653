#include "bench/trigger_bench.h"

#include <dlfcn.h>
#include <malloc.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/engine/trigger_index.h"

namespace fafnir {
namespace {

constexpr std::size_t kSymbols = 40;
constexpr std::int64_t kCent = 10'000;
constexpr std::int64_t kMarketCents = 100 * 100;  // 100.00

// Bytes allocated on the heap, from whichever allocator the process runs on: jemalloc (the fafnir
// binary links it, and glibc's counters then stay at zero), the sanitizers' allocator, else glibc.
std::size_t heap_in_use() {
  using Mallctl = int (*)(const char*, void*, std::size_t*, void*, std::size_t);
  static const auto mallctl = reinterpret_cast<Mallctl>(dlsym(RTLD_DEFAULT, "mallctl"));
  if (mallctl != nullptr) {
    std::uint64_t epoch = 1;
    std::size_t epoch_size = sizeof epoch;
    std::size_t allocated = 0;
    std::size_t allocated_size = sizeof allocated;
    if (mallctl("epoch", &epoch, &epoch_size, &epoch, epoch_size) == 0 &&
        mallctl("stats.allocated", &allocated, &allocated_size, nullptr, 0) == 0) {
      return allocated;
    }
  }
  using SanitizerCount = std::size_t (*)();
  static const auto sanitizer_allocated = reinterpret_cast<SanitizerCount>(
      dlsym(RTLD_DEFAULT, "__sanitizer_get_current_allocated_bytes"));
  if (sanitizer_allocated != nullptr) return sanitizer_allocated();
  return mallinfo2().uordblks;
}

OrderKey key_for(std::size_t n) {
  OrderKey key;
  for (std::size_t i = 0; i < 8; ++i) key.bytes[i] = static_cast<std::uint8_t>(n >> (8 * i));
  key.bytes[8] = 0x40;
  return key;
}

}  // namespace

Result<TriggerBenchResult> run_trigger_bench(std::size_t resting_orders, std::size_t ticks) {
  if (resting_orders == 0 || ticks == 0) {
    return Status::InvalidArgument("resting orders and ticks must be positive");
  }
  std::vector<std::string> symbols;
  for (std::size_t i = 0; i < kSymbols; ++i) symbols.push_back("SYM" + std::to_string(i));

  std::size_t heap_before = heap_in_use();
  TriggerIndex index;
  for (std::size_t n = 0; n < resting_orders; ++n) {
    bool buy = n % 2 == 0;
    std::int64_t offset_cents = 500 + static_cast<std::int64_t>(n % 4000);  // 5.00 .. 44.99 away
    std::int64_t cents = buy ? kMarketCents - offset_cents : kMarketCents + offset_cents;
    TriggerDirection direction = buy ? TriggerDirection::kAtOrBelow : TriggerDirection::kAtOrAbove;
    FAFNIR_RETURN_IF_ERROR(
        index.add(symbols[n % kSymbols], direction, Price::from_micros(cents * kCent), key_for(n)));
  }
  std::size_t heap_after = heap_in_use();

  std::size_t crossed = 0;
  auto start = std::chrono::steady_clock::now();
  for (std::size_t t = 0; t < ticks; ++t) {
    std::int64_t cents = kMarketCents - 400 + static_cast<std::int64_t>(t % 800);  // 96.00..103.99
    Result<std::vector<OrderKey>> woken =
        index.take_crossed(symbols[t % kSymbols], Price::from_micros(cents * kCent));
    if (!woken.ok()) return woken.status();
    crossed += woken->size();
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (crossed != 0) return Status::Internal("benchmark ticks crossed resting orders");

  if (heap_after <= heap_before) {
    return Status::Internal("cannot measure heap use: the allocator's counters did not grow");
  }

  TriggerBenchResult result;
  FAFNIR_ASSIGN_OR_RETURN(result.resting_orders, index.size());
  result.ticks = ticks;
  result.ticks_per_second = static_cast<double>(ticks) / elapsed.count();
  result.bytes_per_resting_order =
      static_cast<double>(heap_after - heap_before) / static_cast<double>(resting_orders);
  return result;
}

}  // namespace fafnir
