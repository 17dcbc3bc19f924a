// frontline_stint: the executive works on the front line for a window, slower than trained
// staff at first; after a lag, complaint types the executive learnt about arrive less often.
//
// The executive is in one place: on the front line's staff during the stint's working
// hours, and not at the executive desk then (PolicyContext::lend_executive). The working
// hours are the desk's opening hours (its shifts), or, for a desk open all week (fixed
// staff), a stated working week of Monday to Friday, 09:00-17:00. Those hours are
// executive hours: charged to the executive desk's weekly budget (usually spending it)
// and costed at the executive's rate, not as staff hours.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/desk_calendar.h"
#include "policies/catalogue.h"
#include "policies/policy_params.h"

namespace escalsim {
namespace {

enum Timer : std::uint32_t { kStintStarts, kStintEnds, kDeskCalendarChanges };

struct StintSettings {
  int executive = -1;
  int desk = 0;
  double start_min = 0.0;
  double duration_min = 0.0;
  double initial_slowdown = 2.0;
  std::vector<bool> severity_falls;  // indexed by Severity
  std::vector<bool> channel_falls;   // indexed like Scenario::channels
  double reduction = 0.2;
  double lag_min = 0.0;
};

class FrontlineStint final : public Policy {
 public:
  FrontlineStint(StintSettings settings, const Desk& working_hours)
      : s_(std::move(settings)), calendar_(working_hours), stint_work_min_(working_min()) {}

  std::string_view name() const override { return "frontline_stint"; }

  void start(PolicyContext& ctx) override {
    ctx.count(*this, "executive_services", 0.0);
    ctx.count(*this, "stint_hours", 0.0);
    ctx.schedule(*this, s_.start_min, kStintStarts);
    ctx.schedule(*this, end_min(), kStintEnds);
  }

  void on_timer(PolicyContext& ctx, std::uint32_t tag) override {
    double now = ctx.now_min();
    if (tag == kStintStarts) in_stint_ = true;
    if (tag == kStintEnds) in_stint_ = false;
    // The executive works the working hours (calendar_), not alone at night.
    bool should_be_on = in_stint_ && calendar_.at(now).staff > 0;
    if (should_be_on != on_duty_) {
      ctx.lend_executive(s_.executive, s_.desk, should_be_on);
      if (should_be_on) {
        on_since_min_ = now;
      } else {
        ctx.count(*this, "stint_hours", (now - on_since_min_) / 60.0);
        worked_min_ += now - on_since_min_;
      }
      on_duty_ = should_be_on;
    }
    if (in_stint_ && !calendar_.constant()) {
      double next = calendar_.next_change_after(now);
      if (next < end_min()) ctx.schedule(*this, next, kDeskCalendarChanges);
    }
  }

  double handle_time_min(PolicyContext& ctx, const Complaint& c, int desk,
                         double drawn_min) override {
    if (desk != s_.desk || !on_duty_) return drawn_min;
    // The executive is one of staff(desk) servers: a service starting now is the
    // executive's with probability 1/staff (the engine does not say which server is free).
    int staff = std::max(1, ctx.staff(desk));
    if (ctx.uniform_for(c, "frontline_stint") >= 1.0 / staff) return drawn_min;
    ctx.count(*this, "executive_services");
    // The executive learns by working: progress is the share of the stint's working hours
    // done.
    const double worked = worked_min_ + (ctx.now_min() - on_since_min_);
    double progress = stint_work_min_ > 0.0 ? std::clamp(worked / stint_work_min_, 0.0, 1.0) : 0.0;
    double slowdown = s_.initial_slowdown + (1.0 - s_.initial_slowdown) * progress;
    return drawn_min * slowdown;
  }

  double demand_factor(PolicyContext& ctx, const ComplaintAttributes& a, int) override {
    if (ctx.now_min() < end_min() + s_.lag_min) return 1.0;
    bool falls = s_.severity_falls[static_cast<int>(a.severity)] && s_.channel_falls[a.channel];
    return falls ? 1.0 - s_.reduction : 1.0;
  }

 private:
  double end_min() const { return s_.start_min + s_.duration_min; }

  // Minutes of working hours between the stint's start and end.
  double working_min() const {
    if (calendar_.constant()) return calendar_.at(0.0).staff > 0 ? s_.duration_min : 0.0;
    double total = 0.0;
    for (double t = s_.start_min; t < end_min();) {
      const double next = std::min(end_min(), calendar_.next_change_after(t));
      if (calendar_.at(t).staff > 0) total += next - t;
      t = next;
    }
    return total;
  }

  StintSettings s_;
  DeskCalendar calendar_;
  bool in_stint_ = false;
  bool on_duty_ = false;  // on the desk's staff now
  double on_since_min_ = 0.0;
  double stint_work_min_ = 0.0;  // the stint's working hours, in minutes
  double worked_min_ = 0.0;      // of them, worked before on_since_min_
};

}  // namespace

std::unique_ptr<Policy> make_frontline_stint(const PolicyConfig& config, const Scenario& scenario) {
  PolicyParams params(config, scenario);
  StintSettings s;
  // The executive who does the stint: away from this desk, its hours charged to it.
  s.executive = params.executive_desk("executive");
  int first_entry = scenario.demand.empty() ? 0 : scenario.demand.front().enters_desk;
  s.desk = params.desk("desk", first_entry);
  if (scenario.desks[s.desk].is_executive()) {
    params.fail("desk", fmt::format("the stint's 'desk' must be a staff desk; '{}' is an "
                                    "executive desk", scenario.desks[s.desk].name));
  }
  s.start_min = params.duration("start", Duration::weeks(4)).in_minutes();
  s.duration_min = params.duration("duration", Duration::weeks(1)).in_minutes();
  if (s.duration_min <= 0.0) params.fail("duration", "the stint's 'duration' must be above 0");
  s.initial_slowdown = params.number("initial_slowdown", 2.0, 1.0, 100.0);

  bool has_channels = config.find("channels") != nullptr;
  // Neither given: minor complaints fall. Only channels given: every severity of them.
  std::vector<Severity> all_severities = {Severity::kMinor, Severity::kModerate,
                                          Severity::kSerious, Severity::kCritical};
  std::vector<Severity> severities = params.severities(
      "severities", has_channels ? all_severities : std::vector<Severity>{Severity::kMinor});
  std::vector<int> every_channel;
  for (std::size_t i = 0; i < scenario.channels.size(); ++i) {
    every_channel.push_back(static_cast<int>(i));
  }
  std::vector<int> channels = params.channels("channels", every_channel);
  s.severity_falls.assign(kSeverityCount, false);
  for (Severity v : severities) s.severity_falls[static_cast<int>(v)] = true;
  s.channel_falls.assign(std::max<std::size_t>(scenario.channels.size(), 1), false);
  for (int ch : channels) s.channel_falls[ch] = true;

  s.reduction = params.share("reduction", 0.2);
  s.lag_min = params.duration("lag", Duration::weeks(4)).in_minutes();
  params.finish();
  // The working hours: the desk's opening hours, unless it is open all week.
  const Desk& desk = scenario.desks[s.desk];
  Desk working_week;
  working_week.staff = 0;
  working_week.shifts = {Shift{{true, true, true, true, true, false, false},
                               Duration::hours(9), Duration::hours(17), 1}};
  const bool open_all_week = DeskCalendar(desk).constant();
  return std::make_unique<FrontlineStint>(std::move(s), open_all_week ? working_week : desk);
}

}  // namespace escalsim
