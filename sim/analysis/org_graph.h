// The organisation graph: desks, the demand that enters them and the routes between them,
// as a Boost.Graph, with the questions validation and prediction ask of it.
#pragma once

#include <optional>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "escalsim/scenario.h"

namespace escalsim {

// Why an edge exists.
enum class EdgeKind {
  kDemand,        // demand vertex -> the desk a demand stream enters
  kRoute,         // a route of the scenario (to a desk, or to the exit vertex)
  kImplicitExit,  // desk -> exit: some complaint served there is taken by no route
};

struct OrgEdge {
  EdgeKind kind = EdgeKind::kRoute;
  int index = -1;  // kDemand: index into Scenario::demand; kRoute: into Scenario::routes
  // False for an edge that exists on paper but that no complaint can take: a route with
  // probability 0, a condition that cannot hold there (`resolved` at a desk that never
  // resolves), or a route shadowed by earlier routes that already take everything.
  bool possible = true;
};

// A kind of complaint for routing purposes.
struct ComplaintClass {
  Severity severity = Severity::kMinor;
  bool is_public = false;
};

// Vertices 0..desks-1 are the desks in scenario order; then the exit, then the demand source.
// Built once from a scenario; the scenario's route and demand indices must be in range.
// With `only`, edges are possible only for complaints of that class (the demand edges of
// streams with no such complaints, and routes no such complaint can take, are not).
class OrgGraph {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      boost::no_property, OrgEdge>;
  using Vertex = Graph::vertex_descriptor;

  explicit OrgGraph(const Scenario& scenario, std::optional<ComplaintClass> only = {});

  const Graph& graph() const { return graph_; }
  int desk_count() const { return desk_count_; }
  Vertex exit_vertex() const { return static_cast<Vertex>(desk_count_); }
  Vertex demand_vertex() const { return static_cast<Vertex>(desk_count_ + 1); }

  // True when some complaint served at `desk` is taken by no route and leaves.
  bool has_implicit_exit(int desk) const { return implicit_exit_[desk]; }

  // Per desk: some demand reaches it along demand edges and routes, counting routes that
  // exist on paper even with probability 0 (a sweep may raise it), or with `possible_only`
  // only edges a complaint can take. Breadth-first search.
  std::vector<bool> reachable_from_demand(bool possible_only = false) const;

  // Per desk: a complaint there can leave, along possible edges. Breadth-first search from
  // the exit on the reversed graph.
  std::vector<bool> can_reach_exit() const;

  // The first possible route out of `desk`, as an index into Scenario::routes, or -1.
  int first_possible_route(int desk) const;

  // Desks visited by following the first possible route from `desk` until a desk repeats
  // (the last element is the repeated desk), or until a desk without one. Used to name
  // the cycle that traps a desk.
  std::vector<int> follow_first_routes(int desk) const;

 private:
  Graph graph_;
  int desk_count_ = 0;
  std::vector<bool> implicit_exit_;
  std::vector<int> first_possible_route_;
  std::vector<int> first_possible_target_;  // desk index, or kExit
};

}  // namespace escalsim
