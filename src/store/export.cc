// Event exports: JSON Lines, ACLED CSV, GeoJSON, table; see export.h.
#include "store/export.h"

#include <algorithm>
#include <cstdio>

#include "io/json_writer.h"
#include "knowledge/tsv.h"
#include "marsad/marsad.h"
#include "text/text.h"

namespace marsad::store {

namespace {

std::string join_names(const std::vector<ActorRef>& refs, size_t from, size_t to, bool arabic = false) {
  std::string out;
  for (size_t i = from; i < to && i < refs.size(); ++i) {
    const std::string& n = arabic || refs[i].name_en.empty() ? (refs[i].name_ar.empty() ? refs[i].id : refs[i].name_ar)
                                                             : refs[i].name_en;
    if (!out.empty()) out += "; ";
    out += n;
  }
  return out;
}

std::string csv(std::string_view s) {
  bool quote = s.find_first_of(",\"\n\r") != std::string_view::npos;
  std::string out;
  if (quote) out.push_back('"');
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r') out.push_back(' ');
    else out.push_back(c);
  }
  if (quote) out.push_back('"');
  return out;
}

std::string num(double v) {
  std::string s;
  io::append_json_number(s, v, 5);
  return s;
}

// The SPEC §3 EVENT object as marsad::to_json writes it.
std::string spec_event_object(const Event& ev) {
  Result r;
  r.doc_id = "x";
  r.events.push_back(ev);
  std::string all = to_json(r);
  size_t b = all.find("\"events\":[");
  size_t e = all.rfind("],\"relations\"");
  if (b == std::string::npos || e == std::string::npos) return "{}";
  b += 10;
  return all.substr(b, e - b);
}

std::string first_sentence(const EventRecord& e) { return e.sources.empty() ? std::string() : e.sources[0].sentence; }

std::string outlets(const EventRecord& e) {
  std::vector<std::string> seen;
  std::string out;
  for (const auto& s : e.sources) {
    std::string o = s.outlet.empty() ? s.doc_id : s.outlet;
    if (std::find(seen.begin(), seen.end(), o) != seen.end()) continue;
    seen.push_back(o);
    if (!out.empty()) out += "; ";
    out += o;
  }
  return out;
}

int time_precision(const Event& ev) {
  if (!ev.date) return 3;
  if (ev.date->precision == "day" && !ev.date->text.empty()) return 1;
  if (ev.date->precision == "day" || ev.date->precision == "week") return 2;
  return 3;
}

int geo_precision(const Place& p) {
  if (p.precision == "point" || p.precision == "town") return 1;
  if (p.precision == "district") return 2;
  return 3;
}

}  // namespace

int acled_inter_code(const std::string& kind) {
  // ACLED codebook: 1 State forces, 2 Rebel groups, 3 Political militias,
  // 4 Identity militias, 5 Rioters, 6 Protesters, 7 Civilians, 8 External/Other forces.
  if (kind == "state_forces" || kind == "government") return 1;
  if (kind == "rebel_group") return 2;
  if (kind == "political_militia" || kind == "unidentified" || kind == "political_party") return 3;
  if (kind == "identity_militia") return 4;
  if (kind == "rioters") return 5;
  if (kind == "protesters") return 6;
  if (kind == "civilians" || kind == "media") return 7;
  if (kind == "external_state_forces" || kind == "international_org" || kind == "other") return 8;
  return 0;
}

ExportContext ExportContext::load(Store& store, const std::filesystem::path& data_dir) {
  ExportContext ctx;
  for (auto& a : store.actors()) ctx.actors.emplace(a.id, a);
  std::error_code ec;
  auto countries = data_dir / "gazetteer" / "countries.tsv";
  if (std::filesystem::exists(countries, ec)) {
    auto t = knowledge::TsvTable::read(countries);
    size_t ci = t.column("iso3"), cn = t.column("name_en");
    for (const auto& row : t.rows()) ctx.countries.emplace(knowledge::TsvTable::cell(row, ci), knowledge::TsvTable::cell(row, cn));
  }
  auto places = data_dir / "gazetteer" / "places.tsv";
  if (std::filesystem::exists(places, ec)) {
    auto t = knowledge::TsvTable::read(places);
    size_t ck = t.column("kind"), ca = t.column("name_ar"), cs = t.find_column("names_ar"), ce = t.column("name_en");
    for (const auto& row : t.rows()) {
      if (knowledge::TsvTable::cell(row, ck) != "admin1") continue;
      const std::string& en = knowledge::TsvTable::cell(row, ce);
      ctx.governorates.emplace(text::dict_key(knowledge::TsvTable::cell(row, ca)), en);
      if (cs != knowledge::TsvTable::npos)
        for (const auto& alt : knowledge::split_alternatives(knowledge::TsvTable::cell(row, cs)))
          ctx.governorates.emplace(text::dict_key(alt), en);
    }
  }
  return ctx;
}

std::string ExportContext::governorate(const std::string& name) const {
  auto it = governorates.find(text::dict_key(name));
  return it == governorates.end() ? name : it->second;
}

std::string event_json(const EventRecord& e) {
  std::string out = "{\"event_id\":";
  io::append_json_int(out, e.id);
  std::string obj = spec_event_object(e.event);
  out += ",";
  out.append(obj, 1, obj.size() - 2);  // fields of the SPEC object
  out += ",\"n_sources\":";
  io::append_json_int(out, static_cast<int64_t>(e.sources.size()));
  out += ",\"sources\":[";
  for (size_t i = 0; i < e.sources.size(); ++i) {
    const SourceRecord& s = e.sources[i];
    if (i) out += ",";
    out += "{\"doc_id\":";
    io::append_json_string(out, s.doc_id);
    out += ",\"date\":";
    io::append_json_string_or_null(out, s.doc_date);
    out += ",\"outlet\":";
    io::append_json_string_or_null(out, s.outlet);
    out += ",\"url\":";
    io::append_json_string_or_null(out, s.url);
    out += ",\"title\":";
    io::append_json_string_or_null(out, s.title);
    out += ",\"evidence\":{\"sentence\":[";
    io::append_json_int(out, s.evidence.sentence.begin);
    out += ",";
    io::append_json_int(out, s.evidence.sentence.end);
    out += "],\"trigger\":[";
    io::append_json_int(out, s.evidence.trigger.begin);
    out += ",";
    io::append_json_int(out, s.evidence.trigger.end);
    out += "],\"rule\":";
    io::append_json_string(out, s.evidence.rule);
    out += "},\"sentence\":";
    io::append_json_string(out, s.sentence);
    out += "}";
  }
  out += "]}";
  return out;
}

std::string acled_csv_header() {
  return "event_id,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"
         "assoc_actor_2,inter2,interaction,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
         "source,notes,fatalities\n";
}

std::string acled_csv_row(const EventRecord& e, const ExportContext& ctx) {
  const Event& ev = e.event;
  auto inter = [&](const std::vector<ActorRef>& side) -> int {
    if (side.empty()) return 0;
    auto it = ctx.actors.find(side[0].id);
    return it == ctx.actors.end() ? 0 : acled_inter_code(it->second.kind);
  };
  int i1 = inter(ev.source), i2 = inter(ev.target);
  std::string interaction;
  if (i1 && i2) interaction = std::to_string(std::min(i1, i2) * 10 + std::max(i1, i2));
  else if (i1 || i2) interaction = std::to_string((i1 ? i1 : i2) * 10);
  std::string date = ev.date ? ev.date->value : "";
  std::string country;
  std::string admin1, admin2, location, lat, lon, geo;
  if (ev.location) {
    const Place& p = *ev.location;
    auto c = ctx.countries.find(p.country);
    country = c == ctx.countries.end() ? p.country : c->second;
    admin1 = p.admin1;
    admin2 = p.admin2;
    location = p.name_en.empty() ? p.name_ar : p.name_en;
    if (p.lat && p.lon) {
      lat = num(*p.lat);
      lon = num(*p.lon);
    }
    geo = std::to_string(geo_precision(p));
  }
  std::string event_type = ev.acled_event_type, sub = ev.acled_sub_event_type;
  if (event_type.empty()) event_type = ev.type;  // no ACLED equivalent: keep Marsad's type
  if (sub.empty()) sub = ev.mode;
  std::vector<std::string> cells{
      std::to_string(e.id),
      date,
      date.size() >= 4 ? date.substr(0, 4) : "",
      std::to_string(time_precision(ev)),
      event_type,
      sub,
      join_names(ev.source, 0, 1),
      join_names(ev.source, 1, ev.source.size()),
      i1 ? std::to_string(i1) : "",
      join_names(ev.target, 0, 1),
      join_names(ev.target, 1, ev.target.size()),
      i2 ? std::to_string(i2) : "",
      interaction,
      country,
      admin1,
      admin2,
      "",
      location,
      lat,
      lon,
      geo,
      outlets(e),
      first_sentence(e),
      std::to_string(ev.casualties.killed.value_or(0))};
  std::string row;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) row.push_back(',');
    row += csv(cells[i]);
  }
  row.push_back('\n');
  return row;
}

std::string geojson_header() { return "{\"type\":\"FeatureCollection\",\"features\":[\n"; }
std::string geojson_footer() { return "\n]}\n"; }

std::string geojson_feature(const EventRecord& e, const ExportContext& ctx, bool first) {
  const Event& ev = e.event;
  if (!ev.location || !ev.location->lat || !ev.location->lon) return {};
  const Place& p = *ev.location;
  std::string out = first ? "" : ",\n";
  out += "{\"type\":\"Feature\",\"id\":";
  io::append_json_int(out, e.id);
  out += ",\"geometry\":{\"type\":\"Point\",\"coordinates\":[";
  io::append_json_number(out, *p.lon, 5);
  out += ",";
  io::append_json_number(out, *p.lat, 5);
  out += "]},\"properties\":{\"event_id\":";
  io::append_json_int(out, e.id);
  auto field = [&](const char* name, const std::string& v) {
    out += ",\"";
    out += name;
    out += "\":";
    io::append_json_string_or_null(out, v);
  };
  field("event_date", ev.date ? ev.date->value : "");
  field("type", ev.type);
  field("mode", ev.mode);
  field("acled_event_type", ev.acled_event_type);
  field("acled_sub_event_type", ev.acled_sub_event_type);
  field("actor1", join_names(ev.source, 0, ev.source.size()));
  field("actor2", join_names(ev.target, 0, ev.target.size()));
  std::string ids1, ids2;
  for (const auto& a : ev.source) ids1 += (ids1.empty() ? "" : ";") + a.id;
  for (const auto& a : ev.target) ids2 += (ids2.empty() ? "" : ";") + a.id;
  field("actor1_ids", ids1);
  field("actor2_ids", ids2);
  field("location", p.name_en.empty() ? p.name_ar : p.name_en);
  field("location_ar", p.name_ar);
  auto c = ctx.countries.find(p.country);
  field("country", c == ctx.countries.end() ? p.country : c->second);
  field("admin1", p.admin1);
  field("admin2", p.admin2);
  field("geo_precision", p.precision);
  out += ",\"fatalities\":";
  if (ev.casualties.killed) io::append_json_int(out, *ev.casualties.killed);
  else out += "null";
  out += ",\"injured\":";
  if (ev.casualties.injured) io::append_json_int(out, *ev.casualties.injured);
  else out += "null";
  out += ",\"n_sources\":";
  io::append_json_int(out, static_cast<int64_t>(e.sources.size()));
  field("sources", outlets(e));
  std::string urls;
  for (const auto& s : e.sources)
    if (!s.url.empty()) urls += (urls.empty() ? "" : " ") + s.url;
  field("urls", urls);
  field("notes", first_sentence(e));
  out += "}}";
  return out;
}

std::string table_header() {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-7s %-10s %-22s %-24s %-40s %6s %4s  %s\n", "id", "date", "type", "place",
                "source -> target", "killed", "src", "evidence");
  return buf;
}

std::string table_row(const EventRecord& e) {
  const Event& ev = e.event;
  std::string type = ev.type + (ev.mode.empty() ? "" : "/" + ev.mode);
  std::string place = ev.location ? (ev.location->name_en.empty() ? ev.location->name_ar : ev.location->name_en) : "-";
  auto ids = [](const std::vector<ActorRef>& v) {
    std::string s;
    for (const auto& a : v) s += (s.empty() ? "" : ",") + a.id;
    return s.empty() ? std::string("-") : s;
  };
  std::string actors = ids(ev.source) + (ev.reciprocal ? " <-> " : " -> ") + ids(ev.target);
  std::string evidence = first_sentence(e);
  if (text::count_code_points(evidence) > 80) evidence = text::slice(evidence, Span{0, 80}) + "…";
  for (char& c : evidence)
    if (c == '\n' || c == '\t') c = ' ';
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-7lld %-10s %-22s %-24s %-40s %6s %4zu  ", static_cast<long long>(e.id),
                ev.date ? ev.date->value.c_str() : "-", type.c_str(), place.c_str(), actors.c_str(),
                ev.casualties.killed ? std::to_string(*ev.casualties.killed).c_str() : "-", e.sources.size());
  return std::string(buf) + evidence + "\n";
}

}  // namespace marsad::store
