// Fuzz target: the WARC reader (src/ingest/warc.h) on a plain file, and the HTTP
// response parser on every record block it yields.
#include <cstdint>
#include <string>
#include <string_view>

#include "common.h"
#include "ingest/warc.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = marsad::fuzz::temp_file(data, size, ".warc");
  marsad::ingest::WarcReader reader(path, size_t{1} << 20);
  reader.each(
      [](const marsad::ingest::WarcRecord& r) {
        marsad::ingest::HttpResponse h;
        std::string reason;
        (void)marsad::ingest::parse_http_response(r.block, h, reason);
        return true;
      },
      [](const std::string&, const std::string&, bool) {});
  marsad::ingest::HttpResponse h;
  std::string reason;
  (void)marsad::ingest::parse_http_response(std::string_view(reinterpret_cast<const char*>(data), size), h, reason);
  return 0;
}
