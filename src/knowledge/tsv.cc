#include "knowledge/tsv.h"

#include <fstream>

#include "marsad/marsad.h"

namespace marsad::knowledge {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    std::string_view part = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    while (!part.empty() && (part.back() == '\r' || part.back() == ' ')) part.remove_suffix(1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    out.emplace_back(part);
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace

TsvTable TsvTable::read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(path.string() + ": cannot open knowledge file");
  TsvTable table;
  table.path_ = path;
  std::string line;
  int number = 0;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    if (!have_header) {
      table.header_ = split_tabs(line);
      have_header = true;
      continue;
    }
    table.rows_.push_back(Row{split_tabs(line), number});
  }
  if (!have_header) throw LoadError(path.string() + ": no header row");
  return table;
}

size_t TsvTable::find_column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  return npos;
}

size_t TsvTable::column(std::string_view name) const {
  size_t c = find_column(name);
  if (c == npos) throw LoadError(path_.string() + ":1: missing column '" + std::string(name) + "'");
  return c;
}

const std::string& TsvTable::cell(const Row& row, size_t col) {
  static const std::string kEmpty;
  return col < row.cells.size() ? row.cells[col] : kEmpty;
}

std::string TsvTable::where(const Row& row) const {
  return path_.string() + ":" + std::to_string(row.line);
}

std::vector<std::string> split_alternatives(std::string_view cell, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t p = cell.find(sep, start);
    std::string_view part = trim(cell.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (!part.empty()) out.emplace_back(part);
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

}  // namespace marsad::knowledge
