#include "sim/seeded_random.h"

namespace fafnir {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t stream) {
  return splitmix64(splitmix64(seed) ^ stream);
}

std::uint64_t draw_below(std::mt19937_64& rng, std::uint64_t n) {
  // Rejection keeps the draw unbiased: discard the top partial range of 2^64 mod n values.
  std::uint64_t limit = -n % n;  // 2^64 mod n
  std::uint64_t x = rng();
  while (x < limit) x = rng();
  return x % n;
}

}  // namespace fafnir
