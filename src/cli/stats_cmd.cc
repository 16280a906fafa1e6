// `marsad stats [--db marsad.db] [--top N]`: what the database holds.
#include <cstdio>
#include <memory>

#include "cli/store_commands.h"

namespace marsad::cli {

namespace {

struct StatsArgs {
  std::string db = store::default_db();  // $MARSAD_DB or marsad.db
  size_t top = 10;
};

int run_stats(const StatsArgs& a) {
  auto db = open_existing(a.db);
  if (!db) return kExitNothing;
  store::Stats s;
  try {
    s = db->stats(a.top);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad stats: %s\n", e.what());
    return kExitDatabase;
  }
  std::printf("%s: %lld documents, %lld events (%lld reports), %lld relations, %lld recorded problems\n",
              store::redact_dsn(a.db).c_str(), static_cast<long long>(s.documents), static_cast<long long>(s.events),
              static_cast<long long>(s.event_sources), static_cast<long long>(s.relations),
              static_cast<long long>(s.failures));
  auto section = [](const char* title, const std::vector<store::Count>& rows, size_t limit) {
    std::printf("\n%s\n", title);
    size_t i = 0;
    for (const auto& r : rows) {
      if (limit && i++ >= limit) {
        std::printf("  … %zu more\n", rows.size() - limit);
        break;
      }
      std::printf("  %-40s %8lld\n", r.key.c_str(), static_cast<long long>(r.count));
    }
  };
  section("events by type", s.by_type, 0);
  section("events by governorate", s.by_governorate, 0);
  section("events by week", s.by_week, 0);
  section("top actors (events)", s.top_actors, 0);
  std::printf("\npatron network (reported relations)\n");
  size_t i = 0;
  for (const auto& e : s.patron_edges) {
    if (i++ >= a.top * 3) {
      std::printf("  … %zu more\n", s.patron_edges.size() - a.top * 3);
      break;
    }
    std::printf("  %-28s %-12s %-28s %6lld\n", e.actor.c_str(), e.relation.c_str(), e.patron.c_str(),
                static_cast<long long>(e.count));
  }
  return kExitOk;
}

}  // namespace

void add_stats_command(CLI::App& app) {
  auto args = std::make_shared<StatsArgs>();
  auto* cmd = app.add_subcommand("stats", "Counts by type, governorate and week; top actors; patron network");
  cmd->add_option("--db", args->db, "Database: FILE.db or postgresql://… (default: $MARSAD_DB or marsad.db)")
      ->capture_default_str();
  cmd->add_option("--top", args->top, "How many top actors")->capture_default_str();
  cmd->callback([args] { finish(run_stats(*args)); });
}

}  // namespace marsad::cli
