// The dashboard's query-parameter parser (src/serve/params.h) and its result
// cache (src/serve/lru_cache.h), without a socket (issue 8). Inputs found by
// fuzz/fuzz_params.cc are kept here as regression cases.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

#include "serve/lru_cache.h"
#include "serve/params.h"
#include "store/store.h"

namespace {

using marsad::serve::ParamError;
namespace sv = marsad::serve;

// The status and parameter name of the ParamError thrown, or {0, ""}.
std::pair<int, std::string> error_of(const std::string& query, std::initializer_list<const char*> extra = {}) {
  try {
    auto p = sv::parse_query(query);
    sv::check_params(p, extra);
    (void)sv::parse_filter(p);
    (void)sv::int_param(p, "limit", 100, 0, 1000);
  } catch (const ParamError& e) {
    EXPECT_FALSE(e.message.empty()) << query;
    return {e.status, e.parameter};
  }
  return {0, ""};
}

TEST(ServeParams, GoodQueriesGiveTheFilter) {
  auto p = sv::parse_query("type=ASSAULT&actor=syr_army&near=34.45,40.92&radius=30&since=2020-02-29&until=2021-01-01"
                           "&text=%D9%82%D8%B5%D9%81&governorate=Idlib");
  sv::check_params(p, {});
  auto f = sv::parse_filter(p, [](const std::string& g) { return "gov:" + g; });
  EXPECT_EQ(f.type, "ASSAULT");
  EXPECT_EQ(f.actor, "syr_army");
  ASSERT_TRUE(f.near_lat && f.near_lon);
  EXPECT_DOUBLE_EQ(*f.near_lat, 34.45);
  EXPECT_DOUBLE_EQ(*f.near_lon, 40.92);
  EXPECT_DOUBLE_EQ(f.radius_km, 30);
  EXPECT_EQ(f.since, "2020-02-29");
  EXPECT_EQ(f.until, "2021-01-01");
  EXPECT_EQ(f.text, "قصف");
  EXPECT_EQ(f.governorate, "gov:Idlib");
  EXPECT_EQ(sv::int_param(sv::parse_query("limit=7"), "limit", 100, 0, 1000), 7);
  EXPECT_EQ(sv::int_param(sv::parse_query(""), "limit", 100, 0, 1000), 100);
}

TEST(ServeParams, BadValuesAre400WithTheirName) {
  struct Case {
    const char* query;
    const char* parameter;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"type=BOMB", "type"},
           {"type=ASSAULT&type=COERCE", "type"},
           {"actor=%27%3B%20DROP%20TABLE%20events%3B--", "actor"},
           {"actor=", "actor"},
           {"patron=A", "patron"},
           {"place=", "place"},
           {"text=%FF%FE", "text"},
           {"text=%C0%AF", "text"},           // overlong '/'
           {"text=%ED%A0%80", "text"},        // lone surrogate
           {"place=a%00b", "place"},          // NUL
           {"near=91,0", "near"},
           {"near=nan,inf", "near"},
           {"near=1e999,0", "near"},
           {"near=0,0&place=x", "near"},
           {"radius=5", "radius"},
           {"near=0,0&radius=0", "radius"},
           {"near=0,0&radius=1e309", "radius"},
           {"since=2021-02-30", "since"},
           {"since=2021-1-01", "since"},
           {"since=+021-01-01", "since"},
           {"until=%D9%A2%D9%A0%D9%A2%D9%A1-01-01", "until"},  // Arabic-Indic digits
           {"since=2021-02-01&until=2021-01-01", "since"},
           {"limit=-1", "limit"},
           {"limit=1001", "limit"},
           {"limit=99999999999999999999", "limit"},
           {"limit=1e2", "limit"},
       }) {
    auto [status, parameter] = error_of(c.query);
    EXPECT_EQ(status, 400) << c.query;
    EXPECT_EQ(parameter, c.parameter) << c.query;
  }
  auto [status, parameter] = error_of("color=red");
  EXPECT_EQ(status, 400);
  EXPECT_EQ(parameter, "color");
  std::string long_value = "text=" + std::string(300, 'a');
  EXPECT_EQ(error_of(long_value).first, 400);
  // an unknown name that is not UTF-8 is not echoed back
  EXPECT_EQ(error_of("%FF=1").second, "(unprintable)");
}

TEST(ServeParams, SqlMetacharactersAreJustText) {
  // Accepted as text/place values (they are bound as SQL parameters, never spliced).
  for (const char* q : {"text=%27%20OR%201%3D1%20--", "place=%22%3B%20DELETE%20FROM%20events", "text=%25_%5C",
                        "governorate=%27)%20UNION%20SELECT%201--"}) {
    auto p = sv::parse_query(q);
    EXPECT_NO_THROW(sv::check_params(p, {})) << q;
    EXPECT_NO_THROW((void)sv::parse_filter(p)) << q;
  }
}

std::string regression(const char* name) {
  std::ifstream in(std::string(MARSAD_SOURCE_DIR) + "/fuzz/regressions/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Found by fuzz_params: a text word that FTS5 splits into several terms
// ("2.5SSS_5": params-fts-phrase-text.bin; U+19B9, a letter for ICU but a
// mark in SQLite's Unicode 6.1 tables, sent as %u19B9: params-fts-u-escape-text.bin)
// became a phrase query, which the detail=none index refuses: the store threw
// and the server said 500. The query is now split by SQLite's own tokenizer.
TEST(ServeParams, FuzzRegressionTextThatFtsSplitsIsQueryable) {
  std::string query = regression("params-fts-phrase-text.bin");
  auto dir = std::filesystem::temp_directory_path() / ("marsad-params-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    auto db = marsad::store::open_sqlite(dir / "p.db");
    marsad::Document d{"d1", "2021-01-28", "o", "", "", "قصف قوات النظام بلدة كفرنبل a_b 2.5SSS"};
    marsad::Event e;
    e.type = "ASSAULT";
    db->begin();
    db->add(d, marsad::store::document_key(d.text), marsad::Result{"d1", {e}, {}}, {"t", "UTF-8"});
    db->commit();
    std::vector<std::string> queries{query, "text=a_b", "text=2.5SSS", "text=%D9%82%D9%8E%D8%B5%D9%81",
                                     "text=x%C2%B2y", "text=%F0%9F%98%80",
                                     regression("params-fts-u-escape-text.bin"), "text=a%E1%A6%B9b"};
    std::vector<size_t> found;
    for (const auto& q : queries) {
      auto p = sv::parse_query(q);
      marsad::store::Filter f;
      try {
        sv::check_params(p, {});
        f = sv::parse_filter(p);
      } catch (const ParamError&) {
        found.push_back(99);  // refused as a parameter: fine, but not for these
        continue;
      }
      size_t n = 0;
      EXPECT_NO_THROW(db->query(f, [&](const marsad::store::EventRecord&) { return ++n > 0; })) << q;
      found.push_back(n);
    }
    EXPECT_EQ(found[1], 1u);  // "a_b" = terms a, b: both in the document
    EXPECT_EQ(found[2], 1u);
  }
  std::filesystem::remove_all(dir);
}

TEST(ServeLruCache, EvictsLeastRecentlyUsedWithinTheByteBudget) {
  sv::LruCache<std::string, int> c(100);
  EXPECT_TRUE(c.put("a", std::make_shared<int>(1), 40));
  EXPECT_TRUE(c.put("b", std::make_shared<int>(2), 40));
  ASSERT_TRUE(c.get("a"));  // a is now the most recent
  EXPECT_TRUE(c.put("c", std::make_shared<int>(3), 40));  // evicts b
  EXPECT_FALSE(c.get("b"));
  EXPECT_EQ(*c.get("a"), 1);
  EXPECT_EQ(*c.get("c"), 3);
  EXPECT_LE(c.bytes(), c.budget());
  EXPECT_FALSE(c.put("huge", std::make_shared<int>(4), 101));  // never kept
  EXPECT_FALSE(c.get("huge"));
  EXPECT_EQ(c.size(), 2u);
  EXPECT_TRUE(c.put("a", std::make_shared<int>(5), 90));  // replacing a key frees its old bytes
  EXPECT_EQ(*c.get("a"), 5);
  EXPECT_EQ(c.bytes(), 90u);
  EXPECT_FALSE(c.get("c"));
  auto held = c.get("a");
  c.clear();
  EXPECT_EQ(*held, 5);  // a value in use outlives its eviction
  EXPECT_EQ(c.bytes(), 0u);
}

}  // namespace
