// Event triggers: the words that say something happened, and what kind of thing.
//
// Files (data/triggers/, documented in data/README.md):
//   triggers.tsv  type, mode, CAMEO code, argument frame, part of speech, surface forms
//   modes.tsv     instrument words that set a nearby event's mode («بالمدفعية» → shelling)
//   acled.tsv     (type, mode, target kind) → ACLED event type / sub-event type (SPEC §4)
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "knowledge/phrase_index.h"

namespace marsad::knowledge {

// How the coder reads a trigger's arguments (data/README.md, "Frames").
enum class Frame : uint8_t {
  Agent,       // subject / genitive agent = source, object = target
  Reciprocal,  // «اشتباكات بين أ و ب»: both parties
  Victim,      // the actor after the trigger (or a passive subject) is the target
  Undergo,     // the subject undergoes the act («تعرض لهجوم»)
  Self,        // one-party: the subject acts, no target
};

enum class Pos : uint8_t { Verb, Noun, Phrase };

struct Trigger {
  std::string type;
  std::string mode;
  std::string cameo;
  Frame frame = Frame::Agent;
  Pos pos = Pos::Verb;
  std::string rule;  // "triggers.tsv:LINE:form" for evidence.rule
  // `req=` guard of the note column: the trigger fires only when one of these
  // words (dictionary keys) stands in the same clause. Empty = no guard.
  std::vector<std::string> require;
  bool future = false;  // a «س» future form (future.tsv): status planned
};

struct ModeWord {
  std::string type;
  std::string mode;
  std::string cameo;
};

struct AcledCategory {
  std::string event_type;
  std::string sub_event_type;
};

class TriggerLexicon {
 public:
  static TriggerLexicon load(const std::filesystem::path& data_dir);

  const PhraseIndex& index() const { return index_; }
  const Trigger& trigger(uint32_t payload) const { return triggers_[payload]; }

  // states.tsv: payload indexes state_entry().
  const PhraseIndex& states() const { return states_; }
  struct StateEntry {
    bool blocker = false;  // a word before a trigger (else: the trigger form itself is a state)
    std::string blocks;    // the event type it blocks, empty = any
    uint32_t reach = 2;    // a blocker: at most this many words between its start and the trigger
  };
  const StateEntry& state_entry(uint32_t payload) const { return state_entries_[payload]; }

  const PhraseIndex& mode_index() const { return mode_index_; }
  const ModeWord& mode_word(uint32_t payload) const { return mode_words_[payload]; }

  // ACLED category for an event; nullptr where ACLED has none. A null mode
  // is looked up as `other`, then as `*` (any mode).
  const AcledCategory* acled(std::string_view type, std::string_view mode, bool civilian_target) const;

  static bool valid_type(std::string_view type);
  static bool valid_mode(std::string_view type, std::string_view mode);

 private:
  PhraseIndex index_;
  std::vector<Trigger> triggers_;
  PhraseIndex states_;
  std::vector<StateEntry> state_entries_;
  PhraseIndex mode_index_;
  std::vector<ModeWord> mode_words_;
  struct AcledRow {
    std::string type, mode, target_kind;
    AcledCategory category;
  };
  std::vector<AcledRow> acled_;
};

}  // namespace marsad::knowledge
