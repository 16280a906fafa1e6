// Plain or gzip byte streams through zlib's inflate; see byte_stream.h.
#include "io/byte_stream.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

namespace marsad::io {

// zlib's inflate directly (not gzread): after a bad CRC or length check the
// bytes already inflated are handed out before the error is reported, so the
// documents of a damaged member are not all lost, and the error names the
// member and its byte range.
struct ByteStream::State {
  std::FILE* file = nullptr;
  z_stream z{};
  bool z_ready = false;
  bool gzip = false;       // else the file is passed through as it is
  bool in_member = false;  // inside a gzip member (its trailer not yet read)
  bool eof = false;        // no more bytes in the file
  bool done = false;
  uint64_t read_total = 0;    // bytes read from the file
  uint64_t member = 0;        // 1-based number of the current member
  uint64_t member_start = 0;  // its compressed offset
  std::vector<unsigned char> in = std::vector<unsigned char>(size_t{1} << 18);

  uint64_t consumed() const { return read_total - (gzip ? z.avail_in : 0); }
  // Keeps the unread input and appends more from the file.
  void refill() {
    if (eof) return;
    size_t keep = z.avail_in;
    if (keep > 0 && z.next_in != in.data()) std::memmove(in.data(), z.next_in, keep);
    size_t got = std::fread(in.data() + keep, 1, in.size() - keep, file);
    if (got == 0) eof = true;
    read_total += got;
    z.next_in = in.data();
    z.avail_in = static_cast<uInt>(keep + got);
  }
};

ByteStream::ByteStream() : s_(std::make_unique<State>()) {}

ByteStream::ByteStream(const std::string& path) : s_(std::make_unique<State>()) {
  s_->file = std::fopen(path.c_str(), "rb");
  if (!s_->file) {
    error_ = std::string("cannot open: ") + std::strerror(errno);
    return;
  }
  start();
}

ByteStream ByteStream::from_fd(int fd) {
  ByteStream bs;
  const std::string what = fd == STDIN_FILENO ? std::string("standard input") : "file descriptor " + std::to_string(fd);
  int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) {
    bs.error_ = "cannot read " + what + ": " + std::strerror(errno);
    return bs;
  }
  bs.s_->file = ::fdopen(copy, "rb");
  if (!bs.s_->file) {
    bs.error_ = "cannot read " + what + ": " + std::strerror(errno);
    ::close(copy);
    return bs;
  }
  bs.start();
  return bs;
}

void ByteStream::start() {
  s_->refill();
  s_->gzip = s_->z.avail_in >= 2 && s_->in[0] == 0x1f && s_->in[1] == 0x8b;
  if (s_->gzip) {
    if (inflateInit2(&s_->z, 15 + 16) != Z_OK) {
      error_ = "gzip error: cannot initialise zlib";
      s_->done = true;
      return;
    }
    s_->z_ready = true;
  }
}

ByteStream::ByteStream(ByteStream&&) noexcept = default;

ByteStream& ByteStream::operator=(ByteStream&& other) noexcept {
  if (this != &other) {
    ByteStream old(std::move(*this));  // releases this stream's file and zlib state
    s_ = std::move(other.s_);
    error_ = std::move(other.error_);
    error_after_data_ = other.error_after_data_;
  }
  return *this;
}

ByteStream::~ByteStream() {
  if (!s_) return;
  if (s_->z_ready) inflateEnd(&s_->z);
  if (s_->file) std::fclose(s_->file);
}

bool ByteStream::ok() const { return s_ && s_->file != nullptr; }

size_t ByteStream::read(char* buf, size_t n) {
  if (!ok() || n == 0 || s_->done) return 0;
  State& st = *s_;
  if (!st.gzip) {  // plain file: the bytes left in the first buffer, then the file
    size_t got = 0;
    if (st.z.avail_in > 0) {
      got = std::min<size_t>(n, st.z.avail_in);
      std::memcpy(buf, st.z.next_in, got);
      st.z.next_in += got;
      st.z.avail_in -= static_cast<uInt>(got);
    } else if (!st.eof) {
      got = std::fread(buf, 1, n, st.file);
      st.read_total += got;
      if (got == 0) st.eof = true;
    }
    if (got == 0) {
      if (std::ferror(st.file)) error_ = std::string("read error: ") + std::strerror(errno);
      st.done = true;
    }
    return got;
  }
  size_t produced = 0;
  n = std::min<size_t>(n, 1u << 30);
  while (produced < n) {
    if (st.z.avail_in < 2 && !st.eof) st.refill();
    if (!st.in_member) {
      if (st.z.avail_in == 0) {  // clean end after the last member
        st.done = true;
        break;
      }
      if (st.z.avail_in < 2 || st.z.next_in[0] != 0x1f || st.z.next_in[1] != 0x8b) {
        st.done = true;  // bytes after the last member are not gzip: ignored (as gzread does)
        break;
      }
      inflateReset(&st.z);
      st.in_member = true;
      ++st.member;
      st.member_start = st.consumed();
    }
    if (st.z.avail_in == 0 && st.eof) {
      error_ = "truncated gzip stream (unexpected end of file)";
      st.done = true;
      break;
    }
    st.z.next_out = reinterpret_cast<Bytef*>(buf + produced);
    st.z.avail_out = static_cast<uInt>(n - produced);
    int rc = inflate(&st.z, Z_NO_FLUSH);
    produced = n - st.z.avail_out;
    if (rc == Z_STREAM_END) {
      st.in_member = false;
      continue;
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR && st.z.avail_in == 0 && !st.eof) {  // needs more input
      st.refill();
      continue;
    }
    if (rc == Z_BUF_ERROR && st.z.avail_in == 0) {
      error_ = "truncated gzip stream (unexpected end of file)";
    } else {
      std::string what = st.z.msg ? st.z.msg : "error " + std::to_string(rc);
      error_ = "gzip error: " + what + " in member " + std::to_string(st.member) + " (starting at compressed byte " +
               std::to_string(st.member_start) + ")";
      if (what == "incorrect data check" || what == "incorrect length check") {
        error_ += ": its data may be damaged; what was read of it before the check is kept";
        error_after_data_ = true;
      }
    }
    st.done = true;
    break;
  }
  return produced;
}

uint64_t ByteStream::file_offset() const { return s_ ? s_->consumed() : 0; }

}  // namespace marsad::io
