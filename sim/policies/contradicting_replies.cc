// contradicting_replies: an answer from the top can conflict with what the team already
// told the customer; straightening it out costs a further contact at a staff desk.
//
// After a service at the executive desk, a complaint that had an earlier answer (it was
// served at another desk before, or it is a customer's return) contradicts it with
// probability `share`, by a draw keyed on the complaint and its visit (so variants stay
// paired). A contradicted complaint goes to `back_to`, whatever the executive decided and
// whatever the routes say: the further contact is part of the same complaint, so its time
// to resolution and its outcome include it. Complaints that came straight to the top
// (a bypass) have no earlier answer to contradict.
#include <memory>
#include <string>

#include <fmt/format.h>

#include "policies/catalogue.h"
#include "policies/policy_params.h"

namespace escalsim {
namespace {

class ContradictingReplies final : public Policy {
 public:
  ContradictingReplies(int executive, double share, int back_to)
      : executive_(executive), share_(share), back_to_(back_to) {}

  std::string_view name() const override { return "contradicting_replies"; }
  std::vector<PolicyFlow> flows() const override {
    return {{executive_, back_to_,
             fmt::format("contradicting replies: {:g}% back to straighten out", share_ * 100.0)}};
  }

  void start(PolicyContext& ctx) override {
    ctx.count(*this, "replies_after_an_answer", 0.0);
    ctx.count(*this, "contradicted", 0.0);
  }

  int route_after_service(PolicyContext& ctx, Complaint& c, int desk, bool) override {
    if (desk != executive_) return kFollowRoutes;
    if (c.visits <= 1 && c.contacts <= 1) return kFollowRoutes;  // nothing said before
    ctx.count(*this, "replies_after_an_answer");
    if (ctx.uniform_for(c, "contradicting_replies") >= share_) return kFollowRoutes;
    ctx.count(*this, "contradicted");
    return back_to_;
  }

  std::string explain_route(const PolicyContext&, const Complaint&, int) const override {
    return "the executive's reply contradicted an earlier answer";
  }

 private:
  int executive_;
  double share_;
  int back_to_;
};

}  // namespace

std::unique_ptr<Policy> make_contradicting_replies(const PolicyConfig& config,
                                                   const Scenario& scenario) {
  PolicyParams params(config, scenario);
  const int executive = params.executive_desk("executive");
  const double share = params.share("share", 0.1);  // an assumption: no published rate
  const int first_entry = scenario.demand.empty() ? 0 : scenario.demand.front().enters_desk;
  const int back_to = params.desk("back_to", first_entry);
  if (scenario.desks[back_to].is_executive()) {
    params.fail("back_to", fmt::format("'back_to' must be a staff desk; '{}' is an executive "
                                       "desk",
                                       scenario.desks[back_to].name));
  }
  params.finish();
  return std::make_unique<ContradictingReplies>(executive, share, back_to);
}

}  // namespace escalsim
