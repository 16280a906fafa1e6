// The human-readable view of a coded article (marsad code --pretty).
#include "cli/pretty.h"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace marsad::cli {
namespace {

constexpr uint32_t kStride = 64;
constexpr uint32_t kMaxSentence = 600;  // code points shown of one evidence sentence

// Copy `s` with invalid UTF-8 replaced and line breaks / tabs turned into spaces.
void append_clean(std::string& out, std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t n = utf8_length_at(s, i);
    if (n == 0) {
      out.append("\xEF\xBF\xBD");
      ++i;
      continue;
    }
    char c = s[i];
    if (n == 1 && (c == '\n' || c == '\r' || c == '\t' || static_cast<unsigned char>(c) < 0x20)) {
      out.push_back(' ');
    } else {
      out.append(s.data() + i, n);
    }
    i += n;
  }
}

std::string actor_text(const ActorRef& a) {
  std::string s = a.id.empty() ? std::string("?") : a.id;
  if (!a.name_ar.empty()) {
    s += " (";
    append_clean(s, a.name_ar);
    s += ")";
  }
  return s;
}

std::string actors_text(const std::vector<ActorRef>& actors) {
  if (actors.empty()) return "—";
  std::string s;
  for (size_t i = 0; i < actors.size(); ++i) {
    if (i > 0) s += ", ";
    s += actor_text(actors[i]);
  }
  return s;
}

std::string number_or_dash(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("—"); }

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// The evidence sentence with the trigger marked ⟦…⟧.
std::string evidence_text(const CodePointIndex& index, const Evidence& ev) {
  Span s = ev.sentence;
  Span t = ev.trigger;
  if (s.empty() && t.empty()) return {};
  if (s.empty()) s = t;
  uint32_t n = index.size();
  if (s.end > n) s.end = n;
  if (s.begin >= s.end) return {};
  // Very long sentences: keep a window around the trigger.
  bool cut_left = false;
  bool cut_right = false;
  if (s.end - s.begin > kMaxSentence) {
    uint32_t centre = t.empty() ? s.begin : t.begin;
    uint32_t from = centre > s.begin + kMaxSentence / 2 ? centre - kMaxSentence / 2 : s.begin;
    uint32_t to = std::min(s.end, from + kMaxSentence);
    cut_left = from > s.begin;
    cut_right = to < s.end;
    s = Span{from, to};
  }
  std::string out = "«";
  if (cut_left) out += "…";
  bool mark = !t.empty() && t.begin >= s.begin && t.end <= s.end;
  if (mark) {
    append_clean(out, index.slice(Span{s.begin, t.begin}));
    out += "⟦";
    append_clean(out, index.slice(t));
    out += "⟧";
    append_clean(out, index.slice(Span{t.end, s.end}));
  } else {
    append_clean(out, index.slice(s));
  }
  if (cut_right) out += "…";
  out += "»";
  return out;
}

void line(std::string& out, std::string_view label, std::string_view value) {
  out += "      ";
  out += label;
  for (size_t i = label.size(); i < 14; ++i) out.push_back(' ');
  out += value;
  out += '\n';
}

}  // namespace

size_t utf8_length_at(std::string_view s, size_t i) {
  auto b0 = static_cast<unsigned char>(s[i]);
  size_t n = s.size() - i;
  auto cont = [&](size_t k) { return k < n && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0)) return 0;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

CodePointIndex::CodePointIndex(std::string_view text) : text_(text) {
  size_t i = 0;
  uint32_t cp = 0;
  while (i < text.size()) {
    if (cp % kStride == 0) checkpoints_.push_back(i);
    size_t n = utf8_length_at(text, i);
    i += n == 0 ? 1 : n;
    ++cp;
  }
  count_ = cp;
}

size_t CodePointIndex::byte_offset(uint32_t cp) const {
  if (cp >= count_) return text_.size();
  size_t i = checkpoints_[cp / kStride];
  for (uint32_t k = cp % kStride; k > 0; --k) {
    size_t n = utf8_length_at(text_, i);
    i += n == 0 ? 1 : n;
  }
  return i;
}

std::string_view CodePointIndex::slice(Span span) const {
  if (span.end <= span.begin || span.begin >= count_) return {};
  size_t b = byte_offset(span.begin);
  size_t e = byte_offset(span.end);
  return text_.substr(b, e - b);
}

std::string format_pretty(const Document& doc, const Result& result) {
  CodePointIndex index(doc.text);
  std::string out;
  out += "═══ ";
  append_clean(out, doc.id);
  if (!doc.title.empty()) {
    out += " — ";
    append_clean(out, doc.title.size() > 300 ? std::string_view(doc.title).substr(0, 300) : doc.title);
  }
  out += '\n';
  std::string meta;
  if (!doc.outlet.empty()) meta += doc.outlet;
  if (!doc.date.empty()) meta += (meta.empty() ? "" : ", ") + doc.date;
  out += "    ";
  if (!meta.empty()) {
    append_clean(out, meta);
    out += " · ";
  }
  out += std::to_string(result.events.size()) + (result.events.size() == 1 ? " event" : " events");
  out += " · " + std::to_string(result.relations.size()) +
         (result.relations.size() == 1 ? " relation\n" : " relations\n");

  for (size_t i = 0; i < result.events.size(); ++i) {
    const Event& e = result.events[i];
    out += "\n  [" + std::to_string(i + 1) + "] " + e.type;
    if (!e.mode.empty()) out += "/" + e.mode;
    out += "   " + (e.status.empty() ? std::string("occurred") : e.status);
    out += "   confidence " + fixed(e.confidence, 2);
    if (!e.cameo.empty()) out += "   CAMEO " + e.cameo;
    out += '\n';
    line(out, "actors", actors_text(e.source) + (e.reciprocal ? "  ↔  " : "  →  ") + actors_text(e.target));
    if (e.location) {
      const Place& p = *e.location;
      std::string place;
      append_clean(place, p.name_ar);
      if (!p.name_en.empty()) place += " / " + p.name_en;
      place += " (" + (p.precision.empty() ? std::string("?") : p.precision);
      if (p.lat && p.lon) place += ", " + fixed(*p.lat, 3) + " " + fixed(*p.lon, 3);
      if (!p.country.empty()) place += ", " + p.country;
      place += ")";
      line(out, "place", place);
    } else {
      line(out, "place", "—");
    }
    if (e.date) {
      std::string date = e.date->value.empty() ? std::string("unresolved") : e.date->value;
      if (!e.date->precision.empty()) date += " (" + e.date->precision + ")";
      if (!e.date->text.empty()) {
        date += " «";
        append_clean(date, e.date->text);
        date += "»";
      }
      line(out, "date", date);
    } else {
      line(out, "date", "—");
    }
    const Casualties& c = e.casualties;
    if (c.killed || c.injured || c.killed_civilians || c.injured_civilians) {
      std::string cas = "killed " + number_or_dash(c.killed) + ", injured " + number_or_dash(c.injured);
      if (c.killed_civilians) cas += ", civilians killed " + std::to_string(*c.killed_civilians);
      if (c.injured_civilians) cas += ", civilians injured " + std::to_string(*c.injured_civilians);
      line(out, "casualties", cas);
    }
    if (!e.attribution.empty()) {
      std::string a;
      append_clean(a, e.attribution);
      line(out, "according to", a);
    }
    if (!e.acled_event_type.empty()) {
      line(out, "ACLED", e.acled_event_type + " / " + e.acled_sub_event_type);
    }
    std::string ev = evidence_text(index, e.evidence);
    if (!ev.empty()) line(out, "evidence", ev);
    if (!e.evidence.rule.empty()) line(out, "rule", e.evidence.rule);
  }
  if (!result.relations.empty()) {
    out += "\n  relations\n";
    for (const Relation& r : result.relations) {
      out += "    " + actor_text(r.actor) + "  " + r.relation + "  " + actor_text(r.patron) + '\n';
      std::string ev = evidence_text(index, r.evidence);
      if (!ev.empty()) out += "      " + ev + '\n';
    }
  }
  out += '\n';
  return out;
}

}  // namespace marsad::cli
