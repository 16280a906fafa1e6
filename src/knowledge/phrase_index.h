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
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Node {
    std::vector<uint32_t> payloads;
  };
  uint32_t word_id(std::string_view key) const;  // UINT32_MAX when unknown
  uint32_t intern(const std::string& key);
  static uint64_t edge_key(uint32_t node, uint32_t word) { return (uint64_t{node} << 32) | word; }

  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> words_;
  std::unordered_map<uint64_t, uint32_t> edges_;
  std::vector<Node> nodes_{Node{}};  // node 0 is the root
  uint32_t max_len_ = 0;
  size_t phrases_ = 0;
};

}  // namespace marsad::knowledge
