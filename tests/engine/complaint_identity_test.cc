// Complaint identities and the keys of draws about them: distinct identities and visits
// never share a key, and the first stream's first contacts keep their arrival-order keys.
#include "engine/complaint_identity.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "engine/duration_sampler.h"
#include "engine/keyed_random.h"
#include "escalsim/engine.h"
#include "escalsim/run_observer.h"
#include "escalsim/trace.h"
#include "testutil.h"

namespace escalsim {
namespace {

TEST_CASE("Complaint identity: distinct identities have distinct keys") {
  std::set<std::uint64_t> keys;
  int identities = 0;
  for (std::uint64_t candidate = 0; candidate < 300; ++candidate) {
    for (int stream = 0; stream < 3; ++stream) {
      for (bool extra : {false, true}) {
        for (int contact = 1; contact <= 3; ++contact) {
          ComplaintIdentity who;
          who.candidate = candidate;
          who.stream = static_cast<std::uint8_t>(stream);
          who.extra = extra;
          who.contact = static_cast<std::uint16_t>(contact);
          keys.insert(identity_key(who));
          ++identities;
        }
      }
    }
  }
  CHECK(keys.size() == static_cast<std::size_t>(identities));
}

TEST_CASE("Complaint identity: the first stream's first contacts keep the keys ids gave") {
  ComplaintIdentity who;
  who.candidate = 1234;
  CHECK(identity_key(who) == 1234u << 8);
  // As visit_key once keyed complaint 1234's third visit.
  CHECK(visit_key(77, identity_key(who), 3) == mix64(77 ^ mix64((1234u << 8) | 3u)));
}

TEST_CASE("Keyed draws: visits beyond 255 meet no other visit's key") {
  ComplaintIdentity a;
  a.candidate = 10;
  ComplaintIdentity b;
  b.candidate = 11;
  std::set<std::uint64_t> keys;
  for (std::uint32_t visit = 0; visit < 1000; ++visit) {
    keys.insert(visit_key(5, identity_key(a), visit));
    keys.insert(visit_key(5, identity_key(b), visit));
  }
  CHECK(keys.size() == 2000);
}

// Records each service start's handle time with its complaint's identity and visit number
// (the model below has no patience, refusal or hand-back: each visit has one start).
class StartRecorder final : public RunObserver {
 public:
  struct Start {
    ComplaintIdentity who;
    std::uint32_t visit;
    int desk;
    double handle_min;
  };
  void on_event(const TraceEvent& e) override {
    if (e.kind != TraceKind::kStart) return;
    ComplaintIdentity who;
    who.candidate = static_cast<std::uint64_t>(e.identity.candidate);
    who.extra = e.identity.extra;
    who.contact = static_cast<std::uint16_t>(e.identity.contact);
    starts.push_back(Start{who, ++visits_[e.complaint], e.desk, e.duration_min});
  }
  std::vector<Start> starts;

 private:
  std::map<std::int64_t, std::uint32_t> visits_;
};

TEST_CASE("Keyed draws: every handle time is the draw keyed by its complaint and its visit") {
  // Complaints loop between two desks, so visits run to 5 and more. Each start's handle time
  // must be the one computed here, apart from the engine, from the draw's documented key:
  // the desk's "handle/<index>" purpose and the complaint's identity and visit number.
  const Scenario s = testing::ScenarioBuilder("loops").horizon(Duration::weeks(3)).seed(11)
      .desk("frontline", 4, testing::exponential(Duration::minutes(20)))
      .resolution(0.5)
      .desk("specialists", 3, testing::exponential(Duration::minutes(30)))
      .resolution(0.4)
      .demand("frontline", Rate::per_hour(6.0))
      .route("frontline", "specialists", 1.0, RouteCondition::kUnresolved)
      .route("specialists", "frontline", 1.0, RouteCondition::kUnresolved)
      .build();
  StartRecorder starts;
  const RunResult run = run_once(s, 0, EngineOptions{.trace = &starts});
  int wrong = 0, later_visits = 0;
  std::uint32_t most_visits = 0;
  for (const StartRecorder::Start& start : starts.starts) {
    const std::uint64_t purpose =
        mix64(run.seed ^ stable_hash("handle/" + std::to_string(start.desk)));
    KeyedRandom draw(visit_key(purpose, identity_key(start.who), start.visit));
    const double expected = DurationSampler(s.desks[start.desk].handle_time).sample_min(draw);
    if (expected != start.handle_min) ++wrong;
    if (start.visit >= 2) ++later_visits;
    most_visits = std::max(most_visits, start.visit);
  }
  CHECK(starts.starts.size() > 3000);
  CHECK(later_visits > 1000);
  CHECK(most_visits >= 5);
  CHECK(wrong == 0);
}

}  // namespace
}  // namespace escalsim
