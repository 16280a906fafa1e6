// Golden and unit tests for casualty counts (src/number/casualties.h): every row of
// tests/golden/casualties.tsv is checked, and failing rows are printed with their line.
#include <gtest/gtest.h>

#include "word_soup.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "number/casualties.h"
#include "number/numbers.h"
#include "text/text.h"

namespace {

inline std::filesystem::path data_dir() {
  if (const char* d = std::getenv("MARSAD_DATA")) return d;
  return std::filesystem::path(MARSAD_SOURCE_DIR) / "data";
}

struct Row {
  int line = 0;
  std::vector<std::string> cells;
  const std::string& at(size_t i) const {
    static const std::string empty;
    return i < cells.size() ? cells[i] : empty;
  }
};

// Rows of tests/golden/<name> (header and `#` lines skipped).
inline std::vector<Row> read_golden(const std::string& name) {
  std::vector<Row> rows;
  std::ifstream in(std::filesystem::path(MARSAD_SOURCE_DIR) / "tests" / "golden" / name);
  std::string line;
  int n = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    Row r;
    r.line = n;
    size_t p = 0;
    while (true) {
      const size_t q = line.find('\t', p);
      r.cells.push_back(line.substr(p, q == std::string::npos ? std::string::npos : q - p));
      if (q == std::string::npos) break;
      p = q + 1;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

struct Finders {
  marsad::number::NumberReader numbers{data_dir()};
  marsad::number::CasualtyFinder casualties{data_dir(), numbers};
};

const Finders& finders() {
  static const Finders f;
  return f;
}

std::string show(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("null"); }

std::string describe(const marsad::Casualties& c) {
  return "killed=" + show(c.killed) + " injured=" + show(c.injured) + " killed_civilians=" + show(c.killed_civilians) +
         " injured_civilians=" + show(c.injured_civilians);
}

std::optional<int> cell(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return std::stoi(s);
}

TEST(Casualties, Golden) {
  const auto rows = read_golden("casualties.tsv");
  ASSERT_GE(rows.size(), 60u);
  int failures = 0;
  for (const auto& r : rows) {
    const std::string& sentence = r.at(0);
    marsad::Casualties want;
    want.killed = cell(r.at(1));
    want.injured = cell(r.at(2));
    want.killed_civilians = cell(r.at(3));
    want.injured_civilians = cell(r.at(4));
    const auto a = marsad::text::analyse(sentence);
    const auto ms = finders().casualties.find(a);
    const marsad::Casualties got = marsad::number::total(ms);
    if (got.killed != want.killed || got.injured != want.injured || got.killed_civilians != want.killed_civilians ||
        got.injured_civilians != want.injured_civilians) {
      ++failures;
      ADD_FAILURE() << "casualties.tsv:" << r.line << ": «" << sentence << "»\n  expected " << describe(want)
                    << "\n  got      " << describe(got) << " from " << ms.size() << " mention(s)";
    }
  }
  EXPECT_EQ(failures, 0) << failures << " of " << rows.size() << " rows failed";
}

TEST(Casualties, MergesKilledAndInjuredOfOnePhrase) {
  const std::string text = "ما أدى إلى مقتل عنصر وإصابة 4 بجروح.";
  const auto a = marsad::text::analyse(text);
  const auto ms = finders().casualties.find(a);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].counts.killed, 1);
  EXPECT_EQ(ms[0].counts.injured, 4);
  EXPECT_EQ(a.tokens[ms[0].head].norm, "مقتل");
  EXPECT_EQ(ms[0].sentence, 0u);
}

TEST(Casualties, SeparateSentencesKeepTheirIndex) {
  const std::string text = "قصفت الطائرات البلدة. وقتل 3 مدنيين.";
  const auto a = marsad::text::analyse(text);
  const auto ms = finders().casualties.find(a);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].sentence, 1u);
  EXPECT_EQ(ms[0].counts.killed, 3);
  EXPECT_EQ(ms[0].counts.killed_civilians, 3);
}

TEST(Casualties, NoCasualtyWordsNoMentions) {
  const std::string text = "عقدت القوات الروسية اجتماعا مع قياديين في مليشيا الدفاع الوطني.";
  EXPECT_TRUE(finders().casualties.find(marsad::text::analyse(text)).empty());
}

TEST(Casualties, NeverBreaksOnRandomWordSoup) {
  marsad::testing_support::WordSoup soup(12345u);
  for (int n = 0; n < 3000; ++n) {
    const std::string text = soup.next();
    const auto a = marsad::text::analyse(text);
    for (const auto& m : finders().casualties.find(a)) {
      ASSERT_LT(m.sentence, a.sentences.size()) << text;
      const auto& s = a.sentences[m.sentence];
      EXPECT_LE(s.tok_begin, m.tok_begin) << text;
      EXPECT_LT(m.tok_begin, m.tok_end) << text;
      EXPECT_LE(m.tok_end, s.tok_end) << text;
      EXPECT_TRUE(m.head >= m.tok_begin && m.head < m.tok_end) << text;
      for (const auto& v : {m.counts.killed, m.counts.injured, m.counts.killed_civilians, m.counts.injured_civilians}) {
        if (v) {
          EXPECT_GE(*v, 0) << text;
        }
      }
    }
  }
}

}  // namespace
