// Path resolution confined to an audited root: re-rooted absolute paths and symlinks, refusal of
// escapes, POSIX behaviour at the real "/".
// Built only where tlsready_policy_linux is linked (it defines TLSREADY_HAVE_POLICY_LINUX).
#ifdef TLSREADY_HAVE_POLICY_LINUX

#include <catch2/catch.hpp>

#include "policy/linux/rooted_fs.h"
#include "policy_linux/policy_linux_support.h"

namespace {

using namespace tlsready::policy::linux;
using tlsready::policy::linux::testing::ScratchRoot;

RootedPath resolved(const std::variant<RootedPath, RootedError>& result) {
  if (const auto* error = std::get_if<RootedError>(&result)) FAIL("unexpected error: " << error->message);
  return std::get<RootedPath>(result);
}

std::string refused(const std::variant<RootedPath, RootedError>& result) {
  REQUIRE(std::holds_alternative<RootedError>(result));
  return std::get<RootedError>(result).message;
}

}  // namespace

TEST_CASE("resolve_in_root re-roots absolute paths and absolute symlink targets", "[policy_linux][rooted_fs]") {
  ScratchRoot root;
  root.write("/etc/ssl/openssl.cnf", "x = 1\n");
  root.symlink("/usr/lib/ssl/openssl.cnf", "/etc/ssl/openssl.cnf");
  root.symlink("/usr/lib/ssl/certs", "../../../etc/ssl");

  const auto direct = resolved(resolve_in_root(root.path(), "/etc/ssl/openssl.cnf"));
  CHECK(direct.display == "/etc/ssl/openssl.cnf");
  CHECK(direct.host == root.path() / "etc/ssl/openssl.cnf");

  const auto linked = resolved(resolve_in_root(root.path(), "/usr/lib/ssl/openssl.cnf"));
  CHECK(linked.display == "/etc/ssl/openssl.cnf");
  CHECK(linked.host == root.path() / "etc/ssl/openssl.cnf");

  const auto relative_link = resolved(resolve_in_root(root.path(), "/usr/lib/ssl/certs/openssl.cnf"));
  CHECK(relative_link.display == "/etc/ssl/openssl.cnf");

  std::string error;
  CHECK(read_rooted_file(linked, &error) == std::optional<std::string>("x = 1\n"));
}

TEST_CASE("resolve_in_root takes relative paths from the base directory and keeps missing parts", "[policy_linux][rooted_fs]") {
  ScratchRoot root;
  root.write("/etc/ssl/conf.d/a.cnf", "");
  CHECK(resolved(resolve_in_root(root.path(), "conf.d/a.cnf", "/etc/ssl")).display == "/etc/ssl/conf.d/a.cnf");
  CHECK(resolved(resolve_in_root(root.path(), "./conf.d/../conf.d/a.cnf", "/etc/ssl")).display ==
        "/etc/ssl/conf.d/a.cnf");
  const auto missing = resolved(resolve_in_root(root.path(), "/etc/nothing/here.cnf"));
  CHECK(missing.display == "/etc/nothing/here.cnf");
  CHECK_FALSE(rooted_exists(missing));
  std::string error;
  CHECK_FALSE(read_rooted_file(missing, &error).has_value());
  CHECK(error.find("not found") != std::string::npos);
}

TEST_CASE("resolve_in_root refuses '..' and symlinks that climb above the root", "[policy_linux][rooted_fs]") {
  ScratchRoot root;
  root.write("/etc/ssl/openssl.cnf", "");
  root.symlink("/etc/ssl/escape", "../../../../../../../../../../tmp");
  root.symlink("/etc/ssl/escape2", "/../../etc");  // absolute, then ".." at the top

  const auto dots = refused(resolve_in_root(root.path(), "../../../../etc/passwd", "/etc/ssl"));
  CHECK(dots.find("climbs above the audited root") != std::string::npos);
  CHECK(dots.find("../../../../etc/passwd") != std::string::npos);

  const auto through_link = refused(resolve_in_root(root.path(), "/etc/ssl/escape/x.cnf"));
  CHECK(through_link.find("through symlink /etc/ssl/escape") != std::string::npos);

  CHECK_FALSE(refused(resolve_in_root(root.path(), "/etc/ssl/escape2/hosts")).empty());
}

TEST_CASE("resolve_in_root stops symlink loops", "[policy_linux][rooted_fs]") {
  ScratchRoot root;
  root.symlink("/etc/a", "/etc/b");
  root.symlink("/etc/b", "/etc/a");
  CHECK(refused(resolve_in_root(root.path(), "/etc/a/file")).find("too many levels of symlinks") != std::string::npos);
}

TEST_CASE("at the real root '..' stays at '/' as in POSIX", "[policy_linux][rooted_fs]") {
  const auto top = resolved(resolve_in_root("/", "../../../etc", "/"));
  CHECK(top.display == "/etc");
  CHECK(top.host == std::filesystem::path("/etc"));
}

TEST_CASE("display helpers and directory listing", "[policy_linux][rooted_fs]") {
  CHECK(display_parent("/etc/ssl/openssl.cnf") == "/etc/ssl");
  CHECK(display_parent("/openssl.cnf") == "/");
  CHECK(display_join("/usr/lib/jvm", "java-17") == "/usr/lib/jvm/java-17");
  CHECK(display_join("/", "etc") == "/etc");
  ScratchRoot root;
  root.write("/d/b.cnf", "");
  root.write("/d/a.cnf", "");
  root.write("/d/c/x", "");
  const auto dir = resolved(resolve_in_root(root.path(), "/d"));
  CHECK(rooted_is_directory(dir));
  CHECK(list_rooted_directory(dir) == std::vector<std::string>{"a.cnf", "b.cnf", "c"});
}

#endif  // TLSREADY_HAVE_POLICY_LINUX
