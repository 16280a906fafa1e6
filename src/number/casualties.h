// Casualty counts per phrase: «مقتل 12 من عناصر …», «قتيل وجريحان», «إصابة مدني»,
// «سقوط 32 قتيلا ونحو مئة جريح», «7 عناصر قتلوا وجرح أربعة منهم», «لقي حتفه».
//
//   marsad::number::NumberReader numbers(data_dir);
//   marsad::number::CasualtyFinder casualties(data_dir, numbers);   // reads numbers/casualty_words.tsv
//   for (const auto& m : casualties.find(analysis)) … m.counts.killed …
//
// A mention covers one phrase; a killed phrase and an injured phrase joined by «و» or a comma
// («مقتل عنصر وإصابة 4») become one mention with both counts. Counts stay null when the text
// gives no number («عدد من», «عشرات», «مدنيين»). Attaching a mention to an event is the coder's job.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "marsad/types.h"
#include "number/forms.h"
#include "number/numbers.h"
#include "text/text.h"

namespace marsad::number {

struct CasualtyMention {
  uint32_t tok_begin = 0, tok_end = 0;  // the whole phrase
  uint32_t head = 0;                    // token index of the (first) casualty word
  uint32_t sentence = 0;
  marsad::Casualties counts;  // killed / injured / killed_civilians / injured_civilians
};

class CasualtyFinder {
 public:
  // `numbers` must outlive the finder. Throws marsad::LoadError naming file:line.
  CasualtyFinder(const std::filesystem::path& data_dir, const NumberReader& numbers);
  // `only`: when given, the sentences to read (true = read); the others are skipped.
  std::vector<CasualtyMention> find(const marsad::text::Analysis& a, const std::vector<bool>* only = nullptr) const;

 private:
  enum class Kind : uint8_t { Killed, Injured };
  enum class Pos : uint8_t { Noun, VerbPost, Counted };
  struct Word {
    Kind kind = Kind::Killed;
    Pos pos = Pos::Noun;
    int count = 0;  // counted words: 1, 2, 0 = plural
  };
  struct Head {
    const Word* word = nullptr;
    std::string suffix;  // enclitic pronoun after the word («ه», «هم»), if any
  };
  Head head_at(const text::Token& t) const;
  void read_phrase(const text::Analysis& a, uint32_t h, const Head& head, uint32_t sb, uint32_t se,
                   CasualtyMention& m) const;
  std::optional<Quantity> quantity_before(const text::Analysis& a, uint32_t h, uint32_t sb, uint32_t window,
                                          bool must_end_at_h) const;
  std::optional<int> civilians_in(const text::Analysis& a, const Quantity& q, uint32_t limit,
                                  std::optional<int> n) const;
  std::optional<int> civilians_after(const text::Analysis& a, uint32_t from, uint32_t se, std::optional<int> n,
                                     uint32_t& end) const;

  const NumberReader& numbers_;
  knowledge::KeyMap<Word> words_;
  knowledge::KeyFilter words_filter_;  // words_ keys: the pre-filter of head_at
  knowledge::KeyFilter key_filter_;    // every token key a head word can show as: the first test of head_at
  PhraseSet skip_;      // «على الأقل» and similar, skipped inside a count
  PhraseSet among_;     // «بينهم», «من بينهم»: introduces the civilians among the victims
};

// Sum of the counts of several mentions (null + n = n), e.g. per sentence or per event.
marsad::Casualties total(const std::vector<CasualtyMention>& mentions);

}  // namespace marsad::number
