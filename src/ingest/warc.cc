// WARC reading with resynchronisation; gzip through zlib; see warc.h.
#include "ingest/warc.h"

#include "io/byte_stream.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace marsad::ingest {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Header lines "Name: value" (CRLF or LF) into a lower-case map.
void parse_headers(std::string_view block, std::map<std::string, std::string>& out) {
  size_t p = 0;
  while (p < block.size()) {
    size_t e = block.find('\n', p);
    if (e == std::string_view::npos) e = block.size();
    std::string_view line = block.substr(p, e - p);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) out.emplace(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
    p = e + 1;
  }
}

// Inflates `in` with zlib window bits `window` (15 + 32: gzip or zlib header,
// -15: raw deflate) into `out`; the last zlib return code.
int inflate_with(std::string_view in, int window, std::string& out) {
  z_stream zs{};
  if (inflateInit2(&zs, window) != Z_OK) return Z_STREAM_ERROR;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 15];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  return rc;
}

bool inflate_all(std::string_view in, std::string& out) {
  if (inflate_with(in, 15 + 32, out) == Z_STREAM_END) return true;
  // Raw deflate ("Content-Encoding: deflate" without zlib header).
  if (out.empty()) inflate_with(in, -15, out);
  return !out.empty();
}

bool dechunk(std::string_view in, std::string& out) {
  size_t p = 0;
  while (p < in.size()) {
    size_t e = in.find('\n', p);
    if (e == std::string_view::npos) return false;
    std::string_view line = in.substr(p, e - p);
    size_t semi = line.find(';');
    if (semi != std::string_view::npos) line = line.substr(0, semi);
    std::string t = trim(line);
    if (t.empty()) {
      p = e + 1;
      continue;
    }
    // a chunk size is hex digits only: strtoull would read «-8» as 2^64 - 8, and p + n
    // would wrap around and walk back over the body for ever (found by fuzz_warc)
    if (!std::isxdigit(static_cast<unsigned char>(t[0]))) return false;
    char* end = nullptr;
    errno = 0;
    unsigned long long n = std::strtoull(t.c_str(), &end, 16);
    if (end == t.c_str() || errno == ERANGE) return false;
    p = e + 1;
    if (n == 0) return true;
    if (n > in.size() - p) {
      out.append(in.substr(p));
      return false;
    }
    out.append(in.substr(p, n));
    p += n;
    if (p < in.size() && in[p] == '\r') ++p;
    if (p < in.size() && in[p] == '\n') ++p;
  }
  return true;
}

}  // namespace

bool parse_http_response(std::string_view block, HttpResponse& out, std::string& reason) {
  if (block.substr(0, 5) != "HTTP/") {
    reason = "response record without an HTTP status line";
    return false;
  }
  size_t line_end = block.find('\n');
  if (line_end == std::string_view::npos) {
    reason = "HTTP response without headers";
    return false;
  }
  std::string_view status = block.substr(0, line_end);
  size_t sp = status.find(' ');
  out.status = sp == std::string_view::npos ? 0 : std::atoi(std::string(status.substr(sp + 1, 3)).c_str());
  size_t hdr_end = block.find("\r\n\r\n", line_end);
  size_t sep = 4;
  size_t lf = block.find("\n\n", line_end);
  if (hdr_end == std::string_view::npos || (lf != std::string_view::npos && lf < hdr_end)) {
    hdr_end = lf;
    sep = 2;
  }
  if (hdr_end == std::string_view::npos) {
    hdr_end = block.size();
    sep = 0;
  }
  parse_headers(block.substr(line_end + 1, hdr_end - line_end - 1), out.headers);
  std::string_view body = block.substr(std::min(block.size(), hdr_end + sep));
  std::string decoded;
  auto te = out.headers.find("transfer-encoding");
  if (te != out.headers.end() && lower(te->second).find("chunked") != std::string::npos) {
    std::string plain;
    if (!dechunk(body, plain)) reason = "broken chunked encoding (kept what could be read)";
    decoded = std::move(plain);
  } else {
    decoded.assign(body);
  }
  auto ce = out.headers.find("content-encoding");
  if (ce != out.headers.end()) {
    std::string enc = lower(ce->second);
    if (enc.find("gzip") != std::string::npos || enc.find("deflate") != std::string::npos) {
      std::string inflated;
      if (!inflate_all(decoded, inflated)) {
        reason = "cannot decompress the HTTP body (" + enc + ")";
        return false;
      }
      decoded = std::move(inflated);
    }
  }
  out.body = std::move(decoded);
  return true;
}

WarcReader::WarcReader(std::string path, size_t max_record_bytes)
    : path_(std::move(path)), max_record_bytes_(max_record_bytes) {}

bool WarcReader::each(const WarcSink& sink, const WarcProblem& problem) {
  io::ByteStream in(path_);
  if (!in.ok()) {
    problem("", in.error(), false);
    return false;
  }
  std::string buf;
  size_t pos = 0;
  uint64_t base = 0;  // stream offset of buf[0]
  bool eof = false;
  auto fill = [&](size_t need) {  // make buf.size() - pos >= need if possible
    while (!eof && buf.size() - pos < need) {
      size_t old = buf.size();
      size_t want = std::max<size_t>(size_t{1} << 20, need - (buf.size() - pos));
      buf.resize(old + want);
      size_t got = in.read(buf.data() + old, want);
      buf.resize(old + got);
      offset_ = in.file_offset();
      if (got == 0) eof = true;
    }
    return buf.size() - pos >= need;
  };
  // Find "\nWARC/1." at or after `from` (absolute index in buf), filling as needed,
  // looking at most `limit` bytes past `from`. Returns index of 'W' or npos.
  auto find_next_record = [&](size_t from, size_t limit) -> size_t {
    size_t scanned_to = from;
    while (true) {
      size_t hit = buf.find("\nWARC/1.", scanned_to > from ? scanned_to - 8 : from);
      if (hit != std::string::npos) return hit + 1;
      scanned_to = buf.size();
      if (eof || scanned_to - from > limit) return std::string::npos;
      fill(buf.size() - pos + (size_t{1} << 20));
    }
  };

  uint64_t number = 0;
  while (true) {
    // Indices into buf stay valid within one record: compact only here.
    if (pos > (size_t{8} << 20)) {
      buf.erase(0, pos);
      base += pos;
      pos = 0;
    }
    while (fill(1) && (buf[pos] == '\r' || buf[pos] == '\n')) ++pos;
    if (!fill(1)) break;
    fill(8);
    uint64_t rec_offset = base + pos;
    std::string where = "record " + std::to_string(number + 1) + " at byte " + std::to_string(rec_offset);
    if (buf.compare(pos, 5, "WARC/") != 0) {
      size_t next = find_next_record(pos, max_record_bytes_);
      problem(where, "not a WARC record header; skipped to the next record", false);
      if (next == std::string::npos) break;
      pos = next;
      continue;
    }
    ++number;
    // Header block.
    size_t hdr_end = std::string::npos, sep = 4;
    while (true) {
      hdr_end = buf.find("\r\n\r\n", pos);
      size_t lf = buf.find("\n\n", pos);
      if (lf != std::string::npos && (hdr_end == std::string::npos || lf < hdr_end)) {
        hdr_end = lf;
        sep = 2;
      } else {
        sep = 4;
      }
      if (hdr_end != std::string::npos || eof || buf.size() - pos > (1u << 20)) break;
      fill(buf.size() - pos + (1u << 16));
    }
    if (hdr_end == std::string::npos) {
      problem(where, "truncated WARC header", false);
      break;
    }
    WarcRecord rec;
    rec.number = number;
    rec.offset = rec_offset;
    std::string_view header(buf.data() + pos, hdr_end - pos);
    size_t first_nl = header.find('\n');
    parse_headers(first_nl == std::string_view::npos ? std::string_view() : header.substr(first_nl + 1), rec.headers);
    auto get = [&](const char* k) {
      auto it = rec.headers.find(k);
      return it == rec.headers.end() ? std::string() : it->second;
    };
    rec.type = lower(get("warc-type"));
    rec.target_uri = get("warc-target-uri");
    if (rec.target_uri.size() >= 2 && rec.target_uri.front() == '<' && rec.target_uri.back() == '>')
      rec.target_uri = rec.target_uri.substr(1, rec.target_uri.size() - 2);
    rec.date = get("warc-date");
    rec.record_id = get("warc-record-id");
    rec.content_type = get("content-type");
    std::string len_s = get("content-length");
    char* endp = nullptr;
    unsigned long long claimed = std::strtoull(len_s.c_str(), &endp, 10);
    bool have_len = !len_s.empty() && endp && *endp == '\0';
    size_t body_start = hdr_end + sep;  // absolute in buf
    // Check: claimed bytes, then CRLF CRLF, then the next record or the end.
    bool consistent = false;
    if (have_len && claimed <= max_record_bytes_) {
      size_t need = body_start - pos + static_cast<size_t>(claimed) + 4 + 6;
      fill(need);
      size_t after = body_start + static_cast<size_t>(claimed);
      if (after <= buf.size()) {
        size_t q = after;
        size_t nl = 0;
        while (q < buf.size() && (buf[q] == '\r' || buf[q] == '\n') && nl < 6) ++q, ++nl;
        bool at_end = q >= buf.size() && eof;
        bool next_ok = q + 5 <= buf.size() && buf.compare(q, 5, "WARC/") == 0;
        consistent = nl >= 2 && (at_end || next_ok);
        if (after == buf.size() && eof) consistent = true;  // last record without trailing newlines
        if (consistent) {
          rec.block.assign(buf, body_start, static_cast<size_t>(claimed));
          pos = after;
        }
      }
    }
    if (!consistent) {
      size_t next = find_next_record(body_start, max_record_bytes_);
      size_t end = next == std::string::npos ? buf.size() : next;
      size_t block_end = end;
      while (block_end > body_start && (buf[block_end - 1] == '\n' || buf[block_end - 1] == '\r') &&
             end - block_end < 4)
        --block_end;
      if (next == std::string::npos && !eof) {
        problem(where, "record larger than the limit; skipped", false);
        break;
      }
      rec.block.assign(buf, body_start, block_end - body_start);
      pos = end;
      std::string why = have_len ? "Content-Length " + len_s + " does not match the record (" +
                                       std::to_string(rec.block.size()) + " bytes); resynchronised at the next record"
                                 : "missing or bad Content-Length; resynchronised at the next record";
      problem(where, why, true);
    }
    if (!sink(rec)) return true;
  }
  if (!in.error().empty()) problem("byte " + std::to_string(base + buf.size()), in.error(), in.error_after_data());
  return true;
}

}  // namespace marsad::ingest
