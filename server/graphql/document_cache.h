#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/graphql/prepared_document.h"

namespace fafnir::graphql {

// A least-recently-used cache of prepared documents keyed by query text. Thread-safe; lookups
// and inserts take one short lock.
class DocumentCache {
 public:
  // capacity 0: nothing is kept.
  explicit DocumentCache(std::size_t capacity) : capacity_(capacity) {}
  DocumentCache(const DocumentCache&) = delete;
  DocumentCache& operator=(const DocumentCache&) = delete;

  // The document cached for `query` (now the most recently used), or nullptr.
  std::shared_ptr<const PreparedDocument> find(std::string_view query);
  // Caches `document` for `query`, evicting the least recently used entry when full. Keeps the
  // existing entry if another thread inserted the same query first.
  void insert(std::string_view query, std::shared_ptr<const PreparedDocument> document);
  std::size_t size() const;

 private:
  struct Entry {
    std::string query;
    std::shared_ptr<const PreparedDocument> document;
  };

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // keys in entries_
};

}  // namespace fafnir::graphql
