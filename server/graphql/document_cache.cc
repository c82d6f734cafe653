#include "server/graphql/document_cache.h"

namespace fafnir::graphql {

std::shared_ptr<const PreparedDocument> DocumentCache::find(std::string_view query) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = index_.find(query);
  if (found == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->document;
}

void DocumentCache::insert(std::string_view query,
                           std::shared_ptr<const PreparedDocument> document) {
  if (capacity_ == 0) return;
  Entry entry{std::string(query), std::move(document)};
  std::shared_ptr<const PreparedDocument> evicted;  // released outside the lock
  std::lock_guard<std::mutex> lock(mutex_);
  if (index_.count(query) > 0) return;
  if (entries_.size() >= capacity_) {
    index_.erase(entries_.back().query);
    evicted = std::move(entries_.back().document);
    entries_.pop_back();
  }
  entries_.push_front(std::move(entry));
  index_.emplace(entries_.front().query, entries_.begin());
}

std::size_t DocumentCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace fafnir::graphql
