// The organisation graph and the checks on it (validate_graph).
#include "analysis/org_graph.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <fmt/format.h>

#include "escalsim/analysis.h"
#include "escalsim/errors.h"

namespace escalsim {
namespace {

// Records every vertex a breadth-first search discovers.
class DiscoverVisitor : public boost::default_bfs_visitor {
 public:
  explicit DiscoverVisitor(std::vector<bool>* seen) : seen_(seen) {}
  template <class Vertex, class Graph>
  void discover_vertex(Vertex v, const Graph&) const {
    (*seen_)[v] = true;
  }

 private:
  std::vector<bool>* seen_;
};

// Keeps the edges some complaint can take.
struct PossibleEdge {
  const OrgGraph::Graph* graph = nullptr;
  template <class Edge>
  bool operator()(const Edge& e) const {
    return (*graph)[e].possible;
  }
};

// Which complaint properties occur at all: severities and public/not with a positive share
// in some demand stream (every one when there is no demand).
struct Feasible {
  std::array<bool, kSeverityCount> severity{};
  bool is_public = false;
  bool not_public = false;
};

Feasible feasible_classes(const Scenario& scenario) {
  Feasible f;
  if (scenario.demand.empty()) {
    f.severity.fill(true);
    f.is_public = f.not_public = true;
    return f;
  }
  for (const DemandStream& d : scenario.demand) {
    for (int s = 0; s < kSeverityCount; ++s) {
      if (d.severity_share[s] > 0.0) f.severity[s] = true;
    }
    if (d.public_share > 0.0) f.is_public = true;
    if (d.public_share < 1.0) f.not_public = true;
  }
  return f;
}

// What routing sees of a complaint just served at a desk.
struct ServedState {
  Severity severity = Severity::kMinor;
  bool is_public = false;
  bool resolved = false;
  Duration elapsed;  // time since the complaint's first arrival
};

bool condition_holds(const Route& r, const ServedState& s) {
  switch (r.condition) {
    case RouteCondition::kAlways: return true;
    case RouteCondition::kUnresolved: return !s.resolved;
    case RouteCondition::kResolved: return s.resolved;
    case RouteCondition::kSeverityAtLeast: return s.severity >= r.min_severity;
    case RouteCondition::kWaitedLongerThan: return s.elapsed > r.waited;
    case RouteCondition::kPublic: return s.is_public;
  }
  return false;
}

// Representative elapsed times, one per interval between the distinct `waited` thresholds
// of these routes: at most the smallest, between each pair, above the largest. A threshold
// of 0 or less always holds after service, so "at most 0" is left out.
std::vector<Duration> elapsed_representatives(const Scenario& scenario,
                                              const std::vector<int>& routes) {
  std::vector<double> thresholds;
  for (int k : routes) {
    const Route& r = scenario.routes[k];
    if (r.condition == RouteCondition::kWaitedLongerThan) {
      thresholds.push_back(r.waited.in_minutes());
    }
  }
  if (thresholds.empty()) return {Duration()};
  std::sort(thresholds.begin(), thresholds.end());
  thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
  std::vector<Duration> reps;
  if (thresholds.front() > 0.0) reps.push_back(Duration::minutes(thresholds.front()));
  for (std::size_t i = 0; i + 1 < thresholds.size(); ++i) {
    reps.push_back(Duration::minutes((thresholds[i] + thresholds[i + 1]) / 2.0));
  }
  reps.push_back(Duration::minutes(thresholds.back() + 1.0));
  return reps;
}

[[noreturn]] void fail(const SourceLocation& where, const std::string& message) {
  if (where.file.empty()) {
    throw ScenarioError(where.key_path.empty() ? message : message + " (" + where.key_path + ")");
  }
  throw ScenarioError(where.file, where.line, where.line > 0 ? where.column : 0, message,
                      where.key_path);
}

std::string desk_name(const Scenario& scenario, int desk) {
  return desk == kExit ? std::string("exit") : scenario.desks[desk].name;
}

}  // namespace

OrgGraph::OrgGraph(const Scenario& scenario, std::optional<ComplaintClass> only)
    : graph_(scenario.desks.size() + 2),
      desk_count_(static_cast<int>(scenario.desks.size())),
      implicit_exit_(scenario.desks.size(), false),
      first_possible_route_(scenario.desks.size(), -1),
      first_possible_target_(scenario.desks.size(), kExit) {
  Feasible feasible = feasible_classes(scenario);
  if (only) {
    const int s = static_cast<int>(only->severity);
    for (int other = 0; other < kSeverityCount; ++other) {
      if (other != s) feasible.severity[other] = false;
    }
    (only->is_public ? feasible.not_public : feasible.is_public) = false;
  }
  for (std::size_t d = 0; d < scenario.demand.size(); ++d) {
    const DemandStream& stream = scenario.demand[d];
    bool possible = true;
    if (only) {
      possible = stream.rate.in_per_hour() > 0.0 &&
                 stream.severity_share[static_cast<int>(only->severity)] > 0.0 &&
                 (only->is_public ? stream.public_share > 0.0 : stream.public_share < 1.0);
    }
    boost::add_edge(demand_vertex(), static_cast<Vertex>(stream.enters_desk),
                    OrgEdge{EdgeKind::kDemand, static_cast<int>(d), possible}, graph_);
  }

  std::vector<std::vector<int>> routes_from(desk_count_);
  for (std::size_t k = 0; k < scenario.routes.size(); ++k) {
    routes_from[scenario.routes[k].from].push_back(static_cast<int>(k));
  }

  // Enumerate every state a served complaint can be in at each desk; a route is possible
  // when some state gives it a positive share of the one uniform draw, and the desk has an
  // implicit exit when some state leaves part of the draw to no route.
  std::vector<bool> route_possible(scenario.routes.size(), false);
  for (int desk = 0; desk < desk_count_; ++desk) {
    const Desk& info = scenario.desks[desk];
    const std::vector<int>& routes = routes_from[desk];
    const std::vector<Duration> elapsed = elapsed_representatives(scenario, routes);
    for (int s = 0; s < kSeverityCount; ++s) {
      if (!feasible.severity[s]) continue;
      const double p_resolve = info.resolution_probability[s];
      for (int pub = 0; pub < 2; ++pub) {
        if (pub == 1 ? !feasible.is_public : !feasible.not_public) continue;
        for (int res = 0; res < 2; ++res) {
          if (res == 1 ? p_resolve <= 0.0 : p_resolve >= 1.0) continue;
          for (Duration e : elapsed) {
            ServedState state{static_cast<Severity>(s), pub == 1, res == 1, e};
            double cumulative = 0.0;
            for (int k : routes) {
              const Route& r = scenario.routes[k];
              if (!condition_holds(r, state)) continue;
              double next = std::min(1.0, cumulative + std::max(0.0, r.probability));
              if (next > cumulative) route_possible[k] = true;
              cumulative = next;
            }
            if (cumulative < 1.0) implicit_exit_[desk] = true;
          }
        }
      }
    }
  }

  for (std::size_t k = 0; k < scenario.routes.size(); ++k) {
    const Route& r = scenario.routes[k];
    Vertex target = r.to == kExit ? exit_vertex() : static_cast<Vertex>(r.to);
    boost::add_edge(static_cast<Vertex>(r.from), target,
                    OrgEdge{EdgeKind::kRoute, static_cast<int>(k), route_possible[k]}, graph_);
    if (route_possible[k] && first_possible_route_[r.from] < 0) {
      first_possible_route_[r.from] = static_cast<int>(k);
      first_possible_target_[r.from] = r.to;
    }
  }
  for (int desk = 0; desk < desk_count_; ++desk) {
    if (implicit_exit_[desk]) {
      boost::add_edge(static_cast<Vertex>(desk), exit_vertex(),
                      OrgEdge{EdgeKind::kImplicitExit, -1, true}, graph_);
    }
  }
}

std::vector<bool> OrgGraph::reachable_from_demand(bool possible_only) const {
  std::vector<bool> seen(boost::num_vertices(graph_), false);
  if (possible_only) {
    auto possible = boost::make_filtered_graph(graph_, PossibleEdge{&graph_});
    boost::breadth_first_search(possible, demand_vertex(),
                                boost::visitor(DiscoverVisitor(&seen)));
  } else {
    boost::breadth_first_search(graph_, demand_vertex(), boost::visitor(DiscoverVisitor(&seen)));
  }
  seen.resize(desk_count_);
  return seen;
}

std::vector<bool> OrgGraph::can_reach_exit() const {
  std::vector<bool> seen(boost::num_vertices(graph_), false);
  auto possible = boost::make_filtered_graph(graph_, PossibleEdge{&graph_});
  auto reversed = boost::make_reverse_graph(possible);
  boost::breadth_first_search(reversed, exit_vertex(), boost::visitor(DiscoverVisitor(&seen)));
  seen.resize(desk_count_);
  return seen;
}

int OrgGraph::first_possible_route(int desk) const { return first_possible_route_[desk]; }

std::vector<int> OrgGraph::follow_first_routes(int desk) const {
  std::vector<int> path{desk};
  std::vector<bool> visited(desk_count_, false);
  visited[desk] = true;
  int at = desk;
  while (first_possible_route_[at] >= 0) {
    int next = first_possible_target_[at];
    path.push_back(next);
    if (next == kExit || visited[next]) break;
    visited[next] = true;
    at = next;
  }
  return path;
}

void validate_graph(const Scenario& scenario, const std::vector<int>& also_entered) {
  const int desks = static_cast<int>(scenario.desks.size());
  for (const DemandStream& d : scenario.demand) {
    if (d.enters_desk < 0 || d.enters_desk >= desks) {
      fail(d.where, fmt::format("demand '{}' enters no known desk", d.name));
    }
  }
  for (const Route& r : scenario.routes) {
    if (r.from < 0 || r.from >= desks || (r.to != kExit && (r.to < 0 || r.to >= desks))) {
      fail(r.where, "route names an unknown desk");
    }
  }

  // Probabilities of routes that can hold together: everything but resolved/unresolved,
  // which exclude each other. Reported at the first route of a desk that goes above 1.
  constexpr double kTolerance = 1e-9;
  std::vector<double> together(desks, 0.0), unresolved(desks, 0.0), resolved(desks, 0.0);
  for (const Route& r : scenario.routes) {
    if (r.probability < 0.0 || r.probability > 1.0) {
      fail(r.where, fmt::format("route probability {:g} is not between 0 and 1", r.probability));
    }
    if (r.condition == RouteCondition::kUnresolved) {
      unresolved[r.from] += r.probability;
    } else if (r.condition == RouteCondition::kResolved) {
      resolved[r.from] += r.probability;
    } else {
      together[r.from] += r.probability;
    }
    double sum = together[r.from] + std::max(unresolved[r.from], resolved[r.from]);
    if (sum > 1.0 + kTolerance) {
      fail(r.where,
           fmt::format("the routes from desk '{}' that can apply together have probabilities "
                       "summing to {:g}, more than 1",
                       scenario.desks[r.from].name, sum));
    }
  }

  const OrgGraph graph(scenario);
  std::vector<bool> reachable = graph.reachable_from_demand();
  // Desks that policies or returning customers send complaints to are reachable too, and
  // so is every desk their routes lead on to.
  std::vector<int> entered(also_entered);
  while (!entered.empty()) {
    int desk = entered.back();
    entered.pop_back();
    if (desk < 0 || desk >= desks || reachable[desk]) continue;
    reachable[desk] = true;
    for (const Route& r : scenario.routes) {
      if (r.from == desk && r.to != kExit) entered.push_back(r.to);
    }
  }
  for (int desk = 0; desk < desks; ++desk) {
    if (reachable[desk]) continue;
    std::vector<std::string> from;
    for (const Route& r : scenario.routes) {
      if (r.to == desk && r.from != desk) from.push_back("'" + scenario.desks[r.from].name + "'");
    }
    std::string name = scenario.desks[desk].name;
    if (from.empty()) {
      fail(scenario.desks[desk].where,
           fmt::format("desk '{}' is unreachable: no demand enters it and no route leads to it",
                       name));
    }
    fail(scenario.desks[desk].where,
         fmt::format("desk '{}' is unreachable: no demand enters it and the routes to it come "
                     "only from desks no demand reaches ({})",
                     name, fmt::join(from, ", ")));
  }

  const std::vector<bool> leaves = graph.can_reach_exit();
  for (int desk = 0; desk < desks; ++desk) {
    if (leaves[desk]) continue;
    std::vector<std::string> names;
    for (int d : graph.follow_first_routes(desk)) names.push_back(desk_name(scenario, d));
    const Route& trap = scenario.routes[graph.first_possible_route(desk)];
    fail(trap.where,
         fmt::format("desk '{}' has no way out: every complaint served there is routed on, "
                     "round {}, and none can ever leave",
                     scenario.desks[desk].name, fmt::join(names, " -> ")));
  }

  // A desk every complaint can leave may still trap one kind: serious complaints bounced
  // between two desks by severity routes while minor ones leave. Check each class that
  // demand brings, at the desks it reaches.
  for (int s = 0; s < kSeverityCount; ++s) {
    for (int pub = 0; pub < 2; ++pub) {
      const ComplaintClass kind{static_cast<Severity>(s), pub == 1};
      const OrgGraph class_graph(scenario, kind);
      const std::vector<bool> reached = class_graph.reachable_from_demand(true);
      const std::vector<bool> class_leaves = class_graph.can_reach_exit();
      for (int desk = 0; desk < desks; ++desk) {
        if (!reached[desk] || class_leaves[desk]) continue;
        std::vector<std::string> names;
        for (int d : class_graph.follow_first_routes(desk)) names.push_back(desk_name(scenario, d));
        const Route& trap = scenario.routes[class_graph.first_possible_route(desk)];
        fail(trap.where,
             fmt::format("desk '{}' has no way out for {}{} complaints: every one served there "
                         "is routed on, round {}, and none can ever leave",
                         scenario.desks[desk].name, severity_name(kind.severity),
                         kind.is_public ? " public" : "", fmt::join(names, " -> ")));
      }
    }
  }
}

}  // namespace escalsim
