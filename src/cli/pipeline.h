// Coding documents on N threads while writing results in input order.
//
//   OrderedPipeline pipe(threads, work, emit);
//   pipe.push(std::move(doc), origin);   // blocks while too many are in flight
//   pipe.finish();                        // waits for and emits the rest
//
// At most 4×N documents are held at a time, so memory stays flat on a large
// corpus; with N = 1 everything runs on the calling thread. The output is the
// same whatever N is.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "io/documents.h"
#include "marsad/types.h"

namespace marsad::cli {

class OrderedPipeline {
 public:
  // `work` runs on worker threads and must not throw; `emit` runs on the
  // thread that calls push()/finish(), in input order.
  using Work = std::function<std::string(const Document&, const io::Origin&)>;
  using Emit = std::function<void(std::string&&)>;

  OrderedPipeline(unsigned threads, Work work, Emit emit);
  ~OrderedPipeline();
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  void push(Document&& doc, io::Origin origin);
  void finish();

 private:
  struct Task {
    uint64_t seq = 0;
    Document doc;
    io::Origin origin;
  };
  void worker();
  void drain_ready(std::unique_lock<std::mutex>& lock);

  Work work_;
  Emit emit_;
  unsigned threads_;
  uint64_t window_;
  std::mutex mutex_;
  std::condition_variable task_ready_;
  std::condition_variable result_ready_;
  std::deque<Task> tasks_;
  std::map<uint64_t, std::string> done_;
  uint64_t next_seq_ = 0;
  uint64_t next_out_ = 0;
  bool closing_ = false;
  bool finished_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace marsad::cli
