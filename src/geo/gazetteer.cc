// The gazetteer: loading and name index (see gazetteer.h).
#include "geo/gazetteer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "geo/table.h"
#include "marsad/marsad.h"
#include "text/text.h"

namespace marsad::geo {

namespace {

constexpr double kEarthKm = 6371.0;
constexpr double kRad = std::numbers::pi / 180.0;

Kind kind_of(std::string_view k) {
  if (k == "admin1") return Kind::Admin1;
  if (k == "admin2") return Kind::Admin2;
  if (k == "admin3") return Kind::Admin3;
  if (k == "neighbourhood") return Kind::Neighbourhood;
  if (k == "landmark") return Kind::Landmark;
  return Kind::Town;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '-')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '-') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string join_keys(const std::vector<std::string>& folded_words) {
  std::string out;
  for (const auto& w : folded_words) {
    if (!out.empty()) out += ' ';
    out += text::dict_key(w);
  }
  return out;
}

bool is_neighbour(std::string_view iso3) {
  return iso3 == "SYR" || iso3 == "IRQ" || iso3 == "LBN" || iso3 == "JOR" || iso3 == "TUR" || iso3 == "PSE" ||
         iso3 == "ISR" || iso3 == "YEM";
}

std::vector<std::string_view> split_bar(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t bar = s.find('|', start);
    const auto part = s.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    if (!part.empty()) out.push_back(part);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

}  // namespace

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

double bearing_deg(double lat1, double lon1, double lat2, double lon2) {
  const double p1 = lat1 * kRad, p2 = lat2 * kRad, dl = (lon2 - lon1) * kRad;
  const double y = std::sin(dl) * std::cos(p2);
  const double x = std::cos(p1) * std::sin(p2) - std::sin(p1) * std::cos(p2) * std::cos(dl);
  const double b = std::atan2(y, x) / kRad;
  return b < 0 ? b + 360 : b;
}

void offset_point(double lat, double lon, double bearing, double km, double& out_lat, double& out_lon) {
  out_lat = lat + (km / 111.2) * std::cos(bearing * kRad);
  out_lon = lon + (km / (111.2 * std::cos(lat * kRad))) * std::sin(bearing * kRad);
}

std::string Gazetteer::name_key(std::string_view name) { return join_keys(split_words(text::fold_utf8(name))); }

void Gazetteer::index_key(const std::string& joined, uint32_t entry, bool article) {
  if (joined.empty()) return;
  article_[joined] |= article ? 1 : 2;
  auto& v = names_[joined];
  if (std::find(v.begin(), v.end(), entry) == v.end()) v.push_back(entry);
  const size_t sp = joined.find(' ');
  const std::string first = joined.substr(0, sp);
  const auto words = static_cast<uint32_t>(std::count(joined.begin(), joined.end(), ' ') + 1);
  auto& m = first_max_[first];
  m = std::max(m, words);
}

void Gazetteer::add_name(std::string_view name, uint32_t entry) {
  std::vector<std::string> words = split_words(text::fold_utf8(name));
  if (words.empty() || words.size() > 6) return;
  // «معبر باب الهوى الحدودي», «مطار دمشق الدولي»: also without the adjective.
  if (words.size() >= 3 && (words.back() == "الحدودي" || words.back() == "الدولي")) {
    auto shorter = words;
    shorter.pop_back();
    index_key(join_keys(shorter), entry);
  }
  index_key(join_keys(words), entry, words[0].starts_with("ال") && text::dict_key(words[0]) != words[0]);
  // «البو كمال» ↔ «البوكمال», «أبو كمال» ↔ «أبوكمال», «آل X» ↔ «آلX».
  static const std::string kPrefixes[] = {"البو", "ابو", "ال"};
  for (size_t i = 0; i < words.size(); ++i) {
    for (const auto& p : kPrefixes) {
      if (words[i] == p && i + 1 < words.size() && p != "ال") {
        auto joined = words;
        joined[i] += joined[i + 1];
        joined.erase(joined.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        index_key(join_keys(joined), entry);
      } else if (p != "ال" && words[i].size() > p.size() + 4 && words[i].starts_with(p)) {
        auto split = words;
        split[i] = p;
        split.insert(split.begin() + static_cast<std::ptrdiff_t>(i) + 1, words[i].substr(p.size()));
        index_key(join_keys(split), entry);
      }
    }
  }
}

Gazetteer::Gazetteer(const std::filesystem::path& data_dir) {
  // Places.
  {
    const Table t(data_dir / "gazetteer" / "places.tsv", 13);
    const size_t c_id = t.column("id"), c_kind = t.column("kind"), c_feat = t.column("feature_code"),
                 c_ar = t.column("name_ar"), c_alt = t.column("names_ar"), c_en = t.column("name_en"),
                 c_lat = t.column("lat"), c_lon = t.column("lon"), c_cc = t.column("country"),
                 c_a1 = t.column("admin1_id"), c_a2 = t.column("admin2_id"), c_a3 = t.column("admin3_id"),
                 c_pop = t.column("population");
    entries_.reserve(t.rows().size() + 300);
    std::vector<std::array<std::string_view, 3>> admin_ids;
    admin_ids.reserve(t.rows().size());
    for (const auto& r : t.rows()) {
      Entry e;
      e.id = r[c_id];
      e.kind = kind_of(r[c_kind]);
      e.feature = r[c_feat];
      e.name_ar = r[c_ar];
      e.name_en = r[c_en];
      e.lat = t.number(r, c_lat);
      e.lon = t.number(r, c_lon);
      e.country = r[c_cc];
      e.population = t.number(r, c_pop);
      const auto idx = static_cast<uint32_t>(entries_.size());
      ids_[e.id] = idx;
      admin_ids.push_back({r[c_a1], r[c_a2], r[c_a3]});
      const bool syria = e.country == "SYR";
      e.prominent = e.kind == Kind::Admin1 || (syria && e.kind != Kind::Neighbourhood) ||
                    (e.kind == Kind::Town && (e.feature == "PPLC" || e.population >= 100000 ||
                                              (is_neighbour(e.country) && (e.feature == "PPLA" || e.population >= 30000))));
      if (!e.name_ar.empty()) add_name(e.name_ar, idx);
      for (const auto alt : split_bar(r[c_alt])) add_name(alt, idx);
      entries_.push_back(std::move(e));
    }
    for (size_t i = 0; i < entries_.size(); ++i) {
      auto& e = entries_[i];
      e.admin1 = find_id(admin_ids[i][0]);
      e.admin2 = find_id(admin_ids[i][1]);
      e.admin3 = find_id(admin_ids[i][2]);
      if (e.kind == Kind::Admin1) e.admin1 = static_cast<int32_t>(i);
      if (e.kind == Kind::Admin2) e.admin2 = static_cast<int32_t>(i);
      if (e.kind == Kind::Admin3) e.admin3 = static_cast<int32_t>(i);
    }
    // Seat towns of admin units: the largest PPLA (governorate) / PPLA2 (district) town inside.
    for (size_t i = 0; i < entries_.size(); ++i) {
      const auto& e = entries_[i];
      if (e.kind != Kind::Town) continue;
      auto consider = [&](int32_t unit, bool ok) {
        if (unit < 0 || !ok) return;
        auto& u = entries_[static_cast<size_t>(unit)];
        if (u.seat < 0 || entries_[static_cast<size_t>(u.seat)].population < e.population) u.seat = static_cast<int32_t>(i);
      };
      consider(e.admin1, e.feature == "PPLA" || e.feature == "PPLC");
      consider(e.admin2, e.feature == "PPLA" || e.feature == "PPLC" || e.feature == "PPLA2");
    }
  }
  // Countries.
  {
    const Table t(data_dir / "gazetteer" / "countries.tsv", 7);
    const size_t c_iso3 = t.column("iso3"), c_ar = t.column("name_ar"), c_alt = t.column("names_ar"),
                 c_en = t.column("name_en"), c_lat = t.column("lat"), c_lon = t.column("lon");
    for (const auto& r : t.rows()) {
      Entry e;
      e.id = "country:" + std::string(r[c_iso3]);
      e.kind = Kind::Country;
      e.name_ar = r[c_ar];
      e.name_en = r[c_en];
      e.country = r[c_iso3];
      e.lat = t.number(r, c_lat);
      e.lon = t.number(r, c_lon);
      e.prominent = true;
      const auto idx = static_cast<uint32_t>(entries_.size());
      ids_[e.id] = idx;
      add_name(e.name_ar, idx);
      for (const auto alt : split_bar(r[c_alt])) add_name(alt, idx);
      entries_.push_back(std::move(e));
    }
  }
  // Named regions not in the gazetteer.
  {
    const Table t(data_dir / "geo" / "regions.tsv", 6);
    const size_t c_ar = t.column("name_ar"), c_en = t.column("name_en"), c_lat = t.column("lat"),
                 c_lon = t.column("lon"), c_prec = t.column("precision"), c_cc = t.column("country"),
                 c_a1 = t.column("admin1_id");
    for (const auto& r : t.rows()) {
      Entry e;
      e.kind = Kind::Region;
      e.name_ar = r[c_ar];
      e.name_en = r[c_en];
      e.lat = t.number(r, c_lat);
      e.lon = t.number(r, c_lon);
      e.precision = r[c_prec];
      if (e.precision != "point" && e.precision != "town" && e.precision != "district" &&
          e.precision != "governorate" && e.precision != "region") {
        throw LoadError(t.where(r) + ": unknown precision '" + e.precision + "'");
      }
      e.country = r[c_cc];
      e.admin1 = find_id(r[c_a1]);
      e.prominent = true;
      const auto idx = static_cast<uint32_t>(entries_.size());
      e.id = "region:" + std::to_string(r.line);
      ids_[e.id] = idx;
      add_name(e.name_ar, idx);
      entries_.push_back(std::move(e));
    }
  }
  // Extra spellings.
  {
    const Table t(data_dir / "geo" / "aliases.tsv", 2);
    const size_t c_name = t.column("name"), c_target = t.column("target");
    for (const auto& r : t.rows()) {
      const int32_t target = find_id(r[c_target]);
      if (target < 0) throw LoadError(t.where(r) + ": unknown target '" + std::string(r[c_target]) + "'");
      add_name(r[c_name], static_cast<uint32_t>(target));
      // an entry the gazetteer names only in English takes its first alias as its Arabic
      // name, so every mention of it reports one spelling («مأرب», not «ـمأرب» as written)
      if (entries_[static_cast<size_t>(target)].name_ar.empty()) entries_[static_cast<size_t>(target)].name_ar = std::string(r[c_name]);
    }
  }
  first_filter_.build(first_max_);
  first_numbers_.build(first_max_);
  names_filter_.build(names_);
}

const std::vector<uint32_t>* Gazetteer::lookup(std::string_view joined_keys) const {
  return lookup(text::HashedKey{joined_keys, text::hash_key(joined_keys)});
}

const std::vector<uint32_t>* Gazetteer::lookup(const text::HashedKey& joined_keys) const {
  if (!names_filter_.maybe(joined_keys)) return nullptr;
  const auto it = names_.find(joined_keys);
  return it == names_.end() ? nullptr : &it->second;
}

bool Gazetteer::articled_only(std::string_view joined_keys) const {
  const auto it = article_.find(joined_keys);
  return it != article_.end() && it->second == 1;
}

uint32_t Gazetteer::max_words(std::string_view first_key) const {
  return max_words(text::HashedKey{first_key, text::hash_key(first_key)});
}

uint32_t Gazetteer::max_words_known(const text::HashedKey& first_key) const {
  return first_numbers_.get(first_key.hash);
}

std::vector<std::string> Gazetteer::first_words() const {
  std::vector<std::string> out;
  out.reserve(first_max_.size());
  for (const auto& [k, n] : first_max_) out.push_back(k);
  return out;
}

int32_t Gazetteer::find_id(std::string_view id) const {
  if (id.empty()) return -1;
  const auto it = ids_.find(std::string(id));
  return it == ids_.end() ? -1 : static_cast<int32_t>(it->second);
}

bool in_sector(double origin_lat, double origin_lon, double bearing, double lat, double lon) {
  if (distance_km(origin_lat, origin_lon, lat, lon) < 5) return false;  // the town itself, not its countryside
  double diff = std::fabs(bearing_deg(origin_lat, origin_lon, lat, lon) - bearing);
  if (diff > 180) diff = 360 - diff;
  return diff <= 67.5;
}

void Gazetteer::seat_point(uint32_t unit, double& lat, double& lon) const {
  const Entry& u = entries_[unit];
  const Entry& o = u.seat >= 0 ? entries_[static_cast<size_t>(u.seat)] : u;
  lat = o.lat;
  lon = o.lon;
}

void Gazetteer::sector_point(uint32_t unit, double bearing, double& lat, double& lon) const {
  const Entry& u = entries_[unit];
  double rlat = 0, rlon = 0;
  seat_point(unit, rlat, rlon);
  double slat = 0, slon = 0, wsum = 0;
  for (const auto& e : entries_) {
    if (e.kind != Kind::Admin3) continue;
    const bool inside = (u.kind == Kind::Admin1 && e.admin1 == static_cast<int32_t>(unit)) ||
                        (u.kind == Kind::Admin2 && e.admin2 == static_cast<int32_t>(unit));
    if (!inside || !in_sector(rlat, rlon, bearing, e.lat, e.lon)) continue;
    // the seat's own sub-district («مركز حمص») is the town, not its countryside
    if (u.seat >= 0 && entries_[static_cast<size_t>(u.seat)].admin3 == static_cast<int32_t>(&e - entries_.data())) continue;
    // The countryside named after a town lies mostly around it: nearer
    // sub-districts weigh more (inverse square of their distance).
    const double d = distance_km(rlat, rlon, e.lat, e.lon);
    const double w = 1.0 / (d * d);
    slat += w * e.lat;
    slon += w * e.lon;
    wsum += w;
  }
  if (wsum > 0) {
    lat = slat / wsum;
    lon = slon / wsum;
  } else {
    offset_point(rlat, rlon, bearing, u.kind == Kind::Admin1 ? 30 : 15, lat, lon);
  }
}

}  // namespace marsad::geo
