#include "catalogue/finding_catalogue.h"

#include <algorithm>

#include "catalogue/embedded_catalogue.h"
#include "common/csv.h"

namespace tlsready::catalogue {
namespace {

constexpr std::string_view kFindingsFile = "findings.csv";
constexpr std::string_view kTextsFile = "finding_texts.csv";

[[noreturn]] void fail(std::string_view file, std::size_t line, const std::string& message) {
  throw CatalogueError(std::string(file) + " line " + std::to_string(line) + ": " + message);
}

bool id_word(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool lower_word(std::string_view word) {
  if (word.empty() || word.front() == '-' || word.back() == '-') return false;
  return std::all_of(word.begin(), word.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// Every record after the header, which must be exactly `header`.
std::vector<csv::Record> records_of(std::string_view text, std::string_view file,
                                    const std::vector<std::string_view>& header) {
  std::vector<csv::Record> records;
  try {
    records = csv::read(text);
  } catch (const csv::CsvSyntaxError& error) {
    fail(file, error.line(), error.reason());
  }
  if (records.empty()) fail(file, 1, "no header line");
  const csv::Record& first = records.front();
  if (!std::equal(first.fields.begin(), first.fields.end(), header.begin(), header.end())) {
    std::string expected;
    for (std::string_view column : header) expected += (expected.empty() ? "" : ",") + std::string(column);
    fail(file, first.line, "header must be '" + expected + "'");
  }
  records.erase(records.begin());
  for (const csv::Record& record : records) {
    if (record.fields.size() != header.size()) {
      fail(file, record.line,
           "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(record.fields.size()));
    }
  }
  return records;
}

std::vector<std::string> split_keys(std::string_view field) {
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (start < field.size()) {
    std::size_t end = field.find(' ', start);
    if (end == std::string_view::npos) end = field.size();
    if (end > start) keys.emplace_back(field.substr(start, end - start));
    start = end + 1;
  }
  return keys;
}

std::string row_key(std::string_view id, std::string_view variant) {
  return std::string(id) + "|" + std::string(variant);
}

}  // namespace

std::optional<model::Severity> severity_from_name(std::string_view name) {
  for (model::Severity severity : model::kAllSeverities) {
    if (model::to_string(severity) == name) return severity;
  }
  return std::nullopt;
}

FindingCatalogue FindingCatalogue::parse(std::string_view findings_csv, std::string_view texts_csv) {
  FindingCatalogue catalogue;
  for (const csv::Record& record : records_of(texts_csv, kTextsFile, {"key", "kind", "text"})) {
    SharedText text;
    text.key = record.fields[0];
    if (!lower_word(text.key))
      fail(kTextsFile, record.line, "key '" + text.key + "' is not lower-case words joined by '-'");
    if (record.fields[1] == "sentence") {
      text.kind = SharedText::Kind::sentence;
    } else if (record.fields[1] == "reference") {
      text.kind = SharedText::Kind::reference;
    } else {
      fail(kTextsFile, record.line, "kind must be sentence or reference, not '" + record.fields[1] + "'");
    }
    text.text = record.fields[2];
    if (text.text.empty()) fail(kTextsFile, record.line, "empty text for " + text.key);
    if (!catalogue.text_by_key_.emplace(text.key, catalogue.texts_.size()).second) {
      fail(kTextsFile, record.line, "key " + text.key + " is listed twice");
    }
    catalogue.texts_.push_back(std::move(text));
  }
  for (const SharedText& text : catalogue.texts_) {
    for (const std::string& key : shared_text_keys(text.text)) {
      const SharedText* inner = catalogue.text(key);
      if (inner == nullptr || inner->kind != SharedText::Kind::sentence || !shared_text_keys(inner->text).empty()) {
        throw CatalogueError(std::string(kTextsFile) + ": " + text.key + " uses {@" + key +
                             "}, which is not a sentence without shared texts of its own");
      }
    }
  }

  for (const csv::Record& record :
       records_of(findings_csv, kFindingsFile, {"id", "variant", "severity", "title", "why", "fix", "references"})) {
    CatalogueRow row;
    row.line = record.line;
    row.id = record.fields[0];
    row.variant = record.fields[1];
    if (!id_word(row.id)) fail(kFindingsFile, row.line, "id '" + row.id + "' is not upper-case words joined by '-'");
    const bool base = row.variant.empty();
    if (!base && !lower_word(row.variant)) {
      fail(kFindingsFile, row.line, "variant '" + row.variant + "' is not lower-case words joined by '-'");
    }
    if (!record.fields[2].empty()) {
      row.severity = severity_from_name(record.fields[2]);
      if (!row.severity) fail(kFindingsFile, row.line, "unknown severity '" + record.fields[2] + "'");
    }
    row.title = record.fields[3];
    row.why = record.fields[4];
    row.fix = record.fields[5];
    row.references = split_keys(record.fields[6]);
    if (base && (!row.severity || row.title.empty() || row.why.empty() || row.fix.empty() || row.references.empty())) {
      fail(kFindingsFile, row.line, row.id + ": a base row needs severity, title, why, fix and references");
    }
    if (!base && catalogue.row(row.id) == nullptr) {
      fail(kFindingsFile, row.line, row.id + " variant " + row.variant + " comes before the id's base row");
    }
    if (!base && !row.severity && row.title.empty() && row.why.empty() && row.fix.empty() && row.references.empty()) {
      fail(kFindingsFile, row.line, row.id + " variant " + row.variant + " changes nothing");
    }
    for (const std::string& key : row.references) {
      const SharedText* reference = catalogue.text(key);
      if (reference == nullptr || reference->kind != SharedText::Kind::reference) {
        fail(kFindingsFile, row.line, row.id + ": reference '" + key + "' is not a reference of finding_texts.csv");
      }
    }
    for (const std::string* column : {&row.title, &row.why, &row.fix}) {
      for (const std::string& key : shared_text_keys(*column)) {
        const SharedText* sentence = catalogue.text(key);
        if (sentence == nullptr || sentence->kind != SharedText::Kind::sentence) {
          fail(kFindingsFile, row.line, row.id + ": {@" + key + "} is not a sentence of finding_texts.csv");
        }
      }
    }
    if (!catalogue.by_key_.emplace(row_key(row.id, row.variant), catalogue.rows_.size()).second) {
      fail(kFindingsFile, row.line, row.id + (base ? "" : " variant " + row.variant) + " is listed twice");
    }
    catalogue.rows_.push_back(std::move(row));
  }
  if (catalogue.rows_.empty()) throw CatalogueError(std::string(kFindingsFile) + ": no rows");
  return catalogue;
}

const FindingCatalogue& FindingCatalogue::builtin() {
  static const FindingCatalogue catalogue =
      parse(registry::embedded::findings_csv(), registry::embedded::finding_texts_csv());
  return catalogue;
}

const CatalogueRow* FindingCatalogue::row(std::string_view id, std::string_view variant) const {
  auto found = by_key_.find(row_key(id, variant));
  return found == by_key_.end() ? nullptr : &rows_[found->second];
}

const SharedText* FindingCatalogue::text(std::string_view key) const {
  auto found = text_by_key_.find(key);
  return found == text_by_key_.end() ? nullptr : &texts_[found->second];
}

std::vector<std::string> FindingCatalogue::ids() const {
  std::vector<std::string> out;
  for (const CatalogueRow& row : rows_) {
    if (row.variant.empty()) out.push_back(row.id);
  }
  return out;
}

FindingWords FindingCatalogue::words(std::string_view id, const std::vector<std::string_view>& variants) const {
  const CatalogueRow* base = row(id);
  if (base == nullptr) throw std::logic_error("finding id " + std::string(id) + " is not in native/data/findings.csv");
  FindingWords words{*base->severity, base->title, base->why, base->fix, base->references};
  for (std::string_view variant : variants) {
    if (variant.empty()) continue;
    const CatalogueRow* over = row(id, variant);
    if (over == nullptr) {
      throw std::logic_error("finding " + std::string(id) + " has no variant '" + std::string(variant) +
                             "' in native/data/findings.csv");
    }
    if (over->severity) words.severity = *over->severity;
    if (!over->title.empty()) words.title = over->title;
    if (!over->why.empty()) words.why = over->why;
    if (!over->fix.empty()) words.fix = over->fix;
    if (!over->references.empty()) words.references = over->references;
  }
  return words;
}

std::string FindingCatalogue::sentence(std::string_view key, const Values& values) const {
  const SharedText* found = text(key);
  if (found == nullptr || found->kind != SharedText::Kind::sentence) {
    throw std::logic_error("'" + std::string(key) + "' is not a sentence of native/data/finding_texts.csv");
  }
  return render(found->text, values, [this](std::string_view inner) -> std::optional<std::string_view> {
    const SharedText* shared = text(inner);
    if (shared == nullptr) return std::nullopt;
    return std::string_view(shared->text);
  });
}

model::Finding FindingCatalogue::finding(std::string_view id, const Values& values,
                                         const std::vector<std::string_view>& variants) const {
  const FindingWords chosen = words(id, variants);
  const SharedTextLookup shared = [this](std::string_view key) -> std::optional<std::string_view> {
    const SharedText* found = text(key);
    if (found == nullptr) return std::nullopt;
    return std::string_view(found->text);
  };
  model::Finding finding;
  finding.id = std::string(id);
  finding.severity = chosen.severity;
  finding.title = render(chosen.title, values, shared);
  finding.why = render(chosen.why, values, shared);
  finding.fix = render(chosen.fix, values, shared);
  for (const std::string& key : chosen.references) finding.references.push_back(text(key)->text);
  return finding;
}

std::string sentence(std::string_view key, const Values& values) {
  return FindingCatalogue::builtin().sentence(key, values);
}

model::Finding make_finding(std::string_view id, const Values& values, const std::vector<std::string_view>& variants) {
  return FindingCatalogue::builtin().finding(id, values, variants);
}

}  // namespace tlsready::catalogue
