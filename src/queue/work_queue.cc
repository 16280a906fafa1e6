// Redis Streams work queue: see work_queue.h.
#include "queue/work_queue.h"

#include <unistd.h>

#include <map>
#include <unordered_map>

namespace marsad::queue {

namespace {

struct Entry {
  std::string id;
  std::map<std::string, std::string> fields;
};

// [[id, [f1, v1, f2, v2, …]], …]
std::vector<Entry> parse_entries(const Reply& list) {
  std::vector<Entry> out;
  for (const Reply& e : list.elements) {
    if (e.kind != Reply::Kind::Array || e.elements.size() < 2) continue;
    Entry entry;
    entry.id = e.elements[0].str;
    const Reply& kv = e.elements[1];
    for (size_t i = 0; i + 1 < kv.elements.size(); i += 2) entry.fields[kv.elements[i].str] = kv.elements[i + 1].str;
    out.push_back(std::move(entry));
  }
  return out;
}

std::string field(const Entry& e, const std::string& name) {
  auto it = e.fields.find(name);
  return it == e.fields.end() ? std::string() : it->second;
}

// KEYS: stream, dead-letter stream, done counter. ARGV: group, n, n done entry
// ids, then (entry id, document id, source, reason) per failed entry.
constexpr const char* kFinishScript = R"LUA(
local stream, dead, done = KEYS[1], KEYS[2], KEYS[3]
local group, n = ARGV[1], tonumber(ARGV[2])
local acked, failed = 0, 0
for i = 3, 2 + n do
  if redis.call('XACK', stream, group, ARGV[i]) == 1 then acked = acked + 1 end
  redis.call('XDEL', stream, ARGV[i])
end
for i = 3 + n, #ARGV, 4 do
  if redis.call('XACK', stream, group, ARGV[i]) == 1 then
    redis.call('XADD', dead, '*', 'id', ARGV[i + 1], 'source', ARGV[i + 2], 'reason', ARGV[i + 3], 'entry', ARGV[i])
    failed = failed + 1
  end
  redis.call('XDEL', stream, ARGV[i])
end
if acked > 0 then redis.call('INCRBY', done, acked) end
return {acked, failed}
)LUA";

std::string default_consumer() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = 0;
  return std::string(host[0] ? host : "worker") + "-" + std::to_string(getpid());
}

}  // namespace

void ensure_group(Redis& redis, const QueueNames& names) {
  Reply r = redis.command_unchecked({"XGROUP", "CREATE", names.stream, names.group, "0", "MKSTREAM"});
  if (r.kind == Reply::Kind::Error && r.str.rfind("BUSYGROUP", 0) != 0)
    throw QueueError(redis.name() + ": Redis XGROUP CREATE " + names.stream + ": " + r.str);
}

Enqueuer::Enqueuer(Redis& redis, QueueNames names, size_t batch) : redis_(redis), names_(std::move(names)), batch_(batch) {
  ensure_group(redis_, names_);
}

Enqueuer::~Enqueuer() noexcept(false) {
  if (!std::uncaught_exceptions()) flush();
}

void Enqueuer::push(const Document& doc, const std::string& source) {
  pending_.push_back({"XADD", names_.stream, "*", "id", doc.id, "date", doc.date, "outlet", doc.outlet, "url", doc.url,
                      "title", doc.title, "text", doc.text, "source", source});
  if (pending_.size() >= batch_) flush();
}

void Enqueuer::flush() {
  if (pending_.empty()) return;
  redis_.pipeline(pending_);
  pushed_ += pending_.size();
  pending_.clear();
}

QueueStatus status(Redis& redis, const QueueNames& names) {
  QueueStatus s;
  auto replies = redis.pipeline({{"XLEN", names.stream}, {"XLEN", names.dead}, {"GET", names.done}});
  int64_t length = replies[0].as_int();
  s.failed = replies[1].as_int();
  s.done = replies[2].as_int();
  Reply p = redis.command_unchecked({"XPENDING", names.stream, names.group});
  if (p.kind == Reply::Kind::Array && !p.elements.empty()) {
    s.pending = p.elements[0].as_int();
    if (p.elements.size() > 3)
      for (const Reply& c : p.elements[3].elements)
        if (c.elements.size() == 2) s.consumers.emplace_back(c.elements[0].str, c.elements[1].as_int());
  }
  s.queued = length - s.pending;
  if (s.queued < 0) s.queued = 0;
  return s;
}

std::vector<DeadLetter> dead_letters(Redis& redis, const QueueNames& names, size_t count) {
  std::vector<DeadLetter> out;
  Reply r = redis.command({"XREVRANGE", names.dead, "+", "-", "COUNT", std::to_string(count)});
  for (const Entry& e : parse_entries(r)) out.push_back(DeadLetter{field(e, "id"), field(e, "source"), field(e, "reason")});
  return out;
}

WorkerSummary run_worker(Redis& redis, const Coder& coder, store::Store& store, const WorkerOptions& options,
                         const std::atomic<bool>& stop, const QueueNames& names) {
  ensure_group(redis, names);
  const std::string consumer = options.consumer.empty() ? default_consumer() : options.consumer;
  const std::string count = std::to_string(options.batch);
  WorkerSummary summary;

  while (!stop.load()) {
    // 1. Entries another consumer left idle too long (it died or hangs).
    std::vector<Entry> entries;
    Reply claim = redis.command({"XAUTOCLAIM", names.stream, names.group, consumer,
                                 std::to_string(options.claim_after_ms), "0-0", "COUNT", count});
    if (claim.kind == Reply::Kind::Array && claim.elements.size() >= 2) entries = parse_entries(claim.elements[1]);
    std::unordered_map<std::string, int64_t> deliveries;
    if (!entries.empty()) {
      summary.claimed += entries.size();
      Reply pend = redis.command({"XPENDING", names.stream, names.group, entries.front().id, entries.back().id,
                                  std::to_string(entries.size() * 4), consumer});
      for (const Reply& p : pend.elements)
        if (p.elements.size() >= 4) deliveries[p.elements[0].str] = p.elements[3].as_int();
    }
    // 2. New entries (wait only when there was nothing to claim).
    if (entries.size() < options.batch) {
      std::vector<std::string> argv{"XREADGROUP", "GROUP", names.group, consumer, "COUNT",
                                    std::to_string(options.batch - entries.size())};
      if (entries.empty()) {
        argv.push_back("BLOCK");
        argv.push_back(std::to_string(options.block_ms));
      }
      argv.insert(argv.end(), {"STREAMS", names.stream, ">"});
      Reply read = redis.command(argv);
      if (read.kind == Reply::Kind::Array)
        for (const Reply& stream : read.elements)
          if (stream.elements.size() == 2)
            for (Entry& e : parse_entries(stream.elements[1])) entries.push_back(std::move(e));
    }
    if (entries.empty()) {
      if (options.drain && redis.command({"XLEN", names.stream}).as_int() == 0) break;
      continue;
    }

    // 3. Code (documents already stored are not coded again).
    struct Work {
      Document doc;
      std::string key;
      std::string source;
      Result result;
      bool known = false;
    };
    std::vector<Work> work;
    std::vector<DeadLetter> dead;
    std::vector<std::string> done_ids, dead_ids;
    for (Entry& e : entries) {
      auto d = deliveries.find(e.id);
      std::string source = field(e, "source");
      if (d != deliveries.end() && d->second > options.max_deliveries) {
        dead.push_back(DeadLetter{field(e, "id"), source,
                                  "delivered " + std::to_string(d->second) +
                                      " times without being completed (did it stop a worker?)"});
        dead_ids.push_back(e.id);
        continue;
      }
      Work w;
      w.doc.id = field(e, "id");
      w.doc.date = field(e, "date");
      w.doc.outlet = field(e, "outlet");
      w.doc.url = field(e, "url");
      w.doc.title = field(e, "title");
      w.doc.text = field(e, "text");
      w.source = source;
      if (w.doc.text.empty()) {
        dead.push_back(DeadLetter{w.doc.id, source, "entry " + e.id + " has no text"});
        dead_ids.push_back(e.id);
        continue;
      }
      w.key = store::document_key(w.doc.text);
      w.known = store.has_document(w.key);
      if (!w.known) {
        try {
          w.result = coder.code(w.doc);
        } catch (const std::exception& ex) {
          dead.push_back(DeadLetter{w.doc.id, source, std::string("coding failed: ") + ex.what()});
          dead_ids.push_back(e.id);
          continue;
        }
      }
      done_ids.push_back(e.id);
      work.push_back(std::move(w));
    }

    // 4. One store transaction for the batch (a store error leaves it pending).
    size_t stored = 0, known = 0, events = 0;
    if (!work.empty()) {
      store.begin();
      try {
        for (const Work& w : work) {
          if (w.known) {
            ++known;
            continue;
          }
          store::AddOutcome o = store.add(w.doc, w.key, w.result, store::DocumentInfo{w.source, "UTF-8"});
          if (o.inserted) {
            ++stored;
            events += w.result.events.size();
          } else {
            ++known;
          }
        }
        store.commit();
      } catch (...) {
        try {
          store.rollback();
        } catch (...) {
        }
        throw;
      }
    }

    // 5. Acknowledge, delete and count, atomically; an entry counts only for
    // the consumer whose XACK took it (a slow worker whose entries were claimed
    // does not count them twice).
    std::vector<std::string> argv{"EVAL", kFinishScript, "3", names.stream, names.dead, names.done, names.group,
                                  std::to_string(done_ids.size())};
    argv.insert(argv.end(), done_ids.begin(), done_ids.end());
    for (size_t i = 0; i < dead.size(); ++i) argv.insert(argv.end(), {dead_ids[i], dead[i].id, dead[i].source, dead[i].reason});
    Reply fin = redis.command(argv);
    size_t acked = fin.elements.size() == 2 ? static_cast<size_t>(fin.elements[0].as_int()) : 0;
    size_t failed = fin.elements.size() == 2 ? static_cast<size_t>(fin.elements[1].as_int()) : 0;

    summary.documents += acked;
    summary.stored += stored;
    summary.known += known;
    summary.failed += failed;
    summary.events += events;
    if (options.on_batch) options.on_batch(acked, failed);
  }
  return summary;
}

}  // namespace marsad::queue
