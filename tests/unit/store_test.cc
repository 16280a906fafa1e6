// Tests of the event store: document keys, the dedup rule (constructed
// duplicates and near-misses), the SQLite schema, filters, stats and exports.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "store/dedup.h"
#include "store/export.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace marsad;
using namespace marsad::store;

namespace {

fs::path temp_db(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("marsad_store_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

ActorRef actor(const std::string& id, const std::string& en = "") { return ActorRef{id, id + "_ar", en.empty() ? id : en, {}}; }

Place town(const std::string& ar, const std::string& en, double lat, double lon, const std::string& admin1 = "Deir ez-Zor") {
  Place p;
  p.name_ar = ar;
  p.name_en = en;
  p.gazetteer_id = "gn:" + en;
  p.lat = lat;
  p.lon = lon;
  p.country = "SYR";
  p.admin1 = admin1;
  p.precision = "town";
  return p;
}

Event assault(std::vector<ActorRef> src, std::vector<ActorRef> tgt, Place where, const std::string& date,
              std::optional<int> killed = std::nullopt) {
  Event e;
  e.type = "ASSAULT";
  e.mode = "shelling";
  e.acled_event_type = "Explosions/Remote violence";
  e.acled_sub_event_type = "Shelling/artillery/missile attack";
  e.source = std::move(src);
  e.target = std::move(tgt);
  e.location = std::move(where);
  e.date = Date{date, "day", "أمس", {}};
  e.casualties.killed = killed;
  e.evidence = Evidence{Span{0, 20}, Span{5, 9}, "triggers.tsv:1:قصفت"};
  return e;
}

Document doc(const std::string& id, const std::string& text, const std::string& date = "2021-01-27") {
  return Document{id, date, "المدن", "https://example.org/" + id, "عنوان " + id, text};
}

std::vector<ActorInfo> registry() {
  return {
      {"irgc", "IRGC", "الحرس الثوري", "external_state_forces", "IRN", "iran_forces", {}},
      {"irgc_regiment47", "IRGC Regiment 47", "الفوج 47", "political_militia", "IRN", "irgc", {"iran"}},
      {"iran_forces", "Iranian forces", "القوات الإيرانية", "external_state_forces", "IRN", "", {}},
      {"ndf", "National Defence Forces", "الدفاع الوطني", "political_militia", "SYR", "", {"iran", "russia"}},
      {"sdf", "SDF", "قسد", "rebel_group", "SYR", "", {"usa"}},
      {"syria_regime_forces", "Regime forces", "قوات النظام", "state_forces", "SYR", "", {"russia", "iran"}},
      {"civilians", "Civilians", "مدنيين", "civilians", "", "", {}},
  };
}

bool related_by_registry(const std::string& a, const std::string& b) {
  auto parent = [](const std::string& x) -> std::string {
    for (const auto& r : registry())
      if (r.id == x) return r.parent;
    return "";
  };
  for (std::string cur = parent(b); !cur.empty(); cur = parent(cur))
    if (cur == a) return true;
  for (std::string cur = parent(a); !cur.empty(); cur = parent(cur))
    if (cur == b) return true;
  return false;
}

}  // namespace

TEST(DocumentKey, IgnoresFoldingAndWhitespace) {
  std::string a = "قصفت قوات النظام بلدة كفرنبل في ريف إدلب.";
  std::string b = "  قَصَفَت   قوات النظام\nبلدة كفرنبل في ريف ادلب. ";
  EXPECT_EQ(document_key(a), document_key(b));
  EXPECT_NE(document_key(a), document_key("قصفت قوات النظام بلدة كفرنبل في ريف حماة."));
  EXPECT_EQ(document_key(a).size(), 32u);
}

TEST(StoreDates, IsoDayRoundTrip) {
  EXPECT_EQ(*iso_day("1970-01-01"), 0);
  EXPECT_EQ(*iso_day("2021-01-27") - *iso_day("2021-01-26"), 1);
  EXPECT_EQ(day_to_iso(*iso_day("2024-02-29")), "2024-02-29");
  EXPECT_EQ(day_to_iso(*iso_day("2021-03")), "2021-03-01");
  EXPECT_FALSE(iso_day("27/01/2021"));
  EXPECT_FALSE(iso_day(""));
}

TEST(Dedup, Rule) {
  DedupKey a;
  a.type = "ASSAULT";
  a.day = *iso_day("2021-01-27");
  a.lat = 34.45;
  a.lon = 40.92;
  a.source = {"syria_regime_forces"};
  a.target = {"civilians"};
  a.document = 1;
  DedupKey b = a;
  b.document = 2;
  b.lat = 34.47;  // ~2.2 km
  EXPECT_TRUE(same_happening(a, b, related_by_registry)) << "duplicate 2 km apart";
  b.day = *a.day + 1;
  EXPECT_TRUE(same_happening(a, b, related_by_registry)) << "one day apart";

  DedupKey c = b;
  c.day = *a.day + 2;
  EXPECT_FALSE(same_happening(a, c, related_by_registry)) << "two days apart";
  c = b;
  c.lat = 34.51;  // ~6.7 km
  EXPECT_FALSE(same_happening(a, c, related_by_registry)) << "6.7 km apart";
  c = b;
  c.type = "COERCE";
  EXPECT_FALSE(same_happening(a, c, related_by_registry)) << "other type";
  c = b;
  c.source = {"sdf"};
  EXPECT_FALSE(same_happening(a, c, related_by_registry)) << "other actor";
  c = b;
  c.source = {};
  EXPECT_TRUE(same_happening(a, c, related_by_registry)) << "unnamed source is compatible";
  c = b;
  c.document = a.document;
  EXPECT_FALSE(same_happening(a, c, related_by_registry)) << "same document never merges";
  c = b;
  c.day.reset();
  EXPECT_FALSE(same_happening(a, c, related_by_registry)) << "no date";

  // Sub-unit and parent are compatible.
  DedupKey p = a, q = b;
  p.source = {"irgc"};
  q.source = {"irgc_regiment47"};
  EXPECT_TRUE(same_happening(p, q, related_by_registry));
  // Reciprocal: roles may be swapped.
  p.reciprocal = q.reciprocal = true;
  p.source = {"sdf"};
  p.target = {"ndf"};
  q.source = {"ndf"};
  q.target = {"sdf"};
  EXPECT_TRUE(same_happening(p, q, related_by_registry));
  // Without coordinates: same gazetteer id or same name.
  DedupKey u = a, v = b;
  u.lat.reset();
  v.lat.reset();
  u.gazetteer_id = v.gazetteer_id = "SY0901";
  EXPECT_TRUE(same_happening(u, v, related_by_registry));
  v.gazetteer_id = "SY0902";
  EXPECT_FALSE(same_happening(u, v, related_by_registry));
}

TEST(Dedup, Distance) {
  EXPECT_NEAR(distance_km(33.5138, 36.2765, 36.2021, 37.1343), 309.0, 5.0);  // Damascus - Aleppo
  EXPECT_NEAR(distance_km(34.45, 40.92, 34.45, 40.92), 0.0, 1e-9);
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = temp_db(::testing::UnitTest::GetInstance()->current_test_info()->name() + std::string(".db"));
    store_ = open_sqlite(path_);
    store_->put_actors(registry());
  }
  AddOutcome add(const Document& d, Result r) {
    r.doc_id = d.id;
    store_->begin();
    AddOutcome o = store_->add(d, document_key(d.text), r, DocumentInfo{"test", "UTF-8"});
    store_->commit();
    return o;
  }
  std::vector<EventRecord> query(const Filter& f) {
    std::vector<EventRecord> out;
    store_->query(f, [&](const EventRecord& e) {
      out.push_back(e);
      return true;
    });
    return out;
  }
  fs::path path_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, MergesDuplicatesAcrossArticles) {
  Place bukamal = town("البوكمال", "Al-Bukamal", 34.4536, 40.9367);
  Place near_bukamal = town("حي الحزام", "Al-Hizam", 34.4600, 40.9300);  // < 1 km
  Result r1{"", {assault({actor("syria_regime_forces")}, {actor("civilians")}, bukamal, "2021-01-26", 3)}, {}};
  Result r2{"", {assault({actor("syria_regime_forces")}, {}, near_bukamal, "2021-01-27", 4)}, {}};
  AddOutcome o1 = add(doc("a", "قصفت قوات النظام مدينة البوكمال ما أدى إلى مقتل ثلاثة مدنيين."), r1);
  AddOutcome o2 = add(doc("b", "قتل أربعة مدنيين بقصف لقوات النظام على حي الحزام في البوكمال."), r2);
  EXPECT_EQ(o1.events_new, 1u);
  EXPECT_EQ(o2.events_merged, 1u);
  auto events = query({});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].sources.size(), 2u);
  EXPECT_EQ(events[0].sources[0].doc_id, "a");
  EXPECT_EQ(events[0].sources[1].doc_id, "b");
  EXPECT_EQ(events[0].event.casualties.killed, 4) << "merged casualties take the larger figure";
  EXPECT_FALSE(events[0].sources[1].sentence.empty()) << "evidence kept per source";

  // Near-misses: 3 days later; other type; 30 km away; conflicting actors.
  Result far_day{"", {assault({actor("syria_regime_forces")}, {}, bukamal, "2021-01-30")}, {}};
  Event other_type = assault({}, {}, bukamal, "2021-01-26");
  other_type.type = "COERCE";
  Result r_type{"", {other_type}, {}};
  Result far_place{"", {assault({actor("syria_regime_forces")}, {}, town("الميادين", "Al-Mayadin", 35.0192, 40.4518), "2021-01-26")}, {}};
  Result other_actor{"", {assault({actor("sdf")}, {}, bukamal, "2021-01-26")}, {}};
  add(doc("c", "نص ثالث عن قصف البوكمال بعد ثلاثة أيام."), far_day);
  add(doc("d", "نص رابع عن اعتقالات في البوكمال."), r_type);
  add(doc("e", "نص خامس عن قصف الميادين."), far_place);
  add(doc("f", "نص سادس عن قصف قسد للبوكمال."), other_actor);
  EXPECT_EQ(query({}).size(), 5u);
}

TEST_F(SqliteStoreTest, SameDocumentEventsAndCoarsePlacesStaySeparate) {
  Place bukamal = town("البوكمال", "Al-Bukamal", 34.4536, 40.9367);
  Result two{"", {assault({}, {}, bukamal, "2021-01-26"), assault({}, {}, bukamal, "2021-01-26")}, {}};
  add(doc("a", "قصفان على البوكمال في يوم واحد."), two);
  EXPECT_EQ(query({}).size(), 2u);
  Place syria;
  syria.name_ar = "سوريا";
  syria.name_en = "Syria";
  syria.gazetteer_id = "country:SYR";
  syria.lat = 35;
  syria.lon = 38;
  syria.precision = "country";
  add(doc("b", "غارة في سوريا."), Result{"", {assault({}, {}, syria, "2021-01-26")}, {}});
  add(doc("c", "غارة أخرى في سوريا."), Result{"", {assault({}, {}, syria, "2021-01-26")}, {}});
  EXPECT_EQ(query({}).size(), 4u) << "country-level places never merge";
}

TEST_F(SqliteStoreTest, IdempotentDocumentsAndFailures) {
  Document d = doc("a", "نص الخبر الأول عن قصف البوكمال.");
  Result r{"", {assault({}, {}, town("البوكمال", "Al-Bukamal", 34.45, 40.93), "2021-01-26")}, {}};
  EXPECT_TRUE(add(d, r).inserted);
  EXPECT_TRUE(store_->has_document(document_key(d.text)));
  Document again = d;
  again.id = "a-copy";
  again.text = "  نَص الخبر الأول عن قصف البوكمال. ";
  EXPECT_FALSE(add(again, r).inserted);
  EXPECT_EQ(store_->stats().documents, 1);
  EXPECT_EQ(store_->stats().events, 1);
  store_->record_failure({"x.warc", "record 3", "Content-Length lies", "warning"});
  store_->record_failure({"x.warc", "record 3", "Content-Length lies", "warning"});
  EXPECT_EQ(store_->failures().size(), 1u);
}

TEST_F(SqliteStoreTest, Filters) {
  Place bukamal = town("البوكمال", "Al-Bukamal", 34.4536, 40.9367);
  Place aleppo = town("حلب", "Aleppo", 36.2021, 37.1343, "Aleppo");
  add(doc("a", "الفوج 47 التابع للحرس الثوري يقصف البوكمال."),
      Result{"", {assault({actor("irgc_regiment47")}, {}, bukamal, "2021-01-20")}, {}});
  Event meeting;
  meeting.type = "CONSULT";
  meeting.source = {actor("ndf")};
  meeting.location = aleppo;
  meeting.date = Date{"2021-02-10", "day", "", {}};
  Relation rel{actor("ndf"), "backed_by", actor("russia"), {}};
  add(doc("b", "اجتماع لقادة الدفاع الوطني المدعوم من روسيا في مدينة حلب."), Result{"", {meeting}, {rel}});

  auto ids = [&](Filter f) {
    std::vector<std::string> out;
    for (auto& e : query(f)) out.push_back(e.sources.at(0).doc_id);
    return out;
  };
  using V = std::vector<std::string>;
  auto filter_of = [](auto set) {
    Filter f;
    set(f);
    return f;
  };
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.type = "ASSAULT"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.actor = "irgc"; })), V{"a"}) << "actor includes sub-units";
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.actor = "iran_forces"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.actor = "irgc_regiment47"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.actor = "ndf"; })), V{"b"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.patron = "iran"; })), (V{"a", "b"})) << "registry patrons";
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.patron = "russia"; })), V{"b"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.patron = "usa"; })), V{});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.place = "البوكمال"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.place = "Aleppo"; })), V{"b"});
  Filter near;
  near.near_lat = 34.40;
  near.near_lon = 40.90;
  near.radius_km = 10;
  EXPECT_EQ(ids(near), V{"a"});
  near.radius_km = 2;
  EXPECT_EQ(ids(near), V{});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.governorate = "deir-ez-zor"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.since = "2021-02-01"; })), V{"b"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.until = "2021-02-01"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.since = "2021-01-20"; f.until = "2021-01-20"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.text = "الدفاع الوطني"; })), V{"b"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.text = "الفوج"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.text = "غير موجود"; })), V{});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.type = "ASSAULT"; f.actor = "ndf"; })), V{});

  Stats s = store_->stats();
  EXPECT_EQ(s.documents, 2);
  EXPECT_EQ(s.events, 2);
  ASSERT_EQ(s.patron_edges.size(), 1u);
  EXPECT_EQ(s.patron_edges[0].actor, "ndf");
  EXPECT_EQ(s.patron_edges[0].patron, "russia");
  ASSERT_FALSE(s.by_week.empty());
  EXPECT_EQ(s.by_week[0].key, "2021-W03");
}

TEST_F(SqliteStoreTest, Exports) {
  add(doc("a", "قصفت قوات النظام البوكمال، ما أدى إلى مقتل 3 مدنيين."),
      Result{"", {assault({actor("syria_regime_forces", "Regime forces")}, {actor("civilians", "Civilians")},
                          town("البوكمال", "Al-Bukamal", 34.4536, 40.9367), "2021-01-26", 3)},
             {}});
  Event unlocated;
  unlocated.type = "ACCUSE";
  add(doc("b", "اتهام بلا مكان."), Result{"", {unlocated}, {}});
  ExportContext ctx = ExportContext::load(*store_, fs::path(MARSAD_SOURCE_DIR) / "data");
  EXPECT_EQ(acled_csv_header(),
            "event_id,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"
            "assoc_actor_2,inter2,interaction,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
            "source,notes,fatalities\n");
  auto events = query({});
  ASSERT_EQ(events.size(), 2u);
  std::string row = acled_csv_row(events[0], ctx);
  EXPECT_NE(row.find(",2021-01-26,2021,1,Explosions/Remote violence,Shelling/artillery/missile attack,Regime forces,,1,Civilians,,7,17,Syria,Deir ez-Zor,"), std::string::npos) << row;
  EXPECT_NE(row.find("Al-Bukamal,34.4536,40.9367,1,المدن,"), std::string::npos) << row;
  EXPECT_EQ(row.substr(row.size() - 3), ",3\n");

  std::string geo = geojson_header();
  bool first = true;
  for (auto& e : events) {
    std::string f = geojson_feature(e, ctx, first);
    if (!f.empty()) first = false;
    geo += f;
  }
  geo += geojson_footer();
  auto j = nlohmann::json::parse(geo);
  ASSERT_EQ(j["features"].size(), 1u);
  EXPECT_EQ(j["features"][0]["geometry"]["coordinates"][0], 40.9367);
  EXPECT_EQ(j["features"][0]["properties"]["fatalities"], 3);

  auto line = nlohmann::json::parse(event_json(events[0]));
  EXPECT_EQ(line["type"], "ASSAULT");
  EXPECT_EQ(line["n_sources"], 1);
  EXPECT_EQ(line["sources"][0]["doc_id"], "a");
  EXPECT_EQ(line["casualties"]["killed"], 3);
}
