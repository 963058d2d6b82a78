// Input files from users: bounded reads, typed messages for a directory, a NUL in the name, a
// symlink loop, a device that never ends; encodings told apart without a BOM; every quoted
// excerpt of input escaped so that binary and control bytes never reach a terminal raw.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <variant>

#include "common/text.h"
#include "winreg/input_file.h"
#include "winreg/reg_file.h"
#include "winreg/text_decoding.h"

namespace winreg = tlsready::winreg;
namespace fs = std::filesystem;

namespace {

struct ScratchDir {
  fs::path path = fs::temp_directory_path() / ("tlsready-input-" + std::to_string(::getpid()));
  ScratchDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

std::string load_error(const std::string& path) {
  winreg::Registry registry;
  auto error = winreg::load_reg_file(path, registry);
  REQUIRE(error);
  return error->message;
}

std::vector<uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

std::vector<uint8_t> utf16(const std::string& ascii, bool big_endian, bool bom) {
  std::vector<uint8_t> out;
  if (bom) out = big_endian ? std::vector<uint8_t>{0xFE, 0xFF} : std::vector<uint8_t>{0xFF, 0xFE};
  for (const char c : ascii) {
    if (big_endian) out.push_back(0);
    out.push_back(static_cast<uint8_t>(c));
    if (!big_endian) out.push_back(0);
  }
  return out;
}

const std::string kExport =
    "Windows Registry Editor Version 5.00\r\n\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client]\r\n"
    "\"Enabled\"=dword:00000000\r\n";
const std::string kClient = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client";

}  // namespace

TEST_CASE("input file: a directory, a NUL in the name, a symlink loop are named problems", "[winreg][input]") {
  ScratchDir dir;
  CHECK_THAT(load_error(dir.path.string()), Catch::Contains("is a directory") && Catch::Contains(dir.path.string()));

  const std::string with_nul = (dir.path / "a.reg").string() + std::string(1, '\0') + "b";
  CHECK_THAT(load_error(with_nul), Catch::Contains("NUL byte") && Catch::Contains("a.reg\\0b"));

  CHECK_THAT(load_error((dir.path / "missing.reg").string()), Catch::Contains("no such file"));
#ifndef _WIN32  // POSIX symlinks (Wine, where these tests also run, has none)
  fs::create_symlink(dir.path / "loop2", dir.path / "loop1");
  fs::create_symlink(dir.path / "loop1", dir.path / "loop2");
  CHECK_THAT(load_error((dir.path / "loop1").string()), Catch::Contains("symbolic link"));
#endif
}

TEST_CASE("input file: reads are bounded; /dev/zero stops at the limit", "[winreg][input]") {
#ifndef _WIN32  // an endless file: /dev/zero (Wine, where these tests also run, has none)
  auto read = winreg::read_input_file("/dev/zero", 1024 * 1024);
  REQUIRE(std::holds_alternative<winreg::InputFileError>(read));
  CHECK_THAT(std::get<winreg::InputFileError>(read).message, Catch::Contains("/dev/zero") && Catch::Contains("1 MiB limit"));
  // the default cap applies to load_reg_file (and the snapshot reader) as well
  CHECK_THAT(load_error("/dev/zero"), Catch::Contains("64 MiB limit"));
#endif

  ScratchDir dir;
  const auto big = dir.path / "big.reg";
  { std::ofstream(big, std::ios::binary) << std::string(2 * 1024 * 1024, 'x'); }
  auto too_big = winreg::read_input_file(big.string(), 1024 * 1024);
  REQUIRE(std::holds_alternative<winreg::InputFileError>(too_big));
  CHECK_THAT(std::get<winreg::InputFileError>(too_big).message, Catch::Contains("2097152 bytes"));
  auto fits = winreg::read_input_file(big.string(), 4 * 1024 * 1024);
  REQUIRE(std::holds_alternative<std::vector<uint8_t>>(fits));
  CHECK(std::get<std::vector<uint8_t>>(fits).size() == 2u * 1024 * 1024);
}

TEST_CASE("encodings: UTF-16LE without BOM and UTF-16BE with or without BOM read like regedit's files",
          "[winreg][input]") {
  for (const auto& [big_endian, bom] : {std::pair{false, false}, std::pair{true, true}, std::pair{true, false}}) {
    INFO("big endian " << big_endian << ", BOM " << bom);
    const auto bytes = utf16(kExport, big_endian, bom);
    const auto decoded = winreg::decode_reg_text(bytes);
    CHECK(decoded.encoding == (big_endian ? winreg::TextEncoding::utf16be : winreg::TextEncoding::utf16le));
    winreg::Registry registry;
    auto error = winreg::parse_reg_file(bytes, registry);
    INFO((error ? error->message : std::string()));
    REQUIRE_FALSE(error);
    CHECK(registry.dword(kClient, "Enabled") == 0u);
  }
  CHECK(winreg::describe_encoding(winreg::decode_reg_text(utf16(kExport, true, false))) == "UTF-16BE without BOM");
  // UTF-8 without BOM (an editor's save) is UTF-8, not windows-1252 mojibake
  const auto utf8 = winreg::decode_reg_text(bytes_of("caf\xc3\xa9"));
  CHECK(utf8.encoding == winreg::TextEncoding::utf8);
  CHECK(utf8.utf8 == "caf\xc3\xa9");
  CHECK(winreg::decode_reg_text(bytes_of("caf\xe9")).utf8 == "caf\xc3\xa9");  // windows-1252 stays so
}

TEST_CASE("messages: a header error names the encoding; binary and control bytes are escaped", "[winreg][input]") {
  winreg::Registry registry;
  auto error = winreg::parse_reg_file(utf16("REGEDIT5\r\n", true, false), registry);
  REQUIRE(error);
  CHECK_THAT(error->message, Catch::Contains("'REGEDIT5'") && Catch::Contains("UTF-16BE without BOM"));

  error = winreg::parse_reg_file(bytes_of(std::string("\x1b[31mred\x07\x01\x7f\r\n")), registry);
  REQUIRE(error);
  CHECK_THAT(error->message, Catch::Contains("'\\x1b[31mred\\x07\\x01\\x7f'"));
  for (char c : error->message) CHECK((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f));

  CHECK(tlsready::text::quote_for_message(std::string("a\0b\n\t", 5)) == "'a\\0b\\n\\t'");
  CHECK(tlsready::text::quote_for_message("\xff\xfe" "ab") == "'\\xff\\xfeab'");       // not UTF-8
  CHECK(tlsready::text::quote_for_message("x\xe2\x80\xaey") == "'x\\u{202e}y'");       // RIGHT-TO-LEFT OVERRIDE
  CHECK(tlsready::text::quote_for_message("\xc2\x9b" "2J") == "'\\u{009b}2J'");        // C1 CSI
  CHECK(tlsready::text::quote_for_message("gr\xc3\xbc\xc3\x9f" "e") == "'gr\xc3\xbc\xc3\x9f" "e'");  // kept
  CHECK(tlsready::text::quote_for_message("abcdef", 3) == "'abc...'");
  CHECK(tlsready::text::escape_for_message("HKLM\\x") == "HKLM\\x");
}
