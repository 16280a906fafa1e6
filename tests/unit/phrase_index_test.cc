// The phrase matcher: dictionary phrases found in running Arabic text through clitics and quotes.
#include "knowledge/phrase_index.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <tuple>

namespace marsad::knowledge {
namespace {

std::vector<PhraseMatch> longest(const PhraseIndex& idx, const text::Analysis& a) {
  std::vector<PhraseMatch> out;
  idx.find_longest(a.tokens, 0, static_cast<uint32_t>(a.tokens.size()), out);
  return out;
}

TEST(PhraseIndex, MatchesThroughArticleConjunctionAndQuotes) {
  PhraseIndex idx;
  idx.add("الدفاع الوطني", 1);
  idx.add("الحرس الثوري الإيراني", 2);
  idx.add("الحرس الثوري", 3);
  auto a = text::analyse("بين عناصر مليشيا “الدفاع الوطني” وعناصر مليشيا الفوج 47 التابع للحرس الثوري الإيراني");
  auto m = longest(idx, a);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].payload, 1u);
  EXPECT_EQ(m[1].payload, 2u);  // longest wins over «الحرس الثوري»
  EXPECT_EQ(a.tokens[m[1].tok_begin].norm, "للحرس");
}

TEST(PhraseIndex, NumbersAndHamzaFolding) {
  PhraseIndex idx;
  idx.add("الفوج 47", 7);
  idx.add("إيران", 8);
  auto a = text::analyse("مليشيا الفوج ٤٧ الموالية لإيران");
  auto m = longest(idx, a);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].payload, 7u);
  EXPECT_EQ(m[1].payload, 8u);
}

TEST(PhraseIndex, SeveralPayloadsAndMatchAt) {
  PhraseIndex idx;
  idx.add("قصف", 1);
  idx.add("قصف", 2);
  idx.add("قصف مدفعي", 3);
  auto a = text::analyse("وقصف مدفعي على البلدة");
  std::vector<PhraseMatch> out;
  idx.match_at(a.tokens, 0, static_cast<uint32_t>(a.tokens.size()), out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].payload, 3u);  // longest first
  EXPECT_EQ(out[0].tok_end, 2u);
}

TEST(PhraseIndex, EmptyPhraseRejected) {
  PhraseIndex idx;
  EXPECT_FALSE(idx.add("  ، ", 1));
  EXPECT_TRUE(idx.add("داعش", 1));
  EXPECT_EQ(idx.phrase_count(), 1u);
}

// The trie against an obviously correct reference: every phrase tried at every position.
TEST(PhraseIndex, AgreesWithBruteForceOnRandomText) {
  const std::vector<std::string> words = {"قوات", "النظام", "الدفاع", "الوطني", "وقصفت", "بلدة", "التبني", "مليشيا",
                                          "“", "الحرس", "الثوري", "،", "وعناصر", "للحرس", "47", "الفوج"};
  const std::vector<std::string> phrases = {"قوات النظام", "الدفاع الوطني", "الحرس الثوري", "الفوج 47", "التبني",
                                            "قصف", "قوات", "مليشيا الدفاع الوطني"};
  PhraseIndex idx;
  std::vector<std::vector<std::string>> keys;
  for (uint32_t i = 0; i < phrases.size(); ++i) {
    idx.add(phrases[i], i);
    keys.push_back(PhraseIndex::phrase_keys(phrases[i]));
  }
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::string s;
    for (int w = 0; w < 12; ++w) s += words[rng() % words.size()] + " ";
    auto a = text::analyse(s);
    const uint32_t n = static_cast<uint32_t>(a.tokens.size());
    std::vector<PhraseMatch> fast;
    idx.find_all(a.tokens, 0, n, fast);
    std::set<std::tuple<uint32_t, uint32_t, uint32_t>> got, want;
    for (const auto& m : fast) got.insert({m.tok_begin, m.tok_end, m.payload});
    for (uint32_t i = 0; i < n; ++i) {
      if (a.tokens[i].keys.empty()) continue;
      for (uint32_t p = 0; p < keys.size(); ++p) {
        uint32_t j = i;
        size_t k = 0;
        while (k < keys[p].size() && j < n) {
          if (a.tokens[j].kind == text::TokenKind::Quote && j > i) { ++j; continue; }
          const auto& tk = a.tokens[j].keys;
          if (std::find(tk.begin(), tk.end(), keys[p][k]) == tk.end()) break;
          ++k;
          ++j;
        }
        if (k == keys[p].size()) want.insert({i, j, p});
      }
    }
    ASSERT_EQ(got, want) << s;
  }
}

}  // namespace
}  // namespace marsad::knowledge
