// Fuzz target: the whole coder (include/marsad/marsad.h) on arbitrary text.
// The first line (up to 40 bytes) is used as the publication date.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common.h"
#include "io/documents.h"
#include "marsad/marsad.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<marsad::Coder> coder = marsad::Coder::load(marsad::fuzz::data_dir());
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  marsad::Document doc;
  doc.id = "fuzz";
  size_t nl = bytes.find('\n');
  if (nl != std::string_view::npos && nl <= 40) {
    doc.date = std::string(bytes.substr(0, nl));
    bytes.remove_prefix(nl + 1);
  }
  doc.text = std::string(bytes);
  (void)coder->code(doc);
  return 0;
}
