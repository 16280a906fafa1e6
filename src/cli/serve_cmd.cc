// `marsad serve --db marsad.db [--host 127.0.0.1] [--port 8080] [--assets DIR]`:
// the dashboard (issue 5) — a read-only JSON API over the store and the page.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/store_commands.h"
#include "serve/server.h"

namespace marsad::cli {

namespace {

struct ServeArgs {
  std::string db = store::default_db();  // $MARSAD_DB or marsad.db
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string assets;
  std::string data_dir;
  bool no_recode = false;
};

int run_serve(const ServeArgs& a) {
  serve::Options o;
  o.db = a.db;
  o.host = a.host;
  o.port = a.port;
  o.assets = a.assets;
  o.data_dir = a.data_dir;
  o.recode_evidence = !a.no_recode;
  std::error_code ec;
  if (!store::is_postgres_dsn(a.db) && !std::filesystem::exists(a.db, ec)) {
    std::fprintf(stderr, "marsad serve: no database at %s (create one with: marsad ingest PATH… --db %s)\n",
                 a.db.c_str(), a.db.c_str());
    return kExitNothing;
  }
  try {
    serve::Dashboard dash(o);
    std::filesystem::path assets = a.assets.empty() ? serve::default_assets_dir() : std::filesystem::path(a.assets);
    if (!std::filesystem::exists(assets / "index.html", ec))
      std::fprintf(stderr,
                   "marsad serve: warning: no %s/index.html — the API works, the page does not "
                   "(build it: cmake --build BUILD --target web-assets, or --assets DIR)\n",
                   assets.string().c_str());
    dash.run([&](int port) {
      std::printf("marsad serve: listening on http://%s:%d/ (Ctrl-C stops)\n", a.host.c_str(), port);
      std::fflush(stdout);
    });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad serve: %s\n", e.what());
    return kExitDatabase;
  }
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Serve the dashboard: map, timeline, network and evidence (read-only)");
  cmd->add_option("--db", args->db, "Database file")->capture_default_str();
  cmd->add_option("--host", args->host, "Address to bind (default loopback only)")->capture_default_str();
  cmd->add_option("--port", args->port, "TCP port (0 = any free port, printed on start)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--assets", args->assets, "Directory of the page (default: the build's web-assets)");
  cmd->add_option("--data", args->data_dir, "Directory of knowledge files");
  cmd->add_flag("--no-recode", args->no_recode, "Highlight evidence by name search only (do not re-code sentences)");
  cmd->callback([args] { finish(run_serve(*args)); });
}

}  // namespace marsad::cli
