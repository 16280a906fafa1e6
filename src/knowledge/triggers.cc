#include "knowledge/triggers.h"

#include <array>
#include <unordered_map>
#include <utility>

#include "knowledge/tsv.h"
#include "text/text.h"
#include "marsad/marsad.h"

namespace marsad::knowledge {

namespace {

struct TypeModes {
  std::string_view type;
  std::vector<std::string_view> modes;
};

const std::vector<TypeModes>& ontology() {
  static const std::vector<TypeModes> kOntology = {
      {"ASSAULT", {"clash", "shooting", "shelling", "airstrike", "drone", "ied", "suicide", "abduction",
                   "assassination", "beating", "sexual", "other"}},
      {"COERCE", {"arrest", "raid", "seize", "expel", "restrict", "destroy", "other"}},
      {"MOBILIZE", {"troops", "alert", "patrol", "base", "flights", "exercise", "other"}},
      {"THREATEN", {"military", "other"}},
      {"PROTEST", {"demonstration", "riot", "strike", "hunger_strike", "sit_in", "other"}},
      {"SANCTION", {}},
      {"ACCUSE", {}},
      {"REJECT", {}},
      {"REQUEST", {}},
      {"CONSULT", {"visit", "host", "meet", "call", "other"}},
      {"AGREE", {}},
      {"SUPPORT", {}},
      {"COOPERATE", {}},
      {"AID", {"military", "humanitarian", "economic", "other"}},
      {"CONCEDE", {"release", "other"}},
      {"RETREAT", {}},
  };
  return kOntology;
}

Frame parse_frame(const std::string& s, const std::string& where) {
  if (s == "agent" || s.empty()) return Frame::Agent;
  if (s == "reciprocal") return Frame::Reciprocal;
  if (s == "victim") return Frame::Victim;
  if (s == "undergo") return Frame::Undergo;
  if (s == "self") return Frame::Self;
  throw LoadError(where + ": unknown frame '" + s + "' (agent, reciprocal, victim, undergo, self)");
}

Pos parse_pos(const std::string& s, const std::string& where) {
  if (s == "verb" || s.empty()) return Pos::Verb;
  if (s == "noun") return Pos::Noun;
  if (s == "phrase") return Pos::Phrase;
  throw LoadError(where + ": unknown pos '" + s + "' (verb, noun, phrase)");
}

void check_type_mode(const std::string& type, const std::string& mode, const std::string& where) {
  if (!TriggerLexicon::valid_type(type)) throw LoadError(where + ": unknown event type '" + type + "'");
  if (!mode.empty() && !TriggerLexicon::valid_mode(type, mode))
    throw LoadError(where + ": mode '" + mode + "' is not a mode of " + type);
}

}  // namespace

bool TriggerLexicon::valid_type(std::string_view type) {
  for (const auto& t : ontology())
    if (t.type == type) return true;
  return false;
}

bool TriggerLexicon::valid_mode(std::string_view type, std::string_view mode) {
  for (const auto& t : ontology())
    if (t.type == type)
      for (auto m : t.modes)
        if (m == mode) return true;
  return false;
}

TriggerLexicon TriggerLexicon::load(const std::filesystem::path& data_dir) {
  TriggerLexicon lex;
  const auto dir = data_dir / "triggers";

  TsvTable t = TsvTable::read(dir / "triggers.tsv");
  const size_t c_type = t.column("type"), c_mode = t.column("mode"), c_cameo = t.column("cameo"),
               c_frame = t.column("frame"), c_pos = t.column("pos"), c_forms = t.column("forms"),
               c_note = t.find_column("note");
  std::unordered_map<std::string, size_t> by_form;  // "TYPE\tform" → first trigger
  for (const auto& row : t.rows()) {
    const std::string where = t.where(row);
    Trigger trig;
    trig.type = TsvTable::cell(row, c_type);
    trig.mode = TsvTable::cell(row, c_mode);
    check_type_mode(trig.type, trig.mode, where);
    trig.cameo = TsvTable::cell(row, c_cameo);
    trig.frame = parse_frame(TsvTable::cell(row, c_frame), where);
    trig.pos = parse_pos(TsvTable::cell(row, c_pos), where);
    if (c_note != TsvTable::npos) {
      const std::string& note = TsvTable::cell(row, c_note);
      if (size_t r = note.find("req="); r != std::string::npos) {
        size_t e = note.find_first_of(" |\t", r);
        for (const auto& w : split_alternatives(note.substr(r + 4, e == std::string::npos ? std::string::npos : e - r - 4), ','))
          trig.require.push_back(text::dict_key(w));
      }
    }
    std::vector<std::string> forms = split_alternatives(TsvTable::cell(row, c_forms));
    if (forms.empty()) throw LoadError(where + ": no forms");
    for (const auto& f : forms) {
      Trigger copy = trig;
      copy.rule = "triggers.tsv:" + std::to_string(row.line) + ":" + f;
      by_form.emplace(trig.type + "\t" + f, lex.triggers_.size());
      lex.triggers_.push_back(std::move(copy));
      if (!lex.index_.add(f, static_cast<uint32_t>(lex.triggers_.size() - 1)))
        throw LoadError(where + ": form '" + f + "' has no word");
    }
  }

  // Future forms («سيقصف») are their present form's trigger with status planned.
  if (std::filesystem::exists(dir / "future.tsv")) {
    TsvTable fu = TsvTable::read(dir / "future.tsv");
    const size_t u_form = fu.column("form"), u_base = fu.column("base"), u_type = fu.column("type");
    for (const auto& row : fu.rows()) {
      auto it = by_form.find(TsvTable::cell(row, u_type) + "\t" + TsvTable::cell(row, u_base));
      if (it == by_form.end())
        throw LoadError(fu.where(row) + ": base form '" + TsvTable::cell(row, u_base) + "' is not in triggers.tsv");
      Trigger copy = lex.triggers_[it->second];
      copy.future = true;
      copy.rule = "future.tsv:" + std::to_string(row.line) + ":" + TsvTable::cell(row, u_form);
      lex.triggers_.push_back(std::move(copy));
      lex.index_.add(TsvTable::cell(row, u_form), static_cast<uint32_t>(lex.triggers_.size() - 1));
    }
  }

  TsvTable st = TsvTable::read(dir / "states.tsv");
  const size_t st_form = st.column("form"), st_kind = st.column("kind"), st_blocks = st.find_column("blocks"),
               st_reach = st.find_column("reach");
  for (const auto& row : st.rows()) {
    const std::string& kind = TsvTable::cell(row, st_kind);
    if (kind != "state" && kind != "blocker") throw LoadError(st.where(row) + ": kind must be state or blocker");
    StateEntry e{kind == "blocker", st_blocks == TsvTable::npos ? std::string() : TsvTable::cell(row, st_blocks)};
    if (!e.blocks.empty() && !valid_type(e.blocks)) throw LoadError(st.where(row) + ": unknown event type '" + e.blocks + "'");
    if (st_reach != TsvTable::npos && !TsvTable::cell(row, st_reach).empty()) {
      const std::string& r = TsvTable::cell(row, st_reach);
      if (r.size() != 1 || r[0] < '1' || r[0] > '5') throw LoadError(st.where(row) + ": reach must be 1 to 5, not '" + r + "'");
      e.reach = static_cast<uint32_t>(r[0] - '0');
    }
    lex.state_entries_.push_back(std::move(e));
    lex.states_.add(TsvTable::cell(row, st_form), static_cast<uint32_t>(lex.state_entries_.size() - 1));
  }

  TsvTable m = TsvTable::read(dir / "modes.tsv");
  const size_t m_form = m.column("form"), m_type = m.column("type"), m_mode = m.column("mode"),
               m_cameo = m.column("cameo");
  for (const auto& row : m.rows()) {
    ModeWord w{TsvTable::cell(row, m_type), TsvTable::cell(row, m_mode), TsvTable::cell(row, m_cameo)};
    check_type_mode(w.type, w.mode, m.where(row));
    lex.mode_words_.push_back(std::move(w));
    lex.mode_index_.add(TsvTable::cell(row, m_form), static_cast<uint32_t>(lex.mode_words_.size() - 1));
  }

  TsvTable a = TsvTable::read(dir / "acled.tsv");
  const size_t a_type = a.column("type"), a_mode = a.column("mode"), a_target = a.column("target_kind"),
               a_et = a.column("acled_event_type"), a_sub = a.column("acled_sub_event_type");
  for (const auto& row : a.rows()) {
    AcledRow r{TsvTable::cell(row, a_type), TsvTable::cell(row, a_mode), TsvTable::cell(row, a_target),
               {TsvTable::cell(row, a_et), TsvTable::cell(row, a_sub)}};
    if (!valid_type(r.type)) throw LoadError(a.where(row) + ": unknown event type '" + r.type + "'");
    lex.acled_.push_back(std::move(r));
  }
  return lex;
}

const AcledCategory* TriggerLexicon::acled(std::string_view type, std::string_view mode, bool civilian_target) const {
  const std::string_view m = mode.empty() ? std::string_view("other") : mode;
  // most specific first: (mode, civilians), (mode, any), (*, civilians), (*, any)
  for (std::string_view want_mode : {m, std::string_view("*")}) {
    for (bool civ_row : {true, false}) {
      if (civ_row && !civilian_target) continue;
      for (const auto& r : acled_) {
        if (r.type != type || r.mode != want_mode) continue;
        if ((r.target_kind == "civilians") != civ_row) continue;
        return &r.category;
      }
    }
  }
  return nullptr;
}

}  // namespace marsad::knowledge
