// Linked into the fafnir binary only when it allocates with jemalloc, which reads this symbol at
// start-up (the MALLOC_CONF environment variable still overrides it).
//
// An order's lifecycle allocates and frees many small strings and nodes, on different threads and
// often in a different order. Larger per-thread caches, refilled and trimmed less often, make those
// allocations about 7% fewer instructions of a simulation (callgrind, `bench simulate`).
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's.
const char* malloc_conf =
    "tcache_nslots_small_max:4096,lg_tcache_nslots_mul:3,tcache_gc_incr_bytes:16777216";
}
