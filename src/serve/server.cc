// The dashboard server: routes, parameter checking, JSON and static files.
// Reads go through store::Store (parameterised SQL); results of a filter are
// cached (LRU, bounded in bytes: Options::cache_bytes) until the database file
// changes.
#include "serve/server.h"
#include "serve/lru_cache.h"
#include "serve/params.h"

#include <httplib.h>
#include <malloc.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "knowledge/tsv.h"
#include "marsad/marsad.h"
#include "store/export.h"
#include "store/open.h"
#include "store/store.h"

#ifndef MARSAD_DEFAULT_ASSETS_DIR
#define MARSAD_DEFAULT_ASSETS_DIR "web-assets"
#endif

namespace marsad::serve {

namespace fs = std::filesystem;
using json = nlohmann::json;

const char* const kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fs::path default_assets_dir() {
  if (const char* env = std::getenv("MARSAD_ASSETS"); env && *env) return env;
  return MARSAD_DEFAULT_ASSETS_DIR;
}

// ---------------------------------------------------------------- UTF-8 ----

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Byte offset of code point `cp` in `s` (s.size() when past the end).
size_t byte_of(std::string_view s, uint32_t cp) {
  size_t i = 0;
  uint32_t n = 0;
  while (i < s.size() && n < cp) {
    ++i;
    while (i < s.size() && is_continuation(static_cast<unsigned char>(s[i]))) ++i;
    ++n;
  }
  return i;
}

uint32_t count_code_points(std::string_view s) { return code_points_before(s, s.size()); }

}  // namespace

uint32_t code_points_before(std::string_view s, size_t byte) {
  uint32_t n = 0;
  byte = std::min(byte, s.size());
  for (size_t i = 0; i < byte; ++i)
    if (!is_continuation(static_cast<unsigned char>(s[i]))) ++n;
  return n;
}

std::vector<Segment> split_sentence(std::string_view sentence, const std::vector<Highlight>& highlights) {
  const uint32_t len = count_code_points(sentence);
  auto rank = [](const std::string& kind) {
    if (kind == "trigger") return 4;
    if (kind == "actor") return 3;
    if (kind == "place") return 2;
    if (kind == "date") return 1;
    return 0;
  };
  std::set<uint32_t> cuts{0, len};
  for (const auto& h : highlights) {
    if (h.begin >= h.end || h.begin >= len) continue;
    cuts.insert(h.begin);
    cuts.insert(std::min(h.end, len));
  }
  std::vector<Segment> out;
  for (auto it = cuts.begin(); it != cuts.end() && std::next(it) != cuts.end(); ++it) {
    uint32_t a = *it, b = *std::next(it);
    std::string mark;
    int best = 0;
    for (const auto& h : highlights)
      if (h.begin <= a && h.end >= b && rank(h.kind) > best) {
        best = rank(h.kind);
        mark = h.kind;
      }
    size_t ba = byte_of(sentence, a), bb = byte_of(sentence, b);
    std::string text(sentence.substr(ba, bb - ba));
    if (!out.empty() && out.back().mark == mark) out.back().text += text;
    else out.push_back(Segment{std::move(text), std::move(mark)});
  }
  return out;
}

// ------------------------------------------------------------- helpers ----

namespace {

// A client error: 400 with {"error": message, "parameter": name}.
using BadRequest = ParamError;

std::string day_iso(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
  return buf;
}

json opt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json opt_str(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

const char* content_type(const fs::path& p) {
  static const std::map<std::string, const char*> types{
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".png", "image/png"}, {".svg", "image/svg+xml"}, {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"}};
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

struct Governorate {
  std::string id, name_ar, name_en;
  double lat = 0, lon = 0;
};

}  // namespace

// ---------------------------------------------------------------- Impl ----

struct Dashboard::Impl {
  Options options;
  fs::path assets;
  std::mutex store_mutex;
  std::unique_ptr<store::Store> db;
  store::ExportContext ctx;
  std::unique_ptr<Coder> coder;  // null: highlights by name search only
  std::vector<Governorate> governorates;
  std::unique_ptr<httplib::Server> own_server;

  using Records = std::vector<store::EventRecord>;
  // Event id -> position in `all` (every event, the one copy of them, outside
  // the cache budget); built once per database state by one thread (by_id_build).
  struct ById {
    std::shared_ptr<const Records> all;
    std::unordered_map<int64_t, uint32_t> pos;
  };
  // The events of one filter: positions into the unfiltered list, which the
  // list keeps alive. A cached filter costs 4 bytes an event, not a copy.
  struct Events {
    std::shared_ptr<const ById> base;
    std::vector<uint32_t> pos;
    bool whole = false;  // every event, in the list's order
    size_t size() const { return whole ? base->all->size() : pos.size(); }
    const store::EventRecord& operator[](size_t i) const { return (*base->all)[whole ? i : pos[i]]; }
    struct Iterator {
      const Events* list;
      size_t i;
      const store::EventRecord& operator*() const { return (*list)[i]; }
      Iterator& operator++() {
        ++i;
        return *this;
      }
      bool operator!=(const Iterator& o) const { return i != o.i; }
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size()}; }
  };
  std::mutex cache_mutex;
  std::string stamp;  // database file state the caches belong to
  bool shared_db = false;  // a PostgreSQL DSN, not a SQLite file
  static constexpr int64_t kSharedCacheSeconds = 10;
  LruCache<std::string, Events> cache;  // filter key -> its events, bounded by options.cache_bytes
  // Answers of the aggregate endpoints (actors, network, places, timeline,
  // event detail) by path and query: built once per database state, so a
  // busy dashboard does not rebuild large JSON documents for every request.
  LruCache<std::string, std::string> responses{kResponseBudget};
  static constexpr size_t kResponseBudget = 64u << 20;
  uint64_t generation = 0;  // bumped when the database changes (under cache_mutex)
  std::mutex build_mutex;   // one aggregate answer built at a time
  std::shared_ptr<const ById> by_id;
  std::mutex by_id_build;
  std::shared_ptr<const std::vector<store::Edge>> reported;  // relations from articles
  // Serialised summary() of events already listed once (under cache_mutex):
  // a page of /api/events is then mostly string concatenation.
  std::unordered_map<int64_t, std::string> summaries;
  size_t summary_bytes = 0;
  static constexpr size_t kSummaryBudget = 64u << 20;  // cleared beyond 64 MB

  explicit Impl(Options o) : options(std::move(o)), cache(options.cache_bytes) {
    assets = options.assets.empty() ? default_assets_dir() : options.assets;
    std::error_code ec;
    shared_db = store::is_postgres_dsn(options.db.string());
    if (!shared_db && !fs::exists(options.db, ec))
      throw ServeError(options.db.string() + ": no database (create one with marsad ingest)");
    try {
      if (shared_db) {
        store::OpenOptions po;
        po.read_only = true;
        db = store::open_postgres(options.db.string(), po);
      } else {
        store::SqliteOptions so;
        so.read_only = true;
        db = store::open_sqlite(options.db, so);
      }
    } catch (const std::exception& e) {
      throw ServeError(e.what());
    }
    fs::path data = options.data_dir.empty() ? default_data_dir() : options.data_dir;
    ctx = store::ExportContext::load(*db, data);
    load_governorates(data / "gazetteer" / "places.tsv");
    if (options.recode_evidence) {
      try {
        coder = Coder::load(data);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "marsad serve: evidence highlights by name only (%s)\n", e.what());
      }
    }
  }

  void load_governorates(const fs::path& places) {
    std::error_code ec;
    if (!fs::exists(places, ec)) return;
    auto t = knowledge::TsvTable::read(places);
    size_t ci = t.column("id"), ck = t.column("kind"), ca = t.column("name_ar"), ce = t.column("name_en"),
           clat = t.column("lat"), clon = t.column("lon"), cc = t.column("country");
    std::set<std::string> seen;
    for (const auto& row : t.rows()) {
      using T = knowledge::TsvTable;
      if (T::cell(row, ck) != "admin1" || T::cell(row, cc) != "SYR") continue;
      if (!seen.insert(T::cell(row, ci)).second) continue;
      auto lat = parse_double(T::cell(row, clat)), lon = parse_double(T::cell(row, clon));
      if (!lat || !lon) continue;
      governorates.push_back(Governorate{T::cell(row, ci), T::cell(row, ca), T::cell(row, ce), *lat, *lon});
    }
  }

  // Changes whenever the database (or its WAL) is written. A shared
  // PostgreSQL database is written by other machines at any time: there the
  // caches live at most kSharedCacheSeconds.
  std::string file_stamp() const {
    if (shared_db) {
      const auto now = std::chrono::steady_clock::now().time_since_epoch();
      return "pg:" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count() / kSharedCacheSeconds);
    }
    std::string s;
    for (const fs::path& p : {options.db, fs::path(options.db.string() + "-wal")}) {
      std::error_code ec;
      auto t = fs::last_write_time(p, ec);
      auto n = fs::file_size(p, ec);
      if (!ec) s += std::to_string(t.time_since_epoch().count()) + ":" + std::to_string(n) + ";";
    }
    return s;
  }

  void check_stamp() {
    std::string now = file_stamp();
    if (now == stamp) return;
    stamp = now;
    ++generation;
    responses.clear();
    cache.clear();
    by_id.reset();
    reported.reset();
    summaries.clear();
    summary_bytes = 0;
  }

  // Doubles in full precision: two filters share a key only when they are equal.
  static std::string key_of(const store::Filter& f) {
    auto num = [](double v) {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", v);
      return std::string(buf);
    };
    std::ostringstream k;
    k << f.type << '\x1f' << f.actor << '\x1f' << f.patron << '\x1f' << f.place << '\x1f'
      << (f.near_lat ? num(*f.near_lat) + "," + num(*f.near_lon) : "") << '\x1f' << num(f.radius_km) << '\x1f'
      << f.governorate << '\x1f' << f.since << '\x1f' << f.until << '\x1f' << f.text;
    return k.str();
  }

  // Heap bytes of a filter's result (what the cache budget counts).
  static size_t approx_bytes(const Events& evs) { return sizeof(Events) + evs.pos.capacity() * sizeof(uint32_t); }

  // The unfiltered list is the one copy of every event (it backs
  // /api/events/{id} too) and lives outside the LRU budget; filtered results
  // go through the cache.
  std::shared_ptr<const Events> events(const store::Filter& f) {
    std::shared_ptr<const ById> base;
    index(base);
    std::string key = key_of(f);
    if (key == key_of(store::Filter{})) {
      auto out = std::make_shared<Events>();
      out->base = base;
      out->whole = true;
      return out;
    }
    {
      std::lock_guard lock(cache_mutex);
      check_stamp();
      if (auto hit = cache.get(key)) return hit;
    }
    auto out = std::make_shared<Events>();
    out->base = base;
    {
      std::lock_guard lock(store_mutex);
      {  // another request may have run the same query while this one waited
        std::lock_guard cl(cache_mutex);
        if (auto hit = cache.get(key)) return hit;
      }
      db->query(f, [&](const store::EventRecord& e) {
        // an event written after the index was built is left for the next state
        if (auto it = base->pos.find(e.id); it != base->pos.end()) out->pos.push_back(it->second);
        return true;
      });
    }
    out->pos.shrink_to_fit();
    size_t bytes = approx_bytes(*out) + 2 * key.size() + 128;
    std::lock_guard lock(cache_mutex);
    if (by_id == base) cache.put(key, out, bytes);  // not when the database changed meanwhile
    return out;
  }

  const store::EventRecord* event_by_id(int64_t id, std::shared_ptr<const ById>& hold) {
    index(hold);
    auto it = hold->pos.find(id);
    return it == hold->pos.end() ? nullptr : &(*hold->all)[it->second];
  }

  // Every event and the id index, built once per database state.
  void index(std::shared_ptr<const ById>& hold) {
    {
      std::lock_guard lock(cache_mutex);
      check_stamp();
      hold = by_id;
    }
    if (!hold) {
      std::lock_guard build(by_id_build);  // concurrent first requests wait for one index
      {
        std::lock_guard lock(cache_mutex);
        check_stamp();
        hold = by_id;
      }
      if (!hold) {
        auto m = std::make_shared<ById>();
        auto all = std::make_shared<Records>();
        {
          std::lock_guard lock(store_mutex);
          db->query(store::Filter{}, [&](const store::EventRecord& e) {
            all->push_back(e);
            return true;
          });
        }
        all->shrink_to_fit();
        m->all = std::move(all);
        m->pos.reserve(m->all->size());
        for (size_t i = 0; i < m->all->size(); ++i) m->pos.emplace((*m->all)[i].id, static_cast<uint32_t>(i));
        hold = m;
        std::lock_guard lock(cache_mutex);
        by_id = hold;
      }
    }
  }

  std::shared_ptr<const std::vector<store::Edge>> reported_relations() {
    {
      std::lock_guard lock(cache_mutex);
      check_stamp();
      if (reported) return reported;
    }
    std::shared_ptr<const std::vector<store::Edge>> r;
    {
      std::lock_guard lock(store_mutex);
      r = std::make_shared<std::vector<store::Edge>>(db->stats(0).patron_edges);
    }
    std::lock_guard lock(cache_mutex);
    reported = r;
    return r;
  }

  // ---- parameters ----

  static void allow(const httplib::Request& req, std::initializer_list<const char*> extra) {
    check_params(req.params, extra);
  }

  store::Filter filter_of(const httplib::Request& req) const {
    return parse_filter(req.params, [this](const std::string& g) { return ctx.governorate(g); });
  }

  static int64_t int_param(const httplib::Request& req, const char* name, int64_t fallback, int64_t lo, int64_t hi) {
    return serve::int_param(req.params, name, fallback, lo, hi);
  }

  // ---- JSON ----

  json actor_list(const std::vector<ActorRef>& actors) const {
    json a = json::array();
    for (const auto& r : actors) a.push_back({{"id", r.id}, {"name_ar", r.name_ar}, {"name_en", r.name_en}});
    return a;
  }

  json place_json(const Event& e) const {
    if (!e.location) return nullptr;
    const Place& p = *e.location;
    return {{"name_ar", p.name_ar},
            {"name_en", p.name_en},
            {"gazetteer_id", opt_str(p.gazetteer_id)},
            {"lat", p.lat ? json(*p.lat) : json(nullptr)},
            {"lon", p.lon ? json(*p.lon) : json(nullptr)},
            {"country", opt_str(p.country)},
            {"admin1", opt_str(p.admin1.empty() ? std::string() : ctx.governorate(p.admin1))},
            {"admin2", opt_str(p.admin2)},
            {"precision", opt_str(p.precision)}};
  }

  json summary(const store::EventRecord& r) const {
    const Event& e = r.event;
    json outlets = json::array();
    std::set<std::string> seen;
    for (const auto& s : r.sources)
      if (!s.outlet.empty() && seen.insert(s.outlet).second) outlets.push_back(s.outlet);
    return {{"id", r.id},
            {"type", e.type},
            {"mode", opt_str(e.mode)},
            {"status", e.status},
            {"date", e.date && !e.date->value.empty() ? json(e.date->value) : json(nullptr)},
            {"date_precision", e.date ? opt_str(e.date->precision) : json(nullptr)},
            {"place", place_json(e)},
            {"source", actor_list(e.source)},
            {"target", actor_list(e.target)},
            {"reciprocal", e.reciprocal},
            {"killed", opt(e.casualties.killed)},
            {"injured", opt(e.casualties.injured)},
            {"killed_civilians", opt(e.casualties.killed_civilians)},
            {"injured_civilians", opt(e.casualties.injured_civilians)},
            {"confidence", e.confidence},
            {"n_sources", r.sources.size()},
            {"outlets", outlets},
            {"sentence", r.sources.empty() ? json(nullptr) : json(r.sources.front().sentence)}};
  }

  // Actor, place and date spans of the evidence sentence: re-code the
  // sentence and take the event with the same trigger, then look up by name
  // whatever is still missing.
  std::vector<Highlight> highlights(const store::SourceRecord& s, const Event& stored) const {
    std::vector<Highlight> out;
    const std::string& sent = s.sentence;
    const uint32_t len = count_code_points(sent);
    const Span& sp = s.evidence.sentence;
    const Span& tr = s.evidence.trigger;
    bool have_trigger = tr.end > tr.begin && tr.begin >= sp.begin && tr.end <= sp.end;
    Span rel{have_trigger ? tr.begin - sp.begin : 0, have_trigger ? tr.end - sp.begin : 0};
    if (have_trigger) out.push_back({"trigger", rel.begin, rel.end, s.evidence.rule});
    std::set<std::string> found_actors;
    bool found_place = false, found_date = false;
    auto in_range = [&](const Span& x) { return x.end > x.begin && x.end <= len; };
    if (coder && !sent.empty()) {
      Result res = coder->code(Document{s.doc_id, s.doc_date, s.outlet, "", "", sent});
      const Event* best = nullptr;
      for (const Event& e : res.events) {
        if (e.type != stored.type) continue;
        if (have_trigger && e.evidence.trigger.begin == rel.begin && e.evidence.trigger.end == rel.end) {
          best = &e;
          break;
        }
        if (!best) best = &e;
      }
      if (best) {
        for (const auto* side : {&best->source, &best->target})
          for (const ActorRef& a : *side)
            if (in_range(a.span)) {
              out.push_back({"actor", a.span.begin, a.span.end, a.id});
              found_actors.insert(a.id);
            }
        if (best->location && in_range(best->location->span)) {
          out.push_back({"place", best->location->span.begin, best->location->span.end, best->location->name_ar});
          found_place = true;
        }
        if (best->date && in_range(best->date->span)) {
          out.push_back({"date", best->date->span.begin, best->date->span.end, best->date->value});
          found_date = true;
        }
      }
    }
    auto find_name = [&](const std::string& kind, const std::string& name, const std::string& ref) {
      if (name.size() < 2) return false;
      size_t at = sent.find(name);
      if (at == std::string::npos) return false;
      uint32_t b = code_points_before(sent, at);
      out.push_back({kind, b, b + count_code_points(name), ref});
      return true;
    };
    for (const auto* side : {&stored.source, &stored.target})
      for (const ActorRef& a : *side)
        if (!found_actors.count(a.id)) find_name("actor", a.name_ar, a.id);
    if (!found_place && stored.location) find_name("place", stored.location->name_ar, stored.location->name_ar);
    if (!found_date && stored.date && !stored.date->text.empty())
      find_name("date", stored.date->text, stored.date->value);
    std::sort(out.begin(), out.end(), [](const Highlight& a, const Highlight& b) { return a.begin < b.begin; });
    return out;
  }

  json detail(const store::EventRecord& r) const {
    json j = summary(r);
    const Event& e = r.event;
    j["cameo"] = opt_str(e.cameo);
    j["acled_event_type"] = opt_str(e.acled_event_type);
    j["acled_sub_event_type"] = opt_str(e.acled_sub_event_type);
    j["attribution"] = opt_str(e.attribution);
    j["date_text"] = e.date ? opt_str(e.date->text) : json(nullptr);
    json sources = json::array();
    for (const auto& s : r.sources) {
      auto hl = highlights(s, e);
      json spans = json::array();
      for (const auto& h : hl) spans.push_back({{"kind", h.kind}, {"begin", h.begin}, {"end", h.end}, {"ref", h.ref}});
      json segs = json::array();
      for (const auto& g : split_sentence(s.sentence, hl)) segs.push_back({{"text", g.text}, {"mark", opt_str(g.mark)}});
      sources.push_back({{"doc_id", s.doc_id},
                         {"date", opt_str(s.doc_date)},
                         {"outlet", opt_str(s.outlet)},
                         {"url", opt_str(s.url)},
                         {"title", opt_str(s.title)},
                         {"rule", opt_str(s.evidence.rule)},
                         {"sentence", s.sentence},
                         {"sentence_span", {s.evidence.sentence.begin, s.evidence.sentence.end}},
                         {"trigger_span", {s.evidence.trigger.begin, s.evidence.trigger.end}},
                         {"highlights", spans},
                         {"segments", segs}});
    }
    j["sources"] = sources;
    return j;
  }

  // ---- endpoints ----

  // {"events":[…],"limit":L,"offset":O,"total":N}, the same text as dumping
  // the json object (keys in std::map order), built from cached summaries.
  std::string api_events(const httplib::Request& req) {
    allow(req, {"limit", "offset"});
    store::Filter f = filter_of(req);
    int64_t limit = int_param(req, "limit", 100, 0, 1000);
    int64_t offset = int_param(req, "offset", 0, 0, 1'000'000'000);
    auto all = events(f);
    size_t begin = std::min(all->size(), static_cast<size_t>(offset));
    size_t end = std::min(all->size(), begin + static_cast<size_t>(limit));
    std::vector<std::string> parts(end - begin);
    std::vector<size_t> missing;
    {
      std::lock_guard lock(cache_mutex);
      for (size_t i = begin; i < end; ++i) {
        auto it = summaries.find((*all)[i].id);
        if (it == summaries.end()) missing.push_back(i);
        else parts[i - begin] = it->second;
      }
    }
    for (size_t i : missing) parts[i - begin] = dump(summary((*all)[i]));
    if (!missing.empty()) {
      std::lock_guard lock(cache_mutex);
      for (size_t i : missing) {
        if (summary_bytes > kSummaryBudget) {
          summaries.clear();
          summary_bytes = 0;
        }
        if (summaries.emplace((*all)[i].id, parts[i - begin]).second) summary_bytes += parts[i - begin].size() + 64;
      }
    }
    size_t size = 64;
    for (const auto& p : parts) size += p.size() + 1;
    std::string out;
    out.reserve(size);
    out += "{\"events\":[";
    for (size_t k = 0; k < parts.size(); ++k) {
      if (k) out += ',';
      out += parts[k];
    }
    out += "],\"limit\":" + std::to_string(limit) + ",\"offset\":" + std::to_string(offset) +
           ",\"total\":" + std::to_string(all->size()) + "}";
    return out;
  }

  json api_event(const httplib::Request& req) {
    allow(req, {});
    auto id = parse_int(req.matches[1].str());
    if (!id || *id <= 0) throw BadRequest{400, "expected a positive event id", "id"};
    std::shared_ptr<const ById> hold;
    const store::EventRecord* e = event_by_id(*id, hold);
    if (!e) throw BadRequest{404, "no event " + std::to_string(*id), "id"};
    return detail(*e);
  }

  std::map<std::string, int64_t> actor_counts(const Events& evs) const {
    std::map<std::string, int64_t> n;
    for (const auto& r : evs) {
      std::set<std::string> ids;
      for (const auto& a : r.event.source) ids.insert(a.id);
      for (const auto& a : r.event.target) ids.insert(a.id);
      for (const auto& id : ids) ++n[id];
    }
    return n;
  }

  const store::ActorInfo* info(const std::string& id) const {
    auto it = ctx.actors.find(id);
    return it == ctx.actors.end() ? nullptr : &it->second;
  }

  // The patron an actor's group is named after: its own or its nearest
  // ancestor's first registry patron, else a reported backed_by relation.
  std::string group_of(const std::string& id, const std::vector<store::Edge>& rep) const {
    std::string cur = id;
    for (int depth = 0; depth < 8 && !cur.empty(); ++depth) {
      const auto* a = info(cur);
      if (!a) break;
      if (!a->patrons.empty()) return a->patrons.front();
      cur = a->parent;
    }
    for (const auto& e : rep)
      if (e.actor == id && e.relation == "backed_by" && !e.patron.empty()) return e.patron;
    return "";
  }

  json actor_json(const std::string& id, int64_t count, const std::vector<store::Edge>& rep) const {
    const auto* a = info(id);
    json patrons = json::array();
    if (a)
      for (const auto& p : a->patrons) patrons.push_back(p);
    for (const auto& e : rep)
      if (e.actor == id && e.relation == "backed_by" && !e.patron.empty() &&
          std::find(patrons.begin(), patrons.end(), json(e.patron)) == patrons.end())
        patrons.push_back(e.patron);
    return {{"id", id},
            {"name_en", a ? a->name_en : id},
            {"name_ar", a ? a->name_ar : ""},
            {"kind", a ? opt_str(a->kind) : json(nullptr)},
            {"country", a ? opt_str(a->country) : json(nullptr)},
            {"parent", a ? opt_str(a->parent) : json(nullptr)},
            {"patrons", patrons},
            {"group", opt_str(group_of(id, rep))},
            {"events", count}};
  }

  json api_actors(const httplib::Request& req) {
    allow(req, {});
    auto evs = events(filter_of(req));
    auto rep = reported_relations();
    auto counts = actor_counts(*evs);
    json actors = json::array();
    std::map<std::string, std::set<std::string>> clients;  // patron -> actors
    for (const auto& [id, n] : counts) {
      json a = actor_json(id, n, *rep);
      for (const auto& p : a["patrons"]) clients[p.get<std::string>()].insert(id);
      actors.push_back(std::move(a));
    }
    std::sort(actors.begin(), actors.end(), [](const json& x, const json& y) {
      return x["events"].get<int64_t>() != y["events"].get<int64_t>() ? x["events"].get<int64_t>() > y["events"].get<int64_t>()
                                                                        : x["id"].get<std::string>() < y["id"].get<std::string>();
    });
    json patrons = json::array();
    for (const auto& [p, set] : clients) {
      const auto* a = info(p);
      patrons.push_back({{"id", p}, {"name_en", a ? a->name_en : p}, {"name_ar", a ? a->name_ar : ""}, {"actors", set}});
    }
    return {{"actors", actors}, {"patrons", patrons}};
  }

  json api_network(const httplib::Request& req) {
    allow(req, {"min_weight"});
    auto evs = events(filter_of(req));
    int64_t min_weight = int_param(req, "min_weight", 1, 1, 1'000'000);
    auto rep = reported_relations();
    auto counts = actor_counts(*evs);
    std::map<std::string, int64_t> nodes(counts.begin(), counts.end());
    std::set<std::string> patron_nodes;
    std::map<std::tuple<std::string, std::string, std::string>, int64_t> edges;  // (from, to, kind) -> weight
    std::vector<std::string> work;
    for (const auto& [id, n] : counts) work.push_back(id);
    std::set<std::string> done;
    while (!work.empty()) {
      std::string id = work.back();
      work.pop_back();
      if (!done.insert(id).second) continue;
      nodes.emplace(id, 0);
      if (const auto* a = info(id)) {
        if (!a->parent.empty()) {
          edges[{id, a->parent, "part_of"}] = 1;
          work.push_back(a->parent);
        }
        for (const auto& p : a->patrons) {
          edges[{id, p, "backed_by"}] = 1;
          patron_nodes.insert(p);
          nodes.emplace(p, 0);
        }
      }
    }
    for (const auto& e : *rep) {
      if (e.actor.empty() || e.patron.empty() || !nodes.count(e.actor)) continue;
      if (e.relation != "backed_by" && e.relation != "part_of") continue;
      auto& w = edges[{e.actor, e.patron, e.relation}];
      w = std::max<int64_t>(w, 1);
      nodes.emplace(e.patron, 0);
      if (e.relation == "backed_by") patron_nodes.insert(e.patron);
    }
    for (const auto& r : *evs) {
      if (r.event.type != "ASSAULT" && r.event.type != "COERCE") continue;
      std::set<std::pair<std::string, std::string>> pairs;
      for (const auto& s : r.event.source)
        for (const auto& t : r.event.target)
          if (s.id != t.id) pairs.insert(std::minmax(s.id, t.id));
      for (const auto& [a, b] : pairs) ++edges[{a, b, "hostile"}];
    }
    json jn = json::array();
    for (const auto& [id, n] : nodes) {
      json a = actor_json(id, n, *rep);
      a["patron"] = patron_nodes.count(id) > 0;
      if (a["group"].is_null() && patron_nodes.count(id)) a["group"] = id;
      jn.push_back(std::move(a));
    }
    json je = json::array();
    for (const auto& [k, w] : edges) {
      const auto& [from, to, kind] = k;
      if (kind == "hostile" && w < min_weight) continue;
      je.push_back({{"source", from}, {"target", to}, {"kind", kind}, {"weight", w}});
    }
    return {{"nodes", jn}, {"edges", je}};
  }

  json api_places(const httplib::Request& req) {
    allow(req, {});
    auto evs = events(filter_of(req));
    struct Agg {
      int64_t events = 0, killed = 0, injured = 0;
      std::map<std::string, int64_t> types;
    };
    std::map<std::string, Agg> agg;
    int64_t unlocated = 0;
    json markers = json::array();
    for (const auto& r : *evs) {
      const Event& e = r.event;
      if (!e.location) {
        ++unlocated;
        continue;
      }
      std::string g = e.location->admin1.empty() ? "" : ctx.governorate(e.location->admin1);
      Agg& a = agg[g];
      ++a.events;
      a.killed += e.casualties.killed.value_or(0);
      a.injured += e.casualties.injured.value_or(0);
      ++a.types[e.type];
      if (e.location->lat && e.location->lon)
        markers.push_back({{"id", r.id},
                           {"lat", *e.location->lat},
                           {"lon", *e.location->lon},
                           {"type", e.type},
                           {"killed", opt(e.casualties.killed)},
                           {"injured", opt(e.casualties.injured)},
                           {"place_ar", e.location->name_ar},
                           {"place_en", e.location->name_en},
                           {"date", e.date ? opt_str(e.date->value) : json(nullptr)}});
    }
    json govs = json::array();
    std::set<std::string> listed;
    for (const auto& g : governorates) {
      Agg a = agg.count(g.name_en) ? agg[g.name_en] : Agg{};
      listed.insert(g.name_en);
      govs.push_back({{"id", g.id}, {"name_ar", g.name_ar}, {"name_en", g.name_en}, {"lat", g.lat}, {"lon", g.lon},
                      {"events", a.events}, {"killed", a.killed}, {"injured", a.injured}, {"types", a.types}});
    }
    for (const auto& [name, a] : agg) {
      if (listed.count(name)) continue;
      govs.push_back({{"id", nullptr}, {"name_ar", ""}, {"name_en", name.empty() ? json(nullptr) : json(name)},
                      {"lat", nullptr}, {"lon", nullptr}, {"events", a.events}, {"killed", a.killed},
                      {"injured", a.injured}, {"types", a.types}});
    }
    return {{"governorates", govs}, {"markers", markers}, {"unlocated", unlocated}, {"total", evs->size()}};
  }

  json api_timeline(const httplib::Request& req) {
    allow(req, {"bucket"});
    std::string bucket = req.has_param("bucket") ? req.get_param_value("bucket") : "day";
    if (bucket != "day" && bucket != "week") throw BadRequest{400, "expected bucket=day or bucket=week", "bucket"};
    auto evs = events(filter_of(req));
    std::map<int64_t, std::pair<int64_t, int64_t>> bins;  // start day -> (events, killed)
    int64_t undated = 0;
    for (const auto& r : *evs) {
      auto d = r.event.date ? iso_day(r.event.date->value) : std::nullopt;
      if (!d) {
        ++undated;
        continue;
      }
      int64_t k = *d;
      if (bucket == "week") k -= ((k + 3) % 7 + 7) % 7;  // back to Monday (1970-01-01 was a Thursday)
      auto& b = bins[k];
      ++b.first;
      b.second += r.event.casualties.killed.value_or(0);
    }
    json out = json::array();
    if (!bins.empty()) {
      int64_t step = bucket == "week" ? 7 : 1;
      int64_t first = bins.begin()->first, last = bins.rbegin()->first;
      if ((last - first) / step <= 20000) {
        for (int64_t k = first; k <= last; k += step) {
          auto it = bins.find(k);
          out.push_back({{"start", day_iso(k)},
                         {"count", it == bins.end() ? 0 : it->second.first},
                         {"killed", it == bins.end() ? 0 : it->second.second}});
        }
      } else {
        for (const auto& [k, b] : bins) out.push_back({{"start", day_iso(k)}, {"count", b.first}, {"killed", b.second}});
      }
    }
    return {{"bucket", bucket}, {"bins", out}, {"undated", undated}, {"total", evs->size()}};
  }

  // ---- static files ----

  void serve_file(const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path;
    if (path.empty() || path.front() != '/') throw BadRequest{400, "bad path", "path"};
    std::string rel = path == "/" ? "index.html" : path.substr(1);
    // Refuse anything that could leave the asset directory or name a hidden file.
    if (rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos || rel.find("//") != std::string::npos)
      throw BadRequest{400, "path not allowed", "path"};
    std::string_view rest = rel;
    while (!rest.empty()) {
      size_t slash = rest.find('/');
      std::string_view seg = rest.substr(0, slash);
      if (seg.empty() || seg.front() == '.') throw BadRequest{400, "path not allowed", "path"};
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    std::error_code ec;
    fs::path root = fs::weakly_canonical(assets, ec);
    fs::path file = fs::weakly_canonical(assets / rel, ec);
    auto [r_end, f_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (ec || r_end != root.end()) throw BadRequest{400, "path not allowed", "path"};
    if (!fs::is_regular_file(file, ec)) {
      if (path == "/")
        throw BadRequest{404,
                         "no page in " + assets.string() + " (build it: cmake --build BUILD --target web-assets, or "
                         "pass --assets DIR)",
                         "path"};
      throw BadRequest{404, "not found", "path"};
    }
    std::ifstream in(file, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    res.set_header("Cache-Control", file.extension() == ".html" ? "no-cache" : "max-age=3600");
    res.set_content(body, content_type(file));
  }
};

// ----------------------------------------------------------- Dashboard ----

Dashboard::Dashboard(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Dashboard::~Dashboard() = default;

namespace {
constexpr size_t kMaxBody = 16 * 1024;
constexpr size_t kMaxHeaders = 32 * 1024;
constexpr size_t kMaxHeaderCount = 100;
}  // namespace

void Dashboard::mount(httplib::Server& srv) {
  Impl* im = impl_.get();
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's
  // algorithm holds the body until the client's delayed ACK (~40 ms a request).
  srv.set_tcp_nodelay(true);
  srv.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                           {"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "no-referrer"},
                           {"X-Frame-Options", "DENY"},
                           {"Cross-Origin-Resource-Policy", "same-origin"}});
  auto error_json = [](httplib::Response& res, int status, const std::string& message, const std::string& parameter) {
    res.status = status;
    json j{{"error", message}};
    if (!parameter.empty()) j["parameter"] = parameter;
    res.set_content(dump(j), "application/json");
  };
  auto api = [im, error_json](json (Impl::*fn)(const httplib::Request&)) {
    return [im, fn, error_json](const httplib::Request& req, httplib::Response& res) {
      try {
        std::string key = req.path;
        for (const auto& [name, value] : req.params) key += '\x1f' + name + '=' + value;
        uint64_t gen = 0;
        std::shared_ptr<const std::string> body;
        {
          std::lock_guard lock(im->cache_mutex);
          im->check_stamp();
          gen = im->generation;
          body = im->responses.get(key);
        }
        if (!body) {
          // One answer is built at a time: requests for the same answer wait
          // for it instead of building copies side by side (memory), others
          // queue briefly (the work is CPU-bound anyway).
          std::lock_guard build(im->build_mutex);
          {
            std::lock_guard lock(im->cache_mutex);
            im->check_stamp();
            gen = im->generation;
            body = im->responses.get(key);
          }
          if (!body) {
            auto built = std::make_shared<std::string>(dump((im->*fn)(req)));
            // The JSON tree of a large answer was many times its text: give the
            // freed memory back now rather than let the heap keep it.
            if (built->size() > (size_t{1} << 20)) malloc_trim(0);
            std::lock_guard lock(im->cache_mutex);
            if (im->generation == gen) im->responses.put(key, built, built->size() + 2 * key.size() + 128);
            body = std::move(built);
          }
        }
        res.set_header("Cache-Control", "no-store");
        res.set_content(*body, "application/json");
      } catch (const BadRequest& b) {
        error_json(res, b.status, b.message, b.parameter);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "marsad serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
        error_json(res, 500, "internal error (see the server log)", "");
      }
    };
  };
  srv.Get("/api/events", [im, error_json](const httplib::Request& req, httplib::Response& res) {
    try {
      std::string body = im->api_events(req);
      res.set_header("Cache-Control", "no-store");
      res.set_content(std::move(body), "application/json");
    } catch (const BadRequest& b) {
      error_json(res, b.status, b.message, b.parameter);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "marsad serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
      error_json(res, 500, "internal error (see the server log)", "");
    }
  });
  srv.Get(R"(/api/events/([^/]+))", api(&Impl::api_event));
  srv.Get("/api/actors", api(&Impl::api_actors));
  srv.Get("/api/network", api(&Impl::api_network));
  srv.Get("/api/places", api(&Impl::api_places));
  srv.Get("/api/timeline", api(&Impl::api_timeline));
  srv.Get(R"(/api(/.*)?)", [error_json](const httplib::Request& req, httplib::Response& res) {
    error_json(res, 404, "no such endpoint: " + req.path, "");
  });
  srv.Get(R"(/.*)", [im, error_json](const httplib::Request& req, httplib::Response& res) {
    try {
      im->serve_file(req, res);
    } catch (const BadRequest& b) {
      error_json(res, b.status, b.message, "");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "marsad serve: %s: %s\n", req.path.c_str(), e.what());
      error_json(res, 500, "internal error", "");
    }
  });
  // Only GET (and HEAD) are served. Other methods get 405; a request body is
  // never needed, so one over kMaxBody bytes is refused (413) before it is read.
  srv.set_payload_max_length(kMaxBody);
  // cpp-httplib 0.11 limits each header line (8 KB) but not their number:
  // refuse a request whose headers add up to more than kMaxHeaders bytes.
  srv.set_pre_routing_handler([error_json](const httplib::Request& req, httplib::Response& res) {
    size_t total = 0;
    for (const auto& [name, value] : req.headers) total += name.size() + value.size() + 4;
    if (req.headers.size() <= kMaxHeaderCount && total <= kMaxHeaders) return httplib::Server::HandlerResponse::Unhandled;
    error_json(res, 431, "request headers too large", "");
    return httplib::Server::HandlerResponse::Handled;
  });
  auto not_allowed = [error_json](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", "GET, HEAD");
    std::string method = req.method.size() <= 16 ? req.method : req.method.substr(0, 16);
    error_json(res, 405, "method not allowed: " + method, "");
  };
  srv.Post(R"(/.*)", not_allowed);
  srv.Put(R"(/.*)", not_allowed);
  srv.Patch(R"(/.*)", not_allowed);
  srv.Delete(R"(/.*)", not_allowed);
  srv.Options(R"(/.*)", not_allowed);
  srv.set_error_handler([error_json](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) error_json(res, res.status, res.status == 404 ? "not found" : "request refused", "");
  });
  srv.set_exception_handler([error_json](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    error_json(res, 500, "internal error", "");
  });
}

void Dashboard::run(const std::function<void(int)>& on_listen) {
  impl_->own_server = std::make_unique<httplib::Server>();
  httplib::Server& srv = *impl_->own_server;
  mount(srv);
  int port = impl_->options.port;
  if (port == 0) {
    port = srv.bind_to_any_port(impl_->options.host);
    if (port <= 0) throw ServeError("cannot bind to " + impl_->options.host);
  } else if (!srv.bind_to_port(impl_->options.host, port)) {
    throw ServeError("cannot bind to " + impl_->options.host + ":" + std::to_string(port) + " (in use?)");
  }
  if (on_listen) on_listen(port);
  srv.listen_after_bind();
}

void Dashboard::stop() {
  if (impl_->own_server) impl_->own_server->stop();
}

}  // namespace marsad::serve
