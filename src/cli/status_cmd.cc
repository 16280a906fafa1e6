// `marsad status --redis URL`: queued, pending, done and failed documents of
// the Redis work queue (issue 7), and the newest dead letters.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/store_commands.h"
#include "queue/work_queue.h"

namespace marsad::cli {

namespace {

struct StatusArgs {
  std::string redis;
  std::string queue = "marsad";
  size_t dead = 5;
  bool json = false;
};

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') out += std::string("\\") + c;
    else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else out.push_back(c);
  }
  return out + "\"";
}

int run_status(const StatusArgs& a) {
  if (a.redis.empty()) {
    std::fprintf(stderr, "marsad status: no Redis URL (--redis redis://HOST:PORT or $MARSAD_REDIS)\n");
    return kExitUsage;
  }
  try {
    queue::Redis redis(a.redis);
    queue::QueueNames names(a.queue);
    queue::QueueStatus s = queue::status(redis, names);
    auto dead = a.dead ? queue::dead_letters(redis, names, a.dead) : std::vector<queue::DeadLetter>{};
    if (a.json) {
      std::printf("{\"queued\":%lld,\"pending\":%lld,\"done\":%lld,\"failed\":%lld,\"consumers\":{",
                  static_cast<long long>(s.queued), static_cast<long long>(s.pending), static_cast<long long>(s.done),
                  static_cast<long long>(s.failed));
      for (size_t i = 0; i < s.consumers.size(); ++i)
        std::printf("%s%s:%lld", i ? "," : "", json_string(s.consumers[i].first).c_str(),
                    static_cast<long long>(s.consumers[i].second));
      std::printf("},\"dead\":[");
      for (size_t i = 0; i < dead.size(); ++i)
        std::printf("%s{\"id\":%s,\"source\":%s,\"reason\":%s}", i ? "," : "", json_string(dead[i].id).c_str(),
                    json_string(dead[i].source).c_str(), json_string(dead[i].reason).c_str());
      std::printf("]}\n");
      return kExitOk;
    }
    std::printf("queue %s on %s\n", a.queue.c_str(), redis.name().c_str());
    std::printf("  queued   %lld\n  pending  %lld\n", static_cast<long long>(s.queued), static_cast<long long>(s.pending));
    for (const auto& [consumer, n] : s.consumers) std::printf("    %-30s %lld\n", consumer.c_str(), static_cast<long long>(n));
    std::printf("  done     %lld\n  failed   %lld%s\n", static_cast<long long>(s.done), static_cast<long long>(s.failed),
                s.failed ? (" (dead letters in " + names.dead + ")").c_str() : "");
    for (const auto& d : dead) std::printf("    %s (%s): %s\n", d.id.c_str(), d.source.c_str(), d.reason.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "marsad status: %s\n", e.what());
    return kExitDatabase;
  }
  return kExitOk;
}

}  // namespace

void add_status_command(CLI::App& app) {
  auto args = std::make_shared<StatusArgs>();
  if (const char* env = std::getenv("MARSAD_REDIS")) args->redis = env;
  auto* cmd = app.add_subcommand("status", "Show the Redis work queue: queued, pending, done, failed");
  cmd->add_option("--redis", args->redis, "Redis URL (default: $MARSAD_REDIS)");
  cmd->add_option("--queue", args->queue, "Queue name")->capture_default_str();
  cmd->add_option("--dead", args->dead, "Show this many of the newest dead letters")->capture_default_str();
  cmd->add_flag("--json", args->json, "One JSON object instead of the table");
  cmd->callback([args] { finish(run_status(*args)); });
}

}  // namespace marsad::cli
