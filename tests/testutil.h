// Test helpers: build escalsim::Scenario structs in code, without YAML.
//
//   Scenario s = ScenarioBuilder("mm1")
//                    .horizon(Duration::weeks(10)).warmup(Duration::weeks(1)).seed(7)
//                    .desk("frontline", 2, exponential(Duration::minutes(10)))
//                    .patience(exponential(Duration::minutes(5)))
//                    .demand("frontline", Rate::per_minute(0.15))
//                    .route("frontline", "specialists", 0.2)
//                    .build();
//
// Desk settings (patience, queue_limit, discipline, resolution) apply to the desk added
// last. Routes and demand name desks, resolved in build(), so they may come in any order.
// Defaults: one channel ("email"), one segment ("all"), flat weekly pattern, every
// complaint minor and not public, resolution probability 1, FIFO, no patience, no limit.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "escalsim/scenario.h"
#include "escalsim/units.h"

namespace escalsim::testing {

// Distributions by what a user knows.
inline Distribution exponential(Duration mean) {
  Distribution d;
  d.kind = Distribution::Kind::kExponential;
  d.mean = mean;
  return d;
}
inline Distribution fixed(Duration value) {
  Distribution d;
  d.kind = Distribution::Kind::kFixed;
  d.mean = value;
  return d;
}
inline Distribution erlang(int phases, Duration mean) {
  Distribution d;
  d.kind = Distribution::Kind::kErlang;
  d.mean = mean;
  d.shape = phases;
  return d;
}
inline Distribution gamma(double shape, Duration mean) {
  Distribution d;
  d.kind = Distribution::Kind::kGamma;
  d.mean = mean;
  d.shape = shape;
  return d;
}
inline Distribution lognormal(Duration mean, Duration sd) {
  Distribution d;
  d.kind = Distribution::Kind::kLognormal;
  d.mean = mean;
  d.sd = sd;
  return d;
}
inline Distribution uniform(Duration low, Duration high) {
  Distribution d;
  d.kind = Distribution::Kind::kUniform;
  d.low = low;
  d.high = high;
  d.mean = (low + high) / 2.0;
  return d;
}

// The same distribution with every duration multiplied by `factor` (the mean scales by
// factor, the squared CV stays). For mutation checks.
inline Distribution scaled(Distribution d, double factor) {
  d.mean = d.mean * factor;
  d.sd = d.sd * factor;
  d.low = d.low * factor;
  d.high = d.high * factor;
  for (Duration& v : d.values) v = v * factor;
  return d;
}

class ScenarioBuilder {
 public:
  explicit ScenarioBuilder(std::string name = "test") {
    scenario_.run.name = std::move(name);
    scenario_.channels = {"email"};
    scenario_.segments = {Segment{"all", 0.0}};
  }

  // Run settings. The horizon is the end of the run on the clock (warm-up included).
  ScenarioBuilder& horizon(Duration d) { scenario_.run.horizon = d; return *this; }
  ScenarioBuilder& warmup(Duration d) { scenario_.run.warmup = d; return *this; }
  ScenarioBuilder& seed(std::uint64_t s) { scenario_.run.seed = s; return *this; }
  ScenarioBuilder& replications(int n) { scenario_.run.replications = n; return *this; }
  ScenarioBuilder& sample_interval(Duration d) { scenario_.run.sample_interval = d; return *this; }

  // Adds a desk with a fixed staff count.
  ScenarioBuilder& desk(const std::string& name, int staff, const Distribution& handle_time) {
    Desk d;
    d.name = name;
    d.staff = staff;
    d.handle_time = handle_time;
    d.where.key_path = "desks." + name;
    scenario_.desks.push_back(std::move(d));
    return *this;
  }
  // Settings of the desk added last.
  ScenarioBuilder& patience(const Distribution& p) { last_desk().patience = p; return *this; }
  ScenarioBuilder& queue_limit(int waiting_places) {
    last_desk().queue_limit = waiting_places;
    return *this;
  }
  ScenarioBuilder& discipline(QueueDiscipline q) { last_desk().discipline = q; return *this; }
  ScenarioBuilder& resolution(double probability) {
    last_desk().resolution_probability.fill(probability);
    return *this;
  }
  ScenarioBuilder& shifts(std::vector<Shift> s) { last_desk().shifts = std::move(s); return *this; }
  ScenarioBuilder& executive(ExecutiveBudget budget) {
    last_desk().executive = std::move(budget);
    return *this;
  }

  // Adds a Poisson demand stream at a flat weekly rate, entering the named desk.
  ScenarioBuilder& demand(const std::string& enters_desk, Rate rate,
                          std::array<double, kSeverityCount> severity_share = {1.0, 0.0, 0.0,
                                                                               0.0},
                          double public_share = 0.0) {
    PendingDemand p;
    p.desk = enters_desk;
    p.stream.name = "demand" + (demand_.empty() ? std::string() : std::to_string(demand_.size()));
    p.stream.rate = rate;
    p.stream.pattern = WeeklyPattern::flat();
    p.stream.channel_share = {1.0};
    p.stream.segment_share = {1.0};
    p.stream.severity_share = severity_share;
    p.stream.public_share = public_share;
    demand_.push_back(std::move(p));
    return *this;
  }

  // Adds a route from desk to desk ("exit" to leave), taken with `probability`.
  ScenarioBuilder& route(const std::string& from, const std::string& to, double probability,
                         RouteCondition condition = RouteCondition::kAlways) {
    PendingRoute r;
    r.from = from;
    r.to = to;
    r.route.condition = condition;
    r.route.probability = probability;
    routes_.push_back(std::move(r));
    return *this;
  }

  // The scenario. Throws std::invalid_argument naming an unknown desk.
  Scenario build() const {
    Scenario s = scenario_;
    for (const PendingDemand& p : demand_) {
      DemandStream stream = p.stream;
      stream.enters_desk = index_of(s, p.desk);
      s.demand.push_back(std::move(stream));
    }
    for (const PendingRoute& p : routes_) {
      Route r = p.route;
      r.from = index_of(s, p.from);
      r.to = p.to == "exit" ? kExit : index_of(s, p.to);
      s.routes.push_back(r);
    }
    return s;
  }

 private:
  struct PendingDemand {
    std::string desk;
    DemandStream stream;
  };
  struct PendingRoute {
    std::string from, to;
    Route route;
  };

  Desk& last_desk() {
    if (scenario_.desks.empty()) throw std::invalid_argument("ScenarioBuilder: add a desk first");
    return scenario_.desks.back();
  }
  static int index_of(const Scenario& s, const std::string& name) {
    int i = s.desk_index(name);
    if (i < 0) throw std::invalid_argument("ScenarioBuilder: unknown desk '" + name + "'");
    return i;
  }

  Scenario scenario_;
  std::vector<PendingDemand> demand_;
  std::vector<PendingRoute> routes_;
};

}  // namespace escalsim::testing
