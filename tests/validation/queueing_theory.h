// Closed forms of queueing theory, the yardstick the validation tests hold the engine to.
//
// Units: rates are per minute, times are in minutes, and every parameter says so in its
// name. Counts (servers, capacity) are whole numbers. Every function throws
// std::invalid_argument when a REQUIRES precondition does not hold.
#pragma once

#include <cstddef>
#include <vector>

namespace escalsim::theory {

// ---------------------------------------------------------------------------------------
// M/M/c: Poisson arrivals, exponential service, c servers, unlimited waiting room, FIFO.
// Offered load a = arrival_rate_per_min * mean_service_min (Erlangs); rho = a / servers.
// REQUIRES: servers >= 1, rates and times > 0, rho < 1 (the queue is stable).
// ---------------------------------------------------------------------------------------

// Erlang B: the probability that an arrival finds all servers busy when there is no
// waiting room (M/M/c/c). Works for any load, including a >= servers.
// REQUIRES: servers >= 0, offered_load_erlangs >= 0 (rho < 1 not required).
double erlang_b(int servers, double offered_load_erlangs);

// Erlang C: the probability that an arrival has to wait (all servers busy on arrival).
double erlang_c(int servers, double arrival_rate_per_min, double mean_service_min);

// Mean wait in the queue of an arrival, Wq = C / (c mu - lambda), in minutes.
double mmc_mean_wait_min(int servers, double arrival_rate_per_min, double mean_service_min);

// Mean number waiting (not in service), Lq = lambda Wq.
double mmc_mean_queue(int servers, double arrival_rate_per_min, double mean_service_min);

// P(W > t): the probability that an arrival waits longer than wait_min minutes,
// C exp(-(c mu - lambda) t). REQUIRES: wait_min >= 0.
double mmc_prob_wait_exceeds(int servers, double arrival_rate_per_min, double mean_service_min,
                             double wait_min);

// ---------------------------------------------------------------------------------------
// M/M/c/K: as M/M/c, but at most `capacity` customers in the system (K: those in service
// plus those waiting, so K - c waiting places); an arrival finding K present is blocked.
// REQUIRES: servers >= 1, capacity >= servers, rates and times > 0. Any load is allowed.
// ---------------------------------------------------------------------------------------

// The probability that an arrival is blocked (finds K customers present), p_K.
double mmck_blocking(int servers, int capacity, double arrival_rate_per_min,
                     double mean_service_min);

// Mean wait in the queue of the admitted customers, Lq / (lambda (1 - p_K)), in minutes.
double mmck_mean_wait_admitted_min(int servers, int capacity, double arrival_rate_per_min,
                                   double mean_service_min);

// Mean number in the system (waiting plus in service), L.
double mmck_mean_in_system(int servers, int capacity, double arrival_rate_per_min,
                           double mean_service_min);

// ---------------------------------------------------------------------------------------
// M/M/c+M (Erlang A, Palm's model): as M/M/c, but each waiting customer abandons after an
// exponential patience with mean mean_patience_min (rate theta = 1 / mean_patience_min),
// if service has not started by then. Stable at every load, including rho > 1.
// Formulas: Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of performance measures"
// (2004), section on exponential patience, written with the lower incomplete gamma
// function: A(x, y) = x e^y y^-x gamma(x, y), with x = c mu / theta, y = lambda / theta
// (evaluated as Kummer's 1F1(1; x+1; y) where the incomplete gamma would underflow).
// REQUIRES: servers >= 1, rates and times > 0.
// ---------------------------------------------------------------------------------------
struct ErlangA {
  double prob_wait = 0.0;      // P(W > 0): an arrival finds all servers busy
  double prob_abandon = 0.0;   // P(Ab): an arrival abandons before service
  double mean_wait_min = 0.0;  // E[W] over all arrivals, served and abandoned (= P(Ab)/theta)
  double mean_queue = 0.0;     // E[Lq] = lambda E[W]
};
ErlangA erlang_a(int servers, double arrival_rate_per_min, double mean_service_min,
                 double mean_patience_min);

// ---------------------------------------------------------------------------------------
// M/G/1 (Pollaczek-Khinchine): one server, general service with the given mean and squared
// coefficient of variation Var[S]/E[S]^2 (1 for exponential, 0 for fixed, 1/k for Erlang-k).
// Wq = lambda E[S^2] / (2 (1 - rho)), E[S^2] = mean^2 (1 + scv), in minutes.
// REQUIRES: rate and mean > 0, service_squared_cv >= 0, rho < 1.
// ---------------------------------------------------------------------------------------
double mg1_mean_wait_min(double arrival_rate_per_min, double mean_service_min,
                         double service_squared_cv);

// ---------------------------------------------------------------------------------------
// Non-preemptive priority (Cobham 1954). Classes are given highest priority first; within
// a class service is FIFO. Returns the mean wait in the queue per class, in minutes:
//   W_k = W0 / ((1 - sigma_{k-1}) (1 - sigma_k)),  sigma_k = sum_{i <= k} rho_i.
// ---------------------------------------------------------------------------------------
struct PriorityClass {
  double arrival_rate_per_min = 0.0;
  double mean_service_min = 0.0;
  double service_squared_cv = 1.0;  // M/G/1 only; the M/M/c form assumes exponential
};

// M/G/1: W0 = sum_i lambda_i E[S_i^2] / 2 (the mean residual work found in service).
// REQUIRES: at least one class, rates >= 0 (at least one > 0), means > 0, total rho < 1.
std::vector<double> priority_mg1_mean_wait_min(const std::vector<PriorityClass>& classes);

// M/M/c with one exponential service rate for every class: W0 = C(c, a) / (c mu), where
// C is Erlang C at the total load. REQUIRES: as above, every class has the same
// mean_service_min, servers >= 1, total rho < 1.
std::vector<double> priority_mmc_mean_wait_min(int servers,
                                               const std::vector<PriorityClass>& classes);

// ---------------------------------------------------------------------------------------
// Open Jackson network of M/M/c nodes. routing[i][j] is the probability that a customer
// leaving node i goes to node j; 1 - sum_j routing[i][j] is the probability of leaving.
// REQUIRES: every vector has one entry per node, routing is square with non-negative rows
// summing to at most 1, the network is open (every customer eventually leaves, so I - P^T
// is invertible), and every node is stable (lambda_i mean_service_i < servers_i).
// ---------------------------------------------------------------------------------------
struct JacksonNode {
  double external_arrival_rate_per_min = 0.0;
  double mean_service_min = 0.0;
  int servers = 1;
};
struct JacksonResult {
  std::vector<double> arrival_rate_per_min;  // lambda_i from the traffic equations
  std::vector<double> mean_sojourn_min;      // W_i = Wq_i + mean service, per visit
  std::vector<double> mean_in_node;          // L_i = lambda_i W_i
  double mean_time_in_system_min = 0.0;      // sum_i L_i / sum_i gamma_i (Little)
};
JacksonResult jackson(const std::vector<JacksonNode>& nodes,
                      const std::vector<std::vector<double>>& routing);

// ---------------------------------------------------------------------------------------
// A finite birth-death chain solved numerically: the independent cross-check of the closed
// forms above. States 0..N; birth_rate[n] is the rate from n to n+1 (n < N), death_rate[n]
// the rate from n to n-1 (n >= 1; death_rate[0] is ignored). Returns the stationary
// probabilities p[0..N], computed in log space so that large N does not overflow.
// REQUIRES: birth_rate.size() == death_rate.size() == N + 1 >= 1, birth rates >= 0,
// death rates > 0 for n >= 1.
// ---------------------------------------------------------------------------------------
std::vector<double> birth_death_stationary(const std::vector<double>& birth_rate,
                                           const std::vector<double>& death_rate);

// ---------------------------------------------------------------------------------------
// How far a simulated sample mean lies from a theoretical value, in standard errors.
// ---------------------------------------------------------------------------------------
struct ZScore {
  std::size_t n = 0;    // replications
  double mean = 0.0;    // sample mean
  double sd = 0.0;      // sample standard deviation (n - 1 in the denominator)
  double theory = 0.0;
  double z = 0.0;       // (mean - theory) / (sd / sqrt(n)); 0 or +-infinity when sd is 0
  // Relative half-width of the 95% normal interval, 1.96 sd / sqrt(n) / |theory|.
  double relative_half_width = 0.0;
};
// REQUIRES: sample.size() >= 2.
ZScore z_score(const std::vector<double>& sample, double theory);

}  // namespace escalsim::theory
