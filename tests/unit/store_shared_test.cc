// One test suite for both Store implementations (issue 7): every test runs on
// a SQLite file and on PostgreSQL/PostGIS. The PostgreSQL variant starts its
// own throw-away cluster on 127.0.0.1 (tests/integration/servers.sh; as root
// it runs as `nobody`), once per process, each test in its own schema. When
// the cluster cannot start, the PostgreSQL tests FAIL with the reason. Set
// MARSAD_TEST_PG_DSN to use an existing server instead (the tests create and
// drop schemas in it).
//
// Built as its own program (marsad_store_shared_tests) so that ctest runs it
// as one process with one cluster.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "io/documents.h"
#include "marsad/marsad.h"
#include "store/export.h"
#include "store/open.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace marsad;
using namespace marsad::store;

namespace {

// Runs a shell command; returns (exit status, stdout). stderr goes to `err_file`.
std::pair<int, std::string> run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return {-1, out};
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int rc = ::pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return {rc, out};
}

std::string slurp(const fs::path& p) {
  std::string s;
  if (FILE* f = std::fopen(p.c_str(), "rb")) {
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) s.append(buf.data(), n);
    std::fclose(f);
  }
  return s;
}

// The test cluster: started on first use, stopped when the program ends.
class PgCluster : public testing::Environment {
 public:
  // The DSN, or "" with error() set.
  const std::string& dsn() {
    if (!tried_) start();
    return dsn_;
  }
  const std::string& error() const { return error_; }

  void TearDown() override {
    if (!dir_.empty()) {
      run("'" + script() + "' postgres-stop '" + (dir_ / "pg").string() + "' 2>/dev/null");
      std::error_code ec;
      fs::remove_all(dir_, ec);
    }
  }

 private:
  static std::string script() { return std::string(MARSAD_SOURCE_DIR) + "/tests/integration/servers.sh"; }

  void start() {
    tried_ = true;
    if (const char* env = std::getenv("MARSAD_TEST_PG_DSN"); env && *env) {
      dsn_ = env;
      return;
    }
    std::string tmpl = (fs::temp_directory_path() / "marsad_pg_XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) {
      error_ = "cannot create a temporary directory for the PostgreSQL cluster";
      return;
    }
    dir_ = tmpl;
    auto [rc, out] = run("'" + script() + "' postgres-start '" + (dir_ / "pg").string() + "' 2>'" +
                         (dir_ / "start.err").string() + "'");
    if (rc != 0 || out.rfind("postgresql://", 0) != 0) {
      error_ = "the PostgreSQL test cluster did not start: " + slurp(dir_ / "start.err") + out;
      return;
    }
    dsn_ = out;
  }

  bool tried_ = false;
  fs::path dir_;
  std::string dsn_, error_;
};

PgCluster* const g_cluster = static_cast<PgCluster*>(testing::AddGlobalTestEnvironment(new PgCluster));

// Runs one SQL command on `dsn` (schema set-up); "" or the error.
std::string pg_exec(const std::string& dsn, const std::string& sql) {
  PGconn* c = PQconnectdb(dsn.c_str());
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) err = PQerrorMessage(c);
  else {
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) err = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  return err;
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
      {"civilians", "Civilians", "مدنيين", "civilians", "", "", {}},
      {"iran_forces", "Iranian forces", "القوات الإيرانية", "external_state_forces", "IRN", "", {}},
      {"irgc", "IRGC", "الحرس الثوري", "external_state_forces", "IRN", "iran_forces", {}},
      {"irgc_regiment47", "IRGC Regiment 47", "الفوج 47", "political_militia", "IRN", "irgc", {"iran"}},
      {"ndf", "National Defence Forces", "الدفاع الوطني", "political_militia", "SYR", "", {"iran", "russia"}},
      {"sdf", "SDF", "قسد", "rebel_group", "SYR", "", {"usa"}},
      {"syria_regime_forces", "Regime forces", "قوات النظام", "state_forces", "SYR", "", {"russia", "iran"}},
  };
}

enum class Backend { Sqlite, Postgres };
void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::Sqlite ? "SQLite" : "PostgreSQL"); }

std::string backend_name(const testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::Sqlite ? "SQLite" : "PostgreSQL";
}

class SharedStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    static int counter = 0;
    std::string tag = std::to_string(::getpid()) + "_" + std::to_string(++counter);
    if (GetParam() == Backend::Sqlite) {
      fs::path dir = fs::temp_directory_path() / ("marsad_shared_test_" + std::to_string(::getpid()));
      fs::create_directories(dir);
      db_ = (dir / ("t" + tag + ".db")).string();
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_ + suffix);
    } else {
      const std::string& base = g_cluster->dsn();
      ASSERT_FALSE(base.empty()) << g_cluster->error();
      schema_ = "t_" + tag;
      std::string err = pg_exec(base, "CREATE EXTENSION IF NOT EXISTS postgis; CREATE SCHEMA " + schema_);
      ASSERT_EQ(err, "") << "cannot create schema " << schema_ << " in " << base;
      base_ = base;
      db_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_ + "%2Cpublic";
    }
    store_ = open();
    store_->put_actors(registry());
  }
  void TearDown() override {
    store_.reset();
    if (!schema_.empty()) pg_exec(base_, "DROP SCHEMA " + schema_ + " CASCADE");
    if (GetParam() == Backend::Sqlite)
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_ + suffix);
  }

  std::unique_ptr<Store> open(bool read_only = false) {
    OpenOptions o;
    o.read_only = read_only;
    return open_store(db_, o);
  }

  AddOutcome add(const Document& d, const Result& r, Store* s = nullptr) {
    Store& st = s ? *s : *store_;
    st.begin();
    AddOutcome o = st.add(d, document_key(d.text), r, DocumentInfo{"test", "UTF-8"});
    st.commit();
    return o;
  }
  std::vector<EventRecord> query(const Filter& f, Store* s = nullptr) {
    std::vector<EventRecord> out;
    (s ? *s : *store_).query(f, [&](const EventRecord& e) {
      out.push_back(e);
      return true;
    });
    return out;
  }

  std::string db_, base_, schema_;
  std::unique_ptr<Store> store_;
};

TEST_P(SharedStoreTest, OpensByName) {
  EXPECT_EQ(is_postgres_dsn(db_), GetParam() == Backend::Postgres);
  EXPECT_EQ(store_->stats().documents, 0);
}

TEST_P(SharedStoreTest, MergesDuplicatesAcrossArticles) {
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
  ASSERT_EQ(events[0].sources.size(), 2u);
  EXPECT_EQ(events[0].sources[0].doc_id, "a");
  EXPECT_EQ(events[0].sources[1].doc_id, "b");
  EXPECT_EQ(events[0].event.casualties.killed, 4) << "merged casualties take the larger figure";
  EXPECT_FALSE(events[0].sources[1].sentence.empty()) << "evidence kept per source";

  // Near-misses: 3 days later; other type; 65 km away; conflicting actors; 6 km away.
  Result far_day{"", {assault({actor("syria_regime_forces")}, {}, bukamal, "2021-01-30")}, {}};
  Event other_type = assault({}, {}, bukamal, "2021-01-26");
  other_type.type = "COERCE";
  Result r_type{"", {other_type}, {}};
  Result far_place{"", {assault({actor("syria_regime_forces")}, {}, town("الميادين", "Al-Mayadin", 35.0192, 40.4518), "2021-01-26")}, {}};
  Result other_actor{"", {assault({actor("sdf")}, {}, bukamal, "2021-01-26")}, {}};
  Result six_km{"", {assault({actor("syria_regime_forces")}, {}, town("قرية", "Six-km", 34.4536 + 6.0 / 111.2, 40.9367), "2021-01-26")}, {}};
  add(doc("c", "نص ثالث عن قصف البوكمال بعد ثلاثة أيام."), far_day);
  add(doc("d", "نص رابع عن اعتقالات في البوكمال."), r_type);
  add(doc("e", "نص خامس عن قصف الميادين."), far_place);
  add(doc("f", "نص سادس عن قصف قسد للبوكمال."), other_actor);
  add(doc("g", "نص سابع عن قصف قرية على بعد ستة كيلومترات."), six_km);
  EXPECT_EQ(query({}).size(), 6u);
  // A sub-unit is compatible with its parent: merges.
  Result sub{"", {assault({actor("irgc_regiment47")}, {}, bukamal, "2021-01-30")}, {}};
  Result parent{"", {assault({actor("irgc")}, {}, near_bukamal, "2021-01-30")}, {}};
  EXPECT_EQ(add(doc("h", "الفوج 47 يقصف البوكمال."), sub).events_new, 1u) << "regime forces and IRGC are not related";
  EXPECT_EQ(add(doc("i", "الحرس الثوري يقصف حي الحزام."), parent).events_merged, 1u);
}

TEST_P(SharedStoreTest, SameDocumentEventsAndCoarsePlacesStaySeparate) {
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

TEST_P(SharedStoreTest, IdempotentDocumentsAndFailures) {
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
  EXPECT_EQ(store_->stats().event_sources, 1);
  store_->record_failure({"x.warc", "record 3", "Content-Length lies", "warning"});
  store_->record_failure({"x.warc", "record 3", "Content-Length lies", "warning"});
  store_->record_failure({"x.warc", "record 4", "Content-Length lies", "warning"});
  auto f = store_->failures();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].where, "record 3");
  EXPECT_EQ(f[0].severity, "warning");
  EXPECT_EQ(store_->stats().failures, 2);
}

TEST_P(SharedStoreTest, RollbackLeavesNothing) {
  Document d = doc("a", "نص لا يبقى.");
  store_->begin();
  store_->add(d, document_key(d.text), Result{"", {assault({}, {}, town("حلب", "Aleppo", 36.2, 37.1), "2021-01-26")}, {}},
              DocumentInfo{"test", "UTF-8"});
  store_->rollback();
  EXPECT_FALSE(store_->has_document(document_key(d.text)));
  EXPECT_EQ(store_->stats().events, 0);
  EXPECT_TRUE(add(d, Result{}).inserted) << "the store is usable after a rollback";
}

TEST_P(SharedStoreTest, ActorRegistryRoundTrip) {
  auto a = store_->actors();
  ASSERT_EQ(a.size(), registry().size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, registry()[i].id);
    EXPECT_EQ(a[i].name_ar, registry()[i].name_ar);
    EXPECT_EQ(a[i].parent, registry()[i].parent);
    EXPECT_EQ(a[i].patrons, registry()[i].patrons);
  }
  store_->put_actors({registry()[0]});
  EXPECT_EQ(store_->actors().size(), 1u) << "put_actors replaces the registry";
}

TEST_P(SharedStoreTest, Filters) {
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
  Event unlocated;
  unlocated.type = "ACCUSE";
  add(doc("c", "اتهام بلا مكان ولا تاريخ.", ""), Result{"", {unlocated}, {}});

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
  EXPECT_EQ(ids({}), (V{"a", "b", "c"})) << "by date, undated last";
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.limit = 2; })), (V{"a", "b"}));
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
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.place = "al bukamal"; })), V{"a"}) << "English name, loosely";
  Filter near;
  near.near_lat = 34.40;
  near.near_lon = 40.90;
  near.radius_km = 10;  // Al-Bukamal is 6.8 km away
  EXPECT_EQ(ids(near), V{"a"});
  near.radius_km = 6.5;
  EXPECT_EQ(ids(near), V{});
  near.radius_km = 7.2;
  EXPECT_EQ(ids(near), V{"a"});
  near.radius_km = 500;
  EXPECT_EQ(ids(near), (V{"a", "b"}));
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.governorate = "deir-ez-zor"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.since = "2021-02-01"; })), V{"b"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.until = "2021-02-01"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.since = "2021-01-20"; f.until = "2021-01-20"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.text = "الدفاع الوطني"; })), V{"b"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.text = "الفوج"; })), V{"a"});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.text = "غير موجود"; })), V{});
  EXPECT_EQ(ids(filter_of([](Filter& f) { f.type = "ASSAULT"; f.actor = "ndf"; })), V{});
  EXPECT_THROW(ids(filter_of([](Filter& f) { f.since = "27/01/2021"; })), StoreError);

  Stats s = store_->stats();
  EXPECT_EQ(s.documents, 3);
  EXPECT_EQ(s.events, 3);
  ASSERT_EQ(s.patron_edges.size(), 1u);
  EXPECT_EQ(s.patron_edges[0].actor, "ndf");
  EXPECT_EQ(s.patron_edges[0].patron, "russia");
  ASSERT_FALSE(s.by_week.empty());
  EXPECT_EQ(s.by_week[0].key, "2021-W03");
  ASSERT_EQ(s.by_type.size(), 3u);
  ASSERT_FALSE(s.top_actors.empty());
  EXPECT_EQ(s.top_actors[0].key, "irgc_regiment47");
}

TEST_P(SharedStoreTest, ReadOnlyReopenSeesTheSameEvents) {
  add(doc("a", "قصفت قوات النظام البوكمال، ما أدى إلى مقتل 3 مدنيين."),
      Result{"", {assault({actor("syria_regime_forces", "Regime forces")}, {actor("civilians", "Civilians")},
                          town("البوكمال", "Al-Bukamal", 34.4536, 40.9367), "2021-01-26", 3)},
             {}});
  auto ro = open(/*read_only=*/true);
  auto a = query({});
  auto b = query({}, ro.get());
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(event_json(a[0]), event_json(b[0]));
  ExportContext ctx = ExportContext::load(*ro, fs::path(MARSAD_SOURCE_DIR) / "data");
  std::string row = acled_csv_row(b[0], ctx);
  EXPECT_NE(row.find("Al-Bukamal,34.4536,40.9367,1,المدن,"), std::string::npos) << row;
  auto line = nlohmann::json::parse(event_json(b[0]));
  EXPECT_EQ(line["casualties"]["killed"], 3);
  EXPECT_EQ(line["sources"][0]["doc_id"], "a");
}

// Several connections write the same documents at once, in different orders:
// each document and each of its events is stored exactly once, and merges are
// what one writer would have made (one happening, all reports).
TEST_P(SharedStoreTest, ConcurrentWritersNeverDuplicate) {
  constexpr int kDocs = 24;
  constexpr int kWriters = 4;
  std::vector<std::pair<Document, Result>> items;
  for (int i = 0; i < kDocs; ++i) {
    // Pairs of documents report the same shelling (same place, same day).
    Place p = town("بلدة " + std::to_string(i / 2), "Town-" + std::to_string(i / 2), 34.0 + (i / 2) * 0.2, 40.0);
    Result r{"", {assault({actor("syria_regime_forces")}, {}, p, "2021-01-26", i % 5),
                  assault({actor("sdf")}, {}, p, "2021-01-10")}, {}};
    items.emplace_back(doc("d" + std::to_string(i), "تقرير رقم " + std::to_string(i) + " عن قصف بلدة."), r);
  }
  std::vector<std::string> errors(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w)
    threads.emplace_back([&, w] {
      try {
        auto s = open();
        std::vector<int> order(kDocs);
        for (int i = 0; i < kDocs; ++i) order[static_cast<size_t>(i)] = (w % 2 ? kDocs - 1 - i : i);
        for (size_t k = 0; k < order.size(); k += 3) {  // batches of three
          s->begin();
          for (size_t j = k; j < std::min(order.size(), k + 3); ++j) {
            auto& [d, r] = items[static_cast<size_t>(order[j])];
            std::string key = document_key(d.text);
            if (!s->has_document(key)) s->add(d, key, r, DocumentInfo{"writer " + std::to_string(w), "UTF-8"});
          }
          s->commit();
        }
      } catch (const std::exception& e) {
        errors[static_cast<size_t>(w)] = e.what();
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  Stats s = store_->stats();
  EXPECT_EQ(s.documents, kDocs);
  EXPECT_EQ(s.event_sources, 2 * kDocs) << "every event of every document once";
  EXPECT_EQ(s.events, kDocs) << "pairs merge, as with one writer";
  std::map<std::string, int> reports;
  for (const auto& e : query({})) {
    EXPECT_EQ(e.sources.size(), 2u) << "event " << e.id;
    for (const auto& src : e.sources) ++reports[src.doc_id];
  }
  EXPECT_EQ(reports.size(), static_cast<size_t>(kDocs));
  for (const auto& [id, n] : reports) EXPECT_EQ(n, 2) << id;
}

INSTANTIATE_TEST_SUITE_P(Stores, SharedStoreTest, testing::Values(Backend::Sqlite, Backend::Postgres), backend_name);

// The same coded articles give the same stored events, exports and stats on
// both stores (242 golden sentences coded by the real Coder).
TEST(StoreParity, CodedArticlesGiveTheSameEventsOnBothStores) {
  const std::string& base = g_cluster->dsn();
  ASSERT_FALSE(base.empty()) << g_cluster->error();
  auto coder = Coder::load(fs::path(MARSAD_SOURCE_DIR) / "data");
  std::vector<Document> docs;
  io::DocumentReader reader;
  reader.read(
      std::string(MARSAD_SOURCE_DIR) + "/tests/golden/sentences.jsonl",
      [&](Document&& d, const io::Origin&) {
        if (d.date.empty()) d.date = "2021-03-01";
        docs.push_back(std::move(d));
        return true;
      },
      [](const io::ReadError& e) { ADD_FAILURE() << e.to_string(); });
  ASSERT_GT(docs.size(), 100u);

  std::string schema = "parity_" + std::to_string(::getpid());
  ASSERT_EQ(pg_exec(base, "CREATE EXTENSION IF NOT EXISTS postgis; CREATE SCHEMA " + schema), "");
  std::string pg_dsn = base + "?options=-csearch_path%3D" + schema + "%2Cpublic";
  fs::path file = fs::temp_directory_path() / ("marsad_parity_" + std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
  auto actors = load_registry(fs::path(MARSAD_SOURCE_DIR) / "data" / "actors" / "registry.tsv");
  std::vector<std::string> dumps;
  std::vector<Stats> stats;
  for (const std::string& db : {file.string(), pg_dsn}) {
    auto s = open_store(db);
    s->put_actors(actors);
    s->begin();
    for (const Document& d : docs) s->add(d, document_key(d.text), coder->code(d), DocumentInfo{"golden", "UTF-8"});
    s->commit();
    std::string dump;
    s->query({}, [&](const EventRecord& e) {
      dump += event_json(e) + "\n";
      return true;
    });
    dumps.push_back(dump);
    stats.push_back(s->stats(20));
  }
  pg_exec(base, "DROP SCHEMA " + schema + " CASCADE");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
  EXPECT_GT(stats[0].events, 50);
  EXPECT_EQ(dumps[0], dumps[1]);
  EXPECT_EQ(stats[0].documents, stats[1].documents);
  EXPECT_EQ(stats[0].events, stats[1].events);
  EXPECT_EQ(stats[0].event_sources, stats[1].event_sources);
  EXPECT_EQ(stats[0].relations, stats[1].relations);
  auto same = [](const std::vector<Count>& a, const std::vector<Count>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].key != b[i].key || a[i].count != b[i].count) return false;
    return true;
  };
  EXPECT_TRUE(same(stats[0].by_type, stats[1].by_type));
  EXPECT_TRUE(same(stats[0].by_governorate, stats[1].by_governorate));
  EXPECT_TRUE(same(stats[0].by_week, stats[1].by_week));
  EXPECT_TRUE(same(stats[0].top_actors, stats[1].top_actors));
  ASSERT_EQ(stats[0].patron_edges.size(), stats[1].patron_edges.size());
  for (size_t i = 0; i < stats[0].patron_edges.size(); ++i) {
    EXPECT_EQ(stats[0].patron_edges[i].actor, stats[1].patron_edges[i].actor);
    EXPECT_EQ(stats[0].patron_edges[i].count, stats[1].patron_edges[i].count);
  }
}

TEST(StoreOpen, DsnRecognitionAndRedaction) {
  EXPECT_TRUE(is_postgres_dsn("postgresql://u@127.0.0.1:5432/marsad"));
  EXPECT_TRUE(is_postgres_dsn("postgres://u@h/db"));
  EXPECT_TRUE(is_postgres_dsn("host=127.0.0.1 dbname=marsad"));
  EXPECT_FALSE(is_postgres_dsn("marsad.db"));
  EXPECT_FALSE(is_postgres_dsn("/data/x=1/marsad.db"));
  EXPECT_EQ(redact_dsn("postgresql://marsad:s3cret@db.example:5432/marsad"), "postgresql://marsad:***@db.example:5432/marsad");
  EXPECT_EQ(redact_dsn("host=h password=s3cret dbname=m"), "host=h password=*** dbname=m");
  EXPECT_THROW(open_postgres("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"), StoreError);
}

}  // namespace
