#include "code/mentions.h"

#include "code/ranges.h"

#include <algorithm>
#include <array>

namespace marsad::code {

using namespace std::string_view_literals;  // == "literal"sv: no strlen, no call when the sizes differ

bool is_definite(const text::Token& t);

namespace {

using knowledge::PhraseMatch;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool has_key(const text::Token& t, std::string_view key) {
  for (const auto& k : t.keys)
    if (k == key) return true;
  return false;
}

// "و" / "ف" + word: the remainder is one of the token's keys.
std::string_view without_conjunction(const text::Token& t) {
  std::string_view s = t.norm;
  if ((starts_with(s, "\xD9\x88") || starts_with(s, "\xD9\x81")) && s.size() > 6 &&
      (has_key(t, s.substr(2)) || has_key(t, text::dict_key(s.substr(2))))) {
    // «فروا», «وفوا»: a plural verb needs three root letters before «وا», so a word of
    // four letters ending in «وا» keeps its first letter
    const std::string_view rest = s.substr(2);
    if (rest.size() < 10 && rest.ends_with("\xD9\x88\xD8\xA7")) return s;
    return rest;
  }
  return s;
}

bool has_particle(const text::Token& t, std::string_view letter) {
  std::string_view s = without_conjunction(t);
  if (!starts_with(s, letter) || s.size() <= letter.size() + 2) return false;
  std::string_view rest = s.substr(letter.size());
  if (letter == "\xD9\x84"sv && starts_with(rest, "\xD9\x84")) return true;  // لل = ل + ال
  return has_key(t, rest) || has_key(t, text::dict_key(rest));
}

// «عناصره», «قواتها»: a pronoun suffix that points back to an actor.
bool has_pronoun_suffix(const text::Token& t) {
  std::string_view s = t.norm;
  for (std::string_view suffix : {"\xD9\x87", "\xD9\x87\xD8\xA7", "\xD9\x87\xD9\x85"})  // ه ها هم
    if (s.size() > suffix.size() + 4 && s.substr(s.size() - suffix.size()) == suffix) {
      std::string stem(s.substr(0, s.size() - suffix.size()));
      for (const auto& k : t.keys)
        if (k == stem) return true;
    }
  return false;
}

uint32_t skip_quotes_back(const std::vector<text::Token>& toks, uint32_t i, uint32_t floor) {
  while (i > floor && toks[i - 1].kind == text::TokenKind::Quote) --i;
  return i;
}

bool overlaps(uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) { return b1 < e2 && b2 < e1; }

// Which of a name match's readings to take: one that existed on the publication
// date, of the article's country, unambiguous; in that order of weight.
knowledge::ActorForm pick_form(const Lexicons& lex, const std::vector<PhraseMatch>& same_span, const ArticleContext& ctx) {
  const knowledge::ActorForm* best = nullptr;
  int best_score = -1;
  for (const auto& m : same_span) {
    const auto& f = lex.actors.form(m.payload);
    const auto& info = lex.actors.at(f.actor);
    int score = (lex.actors.valid_on(f.actor, ctx.date) ? 4 : 0) +
                (!ctx.country.empty() && info.country == ctx.country ? 2 : 0) + (f.ambiguous ? 0 : 1);
    if (score > best_score) {
      best = &f;
      best_score = score;
    }
  }
  return *best;
}

void find_actor_names(const Lexicons& lex, const text::Analysis& a, const text::Sentence& s, uint32_t si,
                      const ArticleContext& ctx, const std::vector<PhraseMatch>& all_names, std::vector<ActorMention>& out) {
  auto [n_lo, n_hi] = in_tokens(all_names, s.tok_begin, s.tok_end);
  const std::vector<PhraseMatch> names(all_names.begin() + static_cast<std::ptrdiff_t>(n_lo),
                                       all_names.begin() + static_cast<std::ptrdiff_t>(n_hi));
  for (size_t i = 0; i < names.size();) {
    size_t j = i;
    while (j < names.size() && names[j].tok_begin == names[i].tok_begin && names[j].tok_end == names[i].tok_end) ++j;
    std::vector<PhraseMatch> same(names.begin() + static_cast<std::ptrdiff_t>(i), names.begin() + static_cast<std::ptrdiff_t>(j));
    // a one-word name written with «ال» needs it in the text too
    const bool definite = is_definite(a.tokens[names[i].tok_begin]);
    std::erase_if(same, [&](const PhraseMatch& x) { return lex.actors.form(x.payload).article && !definite; });
    if (same.empty()) {
      i = j;
      continue;
    }
    knowledge::ActorForm f = pick_form(lex, same, ctx);
    for (const auto& x : same) f.ambiguous = f.ambiguous || lex.actors.form(x.payload).ambiguous;
    // a generic name of another country's organ («الجيش», «الحكومة») in this country's
    // news means this country's organ: «الجيش» in a Yemeni report is the Yemeni army
    std::string rule = "actors:" + lex.actors.at(f.actor).id;
    const auto& chosen = lex.actors.at(f.actor);
    if (f.ambiguous && !ctx.country.empty() && !chosen.country.empty() && chosen.country != ctx.country) {
      const std::string key = lex.actors.country_key_for(ctx.country);
      const char* role = chosen.kind == "government"sv ? "government" : chosen.kind == "state_forces"sv ? "forces" : nullptr;
      int local = key.empty() || !role ? -1 : lex.actors.compose(key, role);
      if (local >= 0) {
        f.actor = static_cast<uint32_t>(local);
        f.ambiguous = false;
        rule = "actors:generic+" + ctx.country;
      }
    }
    ActorMention m;
    m.tok_begin = m.name_begin = names[i].tok_begin;
    m.tok_end = names[i].tok_end;
    m.actor = f.actor;
    m.sentence = si;
    m.ambiguous = f.ambiguous;
    m.rule = rule;
    out.push_back(std::move(m));
    i = j;
  }
}

// «الشرطة العسكرية الروسية», «طيران الاستطلاع الروسي», «الميليشيات الموالية لإيران».
void find_composed(const Lexicons& lex, const text::Analysis& a, const text::Sentence& s, uint32_t si,
                   const ArticleContext& ctx, const std::vector<PhraseMatch>& all_roles, std::vector<ActorMention>& out) {
  std::vector<PhraseMatch> here;
  auto [r_lo, r_hi] = in_tokens(all_roles, s.tok_begin, s.tok_end);
  const std::vector<PhraseMatch> roles(all_roles.begin() + static_cast<std::ptrdiff_t>(r_lo),
                                       all_roles.begin() + static_cast<std::ptrdiff_t>(r_hi));
  // where names start: a composition never reaches over another actor's name
  std::vector<uint32_t> starts;
  for (const auto& m : out)
    if (m.sentence == si) starts.push_back(m.tok_begin);
  auto name_start = [&](uint32_t t) { return std::find(starts.begin(), starts.end(), t) != starts.end(); };
  // the composed actor for role phrase `r` and nationality match `nat`
  auto emit = [&](const PhraseMatch& r, const PhraseMatch& nat, const std::string& rule) {
    const std::string& country = lex.actors.country_key(nat.payload);
    int id = lex.actors.compose(country, lex.actors.role_name(r.payload));
    if (id < 0) return;
    ActorMention m;
    m.tok_begin = m.name_begin = r.tok_begin;
    m.tok_end = nat.tok_end;
    m.actor = static_cast<uint32_t>(id);
    m.sentence = si;
    m.rule = rule + country;
    out.push_back(std::move(m));
  };
  for (const auto& r : roles) {
    const std::string& role = lex.actors.role_name(r.payload);
    for (uint32_t q = r.tok_end; q < s.tok_end && q <= r.tok_end + 2; ++q) {
      const text::Token& t = a.tokens[q];
      if (t.kind == text::TokenKind::Punct || name_start(q)) break;
      // only adjectives stand between a role and its nationality («طيران الاستطلاع الروسي»);
      // a place («بمنطقة دوار المصرية») ends the phrase
      if (q > r.tok_end && !is_definite(a.tokens[q - 1])) break;
      if (!ctx.place_tokens.empty() && ctx.place_tokens[q]) break;
      here.clear();
      lex.actors.nationalities().match_at(a.tokens, q, s.tok_end, here);
      std::erase_if(here, [&](const PhraseMatch& x) { return lex.actors.patron_only(x.payload); });
      if (!here.empty()) {
        emit(r, here.front(), "compose:" + role + "+");
        break;
      }
      // «الموالية لـ» / «التابعة لـ» between the role and the country.
      here.clear();
      if (q <= r.tok_end + 1) lex.cues.relations().match_at(a.tokens, q, s.tok_end, here);
      if (!here.empty()) {
        std::vector<PhraseMatch> nat;  // the country is glued to «ل» in the next token
        if (here.front().tok_end < s.tok_end) lex.actors.nationalities().match_at(a.tokens, here.front().tok_end, s.tok_end, nat);
        if (nat.empty()) break;
        emit(r, nat.front(), "compose:" + role + "+relation+");
        break;
      }
    }
  }
}

// Keep the longest of overlapping actor mentions (names win ties).
std::vector<ActorMention> resolve_overlaps(std::vector<ActorMention> all) {
  std::stable_sort(all.begin(), all.end(), [](const ActorMention& x, const ActorMention& y) {
    uint32_t lx = x.tok_end - x.tok_begin, ly = y.tok_end - y.tok_begin;
    if (lx != ly) return lx > ly;
    return x.tok_begin < y.tok_begin;
  });
  std::vector<ActorMention> kept;
  for (auto& m : all) {
    bool clash = false;
    for (const auto& k : kept)
      if (overlaps(m.tok_begin, m.tok_end, k.tok_begin, k.tok_end)) clash = true;
    if (!clash) kept.push_back(std::move(m));
  }
  std::sort(kept.begin(), kept.end(), [](const ActorMention& x, const ActorMention& y) { return x.tok_begin < y.tok_begin; });
  return kept;
}

// Absorb head words before a name: «مليشيا “الدفاع الوطني”», «عناصر من الفوج 47».
void absorb_heads(const Lexicons& lex, const text::Analysis& a, uint32_t sentence_begin, ActorMention& m,
                  uint32_t floor) {
  std::vector<PhraseMatch> here;
  for (int round = 0; round < 3; ++round) {
    uint32_t b = skip_quotes_back(a.tokens, m.tok_begin, std::max(floor, sentence_begin));
    // allow «من» / «في» between a member head and the name: «عناصر من», «قيادي في»
    uint32_t bridge = b;
    if (b > std::max(floor, sentence_begin)) {
      const auto& prev = a.tokens[b - 1];
      if (prev.norm == "\xD9\x85\xD9\x86"sv || prev.norm == "\xD9\x81\xD9\x8A"sv) bridge = b - 1;  // من / في
    }
    bool found = false;
    for (uint32_t end : {b, bridge}) {
      for (uint32_t start = end >= 3 ? end - 3 : 0; start < end && !found; ++start) {
        if (start < std::max(floor, sentence_begin)) continue;
        here.clear();
        lex.actors.heads().match_at(a.tokens, start, end, here);
        for (const auto& h : here) {
          if (h.tok_end != end) continue;
          if (end == bridge && bridge != b && h.payload != 1) continue;  // only member heads bridge
          m.tok_begin = h.tok_begin;
          if (h.payload == 1) m.member = true;
          found = true;
          break;
        }
      }
      if (found) break;
    }
    if (!found) return;
  }
}

// The actors an anaphor points back to. `key` is its folded dictionary key.
//  - «الطرفين», «الجانبين»: the last two distinct participants named before;
//  - a word the text used before to introduce an actor («وفد من الشرطة العسكرية الروسية»
//    … «الوفد»): the actor that followed that word;
//  - a head word («الميليشيا» after «مليشيا الدفاع الوطني»): the latest actor it introduced;
//  - otherwise the latest participant named before.
std::vector<const ActorMention*> antecedents(const std::vector<const ActorMention*>& before, const text::Analysis& a,
                                             uint32_t anaphor_tok, const std::string& key, bool anaphor_is_pronoun,
                                             uint32_t a_sentence, bool* by_word = nullptr) {
  if (by_word) *by_word = false;
  std::vector<const ActorMention*> out;
  std::vector<const ActorMention*> people;
  for (const ActorMention* m : before)
    if (!m->patron) people.push_back(m);
  if (people.empty()) return out;
  const bool two = key.find("\xD8\xB7\xD8\xB1\xD9\x81") != std::string::npos ||  // طرف
                   key.find("\xD8\xAC\xD8\xA7\xD9\x86\xD8\xA8") != std::string::npos;  // جانب
  if (two) {
    for (auto it = people.rbegin(); it != people.rend() && out.size() < 2; ++it) {
      bool dup = false;
      for (const auto* o : out) dup = dup || o->actor == (*it)->actor;
      if (!dup) out.push_back(*it);
    }
    return out;
  }
  // «ميليشيا» and «مليشيا» are one word
  constexpr std::string_view variant = "\xD9\x85\xD9\x8A\xD9\x84\xD9\x8A\xD8\xB4";  // ميليش
  auto canonical = [&](std::string_view k, std::string& buf) -> std::string_view {
    if (!k.starts_with(variant)) return k;
    buf.assign(k.substr(0, 2));
    buf.append(k.substr(4));
    return buf;
  };
  std::string want_buf, buf;
  const std::string_view want = canonical(key, want_buf);
  const uint64_t want_hash = text::hash_key(want);
  // Walked back over many tokens: compare the keys' hashes before their letters.
  auto same_word = [&](const text::Token& t) {
    for (size_t i = 0; i < t.keys.size(); ++i) {
      const std::string_view k = t.keys[i];
      if (k.starts_with(variant)) {
        if (canonical(k, buf) == want) return true;
      } else if (t.keys.hash(i) == want_hash && k == want) {
        return true;
      }
    }
    return false;
  };
  // look back a few paragraphs at most: a reference word points to something near
  const uint32_t floor = anaphor_tok > 1500 ? anaphor_tok - 1500 : 0;
  for (uint32_t t = anaphor_tok; t-- > floor;) {
    if (!same_word(a.tokens[t])) continue;
    // the word is part of an actor's mention («مليشيا الدفاع الوطني», «حركة حماس»)
    for (const auto* m : people)
      if (m->tok_begin <= t && t < m->tok_end && !m->anaphor) {
        if (by_word) *by_word = true;
        return {m};
      }
    // «الوفد» again is itself a reference: look for where the text introduced it
    // («وفد من الشرطة العسكرية الروسية»): the actor right after it
    if (is_definite(a.tokens[t])) continue;
    for (const auto* m : people)
      if (m->tok_begin > t && m->tok_begin <= t + 4 && m->tok_begin < anaphor_tok) {
        if (by_word) *by_word = true;
        return {m};
      }
  }
  // a pronoun suffix («عناصره») points to the subject of its own sentence first
  if (anaphor_is_pronoun) {
    for (const auto* m : people)
      if (m->sentence == a_sentence && !m->anaphor) return {m};
  }
  out.push_back(people.back());
  return out;
}

// A reference word for an armed group («الميليشيات», «الفصائل», «التنظيم») never
// points back to a state, its government or its army («ميليشيات … عناصرها من أفغانستان»).
bool names_armed_group(std::string_view key) {
  for (std::string_view stem : {"\xD9\x85\xD9\x8A\xD9\x84\xD9\x8A\xD8\xB4"sv,  // ميليش
                                "\xD9\x85\xD9\x84\xD9\x8A\xD8\xB4"sv,              // مليش
                                "\xD9\x81\xD8\xB5\xD8\xA7\xD9\x8A\xD9\x84"sv,    // فصايل (folded)
                                "\xD9\x81\xD8\xB5\xD9\x8A\xD9\x84"sv,              // فصيل
                                "\xD8\xAA\xD9\x86\xD8\xB8\xD9\x8A\xD9\x85"sv,    // تنظيم
                                "\xD9\x85\xD8\xAC\xD9\x85\xD9\x88\xD8\xB9"sv})   // مجموع
    if (key.starts_with(stem)) return true;
  return false;
}

void drop_states(const knowledge::ActorLexicon& actors, std::string_view key, std::vector<const ActorMention*>& before) {
  if (!names_armed_group(key)) return;
  // nor to a state's army («سيطرت قوات النظام … بعد اشتباكات مع الفصائل»)
  std::erase_if(before, [&](const ActorMention* m) {
    const auto& kind = actors.at(m->actor).kind;
    return kind == "government"sv || kind == "state_forces"sv;
  });
}

// The dictionaries matched over every sentence, in the order of the merged
// index's tags: seven cue lists, then actor names, role phrases and triggers.
constexpr size_t kCueKinds = 7;
constexpr size_t kNames = 7, kRoles = 8, kTriggers = 9, kKinds = 10;
constexpr uint32_t kTagShift = 28;
std::array<const knowledge::PhraseIndex*, kKinds> cue_indexes(const knowledge::ActorLexicon& actors,
                                                              const knowledge::TriggerLexicon& triggers,
                                                              const knowledge::CueLexicon& cues) {
  return {&cues.preps(), &cues.status(), &cues.attribution(), &cues.relations(), &cues.light_verbs(),
          &triggers.mode_index(), &actors.nationalities(), &actors.names(), &actors.roles(), &triggers.index()};
}

// One walk of the merged index for every dictionary: at each token the longest match of each
// dictionary is taken unless an earlier match of the same dictionary covers
// the token — the leftmost-longest rule of PhraseIndex::find_longest, kept
// per dictionary.
using KindMatches = std::array<std::vector<PhraseMatch>, kKinds>;

KindMatches match_all(const knowledge::PhraseIndex& merged, const text::Analysis& a) {
  KindMatches out;
  std::vector<PhraseMatch> here;
  for (const auto& s : a.sentences) {
    std::array<uint32_t, kKinds> free_from;
    free_from.fill(s.tok_begin);
    for (uint32_t i = s.tok_begin; i < s.tok_end; ++i) {
      if (!merged.may_start(a.tokens[i])) continue;
      here.clear();
      merged.match_at(a.tokens, i, s.tok_end, here);  // longest first
      std::array<uint32_t, kKinds> taken_end{};
      for (const auto& x : here) {
        const uint32_t kind = x.payload >> kTagShift;
        if (kind >= kKinds || i < free_from[kind]) continue;
        if (taken_end[kind] != 0 && x.tok_end != taken_end[kind]) continue;  // shorter than the longest
        taken_end[kind] = x.tok_end;
        out[kind].push_back(PhraseMatch{x.tok_begin, x.tok_end, x.payload & ((1u << kTagShift) - 1)});
      }
      for (size_t k = 0; k < kKinds; ++k)
        if (taken_end[k] != 0) free_from[k] = taken_end[k];
    }
  }
  return out;
}


}  // namespace

knowledge::PhraseIndex merge_cue_indexes(const knowledge::ActorLexicon& actors, const knowledge::TriggerLexicon& triggers,
                                         const knowledge::CueLexicon& cues) {
  knowledge::PhraseIndex merged;
  const auto indexes = cue_indexes(actors, triggers, cues);
  for (uint32_t k = 0; k < kKinds; ++k)
    indexes[k]->for_each_phrase([&](const std::vector<std::string>& keys, const std::vector<uint32_t>& payloads) {
      for (uint32_t p : payloads) merged.add_keys(keys, (k << kTagShift) | p);
    });
  return merged;
}

bool has_lam(const text::Token& t) { return has_particle(t, "\xD9\x84"); }
bool has_ba(const text::Token& t) { return has_particle(t, "\xD8\xA8"); }
bool has_conjunction(const text::Token& t) { return without_conjunction(t).size() != t.norm.size(); }

bool written_as(const text::Token& t, std::string_view folded) {
  const std::string_view w = t.norm;
  if (w == folded) return true;
  // «و» and «ف» are one UTF-8 letter of two bytes
  return w.size() == folded.size() + 2 && w.substr(2) == folded &&
         (starts_with(w, "\xD9\x88") || starts_with(w, "\xD9\x81"));
}

bool names_others(std::string_view norm) {
  return norm == "\xD8\xA7\xD8\xAE\xD8\xB1\xD9\x8A\xD9\x86"sv || norm == "\xD8\xA7\xD8\xAE\xD8\xB1\xD9\x88\xD9\x86"sv;  // اخرين اخرون
}

bool is_definite(const text::Token& t) {
  std::string_view s = without_conjunction(t);
  return starts_with(s, "\xD8\xA7\xD9\x84") || starts_with(s, "\xD9\x84\xD9\x84") ||
         starts_with(s, "\xD8\xA8\xD8\xA7\xD9\x84") || starts_with(s, "\xD9\x83\xD8\xA7\xD9\x84");
}

Mentions find_mentions(const Lexicons& lex, const text::Analysis& a, const ArticleContext& ctx) {
  Mentions m;
  m.sentence_of.assign(a.tokens.size(), 0);
  for (uint32_t si = 0; si < a.sentences.size(); ++si)
    for (uint32_t t = a.sentences[si].tok_begin; t < a.sentences[si].tok_end; ++t) m.sentence_of[t] = si;

  const KindMatches matches = match_all(lex.merged, a);
  const std::array<std::vector<CueMention>*, kCueKinds> outputs = {
      &m.preps, &m.status, &m.attribution, &m.relations, &m.light_verbs, &m.modes, &m.nationalities};
  for (size_t k = 0; k < kCueKinds; ++k)
    for (const auto& x : matches[k]) outputs[k]->push_back(CueMention{x.tok_begin, x.tok_end, x.payload, m.sentence_of[x.tok_begin]});

  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const auto& s = a.sentences[si];
    std::vector<ActorMention> found;
    find_actor_names(lex, a, s, si, ctx, matches[kNames], found);
    find_composed(lex, a, s, si, ctx, matches[kRoles], found);
    found = resolve_overlaps(std::move(found));
    // an ambiguous name stands only with a head word («حركة أمل») or in its own country's news
    auto unsupported = [&](const ActorMention& am) {
      if (!am.ambiguous) return false;
      const auto& info = lex.actors.at(am.actor);
      if (info.country.empty()) return false;  // generic people («شاب», «طفل») and world bodies
      if (!ctx.country.empty() && info.country != ctx.country) return true;  // another country's news
      return am.tok_begin == am.name_begin && ctx.country.empty();
    };
    // «القاعدة» after «قاعدة العند» was named: the base again, not al-Qaeda. An ambiguous
    // one-word name that the report used before as a common noun heading a name
    // («قاعدة العند», outside any actor's name) refers back to that thing.
    auto names_a_thing = [&](const ActorMention& am) {
      if (!am.ambiguous || am.tok_end != am.name_begin + 1 || !is_definite(a.tokens[am.name_begin]) ||
          a.tokens[am.name_begin].keys.empty())
        return false;
      const std::string_view key = a.tokens[am.name_begin].keys.back();
      const uint32_t from = am.name_begin > 3000 ? am.name_begin - 3000 : 0;
      // earlier sentences' actors are in token order: only those starting shortly before k
      auto in_actor = [&](uint32_t k) {
        auto [lo, hi] = in_tokens(m.actors, k >= 16 ? k - 16 : 0, k + 1);
        for (size_t i = lo; i < hi; ++i)
          if (m.actors[i].tok_begin <= k && k < m.actors[i].tok_end) return true;
        return false;
      };
      for (uint32_t k = from; k + 1 < am.name_begin; ++k)
        if (!a.tokens[k].keys.empty() && a.tokens[k].keys.back() == key && !is_definite(a.tokens[k]) &&
            a.tokens[k + 1].kind == text::TokenKind::Word && !in_actor(k))
          return true;
      return false;
    };
    std::vector<ActorMention> kept;
    uint32_t floor = s.tok_begin;
    for (auto& am : found) {
      ActorMention probe = std::move(am);  // `found` is replaced by `kept` below
      absorb_heads(lex, a, s.tok_begin, probe, floor);
      if (unsupported(probe) || names_a_thing(probe)) continue;
      floor = probe.tok_end;
      kept.push_back(std::move(probe));
    }
    found = std::move(kept);
    // «49 مسلحاً من تنظيم داعش»: an unnamed armed group followed by «من» and a named
    // one is that named one's men; the generic reading goes.
    for (size_t i = 0; i + 1 < found.size(); ++i) {
      const auto& g = found[i];
      const auto& next = found[i + 1];
      if (g.anaphor || lex.actors.at(g.actor).kind != "unidentified"sv || next.anaphor) continue;
      uint32_t t = g.tok_end;
      // «25 مقاتلاً على الأقل من الفصائل»
      if (t + 2 < s.tok_end && a.tokens[t].norm == "\xD8\xB9\xD9\x84\xD9\x8A"sv &&  // علي (على)
          a.tokens[t + 1].keys.size() > 0 && a.tokens[t + 1].keys.back() == "\xD8\xA7\xD9\x82\xD9\x84"sv)  // اقل
        t += 2;
      if (t >= s.tok_end || a.tokens[t].norm != "\xD9\x85\xD9\x86"sv) continue;  // من
      ++t;
      if (t < s.tok_end && a.tokens[t].norm == "\xD8\xB5\xD9\x81\xD9\x88\xD9\x81"sv) ++t;  // صفوف
      // quotes, slashes and a head word may stand between («من تنظيم / داعش /»)
      for (uint32_t skipped = 0; t < next.tok_begin && skipped < 2 && a.tokens[t].norm != ","sv; ++skipped) ++t;
      if (next.tok_begin != t || lex.actors.at(next.actor).kind == "unidentified"sv) continue;
      found.erase(found.begin() + static_cast<std::ptrdiff_t>(i));
      --i;
    }
    // Patrons: an actor right after a relation cue («المدعومة من روسيا»).
    // A relation cue after a thing, not an actor («معسكر الحمزة الموالي لصالح والحوثيين»),
    // says whose the thing is: the actor after it is its owner, no patron.
    auto [r_lo, r_hi] = in_tokens(m.relations, s.tok_begin, s.tok_end);
    auto follows_actor = [&](const CueMention& r) {
      for (const auto& am : found)
        if (am.tok_end <= r.tok_begin && am.tok_end + 1 >= r.tok_begin) return true;
      return false;
    };
    for (size_t ri = r_lo; ri < r_hi; ++ri) {
      if (!follows_actor(m.relations[ri])) continue;
      for (auto& am : found)
        if (am.tok_begin >= m.relations[ri].tok_end && am.tok_begin <= m.relations[ri].tok_end + 1) am.patron = true;
    }
    // A generic definite name that the text used before as the head of another actor
    // («فصائل موالية لإيران» … «الفصائل») refers to that actor, not to the generic reading.
    for (auto& am : found) {
      if (am.anaphor || am.tok_end != am.name_begin + 1 || !is_definite(a.tokens[am.name_begin])) continue;
      auto [q_lo, q_hi] = in_tokens(m.preps, am.name_begin, am.name_begin + 1);
      bool reference_word = false;
      for (size_t qi = q_lo; qi < q_hi; ++qi)
        reference_word = reference_word || lex.cues.prep_role(m.preps[qi].payload) == knowledge::PrepRole::Anaphor;
      if (!reference_word || a.tokens[am.name_begin].keys.empty()) continue;
      auto [b_lo, b_hi] = in_tokens(m.actors, am.tok_begin > 1500 ? am.tok_begin - 1500 : 0, am.tok_begin);
      std::vector<const ActorMention*> before;
      for (size_t bi = b_lo; bi < b_hi; ++bi) before.push_back(&m.actors[bi]);
      const std::string key = text::dict_key(a.tokens[am.name_begin].keys.back());
      drop_states(lex.actors, key, before);
      bool by_word = false;
      auto ante = antecedents(before, a, am.name_begin, key, false, si, &by_word);
      if (!by_word || ante.empty() || ante[0]->actor == am.actor) continue;
      am.rule = "anaphor:" + std::string(a.tokens[am.name_begin].norm) + "->" + lex.actors.at(ante[0]->actor).id;
      am.actor = ante[0]->actor;
      am.anaphor = true;
    }
    // Anaphors in this sentence, resolved against the actors named shortly before them.
    auto [p_lo, p_hi] = in_tokens(m.preps, s.tok_begin, s.tok_end);
    for (size_t pi = p_lo; pi < p_hi; ++pi) {
      const auto& p = m.preps[pi];
      if (lex.cues.prep_role(p.payload) != knowledge::PrepRole::Anaphor) continue;
      // a reference word is definite («التنظيم»); «تنظيم داعش» names the group itself
      if (!is_definite(a.tokens[p.tok_begin]) && !has_pronoun_suffix(a.tokens[p.tok_begin])) continue;
      bool inside = false;
      for (const auto& am : found)
        if (overlaps(p.tok_begin, p.tok_end, am.tok_begin, am.tok_end)) inside = true;
      if (inside) continue;
      // «والقوات المتحالفة معها», «الفصائل الموالية له»: the allies of the one named before,
      // not that one
      bool ally = false;
      auto [l_lo, l_hi] = in_tokens(m.relations, p.tok_end, p.tok_end + 1);
      for (size_t li = l_lo; li < l_hi; ++li) {
        const auto& kind = lex.cues.relation_cue(m.relations[li].payload).relation;
        ally = ally || kind == "allied_with"sv || kind == "backed_by"sv;
      }
      if (ally) continue;
      auto [b_lo, b_hi] = in_tokens(m.actors, p.tok_begin > 1500 ? p.tok_begin - 1500 : 0, p.tok_begin);
      std::vector<const ActorMention*> before;
      for (size_t bi = b_lo; bi < b_hi; ++bi) before.push_back(&m.actors[bi]);
      for (const auto& am : found)
        if (am.tok_end <= p.tok_begin) before.push_back(&am);
      const auto& keys = a.tokens[p.tok_begin].keys;
      std::string key = p.tok_end == p.tok_begin + 1 && !keys.empty() ? std::string(keys.back()) : std::string();
      if (!keys.empty()) key = text::dict_key(keys.back());
      const bool pronoun = !is_definite(a.tokens[p.tok_begin]) && has_pronoun_suffix(a.tokens[p.tok_begin]);
      drop_states(lex.actors, key, before);
      // (the antecedents may point into `found`: read them all before it grows)
      std::vector<ActorMention> resolved;
      for (const ActorMention* ante : antecedents(before, a, p.tok_begin, key, pronoun, si)) {
        ActorMention r;
        r.tok_begin = r.name_begin = p.tok_begin;
        r.tok_end = p.tok_end;
        r.actor = ante->actor;
        r.sentence = si;
        r.member = ante->member;
        r.anaphor = true;
        r.rule = "anaphor:" + std::string(a.tokens[p.tok_begin].norm) + "->" + lex.actors.at(ante->actor).id;
        resolved.push_back(std::move(r));
      }
      for (auto& r : resolved) found.push_back(std::move(r));
    }
    // «مقتل 21 مدنياً … وأوضح المرصد أن 7 آخرين قتلوا»: «N others» are more of the
    // civilians just named (the last civilian mention of this or the two sentences before)
    for (uint32_t t = s.tok_begin + 1; t < s.tok_end; ++t) {
      const std::string_view w = a.tokens[t].norm;
      if (!names_others(w) || a.tokens[t - 1].kind != text::TokenKind::Number) continue;
      bool taken = false;
      for (const auto& am : found) taken = taken || (am.tok_begin <= t && t < am.tok_end);
      if (taken) continue;
      const ActorMention* ante = nullptr;
      auto civilian = [&](const ActorMention& am) { return lex.actors.at(am.actor).kind == "civilians"sv; };
      for (const auto& am : found)
        if (am.tok_end <= t && civilian(am)) ante = &am;
      for (size_t k = m.actors.size(); !ante && k-- > 0;) {
        if (m.actors[k].sentence + 2 < si) break;
        if (civilian(m.actors[k])) ante = &m.actors[k];
      }
      if (!ante) continue;
      ActorMention r;
      r.tok_begin = r.name_begin = t;
      r.tok_end = t + 1;
      r.actor = ante->actor;
      r.sentence = si;
      r.anaphor = true;
      r.rule = "anaphor:" + std::string(w) + "->" + lex.actors.at(ante->actor).id;
      found.push_back(std::move(r));
    }
    std::stable_sort(found.begin(), found.end(), [](const ActorMention& x, const ActorMention& y) { return x.tok_begin < y.tok_begin; });
    for (auto& am : found) m.actors.push_back(std::move(am));
  }

  // Triggers: longest matches that are not part of an actor's name, outside page furniture.
  std::vector<uint8_t> in_name(a.tokens.size(), 0);
  for (const auto& am : m.actors)
    if (!am.anaphor)
      for (uint32_t k = am.name_begin; k < am.tok_end; ++k) in_name[k] = 1;
  std::vector<PhraseMatch> trig, furniture;
  for (const auto& s : a.sentences) {
    furniture.clear();
    lex.cues.boilerplate().match_at(a.tokens, s.tok_begin, s.tok_end, furniture);
    if (!furniture.empty()) continue;
    auto [t_lo, t_hi] = in_tokens(matches[kTriggers], s.tok_begin, s.tok_end);
    trig.insert(trig.end(), matches[kTriggers].begin() + static_cast<std::ptrdiff_t>(t_lo),
                matches[kTriggers].begin() + static_cast<std::ptrdiff_t>(t_hi));
  }
  for (size_t i = 0; i < trig.size(); ++i) {
    const auto& t = trig[i];
    if (i > 0 && trig[i - 1].tok_begin == t.tok_begin && trig[i - 1].tok_end == t.tok_end) {
      if (!m.triggers.empty() && m.triggers.back().tok_begin == t.tok_begin) m.triggers.back().options.push_back(t.payload);
      continue;
    }
    bool in_actor = false;
    for (uint32_t k = t.tok_begin; k < t.tok_end; ++k) in_actor = in_actor || in_name[k];
    if (in_actor) continue;
    // longest match across dictionaries: «مسيرة» inside «طائرة مسيرة» is a drone, not a march
    bool in_mode = false;
    auto [md_lo, md_hi] = in_tokens(m.modes, t.tok_begin >= 8 ? t.tok_begin - 8 : 0, t.tok_begin + 1);
    for (size_t mi = md_lo; mi < md_hi; ++mi)
      if (const auto& mw = m.modes[mi]; mw.tok_begin <= t.tok_begin && t.tok_end <= mw.tok_end && (mw.tok_end - mw.tok_begin) > (t.tok_end - t.tok_begin) &&
          lex.triggers.mode_word(mw.payload).type != lex.triggers.trigger(t.payload).type)
        in_mode = true;
    if (in_mode) continue;
    // states: «تسيطر … منذ 2016», «الخاضع لسيطرة», «تحسباً لهجمات»
    bool state = false;
    std::vector<PhraseMatch> st;
    const uint32_t sb = a.sentences[m.sentence_of[t.tok_begin]].tok_begin;
    const uint32_t se = a.sentences[m.sentence_of[t.tok_begin]].tok_end;
    // a state that is the trigger or goes on past it («يرفض التعليق»: declines to comment)
    lex.triggers.states().match_at(a.tokens, t.tok_begin, std::min(se, t.tok_end + 3), st);
    const std::string& type = lex.triggers.trigger(t.payload).type;
    for (const auto& x : st)
      if (!lex.triggers.state_entry(x.payload).blocker && x.tok_end >= t.tok_end) state = true;
    // a blocker up to its reach before the trigger (two words unless states.tsv says more)
    constexpr uint32_t kMaxReach = 5;
    for (uint32_t b = t.tok_begin >= kMaxReach ? std::max(sb, t.tok_begin - kMaxReach) : sb; b < t.tok_begin && !state; ++b) {
      st.clear();
      lex.triggers.states().match_at(a.tokens, b, t.tok_begin, st);
      for (const auto& x : st) {
        const auto& e = lex.triggers.state_entry(x.payload);
        if (e.blocker && (e.blocks.empty() || e.blocks == type) && t.tok_begin - b <= e.reach) state = true;
      }
    }
    if (state) continue;
    m.triggers.push_back(TriggerMention{t.tok_begin, t.tok_end, t.payload, m.sentence_of[t.tok_begin], {t.payload}});
  }
  return m;
}

}  // namespace marsad::code
