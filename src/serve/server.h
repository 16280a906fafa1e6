// `marsad serve`: a read-only HTTP/JSON API over the event store and the
// dashboard page (issue 5; docs/dashboard.md).
//
//   marsad::serve::Options o{.db = "marsad.db", .assets = "build/web-assets"};
//   marsad::serve::Dashboard dash(o);               // throws ServeError naming the file
//   httplib::Server srv; dash.mount(srv);           // or: dash.run() (blocks)
//
// Endpoints (all GET, JSON, every `marsad query` filter as query parameters):
//   /api/events        {"events":[…],"total":N,"limit":L,"offset":O}
//   /api/events/{id}   one event with its sources and highlighted evidence
//   /api/actors        actors with event counts, and their patrons
//   /api/network       {"nodes":[…],"edges":[…]}: backed_by, part_of, hostile
//   /api/places        per-governorate aggregates and located events
//   /api/timeline      {"bucket":"day|week","bins":[{"start","count"}…]}
//   /, /app.js, …      static files from the assets directory (no traversal)
// Bad parameters give 400 {"error":"…","parameter":"…"}; unknown paths 404.
// Every response carries a Content-Security-Policy without inline scripts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
class Server;
}

namespace marsad::serve {

class ServeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Options {
  std::filesystem::path db = "marsad.db";
  std::filesystem::path assets;    // empty = default_assets_dir()
  std::filesystem::path data_dir;  // empty = marsad::default_data_dir()
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0 = any free port
  bool recode_evidence = true;     // re-code evidence sentences for actor/place/date spans
  // Budget of the per-filter result cache (LRU, bytes). A cached filter holds
  // positions into the one list of every event (4 bytes an event), which is
  // loaded once and comes on top, like up to 64 MB of serialised summaries.
  size_t cache_bytes = size_t{64} << 20;
};

// The asset directory the build writes (`cmake --build B --target web-assets`).
std::filesystem::path default_assets_dir();

// The header value sent with every response.
extern const char* const kContentSecurityPolicy;

// A highlighted piece of an evidence sentence; offsets are Unicode code
// points relative to the sentence.
struct Highlight {
  std::string kind;  // trigger, actor, place, date
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string ref;   // actor id, place name, date value
};

// A run of the sentence with the highlight that covers it ("" = none); the
// runs concatenate to the sentence, so a page can show them with textContent
// and never deal with code-point/UTF-16 offsets.
struct Segment {
  std::string text;
  std::string mark;
};
// Overlaps resolve by priority trigger > actor > place > date. Spans outside
// the sentence are clipped or dropped.
std::vector<Segment> split_sentence(std::string_view sentence, const std::vector<Highlight>& highlights);

// Code-point offset of byte offset `byte` in UTF-8 `s`.
uint32_t code_points_before(std::string_view s, size_t byte);

class Dashboard {
 public:
  explicit Dashboard(Options options);
  ~Dashboard();
  Dashboard(const Dashboard&) = delete;
  Dashboard& operator=(const Dashboard&) = delete;

  // Registers every route, the error and exception handlers and the headers.
  void mount(httplib::Server& server);
  // Binds (port 0 = any), calls on_listen(port) and serves until stop().
  void run(const std::function<void(int)>& on_listen);
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace marsad::serve
