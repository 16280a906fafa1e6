// Cues: the small words around an event that change how it is read.
//
// Files (data/cues/, documented in data/README.md):
//   status.tsv       «محاولة» → attempted, «تعتزم» → planned, «نفت» → denied, «زعمت» → claimed
//   attribution.tsv  «قالت مصادر محلية», «بحسب …»: who the report cites
//   preps.tsv        role markers («من قبل», «ضد», «بين»), reference words («الطرفين»), connectors
//   relations.tsv    «المدعومة من», «التابع ل»: an actor's patron
//   light_verbs.tsv  «شن», «نفذ», «عقد», «قام ب»: a verb whose noun object is the event
//   boilerplate.tsv  «مقالات ذات صلة», «رابط الخبر»: page furniture, not report
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "knowledge/phrase_index.h"

namespace marsad::knowledge {

struct StatusCue {
  std::string status;  // attempted, planned, denied, claimed
  bool before = true;  // stands before the trigger (else after)
};

struct AttributionCue {
  bool prep_source = false;  // the source follows a preposition («بحسب موقع …»)
};

enum class PrepRole : uint8_t { Agent, Target, Reciprocal, Anaphor, Carry, Other };

struct RelationCue {
  std::string relation;     // backed_by, part_of, allied_with
  bool adverb = false;      // the patron is an adverb («المدعوم روسياً»)
};

class CueLexicon {
 public:
  static CueLexicon load(const std::filesystem::path& data_dir);

  const PhraseIndex& status() const { return status_; }
  const StatusCue& status_cue(uint32_t p) const { return status_cues_[p]; }
  const PhraseIndex& attribution() const { return attribution_; }
  const AttributionCue& attribution_cue(uint32_t p) const { return attribution_cues_[p]; }
  const PhraseIndex& preps() const { return preps_; }
  PrepRole prep_role(uint32_t p) const { return prep_roles_[p]; }
  const PhraseIndex& relations() const { return relations_; }
  const RelationCue& relation_cue(uint32_t p) const { return relation_cues_[p]; }
  const PhraseIndex& light_verbs() const { return light_verbs_; }
  // light_verbs.tsv `subject` = undergoer: the light verb's subject suffers the noun after
  // it («لقي عدد من العناصر مصرعهم»), it does not do it
  bool light_verb_undergoes(uint32_t p) const { return p < light_undergoes_.size() && light_undergoes_[p]; }
  // Light verb `p` as written in the file, folded («ألقت» → «القت»).
  const std::string& light_verb_form(uint32_t p) const { return light_forms_[p]; }
  // boilerplate.tsv: a sentence that begins with one of these is not part of the report.
  const PhraseIndex& boilerplate() const { return boilerplate_; }

 private:
  PhraseIndex status_;
  std::vector<StatusCue> status_cues_;
  PhraseIndex attribution_;
  std::vector<AttributionCue> attribution_cues_;
  PhraseIndex preps_;
  std::vector<PrepRole> prep_roles_;
  PhraseIndex relations_;
  std::vector<RelationCue> relation_cues_;
  PhraseIndex light_verbs_;
  std::vector<bool> light_undergoes_;
  std::vector<std::string> light_forms_;  // folded, per payload
  PhraseIndex boilerplate_;
};

}  // namespace marsad::knowledge
