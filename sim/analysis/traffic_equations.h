// The traffic equations and the pieces of predict() that tests check one by one.
// predict() itself is declared in escalsim/analysis.h.
#pragma once

#include <vector>

#include "escalsim/scenario.h"

namespace escalsim::detail {

// The demand of one complaint class (a severity, public or not) entering each desk,
// in complaints per hour.
struct ClassDemand {
  Severity severity = Severity::kMinor;
  bool is_public = false;
  std::vector<double> gamma_per_hour;  // indexed like Scenario::desks
};

// The 8 classes (severity x public) in order minor/not public, minor/public, moderate/...,
// each stream's weekly average rate times its average surge multiplier over the horizon,
// split by its severity and public shares.
std::vector<ClassDemand> class_demand(const Scenario& scenario);

// The average over [0, horizon) of the product of the surge factors in force.
double average_surge_multiplier(const std::vector<Surge>& surges, Duration horizon);

// P[i][j]: the probability that a complaint of this class served at desk i goes on to desk
// j, following the route semantics: the desk resolves it with its resolution probability
// for the severity, then one uniform draw over the routes whose condition holds, in file
// order, cumulative and capped at 1. `breach_by_route[k]` (indexed like Scenario::routes,
// read only for `waited_longer_than` routes) is the probability that the complaint's time
// since arrival exceeds that route's threshold when it leaves the route's desk; it must not
// increase with the threshold among the routes of one desk.
std::vector<std::vector<double>> routing_matrix(const Scenario& scenario, Severity severity,
                                                bool is_public,
                                                const std::vector<double>& breach_by_route);

// Solves lambda = gamma (I - P)^-1 by Eigen's LU with partial pivoting. Returns
// infinities when I - P is singular (complaints that can never leave).
std::vector<double> solve_traffic(const std::vector<double>& gamma,
                                  const std::vector<std::vector<double>>& p);

// Staff-hours per hour a desk offers on average over the week: staff, shifts averaged over
// 168 h, or an executive's min(budget, window hours) per week / 168.
double capacity_hours_per_hour(const Desk& desk);

// P(Wq > t) for an M/M/c queue with `capacity` (possibly fractional) servers' worth of work
// per hour: ceil(capacity) servers each working at capacity / ceil(capacity). 1 when the
// queue is unstable or has no capacity.
double erlang_c_tail(double arrival_rate_per_hour, Duration mean_handle_time, double capacity,
                     Duration t);

}  // namespace escalsim::detail
