// Fuzz target: the HTML article extractor (src/ingest/html.h) and the page-date normaliser.
#include <cstdint>
#include <memory>
#include <string_view>

#include "common.h"
#include "ingest/html.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<marsad::ingest::HtmlExtractor> x =
      marsad::ingest::HtmlExtractor::load(marsad::fuzz::data_dir());
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)x->extract(bytes, {.charset = "", .url = "http://example.org/a", .id = ""});
  (void)marsad::ingest::normalise_iso_date(bytes.substr(0, 64));
  return 0;
}
