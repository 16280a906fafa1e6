// API tests of `marsad serve` (issue 5): a small database coded from the seed
// article and a few test articles, the server on an ephemeral loopback port
// in a thread, queried with httplib::Client.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include <unistd.h>

#include "marsad/marsad.h"
#include "serve/server.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace marsad;

fs::path source_dir() { return MARSAD_SOURCE_DIR; }

// Percent-encodes every byte outside [A-Za-z0-9-_.~].
std::string pct(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

const char* const kScriptText =
    "قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي يوم الثلاثاء <script>alert(1)</script> ما أدى إلى مقتل "
    "ثلاثة مدنيين وإصابة خمسة آخرين.";

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("marsad-serve-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "assets" / "vendor");
    std::ofstream(dir_ / "assets" / "index.html") << "<!doctype html><title>t</title>";
    std::ofstream(dir_ / "assets" / "app.js") << "'use strict';";
    std::ofstream(dir_ / "secret.txt") << "outside the asset directory";
    db_path_ = dir_ / "serve.db";

    auto coder = Coder::load(source_dir() / "data");
    auto db = store::open_sqlite(db_path_);
    db->put_actors(store::load_registry(source_dir() / "data" / "actors" / "registry.tsv"));
    std::vector<Document> docs;
    {
      std::ifstream in(source_dir() / "data" / "sample" / "seed.jsonl");
      std::string line;
      std::getline(in, line);
      json j = json::parse(line);
      docs.push_back(Document{j["id"], j["date"], j.value("outlet", ""), "", j.value("title", ""), j["text"]});
    }
    docs.push_back(Document{"xss", "2021-02-03", "<b>outlet</b>", "javascript:alert(3)",
                            "عنوان <img src=x onerror=alert(2)>", kScriptText});
    docs.push_back(Document{"daraa", "2021-02-10", "test", "", "",
                            "اندلعت اشتباكات بين قوات النظام وفصائل المعارضة في ريف درعا الغربي ليل الاثنين، أسفرت عن "
                            "مقتل أربعة عناصر من الطرفين."});
    db->begin();
    for (const auto& d : docs) {
      Result r = coder->code(d);
      r.doc_id = d.id;
      db->add(d, store::document_key(d.text), r, store::DocumentInfo{"test", "UTF-8"});
    }
    db->commit();
    db.reset();

    serve::Options o;
    o.db = db_path_;
    o.assets = dir_ / "assets";
    o.data_dir = source_dir() / "data";
    dash_ = new serve::Dashboard(o);
    server_ = new httplib::Server();
    dash_->mount(*server_);
    port_ = server_->bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = new std::thread([] { server_->listen_after_bind(); });
    for (int i = 0; i < 200 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete dash_;
    fs::remove_all(dir_);
  }

  static httplib::Result get(const std::string& path) {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(30);
    return c.Get(path.c_str());
  }
  static json get_json(const std::string& path, int expect = 200) {
    auto r = get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, expect) << path << ": " << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json") << path;
    return json::parse(r->body);
  }

  static inline fs::path dir_;
  static inline fs::path db_path_;
  static inline serve::Dashboard* dash_ = nullptr;
  static inline httplib::Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline int port_ = 0;
};

TEST_F(ServeTest, EventsShapeAndPagination) {
  json all = get_json("/api/events?limit=1000");
  ASSERT_TRUE(all["events"].is_array());
  int64_t total = all["total"];
  EXPECT_GE(total, 10);
  EXPECT_EQ(all["events"].size(), static_cast<size_t>(total));
  const json& e = all["events"][0];
  for (const char* k : {"id", "type", "date", "place", "source", "target", "killed", "n_sources", "sentence"})
    EXPECT_TRUE(e.contains(k)) << k;

  json page = get_json("/api/events?limit=3&offset=2");
  EXPECT_EQ(page["total"], total);
  ASSERT_EQ(page["events"].size(), 3u);
  EXPECT_EQ(page["events"][0]["id"], all["events"][2]["id"]);
  EXPECT_EQ(get_json("/api/events?offset=100000")["events"].size(), 0u);
}

TEST_F(ServeTest, FiltersLikeQuery) {
  json assault = get_json("/api/events?type=ASSAULT&limit=1000");
  EXPECT_GE(assault["total"].get<int>(), 2);
  for (const auto& e : assault["events"]) EXPECT_EQ(e["type"], "ASSAULT");

  json idlib = get_json("/api/events?governorate=" + pct("إدلب"));
  ASSERT_EQ(idlib["total"], 1);
  EXPECT_EQ(idlib["events"][0]["place"]["admin1"], "Idlib");

  json regime = get_json("/api/events?actor=syria_regime_forces&limit=1000");
  EXPECT_GE(regime["total"].get<int>(), 2);
  json since = get_json("/api/events?since=2021-02-01&limit=1000");
  for (const auto& e : since["events"]) EXPECT_GE(e["date"].get<std::string>(), "2021-02-01");
  json text = get_json("/api/events?text=" + pct("كفرنبل"));
  EXPECT_EQ(text["total"], 1);
  json near = get_json("/api/events?near=34.45,40.92&radius=5&limit=1000");
  EXPECT_GE(near["total"].get<int>(), 5);
}

TEST_F(ServeTest, BadParametersAre400) {
  for (const char* path : {"/api/events?limit=abc", "/api/events?limit=-1", "/api/events?limit=1000000",
                           "/api/events?since=2021-13-01", "/api/events?until=yesterday", "/api/events?type=BOMB",
                           "/api/events?near=91,0", "/api/events?radius=5", "/api/events?actor=%27%3B%20DROP",
                           "/api/events?color=red", "/api/timeline?bucket=month", "/api/events/abc",
                           "/api/events?since=2021-02-01&until=2021-01-01", "/api/events?text=%FF%FE"}) {
    json j = get_json(path, 400);
    EXPECT_TRUE(j["error"].is_string()) << path;
    EXPECT_TRUE(j.contains("parameter")) << path;
  }
  json missing = get_json("/api/events/999999", 404);
  EXPECT_TRUE(missing["error"].is_string());
  EXPECT_EQ(get_json("/api/nothing", 404)["error"].get<std::string>().substr(0, 16), "no such endpoint");
}

TEST_F(ServeTest, EventDetailWithHighlightedEvidence) {
  json list = get_json("/api/events?text=" + pct("كفرنبل"));
  ASSERT_EQ(list["total"], 1);
  int64_t id = list["events"][0]["id"];
  json e = get_json("/api/events/" + std::to_string(id));
  EXPECT_EQ(e["type"], "ASSAULT");
  ASSERT_EQ(e["sources"].size(), 1u);
  const json& s = e["sources"][0];
  // The article's HTML is data: returned verbatim inside JSON strings, never interpreted.
  EXPECT_NE(s["sentence"].get<std::string>().find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_EQ(s["title"], "عنوان <img src=x onerror=alert(2)>");
  std::string joined;
  std::set<std::string> marks;
  for (const auto& seg : s["segments"]) {
    joined += seg["text"].get<std::string>();
    if (!seg["mark"].is_null()) marks.insert(seg["mark"]);
  }
  EXPECT_EQ(joined, s["sentence"].get<std::string>());
  EXPECT_TRUE(marks.count("trigger"));
  EXPECT_TRUE(marks.count("actor"));
  EXPECT_TRUE(marks.count("place"));
  for (const auto& seg : s["segments"]) {
    if (seg["mark"] == "trigger") {
      EXPECT_EQ(seg["text"], "قصفت");
    }
  }
}

TEST_F(ServeTest, SplitSentenceUsesCodePoints) {
  std::string s = "قصفت قوات النظام كفرنبل";
  auto segs = serve::split_sentence(s, {{"trigger", 0, 4, ""}, {"actor", 5, 16, ""}, {"place", 17, 23, ""}, {"date", 99, 120, ""}});
  ASSERT_EQ(segs.size(), 5u);
  EXPECT_EQ(segs[0].text, "قصفت");
  EXPECT_EQ(segs[0].mark, "trigger");
  EXPECT_EQ(segs[1].text, " ");
  EXPECT_EQ(segs[2].text, "قوات النظام");
  EXPECT_EQ(segs[4].text, "كفرنبل");
  EXPECT_EQ(segs[4].mark, "place");
  EXPECT_EQ(serve::code_points_before(s, s.find("قوات")), 5u);
}

TEST_F(ServeTest, ActorsNetworkPlacesTimeline) {
  json actors = get_json("/api/actors");
  ASSERT_TRUE(actors["actors"].is_array());
  ASSERT_FALSE(actors["actors"].empty());
  EXPECT_TRUE(actors["patrons"].is_array());
  for (const auto& a : actors["actors"]) EXPECT_GT(a["events"].get<int>(), 0);

  json net = get_json("/api/network");
  ASSERT_FALSE(net["nodes"].empty());
  std::set<std::string> kinds, ids;
  for (const auto& n : net["nodes"]) ids.insert(n["id"]);
  for (const auto& e : net["edges"]) {
    kinds.insert(e["kind"]);
    EXPECT_TRUE(ids.count(e["source"])) << e.dump();
    EXPECT_TRUE(ids.count(e["target"])) << e.dump();
    EXPECT_GE(e["weight"].get<int>(), 1);
  }
  EXPECT_TRUE(kinds.count("backed_by"));
  EXPECT_TRUE(kinds.count("part_of"));
  EXPECT_TRUE(kinds.count("hostile"));
  EXPECT_TRUE(ids.count("russia"));

  json places = get_json("/api/places");
  EXPECT_GE(places["governorates"].size(), 14u);  // every Syrian governorate, for the basemap
  int64_t deir = 0;
  for (const auto& g : places["governorates"])
    if (g["name_en"] == "Deir ez-Zor") deir = g["events"];
  EXPECT_GE(deir, 5);
  ASSERT_FALSE(places["markers"].empty());
  EXPECT_TRUE(places["markers"][0]["lat"].is_number());

  json day = get_json("/api/timeline");
  EXPECT_EQ(day["bucket"], "day");
  ASSERT_FALSE(day["bins"].empty());
  int64_t sum = day["undated"];
  for (const auto& b : day["bins"]) sum += b["count"].get<int64_t>();
  EXPECT_EQ(sum, day["total"]);
  json week = get_json("/api/timeline?bucket=week&type=ASSAULT");
  EXPECT_LT(week["bins"].size(), day["bins"].size());
}

TEST_F(ServeTest, StaticFilesAndTraversal) {
  auto page = get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  std::string csp = page->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  auto js = get("/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  // API responses carry the policy too.
  EXPECT_FALSE(get("/api/timeline")->get_header_value("Content-Security-Policy").empty());

  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/vendor/../../secret.txt", "/.hidden",
                           "/vendor/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%5c..%5csecret.txt"}) {
    auto r = get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_TRUE(r->status == 400 || r->status == 404) << path << " " << r->status;
    EXPECT_EQ(r->body.find("outside the asset directory"), std::string::npos) << path;
  }
  EXPECT_EQ(get("/no-such-file.js")->status, 404);
}

}  // namespace
