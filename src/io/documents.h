// Reading documents (SPEC §2): JSON Lines corpora (optionally gzip-compressed),
// plain text files (UTF-8, UTF-16 with BOM or Windows-1256; one article each)
// and standard input ("-").
//
//   marsad::io::DocumentReader reader;                 // default limits
//   reader.read("corpus.jsonl.gz",
//               [](marsad::Document&& doc, const marsad::io::Origin& where) { ...; return true; },
//               [](const marsad::io::ReadError& e) { std::cerr << e.to_string() << '\n'; });
//
// Documents stream one at a time, so memory stays flat on a large corpus.
// Bad input (a broken JSON line, invalid UTF-8, a missing id or text, an empty
// or oversized document, an unreadable file) is reported through the error
// callback as FILE:LINE: reason and skipped; everything else is still read.
// Nothing here throws for bad input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "marsad/types.h"

namespace marsad::io {

// Where a document or an error comes from. line == 0: the file as a whole.
struct Origin {
  std::string file;
  uint64_t line = 0;
};

struct ReadError {
  std::string file;
  uint64_t line = 0;  // 0 = the file as a whole
  std::string reason;
  // "FILE:LINE: reason" (or "FILE: reason" when line == 0).
  std::string to_string() const;
};

enum class Format {
  Auto,       // from the name (.jsonl, .ndjson, .json, .txt, .gz) or the first byte
  JsonLines,  // one SPEC §2 object per line
  Text,       // the whole file is one article
};

struct ReaderOptions {
  // A JSON line, or a text file, longer than this is reported and skipped.
  size_t max_document_bytes = size_t{64} << 20;
  Format format = Format::Auto;
};

// Return false to stop reading.
using DocumentSink = std::function<bool(Document&& doc, const Origin& origin)>;
using ErrorSink = std::function<void(const ReadError& error)>;

struct ReadStats {
  bool opened = false;     // the file could be opened
  size_t documents = 0;    // documents delivered
  size_t errors = 0;       // problems reported
  bool stopped = false;    // the sink asked to stop
};

class DocumentReader {
 public:
  explicit DocumentReader(ReaderOptions options = {});

  // Read one file ("-" = standard input). Never throws for bad input.
  ReadStats read(const std::string& path, const DocumentSink& sink, const ErrorSink& errors);

  // Read a JSON Lines buffer already in memory (`name` is used in errors).
  ReadStats read_json_lines(std::string_view bytes, const std::string& name,
                            const DocumentSink& sink, const ErrorSink& errors);

  const ReaderOptions& options() const { return options_; }

 private:
  ReaderOptions options_;
};

// Parse one JSON Lines record into `out`. On failure returns false and sets
// `reason` ("not valid JSON: …", "invalid UTF-8", "missing \"id\"", "empty text", …).
// `line` need not be padded.
bool parse_document_json(std::string_view line, Document& out, std::string& reason);

// Decode a text file's bytes to UTF-8: a UTF-8 BOM is dropped, UTF-16 with a
// BOM is converted, valid UTF-8 is kept, anything else is taken as
// Windows-1256 (Arabic Windows code page) and converted with ICU.
// `encoding` (if given) receives "UTF-8", "UTF-16LE", "UTF-16BE" or "windows-1256".
std::string decode_text(std::string_view bytes, std::string* encoding = nullptr);

// True when `bytes` is valid UTF-8.
bool is_valid_utf8(std::string_view bytes);

// Convenience: read every document of `path` into a vector, errors appended to
// `errors` when given.
std::vector<Document> read_all(const std::string& path, std::vector<ReadError>* errors = nullptr,
                               ReaderOptions options = {});

}  // namespace marsad::io
