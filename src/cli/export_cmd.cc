// `marsad export --format acled-csv|geojson|jsonl [filters] [--output FILE]`.
#include <cstdio>
#include <memory>

#include "cli/store_commands.h"
#include "marsad/marsad.h"
#include "store/export.h"

namespace marsad::cli {

namespace {

struct ExportArgs {
  FilterArgs f;
  std::string format;
  std::string output;
};

int run_export(ExportArgs& a) {
  std::string err = finish_filter(a.f);
  if (!err.empty()) {
    std::fprintf(stderr, "marsad export: %s\n", err.c_str());
    return kExitUsage;
  }
  auto db = open_existing(a.f.db);
  if (!db) return kExitNothing;
  std::FILE* out = stdout;
  if (!a.output.empty() && a.output != "-") {
    out = std::fopen(a.output.c_str(), "wb");
    if (!out) {
      std::perror(("marsad export: " + a.output).c_str());
      return kExitNothing;
    }
  }
  auto write = [out](const std::string& s) { std::fwrite(s.data(), 1, s.size(), out); };
  std::filesystem::path data = a.f.data_dir.empty() ? default_data_dir() : std::filesystem::path(a.f.data_dir);
  size_t n = 0, skipped = 0;
  try {
    auto ctx = store::ExportContext::load(*db, data);
    if (!a.f.filter.governorate.empty()) a.f.filter.governorate = ctx.governorate(a.f.filter.governorate);
    if (a.format == "acled-csv") write(store::acled_csv_header());
    if (a.format == "geojson") write(store::geojson_header());
    db->query(a.f.filter, [&](const store::EventRecord& e) {
      if (a.format == "acled-csv") write(store::acled_csv_row(e, ctx));
      else if (a.format == "jsonl") write(store::event_json(e) + "\n");
      else {
        std::string feature = store::geojson_feature(e, ctx, n == 0);
        if (feature.empty()) {
          ++skipped;
          return true;
        }
        write(feature);
      }
      ++n;
      return true;
    });
    if (a.format == "geojson") write(store::geojson_footer());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad export: %s\n", e.what());
    if (out != stdout) std::fclose(out);
    return kExitDatabase;
  }
  if (out != stdout && std::fclose(out) != 0) {
    std::perror(("marsad export: " + a.output).c_str());
    return kExitNothing;
  }
  std::fprintf(stderr, "exported %zu events%s\n", n,
               skipped ? (" (" + std::to_string(skipped) + " without coordinates left out of the GeoJSON)").c_str() : "");
  return kExitOk;
}

}  // namespace

void add_export_command(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "Export events: ACLED-style CSV, GeoJSON or JSON Lines");
  cmd->add_option("--format", args->format, "acled-csv, geojson or jsonl")
      ->required()
      ->check(CLI::IsMember({"acled-csv", "geojson", "jsonl"}));
  cmd->add_option("--output,-o", args->output, "Output file (default: standard output)");
  add_filter_options(cmd, args->f);
  cmd->callback([args] { finish(run_export(*args)); });
}

}  // namespace marsad::cli
