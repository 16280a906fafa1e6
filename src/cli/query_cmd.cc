// `marsad query [filters] [--format table|jsonl]`: events from the database.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/store_commands.h"
#include "marsad/marsad.h"
#include "store/export.h"

namespace marsad::cli {

void add_filter_options(CLI::App* cmd, FilterArgs& a) {
  store::Filter& f = a.filter;
  cmd->add_option("--db", a.db, "Database: FILE.db or postgresql://USER@HOST:PORT/DB (default: $MARSAD_DB or marsad.db)")
      ->capture_default_str();
  cmd->add_option("--data", a.data_dir, "Directory of knowledge files (for governorate and country names)");
  cmd->add_option("--type", f.type, "Event type (SPEC §4), e.g. ASSAULT");
  cmd->add_option("--actor", f.actor, "Actor id; includes its sub-units (irgc includes irgc_regiment47)");
  cmd->add_option("--patron", f.patron, "Events involving actors backed by this patron (registry or reported relations)");
  auto* place = cmd->add_option("--place", f.place, "Place name (Arabic or English) or gazetteer id");
  auto* near = cmd->add_option("--near", a.near, "LAT,LON: events within --radius km of this point");
  place->excludes(near);
  cmd->add_option("--radius", f.radius_km, "Radius for --near, km")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--governorate", f.governorate, "Governorate (admin1), Arabic or English name");
  cmd->add_option("--since", f.since, "First day, YYYY-MM-DD");
  cmd->add_option("--until", f.until, "Last day, YYYY-MM-DD");
  cmd->add_option("--text", f.text, "Words that must occur in a reporting article (full-text search)");
  cmd->add_option("--limit", f.limit, "At most this many events (0 = all)");
}

std::string finish_filter(FilterArgs& a) {
  if (!a.near.empty()) {
    double lat = 0, lon = 0;
    char extra = 0;
    if (std::sscanf(a.near.c_str(), "%lf,%lf%c", &lat, &lon, &extra) != 2 || lat < -90 || lat > 90 || lon < -180 ||
        lon > 180)
      return "--near: expected LAT,LON (e.g. 34.45,40.92), got '" + a.near + "'";
    a.filter.near_lat = lat;
    a.filter.near_lon = lon;
  }
  for (const std::string* d : {&a.filter.since, &a.filter.until})
    if (!d->empty() && (d->size() != 10 || (*d)[4] != '-' || (*d)[7] != '-'))
      return "dates must be YYYY-MM-DD, got '" + *d + "'";
  return {};
}

std::unique_ptr<store::Store> open_existing(const std::string& db) {
  std::error_code ec;
  if (!store::is_postgres_dsn(db) && !std::filesystem::exists(db, ec)) {
    std::fprintf(stderr, "marsad: no database at %s (create one with: marsad ingest PATH… --db %s)\n", db.c_str(),
                 db.c_str());
    return nullptr;
  }
  try {
    store::OpenOptions o;
    o.read_only = true;
    return store::open_store(db, o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad: %s\n", e.what());
    return nullptr;
  }
}

namespace {

struct QueryArgs {
  FilterArgs f;
  std::string format = "table";
};

int run_query(QueryArgs& a) {
  std::string err = finish_filter(a.f);
  if (!err.empty()) {
    std::fprintf(stderr, "marsad query: %s\n", err.c_str());
    return kExitUsage;
  }
  auto db = open_existing(a.f.db);
  if (!db) return kExitNothing;
  std::filesystem::path data = a.f.data_dir.empty() ? default_data_dir() : std::filesystem::path(a.f.data_dir);
  try {
    auto ctx = store::ExportContext::load(*db, data);
    if (!a.f.filter.governorate.empty()) a.f.filter.governorate = ctx.governorate(a.f.filter.governorate);
    size_t n = 0;
    if (a.format == "table") std::fputs(store::table_header().c_str(), stdout);
    db->query(a.f.filter, [&](const store::EventRecord& e) {
      std::string line = a.format == "table" ? store::table_row(e) : store::event_json(e) + "\n";
      std::fwrite(line.data(), 1, line.size(), stdout);
      ++n;
      return true;
    });
    if (a.format == "table") std::fprintf(stderr, "%zu events\n", n);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad query: %s\n", e.what());
    return kExitDatabase;
  }
  return kExitOk;
}

}  // namespace

void add_query_command(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  auto* cmd = app.add_subcommand("query", "List events from the database, filtered");
  add_filter_options(cmd, args->f);
  cmd->add_option("--format", args->format, "table or jsonl (one event per line, with all its sources)")
      ->check(CLI::IsMember({"table", "jsonl"}))
      ->capture_default_str();
  cmd->callback([args] { finish(run_query(*args)); });
}

}  // namespace marsad::cli
