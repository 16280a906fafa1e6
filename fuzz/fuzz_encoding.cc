// Fuzz target: the encoding detector and converter (src/ingest/encoding.h).
// The first line (up to 64 bytes) is used as the declared charset / Content-Type.
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/encoding.h"
#include "io/documents.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string_view declared;
  size_t nl = bytes.find('\n');
  if (nl != std::string_view::npos && nl <= 64) {
    declared = bytes.substr(0, nl);
    bytes.remove_prefix(nl + 1);
  }
  std::string charset = marsad::ingest::charset_from_content_type(declared);
  // (a UTF-8 BOM followed by invalid bytes used to pass through unchecked:
  // fuzz/regressions/encoding-utf8-bom-then-invalid.bin, fixed in 6b84186)
  std::string used;
  std::string utf8 = marsad::ingest::to_utf8(bytes, charset, &used);
  if (!marsad::io::is_valid_utf8(utf8)) __builtin_trap();  // to_utf8 must give UTF-8
  (void)marsad::ingest::detect_charset(bytes);
  (void)marsad::ingest::looks_binary(bytes);
  std::string out;
  (void)marsad::ingest::convert_to_utf8(bytes, std::string(declared), out);
  return 0;
}
