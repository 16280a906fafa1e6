// The Arabic text layer (see text.h): UTF-8 decoding with ICU, character
// folding, tokenisation with clitic-stripped keys, and sentence splitting,
// all in one linear pass over the document.
#include "text/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <utility>

namespace marsad::text {
namespace {

// ---------------------------------------------------------------- decoding

// Decode a non-ASCII, non-two-byte sequence with ICU. An ill-formed sequence
// yields U+FFFD and consumes exactly one byte, so every bad byte counts as one
// code point (ICU alone folds a truncated sequence into one U+FFFD).
[[gnu::noinline]] char32_t next_cp_slow(const uint8_t* s, size_t n, size_t& pos) {
  int32_t i = 0;
  const auto len = static_cast<int32_t>(std::min<size_t>(n - pos, 4));
  UChar32 c = 0;
  U8_NEXT_OR_FFFD(s + pos, i, len, c);
  if (c == 0xFFFD && !(i == 3 && s[pos] == 0xEF && s[pos + 1] == 0xBF && s[pos + 2] == 0xBD)) {
    i = 1;  // ill-formed: one replacement per byte
  }
  pos += static_cast<size_t>(i);
  return static_cast<char32_t>(c);
}

// Decode one code point at `pos` (advancing it); ASCII and well-formed
// two-byte sequences (all of Arabic) inline, the rest through ICU.
[[gnu::always_inline]] inline char32_t next_cp(const uint8_t* s, size_t n, size_t& pos) {
  const uint8_t b = s[pos];
  if (b < 0x80) {
    ++pos;
    return b;
  }
  if (b >= 0xC2 && b < 0xE0 && pos + 1 < n && (s[pos + 1] & 0xC0) == 0x80) {
    const char32_t c = (static_cast<char32_t>(b & 0x1F) << 6) | (s[pos + 1] & 0x3F);
    pos += 2;
    return c;
  }
  return next_cp_slow(s, n, pos);
}

inline const uint8_t* bytes(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return;
  }
  if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    return;
  }
  char buf[4];
  int32_t i = 0;
  U8_APPEND_UNSAFE(buf, i, static_cast<UChar32>(c));
  out.append(buf, static_cast<size_t>(i));
}

// The folded form of the token being built, written straight into the
// Analysis's character store (sized so that it never moves: folding turns a
// byte into at most three), right after the previous token's.
class NormBuf {
 public:
  explicit NormBuf(char* store) : store_(store) {}
  // Start a new token after the last committed one.
  void clear() { len_ = 0; cps_ = 0; }
  // Keep the current token's letters (the next one starts after them).
  void commit() {
    start_ += len_;
    len_ = 0;
    cps_ = 0;
  }
  void put(char32_t c) {
    char* p = store_ + start_ + len_;
    ++cps_;
    if (c < 0x80) {
      p[0] = static_cast<char>(c);
      len_ += 1;
    } else if (c < 0x800) {
      p[0] = static_cast<char>(0xC0 | (c >> 6));
      p[1] = static_cast<char>(0x80 | (c & 0x3F));
      len_ += 2;
    } else {
      int32_t i = 0;
      U8_APPEND_UNSAFE(p, i, static_cast<UChar32>(c));
      len_ += static_cast<size_t>(i);
    }
  }
  std::string_view view() const { return {store_ + start_, len_}; }
  size_t code_points() const { return cps_; }

 private:
  char* store_;
  size_t start_ = 0;
  size_t len_ = 0;
  size_t cps_ = 0;
};

// Number of code points of an already valid UTF-8 string (folded text).
inline size_t letters(std::string_view s) {
  size_t k = 0;
  for (const char ch : s) k += (static_cast<uint8_t>(ch) & 0xC0) != 0x80;
  return k;
}

// ---------------------------------------------------------------- classes

// Dropped code points that belong to the word they sit in (the span covers them).
inline bool is_attached_drop(char32_t c) {
  return c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670;
}

inline bool is_newline(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

enum class Cls : uint8_t { Letter, Digit, Mark, Ignorable, Space, Newline, Quote, Punct };

// Classify a folded (non-zero) code point.
inline Cls classify(char32_t f) {
  if (f < 0x80) {
    if (f >= '0' && f <= '9') return Cls::Digit;
    if ((f >= 'a' && f <= 'z') || (f >= 'A' && f <= 'Z')) return Cls::Letter;
    if (f == '"' || f == '\'') return Cls::Quote;
    if (is_newline(f)) return Cls::Newline;
    if (f == ' ' || f == '\t' || f < 0x20 || f == 0x7F) return Cls::Space;
    return Cls::Punct;
  }
  if (f >= 0x0621 && f <= 0x064A) return Cls::Letter;  // the common Arabic letters
  const auto c = static_cast<UChar32>(f);
  if (is_newline(f)) return Cls::Newline;
  if (u_isalpha(c)) return Cls::Letter;
  if (u_isUWhiteSpace(c)) return Cls::Space;
  switch (u_charType(c)) {
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      return Cls::Mark;
    case U_DECIMAL_DIGIT_NUMBER:  // digits of other scripts: part of a word
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:  // e.g. "²" in "م²"
      return Cls::Letter;
    case U_FORMAT_CHAR:
      return Cls::Ignorable;
    case U_CONTROL_CHAR:
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return Cls::Space;
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return Cls::Quote;
    default:
      return Cls::Punct;
  }
}

// Whether digits right after the word `norm` stay in it: yes after a Latin
// word ("F16") or a short unit ("م2", "كم2"); no after a longer word
// ("عام2021"), or clitics alone ("و3", "ب5", "ال47").
inline bool glues_to_digits(std::string_view norm, size_t len) {
  if (static_cast<uint8_t>(norm[0]) < 0x80) return true;
  if (len > 2) return false;
  for (size_t i = 0; i + 1 < norm.size(); i += 2) {
    const std::string_view letter = norm.substr(i, 2);
    if (letter != "و" && letter != "ف" && letter != "ب" && letter != "ل" && letter != "ك" && letter != "ا") return true;
  }
  return false;
}

inline bool is_digit(char32_t f) { return f >= '0' && f <= '9'; }

// Separators allowed between digits of one number: 3.5, 3,5, 1,500, ٣٫٥.
inline bool is_number_separator(char32_t c) { return c == '.' || c == ',' || c == 0x066B || c == 0x066C; }

// ---------------------------------------------------------------- keys

// Folded Arabic letters as their two UTF-8 bytes.
constexpr uint16_t kAlef = 0xD8A7;  // ا
constexpr uint16_t kBa = 0xD8A8;    // ب
constexpr uint16_t kFa = 0xD981;    // ف
constexpr uint16_t kKaf = 0xD983;   // ك
constexpr uint16_t kLam = 0xD984;   // ل
constexpr uint16_t kMim = 0xD985;   // م
constexpr uint16_t kNun = 0xD986;   // ن
constexpr uint16_t kHa = 0xD987;    // ه
constexpr uint16_t kWaw = 0xD988;   // و

// dict_key on an already folded word.
inline std::string_view strip_article(std::string_view w) {
  if (w.starts_with("ال") && letters(w.substr(4)) >= 2) return w.substr(4);
  return w;
}

// ---------------------------------------------------------------- sentences

inline bool is_terminator(const Token& t) {
  if (t.kind != TokenKind::Punct) return false;
  const std::string_view n = t.norm;
  return n == "." || n == "!" || n == "?" || n == "…" || n == "۔";
}

inline bool is_closer(const Token& t) {
  if (t.kind == TokenKind::Quote) return true;
  if (t.kind != TokenKind::Punct) return false;
  const std::string_view n = t.norm;
  return n == ")" || n == "]" || n == "}";
}

void split_sentences(Analysis& a) {
  const auto& toks = a.tokens;
  const size_t n = toks.size();
  a.sentences.reserve(n / 16 + 1);
  auto close = [&](size_t b, size_t e) {
    if (e <= b) return;
    Sentence s;
    s.tok_begin = static_cast<uint32_t>(b);
    s.tok_end = static_cast<uint32_t>(e);
    s.span = Span{toks[b].begin, toks[e - 1].end};
    a.sentences.push_back(s);
  };
  size_t start = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i > start && toks[i].newline_before) {
      close(start, i);
      start = i;
    }
    if (!is_terminator(toks[i])) continue;
    // "د. محمد", "أ.ف.ب": a dot glued to a one-letter word is an abbreviation,
    // unless it closes a dotted acronym and a space follows ("أ.ف.ب. وقال").
    if (toks[i].norm == "." && i > 0 && toks[i - 1].kind == TokenKind::Word && toks[i - 1].end == toks[i].begin &&
        letters(toks[i - 1].norm) == 1) {
      const bool glued_next = i + 1 < n && toks[i + 1].begin == toks[i].end;
      const bool ends_acronym = i >= 2 && toks[i - 2].norm == "." && toks[i - 2].end == toks[i - 1].begin;
      if (glued_next || !ends_acronym) continue;
    }
    // Absorb glued terminators and closing quotes/brackets: `...!»`, `؟!`.
    size_t j = i + 1;
    while (j < n && !toks[j].newline_before && toks[j].begin == toks[j - 1].end &&
           (is_terminator(toks[j]) || is_closer(toks[j]))) {
      ++j;
    }
    close(start, j);
    start = j;
    i = j - 1;
  }
  close(start, n);
}

}  // namespace

// ---------------------------------------------------------------- public API

namespace {

// The fold table without the ICU-dependent Latin lower-casing.
constexpr char32_t fold_basic(char32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return c + ('a' - 'A');
    return c;
  }
  switch (c) {
    case 0x0622:  // آ
    case 0x0623:  // أ
    case 0x0625:  // إ
    case 0x0671:  // ٱ
      return 0x0627;
    case 0x0649:  // ى
    case 0x06CC:  // ی
    case 0x0626:  // ئ
      return 0x064A;
    case 0x06A9:  // ک
      return 0x0643;
    case 0x0629:  // ة
      return 0x0647;
    case 0x0624:  // ؤ
      return 0x0648;
    case 0x00AB:  // «
    case 0x00BB:  // »
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x2033:  // ″
      return '"';
    case 0x2018:  // ‘
    case 0x2019:  // ’
      return '\'';
    case 0x060C:  // ،
      return ',';
    case 0x061B:  // ؛
      return ';';
    case 0x061F:  // ؟
      return '?';
    case 0x066A:  // ٪ Arabic percent sign
      return '%';
    case 0x066B:  // ٫ Arabic decimal separator
      return '.';
    case 0x066C:  // ٬ Arabic thousands separator
      return ',';
    case 0x0640:  // tatweel
    case 0x0670:  // superscript alef
    case 0xFEFF:  // BOM / zero-width no-break space
      return 0;
    default:
      break;
  }
  if (c >= 0x064B && c <= 0x065F) return 0;  // harakat
  if (c >= 0x0660 && c <= 0x0669) return U'0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return U'0' + (c - 0x06F0);
  if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return 0;
  return c;
}

// fold_basic precomputed for the Arabic block U+0600–U+06FF.
constexpr std::array<char16_t, 256> kArabicFold = [] {
  std::array<char16_t, 256> t{};
  for (char32_t c = 0; c < 256; ++c) t[c] = static_cast<char16_t>(fold_basic(0x0600 + c));
  return t;
}();

}  // namespace

char32_t fold(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
  if (c - 0x0600 < 0x100) return kArabicFold[c - 0x0600];
  if (c >= 0x00C0 && c <= 0x024F) return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  return fold_basic(c);
}

std::string fold_utf8(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  const uint8_t* s = bytes(utf8);
  const size_t n = utf8.size();
  size_t pos = 0;
  while (pos < n) {
    const char32_t f = fold(next_cp(s, n, pos));
    if (f != 0) append_utf8(out, f);
  }
  return out;
}

std::string dict_key(std::string_view word) {
  const std::string folded = fold_utf8(word);
  return std::string(strip_article(folded));
}

namespace {

// token_keys with the number of code points of `folded` already known.
// `ta_marbuta`: the word ended in ة (folded to ه), which is no pronoun to strip
// («وزارة» must not yield «زار», nor «مدينة» «مدين»).
// A key of a word: the bytes [b, e) of its folded form.
struct KeyRange {
  size_t b, e, len;  // bytes [b, e), `len` code points
};
constexpr size_t kMaxKeys = 8;

size_t key_ranges(std::string_view folded, size_t len, std::array<KeyRange, kMaxKeys>& keys, bool ta_marbuta) {
  const char* s = folded.data();
  const size_t size = folded.size();
  // Every key is a substring [b, e) of `folded`; Arabic letters are two bytes,
  // compared as one 16-bit value (an ASCII or 3-byte tail never matches one).
  auto at = [&](size_t off) -> uint16_t {
    return static_cast<uint16_t>((static_cast<uint8_t>(s[off]) << 8) | static_cast<uint8_t>(s[off + 1]));
  };
  using Key = KeyRange;
  size_t nk = 0;
  auto add = [&](size_t from, size_t to, size_t cps) {
    if (to <= from || nk == keys.size()) return;
    for (size_t i = 0; i < nk; ++i) {
      const Key& k = keys[i];
      if (k.e - k.b == to - from && (k.b == from || std::memcmp(s + k.b, s + from, to - from) == 0)) return;
    }
    keys[nk++] = Key{from, to, cps};
  };
  // dict_key: drop a leading article when two letters remain.
  auto add_dk = [&](size_t from, size_t cps) {
    if (cps >= 4 && at(from) == kAlef && at(from + 2) == kLam) {
      add(from + 4, size, cps - 2);
    } else {
      add(from, size, cps);
    }
  };

  size_t b = 0;
  // Proclitics: [و|ف] [ب|ل|ك] [ال], and لل (= ل + ال).
  add_dk(0, len);
  if (len >= 3 && (at(0) == kWaw || at(0) == kFa)) {
    b = 2;
    --len;
    add_dk(b, len);
  }
  if (len >= 3 && size - b >= 4 && at(b) == kLam && at(b + 2) == kLam) {
    if (len >= 4) add(b + 4, size, len - 2);  // "للمليشيات" -> "مليشيات"
    add(b + 2, size, len - 1);                // "للواء" = ل + اللواء -> "لواء"
  } else if (len >= 3 && (at(b) == kBa || at(b) == kLam || at(b) == kKaf)) {
    add_dk(b + 2, len - 1);
  }

  // Enclitic pronouns ه ها هم هما هن كم نا, longest match, on every
  // proclitic form, in the same order.
  const size_t np = nk;
  for (size_t i = 0; i < np; ++i) {
    const Key k = keys[i];
    const size_t n = k.e - k.b;
    if (n < 2) continue;
    const uint16_t last = at(k.e - 2);
    const uint16_t prev = n >= 4 ? at(k.e - 4) : 0;
    size_t strip = 0;  // letters
    if (last == kHa && !ta_marbuta) {  // not ي: «ايراني» must stay an adjective
      strip = 1;
    } else if (last == kAlef) {
      if (prev == kMim && n >= 6 && at(k.e - 6) == kHa) {
        strip = 3;  // هما
      } else if (prev == kHa || prev == kNun) {
        strip = 2;  // ها نا
      }
    } else if (last == kMim) {
      if (prev == kHa || prev == kKaf) strip = 2;  // هم كم
    } else if (last == kNun) {
      if (prev == kHa) strip = 2;  // هن
    }
    if (strip != 0 && k.len >= strip + 3) add(k.b, k.e - 2 * strip, k.len - strip);
  }

  return nk;
}

}  // namespace

void token_keys(std::string_view folded, std::vector<std::string>& out) {
  out.clear();
  std::array<KeyRange, kMaxKeys> keys;  // only [0, n) is read
  const size_t n = key_ranges(folded, letters(folded), keys, false);
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.emplace_back(folded.substr(keys[i].b, keys[i].e - keys[i].b));
}

Analysis analyse(std::string_view utf8) {
  Analysis a;
  const uint8_t* s = bytes(utf8);
  const size_t n = utf8.size();
  a.tokens.reserve(n / 8 + 4);
  // Folding writes at most three bytes for one input byte (an invalid byte
  // becomes U+FFFD); the store is not initialised, so only what is written
  // becomes resident.
  a.chars_.reset(new char[3 * n + 16]);
  a.keys_.reserve(n / 4 + 4);
  a.hashes_.reserve(n / 4 + 4);
  // Token i's keys start at key_first[i] in a.keys_ (which may still grow);
  // the KeyLists are made once it is complete.
  std::vector<uint32_t> key_first;
  key_first.reserve(n / 8 + 4);

  enum class State : uint8_t { None, Word, Number };
  State st = State::None;
  Token cur;
  bool nl_pending = false;
  bool prev_tatweel = false;
  char32_t last_letter = 0;  // the last letter of the current word, before folding
  uint32_t idx = 0;
  size_t pos = 0;
  NormBuf nb(a.chars_.get());  // cur's folded form while it grows
  std::array<KeyRange, kMaxKeys> ranges;

  auto push = [&](std::string_view norm, size_t nkeys) {
    cur.norm = norm;
    key_first.push_back(static_cast<uint32_t>(a.keys_.size()));
    for (size_t k = 0; k < nkeys; ++k) {
      const std::string_view key = norm.substr(ranges[k].b, ranges[k].e - ranges[k].b);
      a.keys_.push_back(key);
      a.hashes_.push_back(hash_key(key));
    }
    cur.keys = KeyList(nullptr, nullptr, static_cast<uint32_t>(nkeys));
    a.tokens.push_back(cur);
    nb.commit();
  };
  auto flush = [&] {
    if (st == State::None) return;
    const std::string_view norm = nb.view();
    size_t nkeys = 1;
    if (st == State::Word) {
      cur.kind = TokenKind::Word;
      nkeys = key_ranges(norm, nb.code_points(), ranges, last_letter == 0x0629);
    } else {
      cur.kind = TokenKind::Number;
      ranges[0] = KeyRange{0, norm.size(), nb.code_points()};
    }
    push(norm, nkeys);
    cur = Token{};
    st = State::None;
  };
  size_t at_byte = 0;  // where the current code point starts (pos: where it ends)
  // The token begins with code point `f` at index `at`.
  auto start = [&](char32_t f, uint32_t at) {
    cur.begin = at;
    cur.end = at + 1;
    cur.byte_begin = static_cast<uint32_t>(at_byte);
    cur.byte_end = static_cast<uint32_t>(pos);
    cur.newline_before = nl_pending;
    nl_pending = false;
    nb.clear();
    nb.put(f);
  };
  auto single = [&](TokenKind kind, char32_t f, uint32_t at) {
    cur = Token{};
    start(f, at);
    cur.kind = kind;
    push(nb.view(), 0);
    cur = Token{};
  };
  auto begin_token = [&](State kind, char32_t f, uint32_t at) {
    flush();
    st = kind;
    start(f, at);
  };
  auto extend = [&](char32_t f, uint32_t at) {
    nb.put(f);
    cur.end = at + 1;
    cur.byte_end = static_cast<uint32_t>(pos);
  };

  for (; pos < n; ++idx) {
    at_byte = pos;
    const char32_t c = next_cp(s, n, pos);
    const char32_t f = fold(c);
    if (f == 0) {
      if (st == State::Word && is_attached_drop(c)) {
        cur.end = idx + 1;
        cur.byte_end = static_cast<uint32_t>(pos);
      }
      prev_tatweel = c == 0x0640;
      continue;
    }
    switch (classify(f)) {
      case Cls::Letter:
        last_letter = c;
        if (st == State::Word) {
          extend(f, idx);
        } else {
          begin_token(State::Word, f, idx);
        }
        // Fast path: the common Arabic letters that follow (U+0621–U+064A but
        // tatweel: two bytes each, a letter after folding), without the
        // general decode, fold and classify.
        while (pos + 1 < n) {
          const uint8_t b0 = s[pos];
          if (b0 != 0xD8 && b0 != 0xD9) break;
          const uint8_t b1 = s[pos + 1];
          if ((b1 & 0xC0) != 0x80) break;
          const char32_t c2 = (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
          if (c2 < 0x0621 || c2 > 0x064A || c2 == 0x0640) break;
          at_byte = pos;
          pos += 2;
          ++idx;
          last_letter = c2;
          extend(kArabicFold[c2 - 0x0600], idx);
        }
        break;
      case Cls::Digit:
        if (st == State::Number || (st == State::Word && !prev_tatweel && glues_to_digits(nb.view(), nb.code_points()))) {
          extend(f, idx);
        } else {
          begin_token(State::Number, f, idx);
        }
        break;
      case Cls::Mark:
        if (st == State::Word) extend(f, idx);
        break;
      case Cls::Ignorable:
        break;
      case Cls::Space:
        flush();
        break;
      case Cls::Newline:
        flush();
        nl_pending = true;
        break;
      case Cls::Quote:
        flush();
        single(TokenKind::Quote, f, idx);
        break;
      case Cls::Punct:
        if (st == State::Number && is_number_separator(c) && pos < n) {
          size_t p2 = pos;
          if (is_digit(fold(next_cp(s, n, p2)))) {
            nb.put(f);  // the span grows with the next digit
            break;
          }
        }
        flush();
        single(TokenKind::Punct, f, idx);
        break;
    }
    prev_tatweel = false;
  }
  flush();
  a.length = idx;

  // Key lists, now that the keys stay where they are.
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    Token& t = a.tokens[i];
    t.keys = KeyList(a.keys_.data() + key_first[i], a.hashes_.data() + key_first[i], static_cast<uint32_t>(t.keys.size()));
  }
  split_sentences(a);
  return a;
}

uint32_t count_code_points(std::string_view utf8) {
  const uint8_t* s = bytes(utf8);
  const size_t n = utf8.size();
  uint32_t k = 0;
  for (size_t pos = 0; pos < n; ++k) next_cp(s, n, pos);
  return k;
}

std::string slice(std::string_view utf8, Span span) {
  if (span.empty()) return {};
  const uint8_t* s = bytes(utf8);
  const size_t n = utf8.size();
  size_t pos = 0;
  uint32_t k = 0;
  while (pos < n && k < span.begin) {
    next_cp(s, n, pos);
    ++k;
  }
  const size_t from = pos;
  while (pos < n && k < span.end) {
    next_cp(s, n, pos);
    ++k;
  }
  return std::string(utf8.substr(from, pos - from));
}

}  // namespace marsad::text
