// Finding and resolving date expressions in Arabic news: «ليل الاثنين», «أمس السبت»,
// «فجر اليوم», «الأسبوع الماضي», «منتصف الشهر الجاري», «3 آب 2021», «الثالث من آب»,
// «2021/8/3», «عام 2017» — resolved against the document's publication date, never today.
//
//   marsad::dates::DateFinder dates(data_dir);   // reads data_dir/time/*.tsv and data_dir/numbers/*.tsv
//   for (const auto& m : dates.find(analysis, doc.text, doc.date)) { m.date.value, m.date.precision … }
//
// A relative expression with no publication date keeps its text and precision and has an
// empty value. Words and names live in data/time/*.tsv (see data/README-time.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "marsad/types.h"
#include "number/forms.h"
#include "number/numbers.h"
#include "text/text.h"

namespace marsad::dates {

struct DateMention {
  uint32_t tok_begin = 0, tok_end = 0;  // token range
  uint32_t sentence = 0;                // index into Analysis::sentences
  marsad::Date date;  // value (ISO, first day of period) or empty if unresolved; precision; text as written; span
  // Background history, not a reported event's date: after «منذ» («منذ عام 2017»), or a
  // period that ended more than a year before publication («في عام 2012» in a 2021 article).
  bool background = false;
};

class DateFinder {
 public:
  // data_dir is the root data folder (holding time/ and numbers/). Throws marsad::LoadError naming file:line.
  explicit DateFinder(const std::filesystem::path& data_dir);

  // pub_date: ISO yyyy-mm-dd publication date (a longer ISO timestamp is cut to its date), or
  // empty/invalid (then relative dates stay unresolved: value empty, text kept).
  // `only`: when given, the sentences to read (true = read); the others are skipped.
  std::vector<DateMention> find(const marsad::text::Analysis& a, std::string_view original_text,
                                std::string_view pub_date, const std::vector<bool>* only = nullptr) const;

 private:
  struct Found;
  struct MonthRef;
  std::optional<Found> parse_at(const text::Analysis& a, uint32_t i, uint32_t sb, uint32_t se,
                                const std::optional<int>& pub) const;
  std::optional<MonthRef> month_at(const std::vector<text::Token>& toks, uint32_t i, uint32_t se) const;
  std::optional<Found> day_month_at(const text::Analysis& a, uint32_t i, uint32_t se,
                                    const std::optional<int>& pub) const;
  std::optional<Found> weekday_at(const text::Analysis& a, uint32_t i, uint32_t sb, uint32_t se,
                                  const std::optional<int>& pub) const;
  bool is(const text::Token& t, const number::PhraseSet& set) const;
  bool starts_with_conjunction(const text::Token& t) const;
  bool may_start(const text::Token& t) const;

  std::optional<Found> duration_at(const text::Analysis& a, uint32_t i, uint32_t se,
                                   const std::optional<int>& pub) const;

  struct Relative {
    int unit = 0;  // 0 day, 1 week, 2 month, 3 year
    int offset = 0;
  };
  struct PeriodPart {
    int day = 1;
    int precision = 1;
  };
  std::vector<Relative> relative_;
  std::vector<Relative> durations_;  // unit and amount (in offset) of data/time/durations.tsv
  number::NumberReader numbers_;
  knowledge::KeySet starters_;
  knowledge::KeyFilter starters_filter_;  // Bloom filter of starters_  // first words of every phrase set: a fast pre-filter
  // Bloom filter of starters_ and their dictionary keys: a token none of whose
  // keys is in it starts no date, whatever clitics it carries.
  knowledge::KeyFilter key_filter_;
  std::vector<PeriodPart> parts_;
  number::PhraseSet months_, weekdays_, relatives_, day_parts_, period_parts_, ordinals_;
  number::PhraseSet not_today_after_, weekday_blocker_, time_before_, month_intro_, past_, next_, current_, duration_words_, ago_,
      year_intro_, since_, hijri_, not_weekday_after_;
};

}  // namespace marsad::dates
