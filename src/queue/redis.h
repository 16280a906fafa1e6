// A small synchronous Redis client over hiredis (issue 7): connect by URL,
// run commands given as argument vectors (binary-safe), pipeline many.
//
//   marsad::queue::Redis r("redis://127.0.0.1:6379/0");   // throws QueueError
//   Reply n = r.command({"XLEN", "marsad:docs"});          // n.integer
//
// URL: redis://[[user]:password@]host[:port][/db]; the password is sent with
// AUTH and never printed (redact_url).
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct redisContext;
struct redisReply;

namespace marsad::queue {

class QueueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RedisUrl {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
  std::string user;
  std::string password;
};

// Throws QueueError for a malformed URL.
RedisUrl parse_redis_url(std::string_view url);
std::string redact_url(std::string_view url);

// A reply, copied out of hiredis: nil, integer, string (also status and
// error) or array.
struct Reply {
  enum class Kind { Nil, Integer, String, Status, Error, Array } kind = Kind::Nil;
  int64_t integer = 0;
  std::string str;
  std::vector<Reply> elements;

  bool nil() const { return kind == Kind::Nil; }
  // Integer, or a string holding a number; 0 otherwise.
  int64_t as_int() const;
};

class Redis {
 public:
  explicit Redis(const std::string& url, double timeout_seconds = 10.0);
  ~Redis();
  Redis(const Redis&) = delete;
  Redis& operator=(const Redis&) = delete;

  // Runs one command; an error reply throws QueueError naming the command.
  Reply command(const std::vector<std::string>& argv);
  // Same, but an error reply is returned (kind Error) instead of thrown.
  Reply command_unchecked(const std::vector<std::string>& argv);
  // Sends all commands, then reads all replies (one round trip per batch).
  std::vector<Reply> pipeline(const std::vector<std::vector<std::string>>& commands);

  const std::string& name() const { return name_; }

 private:
  Reply read_reply(const std::string& what);
  std::string name_;
  redisContext* ctx_ = nullptr;
};

}  // namespace marsad::queue
