// frontline_stint: the executive works on the front line for a window, slower than trained
// staff at first; after a lag, complaint types the executive learnt about arrive less often.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "desk_calendar.h"
#include "policies/catalogue.h"
#include "policies/policy_params.h"

namespace escalsim {
namespace {

enum Timer : std::uint32_t { kStintStarts, kStintEnds, kDeskCalendarChanges };

struct StintSettings {
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
  FrontlineStint(StintSettings settings, const Desk& desk)
      : s_(std::move(settings)), calendar_(desk) {}

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
    // The executive works the desk's opening hours: on its staff while the desk has staff
    // by its calendar, not alone at night.
    bool should_be_on = in_stint_ && calendar_.at(now).staff > 0;
    if (should_be_on != on_duty_) {
      ctx.add_staff(s_.desk, should_be_on ? 1 : -1);
      if (should_be_on) {
        on_since_min_ = now;
      } else {
        ctx.count(*this, "stint_hours", (now - on_since_min_) / 60.0);
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
    double progress = std::clamp((ctx.now_min() - s_.start_min) / s_.duration_min, 0.0, 1.0);
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

  StintSettings s_;
  DeskCalendar calendar_;
  bool in_stint_ = false;
  bool on_duty_ = false;  // on the desk's staff now
  double on_since_min_ = 0.0;
};

}  // namespace

std::unique_ptr<Policy> make_frontline_stint(const PolicyConfig& config, const Scenario& scenario) {
  PolicyParams params(config, scenario);
  // The executive who does the stint. Only named for the record: the stint replaces the
  // executive's desk time, so nothing is charged to that desk's budget.
  bool has_executive = config.find("executive") ||
                       std::any_of(scenario.desks.begin(), scenario.desks.end(),
                                   [](const Desk& d) { return d.is_executive(); });
  if (has_executive) params.executive_desk("executive");

  StintSettings s;
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
  const Desk& desk = scenario.desks[s.desk];
  return std::make_unique<FrontlineStint>(std::move(s), desk);
}

}  // namespace escalsim
