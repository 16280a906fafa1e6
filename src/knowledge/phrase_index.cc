#include "knowledge/phrase_index.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace marsad::knowledge {

std::vector<std::string> PhraseIndex::phrase_keys(std::string_view phrase) {
  std::vector<std::string> keys;
  text::Analysis a = text::analyse(phrase);
  for (const auto& t : a.tokens) {
    if (t.kind == text::TokenKind::Word || t.kind == text::TokenKind::Number) keys.push_back(text::dict_key(t.norm));
  }
  return keys;
}

uint64_t PhraseIndex::hash_key(std::string_view s) {
  // Keys are short (an Arabic word is 6–20 bytes): two overlapping 8-byte
  // loads cover up to 16 bytes, longer keys are folded in 8-byte steps.
  constexpr uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xC2B2AE3D27D4EB4Full;
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    size_t i = 0;
    for (; i + 16 < n; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      a = std::rotl((a ^ w) * k1, 27);
    }
    uint64_t x, y;
    std::memcpy(&x, p + i, 8);
    std::memcpy(&y, p + n - 8, 8);
    a ^= x;
    b = y;
  } else if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    a = x;
    b = y;
  } else if (n > 0) {
    a = static_cast<uint64_t>(static_cast<uint8_t>(p[0])) | (uint64_t{static_cast<uint8_t>(p[n / 2])} << 8) |
        (uint64_t{static_cast<uint8_t>(p[n - 1])} << 16);
  }
  uint64_t h = (a * k1) ^ std::rotl(b * k2, 31) ^ (n * k2);
  h ^= h >> 32;
  h *= k1;
  h ^= h >> 29;
  return h;
}

uint32_t PhraseIndex::signature(std::string_view s) {
  const size_t n = s.size();
  if (n == 0) return 0;
  const auto first = static_cast<uint8_t>(s[n >= 2 ? 1 : 0]);
  const auto last = static_cast<uint8_t>(s[n - 1]);
  return static_cast<uint32_t>(((n & 15u) << 12) | ((first & 63u) << 6) | (last & 63u));
}

uint32_t PhraseIndex::intern(const std::string& key) {
  auto [it, inserted] = word_ids_.try_emplace(key, static_cast<uint32_t>(words_.size()));
  if (inserted) {
    words_.push_back(key);
    const uint32_t sig = signature(key);
    filter_[sig >> 6] |= uint64_t{1} << (sig & 63);
  }
  return it->second;
}

void PhraseIndex::grow() {
  std::vector<Edge> old(edges_.size() * 2);
  old.swap(edges_);
  const size_t mask = edges_.size() - 1;
  for (const Edge& e : old) {
    if (e.child == 0) continue;
    size_t i = slot_of(e.hash, e.node) & mask;
    while (edges_[i].child != 0) i = (i + 1) & mask;
    edges_[i] = e;
  }
}

uint32_t PhraseIndex::add_edge(uint32_t node, const std::string& key) {
  const uint32_t w = intern(key);
  const uint64_t h = hash_key(key) | 1u;
  if (uint32_t c = child(node, key, h)) return c;
  if (2 * (edge_count_ + 1) > edges_.size()) grow();
  nodes_.push_back(Node{});
  const auto c = static_cast<uint32_t>(nodes_.size() - 1);
  const size_t mask = edges_.size() - 1;
  size_t i = slot_of(h, node) & mask;
  while (edges_[i].child != 0) i = (i + 1) & mask;
  edges_[i] = Edge{h, node, w, c};
  ++edge_count_;
  return c;
}

bool PhraseIndex::add(std::string_view phrase, uint32_t payload) {
  std::vector<std::string> keys = phrase_keys(phrase);
  if (keys.empty()) return false;
  uint32_t node = 0;
  for (const auto& k : keys) node = add_edge(node, k);
  auto& p = nodes_[node].payloads;
  if (std::find(p.begin(), p.end(), payload) == p.end()) p.push_back(payload);
  max_len_ = std::max(max_len_, static_cast<uint32_t>(keys.size()));
  ++phrases_;
  return true;
}

void PhraseIndex::match_at(const std::vector<text::Token>& tokens, uint32_t i, uint32_t end,
                           std::vector<PhraseMatch>& out) const {
  if (i >= end || tokens[i].keys.empty()) return;
  size_t first_out = out.size();
  // Live trie states; tiny in practice (a token rarely has two keys that both continue a phrase).
  uint32_t live[16];
  uint32_t nlive = 1;
  live[0] = 0;
  uint32_t words = 0;
  for (uint32_t j = i; j < end && nlive > 0 && words < max_len_; ++j) {
    const text::Token& t = tokens[j];
    if (t.kind == text::TokenKind::Quote && j > i) continue;
    if (t.keys.empty()) break;
    uint32_t next[16];
    uint32_t nnext = 0;
    // Hash each key once (0 = cannot be a word of this index), then follow
    // every live state along every key, in that order.
    const size_t nkeys = t.keys.size();
    uint64_t hashes[8];
    bool any = false;
    for (size_t k = 0; k < nkeys && k < 8; ++k) {
      hashes[k] = maybe_word(t.keys[k]) ? hash_key(t.keys[k]) | 1u : 0;
      any |= hashes[k] != 0;
    }
    if (!any && nkeys <= 8) break;
    for (uint32_t s = 0; s < nlive; ++s) {
      for (size_t k = 0; k < nkeys; ++k) {
        const std::string& key = t.keys[k];
        uint64_t h = 0;
        if (k < 8) {
          h = hashes[k];
        } else if (maybe_word(key)) {
          h = hash_key(key) | 1u;
        }
        if (h == 0) continue;
        const uint32_t c = child(live[s], key, h);
        if (c == 0) continue;
        if (std::find(next, next + nnext, c) != next + nnext) continue;
        if (nnext < 16) next[nnext++] = c;
        for (uint32_t p : nodes_[c].payloads) out.push_back(PhraseMatch{i, j + 1, p});
      }
    }
    std::copy(next, next + nnext, live);
    nlive = nnext;
    ++words;
  }
  if (out.size() - first_out > 1)
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first_out), out.end(),
                     [](const PhraseMatch& a, const PhraseMatch& b) { return a.tok_end > b.tok_end; });
}

void PhraseIndex::find_all(const std::vector<text::Token>& tokens, uint32_t begin, uint32_t end,
                           std::vector<PhraseMatch>& out) const {
  for (uint32_t i = begin; i < end; ++i) match_at(tokens, i, end, out);
}

void PhraseIndex::find_longest(const std::vector<text::Token>& tokens, uint32_t begin, uint32_t end,
                               std::vector<PhraseMatch>& out) const {
  std::vector<PhraseMatch> here;
  for (uint32_t i = begin; i < end;) {
    here.clear();
    match_at(tokens, i, end, here);
    if (here.empty()) {
      ++i;
      continue;
    }
    uint32_t stop = here.front().tok_end;
    for (const auto& m : here)
      if (m.tok_end == stop) out.push_back(m);
    i = stop;
  }
}

}  // namespace marsad::knowledge
