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

// A file the audit needs that exists -- or cannot be told apart from existing -- but cannot be
// read: a directory or FIFO where the file should be, a symlink loop, a path out of the root, a
// read error. Never the same as an absent file: the audit reports it instead of assuming defaults.
struct UnreadableFile {
  std::string path;   // inside the root, as written: "/etc/ssl/openssl.cnf"
  std::string error;  // "is a directory", "too many levels of symlinks ...", ...
};

// The outcome of reading one file of the root: its text, or absent, or unreadable (with why).
struct RootedRead {
  std::optional<std::string> text;
  bool absent = false;  // no such file (a dangling symlink counts as absent)
  std::string display;  // where it is inside the root ("" when it could not be resolved)
  std::string error;    // why there is no text, for messages
  bool unreadable() const { return !text && !absent; }
  UnreadableFile as_unreadable(const std::string& path) const { return UnreadableFile{path, error}; }
};

// resolve_in_root + read_rooted_file, telling "absent" apart from "cannot read".
RootedRead read_in_root(const std::filesystem::path& root, std::string_view path, std::string_view base_dir = "/",
                        std::size_t max_bytes = 4u * 1024u * 1024u);

bool rooted_exists(const RootedPath& path);
bool rooted_is_directory(const RootedPath& path);

// Names of the entries of a directory (not "." or ".."), sorted bytewise; empty if unreadable.
std::vector<std::string> list_rooted_directory(const RootedPath& directory);

// Joins a display directory and a name: ("/usr/lib/jvm", "java-17") -> "/usr/lib/jvm/java-17".
std::string display_join(std::string_view directory, std::string_view name);

}  // namespace tlsready::policy::linux
