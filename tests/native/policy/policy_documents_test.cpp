// The local-policy documents of the test corpus are pinned byte for byte: every .reg export under
// tests/data/reg/{scenarios,format} and every prepared root under tests/data/linux_roots gives the
// document whose SHA-256 tests/data/policy_documents.sha256 lists (the JSON text with two-space
// indents, the source directory written as "<source>"). Moving finding texts into the catalogue
// (native/data/findings.csv), splitting rule files or rewriting a rule must leave them unchanged.
// A document that differs is written to <temp>/tlsready_policy_documents/ for a diff against the
// previous commit's; a deliberate change rewrites the list with TLSREADY_UPDATE_POLICY_DOCUMENTS=1.
//
// The hidden case "[.policy-dump]" writes a wider set (each export and each built registry of
// policy/synthetic_registries.h audited as every Windows generation, with its .reg, .ps1 and undo
// remediation) to $TLSREADY_POLICY_DUMP_DIR, for a before/after comparison of a change to the rules:
// run it on both trees and `diff -r` the two folders.

#ifdef linux
#undef linux
#endif

#include <openssl/evp.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "policy/policy_audit.h"
#include "policy/synthetic_registries.h"
#include "policy/windows_report.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = fs::path(TLSREADY_SOURCE_DIR);
const fs::path kData = kSource / "tests" / "data";
const fs::path kDigests = kData / "policy_documents.sha256";

std::vector<fs::path> sorted_entries(const fs::path& dir, bool directories, const std::string& extension = "") {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (directories ? entry.is_directory() : entry.path().extension() == extension) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string without_source_dir(std::string text) {
  const std::string source = kSource.string();
  for (std::size_t at = text.find(source); at != std::string::npos; at = text.find(source, at)) {
    text.replace(at, source.size(), "<source>");
  }
  return text;
}

std::string document_text(const tlsready::model::PolicyReport& report) {
  return without_source_dir(nlohmann::json(report).dump(2)) + "\n";
}

// An export without CurrentVersion is audited as Server 2019 (as the ledger test does). The path
// goes in with "/" separators, so the document (which names it) is the same text on Windows.
tlsready::model::PolicyReport audit_export(const fs::path& path, const std::string& os) {
  try {
    return tlsready::policy::audit_registry_files({path.generic_string()}, os);
  } catch (const std::invalid_argument&) {
    if (!os.empty()) throw;
    return tlsready::policy::audit_registry_files({path.generic_string()}, "server2019");
  }
}

struct Document {
  std::string name;  // file name under tests/data/policy_documents
  std::string text;
};

std::vector<Document> corpus_documents() {
  std::vector<Document> out;
  for (const char* folder : {"scenarios", "format"}) {
    for (const auto& path : sorted_entries(kData / "reg" / folder, false, ".reg")) {
      out.push_back(
          {std::string("reg_") + folder + "_" + path.stem().string() + ".json", document_text(audit_export(path, ""))});
    }
  }
#ifndef _WIN32  // the Linux roots hold symlinks, which Wine cannot create
  for (const auto& root : sorted_entries(kData / "linux_roots", true)) {
    out.push_back({"linux_" + root.filename().string() + ".json",
                   document_text(tlsready::policy::audit_linux_root(root.string(), ""))});
  }
#endif
  return out;
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  REQUIRE(EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) == 1);
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

// name -> digest, from lines "<sha256>  <name>" (sha256sum's format).
std::map<std::string, std::string> read_digests() {
  std::map<std::string, std::string> out;
  std::ifstream in(kDigests);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string digest, name;
    fields >> digest >> name;
    out[name] = digest;
  }
  return out;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

}  // namespace

TEST_CASE("the corpus gives the pinned local-policy documents byte for byte", "[policy][report][documents]") {
  const auto documents = corpus_documents();
  CHECK(documents.size() >= 19);
  if (std::getenv("TLSREADY_UPDATE_POLICY_DOCUMENTS") != nullptr) {
    std::string text =
        "# SHA-256 of the local-policy document of each test input "
        "(tests/native/policy/policy_documents_test.cpp)\n";
    for (const Document& document : documents) text += sha256_hex(document.text) + "  " + document.name + "\n";
    write_file(kDigests, text);
    return;
  }
  const auto pinned = read_digests();
#ifndef _WIN32
  CHECK(pinned.size() == documents.size());  // an input without its line, or a line without its input
#endif
  const fs::path differing = fs::temp_directory_path() / "tlsready_policy_documents";
  for (const Document& document : documents) {
    INFO(document.name << " differs from tests/data/policy_documents.sha256; written to " << differing.string());
    auto found = pinned.find(document.name);
    REQUIRE(found != pinned.end());
    if (found->second != sha256_hex(document.text)) {
      fs::create_directories(differing);
      write_file(differing / document.name, document.text);
      FAIL_CHECK("document changed");
    }
  }
}

TEST_CASE("dump the documents and remediations of every export at every Windows generation", "[.policy-dump]") {
  const char* dir = std::getenv("TLSREADY_POLICY_DUMP_DIR");
  if (dir == nullptr) {
    SUCCEED("TLSREADY_POLICY_DUMP_DIR is not set: nothing to dump");  // e.g. a run with "~[integration]"
    return;
  }
  const fs::path out(dir);
  fs::create_directories(out);
  for (const Document& document : corpus_documents()) write_file(out / document.name, document.text);
  for (const char* folder : {"scenarios", "format"}) {
    for (const auto& path : sorted_entries(kData / "reg" / folder, false, ".reg")) {
      for (const char* os : {"win7", "win8", "win81", "server2012", "server2016", "win10", "server2019", "server2022",
                             "win11", "server2025"}) {
        const std::string stem = std::string(folder) + "_" + path.stem().string() + "_" + os;
        const nlohmann::json report = audit_export(path, os);
        write_file(out / (stem + ".json"), without_source_dir(report.dump(2)));
        for (const char* format : {"reg", "ps1", "undo-reg"}) {
          write_file(out / (stem + "." + format), tlsready::policy::remediation_text(report, format));
        }
      }
    }
  }
  for (const auto& [name, registry] : tlsready::policy::windows::testing::synthetic_registries()) {
    for (const std::string& os : tlsready::policy::windows::testing::all_generations()) {
      const nlohmann::json report =
          tlsready::policy::windows_report(registry, tlsready::policy::os_version_option(os), {});
      std::string stem = "built_";
      stem += name;
      stem += "_";
      stem += os;
      write_file(out / (stem + ".json"), report.dump(2));
      for (const char* format : {"reg", "ps1", "undo-reg"}) {
        write_file(out / (stem + "." + format), tlsready::policy::remediation_text(report, format));
      }
    }
  }
}
