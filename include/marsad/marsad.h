// Marsad: Arabic news in, coded events and actor relations out.
//
//   #include "marsad/marsad.h"
//   auto coder = marsad::Coder::load(marsad::default_data_dir());  // throws marsad::LoadError
//   marsad::Document doc{.id = "seed", .date = "2021-01-27", .text = "..."};
//   marsad::Result result = coder->code(doc);            // thread-safe, never throws on text
//   std::string line = marsad::to_json(result);          // SPEC §3, one line
//
// A Coder is immutable after load(): share one between threads.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "marsad/types.h"

namespace marsad {

// A knowledge file could not be read or parsed; what() names file and line.
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where the knowledge files are: $MARSAD_DATA if set, else the `data/` folder
// of the source tree the program was built from, else `../share/marsad/data`
// next to the executable.
std::filesystem::path default_data_dir();

class Coder {
 public:
  static std::unique_ptr<Coder> load(const std::filesystem::path& data_dir);
  ~Coder();
  Coder(const Coder&) = delete;
  Coder& operator=(const Coder&) = delete;

  // Code one document. Never throws for any text (bad UTF-8 is replaced).
  Result code(const Document& doc) const;

  // Every step for one sentence or short text: normalised tokens, actors,
  // triggers, places, dates and cues found, and which rule made which event.
  std::string explain(std::string_view text, std::string_view publication_date = {}) const;

  struct Impl;

 private:
  explicit Coder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// SPEC §3 JSON for one document's result, on one line (no trailing newline).
std::string to_json(const Result& result);

}  // namespace marsad
