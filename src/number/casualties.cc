// Casualty counts per phrase (see casualties.h).
#include "number/casualties.h"

#include <algorithm>
#include <cstring>
#include <array>

#include "knowledge/tsv.h"
#include "marsad/marsad.h"

namespace marsad::number {

using namespace std::string_view_literals;  // == "literal"sv: no strlen, no call when the sizes differ

namespace {

using knowledge::TsvTable;
using text::TokenKind;

constexpr std::array<std::string_view, 5> kPronouns = {"هما", "ها", "هم", "هن", "ه"};

std::optional<int> add(std::optional<int> a, std::optional<int> b) {
  if (!a) return b;
  if (!b) return a;
  return *a + *b;
}

std::optional<int> to_int(const std::optional<long long>& v) {
  if (!v || *v < 0 || *v > 10000000) return std::nullopt;
  return static_cast<int>(*v);
}

}  // namespace

CasualtyFinder::CasualtyFinder(const std::filesystem::path& data_dir, const NumberReader& numbers)
    : numbers_(numbers) {
  const auto dir = data_dir / "numbers";
  {
    const auto t = TsvTable::read(dir / "casualty_words.tsv");
    const size_t cw = t.column("word"), ck = t.column("kind"), cp = t.column("pos"), cc = t.column("count");
    for (const auto& r : t.rows()) {
      Word w;
      const std::string& k = TsvTable::cell(r, ck);
      const std::string& p = TsvTable::cell(r, cp);
      const std::string& c = TsvTable::cell(r, cc);
      if (k == "killed"sv) w.kind = Kind::Killed;
      else if (k == "injured"sv) w.kind = Kind::Injured;
      else throw LoadError(t.where(r) + ": kind must be killed or injured, not '" + k + "'");
      if (p == "noun"sv) w.pos = Pos::Noun;
      else if (p == "verb_post"sv) w.pos = Pos::VerbPost;
      else if (p == "counted"sv) w.pos = Pos::Counted;
      else throw LoadError(t.where(r) + ": pos must be noun, verb_post or counted, not '" + p + "'");
      if (w.pos == Pos::Counted) {
        if (c == "1"sv) w.count = 1;
        else if (c == "2"sv) w.count = 2;
        else if (c == "n"sv) w.count = 0;
        else throw LoadError(t.where(r) + ": count of a counted word must be 1, 2 or n, not '" + c + "'");
      }
      words_[text::fold_utf8(TsvTable::cell(r, cw))] = w;
    }
  }
  {
    const auto t = TsvTable::read(dir / "casualty_context.tsv");
    const size_t cp = t.column("phrase"), cr = t.column("role");
    for (const auto& r : t.rows()) {
      const std::string& role = TsvTable::cell(r, cr);
      if (role == "skip"sv) skip_.add(TsvTable::cell(r, cp), 1);
      else if (role == "among"sv) among_.add(TsvTable::cell(r, cp), 1);
      else throw LoadError(t.where(r) + ": role must be skip or among, not '" + role + "'");
    }
  }
  words_filter_.build(words_);
  // Every form head_at tries has its key among the token's keys: the word, its
  // dictionary key, or the word with a final ة written ت («إصابت»).
  std::vector<std::string> keys;
  for (const auto& [w, word] : words_) {
    keys.push_back(w);
    keys.push_back(text::dict_key(w));
    if (w.ends_with("ه")) keys.push_back(w.substr(0, w.size() - 2) + "ت");
  }
  key_filter_.build(keys);
}

CasualtyFinder::Head CasualtyFinder::head_at(const text::Token& t) const {
  Head h;
  if (t.kind != TokenKind::Word) return h;
  // Fast pre-filter: the tokeniser's keys already strip proclitics, the article and pronouns.
  auto known = [&](std::string_view w) { return words_filter_.maybe(w) && words_.contains(w); };
  auto known_key = [&](size_t i) {
    const text::HashedKey k = t.keys.hashed(i);
    return words_filter_.maybe(k) && words_.contains(k);
  };
  bool any_key = false;
  for (size_t i = 0; i < t.keys.size() && !any_key; ++i) any_key = key_filter_.maybe_hash(t.keys.hash(i));
  if (!any_key) return h;
  bool maybe = !t.keys.empty() && t.keys[0] == t.norm ? known_key(0) : known(t.norm);
  char buf[64];  // a key with its final ت read as ة («إصابت» of «إصابته»)
  for (size_t i = 0; i < t.keys.size() && !maybe; ++i) {
    const std::string_view k = t.keys[i];
    maybe = known_key(i);
    if (!maybe && k.ends_with("ت") && k.size() < sizeof buf) {
      std::memcpy(buf, k.data(), k.size() - 2);
      std::memcpy(buf + k.size() - 2, "ه", 2);
      maybe = known(std::string_view(buf, k.size()));
    }
  }
  if (!maybe) return h;
  // Whole-word forms first: «قتلى» must not read as «قتل» + «ي»; then proclitic-stripped keys («بمقتل»).
  std::string scratch;
  const std::string_view b = bare_view(t.norm, scratch);
  std::vector<std::string_view> bases{t.norm, strip_conjunction(t.norm), b, strip_article(b)};
  for (const auto& k : t.keys) {
    if (std::string_view(t.norm).ends_with(k)) bases.emplace_back(k);
  }
  for (const std::string_view f : bases) {
    const auto it = words_.find(f);
    if (it != words_.end()) {
      h.word = &it->second;
      return h;
    }
  }
  // A noun with an enclitic pronoun: «لمقتله», «حتفهم», «إصابته» (ة written ت before a pronoun).
  for (const std::string_view base : bases) {
    for (const auto p : kPronouns) {
      if (!base.ends_with(p) || letter_count(base) < letter_count(p) + 3) continue;
      std::string stem(base.substr(0, base.size() - p.size()));
      auto it = words_.find(stem);
      if (it == words_.end() && stem.ends_with("ت")) {
        stem.replace(stem.size() - 2, 2, "ه");
        it = words_.find(stem);
      }
      if (it != words_.end() && it->second.pos == Pos::Noun) {
        h.word = &it->second;
        h.suffix = std::string(p);
        return h;
      }
    }
  }
  return h;
}

std::optional<Quantity> CasualtyFinder::quantity_before(const text::Analysis& a, uint32_t h, uint32_t sb,
                                                        uint32_t window, bool must_end_at_h) const {
  const auto& toks = a.tokens;
  uint32_t lo = h;
  while (lo > sb && h - lo < window) {
    const text::Token& t = toks[lo - 1];
    // Clause punctuation ends the look-back; «/ داعش /» and brackets do not.
    if (t.kind == TokenKind::Punct && (t.norm == ","sv || t.norm == "."sv || t.norm == ";"sv || t.norm == ":"sv ||
                                       t.norm == "?"sv || t.norm == "!"sv || t.norm == "…"sv)) {
      break;
    }
    if (t.kind == TokenKind::Word && head_at(t).word) break;
    --lo;
  }
  for (uint32_t k = lo; k < h; ++k) {
    if (toks[k].kind == TokenKind::Quote) continue;
    const auto q = numbers_.read_at(toks, k, h);
    if (q && (!must_end_at_h || q->tok_end == h)) return q;
  }
  return std::nullopt;
}

std::optional<int> CasualtyFinder::civilians_after(const text::Analysis& a, uint32_t from, uint32_t se,
                                                   std::optional<int> n, uint32_t& end) const {
  // «5 أشخاص مدنيين», «6 من المدنيين»: a civilian noun among the next few words.
  const auto& toks = a.tokens;
  for (uint32_t k = from; k < se && k < from + 3; ++k) {
    if (toks[k].kind != TokenKind::Word) break;
    if (head_at(toks[k]).word) break;
    const PersonNoun* p = numbers_.person_noun(toks[k]);
    if (p && p->civilian) {
      end = std::max(end, k + 1);
      return n;
    }
  }
  return std::nullopt;
}

std::optional<int> CasualtyFinder::civilians_in(const text::Analysis& a, const Quantity& q, uint32_t limit,
                                                std::optional<int> n) const {
  // «خمسة مدنيين لقوا حتفهم», «مدنيين اثنين»: a civilian noun in the quantity or right after it.
  for (uint32_t k = q.tok_begin; k < q.tok_end; ++k) {
    const PersonNoun* p = numbers_.person_noun(a.tokens[k]);
    if (p && p->civilian) return n;
  }
  uint32_t dummy = 0;
  return civilians_after(a, q.tok_end, limit, n, dummy);
}

void CasualtyFinder::read_phrase(const text::Analysis& a, uint32_t h, const Head& head, uint32_t sb, uint32_t se,
                                 CasualtyMention& m) const {
  const auto& toks = a.tokens;
  std::optional<int> count;
  std::optional<int> civ;
  uint32_t end = h + 1;
  uint32_t begin = h;

  if (head.word->pos == Pos::Counted) {
    if (const auto q = quantity_before(a, h, sb, 5, true)) {
      begin = q->tok_begin;
      count = to_int(q->value);
    } else if (head.word->count > 0) {
      count = head.word->count;
    }
  } else if (head.word->pos == Pos::VerbPost) {
    // «… من مقاتلي تنظيم داعش، قتلوا»: a comma may close the subject before its verb
    uint32_t stop = h;
    if (stop > sb && toks[stop - 1].kind == TokenKind::Punct && toks[stop - 1].norm == ","sv) --stop;
    if (const auto q = quantity_before(a, stop, sb, 8, false)) {
      begin = q->tok_begin;
      count = to_int(q->value);
      civ = civilians_in(a, *q, h, count);
      // «25 مقاتلاً من الفصائل وثمانية من مقاتلي التنظيم قتلوا»: counts joined by «و»
      // before the verb add up
      auto joined = [&](uint32_t k) { return toks[k].norm.starts_with("و"sv); };
      uint32_t first = q->tok_begin;
      for (int more = 0; more < 3 && count && joined(first); ++more) {
        const auto p = quantity_before(a, first, sb, 10, false);
        if (!p || !to_int(p->value)) break;
        count = *count + *to_int(p->value);
        begin = first = p->tok_begin;
      }
    }
  } else if (!head.suffix.empty()) {
    if (head.suffix == "ه"sv || head.suffix == "ها"sv) {
      count = 1;
    } else if (head.suffix == "هما"sv) {
      count = 2;
    } else if (const auto q = quantity_before(a, h, sb, 6, false)) {  // «لقي 5 أشخاص حتفهم»
      begin = q->tok_begin;
      count = to_int(q->value);
      civ = civilians_in(a, *q, h, count);
    }
  } else {
    // The victims follow the noun: a number, a dual, a singular person noun; «و» adds more.
    uint32_t c = h + 1;
    bool first = true;
    while (c < se) {
      while (c < se && toks[c].kind == TokenKind::Quote) ++c;
      if (c >= se) break;
      uint32_t item_begin = c;
      if (!first) {
        // «، و9 مقاتلين», «و3 جنود», «وطفلين»: only with a conjunction.
        if (const auto s = skip_.match(toks, c, se)) c = s->end;
        while (c < se && toks[c].kind == TokenKind::Punct && toks[c].norm == ","sv) ++c;
        if (c < se && toks[c].kind == TokenKind::Word && toks[c].norm == "و"sv) ++c;
        else if (c >= se || !toks[c].norm.starts_with("و")) break;
        if (c >= se || head_at(toks[c]).word) break;
        item_begin = c;
      }
      std::optional<int> v;
      bool known = false;
      uint32_t item_end = item_begin;
      bool civ_item = false;
      if (const auto q = numbers_.read_at(toks, item_begin, se)) {
        v = to_int(q->value);
        known = true;
        item_end = q->tok_end;
        uint32_t e2 = item_end;
        for (uint32_t k = q->tok_begin; k < q->tok_end; ++k) {
          const PersonNoun* pn = numbers_.person_noun(toks[k]);
          if (pn && pn->civilian) civ_item = true;
        }
        if (civilians_after(a, item_end, se, v, e2)) civ_item = true;
        // The noun after the number belongs to the phrase («12 من عناصر»).
        if (item_end < se && toks[item_end].kind == TokenKind::Word && numbers_.person_noun(toks[item_end])) {
          ++item_end;
        }
        item_end = std::max(item_end, e2);
      } else if (const PersonNoun* p = numbers_.person_noun(toks[item_begin])) {
        known = true;
        if (p->count > 0) v = p->count;
        civ_item = p->civilian;
        item_end = item_begin + 1;
        // «عنصر واحد», «مدنية واحدة»: the numeral repeats the singular's one
        if (p->count == 1 && item_end < se &&
            (toks[item_end].norm == "\xD9\x88\xD8\xA7\xD8\xAD\xD8\xAF"sv ||                 // واحد
             toks[item_end].norm == "\xD9\x88\xD8\xA7\xD8\xAD\xD8\xAF\xD9\x87"sv))      // واحده
          ++item_end;
        if (!civ_item) {
          uint32_t e2 = item_end;
          if (civilians_after(a, item_end, se, v, e2)) civ_item = true;
        }
      }
      if (!known) break;
      // A number followed by a casualty word is that word's count («و10 جرحى»): not ours.
      if (!first && item_end < se && toks[item_end].kind == TokenKind::Word && head_at(toks[item_end]).word) break;
      if (first) {
        count = v;
        if (civ_item) civ = v;
      } else {
        if (!v || !count) break;
        count = *count + *v;
        if (civ_item) civ = add(civ, v);
      }
      end = item_end;
      first = false;
      c = item_end;
      if (!count) break;  // «مقتل مدنيين وعسكريين»: no sum
      if (const auto s = skip_.match(toks, c, se)) end = c = s->end;
      // «4 عناصر من الحرس الثوري، وعنصر واحد من الدفاع الوطني»: the side each victim is
      // from stands between the items of the list
      if (c < se && toks[c].norm == "\xD9\x85\xD9\x86"sv) {  // من
        uint32_t k = c + 1;
        while (k < se && k < c + 6 && !(toks[k].kind == TokenKind::Punct && toks[k].norm == ","sv) &&
               !toks[k].norm.starts_with("\xD9\x88"))  // و
          ++k;
        if (k < se && k < c + 6 && k > c + 1) c = k;
      }
    }
    // Nothing after the noun: a number right before it («أكثر من 500 إصابة»), but not the
    // victims of a previous phrase («استشهاد طفلين وإصابة والدتهما»).
    if (first && !toks[h].norm.starts_with("و")) {
      if (const auto q = quantity_before(a, h, sb, 5, true);
          q && !numbers_.person_noun(toks[q->tok_end - 1])) {
        begin = q->tok_begin;
        count = to_int(q->value);
      }
    }
  }

  // «بينهم ثلاثة أطفال»: the civilians among the victims.
  if (!civ) {
    uint32_t c = end;
    while (c < se && toks[c].kind == TokenKind::Punct && toks[c].norm == ","sv) ++c;
    if (const auto am = among_.match(toks, c, se)) {
      uint32_t k = am->end;
      std::optional<int> v;
      bool ok = false;
      uint32_t e2 = k;
      if (const auto q = numbers_.read_at(toks, k, se)) {
        v = to_int(q->value);
        ok = civilians_after(a, q->tok_end, se, v, e2).has_value() ||
             (q->tok_end > k && numbers_.person_noun(toks[q->tok_end - 1]) &&
              numbers_.person_noun(toks[q->tok_end - 1])->civilian);
        e2 = std::max(e2, q->tok_end);
      } else if (k < se) {
        if (const PersonNoun* p = numbers_.person_noun(toks[k])) {
          if (p->civilian && p->count > 0) {
            v = p->count;
            ok = true;
            e2 = k + 1;
          }
        }
      }
      if (ok && v) {
        civ = v;
        end = e2;
      }
    }
  }

  // «مقتل وإصابة ستة عناصر»: one figure for both, so neither count is known.
  if (head.word->pos == Pos::Noun && h > sb && toks[h].norm.starts_with("و") && toks[h - 1].kind == TokenKind::Word &&
      head_at(toks[h - 1]).word && head_at(toks[h - 1]).word->pos == Pos::Noun && head_at(toks[h - 1]).suffix.empty()) {
    count.reset();
    civ.reset();
  }
  m.tok_begin = begin;
  m.tok_end = std::max(end, h + 1);
  m.head = h;
  if (head.word->kind == Kind::Killed) {
    m.counts.killed = count;
    m.counts.killed_civilians = civ;
  } else {
    m.counts.injured = count;
    m.counts.injured_civilians = civ;
  }
}

std::vector<CasualtyMention> CasualtyFinder::find(const text::Analysis& a, const std::vector<bool>* only) const {
  std::vector<CasualtyMention> out;
  const auto& toks = a.tokens;
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    if (only && (si >= only->size() || !(*only)[si])) continue;
    const auto& s = a.sentences[si];
    std::vector<CasualtyMention> ms;
    std::vector<Kind> kinds;
    uint32_t covered = s.tok_begin;
    for (uint32_t h = s.tok_begin; h < s.tok_end; ++h) {
      if (h < covered) continue;
      const Head head = head_at(toks[h]);
      if (!head.word) continue;
      CasualtyMention m;
      m.sentence = si;
      read_phrase(a, h, head, s.tok_begin, s.tok_end, m);
      if (!ms.empty() && m.tok_begin < ms.back().tok_end) m.tok_begin = ms.back().tok_end;
      covered = m.tok_end;
      ms.push_back(m);
      kinds.push_back(head.word->kind);
    }
    // Join «مقتل عنصر وإصابة 4», «قتيل وجريحان», «قتل 4 وأصيب اثنين».
    std::vector<CasualtyMention> merged;
    std::vector<std::array<bool, 2>> has;
    for (size_t i = 0; i < ms.size(); ++i) {
      const size_t ki = kinds[i] == Kind::Killed ? 0 : 1;
      if (!merged.empty()) {
        CasualtyMention& p = merged.back();
        const uint32_t gap = ms[i].tok_begin - p.tok_end;
        bool joined = gap <= 3 && !has.back()[ki];
        bool conj = toks[ms[i].tok_begin].norm.starts_with("و");
        for (uint32_t k = p.tok_end; k < ms[i].tok_begin && joined; ++k) {
          const auto& t = toks[k];
          if (t.kind == TokenKind::Punct && t.norm == ","sv) conj = true;
          else if (t.kind == TokenKind::Word && (t.norm == "و"sv || strip_conjunction(t.norm) == "بالاضافه"sv ||
                                                 t.norm == "الي"sv || t.norm == "كما"sv || t.norm == "فيما"sv)) conj = true;
          else if (t.kind != TokenKind::Quote) joined = false;
        }
        if (joined && conj) {
          p.tok_end = ms[i].tok_end;
          if (ki == 0) {
            p.counts.killed = ms[i].counts.killed;
            p.counts.killed_civilians = ms[i].counts.killed_civilians;
          } else {
            p.counts.injured = ms[i].counts.injured;
            p.counts.injured_civilians = ms[i].counts.injured_civilians;
          }
          has.back()[ki] = true;
          continue;
        }
      }
      merged.push_back(ms[i]);
      has.push_back({ki == 0, ki == 1});
    }
    out.insert(out.end(), merged.begin(), merged.end());
  }
  return out;
}

marsad::Casualties total(const std::vector<CasualtyMention>& mentions) {
  marsad::Casualties c;
  for (const auto& m : mentions) {
    c.killed = add(c.killed, m.counts.killed);
    c.injured = add(c.injured, m.counts.injured);
    c.killed_civilians = add(c.killed_civilians, m.counts.killed_civilians);
    c.injured_civilians = add(c.injured_civilians, m.counts.injured_civilians);
  }
  return c;
}

}  // namespace marsad::number
