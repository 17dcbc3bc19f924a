// Tests for the organisation graph and validate_graph: reachability, ways out, route sums.
#include "analysis/org_graph.h"

#include <string>

#include <boost/graph/adjacency_list.hpp>
#include <doctest/doctest.h>

#include "escalsim/analysis.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"

namespace escalsim {
namespace {

// A scenario with one demand stream entering the first desk; desks and routes carry
// locations as the loader would set them ("s.yaml", one line per item).
class GraphBuilder {
 public:
  GraphBuilder() {
    DemandStream d;
    d.name = "demand";
    d.rate = Rate::per_hour(10.0);
    d.where = {"s.yaml", 2, 3, "demand"};
    scenario_.demand.push_back(d);
  }
  GraphBuilder& desk(const std::string& name, double resolve = 1.0) {
    Desk desk;
    desk.name = name;
    desk.handle_time.mean = Duration::minutes(10);
    desk.resolution_probability.fill(resolve);
    desk.where = {"s.yaml", 10 + static_cast<int>(scenario_.desks.size()), 3, "desks." + name};
    scenario_.desks.push_back(desk);
    return *this;
  }
  GraphBuilder& route(const std::string& from, const std::string& to, RouteCondition when,
                      double p) {
    Route r;
    r.from = scenario_.desk_index(from);
    r.to = to == "exit" ? kExit : scenario_.desk_index(to);
    r.condition = when;
    r.probability = p;
    int k = static_cast<int>(scenario_.routes.size());
    r.where = {"s.yaml", 30 + k, 5, "routes[" + std::to_string(k) + "]"};
    scenario_.routes.push_back(r);
    return *this;
  }
  Route& last_route() { return scenario_.routes.back(); }
  Scenario& scenario() { return scenario_; }

 private:
  Scenario scenario_;
};

std::string validation_error(const Scenario& scenario) {
  try {
    validate_graph(scenario);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

bool has_edge_to_exit(const OrgGraph& g, int desk, EdgeKind kind) {
  for (auto e : boost::make_iterator_range(boost::out_edges(desk, g.graph()))) {
    if (boost::target(e, g.graph()) == g.exit_vertex() && g.graph()[e].kind == kind) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("OrgGraph: vertices are the desks, then the exit, then the demand source") {
  GraphBuilder b;
  b.desk("frontline").desk("specialists").route("frontline", "specialists",
                                                RouteCondition::kUnresolved, 0.2);
  OrgGraph g(b.scenario());
  CHECK(g.desk_count() == 2);
  CHECK(boost::num_vertices(g.graph()) == 4);
  CHECK(g.exit_vertex() == 2);
  CHECK(g.demand_vertex() == 3);
  CHECK(boost::edge(g.demand_vertex(), 0, g.graph()).second);
  CHECK(boost::edge(0, 1, g.graph()).second);
}

TEST_CASE("OrgGraph: a desk always routed on with probability 1 has no implicit exit") {
  GraphBuilder b;
  b.desk("frontline").desk("specialists").route("frontline", "specialists",
                                                RouteCondition::kAlways, 1.0);
  OrgGraph g(b.scenario());
  CHECK_FALSE(g.has_implicit_exit(0));
  CHECK_FALSE(has_edge_to_exit(g, 0, EdgeKind::kImplicitExit));
  CHECK(g.has_implicit_exit(1));
  CHECK(has_edge_to_exit(g, 1, EdgeKind::kImplicitExit));
}

TEST_CASE("OrgGraph: resolved complaints still leave a desk whose unresolved ones all go on") {
  GraphBuilder b;
  b.desk("frontline", 0.8).desk("specialists").route("frontline", "specialists",
                                                     RouteCondition::kUnresolved, 1.0);
  CHECK(OrgGraph(b.scenario()).has_implicit_exit(0));

  SUBCASE("but not when the desk never resolves anything") {
    b.scenario().desks[0].resolution_probability.fill(0.0);
    CHECK_FALSE(OrgGraph(b.scenario()).has_implicit_exit(0));
  }
}

TEST_CASE("OrgGraph: routes that together take every complaint leave no implicit exit") {
  GraphBuilder b;
  b.desk("frontline", 0.5).desk("specialists").desk("survey");
  b.route("frontline", "specialists", RouteCondition::kUnresolved, 1.0);
  b.route("frontline", "survey", RouteCondition::kResolved, 1.0);
  CHECK_FALSE(OrgGraph(b.scenario()).has_implicit_exit(0));
}

TEST_CASE("OrgGraph: a route to the exit is an explicit route edge") {
  GraphBuilder b;
  b.desk("frontline").route("frontline", "exit", RouteCondition::kAlways, 1.0);
  OrgGraph g(b.scenario());
  CHECK(has_edge_to_exit(g, 0, EdgeKind::kRoute));
  CHECK_FALSE(g.has_implicit_exit(0));
  CHECK(g.can_reach_exit()[0]);
}

TEST_CASE("OrgGraph: a severity route leaves an exit for severities below it") {
  GraphBuilder b;
  b.desk("frontline").desk("ceo").route("frontline", "ceo", RouteCondition::kSeverityAtLeast, 1.0);
  b.last_route().min_severity = Severity::kSerious;
  b.scenario().demand[0].severity_share = {0.5, 0.3, 0.2, 0.0};
  CHECK(OrgGraph(b.scenario()).has_implicit_exit(0));

  SUBCASE("unless the demand has only severities the route takes") {
    b.scenario().demand[0].severity_share = {0.0, 0.0, 0.7, 0.3};
    CHECK_FALSE(OrgGraph(b.scenario()).has_implicit_exit(0));
  }
}

TEST_CASE("OrgGraph: an SLA route leaves an exit for complaints served in time") {
  GraphBuilder b;
  b.desk("frontline").desk("ceo").route("frontline", "ceo", RouteCondition::kWaitedLongerThan, 1.0);
  b.last_route().waited = Duration::hours(4);
  CHECK(OrgGraph(b.scenario()).has_implicit_exit(0));

  SUBCASE("but a threshold of 0 is always exceeded after service") {
    b.last_route().waited = Duration();
    CHECK_FALSE(OrgGraph(b.scenario()).has_implicit_exit(0));
  }
}

TEST_CASE("OrgGraph: a route with probability 0 keeps its desk reachable but is not possible") {
  GraphBuilder b;
  b.desk("frontline").desk("ceo").route("frontline", "ceo", RouteCondition::kAlways, 0.0);
  OrgGraph g(b.scenario());
  CHECK(g.reachable_from_demand()[1]);
  auto [edge, found] = boost::edge(0, 1, g.graph());
  REQUIRE(found);
  CHECK_FALSE(g.graph()[edge].possible);
  CHECK(validation_error(b.scenario()).empty());
}

TEST_CASE("OrgGraph: a sensible escalation chain passes validation") {
  GraphBuilder b;
  b.desk("frontline", 0.85).desk("specialists", 0.8).desk("ceo");
  b.route("frontline", "specialists", RouteCondition::kUnresolved, 1.0);
  b.route("specialists", "ceo", RouteCondition::kUnresolved, 0.2);
  b.route("specialists", "frontline", RouteCondition::kResolved, 0.1);
  CHECK_NOTHROW(validate_graph(b.scenario()));
}

TEST_CASE("OrgGraph: a desk no demand can reach is rejected at the desk") {
  GraphBuilder b;
  b.desk("frontline").desk("orphan");
  CHECK(validation_error(b.scenario()) ==
        "s.yaml:11:3: desk 'orphan' is unreachable: no demand enters it and no route leads to "
        "it (desks.orphan)");

  SUBCASE("a route from itself does not make it reachable") {
    b.route("orphan", "orphan", RouteCondition::kUnresolved, 0.5);
    CHECK(validation_error(b.scenario()) ==
          "s.yaml:11:3: desk 'orphan' is unreachable: no demand enters it and no route leads "
          "to it (desks.orphan)");
  }
}

TEST_CASE("OrgGraph: a desk reached only from unreachable desks is rejected, naming them") {
  GraphBuilder b;
  b.desk("frontline").desk("ceo").desk("board").route("board", "ceo", RouteCondition::kAlways, 1.0);
  CHECK(validation_error(b.scenario()) ==
        "s.yaml:11:3: desk 'ceo' is unreachable: no demand enters it and the routes to it come "
        "only from desks no demand reaches ('board') (desks.ceo)");
}

TEST_CASE("OrgGraph: a desk with no way out is rejected at its route") {
  SUBCASE("a route to itself with probability 1, always") {
    GraphBuilder b;
    b.desk("frontline").route("frontline", "frontline", RouteCondition::kAlways, 1.0);
    CHECK(validation_error(b.scenario()) ==
          "s.yaml:30:5: desk 'frontline' has no way out: every complaint served there is routed "
          "on, round frontline -> frontline, and none can ever leave (routes[0])");
  }
  SUBCASE("two desks handing every complaint to each other") {
    GraphBuilder b;
    b.desk("frontline", 0.7).desk("specialists").desk("ceo");
    b.route("frontline", "specialists", RouteCondition::kUnresolved, 0.3);
    b.route("specialists", "ceo", RouteCondition::kAlways, 1.0);
    b.route("ceo", "specialists", RouteCondition::kAlways, 1.0);
    CHECK(validation_error(b.scenario()) ==
          "s.yaml:31:5: desk 'specialists' has no way out: every complaint served there is "
          "routed on, round specialists -> ceo -> specialists, and none can ever leave "
          "(routes[1])");
  }
  SUBCASE("unresolved complaints sent back to a desk that never resolves") {
    GraphBuilder b;
    b.desk("frontline", 0.0).route("frontline", "frontline", RouteCondition::kUnresolved, 1.0);
    CHECK(validation_error(b.scenario()) ==
          "s.yaml:30:5: desk 'frontline' has no way out: every complaint served there is routed "
          "on, round frontline -> frontline, and none can ever leave (routes[0])");
  }
  SUBCASE("a loop that resolved complaints can leave is fine") {
    GraphBuilder b;
    b.desk("frontline", 0.5).route("frontline", "frontline", RouteCondition::kUnresolved, 1.0);
    CHECK(validation_error(b.scenario()).empty());
  }
  SUBCASE("a loop with probability below 1 is fine") {
    GraphBuilder b;
    b.desk("frontline").route("frontline", "frontline", RouteCondition::kAlways, 0.999);
    CHECK(validation_error(b.scenario()).empty());
  }
}

TEST_CASE("OrgGraph: a loop that traps only one kind of complaint is rejected, naming it") {
  GraphBuilder b;
  b.scenario().demand[0].severity_share = {0.8, 0.0, 0.2, 0.0};
  b.desk("frontline").desk("specialists");
  b.route("frontline", "specialists", RouteCondition::kSeverityAtLeast, 1.0);
  b.last_route().min_severity = Severity::kSerious;
  b.route("specialists", "frontline", RouteCondition::kAlways, 1.0);
  CHECK(validation_error(b.scenario()) ==
        "s.yaml:30:5: desk 'frontline' has no way out for serious complaints: every one served "
        "there is routed on, round frontline -> specialists -> frontline, and none can ever "
        "leave (routes[0])");

  SUBCASE("public ones are named as such") {
    b.scenario().routes[0].condition = RouteCondition::kPublic;
    b.scenario().demand[0].public_share = 0.1;
    CHECK(validation_error(b.scenario()) ==
          "s.yaml:30:5: desk 'frontline' has no way out for minor public complaints: every one "
          "served there is routed on, round frontline -> specialists -> frontline, and none can "
          "ever leave (routes[0])");
  }
  SUBCASE("a kind the demand never brings is no trap") {
    b.scenario().demand[0].severity_share = {1.0, 0.0, 0.0, 0.0};
    CHECK(validation_error(b.scenario()).empty());
  }
}

TEST_CASE("OrgGraph: route probabilities that can hold together must not sum above 1") {
  SUBCASE("always and public routes add up") {
    GraphBuilder b;
    b.desk("frontline").desk("specialists").desk("ceo");
    b.route("frontline", "specialists", RouteCondition::kAlways, 0.6);
    b.route("frontline", "ceo", RouteCondition::kPublic, 0.5);
    CHECK(validation_error(b.scenario()) ==
          "s.yaml:31:5: the routes from desk 'frontline' that can apply together have "
          "probabilities summing to 1.1, more than 1 (routes[1])");
  }
  SUBCASE("resolved and unresolved exclude each other") {
    GraphBuilder b;
    b.desk("frontline", 0.5).desk("specialists").desk("survey");
    b.route("frontline", "specialists", RouteCondition::kUnresolved, 0.7);
    b.route("frontline", "survey", RouteCondition::kResolved, 0.7);
    b.route("frontline", "exit", RouteCondition::kSeverityAtLeast, 0.3);
    CHECK(validation_error(b.scenario()).empty());
    b.route("frontline", "exit", RouteCondition::kWaitedLongerThan, 0.01);
    CHECK(validation_error(b.scenario()) ==
          "s.yaml:33:5: the routes from desk 'frontline' that can apply together have "
          "probabilities summing to 1.01, more than 1 (routes[3])");
  }
  SUBCASE("the larger of the resolved and unresolved sums counts") {
    GraphBuilder b;
    b.desk("frontline", 0.5).desk("specialists").desk("ceo");
    b.route("frontline", "specialists", RouteCondition::kAlways, 0.4);
    b.route("frontline", "ceo", RouteCondition::kResolved, 0.2);
    b.route("frontline", "ceo", RouteCondition::kUnresolved, 0.7);
    CHECK(validation_error(b.scenario()) ==
          "s.yaml:32:5: the routes from desk 'frontline' that can apply together have "
          "probabilities summing to 1.1, more than 1 (routes[2])");
  }
  SUBCASE("sums within round-off of 1 pass") {
    GraphBuilder b;
    b.desk("frontline").desk("specialists");
    for (int i = 0; i < 10; ++i) b.route("frontline", "specialists", RouteCondition::kAlways, 0.1);
    b.scenario().routes.back().to = kExit;
    CHECK(validation_error(b.scenario()).empty());
  }
  SUBCASE("each desk is summed on its own") {
    GraphBuilder b;
    b.desk("frontline").desk("specialists");
    b.route("frontline", "specialists", RouteCondition::kAlways, 0.6);
    b.route("specialists", "exit", RouteCondition::kAlways, 0.6);
    CHECK(validation_error(b.scenario()).empty());
  }
}

TEST_CASE("OrgGraph: a location without a line gives the file alone") {
  GraphBuilder b;
  b.desk("frontline").desk("orphan");
  b.scenario().desks[1].where = {"--set", 0, 0, "desks.orphan"};
  CHECK(validation_error(b.scenario()) ==
        "--set: desk 'orphan' is unreachable: no demand enters it and no route leads to it "
        "(desks.orphan)");
}

}  // namespace escalsim
