// Query parameters → store::Filter (see params.h).
#include "serve/params.h"

#include <httplib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>

#include "io/documents.h"

namespace marsad::serve {

namespace {

const std::set<std::string>& event_types() {
  static const std::set<std::string> types{"ASSAULT", "COERCE",  "MOBILIZE", "THREATEN", "PROTEST", "SANCTION",
                                           "ACCUSE",  "REJECT",  "REQUEST",  "CONSULT",  "AGREE",   "SUPPORT",
                                           "COOPERATE", "AID",   "CONCEDE",  "RETREAT"};
  return types;
}

bool all_of_chars(std::string_view s, std::string_view allowed_extra) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || allowed_extra.find(c) != std::string_view::npos;
  });
}

bool has(const Params& p, const char* name) { return p.find(name) != p.end(); }

std::string get(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}

}  // namespace

std::optional<double> parse_double(std::string_view s) {
  std::string tmp(s);
  if (tmp.empty() || tmp.size() > 32) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(tmp.c_str(), &end);
  if (errno != 0 || end != tmp.c_str() + tmp.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int64_t> parse_int(std::string_view s) {
  int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

Params parse_query(std::string_view query) {
  Params p;
  httplib::detail::parse_query_text(std::string(query), p);
  return p;
}

std::optional<int64_t> iso_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  auto num = [&](size_t at, size_t n, int& v) {
    if (!std::all_of(s.begin() + static_cast<std::ptrdiff_t>(at), s.begin() + static_cast<std::ptrdiff_t>(at + n),
                     [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    auto r = std::from_chars(s.data() + at, s.data() + at + n, v);
    return r.ec == std::errc() && r.ptr == s.data() + at + n;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  static constexpr std::array<int, 12> days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > days[static_cast<size_t>(m - 1)]) return std::nullopt;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return std::nullopt;
  // H. Hinnant's days_from_civil.
  int64_t yy = m <= 2 ? y - 1 : y;
  int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  int64_t yoe = yy - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void check_params(const Params& params, std::initializer_list<const char*> extra) {
  static const std::set<std::string> filter_params{"type",  "actor", "patron", "place", "near",
                                                   "radius", "governorate", "since", "until", "text"};
  for (const auto& [name, value] : params) {
    bool ok = filter_params.count(name) > 0;
    for (const char* e : extra) ok = ok || name == e;
    // The name is echoed back only when it is short, printable UTF-8.
    std::string shown = name.size() <= 64 && io::is_valid_utf8(name) ? name : std::string("(unprintable)");
    if (!ok) throw ParamError{400, "unknown parameter '" + shown + "'", shown};
    if (params.count(name) > 1) throw ParamError{400, "parameter given more than once", name};
    if (value.size() > 256) throw ParamError{400, "value too long (max 256 bytes)", name};
    if (!io::is_valid_utf8(value)) throw ParamError{400, "value is not valid UTF-8", name};
    if (value.find('\0') != std::string::npos) throw ParamError{400, "value contains a NUL byte", name};
  }
}

store::Filter parse_filter(const Params& params, const std::function<std::string(const std::string&)>& governorate) {
  store::Filter f;
  auto need_nonempty = [&](const char* name, std::string& field) {
    if (!has(params, name)) return;
    field = get(params, name);
    if (field.empty()) throw ParamError{400, "empty value", name};
  };
  if (has(params, "type")) {
    f.type = get(params, "type");
    if (!event_types().count(f.type)) {
      std::string shown = f.type.size() <= 64 ? f.type : f.type.substr(0, 64) + "…";
      if (!io::is_valid_utf8(shown)) shown = "(not UTF-8)";
      throw ParamError{400, "unknown event type '" + shown + "' (SPEC §4: ASSAULT, COERCE, …)", "type"};
    }
  }
  for (const char* name : {"actor", "patron"}) {
    std::string& field = std::string_view(name) == "actor" ? f.actor : f.patron;
    need_nonempty(name, field);
    if (!field.empty() && (field.size() > 64 || !all_of_chars(field, "_-")))
      throw ParamError{400, "expected an actor id (lower-case letters, digits, _)", name};
  }
  need_nonempty("place", f.place);
  need_nonempty("governorate", f.governorate);
  if (!f.governorate.empty() && governorate) f.governorate = governorate(f.governorate);
  need_nonempty("text", f.text);
  if (has(params, "near")) {
    std::string v = get(params, "near");
    auto comma = v.find(',');
    auto lat = comma == std::string::npos ? std::nullopt : parse_double(std::string_view(v).substr(0, comma));
    auto lon = comma == std::string::npos ? std::nullopt : parse_double(std::string_view(v).substr(comma + 1));
    if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
      throw ParamError{400, "expected LAT,LON (e.g. 34.45,40.92)", "near"};
    if (!f.place.empty()) throw ParamError{400, "near and place exclude each other", "near"};
    f.near_lat = lat;
    f.near_lon = lon;
  }
  if (has(params, "radius")) {
    auto r = parse_double(get(params, "radius"));
    if (!r || *r <= 0 || *r > 2000) throw ParamError{400, "expected a radius in km, 0 < r <= 2000", "radius"};
    if (!f.near_lat) throw ParamError{400, "radius needs near", "radius"};
    f.radius_km = *r;
  }
  for (const char* name : {"since", "until"}) {
    if (!has(params, name)) continue;
    std::string v = get(params, name);
    if (!iso_day(v)) {
      std::string shown = v.size() <= 32 && io::is_valid_utf8(v) ? v : std::string("(not a date)");
      throw ParamError{400, "expected a date YYYY-MM-DD, got '" + shown + "'", name};
    }
    (std::string_view(name) == "since" ? f.since : f.until) = v;
  }
  if (!f.since.empty() && !f.until.empty() && *iso_day(f.since) > *iso_day(f.until))
    throw ParamError{400, "since is after until", "since"};
  return f;
}

int64_t int_param(const Params& params, const char* name, int64_t fallback, int64_t lo, int64_t hi) {
  if (!has(params, name)) return fallback;
  auto v = parse_int(get(params, name));
  if (!v || *v < lo || *v > hi)
    throw ParamError{400, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi), name};
  return *v;
}

}  // namespace marsad::serve
