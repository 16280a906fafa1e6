// Character encodings of ingested bytes: detect (BOM, declared charset, ICU's
// charset detector restricted to the encodings Arabic news comes in) and
// convert to UTF-8 with ICU; tell binary files from text.
//
//   std::string enc;
//   std::string utf8 = marsad::ingest::to_utf8(bytes, "windows-1256", &enc);
#pragma once

#include <string>
#include <string_view>

namespace marsad::ingest {

// Decode `bytes` to UTF-8. Order: a BOM (UTF-8, UTF-16LE/BE); valid UTF-8 is
// kept as is; otherwise the `declared` charset (HTTP header or <meta>) when ICU
// knows it; otherwise ICU's detector, taking the best of windows-1256,
// ISO-8859-6 and UTF-8; otherwise windows-1256. `used` (if given) receives the
// canonical name: "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1256", "ISO-8859-6", …
// Never throws; undecodable bytes become U+FFFD.
std::string to_utf8(std::string_view bytes, std::string_view declared = {}, std::string* used = nullptr);

// Convert from a named charset with ICU; false when ICU does not know it.
bool convert_to_utf8(std::string_view bytes, const std::string& charset, std::string& out);

// ICU's best guess among the Arabic-relevant encodings, or "" when unsure.
std::string detect_charset(std::string_view bytes);

// True for bytes that are not text: NUL bytes, or more than 2% control
// characters, in the first 64 KB (UTF-16 with a BOM counts as text).
bool looks_binary(std::string_view bytes);

// "charset=..." value from a Content-Type header or <meta> content ("" if none).
std::string charset_from_content_type(std::string_view content_type);

}  // namespace marsad::ingest
