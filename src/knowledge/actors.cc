#include "knowledge/actors.h"

#include "knowledge/tsv.h"
#include "text/text.h"
#include "marsad/marsad.h"

namespace marsad::knowledge {

namespace {

uint32_t intern_name(std::vector<std::string>& names, const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<uint32_t>(i);
  names.push_back(name);
  return static_cast<uint32_t>(names.size() - 1);
}

// A one-word name of three letters or fewer is an ordinary word too («أمل», «فتح»).
ActorForm form_of(std::string_view name, uint32_t actor, bool ambiguous) {
  ActorForm f{actor, ambiguous, false};
  std::vector<std::string> keys = PhraseIndex::phrase_keys(name);
  if (keys.size() == 1) {
    const std::string folded = text::fold_utf8(name);
    f.article = folded.size() > keys[0].size();  // dict_key dropped «ال»
    if (text::count_code_points(keys[0]) <= 3) f.ambiguous = true;
  }
  return f;
}

bool is_military_role(std::string_view role) {
  return role != "government" && role != "militias";
}

}  // namespace

ActorLexicon ActorLexicon::load(const std::filesystem::path& data_dir) {
  ActorLexicon lex;
  const auto dir = data_dir / "actors";

  TsvTable reg = TsvTable::read(dir / "registry.tsv");
  const size_t c_id = reg.column("id"), c_en = reg.column("name_en"), c_ar = reg.column("name_ar"),
               c_alias = reg.column("aliases_ar"), c_country = reg.column("country"), c_kind = reg.column("kind"),
               c_parent = reg.column("parent"), c_patrons = reg.column("patrons");
  for (const auto& row : reg.rows()) {
    ActorInfo a;
    a.id = TsvTable::cell(row, c_id);
    if (a.id.empty()) throw LoadError(reg.where(row) + ": empty actor id");
    if (lex.by_id_.count(a.id)) throw LoadError(reg.where(row) + ": duplicate actor id '" + a.id + "'");
    a.name_en = TsvTable::cell(row, c_en);
    a.name_ar = TsvTable::cell(row, c_ar);
    a.country = TsvTable::cell(row, c_country);
    a.kind = TsvTable::cell(row, c_kind);
    a.parent = TsvTable::cell(row, c_parent);
    a.patrons = split_alternatives(TsvTable::cell(row, c_patrons));
    uint32_t index = static_cast<uint32_t>(lex.actors_.size());
    lex.by_id_.emplace(a.id, index);
    std::vector<std::string> names = split_alternatives(TsvTable::cell(row, c_alias));
    names.insert(names.begin(), a.name_ar);
    lex.actors_.push_back(std::move(a));
    for (const auto& n : names) {
      lex.forms_.push_back(form_of(n, index, false));
      lex.names_.add(n, static_cast<uint32_t>(lex.forms_.size() - 1));
    }
  }
  for (const auto& a : lex.actors_) {
    if (!a.parent.empty() && !lex.by_id_.count(a.parent))
      throw LoadError((dir / "registry.tsv").string() + ": actor '" + a.id + "' has unknown parent '" + a.parent + "'");
  }

  if (std::filesystem::exists(dir / "eras.tsv")) {
    TsvTable eras = TsvTable::read(dir / "eras.tsv");
    const size_t e_id = eras.column("id"), e_from = eras.column("from"), e_until = eras.column("until");
    for (const auto& row : eras.rows()) {
      int i = lex.index_of(TsvTable::cell(row, e_id));
      if (i < 0) throw LoadError(eras.where(row) + ": unknown actor id '" + TsvTable::cell(row, e_id) + "'");
      lex.actors_[static_cast<size_t>(i)].valid_from = TsvTable::cell(row, e_from);
      lex.actors_[static_cast<size_t>(i)].valid_until = TsvTable::cell(row, e_until);
    }
  }

  TsvTable forms = TsvTable::read(dir / "forms.tsv");
  const size_t f_form = forms.column("form"), f_id = forms.column("id"), f_note = forms.find_column("note");
  for (const auto& row : forms.rows()) {
    const std::string& id = TsvTable::cell(row, f_id);
    int index = lex.index_of(id);
    if (index < 0) throw LoadError(forms.where(row) + ": unknown actor id '" + id + "'");
    bool ambiguous = f_note != TsvTable::npos && TsvTable::cell(row, f_note).find("ambiguous") != std::string::npos;
    lex.forms_.push_back(form_of(TsvTable::cell(row, f_form), static_cast<uint32_t>(index), ambiguous));
    if (!lex.names_.add(TsvTable::cell(row, f_form), static_cast<uint32_t>(lex.forms_.size() - 1)))
      throw LoadError(forms.where(row) + ": empty form");
  }

  TsvTable heads = TsvTable::read(dir / "heads.tsv");
  const size_t h_word = heads.column("word"), h_kind = heads.column("kind");
  for (const auto& row : heads.rows()) {
    const std::string& kind = TsvTable::cell(row, h_kind);
    if (kind != "group" && kind != "member") throw LoadError(heads.where(row) + ": kind must be group or member");
    lex.heads_.add(TsvTable::cell(row, h_word), kind == "member" ? 1u : 0u);
  }

  TsvTable nat = TsvTable::read(dir / "nationalities.tsv");
  const size_t n_form = nat.column("form"), n_key = nat.column("country_key"), n_use = nat.find_column("use");
  for (const auto& row : nat.rows()) {
    const std::string& key = TsvTable::cell(row, n_key);
    if (lex.index_of(key) < 0) throw LoadError(nat.where(row) + ": unknown actor id '" + key + "' as country key");
    const std::string use = n_use == TsvTable::npos ? std::string("any") : TsvTable::cell(row, n_use);
    lex.nationality_forms_.push_back(NationalityForm{intern_name(lex.country_keys_, key), use == "patron"});
    lex.nationalities_.add(TsvTable::cell(row, n_form), static_cast<uint32_t>(lex.nationality_forms_.size() - 1));
  }

  TsvTable roles = TsvTable::read(dir / "roles.tsv");
  const size_t r_form = roles.column("form"), r_role = roles.column("role");
  for (const auto& row : roles.rows())
    lex.roles_.add(TsvTable::cell(row, r_form), intern_name(lex.role_names_, TsvTable::cell(row, r_role)));

  TsvTable comp = TsvTable::read(dir / "compose.tsv");
  const size_t k_country = comp.column("country_key"), k_role = comp.column("role"), k_id = comp.column("id");
  for (const auto& row : comp.rows()) {
    const std::string& id = TsvTable::cell(row, k_id);
    int index = lex.index_of(id);
    if (index < 0) throw LoadError(comp.where(row) + ": unknown actor id '" + id + "'");
    lex.composed_[TsvTable::cell(row, k_country) + "\t" + TsvTable::cell(row, k_role)] = static_cast<uint32_t>(index);
  }
  // The government's key of each country: the shortest key whose actor is that
  // country's government («syria» before «syria_government»).
  for (const auto& key : lex.country_keys_) {
    const ActorInfo* a = lex.find(key);
    if (!a || a->kind != "government") continue;
    std::string& best = lex.country_key_of_iso_[a->country];
    if (best.empty() || key.size() < best.size()) best = key;
  }
  return lex;
}

const ActorInfo* ActorLexicon::find(std::string_view id) const {
  int i = index_of(id);
  return i < 0 ? nullptr : &actors_[static_cast<size_t>(i)];
}

int ActorLexicon::index_of(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? -1 : static_cast<int>(it->second);
}

int ActorLexicon::compose(std::string_view country_key, std::string_view role) const {
  std::string key = std::string(country_key) + "\t" + std::string(role);
  if (auto it = composed_.find(key); it != composed_.end()) return static_cast<int>(it->second);
  if (is_military_role(role)) {
    if (auto it = composed_.find(std::string(country_key) + "\tforces"); it != composed_.end())
      return static_cast<int>(it->second);
  }
  if (role == "government") return index_of(country_key);
  return -1;
}

std::string ActorLexicon::country_key_for(std::string_view iso3) const {
  const auto it = country_key_of_iso_.find(std::string(iso3));
  return it == country_key_of_iso_.end() ? std::string() : it->second;
}

bool ActorLexicon::valid_on(uint32_t index, std::string_view date) const {
  if (date.size() < 10) return true;
  const auto& a = actors_[index];
  std::string_view d = date.substr(0, 10);
  if (!a.valid_from.empty() && d < std::string_view(a.valid_from)) return false;
  if (!a.valid_until.empty() && d > std::string_view(a.valid_until)) return false;
  return true;
}

bool ActorLexicon::descends_from(std::string_view id, std::string_view ancestor) const {
  const ActorInfo* a = find(id);
  for (int depth = 0; a && depth < 8; ++depth) {
    if (a->id == ancestor) return true;
    a = a->parent.empty() ? nullptr : find(a->parent);
  }
  return false;
}

}  // namespace marsad::knowledge
