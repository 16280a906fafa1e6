// Golden and unit tests for date expressions (src/time/dates.h): every row of
// tests/golden/dates.tsv is checked, and failing rows are printed with their line.
#include <gtest/gtest.h>

#include "word_soup.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text/text.h"
#include "time/dates.h"

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

const marsad::dates::DateFinder& finder() {
  static const marsad::dates::DateFinder f(data_dir());
  return f;
}

std::string describe(const std::vector<marsad::dates::DateMention>& ms) {
  std::ostringstream o;
  o << "[";
  for (const auto& m : ms) {
    o << " {«" << m.date.text << "» " << (m.date.value.empty() ? "-" : m.date.value) << " " << m.date.precision
      << (m.background ? " background" : "") << "}";
  }
  o << " ]";
  return o.str();
}

TEST(Dates, Golden) {
  const auto rows = read_golden("dates.tsv");
  ASSERT_GE(rows.size(), 60u);
  int failures = 0;
  for (const auto& r : rows) {
    const std::string& sentence = r.at(0);
    const std::string& pub = r.at(1);
    const std::string& value = r.at(2);
    const std::string& precision = r.at(3);
    const std::string& text = r.at(4);
    const std::string& background = r.at(5);
    const auto a = marsad::text::analyse(sentence);
    const auto ms = finder().find(a, sentence, pub);
    bool ok = false;
    if (text.empty()) {
      ok = ms.empty();
    } else {
      for (const auto& m : ms) {
        if (m.date.text != text) continue;
        ok = m.date.value == value && m.date.precision == precision &&
             (background.empty() || (background == "1") == m.background);
        // The span points back at the text.
        ok = ok && marsad::text::slice(sentence, m.date.span) == text;
        break;
      }
    }
    if (!ok) {
      ++failures;
      ADD_FAILURE() << "dates.tsv:" << r.line << ": «" << sentence << "» pub=" << (pub.empty() ? "-" : pub)
                    << " expected " << (text.empty() ? std::string("no date") : "«" + text + "» " + (value.empty() ? "-" : value) + " " + precision + (background == "1" ? " background" : ""))
                    << ", got " << describe(ms);
    }
  }
  EXPECT_EQ(failures, 0) << failures << " of " << rows.size() << " rows failed";
}

TEST(Dates, SentenceIndexAndTokenRange) {
  const std::string text = "قصفت الطائرات البلدة. وفي اليوم نفسه اندلعت اشتباكات ليل الاثنين.";
  const auto a = marsad::text::analyse(text);
  const auto ms = finder().find(a, text, "2021-01-27");
  ASSERT_EQ(ms.size(), 1u) << describe(ms);
  EXPECT_EQ(ms[0].sentence, 1u);
  EXPECT_EQ(ms[0].date.text, "ليل الاثنين");
  EXPECT_EQ(ms[0].tok_end - ms[0].tok_begin, 2u);
  EXPECT_EQ(a.tokens[ms[0].tok_begin].begin, ms[0].date.span.begin);
}

TEST(Dates, InvalidPublicationDateLeavesRelativeUnresolved) {
  const std::string text = "قصفت الطائرات أمس مواقع في 3 آب 2021.";
  const auto a = marsad::text::analyse(text);
  const auto ms = finder().find(a, text, "not-a-date");
  ASSERT_EQ(ms.size(), 2u) << describe(ms);
  EXPECT_EQ(ms[0].date.value, "");
  EXPECT_EQ(ms[1].date.value, "2021-08-03");
}

TEST(Dates, EveryWeekdayResolvesToMostRecent) {
  // Publication on Wednesday 2021-01-27.
  const char* names[] = {"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"};
  const char* expected[] = {"2021-01-24", "2021-01-25", "2021-01-26", "2021-01-27",
                            "2021-01-21", "2021-01-22", "2021-01-23"};
  for (int k = 0; k < 7; ++k) {
    const std::string text = std::string("اندلعت اشتباكات يوم ") + names[k] + " في المدينة.";
    const auto ms = finder().find(marsad::text::analyse(text), text, "2021-01-27");
    ASSERT_EQ(ms.size(), 1u) << text << describe(ms);
    EXPECT_EQ(ms[0].date.value, expected[k]) << text;
  }
}

TEST(Dates, MissingDataFileNamesIt) {
  try {
    marsad::dates::DateFinder f(std::filesystem::temp_directory_path() / "marsad_no_such_dir");
    FAIL() << "no error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("marsad_no_such_dir/"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(".tsv"), std::string::npos) << e.what();
  }
}

TEST(Dates, NeverBreaksOnRandomWordSoup) {
  marsad::testing_support::WordSoup soup(777u);
  for (int n = 0; n < 3000; ++n) {
    const std::string text = soup.next();
    const auto a = marsad::text::analyse(text);
    for (const char* pub : {"2021-01-27", "", "2020-02-29"}) {
      for (const auto& m : finder().find(a, text, pub)) {
        ASSERT_LT(m.sentence, a.sentences.size()) << text;
        const auto& s = a.sentences[m.sentence];
        EXPECT_LE(s.tok_begin, m.tok_begin) << text;
        EXPECT_LT(m.tok_begin, m.tok_end) << text;
        EXPECT_LE(m.tok_end, s.tok_end) << text;
        EXPECT_FALSE(m.date.text.empty()) << text;
        EXPECT_LE(m.date.span.end, a.length) << text;
        EXPECT_TRUE(m.date.value.empty() || (m.date.value.size() == 10 && m.date.value[4] == '-')) << text << " " << m.date.value;
        EXPECT_TRUE(m.date.precision == "day" || m.date.precision == "week" || m.date.precision == "month" ||
                    m.date.precision == "year") << text;
      }
    }
  }
}

}  // namespace
