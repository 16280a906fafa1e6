// The dashboard API's query parameters → a checked store::Filter (issue 5),
// separate from the server so it can be tested and fuzzed without a socket
// (issue 8, fuzz/fuzz_params.cc).
//
//   auto params = marsad::serve::parse_query("type=ASSAULT&since=2021-01-01");
//   marsad::serve::check_params(params, {"limit", "offset"});   // throws ParamError
//   store::Filter f = marsad::serve::parse_filter(params, governorate_of);
//   int64_t limit = marsad::serve::int_param(params, "limit", 100, 0, 1000);
//
// ParamError carries the HTTP status (400) and the parameter's name.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.h"

namespace marsad::serve {

// The same type as httplib::Params.
using Params = std::multimap<std::string, std::string>;

struct ParamError {
  int status = 400;
  std::string message;
  std::string parameter;
};

// Splits and %-decodes a query string (the part after '?') like the server does.
Params parse_query(std::string_view query);

// Only the filter parameters and `extra` are allowed, each at most once, at
// most 256 bytes of valid UTF-8. Throws ParamError.
void check_params(const Params& params, std::initializer_list<const char*> extra);

// The filter of a request (type, actor, patron, place, near, radius,
// governorate, since, until, text). `governorate` maps a user-given name to
// the stored admin1 name (identity when empty). Throws ParamError.
store::Filter parse_filter(const Params& params,
                           const std::function<std::string(const std::string&)>& governorate = {});

// An integer parameter in [lo, hi], or `fallback` when absent. Throws ParamError.
int64_t int_param(const Params& params, const char* name, int64_t fallback, int64_t lo, int64_t hi);

// A whole decimal number (a finite double, at most 32 characters; an int64), else nullopt.
std::optional<double> parse_double(std::string_view s);
std::optional<int64_t> parse_int(std::string_view s);

// Days since 1970-01-01 of a real ISO date YYYY-MM-DD, else nullopt.
std::optional<int64_t> iso_day(std::string_view s);

}  // namespace marsad::serve
