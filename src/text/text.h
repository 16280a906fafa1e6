// The Arabic text layer: where a document's characters become matchable tokens.
//
//   original UTF-8 ──decode──> code points ──fold──> normalised letters
//                  ──tokenise──> Tokens (with clitic-stripped keys) ──split──> Sentences
//
// Every token remembers the code-point range it came from in the original
// text, so every span Marsad outputs points back into what the user gave it.
#pragma once

#include <cstdint>
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

struct Token {
  std::string norm;   // folded UTF-8 form of the whole token
  uint32_t begin = 0;  // code point offset in the original text
  uint32_t end = 0;    // one past the last code point
  TokenKind kind = TokenKind::Word;
  // Matching keys, distinct, most literal first. keys[0] == dict_key(norm).
  // Further keys strip proclitics and enclitic pronouns (see token_keys).
  std::vector<std::string> keys;
  bool newline_before = false;  // a line break separates it from the previous token
};

struct Sentence {
  uint32_t tok_begin = 0;  // index of first token
  uint32_t tok_end = 0;    // one past the last token
  Span span;               // code points in the original text (trimmed)
};

struct Analysis {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  uint32_t length = 0;  // number of code points in the original text
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
