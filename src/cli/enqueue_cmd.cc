// `marsad enqueue PATH… --redis URL`: put documents on the Redis work queue
// (issue 7; docs/scale.md) for `marsad worker` to code into a shared store.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cli/store_commands.h"
#include "io/documents.h"
#include "queue/work_queue.h"

namespace marsad::cli {

namespace {

struct EnqueueArgs {
  std::vector<std::string> files;
  std::string redis;
  std::string queue = "marsad";
  std::string format = "auto";
  double max_doc_mb = 64;
  bool quiet = false;
};

int run_enqueue(const EnqueueArgs& a) {
  if (a.redis.empty()) {
    std::fprintf(stderr, "marsad enqueue: no Redis URL (--redis redis://HOST:PORT or $MARSAD_REDIS)\n");
    return kExitUsage;
  }
  io::ReaderOptions ro;
  ro.max_document_bytes = static_cast<size_t>(a.max_doc_mb * 1024.0 * 1024.0);
  if (a.format == "jsonl") ro.format = io::Format::JsonLines;
  if (a.format == "text") ro.format = io::Format::Text;
  io::DocumentReader reader(ro);
  size_t read_errors = 0;
  size_t pushed = 0;
  try {
    queue::Redis redis(a.redis);
    queue::Enqueuer q(redis, queue::QueueNames(a.queue));
    for (const std::string& file : a.files) {
      reader.read(
          file,
          [&](Document&& doc, const io::Origin& origin) {
            q.push(doc, origin.line ? origin.file + ":" + std::to_string(origin.line) : origin.file);
            return true;
          },
          [&](const io::ReadError& e) {
            ++read_errors;
            if (!a.quiet) std::fprintf(stderr, "%s\n", e.to_string().c_str());
          });
    }
    q.flush();
    pushed = q.pushed();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad enqueue: %s\n", e.what());
    return kExitDatabase;
  }
  if (!a.quiet)
    std::fprintf(stderr, "enqueued %zu documents on %s (stream %s:docs)%s\n", pushed,
                 queue::redact_url(a.redis).c_str(), a.queue.c_str(),
                 read_errors ? (", " + std::to_string(read_errors) + " read problems").c_str() : "");
  return pushed == 0 ? kExitNothing : kExitOk;
}

}  // namespace

void add_enqueue_command(CLI::App& app) {
  auto args = std::make_shared<EnqueueArgs>();
  if (const char* env = std::getenv("MARSAD_REDIS")) args->redis = env;
  auto* cmd = app.add_subcommand("enqueue", "Put documents on the Redis work queue for marsad worker");
  cmd->add_option("files", args->files, "FILE.jsonl[.gz] (one document per line), FILE.txt, or - (standard input)")
      ->required();
  cmd->add_option("--redis", args->redis, "Redis URL redis://[:PASSWORD@]HOST[:PORT][/DB] (default: $MARSAD_REDIS)");
  cmd->add_option("--queue", args->queue, "Queue name: keys NAME:docs, NAME:dead, NAME:done")->capture_default_str();
  cmd->add_option("--format", args->format, "Input format: auto, jsonl, text")
      ->check(CLI::IsMember({"auto", "jsonl", "text"}))
      ->capture_default_str();
  cmd->add_option("--max-doc-mb", args->max_doc_mb, "Larger documents are reported and skipped")
      ->check(CLI::Range(0.001, 4096.0))
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", args->quiet, "No summary or problem lines");
  cmd->footer("Then run: marsad worker --redis URL --db postgresql://… (as many as you like, on any machine).");
  cmd->callback([args] { finish(run_enqueue(*args)); });
}

}  // namespace marsad::cli
