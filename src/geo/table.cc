// A tiny TSV reader for the geo data files (see table.h).
#include "geo/table.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "marsad/marsad.h"

namespace marsad::geo {

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

}  // namespace

Table::Table(const std::filesystem::path& path, size_t min_columns) : path_(path.string()) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(path_ + ":0: cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  text_ = std::move(ss).str();
  std::string_view all = text_;
  if (all.starts_with("\xEF\xBB\xBF")) all.remove_prefix(3);
  uint32_t line_no = 0;
  bool have_header = false;
  while (!all.empty()) {
    const size_t nl = all.find('\n');
    std::string_view line = all.substr(0, nl);
    all.remove_prefix(nl == std::string_view::npos ? all.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!have_header) {
      header_ = split_tabs(line);
      have_header = true;
      continue;
    }
    Row r{line_no, split_tabs(line)};
    if (r.cells.size() < min_columns) {
      throw LoadError(path_ + ":" + std::to_string(line_no) + ": expected " + std::to_string(min_columns) +
                      " tab-separated columns, found " + std::to_string(r.cells.size()));
    }
    rows_.push_back(std::move(r));
  }
  if (!have_header) throw LoadError(path_ + ":" + std::to_string(line_no) + ": no header row");
}

size_t Table::column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  throw LoadError(path_ + ":1: missing column '" + std::string(name) + "'");
}

std::string Table::where(const Row& r) const { return path_ + ":" + std::to_string(r.line); }

double Table::number(const Row& r, size_t col) const {
  const std::string_view s = r[col];
  if (s.empty()) return 0;
  double v = 0;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (res.ec != std::errc{} || res.ptr != s.data() + s.size()) {
    throw LoadError(where(r) + ": not a number: '" + std::string(s) + "'");
  }
  return v;
}

}  // namespace marsad::geo
