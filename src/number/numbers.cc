// Reading quantities (see numbers.h).
#include "number/numbers.h"

#include <cmath>
#include <string_view>

#include "knowledge/tsv.h"
#include "marsad/marsad.h"

namespace marsad::number {

using namespace std::string_view_literals;  // == "literal"sv: no strlen, no call when the sizes differ

namespace {

using knowledge::TsvTable;

// The digits of a token written alone or glued to a conjunction/preposition («و3», «ب12»).
std::optional<std::string_view> digit_part(const text::Token& t) {
  std::string_view n = t.norm;
  if (t.kind == text::TokenKind::Number) return n;
  if (t.kind != text::TokenKind::Word) return std::nullopt;
  for (const std::string_view p : {"و", "ف", "ب", "ل"}) {
    if (n.starts_with(p)) {
      n.remove_prefix(p.size());
      break;
    }
  }
  if (is_digits(n)) return n;
  return std::nullopt;
}

bool is_two_word(std::string_view w) { return w == "اثنين"sv || w == "اثنان"sv || w == "اثنتين"sv || w == "اثنتان"sv; }

}  // namespace

NumberReader::NumberReader(const std::filesystem::path& data_dir) {
  const auto dir = data_dir / "numbers";
  {
    const auto t = TsvTable::read(dir / "number_words.tsv");
    const size_t cw = t.column("word"), cv = t.column("value"), ck = t.column("kind");
    for (const auto& r : t.rows()) {
      const std::string& k = TsvTable::cell(r, ck);
      Word w;
      try {
        w.value = std::stoll(TsvTable::cell(r, cv));
      } catch (const std::exception&) {
        throw LoadError(t.where(r) + ": bad value '" + TsvTable::cell(r, cv) + "'");
      }
      if (k == "unit"sv) w.kind = Kind::Unit;
      else if (k == "teen"sv) w.kind = Kind::Teen;
      else if (k == "ten_word"sv) w.kind = Kind::TenWord;
      else if (k == "tens"sv) w.kind = Kind::Tens;
      else if (k == "hundred"sv) w.kind = Kind::Hundred;
      else if (k == "thousand"sv) w.kind = Kind::Thousand;
      else if (k == "thousands"sv) w.kind = Kind::Thousands;
      else if (k == "million"sv) w.kind = Kind::Million;
      else if (k == "millions"sv) w.kind = Kind::Millions;
      else throw LoadError(t.where(r) + ": unknown kind '" + k + "'");
      words_[text::fold_utf8(TsvTable::cell(r, cw))] = w;
    }
  }
  {
    const auto t = TsvTable::read(dir / "person_nouns.tsv");
    const size_t cw = t.column("word"), cc = t.column("count"), cv = t.column("civilian");
    for (const auto& r : t.rows()) {
      PersonNoun p;
      const std::string& c = TsvTable::cell(r, cc);
      if (c == "1"sv) p.count = 1;
      else if (c == "2"sv) p.count = 2;
      else if (c == "n"sv) p.count = 0;
      else throw LoadError(t.where(r) + ": count must be 1, 2 or n, not '" + c + "'");
      p.civilian = TsvTable::cell(r, cv) == "1"sv;
      persons_[std::string(strip_article(text::fold_utf8(TsvTable::cell(r, cw))))] = p;
    }
  }
  {
    const auto t = TsvTable::read(dir / "vague.tsv");
    const size_t cp = t.column("phrase");
    for (const auto& r : t.rows()) vague_.add(TsvTable::cell(r, cp), 1);
  }
  {
    const auto t = TsvTable::read(dir / "approximators.tsv");
    const size_t cp = t.column("phrase");
    for (const auto& r : t.rows()) approx_.add(TsvTable::cell(r, cp), 1);
  }
}

const NumberReader::Word* NumberReader::word(const text::Token& t, bool allow_conj) const {
  if (t.kind != text::TokenKind::Word) return nullptr;
  auto it = words_.find(t.norm);
  if (it != words_.end()) return &it->second;
  if (allow_conj) {
    it = words_.find(strip_conjunction(t.norm));
    if (it != words_.end()) return &it->second;
  }
  return nullptr;
}

const PersonNoun* NumberReader::person_noun(const text::Token& t) const {
  if (t.kind != text::TokenKind::Word) return nullptr;
  for (const std::string_view f : {std::string_view(t.norm), strip_conjunction(t.norm)}) {
    std::string scratch;
    const std::string_view b = bare_view(f, scratch);
    for (const std::string_view c : {f, b, strip_article(b)}) {
      const auto it = persons_.find(c);
      if (it != persons_.end()) return &it->second;
    }
  }
  return nullptr;
}

std::optional<Quantity> NumberReader::read_digits(const std::vector<text::Token>& toks, uint32_t i,
                                                  uint32_t end) const {
  const auto d = digit_part(toks[i]);
  if (!d) return std::nullopt;
  std::string s;
  bool decimal = false;
  for (const char c : *d) {
    if (c == ',') continue;  // thousands separator
    if (c == '.') decimal = true;
    s.push_back(c);
  }
  double v = 0;
  try {
    v = std::stod(s);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  Quantity q{i, i + 1, std::nullopt, false};
  // A scale word after the digits: «3 آلاف», «1.5 مليون».
  if (i + 1 < end) {
    if (const Word* w = word(toks[i + 1], false)) {
      if (w->kind == Kind::Thousand || w->kind == Kind::Thousands) {
        v *= 1000;
        q.tok_end = i + 2;
        decimal = false;
      } else if (w->kind == Kind::Million || w->kind == Kind::Millions) {
        v *= 1e6;
        q.tok_end = i + 2;
        decimal = false;
      }
    }
  }
  if (decimal && std::floor(v) != v) return std::nullopt;  // «3.5» is no head count
  if (v > 1e15) return std::nullopt;
  q.value = static_cast<long long>(std::llround(v));
  return q;
}

std::optional<Quantity> NumberReader::read_words(const std::vector<text::Token>& toks, uint32_t i,
                                                 uint32_t end) const {
  const Word* w0 = word(toks[i], true);
  if (!w0) return std::nullopt;
  long long total = 0;  // thousands and millions already closed
  long long cur = 0;
  long long last = 0;  // value of the last component added
  uint32_t j = i;
  auto ten_word_at = [&](uint32_t k) {
    if (k >= end) return false;
    const Word* w = word(toks[k], false);
    return w && w->kind == Kind::TenWord;
  };
  // First component.
  switch (w0->kind) {
    case Kind::Teen:
      if (!ten_word_at(i + 1)) return std::nullopt;  // «أحد قياديي»
      cur = w0->value + 10;
      j = i + 2;
      break;
    case Kind::Unit:
      if (w0->value >= 3 && w0->value <= 9 && ten_word_at(i + 1)) {
        cur = w0->value + 10;
        j = i + 2;
      } else {
        cur = w0->value;
        j = i + 1;
      }
      break;
    case Kind::Thousands:
    case Kind::Millions:
      return std::nullopt;  // alone: vague, handled by vague.tsv
    default:
      cur = w0->value;
      j = i + 1;
      break;
  }
  last = cur;
  // Further components.
  while (j < end) {
    const text::Token& t = toks[j];
    if (t.kind != text::TokenKind::Word) break;
    const bool conj = t.norm.starts_with("و") && !words_.contains(t.norm);
    const Word* w = word(t, true);
    if (!w) break;
    if (!conj) {
      // Multipliers directly after a number: «ثلاث مئة», «ثلاثة آلاف», «مئة ألف».
      if (w->kind == Kind::Hundred && w->value == 100 && cur > 0 && cur < 10) {
        cur *= 100;
      } else if ((w->kind == Kind::Thousand && w->value == 1000) || w->kind == Kind::Thousands) {
        if (cur == 0) break;
        total += cur * 1000;
        cur = 0;
      } else if ((w->kind == Kind::Million && w->value == 1000000) || w->kind == Kind::Millions) {
        if (cur == 0) break;
        total += cur * 1000000;
        cur = 0;
      } else {
        break;
      }
      last = 0;
      ++j;
      continue;
    }
    // «و» + component: smaller than what came before, or units then tens («ثلاثة وعشرون»).
    long long v = w->value;
    uint32_t next = j + 1;
    if (w->kind == Kind::Teen) break;
    if (w->kind == Kind::Thousands || w->kind == Kind::Millions) break;
    if (w->kind == Kind::Unit && v >= 3 && ten_word_at(j + 1)) {
      v += 10;
      next = j + 2;
    }
    const bool units_then_tens = w->kind == Kind::Tens && last > 0 && last < 10 && cur % 10 == last;
    const long long prev = last > 0 ? last : (cur > 0 ? cur : total);
    if (!units_then_tens && !(prev > v)) break;
    if (w->kind == Kind::Thousand || w->kind == Kind::Million) {
      total += v;
    } else {
      cur += v;
    }
    last = v;
    j = next;
  }
  return Quantity{i, j, total + cur, false};
}

std::optional<Quantity> NumberReader::read_at(const std::vector<text::Token>& toks, uint32_t i, uint32_t end) const {
  if (end > toks.size()) end = static_cast<uint32_t>(toks.size());
  if (i >= end) return std::nullopt;
  uint32_t j = i;
  // Approximators: «نحو», «أكثر من», «ما لا يقل عن»; then a detached article «الـ».
  if (const auto a = approx_.match(toks, j, end)) j = a->end;
  if (j < end && toks[j].kind == text::TokenKind::Word && toks[j].norm == "ال"sv) ++j;
  if (j >= end) return std::nullopt;

  if (const auto v = vague_.match(toks, j, end)) return Quantity{i, v->end, std::nullopt, true};
  if (auto q = read_digits(toks, j, end)) {
    q->tok_begin = i;
    return q;
  }
  if (auto q = read_words(toks, j, end)) {
    q->tok_begin = i;
    return q;
  }
  if (j != i) return std::nullopt;  // an approximator must be followed by a number

  // Nouns: a dual («عنصرين»), or a person noun followed by «اثنين» / «واحد» («مدنيين اثنين»,
  // «عسكريين تركيين اثنين», «عنصر واحد»).
  const PersonNoun* p = person_noun(toks[i]);
  if (!p) return std::nullopt;
  for (uint32_t k = i + 1; k < end && k <= i + 2; ++k) {
    if (toks[k].kind != text::TokenKind::Word) break;
    // «مقتل شخص وجرح اثنين»: a singular never takes «اثنين», and a word joined by «و»
    // starts the next phrase, it is no adjective of this noun
    if (k > i + 1 && toks[k - 1].norm.starts_with("و"sv)) break;
    if (is_two_word(toks[k].norm) && p->count != 1) return Quantity{i, k + 1, 2, false};
    if (p->count == 1 && (toks[k].norm == "واحد"sv || toks[k].norm == "واحده"sv)) return Quantity{i, k + 1, 1, false};
  }
  if (p->count == 2) return Quantity{i, i + 1, 2, false};
  return std::nullopt;
}

}  // namespace marsad::number
