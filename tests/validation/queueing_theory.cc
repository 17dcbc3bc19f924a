// Closed forms of queueing theory (see queueing_theory.h for the contracts and sources).
#include "validation/queueing_theory.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/hypergeometric_1F1.hpp>
#include <Eigen/Dense>

namespace escalsim::theory {
namespace {

void require(bool condition, const char* what) {
  if (!condition) throw std::invalid_argument(std::string("queueing theory: ") + what);
}

void require_mm(int servers, double arrival_rate_per_min, double mean_service_min) {
  require(servers >= 1, "servers must be at least 1");
  require(arrival_rate_per_min > 0.0, "arrival rate must be positive");
  require(mean_service_min > 0.0, "mean service time must be positive");
}

void require_stable_mmc(int servers, double arrival_rate_per_min, double mean_service_min) {
  require_mm(servers, arrival_rate_per_min, mean_service_min);
  require(arrival_rate_per_min * mean_service_min < servers, "M/M/c needs rho < 1");
}

}  // namespace

double erlang_b(int servers, double offered_load_erlangs) {
  require(servers >= 0, "servers must not be negative");
  require(offered_load_erlangs >= 0.0, "offered load must not be negative");
  // The stable recursion B(k) = a B(k-1) / (k + a B(k-1)), B(0) = 1: no factorials.
  double b = 1.0;
  for (int k = 1; k <= servers; ++k) b = offered_load_erlangs * b / (k + offered_load_erlangs * b);
  return b;
}

double erlang_c(int servers, double arrival_rate_per_min, double mean_service_min) {
  require_stable_mmc(servers, arrival_rate_per_min, mean_service_min);
  const double a = arrival_rate_per_min * mean_service_min;
  const double rho = a / servers;
  const double b = erlang_b(servers, a);
  return b / (1.0 - rho * (1.0 - b));
}

double mmc_mean_wait_min(int servers, double arrival_rate_per_min, double mean_service_min) {
  const double c = erlang_c(servers, arrival_rate_per_min, mean_service_min);
  return c / (servers / mean_service_min - arrival_rate_per_min);
}

double mmc_mean_queue(int servers, double arrival_rate_per_min, double mean_service_min) {
  return arrival_rate_per_min * mmc_mean_wait_min(servers, arrival_rate_per_min, mean_service_min);
}

double mmc_prob_wait_exceeds(int servers, double arrival_rate_per_min, double mean_service_min,
                             double wait_min) {
  require(wait_min >= 0.0, "wait must not be negative");
  const double c = erlang_c(servers, arrival_rate_per_min, mean_service_min);
  return c * std::exp(-(servers / mean_service_min - arrival_rate_per_min) * wait_min);
}

namespace {

// The M/M/c/K stationary figures, normalised to p_c: the states 0..c weigh 1/B (Erlang B),
// the waiting states c+j weigh rho^j relative to p_c.
struct Mmck {
  double p_block = 0.0;
  double mean_queue = 0.0;
  double carried_load = 0.0;  // mean busy servers
};

Mmck solve_mmck(int servers, int capacity, double arrival_rate_per_min, double mean_service_min) {
  require_mm(servers, arrival_rate_per_min, mean_service_min);
  require(capacity >= servers, "capacity K must be at least the number of servers");
  const double a = arrival_rate_per_min * mean_service_min;
  const double rho = a / servers;
  const int places = capacity - servers;
  // Finite geometric sums sum_{j=1}^{m} rho^j and sum_{j=1}^{m} j rho^j.
  double sum_weight = 0.0, sum_j_weight = 0.0, last = 1.0;
  double power = 1.0;
  for (int j = 1; j <= places; ++j) {
    power *= rho;
    sum_weight += power;
    sum_j_weight += j * power;
    last = power;
  }
  const double p_c = 1.0 / (1.0 / erlang_b(servers, a) + sum_weight);
  Mmck out;
  out.p_block = places == 0 ? p_c : p_c * last;
  out.mean_queue = p_c * sum_j_weight;
  out.carried_load = a * (1.0 - out.p_block);
  return out;
}

}  // namespace

double mmck_blocking(int servers, int capacity, double arrival_rate_per_min,
                     double mean_service_min) {
  return solve_mmck(servers, capacity, arrival_rate_per_min, mean_service_min).p_block;
}

double mmck_mean_wait_admitted_min(int servers, int capacity, double arrival_rate_per_min,
                                   double mean_service_min) {
  const Mmck m = solve_mmck(servers, capacity, arrival_rate_per_min, mean_service_min);
  return m.mean_queue / (arrival_rate_per_min * (1.0 - m.p_block));
}

double mmck_mean_in_system(int servers, int capacity, double arrival_rate_per_min,
                           double mean_service_min) {
  const Mmck m = solve_mmck(servers, capacity, arrival_rate_per_min, mean_service_min);
  return m.mean_queue + m.carried_load;
}

ErlangA erlang_a(int servers, double arrival_rate_per_min, double mean_service_min,
                 double mean_patience_min) {
  require_mm(servers, arrival_rate_per_min, mean_service_min);
  require(mean_patience_min > 0.0, "mean patience must be positive");
  const double theta = 1.0 / mean_patience_min;
  const double x = servers / mean_service_min / theta;  // n mu / theta
  const double y = arrival_rate_per_min / theta;        // lambda / theta
  const double rho = arrival_rate_per_min * mean_service_min / servers;
  // A(x, y) = x e^y y^-x gamma(x, y) with gamma(x, y) = Gamma(x) P(x, y), the regularised
  // lower incomplete gamma; in logs, since e^y and Gamma(x) overflow long before A does.
  // Below the mode (y < x) P(x, y) underflows to 0 for large x (long patience), so there
  // we use the same function written as Kummer's 1F1(1; x + 1; y) = sum_j y^j / (x+1)..(x+j).
  double big_a = 0.0;
  if (y >= x) {
    big_a = std::exp(std::log(x) + y - x * std::log(y) + boost::math::lgamma(x) +
                     std::log(boost::math::gamma_p(x, y)));
  } else {
    big_a = boost::math::hypergeometric_1F1(1.0, x + 1.0, y);
  }
  const double e = erlang_b(servers, arrival_rate_per_min * mean_service_min);
  ErlangA out;
  out.prob_wait = big_a * e / (1.0 + (big_a - 1.0) * e);
  out.prob_abandon = (1.0 / (rho * big_a) + 1.0 - 1.0 / rho) * out.prob_wait;
  out.mean_wait_min = out.prob_abandon / theta;
  out.mean_queue = arrival_rate_per_min * out.mean_wait_min;
  return out;
}

double mg1_mean_wait_min(double arrival_rate_per_min, double mean_service_min,
                         double service_squared_cv) {
  require(arrival_rate_per_min > 0.0, "arrival rate must be positive");
  require(mean_service_min > 0.0, "mean service time must be positive");
  require(service_squared_cv >= 0.0, "squared CV must not be negative");
  const double rho = arrival_rate_per_min * mean_service_min;
  require(rho < 1.0, "M/G/1 needs rho < 1");
  const double second_moment = mean_service_min * mean_service_min * (1.0 + service_squared_cv);
  return arrival_rate_per_min * second_moment / (2.0 * (1.0 - rho));
}

namespace {

std::vector<double> cobham(double residual_work_min, double servers,
                           const std::vector<PriorityClass>& classes) {
  std::vector<double> waits;
  double sigma_before = 0.0;
  for (const PriorityClass& k : classes) {
    const double sigma = sigma_before + k.arrival_rate_per_min * k.mean_service_min / servers;
    waits.push_back(residual_work_min / ((1.0 - sigma_before) * (1.0 - sigma)));
    sigma_before = sigma;
  }
  return waits;
}

void require_classes(const std::vector<PriorityClass>& classes, int servers) {
  require(!classes.empty(), "at least one priority class");
  double rho = 0.0, total_rate = 0.0;
  for (const PriorityClass& k : classes) {
    require(k.arrival_rate_per_min >= 0.0, "class arrival rates must not be negative");
    require(k.mean_service_min > 0.0, "class mean service times must be positive");
    require(k.service_squared_cv >= 0.0, "class squared CV must not be negative");
    rho += k.arrival_rate_per_min * k.mean_service_min / servers;
    total_rate += k.arrival_rate_per_min;
  }
  require(total_rate > 0.0, "some class must have arrivals");
  require(rho < 1.0, "priority queue needs total rho < 1");
}

}  // namespace

std::vector<double> priority_mg1_mean_wait_min(const std::vector<PriorityClass>& classes) {
  require_classes(classes, 1);
  double residual = 0.0;
  for (const PriorityClass& k : classes) {
    residual += k.arrival_rate_per_min * k.mean_service_min * k.mean_service_min *
                (1.0 + k.service_squared_cv) / 2.0;
  }
  return cobham(residual, 1.0, classes);
}

std::vector<double> priority_mmc_mean_wait_min(int servers,
                                               const std::vector<PriorityClass>& classes) {
  require(servers >= 1, "servers must be at least 1");
  require_classes(classes, servers);
  const double mean_service_min = classes.front().mean_service_min;
  double total_rate = 0.0;
  for (const PriorityClass& k : classes) {
    require(k.mean_service_min == mean_service_min,
            "M/M/c priority needs the same mean service time in every class");
    total_rate += k.arrival_rate_per_min;
  }
  // An arrival waits for the first of c busy servers to free up, mean 1/(c mu), with
  // probability C; that is the M/M/c analogue of M/G/1's residual work.
  const double residual =
      erlang_c(servers, total_rate, mean_service_min) * mean_service_min / servers;
  return cobham(residual, servers, classes);
}

JacksonResult jackson(const std::vector<JacksonNode>& nodes,
                      const std::vector<std::vector<double>>& routing) {
  const std::size_t n = nodes.size();
  require(n >= 1, "at least one node");
  require(routing.size() == n, "routing must have one row per node");
  // Traffic equations lambda = gamma + P^T lambda, i.e. (I - P^T) lambda = gamma.
  Eigen::MatrixXd m(n, n);
  Eigen::VectorXd gamma(n);
  double total_external = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    require(routing[i].size() == n, "routing must be square");
    double row = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
      require(routing[i][j] >= 0.0, "routing probabilities must not be negative");
      row += routing[i][j];
      m(j, i) = (i == j ? 1.0 : 0.0) - routing[i][j];
    }
    require(row <= 1.0 + 1e-12, "routing rows must sum to at most 1");
    require(nodes[i].external_arrival_rate_per_min >= 0.0, "external rates must not be negative");
    gamma(i) = nodes[i].external_arrival_rate_per_min;
    total_external += gamma(i);
  }
  require(total_external > 0.0, "some node must have external arrivals");
  // Partial pivoting; a pivot below 1e-12 means a closed loop (PartialPivLU itself assumes
  // an invertible matrix).
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu(m);
  require(lu.matrixLU().diagonal().cwiseAbs().minCoeff() >= 1e-12,
          "the network must be open (I - P^T is singular)");
  const Eigen::VectorXd lambda = lu.solve(gamma);

  JacksonResult out;
  double total_in_system = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const JacksonNode& node = nodes[i];
    const double rate = lambda(i);
    double sojourn = node.mean_service_min;
    if (rate > 0.0) sojourn += mmc_mean_wait_min(node.servers, rate, node.mean_service_min);
    out.arrival_rate_per_min.push_back(rate);
    out.mean_sojourn_min.push_back(sojourn);
    out.mean_in_node.push_back(rate * sojourn);
    total_in_system += rate * sojourn;
  }
  out.mean_time_in_system_min = total_in_system / total_external;
  return out;
}

std::vector<double> birth_death_stationary(const std::vector<double>& birth_rate,
                                           const std::vector<double>& death_rate) {
  require(!birth_rate.empty() && birth_rate.size() == death_rate.size(),
          "birth and death rates need one entry per state");
  const std::size_t states = birth_rate.size();
  // Detailed balance: p[n] death[n] = p[n-1] birth[n-1]; accumulate log p[n] / p[0].
  std::vector<double> log_p(states, 0.0);
  for (std::size_t k = 1; k < states; ++k) {
    require(birth_rate[k - 1] >= 0.0, "birth rates must not be negative");
    require(death_rate[k] > 0.0, "death rates must be positive above state 0");
    log_p[k] = log_p[k - 1] + std::log(birth_rate[k - 1]) - std::log(death_rate[k]);
  }
  const double top = *std::max_element(log_p.begin(), log_p.end());
  std::vector<double> p(states);
  for (std::size_t k = 0; k < states; ++k) p[k] = std::exp(log_p[k] - top);
  const double total = std::accumulate(p.begin(), p.end(), 0.0);
  for (double& v : p) v /= total;
  return p;
}

ZScore z_score(const std::vector<double>& sample, double theory) {
  require(sample.size() >= 2, "a z-score needs at least two replications");
  ZScore out;
  out.n = sample.size();
  out.theory = theory;
  out.mean = std::accumulate(sample.begin(), sample.end(), 0.0) / out.n;
  double sum_sq = 0.0;
  for (double v : sample) sum_sq += (v - out.mean) * (v - out.mean);
  out.sd = std::sqrt(sum_sq / (out.n - 1));
  const double se = out.sd / std::sqrt(static_cast<double>(out.n));
  const double diff = out.mean - theory;
  if (se > 0.0) {
    out.z = diff / se;
  } else {
    out.z = diff == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), diff);
  }
  out.relative_half_width =
      theory != 0.0 ? 1.96 * se / std::abs(theory) : std::numeric_limits<double>::infinity();
  return out;
}

}  // namespace escalsim::theory
