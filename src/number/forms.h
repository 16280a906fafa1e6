// Word forms and a small phrase matcher shared by the number, casualty and date readers.
//
// The readers look at running-text tokens in a few forms:
//   norm       the folded token as written («والاثنين»)
//   no_conj    without a leading conjunction و/ف («الاثنين»)
//   bare       also without a preposition ب/ل/ك before the article («بالأمس» → «الامس»)
//   stem       also without the article («امس»)
// A PhraseSet holds word sequences (already folded) with an integer payload and
// returns the longest one starting at a token.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "knowledge/phrase_index.h"
#include "text/text.h"

namespace marsad::number {

// Number of code points in a UTF-8 string.
size_t letter_count(std::string_view s);

// Drop one leading و or ف when at least three letters remain.
std::string_view strip_conjunction(std::string_view w);

// strip_conjunction, then drop ب/ل/ك before the article ("بالأمس" -> "الامس",
// "لليوم" -> "اليوم"). Keeps the article.
std::string bare_form(std::string_view w);
// bare_form without allocating: a view into `w`, or into `scratch` when the
// form had to be rebuilt («لل…» → «ال…»).
std::string_view bare_view(std::string_view w, std::string& scratch);

// Drop a leading article when at least two letters remain.
std::string_view strip_article(std::string_view w);

// True for a token made only of ASCII digits (and , . separators inside).
bool is_digits(std::string_view w);

enum class Match : uint8_t {
  Strict,  // first word: norm, no_conj, bare; other words: norm
  Loose,   // first word also stem and every key; other words also without article
};

class PhraseSet {
 public:
  // Add a phrase given as written: folded, split on spaces. Later duplicates overwrite.
  void add(std::string_view phrase, int payload);
  bool empty() const { return by_first_.empty(); }

  struct Hit {
    uint32_t end = 0;  // one past the last token of the phrase
    int payload = 0;
  };
  // Longest phrase starting at token i (words must be Word tokens; phrases never cross `end`).
  std::optional<Hit> match(const std::vector<text::Token>& toks, uint32_t i, uint32_t end,
                           Match mode = Match::Strict) const;

  // True when some phrase starts with exactly the folded word `w`.
  bool has_first(std::string_view w) const { return first_filter_.maybe(w) && by_first_.contains(w); }

  // Add every phrase's first word to `out`.
  template <class Set>
  void first_words(Set& out) const {
    for (const auto& [w, entries] : by_first_) out.insert(w);
  }

  // True when the one-word phrase `t` is in the set (strict forms).
  bool contains(const text::Token& t) const;

 private:
  struct Entry {
    std::vector<std::string> rest;  // words after the first
    int payload = 0;
  };
  knowledge::KeyMap<std::vector<Entry>> by_first_;
  knowledge::KeyFilter first_filter_;  // Bloom filter of by_first_ keys
};

}  // namespace marsad::number
