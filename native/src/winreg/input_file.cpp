#include "winreg/input_file.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "common/text.h"

namespace tlsready::winreg {
namespace {

InputFileError problem(const std::string& path, const std::string& what) {
  return InputFileError{"cannot read '" + text::escape_for_message(path) + "': " + what};
}

std::string describe(const std::error_code& error) {
  if (error == std::errc::too_many_symbolic_link_levels) return "too many levels of symbolic links (a symlink loop?)";
  if (error == std::errc::no_such_file_or_directory) return "no such file";
  if (error == std::errc::permission_denied) return "permission denied";
  if (error == std::errc::not_a_directory) return "a parent in the path is not a directory";
  return error.message();
}

std::string mib(std::size_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

}  // namespace

std::variant<std::vector<uint8_t>, InputFileError> read_input_file(const std::string& path, std::size_t limit) {
  if (path.empty()) return InputFileError{"cannot read '': empty file name"};
  if (path.find('\0') != std::string::npos) return problem(path, "the file name contains a NUL byte");
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error) return problem(path, describe(error));
  if (std::filesystem::is_directory(status)) return problem(path, "is a directory, not a file");
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, error);
    if (!error && size > limit)
      return problem(path, "the file is " + std::to_string(size) + " bytes, more than the " + mib(limit) + " limit");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return problem(path, describe(std::error_code(errno, std::generic_category())));
  std::vector<uint8_t> bytes;
  constexpr std::size_t kChunk = 64 * 1024;
  while (in) {
    const std::size_t before = bytes.size();
    bytes.resize(before + kChunk);
    in.read(reinterpret_cast<char*>(bytes.data() + before), static_cast<std::streamsize>(kChunk));
    bytes.resize(before + static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > limit) return problem(path, "more than the " + mib(limit) + " limit (not a registry export?)");
  }
  if (in.bad()) return problem(path, describe(std::error_code(errno, std::generic_category())));
  return bytes;
}

}  // namespace tlsready::winreg
