// The document work queue on Redis Streams (issue 7; docs/scale.md).
//
//   Enqueuer q(redis);  q.push(doc, "corpus.jsonl:12");  q.flush();     // marsad enqueue
//   run_worker(redis, coder, *store, {.claim_after_ms = 60000});         // marsad worker
//   QueueStatus s = status(redis);                                        // marsad status
//
// Keys (prefix "marsad" by default, --queue NAME):
//   NAME:docs   stream of documents, fields id date outlet url title text source
//   NAME:dead   dead-letter stream: id source reason entry (documents that failed)
//   NAME:done   counter of documents completed (stored now or already stored)
//   consumer group NAME on NAME:docs.
// A worker reads with XREADGROUP, codes with the library Coder, writes one
// store transaction per batch, then in one MULTI acknowledges, deletes the
// entries (so XLEN = queued + pending) and counts them done. A worker killed
// mid-batch leaves its entries pending; another claims them with XAUTOCLAIM
// once idle longer than claim_after_ms and, since the store skips documents
// already stored (key = document_key), every document is stored exactly once.
// An entry delivered more than max_deliveries times, without text, or whose
// coding throws goes to the dead-letter stream with the reason.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "marsad/marsad.h"
#include "queue/redis.h"
#include "store/store.h"

namespace marsad::queue {

struct QueueNames {
  explicit QueueNames(std::string name = "marsad")
      : group(name), stream(name + ":docs"), dead(name + ":dead"), done(name + ":done") {}
  std::string group, stream, dead, done;
};

// Creates the stream and the consumer group if missing (from the stream's start).
void ensure_group(Redis& redis, const QueueNames& names);

// Puts documents on the stream, pipelined in batches.
class Enqueuer {
 public:
  explicit Enqueuer(Redis& redis, QueueNames names = QueueNames(), size_t batch = 500);
  ~Enqueuer() noexcept(false);
  void push(const Document& doc, const std::string& source);
  void flush();
  size_t pushed() const { return pushed_; }

 private:
  Redis& redis_;
  QueueNames names_;
  size_t batch_;
  size_t pushed_ = 0;
  std::vector<std::vector<std::string>> pending_;
};

struct QueueStatus {
  int64_t queued = 0;   // not yet delivered to a worker
  int64_t pending = 0;  // delivered, not yet acknowledged (in work, or of a dead worker)
  int64_t done = 0;     // completed (stored, or found already stored)
  int64_t failed = 0;   // in the dead-letter stream
  std::vector<std::pair<std::string, int64_t>> consumers;  // consumer -> pending entries
};
QueueStatus status(Redis& redis, const QueueNames& names = QueueNames());

struct DeadLetter {
  std::string id, source, reason;
};
// The newest `count` dead letters.
std::vector<DeadLetter> dead_letters(Redis& redis, const QueueNames& names = QueueNames(), size_t count = 20);

struct WorkerOptions {
  std::string consumer;            // unique per worker (default: host-pid)
  size_t batch = 16;               // entries per read and per store transaction
  int64_t claim_after_ms = 60000;  // claim others' entries idle this long
  int64_t block_ms = 1000;         // wait for new entries at most this long per read
  int64_t max_deliveries = 5;      // then dead-letter the entry
  bool drain = false;              // exit once the stream is empty (nothing queued or pending)
  // Called after each batch (may be empty).
  std::function<void(size_t done, size_t failed)> on_batch;
};

struct WorkerSummary {
  size_t documents = 0;  // entries completed
  size_t stored = 0;     // new documents written
  size_t known = 0;      // already in the store
  size_t failed = 0;     // dead-lettered
  size_t claimed = 0;    // entries taken over from other consumers
  size_t events = 0;     // events in stored documents
};

// Runs until `stop` becomes true (checked between batches) or, with drain,
// the stream is empty. Store errors are thrown (the batch stays pending for
// another worker); Redis errors throw QueueError.
WorkerSummary run_worker(Redis& redis, const Coder& coder, store::Store& store, const WorkerOptions& options,
                         const std::atomic<bool>& stop, const QueueNames& names = QueueNames());

}  // namespace marsad::queue
