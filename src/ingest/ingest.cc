// Ingest pipeline: read → key → skip known → code (batch, optionally in
// parallel) → write (one transaction per batch); see ingest.h.
#include "ingest/ingest.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <system_error>
#include <thread>
#include <unordered_set>

#include "ingest/encoding.h"
#include "ingest/warc.h"
#include "io/byte_stream.h"
#include "io/documents.h"

namespace marsad::ingest {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// File name without the extension(s) we read: "a/b/page.html.gz" -> "page".
std::string stem_of(const fs::path& p) {
  fs::path name = p.filename();
  if (lower(name.extension().string()) == ".gz") name = name.stem();
  return name.stem().string();
}

bool is_hidden(const fs::path& p) {
  std::string n = p.filename().string();
  return !n.empty() && n[0] == '.';
}

}  // namespace

FileKind kind_of(const fs::path& path) {
  fs::path p = path.filename();
  std::string ext = lower(p.extension().string());
  if (ext == ".gz") {
    p = p.stem();
    ext = lower(p.extension().string());
  }
  if (ext == ".txt") return FileKind::Text;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return FileKind::Html;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return FileKind::JsonLines;
  if (ext == ".warc" || ext == ".arc") return FileKind::Warc;
  return FileKind::Unknown;
}

Ingester::Ingester(const Coder& coder, const HtmlExtractor& html, store::Store& store, IngestOptions options)
    : coder_(coder), html_(html), store_(store), options_(std::move(options)) {
  if (options_.threads == 0) options_.threads = 1;
  if (options_.batch_size == 0) options_.batch_size = 1;
}

void Ingester::fail(store::Failure f) {
  if (f.severity == "warning") ++summary_.warnings;
  else ++summary_.failures;
  progress_.failures = summary_.failures;
  if (options_.on_failure) options_.on_failure(f);
  pending_failures_.push_back(std::move(f));
  if (pending_failures_.size() >= 1000) flush();
}

void Ingester::emit(Document&& doc, store::DocumentInfo info) {
  ++summary_.documents_read;
  ++progress_.documents;
  std::string key = store::document_key(doc.text);
  if (std::find(batch_keys_.begin(), batch_keys_.end(), key) != batch_keys_.end() || store_.has_document(key)) {
    ++summary_.documents_known;
    maybe_flush();
    return;
  }
  batch_keys_.push_back(key);
  batch_.push_back(Pending{std::move(doc), std::move(key), std::move(info)});
  maybe_flush();
}

void Ingester::maybe_flush() {
  auto now = std::chrono::steady_clock::now();
  if (batch_.size() >= options_.batch_size ||
      std::chrono::duration<double>(now - last_flush_).count() >= options_.batch_seconds)
    flush();
  report_progress(false);
}

void Ingester::flush() {
  last_flush_ = std::chrono::steady_clock::now();
  if (batch_.empty() && pending_failures_.empty()) return;
  const size_t n = batch_.size();
  std::vector<Result> results(n);
  std::vector<std::string> errors(n);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        results[i] = coder_.code(batch_[i].doc);
      } catch (const std::exception& e) {
        errors[i] = std::string("coding failed: ") + e.what();
      }
    }
  };
  unsigned extra = std::min<unsigned>(options_.threads - 1, static_cast<unsigned>(n > 1 ? n - 1 : 0));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < extra; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  store_.begin();
  try {
    for (size_t i = 0; i < n; ++i) {
      if (!errors[i].empty()) {
        pending_failures_.push_back(store::Failure{batch_[i].info.source, batch_[i].doc.id, errors[i], "error"});
        ++summary_.failures;
        continue;
      }
      if (results[i].doc_id.empty()) results[i].doc_id = batch_[i].doc.id;
      store::AddOutcome o = store_.add(batch_[i].doc, batch_[i].key, results[i], batch_[i].info);
      if (o.inserted) {
        ++summary_.documents_new;
        summary_.events_new += o.events_new;
        summary_.events_merged += o.events_merged;
        summary_.relations += o.relations;
        progress_.events += o.events_new + o.events_merged;
      } else {
        ++summary_.documents_known;
      }
    }
    for (const auto& f : pending_failures_) store_.record_failure(f);
    store_.commit();
  } catch (...) {
    // Undo the whole batch; the first error is the one to report (a failing
    // rollback, e.g. on a full disk, must not hide it).
    try {
      store_.rollback();
    } catch (const std::exception&) {
    }
    throw;
  }
  progress_.stored = summary_.documents_new;
  batch_.clear();
  batch_keys_.clear();
  pending_failures_.clear();
}

void Ingester::report_progress(bool force) {
  if (!options_.on_progress) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && std::chrono::duration<double>(now - last_progress_).count() < 0.2) return;
  last_progress_ = now;
  progress_.seconds = std::chrono::duration<double>(now - start_).count();
  progress_.bytes_done = bytes_before_file_ + (file_offset_ ? file_offset_() : 0);
  if (progress_.bytes_done > progress_.bytes_total) progress_.bytes_done = progress_.bytes_total;
  options_.on_progress(progress_);
}

bool Ingester::read_whole(const fs::path& file, const std::string& name, std::string& out) {
  io::ByteStream in(file.string());
  if (!in.ok()) {
    fail(store::Failure{name, "", in.error(), "error"});
    return false;
  }
  file_offset_ = [&in] { return in.file_offset(); };
  char buf[1 << 16];
  size_t got;
  while ((got = in.read(buf, sizeof buf)) > 0) {
    out.append(buf, got);
    if (out.size() > options_.max_document_bytes) {
      file_offset_ = nullptr;
      fail(store::Failure{name, "", "file larger than the document limit (" +
                                        std::to_string(options_.max_document_bytes >> 20) + " MB)", "error"});
      return false;
    }
  }
  file_offset_ = nullptr;
  if (!in.error().empty()) {
    fail(store::Failure{name, "", in.error(), in.error_after_data() ? "warning" : "error"});
    if (!in.error_after_data()) return false;
  }
  return true;
}

void Ingester::read_text(const fs::path& file, const std::string& name) {
  std::string bytes;
  if (!read_whole(file, name, bytes)) return;
  if (looks_binary(bytes)) {
    fail(store::Failure{name, "", "binary file, not text", "error"});
    return;
  }
  store::DocumentInfo info{name, ""};
  Document doc;
  doc.id = stem_of(file);
  doc.text = to_utf8(bytes, {}, &info.encoding);
  if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail(store::Failure{name, "", "empty document", "error"});
    return;
  }
  emit(std::move(doc), std::move(info));
}

void Ingester::read_html(const fs::path& file, const std::string& name) {
  std::string bytes;
  if (!read_whole(file, name, bytes)) return;
  HtmlHints hints;
  hints.id = stem_of(file);
  HtmlArticle a = html_.extract(bytes, hints);
  if (!a.ok) {
    fail(store::Failure{name, "", a.reason, "error"});
    return;
  }
  if (!a.warning.empty()) fail(store::Failure{name, "", a.warning, "warning"});
  emit(std::move(a.doc), store::DocumentInfo{name, a.encoding});
}

void Ingester::read_jsonl(const fs::path& file, const std::string& name) {
  io::ByteStream in(file.string());
  if (!in.ok()) {
    fail(store::Failure{name, "", in.error(), "error"});
    return;
  }
  file_offset_ = [&in] { return in.file_offset(); };
  std::string buf;
  size_t pos = 0;
  uint64_t line_no = 0;
  bool eof = false;
  std::vector<char> chunk(1 << 20);
  bool skipping = false;  // inside an over-long line
  while (true) {
    size_t nl = buf.find('\n', pos);
    if (nl == std::string::npos) {
      if (eof) {
        if (pos >= buf.size()) break;
        nl = buf.size();
      } else {
        buf.erase(0, pos);
        pos = 0;
        if (buf.size() > options_.max_document_bytes) {
          if (!skipping) {
            fail(store::Failure{name, "line " + std::to_string(line_no + 1),
                                "line longer than the document limit; skipped", "error"});
          }
          skipping = true;
          buf.clear();
        }
        size_t got = in.read(chunk.data(), chunk.size());
        if (got == 0) eof = true;
        buf.append(chunk.data(), got);
        continue;
      }
    }
    std::string_view line(buf.data() + pos, nl - pos);
    pos = std::min(buf.size(), nl + 1);
    ++line_no;
    if (skipping) {
      skipping = false;
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    Document doc;
    std::string reason;
    if (!io::parse_document_json(line, doc, reason)) {
      fail(store::Failure{name, "line " + std::to_string(line_no), reason, "error"});
      continue;
    }
    emit(std::move(doc), store::DocumentInfo{name + ":" + std::to_string(line_no), "UTF-8"});
  }
  if (!in.error().empty())
    fail(store::Failure{name, "line " + std::to_string(line_no), in.error(), in.error_after_data() ? "warning" : "error"});
  file_offset_ = nullptr;
}

void Ingester::read_warc(const fs::path& file, const std::string& name) {
  WarcReader reader(file.string());
  file_offset_ = [&reader] { return reader.file_offset(); };
  uint64_t records = 0;
  bool reported = false;
  reader.each(
      [&](const WarcRecord& r) {
        ++records;
        std::string where = "record " + std::to_string(r.number);
        if (r.type != "response" && r.type != "resource") return true;
        std::string content_type = r.content_type;
        std::string_view body = r.block;
        HttpResponse http;
        if (r.type == "response") {
          std::string reason;
          if (!parse_http_response(r.block, http, reason)) {
            fail(store::Failure{name, where + " <" + r.target_uri + ">", reason, "error"});
            return true;
          }
          if (!reason.empty()) fail(store::Failure{name, where + " <" + r.target_uri + ">", reason, "warning"});
          if (http.status < 200 || http.status >= 300) {
            ++summary_.records_skipped;
            return true;
          }
          auto ct = http.headers.find("content-type");
          content_type = ct == http.headers.end() ? "" : ct->second;
          body = http.body;
        }
        std::string lct;
        for (char c : content_type) lct.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        bool html_type = lct.find("html") != std::string::npos;
        if (!html_type && !lct.empty()) {
          ++summary_.records_skipped;
          return true;
        }
        HtmlHints hints;
        hints.charset = charset_from_content_type(content_type);
        hints.url = r.target_uri;
        hints.id = r.target_uri.empty() ? r.record_id : r.target_uri;
        HtmlArticle a = html_.extract(body, hints);
        if (!a.ok) {
          fail(store::Failure{name, where + " <" + r.target_uri + ">", a.reason, "error"});
          return true;
        }
        if (!a.warning.empty()) fail(store::Failure{name, where + " <" + r.target_uri + ">", a.warning, "warning"});
        if (a.doc.date.empty() && r.date.size() >= 10) a.doc.date = normalise_iso_date(r.date.substr(0, 10));
        emit(std::move(a.doc), store::DocumentInfo{name + "#" + std::to_string(r.number), a.encoding});
        return true;
      },
      [&](const std::string& where, const std::string& reason, bool recovered) {
        reported = true;
        fail(store::Failure{name, where, reason, recovered ? "warning" : "error"});
      });
  if (records == 0 && !reported) fail(store::Failure{name, "", "no WARC record in the file (empty or not a WARC)", "error"});
  file_offset_ = nullptr;
}

IngestSummary Ingester::run(const std::vector<std::string>& paths) {
  start_ = last_flush_ = std::chrono::steady_clock::now();
  last_progress_ = start_ - std::chrono::seconds(1);
  summary_ = IngestSummary{};
  progress_ = Progress{};

  // Collect files first (sorted within each folder) so progress has a total.
  struct Item {
    fs::path path;
    std::string name;
    FileKind kind;
    uint64_t size;
  };
  std::vector<Item> items;
  for (const std::string& arg : paths) {
    std::error_code ec;
    fs::path p(arg);
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
           !ec && it != end; it.increment(ec)) {
        if (is_hidden(it->path())) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) found.push_back(it->path());
      }
      if (ec) fail(store::Failure{arg, "", "cannot list folder: " + ec.message(), "error"});
      std::sort(found.begin(), found.end());
      for (const auto& f : found) {
        FileKind k = kind_of(f);
        if (k == FileKind::Unknown) {
          ++summary_.files_skipped;
          continue;
        }
        items.push_back(Item{f, f.string(), k, static_cast<uint64_t>(fs::file_size(f, ec))});
      }
    } else if (fs::exists(p, ec)) {
      FileKind k = kind_of(p);
      if (k == FileKind::Unknown) {
        fail(store::Failure{arg, "", "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc, optionally .gz)",
                            "error"});
        continue;
      }
      items.push_back(Item{p, arg, k, static_cast<uint64_t>(fs::file_size(p, ec))});
    } else {
      fail(store::Failure{arg, "", "no such file or folder", "error"});
    }
  }
  progress_.files_total = items.size();
  for (const auto& it : items) progress_.bytes_total += it.size;

  for (const Item& it : items) {
    ++summary_.files;
    switch (it.kind) {
      case FileKind::Text: read_text(it.path, it.name); break;
      case FileKind::Html: read_html(it.path, it.name); break;
      case FileKind::JsonLines: read_jsonl(it.path, it.name); break;
      case FileKind::Warc: read_warc(it.path, it.name); break;
      case FileKind::Unknown: break;
    }
    bytes_before_file_ += it.size;
    ++progress_.files_done;
    maybe_flush();
  }
  flush();
  summary_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  report_progress(true);
  return summary_;
}

}  // namespace marsad::ingest
