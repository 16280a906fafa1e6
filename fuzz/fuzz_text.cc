// Fuzz target: the Arabic text layer (fold, tokenise, split sentences, keys) and decode_text.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/documents.h"
#include "text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)marsad::text::fold_utf8(bytes);
  (void)marsad::text::count_code_points(bytes);
  marsad::text::Analysis a = marsad::text::analyse(bytes);
  std::vector<std::string> keys;
  for (const auto& t : a.tokens) {
    marsad::text::token_keys(t.norm, keys);
    (void)marsad::text::dict_key(t.norm);
  }
  for (const auto& s : a.sentences) (void)marsad::text::slice(bytes, s.span);
  // (a UTF-8 BOM followed by invalid bytes used to pass through unchecked:
  // fuzz/regressions/text-decode_text-utf8-bom-then-invalid.bin, fixed in 6b84186)
  std::string enc;
  std::string utf8 = marsad::io::decode_text(bytes, &enc);
  if (!marsad::io::is_valid_utf8(utf8)) __builtin_trap();  // decode_text must give UTF-8
  return 0;
}
