// Units of time and rate, so that no bare double leaves the reader guessing.
#pragma once

namespace escalsim {

// A length of time. Stored in minutes; construct with the named factories.
class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration minutes(double m) { return Duration(m); }
  static constexpr Duration seconds(double s) { return Duration(s / 60.0); }
  static constexpr Duration hours(double h) { return Duration(h * 60.0); }
  static constexpr Duration days(double d) { return Duration(d * 1440.0); }
  static constexpr Duration weeks(double w) { return Duration(w * 10080.0); }

  constexpr double in_minutes() const { return minutes_; }
  constexpr double in_hours() const { return minutes_ / 60.0; }
  constexpr double in_days() const { return minutes_ / 1440.0; }
  constexpr double in_weeks() const { return minutes_ / 10080.0; }

  constexpr Duration operator+(Duration o) const { return Duration(minutes_ + o.minutes_); }
  constexpr Duration operator-(Duration o) const { return Duration(minutes_ - o.minutes_); }
  constexpr Duration operator*(double k) const { return Duration(minutes_ * k); }
  constexpr Duration operator/(double k) const { return Duration(minutes_ / k); }
  constexpr double operator/(Duration o) const { return minutes_ / o.minutes_; }
  constexpr Duration& operator+=(Duration o) { minutes_ += o.minutes_; return *this; }
  constexpr Duration& operator-=(Duration o) { minutes_ -= o.minutes_; return *this; }
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(double m) : minutes_(m) {}
  double minutes_ = 0.0;
};

// A point on the simulation clock: the time since Monday 00:00 of week 0.
using SimTime = Duration;

// One week of the repeating calendar.
inline constexpr Duration kWeek = Duration::weeks(1);
// A week in minutes, for arithmetic on the clock's bare minutes (a SimTime's in_minutes()).
inline constexpr double kWeekMin = kWeek.in_minutes();
// The hour of the week (0 = Monday 00:00-01:00, 167 = Sunday 23:00-24:00) of a clock time in
// minutes. REQUIRES: t_min >= 0 and below 2^63 minutes.
inline int hour_of_week(double t_min) {
  // The hour is the truncated quotient t_min / 60.0, as the division rounds it (t_min >= 0:
  // truncation floors); std::fmod (glibc's exact remainder) costs about 100 instructions a
  // call, and this runs once per visit and once per arrival. A multiplication by 1/60 gives
  // the same hour, for it is within 2^-22 of t_min / 60 below 2^30 hours; the division,
  // whose latency stalls the visit, is kept for the rare times within 1e-6 of an hour's
  // start, where the two could round to different sides.
  const double approx = t_min * (1.0 / 60.0);
  auto hours = static_cast<long long>(approx);
  const double into_hour = approx - static_cast<double>(hours);
  if (into_hour < 1e-6 || into_hour > 1.0 - 1e-6 || approx >= 0x1p30) [[unlikely]] {
    hours = static_cast<long long>(t_min / 60.0);
  }
  return static_cast<int>(hours % 168);
}
// A month is a twelfth of a Julian year (30.4375 days), counted from the start of the run.
inline constexpr Duration kMonth = Duration::days(365.25 / 12.0);

// Events per unit of time. Stored per hour.
class Rate {
 public:
  constexpr Rate() = default;
  static constexpr Rate per_hour(double r) { return Rate(r); }
  static constexpr Rate per_minute(double r) { return Rate(r * 60.0); }
  static constexpr Rate per_day(double r) { return Rate(r / 24.0); }
  static constexpr Rate per_week(double r) { return Rate(r / 168.0); }
  static constexpr Rate per_month(double r) { return Rate(r / (kMonth.in_hours())); }

  constexpr double in_per_hour() const { return per_hour_; }
  constexpr double in_per_minute() const { return per_hour_ / 60.0; }
  // Expected count in a span of time.
  constexpr double count_in(Duration d) const { return per_hour_ * d.in_hours(); }

  constexpr Rate operator*(double k) const { return Rate(per_hour_ * k); }
  constexpr auto operator<=>(const Rate&) const = default;

 private:
  constexpr explicit Rate(double r) : per_hour_(r) {}
  double per_hour_ = 0.0;
};

}  // namespace escalsim
