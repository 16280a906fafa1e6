#include "knowledge/phrase_index.h"

#include <algorithm>

namespace marsad::knowledge {

std::vector<std::string> PhraseIndex::phrase_keys(std::string_view phrase) {
  std::vector<std::string> keys;
  text::Analysis a = text::analyse(phrase);
  for (const auto& t : a.tokens) {
    if (t.kind == text::TokenKind::Word || t.kind == text::TokenKind::Number) keys.push_back(text::dict_key(t.norm));
  }
  return keys;
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
    if (words_.size() * 16 > bloom_mask_ + 1) {  // keep 16 bits a word: rebuild twice as large
      bloom_.assign(bloom_.size() * 2, 0);
      bloom_mask_ = bloom_.size() * 64 - 1;
      for (const auto& w : words_) bloom_add(hash_key(w) | 1u);
    } else {
      bloom_add(hash_key(key) | 1u);
    }
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

bool PhraseIndex::add(std::string_view phrase, uint32_t payload) { return add_keys(phrase_keys(phrase), payload); }

void PhraseIndex::for_each_phrase(
    const std::function<void(const std::vector<std::string>&, const std::vector<uint32_t>&)>& f) const {
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> children(nodes_.size());  // (word, child)
  for (const Edge& e : edges_)
    if (e.child != 0) children[e.node].emplace_back(e.word, e.child);
  std::vector<std::string> keys;
  std::function<void(uint32_t)> walk = [&](uint32_t node) {
    if (!nodes_[node].payloads.empty()) f(keys, nodes_[node].payloads);
    for (const auto& [word, child] : children[node]) {
      keys.push_back(words_[word]);
      walk(child);
      keys.pop_back();
    }
  };
  walk(0);
}

bool PhraseIndex::add_keys(const std::vector<std::string>& keys, uint32_t payload) {
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
      uint64_t h = 0;
      if (maybe_word(t.keys[k])) {
        h = hash_key(t.keys[k]) | 1u;
        if (!maybe_hash(h)) h = 0;
      }
      hashes[k] = h;
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
          if (!maybe_hash(h)) h = 0;
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
    // Fast path: most tokens start no phrase; skip them without a call.
    bool may = false;
    for (const auto& k : tokens[i].keys) {
      if (maybe_word(k) && maybe_hash(hash_key(k) | 1u)) {
        may = true;
        break;
      }
    }
    if (!may) {
      ++i;
      continue;
    }
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
