// The actor dictionary: who can act in a report, under which Arabic names.
//
// Files (data/actors/, documented in data/README.md):
//   registry.tsv       ids, canonical names, kind, parent, patrons (SPEC §5)
//   forms.tsv          further surface forms per id
//   heads.tsv          head words absorbed into a mention («مليشيا», «عناصر»)
//   nationalities.tsv  nationality adjectives and names → a country key
//   roles.tsv          organ-of-state head phrases («الشرطة العسكرية») → a role
//   compose.tsv        (country key, role) → id: «الطيران الروسي» → russia_air_force
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "knowledge/phrase_index.h"

namespace marsad::knowledge {

struct ActorInfo {
  std::string id;
  std::string name_en;
  std::string name_ar;
  std::string country;  // ISO alpha-3 or empty
  std::string kind;     // state_forces, political_militia, civilians, ...
  std::string parent;   // id or empty
  std::vector<std::string> patrons;
  std::string valid_from, valid_until;  // ISO dates from eras.tsv, empty = open
};

// Payload of a name match: actor index plus flags.
struct ActorForm {
  uint32_t actor = 0;
  bool ambiguous = false;  // an ordinary word too («النظام», «التحالف»): needs support
  bool article = false;    // one word written with «ال»: the text must have it too
                           // («القاعدة» is al-Qaeda, «قاعدة العند» a base)
};

class ActorLexicon {
 public:
  static ActorLexicon load(const std::filesystem::path& data_dir);

  const ActorInfo* find(std::string_view id) const;
  int index_of(std::string_view id) const;  // -1 when unknown
  const ActorInfo& at(uint32_t index) const { return actors_[index]; }
  size_t size() const { return actors_.size(); }

  // Name index; payload indexes forms().
  const PhraseIndex& names() const { return names_; }
  const ActorForm& form(uint32_t payload) const { return forms_[payload]; }

  // Head words; payload 0 = group head («قوات»), 1 = member head («عناصر»).
  const PhraseIndex& heads() const { return heads_; }
  // Nationalities; payload indexes nationality forms.
  const PhraseIndex& nationalities() const { return nationalities_; }
  const std::string& country_key(uint32_t payload) const { return country_keys_[nationality_forms_[payload].key]; }
  // A form that names a patron only after a relation cue («طهران», «حفتر»), never as an adjective.
  bool patron_only(uint32_t payload) const { return nationality_forms_[payload].patron_only; }
  // Roles; payload indexes role_names().
  const PhraseIndex& roles() const { return roles_; }
  const std::string& role_name(uint32_t payload) const { return role_names_[payload]; }

  // The actor for (country key, role): exact pair, else the country's
  // "forces" for military roles, else the country itself; -1 when none.
  int compose(std::string_view country_key, std::string_view role) const;

  // The nationality key of a country given as ISO alpha-3 («SYR» → "syria"), or "".
  std::string country_key_for(std::string_view iso3) const;

  // True when the actor existed on ISO `date` (always true for an empty date).
  bool valid_on(uint32_t index, std::string_view date) const;

  // True when `ancestor` is `id` or one of its parents.
  bool descends_from(std::string_view id, std::string_view ancestor) const;

 private:
  std::vector<ActorInfo> actors_;
  std::unordered_map<std::string, uint32_t> by_id_;
  std::vector<ActorForm> forms_;
  PhraseIndex names_;
  PhraseIndex heads_;
  PhraseIndex nationalities_;
  std::vector<std::string> country_keys_;
  std::unordered_map<std::string, std::string> country_key_of_iso_;  // country_key_for, made at load
  struct NationalityForm {
    uint32_t key = 0;
    bool patron_only = false;
  };
  std::vector<NationalityForm> nationality_forms_;
  PhraseIndex roles_;
  std::vector<std::string> role_names_;
  std::unordered_map<std::string, uint32_t> composed_;  // "country\trole" → actor
};

}  // namespace marsad::knowledge
