// The SQLite implementation of Store: one file, WAL mode, schema in docs/store.md.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "marsad/marsad.h"
#include "knowledge/tsv.h"
#include "store/dedup.h"
#include "store/store.h"
#include "text/text.h"

namespace marsad::store {

namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL,
  date TEXT, outlet TEXT, url TEXT, title TEXT,
  text TEXT NOT NULL,
  source TEXT, encoding TEXT,
  n_events INTEGER NOT NULL DEFAULT 0,
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
-- The normalised (folded) text, indexed only: contentless FTS5, rowid = documents.id.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(norm_text, content='', detail=none);
CREATE TABLE IF NOT EXISTS places(
  id INTEGER PRIMARY KEY,
  name_ar TEXT, name_norm TEXT NOT NULL, name_en TEXT,
  gazetteer_id TEXT NOT NULL,
  lat REAL, lon REAL, country TEXT, admin1 TEXT, admin2 TEXT, precision TEXT,
  UNIQUE(gazetteer_id, name_norm));
CREATE INDEX IF NOT EXISTS places_latlon ON places(lat, lon);
CREATE INDEX IF NOT EXISTS places_admin1 ON places(admin1);
CREATE INDEX IF NOT EXISTS places_name ON places(name_norm);
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL, mode TEXT, cameo TEXT,
  acled_event_type TEXT, acled_sub_event_type TEXT,
  date TEXT, date_precision TEXT, date_text TEXT,
  day INTEGER,
  place_id INTEGER REFERENCES places(id),
  killed INTEGER, injured INTEGER, killed_civilians INTEGER, injured_civilians INTEGER,
  status TEXT, attribution TEXT, reciprocal INTEGER NOT NULL DEFAULT 0, confidence REAL,
  n_sources INTEGER NOT NULL DEFAULT 1,
  first_document_id INTEGER NOT NULL REFERENCES documents(id));
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE INDEX IF NOT EXISTS events_type_day ON events(type, day);
CREATE INDEX IF NOT EXISTS events_place ON events(place_id, type, day);
CREATE TABLE IF NOT EXISTS event_actors(
  event_id INTEGER NOT NULL REFERENCES events(id),
  role TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  name_ar TEXT, name_en TEXT,
  UNIQUE(event_id, role, actor_id));
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors(actor_id, event_id);
CREATE TABLE IF NOT EXISTS event_sources(
  event_id INTEGER NOT NULL REFERENCES events(id),
  document_id INTEGER NOT NULL REFERENCES documents(id),
  ordinal INTEGER NOT NULL,
  sentence_begin INTEGER, sentence_end INTEGER, trigger_begin INTEGER, trigger_end INTEGER,
  rule TEXT, sentence TEXT,
  killed INTEGER, injured INTEGER,
  PRIMARY KEY(event_id, document_id, ordinal)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_sources_document ON event_sources(document_id);
CREATE TABLE IF NOT EXISTS relations(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  actor_id TEXT, actor_name_ar TEXT, relation TEXT NOT NULL, patron_id TEXT, patron_name_ar TEXT,
  sentence_begin INTEGER, sentence_end INTEGER, trigger_begin INTEGER, trigger_end INTEGER,
  rule TEXT, sentence TEXT);
CREATE INDEX IF NOT EXISTS relations_actor ON relations(actor_id);
CREATE INDEX IF NOT EXISTS relations_patron ON relations(patron_id);
CREATE TABLE IF NOT EXISTS failures(
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL, location TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL,
  severity TEXT NOT NULL DEFAULT 'error',
  seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE(file, location, reason));
CREATE TABLE IF NOT EXISTS actors(
  id TEXT PRIMARY KEY, name_en TEXT, name_ar TEXT, kind TEXT, country TEXT, parent TEXT, patrons TEXT);
INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '1');
)SQL";

// The error of the last call on `db`, said plainly with the file name and,
// for the faults a user can meet (full disk, read-only file, damaged file,
// another writer), what it means and what to do.
std::string describe(sqlite3* db, const std::string& file, int rc = -1) {
  if (rc < 0) rc = sqlite3_extended_errcode(db);
  std::string msg = file + ": " + sqlite3_errmsg(db);
  switch (rc & 0xFF) {
    case SQLITE_FULL:
      return msg + " (no space left for the database: the transaction in progress was rolled back, nothing of "
                   "it was stored; free some space and run the same command again)";
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return msg + " (the database file, its folder or its file system is read-only)";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return msg + " (the file is damaged or not a Marsad database; it was not changed: restore a backup or "
                   "use a new file)";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return msg + " (another process kept the database locked for too long; run the command again when it "
                   "is done)";
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return msg + " (the file or its -wal/-shm companions cannot be read or written)";
    default:
      return msg;
  }
}

// A prepared statement; reset after each use.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, const std::string& sql, const std::string& file) : db_(db), file_(&file) {
    if (int rc = sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr); rc != SQLITE_OK)
      throw StoreError(describe(db, file, rc) + " [preparing: " + sql.substr(0, 80) + "]");
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_), file_(o.file_) { o.stmt_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept {
    std::swap(db_, o.db_);
    std::swap(stmt_, o.stmt_);
    std::swap(file_, o.file_);
    return *this;
  }

  Stmt& bind(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind_or_null(int i, std::string_view s) {
    if (s.empty()) sqlite3_bind_null(stmt_, i);
    else bind(i, s);
    return *this;
  }
  Stmt& bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  template <class T>
  Stmt& bind(int i, const std::optional<T>& v) {
    if (!v) sqlite3_bind_null(stmt_, i);
    else if constexpr (std::is_floating_point_v<T>) sqlite3_bind_double(stmt_, i, *v);
    else sqlite3_bind_int64(stmt_, i, static_cast<int64_t>(*v));
    return *this;
  }
  // SQLITE_ROW -> true, SQLITE_DONE -> false (and reset), else throws.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      reset();
      return false;
    }
    std::string msg = describe(db_, file_ ? *file_ : std::string("SQLite"), rc);
    reset();
    throw StoreError(msg);
  }
  void run() {
    while (step()) {
    }
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t i64(int c) const { return sqlite3_column_int64(stmt_, c); }
  double dbl(int c) const { return sqlite3_column_double(stmt_, c); }
  bool null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  std::string str(int c) const {
    const unsigned char* p = sqlite3_column_text(stmt_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, c)))
             : std::string();
  }
  std::optional<int> opt_int(int c) const {
    if (null(c)) return std::nullopt;
    return static_cast<int>(i64(c));
  }
  std::optional<double> opt_dbl(int c) const {
    if (null(c)) return std::nullopt;
    return dbl(c);
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  const std::string* file_ = nullptr;  // the store's path (outlives its statements)
};

void km_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
      sqlite3_result_null(ctx);
      return;
    }
  sqlite3_result_double(ctx, distance_km(sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1]),
                                         sqlite3_value_double(argv[2]), sqlite3_value_double(argv[3])));
}

void simple_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const unsigned char* p = sqlite3_value_text(argv[0]);
  if (!p) {
    sqlite3_result_null(ctx);
    return;
  }
  std::string s = simple_key(reinterpret_cast<const char*>(p));
  sqlite3_result_text(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}



// The terms FTS5's unicode61 tokenizer (the full-text index's) makes of
// `text`, taken from SQLite itself, so that a quoted term never becomes a
// phrase ("a_b" = "a" "b"; «قَصف» = "ق" "صف"), which a detail=none index
// refuses. Empty when the tokenizer cannot be reached.
std::vector<std::string> fts_terms(sqlite3* db, std::string_view text) {
  std::vector<std::string> out;
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return out;
  sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if (!api) return out;
  void* user = nullptr;
  fts5_tokenizer tok{};
  if (api->xFindTokenizer(api, "unicode61", &user, &tok) != SQLITE_OK) return out;
  Fts5Tokenizer* t = nullptr;
  if (tok.xCreate(user, nullptr, 0, &t) != SQLITE_OK) return out;
  auto sink = [](void* ctx, int, const char* token, int n, int, int) {
    static_cast<std::vector<std::string>*>(ctx)->emplace_back(token, static_cast<size_t>(n));
    return SQLITE_OK;
  };
  tok.xTokenize(t, &out, FTS5_TOKENIZE_QUERY, text.data(), static_cast<int>(text.size()), sink);
  tok.xDelete(t);
  return out;
}

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::filesystem::path& path, SqliteOptions options) : path_(path.string()), options_(options) {
    int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (int rc = sqlite3_open_v2(path_.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr); rc != SQLITE_OK) {
      std::string msg = db_ ? describe(db_, path_, rc) : path_ + ": out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError("cannot open database " + msg);
    }
    // SQLite silently opens a file it may not write read-only: say so now
    // rather than at the first write.
    if (!options.read_only && sqlite3_db_readonly(db_, "main") == 1) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError(path_ + ": the database file is read-only (its permissions or attributes, its folder or "
                       "its file system do not allow writing); nothing was changed");
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_create_function(db_, "marsad_km", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, km_function, nullptr,
                            nullptr);
    sqlite3_create_function(db_, "marsad_simple", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, simple_function,
                            nullptr, nullptr);
    try {
      if (!options.read_only) {
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
        exec("PRAGMA wal_autocheckpoint=8192");  // fewer checkpoints (fsyncs) during a long ingest
        exec(kSchema);
      }
      exec("PRAGMA foreign_keys=OFF");
      exec("PRAGMA cache_size=-65536");
      load_actor_parents();
    } catch (...) {  // a damaged or full database: no destructor runs, close here
      statements_.clear();
      sqlite3_close(db_);
      db_ = nullptr;
      throw;
    }
  }
  ~SqliteStore() override {
    if (in_tx_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    statements_.clear();
    sqlite3_close(db_);
  }

  void begin() override {
    exec("BEGIN IMMEDIATE");
    in_tx_ = true;
  }
  void commit() override {
    exec("COMMIT");
    in_tx_ = false;
  }
  // After SQLITE_FULL (and some I/O errors) SQLite has already rolled the
  // transaction back; then there is nothing left to undo.
  void rollback() override {
    in_tx_ = false;
    if (sqlite3_get_autocommit(db_)) return;
    exec("ROLLBACK");
  }

  bool has_document(const std::string& key) override {
    auto& s = stmt("SELECT 1 FROM documents WHERE key=?");
    s.bind(1, key);
    bool found = s.step();
    s.reset();
    return found;
  }

  AddOutcome add(const Document& doc, const std::string& key, const Result& result,
                 const DocumentInfo& info) override {
    AddOutcome out;
    if (has_document(key)) return out;
    std::string norm = text::fold_utf8(doc.text);
    auto& ins = stmt(
        "INSERT INTO documents(key, doc_id, date, outlet, url, title, text, source, encoding, n_events) "
        "VALUES(?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, key).bind(2, doc.id).bind_or_null(3, doc.date).bind_or_null(4, doc.outlet).bind_or_null(5, doc.url);
    ins.bind_or_null(6, doc.title).bind(7, doc.text).bind_or_null(8, info.source);
    ins.bind_or_null(9, info.encoding).bind(10, static_cast<int64_t>(result.events.size()));
    ins.run();
    out.inserted = true;
    out.document_row = sqlite3_last_insert_rowid(db_);
    auto& fts = stmt("INSERT INTO documents_fts(rowid, norm_text) VALUES(?, ?)");
    fts.bind(1, out.document_row).bind(2, norm).run();

    std::optional<int32_t> doc_day = iso_day(doc.date);
    for (size_t i = 0; i < result.events.size(); ++i) {
      bool merged = add_event(doc, out.document_row, doc_day, result.events[i], static_cast<int64_t>(i));
      ++(merged ? out.events_merged : out.events_new);
    }
    for (const Relation& r : result.relations) {
      auto& rel = stmt(
          "INSERT INTO relations(document_id, actor_id, actor_name_ar, relation, patron_id, patron_name_ar, "
          "sentence_begin, sentence_end, trigger_begin, trigger_end, rule, sentence) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
      rel.bind(1, out.document_row).bind_or_null(2, r.actor.id).bind_or_null(3, r.actor.name_ar).bind(4, r.relation);
      rel.bind_or_null(5, r.patron.id).bind_or_null(6, r.patron.name_ar);
      bind_evidence(rel, 7, r.evidence);
      rel.bind(11, r.evidence.rule).bind(12, text::slice(doc.text, r.evidence.sentence));
      rel.run();
      ++out.relations;
    }
    return out;
  }

  void record_failure(const Failure& f) override {
    auto& s = stmt("INSERT OR IGNORE INTO failures(file, location, reason, severity) VALUES(?,?,?,?)");
    s.bind(1, f.file).bind(2, f.where).bind(3, f.reason).bind(4, f.severity).run();
  }

  std::vector<Failure> failures() override {
    std::vector<Failure> out;
    auto& s = stmt("SELECT file, location, reason, severity FROM failures ORDER BY id");
    while (s.step()) out.push_back(Failure{s.str(0), s.str(1), s.str(2), s.str(3)});
    return out;
  }

  void put_actors(const std::vector<ActorInfo>& actors) override {
    bool own_tx = !in_tx_;
    if (own_tx) begin();
    exec("DELETE FROM actors");
    auto& s = stmt("INSERT OR REPLACE INTO actors(id, name_en, name_ar, kind, country, parent, patrons) VALUES(?,?,?,?,?,?,?)");
    for (const ActorInfo& a : actors) {
      std::string patrons;
      for (const auto& p : a.patrons) patrons += (patrons.empty() ? "" : "|") + p;
      s.bind(1, a.id).bind(2, a.name_en).bind(3, a.name_ar).bind(4, a.kind).bind(5, a.country);
      s.bind_or_null(6, a.parent).bind(7, patrons).run();
    }
    if (own_tx) commit();
    load_actor_parents();
  }

  std::vector<ActorInfo> actors() override {
    std::vector<ActorInfo> out;
    auto& s = stmt("SELECT id, name_en, name_ar, kind, country, parent, patrons FROM actors ORDER BY id");
    while (s.step()) {
      ActorInfo a{s.str(0), s.str(1), s.str(2), s.str(3), s.str(4), s.str(5), {}};
      a.patrons = knowledge::split_alternatives(s.str(6));
      out.push_back(std::move(a));
    }
    return out;
  }

  void query(const Filter& f, const std::function<bool(const EventRecord&)>& sink) override {
    std::string sql = "SELECT e.id FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE 1";
    struct Param {
      enum { Text, Int, Real } kind;
      std::string s;
      int64_t i = 0;
      double d = 0;
    };
    std::vector<Param> params;
    auto text_param = [&](std::string s) { params.push_back(Param{Param::Text, std::move(s), 0, 0}); };
    auto int_param = [&](int64_t v) { params.push_back(Param{Param::Int, {}, v, 0}); };
    auto real_param = [&](double v) { params.push_back(Param{Param::Real, {}, 0, v}); };
    auto in_list = [&](const std::set<std::string>& ids) {
      std::string s = "(";
      for (const auto& id : ids) {
        s += (s.size() > 1 ? ",?" : "?");
        text_param(id);
      }
      return s + ")";
    };

    if (!f.type.empty()) {
      sql += " AND e.type = ?";
      text_param(f.type);
    }
    if (!f.actor.empty()) {
      sql += " AND e.id IN (SELECT event_id FROM event_actors WHERE actor_id IN " + in_list(descendants(f.actor)) + ")";
    }
    if (!f.patron.empty()) {
      std::set<std::string> proxies = proxies_of(f.patron);
      if (proxies.empty()) return;
      sql += " AND e.id IN (SELECT event_id FROM event_actors WHERE actor_id IN " + in_list(proxies) + ")";
    }
    if (!f.place.empty()) {
      sql += " AND (p.name_norm = ? OR marsad_simple(p.name_en) = ? OR marsad_simple(p.admin2) = ? OR p.gazetteer_id = ?)";
      text_param(fold_place(f.place));
      text_param(simple_key(f.place));
      text_param(simple_key(f.place));
      text_param(f.place);
    }
    if (f.near_lat && f.near_lon) {
      double dlat = f.radius_km / 111.0;
      double dlon = f.radius_km / (111.0 * std::max(0.01, std::cos(*f.near_lat * 3.14159265358979 / 180.0)));
      sql += " AND p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ? AND marsad_km(p.lat, p.lon, ?, ?) <= ?";
      real_param(*f.near_lat - dlat);
      real_param(*f.near_lat + dlat);
      real_param(*f.near_lon - dlon);
      real_param(*f.near_lon + dlon);
      real_param(*f.near_lat);
      real_param(*f.near_lon);
      real_param(f.radius_km);
    }
    if (!f.governorate.empty()) {
      sql += " AND marsad_simple(p.admin1) = ?";
      text_param(simple_key(f.governorate));
    }
    if (!f.since.empty()) {
      auto d = iso_day(f.since);
      if (!d) throw StoreError("--since: not an ISO date: " + f.since);
      sql += " AND e.day >= ?";
      int_param(*d);
    }
    if (!f.until.empty()) {
      auto d = iso_day(f.until);
      if (!d) throw StoreError("--until: not an ISO date: " + f.until);
      sql += " AND e.day <= ?";
      int_param(*d);
    }
    if (!f.text.empty()) {
      // The words as the index has them: the folded text split by FTS5's own
      // tokenizer (every term quoted, all required).
      std::string match;
      for (const auto& w : fts_terms(db_, text::fold_utf8(f.text))) {
        if (w.find('"') != std::string::npos) continue;  // unicode61 never keeps one; be safe
        match += (match.empty() ? "\"" : " \"") + w + "\"";
      }
      if (match.empty()) return;
      sql +=
          " AND e.id IN (SELECT s.event_id FROM event_sources s WHERE s.document_id IN "
          "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))";
      text_param(match);
    }
    sql += " ORDER BY e.day IS NULL, e.day, e.id";
    if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);

    Stmt q(db_, sql, path_);
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      if (params[i].kind == Param::Text) q.bind(idx, params[i].s);
      else if (params[i].kind == Param::Int) q.bind(idx, params[i].i);
      else q.bind(idx, params[i].d);
    }
    std::vector<int64_t> ids;
    while (q.step()) ids.push_back(q.i64(0));
    for (int64_t id : ids)
      if (!sink(load_event(id))) break;
  }

  Stats stats(size_t top) override {
    Stats st;
    auto scalar = [&](const char* sql) {
      auto& s = stmt(sql);
      int64_t v = s.step() ? s.i64(0) : 0;
      s.reset();
      return v;
    };
    st.documents = scalar("SELECT count(*) FROM documents");
    st.events = scalar("SELECT count(*) FROM events");
    st.event_sources = scalar("SELECT count(*) FROM event_sources");
    st.relations = scalar("SELECT count(*) FROM relations");
    st.failures = scalar("SELECT count(*) FROM failures");
    auto counts = [&](const char* sql, std::vector<Count>& out) {
      auto& s = stmt(sql);
      while (s.step()) out.push_back(Count{s.str(0), s.i64(1)});
    };
    counts("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1", st.by_type);
    counts(
        "SELECT coalesce(p.admin1, '(unknown)'), count(*) FROM events e LEFT JOIN places p ON p.id = e.place_id "
        "GROUP BY 1 ORDER BY 2 DESC, 1",
        st.by_governorate);
    {
      std::map<std::string, int64_t> weeks;
      auto& s = stmt("SELECT day, count(*) FROM events WHERE day IS NOT NULL GROUP BY day");
      while (s.step()) weeks[iso_week(static_cast<int32_t>(s.i64(0)))] += s.i64(1);
      for (auto& [k, v] : weeks) st.by_week.push_back(Count{k, v});
    }
    {
      auto& s = stmt(
          "SELECT actor_id, count(DISTINCT event_id) FROM event_actors GROUP BY actor_id ORDER BY 2 DESC, 1 LIMIT ?");
      s.bind(1, static_cast<int64_t>(top));
      while (s.step()) st.top_actors.push_back(Count{s.str(0), s.i64(1)});
    }
    {
      auto& s = stmt(
          "SELECT coalesce(actor_id, ''), relation, coalesce(patron_id, ''), count(*) FROM relations "
          "GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 3");
      while (s.step()) st.patron_edges.push_back(Edge{s.str(0), s.str(1), s.str(2), s.i64(3)});
    }
    return st;
  }

 private:
  void exec(const char* sql) {
    if (int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); rc != SQLITE_OK)
      throw StoreError(describe(db_, path_, rc));
  }

  Stmt& stmt(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) it = statements_.emplace(sql, Stmt(db_, sql, path_)).first;
    return it->second;
  }

  static void bind_evidence(Stmt& s, int first, const Evidence& e) {
    s.bind(first, static_cast<int64_t>(e.sentence.begin)).bind(first + 1, static_cast<int64_t>(e.sentence.end));
    s.bind(first + 2, static_cast<int64_t>(e.trigger.begin)).bind(first + 3, static_cast<int64_t>(e.trigger.end));
  }

  void load_actor_parents() {
    parent_.clear();
    children_.clear();
    patrons_.clear();
    Stmt s(db_, "SELECT id, parent, patrons FROM actors", path_);
    while (s.step()) {
      std::string id = s.str(0), parent = s.str(1);
      if (!parent.empty()) {
        parent_[id] = parent;
        children_[parent].push_back(id);
      }
      for (auto& p : knowledge::split_alternatives(s.str(2))) patrons_[p].push_back(id);
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

  // Actors backed by `patron` (or any of its sub-units): the registry's patrons
  // column and stored relations, with their sub-units.
  std::set<std::string> proxies_of(const std::string& patron) {
    std::set<std::string> patrons = descendants(patron);
    std::set<std::string> direct;
    for (const auto& p : patrons) {
      auto it = patrons_.find(p);
      if (it != patrons_.end()) direct.insert(it->second.begin(), it->second.end());
    }
    auto& s = stmt("SELECT DISTINCT actor_id FROM relations WHERE patron_id = ? AND actor_id IS NOT NULL");
    for (const auto& p : patrons) {
      s.bind(1, p);
      while (s.step()) direct.insert(s.str(0));
    }
    std::set<std::string> out;
    for (const auto& a : direct) {
      auto d = descendants(a);
      out.insert(d.begin(), d.end());
    }
    return out;
  }

  int64_t place_row(const Place& p) {
    std::string norm = fold_place(p.name_ar.empty() ? p.name_en : p.name_ar);
    auto& find = stmt("SELECT id FROM places WHERE gazetteer_id = ? AND name_norm = ?");
    find.bind(1, p.gazetteer_id).bind(2, norm);
    if (find.step()) {
      int64_t id = find.i64(0);
      find.reset();
      return id;
    }
    auto& ins = stmt(
        "INSERT INTO places(name_ar, name_norm, name_en, gazetteer_id, lat, lon, country, admin1, admin2, precision) "
        "VALUES(?,?,?,?,?,?,?,?,?,?)");
    ins.bind_or_null(1, p.name_ar).bind(2, norm).bind_or_null(3, p.name_en).bind(4, p.gazetteer_id);
    ins.bind(5, p.lat).bind(6, p.lon).bind_or_null(7, p.country).bind_or_null(8, p.admin1).bind_or_null(9, p.admin2);
    ins.bind_or_null(10, p.precision).run();
    return sqlite3_last_insert_rowid(db_);
  }

  static std::vector<std::string> ids(const std::vector<ActorRef>& refs) {
    std::vector<std::string> out;
    for (const auto& r : refs)
      if (!r.id.empty()) out.push_back(r.id);
    return out;
  }

  // Returns true when merged into an existing event.
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

    if (merged) {
      auto& up = stmt(
          "UPDATE events SET n_sources = n_sources + 1, "
          "killed = CASE WHEN ?1 IS NULL THEN killed ELSE max(coalesce(killed, 0), ?1) END, "
          "injured = CASE WHEN ?2 IS NULL THEN injured ELSE max(coalesce(injured, 0), ?2) END, "
          "confidence = max(confidence, ?3) WHERE id = ?4");
      up.bind(1, ev.casualties.killed).bind(2, ev.casualties.injured).bind(3, ev.confidence).bind(4, target_event);
      up.run();
    } else {
      std::optional<int64_t> place;
      if (ev.location) place = place_row(*ev.location);
      auto& ins = stmt(
          "INSERT INTO events(type, mode, cameo, acled_event_type, acled_sub_event_type, date, date_precision, "
          "date_text, day, place_id, killed, injured, killed_civilians, injured_civilians, status, attribution, "
          "reciprocal, confidence, first_document_id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      ins.bind(1, ev.type).bind_or_null(2, ev.mode).bind_or_null(3, ev.cameo).bind_or_null(4, ev.acled_event_type);
      ins.bind_or_null(5, ev.acled_sub_event_type);
      if (ev.date) ins.bind_or_null(6, ev.date->value).bind_or_null(7, ev.date->precision).bind_or_null(8, ev.date->text);
      ins.bind(9, key.day).bind(10, place);
      ins.bind(11, ev.casualties.killed).bind(12, ev.casualties.injured);
      ins.bind(13, ev.casualties.killed_civilians).bind(14, ev.casualties.injured_civilians);
      ins.bind(15, ev.status).bind_or_null(16, ev.attribution).bind(17, int64_t{ev.reciprocal ? 1 : 0});
      ins.bind(18, ev.confidence).bind(19, doc_row).run();
      target_event = sqlite3_last_insert_rowid(db_);
    }
    auto& act = stmt("INSERT OR IGNORE INTO event_actors(event_id, role, actor_id, name_ar, name_en) VALUES(?,?,?,?,?)");
    auto put_actors_of = [&](const std::vector<ActorRef>& refs, const char* role) {
      for (const ActorRef& a : refs) {
        if (a.id.empty()) continue;
        act.bind(1, target_event).bind(2, std::string_view(role)).bind(3, a.id).bind(4, a.name_ar).bind(5, a.name_en);
        act.run();
      }
    };
    put_actors_of(ev.source, "source");
    put_actors_of(ev.target, "target");
    auto& src = stmt(
        "INSERT OR IGNORE INTO event_sources(event_id, document_id, ordinal, sentence_begin, sentence_end, "
        "trigger_begin, trigger_end, rule, sentence, killed, injured) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    src.bind(1, target_event).bind(2, doc_row).bind(3, ordinal);
    bind_evidence(src, 4, ev.evidence);
    src.bind(8, ev.evidence.rule).bind(9, text::slice(doc.text, ev.evidence.sentence));
    src.bind(10, ev.casualties.killed).bind(11, ev.casualties.injured).run();
    return merged;
  }

  int64_t find_duplicate(const DedupKey& key) {
    // Places first (few near ones, by index), then their events of this type and days.
    std::string sql =
        "SELECT e.id, e.day, e.reciprocal, p.lat, p.lon, p.gazetteer_id, p.name_norm, p.precision FROM places p "
        "CROSS JOIN events e ON e.place_id = p.id AND e.type = ?1 AND e.day BETWEEN ?2 AND ?3 WHERE ";
    bool by_coords = key.lat && key.lon;
    sql += by_coords ? "((p.lat BETWEEN ?4 AND ?5 AND p.lon BETWEEN ?6 AND ?7) OR p.gazetteer_id = ?8 OR p.name_norm = ?9)"
                     : "(p.gazetteer_id = ?8 OR p.name_norm = ?9)";
    sql += " ORDER BY e.id";
    auto& s = stmt(sql);
    s.bind(1, key.type).bind(2, int64_t{*key.day - options_.merge_days}).bind(3, int64_t{*key.day + options_.merge_days});
    if (by_coords) {
      double dlat = options_.merge_radius_km / 110.0;
      double dlon = options_.merge_radius_km / (110.0 * std::max(0.01, std::cos(*key.lat * 3.14159265358979 / 180.0)));
      s.bind(4, *key.lat - dlat).bind(5, *key.lat + dlat).bind(6, *key.lon - dlon).bind(7, *key.lon + dlon);
    }
    s.bind(8, key.gazetteer_id.empty() ? std::string_view("\x01") : std::string_view(key.gazetteer_id));
    s.bind(9, key.place_norm.empty() ? std::string_view("\x01") : std::string_view(key.place_norm));
    std::vector<DedupKey> candidates;
    std::vector<int64_t> cand_ids;
    while (s.step()) {
      if (coarse_precision(s.str(7))) continue;
      DedupKey c;
      c.type = key.type;
      c.day = static_cast<int32_t>(s.i64(1));
      c.reciprocal = s.i64(2) != 0;
      c.lat = s.opt_dbl(3);
      c.lon = s.opt_dbl(4);
      c.gazetteer_id = s.str(5);
      c.place_norm = s.str(6);
      c.document = -1;
      candidates.push_back(std::move(c));
      cand_ids.push_back(s.i64(0));
    }
    DedupOptions opt{options_.merge_radius_km, options_.merge_days};
    auto related = [this](const std::string& a, const std::string& b) { return is_ancestor(a, b) || is_ancestor(b, a); };
    for (size_t i = 0; i < candidates.size(); ++i) {
      DedupKey& c = candidates[i];
      auto& same_doc = stmt("SELECT 1 FROM event_sources WHERE event_id = ? AND document_id = ? LIMIT 1");
      same_doc.bind(1, cand_ids[i]).bind(2, key.document);
      bool mine = same_doc.step();
      same_doc.reset();
      if (mine) continue;
      auto& acts = stmt("SELECT role, actor_id FROM event_actors WHERE event_id = ?");
      acts.bind(1, cand_ids[i]);
      while (acts.step()) (acts.str(0) == "source" ? c.source : c.target).push_back(acts.str(1));
      if (same_happening(key, c, related, opt)) {
        return cand_ids[i];
      }
    }
    return 0;
  }

  EventRecord load_event(int64_t id) {
    EventRecord r;
    r.id = id;
    auto& s = stmt(
        "SELECT e.type, e.mode, e.cameo, e.acled_event_type, e.acled_sub_event_type, e.date, e.date_precision, "
        "e.date_text, e.killed, e.injured, e.killed_civilians, e.injured_civilians, e.status, e.attribution, "
        "e.reciprocal, e.confidence, p.id, p.name_ar, p.name_en, p.gazetteer_id, p.lat, p.lon, p.country, p.admin1, "
        "p.admin2, p.precision, e.day FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id = ?");
    s.bind(1, id);
    if (s.step()) {
      Event& e = r.event;
      e.type = s.str(0);
      e.mode = s.str(1);
      e.cameo = s.str(2);
      e.acled_event_type = s.str(3);
      e.acled_sub_event_type = s.str(4);
      if (!s.null(5)) e.date = Date{s.str(5), s.str(6), s.str(7), {}};
      e.casualties.killed = s.opt_int(8);
      e.casualties.injured = s.opt_int(9);
      e.casualties.killed_civilians = s.opt_int(10);
      e.casualties.injured_civilians = s.opt_int(11);
      e.status = s.str(12);
      e.attribution = s.str(13);
      e.reciprocal = s.i64(14) != 0;
      e.confidence = s.dbl(15);
      if (!s.null(16)) {
        Place p;
        p.name_ar = s.str(17);
        p.name_en = s.str(18);
        p.gazetteer_id = s.str(19);
        p.lat = s.opt_dbl(20);
        p.lon = s.opt_dbl(21);
        p.country = s.str(22);
        p.admin1 = s.str(23);
        p.admin2 = s.str(24);
        p.precision = s.str(25);
        e.location = p;
      }
      if (!e.date && !s.null(26)) e.date = Date{day_to_iso(static_cast<int32_t>(s.i64(26))), "day", "", {}};
      s.reset();
    }
    auto& a = stmt("SELECT role, actor_id, name_ar, name_en FROM event_actors WHERE event_id = ? ORDER BY rowid");
    a.bind(1, id);
    while (a.step()) {
      ActorRef ref{a.str(1), a.str(2), a.str(3), {}};
      (a.str(0) == "source" ? r.event.source : r.event.target).push_back(std::move(ref));
    }
    auto& src = stmt(
        "SELECT d.doc_id, d.date, d.outlet, d.url, d.title, s.sentence_begin, s.sentence_end, s.trigger_begin, "
        "s.trigger_end, s.rule, s.sentence FROM event_sources s JOIN documents d ON d.id = s.document_id "
        "WHERE s.event_id = ? ORDER BY d.id, s.ordinal");
    src.bind(1, id);
    while (src.step()) {
      SourceRecord sr;
      sr.doc_id = src.str(0);
      sr.doc_date = src.str(1);
      sr.outlet = src.str(2);
      sr.url = src.str(3);
      sr.title = src.str(4);
      sr.evidence.sentence = Span{static_cast<uint32_t>(src.i64(5)), static_cast<uint32_t>(src.i64(6))};
      sr.evidence.trigger = Span{static_cast<uint32_t>(src.i64(7)), static_cast<uint32_t>(src.i64(8))};
      sr.evidence.rule = src.str(9);
      sr.sentence = src.str(10);
      r.sources.push_back(std::move(sr));
    }
    if (!r.sources.empty()) r.event.evidence = r.sources.front().evidence;
    return r;
  }

  std::string path_;
  SqliteOptions options_;
  sqlite3* db_ = nullptr;
  bool in_tx_ = false;
  std::unordered_map<std::string, Stmt> statements_;
  std::unordered_map<std::string, std::string> parent_;
  std::unordered_map<std::string, std::vector<std::string>> children_;
  std::unordered_map<std::string, std::vector<std::string>> patrons_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite(const std::filesystem::path& path, SqliteOptions options) {
  return std::make_unique<SqliteStore>(path, options);
}

std::string document_key(std::string_view body) {
  std::string folded = text::fold_utf8(body);
  // Collapse white space (ASCII and the UTF-8 no-break space) and trim.
  std::string norm;
  norm.reserve(folded.size());
  bool space = false;
  for (size_t i = 0; i < folded.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(folded[i]);
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < folded.size() && static_cast<unsigned char>(folded[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = !norm.empty();
      continue;
    }
    if (space) norm.push_back(' ');
    space = false;
    norm.push_back(static_cast<char>(c));
  }
  // Two independent 64-bit FNV-1a-style hashes with different offsets and a
  // final avalanche: a 128-bit key.
  auto hash = [&](uint64_t h, uint64_t prime) {
    for (unsigned char c : norm) {
      h ^= c;
      h *= prime;
    }
    h ^= norm.size();
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
  };
  uint64_t a = hash(0xcbf29ce484222325ULL, 0x100000001b3ULL);
  uint64_t b = hash(0x84222325cbf29ce4ULL, 0x00000100000001b3ULL ^ 0x5bd1e995ULL);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buf;
}

std::vector<ActorInfo> load_registry(const std::filesystem::path& registry_tsv) {
  auto table = knowledge::TsvTable::read(registry_tsv);
  size_t c_id = table.column("id"), c_en = table.column("name_en"), c_ar = table.column("name_ar");
  size_t c_kind = table.find_column("kind"), c_country = table.find_column("country");
  size_t c_parent = table.column("parent"), c_patrons = table.find_column("patrons");
  std::vector<ActorInfo> out;
  for (const auto& row : table.rows()) {
    ActorInfo a;
    a.id = knowledge::TsvTable::cell(row, c_id);
    if (a.id.empty()) continue;
    a.name_en = knowledge::TsvTable::cell(row, c_en);
    a.name_ar = knowledge::TsvTable::cell(row, c_ar);
    if (c_kind != knowledge::TsvTable::npos) a.kind = knowledge::TsvTable::cell(row, c_kind);
    if (c_country != knowledge::TsvTable::npos) a.country = knowledge::TsvTable::cell(row, c_country);
    a.parent = knowledge::TsvTable::cell(row, c_parent);
    if (c_patrons != knowledge::TsvTable::npos)
      a.patrons = knowledge::split_alternatives(knowledge::TsvTable::cell(row, c_patrons));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace marsad::store
