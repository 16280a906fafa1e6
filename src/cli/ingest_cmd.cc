// `marsad ingest PATH… [--db marsad.db]`: files and folders into the event database.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/store_commands.h"
#include "ingest/html.h"
#include "ingest/ingest.h"
#include "marsad/marsad.h"

namespace marsad::cli {

void finish(int code) {
  std::fflush(stdout);
  std::fflush(stderr);
  std::exit(code);
}

void add_store_commands(CLI::App& app) {
  add_ingest_command(app);
  add_query_command(app);
  add_export_command(app);
  add_stats_command(app);
  add_serve_command(app);
  add_enqueue_command(app);
  add_worker_command(app);
  add_status_command(app);
}

namespace {

struct IngestArgs {
  std::vector<std::string> paths;
  std::string db = store::default_db();  // $MARSAD_DB or marsad.db
  std::string data_dir;
  unsigned threads = 1;
  size_t batch = 256;
  double max_doc_mb = 64;
  bool quiet = false;
};

std::string thousands(uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

std::string clock_time(double seconds) {
  if (seconds < 0 || seconds > 1e7) return "--:--";
  auto s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

void draw_progress(const ingest::Progress& p) {
  double frac = p.bytes_total ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total) : 0;
  constexpr int kWidth = 24;
  int filled = static_cast<int>(frac * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  double rate = p.seconds > 0 ? static_cast<double>(p.documents) / p.seconds : 0;
  double eta = frac > 0.001 ? p.seconds * (1 - frac) / frac : -1;
  std::fprintf(stderr, "\r\033[K[%s] %3d%%  %s docs  %.0f docs/s  %s events  %s failures  ETA %s", bar.c_str(),
               static_cast<int>(frac * 100), thousands(p.documents).c_str(), rate, thousands(p.events).c_str(),
               thousands(p.failures).c_str(), clock_time(eta).c_str());
  std::fflush(stderr);
}

int run_ingest(const IngestArgs& a) {
  std::filesystem::path data = a.data_dir.empty() ? default_data_dir() : std::filesystem::path(a.data_dir);
  std::unique_ptr<Coder> coder;
  std::unique_ptr<ingest::HtmlExtractor> html;
  std::vector<store::ActorInfo> registry;
  try {
    coder = Coder::load(data);
    html = ingest::HtmlExtractor::load(data);
    registry = store::load_registry(data / "actors" / "registry.tsv");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad: cannot load the knowledge files: %s\n", e.what());
    return kExitLoad;
  }
  std::unique_ptr<store::Store> db;
  try {
    db = store::open_store(a.db);
    db->put_actors(registry);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad: %s\n", e.what());
    return kExitDatabase;
  }
  const bool tty = !a.quiet && isatty(STDERR_FILENO);
  bool bar_shown = false;
  ingest::IngestOptions opt;
  opt.threads = a.threads;
  opt.batch_size = a.batch;
  opt.max_document_bytes = static_cast<size_t>(a.max_doc_mb * 1024.0 * 1024.0);
  if (tty)
    opt.on_progress = [&](const ingest::Progress& p) {
      draw_progress(p);
      bar_shown = true;
    };
  if (!a.quiet)
    opt.on_failure = [&](const store::Failure& f) {
      if (bar_shown) std::fputs("\r\033[K", stderr);
      std::string where = f.where.empty() ? f.file : f.file + ":" + f.where;
      std::fprintf(stderr, "%s: %s: %s\n", where.c_str(), f.severity.c_str(), f.reason.c_str());
    };
  ingest::IngestSummary s;
  try {
    ingest::Ingester ingester(*coder, *html, *db, opt);
    s = ingester.run(a.paths);
  } catch (const std::exception& e) {
    if (bar_shown) std::fputs("\n", stderr);
    std::fprintf(stderr, "marsad: database error: %s\n", e.what());
    return kExitDatabase;
  }
  if (bar_shown) std::fputs("\n", stderr);
  if (!a.quiet) {
    double rate = s.seconds > 0 ? static_cast<double>(s.documents_read) / s.seconds : 0;
    std::fprintf(stderr,
                 "ingested %s files into %s in %.1f s (%.0f docs/s)\n"
                 "  documents: %s read, %s new, %s already stored\n"
                 "  events: %s new, %s merged into events already reported; relations: %s\n"
                 "  problems: %s failures (document or file lost), %s warnings (recovered)%s\n",
                 thousands(s.files).c_str(), store::redact_dsn(a.db).c_str(), s.seconds, rate, thousands(s.documents_read).c_str(),
                 thousands(s.documents_new).c_str(), thousands(s.documents_known).c_str(),
                 thousands(s.events_new).c_str(), thousands(s.events_merged).c_str(), thousands(s.relations).c_str(),
                 thousands(s.failures).c_str(), thousands(s.warnings).c_str(),
                 s.failures + s.warnings ? "; listed in the failures table" : "");
    if (s.files_skipped) std::fprintf(stderr, "  skipped %s files of other types\n", thousands(s.files_skipped).c_str());
    if (s.records_skipped)
      std::fprintf(stderr, "  skipped %s WARC records that are not HTML pages\n", thousands(s.records_skipped).c_str());
  }
  if (s.documents_read == 0 && s.failures > 0) return kExitNothing;
  return kExitOk;
}

}  // namespace

void add_ingest_command(CLI::App& app) {
  auto args = std::make_shared<IngestArgs>();
  auto* cmd = app.add_subcommand("ingest", "Read files and folders into the event database (SQLite or PostgreSQL)");
  cmd->add_option("paths", args->paths,
                  "Files or folders (recursive): .txt, .html/.htm, .jsonl, .warc; any may be .gz")
      ->required();
  cmd->add_option("--db", args->db,
                  "Database: FILE.db (created if missing) or postgresql://USER@HOST:PORT/DB (default: $MARSAD_DB or "
                  "marsad.db)")
      ->capture_default_str();
  cmd->add_option("--data", args->data_dir, "Directory of knowledge files (default: $MARSAD_DATA or built-in)");
  cmd->add_option("--threads,-j", args->threads, "Documents coded in parallel")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  cmd->add_option("--batch", args->batch, "Documents per transaction")
      ->check(CLI::Range(size_t{1}, size_t{100000}))
      ->capture_default_str();
  cmd->add_option("--max-doc-mb", args->max_doc_mb, "Larger documents are reported and skipped")
      ->check(CLI::Range(0.001, 4096.0))
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", args->quiet, "No progress bar, problem lines or summary");
  cmd->footer(
      "Running the same command again is safe: documents already stored (same normalised text) are skipped,\n"
      "so an interrupted run is completed by running it again. Problems are listed in the failures table.");
  cmd->callback([args] { finish(run_ingest(*args)); });
}

}  // namespace marsad::cli
