// Mentions: where tokens become actors, triggers and cues.
//
// One pass of the dictionaries over an analysed article gives everything the
// event assembler needs, in token order, without deciding yet who did what.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "knowledge/actors.h"
#include "knowledge/cues.h"
#include "knowledge/triggers.h"
#include "text/text.h"

namespace marsad::code {

struct ActorMention {
  uint32_t tok_begin = 0, tok_end = 0;  // including absorbed head words
  uint32_t name_begin = 0;              // first token of the name itself
  uint32_t actor = 0;                   // index into the ActorLexicon
  uint32_t sentence = 0;
  bool member = false;     // «عناصر X»: people of X rather than X as a body
  bool ambiguous = false;  // an ordinary word too; kept only with support
  bool anaphor = false;    // a reference word resolved to an earlier actor
  bool patron = false;     // named as someone's backer («المدعومة من روسيا»): not a participant
  std::string rule;        // which entry or rule made it
};

struct TriggerMention {
  uint32_t tok_begin = 0, tok_end = 0;
  uint32_t trigger = 0;  // payload in the TriggerLexicon (the reading chosen)
  uint32_t sentence = 0;
  std::vector<uint32_t> options;  // every reading of this span, in file order
};

struct CueMention {
  uint32_t tok_begin = 0, tok_end = 0;
  uint32_t payload = 0;
  uint32_t sentence = 0;
};

struct Mentions {
  std::vector<ActorMention> actors;
  std::vector<TriggerMention> triggers;
  std::vector<CueMention> status;
  std::vector<CueMention> attribution;
  std::vector<CueMention> preps;
  std::vector<CueMention> relations;
  std::vector<CueMention> light_verbs;
  std::vector<CueMention> modes;
  std::vector<CueMention> nationalities;  // all nationality words (also inside actors)
  std::vector<uint32_t> sentence_of;      // token index → sentence index
};

struct Lexicons {
  const knowledge::ActorLexicon& actors;
  const knowledge::TriggerLexicon& triggers;
  const knowledge::CueLexicon& cues;
  // All the dictionaries in one index (merge_cue_indexes), so that a sentence
  // is walked once for all of them.
  const knowledge::PhraseIndex& merged;
};

// One index holding role markers, status and attribution cues, relation cues,
// light verbs, instrument words, nationalities, actor names, role phrases and
// triggers, each payload tagged with its dictionary. Built once when the
// knowledge is loaded.
knowledge::PhraseIndex merge_cue_indexes(const knowledge::ActorLexicon& actors, const knowledge::TriggerLexicon& triggers,
                                         const knowledge::CueLexicon& cues);

// What the article is about, for reading a name that two actors share
// («الجيش الوطني»: Syrian or Yemeni; «الحكومة السورية»: which era).
struct ArticleContext {
  std::string country;  // ISO alpha-3 of the article's places, or empty
  std::string date;     // publication date, or empty
  std::vector<bool> place_tokens;  // tokens inside place names («دوار المصرية»), may be empty
};

// Find every mention in the article. Anaphors («الطرفين», «الأخيرة») are
// resolved here to the actors named before them.
Mentions find_mentions(const Lexicons& lex, const text::Analysis& a, const ArticleContext& context);

// True when the token carries a glued preposition «ل» / «ب» before its stem
// («لإيران», «للحرس», «بقصف»).
bool has_lam(const text::Token& t);
bool has_ba(const text::Token& t);
// True when the token starts with the conjunction و or ف glued to a word.
bool has_conjunction(const text::Token& t);
// True when the word carries the article (ال, لل, بال, كال, after an optional و/ف).
bool is_definite(const text::Token& t);
// True when the word is `folded` as written, maybe after a glued «و»/«ف» — not `folded`
// with another clitic or the article glued on («ألقت» is the verb, «التوجه» is no «توجه»).
bool written_as(const text::Token& t, std::string_view folded);
// «آخرين», «آخرون» (others), folded: after a number, more of the people just named.
bool names_others(std::string_view norm);

}  // namespace marsad::code
