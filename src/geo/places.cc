// Places: recognition and context resolution (see places.h).
#include "geo/places.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

#include "geo/table.h"

namespace marsad::geo {

using namespace std::string_view_literals;  // == "literal"sv: no strlen, no call when the sizes differ

namespace {

using text::Token;
using text::TokenKind;
using Cls = PlaceFinder::Cls;

Cls cls_of(std::string_view s) {
  if (s == "settlement"sv) return Cls::Settlement;
  if (s == "settlements"sv) return Cls::Settlements;
  if (s == "countryside"sv) return Cls::Countryside;
  if (s == "governorate"sv) return Cls::Governorate;
  if (s == "district"sv) return Cls::District;
  if (s == "site"sv) return Cls::Site;
  if (s == "facility"sv) return Cls::Facility;
  if (s == "road"sv) return Cls::Road;
  if (s == "desert"sv) return Cls::Desert;
  if (s == "area"sv) return Cls::Area;
  return Cls::None;
}

// What the letters before a matched key are: «وب» + «ال» in «وبالبوكمال».
struct Clitics {
  bool conj = false;      // و / ف
  bool prep = false;      // ب / ل
  bool definite = false;  // the article
};

// Keys are views into the token's letters: a key ends the word when it ends where the word ends.
bool ends_with_key(const Token& t, std::string_view key) {
  return key.data() + key.size() == t.norm.data() + t.norm.size() || t.norm.ends_with(key);
}
// Same for a key of the token itself (no comparison of letters needed).
bool key_ends_word(const Token& t, size_t i) {
  const std::string_view k = t.keys[i];
  return k.data() + k.size() == t.norm.data() + t.norm.size();
}

Clitics clitics_of(const Token& t, std::string_view key) {
  Clitics c;
  if (!ends_with_key(t, key)) return c;
  std::string_view pre(t.norm.data(), t.norm.size() - key.size());
  if (pre.ends_with("ال")) {
    c.definite = true;
    pre.remove_suffix(4);
  }
  if (pre.starts_with("و") || pre.starts_with("ف")) {
    c.conj = true;
    pre.remove_prefix(2);
  }
  if (pre == "لل"sv || pre == "ل"sv) {
    c.prep = true;
    if (pre == "لل"sv) c.definite = true;
  } else if (pre == "ب"sv || pre == "ك"sv) {
    c.prep = pre == "ب"sv;
  }
  return c;
}

// Keys of a token that only strip proclitics (place names do not take pronoun suffixes).
template <class F>
void for_proclitic_keys(const Token& t, F&& f) {
  for (size_t i = 0; i < t.keys.size(); ++i) {
    if (key_ends_word(t, i)) {
      if (f(t.keys[i], i)) return;
    }
  }
}

double kind_pref(Cls cls, Kind k) {
  switch (cls) {
    case Cls::Settlement:
    case Cls::Settlements:
      return k == Kind::Town ? 3 : k == Kind::Admin3 ? 1.5 : k == Kind::Admin2 ? 1.2 : k == Kind::Region ? 0.5 : 0.3;
    case Cls::Countryside:
      return k == Kind::Admin1 ? 3 : k == Kind::Admin2 ? 2.2 : k == Kind::Town ? 1.5 : k == Kind::Admin3 ? 1 : 0;
    case Cls::Governorate:
      return k == Kind::Admin1 ? 3 : k == Kind::Admin2 ? 1 : 0.5;
    case Cls::District:
      return k == Kind::Admin2 ? 2.5 : k == Kind::Admin3 ? 2 : k == Kind::Region ? 2 : k == Kind::Admin1 ? 1 : 1;
    case Cls::Site:
    case Cls::Facility:
      return k == Kind::Landmark || k == Kind::Neighbourhood || k == Kind::Region ? 3 : k == Kind::Town ? 1.5 : 0.5;
    default:
      return k == Kind::Country ? 4 : k == Kind::Region ? 2.6 : k == Kind::Town ? 2 : k == Kind::Admin1 ? 1.5
             : k == Kind::Admin2                      ? 1
             : k == Kind::Landmark                    ? 0.8
                                                      : 0.5;
  }
}

const char* precision_of(const Entry& e) {
  switch (e.kind) {
    case Kind::Admin1: return "governorate";
    case Kind::Admin2:
    case Kind::Admin3: return "district";
    case Kind::Town: return "town";
    case Kind::Neighbourhood:
    case Kind::Landmark: return "point";
    case Kind::Country: return "country";
    case Kind::Region: return e.precision.c_str();
  }
  return "town";
}

}  // namespace

// ---------------------------------------------------------------------------
// Loading

PlaceFinder::PlaceFinder(const std::filesystem::path& data_dir) : gaz_(data_dir) {
  const auto geo = data_dir / "geo";
  {
    const Table t(geo / "type_words.tsv", 4);
    const size_t c_w = t.column("word"), c_c = t.column("class"), c_k = t.column("keep");
    for (const auto& r : t.rows()) {
      const Cls c = cls_of(r[c_c]);
      if (c == Cls::None) throw LoadError(t.where(r) + ": unknown class '" + std::string(r[c_c]) + "'");
      types_[text::dict_key(r[c_w])] = TypeWord{c, r[c_k] == "yes"sv, std::string(r[3])};
    }
  }
  {
    const Table t(geo / "context_words.tsv", 2);
    const size_t c_w = t.column("word"), c_v = t.column("weight");
    for (const auto& r : t.rows()) context_[text::dict_key(r[c_w])] = t.number(r, c_v);
  }
  for (const auto& [k, v] : types_) types_keys_.insert(k);
  for (const auto& [k, v] : context_) types_keys_.insert(k);
  {
    const Table t(geo / "directions.tsv", 2);
    const size_t c_w = t.column("word"), c_b = t.column("bearing");
    for (const auto& r : t.rows()) directions_[text::fold_utf8(r[c_w])] = t.number(r, c_b);
  }
  {
    const Table t(geo / "direction_preps.tsv", 2);
    const size_t c_w = t.column("word"), c_b = t.column("bearing");
    for (const auto& r : t.rows()) beside_[text::fold_utf8(r[c_w])] = t.number(r, c_b);
  }
  {
    const Table t(geo / "name_prefixes.tsv", 1);
    for (const auto& r : t.rows()) prefixes_.insert(text::dict_key(r[0]));
  }
  {
    const Table t(geo / "ambiguous.tsv", 2);
    const size_t c_n = t.column("name"), c_needs = t.column("needs");
    for (const auto& r : t.rows()) {
      if (r[c_needs] != "type"sv && r[c_needs] != "context"sv) {
        throw LoadError(t.where(r) + ": needs must be 'type' or 'context'");
      }
      Ambiguity& a = ambiguous_[Gazetteer::name_key(r[c_n])];
      (text::fold_utf8(r[c_n]).starts_with("ال") ? a.articled : a.bare) = static_cast<int8_t>(r[c_needs] == "type"sv ? 1 : 0);
    }
  }
  {
    const Table t(geo / "not_names.tsv", 1);
    for (const auto& r : t.rows()) not_names_.insert(text::dict_key(r[0]));
  }
  {
    const Table t(geo / "not_places.tsv", 1);
    for (const auto& r : t.rows()) {
      const std::string k = Gazetteer::name_key(r[0]);
      if (k.empty()) continue;
      const auto words = static_cast<uint32_t>(std::count(k.begin(), k.end(), ' ') + 1);
      blocks_[k] = words;
      auto& m = block_first_[k.substr(0, k.find(' '))];
      m = std::max(m, words);
    }
  }
  {
    const Table t(geo / "link_words.tsv", 2);
    const size_t c_w = t.column("word"), c_u = t.column("use");
    for (const auto& r : t.rows()) {
      if (r[c_u] == "container"sv) {
        container_links_.insert(text::dict_key(r[c_w]));
      } else if (r[c_u] == "road"sv) {
        road_words_.insert(text::dict_key(r[c_w]));
      } else {
        throw LoadError(t.where(r) + ": unknown use '" + std::string(r[c_u]) + "'");
      }
    }
  }
  types_filter_.build(types_);
  block_first_filter_.build(block_first_);
  std::vector<std::string> starts = gaz_.first_words();
  for (const auto& [k, v] : types_) starts.push_back(k);
  for (const auto& [k, v] : block_first_) starts.push_back(k);
  start_filter_.build(starts);
}

// ---------------------------------------------------------------------------
// One article

struct Raw {
  uint32_t sb = 0, se = 0;  // positions in FinderRun::seq of the whole mention
  uint32_t nb = 0, ne = 0;  // positions of the name part
  uint32_t sent = 0;
  Cls cls = Cls::None;
  bool keep_type = false;      // type word is part of the name (site, road, …)
  bool type_in_name = false;   // the gazetteer name itself starts with the type word
  std::vector<uint32_t> cands;   // empty = unknown name
  std::vector<uint32_t> cands2;  // road: the second place
  std::string key;               // joined key of the name
  bool has_dir = false;
  double bearing = 0;
  bool beside = false;  // «شرقي دير الزور»: that way from the town (bearing), not in it
  uint32_t beside_words = 0;  // the direction words before the name
  double score = 0;
  bool conj = false;   // first name token carries و
  bool typed = false;  // announced by a type word
  bool prep = false;   // announced by ب/ل or a context word
  std::string rule;
  std::string country_hint;  // from the type word («قضاء» → IRQ)
  uint32_t skip = 0;  // code points of proclitics at the start of the mention («ب» of «بريف»)
  int container = -1;
  int chosen = -1, chosen2 = -1;
  std::optional<Place> place;
};

struct NameMatch {
  uint32_t len = 0;
  const std::vector<uint32_t>* cands = nullptr;
  std::string key;
  Clitics cl;
};

struct FinderRun {
  const PlaceFinder& f;
  const Gazetteer& g;
  const text::Analysis& a;
  std::string_view text;
  std::vector<uint32_t> seq;    // non-quote tokens
  std::vector<uint32_t> sent;   // sentence of each seq position
  std::vector<Raw> raws;

  FinderRun(const PlaceFinder& finder, const text::Analysis& an, std::string_view t)
      : f(finder), g(finder.gaz_), a(an), text(t) {
    seq.reserve(a.tokens.size());
    sent.reserve(a.tokens.size());
    uint32_t s = 0;
    for (uint32_t i = 0; i < a.tokens.size(); ++i) {
      while (s + 1 < a.sentences.size() && i >= a.sentences[s].tok_end) ++s;
      if (a.tokens[i].kind == TokenKind::Quote) continue;
      seq.push_back(i);
      sent.push_back(s);
    }
  }

  const Token& tok(uint32_t p) const { return a.tokens[seq[p]]; }
  bool word_at(uint32_t p, uint32_t s) const {
    return p < seq.size() && sent[p] == s && tok(p).kind == TokenKind::Word && !tok(p).keys.empty();
  }
  bool punct_at(uint32_t p, uint32_t s, std::string_view chars) const {
    if (p >= seq.size() || sent[p] != s || tok(p).kind != TokenKind::Punct) return false;
    return chars.find(tok(p).norm) != std::string_view::npos;
  }

  // Longest sequence at p found in `index` (gazetteer or blocked phrases).
  NameMatch match_at(uint32_t p, bool blocks) const {
    NameMatch best;
    if (p >= seq.size() || !word_at(p, sent[p])) return best;
    const uint32_t s = sent[p];
    for_proclitic_keys(tok(p), [&](std::string_view k0, size_t ki) {
      const text::HashedKey hk = tok(p).keys.hashed(ki);
      uint32_t maxw = 0;
      if (blocks) {
        if (f.block_first_filter_.maybe(hk)) {
          const auto it = f.block_first_.find(hk);
          maxw = it == f.block_first_.end() ? 0 : it->second;
        }
      } else {
        maxw = g.max_words(hk);
      }
      if (maxw == 0) return false;  // no name starts here: build no string
      std::string joined;  // the keys of words 1..n, built from the second word on
      for (uint32_t n = 1; n <= std::min<uint32_t>(maxw, 5); ++n) {
        if (n > 1) {
          const uint32_t q = p + n - 1;
          if (!word_at(q, s) && !(q < seq.size() && sent[q] == s && tok(q).kind == TokenKind::Number)) break;
          if (n == 2) joined = k0;
          joined += ' ';
          joined += tok(q).keys[0];
        }
        if (n <= best.len) continue;
        const text::HashedKey key = n == 1 ? hk : text::HashedKey{joined, text::hash_key(joined)};
        if (blocks) {
          if (f.blocks_.count(key)) {
            best.len = n;
            best.key = key.text;
          }
        } else if (const auto* c = g.lookup(key)) {
          best.len = n;
          best.cands = c;
          best.key = key.text;
          best.cl = clitics_of(tok(p), k0);
        }
      }
      return false;
    });
    return best;
  }

  struct TypeHit {
    PlaceFinder::TypeWord tw;
    Clitics cl;
    std::string key;
  };
  std::optional<TypeHit> type_at(uint32_t p) const {
    std::optional<TypeHit> out;
    if (p >= seq.size() || !word_at(p, sent[p])) return out;  // callers may ask one past the end
    for_proclitic_keys(tok(p), [&](std::string_view k, size_t ki) {
      const text::HashedKey hk{k, tok(p).keys.hash(ki)};
      if (!f.types_filter_.maybe(hk)) return false;
      const auto it = f.types_.find(hk);
      if (it == f.types_.end()) return false;
      out.emplace(TypeHit{it->second, clitics_of(tok(p), k), std::string(k)});
      return true;
    });
    return out;
  }

  // Code points of proclitics (و، ب، ل …, not the article) before `key` in token p.
  uint32_t clitic_cp(uint32_t p, const std::string& key) const {
    const Token& t = tok(p);
    if (!t.norm.ends_with(key)) return 0;
    std::string_view pre(t.norm.data(), t.norm.size() - key.size());
    if (pre.ends_with("ال")) pre.remove_suffix(4);
    if (pre == "ل"sv && t.norm.substr(0, 4) == "لل"sv) return 1;
    return text::count_code_points(pre);
  }

  double context_weight(const Token& t) const {
    double w = 0;
    for_proclitic_keys(t, [&](std::string_view k, size_t) {
      const auto it = f.context_.find(k);
      if (it != f.context_.end()) w = std::max(w, it->second);
      return false;
    });
    return w;
  }

  bool key_in(const Token& t, const knowledge::KeySet& set) const {
    bool hit = false;
    for_proclitic_keys(t, [&](std::string_view k, size_t) { return hit = set.count(k) > 0; });
    return hit;
  }

  // An unknown place name at p: one word, two when the first is a name prefix («كفر», «تل»).
  // `after_feminine`: the type word before is feminine («مدينة», «بلدة», «قرية»), whose
  // adjectives end in «ية» — a bare «ي» ending is then the name's own («مدينة سيلوبي»).
  uint32_t unknown_name_len(uint32_t p, bool after_feminine = false) const {
    if (p >= seq.size()) return 0;
    const uint32_t s = sent[p];
    if (!word_at(p, s)) return 0;
    const Token& t = tok(p);
    const std::string_view k = t.keys[0];
    if (key_in(t, f.not_names_) || f.directions_.count(t.norm)) return 0;
    const bool article = t.norm.starts_with("ال");
    bool typed = false;
    // (a preposition never takes the article: «قاعدة العند» is no «عند»)
    for_proclitic_keys(t, [&](std::string_view pk, size_t) { return typed = f.types_.count(pk) || (!article && f.context_.count(pk)); });
    if (typed) return 0;
    if (f.not_names_.count(t.norm)) return 0;
    if (!article && (t.norm.ends_with("يه") || (t.norm.ends_with("ي") && !after_feminine))) return 0;  // «منطقة عسكرية», «حاجز عسكري»
    if (text::count_code_points(k) < 2) return 0;
    if ((f.prefixes_.count(k) || f.prefixes_.count(t.norm)) && word_at(p + 1, s) &&
        !key_in(tok(p + 1), f.not_names_) && !key_in(tok(p + 1), f.types_keys_) &&
        !f.directions_.count(tok(p + 1).norm)) {
      return 2;
    }
    return 1;
  }

  // Direction words before a town: «شرقي دير الزور», «جنوب غربي مدينة درعا» (read
  // before the type word if there is one). Two words are tried before one.
  void take_beside(Raw& r) {
    if (r.has_dir) return;
    for (uint32_t n : {2u, 1u}) {
      if (r.sb < n) continue;
      const uint32_t b = r.sb - n;
      if (sent[b] != r.sent) continue;
      std::string words;
      bool ok = true;
      for (uint32_t k = b; k < r.sb && ok; ++k) {
        if (tok(k).kind != TokenKind::Word) ok = false;
        if (!words.empty()) words += ' ';
        words += tok(k).norm;
      }
      if (!ok) continue;
      const auto it = f.beside_.find(words);
      if (it == f.beside_.end()) continue;
      r.beside = true;
      r.beside_words = n;
      r.bearing = it->second;
      return;
    }
  }

  // Direction adjectives after a place: «الغربي», «الشمالي الغربي».
  void take_direction(Raw& r) {
    double x = 0, y = 0;
    int n = 0;
    while (n < 2 && r.se < seq.size() && sent[r.se] == r.sent && tok(r.se).kind == TokenKind::Word) {
      const auto it = f.directions_.find(tok(r.se).norm);
      if (it == f.directions_.end()) break;
      constexpr double kRad = 3.14159265358979323846 / 180.0;
      x += std::sin(it->second * kRad);
      y += std::cos(it->second * kRad);
      ++n;
      ++r.se;
    }
    if (n > 0) {
      r.has_dir = true;
      double b = std::atan2(x, y) * 180.0 / 3.14159265358979323846;
      r.bearing = b < 0 ? b + 360 : b;
    }
  }

  bool any_prominent(const std::vector<uint32_t>& c) const {
    return std::any_of(c.begin(), c.end(), [&](uint32_t i) { return g.at(i).prominent; });
  }

  // Context before position p (the first token of a mention without type word).
  double context_before(uint32_t p, const Clitics& cl, std::string& rule) const {
    double w = 0;
    if (cl.prep) {
      w = 0.3;
      rule = "clitic";
    }
    const uint32_t s = sent[p];
    if (p > 0 && sent[p - 1] == s) {
      double pw = context_weight(tok(p - 1));
      if (pw > 0 && pw < 0.2 && p > 1 && sent[p - 2] == s) pw = std::max(pw, context_weight(tok(p - 2)));
      if (pw > w) {
        w = pw;
        rule = "context:" + std::string(tok(p - 1).norm);
      }
    }
    // Coordinated with the place just before: «في الرقة والطبقة».
    if (cl.conj && !raws.empty() && raws.back().se == p && raws.back().sent == s && w < 0.3) {
      w = 0.3;
      rule = "coordinated";
    }
    return w;
  }

  bool patronym_before(uint32_t p) const {
    if (p == 0 || sent[p - 1] != sent[p]) return false;
    const std::string_view n = tok(p - 1).norm;
    return n == "ابو"sv || n == "ابن"sv || n == "بن"sv || n == "بنت"sv || n == "ام"sv || n == "ال"sv;
  }

  uint32_t blocked_len(uint32_t p) const { return match_at(p, true).len; }

  // Whether a type word, a blocked phrase or a gazetteer name may start at token t.
  bool may_start(const Token& t) const {
    for (size_t i = 0; i < t.keys.size(); ++i)
      if (key_ends_word(t, i) && f.start_filter_.maybe_hash(t.keys.hash(i))) return true;
    return false;
  }

  // Parse a name (known or unknown) at q for a typed mention; returns false if none.
  bool typed_name(Raw& r, uint32_t q, bool allow_unknown) {
    if (q >= seq.size() || sent[q] != r.sent || blocked_len(q) > 0) return false;
    const bool feminine = q > 0 && sent[q - 1] == r.sent && tok(q - 1).norm.ends_with("\xD9\x87");  // ه (folded ة)
    NameMatch m = match_at(q, false);
    if (m.len == 1 && allow_unknown && f.prefixes_.count(m.key) && unknown_name_len(q, feminine) == 2) m.len = 0;
    if (m.len > 0 && !patronym_before(q)) {
      r.nb = q;
      r.ne = q + m.len;
      r.cands = *m.cands;
      r.key = m.key;
      r.conj = m.cl.conj;
      return true;
    }
    if (!allow_unknown) return false;
    const uint32_t n = unknown_name_len(q, feminine);
    if (n == 0) return false;
    r.nb = q;
    r.ne = q + n;
    return true;
  }

  void scan() {
    uint32_t p = 0;
    while (p < seq.size()) {
      const uint32_t s = sent[p];
      if (!word_at(p, s) || !may_start(tok(p))) {
        ++p;
        continue;
      }
      if (const uint32_t b = blocked_len(p)) {
        p += b;
        continue;
      }
      const auto tw = type_at(p);
      // «المدينة» refers back; «مدينة X» names; so does a definite road that goes on to say
      // where it runs («الطريق الدولي الرابط بين الحديدة ومدينة حرض»)
      const bool road_named = tw && tw->tw.cls == Cls::Road && tw->cl.definite && word_at(p + 1, s) &&
                              key_in(tok(p + 1), f.road_words_);
      if (tw && (!tw->cl.definite || road_named)) {
        if (typed_mention(p, tw->tw, tw->cl, tw->key)) {
          p = raws.back().se;
          continue;
        }
      }
      const NameMatch m = match_at(p, false);
      if (m.len == 0 || patronym_before(p)) {
        ++p;
        continue;
      }
      Raw r;
      r.sb = r.nb = p;
      r.se = r.ne = p + m.len;
      r.sent = s;
      const std::vector<uint32_t>& cands = *m.cands;  // copied into r only when it is kept
      r.key = m.key;
      r.conj = m.cl.conj;
      r.skip = clitic_cp(p, m.key.substr(0, m.key.find(' ')));
      std::string rule = "bare";
      const double ctx = context_before(p, m.cl, rule);
      // «السورية», «العراقية»: an adjective, not the country «سورية».
      if (m.cl.definite && m.len == 1 && (m.key.ends_with("يه") || m.key.ends_with("ي")) &&
          std::none_of(cands.begin(), cands.end(), [&](uint32_t c) {
            return g.at(c).kind != Kind::Country && g.at(c).country == "SYR"sv;
          })) {
        ++p;
        continue;
      }
      const auto amb = f.ambiguous_.find(m.key);
      const bool ambiguous = amb != f.ambiguous_.end();
      if (ambiguous && amb->second.needs_type(m.cl.definite)) {  // only a type word makes it a place
        ++p;
        continue;
      }
      const bool prominent = any_prominent(cands);
      // «رقة», «كاميرون»: the gazetteer only knows the name with its article.
      const bool short_name = (m.len == 1 && text::count_code_points(m.key) <= 2) ||
                              (!m.cl.definite && g.articled_only(m.key));
      if ((ambiguous || !prominent || short_name) && ctx < 0.2) {
        ++p;
        continue;
      }
      r.prep = ctx >= 0.2;
      r.rule = rule;
      r.score = std::clamp(0.55 + 0.5 * ctx + (prominent ? 0.15 : 0) - (ambiguous ? 0.15 : 0), 0.05, 0.97);
      take_direction(r);
      take_beside(r);
      r.cands = cands;
      raws.push_back(std::move(r));
      p = raws.back().se;
    }
  }

  // A type word at p; pushes the mention(s) and returns true when a name follows.
  bool typed_mention(uint32_t p, const PlaceFinder::TypeWord& tw, const Clitics& cl, const std::string& key) {
    const uint32_t s = sent[p];
    Raw r;
    r.sb = p;
    r.sent = s;
    r.cls = tw.cls;
    r.keep_type = tw.keep;
    r.typed = true;
    r.prep = cl.prep;
    r.rule = "type:" + key;
    r.country_hint = tw.country;
    r.skip = clitic_cp(p, key);
    r.score = 0.95;
    // The gazetteer name may itself start with the type word («ريف دمشق», «معبر البوكمال»).
    const NameMatch full = match_at(p, false);
    if (full.len >= 2) {
      r.nb = p;
      r.ne = r.se = p + full.len;
      r.cands = *full.cands;
      r.key = full.key;
      r.type_in_name = true;
      // «مدينة إدلب» is also an alternate name of the district: add the town «إدلب».
      if (r.cls == Cls::Settlement || r.cls == Cls::Settlements || r.cls == Cls::Governorate) {
        const NameMatch rest = match_at(p + 1, false);
        if (rest.len + 1 == full.len) {
          for (const uint32_t c : *rest.cands) {
            if (std::find(r.cands.begin(), r.cands.end(), c) == r.cands.end()) r.cands.push_back(c);
          }
        }
      }
      take_direction(r);
      raws.push_back(std::move(r));
      return true;
    }
    uint32_t q = p + 1;
    // «ريف مدينة البوكمال», «منطقة دوار المصرية»: a second type word.
    const NameMatch at_q = q < seq.size() ? match_at(q, false) : NameMatch{};
    if (q < seq.size() && sent[q] == s && (!at_q.len || f.ambiguous_.count(at_q.key))) {
      if (const auto inner = type_at(q); inner && !inner->cl.conj && !inner->cl.definite) {
        if (r.cls == Cls::District || r.cls == Cls::Site) {
          r.cls = inner->tw.cls;
          r.keep_type = inner->tw.keep;
          r.sb = q;
          r.skip = 0;
          r.rule = "type:" + inner->key;
        }
        ++q;
      }
    }
    const bool allow_unknown = !cl.definite && r.cls != Cls::Road && r.cls != Cls::Countryside &&
                               r.cls != Cls::Governorate &&
                               // «منطقة يراها»: after منطقة/ناحية only an articled word is a name,
                               // or a two-word name with its first word («منطقة رأس عيسى»)
                               (r.cls != Cls::District || (q < seq.size() && tok(q).norm.starts_with("ال")) ||
                                (q < seq.size() && !tok(q).keys.empty() && f.prefixes_.count(tok(q).keys[0]) && word_at(q + 1, s)));
    if (r.cls == Cls::Road) {
      while (q < seq.size() && sent[q] == s && (key_in(tok(q), f.road_words_) || punct_at(q, s, ":"))) ++q;
      // «الطريق الرابط بين مدينة البوكمال وبلدة الجلاء»: the ends may carry their type words
      if (const auto tw1 = type_at(q); tw1 && !tw1->cl.definite && tw1->tw.cls != Cls::Road && word_at(q + 1, s)) ++q;
      if (!typed_name(r, q, false)) return false;
      uint32_t q2 = r.ne;
      if (punct_at(q2, s, "-–—/،,")) ++q2;
      while (q2 < seq.size() && sent[q2] == s && tok(q2).norm == "الي"sv) ++q2;
      // «… ومدينة حرض»: the second place may come with «و» and its own type word
      if (const auto tw2 = type_at(q2); tw2 && tw2->cl.conj && !tw2->cl.definite && tw2->tw.cls != Cls::Road) ++q2;
      Raw second;
      second.sent = s;
      bool have_second = typed_name(second, q2, false);
      if (!have_second) {
        // an end the gazetteer lacks, with its container named after it («ومدينة حرض
        // بمحافظة حجة»): the container stands for that end
        const uint32_t n = unknown_name_len(q2);
        uint32_t q3 = q2 + n;
        if (n > 0 && q3 < seq.size() && sent[q3] == s && tok(q3).norm == "في"sv) ++q3;
        if (n > 0 && type_at(q3)) have_second = typed_name(second, q3 + 1, false);
      }
      if (have_second) {
        r.cands2 = second.cands;
        r.ne = second.ne;
      }
      r.se = r.ne;
      while (r.se < seq.size() && sent[r.se] == s && key_in(tok(r.se), f.road_words_)) ++r.se;
      raws.push_back(std::move(r));
      return true;
    }
    if (!typed_name(r, q, allow_unknown)) return false;
    if (r.cls == Cls::Site) r.cands.clear();  // «شارع بغداد», «مستشفى الثورة»: named after, not in
    r.se = r.ne;
    take_direction(r);
    if (r.cls == Cls::Settlement) take_beside(r);  // «شمال مدينة حلب»
    raws.push_back(r);
    if (tw.cls == Cls::Settlements || tw.cls == Cls::Settlement) {
      // «قريتي الشحيل وذيبان», «قرى X وY وZ», «قرى X، Y»
      for (int k = 0; k < 8; ++k) {
        uint32_t q2 = raws.back().se;
        bool comma = false;
        if (punct_at(q2, s, ",،")) {
          ++q2;
          comma = true;
        }
        if (!word_at(q2, s)) break;
        const Token& t = tok(q2);
        const bool conj = t.norm.starts_with("و") && t.keys.size() > 1;
        if (!conj && !(comma && tw.cls == Cls::Settlements)) break;
        Raw next;
        next.sb = q2;
        next.sent = s;
        next.cls = Cls::Settlement;
        next.typed = true;
        next.rule = r.rule + ":list";
        next.score = 0.85;
        const NameMatch m = match_at(q2, false);
        if (m.len > 0 && (m.cl.conj || comma)) {
          next.skip = clitic_cp(q2, m.key.substr(0, m.key.find(' ')));
          next.nb = q2;
          next.ne = q2 + m.len;
          next.cands = *m.cands;
          next.key = m.key;
          next.conj = true;
        } else if (conj && tw.cls == Cls::Settlements) {
          next.nb = q2;
          next.ne = q2 + 1;
          next.conj = true;
          next.skip = 1;
          if (f.prefixes_.count(text::dict_key(t.norm.substr(2))) && word_at(q2 + 1, s)) next.ne = q2 + 2;
          const std::string_view bare = t.norm.substr(2);
          if (f.not_names_.count(text::dict_key(bare)) || f.types_.count(text::dict_key(bare))) break;
        } else {
          break;
        }
        next.se = next.ne;
        raws.push_back(std::move(next));
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ linking

  bool is_container(const Raw& n) const {
    if (n.cls == Cls::Countryside || n.cls == Cls::Governorate || n.cls == Cls::District) return true;
    if (n.cls == Cls::Settlement && !n.cands.empty()) return true;
    if (n.cls != Cls::None || n.cands.empty()) return false;
    return std::any_of(n.cands.begin(), n.cands.end(), [&](uint32_t i) {
      const Kind k = g.at(i).kind;
      return k == Kind::Admin1 || k == Kind::Admin2 || k == Kind::Admin3 || k == Kind::Town || k == Kind::Country;
    });
  }

  void link_containers() {
    for (size_t i = 0; i + 1 < raws.size(); ++i) {
      Raw& r = raws[i];
      if (r.cls == Cls::Road || r.cls == Cls::Countryside || r.cls == Cls::Governorate) continue;
      // Skip the rest of a «قرى X وY» list: they share the container after the list.
      size_t j = i + 1;
      while (j < raws.size() && raws[j].sent == r.sent && raws[j].conj && raws[j].rule.ends_with(":list")) ++j;
      if (j >= raws.size()) continue;
      const Raw& n = raws[j];
      if (n.sent != r.sent || n.conj) continue;
      const uint32_t from = j == i + 1 ? r.se : raws[j - 1].se;
      if (n.sb < from || n.sb - from > 2) continue;
      bool ok = true;
      for (uint32_t q = from; q < n.sb; ++q) {
        const Token& t = tok(q);
        if (t.kind == TokenKind::Punct ? !(t.norm == "("sv || t.norm == ","sv || t.norm == "-"sv)
                                       : !key_in(t, f.container_links_)) {
          ok = false;
        }
      }
      if (!ok || !is_container(n)) continue;
      if (n.sb == from && !n.typed && !n.prep && r.cands.size() > 0) continue;  // «حلب دمشق»: not a container
      // A country or governorate is not contained in a town.
      if (!r.cands.empty() && r.cls == Cls::None) {
        const Kind k = g.at(r.cands.front()).kind;
        if (k == Kind::Country || k == Kind::Admin1) continue;
      }
      for (size_t k = i; k < j; ++k) raws[k].container = static_cast<int>(j);
      i = j - 1;
    }
  }

  // ------------------------------------------------------------------ resolution

  struct Point {
    double lat, lon;
    int32_t admin1;
  };

  std::optional<Point> point_of(const Raw& r) const {
    if (r.place && r.place->lat) {
      int32_t a1 = -1;
      if (r.chosen >= 0) a1 = g.at(static_cast<uint32_t>(r.chosen)).admin1;
      return Point{*r.place->lat, *r.place->lon, a1};
    }
    return std::nullopt;
  }

  static constexpr size_t kNear = 100;
  // the longest stretch of road a report names by its two ends («طريق حلب اللاذقية»)
  static constexpr double kRoadReachKm = 300;
  // how far from a town a place «east of» it is put («شرقي دير الزور»)
  static constexpr double kBesideKm = 15;
  // how far outside the governorate its text puts it a known name may still lie (the
  // regions reports name do not follow today's borders: «الهرمل في البقاع»)
  static constexpr double kOutsideKm = 100;
  int choose(const Raw& r, const std::vector<uint32_t>& cands, size_t self, bool use_article) const {
    if (cands.empty()) return -1;
    std::optional<Point> cont;
    int32_t cont_a1 = -1, cont_a2 = -1;
    if (r.container >= 0) {
      const Raw& c = raws[static_cast<size_t>(r.container)];
      cont = point_of(c);
      if (c.chosen >= 0) {
        const Entry& ce = g.at(static_cast<uint32_t>(c.chosen));
        cont_a1 = ce.admin1;
        cont_a2 = ce.admin2;
      }
    }
    // «بلدة الحصان بريف دير الزور الغربي»: a name the gazetteer knows only in another country,
    // or far outside the governorate the text puts it in, is a village the gazetteer lacks,
    // in that governorate
    const Entry* cont_unit = cont && cont_a1 >= 0 ? &g.at(static_cast<uint32_t>(cont_a1)) : nullptr;
    auto outside = [&](const Entry& e) {
      return cont_unit && (e.country != cont_unit->country ||
                           (e.admin1 != cont_a1 && distance_km(e.lat, e.lon, cont->lat, cont->lon) > kOutsideKm));
    };
    double best = -1e9;
    int best_i = -1;
    for (const uint32_t ci : cands) {
      const Entry& e = g.at(ci);
      if (outside(e)) continue;
      double sc = kind_pref(r.cls, e.kind);
      if (!r.country_hint.empty() && e.country == r.country_hint) sc += 4;
      if (e.country == "SYR"sv) {
        sc += 3;
      } else if (e.country == "IRQ"sv || e.country == "LBN"sv || e.country == "JOR"sv || e.country == "TUR"sv ||
                 e.country == "PSE"sv || e.country == "YEM"sv) {
        sc += 1;
      } else if (e.country == "ISR"sv) {
        sc += 0.5;
      }
      sc += 0.25 * std::log10(e.population + 1);
      sc += e.feature == "PPLC"sv ? 1.5 : e.feature == "PPLA"sv ? 1 : e.feature == "PPLA2"sv ? 0.7 : e.feature == "PPLA3"sv ? 0.4 : 0;
      if (cont) {
        if (cont_a2 >= 0 && e.admin2 == cont_a2) sc += 1;
        if (cont_a1 >= 0 && e.admin1 == cont_a1) sc += 3;
        if (distance_km(e.lat, e.lon, cont->lat, cont->lon) < 60) sc += 1.5;
      }
      if (use_article) {
        // the article's other places: the kNear mentions on either side (a report
        // names far fewer; a run-on document of thousands stays linear)
        double bonus = 0, country_bonus = 0;
        const size_t k_lo = self > kNear ? self - kNear : 0;
        const size_t k_hi = std::min(raws.size(), self + kNear + 1);
        for (size_t k = k_lo; k < k_hi; ++k) {
          if (k == self) continue;
          const auto pt = point_of(raws[k]);
          if (!pt) continue;
          if (raws[k].chosen >= 0) {  // «دوما» in an article about the West Bank
            const Entry& o = g.at(static_cast<uint32_t>(raws[k].chosen));
            if (o.kind == Kind::Country || o.kind == Kind::Region) {
              if (o.country == e.country) country_bonus += 1.5;
              continue;
            }
          }
          const double d = distance_km(e.lat, e.lon, pt->lat, pt->lon);
          bonus += d < 30 ? 1 : d < 100 ? 0.5 : 0;
          if (pt->admin1 >= 0 && pt->admin1 == e.admin1) bonus += 0.3;
        }
        sc += std::min(bonus, 3.0) + std::min(country_bonus, 3.0);
      }
      if (sc > best) {
        best = sc;
        best_i = static_cast<int>(ci);
      }
    }
    return best_i;
  }

  std::string surface(uint32_t sb, uint32_t se, uint32_t skip = 0) const {
    if (se <= sb) return {};
    if (!text.empty()) {  // tokens know their bytes; only the skipped proclitics are walked
      const size_t from = std::min<size_t>(tok(sb).byte_begin, text.size());
      const size_t begin = from + text::slice(text.substr(from), Span{0, skip}).size();
      const size_t end = std::min<size_t>(tok(se - 1).byte_end, text.size());
      return begin < end ? std::string(text.substr(begin, end - begin)) : std::string();
    }
    std::string out;
    for (uint32_t p = sb; p < se; ++p) {
      if (!out.empty()) out += ' ';
      out += p == sb ? tok(p).norm.substr(std::min<size_t>(tok(p).norm.size(), 2 * skip)) : tok(p).norm;
    }
    return out;
  }

  void fill_admin(Place& pl, const Entry& e) const {
    pl.country = e.country;
    if (e.admin1 >= 0) pl.admin1 = g.at(static_cast<uint32_t>(e.admin1)).name_en;
    if (e.admin2 >= 0) pl.admin2 = g.at(static_cast<uint32_t>(e.admin2)).name_en;
  }

  std::string display_name(const Entry& e, const Raw& r) const {
    std::string n = e.name_ar;
    if (n.empty()) n = surface(r.nb, r.ne, r.nb == r.sb ? r.skip : 0);
    if (e.kind == Kind::Admin3 && n.starts_with("مركز ")) n = n.substr(std::string("مركز ").size());
    return n;
  }

  // The unit whose countryside «ريف X» names: X itself, or the district X is the seat of.
  uint32_t countryside_unit(const Raw& r) const {
    const Entry& e = g.at(static_cast<uint32_t>(r.chosen));
    if ((e.kind == Kind::Town || e.kind == Kind::Admin3) && e.admin2 >= 0 &&
        g.at(static_cast<uint32_t>(e.admin2)).seat == r.chosen)
      return static_cast<uint32_t>(e.admin2);
    return static_cast<uint32_t>(r.chosen);
  }

  // «ريف دير الزور الشرقي»: the part of the unit that faces the direction word.
  std::optional<PlaceMention::Sector> sector_of(const Raw& r) const {
    if (r.cls != Cls::Countryside || !r.has_dir || r.beside || r.chosen < 0) return std::nullopt;
    PlaceMention::Sector s;
    s.bearing = r.bearing;
    g.seat_point(countryside_unit(r), s.lat, s.lon);
    return s;
  }

  Place build(const Raw& r) const {
    Place pl;
    pl.span = Span{tok(r.sb).begin + r.skip, tok(r.se - 1).end};
    const bool surf_name = r.keep_type && !r.type_in_name;
    const Raw* cont = r.container >= 0 ? &raws[static_cast<size_t>(r.container)] : nullptr;
    const Place* cp = cont && cont->place ? &*cont->place : nullptr;

    if (r.chosen < 0) {  // unknown name
      pl.name_ar = surf_name ? surface(r.sb, r.ne, r.skip) : surface(r.nb, r.ne, r.nb == r.sb ? r.skip : 0);
      if (cp && cp->lat) {
        pl.lat = cp->lat;
        pl.lon = cp->lon;
        pl.country = cp->country;
        pl.admin1 = cp->admin1;
        pl.admin2 = cp->admin2;
        pl.precision = ((r.cls == Cls::Site || r.cls == Cls::Facility) && cp->precision == "town"sv) ? "point" : cp->precision;
      } else {
        pl.precision = (r.cls == Cls::Site || r.cls == Cls::Facility) ? "point" : r.cls == Cls::District ? "district"
                       : (r.cls == Cls::Area || r.cls == Cls::Desert || r.cls == Cls::Road) ? "region"
                                                                                             : "town";
      }
      return pl;
    }
    const Entry& e = g.at(static_cast<uint32_t>(r.chosen));
    pl.name_ar = display_name(e, r);
    pl.name_en = e.name_en;
    pl.gazetteer_id = e.id.starts_with("region:") ? std::string() : e.id;
    pl.lat = e.lat;
    pl.lon = e.lon;
    // a governorate is placed at its seat, where its news happens, not at the middle of
    // its area (Anbar's lies in empty desert, 150 km from Ramadi)
    if (e.kind == Kind::Admin1) g.seat_point(static_cast<uint32_t>(r.chosen), pl.lat.emplace(), pl.lon.emplace());
    pl.precision = precision_of(e);
    fill_admin(pl, e);
    if (e.kind == Kind::Country) return pl;
    // «شرقي دير الزور»: a point that way from the town, as far as a report's «east of»
    // usually reaches
    if (r.beside && (r.cls == Cls::None || r.cls == Cls::Settlement) &&
        (e.kind == Kind::Town || e.kind == Kind::Admin3 || e.kind == Kind::Neighbourhood)) {
      offset_point(e.lat, e.lon, r.bearing, kBesideKm, pl.lat.emplace(), pl.lon.emplace());
      pl.precision = "district";
      // not the gazetteer's town: its own name («شرقي دير الزور») and no gazetteer id, so that
      // a store keeping one row per place never mixes it with the town
      if (r.sb >= r.beside_words) pl.name_ar = surface(r.sb - r.beside_words, r.se, 0);
      static constexpr const char* kSides[] = {"north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest"};
      pl.name_en = std::string(kSides[static_cast<int>(std::lround(r.bearing / 45.0)) % 8]) + " of " + e.name_en;
      pl.gazetteer_id.clear();
      return pl;
    }

    switch (r.cls) {
      case Cls::Countryside: {
        pl.name_ar = surface(r.sb, r.se, r.skip);
        pl.name_en = e.name_en + " countryside";
        const uint32_t unit = countryside_unit(r);
        const Entry& u = g.at(unit);
        if (r.has_dir) {
          double la = 0, lo = 0;
          if (u.kind == Kind::Admin1 || u.kind == Kind::Admin2) {
            g.sector_point(unit, r.bearing, la, lo);
          } else {
            offset_point(u.lat, u.lon, r.bearing, 15, la, lo);
          }
          pl.lat = la;
          pl.lon = lo;
          pl.precision = "district";
        } else {
          pl.precision = u.kind == Kind::Admin1 ? "governorate" : "district";
        }
        break;
      }
      case Cls::Site:
      case Cls::Facility:
      case Cls::Area:
      case Cls::Desert:
        if (r.type_in_name) break;
        pl.name_ar = surface(r.sb, r.ne, r.skip);
        pl.gazetteer_id.clear();
        pl.name_en.clear();
        if (r.cls == Cls::Site || r.cls == Cls::Facility) {
          if (cp && cp->lat) {
            pl.lat = cp->lat;
            pl.lon = cp->lon;
            pl.precision = cp->precision == "town"sv ? "point" : cp->precision;
          } else {
            pl.precision = (e.kind == Kind::Town || e.kind == Kind::Landmark || e.kind == Kind::Neighbourhood)
                               ? "point"
                               : precision_of(e);
          }
        } else {
          pl.precision = "region";
        }
        break;
      case Cls::Road:
        pl.name_ar = surface(r.sb, r.se, r.skip);
        pl.gazetteer_id.clear();
        pl.name_en.clear();
        pl.precision = "region";
        // a road between two towns is a region between them; two «ends» farther apart
        // than any road a report names (a misread end) leave the first end alone
        if (r.chosen2 >= 0 && distance_km(e.lat, e.lon, g.at(static_cast<uint32_t>(r.chosen2)).lat,
                                          g.at(static_cast<uint32_t>(r.chosen2)).lon) <= kRoadReachKm) {
          const Entry& e2 = g.at(static_cast<uint32_t>(r.chosen2));
          pl.lat = (e.lat + e2.lat) / 2;
          pl.lon = (e.lon + e2.lon) / 2;
          if (e2.admin1 != e.admin1) pl.admin1.clear();
          if (e2.admin2 != e.admin2) pl.admin2.clear();
        }
        break;
      case Cls::Governorate:
        if (e.kind != Kind::Country) pl.precision = "governorate";
        break;
      default:
        break;
    }
    return pl;
  }

  void resolve() {
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t i = raws.size(); i-- > 0;) {
        Raw& r = raws[i];
        if (pass == 1 && r.cands.size() <= 1 && r.cands2.size() <= 1 && r.container < 0) continue;
        r.chosen = choose(r, r.cands, i, pass == 1);
        if (r.cls == Cls::Road && !r.cands2.empty()) {
          Raw r2 = r;
          r2.cls = Cls::None;
          r.chosen2 = choose(r2, r.cands2, i, pass == 1);
        }
        r.place = build(r);
      }
    }
  }

  std::vector<PlaceMention> run() {
    scan();
    link_containers();
    resolve();
    std::vector<PlaceMention> out;
    out.reserve(raws.size());
    for (Raw& r : raws) {  // the last use of raws: their places and rules move out
      PlaceMention m;
      m.tok_begin = seq[r.sb];
      m.tok_end = seq[r.se - 1] + 1;
      m.sentence = r.sent;
      m.place = std::move(*r.place);
      double sc = r.score;
      if (r.cands.empty()) sc = r.container >= 0 ? std::min(sc, 0.8) : std::min(sc, 0.65);
      m.score = sc;
      m.rule = std::move(r.rule);
      // an unknown place «بريف دير الزور الشرقي» lies somewhere in that part
      const Raw* holder = &r;
      for (int depth = 0; holder->chosen < 0 && holder->container >= 0 && depth < 3; ++depth)
        holder = &raws[static_cast<size_t>(holder->container)];
      if (m.place.lat) m.sector = sector_of(*holder);
      m.settlement = !r.beside && !r.has_dir &&
                     (r.chosen >= 0 ? g.at(static_cast<uint32_t>(r.chosen)).kind == Kind::Town && r.cls != Cls::Countryside &&
                                          r.cls != Cls::Desert && r.cls != Cls::Area && r.cls != Cls::Road && r.cls != Cls::District
                                    : (r.cls == Cls::Settlement || r.cls == Cls::Settlements));
      out.push_back(std::move(m));
    }
    return out;
  }
};

std::vector<PlaceMention> PlaceFinder::find(const text::Analysis& a) const { return find(a, {}); }

std::vector<PlaceMention> PlaceFinder::find(const text::Analysis& a, std::string_view text) const {
  FinderRun run(*this, a, text);
  return run.run();
}

int PlaceFinder::main_place(const std::vector<PlaceMention>& mentions) const {
  auto level = [](const Place& p) {
    if (!p.lat) return 0;
    if (p.precision == "town"sv || p.precision == "point"sv || p.precision == "district"sv) return 3;
    if (p.precision == "governorate"sv || p.precision == "region"sv) return 2;
    return 1;
  };
  int best_level = 0;
  for (const auto& m : mentions) best_level = std::max(best_level, level(m.place));
  if (best_level == 0) return -1;
  std::unordered_map<std::string, std::pair<int, int>> counts;  // key → (count, first index)
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Place& p = mentions[i].place;
    if (level(p) != best_level || mentions[i].score < 0.5) continue;
    const std::string key = p.gazetteer_id.empty() ? p.name_ar : p.gazetteer_id;
    auto [it, fresh] = counts.try_emplace(key, 0, static_cast<int>(i));
    ++it->second.first;
  }
  int best = -1, best_count = 0;
  for (const auto& [k, v] : counts) {
    if (v.first > best_count || (v.first == best_count && v.second < best)) {
      best_count = v.first;
      best = v.second;
    }
  }
  return best;
}

}  // namespace marsad::geo
