// Reading documents: JSON Lines (simdjson DOM, one line at a time, through
// io::ByteStream so that .gz corpora read the same way), text files and
// standard input.
#include "io/documents.h"

#include <unistd.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <simdjson.h>

#include "io/byte_stream.h"

namespace marsad::io {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char a = s[s.size() - suffix.size() + i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != suffix[i]) return false;
  }
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), is_space);
}

std::string human_bytes(size_t n) {
  char buf[64];
  if (n >= (size_t{1} << 20) && n % (size_t{1} << 20) == 0) {
    std::snprintf(buf, sizeof buf, "%zu MB", n >> 20);
  } else {
    std::snprintf(buf, sizeof buf, "%zu bytes", n);
  }
  return buf;
}

// A byte stream from a file or standard input, gunzipped on the fly when it
// is gzip data (ByteStream passes other data through unchanged).
class Source {
 public:
  Source() = default;
  Source(const Source&) = delete;
  Source& operator=(const Source&) = delete;

  // Returns an empty string on success, else the reason.
  std::string open(const std::string& path) {
    if (path == "-") {
      in_.emplace(ByteStream::from_fd(STDIN_FILENO));
    } else {
      std::error_code ec;
      if (std::filesystem::is_directory(path, ec)) return "is a directory";
      in_.emplace(path);
    }
    if (!in_->ok()) return in_->error();
    buf_.resize(size_t{1} << 20);
    return {};
  }

  // Refill the buffer when it is empty. False at end of input or on error.
  bool fill() {
    if (pos_ < len_) return true;
    if (eof_) return false;
    size_t n = in_->read(buf_.data(), buf_.size());
    if (n == 0) {
      eof_ = true;
      // A truncated or damaged gzip stream, or a failed read, ends the data here.
      const std::string& why = in_->error();
      if (!why.empty()) {
        if (in_->error_after_data()) {
          warning_ = "warning: " + why;
        } else {
          error_ = why.rfind("read error: ", 0) == 0 ? why : "read error: " + why;
        }
      }
      return false;
    }
    pos_ = 0;
    len_ = n;
    return true;
  }

  // First byte that is not white space or a BOM byte, or -1 at end of input.
  // Does not consume anything (looks only inside the first buffer).
  int peek_first_significant() {
    if (!fill()) return -1;
    for (size_t i = pos_; i < len_; ++i) {
      auto c = static_cast<unsigned char>(buf_[i]);
      if (is_space(static_cast<char>(c)) || c == 0xEF || c == 0xBB || c == 0xBF) continue;
      return c;
    }
    return -1;
  }

  enum class LineStatus { Line, TooLong, End };

  // The next line without its '\n' (and without a trailing '\r').
  // A line longer than `limit` is consumed and discarded: TooLong.
  LineStatus next_line(std::string& line, size_t limit, size_t& discarded) {
    line.clear();
    discarded = 0;
    bool any = false;
    bool too_long = false;
    while (fill()) {
      any = true;
      const char* start = buf_.data() + pos_;
      size_t avail = len_ - pos_;
      const void* nl = std::memchr(start, '\n', avail);
      size_t take = nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - start) : avail;
      if (!too_long) {
        if (line.size() + take > limit) {
          too_long = true;
          discarded = line.size();
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(start, take);
        }
      }
      if (too_long) discarded += take;
      pos_ += take;
      if (nl != nullptr) {
        ++pos_;
        break;
      }
    }
    if (!any) return LineStatus::End;
    if (too_long) return LineStatus::TooLong;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return LineStatus::Line;
  }

  // Everything that is left, up to `limit` bytes. False when longer than `limit`
  // (`total` then holds how much was seen before giving up).
  bool read_all(std::string& out, size_t limit, size_t& total) {
    out.clear();
    total = 0;
    while (fill()) {
      size_t avail = len_ - pos_;
      total += avail;
      if (out.size() + avail > limit) {
        out.clear();
        out.shrink_to_fit();
        return false;
      }
      out.append(buf_.data() + pos_, avail);
      pos_ = len_;
    }
    return true;
  }

  // "" or why the data ended early (then part of the input is lost).
  const std::string& error() const { return error_; }
  // "" or a problem found after every byte was handed out: a gzip member whose
  // CRC or length check failed; its documents were read but may be damaged.
  const std::string& warning() const { return warning_; }

 private:
  std::optional<ByteStream> in_;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t len_ = 0;
  bool eof_ = false;
  std::string error_;
  std::string warning_;
};

bool looks_like_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// Parse a JSON Lines record. `line` must have SIMDJSON_PADDING bytes of
// capacity beyond its size (ensured here). `warning` receives a non-fatal note.
bool parse_record(simdjson::dom::parser& parser, std::string& line, Document& out,
                  std::string& reason, std::string& warning) {
  line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  simdjson::dom::element root;
  auto error = parser.parse(reinterpret_cast<const uint8_t*>(line.data()), line.size(), false).get(root);
  if (error == simdjson::UTF8_ERROR) {
    reason = "invalid UTF-8";
    return false;
  }
  if (error) {
    reason = std::string("not valid JSON: ") + simdjson::error_message(error);
    return false;
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) {
    reason = "not a JSON object";
    return false;
  }
  out = Document{};
  bool have_id = false;
  bool have_text = false;
  for (auto field : obj) {
    std::string_view key = field.key;
    simdjson::dom::element value = field.value;
    std::string* target = nullptr;
    if (key == "id") {
      if (value.is_string()) {
        target = &out.id;
      } else if (value.is_int64()) {
        out.id = std::to_string(int64_t(value));
        have_id = true;
        continue;
      } else if (value.is_uint64()) {
        out.id = std::to_string(uint64_t(value));
        have_id = true;
        continue;
      } else {
        reason = "\"id\" is not a string";
        return false;
      }
      have_id = true;
    } else if (key == "text") {
      if (!value.is_string()) {
        reason = "\"text\" is not a string";
        return false;
      }
      target = &out.text;
      have_text = true;
    } else if (key == "date") {
      target = &out.date;
    } else if (key == "outlet") {
      target = &out.outlet;
    } else if (key == "url") {
      target = &out.url;
    } else if (key == "title") {
      target = &out.title;
    } else {
      continue;  // unknown fields are ignored (SPEC §2)
    }
    std::string_view s;
    if (value.get_string().get(s)) continue;  // optional field that is not a string: ignored
    target->assign(s.data(), s.size());
  }
  if (!have_id) {
    reason = "missing \"id\"";
    return false;
  }
  if (out.id.empty()) {
    reason = "empty \"id\"";
    return false;
  }
  if (!have_text) {
    reason = "missing \"text\"";
    return false;
  }
  if (is_blank(out.text)) {
    reason = "empty text (document \"" + out.id + "\")";
    return false;
  }
  if (!out.date.empty()) {
    // Accept a full timestamp ("2021-01-27T10:00:00Z") as its day.
    if (out.date.size() > 10 && looks_like_iso_date(std::string_view(out.date).substr(0, 10)) &&
        (out.date[10] == 'T' || out.date[10] == ' ')) {
      out.date.resize(10);
    }
    if (!looks_like_iso_date(out.date)) {
      warning = "date \"" + out.date + "\" of document \"" + out.id +
                "\" is not yyyy-mm-dd; read without a publication date";
      out.date.clear();
    }
  }
  return true;
}

std::string convert(std::string_view bytes, const char* from) {
  if (bytes.empty()) return {};
  if (bytes.size() > static_cast<size_t>(INT32_MAX / 4)) return std::string(bytes);
  std::string out(bytes.size() * 3 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = ucnv_convert("UTF-8", from, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                           static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status) || n < 0) return std::string(bytes);
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string file_stem(const std::string& path) {
  std::filesystem::path p(path);
  std::string name = p.filename().string();
  for (std::string_view ext : {".gz", ".txt", ".text"}) {
    if (ends_with(name, ext) && name.size() > ext.size()) name.resize(name.size() - ext.size());
  }
  return name;
}

std::string first_line_title(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(i, nl - i);
    while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    if (!line.empty()) return line.size() <= 400 ? std::string(line) : std::string();
    i = nl + 1;
  }
  return {};
}

Format format_from_name(const std::string& path) {
  std::string_view name = path;
  if (ends_with(name, ".gz")) name.remove_suffix(3);
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson") || ends_with(name, ".json") ||
      ends_with(name, ".jsonlines")) {
    return Format::JsonLines;
  }
  if (ends_with(name, ".txt") || ends_with(name, ".text")) return Format::Text;
  return Format::Auto;
}

struct LineContext {
  simdjson::dom::parser parser;
  std::string reason;
  std::string warning;
};

// Handle one JSON line. Returns false when the sink asked to stop.
bool handle_line(LineContext& ctx, std::string& line, uint64_t lineno, const std::string& name,
                 const DocumentSink& sink, const ErrorSink& errors, ReadStats& stats) {
  std::string_view view = line;
  if (lineno == 1 && view.substr(0, kBom.size()) == kBom) line.erase(0, kBom.size());
  if (is_blank(line)) return true;
  Document doc;
  ctx.reason.clear();
  ctx.warning.clear();
  if (!parse_record(ctx.parser, line, doc, ctx.reason, ctx.warning)) {
    ++stats.errors;
    if (errors) errors(ReadError{name, lineno, ctx.reason});
    return true;
  }
  if (!ctx.warning.empty() && errors) errors(ReadError{name, lineno, ctx.warning});
  ++stats.documents;
  if (!sink(std::move(doc), Origin{name, lineno})) {
    stats.stopped = true;
    return false;
  }
  return true;
}

}  // namespace

std::string ReadError::to_string() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  s += reason;
  return s;
}

bool is_valid_utf8(std::string_view bytes) { return simdjson::validate_utf8(bytes.data(), bytes.size()); }

std::string decode_text(std::string_view bytes, std::string* encoding) {
  auto set = [&](const char* e) {
    if (encoding != nullptr) *encoding = e;
  };
  if (bytes.substr(0, kBom.size()) == kBom) {
    set("UTF-8");
    // a BOM promises UTF-8; bytes that break the promise become U+FFFD (ICU)
    const std::string_view rest = bytes.substr(kBom.size());
    return is_valid_utf8(rest) ? std::string(rest) : convert(rest, "UTF-8");
  }
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE) {
    set("UTF-16LE");
    return convert(bytes.substr(2), "UTF-16LE");
  }
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
      static_cast<unsigned char>(bytes[1]) == 0xFF) {
    set("UTF-16BE");
    return convert(bytes.substr(2), "UTF-16BE");
  }
  if (is_valid_utf8(bytes)) {
    set("UTF-8");
    return std::string(bytes);
  }
  set("windows-1256");
  return convert(bytes, "windows-1256");
}

bool parse_document_json(std::string_view line, Document& out, std::string& reason) {
  simdjson::dom::parser parser;
  std::string copy;
  copy.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  copy.assign(line);
  std::string warning;
  return parse_record(parser, copy, out, reason, warning);
}

DocumentReader::DocumentReader(ReaderOptions options) : options_(options) {}

ReadStats DocumentReader::read_json_lines(std::string_view bytes, const std::string& name,
                                          const DocumentSink& sink, const ErrorSink& errors) {
  ReadStats stats;
  stats.opened = true;
  LineContext ctx;
  std::string line;
  uint64_t lineno = 0;
  size_t i = 0;
  while (i < bytes.size()) {
    size_t nl = bytes.find('\n', i);
    if (nl == std::string_view::npos) nl = bytes.size();
    ++lineno;
    std::string_view piece = bytes.substr(i, nl - i);
    i = nl + 1;
    if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
    if (piece.size() > options_.max_document_bytes) {
      ++stats.errors;
      if (errors) {
        errors(ReadError{name, lineno,
                         "line of " + std::to_string(piece.size()) + " bytes is longer than the limit of " +
                             human_bytes(options_.max_document_bytes) + "; skipped"});
      }
      continue;
    }
    line.assign(piece);
    if (!handle_line(ctx, line, lineno, name, sink, errors, stats)) break;
  }
  return stats;
}

ReadStats DocumentReader::read(const std::string& path, const DocumentSink& sink, const ErrorSink& errors) {
  ReadStats stats;
  const std::string name = path == "-" ? std::string("<stdin>") : path;
  auto report = [&](uint64_t line, std::string reason) {
    ++stats.errors;
    if (errors) errors(ReadError{name, line, std::move(reason)});
  };
  Source src;
  if (std::string why = src.open(path); !why.empty()) {
    report(0, why);
    return stats;
  }
  stats.opened = true;

  Format format = options_.format;
  if (format == Format::Auto) format = format_from_name(path);
  if (format == Format::Auto) {
    format = src.peek_first_significant() == '{' ? Format::JsonLines : Format::Text;
  }

  if (format == Format::JsonLines) {
    LineContext ctx;
    std::string line;
    uint64_t lineno = 0;
    size_t discarded = 0;
    for (;;) {
      auto status = src.next_line(line, options_.max_document_bytes, discarded);
      if (status == Source::LineStatus::End) break;
      ++lineno;
      if (status == Source::LineStatus::TooLong) {
        report(lineno, "line of " + std::to_string(discarded) + " bytes is longer than the limit of " +
                           human_bytes(options_.max_document_bytes) + "; skipped");
        continue;
      }
      if (!handle_line(ctx, line, lineno, name, sink, errors, stats)) return stats;
    }
    if (!src.error().empty()) report(lineno + 1, src.error());
    // Every line was read (and its documents delivered); the last one ends the damaged member.
    if (!src.warning().empty() && errors) errors(ReadError{name, lineno, src.warning()});
    return stats;
  }

  // One text article.
  std::string bytes;
  size_t total = 0;
  if (!src.read_all(bytes, options_.max_document_bytes, total)) {
    report(0, "document longer than the limit of " + human_bytes(options_.max_document_bytes) + "; skipped");
    return stats;
  }
  if (!src.error().empty()) {
    report(0, src.error());
    if (bytes.empty()) return stats;
  }
  if (!src.warning().empty() && errors) errors(ReadError{name, 0, src.warning()});
  Document doc;
  doc.text = decode_text(bytes, nullptr);
  bytes.clear();
  bytes.shrink_to_fit();
  if (is_blank(doc.text)) {
    report(0, "empty document; skipped");
    return stats;
  }
  doc.id = path == "-" ? std::string("stdin") : file_stem(path);
  doc.title = first_line_title(doc.text);
  ++stats.documents;
  if (!sink(std::move(doc), Origin{name, 0})) stats.stopped = true;
  return stats;
}

std::vector<Document> read_all(const std::string& path, std::vector<ReadError>* errors, ReaderOptions options) {
  std::vector<Document> docs;
  DocumentReader reader(options);
  reader.read(
      path,
      [&](Document&& doc, const Origin&) {
        docs.push_back(std::move(doc));
        return true;
      },
      [&](const ReadError& e) {
        if (errors != nullptr) errors->push_back(e);
      });
  return docs;
}

}  // namespace marsad::io
