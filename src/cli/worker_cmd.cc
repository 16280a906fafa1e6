// `marsad worker --redis URL --db DSN`: take documents from the Redis work
// queue, code them and write them into the store (issue 7; docs/scale.md).
// Run as many as you like, on any number of machines; SIGINT/SIGTERM finish
// the batch in hand and stop.
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/store_commands.h"
#include "marsad/marsad.h"
#include "queue/work_queue.h"
#include "store/open.h"

namespace marsad::cli {

namespace {

struct WorkerArgs {
  std::string redis;
  std::string db;
  std::string queue = "marsad";
  std::string data_dir;
  std::string consumer;
  size_t batch = 16;
  double claim_after = 60;
  int64_t max_deliveries = 5;
  bool drain = false;
  bool quiet = false;
};

// Set by SIGINT/SIGTERM; the worker checks it between batches.
std::atomic<bool>& stop_flag() {
  static std::atomic<bool> flag{false};
  return flag;
}

extern "C" void on_stop_signal(int) { stop_flag().store(true); }

int run_worker_cmd(const WorkerArgs& a) {
  if (a.redis.empty()) {
    std::fprintf(stderr, "marsad worker: no Redis URL (--redis redis://HOST:PORT or $MARSAD_REDIS)\n");
    return kExitUsage;
  }
  std::filesystem::path data = a.data_dir.empty() ? default_data_dir() : std::filesystem::path(a.data_dir);
  std::unique_ptr<Coder> coder;
  std::vector<store::ActorInfo> registry;
  try {
    coder = Coder::load(data);
    registry = store::load_registry(data / "actors" / "registry.tsv");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad worker: cannot load the knowledge files: %s\n", e.what());
    return kExitLoad;
  }
  std::unique_ptr<queue::Redis> redis;
  std::unique_ptr<store::Store> db;
  try {
    redis = std::make_unique<queue::Redis>(a.redis);  // first: no store is created for an unreachable queue
    db = store::open_store(a.db);
    db->put_actors(registry);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad worker: %s\n", e.what());
    return kExitDatabase;
  }
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  queue::WorkerOptions o;
  o.consumer = a.consumer;
  o.batch = a.batch;
  o.claim_after_ms = static_cast<int64_t>(a.claim_after * 1000.0);
  o.max_deliveries = a.max_deliveries;
  o.drain = a.drain;
  queue::WorkerSummary s;
  try {
    s = queue::run_worker(*redis, *coder, *db, o, stop_flag(), queue::QueueNames(a.queue));
  } catch (const store::StoreError& e) {
    std::fprintf(stderr, "marsad worker: database error (the batch stays queued for another worker): %s\n", e.what());
    return kExitDatabase;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad worker: %s\n", e.what());
    return kExitDatabase;
  }
  if (!a.quiet)
    std::fprintf(stderr,
                 "worker done: %zu documents (%zu stored, %zu already stored, %zu taken over from other workers), "
                 "%zu events, %zu failed\n",
                 s.documents, s.stored, s.known, s.claimed, s.events, s.failed);
  return kExitOk;
}

}  // namespace

void add_worker_command(CLI::App& app) {
  auto args = std::make_shared<WorkerArgs>();
  if (const char* env = std::getenv("MARSAD_REDIS")) args->redis = env;
  args->db = store::default_db();
  auto* cmd = app.add_subcommand("worker", "Code documents from the Redis work queue into the store");
  cmd->add_option("--redis", args->redis, "Redis URL (default: $MARSAD_REDIS)");
  cmd->add_option("--db", args->db, "Store: FILE.db or postgresql://USER@HOST:PORT/DB (default: $MARSAD_DB or marsad.db)");
  cmd->add_option("--queue", args->queue, "Queue name")->capture_default_str();
  cmd->add_option("--data", args->data_dir, "Directory of knowledge files (default: $MARSAD_DATA or built-in)");
  cmd->add_option("--consumer", args->consumer, "Consumer name, unique per worker (default: HOST-PID)");
  cmd->add_option("--batch", args->batch, "Documents per read and per store transaction")
      ->check(CLI::Range(size_t{1}, size_t{10000}))
      ->capture_default_str();
  cmd->add_option("--claim-after", args->claim_after,
                  "Take over documents another worker has held this many seconds (it died)")
      ->check(CLI::Range(0.01, 86400.0))
      ->capture_default_str();
  cmd->add_option("--max-deliveries", args->max_deliveries, "Then the document goes to the dead-letter stream")
      ->check(CLI::Range(int64_t{1}, int64_t{1000}))
      ->capture_default_str();
  cmd->add_flag("--drain", args->drain, "Exit when nothing is queued or pending (default: wait for more)");
  cmd->add_flag("--quiet,-q", args->quiet, "No summary");
  cmd->callback([args] { finish(run_worker_cmd(*args)); });
}

}  // namespace marsad::cli
