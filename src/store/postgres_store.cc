// The PostgreSQL/PostGIS implementation of Store (issue 7): the schema and the
// deduplication of sqlite_store.cc, places as geography points with a GiST
// index (ST_DWithin for --near and for dedup candidates), document words in a
// GIN-indexed array for --text. Writers take one transaction-level advisory
// lock before their first write, so concurrent workers see each other's
// committed documents and events: no document or event is stored twice and
// dedup decisions are the same as one writer's would be.
#include <libpq-fe.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

#include "knowledge/tsv.h"
#include "marsad/marsad.h"
#include "store/dedup.h"
#include "store/open.h"
#include "store/store.h"
#include "text/text.h"

namespace marsad::store {

namespace {

// One key for every writer of the database: pg_advisory_xact_lock(kWriteLock).
constexpr const char* kWriteLock = "7270001";

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(
  id BIGSERIAL PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL,
  date TEXT, outlet TEXT, url TEXT, title TEXT,
  text TEXT NOT NULL,
  source TEXT, encoding TEXT,
  n_events INTEGER NOT NULL DEFAULT 0,
  words TEXT[] NOT NULL DEFAULT '{}',
  ingested_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
CREATE INDEX IF NOT EXISTS documents_words ON documents USING GIN(words);
CREATE TABLE IF NOT EXISTS places(
  id BIGSERIAL PRIMARY KEY,
  name_ar TEXT, name_norm TEXT NOT NULL, name_en TEXT,
  gazetteer_id TEXT NOT NULL,
  lat DOUBLE PRECISION, lon DOUBLE PRECISION,
  geog geography(Point, 4326),
  country TEXT, admin1 TEXT, admin2 TEXT, precision TEXT,
  UNIQUE(gazetteer_id, name_norm));
CREATE INDEX IF NOT EXISTS places_geog ON places USING GIST(geog);
CREATE INDEX IF NOT EXISTS places_admin1 ON places(admin1);
CREATE INDEX IF NOT EXISTS places_name ON places(name_norm);
CREATE TABLE IF NOT EXISTS events(
  id BIGSERIAL PRIMARY KEY,
  type TEXT NOT NULL, mode TEXT, cameo TEXT,
  acled_event_type TEXT, acled_sub_event_type TEXT,
  date TEXT, date_precision TEXT, date_text TEXT,
  day INTEGER,
  place_id BIGINT REFERENCES places(id),
  killed INTEGER, injured INTEGER, killed_civilians INTEGER, injured_civilians INTEGER,
  status TEXT, attribution TEXT, reciprocal INTEGER NOT NULL DEFAULT 0, confidence DOUBLE PRECISION,
  n_sources INTEGER NOT NULL DEFAULT 1,
  first_document_id BIGINT NOT NULL REFERENCES documents(id));
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE INDEX IF NOT EXISTS events_type_day ON events(type, day);
CREATE INDEX IF NOT EXISTS events_place ON events(place_id, type, day);
CREATE TABLE IF NOT EXISTS event_actors(
  seq BIGSERIAL PRIMARY KEY,
  event_id BIGINT NOT NULL REFERENCES events(id),
  role TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  name_ar TEXT, name_en TEXT,
  UNIQUE(event_id, role, actor_id));
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors(actor_id, event_id);
CREATE TABLE IF NOT EXISTS event_sources(
  event_id BIGINT NOT NULL REFERENCES events(id),
  document_id BIGINT NOT NULL REFERENCES documents(id),
  ordinal INTEGER NOT NULL,
  sentence_begin INTEGER, sentence_end INTEGER, trigger_begin INTEGER, trigger_end INTEGER,
  rule TEXT, sentence TEXT,
  killed INTEGER, injured INTEGER,
  PRIMARY KEY(event_id, document_id, ordinal));
-- One report per (document, ordinal): an event of a document is never stored twice.
CREATE UNIQUE INDEX IF NOT EXISTS event_sources_document ON event_sources(document_id, ordinal);
CREATE TABLE IF NOT EXISTS relations(
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  actor_id TEXT, actor_name_ar TEXT, relation TEXT NOT NULL, patron_id TEXT, patron_name_ar TEXT,
  sentence_begin INTEGER, sentence_end INTEGER, trigger_begin INTEGER, trigger_end INTEGER,
  rule TEXT, sentence TEXT);
CREATE INDEX IF NOT EXISTS relations_document ON relations(document_id);
CREATE INDEX IF NOT EXISTS relations_actor ON relations(actor_id);
CREATE INDEX IF NOT EXISTS relations_patron ON relations(patron_id);
CREATE TABLE IF NOT EXISTS failures(
  id BIGSERIAL PRIMARY KEY,
  file TEXT NOT NULL, location TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL,
  severity TEXT NOT NULL DEFAULT 'error',
  seen_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  UNIQUE(file, location, reason));
CREATE TABLE IF NOT EXISTS actors(
  id TEXT PRIMARY KEY, name_en TEXT, name_ar TEXT, kind TEXT, country TEXT, parent TEXT, patrons TEXT);
-- Lower-case ASCII letters and digits, other ASCII dropped, non-ASCII kept (sqlite_store.cc simple_key).
CREATE OR REPLACE FUNCTION marsad_simple(t TEXT) RETURNS TEXT IMMUTABLE STRICT LANGUAGE sql
  AS $f$ SELECT regexp_replace(translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
                               '[\x01-\x2F\x3A-\x60\x7B-\x7F]', '', 'g') $f$;
INSERT INTO meta(key, value) VALUES('schema_version', '1') ON CONFLICT DO NOTHING;
)SQL";

// A query parameter: text or SQL NULL.
using Param = std::optional<std::string>;

std::string num(int64_t v) { return std::to_string(v); }
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
template <class T>
Param opt(const std::optional<T>& v) {
  if (!v) return std::nullopt;
  if constexpr (std::is_floating_point_v<T>) return num(static_cast<double>(*v));
  else return num(static_cast<int64_t>(*v));
}
Param text_or_null(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return std::string(s);
}

// A PGresult, cleared on destruction.
class Rows {
 public:
  explicit Rows(PGresult* r) : r_(r) {}
  ~Rows() { PQclear(r_); }
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;
  Rows(Rows&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Rows& operator=(Rows&&) = delete;

  int size() const { return PQntuples(r_); }
  bool null(int row, int c) const { return PQgetisnull(r_, row, c) != 0; }
  std::string str(int row, int c) const {
    return std::string(PQgetvalue(r_, row, c), static_cast<size_t>(PQgetlength(r_, row, c)));
  }
  int64_t i64(int row, int c) const { return null(row, c) ? 0 : std::strtoll(PQgetvalue(r_, row, c), nullptr, 10); }
  double dbl(int row, int c) const { return null(row, c) ? 0.0 : std::strtod(PQgetvalue(r_, row, c), nullptr); }
  std::optional<int> opt_int(int row, int c) const {
    if (null(row, c)) return std::nullopt;
    return static_cast<int>(i64(row, c));
  }
  std::optional<double> opt_dbl(int row, int c) const {
    if (null(row, c)) return std::nullopt;
    return dbl(row, c);
  }

 private:
  PGresult* r_;
};

// A PostgreSQL text[] literal: {"a","b"} with " and \ escaped.
std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    out.push_back('"');
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  return out + "}";
}

// Distinct folded words and numbers of a text (the --text index).
std::vector<std::string> words_of(std::string_view text) {
  std::set<std::string> words;
  for (const auto& tok : text::analyse(text).tokens)
    if ((tok.kind == text::TokenKind::Word || tok.kind == text::TokenKind::Number) && !tok.norm.empty())
      words.insert(std::string(tok.norm));
  return {words.begin(), words.end()};
}

std::vector<std::string> ids(const std::vector<ActorRef>& refs) {
  std::vector<std::string> out;
  for (const auto& r : refs)
    if (!r.id.empty()) out.push_back(r.id);
  return out;
}

class PostgresStore final : public Store {
 public:
  PostgresStore(const std::string& dsn, OpenOptions options) : name_(redact_dsn(dsn)), options_(options) {
    conn_ = PQconnectdb(dsn.c_str());
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      conn_ = nullptr;
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      throw StoreError(name_ + ": cannot connect to PostgreSQL: " + msg);
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    exec("SET client_encoding = 'UTF8'");
    exec("SET client_min_messages = warning");
    if (options_.read_only) {
      exec("SET default_transaction_read_only = on");
      Rows r = run("SELECT to_regclass('events') IS NOT NULL", {});
      if (r.size() == 0 || r.str(0, 0) != "t")
        throw StoreError(name_ + ": no Marsad tables in this database (create them with: marsad ingest PATH… --db DSN)");
    } else {
      // One creator at a time: concurrent CREATE … IF NOT EXISTS can collide.
      exec("BEGIN");
      exec(std::string("SELECT pg_advisory_xact_lock(") + kWriteLock + ")");
      Rows ext = run("SELECT 1 FROM pg_extension WHERE extname = 'postgis'", {});
      if (ext.size() == 0) {
        try {
          exec("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (const StoreError& e) {
          exec_quiet("ROLLBACK");
          throw StoreError(std::string(e.what()) +
                           " (a superuser must run CREATE EXTENSION postgis in this database once; on Debian "
                           "install postgresql-15-postgis-3)");
        }
      }
      exec(kSchema);
      exec("COMMIT");
    }
    load_actor_parents();
  }

  ~PostgresStore() override {
    if (in_tx_) exec_quiet("ROLLBACK");
    PQfinish(conn_);
  }

  void begin() override {
    exec("BEGIN");
    in_tx_ = true;
    locked_ = false;
  }
  void commit() override {
    exec("COMMIT");
    in_tx_ = false;
    locked_ = false;
  }
  void rollback() override {
    place_ids_.clear();  // may name places of the rolled-back transaction
    exec("ROLLBACK");
    in_tx_ = false;
    locked_ = false;
  }

  bool has_document(const std::string& key) override {
    return run("SELECT 1 FROM documents WHERE key = $1", {key}).size() > 0;
  }

  AddOutcome add(const Document& doc, const std::string& key, const Result& result,
                 const DocumentInfo& info) override {
    bool own_tx = !in_tx_;
    if (own_tx) begin();
    try {
      AddOutcome out = add_locked(doc, key, result, info);
      if (own_tx) commit();
      return out;
    } catch (...) {
      if (own_tx) rollback_quiet();
      throw;
    }
  }

  void record_failure(const Failure& f) override {
    run("INSERT INTO failures(file, location, reason, severity) VALUES($1,$2,$3,$4) ON CONFLICT DO NOTHING",
        {f.file, f.where, f.reason, f.severity});
  }

  std::vector<Failure> failures() override {
    std::vector<Failure> out;
    Rows r = run("SELECT file, location, reason, severity FROM failures ORDER BY id", {});
    for (int i = 0; i < r.size(); ++i) out.push_back(Failure{r.str(i, 0), r.str(i, 1), r.str(i, 2), r.str(i, 3)});
    return out;
  }

  void put_actors(const std::vector<ActorInfo>& actors) override {
    bool own_tx = !in_tx_;
    if (own_tx) begin();
    try {
      write_lock();
      exec("DELETE FROM actors");
      for (const ActorInfo& a : actors) {
        std::string patrons;
        for (const auto& p : a.patrons) patrons += (patrons.empty() ? "" : "|") + p;
        run("INSERT INTO actors(id, name_en, name_ar, kind, country, parent, patrons) VALUES($1,$2,$3,$4,$5,$6,$7) "
            "ON CONFLICT (id) DO UPDATE SET name_en = EXCLUDED.name_en, name_ar = EXCLUDED.name_ar, "
            "kind = EXCLUDED.kind, country = EXCLUDED.country, parent = EXCLUDED.parent, patrons = EXCLUDED.patrons",
            {a.id, a.name_en, a.name_ar, a.kind, a.country, text_or_null(a.parent), patrons});
      }
      if (own_tx) commit();
    } catch (...) {
      if (own_tx) rollback_quiet();
      throw;
    }
    load_actor_parents();
  }

  std::vector<ActorInfo> actors() override {
    std::vector<ActorInfo> out;
    Rows r = run("SELECT id, name_en, name_ar, kind, country, parent, patrons FROM actors ORDER BY id COLLATE \"C\"", {});
    for (int i = 0; i < r.size(); ++i) {
      ActorInfo a{r.str(i, 0), r.str(i, 1), r.str(i, 2), r.str(i, 3), r.str(i, 4), r.str(i, 5), {}};
      a.patrons = knowledge::split_alternatives(r.str(i, 6));
      out.push_back(std::move(a));
    }
    return out;
  }

  void query(const Filter& f, const std::function<bool(const EventRecord&)>& sink) override {
    std::string sql = "SELECT e.id FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE true";
    std::vector<Param> params;
    auto param = [&](std::string v) {
      params.emplace_back(std::move(v));
      return "$" + std::to_string(params.size());
    };
    auto in_list = [&](const std::set<std::string>& ids) {
      std::vector<std::string> v(ids.begin(), ids.end());
      return param(array_literal(v)) + "::text[]";
    };
    if (!f.type.empty()) sql += " AND e.type = " + param(f.type);
    if (!f.actor.empty())
      sql += " AND e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ANY(" + in_list(descendants(f.actor)) + "))";
    if (!f.patron.empty()) {
      std::set<std::string> proxies = proxies_of(f.patron);
      if (proxies.empty()) return;
      sql += " AND e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ANY(" + in_list(proxies) + "))";
    }
    if (!f.place.empty()) {
      std::string simple = param(simple_key(f.place));
      sql += " AND (p.name_norm = " + param(fold_place(f.place)) + " OR marsad_simple(p.name_en) = " + simple +
             " OR marsad_simple(p.admin2) = " + simple + " OR p.gazetteer_id = " + param(f.place) + ")";
    }
    if (f.near_lat && f.near_lon) {
      // An index query on places_geog; a sphere (not the spheroid), as dedup.h's distance_km.
      sql += " AND ST_DWithin(p.geog, ST_SetSRID(ST_MakePoint(" + param(num(*f.near_lon)) + "::float8, " +
             param(num(*f.near_lat)) + "::float8), 4326)::geography, " + param(num(f.radius_km * 1000.0)) +
             "::float8, false)";
    }
    if (!f.governorate.empty()) sql += " AND marsad_simple(p.admin1) = " + param(simple_key(f.governorate));
    if (!f.since.empty()) {
      auto d = iso_day(f.since);
      if (!d) throw StoreError("--since: not an ISO date: " + f.since);
      sql += " AND e.day >= " + param(num(int64_t{*d})) + "::int";
    }
    if (!f.until.empty()) {
      auto d = iso_day(f.until);
      if (!d) throw StoreError("--until: not an ISO date: " + f.until);
      sql += " AND e.day <= " + param(num(int64_t{*d})) + "::int";
    }
    if (!f.text.empty()) {
      std::vector<std::string> words = words_of(f.text);
      if (words.empty()) return;
      sql += " AND e.id IN (SELECT s.event_id FROM event_sources s JOIN documents d ON d.id = s.document_id "
             "WHERE d.words @> " + param(array_literal(words)) + "::text[])";
    }
    sql += " ORDER BY e.day IS NULL, e.day, e.id";
    if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
    Rows r = run(sql, params, /*prepare=*/false);
    std::vector<int64_t> found;
    for (int i = 0; i < r.size(); ++i) found.push_back(r.i64(i, 0));
    for (int64_t id : found)
      if (!sink(load_event(id))) break;
  }

  Stats stats(size_t top) override {
    Stats st;
    auto scalar = [&](const char* sql) {
      Rows r = run(sql, {});
      return r.size() ? r.i64(0, 0) : 0;
    };
    st.documents = scalar("SELECT count(*) FROM documents");
    st.events = scalar("SELECT count(*) FROM events");
    st.event_sources = scalar("SELECT count(*) FROM event_sources");
    st.relations = scalar("SELECT count(*) FROM relations");
    st.failures = scalar("SELECT count(*) FROM failures");
    auto counts = [&](const std::string& sql, std::vector<Count>& out) {
      Rows r = run(sql, {});
      for (int i = 0; i < r.size(); ++i) out.push_back(Count{r.str(i, 0), r.i64(i, 1)});
    };
    counts("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, type COLLATE \"C\"", st.by_type);
    counts("SELECT coalesce(p.admin1, '(unknown)') AS a, count(*) FROM events e LEFT JOIN places p ON p.id = e.place_id "
           "GROUP BY 1 ORDER BY 2 DESC, coalesce(p.admin1, '(unknown)') COLLATE \"C\"",
           st.by_governorate);
    {
      std::map<std::string, int64_t> weeks;
      Rows r = run("SELECT day, count(*) FROM events WHERE day IS NOT NULL GROUP BY day", {});
      for (int i = 0; i < r.size(); ++i) weeks[iso_week(static_cast<int32_t>(r.i64(i, 0)))] += r.i64(i, 1);
      for (auto& [k, v] : weeks) st.by_week.push_back(Count{k, v});
    }
    counts("SELECT actor_id, count(DISTINCT event_id) FROM event_actors GROUP BY actor_id "
           "ORDER BY 2 DESC, actor_id COLLATE \"C\" LIMIT " + std::to_string(top),
           st.top_actors);
    {
      Rows r = run(
          "SELECT coalesce(actor_id, '') AS a, relation, coalesce(patron_id, '') AS p, count(*) FROM relations "
          "GROUP BY 1, 2, 3 ORDER BY 4 DESC, coalesce(actor_id, '') COLLATE \"C\", coalesce(patron_id, '') COLLATE \"C\", relation COLLATE \"C\"",
          {});
      for (int i = 0; i < r.size(); ++i) st.patron_edges.push_back(Edge{r.str(i, 0), r.str(i, 1), r.str(i, 2), r.i64(i, 3)});
    }
    return st;
  }

 private:
  // ------------------------------------------------------------ libpq ----
  void exec(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    check(r, sql);
    PQclear(r);
  }
  void exec_quiet(const char* sql) { PQclear(PQexec(conn_, sql)); }
  void rollback_quiet() {
    place_ids_.clear();
    exec_quiet("ROLLBACK");
    in_tx_ = false;
    locked_ = false;
  }

  void check(PGresult* r, const std::string& sql) {
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    PQclear(r);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    std::string head = sql.substr(0, 120);
    std::replace(head.begin(), head.end(), '\n', ' ');
    throw StoreError(name_ + ": PostgreSQL: " + msg + " [" + head + (sql.size() > 120 ? "…" : "") + "]");
  }

  // Runs `sql` with $1… parameters (text format); prepared once per connection.
  Rows run(const std::string& sql, const std::vector<Param>& params, bool prepare = true) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    const int n = static_cast<int>(params.size());
    PGresult* r = nullptr;
    if (!prepare) {
      r = PQexecParams(conn_, sql.c_str(), n, nullptr, values.data(), nullptr, nullptr, 0);
    } else {
      auto it = prepared_.find(sql);
      if (it == prepared_.end()) {
        std::string name = "m" + std::to_string(prepared_.size());
        PGresult* pr = PQprepare(conn_, name.c_str(), sql.c_str(), n, nullptr);
        check(pr, sql);
        PQclear(pr);
        it = prepared_.emplace(sql, name).first;
      }
      r = PQexecPrepared(conn_, it->second.c_str(), n, values.data(), nullptr, nullptr, 0);
    }
    check(r, sql);
    return Rows(r);
  }

  // Serialise writers: held until commit or rollback.
  void write_lock() {
    if (locked_ || !in_tx_) return;
    exec(std::string("SELECT pg_advisory_xact_lock(") + kWriteLock + ")");
    locked_ = true;
  }

  // ----------------------------------------------------------- writing ----
  AddOutcome add_locked(const Document& doc, const std::string& key, const Result& result, const DocumentInfo& info) {
    AddOutcome out;
    write_lock();
    Rows ins = run(
        "INSERT INTO documents(key, doc_id, date, outlet, url, title, text, source, encoding, n_events, words) "
        "VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11::text[]) ON CONFLICT (key) DO NOTHING RETURNING id",
        {key, doc.id, text_or_null(doc.date), text_or_null(doc.outlet), text_or_null(doc.url), text_or_null(doc.title),
         doc.text, text_or_null(info.source), text_or_null(info.encoding),
         num(static_cast<int64_t>(result.events.size())), array_literal(words_of(doc.text))});
    if (ins.size() == 0) return out;  // already stored
    out.inserted = true;
    out.document_row = ins.i64(0, 0);

    std::optional<int32_t> doc_day = iso_day(doc.date);
    for (size_t i = 0; i < result.events.size(); ++i) {
      bool merged = add_event(doc, out.document_row, doc_day, result.events[i], static_cast<int64_t>(i));
      ++(merged ? out.events_merged : out.events_new);
    }
    for (const Relation& r : result.relations) {
      run("INSERT INTO relations(document_id, actor_id, actor_name_ar, relation, patron_id, patron_name_ar, "
          "sentence_begin, sentence_end, trigger_begin, trigger_end, rule, sentence) "
          "VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
          {num(out.document_row), text_or_null(r.actor.id), text_or_null(r.actor.name_ar), r.relation,
           text_or_null(r.patron.id), text_or_null(r.patron.name_ar), num(int64_t{r.evidence.sentence.begin}),
           num(int64_t{r.evidence.sentence.end}), num(int64_t{r.evidence.trigger.begin}),
           num(int64_t{r.evidence.trigger.end}), r.evidence.rule, std::string(text::slice(doc.text, r.evidence.sentence))});
      ++out.relations;
    }
    return out;
  }

  // Row of a place, inserted if new (one round trip; ids cached per
  // connection, the cache dropped on rollback).
  int64_t place_row(const Place& p) {
    std::string norm = fold_place(p.name_ar.empty() ? p.name_en : p.name_ar);
    std::string cache_key = p.gazetteer_id + '\x1f' + norm;
    if (auto it = place_ids_.find(cache_key); it != place_ids_.end()) return it->second;
    Rows r = run(
        "WITH ins AS (INSERT INTO places(name_ar, name_norm, name_en, gazetteer_id, lat, lon, geog, country, admin1, "
        "admin2, precision) VALUES($1,$2,$3,$4,$5::float8,$6::float8,"
        "CASE WHEN $5::float8 IS NULL OR $6::float8 IS NULL THEN NULL "
        "ELSE ST_SetSRID(ST_MakePoint($6::float8, $5::float8), 4326)::geography END,$7,$8,$9,$10) "
        "ON CONFLICT (gazetteer_id, name_norm) DO NOTHING RETURNING id) "
        "SELECT id FROM ins UNION ALL SELECT id FROM places WHERE gazetteer_id = $4 AND name_norm = $2 LIMIT 1",
        {text_or_null(p.name_ar), norm, text_or_null(p.name_en), p.gazetteer_id, opt(p.lat), opt(p.lon),
         text_or_null(p.country), text_or_null(p.admin1), text_or_null(p.admin2), text_or_null(p.precision)});
    if (!r.size()) throw StoreError(name_ + ": place " + p.gazetteer_id + " neither inserted nor found");
    int64_t id = r.i64(0, 0);
    place_ids_.emplace(std::move(cache_key), id);
    return id;
  }

  // Returns true when merged into an existing event (same rule as sqlite_store.cc).
  bool add_event(const Document& doc, int64_t doc_row, std::optional<int32_t> doc_day, const Event& ev,
                 int64_t ordinal) {
    DedupKey key;
    key.type = ev.type;
    key.day = ev.date && !ev.date->value.empty() ? iso_day(ev.date->value) : doc_day;
    bool coarse = true;
    if (ev.location) {
      key.lat = ev.location->lat;
      key.lon = ev.location->lon;
      key.gazetteer_id = ev.location->gazetteer_id;
      key.place_norm = fold_place(ev.location->name_ar.empty() ? ev.location->name_en : ev.location->name_ar);
      coarse = coarse_precision(ev.location->precision);
    }
    key.source = ids(ev.source);
    key.target = ids(ev.target);
    key.reciprocal = ev.reciprocal;
    key.document = doc_row;

    int64_t target_event = 0;
    if (ev.location && !coarse && key.day) target_event = find_duplicate(key);
    const bool merged = target_event != 0;
    // The event (new or merged into), its actors and this report in one
    // round trip: data-modifying CTEs on the event's id.
    std::vector<std::string> roles, actor_ids, names_ar, names_en;
    auto actors_of = [&](const std::vector<ActorRef>& refs, const char* role) {
      for (const ActorRef& a : refs) {
        if (a.id.empty()) continue;
        roles.emplace_back(role);
        actor_ids.push_back(a.id);
        names_ar.push_back(a.name_ar);
        names_en.push_back(a.name_en);
      }
    };
    actors_of(ev.source, "source");
    actors_of(ev.target, "target");
    std::vector<Param> params;
    std::string head;
    if (merged) {
      head =
          "WITH ev AS (UPDATE events SET n_sources = n_sources + 1, "
          "killed = CASE WHEN $1::int IS NULL THEN killed ELSE greatest(coalesce(killed, 0), $1::int) END, "
          "injured = CASE WHEN $2::int IS NULL THEN injured ELSE greatest(coalesce(injured, 0), $2::int) END, "
          "confidence = CASE WHEN confidence IS NULL THEN NULL ELSE greatest(confidence, $3::float8) END "
          "WHERE id = $4 RETURNING id)";
      params = {opt(ev.casualties.killed), opt(ev.casualties.injured), num(ev.confidence), num(target_event)};
    } else {
      Param place;
      if (ev.location) place = num(place_row(*ev.location));
      Param date, precision, date_text;
      if (ev.date) {
        date = text_or_null(ev.date->value);
        precision = text_or_null(ev.date->precision);
        date_text = text_or_null(ev.date->text);
      }
      head =
          "WITH ev AS (INSERT INTO events(type, mode, cameo, acled_event_type, acled_sub_event_type, date, "
          "date_precision, date_text, day, place_id, killed, injured, killed_civilians, injured_civilians, status, "
          "attribution, reciprocal, confidence, first_document_id) "
          "VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9::int,$10::bigint,$11::int,$12::int,$13::int,$14::int,$15,$16,$17::int,"
          "$18::float8,$19::bigint) RETURNING id)";
      params = {ev.type, text_or_null(ev.mode), text_or_null(ev.cameo), text_or_null(ev.acled_event_type),
                text_or_null(ev.acled_sub_event_type), date, precision, date_text, opt(key.day), place,
                opt(ev.casualties.killed), opt(ev.casualties.injured), opt(ev.casualties.killed_civilians),
                opt(ev.casualties.injured_civilians), ev.status, text_or_null(ev.attribution),
                num(int64_t{ev.reciprocal ? 1 : 0}), num(ev.confidence), num(doc_row)};
    }
    auto p = [&](Param v) {
      params.push_back(std::move(v));
      return "$" + std::to_string(params.size());
    };
    std::string sql = head +
                      ", act AS (INSERT INTO event_actors(event_id, role, actor_id, name_ar, name_en) "
                      "SELECT ev.id, t.role, t.actor_id, t.name_ar, t.name_en FROM ev, unnest(" +
                      p(array_literal(roles)) + "::text[], " + p(array_literal(actor_ids)) + "::text[], " +
                      p(array_literal(names_ar)) + "::text[], " + p(array_literal(names_en)) +
                      "::text[]) WITH ORDINALITY AS t(role, actor_id, name_ar, name_en, n) ORDER BY t.n "
                      "ON CONFLICT DO NOTHING), "
                      "src AS (INSERT INTO event_sources(event_id, document_id, ordinal, sentence_begin, sentence_end, "
                      "trigger_begin, trigger_end, rule, sentence, killed, injured) SELECT ev.id, " +
                      p(num(doc_row)) + "::bigint, " + p(num(ordinal)) + "::int, " +
                      p(num(int64_t{ev.evidence.sentence.begin})) + "::int, " +
                      p(num(int64_t{ev.evidence.sentence.end})) + "::int, " +
                      p(num(int64_t{ev.evidence.trigger.begin})) + "::int, " +
                      p(num(int64_t{ev.evidence.trigger.end})) + "::int, " + p(ev.evidence.rule) + ", " +
                      p(std::string(text::slice(doc.text, ev.evidence.sentence))) + ", " +
                      p(opt(ev.casualties.killed)) + "::int, " + p(opt(ev.casualties.injured)) +
                      "::int FROM ev ON CONFLICT DO NOTHING) SELECT id FROM ev";
    Rows r = run(sql, params);
    if (!r.size()) throw StoreError(name_ + ": event " + std::to_string(target_event) + " vanished while merging");
    return merged;
  }

  int64_t find_duplicate(const DedupKey& key) {
    // Candidate places by the GiST index (a little wider than the radius: the
    // exact test is same_happening's great-circle distance), then their events
    // with, in the same round trip, whether this document already reports
    // them and their actors by role (joined by U+001F).
    bool by_coords = key.lat && key.lon;
    std::string sql =
        "SELECT e.id, e.day, e.reciprocal, p.lat, p.lon, p.gazetteer_id, p.name_norm, p.precision, "
        "EXISTS(SELECT 1 FROM event_sources s WHERE s.event_id = e.id AND s.document_id = $6), "
        "(SELECT string_agg(a.actor_id, E'\\x1f' ORDER BY a.seq) FROM event_actors a "
        "WHERE a.event_id = e.id AND a.role = 'source'), "
        "(SELECT string_agg(a.actor_id, E'\\x1f' ORDER BY a.seq) FROM event_actors a "
        "WHERE a.event_id = e.id AND a.role = 'target') "
        "FROM places p JOIN events e ON e.place_id = p.id AND e.type = $1 AND e.day BETWEEN $2::int AND $3::int WHERE ";
    sql += by_coords ? "(ST_DWithin(p.geog, ST_SetSRID(ST_MakePoint($7::float8, $8::float8), 4326)::geography, "
                       "$9::float8, false) OR p.gazetteer_id = $4 OR p.name_norm = $5)"
                     : "(p.gazetteer_id = $4 OR p.name_norm = $5)";
    sql += " ORDER BY e.id";
    std::vector<Param> params{key.type, num(int64_t{*key.day - options_.merge_days}),
                              num(int64_t{*key.day + options_.merge_days}),
                              key.gazetteer_id.empty() ? std::string("\x01") : key.gazetteer_id,
                              key.place_norm.empty() ? std::string("\x01") : key.place_norm, num(key.document)};
    if (by_coords) {
      params.push_back(num(*key.lon));
      params.push_back(num(*key.lat));
      params.push_back(num(options_.merge_radius_km * 1000.0 * 1.01 + 10.0));
    }
    Rows r = run(sql, params);
    DedupOptions opt_dedup{options_.merge_radius_km, options_.merge_days};
    auto related = [this](const std::string& a, const std::string& b) { return is_ancestor(a, b) || is_ancestor(b, a); };
    auto split = [](const std::string& joined, std::vector<std::string>& out) {
      size_t start = 0;
      while (start < joined.size()) {
        size_t end = joined.find('\x1f', start);
        if (end == std::string::npos) end = joined.size();
        out.push_back(joined.substr(start, end - start));
        start = end + 1;
      }
    };
    for (int i = 0; i < r.size(); ++i) {
      if (coarse_precision(r.str(i, 7))) continue;
      if (r.str(i, 8) == "t") continue;  // events of the same document never merge
      DedupKey c;
      c.type = key.type;
      c.day = static_cast<int32_t>(r.i64(i, 1));
      c.reciprocal = r.i64(i, 2) != 0;
      c.lat = r.opt_dbl(i, 3);
      c.lon = r.opt_dbl(i, 4);
      c.gazetteer_id = r.str(i, 5);
      c.place_norm = r.str(i, 6);
      c.document = -1;
      split(r.str(i, 9), c.source);
      split(r.str(i, 10), c.target);
      if (same_happening(key, c, related, opt_dedup)) return r.i64(i, 0);
    }
    return 0;
  }

  // ----------------------------------------------------------- reading ----
  EventRecord load_event(int64_t id) {
    EventRecord rec;
    rec.id = id;
    Rows s = run(
        "SELECT e.type, e.mode, e.cameo, e.acled_event_type, e.acled_sub_event_type, e.date, e.date_precision, "
        "e.date_text, e.killed, e.injured, e.killed_civilians, e.injured_civilians, e.status, e.attribution, "
        "e.reciprocal, e.confidence, p.id, p.name_ar, p.name_en, p.gazetteer_id, p.lat, p.lon, p.country, p.admin1, "
        "p.admin2, p.precision, e.day FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id = $1",
        {num(id)});
    if (s.size()) {
      Event& e = rec.event;
      e.type = s.str(0, 0);
      e.mode = s.str(0, 1);
      e.cameo = s.str(0, 2);
      e.acled_event_type = s.str(0, 3);
      e.acled_sub_event_type = s.str(0, 4);
      if (!s.null(0, 5)) e.date = Date{s.str(0, 5), s.str(0, 6), s.str(0, 7), {}};
      e.casualties.killed = s.opt_int(0, 8);
      e.casualties.injured = s.opt_int(0, 9);
      e.casualties.killed_civilians = s.opt_int(0, 10);
      e.casualties.injured_civilians = s.opt_int(0, 11);
      e.status = s.str(0, 12);
      e.attribution = s.str(0, 13);
      e.reciprocal = s.i64(0, 14) != 0;
      e.confidence = s.dbl(0, 15);
      if (!s.null(0, 16)) {
        Place p;
        p.name_ar = s.str(0, 17);
        p.name_en = s.str(0, 18);
        p.gazetteer_id = s.str(0, 19);
        p.lat = s.opt_dbl(0, 20);
        p.lon = s.opt_dbl(0, 21);
        p.country = s.str(0, 22);
        p.admin1 = s.str(0, 23);
        p.admin2 = s.str(0, 24);
        p.precision = s.str(0, 25);
        e.location = p;
      }
      if (!e.date && !s.null(0, 26)) e.date = Date{day_to_iso(static_cast<int32_t>(s.i64(0, 26))), "day", "", {}};
    }
    Rows a = run("SELECT role, actor_id, name_ar, name_en FROM event_actors WHERE event_id = $1 ORDER BY seq", {num(id)});
    for (int i = 0; i < a.size(); ++i) {
      ActorRef ref{a.str(i, 1), a.str(i, 2), a.str(i, 3), {}};
      (a.str(i, 0) == "source" ? rec.event.source : rec.event.target).push_back(std::move(ref));
    }
    Rows src = run(
        "SELECT d.doc_id, d.date, d.outlet, d.url, d.title, s.sentence_begin, s.sentence_end, s.trigger_begin, "
        "s.trigger_end, s.rule, s.sentence FROM event_sources s JOIN documents d ON d.id = s.document_id "
        "WHERE s.event_id = $1 ORDER BY d.id, s.ordinal",
        {num(id)});
    for (int i = 0; i < src.size(); ++i) {
      SourceRecord sr;
      sr.doc_id = src.str(i, 0);
      sr.doc_date = src.str(i, 1);
      sr.outlet = src.str(i, 2);
      sr.url = src.str(i, 3);
      sr.title = src.str(i, 4);
      sr.evidence.sentence = Span{static_cast<uint32_t>(src.i64(i, 5)), static_cast<uint32_t>(src.i64(i, 6))};
      sr.evidence.trigger = Span{static_cast<uint32_t>(src.i64(i, 7)), static_cast<uint32_t>(src.i64(i, 8))};
      sr.evidence.rule = src.str(i, 9);
      sr.sentence = src.str(i, 10);
      rec.sources.push_back(std::move(sr));
    }
    if (!rec.sources.empty()) rec.event.evidence = rec.sources.front().evidence;
    return rec;
  }

  // ------------------------------------------------------ actor registry ----
  void load_actor_parents() {
    parent_.clear();
    children_.clear();
    patrons_.clear();
    Rows r = run("SELECT id, parent, patrons FROM actors ORDER BY id COLLATE \"C\"", {});
    for (int i = 0; i < r.size(); ++i) {
      std::string id = r.str(i, 0), parent = r.str(i, 1);
      if (!parent.empty()) {
        parent_[id] = parent;
        children_[parent].push_back(id);
      }
      for (auto& p : knowledge::split_alternatives(r.str(i, 2))) patrons_[p].push_back(id);
    }
  }

  bool is_ancestor(const std::string& a, const std::string& b) const {
    std::string cur = b;
    for (int depth = 0; depth < 32; ++depth) {
      auto it = parent_.find(cur);
      if (it == parent_.end()) return false;
      if (it->second == a) return true;
      cur = it->second;
    }
    return false;
  }

  std::set<std::string> descendants(const std::string& id) const {
    std::set<std::string> out{id};
    std::vector<std::string> todo{id};
    while (!todo.empty()) {
      std::string cur = todo.back();
      todo.pop_back();
      auto it = children_.find(cur);
      if (it == children_.end()) continue;
      for (const auto& c : it->second)
        if (out.insert(c).second) todo.push_back(c);
    }
    return out;
  }

  std::set<std::string> proxies_of(const std::string& patron) {
    std::set<std::string> patrons = descendants(patron);
    std::set<std::string> direct;
    for (const auto& p : patrons) {
      auto it = patrons_.find(p);
      if (it != patrons_.end()) direct.insert(it->second.begin(), it->second.end());
    }
    for (const auto& p : patrons) {
      Rows r = run("SELECT DISTINCT actor_id FROM relations WHERE patron_id = $1 AND actor_id IS NOT NULL", {p});
      for (int i = 0; i < r.size(); ++i) direct.insert(r.str(i, 0));
    }
    std::set<std::string> out;
    for (const auto& a : direct) {
      auto d = descendants(a);
      out.insert(d.begin(), d.end());
    }
    return out;
  }

  std::string name_;
  OpenOptions options_;
  PGconn* conn_ = nullptr;
  bool in_tx_ = false;
  bool locked_ = false;
  std::unordered_map<std::string, std::string> prepared_;
  std::unordered_map<std::string, int64_t> place_ids_;  // gazetteer id \x1f folded name -> places.id
  std::unordered_map<std::string, std::string> parent_;
  std::unordered_map<std::string, std::vector<std::string>> children_;
  std::unordered_map<std::string, std::vector<std::string>> patrons_;
};

}  // namespace

bool is_postgres_dsn(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://") ||
         (db.find('=') != std::string_view::npos &&
          (db.find("host=") != std::string_view::npos || db.find("dbname=") != std::string_view::npos ||
           db.find("service=") != std::string_view::npos));
}

std::string redact_dsn(std::string_view db) {
  std::string s(db);
  if (s.starts_with("postgres")) {
    // scheme://user:password@host → scheme://user:***@host
    size_t scheme = s.find("://");
    size_t at = s.find('@');
    if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
      size_t colon = s.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) s.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (size_t p = s.find("password="); p != std::string::npos; p = s.find("password=", p + 1)) {
    size_t end = s.find_first_of(" &", p);
    s.replace(p + 9, (end == std::string::npos ? s.size() : end) - p - 9, "***");
  }
  return s;
}

std::unique_ptr<Store> open_postgres(const std::string& dsn, OpenOptions options) {
  return std::make_unique<PostgresStore>(dsn, options);
}

std::unique_ptr<Store> open_store(const std::string& db, OpenOptions options) {
  if (is_postgres_dsn(db)) return open_postgres(db, options);
  SqliteOptions so;
  so.read_only = options.read_only;
  so.merge_radius_km = options.merge_radius_km;
  so.merge_days = options.merge_days;
  return open_sqlite(db, so);
}

std::string default_db() {
  const char* env = std::getenv("MARSAD_DB");
  return env && *env ? env : "marsad.db";
}

}  // namespace marsad::store
