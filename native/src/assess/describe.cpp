#include "assess/describe.h"

#include <algorithm>

#include "assess/weaknesses.h"
#include "common/hex.h"
#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"

namespace tlsready::assess {
namespace {

template <class Facts>
bool has_code(const std::vector<Facts>& list, uint16_t code) {
  return std::any_of(list.begin(), list.end(), [code](const Facts& facts) { return facts.code == code; });
}

}  // namespace

model::CipherSuiteFacts describe_suite(uint16_t code) {
  model::CipherSuiteFacts facts;
  facts.code = code;
  const registry::CipherSuite* suite = registry::find_cipher_suite(code);
  if (suite == nullptr) {
    facts.name = registry::cipher_suite_name_or_hex(code);
    return facts;
  }
  facts.name = suite->iana_name;
  if (!suite->openssl_name.empty()) facts.openssl_name = suite->openssl_name;
  facts.key_exchange = suite->kx;
  facts.authentication = suite->auth;
  facts.cipher = suite->cipher;
  facts.bits = suite->cipher_bits;
  facts.mac = suite->mac;
  facts.weak = suite->weak;
  facts.forward_secret = suite->forward_secret;
  facts.weaknesses = suite_weaknesses(*suite);
  facts.protocols.assign(suite->protocols.begin(), suite->protocols.end());
  return facts;
}

void describe_endpoint(model::EndpointResult& result) {
  result.suite_facts.clear();
  result.group_names.clear();
  for (const auto& protocol : result.protocols) {
    for (uint16_t code : protocol.cipher_suites)
      if (!has_code(result.suite_facts, code)) result.suite_facts.push_back(describe_suite(code));
    for (uint16_t code : protocol.groups)
      if (!has_code(result.group_names, code)) result.group_names.push_back({code, registry::group_name_or_hex(code)});
  }
  result.weaknesses = endpoint_weaknesses(result);
}

}  // namespace tlsready::assess
