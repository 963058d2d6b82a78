// Replays the checked-in fuzz corpus through every fuzzer entry point, so the ordinary test
// run (ctest) exercises the fuzzers and keeps past crashers fixed. Usage: tlsready_fuzz_replay
// CORPUS_DIR, where CORPUS_DIR holds one folder per fuzzer; every file is run through every
// fuzzer (each takes arbitrary bytes). Fails if the corpus is missing or empty.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int tlsready_fuzz_server_flight(const uint8_t* data, size_t size);
extern "C" int tlsready_fuzz_record_reader(const uint8_t* data, size_t size);
extern "C" int tlsready_fuzz_client_hello(const uint8_t* data, size_t size);
#ifdef TLSREADY_FUZZ_HAVE_WINREG
extern "C" int tlsready_fuzz_reg_file(const uint8_t* data, size_t size);
constexpr int winreg_fuzzers = 1;
#else
constexpr int winreg_fuzzers = 0;
#endif
#ifdef TLSREADY_FUZZ_HAVE_LOGS
extern "C" int tlsready_fuzz_iis_log(const uint8_t* data, size_t size);
extern "C" int tlsready_fuzz_text_logs(const uint8_t* data, size_t size);
constexpr int logs_fuzzers = 2;
#else
constexpr int logs_fuzzers = 0;
#endif
#ifdef TLSREADY_FUZZ_HAVE_PCAP
extern "C" int tlsready_fuzz_pcap(const uint8_t* data, size_t size);
constexpr int pcap_fuzzers = 1;
#else
constexpr int pcap_fuzzers = 0;
#endif
#ifdef TLSREADY_FUZZ_HAVE_CAPTURE
extern "C" int tlsready_fuzz_server_prelude(const uint8_t* data, size_t size);
constexpr int capture_fuzzers = 1;
#else
constexpr int capture_fuzzers = 0;
#endif
#ifdef TLSREADY_FUZZ_HAVE_SCHANNEL_EVENTS
extern "C" int tlsready_fuzz_schannel_events(const uint8_t* data, size_t size);
constexpr int schannel_fuzzers = 1;
#else
constexpr int schannel_fuzzers = 0;
#endif
constexpr int fuzzer_count = 3 + winreg_fuzzers + logs_fuzzers + pcap_fuzzers + capture_fuzzers + schannel_fuzzers;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(argv[1], ec)) {
    std::fprintf(stderr, "corpus directory %s not found\n", argv[1]);
    return 1;
  }
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::vector<uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    tlsready_fuzz_server_flight(data.data(), data.size());
    tlsready_fuzz_record_reader(data.data(), data.size());
    tlsready_fuzz_client_hello(data.data(), data.size());
#ifdef TLSREADY_FUZZ_HAVE_WINREG
    tlsready_fuzz_reg_file(data.data(), data.size());
#endif
#ifdef TLSREADY_FUZZ_HAVE_LOGS
    tlsready_fuzz_iis_log(data.data(), data.size());
    tlsready_fuzz_text_logs(data.data(), data.size());
#endif
#ifdef TLSREADY_FUZZ_HAVE_PCAP
    tlsready_fuzz_pcap(data.data(), data.size());
#endif
#ifdef TLSREADY_FUZZ_HAVE_CAPTURE
    tlsready_fuzz_server_prelude(data.data(), data.size());
#endif
#ifdef TLSREADY_FUZZ_HAVE_SCHANNEL_EVENTS
    tlsready_fuzz_schannel_events(data.data(), data.size());
#endif
    ++files;
  }
  if (files == 0) {
    std::fprintf(stderr, "corpus directory %s holds no files\n", argv[1]);
    return 1;
  }
  std::printf("replayed %zu corpus files through %d fuzzers\n", files, fuzzer_count);
  return 0;
}
