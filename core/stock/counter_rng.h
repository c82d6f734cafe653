#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>

namespace fafnir {

// A counter-based random source: every draw is a pure function of (key, stream, a, b), so any
// draw can be made in any order, in any process, with the same result. Thread-safe (immutable).
class CounterRng {
 public:
  // The key of `name` (e.g. a symbol) under `seed`: FNV-1a of the name mixed with the seed.
  static CounterRng keyed(std::uint64_t seed, std::string_view name) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : name) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
    return CounterRng(mix(mix(seed) ^ hash));
  }

  explicit CounterRng(std::uint64_t key) : key_(key) {}

  std::uint64_t bits(std::uint64_t stream, std::int64_t a, std::int64_t b) const {
    return mix(mix(mix(key_ ^ stream) + static_cast<std::uint64_t>(a)) +
               static_cast<std::uint64_t>(b));
  }

  // Uniform in the open interval (0, 1).
  double uniform(std::uint64_t stream, std::int64_t a, std::int64_t b) const {
    return (static_cast<double>(bits(stream, a, b) >> 11) + 0.5) * 0x1.0p-53;
  }

  // Two independent standard normals (Box-Muller) from draws (a, 2b) and (a, 2b + 1).
  std::pair<double, double> normal_pair(std::uint64_t stream, std::int64_t a,
                                        std::int64_t b) const {
    double radius = std::sqrt(-2.0 * std::log(uniform(stream, a, 2 * b)));
    double angle = 6.283185307179586 * uniform(stream, a, 2 * b + 1);
    return {radius * std::cos(angle), radius * std::sin(angle)};
  }

  double normal(std::uint64_t stream, std::int64_t a, std::int64_t b) const {
    return normal_pair(stream, a, b).first;
  }

  // The splitmix64 finalizer.
  static std::uint64_t mix(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t key_;
};

}  // namespace fafnir
