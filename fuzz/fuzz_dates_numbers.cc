// Fuzz target: the date finder (src/time/dates.h) and the number reader
// (src/number/numbers.h). The first line (up to 40 bytes) is the publication date.
#include <cstdint>
#include <string>
#include <string_view>

#include "common.h"
#include "number/numbers.h"
#include "text/text.h"
#include "time/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const marsad::dates::DateFinder dates(marsad::fuzz::data_dir());
  static const marsad::number::NumberReader numbers(marsad::fuzz::data_dir());
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string_view pub;
  size_t nl = bytes.find('\n');
  if (nl != std::string_view::npos && nl <= 40) {
    pub = bytes.substr(0, nl);
    bytes.remove_prefix(nl + 1);
  }
  marsad::text::Analysis a = marsad::text::analyse(bytes);
  (void)dates.find(a, bytes, pub);
  for (const auto& s : a.sentences)
    for (uint32_t i = s.tok_begin; i < s.tok_end; ++i) (void)numbers.read_at(a.tokens, i, s.tok_end);
  return 0;
}
