// Ordered parallel coding: a bounded task queue and a re-order buffer.
#include "cli/pipeline.h"

#include <utility>

namespace marsad::cli {

OrderedPipeline::OrderedPipeline(unsigned threads, Work work, Emit emit)
    : work_(std::move(work)), emit_(std::move(emit)), threads_(threads == 0 ? 1 : threads),
      window_(uint64_t{4} * (threads == 0 ? 1 : threads)) {
  if (threads_ > 1) {
    workers_.reserve(threads_);
    for (unsigned i = 0; i < threads_; ++i) workers_.emplace_back([this] { worker(); });
  }
}

OrderedPipeline::~OrderedPipeline() { finish(); }

void OrderedPipeline::push(Document&& doc, io::Origin origin) {
  if (threads_ == 1) {
    emit_(work_(doc, origin));
    return;
  }
  std::unique_lock lock(mutex_);
  for (;;) {
    drain_ready(lock);
    if (next_seq_ - next_out_ < window_) break;
    result_ready_.wait(lock);
  }
  tasks_.push_back(Task{next_seq_++, std::move(doc), std::move(origin)});
  task_ready_.notify_one();
}

void OrderedPipeline::finish() {
  if (finished_) return;
  finished_ = true;
  if (threads_ == 1) return;
  {
    std::unique_lock lock(mutex_);
    for (;;) {
      drain_ready(lock);
      if (next_out_ == next_seq_) break;
      result_ready_.wait(lock);
    }
    closing_ = true;
  }
  task_ready_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
}

void OrderedPipeline::drain_ready(std::unique_lock<std::mutex>& lock) {
  for (;;) {
    auto it = done_.find(next_out_);
    if (it == done_.end()) return;
    std::string out = std::move(it->second);
    done_.erase(it);
    ++next_out_;
    lock.unlock();
    emit_(std::move(out));
    lock.lock();
  }
}

void OrderedPipeline::worker() {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      task_ready_.wait(lock, [this] { return closing_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    std::string out = work_(task.doc, task.origin);
    task.doc = Document{};  // free the text before waiting for the lock
    {
      std::lock_guard lock(mutex_);
      done_.emplace(task.seq, std::move(out));
    }
    result_ready_.notify_one();
  }
}

}  // namespace marsad::cli
