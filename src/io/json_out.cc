// SPEC §3 JSON for one coded document: a hand-written writer (no DOM) that
// emits exactly the documented shape on one line.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "io/json_writer.h"
#include "marsad/marsad.h"

namespace marsad::io {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto b0 = static_cast<unsigned char>(s[i]);
  size_t n = s.size() - i;
  auto cont = [&](size_t k) { return k < n && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;   // overlong
    if (b0 == 0xED && b1 >= 0xA0) return 0;  // surrogates
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xF0 && b1 < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && b1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // Copy the longest run that needs no escaping in one go.
    size_t run = i;
    while (run < s.size()) {
      auto c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i >= s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = utf8_sequence(s, i);
      if (n == 0) {
        out.append("\xEF\xBF\xBD");  // U+FFFD for one bad byte
        ++i;
      } else {
        out.append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    ++i;
  }
  out.push_back('"');
}

void append_json_string_or_null(std::string& out, std::string_view s) {
  if (s.empty()) {
    out.append("null");
  } else {
    append_json_string(out, s);
  }
}

void append_json_number(std::string& out, double v, int decimals) {
  if (!std::isfinite(v)) {
    out.append("null");
    return;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (ec != std::errc()) {
    out.append("null");
    return;
  }
  char* p = end;
  if (decimals > 0) {
    while (p > buf && p[-1] == '0') --p;
    if (p > buf && p[-1] == '.') --p;
  }
  std::string_view text(buf, static_cast<size_t>(p - buf));
  if (text == "-0") text = "0";
  out.append(text);
}

void append_json_int(std::string& out, int64_t v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(end - buf));
}

}  // namespace marsad::io

namespace marsad {
namespace {

using io::append_json_int;
using io::append_json_number;
using io::append_json_string;
using io::append_json_string_or_null;

void append_span(std::string& out, const Span& s) {
  out.push_back('[');
  append_json_int(out, s.begin);
  out.push_back(',');
  append_json_int(out, s.end);
  out.push_back(']');
}

void append_actor(std::string& out, const ActorRef& a) {
  out.append("{\"id\":");
  append_json_string(out, a.id);
  out.append(",\"name_ar\":");
  append_json_string(out, a.name_ar);
  out.append(",\"name_en\":");
  append_json_string(out, a.name_en);
  out.append(",\"span\":");
  append_span(out, a.span);
  out.push_back('}');
}

void append_actors(std::string& out, const std::vector<ActorRef>& actors) {
  out.push_back('[');
  for (size_t i = 0; i < actors.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_actor(out, actors[i]);
  }
  out.push_back(']');
}

void append_optional_int(std::string& out, const std::optional<int>& v) {
  if (v) {
    append_json_int(out, *v);
  } else {
    out.append("null");
  }
}

void append_place(std::string& out, const Place& p) {
  out.append("{\"name_ar\":");
  append_json_string(out, p.name_ar);
  out.append(",\"name_en\":");
  append_json_string_or_null(out, p.name_en);
  out.append(",\"gazetteer_id\":");
  append_json_string_or_null(out, p.gazetteer_id);
  out.append(",\"lat\":");
  if (p.lat && p.lon) {
    append_json_number(out, *p.lat, 5);
    out.append(",\"lon\":");
    append_json_number(out, *p.lon, 5);
  } else {
    out.append("null,\"lon\":null");
  }
  out.append(",\"country\":");
  append_json_string_or_null(out, p.country);
  out.append(",\"admin1\":");
  append_json_string_or_null(out, p.admin1);
  out.append(",\"admin2\":");
  append_json_string_or_null(out, p.admin2);
  out.append(",\"precision\":");
  append_json_string_or_null(out, p.precision);
  out.append(",\"span\":");
  append_span(out, p.span);
  out.push_back('}');
}

void append_date(std::string& out, const Date& d) {
  out.append("{\"value\":");
  append_json_string_or_null(out, d.value);
  out.append(",\"precision\":");
  append_json_string_or_null(out, d.precision);
  out.append(",\"text\":");
  append_json_string(out, d.text);
  out.push_back('}');
}

void append_evidence(std::string& out, const Evidence& e) {
  out.append("{\"sentence\":");
  append_span(out, e.sentence);
  out.append(",\"trigger\":");
  append_span(out, e.trigger);
  out.append(",\"rule\":");
  append_json_string(out, e.rule);
  out.push_back('}');
}

void append_event(std::string& out, const Event& e) {
  out.append("{\"type\":");
  append_json_string(out, e.type);
  out.append(",\"mode\":");
  append_json_string_or_null(out, e.mode);
  out.append(",\"cameo\":");
  append_json_string_or_null(out, e.cameo);
  out.append(",\"acled\":");
  if (e.acled_event_type.empty()) {
    out.append("null");
  } else {
    out.append("{\"event_type\":");
    append_json_string(out, e.acled_event_type);
    out.append(",\"sub_event_type\":");
    append_json_string_or_null(out, e.acled_sub_event_type);
    out.push_back('}');
  }
  out.append(",\"source\":");
  append_actors(out, e.source);
  out.append(",\"target\":");
  append_actors(out, e.target);
  out.append(",\"reciprocal\":");
  out.append(e.reciprocal ? "true" : "false");
  out.append(",\"location\":");
  if (e.location) {
    append_place(out, *e.location);
  } else {
    out.append("null");
  }
  out.append(",\"date\":");
  if (e.date) {
    append_date(out, *e.date);
  } else {
    out.append("null");
  }
  out.append(",\"casualties\":{\"killed\":");
  append_optional_int(out, e.casualties.killed);
  out.append(",\"injured\":");
  append_optional_int(out, e.casualties.injured);
  if (e.casualties.killed_civilians) {
    out.append(",\"killed_civilians\":");
    append_json_int(out, *e.casualties.killed_civilians);
  }
  if (e.casualties.injured_civilians) {
    out.append(",\"injured_civilians\":");
    append_json_int(out, *e.casualties.injured_civilians);
  }
  out.append("},\"status\":");
  append_json_string(out, e.status.empty() ? std::string_view("occurred") : std::string_view(e.status));
  out.append(",\"attribution\":");
  append_json_string_or_null(out, e.attribution);
  out.append(",\"evidence\":");
  append_evidence(out, e.evidence);
  out.append(",\"confidence\":");
  double c = e.confidence;
  if (!(c >= 0.0)) c = 0.0;  // also catches NaN
  if (c > 1.0) c = 1.0;
  append_json_number(out, c, 2);
  out.push_back('}');
}

void append_relation(std::string& out, const Relation& r) {
  out.append("{\"actor\":");
  append_actor(out, r.actor);
  out.append(",\"relation\":");
  append_json_string(out, r.relation);
  out.append(",\"patron\":");
  append_actor(out, r.patron);
  out.append(",\"evidence\":");
  append_evidence(out, r.evidence);
  out.push_back('}');
}

}  // namespace

std::string to_json(const Result& result) {
  std::string out;
  out.reserve(256 + result.events.size() * 700 + result.relations.size() * 400);
  out.append("{\"doc_id\":");
  append_json_string(out, result.doc_id);
  out.append(",\"events\":[");
  for (size_t i = 0; i < result.events.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_event(out, result.events[i]);
  }
  out.append("],\"relations\":[");
  for (size_t i = 0; i < result.relations.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_relation(out, result.relations[i]);
  }
  out.append("]}");
  return out;
}

}  // namespace marsad
