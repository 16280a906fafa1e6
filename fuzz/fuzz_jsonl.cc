// Fuzz target: the JSON Lines document reader (src/io/documents.h).
#include <cstdint>
#include <string>
#include <string_view>

#include "io/documents.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  marsad::io::ReaderOptions opt;
  opt.max_document_bytes = 1 << 16;
  marsad::io::DocumentReader reader(opt);
  size_t n = 0;
  reader.read_json_lines(bytes, "fuzz.jsonl",
                         [&](marsad::Document&& d, const marsad::io::Origin&) { n += d.text.size(); return true; },
                         [](const marsad::io::ReadError& e) { (void)e.to_string(); });
  marsad::Document doc;
  std::string reason;
  (void)marsad::io::parse_document_json(bytes, doc, reason);
  return 0;
}
