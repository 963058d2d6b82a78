// Path resolution inside an audited root: a component-by-component walk that expands each
// symlink itself (instead of letting the host kernel follow it), so absolute targets are re-rooted
// and escapes above the root are seen and refused.
#include "policy/linux/rooted_fs.h"

#include <algorithm>
#include <cerrno>
#include <deque>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace tlsready::policy::linux {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxSymlinks = 40;  // Linux's own limit for one lookup (path_resolution(7))

std::vector<std::string> split_components(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) parts.emplace_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string join_display(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) {
    out += '/';
    out += part;
  }
  return out.empty() ? std::string("/") : out;
}

fs::path host_of(const fs::path& root, const std::vector<std::string>& parts) {
  fs::path host = root;
  for (const auto& part : parts) host /= part;
  return host;
}

// True when `root` is the machine's own "/", where ".." at the top is simply "/".
bool is_real_root(const fs::path& root) {
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(root, error);
  return !error && canonical == fs::path("/");
}

}  // namespace

std::variant<RootedPath, RootedError> resolve_in_root(const fs::path& root, std::string_view path,
                                                      std::string_view base_dir) {
  if (root.empty()) return RootedError{"no audited root was given"};
  if (path.empty()) return RootedError{"empty path"};
  const bool clamp_at_top = is_real_root(root);

  std::vector<std::string> resolved;
  if (path.front() != '/') resolved = split_components(base_dir);
  std::deque<std::string> pending;
  for (auto& part : split_components(path)) pending.push_back(std::move(part));

  int links = 0;
  std::string last_link;  // for messages: which symlink led where
  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    if (part == ".") continue;
    if (part == "..") {
      if (resolved.empty()) {
        if (clamp_at_top) continue;
        std::string message = "'" + std::string(path) + "'";
        if (!last_link.empty()) message += " (through symlink " + last_link + ")";
        message += " climbs above the audited root " + root.string() + "; refusing to read outside it";
        return RootedError{std::move(message)};
      }
      resolved.pop_back();
      continue;
    }
    resolved.push_back(std::move(part));
    const fs::path host = host_of(root, resolved);
    std::error_code error;
    const fs::file_status status = fs::symlink_status(host, error);
    if (error || !fs::is_symlink(status)) continue;  // missing or not a link: keep as written
    if (++links > kMaxSymlinks) {
      return RootedError{"too many levels of symlinks resolving '" + std::string(path) + "' (a symlink loop?)"};
    }
    const fs::path target = fs::read_symlink(host, error);
    if (error) return RootedError{"cannot read symlink " + join_display(resolved) + ": " + error.message()};
    last_link = join_display(resolved) + " -> " + target.string();
    resolved.pop_back();
    const std::string target_text = target.string();
    if (!target_text.empty() && target_text.front() == '/') resolved.clear();
    auto target_parts = split_components(target_text);
    pending.insert(pending.begin(), std::make_move_iterator(target_parts.begin()),
                   std::make_move_iterator(target_parts.end()));
  }
  return RootedPath{host_of(root, resolved), join_display(resolved)};
}

std::string display_parent(std::string_view display) {
  const std::size_t slash = display.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return "/";
  return std::string(display.substr(0, slash));
}

std::string display_join(std::string_view directory, std::string_view name) {
  std::string out(directory);
  if (out.empty() || out.back() != '/') out += '/';
  out += name;
  return out;
}

std::optional<std::string> read_rooted_file(const RootedPath& file, std::string* error, std::size_t max_bytes) {
  auto fail = [&](std::string why) -> std::optional<std::string> {
    if (error != nullptr) *error = file.display + ": " + std::move(why);
    return std::nullopt;
  };
  std::error_code code;
  const fs::file_status status = fs::status(file.host, code);
  if (code || !fs::exists(status)) return fail("not found");
  if (fs::is_directory(status)) return fail("is a directory");
  if (!fs::is_regular_file(status)) return fail("not a regular file");
  const auto size = fs::file_size(file.host, code);
  if (code) return fail("cannot read size: " + code.message());
  if (size > max_bytes) return fail("larger than " + std::to_string(max_bytes) + " bytes");
  std::ifstream in(file.host, std::ios::binary);
  if (!in) return fail("cannot open: " + std::error_code(errno, std::generic_category()).message());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail("read error");
  return text.str();
}

RootedRead read_in_root(const fs::path& root, std::string_view path, std::string_view base_dir, std::size_t max_bytes) {
  RootedRead read;
  auto resolved = resolve_in_root(root, path, base_dir);
  if (auto* refused = std::get_if<RootedError>(&resolved)) {
    read.error = refused->message;
    return read;
  }
  const RootedPath& file = std::get<RootedPath>(resolved);
  read.display = file.display;
  std::error_code code;
  const fs::file_status status = fs::status(file.host, code);
  if ((code && (code == std::errc::no_such_file_or_directory || code == std::errc::not_a_directory)) ||
      (!code && !fs::exists(status))) {
    read.absent = true;
    read.error = file.display + ": not found";
    return read;
  }
  if (code) {
    read.error = file.display + ": " + code.message();
    return read;
  }
  read.text = read_rooted_file(file, &read.error, max_bytes);
  return read;
}

bool rooted_exists(const RootedPath& path) {
  std::error_code error;
  return fs::exists(path.host, error);
}

bool rooted_is_directory(const RootedPath& path) {
  std::error_code error;
  return fs::is_directory(path.host, error);
}

std::vector<std::string> list_rooted_directory(const RootedPath& directory) {
  std::vector<std::string> names;
  std::error_code error;
  fs::directory_iterator it(directory.host, error);
  if (error) return names;
  for (const fs::directory_iterator end; it != end; it.increment(error)) {
    if (error) break;
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace tlsready::policy::linux
