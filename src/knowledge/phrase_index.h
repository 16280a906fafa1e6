// A phrase matcher over tokens: where tokens become dictionary entries.
//
// Phrases (actor names, triggers, cues) are stored in a trie whose edges are
// word keys (text::dict_key of each dictionary word). A running-text token
// follows an edge when any of its keys (the word with clitics stripped off in
// several ways, see text::token_keys) equals the edge's word, so «وللمليشيات»
// matches the dictionary word «المليشيات». Quote tokens inside a phrase are
// skipped («مليشيا “الدفاع الوطني”»). Matching is linear in the number of
// tokens times the (small) number of live trie states.
//
// KeyHash / KeyMap / KeySet / KeyFilter: the same fast hashing for other
// modules' word tables (gazetteer, dates, numbers), looked up with
// std::string_view, with a Bloom filter in front of the hottest ones.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "text/text.h"

namespace marsad::knowledge {

// A fast hash for word keys (short UTF-8 strings, usually 4–20 bytes).
inline uint64_t hash_key(std::string_view s) noexcept {
  // Keys are short (an Arabic word is 6–20 bytes): two overlapping 8-byte
  // loads cover up to 16 bytes, longer keys are folded in 8-byte steps.
  constexpr uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xC2B2AE3D27D4EB4Full;
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    size_t i = 0;
    for (; i + 16 < n; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      a = std::rotl((a ^ w) * k1, 27);
    }
    uint64_t x, y;
    std::memcpy(&x, p + i, 8);
    std::memcpy(&y, p + n - 8, 8);
    a ^= x;
    b = y;
  } else if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    a = x;
    b = y;
  } else if (n > 0) {
    a = static_cast<uint64_t>(static_cast<uint8_t>(p[0])) | (uint64_t{static_cast<uint8_t>(p[n / 2])} << 8) |
        (uint64_t{static_cast<uint8_t>(p[n - 1])} << 16);
  }
  uint64_t h = (a * k1) ^ std::rotl(b * k2, 31) ^ (n * k2);
  h ^= h >> 32;
  h *= k1;
  h ^= h >> 29;
  return h;
}

// Transparent hash for maps and sets of word keys, so running-text keys
// (std::string_view, std::string) are looked up without building a string.
struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return static_cast<size_t>(hash_key(s)); }
};
template <class V>
using KeyMap = std::unordered_map<std::string, V, KeyHash, std::equal_to<>>;
using KeySet = std::unordered_set<std::string, KeyHash, std::equal_to<>>;

// A Bloom filter of word keys (16 bits a key, two probes): a cache-friendly
// "certainly not in the table" before a hash-map lookup on a hot path.
class KeyFilter {
 public:
  template <class Range>
  void build(const Range& keys) {
    size_t n = 0;
    for (const auto& k : keys) {
      (void)k;
      ++n;
    }
    size_t words = 1;
    while (words * 64 < n * 16) words *= 2;
    bits_.assign(words, 0);
    mask_ = words * 64 - 1;
    for (const auto& k : keys) add(key_of(k));
  }
  void add(std::string_view key) {
    const uint64_t h = hash_key(key);
    set(h & mask_);
    set((h >> 40) & mask_);
  }
  // Bits in the filter (0 before build): rebuild when keys * 16 exceed it.
  size_t capacity() const { return bits_.size() * 64; }
  bool maybe(std::string_view key) const {
    if (bits_.empty()) return false;
    const uint64_t h = hash_key(key);
    return test(h & mask_) && test((h >> 40) & mask_);
  }

 private:
  static std::string_view key_of(const std::string& k) { return k; }
  template <class V>
  static std::string_view key_of(const std::pair<const std::string, V>& kv) {
    return kv.first;
  }
  void set(uint64_t b) { bits_[b >> 6] |= uint64_t{1} << (b & 63); }
  bool test(uint64_t b) const { return (bits_[b >> 6] >> (b & 63)) & 1u; }
  std::vector<uint64_t> bits_;
  uint64_t mask_ = 0;
};

struct PhraseMatch {
  uint32_t tok_begin = 0;  // first token
  uint32_t tok_end = 0;    // one past the last token
  uint32_t payload = 0;    // what the caller stored with the phrase
};

class PhraseIndex {
 public:
  // Adds a phrase written in ordinary Arabic; returns false when it has no
  // word or number in it. The same phrase may carry several payloads.
  bool add(std::string_view phrase, uint32_t payload);

  // Matches starting exactly at token `i` (not beyond `end`), appended to
  // `out` longest first.
  void match_at(const std::vector<text::Token>& tokens, uint32_t i, uint32_t end,
                std::vector<PhraseMatch>& out) const;

  // All matches starting anywhere in [begin, end), in order of start, longest first.
  void find_all(const std::vector<text::Token>& tokens, uint32_t begin, uint32_t end,
                std::vector<PhraseMatch>& out) const;

  // Leftmost-longest non-overlapping matches in [begin, end).
  void find_longest(const std::vector<text::Token>& tokens, uint32_t begin, uint32_t end,
                    std::vector<PhraseMatch>& out) const;

  // Adds a phrase given as its dictionary keys, as phrase_keys() returns them.
  bool add_keys(const std::vector<std::string>& keys, uint32_t payload);

  // Calls f(keys, payloads) for every phrase stored (to build a merged index).
  void for_each_phrase(
      const std::function<void(const std::vector<std::string>&, const std::vector<uint32_t>&)>& f) const;

  size_t phrase_count() const { return phrases_; }
  // The words (dictionary keys) of a phrase, as stored.
  static std::vector<std::string> phrase_keys(std::string_view phrase);

 private:
  // The trie lives in one open-addressing table keyed by (node, word): a
  // token key is hashed once per step and probed once per live state, with
  // no allocation and no std::string built. A 64 Kbit signature filter of
  // the words (length, first and last byte) rejects most running-text keys
  // before they are hashed at all, and a Bloom filter (16 bits a word, two
  // probes, small enough for the cache) most of the rest before the table.
  struct Edge {
    uint64_t hash = 0;      // hash of the word
    uint32_t node = 0;      // parent
    uint32_t word = 0;      // index into words_
    uint32_t child = 0;     // 0 = empty slot (the root is never a child)
  };
  struct Node {
    std::vector<uint32_t> payloads;
  };
  static uint32_t signature(std::string_view s);
  static size_t slot_of(uint64_t hash, uint32_t node) {
    uint64_t h = hash ^ (uint64_t{node} * 0x9E3779B97F4A7C15ull);
    h ^= h >> 29;
    return static_cast<size_t>(h);
  }
  bool maybe_word(std::string_view key) const {
    const uint32_t sig = signature(key);
    return (filter_[sig >> 6] >> (sig & 63)) & 1u;
  }
  bool maybe_hash(uint64_t h) const {
    const uint64_t m = bloom_mask_;
    const uint64_t b1 = h & m, b2 = (h >> 40) & m;
    return ((bloom_[b1 >> 6] >> (b1 & 63)) & (bloom_[b2 >> 6] >> (b2 & 63)) & 1u) != 0;
  }
  void bloom_add(uint64_t h) {
    const uint64_t b1 = h & bloom_mask_, b2 = (h >> 40) & bloom_mask_;
    bloom_[b1 >> 6] |= uint64_t{1} << (b1 & 63);
    bloom_[b2 >> 6] |= uint64_t{1} << (b2 & 63);
  }
  // Child of `node` along `key` (with hash `h`), 0 when none.
  uint32_t child(uint32_t node, std::string_view key, uint64_t h) const {
    const size_t mask = edges_.size() - 1;
    for (size_t i = slot_of(h, node) & mask;; i = (i + 1) & mask) {
      const Edge& e = edges_[i];
      if (e.child == 0) return 0;
      if (e.hash == h && e.node == node && words_[e.word] == key) return e.child;
    }
  }
  uint32_t intern(const std::string& key);
  uint32_t add_edge(uint32_t node, const std::string& key);
  void grow();

  std::vector<std::string> words_;
  std::unordered_map<std::string, uint32_t> word_ids_;  // build time only
  std::vector<Edge> edges_ = std::vector<Edge>(64);     // power of two, at most half full
  size_t edge_count_ = 0;
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(1024);  // 65,536 bits
  std::vector<uint64_t> bloom_ = std::vector<uint64_t>(16);     // power of two words
  uint64_t bloom_mask_ = 16 * 64 - 1;                           // bits - 1
  std::vector<Node> nodes_{Node{}};  // node 0 is the root
  uint32_t max_len_ = 0;
  size_t phrases_ = 0;
};

}  // namespace marsad::knowledge
