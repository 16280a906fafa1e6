// The database subcommands of the `marsad` program (issue 4):
//
//   marsad ingest PATH… [--db marsad.db] [--threads N] [--quiet]
//   marsad query  [filters] [--format table|jsonl]
//   marsad export --format acled-csv|geojson|jsonl [filters] [--output FILE]
//   marsad stats  [--db marsad.db] [--top N]
//
// add_store_commands(app) registers all four on the top-level CLI11 app; each
// runs from its subcommand's callback and ends the program with its exit
// status (0 ok, 1 nothing could be read / no database, 2 usage, 3 knowledge
// files, 4 database error).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "store/open.h"
#include "store/store.h"

namespace marsad::cli {

void add_store_commands(CLI::App& app);

// Shared by query and export (defined in query_cmd.cc).
struct FilterArgs {
  store::Filter filter;
  std::string near;  // "LAT,LON"
  std::string db = store::default_db();  // $MARSAD_DB or marsad.db
  std::string data_dir;
};
void add_filter_options(CLI::App* cmd, FilterArgs& args);
// Completes args.filter (parses --near, resolves an Arabic governorate name);
// returns an error message or "".
std::string finish_filter(FilterArgs& args);
// Opens an existing database read-only (a SQLite file or a postgresql:// DSN,
// store/open.h); prints the reason and returns null on failure.
std::unique_ptr<store::Store> open_existing(const std::string& db);

void add_ingest_command(CLI::App& app);
void add_query_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_stats_command(CLI::App& app);
void add_serve_command(CLI::App& app);  // serve_cmd.cc (issue 5)
void add_enqueue_command(CLI::App& app);  // enqueue_cmd.cc (issue 7)
void add_worker_command(CLI::App& app);   // worker_cmd.cc (issue 7)
void add_status_command(CLI::App& app);   // status_cmd.cc (issue 7)

// Flush stdout and end the program with `code` (subcommands run inside parse()).
[[noreturn]] void finish(int code);

constexpr int kExitOk = 0;
constexpr int kExitNothing = 1;
constexpr int kExitUsage = 2;
constexpr int kExitLoad = 3;
constexpr int kExitDatabase = 4;

}  // namespace marsad::cli
