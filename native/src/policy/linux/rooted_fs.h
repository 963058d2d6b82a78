// File access confined to an audited root: the machine itself ("/") or a mounted image
// ("/mnt/image"). Every path the Linux policy audit reads goes through here, so that an absolute
// path or symlink target written inside the image ("/etc/ssl/openssl.cnf", "-> /etc/java-17/...")
// is looked up under the root, and a ".." or symlink that would climb above the root is refused
// with a message instead of reading a file of the host. Paths are shown as the image sees them
// ("/etc/ssl/openssl.cnf"), never with the root prefix.
#pragma once

#ifdef linux
#undef linux  // GNU dialects predefine `linux` as 1; this room's namespace needs the plain word
#endif

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tlsready::policy::linux {

struct RootedPath {
  std::filesystem::path host;  // where it is on this machine: root + display
  std::string display;         // where it is inside the root, absolute: "/etc/ssl/openssl.cnf"
};

struct RootedError {
  std::string message;  // names the path and the reason, e.g. "'../../x' climbs above the audited root"
};

// Resolves `path` inside `root`, following symlinks (at most 40) the way the kernel would if the
// root were "/": absolute paths and absolute symlink targets start at the root, relative ones at
// `base_dir` (a display path). Components that do not exist are kept as written, so the result
// may name a missing file. When `root` is the real "/", ".." at the top stays at "/" as in POSIX;
// for any other root, climbing above it is an error.
std::variant<RootedPath, RootedError> resolve_in_root(const std::filesystem::path& root, std::string_view path,
                                                      std::string_view base_dir = "/");

// The display directory of a display path: "/etc/ssl/openssl.cnf" -> "/etc/ssl".
std::string display_parent(std::string_view display);

// Reads a whole regular file (at most `max_bytes`). On failure returns nullopt and says why in
// `error` ("not found", "is a directory", "larger than ...").
std::optional<std::string> read_rooted_file(const RootedPath& file, std::string* error,
                                            std::size_t max_bytes = 4u * 1024u * 1024u);

bool rooted_exists(const RootedPath& path);
bool rooted_is_directory(const RootedPath& path);

// Names of the entries of a directory (not "." or ".."), sorted bytewise; empty if unreadable.
std::vector<std::string> list_rooted_directory(const RootedPath& directory);

// Joins a display directory and a name: ("/usr/lib/jvm", "java-17") -> "/usr/lib/jvm/java-17".
std::string display_join(std::string_view directory, std::string_view name);

}  // namespace tlsready::policy::linux
