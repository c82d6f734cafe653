#pragma once

#include <cstdint>
#include <random>

namespace fafnir {

// A well-spread 64-bit seed for stream `stream` of a run seeded with `seed` (SplitMix64 of both),
// so that agent k's generator is unrelated to agent k+1's and to the market's.
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t stream);

// A draw in [0, n) from `rng`, the same on every standard library (unlike the std::
// distributions). REQUIRES: n > 0.
std::uint64_t draw_below(std::mt19937_64& rng, std::uint64_t n);

}  // namespace fafnir
