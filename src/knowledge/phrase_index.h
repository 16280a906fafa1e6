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

// The word-key hash of the text layer (every token key carries it).
using text::hash_key;
using text::HashedKey;

// Transparent hash for maps and sets of word keys, so running-text keys
// (std::string_view, std::string) are looked up without building a string.
struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return static_cast<size_t>(hash_key(s)); }
  // A token key hashed once by the text layer.
  size_t operator()(const HashedKey& k) const noexcept { return static_cast<size_t>(k.hash); }
};
template <class V>
using KeyMap = std::unordered_map<std::string, V, KeyHash, std::equal_to<>>;
using KeySet = std::unordered_set<std::string, KeyHash, std::equal_to<>>;

// The two bits a hash sets in a blocked Bloom filter: both in one 64-bit
// word, so a test reads one word (one cache line), not two.
inline uint64_t bloom_bits(uint64_t h) { return (uint64_t{1} << ((h >> 52) & 63)) | (uint64_t{1} << (h >> 58)); }
inline size_t bloom_word(uint64_t h, size_t words) { return static_cast<size_t>(h >> 12) & (words - 1); }

// A blocked Bloom filter of word keys (16 bits a key, two bits in one word):
// a cache-friendly "certainly not in the table" before a look-up on a hot path.
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
    for (const auto& k : keys) add(key_of(k));
  }
  void add(std::string_view key) {
    const uint64_t h = hash_key(key);
    bits_[bloom_word(h, bits_.size())] |= bloom_bits(h);
  }
  // Bits in the filter (0 before build): rebuild when keys * 16 exceed it.
  size_t capacity() const { return bits_.size() * 64; }
  bool maybe(std::string_view key) const { return maybe_hash(hash_key(key)); }
  bool maybe(const HashedKey& key) const { return maybe_hash(key.hash); }
  bool maybe_hash(uint64_t h) const {
    if (bits_.empty()) return false;
    const uint64_t b = bloom_bits(h);
    return (bits_[bloom_word(h, bits_.size())] & b) == b;
  }

 private:
  static std::string_view key_of(const std::string& k) { return k; }
  template <class V>
  static std::string_view key_of(const std::pair<const std::string, V>& kv) {
    return kv.first;
  }
  std::vector<uint64_t> bits_;
};

// A flat open-addressing table from word keys to a number, looked up by the
// key's hash alone (as in the phrase index, a 64-bit hash identifies a word
// among a dictionary's), with no string compared and no pointer followed.
class KeyNumbers {
 public:
  template <class Map>
  void build(const Map& words) {  // words: key → number (0 means absent)
    size_t n = 1;
    while (n < 2 * words.size() + 2) n *= 2;
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    for (const auto& [k, v] : words) {
      const uint64_t h = hash_key(k) | 1u;
      size_t i = (h >> 7) & mask_;
      while (slots_[i].hash != 0 && slots_[i].hash != h) i = (i + 1) & mask_;
      slots_[i] = Slot{h, static_cast<uint32_t>(v)};
    }
  }
  uint32_t get(uint64_t hash) const {
    if (slots_.empty()) return 0;
    const uint64_t h = hash | 1u;
    for (size_t i = (h >> 7) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].hash == h) return slots_[i].value;
      if (slots_[i].hash == 0) return 0;
    }
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t value = 0;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
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

  // False when no phrase can start at this token (a Bloom filter of first
  // words over its keys): the cheap test before match_at.
  bool may_start(const text::Token& t) const {
    for (size_t k = 0; k < t.keys.size(); ++k)
      if (maybe_hash(t.keys.hash(k) | 1u)) return true;
    return false;
  }

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
  // token key's hash (computed once by the text layer) is probed once per
  // live state, with no allocation and no std::string built; a blocked Bloom
  // filter of the first words rejects most running-text keys before the table.
  // One edge is all that matching reads of a step: the parent, the word's
  // hash, the child, and what the child holds — its payloads (the first
  // inline: most nodes have one) and a 64-bit Bloom filter of its own
  // children's words (two bits a word), so that the next step probes the
  // table only for words that may continue the phrase.
  struct Edge {
    uint64_t hash = 0;         // hash of the word
    uint64_t child_bloom = 0;  // the child's children
    uint32_t node = 0;         // parent
    uint32_t child = 0;        // 0 = empty slot (the root is never a child)
    uint32_t pay0 = 0;         // the child's first payload (the others: nodes_[child].payloads)
    uint32_t npay = 0;         // the child's number of payloads
  };
  struct Node {
    std::vector<uint32_t> payloads;
    uint64_t child_bloom = 0;
    uint64_t in_hash = 0;  // the edge that leads here: parent and word
    uint32_t parent = 0;
    uint32_t word = 0;
  };
  static uint64_t child_bits(uint64_t h) { return bloom_bits(h); }  // one word: the node's whole filter
  static bool child_maybe(uint64_t bloom, uint64_t h) {
    const uint64_t b = child_bits(h);
    return (bloom & b) == b;
  }
  static size_t slot_of(uint64_t hash, uint32_t node) {
    uint64_t h = hash ^ (uint64_t{node} * 0x9E3779B97F4A7C15ull);
    h ^= h >> 29;
    return static_cast<size_t>(h);
  }
  // Whether a word may start a phrase (a Bloom filter of the root's children).
  bool maybe_hash(uint64_t h) const {
    const uint64_t b = bloom_bits(h);
    return (bloom_[bloom_word(h, bloom_.size())] & b) == b;
  }
  void bloom_add(uint64_t h) { bloom_[bloom_word(h, bloom_.size())] |= bloom_bits(h); }
  // Child of `node` along the word with hash `h`, 0 when none.
  uint32_t child(uint32_t node, uint64_t h) const { return edge(node, h).child; }
  const Edge& edge(uint32_t node, uint64_t h) const {
    static const Edge kNone{};
    const size_t mask = edges_.size() - 1;
    for (size_t i = slot_of(h, node) & mask;; i = (i + 1) & mask) {
      const Edge& e = edges_[i];
      if (e.child == 0) return kNone;
      if (e.hash == h && e.node == node) return e;
    }
  }
  // Copy what node `n` holds into the edge that leads to it.
  void sync(uint32_t n);
  uint32_t intern(const std::string& key);
  uint32_t add_edge(uint32_t node, const std::string& key);
  void grow();

  std::vector<std::string> words_;
  std::unordered_map<std::string, uint32_t> word_ids_;  // build time only
  std::vector<Edge> edges_ = std::vector<Edge>(64);     // power of two, at most half full
  size_t edge_count_ = 0;
  std::vector<uint64_t> bloom_ = std::vector<uint64_t>(16);     // first words; power of two words
  uint64_t bloom_mask_ = 16 * 64 - 1;                           // bits - 1
  std::vector<Node> nodes_{Node{}};  // node 0 is the root
  size_t root_children_ = 0;
  uint32_t max_len_ = 0;
  size_t phrases_ = 0;
};

}  // namespace marsad::knowledge
