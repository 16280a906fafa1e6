// Writing stored events out: one-line JSON (SPEC §3 EVENT plus event_id and
// every source), ACLED-style CSV, GeoJSON features and a readable table.
//
//   auto ctx = marsad::store::ExportContext::load(*store, data_dir);
//   out << acled_csv_header();  store->query(filter, [&](auto& e) { out << acled_csv_row(e, ctx); return true; });
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>

#include "store/store.h"

namespace marsad::store {

struct ExportContext {
  std::unordered_map<std::string, ActorInfo> actors;        // registry, by id
  std::unordered_map<std::string, std::string> countries;   // ISO alpha-3 -> English name
  std::unordered_map<std::string, std::string> governorates; // folded Arabic name -> English admin1
  // Actors from the store; countries and governorates from
  // data/gazetteer/{countries,places}.tsv when present.
  static ExportContext load(Store& store, const std::filesystem::path& data_dir);
  // English admin1 name for an Arabic or English governorate name (unchanged if unknown).
  std::string governorate(const std::string& name) const;
};

// {"event_id":N,"type":…(SPEC §3 EVENT)…,"n_sources":K,"sources":[{doc_id,date,outlet,url,title,evidence,sentence}]}
std::string event_json(const EventRecord& e);

// ACLED-style CSV: the header line and one row per event (RFC 4180 quoting, CRLF-free).
std::string acled_csv_header();
std::string acled_csv_row(const EventRecord& e, const ExportContext& ctx);
// ACLED actor type code (1 state forces … 8 external/other) from a registry kind; 0 = none.
int acled_inter_code(const std::string& kind);

// GeoJSON: header, one Feature per located event ("" for events without
// coordinates), footer. Features after the first need a "," before them:
// geojson_feature(e, ctx, first).
std::string geojson_header();
std::string geojson_feature(const EventRecord& e, const ExportContext& ctx, bool first);
std::string geojson_footer();

// A readable table: header and one line per event.
std::string table_header();
std::string table_row(const EventRecord& e);

}  // namespace marsad::store
