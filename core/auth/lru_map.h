#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace fafnir {

// A map from strings to `Value` holding at most `capacity` entries: inserting into a full map
// drops the least recently used entry. Capacity 0 holds nothing. Owns copies of its keys and
// values. Not thread-safe: callers serialize every call, find() included (it reorders entries).
template <typename Value>
class LruMap {
 public:
  explicit LruMap(std::size_t capacity) : capacity_(capacity) {}
  LruMap(const LruMap&) = delete;
  LruMap& operator=(const LruMap&) = delete;

  // The value kept for `key`, now the most recently used; nullptr when none. The pointer is valid
  // until the map is next changed.
  Value* find(std::string_view key) {
    auto found = index_.find(key);
    if (found == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, found->second);
    return &found->second->value;
  }

  // Keeps `value` for `key` as the most recently used entry, replacing any value it had.
  void put(std::string_view key, Value value) {
    if (capacity_ == 0) return;
    if (Value* existing = find(key)) {
      *existing = std::move(value);
      return;
    }
    if (entries_.size() >= capacity_) {
      index_.erase(entries_.back().key);
      entries_.pop_back();
    }
    entries_.push_front(Entry{std::string(key), std::move(value)});
    index_.emplace(entries_.front().key, entries_.begin());
  }

  void erase(std::string_view key) {
    auto found = index_.find(key);
    if (found == index_.end()) return;
    const auto entry = found->second;
    index_.erase(found);
    entries_.erase(entry);
  }

  // Erases every entry whose value satisfies `predicate`.
  template <typename Predicate>
  void erase_if(Predicate predicate) {
    for (auto entry = entries_.begin(); entry != entries_.end();) {
      if (predicate(std::as_const(entry->value))) {
        index_.erase(entry->key);
        entry = entries_.erase(entry);
      } else {
        ++entry;
      }
    }
  }

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string key;
    Value value;
  };

  const std::size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, typename std::list<Entry>::iterator> index_;  // keys in entries_
};

}  // namespace fafnir
