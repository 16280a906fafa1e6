// Event assembly: where mentions become events and relations.
//
//   mentions ──roles──> draft events (one per trigger, with source/target)
//            ──merge──> one event per happening (a clash told in three sentences)
//            ──attach─> place, date, casualties, status, attribution, mode
//   relation cues ────> backed_by / part_of / allied_with
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "code/mentions.h"
#include "geo/places.h"
#include "marsad/types.h"
#include "number/casualties.h"
#include "time/dates.h"

namespace marsad::code {

// The report's lead: its first sentences, whose date an undated event takes.
constexpr uint32_t kLeadSentences = 3;

struct ArticleFacts {
  const text::Analysis& analysis;
  std::string_view text;
  const Mentions& mentions;
  const std::vector<geo::PlaceMention>& places;
  int main_place = -1;
  const std::vector<dates::DateMention>& dates;
  const std::vector<number::CasualtyMention>& casualties;
  std::string_view publication_date;  // ISO, or empty
};

// Extra lexicons the assembler needs beyond the mention finders'.
struct AssemblyLexicons {
  const Lexicons& base;
  const knowledge::PhraseIndex& clause_breaks;
};

// A trace line per decision, for `marsad explain` (may be null).
using Trace = std::vector<std::string>;

std::vector<Event> assemble_events(const AssemblyLexicons& lex, const ArticleFacts& facts, Trace* trace);
std::vector<Relation> assemble_relations(const AssemblyLexicons& lex, const ArticleFacts& facts, Trace* trace);

}  // namespace marsad::code
