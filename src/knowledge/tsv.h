// Reading the knowledge files: UTF-8, tab-separated, one header row, `#` comments.
//
// Every row remembers its file and line so that a bad entry is reported where
// an analyst can fix it ("data/triggers/triggers.tsv:212: unknown type 'ASALT'").
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace marsad::knowledge {

class TsvTable {
 public:
  // Reads the whole file; throws marsad::LoadError naming the file when it
  // cannot be opened or has no header row.
  static TsvTable read(const std::filesystem::path& path);

  struct Row {
    std::vector<std::string> cells;
    int line = 0;
  };

  // Column index by header name; throws LoadError naming the file if missing.
  size_t column(std::string_view name) const;
  // Column index by header name, or npos when absent.
  size_t find_column(std::string_view name) const;

  const std::vector<Row>& rows() const { return rows_; }
  const std::filesystem::path& path() const { return path_; }

  // The cell of `row` in column `col` ("" when the row is short).
  static const std::string& cell(const Row& row, size_t col);

  // "FILE:LINE: message" for errors about a row.
  std::string where(const Row& row) const;

  static constexpr size_t npos = static_cast<size_t>(-1);

 private:
  std::filesystem::path path_;
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

// Split "a|b|c" into trimmed, non-empty parts.
std::vector<std::string> split_alternatives(std::string_view cell, char sep = '|');

}  // namespace marsad::knowledge
