#include "registry/registry_error.h"

namespace tlsready::registry {
namespace {

std::string describe(std::string_view source, std::size_t line, std::size_t data_row, std::string_view message) {
  std::string text(source);
  text += " line " + std::to_string(line);
  if (data_row != 0) text += " (data row " + std::to_string(data_row) + ")";
  text += ": ";
  text += message;
  return text;
}

}  // namespace

RegistryDataError::RegistryDataError(std::string_view source, std::size_t line, std::size_t data_row,
                                     std::string_view message)
    : std::runtime_error(describe(source, line, data_row, message)),
      source_(source),
      line_(line),
      data_row_(data_row) {}

}  // namespace tlsready::registry
