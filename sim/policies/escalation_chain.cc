// escalation_chain: after service at a front desk, complaints that match a trigger
// (severity, SLA breach, customer value, repeated contact) go to the executive desk.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "policies/catalogue.h"
#include "policies/policy_params.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

enum class When { kUnresolved, kAlways };

struct Triggers {
  std::optional<Severity> severity_at_least;
  std::optional<Duration> waited_longer_than;  // since the complaint's first arrival
  std::optional<double> value_at_least;        // the segment's value per year
  std::optional<int> repeat_contacts_at_least; // returns: contacts >= k + 1
};

class EscalationChain final : public Policy {
 public:
  EscalationChain(int executive, std::vector<bool> from, Triggers triggers, double probability,
                  When when)
      : executive_(executive),
        from_(std::move(from)),
        triggers_(triggers),
        probability_(probability),
        when_(when) {}

  std::string_view name() const override { return "escalation_chain"; }
  std::vector<PolicyFlow> flows() const override {
    std::vector<std::string> why;
    if (triggers_.severity_at_least) {
      why.push_back(fmt::format("severity at least {}", severity_name(*triggers_.severity_at_least)));
    }
    if (triggers_.waited_longer_than) {
      why.push_back(
          fmt::format("waited longer than {}", detail::format_span(*triggers_.waited_longer_than)));
    }
    if (triggers_.value_at_least) {
      why.push_back(fmt::format("customer value at least {:g} per year", *triggers_.value_at_least));
    }
    if (triggers_.repeat_contacts_at_least) {
      why.push_back(fmt::format("{} or more repeat contacts", *triggers_.repeat_contacts_at_least));
    }
    std::string label = fmt::format("escalation chain{}: {}",
                                    when_ == When::kUnresolved ? ", unresolved" : "",
                                    fmt::join(why, " or "));
    if (probability_ < 1.0) label += fmt::format(", {:g}%", probability_ * 100.0);
    std::vector<PolicyFlow> flows;
    for (std::size_t desk = 0; desk < from_.size(); ++desk) {
      if (from_[desk]) flows.push_back({static_cast<int>(desk), executive_, label});
    }
    return flows;
  }

  void start(PolicyContext& ctx) override {
    for (const char* metric : {"escalated", "escalated_by_severity", "escalated_by_sla",
                               "escalated_by_value", "escalated_by_repeat"}) {
      ctx.count(*this, metric, 0.0);
    }
  }

  int route_after_service(PolicyContext& ctx, Complaint& c, int desk, bool resolved) override {
    if (!from_[desk]) return kFollowRoutes;
    if (when_ == When::kUnresolved && resolved) return kFollowRoutes;
    // The executive has seen it already (a delegated complaint coming back): no second
    // escalation, or a touch-and-delegate executive would loop.
    if (c.touched_executive) return kFollowRoutes;

    const Fired fired = triggers_fired(ctx, c);
    if (!fired.any()) return kFollowRoutes;
    if (probability_ < 1.0 && ctx.uniform_for(c, "escalation_chain") >= probability_) {
      return kFollowRoutes;
    }
    ctx.count(*this, "escalated");
    if (fired.severity) ctx.count(*this, "escalated_by_severity");
    if (fired.sla) ctx.count(*this, "escalated_by_sla");
    if (fired.value) ctx.count(*this, "escalated_by_value");
    if (fired.repeat) ctx.count(*this, "escalated_by_repeat");
    return executive_;
  }

  std::string explain_route(const PolicyContext& ctx, const Complaint& c, int) const override {
    const Fired fired = triggers_fired(ctx, c);
    std::vector<std::string> why;
    if (fired.severity) {
      why.push_back(
          fmt::format("severity at least {}", severity_name(*triggers_.severity_at_least)));
    }
    if (fired.sla) {
      why.push_back(fmt::format("in the system longer than {}",
                                detail::format_span(*triggers_.waited_longer_than)));
    }
    if (fired.value) {
      why.push_back(
          fmt::format("customer value at least {:g} per year", *triggers_.value_at_least));
    }
    if (fired.repeat) why.push_back(fmt::format("contact {}", c.contacts));
    return fmt::format("{}", fmt::join(why, " and "));
  }

 private:
  // Which triggers hold for `c`, served now.
  struct Fired {
    bool severity, sla, value, repeat;
    bool any() const { return severity || sla || value || repeat; }
  };
  Fired triggers_fired(const PolicyContext& ctx, const Complaint& c) const {
    Fired f;
    f.severity = triggers_.severity_at_least && c.severity >= *triggers_.severity_at_least;
    f.sla = triggers_.waited_longer_than &&
            ctx.now_min() - c.arrived_min > triggers_.waited_longer_than->in_minutes();
    f.value = triggers_.value_at_least &&
              ctx.scenario().segments[c.segment].value_per_year >= *triggers_.value_at_least;
    f.repeat = triggers_.repeat_contacts_at_least &&
               c.contacts >= *triggers_.repeat_contacts_at_least + 1;
    return f;
  }

  int executive_;
  std::vector<bool> from_;  // indexed by desk
  Triggers triggers_;
  double probability_;
  When when_;
};

}  // namespace

std::unique_ptr<Policy> make_escalation_chain(const PolicyConfig& config,
                                              const Scenario& scenario) {
  // `when` and `value_at_least` have no PolicyParams reader: this policy parses them from
  // the config itself. The rest is read from a copy without them, which still "reads"
  // their keys so that finish() suggests them for a misspelt key.
  PolicyParams located(config, scenario);  // errors at the parameter's file:line:col
  PolicyConfig rest = config;
  std::erase_if(rest.params, [](const PolicyParam& p) {
    return p.key == "when" || p.key == "value_at_least";
  });
  PolicyParams params(rest, scenario);
  params.share("when", 0.0);
  params.share("value_at_least", 0.0);

  int executive = params.executive_desk("executive");
  std::vector<bool> from(scenario.desks.size(), false);
  if (config.find("from")) {
    int desk = params.desk("from");
    if (scenario.desks[desk].is_executive()) {
      located.fail("from", fmt::format("'from' must be a staff desk; '{}' is an executive desk",
                                       scenario.desks[desk].name));
    }
    from[desk] = true;
  } else {
    params.desk("from", 0);  // absent: every staff desk
    for (std::size_t d = 0; d < scenario.desks.size(); ++d) {
      from[d] = !scenario.desks[d].is_executive();
    }
  }

  Triggers triggers;
  if (config.find("severity_at_least")) {
    triggers.severity_at_least = params.severity("severity_at_least", Severity::kMinor);
  } else {
    params.severity("severity_at_least", Severity::kMinor);
  }
  if (config.find("waited_longer_than")) {
    triggers.waited_longer_than = params.duration("waited_longer_than", Duration{});
  } else {
    params.duration("waited_longer_than", Duration{});
  }
  if (const PolicyParam* p = config.find("value_at_least")) {
    auto parsed = detail::parse_amount_per_year(p->value);
    if (!parsed.ok()) located.fail("value_at_least", parsed.problem);
    triggers.value_at_least = *parsed.value;
  }
  if (config.find("repeat_contacts_at_least")) {
    triggers.repeat_contacts_at_least = params.whole("repeat_contacts_at_least", 1, 1, 254);
  } else {
    params.whole("repeat_contacts_at_least", 1, 1, 254);
  }
  double probability = params.share("probability", 1.0);

  When when = When::kUnresolved;
  if (const PolicyParam* p = config.find("when")) {
    std::string_view value = detail::trim(p->value);
    if (value == "always") {
      when = When::kAlways;
    } else if (value != "unresolved") {
      located.fail("when", fmt::format("expected when an escalation applies, got '{}'; "
                                       "accepted: unresolved, always", p->value));
    }
  }
  params.finish();

  if (!triggers.severity_at_least && !triggers.waited_longer_than && !triggers.value_at_least &&
      !triggers.repeat_contacts_at_least) {
    located.fail("severity_at_least",
                 "policy 'escalation_chain' needs at least one trigger: severity_at_least, "
                 "waited_longer_than, value_at_least or repeat_contacts_at_least");
  }
  return std::make_unique<EscalationChain>(executive, std::move(from), triggers, probability,
                                           when);
}

}  // namespace escalsim
