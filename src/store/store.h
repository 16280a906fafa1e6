// The event database: documents, coded events (deduplicated across articles),
// their actors, places, relations and sources, behind one interface so that
// the SQLite file (default, no server) and PostgreSQL (issue 7) are
// interchangeable.
//
//   auto store = marsad::store::open_sqlite("marsad.db");     // throws StoreError
//   store->put_actors(registry);                               // for sub-unit queries
//   store->begin();
//   if (!store->has_document(key)) store->add(doc, key, result, info);
//   store->commit();                                           // one transaction per batch
//   store->query(filter, [](const EventRecord& e) { ...; return true; });
//
// A document is keyed by document_key(text): a hash of the folded text, so the
// same article ingested twice (or from two files) is stored once.
// Dedup rule (see docs/store.md and same_happening() in dedup.h): an event is
// merged into an earlier event of another document when both have the same
// type, compatible actors, places within 5 km and dates within one day.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "marsad/types.h"

namespace marsad::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Stable 128-bit hex key of a document: hash of fold_utf8(text) with runs of
// white space collapsed and the ends trimmed.
std::string document_key(std::string_view text);

// One row of the actor registry (data/actors/registry.tsv).
struct ActorInfo {
  std::string id;
  std::string name_en;
  std::string name_ar;
  std::string kind;     // state_forces, rebel_group, militia, ...
  std::string country;  // ISO alpha-3
  std::string parent;   // id of the parent unit, or empty
  std::vector<std::string> patrons;
};

// Reads data/actors/registry.tsv (throws marsad::LoadError naming file and line).
std::vector<ActorInfo> load_registry(const std::filesystem::path& registry_tsv);

// Where a document came from and how it was decoded.
struct DocumentInfo {
  std::string source;    // file (and record) it was read from
  std::string encoding;  // UTF-8, windows-1256, ISO-8859-6, ...
};

// What happened to one document in add().
struct AddOutcome {
  bool inserted = false;   // false: a document with this key was already stored
  int64_t document_row = 0;
  size_t events_new = 0;     // events stored as new happenings
  size_t events_merged = 0;  // events merged into an existing happening
  size_t relations = 0;
};

// A per-document (or per-file) failure, kept in the database.
struct Failure {
  std::string file;
  std::string where;   // line, record number or byte offset; empty = whole file
  std::string reason;
  std::string severity = "error";  // error (document lost) or warning (recovered)
};

// Query filters; every set field must hold.
struct Filter {
  std::string type;         // SPEC §4 type
  std::string actor;        // actor id, including its sub-units (registry parent)
  std::string patron;       // events involving an actor backed by (or part of) this patron
  std::string place;        // place name (Arabic, folded, or English) or admin2
  std::optional<double> near_lat, near_lon;
  double radius_km = 10.0;
  std::string governorate;  // admin1 (English or Arabic name)
  std::string since;        // ISO date, inclusive
  std::string until;        // ISO date, inclusive
  std::string text;         // words that must occur in a reporting document
  size_t limit = 0;         // 0 = no limit
};

// A source of an event: one document and its evidence.
struct SourceRecord {
  std::string doc_id;
  std::string doc_date;
  std::string outlet;
  std::string url;
  std::string title;
  Evidence evidence;
  std::string sentence;  // the evidence sentence as written
};

// A stored (possibly merged) event with every document reporting it.
struct EventRecord {
  int64_t id = 0;
  Event event;                 // first report, actors = union over sources
  std::vector<SourceRecord> sources;
};

struct Count {
  std::string key;
  int64_t count = 0;
};

struct Edge {
  std::string actor;
  std::string relation;
  std::string patron;
  int64_t count = 0;
};

struct Stats {
  int64_t documents = 0;
  int64_t events = 0;
  int64_t event_sources = 0;
  int64_t relations = 0;
  int64_t failures = 0;
  std::vector<Count> by_type;
  std::vector<Count> by_governorate;
  std::vector<Count> by_week;     // ISO week "2021-W04"
  std::vector<Count> top_actors;  // by number of events
  std::vector<Edge> patron_edges; // stored relations, grouped
};

class Store {
 public:
  virtual ~Store() = default;

  // Transactions: add() calls between begin() and commit() are atomic.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  virtual bool has_document(const std::string& key) = 0;
  // Store a document and its coded result; merges events per the dedup rule.
  virtual AddOutcome add(const Document& doc, const std::string& key, const Result& result,
                         const DocumentInfo& info) = 0;
  // Failures are idempotent too: the same (file, where, reason) is kept once.
  virtual void record_failure(const Failure& failure) = 0;
  virtual std::vector<Failure> failures() = 0;

  // Replace the stored actor registry (used by actor/patron filters and exports).
  virtual void put_actors(const std::vector<ActorInfo>& actors) = 0;
  virtual std::vector<ActorInfo> actors() = 0;

  // Events matching `filter`, ordered by date then id. Return false to stop.
  virtual void query(const Filter& filter, const std::function<bool(const EventRecord&)>& sink) = 0;
  virtual Stats stats(size_t top = 10) = 0;
};

struct SqliteOptions {
  bool read_only = false;
  double merge_radius_km = 5.0;  // dedup: places within this distance
  int merge_days = 1;            // dedup: dates within this many days
};

// Opens (creating if needed) a SQLite database in WAL mode with the schema of
// docs/store.md. Throws StoreError naming the file.
std::unique_ptr<Store> open_sqlite(const std::filesystem::path& path, SqliteOptions options = {});

}  // namespace marsad::store
