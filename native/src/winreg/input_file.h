// Reads an input file (a `reg export` file, a JSON snapshot) whole, bounded: files come from
// users and may be anything -- a directory, /dev/zero, a FIFO, a symlink loop, a path with a NUL.
// Every problem is a message naming the file and what is wrong, never an exception.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tlsready::winreg {

// 64 MiB. A `reg export` of HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders, of the .NET
// keys and of WinHTTP is a few hundred KiB (UTF-16LE); a whole-hive export of HKLM\SOFTWARE is
// typically 100-300 MiB and far more than the audit reads. The limit keeps memory bounded
// (bytes + decoded text + parsed keys stay under ~4x the limit) whatever the path names.
inline constexpr std::size_t kMaxInputFileBytes = 64u * 1024u * 1024u;

struct InputFileError {
  std::string message;  // "cannot read 'x.reg': is a directory"
};

// The bytes of the file at `path`, or why they cannot be had. Reads in chunks and stops past
// `limit`, so a device or a pipe that never ends costs at most `limit` bytes.
std::variant<std::vector<uint8_t>, InputFileError> read_input_file(const std::string& path,
                                                                   std::size_t limit = kMaxInputFileBytes);

}  // namespace tlsready::winreg
