#include "model/target.h"

#include "common/text.h"

namespace tlsready::model {

std::string_view to_string(StartTls protocol) {
  switch (protocol) {
    case StartTls::none: return "none";
    case StartTls::smtp: return "smtp";
    case StartTls::imap: return "imap";
    case StartTls::pop3: return "pop3";
    case StartTls::ftp: return "ftp";
    case StartTls::ldap: return "ldap";
    case StartTls::postgres: return "postgres";
  }
  return "unknown";
}

std::optional<StartTls> parse_starttls(std::string_view name) {
  for (StartTls protocol : kAllStartTls) {
    if (text::iequals(name, to_string(protocol))) return protocol;
  }
  return std::nullopt;
}

}  // namespace tlsready::model
