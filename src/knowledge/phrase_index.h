// A phrase matcher over tokens: where tokens become dictionary entries.
//
// Phrases (actor names, triggers, cues) are stored in a trie whose edges are
// word keys (text::dict_key of each dictionary word). A running-text token
// follows an edge when any of its keys (the word with clitics stripped off in
// several ways, see text::token_keys) equals the edge's word, so «وللمليشيات»
// matches the dictionary word «المليشيات». Quote tokens inside a phrase are
// skipped («مليشيا “الدفاع الوطني”»). Matching is linear in the number of
// tokens times the (small) number of live trie states.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/text.h"

namespace marsad::knowledge {

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

  size_t phrase_count() const { return phrases_; }
  // The words (dictionary keys) of a phrase, as stored.
  static std::vector<std::string> phrase_keys(std::string_view phrase);

 private:
  // The trie lives in one open-addressing table keyed by (node, word): a
  // token key is hashed once per step and probed once per live state, with
  // no allocation and no std::string built. A 64 Kbit signature filter of
  // the words (length, first and last byte) rejects most running-text keys
  // before they are hashed at all.
  struct Edge {
    uint64_t hash = 0;      // hash of the word
    uint32_t node = 0;      // parent
    uint32_t word = 0;      // index into words_
    uint32_t child = 0;     // 0 = empty slot (the root is never a child)
  };
  struct Node {
    std::vector<uint32_t> payloads;
  };
  static uint64_t hash_key(std::string_view s);
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
  std::vector<Node> nodes_{Node{}};  // node 0 is the root
  uint32_t max_len_ = 0;
  size_t phrases_ = 0;
};

}  // namespace marsad::knowledge
