// The staff each hour of the week needs: the hour's arrival rate into the desk, then the
// least Erlang C staff that meets the promise, as if the hour were a stationary M/M/c.
//
// Erlang C is computed from Erlang B by its recursion B(k) = a B(k-1) / (k + a B(k-1)),
// which stays in [0, 1] for any load (no factorials, no overflow), and
// C = c B / (c - a (1 - B)).
#include "experiment/staffing_requirement.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <boost/math/special_functions/beta.hpp>

#include <fmt/core.h>

#include "analysis/erlang.h"
#include "escalsim/analysis.h"
#include "escalsim/errors.h"
#include "escalsim/shift_scheduling.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace detail {
namespace {

constexpr int kMostStaff = 1000000;  // the scenario's own bound on a desk's staff

}  // namespace

double shift_erlang_c_service_level(int servers, double offered_erlangs,
                                    double within_over_handle) {
  // Time in mean handle times: arrivals at `offered_erlangs` per handle time of 1.
  return erlang_c_service_level(servers, offered_erlangs, 1.0, within_over_handle);
}

int shift_erlang_c_staff(double offered_erlangs, double within_over_handle, double share) {
  if (offered_erlangs <= 0.0) return 0;
  // Erlang B carried along as c grows, so the search costs one step per server.
  const double a = offered_erlangs;
  double b = 1.0;
  for (int c = 1; c <= kMostStaff; ++c) {
    b = a * b / (c + a * b);
    if (c <= a) continue;
    const double wait_probability = c * b / (c - a * (1.0 - b));
    if (1.0 - wait_probability * std::exp(-(c - a) * within_over_handle) >= share) return c;
  }
  throw Error(fmt::format("an offered load of {:.6g} Erlangs needs more than {} staff",
                          offered_erlangs, kMostStaff));
}

double shift_erlang_a_service_level(int servers, double offered_erlangs, double within_over_handle,
                                    double patience_over_handle) {
  // In units of the mean handle time: mu = 1, lambda = a, theta = 1 / patience.
  const double a = offered_erlangs;
  const double theta = 1.0 / patience_over_handle;
  if (a <= 0.0) return 1.0;
  // log p_k of the birth-death chain (births a, deaths min(k, c) + max(k - c, 0) theta), up
  // to where the tail beyond c is negligible.
  std::vector<double> log_p{0.0};
  double top = 0.0;
  for (int k = 1;; ++k) {
    const double death = std::min(k, servers) + std::max(k - servers, 0) * theta;
    log_p.push_back(log_p.back() + std::log(a / death));
    top = std::max(top, log_p.back());
    if (k > servers && log_p.back() < top - 40.0) break;
  }
  double total = 0.0, within = 0.0;
  const double k_ratio = servers / theta;  // c mu / theta
  const double w0 = std::exp(-theta * within_over_handle);
  for (std::size_t k = 0; k < log_p.size(); ++k) {
    const double p = std::exp(log_p[k] - top);
    total += p;
    if (static_cast<int>(k) < servers) {
      within += p;
      continue;
    }
    const double j = static_cast<double>(static_cast<int>(k) - servers);
    const double served = k_ratio / (k_ratio + j + 1.0);
    within += p * served *
              (w0 <= 0.0 ? 1.0 : boost::math::ibetac(k_ratio + 1.0, j + 1.0, w0));
  }
  return within / total;
}

int shift_erlang_a_staff(double offered_erlangs, double within_over_handle,
                         double patience_over_handle, double share) {
  if (offered_erlangs <= 0.0) return 0;
  // Patience only shortens the queue, so Erlang C's staff is enough: bisect below it.
  int high = shift_erlang_c_staff(offered_erlangs, within_over_handle, share);
  while (shift_erlang_a_service_level(high, offered_erlangs, within_over_handle,
                                      patience_over_handle) < share) {
    ++high;  // not expected; a guard, so that the answer always meets the share
  }
  int low = 0;  // fails (or is no staff at all)
  while (high - low > 1) {
    const int mid = low + (high - low) / 2;
    if (shift_erlang_a_service_level(mid, offered_erlangs, within_over_handle,
                                     patience_over_handle) >= share) {
      high = mid;
    } else {
      low = mid;
    }
  }
  return high;
}

}  // namespace detail

ServiceLevelTarget parse_service_level_target(const std::string& text) {
  const std::string_view all = detail::trim(text);
  const std::size_t at = all.find(" within ");
  if (at == std::string_view::npos) {
    throw Error(fmt::format("service level '{}': expected \"<share> within <duration>\", e.g. "
                            "\"80% within 20 s\"",
                            text));
  }
  const detail::Parsed<double> share = detail::parse_share(detail::trim(all.substr(0, at)));
  if (!share.value || !(*share.value > 0.0 && *share.value < 1.0)) {
    throw Error(fmt::format("service level '{}': the share must be above 0% and below 100%{}",
                            text, share.value ? "" : ": " + share.problem));
  }
  const detail::Parsed<Duration> within =
      detail::parse_duration(detail::trim(all.substr(at + 8)));
  if (!within.value) {
    throw Error(fmt::format("service level '{}': {}", text, within.problem));
  }
  if (!(within.value->in_minutes() > 0.0)) {
    throw Error(fmt::format("service level '{}': the time must be more than 0, as a scenario's "
                            "service_level",
                            text));
  }
  return ServiceLevelTarget{*share.value, *within.value};
}

std::array<double, kHourOfWeekBins> hourly_arrival_rate(const Scenario& scenario, int desk) {
  std::array<double, kHourOfWeekBins> rate{};
  // One stream at a time: its part of the desk's arrivals follows its own weekly pattern.
  for (const DemandStream& stream : scenario.demand) {
    Scenario alone = scenario;
    alone.demand = {stream};
    const double lambda =
        predict(alone).desks[static_cast<std::size_t>(desk)].arrival_rate_per_hour;
    if (!(lambda > 0.0) || !std::isfinite(lambda)) continue;
    for (int h = 0; h < kHourOfWeekBins; ++h) {
      rate[static_cast<std::size_t>(h)] += lambda * stream.pattern.weight[static_cast<std::size_t>(h)];
    }
  }
  return rate;
}

HourlyStaff staffing_requirement(const Scenario& scenario, int desk,
                                 const ServiceLevelTarget& target) {
  const Desk& d = scenario.desks[static_cast<std::size_t>(desk)];
  if (d.is_executive()) {
    throw Error(fmt::format("desk '{}' is an executive desk: it works in its windows, not in "
                            "shifts",
                            d.name));
  }
  const double handle_h = d.handle_time.expected().in_hours();
  const double within_over_handle = target.within.in_hours() / handle_h;
  const std::array<double, kHourOfWeekBins> rate = hourly_arrival_rate(scenario, desk);
  // Exponential patience: Erlang A credits the callers who leave; otherwise Erlang C.
  const bool erlang_a =
      d.patience && d.patience->kind == Distribution::Kind::kExponential;
  const double patience_over_handle =
      erlang_a ? d.patience->expected().in_hours() / handle_h : 0.0;
  HourlyStaff staff{};
  for (std::size_t h = 0; h < staff.size(); ++h) {
    staff[h] = erlang_a ? detail::shift_erlang_a_staff(rate[h] * handle_h, within_over_handle,
                                                       patience_over_handle, target.share)
                        : detail::shift_erlang_c_staff(rate[h] * handle_h, within_over_handle,
                                                       target.share);
  }
  return staff;
}

}  // namespace escalsim
