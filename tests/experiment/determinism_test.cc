// The same scenario and seed give byte-identical output, whatever the thread count.
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "escalsim/findings.h"
#include "escalsim/experiment.h"
#include "escalsim/report.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

struct Output {
  std::string json, csv;
};

Output outputs(const Scenario& s, int threads) {
  ExperimentOptions options;
  options.replications = 6;
  options.threads = threads;
  ExperimentResult result = run_experiment(s, options);
  std::ostringstream json, csv;
  write_json(json, result, find_findings(result));
  write_csv(csv, result);
  return Output{json.str(), csv.str()};
}

TEST_CASE("Determinism: JSON and CSV are byte-identical for 1, 2 and 8 threads") {
  Scenario s = ScenarioBuilder("determinism").horizon(Duration::weeks(6)).warmup(Duration::weeks(1)).seed(99)
                   .desk("frontline", 4, exponential(Duration::minutes(20)))
                   .patience(exponential(Duration::hours(1)))
                   .resolution(0.7)
                   .desk("ceo", 1, exponential(Duration::minutes(30)))
                   .demand("frontline", Rate::per_hour(11.0))
                   .route("frontline", "ceo", 0.1, RouteCondition::kUnresolved)
                   .build();
  Output one = outputs(s, 1);
  REQUIRE(one.csv.size() > 1000);
  REQUIRE(one.json.size() > 1000);
  Output two = outputs(s, 2);
  Output eight = outputs(s, 8);
  CHECK(one.json == two.json);
  CHECK(one.csv == two.csv);
  CHECK(one.json == eight.json);
  CHECK(one.csv == eight.csv);

  SUBCASE("another seed gives other numbers") {
    s.run.seed = 100;
    Output other = outputs(s, 2);
    CHECK(other.csv != one.csv);
  }
}

}  // namespace
}  // namespace escalsim
