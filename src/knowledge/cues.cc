#include "knowledge/cues.h"

#include "knowledge/tsv.h"
#include "text/text.h"
#include "marsad/marsad.h"

namespace marsad::knowledge {

namespace {

PrepRole parse_role(const std::string& s, const std::string& where) {
  // where the fire came from («قصف مصدره مواقع الفصائل», «قصف من مواقع قوات النظام»):
  // the one holding those positions fired, so it marks the doer
  if (s == "agent" || s == "fire_source") return PrepRole::Agent;
  if (s == "target") return PrepRole::Target;
  if (s == "reciprocal") return PrepRole::Reciprocal;
  if (s == "anaphor") return PrepRole::Anaphor;
  if (s == "carry") return PrepRole::Carry;
  if (s == "other") return PrepRole::Other;
  throw LoadError(where + ": unknown role '" + s + "'");
}

// A cue written with a detached preposition («الموالية ل») keeps only its words:
// the tokeniser leaves «ل» glued to the next word, whose keys lose it anyway.
std::string drop_trailing_particle(const std::string& form) {
  size_t sp = form.find_last_of(' ');
  if (sp == std::string::npos) return form;
  std::string last = form.substr(sp + 1);
  if (last == "ل" || last == "لـ" || last == "ب" || last == "بـ") return form.substr(0, sp);
  return form;
}

}  // namespace

CueLexicon CueLexicon::load(const std::filesystem::path& data_dir) {
  CueLexicon lex;
  const auto dir = data_dir / "cues";

  TsvTable s = TsvTable::read(dir / "status.tsv");
  const size_t s_form = s.column("form"), s_status = s.column("status"), s_pos = s.column("position");
  for (const auto& row : s.rows()) {
    const std::string& st = TsvTable::cell(row, s_status);
    if (st != "attempted" && st != "planned" && st != "denied" && st != "claimed" && st != "occurred" && st != "opinion")
      throw LoadError(s.where(row) + ": unknown status '" + st + "'");
    lex.status_cues_.push_back(StatusCue{st, TsvTable::cell(row, s_pos) != "after"});
    lex.status_.add(TsvTable::cell(row, s_form), static_cast<uint32_t>(lex.status_cues_.size() - 1));
  }

  TsvTable a = TsvTable::read(dir / "attribution.tsv");
  const size_t a_form = a.column("form"), a_kind = a.column("kind");
  for (const auto& row : a.rows()) {
    lex.attribution_cues_.push_back(AttributionCue{TsvTable::cell(row, a_kind) == "prep_source"});
    lex.attribution_.add(TsvTable::cell(row, a_form), static_cast<uint32_t>(lex.attribution_cues_.size() - 1));
  }

  TsvTable p = TsvTable::read(dir / "preps.tsv");
  const size_t p_form = p.column("form"), p_role = p.column("role");
  for (const auto& row : p.rows()) {
    lex.prep_roles_.push_back(parse_role(TsvTable::cell(row, p_role), p.where(row)));
    lex.preps_.add(TsvTable::cell(row, p_form), static_cast<uint32_t>(lex.prep_roles_.size() - 1));
  }

  TsvTable r = TsvTable::read(dir / "relations.tsv");
  const size_t r_form = r.column("form"), r_rel = r.column("relation"), r_pos = r.column("patron_position");
  for (const auto& row : r.rows()) {
    const std::string& rel = TsvTable::cell(row, r_rel);
    if (rel != "backed_by" && rel != "part_of" && rel != "allied_with")
      throw LoadError(r.where(row) + ": unknown relation '" + rel + "'");
    lex.relation_cues_.push_back(RelationCue{rel, TsvTable::cell(row, r_pos) == "adverb"});
    lex.relations_.add(drop_trailing_particle(TsvTable::cell(row, r_form)),
                       static_cast<uint32_t>(lex.relation_cues_.size() - 1));
  }

  TsvTable l = TsvTable::read(dir / "light_verbs.tsv");
  const size_t l_form = l.column("form"), l_subject = l.find_column("subject");
  for (const auto& row : l.rows()) {
    const std::string& subject = l_subject == TsvTable::npos ? std::string() : TsvTable::cell(row, l_subject);
    if (!subject.empty() && subject != "agent" && subject != "undergoer")
      throw LoadError(l.where(row) + ": subject must be agent or undergoer, not '" + subject + "'");
    lex.light_undergoes_.push_back(subject == "undergoer");
    lex.light_forms_.push_back(text::fold_utf8(TsvTable::cell(row, l_form)));
    lex.light_verbs_.add(TsvTable::cell(row, l_form), static_cast<uint32_t>(lex.light_undergoes_.size() - 1));
  }

  TsvTable b = TsvTable::read(dir / "boilerplate.tsv");
  const size_t b_form = b.column("form");
  for (const auto& row : b.rows()) lex.boilerplate_.add(TsvTable::cell(row, b_form), 0);
  return lex;
}

}  // namespace marsad::knowledge
