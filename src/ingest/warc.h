// Web archives: WARC 1.0/1.1 files, plain or gzip-compressed (one gzip member
// per record, or the whole file as one stream; zlib handles both).
//
//   marsad::ingest::WarcReader reader("crawl.warc.gz");
//   reader.each([](const WarcRecord& r) { ...; return true; },
//               [](const std::string& where, const std::string& reason, bool recovered) { ... });
//
// Robust to bad archives: a Content-Length that does not match the record
// (too long or too short) is detected by checking that the next record starts
// where it says; the reader then resynchronises on the next "WARC/1." line,
// keeps the record's bytes up to there and reports a recovered problem. A
// truncated gzip stream is reported; every record before the cut is still read.
// The bytes come through io::ByteStream (src/io/byte_stream.h).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace marsad::ingest {

struct WarcRecord {
  uint64_t number = 0;   // 1-based record number in the file
  uint64_t offset = 0;   // byte offset of "WARC/" in the (decompressed) stream
  std::string type;      // WARC-Type: response, resource, request, warcinfo, …
  std::string target_uri;
  std::string date;      // WARC-Date
  std::string record_id;
  std::string content_type;               // of the block
  std::map<std::string, std::string> headers;  // lower-case names
  std::string block;     // the record block (HTTP response for "response")
};

// An HTTP response as stored in a response record.
struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;  // de-chunked and decompressed (gzip/deflate)
};

// Parse the HTTP message of a response record; false when it is not HTTP.
bool parse_http_response(std::string_view block, HttpResponse& out, std::string& reason);

using WarcSink = std::function<bool(const WarcRecord& record)>;
// where: "record N at byte B"; recovered: true when the record was still used.
using WarcProblem = std::function<void(const std::string& where, const std::string& reason, bool recovered)>;

class WarcReader {
 public:
  explicit WarcReader(std::string path, size_t max_record_bytes = size_t{256} << 20);
  // Returns false when the file cannot be opened (reported through `problem`).
  bool each(const WarcSink& sink, const WarcProblem& problem);
  // Compressed bytes consumed so far (for progress).
  uint64_t file_offset() const { return offset_; }

 private:
  std::string path_;
  size_t max_record_bytes_;
  uint64_t offset_ = 0;
};

}  // namespace marsad::ingest
