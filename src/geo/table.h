// A tiny TSV reader for the geo data files: UTF-8, one header row, `#` comment
// lines and blank lines skipped. Errors name the file and line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace marsad::geo {

class Table {
 public:
  // Reads the whole file; throws marsad::LoadError if it cannot be read or a
  // row has fewer than `min_columns` cells.
  Table(const std::filesystem::path& path, size_t min_columns);

  struct Row {
    uint32_t line = 0;
    std::vector<std::string_view> cells;  // views into the file's text
    std::string_view operator[](size_t i) const { return i < cells.size() ? cells[i] : std::string_view{}; }
  };
  const std::vector<Row>& rows() const { return rows_; }
  // Column index by header name; throws LoadError naming the file if missing.
  size_t column(std::string_view name) const;
  // "file:line" for error messages.
  std::string where(const Row& r) const;
  // Parse a number cell; throws LoadError naming file:line.
  double number(const Row& r, size_t col) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::string_view> header_;
  std::vector<Row> rows_;
};

}  // namespace marsad::geo
