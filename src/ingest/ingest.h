// Ingest: files and folders in, deduplicated documents and coded events into a Store.
//
//   marsad::ingest::Ingester ingester(*coder, *html, *store, {.threads = 1});
//   marsad::ingest::IngestSummary s = ingester.run({"pages/", "crawl.warc.gz"});
//
// Reads, recursively: .txt (one article; UTF-8, UTF-16 with BOM, Windows-1256,
// ISO-8859-6), .html/.htm (article extracted by HtmlExtractor), .jsonl/.ndjson/.json
// (SPEC §2, one document per line), .warc (response/resource records with HTML
// bodies); any of these may be gzip-compressed (.gz, multi-member).
// Idempotent: a document whose key (store::document_key) is already stored is
// skipped before coding. Documents are coded and written in batches, one
// transaction each, so a killed run loses at most the batch in flight and a
// re-run completes it. Every problem (file, where, reason) is recorded in the
// store and counted; none stops the run.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ingest/html.h"
#include "marsad/marsad.h"
#include "store/store.h"

namespace marsad::ingest {

enum class FileKind { Text, Html, JsonLines, Warc, Unknown };

// From the file name (a trailing .gz is looked through).
FileKind kind_of(const std::filesystem::path& path);

struct Progress {
  uint64_t bytes_done = 0;
  uint64_t bytes_total = 0;
  size_t files_done = 0;
  size_t files_total = 0;
  size_t documents = 0;  // documents read so far
  size_t stored = 0;     // new documents committed
  size_t events = 0;     // events found in new documents
  size_t failures = 0;
  double seconds = 0;
};

struct IngestOptions {
  unsigned threads = 1;          // documents coded in parallel
  size_t batch_size = 256;       // documents per transaction
  double batch_seconds = 2.0;    // … or at least this often
  size_t max_document_bytes = size_t{64} << 20;
  // Called about five times a second and once at the end (may be empty).
  std::function<void(const Progress&)> on_progress;
  // Called for every problem as it happens (may be empty).
  std::function<void(const store::Failure&)> on_failure;
};

struct IngestSummary {
  size_t files = 0;
  size_t files_skipped = 0;    // unknown extensions inside folders
  size_t documents_read = 0;
  size_t documents_new = 0;
  size_t documents_known = 0;  // already in the store (or twice in the input)
  size_t records_skipped = 0;  // WARC records that are not HTML pages
  size_t events_new = 0;
  size_t events_merged = 0;
  size_t relations = 0;
  size_t failures = 0;         // documents or files lost
  size_t warnings = 0;         // problems recovered from
  double seconds = 0;
};

class Ingester {
 public:
  Ingester(const Coder& coder, const HtmlExtractor& html, store::Store& store, IngestOptions options = {});
  IngestSummary run(const std::vector<std::string>& paths);

 private:
  struct Pending {
    Document doc;
    std::string key;
    store::DocumentInfo info;
  };
  void emit(Document&& doc, store::DocumentInfo info);
  void fail(store::Failure failure);
  void flush();
  void maybe_flush();
  void report_progress(bool force);
  void read_text(const std::filesystem::path& file, const std::string& name);
  void read_html(const std::filesystem::path& file, const std::string& name);
  void read_jsonl(const std::filesystem::path& file, const std::string& name);
  void read_warc(const std::filesystem::path& file, const std::string& name);
  bool read_whole(const std::filesystem::path& file, const std::string& name, std::string& out);

  const Coder& coder_;
  const HtmlExtractor& html_;
  store::Store& store_;
  IngestOptions options_;
  IngestSummary summary_;
  Progress progress_;
  uint64_t bytes_before_file_ = 0;
  std::vector<Pending> batch_;
  std::vector<store::Failure> pending_failures_;
  std::vector<std::string> batch_keys_;
  std::chrono::steady_clock::time_point start_, last_flush_, last_progress_;
  std::function<uint64_t()> file_offset_;  // bytes of the current file consumed
};

}  // namespace marsad::ingest
