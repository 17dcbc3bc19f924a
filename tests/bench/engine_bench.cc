// Engine speed and memory, measured with Google Benchmark (figures go in the README).
//
//   build/release/escalsim_bench                      all benchmarks
//   build/release/escalsim_bench --benchmark_filter=Escalation
//
// The models are the scenarios in scenarios/bench/, so the whole program can be timed on
// exactly the same model. Throughput is complaints per second on one core.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <queue>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/escalation_loop.h"
#include "escalsim/engine.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "engine/event_queue.h"
#include "engine/random_streams.h"

namespace escalsim {
namespace {

Scenario bench_scenario(const std::string& name, Duration horizon) {
  Scenario s = load_scenario(std::string(ESCALSIM_SOURCE_DIR) + "/scenarios/" + name);
  s.run.horizon = horizon;
  return s;
}

// Runs whole replications of a scenario and reports complaints per second.
void run_model(benchmark::State& state, const std::string& file, Duration horizon) {
  Scenario scenario = bench_scenario(file, horizon);
  std::int64_t complaints = 0;
  std::int64_t events = 0;
  int replication = 0;
  for (auto _ : state) {
    RunResult r = run_once(scenario, replication++);
    complaints += r.complaints.arrived;
    events += r.events;
    benchmark::DoNotOptimize(r);
  }
  state.counters["complaints_per_s"] =
      benchmark::Counter(static_cast<double>(complaints), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

// std::priority_queue on the same events and order: the baseline EventQueue must beat
// (or match) to keep its own heap (see event_queue.cc).
class PriorityQueueBaseline {
 public:
  template <typename K>
  void push(double time_min, const K& kind) {
    std::uint64_t fields = 0;
    std::memcpy(&fields, &kind, sizeof(K));
    queue_.push(Event{time_min,
                      (static_cast<std::uint64_t>(K::kPhase) << 56) |
                          (next_sequence_++ << Event::kKindBits) | kind_index_of<K>(),
                      fields});
  }
  Event pop() {
    Event earliest = queue_.top();
    queue_.pop();
    return earliest;
  }

 private:
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.time_min > b.time_min || (a.time_min == b.time_min && a.order > b.order);
    }
  };
  std::priority_queue<Event, std::vector<Event>, Later> queue_;
  std::uint64_t next_sequence_ = 0;
};

template <typename Queue>
void BM_EventQueuePushPop(benchmark::State& state) {
  // A steady queue of `size` pending events: pop the earliest, push one a random time later,
  // as the engine does.
  const auto size = static_cast<std::size_t>(state.range(0));
  Queue queue;
  RandomStream stream(1, "bench");
  double now = 0.0;
  for (std::size_t i = 0; i < size; ++i) {
    queue.push(stream.exponential() * 60.0, ServiceEnd{static_cast<std::uint32_t>(i), 0});
  }
  for (auto _ : state) {
    Event e = queue.pop();
    now = e.time_min;
    queue.push(now + stream.exponential() * 60.0, ServiceEnd{0, 0});
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueuePushPop<EventQueue>)->Arg(16)->Arg(1024)->Arg(65536);
BENCHMARK(BM_EventQueuePushPop<PriorityQueueBaseline>)->Arg(16)->Arg(1024)->Arg(65536);

void BM_MMc(benchmark::State& state) {
  run_model(state, "bench/mmc.yaml", Duration::weeks(104));
}
BENCHMARK(BM_MMc)->Unit(benchmark::kMillisecond);

void BM_Escalation(benchmark::State& state) {
  run_model(state, "bench/escalation.yaml", Duration::weeks(104));
}
BENCHMARK(BM_Escalation)->Unit(benchmark::kMillisecond);

// A model as one hand-written loop (bench/escalation_loop.h), over the same 104 weeks as
// the engine's benchmarks. Its abandonment share and the frontline's mean wait are reported
// beside it so a reader can see it simulates the same system as escalsim's results.
void run_loop(benchmark::State& state, const bench::EscalationModel& model) {
  std::int64_t complaints = 0, events = 0, abandoned = 0, served = 0;
  double frontline_wait_sum = 0.0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    const bench::EscalationLoopResult r =
        bench::run_escalation_loop(model, Duration::weeks(104).in_minutes(), seed++);
    complaints += r.arrived;
    events += r.events;
    abandoned += r.abandoned;
    served += r.served[0];
    frontline_wait_sum += r.wait_sum_min[0];
    benchmark::DoNotOptimize(r);
  }
  state.counters["complaints_per_s"] =
      benchmark::Counter(static_cast<double>(complaints), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["abandonment"] =
      static_cast<double>(abandoned) / static_cast<double>(std::max<std::int64_t>(complaints, 1));
  state.counters["frontline_wait_min"] =
      frontline_wait_sum / static_cast<double>(std::max<std::int64_t>(served, 1));
}
// scenarios/bench/escalation.yaml: the baseline BM_Escalation is measured against.
void BM_EscalationHandWritten(benchmark::State& state) {
  run_loop(state, bench::EscalationModel{});
}
BENCHMARK(BM_EscalationHandWritten)->Unit(benchmark::kMillisecond);

// scenarios/bench/mmc.yaml (no onward routing, no abandonment): BM_MMc's baseline. Its
// frontline_wait_min is Erlang C's mean wait, 40.1 min.
void BM_MMcHandWritten(benchmark::State& state) { run_loop(state, bench::mmc_model()); }
BENCHMARK(BM_MMcHandWritten)->Unit(benchmark::kMillisecond);

// Peak resident memory of one run, in a child process so that each horizon's peak is its
// own. Reported as peak_rss_mb; the time measured is the child's whole life.
void BM_PeakMemory(benchmark::State& state, const std::string& file) {
  const auto weeks = static_cast<double>(state.range(0));
  double peak_mb = 0.0;
  for (auto _ : state) {
    pid_t child = fork();
    if (child == 0) {
      Scenario scenario = bench_scenario(file, Duration::weeks(weeks));
      RunResult r = run_once(scenario, 0);
      benchmark::DoNotOptimize(r);
      _exit(0);
    }
    int status = 0;
    rusage usage{};
    wait4(child, &status, 0, &usage);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      state.SkipWithError("child run failed");
      return;
    }
    peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
  }
  state.counters["peak_rss_mb"] = peak_mb;
}
BENCHMARK_CAPTURE(BM_PeakMemory, escalation, std::string("bench/escalation.yaml"))
    ->Arg(4)->Arg(52)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PeakMemory, default_scenario, std::string("default.yaml"))
    ->Arg(26)->Iterations(1)->Unit(benchmark::kMillisecond);


// A sweep of the escalation model (8 demand multiples x 2 replications, 26 weeks each) on
// `threads` threads, written to a scratch folder: runs per second, wall clock. The ratio of
// the 2-thread and 1-thread figures is the speed-up the README quotes.
void BM_Sweep(benchmark::State& state) {
  // The horizon as an override: scenario_at() builds each point from the file's text and
  // overrides, so a change made to the struct after loading would not reach the points.
  Scenario scenario =
      load_scenario(std::string(ESCALSIM_SOURCE_DIR) + "/scenarios/bench/escalation.yaml",
                    {"run.horizon=26 weeks"});
  SweepSpec spec;
  spec.parameters.push_back({kDemandMultiplier, {}, {}});
  for (int i = 0; i < 8; ++i) {
    const std::string multiple = std::to_string(0.65 + 0.05 * i);
    spec.parameters.front().values.push_back(multiple);
    spec.points.push_back(SweepPoint{i, {{kDemandMultiplier, multiple}}});
  }
  spec.replications = 2;
  scenario.sweep = spec;

  const std::filesystem::path out = std::filesystem::temp_directory_path() /
                                    ("escalsim-bench-sweep-" + std::to_string(::getpid()));
  SweepOptions options;
  options.threads = static_cast<int>(state.range(0));
  options.out_dir = out.string();
  std::int64_t runs = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(out);
    state.ResumeTiming();
    SweepResult result = run_sweep(scenario, options);
    runs += static_cast<std::int64_t>(result.points.size()) * 2;
    benchmark::DoNotOptimize(result);
  }
  std::filesystem::remove_all(out);
  state.counters["runs_per_s"] =
      benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Sweep)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace escalsim

BENCHMARK_MAIN();
