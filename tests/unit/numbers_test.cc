// Unit tests for the quantity reader (src/number/numbers.h).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "number/numbers.h"
#include "text/text.h"

namespace {

std::filesystem::path data_dir() {
  if (const char* d = std::getenv("MARSAD_DATA")) return d;
  return std::filesystem::path(MARSAD_SOURCE_DIR) / "data";
}

const marsad::number::NumberReader& reader() {
  static const marsad::number::NumberReader r(data_dir());
  return r;
}

// Read at the first token of `text`; value -1 = vague, -2 = none.
struct Read {
  long long value;
  uint32_t tokens;
};
Read read(const std::string& text) {
  const auto a = marsad::text::analyse(text);
  const auto q = reader().read_at(a.tokens, 0, static_cast<uint32_t>(a.tokens.size()));
  if (!q) return {-2, 0};
  if (q->vague) return {-1, q->tok_end - q->tok_begin};
  return {q->value ? *q->value : -3, q->tok_end - q->tok_begin};
}

struct Case {
  const char* text;
  long long value;
  uint32_t tokens;
};

TEST(Numbers, ReadsQuantities) {
  const Case cases[] = {
      {"12 من عناصر", 12, 1},
      {"١٢ عنصرا", 12, 1},
      {"1,500 شخص", 1500, 1},
      {"3 آلاف شخص", 3000, 2},
      {"1.5 مليون لاجئ", 1500000, 2},
      {"واحد", 1, 1},
      {"اثنين آخرين", 2, 1},
      {"ثلاثة مدنيين", 3, 1},
      {"ثلاث نساء", 3, 1},
      {"عشرة", 10, 1},
      {"أحد عشر عنصرا", 11, 2},
      {"إحدى عشرة امرأة", 11, 2},
      {"اثنا عشر", 12, 2},
      {"ثلاثة عشر شخصا", 13, 2},
      {"تسعة عشر", 19, 2},
      {"عشرون", 20, 1},
      {"ثلاثة وعشرين مدنيا", 23, 2},
      {"خمسة وتسعون", 95, 2},
      {"مئة", 100, 1},
      {"مائة وعشرون مقاتلا", 120, 2},
      {"مئة وثلاثة وعشرون", 123, 3},
      {"مئتان", 200, 1},
      {"مئتين وخمسين", 250, 2},
      {"ثلاثمئة", 300, 1},
      {"ثلاث مئة", 300, 2},
      {"خمسمائة", 500, 1},
      {"ألف", 1000, 1},
      {"ألفان", 2000, 1},
      {"ألفي مقاتل", 2000, 1},
      {"ثلاثة آلاف", 3000, 2},
      {"عشرة آلاف", 10000, 2},
      {"مئة ألف", 100000, 2},
      {"ثلاثة آلاف وخمسمئة", 3500, 3},
      {"ألف ومئتان", 1200, 2},
      {"نحو 390 مقاتلا", 390, 2},
      {"قرابة مئة جريح", 100, 2},
      {"حوالي 20", 20, 2},
      {"أكثر من 50", 50, 3},
      {"ما لا يقل عن 11 شخصا", 11, 5},
      {"ما يقارب 278", 278, 3},
      {"نحو الـ50", 50, 3},
      {"عنصرين", 2, 1},
      {"طفلان", 2, 1},
      {"شابين", 2, 1},
      {"مدنيين اثنين", 2, 2},
      {"عسكريين تركيين اثنين", 2, 3},
      {"عنصر واحد", 1, 2},
      {"عدد من العناصر", -1, 2},
      {"عشرات المدنيين", -1, 1},
      {"العشرات", -1, 1},
      {"مئات", -1, 1},
      {"آلاف النازحين", -1, 1},
      {"عدة أشخاص", -1, 1},
      {"مدنيين", -2, 0},
      {"أحد قياديي الدفاع الوطني", -2, 0},
      {"الثالث", -2, 0},
      {"الثلاثاء", -2, 0},
      {"نحو المدينة", -2, 0},
      {"3.5", -2, 0},
      {"ثلاثة وأربعة", 3, 1},
  };
  int failures = 0;
  for (const auto& c : cases) {
    const Read r = read(c.text);
    if (r.value != c.value || (c.value != -2 && r.tokens != c.tokens)) {
      ++failures;
      ADD_FAILURE() << "«" << c.text << "»: got value " << r.value << " over " << r.tokens << " tokens, expected "
                    << c.value << " over " << c.tokens;
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(Numbers, ConjunctionOnFirstWordAndEnd) {
  // «و3» is tokenised «و» + «3»; «وثلاثة» stays one word.
  const auto a = marsad::text::analyse("قتل ضابط و3 جنود وثلاثة");
  const auto q = reader().read_at(a.tokens, 3, static_cast<uint32_t>(a.tokens.size()));
  const auto q3 = reader().read_at(a.tokens, 5, static_cast<uint32_t>(a.tokens.size()));
  ASSERT_TRUE(q3 && q3->value);
  EXPECT_EQ(*q3->value, 3);
  ASSERT_TRUE(q && q->value);
  EXPECT_EQ(*q->value, 3);
  // `end` is respected.
  const auto b = marsad::text::analyse("ثلاثة عشر");
  const auto q2 = reader().read_at(b.tokens, 0, 1);
  ASSERT_TRUE(q2 && q2->value);
  EXPECT_EQ(*q2->value, 3);
  EXPECT_FALSE(reader().read_at(b.tokens, 5, 9));
}

TEST(Numbers, PersonNouns) {
  const auto a = marsad::text::analyse("المدنيين وطفلين عنصر");
  const auto* p0 = reader().person_noun(a.tokens[0]);
  ASSERT_NE(p0, nullptr);
  EXPECT_TRUE(p0->civilian);
  EXPECT_EQ(p0->count, 0);
  const auto* p1 = reader().person_noun(a.tokens[1]);
  ASSERT_NE(p1, nullptr);
  EXPECT_EQ(p1->count, 2);
  const auto* p2 = reader().person_noun(a.tokens[2]);
  ASSERT_NE(p2, nullptr);
  EXPECT_EQ(p2->count, 1);
  EXPECT_FALSE(p2->civilian);
}

TEST(Numbers, BadDataNamesFileAndLine) {
  const auto dir = std::filesystem::temp_directory_path() / "marsad_numbers_bad";
  std::filesystem::create_directories(dir / "numbers");
  for (const char* f : {"number_words.tsv", "person_nouns.tsv", "vague.tsv", "approximators.tsv"}) {
    std::filesystem::copy_file(data_dir() / "numbers" / f, dir / "numbers" / f,
                               std::filesystem::copy_options::overwrite_existing);
  }
  {
    std::FILE* fp = std::fopen((dir / "numbers" / "number_words.tsv").c_str(), "a");
    ASSERT_NE(fp, nullptr);
    std::fputs("سبعطعش\t17\tteenish\n", fp);
    std::fclose(fp);
  }
  try {
    marsad::number::NumberReader r(dir);
    FAIL() << "no error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("number_words.tsv:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("teenish"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
