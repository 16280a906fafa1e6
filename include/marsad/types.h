// Marsad's data model: what one article goes in as and what comes out (SPEC §2–§3).
//
// Every Span is a half-open range [begin, end) of Unicode code points into the
// document's original `text`, so an analyst can highlight the exact words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace marsad {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
};

// One news article (SPEC §2). `date` is the ISO publication date or empty.
struct Document {
  std::string id;
  std::string date;
  std::string outlet;
  std::string url;
  std::string title;
  std::string text;
};

struct ActorRef {
  std::string id;       // id of data/actors/registry.tsv
  std::string name_ar;  // canonical Arabic name
  std::string name_en;  // canonical English name
  Span span;            // the mention in the text
};

// A resolved (or unresolved) place. lat/lon empty = could not be resolved.
struct Place {
  std::string name_ar;
  std::string name_en;
  std::string gazetteer_id;
  std::optional<double> lat;
  std::optional<double> lon;
  std::string country;  // ISO alpha-3
  std::string admin1;
  std::string admin2;
  std::string precision;  // point, town, district, governorate, country, region
  Span span;
};

// A date expression. value empty = unresolved (e.g. no publication date).
struct Date {
  std::string value;      // ISO yyyy-mm-dd, first day of the period
  std::string precision;  // day, week, month, year
  std::string text;       // the expression as written
  Span span;
};

struct Casualties {
  std::optional<int> killed;
  std::optional<int> injured;
  std::optional<int> killed_civilians;
  std::optional<int> injured_civilians;
};

struct Evidence {
  Span sentence;
  Span trigger;
  std::string rule;  // the dictionary entry or pattern that fired
};

struct Event {
  std::string type;   // one of the 16 SPEC §4 types
  std::string mode;   // empty = null
  std::string cameo;  // empty = null
  std::string acled_event_type;      // empty = no ACLED equivalent
  std::string acled_sub_event_type;
  std::vector<ActorRef> source;
  std::vector<ActorRef> target;
  bool reciprocal = false;
  std::optional<Place> location;
  std::optional<Date> date;
  Casualties casualties;
  std::string status = "occurred";  // occurred, attempted, planned, denied, claimed
  std::string attribution;          // empty = null
  Evidence evidence;
  double confidence = 0.5;
};

struct Relation {
  ActorRef actor;
  std::string relation;  // backed_by, part_of, allied_with
  ActorRef patron;
  Evidence evidence;
};

// What the coder says about one document (SPEC §3).
struct Result {
  std::string doc_id;
  std::vector<Event> events;
  std::vector<Relation> relations;
};

}  // namespace marsad
