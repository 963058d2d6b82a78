#pragma once
// Case-insensitive name -> row index map used by the *_by_name lookups (internal).

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tlsready::registry::detail {

class NameIndex {
 public:
  // Maps `name` (ASCII case-insensitively) to `index`. Returns the index already stored under
  // that name when it differs from `index` (a clash the caller reports), else nullopt.
  std::optional<std::size_t> add(std::string_view name, std::size_t index);

  std::optional<std::size_t> find(std::string_view name) const;

 private:
  struct CaseInsensitiveLess {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const;
  };
  std::map<std::string, std::size_t, CaseInsensitiveLess> map_;
};

}  // namespace tlsready::registry::detail
