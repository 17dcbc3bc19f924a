// PLACEHOLDER: engine, being written.
#include "escalsim/engine.h"
#include "escalsim/errors.h"
namespace escalsim {
std::uint64_t derive_run_seed(std::uint64_t s, std::uint64_t, int) { return s; }
RunResult run_once(const Scenario&, int, const EngineOptions&, std::uint64_t) { throw Error("engine not written yet"); }
}
