// Lookups by token position in the finders' mention lists.
//
// Every list of mentions (actors, triggers, cues, places, dates, casualties) is
// kept in text order, so "the mentions that begin in these tokens" is a binary
// search: a document of a hundred thousand sentences costs no more per
// sentence than one of ten.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>

namespace marsad::code {

// [lo, hi): the indices of the items of `v` (sorted by tok_begin) whose
// tok_begin lies in [from, to).
template <class V>
std::pair<size_t, size_t> in_tokens(const V& v, uint32_t from, uint32_t to) {
  auto lo = std::lower_bound(v.begin(), v.end(), from, [](const auto& x, uint32_t t) { return x.tok_begin < t; });
  auto hi = std::lower_bound(lo, v.end(), to, [](const auto& x, uint32_t t) { return x.tok_begin < t; });
  return {static_cast<size_t>(lo - v.begin()), static_cast<size_t>(hi - v.begin())};
}

}  // namespace marsad::code
