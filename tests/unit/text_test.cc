// Tests of the Arabic text layer (src/text/text.h): folding, clitic keys,
// tokenisation, offsets, sentence splitting and robustness to bad UTF-8.
#include "text/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace marsad::text {
namespace {

using Keys = std::vector<std::string>;

Keys keys_of(std::string_view word) {
  Keys k;
  token_keys(fold_utf8(word), k);
  return k;
}

std::string read_seed() {
  const std::string path = std::string(MARSAD_SOURCE_DIR) + "/tests/data/seed.txt";
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> norms(const Analysis& a) {
  std::vector<std::string> out;
  for (const auto& t : a.tokens) out.emplace_back(t.norm);
  return out;
}

Keys keys_of(const Token& t) { return Keys(t.keys.begin(), t.keys.end()); }

std::vector<std::string> sentence_texts(std::string_view text, const Analysis& a) {
  std::vector<std::string> out;
  for (const auto& s : a.sentences) out.push_back(slice(text, s.span));
  return out;
}

// Offsets are consistent: increasing, inside the text, and the original
// characters of every token fold to its norm.
void expect_consistent(std::string_view text, const Analysis& a) {
  ASSERT_EQ(a.length, count_code_points(text));
  uint32_t prev_end = 0;
  for (const auto& t : a.tokens) {
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(prev_end, t.begin);
    ASSERT_LE(t.end, a.length);
    prev_end = t.end;
    const std::string orig = slice(text, Span{t.begin, t.end});
    EXPECT_EQ(count_code_points(orig), t.end - t.begin);
    if (t.kind == TokenKind::Word || t.kind == TokenKind::Number) {
      std::string folded = fold_utf8(orig);
      EXPECT_EQ(folded, t.norm) << "token at " << t.begin;
    }
    // the bytes of the token are the code points of its span; every key carries its hash
    EXPECT_EQ(text.substr(t.byte_begin, t.byte_end - t.byte_begin), slice(text, Span{t.begin, t.end}))
        << "token at " << t.begin;
    for (size_t k = 0; k < t.keys.size(); ++k) EXPECT_EQ(t.keys.hash(k), hash_key(t.keys[k]));
    switch (t.kind) {
      case TokenKind::Word:
        ASSERT_FALSE(t.keys.empty());
        EXPECT_EQ(t.keys[0], dict_key(t.norm));
        EXPECT_LE(t.keys.size(), 8u);
        break;
      case TokenKind::Number:
        EXPECT_EQ(keys_of(t), Keys{std::string(t.norm)});
        break;
      default:
        EXPECT_TRUE(t.keys.empty());
    }
  }
  uint32_t prev_tok = 0;
  for (const auto& s : a.sentences) {
    ASSERT_LT(s.tok_begin, s.tok_end);
    ASSERT_LE(s.tok_end, a.tokens.size());
    EXPECT_EQ(s.tok_begin, prev_tok);  // sentences tile the token list
    prev_tok = s.tok_end;
    EXPECT_EQ(s.span.begin, a.tokens[s.tok_begin].begin);
    EXPECT_EQ(s.span.end, a.tokens[s.tok_end - 1].end);
  }
  EXPECT_EQ(prev_tok, a.tokens.size());
}

// ------------------------------------------------------------------ fold

TEST(TextFold, HamzaFormsAndAlefs) {
  EXPECT_EQ(fold(U'أ'), U'ا');
  EXPECT_EQ(fold(U'إ'), U'ا');
  EXPECT_EQ(fold(U'آ'), U'ا');
  EXPECT_EQ(fold(U'ٱ'), U'ا');
  EXPECT_EQ(fold(U'ؤ'), U'و');
  EXPECT_EQ(fold(U'ئ'), U'ي');
  EXPECT_EQ(fold(U'ء'), U'ء');  // a standalone hamza stays
  EXPECT_EQ(fold(U'ا'), U'ا');
}

TEST(TextFold, YaTaMarbutaAndPersianLetters) {
  EXPECT_EQ(fold(U'ى'), U'ي');
  EXPECT_EQ(fold(U'ی'), U'ي');
  EXPECT_EQ(fold(U'ک'), U'ك');
  EXPECT_EQ(fold(U'ة'), U'ه');
  EXPECT_EQ(fold(U'ه'), U'ه');
  EXPECT_EQ(fold(U'م'), U'م');
}

TEST(TextFold, DroppedCodePoints) {
  EXPECT_EQ(fold(0x0640), 0u);  // tatweel
  for (char32_t c = 0x064B; c <= 0x065F; ++c) EXPECT_EQ(fold(c), 0u) << std::hex << static_cast<uint32_t>(c);
  EXPECT_EQ(fold(0x0670), 0u);
  for (char32_t c : {0x200Bu, 0x200Cu, 0x200Du, 0x200Eu, 0x200Fu, 0x202Au, 0x202Eu, 0x2066u, 0x2069u, 0xFEFFu}) {
    EXPECT_EQ(fold(c), 0u) << std::hex << static_cast<uint32_t>(c);
  }
  EXPECT_EQ(fold_utf8("قَصَفَتْ الطّائرات"), "قصفت الطايرات");
  EXPECT_EQ(fold_utf8("الـــمدينة"), "المدينه");
  EXPECT_EQ(fold_utf8("\u200Fحلب\u200E"), "حلب");
}

TEST(TextFold, Digits) {
  for (char32_t d = 0; d < 10; ++d) {
    EXPECT_EQ(fold(0x0660 + d), U'0' + d);
    EXPECT_EQ(fold(0x06F0 + d), U'0' + d);
    EXPECT_EQ(fold(U'0' + d), U'0' + d);
  }
  EXPECT_EQ(fold_utf8("٢٠٢١"), "2021");
  EXPECT_EQ(fold_utf8("۱۲"), "12");
  EXPECT_EQ(fold_utf8("٣٫٥"), "3.5");  // Arabic decimal separator
}

TEST(TextFold, QuotesAndPunctuation) {
  for (char32_t q : {U'«', U'»', U'“', U'”', U'„', U'‟', U'″'}) EXPECT_EQ(fold(q), U'"');
  EXPECT_EQ(fold(U'‘'), U'\'');
  EXPECT_EQ(fold(U'’'), U'\'');
  EXPECT_EQ(fold(U'،'), U',');
  EXPECT_EQ(fold(U'؛'), U';');
  EXPECT_EQ(fold(U'؟'), U'?');
  EXPECT_EQ(fold(U'.'), U'.');
  EXPECT_EQ(fold(U'-'), U'-');
}

TEST(TextFold, LatinLowerCase) {
  EXPECT_EQ(fold(U'A'), U'a');
  EXPECT_EQ(fold(U'Z'), U'z');
  EXPECT_EQ(fold(U'É'), U'é');
  EXPECT_EQ(fold_utf8("ISIS SDF"), "isis sdf");
}

TEST(TextFold, FoldUtf8ReplacesInvalidBytes) {
  EXPECT_EQ(fold_utf8("a\x80z"), "a\uFFFDz");
  EXPECT_EQ(fold_utf8(""), "");
}

// ------------------------------------------------------------------ keys

TEST(TextKeys, DictKeyDropsArticleOnly) {
  EXPECT_EQ(dict_key("الدفاع"), "دفاع");
  EXPECT_EQ(dict_key("البوكمال"), "بوكمال");
  EXPECT_EQ(dict_key("الرقة"), "رقه");
  EXPECT_EQ(dict_key("إدلب"), "ادلب");
  EXPECT_EQ(dict_key("الى"), "الي");  // fewer than two letters would remain
  EXPECT_EQ(dict_key("ال"), "ال");
  EXPECT_EQ(dict_key(""), "");
}

TEST(TextKeys, HeaderExamples) {
  const Keys k = keys_of("وللمليشيات");
  ASSERT_GE(k.size(), 3u);
  EXPECT_EQ(k[0], "وللمليشيات");
  EXPECT_EQ(k[1], "للمليشيات");
  EXPECT_EQ(k[2], "مليشيات");
  EXPECT_EQ(keys_of("بريف"), (Keys{"بريف", "ريف"}));
  EXPECT_EQ(keys_of("عناصره"), (Keys{"عناصره", "عناصر"}));
}

TEST(TextKeys, ExactOrder) {
  // Proclitic forms first (least stripped first), then each of them without
  // its enclitic pronoun, in the same order.
  EXPECT_EQ(keys_of("وبقصفه"), (Keys{"وبقصفه", "بقصفه", "قصفه", "وبقصف", "بقصف", "قصف"}));
  EXPECT_EQ(keys_of("وللمليشيات"), (Keys{"وللمليشيات", "للمليشيات", "مليشيات", "لمليشيات"}));
  EXPECT_EQ(keys_of("للواء"), (Keys{"للواء", "واء", "لواء"}));
  EXPECT_EQ(keys_of("بالمدينة"), (Keys{"بالمدينه", "مدينه", "بالمدين", "مدين"}));
}

TEST(TextKeys, Conjunctions) {
  EXPECT_EQ(keys_of("وقصف"), (Keys{"وقصف", "قصف"}));
  EXPECT_EQ(keys_of("فقتل"), (Keys{"فقتل", "قتل"}));
}

TEST(TextKeys, Prepositions) {
  EXPECT_EQ(keys_of("بقصف"), (Keys{"بقصف", "قصف"}));
  EXPECT_EQ(keys_of("لقوات"), (Keys{"لقوات", "قوات"}));
  EXPECT_EQ(keys_of("كقائد"), (Keys{"كقايد", "قايد"}));
}

TEST(TextKeys, ArticleCombinations) {
  EXPECT_EQ(keys_of("الجيش")[0], "جيش");
  EXPECT_EQ(keys_of("للجيش"), (Keys{"للجيش", "جيش", "لجيش"}));
  EXPECT_EQ(keys_of("والجيش"), (Keys{"والجيش", "جيش"}));
  EXPECT_EQ(keys_of("بالجيش"), (Keys{"بالجيش", "جيش"}));
  EXPECT_EQ(keys_of("فالجيش"), (Keys{"فالجيش", "جيش"}));
  EXPECT_EQ(keys_of("كالجيش"), (Keys{"كالجيش", "جيش"}));
  EXPECT_EQ(keys_of("وبالجيش"), (Keys{"وبالجيش", "بالجيش", "جيش"}));
  EXPECT_EQ(keys_of("وللجيش"), (Keys{"وللجيش", "للجيش", "جيش", "لجيش"}));
}

TEST(TextKeys, ConjunctionPlusPreposition) {
  EXPECT_EQ(keys_of("وبريف"), (Keys{"وبريف", "بريف", "ريف"}));
  EXPECT_EQ(keys_of("ولقوات"), (Keys{"ولقوات", "لقوات", "قوات"}));
}

TEST(TextKeys, PronounSuffixes) {
  EXPECT_EQ(keys_of("قصفها"), (Keys{"قصفها", "قصف"}));
  EXPECT_EQ(keys_of("عناصرهم"), (Keys{"عناصرهم", "عناصر"}));
  EXPECT_EQ(keys_of("مواقعهما"), (Keys{"مواقعهما", "مواقع"}));
  EXPECT_EQ(keys_of("قواتكم"), (Keys{"قواتكم", "قوات"}));
  EXPECT_EQ(keys_of("قواتنا"), (Keys{"قواتنا", "قوات"}));
  // Pronouns after proclitics and the article.
  EXPECT_EQ(keys_of("وعناصره"), (Keys{"وعناصره", "عناصره", "وعناصر", "عناصر"}));
  EXPECT_EQ(keys_of("بمواقعهم"), (Keys{"بمواقعهم", "مواقعهم", "بمواقع", "مواقع"}));
}

TEST(TextKeys, MinimumLengths) {
  // Proclitic: at least two letters must remain.
  EXPECT_EQ(keys_of("بر"), (Keys{"بر"}));
  EXPECT_EQ(keys_of("وفد"), (Keys{"وفد", "فد"}));
  // Enclitic: at least three letters must remain.
  EXPECT_EQ(keys_of("فيها"), (Keys{"فيها", "يها"}));
  EXPECT_EQ(keys_of("منه"), (Keys{"منه"}));
  EXPECT_EQ(keys_of("في"), (Keys{"في"}));
  EXPECT_EQ(keys_of("و"), (Keys{"و"}));
  EXPECT_TRUE(keys_of("").empty());
}

TEST(TextKeys, NamesAreNotBroken) {
  EXPECT_EQ(keys_of("لواء")[0], "لواء");
  EXPECT_EQ(keys_of("البوكمال"), (Keys{"بوكمال"}));
  EXPECT_EQ(keys_of("وفد")[0], "وفد");
  EXPECT_EQ(keys_of("فيلق")[0], "فيلق");
  EXPECT_EQ(keys_of("بلدة")[0], "بلده");
  EXPECT_EQ(keys_of("كفرنبل")[0], "كفرنبل");
  // A name after a clitic is found among the keys.
  const Keys k = keys_of("ولواء");
  EXPECT_NE(std::find(k.begin(), k.end(), "لواء"), k.end());
  const Keys k2 = keys_of("والبوكمال");
  EXPECT_EQ(k2, (Keys{"والبوكمال", "بوكمال"}));
}

TEST(TextKeys, LatinWordsAndDigitsPassThrough) {
  EXPECT_EQ(keys_of("Reuters"), (Keys{"reuters"}));
  EXPECT_EQ(keys_of("م2"), (Keys{"م2"}));
}

TEST(TextKeys, AtMostEightDistinct) {
  for (const char* w : {"وبالمدينه", "فللمواقعهما", "وبقصفهما", "ولللل", "وكالقوات", "ببببببببب"}) {
    const Keys k = keys_of(w);
    EXPECT_LE(k.size(), 8u) << w;
    for (size_t i = 0; i < k.size(); ++i) {
      EXPECT_FALSE(k[i].empty());
      for (size_t j = i + 1; j < k.size(); ++j) EXPECT_NE(k[i], k[j]) << w;
    }
  }
}

TEST(TextKeys, OutputIsClearedFirst) {
  Keys k{"stale"};
  token_keys("قصف", k);
  EXPECT_EQ(k, (Keys{"قصف"}));
}

// ------------------------------------------------------------------ tokens

TEST(TextTokens, WordsNumbersAndPunctuation) {
  const std::string text = "قتل 3 مدنيين، وأصيب آخرون في قصف على الفوج 47.";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  EXPECT_EQ(norms(a), (std::vector<std::string>{"قتل", "3", "مدنيين", ",", "واصيب", "اخرون", "في", "قصف", "علي",
                                                "الفوج", "47", "."}));
  EXPECT_EQ(a.tokens[1].kind, TokenKind::Number);
  EXPECT_EQ(a.tokens[3].kind, TokenKind::Punct);
  EXPECT_EQ(a.tokens[10].kind, TokenKind::Number);
  EXPECT_EQ(keys_of(a.tokens[10]), Keys{"47"});
  EXPECT_TRUE(a.tokens[11].keys.empty());
}

TEST(TextTokens, DecimalAndThousandsStayOneNumber) {
  const std::string text = "سقطت 3.5 طن و3,5 كغ و1,500 قذيفة و٢٫٥ كم في 2021.";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  std::vector<std::string> numbers;
  for (const auto& t : a.tokens) {
    if (t.kind == TokenKind::Number) numbers.emplace_back(t.norm);
  }
  EXPECT_EQ(numbers, (std::vector<std::string>{"3.5", "3,5", "1,500", "2.5", "2021"}));
  EXPECT_EQ(a.tokens.back().norm, ".");
  EXPECT_EQ(a.tokens.back().kind, TokenKind::Punct);
}

TEST(TextTokens, ArabicIndicDigits) {
  const std::string text = "قتل ١٢ عنصرا و۳ مدنيين";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  EXPECT_EQ(norms(a), (std::vector<std::string>{"قتل", "12", "عنصرا", "و", "3", "مدنيين"}));
  EXPECT_EQ(a.tokens[1].kind, TokenKind::Number);
  // "و۳": the conjunction is a word, the digit a number.
  EXPECT_EQ(a.tokens[3].kind, TokenKind::Word);
  EXPECT_EQ(a.tokens[4].kind, TokenKind::Number);
}

TEST(TextTokens, LettersGluedToDigits) {
  const std::string text = "مساحة 500م2 وطائرة F16 من الـ47 عام2021";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  EXPECT_EQ(norms(a), (std::vector<std::string>{"مساحه", "500", "م2", "وطايره", "f16", "من", "ال", "47", "عام", "2021"}));
  EXPECT_EQ(a.tokens[2].kind, TokenKind::Word);
  EXPECT_EQ(a.tokens[4].kind, TokenKind::Word);
  EXPECT_EQ(a.tokens[7].kind, TokenKind::Number);
  EXPECT_EQ(a.tokens[9].kind, TokenKind::Number);
}

TEST(TextTokens, DroppedMarksDoNotSplitWords) {
  const std::string text = "قَصَفَتْ الـمدفعيةُ مواقعَ";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  ASSERT_EQ(a.tokens.size(), 3u);
  EXPECT_EQ(a.tokens[0].norm, "قصفت");
  EXPECT_EQ(a.tokens[0].begin, 0u);
  EXPECT_EQ(a.tokens[0].end, 8u);  // covers the harakat, including the last one
  EXPECT_EQ(a.tokens[1].norm, "المدفعيه");
  EXPECT_EQ(slice(text, {a.tokens[1].begin, a.tokens[1].end}), "الـمدفعيةُ");
  EXPECT_EQ(a.tokens[1].keys[0], "مدفعيه");
  EXPECT_EQ(slice(text, {a.tokens[2].begin, a.tokens[2].end}), "مواقعَ");
}

TEST(TextTokens, BidiMarksAreTransparent) {
  const std::string text = "\u200Fحلب\u200F \u202Bإدلب\u202C";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  ASSERT_EQ(a.tokens.size(), 2u);
  EXPECT_EQ(slice(text, {a.tokens[0].begin, a.tokens[0].end}), "حلب");
  EXPECT_EQ(slice(text, {a.tokens[1].begin, a.tokens[1].end}), "إدلب");
}

TEST(TextTokens, QuotesAndPunctuation) {
  const std::string text = "ميليشيا «الدفاع الوطني» و“لواء القدس” (دير الزور - حلب/حمص): 'x'";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  size_t quotes = 0;
  std::vector<std::string> punct;
  for (const auto& t : a.tokens) {
    if (t.kind == TokenKind::Quote) ++quotes;
    if (t.kind == TokenKind::Punct) punct.emplace_back(t.norm);
  }
  EXPECT_EQ(quotes, 6u);
  EXPECT_EQ(punct, (std::vector<std::string>{"(", "-", "/", ")", ":"}));
  EXPECT_EQ(a.tokens[1].norm, "\"");
  EXPECT_EQ(a.tokens[2].norm, "الدفاع");
}

TEST(TextTokens, NewlineBefore) {
  const std::string text = "العنوان\n\nالفقرة الأولى\r\nالثانية";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  ASSERT_EQ(a.tokens.size(), 4u);
  EXPECT_FALSE(a.tokens[0].newline_before);
  EXPECT_TRUE(a.tokens[1].newline_before);
  EXPECT_FALSE(a.tokens[2].newline_before);
  EXPECT_TRUE(a.tokens[3].newline_before);
}

TEST(TextTokens, EmptyAndBlank) {
  const Analysis a = analyse("");
  EXPECT_TRUE(a.tokens.empty());
  EXPECT_TRUE(a.sentences.empty());
  EXPECT_EQ(a.length, 0u);
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(slice("", {0, 5}), "");
  const Analysis b = analyse(" \n\t\u00A0 ");
  EXPECT_TRUE(b.tokens.empty());
  EXPECT_TRUE(b.sentences.empty());
  EXPECT_EQ(b.length, 5u);
}

TEST(TextTokens, VeryLongWord) {
  std::string word = "وبال";
  for (int i = 0; i < 100000; ++i) word += "ق";
  word += "هم";
  const std::string text = "بداية " + word + " نهاية";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  ASSERT_EQ(a.tokens.size(), 3u);
  EXPECT_EQ(a.tokens[1].end - a.tokens[1].begin, 100006u);
  EXPECT_LE(a.tokens[1].keys.size(), 8u);
  EXPECT_EQ(a.tokens[1].keys.back().size(), 200000u);  // all clitics stripped
}

TEST(TextTokens, SeedOffsetsRoundTrip) {
  const std::string text = read_seed();
  ASSERT_FALSE(text.empty());
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  EXPECT_GT(a.tokens.size(), 400u);
  // Reassembling the non-space gaps and tokens gives back the text.
  std::string rebuilt;
  uint32_t at = 0;
  for (const auto& t : a.tokens) {
    rebuilt += slice(text, {at, t.begin});
    rebuilt += slice(text, {t.begin, t.end});
    at = t.end;
  }
  rebuilt += slice(text, {at, a.length});
  EXPECT_EQ(rebuilt, text);
  // A few known tokens.
  bool found_47 = false, found_bukamal = false;
  for (const auto& t : a.tokens) {
    const std::string orig = slice(text, {t.begin, t.end});
    if (orig == "47") found_47 = t.kind == TokenKind::Number;
    if (orig == "البوكمال") found_bukamal = t.keys[0] == "بوكمال";
  }
  EXPECT_TRUE(found_47);
  EXPECT_TRUE(found_bukamal);
}

// ------------------------------------------------------------------ sentences

TEST(TextSentences, SeedArticle) {
  const std::string text = read_seed();
  const Analysis a = analyse(text);
  const auto s = sentence_texts(text, a);
  ASSERT_GE(s.size(), 14u);
  EXPECT_EQ(s[0], "روسيا تعزز نفوذها في البادية السورية.");
  EXPECT_EQ(s[1], "والحرس الثوري يرد");
  EXPECT_EQ(s[2].substr(0, s[2].find(' ')), "تشهد");
  EXPECT_TRUE(s[2].ends_with("بين الطرفين."));
  EXPECT_EQ(s.back(), "زر الذهاب إلى الأعلى");
  for (const auto& x : s) EXPECT_EQ(x.find('\n'), std::string::npos);
}

TEST(TextSentences, TerminatorsAndLineBreaks) {
  const std::string text =
      "قصفت طائرات حربية بلدة كفرنبل جنوبي إدلب. هل تستمر الهدنة؟ لا أحد يعلم! "
      "وقال مصدر: «انسحبت القوات…» ثم صمت\n"
      "عنوان بلا نقطة\n\n"
      "فقرة جديدة";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  EXPECT_EQ(sentence_texts(text, a),
            (std::vector<std::string>{"قصفت طائرات حربية بلدة كفرنبل جنوبي إدلب.", "هل تستمر الهدنة؟", "لا أحد يعلم!",
                                      "وقال مصدر: «انسحبت القوات…»", "ثم صمت", "عنوان بلا نقطة", "فقرة جديدة"}));
}

TEST(TextSentences, NoSplitInsideNumbersOrAbbreviations) {
  const std::string text = "بلغت نسبة الدمار 3.5 بالمئة بحسب د. محمد من وكالة أ.ف.ب. وانتهى الاجتماع.";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  const auto s = sentence_texts(text, a);
  ASSERT_EQ(s.size(), 2u) << s[0];
  EXPECT_EQ(s[0], "بلغت نسبة الدمار 3.5 بالمئة بحسب د. محمد من وكالة أ.ف.ب.");
  EXPECT_EQ(s[1], "وانتهى الاجتماع.");
}

TEST(TextSentences, ClosingQuoteAndRepeatedMarks) {
  const std::string text = "قال القائد: \"سنرد بقوة!!\" وأضاف أن الهجوم فشل... ثم غادر؟!";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  EXPECT_EQ(sentence_texts(text, a), (std::vector<std::string>{"قال القائد: \"سنرد بقوة!!\"",
                                                               "وأضاف أن الهجوم فشل...", "ثم غادر؟!"}));
}

TEST(TextSentences, NumberAtSentenceEnd) {
  const std::string text = "قتل في الهجوم 12. وأصيب 30 آخرون.";
  const Analysis a = analyse(text);
  EXPECT_EQ(sentence_texts(text, a), (std::vector<std::string>{"قتل في الهجوم 12.", "وأصيب 30 آخرون."}));
}

// ------------------------------------------------------------------ invalid UTF-8

TEST(TextUtf8, CountCodePoints) {
  EXPECT_EQ(count_code_points("abc"), 3u);
  EXPECT_EQ(count_code_points("حلب"), 3u);
  EXPECT_EQ(count_code_points("€𝄞"), 2u);
  EXPECT_EQ(count_code_points("\uFFFD"), 1u);  // a real replacement character
}

TEST(TextUtf8, InvalidBytesCountOneEach) {
  struct Case {
    std::string bytes;
    uint32_t expected;
  };
  const std::vector<Case> cases = {
      {"\x80", 1},                    // lone continuation byte
      {"a\xBF\x80z", 4},              // two lone continuation bytes
      {"\xD8", 1},                    // truncated two-byte sequence at the end
      {"\xE2\x82", 2},                // truncated three-byte sequence
      {"\xE2\x82 x", 4},              // ... followed by text
      {"\xF0\x9F\x98", 3},            // truncated four-byte sequence
      {"\xC0\xAF", 2},                // overlong '/'
      {"\xE0\x80\xAF", 3},            // overlong '/' (three bytes)
      {"\xED\xA0\x80", 3},            // UTF-16 surrogate
      {"\xF5\x80\x80\x80", 4},        // beyond U+10FFFF
      {"\xFF\xFE", 2},                // never valid
      {"\xD8\xAD\xD9", 2},            // "ح" then a truncated letter
  };
  for (const auto& c : cases) {
    EXPECT_EQ(count_code_points(c.bytes), c.expected) << testing::PrintToString(c.bytes);
    const Analysis a = analyse(c.bytes);
    EXPECT_EQ(a.length, c.expected);
    expect_consistent(c.bytes, a);
    // Slicing everything gives the bytes back unchanged.
    EXPECT_EQ(slice(c.bytes, {0, c.expected}), c.bytes);
  }
}

TEST(TextUtf8, InvalidBytesInsideArabicText) {
  std::string text = "قصفت \x80الطائرات \xD9 بلدة\xE2\x82 التبني.\xC0";
  const Analysis a = analyse(text);
  expect_consistent(text, a);
  bool found = false;
  for (const auto& t : a.tokens) found = found || t.norm == "التبني";
  EXPECT_TRUE(found);
  // Offsets after the bad bytes still point at the right characters.
  for (const auto& t : a.tokens) {
    if (t.norm == "التبني") {
      EXPECT_EQ(slice(text, {t.begin, t.end}), "التبني");
    }
  }
}

TEST(TextUtf8, EveryTruncationOfTheSeedIsSafe) {
  const std::string text = read_seed().substr(0, 600);
  for (size_t cut = 0; cut <= text.size(); cut += 7) {
    const std::string part = text.substr(0, cut);
    const Analysis a = analyse(part);
    expect_consistent(part, a);
  }
}

TEST(TextUtf8, RandomBytesAreSafe) {
  // Random mixtures of Arabic fragments, digits, punctuation and raw bytes.
  const std::vector<std::string> pieces = {"ال", "و", "ب", "قصف", "ـ", "\u064E", "٣", "4", ".", ",", "،", "؟", " ", "\n",
                                           "«", "\"", "\x80", "\xD8", "\xE2\x82", "\xF0\x9F", "\xC0", "\xFF", "\u200F"};
  std::mt19937 rng(20210127);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 60);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int i = length(rng); i > 0; --i) text += pieces[pick(rng)];
    const Analysis a = analyse(text);
    expect_consistent(text, a);
  }
}

TEST(TextUtf8, SliceClampsToText) {
  const std::string text = "دير الزور";
  EXPECT_EQ(slice(text, {4, 9}), "الزور");
  EXPECT_EQ(slice(text, {4, 100}), "الزور");
  EXPECT_EQ(slice(text, {100, 200}), "");
  EXPECT_EQ(slice(text, {5, 5}), "");
  EXPECT_EQ(slice(text, {6, 5}), "");
}

}  // namespace
// Tokens are views into their Analysis: moving it (returning it, storing it in
// a vector) keeps every norm and key valid, and keys lie inside their word.
TEST(TextTokens, ViewsSurviveMovesAndKeysLieInTheirWord) {
  const std::string text = "وأرسلت مليشيات الدفاع الوطني تعزيزات إلى البوكمال، وللمليشيات عناصرها.";
  std::vector<Analysis> kept;
  kept.push_back(analyse(text));
  kept.push_back(analyse("نص آخر قصير"));
  kept.reserve(64);  // forces the vector to move its Analyses
  const Analysis& a = kept[0];
  expect_consistent(text, a);
  ASSERT_GE(a.tokens.size(), 9u);
  EXPECT_EQ(a.tokens[1].norm, "مليشيات");
  EXPECT_EQ(a.tokens[6].norm, "البوكمال");
  EXPECT_EQ(a.tokens[6].keys[0], "بوكمال");
  for (const auto& t : a.tokens)
    for (const std::string_view k : t.keys) {
      EXPECT_GE(k.data(), t.norm.data());
      EXPECT_LE(k.data() + k.size(), t.norm.data() + t.norm.size());
    }
  const Analysis moved = std::move(kept[0]);
  EXPECT_EQ(moved.tokens[8].norm, "وللمليشيات");
  const Keys k = keys_of(moved.tokens[8]);
  EXPECT_NE(std::find(k.begin(), k.end(), "مليشيات"), k.end());
}

}  // namespace marsad::text
