// A plain or gzip-compressed byte stream, read sequentially through zlib's
// inflate. Used by `marsad code` (io::DocumentReader), `marsad ingest` and the
// WARC reader.
//
//   marsad::io::ByteStream in("corpus.jsonl.gz");          // or ByteStream::from_fd(STDIN_FILENO)
//   if (!in.ok()) { ... in.error() ... }
//   while (size_t n = in.read(buf, sizeof buf)) { ... }
//   if (!in.error().empty()) { ... in.error_after_data() ? warning : error ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace marsad::io {

// A plain or gzip-compressed file read sequentially (zlib inflate; concatenated
// gzip members are read one after the other, a file that does not start with
// the gzip magic is passed through, bytes after the last member are ignored).
// A member whose CRC or length check fails: the bytes inflated before the
// check are returned, then error() names the member and its offset.
class ByteStream {
 public:
  explicit ByteStream(const std::string& path);
  // Reads an already open file descriptor (standard input: STDIN_FILENO). The
  // descriptor is duplicated: the caller keeps and closes its own.
  static ByteStream from_fd(int fd);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;
  ByteStream(ByteStream&&) noexcept;
  ByteStream& operator=(ByteStream&&) noexcept;

  bool ok() const;
  // Reads up to n bytes; 0 at end of data or on error (see error()).
  size_t read(char* buf, size_t n);
  // Bytes of the underlying file consumed so far (compressed offset).
  uint64_t file_offset() const;
  // "" or the reason the data ended early ("truncated gzip stream", …).
  const std::string& error() const { return error_; }
  // The error is a failed CRC or length check: every byte was inflated and
  // handed out, but the data may be damaged (a warning rather than a loss).
  bool error_after_data() const { return error_after_data_; }

 private:
  struct State;
  ByteStream();
  void start();  // reads the first input and detects gzip

  std::unique_ptr<State> s_;
  std::string error_;
  bool error_after_data_ = false;
};

}  // namespace marsad::io
