// `marsad code --pretty`: a readable account of one coded article — each
// event with its actors, place, date, casualties, status, attribution and the
// sentence it came from (trigger marked ⟦ ⟧), then the actor relations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "marsad/types.h"

namespace marsad::cli {

// Byte offsets of code-point positions in a UTF-8 text. Counts code points
// the way the text layer does: one per valid sequence, one per invalid byte.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);
  // Byte offset of code point `cp` (clamped to the end of the text).
  size_t byte_offset(uint32_t cp) const;
  // The UTF-8 text of a span (empty when out of range).
  std::string_view slice(Span span) const;
  uint32_t size() const { return count_; }

 private:
  std::string_view text_;
  std::vector<size_t> checkpoints_;  // byte offset of every 64th code point
  uint32_t count_ = 0;
};

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid.
size_t utf8_length_at(std::string_view s, size_t i);

std::string format_pretty(const Document& doc, const Result& result);

}  // namespace marsad::cli
