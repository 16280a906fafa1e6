// Word forms and the phrase matcher (see forms.h).
#include "number/forms.h"

#include <algorithm>

namespace marsad::number {

namespace {
constexpr std::string_view kArticle = "ال";

bool word_matches(const text::Token& t, std::string_view w, Match mode) {
  if (t.norm == w) return true;
  if (mode == Match::Loose && strip_article(t.norm) == w) return true;
  return false;
}

}  // namespace

size_t letter_count(std::string_view s) {
  size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string_view strip_conjunction(std::string_view w) {
  if ((w.starts_with("و") || w.starts_with("ف")) && letter_count(w) >= 4) return w.substr(2);
  return w;
}

std::string bare_form(std::string_view w) {
  std::string_view r = strip_conjunction(w);
  if (r.starts_with("لل") && letter_count(r) >= 4) return std::string(kArticle) + std::string(r.substr(4));
  if ((r.starts_with("ب") || r.starts_with("ل") || r.starts_with("ك")) && r.substr(2).starts_with(kArticle) &&
      letter_count(r) >= 5) {
    return std::string(r.substr(2));
  }
  return std::string(r);
}

std::string_view bare_view(std::string_view w, std::string& scratch) {
  std::string_view r = strip_conjunction(w);
  if (r.starts_with("لل") && letter_count(r) >= 4) {
    scratch.assign(kArticle);
    scratch.append(r.substr(4));
    return scratch;
  }
  if ((r.starts_with("ب") || r.starts_with("ل") || r.starts_with("ك")) && r.substr(2).starts_with(kArticle) &&
      letter_count(r) >= 5) {
    return r.substr(2);
  }
  return r;
}

std::string_view strip_article(std::string_view w) {
  if (w.starts_with(kArticle) && letter_count(w) >= 4) return w.substr(kArticle.size());
  return w;
}

bool is_digits(std::string_view w) {
  if (w.empty() || w.front() < '0' || w.front() > '9') return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == ',' || c == '.'; });
}

void PhraseSet::add(std::string_view phrase, int payload) {
  const std::string folded = text::fold_utf8(phrase);
  std::vector<std::string> words;
  size_t p = 0;
  while (p < folded.size()) {
    const size_t q = folded.find(' ', p);
    const size_t e = q == std::string::npos ? folded.size() : q;
    if (e > p) words.emplace_back(folded.substr(p, e - p));
    p = e + 1;
  }
  if (words.empty()) return;
  Entry entry{{words.begin() + 1, words.end()}, payload};
  auto [slot, fresh] = by_first_.try_emplace(words.front());
  if (fresh) {
    if (by_first_.size() * 16 > first_filter_.capacity()) {
      first_filter_.build(by_first_);
    } else {
      first_filter_.add(words.front());
    }
  }
  auto& list = slot->second;
  for (auto& e : list) {
    if (e.rest == entry.rest) {
      e.payload = payload;
      return;
    }
  }
  list.push_back(std::move(entry));
  // Longest first, so the first full match is the longest.
  std::stable_sort(list.begin(), list.end(), [](const Entry& a, const Entry& b) { return a.rest.size() > b.rest.size(); });
}

std::optional<PhraseSet::Hit> PhraseSet::match(const std::vector<text::Token>& toks, uint32_t i, uint32_t end,
                                               Match mode) const {
  if (i >= end || i >= toks.size() || toks[i].kind != text::TokenKind::Word) return std::nullopt;
  const text::Token& t = toks[i];
  // Candidate first words, most literal first.
  std::string scratch;
  std::string_view fixed[4];
  size_t nfixed = 0;
  fixed[nfixed++] = t.norm;
  fixed[nfixed++] = strip_conjunction(t.norm);
  fixed[nfixed++] = bare_view(t.norm, scratch);
  if (mode == Match::Loose) fixed[nfixed++] = strip_article(fixed[2]);
  const size_t nkeys = mode == Match::Loose ? t.keys.size() : 0;
  std::optional<Hit> best;
  for (size_t ci = 0; ci < nfixed + nkeys; ++ci) {
    const std::string_view c = ci < nfixed ? fixed[ci] : std::string_view(t.keys[ci - nfixed]);
    if (!first_filter_.maybe(c)) continue;
    const auto it = by_first_.find(c);
    if (it == by_first_.end()) continue;
    for (const Entry& e : it->second) {
      const uint32_t n = static_cast<uint32_t>(e.rest.size());
      if (i + 1 + n > end) continue;
      bool ok = true;
      for (uint32_t k = 0; k < n && ok; ++k) {
        const text::Token& u = toks[i + 1 + k];
        ok = u.kind == text::TokenKind::Word && word_matches(u, e.rest[k], mode);
      }
      if (ok && (!best || i + 1 + n > best->end)) best = Hit{i + 1 + n, e.payload};
    }
  }
  return best;
}

bool PhraseSet::contains(const text::Token& t) const {
  if (t.kind != text::TokenKind::Word) return false;
  std::string scratch;
  const std::string_view b = bare_view(t.norm, scratch);
  for (const std::string_view c : {std::string_view(t.norm), strip_conjunction(t.norm), b}) {
    if (!first_filter_.maybe(c)) continue;
    const auto it = by_first_.find(c);
    if (it == by_first_.end()) continue;
    for (const Entry& e : it->second) {
      if (e.rest.empty()) return true;
    }
  }
  return false;
}

}  // namespace marsad::number
