// The placeholders of a finding text (native/data/findings.csv): `{name}` is a value the rule fills
// (a version, a bit count, a path), `{@key}` a shared text of native/data/finding_texts.csv, which may
// hold `{name}` placeholders itself. Names are [a-z0-9_], keys [a-z0-9-]; any other brace is text.
// Plain functions, no state; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tlsready::catalogue {

// A value the rule fills in: {"bits", "1024"}.
using Values = std::vector<std::pair<std::string, std::string>>;

// The shared text of a key, or nullopt when there is none.
using SharedTextLookup = std::function<std::optional<std::string_view>(std::string_view key)>;

// `text` with every {@key} replaced by its shared text (expanded in turn, at most 4 deep) and every
// {name} by its value. A placeholder without a value (or an unknown key) stays as written, so a
// rule that forgets a value shows "{bits}" instead of failing; unfilled_placeholders finds it.
std::string render(std::string_view text, const Values& values, const SharedTextLookup& shared);

// The {name} placeholders in `text` (in order, repeats kept); {@key} references are not included.
std::vector<std::string> value_placeholders(std::string_view text);
// The {@key} references in `text`.
std::vector<std::string> shared_text_keys(std::string_view text);

}  // namespace tlsready::catalogue
