// Cross-article deduplication rule; see dedup.h.
#include "store/dedup.h"

#include "text/text.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace marsad::store {

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kPi = 3.14159265358979323846;
  constexpr double kEarthKm = 6371.0088;
  auto rad = [](double d) { return d * kPi / 180.0; };
  double dlat = rad(lat2 - lat1);
  double dlon = rad(lon2 - lon1);
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(rad(lat1)) * std::cos(rad(lat2)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::sqrt(std::min(1.0, h)));
}

namespace {

// Howard Hinnant's days_from_civil.
int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool sides_compatible(const std::vector<std::string>& a, const std::vector<std::string>& b,
                      const RelatedActors& related) {
  if (a.empty() || b.empty()) return true;
  for (const auto& x : a)
    for (const auto& y : b)
      if (x == y || (related && related(x, y))) return true;
  return false;
}

}  // namespace

std::optional<int32_t> iso_day(std::string_view date) {
  if (date.size() < 4 || !digits(date.substr(0, 4))) return std::nullopt;
  int y = std::atoi(std::string(date.substr(0, 4)).c_str());
  unsigned m = 1, d = 1;
  if (date.size() >= 7) {
    if (date[4] != '-' || !digits(date.substr(5, 2))) return std::nullopt;
    m = static_cast<unsigned>(std::atoi(std::string(date.substr(5, 2)).c_str()));
  }
  if (date.size() >= 10) {
    if (date[7] != '-' || !digits(date.substr(8, 2))) return std::nullopt;
    d = static_cast<unsigned>(std::atoi(std::string(date.substr(8, 2)).c_str()));
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::string day_to_iso(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

bool same_happening(const DedupKey& a, const DedupKey& b, const RelatedActors& related,
                    const DedupOptions& options) {
  if (a.document == b.document) return false;
  if (a.type != b.type) return false;
  if (!a.day || !b.day || std::abs(*a.day - *b.day) > options.max_days) return false;
  if (a.lat && a.lon && b.lat && b.lon) {
    if (distance_km(*a.lat, *a.lon, *b.lat, *b.lon) > options.max_km) return false;
  } else {
    bool same_id = !a.gazetteer_id.empty() && a.gazetteer_id == b.gazetteer_id;
    bool same_name = !a.place_norm.empty() && a.place_norm == b.place_norm;
    if (!same_id && !same_name) return false;
  }
  if (a.reciprocal || b.reciprocal) {
    std::vector<std::string> ua = a.source, ub = b.source;
    ua.insert(ua.end(), a.target.begin(), a.target.end());
    ub.insert(ub.end(), b.target.begin(), b.target.end());
    return sides_compatible(ua, ub, related);
  }
  return sides_compatible(a.source, b.source, related) && sides_compatible(a.target, b.target, related);
}

std::string iso_week(int32_t day) {
  const int32_t weekday = ((day % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday: Monday = 0
  const int32_t thursday = day - weekday + 3;
  const std::string t = day_to_iso(thursday);
  const int32_t jan1 = *iso_day(t.substr(0, 4) + "-01-01");
  const int week = (thursday - jan1) / 7 + 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s-W%02d", t.substr(0, 4).c_str(), week);
  return buf;
}

std::string simple_key(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) out.push_back(c);
    else if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

std::string fold_place(std::string_view name) { return text::dict_key(text::fold_utf8(name)); }

bool coarse_precision(std::string_view p) { return p == "governorate" || p == "country" || p == "region"; }

}  // namespace marsad::store
