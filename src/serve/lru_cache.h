// A least-recently-used cache bounded by an estimate of the bytes its values
// hold (issue 8: the dashboard's per-filter result cache must not let the
// server's memory grow under load). Not thread-safe: the caller locks.
//
//   marsad::serve::LruCache<std::string, Events> c(256 << 20);
//   c.put(key, events, approx_bytes);          // evicts the oldest to fit
//   if (auto hit = c.get(key)) use(*hit);      // shared_ptr; survives eviction
//
// A value larger than the whole budget is not kept (put returns false).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <unordered_map>
#include <utility>

namespace marsad::serve {

template <class Key, class Value>
class LruCache {
 public:
  explicit LruCache(size_t budget_bytes) : budget_(budget_bytes) {}

  std::shared_ptr<const Value> get(const Key& key) {
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second.at);
    return it->second.value;
  }

  // Keeps `value` (estimated at `bytes`, key included) unless it alone exceeds the budget.
  bool put(const Key& key, std::shared_ptr<const Value> value, size_t bytes) {
    erase(key);
    if (bytes > budget_) return false;
    while (!order_.empty() && used_ + bytes > budget_) erase(order_.back());
    order_.push_front(key);
    map_.emplace(key, Entry{std::move(value), bytes, order_.begin()});
    used_ += bytes;
    return true;
  }

  void erase(const Key& key) {
    auto it = map_.find(key);
    if (it == map_.end()) return;
    used_ -= it->second.bytes;
    order_.erase(it->second.at);
    map_.erase(it);
  }

  void clear() {
    map_.clear();
    order_.clear();
    used_ = 0;
  }

  size_t size() const { return map_.size(); }
  size_t bytes() const { return used_; }
  size_t budget() const { return budget_; }

 private:
  struct Entry {
    std::shared_ptr<const Value> value;
    size_t bytes = 0;
    typename std::list<Key>::iterator at;
  };
  size_t budget_;
  size_t used_ = 0;
  std::list<Key> order_;  // most recently used first
  std::unordered_map<Key, Entry> map_;
};

}  // namespace marsad::serve
