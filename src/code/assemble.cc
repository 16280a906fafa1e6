#include "code/assemble.h"

#include "code/ranges.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

namespace marsad::code {

using namespace std::string_view_literals;  // == "literal"sv: no strlen, no call when the sizes differ

namespace {

using knowledge::Frame;
using knowledge::PrepRole;
using knowledge::Pos;
using text::TokenKind;

constexpr uint32_t kNone = static_cast<uint32_t>(-1);
// sentences back an event without a place of its own looks for one before the article's main place
constexpr uint32_t kPlaceLookBack = 2;

// A trigger read for its roles, before merging.
struct Draft {
  uint32_t trigger = 0;  // index into Mentions::triggers
  uint32_t sentence = 0;
  uint32_t clause_begin = 0, clause_end = 0;
  std::string type, mode, cameo, rule;
  Frame frame = Frame::Agent;
  Pos pos = Pos::Verb;
  std::vector<uint32_t> source, target;  // indices into Mentions::actors
  bool reciprocal = false;
  bool definite = false;     // «الاشتباكات»: refers to a happening told before
  bool consequence = false;  // a victim noun («مقتل», «إصابة») that may be another event's outcome
  std::string status = "occurred";
  bool alive = true;
  std::vector<uint32_t> merged;  // other drafts folded into this one
  uint32_t anchor = kNone;        // the light verb a noun trigger hangs on
};

struct Context {
  const AssemblyLexicons& lex;
  const ArticleFacts& f;
  Trace* trace;
  std::vector<uint8_t> clause_break;  // token starts a new clause
  std::vector<uint8_t> filler;        // token may stand between a verb and its subject (dates, quotes)
  std::vector<int> prep_at;           // token → index of the prep cue starting there, or -1
  std::vector<int> actor_at;          // token → first actor mention starting there, or -1
  std::vector<uint8_t> light_at;      // a light verb («شن», «عقد») starts at the token
  std::vector<uint8_t> in_actor;      // the token belongs to an actor's mention (not a reference word)

  const text::Token& tok(uint32_t i) const { return f.analysis.tokens[i]; }
  const ActorMention& actor(uint32_t i) const { return f.mentions.actors[i]; }
  const knowledge::ActorInfo& info(uint32_t i) const { return lex.base.actors.at(actor(i).actor); }
  void note(const std::string& s) const {
    if (trace) trace->push_back(s);
  }
};

// Cuts the original text by code points with a cursor that only moves forward
// (events come in text order), so quoting evidence costs linear time overall.
// A byte that is not part of a well-formed UTF-8 sequence counts as one code
// point, as in the text layer.
class Slicer {
 public:
  explicit Slicer(std::string_view text) : text_(text) {}
  std::string operator()(Span span) {
    if (span.begin < cp_) {  // back to the last start when it helps, else to the text's start
      if (span.begin >= mark_cp_) {
        cp_ = mark_cp_;
        byte_ = mark_byte_;
      } else {
        cp_ = 0;
        byte_ = 0;
      }
    }
    advance(span.begin);
    mark_cp_ = cp_;
    mark_byte_ = byte_;
    const size_t from = byte_;
    advance(span.end);
    return std::string(text_.substr(from, byte_ - from));
  }

 private:
  size_t length_at(size_t i) const {
    const auto b = [&](size_t k) -> uint8_t { return k < text_.size() ? static_cast<uint8_t>(text_[k]) : uint8_t{0}; };
    const uint8_t c = b(i);
    auto cont = [&](size_t k, uint8_t lo = 0x80, uint8_t hi = 0xBF) { return b(k) >= lo && b(k) <= hi; };
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 1;
    if (c >= 0xE0 && c <= 0xEF) {
      const uint8_t lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
      return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 1;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      const uint8_t lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
      return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 1;
    }
    return 1;
  }
  void advance(uint32_t to) {
    while (cp_ < to && byte_ < text_.size()) {
      byte_ += length_at(byte_);
      ++cp_;
    }
  }
  std::string_view text_;
  uint32_t cp_ = 0;
  size_t byte_ = 0;
  uint32_t mark_cp_ = 0;  // where the last slice began
  size_t mark_byte_ = 0;
};

// A verb form that agrees with a plural subject: past «…وا» («طردوا»), present
// «يـ…ون» / «تـ…ون» («يقصفون»), after an optional glued و/ف.
bool agrees_in_plural(const text::Token& t) {
  std::string_view s = t.norm;
  if (s.size() > 8 && (s.substr(0, 2) == "\xD9\x88"sv || s.substr(0, 2) == "\xD9\x81"sv)) s.remove_prefix(2);
  if (s.size() < 8) return false;  // at least four letters
  const std::string_view end = s.substr(s.size() - 4);
  if (end == "\xD9\x88\xD8\xA7"sv) return true;  // وا
  const std::string_view first = s.substr(0, 2);
  return end == "\xD9\x88\xD9\x86"sv && (first == "\xD9\x8A"sv || first == "\xD8\xAA"sv);  // يـ…ون، تـ…ون
}

bool is_clause_punct(const text::Token& t) {
  return t.kind == TokenKind::Punct && (t.norm == ","sv || t.norm == ";"sv || t.norm == ":"sv || t.norm == "("sv || t.norm == ")"sv);
}


Context make_context(const AssemblyLexicons& lex, const ArticleFacts& f, Trace* trace) {
  Context c{lex, f, trace, {}, {}, {}, {}, {}, {}};
  const size_t n = f.analysis.tokens.size();
  c.clause_break.assign(n, 0);
  c.filler.assign(n, 0);
  c.prep_at.assign(n, -1);
  c.actor_at.assign(n, -1);
  c.light_at.assign(n, 0);
  c.in_actor.assign(n, 0);
  for (const auto& a : f.mentions.actors)
    if (!a.anaphor)
      for (uint32_t t = a.tok_begin; t < a.tok_end && t < n; ++t) c.in_actor[t] = 1;
  for (const auto& lv : f.mentions.light_verbs) c.light_at[lv.tok_begin] = 1;
  for (size_t i = 0; i < n; ++i) {
    const auto& t = f.analysis.tokens[i];
    if (is_clause_punct(t)) c.clause_break[i] = 1;
    if (t.kind == TokenKind::Quote || is_clause_punct(t)) c.filler[i] = 1;
  }
  std::vector<knowledge::PhraseMatch> breaks;
  for (const auto& s : f.analysis.sentences) lex.clause_breaks.find_longest(f.analysis.tokens, s.tok_begin, s.tok_end, breaks);
  for (const auto& b : breaks) {
    // «الذي» is matched by its key «ذي»: «ذي الغالبية الكردية» (genitive of «ذو») opens no clause
    const auto& t = f.analysis.tokens[b.tok_begin];
    if (b.tok_end == b.tok_begin + 1 && (t.norm == "\xD8\xB0\xD9\x8A"sv || t.norm == "\xD8\xB0\xD8\xA7"sv)) continue;  // ذي ذا
    c.clause_break[b.tok_begin] = 1;
  }
  for (size_t i = 0; i < f.mentions.preps.size(); ++i) {
    const auto& p = f.mentions.preps[i];
    c.prep_at[p.tok_begin] = static_cast<int>(i);
    if (lex.base.cues.prep_role(p.payload) == PrepRole::Carry) c.clause_break[p.tok_begin] = 1;
    // «سيطرت المقاومة الشعبية بجنوب اليمن، على آخر معاقل …»: a comma before the
    // preposition of the act's object or doer does not end the clause
    const PrepRole role = lex.base.cues.prep_role(p.payload);
    if ((role == PrepRole::Target || role == PrepRole::Agent) && p.tok_begin > 0 &&
        f.analysis.tokens[p.tok_begin - 1].norm == ","sv)
      c.clause_break[p.tok_begin - 1] = 0;
  }
  for (const auto& d : f.dates)
    for (uint32_t t = d.tok_begin; t < d.tok_end && t < n; ++t) c.filler[t] = 1;
  // «الفوج 47 التابع للحرس الثوري الإيراني»: the relation and the patron belong to the name
  for (const auto& r : f.mentions.relations)
    for (uint32_t t = r.tok_begin; t < r.tok_end && t < n; ++t) c.filler[t] = 1;
  for (const auto& a : f.mentions.actors)
    if (a.patron)
      for (uint32_t t = a.tok_begin; t < a.tok_end && t < n; ++t) c.filler[t] = 1;
  for (const auto& nat : f.mentions.nationalities)
    for (uint32_t t = nat.tok_begin; t < nat.tok_end && t < n; ++t) c.filler[t] = 1;
  for (size_t i = 0; i < f.mentions.actors.size(); ++i) {
    const auto& a = f.mentions.actors[i];
    if (c.actor_at[a.tok_begin] < 0) c.actor_at[a.tok_begin] = static_cast<int>(i);
  }
  // A verb trigger glued to «و»/«ف» opens a new clause («واتهم», «وأرسلت»).
  for (const auto& tm : f.mentions.triggers) {
    const auto& trig = lex.base.triggers.trigger(tm.trigger);
    if (trig.pos == Pos::Verb && has_conjunction(f.analysis.tokens[tm.tok_begin])) c.clause_break[tm.tok_begin] = 1;
  }
  for (const auto& lv : f.mentions.light_verbs)
    if (has_conjunction(f.analysis.tokens[lv.tok_begin])) c.clause_break[lv.tok_begin] = 1;
  return c;
}

// The clause around token `i`: [begin, end) within its sentence. A soft clause
// reaches back over commas («محاولة عناصر من الفوج 47 …، اغتيال قيادي»).
std::pair<uint32_t, uint32_t> clause_of(const Context& c, uint32_t i, bool soft = false) {
  const auto& s = c.f.analysis.sentences[c.f.mentions.sentence_of[i]];
  auto breaks = [&](uint32_t t) { return c.clause_break[t] && !(soft && c.tok(t).norm == ","sv); };
  // no clause of real prose is longer than this; the bound keeps a run-on
  // «sentence» of a hundred thousand words linear
  constexpr uint32_t kMaxReach = 120;
  const uint32_t floor = i > s.tok_begin + kMaxReach ? i - kMaxReach : s.tok_begin;
  const uint32_t ceiling = std::min(s.tok_end, i + kMaxReach);
  uint32_t b = i;
  while (b > floor && !breaks(b)) --b;
  if (breaks(b) && is_clause_punct(c.tok(b))) ++b;
  uint32_t e = i + 1;
  while (e < ceiling && !c.clause_break[e]) ++e;
  return {b, e};
}

// The role marked by the last prep cue in [from, to), if any. A bare «من» is
// partitive after a victim noun («مقتل 12 من عناصر …»), so it marks no agent there.
std::optional<PrepRole> prep_in(const Context& c, uint32_t from, uint32_t to, bool partitive_min = false,
                                bool min_agent_anywhere = false) {
  std::optional<PrepRole> role;
  for (uint32_t t = from; t < to; ++t)
    if (c.prep_at[t] >= 0) {
      const auto& p = c.f.mentions.preps[static_cast<size_t>(c.prep_at[t])];
      PrepRole r = c.lex.base.cues.prep_role(p.payload);
      // a detached one-letter particle («لـ الفرقة الرابعة», «و») marks possession or
      // coordination far more often than a role
      if (p.tok_end == p.tok_begin + 1 && text::count_code_points(c.tok(t).norm) == 1) continue;
      // a bare «من» marks the agent only right where the phrase starts («لهجمات من خلايا داعش»);
      // after a count or a noun it is partitive («عدداً من الشبان», «12 من عناصر»)
      if (p.tok_end == p.tok_begin + 1 && c.tok(t).norm == "\xD9\x85\xD9\x86"sv &&
          (partitive_min || (t > from && !min_agent_anywhere) || (t > 0 && c.tok(t - 1).kind == TokenKind::Number)))
        continue;
      if (r == PrepRole::Agent || r == PrepRole::Target || r == PrepRole::Reciprocal) role = r;
    }
  return role;
}

// Content words in [from, to): not fillers, not preps.
uint32_t content_words(const Context& c, uint32_t from, uint32_t to) {
  uint32_t n = 0;
  for (uint32_t t = from; t < to; ++t) {
    if (c.filler[t]) continue;
    if (c.prep_at[t] >= 0) {
      const auto& p = c.f.mentions.preps[static_cast<size_t>(c.prep_at[t])];
      t = p.tok_end - 1;
      continue;
    }
    ++n;
  }
  return n;
}

// Actor mentions in [from, to), in order.
// Sources a report cites («مصادر محلية», «المرصد السوري») are attribution, not participants.
bool attribution_only(const knowledge::ActorInfo& a) { return a.kind == "media"sv || a.id == "local_sources"sv; }

// «طرفاً ثانياً غير تنظيم داعش»: an actor after «غير» (other than) is excluded.
bool excluded(const Context& c, const ActorMention& a) {
  uint32_t t = a.tok_begin;
  while (t > 0 && c.tok(t - 1).kind == TokenKind::Quote) --t;
  return t > 0 && c.tok(t - 1).norm == "\xD8\xBA\xD9\x8A\xD8\xB1"sv;  // غير
}

std::vector<uint32_t> actors_in(const Context& c, uint32_t from, uint32_t to) {
  std::vector<uint32_t> out;
  auto [lo, hi] = in_tokens(c.f.mentions.actors, from, to);
  for (size_t i = lo; i < hi; ++i) {
    const auto& a = c.actor(static_cast<uint32_t>(i));
    if (!a.patron && !attribution_only(c.info(static_cast<uint32_t>(i))) && !excluded(c, a))
      out.push_back(static_cast<uint32_t>(i));
  }
  return out;
}

// Actor `k` of `list` and those coordinated with it by «و» («… ومليشيا الدفاع الوطني»).
std::vector<uint32_t> coordinated(const Context& c, const std::vector<uint32_t>& list, size_t k, size_t* last = nullptr) {
  std::vector<uint32_t> group{list[k]};
  size_t j = k;
  while (j + 1 < list.size()) {
    const auto& prev = c.actor(list[j]);
    const auto& next = c.actor(list[j + 1]);
    if (next.tok_begin == prev.tok_begin) {  // two readings of one anaphor («الطرفين»)
      group.push_back(list[++j]);
      continue;
    }
    bool joined = false;
    if (next.tok_begin >= prev.tok_end) {
      uint32_t gap = next.tok_begin - prev.tok_end;
      const auto& first = c.tok(next.tok_begin);
      if (gap == 0 && has_conjunction(first)) joined = true;
      if (gap == 1 && (c.tok(prev.tok_end).norm == "\xD9\x88"sv || c.tok(prev.tok_end).norm == ","sv)) joined = true;
      if (gap == 1 && c.tok(prev.tok_end).kind == TokenKind::Quote && has_conjunction(first)) joined = true;
    }
    if (!joined) break;
    group.push_back(list[++j]);
  }
  if (last) *last = j;
  return group;
}

// Actor mention `i`: one the text names, or one a rule implied (`extra`, numbered after them).
const ActorMention& mention_at(const Context& c, const std::vector<ActorMention>& extra, uint32_t i) {
  const auto& named = c.f.mentions.actors;
  return i < named.size() ? named[i] : extra[i - named.size()];
}

void add_all(std::vector<uint32_t>& to, const std::vector<uint32_t>& from) {
  for (uint32_t x : from)
    if (std::find(to.begin(), to.end(), x) == to.end()) to.push_back(x);
}

// An actor the text implies rather than names (a nationality adjective, unnamed
// protesters): kept in `extra`; its index continues the mentions' numbering.
uint32_t add_implied_actor(const Context& c, std::vector<ActorMention>& extra, uint32_t actor, uint32_t tok_begin,
                           uint32_t tok_end, uint32_t sentence, const char* rule) {
  ActorMention m;
  m.tok_begin = m.name_begin = tok_begin;
  m.tok_end = tok_end;
  m.actor = actor;
  m.sentence = sentence;
  m.rule = rule;
  extra.push_back(std::move(m));
  return static_cast<uint32_t>(c.f.mentions.actors.size() + extra.size() - 1);
}

// A nationality adjective right after a noun trigger: «القصف التركي» → turkey_forces.
std::optional<uint32_t> nationality_after(const Context& c, uint32_t end, std::vector<ActorMention>& extra) {
  auto [lo, hi] = in_tokens(c.f.mentions.nationalities, end, end + 2);
  for (size_t i = lo; i < hi; ++i) {
    const auto& n = c.f.mentions.nationalities[i];
    if (c.actor_at[n.tok_begin] >= 0 || c.lex.base.actors.patron_only(n.payload)) return std::nullopt;
    int id = c.lex.base.actors.compose(c.lex.base.actors.country_key(n.payload), "forces");
    if (id < 0) return std::nullopt;
    return add_implied_actor(c, extra, static_cast<uint32_t>(id), n.tok_begin, n.tok_end, n.sentence,
                             "nationality_adjective");
  }
  return std::nullopt;
}

// An actor written with a glued «ل» («لتنظيم داعش»), not one whose name begins with
// the letter («لبنان», «لواء القدس»).
bool lam_bound(const Context& c, const ActorMention& a) {
  if (a.anaphor) return false;
  // «طائرات التحالف لدعم الشرعية»: the object of a purpose noun glued to «ل»
  if (a.tok_begin > 0 && !c.in_actor[a.tok_begin - 1] && c.tok(a.tok_begin - 1).kind == TokenKind::Word &&
      has_lam(c.tok(a.tok_begin - 1)) && !c.light_at[a.tok_begin - 1])
    return true;
  if (!has_lam(c.tok(a.tok_begin))) return false;
  const std::string& name = c.lex.base.actors.at(a.actor).name_ar;
  return !(a.tok_begin == a.name_begin && name.rfind("\xD9\x84", 0) == 0);  // ل
}

// The light verb at `at` says what befalls its subject (light_verbs.tsv `subject`: «لقي»).
bool light_verb_undergoes(const Context& c, uint32_t at) {
  auto [lo, hi] = in_tokens(c.f.mentions.light_verbs, at, at + 1);
  for (size_t i = lo; i < hi; ++i)
    if (c.lex.base.cues.light_verb_undergoes(c.f.mentions.light_verbs[i].payload)) return true;
  return false;
}

// «التي», «الذي», «الذين»
bool is_relative_pronoun(const text::Token& t) {
  return t.norm == "\xD8\xA7\xD9\x84\xD8\xAA\xD9\x8A"sv ||                 // التي
         t.norm == "\xD8\xA7\xD9\x84\xD8\xB0\xD9\x8A"sv ||                 // الذي
         t.norm == "\xD8\xA7\xD9\x84\xD8\xB0\xD9\x8A\xD9\x86"sv;         // الذين
}

// «انسحابها», «تقدمهم»: a word ending in the possessive pronoun ها / هم / هما (a bare
// ه is also the folded ة, so it is not read as a pronoun here).
bool possessive_suffix(const text::Token& t) {
  std::string_view s = t.norm;
  if (s.size() < 10) return false;  // the pronoun and at least three letters
  return s.substr(s.size() - 4) == "\xD9\x87\xD8\xA7"sv || s.substr(s.size() - 4) == "\xD9\x87\xD9\x85"sv ||
         (s.size() >= 12 && s.substr(s.size() - 6) == "\xD9\x87\xD9\x85\xD8\xA7"sv);
}

struct RoleReading {
  std::vector<uint32_t> source, target;
  bool reciprocal = false;
  std::string how;
};

// Read the roles of one trigger inside its clause.
RoleReading read_roles(const Context& c, const TriggerMention& tm, const knowledge::Trigger& trig, uint32_t anchor,
                       bool anchor_is_verb, uint32_t cb, uint32_t ce, std::vector<ActorMention>& extra) {
  RoleReading r;
  const auto& sent = c.f.analysis.sentences[tm.sentence];
  const bool verb = anchor_is_verb || trig.pos == Pos::Verb || (trig.pos == Pos::Phrase && c.light_at[tm.tok_begin]);
  // actors after the trigger, and reference words inside it («وصول الوفد»), up to the
  // next trigger of the clause, whose arguments follow it
  uint32_t stop = ce;
  auto [t_lo, t_hi] = in_tokens(c.f.mentions.triggers, tm.tok_end, ce);
  for (size_t ti = t_lo; ti < t_hi; ++ti)
    if (const auto& other = c.f.mentions.triggers[ti]; other.tok_begin < stop && other.sentence == tm.sentence &&
        !c.lex.base.triggers.trigger(other.trigger).mode.empty() == !trig.mode.empty() &&
        c.lex.base.triggers.trigger(other.trigger).frame != Frame::Victim)
      stop = other.tok_begin;
  std::vector<uint32_t> after = actors_in(c, tm.tok_begin + 1, stop);
  std::vector<uint32_t> before = actors_in(c, cb, anchor);
  if (before.empty()) {  // over a comma: the subject of a long noun phrase
    cb = clause_of(c, anchor, true).first;
    before = actors_in(c, cb, anchor);
  }
  // actors after the anchor but before a noun trigger (light-verb subject: «شنت طائرات التحالف غارات»)
  std::vector<uint32_t> between = anchor < tm.tok_begin ? actors_in(c, anchor + 1, tm.tok_begin) : std::vector<uint32_t>{};

  if (trig.frame == Frame::Reciprocal) r.reciprocal = true;

  // «بين أ و ب»: the two sides, possibly past a relative clause.
  if (trig.frame == Frame::Reciprocal || trig.type == "CONSULT"sv) {
    for (uint32_t t = tm.tok_end; t < sent.tok_end && t < tm.tok_end + 10; ++t) {
      if (c.prep_at[t] < 0) continue;
      const auto& p = c.f.mentions.preps[static_cast<size_t>(c.prep_at[t])];
      if (c.lex.base.cues.prep_role(p.payload) != PrepRole::Reciprocal || c.tok(t).keys.empty() ||
          c.tok(t).keys[0] != "\xD8\xA8\xD9\x8A\xD9\x86"sv)  // بين
        continue;
      std::vector<uint32_t> sides = actors_in(c, p.tok_end, sent.tok_end);
      if (sides.empty() || c.actor(sides[0]).tok_begin > p.tok_end + 2) break;
      size_t last = 0;
      std::vector<uint32_t> g = coordinated(c, sides, 0, &last);
      // «بين الطرفين» resolves to two actors at once.
      if (g.size() >= 2) {
        r.source.push_back(g[0]);
        r.target.assign(g.begin() + 1, g.end());
      } else {
        r.source = g;
      }
      r.reciprocal = true;
      r.how = "between";
      return r;
    }
  }

  // A coordinated verb («واعتقلت») and a passive reading (an explicit agent marker
  // later in the clause: «اعتُقل مراسل … من قبل الأسايش») change who the next actor is.
  const bool opens_clause = has_conjunction(c.tok(tm.tok_begin));
  // A verb that agrees in the plural («طردوا», «يقصفون») has its subject before it or in
  // itself: in VSO Arabic the verb before a plural subject stays singular
  // («طرد المقاتلون»), so the actor after a plural verb is its object.
  const bool plural_verb = verb && trig.pos == Pos::Verb && tm.tok_end == tm.tok_begin + 1 && agrees_in_plural(c.tok(tm.tok_begin));
  bool passive = false;
  {
    // the agent marker may stand past a comma («دعم الميليشيا بشكل مباشر، من قبل الشرطة»)
    std::vector<uint32_t> wide = actors_in(c, tm.tok_begin + 1, std::max(stop, clause_of(c, tm.tok_begin, true).second));
    for (size_t k = 1; k < wide.size(); ++k) {
      auto prep = prep_in(c, c.actor(wide[k - 1]).tok_end, c.actor(wide[k]).tok_begin, true);
      if (prep == PrepRole::Agent) {
        passive = true;
        if (after.size() < k + 1) after.assign(wide.begin(), wide.begin() + static_cast<std::ptrdiff_t>(k + 1));
      }
    }
  }
  auto take_after = [&](bool noun) {
    uint32_t cursor = tm.tok_end;
    for (size_t k = 0; k < after.size(); ++k) {
      const auto& a = c.actor(after[k]);
      if (a.tok_begin < cursor && a.tok_begin < tm.tok_end) cursor = a.tok_begin;  // inside the trigger
      if (a.tok_begin < cursor) continue;
      auto prep = prep_in(c, cursor, a.tok_begin, trig.frame == Frame::Victim || trig.frame == Frame::Self,
                          trig.frame == Frame::Undergo);
      uint32_t words = content_words(c, cursor, a.tok_begin);
      size_t last = k;
      std::vector<uint32_t> g = coordinated(c, after, k, &last);
      bool lam = has_lam(c.tok(a.tok_begin));
      bool assigned = true;
      if (prep == PrepRole::Agent) {
        add_all(r.source, g);
      } else if (prep == PrepRole::Target) {
        add_all(r.target, g);
      } else if (prep == PrepRole::Reciprocal && trig.frame == Frame::Self) {
        add_all(r.source, g);  // «أرسلت … تعزيزات مع قوات النظام»: together with
      } else if (prep == PrepRole::Reciprocal) {
        add_all(r.target, g);
        if (trig.type == "CONSULT"sv || trig.type == "COOPERATE"sv || trig.type == "AGREE"sv || trig.frame == Frame::Reciprocal)
          r.reciprocal = true;
      } else if (trig.frame == Frame::Victim || trig.frame == Frame::Undergo) {
        if (words <= 4 && r.target.empty()) add_all(r.target, g);
        else if (lam && r.source.empty()) add_all(r.source, g);  // «بغارة للطيران الروسي»
        else assigned = false;
      } else if (trig.frame == Frame::Self) {
        if (r.source.empty() && (words <= 2 || lam)) add_all(r.source, g);
        else assigned = false;
      } else if (noun) {
        const bool pronoun = a.anaphor && a.tok_end == a.tok_begin + 1 && c.tok(a.tok_begin).keys.size() > 1 &&
                             !is_definite(c.tok(a.tok_begin));
        if (pronoun && r.target.empty()) add_all(r.target, g);  // «بمهاجمة عناصره»: its object
        else if (passive && r.target.empty()) add_all(r.target, g);  // «دعم الميليشيا … من قبل الشرطة»
        else if (r.source.empty() && r.target.empty() && words == 0) add_all(r.source, g);  // «هجوم داعش», «هجوم لداعش»
        else if (r.target.empty() && words <= 3) add_all(r.target, g);
        else assigned = false;
      } else {
        // VSO: the subject follows the verb at once (dates and quotes may stand between);
        // a verb that opens a coordinated clause («واعتقلت عدداً من الشبان») keeps the
        // previous subject, and what follows it at a distance is its object.
        const uint32_t subject_gap = opens_clause ? 0 : 1;
        if (lam && !r.source.empty()) add_all(r.target, g);
        else if (r.source.empty() && r.target.empty() && words <= subject_gap && !lam && !passive && !plural_verb)
          add_all(r.source, g);
        else if (r.target.empty() && words <= 4) add_all(r.target, g);
        else assigned = false;
      }
      if (!assigned) break;
      cursor = c.actor(after[last]).tok_end;
      k = last;
    }
  };

  // «أعلنت جبهة النصرة … انسحابها»: a noun of an act done by its doer alone, with a
  // possessive pronoun, is done by the one the pronoun points back to — the nearest
  // actor before that is not a complement — and nothing after it is its doer
  if (!verb && trig.frame == Frame::Self && possessive_suffix(c.tok(tm.tok_end - 1))) {
    std::vector<uint32_t> prior = actors_in(c, sent.tok_begin, tm.tok_begin);
    for (size_t k = prior.size(); k-- > 0;) {
      const auto& a = c.actor(prior[k]);
      if (lam_bound(c, a) || prep_in(c, a.tok_begin >= 2 ? std::max(sent.tok_begin, a.tok_begin - 2) : sent.tok_begin, a.tok_begin))
        continue;
      if (content_words(c, a.tok_end, tm.tok_begin) > 12) break;
      r.source.push_back(prior[k]);
      r.how = "possessive_pronoun";
      return r;
    }
  }

  if (anchor_is_verb && anchor < tm.tok_begin) {
    // light verb: its subject stands between it and the noun, or before it
    if (!between.empty() && content_words(c, anchor + 1, c.actor(between[0]).tok_begin) <= 1) {
      // «لقي عدد من عناصر التنظيم مصرعهم»: the subject of «لقي» (met) with a noun that
      // tells a death or a wound is its victim («قام داعش بخطف …» keeps its agent)
      if (trig.frame == Frame::Victim && light_verb_undergoes(c, anchor)) {
        add_all(r.target, coordinated(c, between, 0));
        r.how = "light_verb_victim";
      } else {
        add_all(r.source, coordinated(c, between, 0));
        r.how = "light_verb_vso";
      }
    }
    take_after(true);
  } else {
    take_after(!verb);
    if (!r.source.empty() || !r.target.empty()) r.how = verb ? "after_verb" : "after_noun";
  }

  // «دعا … الحكومة التركية وحزب العمال الكردستاني إلى وقف العنف»: the one called on
  // is followed by «إلى»; the caller is elsewhere (a person's name, the sentence's subject)
  if (trig.type == "REQUEST"sv && verb && !r.source.empty() && r.target.empty()) {
    uint32_t end = 0;
    for (uint32_t x : r.source) end = std::max(end, c.actor(x).tok_end);
    if (end < sent.tok_end) {
      const auto& next = c.tok(end);
      if (next.norm == "\xD8\xA7\xD9\x84\xD9\x8A"sv /* الي */) {
        r.target = r.source;
        r.source.clear();
        r.how = "addressee";
      }
    }
  }

  // «المقاتلين الذين استهدفوا في مارع ينتمون لفصيل مسلح»: a plural verb right after
  // «الذين» with no object after it (a preposition or the clause's end follows) is the
  // passive; the clause describes those it was done to, the noun before the pronoun
  if (plural_verb && tm.tok_begin >= 1 && is_relative_pronoun(c.tok(tm.tok_begin - 1)) && tm.tok_end < sent.tok_end) {
    const auto& next = c.tok(tm.tok_end);
    const bool no_object = next.kind == TokenKind::Punct || next.norm == "\xD9\x81\xD9\x8A"sv ||  // في
                           next.norm == "\xD8\xAE\xD9\x84\xD8\xA7\xD9\x84"sv ||                  // خلال
                           next.norm == "\xD8\xAC\xD8\xB1\xD8\xA7\xD8\xA1"sv;                    // جراء
    if (no_object) {
      r.source.clear();
      r.target.clear();
      auto [lo, hi] = in_tokens(c.f.mentions.actors, sent.tok_begin, tm.tok_begin - 1);
      for (size_t k = hi; k-- > lo;) {
        const auto& am = c.actor(static_cast<uint32_t>(k));
        if (am.tok_end + 1 != tm.tok_begin || am.patron) continue;
        r.target.push_back(static_cast<uint32_t>(k));
        break;
      }
      r.how = "relative_passive";
      return r;
    }
  }

  // «القوات الخاصة الإسرائيلية التي اعتدت على الحراس»: a verb right after a relative
  // pronoun has for subject the actor the pronoun follows
  if (verb && r.source.empty() && tm.tok_begin >= 2) {
    const auto& rel = c.tok(tm.tok_begin - 1);
    if (is_relative_pronoun(rel)) {
      auto [lo, hi] = in_tokens(c.f.mentions.actors, sent.tok_begin, tm.tok_begin - 1);
      for (size_t k = hi; k-- > lo;) {
        const auto& am = c.actor(static_cast<uint32_t>(k));
        if (am.tok_end + 1 != tm.tok_begin || am.patron) continue;
        r.source.push_back(static_cast<uint32_t>(k));
        r.how = "relative_clause";
        break;
      }
    }
  }

  // «القصف التركي»: a nationality adjective as the agent of a noun.
  if (r.source.empty() && !verb && trig.frame != Frame::Victim) {
    if (auto n = nationality_after(c, tm.tok_end, extra)) {
      r.source.push_back(*n);
      r.how = "nationality_adjective";
    }
  }

  // Subject before the verb (SVO), or between a status cue and a noun
  // («محاولة الأخيرة اعتقال»).
  const bool wants_source = trig.frame != Frame::Victim && trig.frame != Frame::Undergo;
  // a bare noun has no subject before it, except the agent of a victim noun after a
  // status cue («محاولة الأخيرة اعتقال») and the undergoer of «تعرض»
  const bool looks_before = verb || anchor_is_verb || trig.frame == Frame::Victim || trig.frame == Frame::Undergo;
  if (!before.empty() && looks_before) {
    size_t k = before.size() - 1;
    // an actor glued to «ل» is a complement («جبهة النصرة … المناهضة لتنظيم داعش»), never
    // the subject: step back over such actors to the one they modify
    while (k > 0 && lam_bound(c, c.actor(before[k])) && content_words(c, c.actor(before[k - 1]).tok_end, c.actor(before[k]).tok_begin) <= 3) --k;
    while (k > 0 && c.actor(before[k - 1]).tok_begin == c.actor(before[k]).tok_begin) --k;  // both readings of an anaphor
    const auto& a = c.actor(before[k]);
    auto prep = prep_in(c, cb, a.tok_begin);
    bool prep_bound = prep.has_value() && a.tok_begin > cb && prep_in(c, a.tok_begin >= 3 ? std::max(cb, a.tok_begin - 3) : cb, a.tok_begin).has_value();
    uint32_t gap = content_words(c, a.tok_end, anchor);
    if (!prep_bound && gap <= 3) {
      std::vector<uint32_t> g;
      for (size_t j = k; j < before.size() && c.actor(before[j]).tok_begin == a.tok_begin; ++j) g.push_back(before[j]);
      // include actors coordinated before it
      size_t s = k;
      while (s > 0) {
        std::vector<uint32_t> probe = coordinated(c, before, s - 1);
        if (std::find(probe.begin(), probe.end(), before[k]) == probe.end()) break;
        --s;
        g.insert(g.begin(), before[s]);
      }
      if (wants_source && r.source.empty()) {
        add_all(r.source, g);
        if (r.how.empty()) r.how = "subject_before";
      } else if (!wants_source && trig.frame == Frame::Undergo && r.target.empty()) {
        add_all(r.target, g);
        if (r.how.empty()) r.how = "undergoer_before";
      } else if (trig.frame == Frame::Victim && plural_verb && r.target.empty() && r.source.empty()) {
        // «7 آخرين قتلوا جراء قصف»: a plural verb of harm after its subject, with no
        // object, is the passive («were killed»)
        add_all(r.target, g);
        if (r.how.empty()) r.how = "victim_before";
      } else if (trig.frame == Frame::Victim && r.source.empty()) {
        // «محاولة الأخيرة اعتقال», «تبنت الحركة … قتل شرطيين» (after a cue, «قتل» is the noun)
        bool cue_between = false;
        auto [s_lo, s_hi] = in_tokens(c.f.mentions.status, a.tok_begin >= 4 ? a.tok_begin - 4 : 0, a.tok_begin + 1);
        for (size_t si = s_lo; si < s_hi; ++si)
          if (c.f.mentions.status[si].tok_end <= a.tok_begin + 1) cue_between = true;
        if (cue_between) {
          add_all(r.source, g);
          if (r.how.empty()) r.how = "agent_before_noun";
        }
      }
    }
  }
  return r;
}

// The token is the first word of the trigger's form as written (its rule names the
// form: "triggers.tsv:74:ألقت القبض على"), maybe after «و»/«ف» — not the form's
// first word with a clitic glued on («القبض» against «قبض على»).
bool written_as_form(const knowledge::Trigger& t, const text::Token& tok) {
  const size_t colon = t.rule.rfind(':');
  if (colon == std::string::npos) return false;
  std::string_view form(t.rule);
  form = form.substr(colon + 1);
  form = form.substr(0, form.find(' '));
  return written_as(tok, text::fold_utf8(form));
}

// A trigger with a «req=» guard fires only when one of its words stands in its
// clause (or, for a noun, right around it).
bool guard_holds(const Context& c, const knowledge::Trigger& t, uint32_t cb, uint32_t ce, const TriggerMention& tm) {
  if (t.require.empty()) return true;
  const auto& sent = c.f.analysis.sentences[tm.sentence];
  uint32_t from = std::max(sent.tok_begin, std::min(cb, tm.tok_begin >= 3 ? tm.tok_begin - 3 : 0));
  uint32_t to = std::min(sent.tok_end, std::max(ce, tm.tok_end + 4));
  for (uint32_t i = from; i < to; ++i) {
    if (i >= tm.tok_begin && i < tm.tok_end) continue;
    for (const auto& k : c.tok(i).keys)
      for (const auto& r : t.require)
        if (k == r) return true;
  }
  return false;
}

bool civilian_kind(const knowledge::ActorInfo& a) {
  return a.kind == "civilians"sv || a.id == "civilians"sv || a.id == "children"sv || a.id == "women"sv ||
         a.id == "journalists"sv || a.id == "aid_workers"sv || a.id == "local_residents"sv;
}

std::set<std::string> actor_ids_of(const Context& c, const std::vector<uint32_t>& role, const std::vector<ActorMention>& extra) {
  std::set<std::string> ids;
  for (uint32_t i : role) {
    const ActorMention& m = mention_at(c, extra, i);
    ids.insert(c.lex.base.actors.at(m.actor).id);
  }
  return ids;
}

std::set<std::string> actor_ids(const Context& c, const Draft& d, const std::vector<ActorMention>& extra) {
  std::set<std::string> ids;
  auto add = [&](uint32_t i) {
    const ActorMention& m = mention_at(c, extra, i);
    ids.insert(c.lex.base.actors.at(m.actor).id);
  };
  for (uint32_t i : d.source) add(i);
  for (uint32_t i : d.target) add(i);
  return ids;
}

// Days from ISO date `a` to ISO date `b` (positive when a is earlier); 0 when either is missing.
long days_before(std::string_view a, std::string_view b) {
  auto days = [](std::string_view d) -> long {
    if (d.size() < 10) return -1;
    int y = std::atoi(std::string(d.substr(0, 4)).c_str()), m = std::atoi(std::string(d.substr(5, 2)).c_str()),
        dd = std::atoi(std::string(d.substr(8, 2)).c_str());
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe;
  };
  long x = days(a), y = days(b);
  if (x < 0 || y < 0) return 0;
  return y - x;
}

// The date stated in a clause, else in its sentence.
// An actor that is a source of one draft and a target of the other.
template <class D>
bool opposite_roles(const Context& c, const D& a, const D& b, const std::vector<ActorMention>& extra) {
  auto id = [&](uint32_t i) {
    return mention_at(c, extra, i).actor;
  };
  for (uint32_t x : a.source)
    for (uint32_t y : b.target)
      if (id(x) == id(y)) return true;
  for (uint32_t x : a.target)
    for (uint32_t y : b.source)
      if (id(x) == id(y)) return true;
  return false;
}

const dates::DateMention* date_for(const Context& c, uint32_t sentence, uint32_t cb, uint32_t ce) {
  const dates::DateMention* in_sentence = nullptr;
  const auto& s = c.f.analysis.sentences[sentence];
  auto [lo, hi] = in_tokens(c.f.dates, s.tok_begin, s.tok_end);
  for (size_t i = lo; i < hi; ++i) {
    const auto& d = c.f.dates[i];
    if (d.background || d.date.value.empty() || d.sentence != sentence) continue;
    if (d.tok_begin >= cb && d.tok_begin < ce) return &d;
    if (!in_sentence) in_sentence = &d;
  }
  return in_sentence;
}

// The first line is a headline when it is short, stands on its own line and ends
// without a full stop («مقتل وإصابة ستة عناصر من فصائل موالية لإيران شرقي دير الزور»).
bool is_headline(const text::Analysis& a) {
  if (a.sentences.size() < 3) return false;
  const auto& s = a.sentences[0];
  if (s.tok_end - s.tok_begin > 16 || s.tok_end >= a.tokens.size()) return false;
  const auto& last = a.tokens[s.tok_end - 1];
  return a.tokens[s.tok_end].newline_before && !(last.kind == TokenKind::Punct && last.norm == "."sv);
}

// Finer places first: a site or town, a district, a governorate or region, a country.
int precision_rank(const Place& p) {
  if (p.precision == "point"sv || p.precision == "town"sv) return 0;
  // a region inside one district («بادية البوكمال», the desert around a town) is as fine as
  // a district
  if (p.precision == "district"sv || (p.precision == "region"sv && !p.admin2.empty())) return 1;
  if (p.precision == "country"sv) return 3;
  return 2;
}

// Two events' places agree when both are near each other, with room for the
// coarser of the two («ريف دير الزور» holds «البوكمال»); a country agrees with anything;
// two named villages agree only when they are one.
bool places_agree(const geo::PlaceMention* a, const geo::PlaceMention* b) {
  if (!a || !b) return true;
  // two villages by two names are two places, however near («بلدة الشحيل», «بلدة ذيبان»)
  if (a->settlement && b->settlement && a->place.name_ar != b->place.name_ar) return false;
  if (!a->place.lat || !b->place.lat) return true;
  auto coarse = [](const Place& p) {
    return p.precision == "district"sv || p.precision == "governorate"sv || p.precision == "region"sv;
  };
  if (a->place.precision == "country"sv || b->place.precision == "country"sv) return true;
  // «ريف دير الزور الشرقي» holds «البوكمال», 90 km from its point
  auto holds = [](const geo::PlaceMention& s, const geo::PlaceMention& t) {
    return s.sector && !t.sector && !s.place.admin1.empty() && t.place.admin1 == s.place.admin1 &&
           geo::in_sector(s.sector->lat, s.sector->lon, s.sector->bearing, *t.place.lat, *t.place.lon);
  };
  if (holds(*a, *b) || holds(*b, *a)) return true;
  double limit = coarse(a->place) || coarse(b->place) ? 80 : 20;
  return geo::distance_km(*a->place.lat, *a->place.lon, *b->place.lat, *b->place.lon) <= limit;
}

// A place named inside an actor («الفصائل الموالية لإيران») is no event location.
bool inside_actor(const Context& c, const geo::PlaceMention& p) {
  for (uint32_t t = p.tok_begin; t < p.tok_end && t < c.in_actor.size(); ++t)
    if (c.in_actor[t]) return true;
  return false;
}

// The place of a clause, else of its sentence. `unresolved_villages`: also a village
// named with its type word that could not be placed («في مدينة سيلبوبي»), for telling
// two events apart by where they were.
const geo::PlaceMention* place_for(const Context& c, uint32_t sentence, uint32_t cb, uint32_t ce,
                                   bool unresolved_villages = false) {
  const geo::PlaceMention* in_clause = nullptr;
  const geo::PlaceMention* in_sentence = nullptr;
  auto better = [](const geo::PlaceMention* have, const geo::PlaceMention& p) {
    return !have || (have->place.precision == "country"sv && p.place.precision != "country"sv);
  };
  const auto& s = c.f.analysis.sentences[sentence];
  auto [lo, hi] = in_tokens(c.f.places, s.tok_begin, s.tok_end);
  for (size_t i = lo; i < hi; ++i) {
    const auto& p = c.f.places[i];
    if ((!p.place.lat && !(unresolved_villages && p.settlement)) || inside_actor(c, p)) continue;
    if (p.tok_begin >= cb && p.tok_begin < ce && better(in_clause, p)) in_clause = &p;
    if (p.sentence == sentence && better(in_sentence, p)) in_sentence = &p;
  }
  if (in_clause && (in_clause->place.precision != "country"sv || !in_sentence)) return in_clause;
  return in_sentence;
}

// An army announcing its enemies' dead is their killer (step 3e of assemble_events).
void announcer_is_doer(const Context& c, std::vector<Draft>& drafts, const std::vector<ActorMention>& extra) {
  const auto& M = c.f.mentions;
  const auto& lex = c.lex;
  const auto& f = c.f;
  // An army announcing its enemies' dead («أعلنت قيادة عمليات بغداد في بيان عن مقتل 17
  // داعشياً», «… عن مقتل 49 مسلحاً بقصف جوي») is the one that killed them: an attack on an
  // enemy with no doer named, told by a state's forces as the speaker, is that force's doing.
  for (auto& d : drafts) {
    if (!d.alive || d.type != "ASSAULT"sv || !d.source.empty() || d.target.empty() || d.reciprocal) continue;
    std::vector<uint32_t> tellings{d.trigger};  // its own trigger and those merged into it
    tellings.insert(tellings.end(), d.merged.begin(), d.merged.end());
    for (uint32_t ti : tellings) {
      const auto& tm = M.triggers[ti];
      const auto& sent = f.analysis.sentences[tm.sentence];
      auto [at_lo, at_hi] = in_tokens(M.attribution, sent.tok_begin, tm.tok_begin);
      for (size_t ai = at_lo; ai < at_hi && d.source.empty(); ++ai) {
        const auto& cue = M.attribution[ai];
        auto [k_lo, k_hi] = in_tokens(M.actors, cue.tok_end, std::min(cue.tok_end + 2, tm.tok_begin));
        for (size_t k = k_lo; k < k_hi; ++k) {
          const auto& info = lex.base.actors.at(M.actors[k].actor);
          if (info.kind != "state_forces"sv || M.actors[k].anaphor) continue;
          bool own_side = false;  // «أعلن الجيش مقتل ثلاثة من جنوده» is its own loss
          for (uint32_t x : d.target) {
            const ActorMention& m = mention_at(c, extra, x);
            const auto& t = lex.base.actors.at(m.actor);
            own_side = own_side || m.actor == M.actors[k].actor || t.kind == "state_forces"sv || civilian_kind(t);
          }
          if (own_side) break;
          d.source = {static_cast<uint32_t>(k)};
          if (c.trace) c.note("«" + std::string(c.tok(tm.tok_begin).norm) + "»: the forces announcing it are its doer");
          break;
        }
      }
    }
  }
}

// «N آخرين»: more victims of the doer told before (step 3e of assemble_events).
void others_share_the_doer(const Context& c, std::vector<Draft>& drafts) {
  const auto& M = c.f.mentions;
  // «مقتل 21 مدنياً … وأوضح المرصد أن 7 آخرين قتلوا جراء قصف»: «N others», more victims of
  // the attack just told, were hit by the same doer when none is named
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& d = drafts[i];
    if (!d.alive || d.type != "ASSAULT"sv || !d.source.empty()) continue;
    const ActorMention* others = nullptr;
    for (uint32_t x : d.target)
      if (x < M.actors.size() && M.actors[x].anaphor && M.actors[x].tok_end == M.actors[x].tok_begin + 1 &&
          names_others(c.tok(M.actors[x].tok_begin).norm))
        others = &M.actors[x];
    if (!others) continue;
    for (size_t j = i; j-- > 0;) {
      const Draft& prev = drafts[j];
      if (prev.sentence + 2 < d.sentence) break;
      if (!prev.alive || prev.type != "ASSAULT"sv || prev.source.empty()) continue;
      bool same_victims = false;
      for (uint32_t y : prev.target)
        same_victims = same_victims || (y < M.actors.size() && M.actors[y].actor == others->actor);
      if (!same_victims) continue;
      d.source = prev.source;
      if (c.trace) c.note("«" + std::string(c.tok(M.triggers[d.trigger].tok_begin).norm) + "»: more victims of the doer told before");
      break;
    }
  }
}

// The side a fight does not name, read from the article's other fights (step 3e).
void infer_other_sides(const Context& c, std::vector<Draft>& drafts, const std::vector<ActorMention>& extra) {
  const auto& M = c.f.mentions;
  const auto& lex = c.lex;
  // The other side, from the article: a capture or an attack told with its doer alone
  // («قصفت طائرات التحالف العربي قاعدة العند», «سيطرت المقاومة على مدينة لودر») was done
  // against the one that doer fights in the article's other events, when it fights one
  // side only; likewise an attack on a party («مواجهات مع الحوثيين») with no doer named.
  // Civilians are never inferred, nor inferred from.
  auto mention_of = [&](uint32_t x) -> const ActorMention& { return mention_at(c, extra, x); };
  auto civilian = [&](uint32_t x) { return civilian_kind(lex.base.actors.at(mention_of(x).actor)); };
  auto fights = [](const Draft& d) {
    return d.alive && (d.type == "ASSAULT"sv || (d.type == "COERCE"sv && (d.mode == "seize"sv || d.mode == "raid"sv || d.mode == "expel"sv)));
  };
  // opponents[air][actor] = (times fought, a mention of the opponent): who bombs from the
  // air and who fights on the ground are told apart («مواجهات مع الحوثيين» is not the
  // coalition's air war on them)
  auto by_air = [](const Draft& d) { return d.mode == "airstrike"sv || d.mode == "drone"sv; };
  std::map<uint32_t, std::map<uint32_t, std::pair<int, uint32_t>>> opponents_by[2];
  for (const auto& d : drafts) {
    if (!fights(d) || d.source.empty() || d.target.empty()) continue;
    auto& opponents = opponents_by[by_air(d) ? 1 : 0];
    for (uint32_t a : d.source)
      for (uint32_t b : d.target) {
        if (civilian(a) || civilian(b) || mention_of(a).actor == mention_of(b).actor) continue;
        auto& ab = opponents[mention_of(a).actor][mention_of(b).actor];
        ab = {ab.first + 1, b};
        auto& ba = opponents[mention_of(b).actor][mention_of(a).actor];
        ba = {ba.first + 1, a};
      }
  }
  // the single side the given actors fight most in the article, if there is one
  // who stands at each end of the article's fights, one-sided ones too: ends[0] the doers,
  // ends[1] the ones hit (times, a mention)
  std::map<uint32_t, std::pair<int, uint32_t>> ends[2];
  for (const auto& d2 : drafts) {
    if (!fights(d2)) continue;
    for (int e = 0; e < 2; ++e)
      for (uint32_t y : e == 0 ? d2.source : d2.target) {
        if (civilian(y)) continue;
        auto& t = ends[e][mention_of(y).actor];
        t = {t.first + 1, y};
      }
  }
  // two actors of one camp: one is the other's parent, or they share a patron or a parent
  // (the registry's: the Saudi-led coalition, the Yemeni army and the Popular Resistance)
  auto allies = [&](uint32_t a, uint32_t b) {
    const auto& x = lex.base.actors.at(a);
    const auto& y = lex.base.actors.at(b);
    if (x.parent == y.id || y.parent == x.id || (!x.parent.empty() && x.parent == y.parent)) return true;
    for (const auto& p : x.patrons)
      if (std::find(y.patrons.begin(), y.patrons.end(), p) != y.patrons.end()) return true;
    return false;
  };
  auto other_side = [&](const std::vector<uint32_t>& side, bool air, bool want_doer) -> std::optional<uint32_t> {
    std::map<uint32_t, std::pair<int, uint32_t>> tally;
    auto count = [&](const std::map<uint32_t, std::map<uint32_t, std::pair<int, uint32_t>>>& opponents, uint32_t who) {
      if (auto it = opponents.find(who); it != opponents.end())
        for (const auto& [opp, cm] : it->second) {
          auto& t = tally[opp];
          t = {t.first + cm.first, cm.second};
        }
    };
    for (uint32_t x : side) {
      if (civilian(x)) return std::nullopt;
      count(opponents_by[air ? 1 : 0], mention_of(x).actor);
    }
    // none in this kind of fight: whom it or its camp fights in any kind («قصفت طائرات
    // التحالف قاعدة العند» in a report of the Resistance's battles with the Houthis)
    if (tally.empty())
      for (const auto& table : opponents_by)
        for (const auto& [who, opps] : table)
          for (uint32_t x : side)
            if (who == mention_of(x).actor || allies(who, mention_of(x).actor)) {
              count(table, who);
              break;
            }
    // nor any pair at all: the one most often on the other end of the article's fights
    // that is not of its camp («سيطرت المقاومة على …» where the report's other fights
    // are all told against «الحوثيين»)
    if (tally.empty()) {
      for (const auto& [who, cm] : ends[want_doer ? 0 : 1]) {
        bool camp = false;
        for (uint32_t x : side) {
          const uint32_t me = mention_of(x).actor;
          const auto& a = lex.base.actors.at(me);
          const auto& b = lex.base.actors.at(who);
          // a state's own settlers or tribesmen are not its enemy by default
          const bool own_militia = !a.country.empty() && a.country == b.country &&
                                   (a.kind == "state_forces"sv || a.kind == "government"sv) && b.kind == "identity_militia"sv;
          camp = camp || who == me || allies(who, me) || own_militia ||
                 (!a.country.empty() && a.country == b.country && b.kind != "rebel_group"sv && b.kind != "political_militia"sv &&
                  a.kind == "identity_militia"sv && (b.kind == "state_forces"sv || b.kind == "government"sv));
        }
        if (camp) continue;
        tally[who] = cm;
      }
    }
    for (uint32_t x : side) tally.erase(mention_of(x).actor);
    int best = 0, ties = 0;
    std::optional<uint32_t> pick;
    for (const auto& [opp, cm] : tally) {
      if (cm.first > best) {
        best = cm.first;
        ties = 0;
        pick = cm.second;
      } else if (cm.first == best) {
        ++ties;
      }
    }
    if (ties > 0) return std::nullopt;
    return pick;
  };
  // (a bomb, a shot, a kidnapping, a killing of one person, a shell or an air raid on a
  // village hits whoever is there, often civilians: its other side is not inferred)
  auto aimed = [](const Draft& d) {
    return d.mode != "ied"sv && d.mode != "suicide"sv && d.mode != "assassination"sv && d.mode != "abduction"sv &&
           d.mode != "shooting"sv && d.mode != "beating"sv && d.mode != "shelling"sv && d.mode != "airstrike"sv &&
           d.mode != "drone"sv;
  };
  // … unless a shell or a raid is told to hit a military site: «قصفت طائرات التحالف مواقع
  // الدفاع الجوي», «قاعدة العند», «معسكراً»
  static constexpr std::string_view kSites[] = {
      "\xD9\x85\xD9\x88\xD8\xA7\xD9\x82\xD8\xB9"sv,              // مواقع
      "\xD9\x85\xD9\x88\xD9\x82\xD8\xB9"sv,                        // موقع
      "\xD9\x82\xD8\xA7\xD8\xB9\xD8\xAF\xD9\x87"sv,              // قاعده
      "\xD9\x85\xD8\xB9\xD8\xB3\xD9\x83\xD8\xB1"sv,              // معسكر
      "\xD9\x85\xD8\xB9\xD8\xB3\xD9\x83\xD8\xB1\xD8\xA7\xD8\xAA"sv,  // معسكرات
      "\xD8\xAA\xD8\xAC\xD9\x85\xD8\xB9"sv,                        // تجمع
      "\xD8\xAA\xD8\xAC\xD9\x85\xD8\xB9\xD8\xA7\xD8\xAA"sv,    // تجمعات
      "\xD9\x85\xD9\x82\xD8\xB1\xD8\xA7\xD8\xAA"sv,              // مقرات
      "\xD8\xAB\xD9\x83\xD9\x86\xD9\x87"sv,                        // ثكنه
      "\xD9\x85\xD8\xAE\xD8\xA7\xD8\xB2\xD9\x86"sv,              // مخازن
      "\xD8\xAA\xD8\xAD\xD8\xB5\xD9\x8A\xD9\x86\xD8\xA7\xD8\xAA"sv};  // تحصينات
  auto hits_a_site = [&](const Draft& d) {
    const auto& tm = M.triggers[d.trigger];
    const uint32_t end = std::min<uint32_t>(d.clause_end, tm.tok_end + 8);
    for (uint32_t t = tm.tok_end; t < end; ++t)
      for (const auto& k : c.tok(t).keys)
        for (auto site : kSites)
          if (k == site || (k.size() == site.size() + 2 && k.starts_with(site) && k.ends_with("\xD8\xA7"sv)))  // «معسكراً»
            return true;
    return false;
  };
  for (auto& d : drafts) {
    const bool remote = d.mode == "shelling"sv || d.mode == "airstrike"sv || d.mode == "drone"sv;
    if (!fights(d) || (!aimed(d) && !(remote && hits_a_site(d))) || (d.source.empty() == d.target.empty())) continue;
    const bool want_target = d.target.empty();
    // a fight among the parties named («تبادل لإطلاق النار» between two of them) has both sides
    if (d.reciprocal && (want_target ? d.source : d.target).size() >= 2) continue;
    if (auto opp = other_side(want_target ? d.source : d.target, by_air(d), !want_target)) {
      (want_target ? d.target : d.source).push_back(*opp);
      if (c.trace)
        c.note("«" + std::string(c.tok(M.triggers[d.trigger].tok_begin).norm) + "»: the other side is the one the " +
               (want_target ? "doer" : "one attacked") + " fights in the article");
    }
  }
}

}  // namespace

std::vector<Event> assemble_events(const AssemblyLexicons& lex, const ArticleFacts& f, Trace* trace) {
  Context c = make_context(lex, f, trace);
  const auto& M = f.mentions;
  std::vector<ActorMention> extra;  // actors made by rules (nationality adjectives)
  std::vector<Draft> drafts;
  Slicer slicer(f.text);

  const bool opens_with_headline = is_headline(f.analysis);
  // 1. One draft per trigger whose guard («req=») holds in its clause.
  for (uint32_t ti = 0; ti < M.triggers.size(); ++ti) {
    const auto& tm = M.triggers[ti];
    auto [cb, ce] = clause_of(c, tm.tok_begin);
    const knowledge::Trigger* chosen = nullptr;
    for (uint32_t option : tm.options) {
      const auto& t = lex.base.triggers.trigger(option);
      if (guard_holds(c, t, cb, ce, tm)) {
        chosen = &t;
        break;
      }
    }
    // «خطف تنظيم داعش نحو 230 مدنياً»: a word that is a noun and a verb, opening a
    // sentence of the body, is the verb (VSO); a headline opens with the noun («خطف 230 مدنياً»)
    if (chosen && chosen->pos == Pos::Noun && tm.tok_begin == f.analysis.sentences[tm.sentence].tok_begin &&
        !(tm.sentence == 0 && opens_with_headline)) {
      for (uint32_t option : tm.options) {
        const auto& t = lex.base.triggers.trigger(option);
        if (t.pos == Pos::Verb && t.type == chosen->type && guard_holds(c, t, cb, ce, tm)) {
          chosen = &t;
          break;
        }
      }
    }
    if (!chosen) {
      if (c.trace) c.note("skip «" + std::string(c.tok(tm.tok_begin).norm) + "»: its guard (req=) does not hold in the clause");
      continue;
    }
    // A verb never carries «ب», «ال» or a glued «ل» before a past form: «بدعم»,
    // «الدعم», «لدعم» are the noun spelled like the verb.
    // (unless a verb phrase begins with those letters as written: «بسطت سيطرتها», «ألقت القبض»)
    knowledge::Trigger as_noun;
    if (chosen->pos == Pos::Verb) {
      const auto& t0 = c.tok(tm.tok_begin);
      if ((has_ba(t0) || is_definite(t0) || has_lam(t0)) && !(tm.tok_end > tm.tok_begin + 1 && written_as_form(*chosen, t0))) {
        as_noun = *chosen;
        as_noun.pos = Pos::Noun;
        chosen = &as_noun;
      }
    }
    const auto& trig = *chosen;
    // «لدعم الشرعية», «لتحرير المدينة»: a noun glued to «ل» states a purpose, not a
    // happening — unless it is what the subject underwent («تعرضت النقاط لهجمات»)
    if (trig.pos == Pos::Noun && has_lam(c.tok(tm.tok_begin))) {
      bool undergone = false;
      auto [u_lo, u_hi] = in_tokens(M.triggers, tm.tok_begin >= 8 ? tm.tok_begin - 8 : 0, tm.tok_begin);
      for (size_t ui = u_lo; ui < u_hi; ++ui) {
        const auto& other = M.triggers[ui];
        if (other.sentence != tm.sentence || other.tok_end > tm.tok_begin || tm.tok_begin - other.tok_end > 3) continue;
        for (uint32_t o : other.options) {
          const auto& ot = lex.base.triggers.trigger(o);
          if (ot.frame == Frame::Undergo || ot.type == trig.type) undergone = true;
        }
      }
      if (!undergone) {
        if (c.trace) c.note("skip «" + std::string(c.tok(tm.tok_begin).norm) + "»: a purpose, not a happening");
        continue;
      }
    }
    uint32_t anchor = tm.tok_begin;
    bool light = false;
    // a phrase that is no light verb itself («استعادة السيطرة», «الدخول إلى») is a noun
    if (trig.pos == Pos::Noun || (trig.pos == Pos::Phrase && !c.light_at[tm.tok_begin])) {
      // a light verb up to four words before, in the same clause: «شنت طائرات التحالف غارات»
      auto [l_lo, l_hi] = in_tokens(M.light_verbs, tm.tok_begin >= 12 ? tm.tok_begin - 12 : 0, tm.tok_begin);
      for (size_t li = l_lo; li < l_hi; ++li) {
        const auto& lv = M.light_verbs[li];
        if (lv.sentence != tm.sentence || lv.tok_end > tm.tok_begin || tm.tok_begin - lv.tok_end > 8) continue;
        // «التوجه», «بنجاح»: with the article or «ب» the word is a noun, no light verb
        if ((is_definite(c.tok(lv.tok_begin)) || has_ba(c.tok(lv.tok_begin))) &&
            !written_as(c.tok(lv.tok_begin), lex.base.cues.light_verb_form(lv.payload)))
          continue;
        bool other_break = false;  // a comma may stand between, a new clause may not
        for (uint32_t t = lv.tok_end; t < tm.tok_begin; ++t)
          if (c.clause_break[t] && !is_clause_punct(c.tok(t))) other_break = true;
        if (other_break) continue;
        anchor = lv.tok_begin;
        light = true;
      }
      if (light) cb = std::min(cb, clause_of(c, anchor).first);
    }
    Draft d;
    d.anchor = light ? anchor : kNone;
    d.trigger = ti;
    d.sentence = tm.sentence;
    d.clause_begin = cb;
    d.clause_end = ce;
    d.type = trig.type;
    d.mode = trig.mode;
    d.cameo = trig.cameo;
    d.rule = trig.rule;
    d.frame = trig.frame;
    d.pos = trig.pos;
    d.definite = trig.pos == Pos::Noun && is_definite(c.tok(tm.tok_begin));
    d.consequence = trig.frame == Frame::Victim && trig.type == "ASSAULT"sv && trig.mode.empty();
    if (trig.future) d.status = "planned";
    // an instrument word in the clause sets the mode («بالمدفعية» → shelling)
    auto [m_lo, m_hi] = in_tokens(M.modes, d.clause_begin, d.clause_end + 4);
    for (size_t mi = m_lo; mi < m_hi; ++mi) {
      const auto& mw = M.modes[mi];
      const auto& w = lex.base.triggers.mode_word(mw.payload);
      if (w.type != d.type || mw.sentence != d.sentence) continue;
      if (mw.tok_begin >= d.clause_begin && mw.tok_begin < d.clause_end + 4 &&
          (d.mode.empty() || d.mode == "other"sv || d.type == "ASSAULT"sv)) {
        d.mode = w.mode;
        if (!w.cameo.empty()) d.cameo = w.cameo;
      }
    }
    RoleReading r = read_roles(c, tm, trig, anchor, light, cb, ce, extra);
    d.source = r.source;
    d.target = r.target;
    d.reciprocal = r.reciprocal;
    if (c.trace) c.note("trigger «" + std::string(c.tok(tm.tok_begin).norm) + "» " + trig.type + (trig.mode.empty() ? "" : "/" + trig.mode) +
           " rule=" + trig.rule + " roles=" + (r.how.empty() ? "none" : r.how) + (light ? " (light verb)" : ""));
    drafts.push_back(std::move(d));
  }

  // 2. Carry the subject of the previous clause to a verb that has none
  //    («واستنفرت الميليشيات … كما قامت بدوريات»).
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& d = drafts[i];
    if (!d.source.empty() || d.frame == Frame::Victim || d.frame == Frame::Undergo || d.reciprocal) continue;
    // only a verb that opens a coordinated clause («وقام», «كما قامت») inherits a subject
    const auto& tm = M.triggers[d.trigger];
    bool opens = has_conjunction(c.tok(tm.tok_begin)) || (tm.tok_begin > 0 && c.clause_break[tm.tok_begin - 1] &&
                                                          c.prep_at[tm.tok_begin - 1] >= 0);
    const bool verbal = d.pos == Pos::Verb || (d.pos == Pos::Phrase && c.light_at[tm.tok_begin]);
    if (!verbal || !opens) continue;
    // the subject of the sentence's main clause («وضم الوفد …، وقام بجولة»)
    const auto& sent = f.analysis.sentences[d.sentence];
    bool carried = false;
    auto [k_lo, k_hi] = in_tokens(M.actors, sent.tok_begin, tm.tok_begin);
    for (uint32_t k = static_cast<uint32_t>(k_lo); k < k_hi && !carried; ++k) {
      const auto& am = M.actors[k];
      if (am.patron ||
          attribution_only(lex.base.actors.at(am.actor)))
        continue;
      if (content_words(c, sent.tok_begin, am.tok_begin) > 2 || prep_in(c, sent.tok_begin, am.tok_begin)) break;
      d.source = {k};
      for (uint32_t k2 = k + 1; k2 < M.actors.size() && M.actors[k2].tok_begin == am.tok_begin; ++k2) d.source.push_back(k2);
      carried = true;
      if (c.trace) c.note("carry the sentence's subject to «" + std::string(c.tok(tm.tok_begin).norm) + "»");
    }
    if (carried) continue;
    for (size_t j = i; j-- > 0;) {
      if (drafts[j].sentence + 1 < d.sentence) break;
      if (!drafts[j].source.empty() && drafts[j].frame != Frame::Victim) {
        d.source = drafts[j].source;
        if (c.trace) c.note("carry subject to «" + std::string(c.tok(M.triggers[d.trigger].tok_begin).norm) + "» from the previous clause");
        break;
      }
    }
  }
  // Statements («مرفوض», «اتهم», «هدد», «طالب»): the speaker is the sentence's subject
  // when the clause names none, the one spoken about the nearest other actor.
  auto statement = [](const std::string& t) {
    return t == "REJECT"sv || t == "ACCUSE"sv || t == "THREATEN"sv || t == "REQUEST"sv || t == "SUPPORT"sv;
  };
  for (auto& d : drafts) {
    if (!statement(d.type)) continue;
    const auto& tm = M.triggers[d.trigger];
    const auto& sent = f.analysis.sentences[d.sentence];
    if (d.source.empty()) {
      auto [k_lo, k_hi] = in_tokens(M.actors, sent.tok_begin, tm.tok_begin);
      for (uint32_t k = static_cast<uint32_t>(k_lo); k < k_hi; ++k) {
        const auto& am = M.actors[k];
        if (am.patron || am.anaphor ||
            attribution_only(lex.base.actors.at(am.actor)) || excluded(c, am))
          continue;
        if (content_words(c, sent.tok_begin, am.tok_begin) > 2) break;
        d.source = {k};
        if (c.trace) c.note("the speaker of «" + std::string(c.tok(tm.tok_begin).norm) + "» is the sentence's subject");
        break;
      }
    }
    if (d.target.empty() && !d.source.empty()) {
      std::vector<uint32_t> others = actors_in(c, sent.tok_begin, sent.tok_end);
      uint32_t best = kNone, best_dist = 1000;
      const uint32_t s0 = d.source[0];
      const auto speaker = mention_at(c, extra, s0).actor;
      for (uint32_t k : others) {
        const auto& am = M.actors[k];
        if (am.actor == speaker) continue;
        uint32_t dist = am.tok_begin > tm.tok_begin ? am.tok_begin - tm.tok_begin : tm.tok_begin - am.tok_begin;
        if (dist < best_dist && dist <= 12) {
          best = k;
          best_dist = dist;
        }
      }
      if (best != kNone) d.target = {best};
    }
  }
  // «… طرفاً ثانياً …، في إشارة إلى X»: the one meant is X
  for (auto& d : drafts) {
    if (!statement(d.type) && d.type != "ASSAULT"sv) continue;
    const auto& sent = f.analysis.sentences[d.sentence];
    const uint32_t reach = std::min(sent.tok_end, M.triggers[d.trigger].tok_end + 40);
    for (uint32_t t = M.triggers[d.trigger].tok_end; t + 2 < reach; ++t) {
      if (c.tok(t).norm != "\xD9\x81\xD9\x8A"sv || c.tok(t + 1).keys.empty() ||
          c.tok(t + 1).keys[0] != "\xD8\xA7\xD8\xB4\xD8\xA7\xD8\xB1\xD9\x87"sv)  // في اشاره
        continue;
      std::vector<uint32_t> meant = actors_in(c, t + 2, std::min(sent.tok_end, t + 8));
      if (meant.empty()) break;
      std::vector<uint32_t> g = coordinated(c, meant, 0);
      if (d.type == "ASSAULT"sv) d.source = g;
      else d.target = g;
      if (c.trace) c.note("«في إشارة إلى» names who is meant by «" + std::string(c.tok(M.triggers[d.trigger].tok_begin).norm) + "»");
      break;
    }
  }

  // The undergoer of «تعرض … لهجمات» defaults to the previous clause's subject.
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& d = drafts[i];
    if (d.frame != Frame::Undergo || !d.target.empty()) continue;
    for (size_t j = i; j-- > 0 && drafts[j].sentence == d.sentence &&
                       M.triggers[drafts[j].trigger].tok_begin + 150 > M.triggers[d.trigger].tok_begin;)
      if (!drafts[j].source.empty()) {
        d.target = drafts[j].source;
        break;
      }
  }

  // «فإن الاجتماع سيناقش جهود السلام في سوريا واليمن»: what a meeting will discuss is its
  // agenda, not another meeting (the places and parties after it are topics)
  for (size_t i = 1; i < drafts.size(); ++i) {
    Draft& verb = drafts[i];
    if (!verb.alive || verb.type != "CONSULT"sv || verb.pos != Pos::Verb) continue;
    const Draft& noun = drafts[i - 1];
    if (noun.type != "CONSULT"sv || noun.pos != Pos::Noun || noun.sentence != verb.sentence) continue;
    if (M.triggers[noun.trigger].tok_end != M.triggers[verb.trigger].tok_begin) continue;
    verb.alive = false;
    if (c.trace) c.note("«" + std::string(c.tok(M.triggers[verb.trigger].tok_begin).norm) + "» is what «" +
                        std::string(c.tok(M.triggers[noun.trigger].tok_begin).norm) + "» will deal with");
  }
  // What a statement welcomes or condemns is its content, not a happening told anew:
  // «رحب رودس بالهجمات التركية على تنظيم داعش» is support for Turkey.
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& said = drafts[i];
    if (!said.alive || said.pos == Pos::Noun || (said.type != "SUPPORT"sv && said.type != "ACCUSE"sv)) continue;
    const auto& st = M.triggers[said.trigger];
    for (size_t j = i + 1; j < drafts.size() && drafts[j].sentence == said.sentence; ++j) {
      Draft& content = drafts[j];
      const auto& ct = M.triggers[content.trigger];
      if (ct.tok_begin > st.tok_end + 6) break;  // the speaker may stand between
      // «رحب بالهجمات», and for a condemnation also its direct object («دانت … القصف التركي»)
      // (a masdar spelled like a verb, right after a one-word speaker: «وأدان بيسكوف دعم واشنطن»)
      const bool masdar = content.pos != Pos::Noun && said.type == "ACCUSE"sv && ct.tok_begin <= st.tok_end + 1 &&
                          !has_conjunction(c.tok(ct.tok_begin));
      const bool object = has_ba(c.tok(ct.tok_begin)) ||
                          (said.type == "ACCUSE"sv && (is_definite(c.tok(ct.tok_begin)) || masdar));
      if (!content.alive || (content.pos != Pos::Noun && !masdar) || !object) continue;
      // «اتهمت الحكومة قوات حفتر بخرق …»: the accused named before the content stays the
      // target; an actor after it belongs to the content («بالهجمات التركية على داعش»)
      bool named_before = false;
      for (uint32_t x : said.target)
        if (x < M.actors.size() && M.actors[x].tok_begin < ct.tok_begin) named_before = true;
      if (!named_before) said.target = !content.source.empty() ? content.source : content.target;
      content.alive = false;
      if (c.trace) c.note("«" + std::string(c.tok(ct.tok_begin).norm) + "» is what «" + std::string(c.tok(st.tok_begin).norm) + "» is about");
      break;
    }
  }
  // 3c. Merge: a trigger pair in one clause of the same type, a consequence noun
  //    into the event that caused it, a definite noun into the happening told before.
  auto compatible_modes = [](const Draft& a, const Draft& b) {
    return a.mode.empty() || b.mode.empty() || a.mode == b.mode || a.type == "ASSAULT"sv;
  };
  // «هجوم على حاجز» says an attack, not how: its default mode (clash) gives way to the
  // way another telling of it names («استهدف … بالأسلحة الخفيفة» → shooting)
  auto open_mode = [](const Draft& d) { return d.mode.empty() || (d.mode == "clash"sv && !d.reciprocal && d.frame != Frame::Reciprocal); };
  auto modes_meet = [&](const Draft& a, const Draft& b) { return a.mode == b.mode || open_mode(a) || open_mode(b); };
  auto fold = [&](Draft& into, Draft& from, const char* why) {
    auto id_of = [&](uint32_t i) {
      const ActorMention& m = mention_at(c, extra, i);
      return m.actor;
    };
    auto holds = [&](const std::vector<uint32_t>& role, uint32_t i) {
      for (uint32_t x : role)
        if (id_of(x) == id_of(i)) return true;
      return false;
    };
    for (uint32_t x : from.source)
      if (!holds(into.target, x)) add_all(into.source, {x});
    for (uint32_t x : from.target)
      if (!holds(into.source, x)) add_all(into.target, {x});
    if (into.mode.empty() || into.mode == "other"sv || (open_mode(into) && !open_mode(from) && into.type == from.type)) {
      into.mode = from.mode;
      if (!from.cameo.empty() && into.type == from.type) into.cameo = from.cameo;
    }
    into.reciprocal = into.reciprocal || from.reciprocal;
    // a death that has taken in its cause («بمقتل مدني … في قصف شنه الحوثيون») is that attack
    // now, no loose consequence for another attack of the sentence to claim
    // (but «مقتل 12 … في هذا القصف» points back to the attack told before: still its toll)
    if (into.consequence && !from.consequence && from.type == "ASSAULT"sv && !from.definite) into.consequence = false;
    into.merged.push_back(from.trigger);
    from.alive = false;
    if (c.trace) c.note(std::string("merge «") + std::string(c.tok(M.triggers[from.trigger].tok_begin).norm) + "» into «" +
           std::string(c.tok(M.triggers[into.trigger].tok_begin).norm) + "»: " + why);
  };
  // 3a. A light verb that is a trigger itself («شنت», «أرسلت») tells the same event as
  //     the noun it governs («حملة اعتقالات», «تعزيزات»): the noun's type wins.
  // drafts come in token order: the light verb is one of the few drafts before its noun
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& noun = drafts[i];
    if (!noun.alive || noun.anchor == kNone) continue;
    for (size_t j = i; j-- > 0 && drafts[j].sentence == noun.sentence &&
                       M.triggers[drafts[j].trigger].tok_begin >= noun.anchor;)
      if (drafts[j].alive && M.triggers[drafts[j].trigger].tok_begin == noun.anchor)
        fold(noun, drafts[j], "light verb and its noun");
  }
  // 3a'. «بسطت سيطرتها على مدينة الحوطة … بعد اشتباكات عنيفة مع المتمردين»: the fighting
  //      a capture came after is how it was taken — one event, and the one fought is
  //      the one the place was taken from.
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& seize = drafts[i];
    if (!seize.alive || seize.type != "COERCE"sv || seize.mode != "seize"sv) continue;
    for (size_t j = i + 1; j < drafts.size() && drafts[j].sentence == seize.sentence; ++j) {
      Draft& fight = drafts[j];
      if (!fight.alive || fight.type != "ASSAULT"sv || fight.mode != "clash"sv || fight.pos != Pos::Noun) continue;
      const auto& ft = M.triggers[fight.trigger];
      const bool after_word = ft.tok_begin > 0 && (c.tok(ft.tok_begin - 1).norm == "\xD8\xA8\xD8\xB9\xD8\xAF"sv ||  // بعد
                                                   c.tok(ft.tok_begin - 1).norm == "\xD8\xB9\xD9\x82\xD8\xA8"sv);   // عقب
      if (!after_word) break;
      // the fighting names no doer of its own, or the capturer
      auto id_of = [&](uint32_t x) { return mention_at(c, extra, x).actor; };
      bool own_doer = false;
      for (uint32_t x : fight.source)
        if (std::none_of(seize.source.begin(), seize.source.end(), [&](uint32_t y) { return id_of(x) == id_of(y); }))
          own_doer = true;
      if (own_doer) break;
      const bool recip = seize.reciprocal;
      fold(seize, fight, "a capture and the fighting it came after");
      seize.reciprocal = recip;
      break;
    }
  }
  // 3b. A force noun that is the object of an attack («استهداف رتل للقوات الأمريكية»)
  //     names the target, not a movement.
  for (size_t i = 0; i < drafts.size(); ++i) {
    //     So does a post attacked («بالهجوم على عدد من الكمائن للجيش المصري»).
    Draft& obj = drafts[i];
    if (!obj.alive || (obj.type != "MOBILIZE"sv && obj.type != "ASSAULT"sv) || obj.pos != Pos::Noun) continue;
    const auto& ot = M.triggers[obj.trigger];
    for (size_t j = i; j-- > 0 && drafts[j].sentence == obj.sentence &&
                       M.triggers[drafts[j].trigger].tok_end + 4 >= ot.tok_begin;) {
      Draft& atk = drafts[j];
      if (!atk.alive || (atk.type != "ASSAULT"sv && atk.type != "COERCE"sv)) continue;
      const auto& at = M.triggers[atk.trigger];
      if (at.tok_end > ot.tok_begin) continue;
      const uint32_t gap = ot.tok_begin - at.tok_end;
      const bool on = gap >= 1 && gap <= 3 && prep_in(c, at.tok_end, ot.tok_begin) == PrepRole::Target;
      if (obj.type == "MOBILIZE"sv ? (gap > 1 && !on) : !on) continue;
      add_all(atk.target, obj.source);
      if (obj.type == "ASSAULT"sv) add_all(atk.target, obj.target);
      obj.alive = false;
      if (c.trace) c.note("«" + std::string(c.tok(ot.tok_begin).norm) + "» is the object of «" + std::string(c.tok(at.tok_begin).norm) + "»");
      break;
    }
  }
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (!drafts[i].alive) continue;
    // within a sentence, and within reach of each other (a run-on text stays linear)
    for (size_t j = i + 1; j < drafts.size() && drafts[j].sentence == drafts[i].sentence &&
                           M.triggers[drafts[j].trigger].tok_begin < M.triggers[drafts[i].trigger].tok_end + 150;
         ++j) {
      Draft& a = drafts[i];
      Draft& b = drafts[j];
      if (!b.alive || !a.alive) continue;
      bool same_clause = b.clause_begin < a.clause_end && a.clause_begin < b.clause_end;
      auto ia = actor_ids(c, a, extra), ib = actor_ids(c, b, extra);
      bool share = false;
      for (const auto& id : ib) share = share || ia.count(id) > 0;
      if (a.type == b.type && same_clause && compatible_modes(a, b)) {
        fold(a, b, "same clause");
      } else if (a.type == b.type && a.type != "ASSAULT"sv && (share || ib.empty()) &&
                 (a.mode == b.mode || a.type == "MOBILIZE"sv)) {
        fold(a, b, "same act twice in a sentence");
      } else if (a.type == "ASSAULT"sv && b.type == "ASSAULT"sv && share && !a.consequence && !b.consequence &&
                 modes_meet(a, b) && a.reciprocal == b.reciprocal &&
                 !opposite_roles(c, a, b, extra) &&
                 places_agree(place_for(c, a.sentence, a.clause_begin, a.clause_end, true),
                              place_for(c, b.sentence, b.clause_begin, b.clause_end, true))) {
        fold(a, b, "one attack told twice in a sentence");
      } else if (a.type == "ASSAULT"sv && b.consequence && !a.consequence) {
        fold(a, b, "consequence");
      } else if (b.type == "ASSAULT"sv && a.consequence && !b.consequence) {
        fold(b, a, "consequence");
      } else if (a.consequence && b.consequence) {
        fold(a, b, "killed and wounded in one happening");
      }
    }
  }
  // the place of each trigger's clause and of each draft's (unplaced villages too), looked
  // up once: the pairs below ask for them again and again
  std::vector<const geo::PlaceMention*> trigger_places(M.triggers.size(), nullptr), draft_places(drafts.size(), nullptr);
  std::vector<uint8_t> trigger_place_known(M.triggers.size(), 0), draft_place_known(drafts.size(), 0);
  auto trigger_place = [&](uint32_t t) {
    if (!trigger_place_known[t]) {
      auto [tb, te] = clause_of(c, M.triggers[t].tok_begin);
      trigger_places[t] = place_for(c, M.triggers[t].sentence, tb, te, true);
      trigger_place_known[t] = 1;
    }
    return trigger_places[t];
  };
  auto draft_place = [&](size_t k) {
    if (!draft_place_known[k]) {
      const Draft& d = drafts[k];
      draft_places[k] = place_for(c, d.sentence, d.clause_begin, d.clause_end, true);
      draft_place_known[k] = 1;
    }
    return draft_places[k];
  };
  // candidates: the drafts of the last ten sentences, and the headline's
  // (at most 300 drafts back: a run-on text stays linear)
  size_t window_begin = 0, sentence_first = 0;
  for (size_t j = 0; j < drafts.size(); ++j) {
    Draft& b = drafts[j];
    while (window_begin < j && (drafts[window_begin].sentence + 10 < b.sentence || j - window_begin > 300)) ++window_begin;
    if (drafts[sentence_first].sentence != b.sentence) sentence_first = j;
    if (!b.alive) continue;
    std::vector<size_t> candidates;
    for (size_t i = 0; i < window_begin && drafts[i].sentence == 0 && opens_with_headline; ++i) candidates.push_back(i);
    for (size_t i = window_begin; i < std::min(j, sentence_first); ++i) candidates.push_back(i);
    for (size_t i : candidates) {
      Draft& a = drafts[i];
      if (!a.alive || a.type != b.type) continue;
      if (a.sentence == b.sentence) continue;
      if (a.type != "ASSAULT"sv && a.mode != b.mode) continue;
      auto ia = actor_ids(c, a, extra), ib = actor_ids(c, b, extra);
      // who acts in one and is acted upon in the other: two happenings («ردت … على القصف»)
      if (!a.reciprocal && !b.reciprocal && opposite_roles(c, a, b, extra)) continue;
      bool share = false;
      for (const auto& id : ib)
        if (ia.count(id)) share = true;
      // a draft that has taken in the happening of one village takes in no other's: a lead
      // («قتل 28 مدنياً … على محافظة حلب») that the body tells as two raids, on «منبج» and
      // on «بلدة دير حافر», stays two events
      // (nor one of a place that does not agree with where it has already been: «لقي عدد من
      // عناصر داعش مصرعهم في عدد من المدن العراقية», then Anbar, then Samarra)
      const geo::PlaceMention* pa = draft_place(i);
      const geo::PlaceMention* pb = draft_place(j);
      if (pb) {
        bool elsewhere = false;
        for (uint32_t mt : a.merged)
          if (M.triggers[mt].sentence != a.sentence) elsewhere = elsewhere || !places_agree(trigger_place(mt), pb);
        if (elsewhere) continue;
      }
      // dates and places must not disagree («وتجددت الاشتباكات … صباح الاثنين»)
      const auto* da = date_for(c, a.sentence, a.clause_begin, a.clause_end);
      const auto* db = date_for(c, b.sentence, b.clause_begin, b.clause_end);
      if (da && db && da->date.value != db->date.value) continue;
      // one told with a date days before the report, the other without: two happenings
      // («وكان آخر هجوم للجماعة قد وقع في الأول من يوليو»)
      if ((da == nullptr) != (db == nullptr) && days_before((da ? da : db)->date.value, f.publication_date) > 3) continue;
      // a headline restates the report's main event: no place needed to agree;
      // nor does one force's advance told town by town («سيطرت على … كما سيطرت على …»)
      const bool headline = a.sentence == 0 && opens_with_headline;
      // a headline that names no one («قتلى للميليشيات الإيرانية في غارات ليلية») tells the
      // event the body then tells with its actors
      if (headline && ia.empty() && !ib.empty() && modes_meet(a, b)) {
        fold(a, b, "the headline's event told in the body");
        break;
      }
      const bool campaign = ((a.type == "COERCE"sv && a.mode == "seize"sv && b.mode == "seize"sv) ||
                             (a.type == "MOBILIZE"sv && a.mode == "troops"sv && b.mode == "troops"sv)) &&
                            b.sentence <= a.sentence + 2 &&
                            !a.source.empty() && !b.source.empty() && actor_ids_of(c, a.source, extra) == actor_ids_of(c, b.source, extra);
      if (campaign) {
        fold(a, b, "one force taking several places");
        break;
      }
      if (!headline && !places_agree(pa, pb)) continue;
      size_t shared = 0;
      for (const auto& id : ib) shared += ia.count(id);
      bool anaphoric = false;  // the later one names its actor by a reference word («الوفد»)
      for (uint32_t x : b.source) anaphoric = anaphoric || (x < M.actors.size() && M.actors[x].anaphor);
      for (uint32_t x : b.target) anaphoric = anaphoric || (x < M.actors.size() && M.actors[x].anaphor);
      // both name whom they hit, and no one in common: two attacks («… وفي السياق، استهدف
      // مسلحون المقاتل السابق …» after «هجوم على حاجز»)
      bool other_victims = !a.target.empty() && !b.target.empty() && !a.reciprocal && !b.reciprocal;
      if (other_victims) {
        auto ta = actor_ids_of(c, a.target, extra);
        for (const auto& id : actor_ids_of(c, b.target, extra)) other_victims = other_victims && !ta.count(id);
      }
      const bool retold_clash = a.reciprocal && b.reciprocal && shared >= 1 && a.mode == b.mode && b.sentence <= a.sentence + 2;
      if ((b.definite && (share || ib.empty()) && (modes_meet(a, b) || a.mode.empty() || b.mode.empty() || (!a.reciprocal && !b.reciprocal))) || (shared >= 2 && b.reciprocal && a.reciprocal) || retold_clash ||
          (anaphoric && share && a.mode == b.mode) || (headline && share && a.mode == b.mode && !other_victims)) {
        fold(a, b, "same happening told again");
        break;
      }
      // the same doer and the same done-to, told again further on («القوات الخاصة
      // الإسرائيلية … اعتدت على الحراس والمصلين» after «اعتداء القوات … على المصلين»)
      if (!a.source.empty() && !a.target.empty() && !a.reciprocal && !b.reciprocal && modes_meet(a, b) && pa && pb &&
          places_agree(pa, pb) && actor_ids_of(c, a.source, extra) == actor_ids_of(c, b.source, extra) &&
          actor_ids_of(c, a.target, extra) == actor_ids_of(c, b.target, extra)) {
        fold(a, b, "the same doer and done-to told again");
        break;
      }
      // violence told in nearby sentences: the casualties of a clash, the lead and the body
      const bool same_sides = shared >= 2 || (shared >= 1 && (ia.size() == 1 || ib.size() == 1));
      if (a.type == "ASSAULT"sv && b.sentence <= a.sentence + 3 &&
          (((b.consequence || a.consequence) && (share || ib.empty() || ia.empty())) ||
           (same_sides && modes_meet(a, b)))) {
        fold(a, b, "same violence in a nearby sentence");
        break;
      }
    }
  }

  // What a threat threatens is not a happening: «هدد … بشن عملية عسكرية ضد قسد»,
  // «هددت … باستهداف السفن». The threat keeps the threatened as its target.
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& threat = drafts[i];
    if (!threat.alive || threat.type != "THREATEN"sv) continue;
    const auto& tt = M.triggers[threat.trigger];
    for (size_t j = i + 1; j < drafts.size() && drafts[j].sentence == threat.sentence; ++j) {
      Draft& content = drafts[j];
      const auto& ct = M.triggers[content.trigger];
      if (ct.tok_begin > tt.tok_end + 6) break;
      // «هدد … بشن عملية», or the object of such a noun («هدد … بقطع الهدنة»)
      if (!content.alive || !(has_ba(c.tok(ct.tok_begin)) || (ct.tok_begin > tt.tok_end && has_ba(c.tok(ct.tok_begin - 1)))))
        continue;
      add_all(threat.target, content.target);
      content.alive = false;
      if (c.trace) c.note("«" + std::string(c.tok(ct.tok_begin).norm) + "» is what «" + std::string(c.tok(tt.tok_begin).norm) + "» threatens");
    }
  }
  // A protest whose protesters are not named is by protesters («تظاهر المئات»).
  {
    const int protesters = lex.base.actors.index_of("protesters");
    for (auto& d : drafts) {
      if (!d.alive || d.type != "PROTEST"sv || !d.source.empty() || protesters < 0) continue;
      const auto& tm = M.triggers[d.trigger];
      d.source.push_back(add_implied_actor(c, extra, static_cast<uint32_t>(protesters), tm.tok_begin, tm.tok_end,
                                           d.sentence, "protest_without_named_protesters"));
    }
  }

  // A meeting or a visit is between parties that can treat with each other: a leader
  // visiting a victim's family («وزار والدي الطفل») consults no one.
  for (auto& d : drafts) {
    if (!d.alive || d.type != "CONSULT"sv || d.target.empty()) continue;
    bool all_people = true;
    for (uint32_t x : d.target) {
      const ActorMention& m = mention_at(c, extra, x);
      all_people = all_people && civilian_kind(lex.base.actors.at(m.actor));
    }
    if (all_people) {
      d.alive = false;
      if (c.trace) c.note("drop «" + std::string(c.tok(M.triggers[d.trigger].tok_begin).norm) + "»: a visit to private people");
    }
  }
  // Civilians do not raid, arrest or shell: a civilian «source» of violence or
  // coercion is its victim read in the wrong role («اعتقال عدد من الشبان»).
  for (auto& d : drafts) {
    if (!d.alive || (d.type != "ASSAULT"sv && d.type != "COERCE"sv) || d.reciprocal) continue;
    std::vector<uint32_t> keep;
    for (uint32_t x : d.source) {
      const ActorMention& m = mention_at(c, extra, x);
      if (civilian_kind(lex.base.actors.at(m.actor))) add_all(d.target, {x});
      else keep.push_back(x);
    }
    d.source = keep;
  }

  // 3e. Sides the text leaves unnamed: the army announcing a toll, more victims of the
  //     doer just told, the other side of a one-sided fight.
  announcer_is_doer(c, drafts, extra);
  others_share_the_doer(c, drafts);
  infer_other_sides(c, drafts, extra);

  // 4. Drop drafts that say nothing: no actor, and a bare noun that is only a
  //    consequence or a restatement.
  // where each violent draft that will be told is named (its own trigger and those merged
  // into it), to give each toll of a sentence to the attack told nearest to it
  std::vector<std::pair<uint32_t, const Draft*>> attack_words;
  for (const auto& d : drafts) {
    if (!d.alive || d.type != "ASSAULT"sv || (d.source.empty() && d.target.empty())) continue;
    attack_words.emplace_back(M.triggers[d.trigger].tok_begin, &d);
    for (uint32_t mt : d.merged) attack_words.emplace_back(M.triggers[mt].tok_begin, &d);
  }
  std::sort(attack_words.begin(), attack_words.end());
  // «قتل نحو عشرين من أفرادها منذ اندلاع دوامة العنف»: a toll «since» something is the sum
  // of many happenings, no one event's
  std::vector<uint8_t> toll_since(f.casualties.size(), 0);
  for (size_t ci = 0; ci < f.casualties.size(); ++ci) {
    const auto& cm = f.casualties[ci];
    const uint32_t s_end = f.analysis.sentences[cm.sentence].tok_end;
    for (uint32_t t = cm.tok_end; t < s_end && t < cm.tok_end + 6 && !toll_since[ci]; ++t)
      toll_since[ci] = c.tok(t).norm == "\xD9\x85\xD9\x86\xD8\xB0"sv;  // منذ
  }
  std::vector<Event> events;
  for (auto& d : drafts) {
    if (!d.alive) continue;
    if (d.source.empty() && d.target.empty()) {
      if (c.trace) c.note("drop «" + std::string(c.tok(M.triggers[d.trigger].tok_begin).norm) + "»: no actor");
      continue;
    }
    // support as a noun («بدعم من», «دعم الولايات المتحدة لـ») is backing, told as a
    // relation; SUPPORT events are statements of support («رحب», «دافع عن»)
    if (d.type == "SUPPORT"sv && d.pos == Pos::Noun) {
      if (c.trace) c.note("drop «" + std::string(c.tok(M.triggers[d.trigger].tok_begin).norm) + "»: support as a noun");
      continue;
    }
    // background: the clause is dated long before the report («منذ عام 2013»)
    bool background = false;
    {
      auto [lo, hi] = in_tokens(f.dates, d.clause_begin, d.clause_end + 3);
      for (size_t i = lo; i < hi; ++i)
        if (f.dates[i].background && f.dates[i].sentence == d.sentence) background = true;
    }
    if (background) {
      if (c.trace) c.note("drop «" + std::string(c.tok(M.triggers[d.trigger].tok_begin).norm) + "»: background");
      continue;
    }
    // an opinion («اعتبر … أن», «يرى», «أعرب عن اعتقاده بأن») earlier in the sentence: what
    // follows is a view of events, not a report of one
    {
      const auto& sent = f.analysis.sentences[d.sentence];
      const uint32_t at = M.triggers[d.trigger].tok_begin;
      bool opinion = false;
      auto [o_lo, o_hi] = in_tokens(M.status, sent.tok_begin, at);
      for (size_t oi = o_lo; oi < o_hi && !opinion; ++oi)
        opinion = M.status[oi].tok_end <= at && lex.base.cues.status_cue(M.status[oi].payload).status == "opinion"sv;
      if (opinion && d.merged.empty()) {
        if (c.trace) c.note("drop «" + std::string(c.tok(at).norm) + "»: inside an opinion");
        continue;
      }
    }
    const auto& tm = M.triggers[d.trigger];
    const auto& sent = f.analysis.sentences[d.sentence];
    Event e;
    e.type = d.type;
    e.mode = d.mode;
    e.cameo = d.cameo;
    e.reciprocal = d.reciprocal;
    auto to_ref = [&](uint32_t i) {
      const ActorMention& m = mention_at(c, extra, i);
      const auto& info = lex.base.actors.at(m.actor);
      ActorRef ref;
      ref.id = info.id;
      ref.name_ar = info.name_ar;
      ref.name_en = info.name_en;
      ref.span = Span{f.analysis.tokens[m.tok_begin].begin, f.analysis.tokens[m.tok_end - 1].end};
      return ref;
    };
    std::set<std::string> seen;
    for (uint32_t i : d.source) {
      ActorRef r = to_ref(i);
      if (seen.insert(r.id).second) e.source.push_back(std::move(r));
    }
    for (uint32_t i : d.target) {
      ActorRef r = to_ref(i);
      if (seen.insert(r.id).second) e.target.push_back(std::move(r));
    }
    e.evidence.sentence = sent.span;
    e.evidence.trigger = Span{f.analysis.tokens[tm.tok_begin].begin, f.analysis.tokens[tm.tok_end - 1].end};
    e.evidence.rule = d.rule;
    e.status = d.status;

    // status: a cue before the trigger in its clause, or right after it
    const uint32_t soft_begin = clause_of(c, tm.tok_begin, true).first;
    auto [st_lo, st_hi] = in_tokens(M.status, std::min(soft_begin, tm.tok_begin >= 10 ? tm.tok_begin - 10 : 0u), tm.tok_end + 4);
    for (size_t si = st_lo; si < st_hi; ++si) {
      const auto& s = M.status[si];
      const auto& cue = lex.base.cues.status_cue(s.payload);
      bool near_before = cue.before && s.tok_end <= tm.tok_begin && s.tok_begin >= soft_begin &&
                         tm.tok_begin - s.tok_end <= 10;
      bool near_after = !cue.before && s.tok_begin >= tm.tok_end && s.tok_begin - tm.tok_end <= 3;
      if ((near_before || near_after) && cue.status != "opinion"sv) e.status = cue.status;
    }
    // attribution: a cue in the same sentence
    auto [at_lo, at_hi] = in_tokens(M.attribution, sent.tok_begin, sent.tok_end);
    for (size_t ai = at_lo; ai < at_hi; ++ai) {
      const auto& a = M.attribution[ai];
      // a bare verb («أكد», «قال») names no source by itself
      if (!lex.base.cues.attribution_cue(a.payload).prep_source && a.tok_end == a.tok_begin + 1) continue;
      uint32_t b = a.tok_begin + (lex.base.cues.attribution_cue(a.payload).prep_source ? 0 : 1);
      uint32_t end = a.tok_end;
      if (b >= end) {
        end = std::min(sent.tok_end, b + 3);
      }
      // a quoted name right after («موقع “عين الفرات”»)
      if (end < sent.tok_end && f.analysis.tokens[end].kind == TokenKind::Quote) {
        uint32_t q = end + 1;
        while (q < sent.tok_end && q < end + 6 && f.analysis.tokens[q].kind != TokenKind::Quote) ++q;
        if (q < sent.tok_end && f.analysis.tokens[q].kind == TokenKind::Quote) end = q + 1;
      }
      if (b < end)
        e.attribution = slicer(Span{f.analysis.tokens[b].begin, f.analysis.tokens[end - 1].end});
      break;
    }
    // place: own clause, then sentence; a finer place told in a sentence merged into
    // the event («شرقي دير الزور» in the headline, «البوكمال» in the body) wins over a
    // coarse one; then the article's main place
    // A headline's place is its summary («… في درعا»): the body's place of the same event
    // («بين بلدتي تسيل وسحم الجولان») wins over it unless it is coarser («بريف حلب» in the
    // body, «بشمال منبج» in the headline).
    const geo::PlaceMention* where = place_for(c, d.sentence, d.clause_begin, d.clause_end);
    auto in_headline = [&](const geo::PlaceMention* p) { return opens_with_headline && p->sentence == 0; };
    // a village the gazetteer lacks, placed at its container, still names a village
    auto rank = [](const geo::PlaceMention* p) { return p->settlement ? 0 : precision_rank(p->place); };
    for (uint32_t mt : d.merged) {
      const auto& other = M.triggers[mt];
      auto [ob, oe] = clause_of(c, other.tok_begin);
      const geo::PlaceMention* p = place_for(c, other.sentence, ob, oe);
      if (!p) continue;
      const bool body_over_headline = where && in_headline(where) && !in_headline(p) && rank(p) <= rank(where);
      const bool same_source = !where || in_headline(where) == in_headline(p);
      if (!where || body_over_headline || (same_source && rank(p) < rank(where)))
        where = p;
    }
    // a village of its own clause the gazetteer cannot place keeps its name, without
    // coordinates: nothing is borrowed from elsewhere («في مدينة سيلوبي»)
    // (but not where something came from: «استقدم تعزيزات من قرية السكرية»)
    if (!where) {
      const geo::PlaceMention* v = place_for(c, d.sentence, d.clause_begin, d.clause_end, true);
      if (v && !(v->tok_begin > 0 && c.tok(v->tok_begin - 1).norm == "\xD9\x85\xD9\x86"sv)) where = v;  // من
    }
    // none in its own sentences: the place of the sentence just before (a paragraph
    // goes on about one place), then the article's main place
    for (uint32_t back = 1; !where && back <= kPlaceLookBack && back <= d.sentence; ++back) {
      const auto& ps = f.analysis.sentences[d.sentence - back];
      const geo::PlaceMention* p = place_for(c, d.sentence - back, ps.tok_begin, ps.tok_end);
      if (p && p->place.precision != "country"sv) where = p;
    }
    if (where) e.location = where->place;
    else if (f.main_place >= 0) e.location = f.places[static_cast<size_t>(f.main_place)].place;
    // the sentences that tell this event
    std::vector<uint32_t> told{d.sentence};
    for (uint32_t mt : d.merged)
      if (std::find(told.begin(), told.end(), M.triggers[mt].sentence) == told.end()) told.push_back(M.triggers[mt].sentence);
    std::sort(told.begin(), told.end());
    // date: own clause, then sentence, then merged sentences
    const dates::DateMention* best = nullptr;
    for (uint32_t si : told) {
      auto [lo, hi] = in_tokens(f.dates, f.analysis.sentences[si].tok_begin, f.analysis.sentences[si].tok_end);
      for (size_t i = lo; i < hi; ++i) {
        const auto& dm = f.dates[i];
        if (dm.background || dm.date.value.empty()) continue;
        const bool own = dm.tok_begin >= d.clause_begin && dm.tok_begin < d.clause_end;
        const bool best_own = best && best->tok_begin >= d.clause_begin && best->tok_begin < d.clause_end;
        // the own clause's date first; else the earliest a telling gives («هاجموا … الليلة
        // الماضية» before «في بيان حمل تاريخ اليوم»): a report comes after the happening
        if (!best || (own && !best_own) || (!best_own && !own && dm.date.value < best->date.value)) best = &dm;
      }
    }
    // else the date of the report's lead («… مساء السبت» in its first sentences)
    if (!best) {
      for (const auto& dm : f.dates) {
        if (dm.sentence >= kLeadSentences) break;
        if (!dm.background && !dm.date.value.empty() && dm.date.precision == "day"sv) {
          best = &dm;
          break;
        }
      }
    }
    if (best) e.date = best->date;
    // history told as background («التي سيطر داعش عليها في 21 مايو»): more than six
    // weeks before the report
    if (best && best->tok_begin >= d.clause_begin && best->tok_begin < d.clause_end &&
        days_before(best->date.value, f.publication_date) > 45) {
      if (c.trace) c.note("drop «" + std::string(c.tok(tm.tok_begin).norm) + "»: dated long before the report");
      continue;
    }
    // casualties: the phrases of its sentence and of the sentences merged into it;
    // summed within a sentence («مقتل 42 حوثيا و9 مقاتلين»), the largest figure across
    // sentences, which restate one toll (the headline and the body)
    if (e.type == "ASSAULT"sv) {
      std::map<uint32_t, Casualties> per_sentence;
      for (uint32_t si : told) {
       // a sentence of history («تشهد سوريا منذ آذار 2011 نزاعاً تسبب بمقتل 230 ألف شخص»)
       // told next to the event adds no victims to it
       if (si != d.sentence) {
         bool history = false;
         auto [h_lo, h_hi] = in_tokens(f.dates, f.analysis.sentences[si].tok_begin, f.analysis.sentences[si].tok_end);
         for (size_t hi2 = h_lo; hi2 < h_hi; ++hi2) history = history || f.dates[hi2].background;
         if (history) continue;
       }
       auto [lo, hi] = in_tokens(f.casualties, f.analysis.sentences[si].tok_begin, f.analysis.sentences[si].tok_end);
       for (size_t ci = lo; ci < hi; ++ci) {
        const auto& cm = f.casualties[ci];
        if (toll_since[ci]) continue;
        // «بمقتل مدني وإصابة 4 في قصف شنه الحوثيون …، في وقت شن طيران التحالف غارات»: a
        // toll belongs to the attack named nearest to it in its sentence
        {
          const auto& sent_i = f.analysis.sentences[si];
          auto dist = [&](uint32_t t) { return t < cm.tok_begin ? cm.tok_begin - t : (t >= cm.tok_end ? t - cm.tok_end : 0u); };
          uint32_t mine = UINT32_MAX, theirs = UINT32_MAX;
          auto lo_it = std::lower_bound(attack_words.begin(), attack_words.end(), std::make_pair(sent_i.tok_begin, static_cast<const Draft*>(nullptr)));
          for (auto it = lo_it; it != attack_words.end() && it->first < sent_i.tok_end; ++it)
            (it->second == &d ? mine : theirs) = std::min(it->second == &d ? mine : theirs, dist(it->first));
          if (mine != UINT32_MAX && theirs < mine) continue;
        }
        Casualties& sum = per_sentence[cm.sentence];
        auto add = [](std::optional<int>& to, const std::optional<int>& v) {
          if (v) to = to.value_or(0) + *v;
        };
        add(sum.killed, cm.counts.killed);
        add(sum.injured, cm.counts.injured);
        add(sum.killed_civilians, cm.counts.killed_civilians);
        add(sum.injured_civilians, cm.counts.injured_civilians);
       }
      }
      auto most = [](std::optional<int>& to, const std::optional<int>& v) {
        if (v && (!to || *v > *to)) to = v;
      };
      for (const auto& [sentence, sum] : per_sentence) {
        most(e.casualties.killed, sum.killed);
        most(e.casualties.injured, sum.injured);
        most(e.casualties.killed_civilians, sum.killed_civilians);
        most(e.casualties.injured_civilians, sum.injured_civilians);
      }
      // but the sentence that names the event's own place, told after a lead, gives its
      // toll: «قتل 28 مدنياً … على محافظة حلب» is the day's total, «غارات على مدينة منبج
      // … مقتل 21 مدنياً» the raid's
      if (where && where->sentence != d.sentence) {
        if (auto it = per_sentence.find(where->sentence); it != per_sentence.end()) {
          if (it->second.killed) e.casualties.killed = it->second.killed;
          if (it->second.injured) e.casualties.injured = it->second.injured;
          if (it->second.killed_civilians) e.casualties.killed_civilians = it->second.killed_civilians;
          if (it->second.injured_civilians) e.casualties.injured_civilians = it->second.injured_civilians;
        }
      }
    }
    bool civ = false;
    for (const auto& t : e.target)
      if (const auto* info = lex.base.actors.find(t.id); info && civilian_kind(*info)) civ = true;
    if (const auto* ac = lex.base.triggers.acled(e.type, e.mode, civ)) {
      e.acled_event_type = ac->event_type;
      e.acled_sub_event_type = ac->sub_event_type;
    }
    e.confidence = 0.4 + (e.source.empty() ? 0 : 0.25) + (e.target.empty() ? 0 : 0.15) + (e.location ? 0.1 : 0) +
                   (e.date ? 0.05 : 0);
    events.push_back(std::move(e));
  }
  return events;
}

std::vector<Relation> assemble_relations(const AssemblyLexicons& lex, const ArticleFacts& f, Trace* trace) {
  std::vector<Relation> out;
  const auto& M = f.mentions;
  const auto& A = lex.base.actors;
  auto ref = [&](const ActorMention& m) {
    const auto& info = A.at(m.actor);
    return ActorRef{info.id, info.name_ar, info.name_en,
                    Span{f.analysis.tokens[m.tok_begin].begin, f.analysis.tokens[m.tok_end - 1].end}};
  };
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& cue : M.relations) {
    const auto& rc = lex.base.cues.relation_cue(cue.payload);
    // the client: actors ending right before the cue, with those coordinated with them
    std::vector<const ActorMention*> clients;
    // «المدعومين من روسيا» (plural or dual) covers every actor coordinated before it;
    // «المدعومة من روسيا» only the nearest.
    const std::string_view cue_word = f.analysis.tokens[cue.tok_begin].norm;
    const bool plural = cue_word.size() > 4 && (cue_word.compare(cue_word.size() - 4, 4, "\xD9\x8A\xD9\x86") == 0 ||
                                                cue_word.compare(cue_word.size() - 4, 4, "\xD9\x88\xD9\x86") == 0);
    auto [a_lo, a_hi] = in_tokens(M.actors, cue.tok_begin >= 60 ? cue.tok_begin - 60 : 0, cue.tok_end);
    for (auto it = std::make_reverse_iterator(M.actors.begin() + static_cast<std::ptrdiff_t>(a_hi));
         it != std::make_reverse_iterator(M.actors.begin() + static_cast<std::ptrdiff_t>(a_lo)); ++it) {
      if (!clients.empty() && !plural) break;
      if (it->anaphor) continue;
      // a name that contains its own cue («الفيلق الخامس المدعوم روسياً»)
      if (clients.empty() && it->tok_begin < cue.tok_begin && it->tok_end >= cue.tok_end) {
        clients.push_back(&*it);
        break;
      }
      if (it->tok_end > cue.tok_begin) continue;
      uint32_t gap = cue.tok_begin - it->tok_end;
      bool ok = gap == 0 || (gap == 1 && f.analysis.tokens[it->tok_end].kind == TokenKind::Quote);
      if (clients.empty()) {
        if (!ok) break;
        clients.push_back(&*it);
      } else {
        const ActorMention* last = clients.back();
        uint32_t g = last->tok_begin >= it->tok_end ? last->tok_begin - it->tok_end : 99;
        bool joined = (g == 0 && has_conjunction(f.analysis.tokens[last->tok_begin])) ||
                      (g == 1 && (f.analysis.tokens[it->tok_end].kind == TokenKind::Quote ||
                                  f.analysis.tokens[it->tok_end].norm == "\xD9\x88"sv));
        if (!joined) break;
        clients.push_back(&*it);
      }
    }
    if (clients.empty()) continue;
    // the patron: an actor starting right after the cue, or a nationality word
    std::optional<ActorRef> patron;
    std::vector<ActorRef> more_patrons;  // «المدعومة من روسيا وإيران»
    auto [p_lo, p_hi] = in_tokens(M.actors, cue.tok_end, cue.tok_end + 2);
    for (size_t pi = p_lo; pi < p_hi; ++pi)
      if (!M.actors[pi].anaphor) {
        patron = ref(M.actors[pi]);
        uint32_t end = M.actors[pi].tok_end;
        for (size_t qi = pi + 1; qi < M.actors.size(); ++qi) {
          const auto& next = M.actors[qi];
          if (next.anaphor || next.tok_begin < end) continue;
          const auto& first = f.analysis.tokens[next.tok_begin];
          bool joined = (next.tok_begin == end && has_conjunction(first)) ||
                        (next.tok_begin == end + 1 && (f.analysis.tokens[end].norm == "\xD9\x88"sv ||
                                                       f.analysis.tokens[end].norm == "\xD9\x88\xD9\x85\xD9\x86"sv));  // و ، ومن
          if (!joined) break;
          more_patrons.push_back(ref(next));
          end = next.tok_end;
        }
        break;
      }
    if (!patron) {
      auto [n_lo, n_hi] = in_tokens(M.nationalities, cue.tok_end, cue.tok_end + 2);
      for (size_t ni = n_lo; ni < n_hi; ++ni) {
        const auto& n = M.nationalities[ni];
        const std::string& key = A.country_key(n.payload);
        if (const auto* info = A.find(key)) {
          patron = ActorRef{info->id, info->name_ar, info->name_en,
                            Span{f.analysis.tokens[n.tok_begin].begin, f.analysis.tokens[n.tok_end - 1].end}};
        }
        break;
      }
    }
    if (!patron) continue;
    std::vector<ActorRef> patrons{*patron};
    patrons.insert(patrons.end(), more_patrons.begin(), more_patrons.end());
    for (const ActorRef& backer : patrons) {
      for (const ActorMention* cl : clients) {
        ActorRef client = ref(*cl);
        if (client.id == backer.id) continue;
        // «القوات الموالية للشرعية»: an organ backed by its own state is structure, not patronage
        if (rc.relation == "backed_by"sv && A.descends_from(client.id, backer.id)) continue;
        if (!seen.insert({client.id, backer.id}).second) continue;
        Relation r;
        r.actor = client;
        r.relation = rc.relation;
        r.patron = backer;
        r.evidence.sentence = f.analysis.sentences[cue.sentence].span;
        r.evidence.trigger = Span{f.analysis.tokens[cue.tok_begin].begin, f.analysis.tokens[cue.tok_end - 1].end};
        r.evidence.rule = "relations.tsv:" + std::string(f.analysis.tokens[cue.tok_begin].norm);
        if (trace) trace->push_back("relation " + client.id + " " + rc.relation + " " + backer.id);
        out.push_back(std::move(r));
      }
    }
  }
  return out;
}

}  // namespace marsad::code
