// hiredis wrapper (RESP2 replies; Debian 12 ships hiredis 0.14): see redis.h.
#include "queue/redis.h"

#include <hiredis/hiredis.h>

#include <charconv>
#include <cstdlib>

namespace marsad::queue {

namespace {

Reply copy(const redisReply* r) {
  Reply out;
  if (!r) return out;
  switch (r->type) {
    case REDIS_REPLY_INTEGER:
      out.kind = Reply::Kind::Integer;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_STRING:
      out.kind = Reply::Kind::String;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.kind = Reply::Kind::Status;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.kind = Reply::Kind::Error;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ARRAY:
      out.kind = Reply::Kind::Array;
      for (size_t i = 0; i < r->elements; ++i) out.elements.push_back(copy(r->element[i]));
      break;
    default:
      break;
  }
  return out;
}

int to_int(std::string_view s, const std::string& what) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) throw QueueError("Redis URL: bad " + what + " '" + std::string(s) + "'");
  return v;
}

}  // namespace

int64_t Reply::as_int() const {
  if (kind == Kind::Integer) return integer;
  if (kind == Kind::String || kind == Kind::Status) return std::strtoll(str.c_str(), nullptr, 10);
  return 0;
}

RedisUrl parse_redis_url(std::string_view url) {
  RedisUrl u;
  std::string_view rest = url;
  if (rest.starts_with("redis://")) rest.remove_prefix(8);
  else throw QueueError("Redis URL must start with redis:// (got '" + redact_url(url) + "')");
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos && slash + 1 < rest.size()) u.db = to_int(rest.substr(slash + 1), "database number");
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view cred = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    size_t colon = cred.find(':');
    if (colon == std::string_view::npos) u.password = std::string(cred);
    else {
      u.user = std::string(cred.substr(0, colon));
      u.password = std::string(cred.substr(colon + 1));
    }
  }
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    u.port = to_int(authority.substr(colon + 1), "port");
    authority = authority.substr(0, colon);
  }
  if (!authority.empty()) u.host = std::string(authority);
  return u;
}

std::string redact_url(std::string_view url) {
  std::string s(url);
  size_t scheme = s.find("://");
  size_t at = s.rfind('@');
  if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
    s.replace(scheme + 3, at - scheme - 3, "***");
  }
  return s;
}

Redis::Redis(const std::string& url, double timeout_seconds) : name_(redact_url(url)) {
  RedisUrl u = parse_redis_url(url);
  timeval tv{static_cast<time_t>(timeout_seconds), static_cast<suseconds_t>((timeout_seconds - static_cast<double>(static_cast<time_t>(timeout_seconds))) * 1e6)};
  ctx_ = redisConnectWithTimeout(u.host.c_str(), u.port, tv);
  if (!ctx_ || ctx_->err) {
    std::string msg = ctx_ ? ctx_->errstr : "out of memory";
    redisFree(ctx_);
    ctx_ = nullptr;
    throw QueueError(name_ + ": cannot connect to Redis: " + msg);
  }
  // Blocking reads (XREADGROUP BLOCK) need no socket timeout of their own.
  timeval none{0, 0};
  redisSetTimeout(ctx_, none);
  if (!u.password.empty()) {
    std::vector<std::string> auth{"AUTH"};
    if (!u.user.empty()) auth.push_back(u.user);
    auth.push_back(u.password);
    Reply r = command_unchecked(auth);
    if (r.kind == Reply::Kind::Error) throw QueueError(name_ + ": Redis AUTH failed: " + r.str);
  }
  if (u.db != 0) command({"SELECT", std::to_string(u.db)});
}

Redis::~Redis() { redisFree(ctx_); }

Reply Redis::read_reply(const std::string& what) {
  void* raw = nullptr;
  if (redisGetReply(ctx_, &raw) != REDIS_OK) {
    std::string msg = ctx_->errstr;
    throw QueueError(name_ + ": Redis " + what + ": " + (msg.empty() ? "connection lost" : msg));
  }
  Reply r = copy(static_cast<redisReply*>(raw));
  freeReplyObject(raw);
  return r;
}

Reply Redis::command_unchecked(const std::vector<std::string>& argv) {
  std::vector<const char*> args;
  std::vector<size_t> lens;
  for (const auto& a : argv) {
    args.push_back(a.data());
    lens.push_back(a.size());
  }
  if (redisAppendCommandArgv(ctx_, static_cast<int>(args.size()), args.data(), lens.data()) != REDIS_OK)
    throw QueueError(name_ + ": Redis " + (argv.empty() ? "" : argv[0]) + ": " + ctx_->errstr);
  return read_reply(argv.empty() ? "" : argv[0]);
}

Reply Redis::command(const std::vector<std::string>& argv) {
  Reply r = command_unchecked(argv);
  if (r.kind == Reply::Kind::Error) throw QueueError(name_ + ": Redis " + argv[0] + ": " + r.str);
  return r;
}

std::vector<Reply> Redis::pipeline(const std::vector<std::vector<std::string>>& commands) {
  for (const auto& argv : commands) {
    std::vector<const char*> args;
    std::vector<size_t> lens;
    for (const auto& a : argv) {
      args.push_back(a.data());
      lens.push_back(a.size());
    }
    if (redisAppendCommandArgv(ctx_, static_cast<int>(args.size()), args.data(), lens.data()) != REDIS_OK)
      throw QueueError(name_ + ": Redis pipeline: " + ctx_->errstr);
  }
  std::vector<Reply> out;
  out.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) out.push_back(read_reply(commands[i].empty() ? "" : commands[i][0]));
  // Every reply is read first, so the connection stays usable after an error.
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i].kind == Reply::Kind::Error) throw QueueError(name_ + ": Redis " + commands[i][0] + ": " + out[i].str);
  return out;
}

}  // namespace marsad::queue
