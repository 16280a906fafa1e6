// Reading quantities in Arabic running text: «12», «ثلاثة عشر», «مئة وعشرون», «نحو 390»,
// «عنصرين» (dual), «مدنيين اثنين», and vague ones («عدد من», «عشرات»: no value).
//
//   marsad::number::NumberReader numbers(data_dir);          // reads data_dir/numbers/*.tsv
//   auto q = numbers.read_at(analysis.tokens, i, sentence.tok_end);
//   if (q && q->value) use(*q->value);                        // q->tok_end: one past the phrase
//
// Ordinals («الثالث») are not quantities; «أحد» alone («أحد قياديي») is not a number.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "number/forms.h"
#include "text/text.h"

namespace marsad::number {

struct Quantity {
  uint32_t tok_begin = 0, tok_end = 0;
  std::optional<long long> value;
  bool vague = false;  // «عدد من», «عشرات»: vague, no value
};

// A noun for people (data/numbers/person_nouns.tsv).
struct PersonNoun {
  int count = 0;  // 1 singular, 2 dual, 0 plural (no count by itself)
  bool civilian = false;
};

class NumberReader {
 public:
  // data_dir is the root data folder (the one holding numbers/). Throws marsad::LoadError naming file:line.
  explicit NumberReader(const std::filesystem::path& data_dir);

  // Read a quantity starting at token i (never reading at or past `end`): digits, number
  // words, an optional approximator before them, duals of known nouns, «<noun> اثنين»,
  // vague quantities. nullopt if there is none.
  std::optional<Quantity> read_at(const std::vector<text::Token>& toks, uint32_t i, uint32_t end) const;

  // The person noun a token is (with or without article or a leading و), or nullptr.
  const PersonNoun* person_noun(const text::Token& t) const;

 private:
  enum class Kind : uint8_t { Unit, Teen, TenWord, Tens, Hundred, Thousand, Thousands, Million, Millions };
  struct Word {
    long long value = 0;
    Kind kind = Kind::Unit;
  };
  const Word* word(const text::Token& t, bool allow_conj) const;
  std::optional<Quantity> read_words(const std::vector<text::Token>& toks, uint32_t i, uint32_t end) const;
  std::optional<Quantity> read_digits(const std::vector<text::Token>& toks, uint32_t i, uint32_t end) const;

  knowledge::KeyMap<Word> words_;
  knowledge::KeyMap<PersonNoun> persons_;
  PhraseSet vague_;
  PhraseSet approx_;
};

}  // namespace marsad::number
