// The facts of one parsed ClientHello that a TLS-use event carries (tls_use_event.h
// ClientHelloFacts): JA3/JA4, SNI, the versions and suites offered, TLS_FALLBACK_SCSV, and the
// nearest built-in client profile with "can it do TLS 1.2?". One function for every source that
// sees hellos: the pcap reader and the capture listener. Pure; thread-safe.
#pragma once

#include "codec/client_hello_parser.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

ClientHelloFacts facts_of(const codec::ClientHelloInfo& hello);

}  // namespace tlsready::logs
