// Places: find place mentions in an analysed article and resolve them to
// coordinates with their context (SPEC §3 PLACE, §6).
//
//   marsad::geo::PlaceFinder finder(data_dir);        // throws marsad::LoadError
//   auto a = marsad::text::analyse(doc.text);
//   auto mentions = finder.find(a, doc.text);          // every place, resolved
//   int main = finder.main_place(mentions);            // the article's main place or -1
//
// Recognition matches gazetteer names as token-key sequences (1–4 words),
// helped by the word before them: a type word («مدينة», «بريف», «حي», «طريق»,
// data/geo/type_words.tsv) or a context word («في», «قرب», «شرقي»,
// data/geo/context_words.tsv). Names that are also common words
// (data/geo/ambiguous.tsv) need such context; phrases in data/geo/not_places.tsv
// («حماة الديار», «قوات سوريا الديمقراطية») are never places.
//
// Resolution: a container named right after the place («قرية X بريف إدلب»),
// the article's other places, the kind the type word asks for, Syria first,
// then population. «ريف X الغربي» is the part of X toward the west (district);
// «طريق X Y» the midpoint of X and Y (region); «دوار Z في مدينة X» a point in X;
// «بادية X» a region near X. An unknown name after a type word keeps its name
// and takes the container's coordinates and precision, or none.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "geo/gazetteer.h"
#include "knowledge/phrase_index.h"
#include "marsad/marsad.h"
#include "marsad/types.h"
#include "text/text.h"

namespace marsad::geo {

struct PlaceMention {
  uint32_t tok_begin = 0, tok_end = 0;  // token range of the mention, incl. its type word («مدينة البوكمال»)
  uint32_t sentence = 0;                // index into Analysis::sentences
  marsad::Place place;                  // resolved (SPEC §3 PLACE), span = code points of the mention
  double score = 0;                     // confidence that this is a place at all
  std::string rule;                     // how it was found, e.g. "type:مدينة", "context:في", "bare"
  // names one town or village, known to the gazetteer or not («بلدة كفرزيتا» placed at its
  // container's point still names a village, finer than the container)
  bool settlement = false;
  // «ريف دير الزور الشرقي» names the part of a governorate or district that faces `bearing`
  // from its seat (`lat`, `lon`); a town of that governorate there lies inside it, however
  // far from the mention's point.
  struct Sector {
    double lat = 0, lon = 0, bearing = 0;
  };
  std::optional<Sector> sector;
};

class PlaceFinder {
 public:
  explicit PlaceFinder(const std::filesystem::path& data_dir);  // throws marsad::LoadError naming file:line

  // Find and resolve every place mention in one article, using the whole
  // article as context. Names of unknown places are built from the folded
  // tokens; pass the original text to the overload below to get them as written.
  std::vector<PlaceMention> find(const marsad::text::Analysis& a) const;
  // Same, with the article's original text (names of unknown places and of
  // sites/roads are then sliced from it as written).
  std::vector<PlaceMention> find(const marsad::text::Analysis& a, std::string_view text) const;

  // Index of the article's main place in `mentions` (the most mentioned / first town-level place), or -1.
  int main_place(const std::vector<PlaceMention>& mentions) const;

  const Gazetteer& gazetteer() const { return gaz_; }

  // Type-word classes (data/geo/type_words.tsv).
  enum class Cls : uint8_t { None, Settlement, Settlements, Countryside, Governorate, District, Site, Facility, Road, Desert, Area };

 private:
  struct TypeWord {
    Cls cls = Cls::None;
    bool keep = false;  // the type word is part of the name
    std::string country;  // ISO alpha-3 the word points to, or empty
  };
  Gazetteer gaz_;
  knowledge::KeyMap<TypeWord> types_;
  knowledge::KeyMap<double> context_;
  knowledge::KeyMap<double> directions_;  // folded word (with article) → bearing
  knowledge::KeyMap<double> beside_;      // folded direction word(s) before a town → bearing
  knowledge::KeySet prefixes_;            // keys of first words of two-word names
  // What an ambiguous name needs to be a place, as written with and without the article
  // («الثورة» the town with a context word, «ثورة» "revolution" only after a type word);
  // a form the data leaves out takes the other's.
  struct Ambiguity {
    int8_t bare = -1, articled = -1;  // 1 = a type word, 0 = a context word, -1 = not listed
    bool needs_type(bool definite) const {
      const int8_t v = definite ? (articled >= 0 ? articled : bare) : (bare >= 0 ? bare : articled);
      return v == 1;
    }
  };
  knowledge::KeyMap<Ambiguity> ambiguous_;  // joined keys → what the name needs
  knowledge::KeySet not_names_;           // keys
  knowledge::KeyMap<uint32_t> blocks_;    // joined keys → words
  knowledge::KeyMap<uint32_t> block_first_;  // first key → max words
  knowledge::KeyFilter types_filter_, block_first_filter_;  // Bloom filters of types_, block_first_
  // Bloom filter of every word a mention can start with (type words, first
  // words of blocked phrases and of gazetteer names): most tokens start none.
  knowledge::KeyFilter start_filter_;
  knowledge::KeySet container_links_;  // keys (data/geo/link_words.tsv)
  knowledge::KeySet road_words_;       // keys
  knowledge::KeySet types_keys_;       // keys of type and context words

  friend struct FinderRun;
};

}  // namespace marsad::geo
