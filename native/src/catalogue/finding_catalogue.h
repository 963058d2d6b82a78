// The finding catalogue: what every finding id says -- severity, title, why, fix and references --
// read from native/data/findings.csv (columns documented in its header) and the shared sentences and
// references of native/data/finding_texts.csv. The rules decide *whether* a finding holds, which
// variant of it, and the values it names; its words come from here. The evidence and registry
// changes stay computed by the rules.
//
// A row is (id, variant): the base row (variant "") holds every column; a variant row ("level0",
// "crypto-policy") replaces only the columns it fills, for the case its rule names. A finding is the
// base row with the named variants laid over it in the order the rule gives them.
//
// Immutable after parsing; builtin() parses on first use and is thread-safe.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalogue/finding_template.h"
#include "model/finding.h"

namespace tlsready::catalogue {

struct CatalogueRow {
  std::string id;                           // "SCHANNEL-TLS12-CLIENT-DISABLED"
  std::string variant;                      // "" for the base row
  std::optional<model::Severity> severity;  // always set on a base row
  std::string title;                        // "" in a variant row: the base row's
  std::string why;
  std::string fix;
  std::vector<std::string> references;  // keys of finding_texts.csv (kind reference); empty in a variant: the base's
  std::size_t line = 0;                 // in findings.csv
};

struct SharedText {
  enum class Kind { sentence, reference };
  std::string key;
  Kind kind = Kind::sentence;
  std::string text;
};

// A malformed catalogue file: names the file, the line and the problem.
class CatalogueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The texts of one finding before the values are filled in: the base row with the variants laid over.
struct FindingWords {
  model::Severity severity = model::Severity::info;
  std::string title, why, fix;
  std::vector<std::string> references;  // keys
};

class FindingCatalogue {
 public:
  // Parses both files; throws CatalogueError on any problem (see findings.csv's header for the rules).
  static FindingCatalogue parse(std::string_view findings_csv, std::string_view texts_csv);
  // native/data/findings.csv and finding_texts.csv as compiled in.
  static const FindingCatalogue& builtin();

  const std::vector<CatalogueRow>& rows() const { return rows_; }
  const std::vector<SharedText>& texts() const { return texts_; }
  const CatalogueRow* row(std::string_view id, std::string_view variant = "") const;
  const SharedText* text(std::string_view key) const;
  std::vector<std::string> ids() const;  // every id once, in file order

  // The words of `id` with `variants` laid over ("" entries are skipped, so a rule can write
  // `cond ? "tls13" : ""`). Throws std::logic_error for an id or variant the catalogue lacks: a
  // rule naming one is a bug the tests catch.
  FindingWords words(std::string_view id, const std::vector<std::string_view>& variants) const;

  // The finding `id` as the catalogue words it, {@key} expanded and {name} filled from `values`;
  // no evidence or registry changes yet.
  model::Finding finding(std::string_view id, const Values& values = {},
                         const std::vector<std::string_view>& variants = {}) const;

  // The shared sentence `key` with its placeholders filled, for words a rule assembles itself (the
  // steps of a fix that depend on what a file already holds). std::logic_error when there is none.
  std::string sentence(std::string_view key, const Values& values = {}) const;

 private:
  std::vector<CatalogueRow> rows_;
  std::vector<SharedText> texts_;
  std::map<std::string, std::size_t, std::less<>> by_key_;  // id + '|' + variant -> rows_ index
  std::map<std::string, std::size_t, std::less<>> text_by_key_;
};

// FindingCatalogue::builtin().finding(...): what the rules call.
model::Finding make_finding(std::string_view id, const Values& values = {},
                            const std::vector<std::string_view>& variants = {});

// FindingCatalogue::builtin().sentence(...).
std::string sentence(std::string_view key, const Values& values = {});

// The severity a catalogue names ("info" ... "critical"), or nullopt.
std::optional<model::Severity> severity_from_name(std::string_view name);

}  // namespace tlsready::catalogue
