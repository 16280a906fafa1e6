// The Arabic text layer: where a document's characters become matchable tokens.
//
//   original UTF-8 ──decode──> code points ──fold──> normalised letters
//                  ──tokenise──> Tokens (with clitic-stripped keys) ──split──> Sentences
//
// Every token remembers the code-point range it came from in the original
// text, so every span Marsad outputs points back into what the user gave it.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "marsad/types.h"

namespace marsad::text {

// Fold one code point for matching:
//   أ إ آ ٱ → ا ; ى → ي ; ی (Persian) → ي ; ک → ك ; ة → ه ; ؤ → و ; ئ → ي ;
//   Arabic-Indic ٠-٩ and Persian ۰-۹ digits → ASCII 0-9 ;
//   « » “ ” „ ‟ ″ → '"' ; ‘ ’ → '\'' ; Arabic comma/semicolon/question mark → , ; ? ;
//   Latin letters → lower case.
// Returns 0 for code points that are dropped: tatweel (U+0640), harakat
// (U+064B–U+065F, U+0670), zero-width and bidi marks (U+200B–U+200F, U+202A–U+202E,
// U+2066–U+2069, U+FEFF).
char32_t fold(char32_t c);

// Fold a whole UTF-8 string (invalid bytes become U+FFFD, then folded).
std::string fold_utf8(std::string_view utf8);

enum class TokenKind : uint8_t {
  Word,    // a run of letters (Arabic or Latin), possibly with attached digits
  Number,  // a run of digits (after folding), e.g. "47", "2021"
  Quote,   // a quotation mark: transparent to phrase matching
  Punct,   // any other punctuation: . , ، ; : ! ? ( ) - / …
};

// A fast hash of a word key (a short UTF-8 string, usually 4–20 bytes). Every
// token key carries it, computed once, so that the dictionaries of every stage
// (phrase index, gazetteer, dates, numbers) look words up without hashing again.
inline uint64_t hash_key(std::string_view s) noexcept {
  // Two overlapping 8-byte loads cover up to 16 bytes, longer keys are folded in 8-byte steps.
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

// A word key with its hash_key, for look-ups that must not hash again.
struct HashedKey {
  std::string_view text;
  uint64_t hash = 0;
  friend bool operator==(const std::string& a, const HashedKey& b) { return std::string_view(a) == b.text; }
  friend bool operator==(const HashedKey& a, const std::string& b) { return a.text == std::string_view(b); }
};

// The matching keys of one token: views into the token's Analysis (valid as
// long as it lives), each with its hash_key.
class KeyList {
 public:
  KeyList() = default;
  KeyList(const std::string_view* keys, const uint64_t* hashes, uint32_t n) : keys_(keys), hashes_(hashes), n_(n) {}
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  std::string_view operator[](size_t i) const { return keys_[i]; }
  std::string_view front() const { return keys_[0]; }
  std::string_view back() const { return keys_[n_ - 1]; }
  const std::string_view* begin() const { return keys_; }
  const std::string_view* end() const { return keys_ + n_; }
  uint64_t hash(size_t i) const { return hashes_[i]; }
  HashedKey hashed(size_t i) const { return HashedKey{keys_[i], hashes_[i]}; }

 private:
  const std::string_view* keys_ = nullptr;
  const uint64_t* hashes_ = nullptr;
  uint32_t n_ = 0;
};

// A token: views into the Analysis that made it (which owns the characters),
// so a document's tokens cost one allocation, not one per key.
struct Token {
  std::string_view norm;  // folded UTF-8 form of the whole token
  // Matching keys, distinct, most literal first. keys[0] == dict_key(norm).
  // Further keys strip proclitics and enclitic pronouns (see token_keys).
  KeyList keys;
  uint32_t begin = 0;  // code point offset in the original text
  uint32_t end = 0;    // one past the last code point
  uint32_t byte_begin = 0;  // the same range in bytes of the original UTF-8
  uint32_t byte_end = 0;
  TokenKind kind = TokenKind::Word;
  bool newline_before = false;  // a line break separates it from the previous token
};

struct Sentence {
  uint32_t tok_begin = 0;  // index of first token
  uint32_t tok_end = 0;    // one past the last token
  Span span;               // code points in the original text (trimmed)
};

// A tokenised document. Movable, not copyable: its tokens point into it.
struct Analysis {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  uint32_t length = 0;  // number of code points in the original text

  Analysis() = default;
  Analysis(Analysis&&) noexcept = default;
  Analysis& operator=(Analysis&&) noexcept = default;
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

 private:
  friend Analysis analyse(std::string_view utf8);
  std::unique_ptr<char[]> chars_;      // every token's folded form, one after the other
  std::vector<std::string_view> keys_; // every token's keys (views into chars_)
  std::vector<uint64_t> hashes_;       // hash_key of each of keys_
};

// The key a dictionary word is stored under: fold, then drop a leading article
// "ال" when at least two letters remain.  dict_key("الدفاع") == "دفاع".
std::string dict_key(std::string_view word);

// All keys a running-text word can match, starting with dict_key(folded):
//  - proclitics: و / ف conjunction, then ب ل ك prepositions, then the article,
//    and "لل" (= ل + ال); only when at least two letters remain;
//  - enclitic pronouns ه ها هم هما هن كم نا (only when at least three letters remain; not a ه
//    that was ة, and not ي, which would turn the adjective «ايراني» into «ايران»);
// e.g. "وللمليشيات" -> {"وللمليشيات", "للمليشيات", "مليشيات", ...}
//      "بريف" -> {"بريف", "ريف"}; "عناصره" -> {"عناصره", "عناصر"}.
// `folded` is already folded. Output is appended to `out` (cleared first).
void token_keys(std::string_view folded, std::vector<std::string>& out);

// Tokenise and sentence-split a document. Never fails: invalid UTF-8 is
// replaced (U+FFFD) and still counted as one code point per bad byte.
// Sentences end at . ! ? ؟ … and at line breaks; a sentence never splits a
// number like 3.5 or an abbreviation-like single letter followed by a dot.
Analysis analyse(std::string_view utf8);

// Count code points of a UTF-8 string (invalid bytes count one each), as analyse does.
uint32_t count_code_points(std::string_view utf8);

// Extract the original substring [span.begin, span.end) (code points) from utf8.
std::string slice(std::string_view utf8, Span span);

}  // namespace marsad::text
