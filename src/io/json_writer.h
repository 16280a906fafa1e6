// Small helpers for writing JSON by hand, fast: string escaping (UTF-8 passed
// through, invalid bytes replaced by U+FFFD, control characters escaped) and
// numbers with a fixed number of decimals. Used by marsad::to_json (SPEC §3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace marsad::io {

// Append `s` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);

// Append `s` quoted, or `null` when `s` is empty.
void append_json_string_or_null(std::string& out, std::string_view s);

// Append `v` with at most `decimals` decimals, trailing zeros dropped
// (34.45 not 34.45000); NaN and infinities become null.
void append_json_number(std::string& out, double v, int decimals);

void append_json_int(std::string& out, int64_t v);

}  // namespace marsad::io
