// Tests of DemandProcess: Poisson counts, weekly patterns, surges and attribute shares.
#include "engine/demand_process.h"

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/scenario.h"
#include "escalsim/units.h"

namespace escalsim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

DemandStream flat_stream(Rate rate) {
  DemandStream s;
  s.name = "demand";
  s.rate = rate;
  s.pattern = WeeklyPattern::flat();
  s.channel_share = {1.0};
  s.segment_share = {1.0};
  return s;
}

// Weight 1 Monday to Friday 09:00-17:00 and 0 otherwise, normalised to mean 1: each of the
// 40 open hours weighs 168 / 40.
WeeklyPattern business_hours() {
  WeeklyPattern p;
  p.name = "table";
  p.weight.fill(0.0);
  for (int day = 0; day < 5; ++day) {
    for (int hour = 9; hour < 17; ++hour) p.weight[day * 24 + hour] = 168.0 / 40.0;
  }
  return p;
}

// Every arrival in [0, until_min), as the engine would ask for them.
std::vector<double> arrivals(DemandProcess& process, double until_min) {
  std::vector<double> times;
  double t = 0.0;
  while (true) {
    double next = process.next_arrival_min(t, until_min);
    if (!(next < until_min)) break;
    times.push_back(next);
    t = next;
  }
  return times;
}

// |observed - expected| within 5 Poisson standard deviations.
bool within_poisson(double observed, double expected) {
  return std::abs(observed - expected) < 5.0 * std::sqrt(expected);
}

}  // namespace

TEST_CASE("DemandProcess: the count over 20 weeks matches rate times time") {
  DemandStream stream = flat_stream(Rate::per_hour(10));
  DemandProcess process(stream, 11, 0);
  double until = 20 * kWeekMin;
  auto times = arrivals(process, until);

  double expected = 10.0 * 20 * 168;  // 33600
  CAPTURE(times.size());
  CHECK(within_poisson(static_cast<double>(times.size()), expected));

  SUBCASE("arrival times increase strictly") {
    bool increasing = true;
    for (std::size_t i = 1; i < times.size(); ++i) increasing &= times[i] > times[i - 1];
    CHECK(increasing);
    CHECK(times.front() > 0.0);
  }
  SUBCASE("gaps are exponential: their mean is 1/rate and a third exceed ln(3)/rate") {
    double sum = 0.0;
    int long_gaps = 0;
    double mean_gap = 6.0;  // minutes
    for (std::size_t i = 1; i < times.size(); ++i) {
      double gap = times[i] - times[i - 1];
      sum += gap;
      if (gap > mean_gap * std::log(3.0)) ++long_gaps;
    }
    double n = static_cast<double>(times.size() - 1);
    CHECK(std::abs(sum / n - mean_gap) < 5.0 * mean_gap / std::sqrt(n));
    CHECK(std::abs(long_gaps - n / 3.0) < 5.0 * std::sqrt(n * (1.0 / 3.0) * (2.0 / 3.0)));
  }
}

TEST_CASE("DemandProcess: a business-hours pattern puts every arrival in open hours, in "
          "proportion to the weights") {
  DemandStream stream = flat_stream(Rate::per_hour(10));
  stream.pattern = business_hours();
  DemandProcess process(stream, 12, 0);
  constexpr int kWeeks = 20;
  auto times = arrivals(process, kWeeks * kWeekMin);

  std::array<int, 168> per_hour{};
  for (double t : times) {
    int hour = static_cast<int>(std::fmod(t, kWeekMin) / 60.0);
    ++per_hour[hour];
  }
  int outside = 0;
  for (int h = 0; h < 168; ++h) {
    if (stream.pattern.weight[h] == 0.0) outside += per_hour[h];
  }
  CHECK(outside == 0);

  // Each open hour of the week: 10 * 168/40 = 42 per hour, over 20 weeks.
  double expected = 10.0 * 168.0 / 40.0 * kWeeks;  // 840
  int hours_off = 0;
  for (int h = 0; h < 168; ++h) {
    if (stream.pattern.weight[h] == 0.0) continue;
    CAPTURE(h);
    CAPTURE(per_hour[h]);
    if (!within_poisson(per_hour[h], expected)) ++hours_off;
  }
  CHECK(hours_off == 0);
  // The weekly total is unchanged by the pattern (weights have mean 1).
  CHECK(within_poisson(static_cast<double>(times.size()), 10.0 * 168 * kWeeks));

  SUBCASE("the rate in force follows the pattern hour by hour") {
    double base = 10.0 / 60.0;
    CHECK(process.rate_per_min_at(1 * 1440 + 10 * 60) == doctest::Approx(base * 4.2));
    CHECK(process.rate_per_min_at(9 * 60) == doctest::Approx(base * 4.2));   // Mon 09:00
    CHECK(process.rate_per_min_at(17 * 60) == 0.0);                           // Mon 17:00
    CHECK(process.rate_per_min_at(5 * 1440 + 12 * 60) == 0.0);               // Saturday
    CHECK(process.rate_per_min_at(3 * kWeekMin + 9 * 60 + 1) ==               // a later week
          doctest::Approx(base * 4.2));
  }
  SUBCASE("asked at a closed time, the next arrival is in the next open hour") {
    DemandProcess fresh(stream, 13, 0);
    double next = fresh.next_arrival_min(5 * 1440.0, 3 * kWeekMin);  // Saturday 00:00
    CHECK(next >= kWeekMin + 9 * 60);                                  // not before Monday 09:00
    CHECK(next < kWeekMin + 17 * 60);  // 336 expected by 17:00: surely one by then
  }
}

TEST_CASE("DemandProcess: a surge multiplies the rate while it lasts") {
  DemandStream stream = flat_stream(Rate::per_hour(10));

  SUBCASE("a factor of 3 for one week triples that week's count") {
    stream.surges.push_back(Surge{Duration::weeks(5), Duration::weeks(1), 3.0});
    DemandProcess process(stream, 14, 0);
    auto times = arrivals(process, 10 * kWeekMin);
    std::array<int, 10> per_week{};
    for (double t : times) ++per_week[static_cast<int>(t / kWeekMin)];
    for (int w = 0; w < 10; ++w) {
      CAPTURE(w);
      CAPTURE(per_week[w]);
      CHECK(within_poisson(per_week[w], w == 5 ? 3 * 1680.0 : 1680.0));
    }
    CHECK(process.rate_per_min_at(5 * kWeekMin) == doctest::Approx(0.5));
    CHECK(process.rate_per_min_at(6 * kWeekMin) == doctest::Approx(10.0 / 60.0));
  }

  SUBCASE("surges that start and end inside an hour are honoured to the minute") {
    // Every day 10:30-11:15, factor 10: 100 per hour for 45 minutes.
    for (int day = 0; day < 70; ++day) {
      stream.surges.push_back(
          Surge{Duration::days(day) + Duration::minutes(630), Duration::minutes(45), 10.0});
    }
    DemandProcess process(stream, 15, 0);
    auto times = arrivals(process, 10 * kWeekMin);
    int in_surge = 0, in_hour_outside_surge = 0;
    for (double t : times) {
      double of_day = std::fmod(t, 1440.0);
      if (of_day >= 630 && of_day < 675) ++in_surge;
      if ((of_day >= 600 && of_day < 630) || (of_day >= 675 && of_day < 720)) {
        ++in_hour_outside_surge;
      }
    }
    CAPTURE(in_surge);
    CAPTURE(in_hour_outside_surge);
    CHECK(within_poisson(in_surge, 70 * 0.75 * 100.0));              // 5250
    // 10:00-10:30 and 11:15-12:00: 75 minutes a day at the base rate.
    CHECK(within_poisson(in_hour_outside_surge, 70 * 1.25 * 10.0));  // 875
  }
}

TEST_CASE("DemandProcess: a rate of zero never brings an arrival") {
  DemandStream stream = flat_stream(Rate::per_hour(0));
  DemandProcess process(stream, 16, 0);
  CHECK(process.next_arrival_min(0.0, 52 * kWeekMin) == kInfinity);

  SUBCASE("nor does a pattern whose open hours are all past the horizon") {
    DemandStream closed = flat_stream(Rate::per_hour(10));
    closed.pattern = business_hours();
    DemandProcess p(closed, 17, 0);
    CHECK(p.next_arrival_min(0.0, 9 * 60.0) == kInfinity);  // Monday before 09:00
  }
}

TEST_CASE("DemandProcess: an arrival is returned only if it comes before the limit") {
  // Contract: "or +infinity if none comes before until_min". With 1 per hour and a limit one
  // minute away, almost every call (1 - e^(-1/60) ~ 1.7% excepted) must say infinity.
  DemandStream stream = flat_stream(Rate::per_hour(1));
  DemandProcess process(stream, 18, 0);
  int beyond_limit = 0;
  for (int i = 0; i < 1000; ++i) {
    double now = i * 60.0 + 10.0;
    double until = now + 1.0;
    double next = process.next_arrival_min(now, until);
    if (next != kInfinity && next >= until) ++beyond_limit;
  }
  CHECK(beyond_limit == 0);
}

TEST_CASE("DemandProcess: the same seed and stream index give the same arrivals; another "
          "index gives others") {
  DemandStream stream = flat_stream(Rate::per_hour(10));
  DemandProcess a(stream, 19, 0);
  DemandProcess b(stream, 19, 0);
  DemandProcess c(stream, 19, 1);
  auto times_a = arrivals(a, kWeekMin);
  CHECK(times_a == arrivals(b, kWeekMin));
  CHECK(times_a != arrivals(c, kWeekMin));
}

TEST_CASE("DemandProcess: attributes follow the channel, severity, public and segment shares") {
  DemandStream stream = flat_stream(Rate::per_hour(10));
  stream.channel_share = {0.5, 0.3, 0.2};
  stream.severity_share = {0.4, 0.3, 0.2, 0.1};
  stream.public_share = 0.25;
  stream.segment_share = {0.7, 0.3};
  DemandProcess process(stream, 20, 0);

  constexpr int kDraws = 100000;
  std::array<int, 3> channels{};
  std::array<int, kSeverityCount> severities{};
  std::array<int, 2> segments{};
  int in_public = 0;
  bool out_of_range = false;
  for (int i = 0; i < kDraws; ++i) {
    ComplaintAttributes a = process.draw_attributes();
    if (a.channel >= 3 || a.segment >= 2) {
      out_of_range = true;
      continue;
    }
    ++channels[a.channel];
    ++severities[static_cast<int>(a.severity)];
    ++segments[a.segment];
    in_public += a.is_public ? 1 : 0;
  }
  REQUIRE_FALSE(out_of_range);

  auto near_share = [](int count, double share) {
    double se = std::sqrt(share * (1.0 - share) * kDraws);
    return std::abs(count - share * kDraws) < 5.0 * se;
  };
  for (int c = 0; c < 3; ++c) {
    CAPTURE(c);
    CHECK(near_share(channels[c], stream.channel_share[c]));
  }
  for (int s = 0; s < kSeverityCount; ++s) {
    CAPTURE(s);
    CHECK(near_share(severities[s], stream.severity_share[s]));
  }
  for (int g = 0; g < 2; ++g) {
    CAPTURE(g);
    CHECK(near_share(segments[g], stream.segment_share[g]));
  }
  CHECK(near_share(in_public, 0.25));

  SUBCASE("a category with share zero is never drawn, wherever it sits") {
    DemandStream gaps = stream;
    gaps.channel_share = {0.0, 1.0, 0.0};
    gaps.severity_share = {0.5, 0.0, 0.5, 0.0};
    gaps.segment_share = {0.0, 1.0};
    gaps.public_share = 0.0;
    DemandProcess p(gaps, 21, 0);
    int wrong = 0;
    for (int i = 0; i < 10000; ++i) {
      ComplaintAttributes a = p.draw_attributes();
      if (a.channel != 1 || a.segment != 1 || a.is_public) ++wrong;
      if (a.severity == Severity::kModerate || a.severity == Severity::kCritical) ++wrong;
    }
    CHECK(wrong == 0);
  }
}

TEST_CASE("DemandProcess: attributes with one possible value each come out as that value, "
          "and leave the arrival times alone") {
  // Certain attributes are given without random draws; they must still be the value the
  // shares make certain, wherever it sits, and the arrivals must be those of a stream whose
  // attributes are drawn.
  DemandStream certain = flat_stream(Rate::per_hour(30));
  certain.channel_share = {0.0, 0.0, 1.0};
  certain.severity_share = {0.0, 0.0, 1.0, 0.0};
  certain.segment_share = {0.0, 1.0};
  certain.public_share = 1.0;
  DemandStream drawn = certain;
  drawn.severity_share = {0.25, 0.25, 0.25, 0.25};
  DemandProcess a(certain, 33, 0), b(drawn, 33, 0);
  int wrong = 0, other_severity = 0, different_times = 0;
  double t_a = 0.0, t_b = 0.0;
  for (int i = 0; i < 5000; ++i) {
    t_a = a.next_arrival_min(t_a, kInfinity);
    t_b = b.next_arrival_min(t_b, kInfinity);
    if (t_a != t_b) ++different_times;
    const ComplaintAttributes x = a.draw_attributes();
    const ComplaintAttributes y = b.draw_attributes();
    if (x.channel != 2 || x.severity != Severity::kSerious || x.segment != 1 || !x.is_public) {
      ++wrong;
    }
    if (y.severity != Severity::kSerious) ++other_severity;
    if (y.channel != 2 || y.segment != 1 || !y.is_public) ++wrong;
  }
  CHECK(wrong == 0);
  CHECK(different_times == 0);
  CHECK(other_severity > 3000);  // the drawn stream really draws: about 3,750 of 5,000
}

}  // namespace escalsim
