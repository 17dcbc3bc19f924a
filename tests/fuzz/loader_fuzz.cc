// libFuzzer target: any bytes as a scenario file. The loader must accept them or throw
// ScenarioError with one line that starts with the file's name; anything else (another
// exception, a crash, a sanitizer report, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "escalsim/errors.h"
#include "escalsim/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    escalsim::load_scenario_text(text, "fuzz.yaml");
  } catch (const escalsim::ScenarioError& e) {
    const std::string message = e.what();
    if (message.rfind("fuzz.yaml", 0) != 0 || message.find('\n') != std::string::npos) {
      std::abort();  // not a one-line, located message
    }
  }
  return 0;
}
