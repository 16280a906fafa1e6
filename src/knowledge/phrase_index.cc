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

uint32_t PhraseIndex::intern(const std::string& key) {
  auto [it, inserted] = word_ids_.try_emplace(key, static_cast<uint32_t>(words_.size()));
  if (inserted) words_.push_back(key);
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
  if (uint32_t c = child(node, h)) return c;
  if (2 * (edge_count_ + 1) > edges_.size()) grow();
  Node fresh;
  fresh.in_hash = h;
  fresh.parent = node;
  fresh.word = w;
  nodes_.push_back(std::move(fresh));
  const auto c = static_cast<uint32_t>(nodes_.size() - 1);
  const size_t mask = edges_.size() - 1;
  size_t i = slot_of(h, node) & mask;
  while (edges_[i].child != 0) i = (i + 1) & mask;
  edges_[i] = Edge{h, 0, node, c, 0, 0};
  ++edge_count_;
  nodes_[node].child_bloom |= child_bits(h);
  sync(node);
  if (node == 0) {
    ++root_children_;
    if (root_children_ * 16 > bloom_mask_ + 1) {  // keep 16 bits a first word: rebuild twice as large
      bloom_.assign(bloom_.size() * 2, 0);
      bloom_mask_ = bloom_.size() * 64 - 1;
      for (const Edge& e : edges_)
        if (e.child != 0 && e.node == 0) bloom_add(e.hash);
    } else {
      bloom_add(h);
    }
  }
  return c;
}

void PhraseIndex::sync(uint32_t n) {
  if (n == 0) return;  // the root: no edge leads to it
  const Node& nd = nodes_[n];
  const size_t mask = edges_.size() - 1;
  for (size_t i = slot_of(nd.in_hash, nd.parent) & mask; edges_[i].child != 0; i = (i + 1) & mask) {
    Edge& e = edges_[i];
    if (e.child != n) continue;
    e.child_bloom = nd.child_bloom;
    e.npay = static_cast<uint32_t>(nd.payloads.size());
    e.pay0 = nd.payloads.empty() ? 0 : nd.payloads.front();
    return;
  }
}

bool PhraseIndex::add(std::string_view phrase, uint32_t payload) { return add_keys(phrase_keys(phrase), payload); }

void PhraseIndex::for_each_phrase(
    const std::function<void(const std::vector<std::string>&, const std::vector<uint32_t>&)>& f) const {
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> children(nodes_.size());  // (word, child)
  for (const Edge& e : edges_)
    if (e.child != 0) children[e.node].emplace_back(nodes_[e.child].word, e.child);
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
  sync(node);
  max_len_ = std::max(max_len_, static_cast<uint32_t>(keys.size()));
  ++phrases_;
  return true;
}

void PhraseIndex::match_at(const std::vector<text::Token>& tokens, uint32_t i, uint32_t end,
                           std::vector<PhraseMatch>& out) const {
  if (i >= end || tokens[i].keys.empty()) return;
  size_t first_out = out.size();
  // Live trie states with their children's filter; tiny in practice (a token
  // rarely has two keys that both continue a phrase).
  uint32_t live[16];
  uint64_t live_bloom[16];
  uint32_t nlive = 1;
  live[0] = 0;
  live_bloom[0] = ~uint64_t{0};  // the root has its own, larger filter
  uint32_t words = 0;
  for (uint32_t j = i; j < end && nlive > 0 && words < max_len_; ++j) {
    const text::Token& t = tokens[j];
    if (t.kind == text::TokenKind::Quote && j > i) continue;
    if (t.keys.empty()) break;
    uint32_t next[16];
    uint64_t next_bloom[16];
    uint32_t nnext = 0;
    // Each key's hash (computed once by the text layer), kept only when a
    // filter says a live state may continue with it (0 = no state can);
    // then every live state is followed along every key, in that order.
    uint64_t any_bloom = 0;
    for (uint32_t s = 0; s < nlive; ++s) any_bloom |= live_bloom[s];
    const size_t nkeys = std::min<size_t>(t.keys.size(), 16);
    uint64_t hashes[16];
    bool any = false;
    for (size_t k = 0; k < nkeys; ++k) {
      const uint64_t h = t.keys.hash(k) | 1u;
      const bool may = words == 0 ? maybe_hash(h) : child_maybe(any_bloom, h);
      hashes[k] = may ? h : 0;
      any |= may;
    }
    if (!any) break;
    for (uint32_t s = 0; s < nlive; ++s) {
      for (size_t k = 0; k < nkeys; ++k) {
        const uint64_t h = hashes[k];
        if (h == 0 || (words > 0 && !child_maybe(live_bloom[s], h))) continue;
        const Edge& e = edge(live[s], h);
        const uint32_t c = e.child;
        if (c == 0) continue;
        if (std::find(next, next + nnext, c) != next + nnext) continue;
        if (nnext < 16) {
          next[nnext] = c;
          next_bloom[nnext++] = e.child_bloom;
        }
        if (e.npay == 1) {
          out.push_back(PhraseMatch{i, j + 1, e.pay0});
        } else if (e.npay > 1) {
          for (uint32_t p : nodes_[c].payloads) out.push_back(PhraseMatch{i, j + 1, p});
        }
      }
    }
    std::copy(next, next + nnext, live);
    std::copy(next_bloom, next_bloom + nnext, live_bloom);
    nlive = nnext;
    ++words;
  }
  // Longest first, stable: an insertion sort (a handful of matches; no buffer to allocate).
  for (size_t a = first_out + 1; a < out.size(); ++a) {
    const PhraseMatch m = out[a];
    size_t b = a;
    for (; b > first_out && out[b - 1].tok_end < m.tok_end; --b) out[b] = out[b - 1];
    out[b] = m;
  }
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
    if (!may_start(tokens[i])) {
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
