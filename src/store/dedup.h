// Cross-article deduplication: when do two coded events describe one happening?
//
// Rule (docs/store.md, "Dedup"): two events from DIFFERENT documents are the
// same happening when all of these hold:
//   1. same type (ASSAULT, COERCE, …);
//   2. dates: both known (event date, else the document's publication date)
//      and at most `max_days` apart (default 1);
//   3. places: both have coordinates within `max_km` (default 5 km), or, when
//      either lacks coordinates, both name the same gazetteer id or the same
//      folded place name; an event without any place never merges;
//   4. actors compatible, role by role (source with source, target with target;
//      for reciprocal events the union of both roles): an empty side is
//      compatible with anything; otherwise some actor on one side equals, or is
//      a sub-unit / parent (via the registry parent column) of, some actor on
//      the other side.
// Events of the same document are never merged with each other.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace marsad::store {

struct DedupKey {
  std::string type;
  std::optional<int32_t> day;  // days since 1970-01-01
  std::optional<double> lat, lon;
  std::string gazetteer_id;
  std::string place_norm;  // folded place name
  std::vector<std::string> source, target;
  bool reciprocal = false;
  int64_t document = 0;  // document row the event comes from
};

struct DedupOptions {
  double max_km = 5.0;
  int max_days = 1;
};

// Is `a` an ancestor-or-self of `b`, or `b` of `a`? (registry parent chain)
using RelatedActors = std::function<bool(const std::string& a, const std::string& b)>;

bool same_happening(const DedupKey& a, const DedupKey& b, const RelatedActors& related,
                    const DedupOptions& options = {});

// Great-circle distance in kilometres.
double distance_km(double lat1, double lon1, double lat2, double lon2);

// Days since 1970-01-01 of an ISO date "YYYY-MM-DD" (also "YYYY-MM" or "YYYY": first day).
std::optional<int32_t> iso_day(std::string_view date);
// Inverse of iso_day.
std::string day_to_iso(int32_t day);
// The ISO 8601 week of a day ("2021-W04"): the week's Thursday decides the year.
std::string iso_week(int32_t day);

// Keys both stores index and filter by:
// lower-case ASCII letters and digits, other bytes kept ("Deir-ez-Zor" == "deir ez zor");
std::string simple_key(std::string_view s);
// a place name folded as the coder folds words, without the article;
std::string fold_place(std::string_view name);
// a place precision that names a whole area (governorate, country, region).
bool coarse_precision(std::string_view precision);

}  // namespace marsad::store
