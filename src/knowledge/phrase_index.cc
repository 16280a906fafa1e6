#include "knowledge/phrase_index.h"

#include <algorithm>
#include <limits>

namespace marsad::knowledge {

namespace {
constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
}

std::vector<std::string> PhraseIndex::phrase_keys(std::string_view phrase) {
  std::vector<std::string> keys;
  text::Analysis a = text::analyse(phrase);
  for (const auto& t : a.tokens) {
    if (t.kind == text::TokenKind::Word || t.kind == text::TokenKind::Number) keys.push_back(text::dict_key(t.norm));
  }
  return keys;
}

uint32_t PhraseIndex::word_id(std::string_view key) const {
  auto it = words_.find(key);
  return it == words_.end() ? kNone : it->second;
}

uint32_t PhraseIndex::intern(const std::string& key) {
  auto [it, inserted] = words_.try_emplace(key, static_cast<uint32_t>(words_.size()));
  return it->second;
}

bool PhraseIndex::add(std::string_view phrase, uint32_t payload) {
  std::vector<std::string> keys = phrase_keys(phrase);
  if (keys.empty()) return false;
  uint32_t node = 0;
  for (const auto& k : keys) {
    uint64_t e = edge_key(node, intern(k));
    auto it = edges_.find(e);
    if (it == edges_.end()) {
      nodes_.push_back(Node{});
      uint32_t child = static_cast<uint32_t>(nodes_.size() - 1);
      edges_.emplace(e, child);
      node = child;
    } else {
      node = it->second;
    }
  }
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
    for (uint32_t s = 0; s < nlive; ++s) {
      for (const auto& key : t.keys) {
        uint32_t w = word_id(key);
        if (w == kNone) continue;
        auto it = edges_.find(edge_key(live[s], w));
        if (it == edges_.end()) continue;
        uint32_t child = it->second;
        if (std::find(next, next + nnext, child) != next + nnext) continue;
        if (nnext < 16) next[nnext++] = child;
        for (uint32_t p : nodes_[child].payloads) out.push_back(PhraseMatch{i, j + 1, p});
      }
    }
    std::copy(next, next + nnext, live);
    nlive = nnext;
    ++words;
  }
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
