// Fuzz target: the dashboard's query-parameter parser (src/serve/params.h) —
// the raw query string as it arrives after '?' is %-decoded and split by
// cpp-httplib, checked and turned into a store::Filter, and every accepted
// filter is run as a query against a small SQLite store (parameterised SQL:
// quotes, LIKE wildcards and other metacharacters must not break it).
// Invariants checked: an accepted filter holds only what the API documents.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "io/documents.h"
#include "serve/params.h"
#include "store/store.h"

namespace {

namespace st = marsad::store;

std::string& db_path() {
  static std::string p;
  return p;
}

void remove_db() {
  std::error_code ec;
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db_path() + ext, ec);
}

// One store per process with one event, built on first use, removed at exit.
st::Store& store() {
  static std::unique_ptr<st::Store> db = [] {
    std::string dir = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
    db_path() = dir + "/marsad-fuzz-params-" + std::to_string(getpid()) + ".db";
    remove_db();
    std::atexit(remove_db);
    std::filesystem::path p = db_path();
    auto s = st::open_sqlite(p);
    s->put_actors({st::ActorInfo{"syr_army", "Syrian Army", "قوات النظام", "state_forces", "SYR", "", {"rus"}},
                   st::ActorInfo{"rus", "Russia", "روسيا", "state", "RUS", "", {}}});
    marsad::Event e;
    e.type = "ASSAULT";
    e.source.push_back(marsad::ActorRef{"syr_army", "قوات النظام", "Syrian Army", {}});
    marsad::Place pl;
    pl.name_ar = "كفرنبل";
    pl.name_en = "Kafr Nabl";
    pl.lat = 35.61;
    pl.lon = 36.56;
    pl.admin1 = "Idlib";
    e.location = pl;
    e.date = marsad::Date{"2021-01-27", "day", "أمس", {}};
    marsad::Result r{"d1", {e}, {}};
    marsad::Document d{"d1", "2021-01-28", "outlet", "", "", "قصفت قوات النظام بلدة كفرنبل في ريف إدلب"};
    s->begin();
    s->add(d, st::document_key(d.text), r, st::DocumentInfo{"fuzz", "UTF-8"});
    s->commit();
    return s;
  }();
  return *db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;  // the server refuses request lines over 8 KB
  std::string_view q(reinterpret_cast<const char*>(data), size);
  auto params = marsad::serve::parse_query(q);
  try {
    marsad::serve::check_params(params, {"limit", "offset", "bucket", "min_weight"});
    st::Filter f = marsad::serve::parse_filter(params, [](const std::string& g) { return g; });
    int64_t limit = marsad::serve::int_param(params, "limit", 100, 0, 1000);
    int64_t offset = marsad::serve::int_param(params, "offset", 0, 0, 1'000'000'000);
    if (limit < 0 || limit > 1000 || offset < 0) __builtin_trap();
    // accepted ⇒ documented shape
    for (const std::string* s : {&f.type, &f.actor, &f.patron, &f.place, &f.governorate, &f.text, &f.since, &f.until})
      if (s->size() > 256 || !marsad::io::is_valid_utf8(*s)) __builtin_trap();
    for (const std::string* s : {&f.since, &f.until})
      if (!s->empty() && !marsad::serve::iso_day(*s)) __builtin_trap();
    if (!f.since.empty() && !f.until.empty() && f.since > f.until) __builtin_trap();
    if (f.near_lat.has_value() != f.near_lon.has_value()) __builtin_trap();
    if (f.near_lat && !f.place.empty()) __builtin_trap();
    f.limit = 5;
    size_t n = 0;
    store().query(f, [&](const st::EventRecord&) { return ++n < 5; });
  } catch (const marsad::serve::ParamError& e) {
    if (e.status < 400 || e.status > 499 || e.message.empty()) __builtin_trap();
    if (!marsad::io::is_valid_utf8(e.message)) __builtin_trap();  // echoed into JSON
  }
  // store::StoreError or anything else escaping is a finding (the server would answer 500).
  return 0;
}
