// Finding and resolving date expressions (see dates.h).
#include "time/dates.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "knowledge/tsv.h"
#include "marsad/marsad.h"

namespace marsad::dates {

using namespace std::string_view_literals;  // == "literal"sv: no strlen, no call when the sizes differ

namespace {

namespace chr = std::chrono;
using knowledge::TsvTable;
using number::PhraseSet;
using text::TokenKind;

enum Precision : int { kDay = 0, kWeek = 1, kMonth = 2, kYear = 3 };

const char* precision_name(int p) {
  switch (p) {
    case kDay: return "day";
    case kWeek: return "week";
    case kMonth: return "month";
    default: return "year";
  }
}

int precision_of(const std::string& s) {
  if (s == "day"sv) return kDay;
  if (s == "week"sv) return kWeek;
  if (s == "month"sv) return kMonth;
  if (s == "year"sv) return kYear;
  return -1;
}

// Days since 1970-01-01, or nullopt for an impossible date.
std::optional<int> make_day(int y, int m, int d) {
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<int>(chr::sys_days{ymd}.time_since_epoch().count());
}

chr::year_month_day ymd_of(int days) { return chr::year_month_day{chr::sys_days{chr::days{days}}}; }
int year_of(int days) { return static_cast<int>(ymd_of(days).year()); }
int month_of(int days) { return static_cast<int>(static_cast<unsigned>(ymd_of(days).month())); }
int weekday_of(int days) { return static_cast<int>(chr::weekday{chr::sys_days{chr::days{days}}}.c_encoding()); }

std::string iso(int days) {
  const auto ymd = ymd_of(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<int> parse_iso(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  for (size_t k = 0; k < 10; ++k) {
    if (k == 4 || k == 7) continue;
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(s.substr(0, 4)));
  m = std::stoi(std::string(s.substr(5, 2)));
  d = std::stoi(std::string(s.substr(8, 2)));
  return make_day(y, m, d);
}

// First day of year y's month m shifted by `add` months.
std::optional<int> month_start(int y, int m, int add = 0) {
  int idx = y * 12 + (m - 1) + add;
  return make_day(idx / 12, idx % 12 + 1, 1);
}

// Last day of the period [value, …) of precision p.
int period_end(int value, int p) {
  switch (p) {
    case kDay: return value;
    case kWeek: return value + 6;
    case kMonth: {
      const auto ymd = ymd_of(value);
      return *month_start(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())), 1) - 1;
    }
    default: return *make_day(year_of(value), 12, 31);
  }
}

// A plain integer token ("3", "2021"), or -1.
int small_int(const text::Token& t, size_t max_digits) {
  if (t.kind != TokenKind::Number || t.norm.size() > max_digits) return -1;
  int v = 0;
  for (const char c : t.norm) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

int year_token(const text::Token& t) {
  if (t.kind != TokenKind::Number || t.norm.size() != 4) return -1;
  const int y = small_int(t, 4);
  return (y >= 1900 && y <= 2100) ? y : -1;
}

bool glued(const std::vector<text::Token>& toks, uint32_t k) { return toks[k].begin == toks[k - 1].end; }

bool is_comma(const text::Token& t) { return t.kind == TokenKind::Punct && t.norm == ","sv; }

// Drop the first letter (a conjunction) and any marks after it from a date's text and span.
void trim_first_letter(marsad::Date& d) {
  const std::string& s = d.text;
  size_t pos = 0;
  uint32_t dropped = 0;
  auto next = [&](size_t p, char32_t& c) {
    const auto b = static_cast<unsigned char>(s[p]);
    const size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
    c = b < 0x80 ? b : (n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07));
    for (size_t k = 1; k < n && p + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[p + k]) & 0x3F);
    return p + n;
  };
  char32_t c = 0;
  pos = next(pos, c);
  ++dropped;
  while (pos < s.size()) {
    const size_t p2 = next(pos, c);
    const bool mark = (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
    if (!mark) break;
    pos = p2;
    ++dropped;
  }
  if (pos >= s.size()) return;
  d.text = s.substr(pos);
  d.span.begin += dropped;
}

void load_set(const TsvTable& t, const TsvTable::Row& r, size_t col, PhraseSet& set, int payload) {
  const std::string& p = TsvTable::cell(r, col);
  if (p.empty()) throw LoadError(t.where(r) + ": empty phrase");
  set.add(p, payload);
}

}  // namespace

struct DateFinder::Found {
  uint32_t begin = 0, end = 0;
  std::optional<int> value;
  int precision = kDay;
};

struct DateFinder::MonthRef {
  uint32_t end = 0;
  int month = 0;
  int year = -1;      // given in the text, or -1
  int modifier = 0;   // 0 none, -1 past, +1 next, 2 current, -2 the year before publication
  bool context = false;  // a year or a modifier follows
  bool strict = false;   // an ambiguous name: needs a day, a year, a modifier or «شهر»
};

DateFinder::DateFinder(const std::filesystem::path& data_dir) : numbers_(data_dir) {
  const auto dir = data_dir / "time";
  {
    const auto t = TsvTable::read(dir / "durations.tsv");
    const size_t cw = t.column("word"), cu = t.column("unit"), ca = t.column("amount");
    for (const auto& r : t.rows()) {
      Relative d;
      d.unit = precision_of(TsvTable::cell(r, cu));
      if (d.unit < 0) throw LoadError(t.where(r) + ": unit must be day, week, month or year");
      try {
        d.offset = std::stoi(TsvTable::cell(r, ca));
      } catch (const std::exception&) {
        throw LoadError(t.where(r) + ": bad amount '" + TsvTable::cell(r, ca) + "'");
      }
      durations_.push_back(d);
      load_set(t, r, cw, duration_words_, static_cast<int>(durations_.size() - 1));
    }
  }
  {
    const auto t = TsvTable::read(dir / "months.tsv");
    const size_t cn = t.column("name"), cm = t.column("month"), cs = t.find_column("strict");
    for (const auto& r : t.rows()) {
      int m = 0;
      try {
        m = std::stoi(TsvTable::cell(r, cm));
      } catch (const std::exception&) {
      }
      if (m < 1 || m > 12) throw LoadError(t.where(r) + ": month must be 1-12");
      const bool strict = cs != TsvTable::npos && TsvTable::cell(r, cs) == "1"sv;
      load_set(t, r, cn, months_, strict ? m + 100 : m);  // payload > 100: strict
    }
  }
  {
    const auto t = TsvTable::read(dir / "weekdays.tsv");
    const size_t cn = t.column("name"), cw = t.column("weekday");
    for (const auto& r : t.rows()) {
      const std::string& w = TsvTable::cell(r, cw);
      if (w.size() != 1 || w[0] < '0' || w[0] > '6') throw LoadError(t.where(r) + ": weekday must be 0-6");
      load_set(t, r, cn, weekdays_, w[0] - '0');
    }
  }
  {
    const auto t = TsvTable::read(dir / "relative.tsv");
    const size_t cp = t.column("phrase"), cu = t.column("unit"), co = t.column("offset");
    for (const auto& r : t.rows()) {
      Relative rel;
      rel.unit = precision_of(TsvTable::cell(r, cu));
      if (rel.unit < 0) throw LoadError(t.where(r) + ": unit must be day, week, month or year");
      try {
        rel.offset = std::stoi(TsvTable::cell(r, co));
      } catch (const std::exception&) {
        throw LoadError(t.where(r) + ": bad offset '" + TsvTable::cell(r, co) + "'");
      }
      relative_.push_back(rel);
      load_set(t, r, cp, relatives_, static_cast<int>(relative_.size() - 1));
    }
  }
  {
    const auto t = TsvTable::read(dir / "day_parts.tsv");
    const size_t cw = t.column("word");
    for (const auto& r : t.rows()) load_set(t, r, cw, day_parts_, 1);
  }
  {
    const auto t = TsvTable::read(dir / "period_parts.tsv");
    const size_t cw = t.column("word"), cd = t.column("day"), cp = t.column("precision");
    for (const auto& r : t.rows()) {
      PeriodPart p;
      try {
        p.day = std::stoi(TsvTable::cell(r, cd));
      } catch (const std::exception&) {
        p.day = 0;
      }
      if (p.day < 1 || p.day > 28) throw LoadError(t.where(r) + ": day must be 1-28");
      p.precision = precision_of(TsvTable::cell(r, cp));
      if (p.precision < 0) throw LoadError(t.where(r) + ": precision must be day, week, month or year");
      parts_.push_back(p);
      load_set(t, r, cw, period_parts_, static_cast<int>(parts_.size() - 1));
    }
  }
  {
    const auto t = TsvTable::read(dir / "ordinals.tsv");
    const size_t cp = t.column("phrase"), cd = t.column("day");
    for (const auto& r : t.rows()) {
      int d = 0;
      try {
        d = std::stoi(TsvTable::cell(r, cd));
      } catch (const std::exception&) {
      }
      if (d < 1 || d > 31) throw LoadError(t.where(r) + ": day must be 1-31");
      load_set(t, r, cp, ordinals_, d);
    }
  }
  {
    const auto t = TsvTable::read(dir / "context.tsv");
    const size_t cp = t.column("phrase"), cr = t.column("role");
    for (const auto& r : t.rows()) {
      const std::string& role = TsvTable::cell(r, cr);
      PhraseSet* set = nullptr;
      if (role == "not_today_after"sv) set = &not_today_after_;
      else if (role == "weekday_blocker"sv) set = &weekday_blocker_;
      else if (role == "time_before"sv) set = &time_before_;
      else if (role == "month_intro"sv) set = &month_intro_;
      else if (role == "past"sv) set = &past_;
      else if (role == "next"sv) set = &next_;
      else if (role == "current"sv) set = &current_;
      else if (role == "year_intro"sv) set = &year_intro_;
      else if (role == "since"sv) set = &since_;
      else if (role == "hijri"sv) set = &hijri_;
      else if (role == "ago"sv) set = &ago_;
      else if (role == "not_weekday_after"sv) set = &not_weekday_after_;
      else throw LoadError(t.where(r) + ": unknown role '" + role + "'");
      load_set(t, r, cp, *set, 1);
    }
  }
  // Words a date can start with (the month, weekday, relative, part, ordinal, year and «قبل» words).
  for (const PhraseSet* set : {&months_, &weekdays_, &relatives_, &day_parts_, &period_parts_, &ordinals_,
                               &year_intro_, &ago_}) {
    set->first_words(starters_);
  }
  starters_.insert("شهر");
  starters_filter_.build(starters_);
  std::vector<std::string> keys(starters_.begin(), starters_.end());
  for (const auto& w : starters_) keys.push_back(text::dict_key(w));
  key_filter_.build(keys);
}

bool DateFinder::is(const text::Token& t, const PhraseSet& set) const { return set.contains(t); }

bool DateFinder::may_start(const text::Token& t) const {
  if (t.kind == TokenKind::Number) return true;
  if (t.kind != TokenKind::Word) return false;
  // Every form tried below (the word, without و/ف, without a preposition,
  // without the article) has its dictionary key among the token's keys.
  bool maybe = false;
  for (size_t i = 0; i < t.keys.size() && !maybe; ++i) maybe = key_filter_.maybe_hash(t.keys.hash(i));
  if (!maybe) return false;
  std::string scratch;
  const std::string_view b = number::bare_view(t.norm, scratch);
  // Keys are views into the token's own letters: a variant that is one of
  // them reuses its hash.
  auto starter = [&](std::string_view w) {
    uint64_t h = 0;
    bool have = false;
    for (size_t i = 0; i < t.keys.size() && !have; ++i) {
      if (t.keys[i].data() == w.data() && t.keys[i].size() == w.size()) {
        h = t.keys.hash(i);
        have = true;
      }
    }
    const text::HashedKey k{w, have ? h : text::hash_key(w)};
    return starters_filter_.maybe(k) && starters_.contains(k);
  };
  for (size_t i = 0; i < t.keys.size(); ++i) {
    const text::HashedKey k = t.keys.hashed(i);
    if (starters_filter_.maybe(k) && starters_.contains(k)) return true;
  }
  return starter(t.norm) || starter(number::strip_conjunction(t.norm)) || starter(b) ||
         starter(number::strip_article(b));
}

bool DateFinder::starts_with_conjunction(const text::Token& t) const {
  if (t.kind != TokenKind::Word || number::strip_conjunction(t.norm) == t.norm) return false;
  // «فجر», «فبراير» start with ف but are words of their own.
  for (const PhraseSet* set : {&months_, &weekdays_, &relatives_, &day_parts_, &period_parts_, &ordinals_, &year_intro_}) {
    if (set->has_first(t.norm)) return false;
  }
  return true;
}

std::optional<DateFinder::MonthRef> DateFinder::month_at(const std::vector<text::Token>& toks, uint32_t i,
                                                         uint32_t se) const {
  const auto m = months_.match(toks, i, se, number::Match::Loose);
  if (!m) return std::nullopt;
  MonthRef r;
  r.month = m->payload % 100;
  r.strict = m->payload > 100;
  r.end = m->end;
  // «آب/أغسطس», «آب (أغسطس)»: the same month in another calendar.
  uint32_t k = r.end;
  if (k < se && toks[k].kind == TokenKind::Punct && (toks[k].norm == "/"sv || toks[k].norm == "("sv || toks[k].norm == "-"sv)) {
    if (const auto m2 = months_.match(toks, k + 1, se, number::Match::Loose)) {
      k = m2->end;
      if (k < se && toks[k].kind == TokenKind::Punct && toks[k].norm == ")"sv) ++k;
      r.end = k;
    }
  }
  k = r.end;
  // A year: «آب 2021», «آب من عام 2021», «آب عام 2021».
  uint32_t y = k;
  if (y < se && toks[y].kind == TokenKind::Word && toks[y].norm == "من"sv) ++y;
  if (y < se && is(toks[y], year_intro_)) ++y;
  if (y < se && year_token(toks[y]) > 0 && !(y + 1 < se && is(toks[y + 1], hijri_))) {
    r.year = year_token(toks[y]);
    r.end = y + 1;
    r.context = true;
    return r;
  }
  // «أوائل مايو من العام الحالي», «آب من العام الماضي»: the year named by a relative word
  if (y < se && y > k && is(toks[y - 1], year_intro_)) {
    if (is(toks[y], current_)) {
      r.modifier = 2;
      r.end = y + 1;
      r.context = true;
      return r;
    }
    if (is(toks[y], past_)) {
      r.modifier = -2;
      r.end = y + 1;
      r.context = true;
      return r;
    }
  }
  if (k < se && is(toks[k], past_)) r.modifier = -1;
  else if (k < se && is(toks[k], next_)) r.modifier = 1;
  else if (k < se && is(toks[k], current_)) r.modifier = 2;
  if (r.modifier != 0) {
    r.end = k + 1;
    r.context = true;
  }
  return r;
}

namespace {
// The year of a month named without a year, relative to publication.
std::optional<int> infer_year(int month, int modifier, const std::optional<int>& pub) {
  if (!pub) return std::nullopt;
  const int py = year_of(*pub), pm = month_of(*pub);
  switch (modifier) {
    case 2: return py;
    case -2: return py - 1;  // «من العام الماضي»
    case -1: return month < pm ? py : py - 1;
    case 1: return month > pm ? py : py + 1;
    default: return month <= pm + 1 ? py : py - 1;
  }
}
}  // namespace

// «3 آب 2021», «الثالث من آب», «الثالث من الشهر الجاري», «2021/8/3», «3-8-2021».
std::optional<DateFinder::Found> DateFinder::day_month_at(const text::Analysis& a, uint32_t i, uint32_t se,
                                                          const std::optional<int>& pub) const {
  const auto& toks = a.tokens;
  if (i >= se) return std::nullopt;
  // Numeric: y/m/d or d/m/y, separated by / - . with no spaces.
  if (toks[i].kind == TokenKind::Number) {
    const std::string n(toks[i].norm);
    std::vector<int> parts;
    uint32_t end = i + 1;
    if (std::count(n.begin(), n.end(), '.') == 2) {  // «3.8.2021» is one token
      size_t p = 0;
      while (p <= n.size()) {
        const size_t q = std::min(n.find('.', p), n.size());
        try {
          parts.push_back(std::stoi(n.substr(p, q - p)));
        } catch (const std::exception&) {
          return std::nullopt;
        }
        p = q + 1;
      }
    } else if (i + 4 < se && toks[i + 1].kind == TokenKind::Punct && toks[i + 3].kind == TokenKind::Punct &&
               (toks[i + 1].norm == "/"sv || toks[i + 1].norm == "-"sv) && toks[i + 3].norm == toks[i + 1].norm &&
               glued(toks, i + 1) && glued(toks, i + 2) && glued(toks, i + 3) && glued(toks, i + 4)) {
      for (uint32_t k : {i, i + 2, i + 4}) {
        const int v = small_int(toks[k], 4);
        if (v < 0) return std::nullopt;
        parts.push_back(v);
      }
      end = i + 5;
    }
    if (parts.size() == 3) {
      std::optional<int> d;
      if (parts[0] >= 1900) d = make_day(parts[0], parts[1], parts[2]);
      else if (parts[2] >= 1900) d = make_day(parts[2], parts[1], parts[0]);
      if (d) return Found{i, end, d, kDay};
      return std::nullopt;
    }
    // «3 آب 2021», «3 آب».
    const int day = small_int(toks[i], 2);
    if (day >= 1 && day <= 31) {
      if (const auto m = month_at(toks, i + 1, se)) {
        Found f{i, m->end, std::nullopt, kDay};
        const auto y = m->year > 0 ? std::optional<int>(m->year) : infer_year(m->month, m->modifier, pub);
        if (y) {
          f.value = make_day(*y, m->month, day);
          // Without a year, a day more than a month after publication is last year's.
          if (f.value && m->year < 0 && m->modifier == 0 && *f.value > *pub + 31) f.value = make_day(*y - 1, m->month, day);
          if (!f.value) return std::nullopt;
        }
        return f;
      }
    }
    return std::nullopt;
  }
  // Ordinal: «الثالث من آب», «الحادي والعشرين من الشهر الجاري».
  const auto o = ordinals_.match(toks, i, se);
  if (!o || o->end >= se || toks[o->end].norm != "من"sv) return std::nullopt;
  const uint32_t k = o->end + 1;
  if (const auto m = month_at(toks, k, se)) {
    Found f{i, m->end, std::nullopt, kDay};
    const auto y = m->year > 0 ? std::optional<int>(m->year) : infer_year(m->month, m->modifier, pub);
    if (y) {
      f.value = make_day(*y, m->month, o->payload);
      if (!f.value) return std::nullopt;
    }
    return f;
  }
  if (const auto r = relatives_.match(toks, k, se); r && relative_[r->payload].unit == kMonth) {
    Found f{i, r->end, std::nullopt, kDay};
    if (pub) {
      const auto ms = month_start(year_of(*pub), month_of(*pub), relative_[r->payload].offset);
      if (!ms) return std::nullopt;
      f.value = make_day(year_of(*ms), month_of(*ms), o->payload);
      if (!f.value) return std::nullopt;
    }
    return f;
  }
  return std::nullopt;
}

// [day part] weekday [weekday] [past|next] [explicit date]: «ليل الاثنين», «مساء السبت الأحد»,
// «الجمعة الماضي», «يوم الاثنين 3 آب».
std::optional<DateFinder::Found> DateFinder::weekday_at(const text::Analysis& a, uint32_t i, uint32_t sb, uint32_t se,
                                                        const std::optional<int>& pub) const {
  const auto& toks = a.tokens;
  uint32_t k = i;
  if (const auto dp = day_parts_.match(toks, i, se)) k = dp->end;
  const auto w = weekdays_.match(toks, k, se);
  if (!w) {
    if (k != i) {  // «يوم 3 آب»
      if (auto f = day_month_at(a, k, se, pub)) {
        f->begin = i;
        return f;
      }
    }
    return std::nullopt;
  }
  // «صلاة الجمعة» is a prayer, unless it dates something («بعد صلاة الجمعة»).
  if (k == i && i > sb && is(toks[i - 1], weekday_blocker_)) {
    if (!(i - 1 > sb && is(toks[i - 2], time_before_))) return std::nullopt;
  }
  if (w->end < se && is(toks[w->end], not_weekday_after_)) return std::nullopt;  // «الأحد عشر»
  Found f{i, w->end, std::nullopt, kDay};
  const int wd = w->payload;
  if (f.end < se) {
    if (const auto w2 = weekdays_.match(toks, f.end, se)) f.end = w2->end;  // «مساء السبت الأحد»
  }
  int modifier = 0;
  if (f.end < se && is(toks[f.end], past_)) {
    modifier = -1;
    ++f.end;
  } else if (f.end < se && is(toks[f.end], next_)) {
    modifier = 1;
    ++f.end;
  }
  // An explicit date right after it wins: «الاثنين 3 آب 2021», «الاثنين، الموافق 3 آب».
  uint32_t e = f.end;
  if (e < se && is_comma(toks[e])) ++e;
  if (e < se && toks[e].kind == TokenKind::Word && number::strip_article(toks[e].norm) == "موافق"sv) ++e;
  if (auto d = day_month_at(a, e, se, pub)) {
    d->begin = i;
    return d;
  }
  if (pub) {
    const int pw = weekday_of(*pub);
    int back = (pw - wd + 7) % 7;
    if (modifier == -1 && back == 0) back = 7;
    if (modifier == 1) {
      int fwd = (wd - pw + 7) % 7;
      if (fwd == 0) fwd = 7;
      f.value = *pub + fwd;
    } else {
      f.value = *pub - back;
    }
  }
  return f;
}

// «قبل 3 أيام», «منذ ثلاثة أسابيع», «قبل يومين»: publication date minus a duration.
std::optional<DateFinder::Found> DateFinder::duration_at(const text::Analysis& a, uint32_t i, uint32_t se,
                                                         const std::optional<int>& pub) const {
  const auto& toks = a.tokens;
  if (!is(toks[i], ago_) || i + 1 >= se) return std::nullopt;
  uint32_t k = i + 1;
  long long n = 1;
  if (const auto q = numbers_.read_at(toks, k, se); q && q->value && !q->vague) {
    n = *q->value;
    k = q->tok_end;
  }
  const auto w = duration_words_.match(toks, k, se);
  if (!w || n < 1 || n > 100) return std::nullopt;
  // «منذ عام 2017», «منذ شهر آب», «قبل يوم الجمعة»: a date follows, not a duration.
  if (w->end < se && (year_token(toks[w->end]) > 0 || months_.match(toks, w->end, se, number::Match::Loose) ||
                      weekdays_.match(toks, w->end, se))) {
    return std::nullopt;
  }
  const Relative& d = durations_[w->payload];
  if (k == i + 1 && d.offset == 0) return std::nullopt;  // «منذ أيام»: how many is not said
  const int amount = static_cast<int>(n) * (k == i + 1 ? d.offset : 1);
  Found f{i, w->end, std::nullopt, d.unit};
  if (pub) {
    switch (d.unit) {
      case kDay: f.value = *pub - amount; break;
      case kWeek: {
        const int day = *pub - 7 * amount;
        f.value = day - (weekday_of(day) + 6) % 7;
        break;
      }
      case kMonth: f.value = month_start(year_of(*pub), month_of(*pub), -amount); break;
      default: f.value = make_day(year_of(*pub) - amount, 1, 1); break;
    }
  }
  return f;
}

std::optional<DateFinder::Found> DateFinder::parse_at(const text::Analysis& a, uint32_t i, uint32_t sb, uint32_t se,
                                                      const std::optional<int>& pub) const {
  const auto& toks = a.tokens;
  if (auto f = day_month_at(a, i, se, pub)) return f;
  if (auto f = duration_at(a, i, se, pub)) return f;

  // Relative phrases: «أمس», «فجر اليوم», «الأسبوع الماضي», «الشهر الجاري», optionally with a
  // weekday after them («أمس السبت», «اليوم الاثنين»).
  if (const auto r = relatives_.match(toks, i, se)) {
    const Relative& rel = relative_[r->payload];
    const bool bare_today = r->end == i + 1 && number::bare_form(toks[i].norm) == "اليوم"sv;
    const bool not_today = bare_today && r->end < se && is(toks[r->end], not_today_after_);
    if (!not_today) {
      Found f{i, r->end, std::nullopt, rel.unit};
      if (f.end < se && rel.unit == kDay) {
        if (const auto w = weekdays_.match(toks, f.end, se)) f.end = w->end;
      }
      if (pub) {
        switch (rel.unit) {
          case kDay: f.value = *pub + rel.offset; break;
          case kWeek: f.value = *pub - (weekday_of(*pub) + 6) % 7 + 7 * rel.offset; break;  // ISO week: Monday
          case kMonth: f.value = month_start(year_of(*pub), month_of(*pub), rel.offset); break;
          default: f.value = make_day(year_of(*pub) + rel.offset, 1, 1); break;
        }
      }
      return f;
    }
  }

  // Part of a month: «منتصف الشهر الجاري», «مطلع آب», «أواخر تموز 2020».
  if (const auto p = period_parts_.match(toks, i, se)) {
    const PeriodPart& part = parts_[p->payload];
    uint32_t k = p->end;
    if (k < se && number::strip_article(number::bare_form(toks[k].norm)) == "شهر"sv &&
        months_.match(toks, k + 1, se, number::Match::Loose)) {
      ++k;  // «منتصف شهر آب»
    }
    if (const auto r = relatives_.match(toks, k, se); r && relative_[r->payload].unit == kMonth) {
      Found f{i, r->end, std::nullopt, part.precision};
      if (pub) {
        const auto ms = month_start(year_of(*pub), month_of(*pub), relative_[r->payload].offset);
        if (ms) f.value = make_day(year_of(*ms), month_of(*ms), part.day);
      }
      return f;
    }
    if (const auto m = month_at(toks, k, se); m && (!m->strict || m->context || k > p->end)) {
      Found f{i, m->end, std::nullopt, part.precision};
      const auto y = m->year > 0 ? std::optional<int>(m->year) : infer_year(m->month, m->modifier, pub);
      if (y) f.value = make_day(*y, m->month, part.day);
      return f;
    }
  }

  // A month: «آب 2021», «شهر آب الماضي», «في آذار».
  {
    uint32_t k = i;
    const bool shahr = toks[i].kind == TokenKind::Word &&
                       number::strip_article(number::bare_form(toks[i].norm)) == "شهر"sv;
    if (shahr) ++k;
    if (const auto m = month_at(toks, k, se)) {
      const bool intro = shahr || (!m->strict && i > sb && is(toks[i - 1], month_intro_));
      if (m->context || intro) {
        Found f{i, m->end, std::nullopt, kMonth};
        const auto y = m->year > 0 ? std::optional<int>(m->year) : infer_year(m->month, m->modifier, pub);
        if (y) f.value = make_day(*y, m->month, 1);
        return f;
      }
    }
  }

  // A year: «عام 2017», «سنة 2011», «منذ 2011».
  {
    uint32_t k = i;
    if (is(toks[i], year_intro_)) ++k;
    const bool intro = k > i || (i > sb && is(toks[i - 1], since_));
    if (intro && k < se && year_token(toks[k]) > 0 && !(k + 1 < se && is(toks[k + 1], hijri_))) {
      return Found{i, k + 1, make_day(year_token(toks[k]), 1, 1), kYear};
    }
  }

  return weekday_at(a, i, sb, se, pub);
}

std::vector<DateMention> DateFinder::find(const text::Analysis& a, std::string_view original_text,
                                          std::string_view pub_date, const std::vector<bool>* only) const {
  std::vector<DateMention> out;
  const std::optional<int> pub = parse_iso(pub_date);
  const auto& toks = a.tokens;
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    if (only && (si >= only->size() || !(*only)[si])) continue;
    const auto& s = a.sentences[si];
    for (uint32_t i = s.tok_begin; i < s.tok_end;) {
      if (!may_start(toks[i])) {
        ++i;
        continue;
      }
      const auto f = parse_at(a, i, s.tok_begin, s.tok_end, pub);
      if (!f) {
        ++i;
        continue;
      }
      DateMention m;
      m.tok_begin = f->begin;
      m.tok_end = f->end;
      m.sentence = si;
      m.date.span = Span{toks[f->begin].begin, toks[f->end - 1].end};
      {  // the tokens know their bytes in the original text
        const size_t from = std::min<size_t>(toks[f->begin].byte_begin, original_text.size());
        const size_t to = std::min<size_t>(toks[f->end - 1].byte_end, original_text.size());
        m.date.text = std::string(original_text.substr(from, to > from ? to - from : 0));
      }
      // The conjunction glued to the first word is not part of the date: «وأمس الجمعة» → «أمس الجمعة».
      if (starts_with_conjunction(toks[f->begin])) trim_first_letter(m.date);
      m.date.precision = precision_name(f->precision);
      if (f->value) m.date.value = iso(*f->value);
      // Background: «منذ …» (one or two words before), or a period over a year before publication.
      for (uint32_t b = f->begin; b > s.tok_begin && f->begin - b < 2; --b) {
        if (is(toks[b - 1], since_)) m.background = true;
      }
      if (f->value && pub && period_end(*f->value, f->precision) < *pub - 365) m.background = true;
      out.push_back(std::move(m));
      i = f->end;
    }
  }
  return out;
}

}  // namespace marsad::dates
