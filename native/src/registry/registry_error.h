#pragma once
// The error raised when one of the registry's data tables (native/data/*.csv) is malformed.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tlsready::registry {

// what() reads "<source> line <line> (data row <row>): <message>"; line is the 1-based line of
// the text, data_row the 1-based index among non-comment rows after the header (0 = the header
// or the table as a whole).
class RegistryDataError : public std::runtime_error {
 public:
  RegistryDataError(std::string_view source, std::size_t line, std::size_t data_row, std::string_view message);

  const std::string& source() const noexcept { return source_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t data_row() const noexcept { return data_row_; }

 private:
  std::string source_;
  std::size_t line_;
  std::size_t data_row_;
};

}  // namespace tlsready::registry
