// An executive desk's keys: its time budget or items, availability windows, and what
// happens when the budget is spent.
#include "scenario/loader.h"

#include <array>
#include <limits>
#include <string_view>

namespace escalsim::detail {

namespace {

const std::vector<std::string> kWhenSpentNames = {"wait", "hand_back", "decline"};

}  // namespace

ExecutiveBudget Loader::load_executive(const YamlNode& node, const std::string& path, const Desk& desk) {
  ExecutiveBudget budget;
  const YamlNode* per_week = node.find("budget");
  const YamlNode* items = node.find("items");
  if (per_week) {
    const std::string p = key_path_join(path, "budget");
    Parsed<Duration> parsed =
        detail::parse_budget_per_week(scalar(*per_week, p, "a time budget like '3 h per week'"));
    // Too large for a double is far above the bound load_desk checks: say so there.
    budget.per_week = parsed.too_large ? Duration::minutes(std::numeric_limits<double>::max())
                                       : check(parsed, *per_week, p);
  }
  if (items) {
    const std::string p = key_path_join(path, "items");
    budget.items_per_month = check(
        detail::parse_items_per_month(scalar(*items, p, "a count like '10 per month'")), *items, p);
  }
  if (const YamlNode* windows = node.find("windows")) {
    const std::string p = key_path_join(path, "windows");
    expect_list(*windows, p, "a list of windows like [\"mon 08:00-09:00\", \"fri 16:00-18:00\"]");
    for (std::size_t i = 0; i < windows->items.size(); ++i) {
      add_windows(windows->items[i], key_path_index(p, i), budget.windows);
    }
  }
  if (const YamlNode* n = node.find("when_spent")) {
    budget.when_spent = static_cast<WhenBudgetSpent>(
        choice(*n, key_path_join(path, "when_spent"), "when_spent", kWhenSpentNames));
  }
  const YamlNode* hand_back = node.find("hand_back_to");
  if (budget.when_spent == WhenBudgetSpent::kHandBack) {
    if (!hand_back) {
      fail(node.origin, "when_spent: hand_back needs 'hand_back_to', the desk that takes "
                        "complaints back when the budget is spent", key_path_join(path, "hand_back_to"));
    }
    const std::string p = key_path_join(path, "hand_back_to");
    budget.hand_back_desk = desk_ref(*hand_back, p, false);
    if (desk_names_[budget.hand_back_desk] == desk.name) {
      fail(hand_back->origin, "a desk cannot hand complaints back to itself", p);
    }
    if (executive_desks_[budget.hand_back_desk]) {
      fail(hand_back->origin, "'" + desk_names_[budget.hand_back_desk] +
                                  "' is an executive desk and cannot take complaints back; "
                                  "name a desk without 'budget' or 'items'", p);
    }
  } else if (hand_back) {
    fail(hand_back->origin, "'hand_back_to' is only used with when_spent: hand_back",
         key_path_join(path, "hand_back_to"));
  }
  return budget;
}

void Loader::add_windows(const YamlNode& node, const std::string& path,
                         std::vector<AvailabilityWindow>& windows) {
  const std::string expectation = "a window like 'mon 08:00-09:00' or 'mon-fri 08:00-09:00'";
  const std::string& text = scalar(node, path, expectation);
  std::string_view t = detail::trim(text);
  std::size_t space = t.find(' ');
  std::size_t dash = space == std::string_view::npos ? space : t.find('-', space);
  if (space == std::string_view::npos || dash == std::string_view::npos) {
    fail(node.origin, "expected " + expectation + ", got '" + text + "'", path);
  }
  YamlNode day_node = node;
  day_node.text = std::string(t.substr(0, space));
  std::array<bool, 7> on{};
  {
    std::string_view d = detail::trim(day_node.text);
    std::size_t range = d.find('-');
    auto first = detail::parse_weekday(d.substr(0, range));
    auto last = range == std::string_view::npos ? first : detail::parse_weekday(d.substr(range + 1));
    if (!first || !last || *last < *first) {
      fail(node.origin, "expected " + expectation + ", got '" + text + "'", path);
    }
    for (int i = *first; i <= *last; ++i) on[i] = true;
  }
  auto from = detail::parse_time_of_day(t.substr(space + 1, dash - space - 1));
  auto to = detail::parse_time_of_day(t.substr(dash + 1));
  if (!from.ok() || !to.ok()) {
    fail(node.origin, "expected " + expectation + ", got '" + text + "'", path);
  }
  if (*to.value <= *from.value) {
    fail(node.origin, "a window ends after it starts (split one across midnight in two), got '" +
                          text + "'", path);
  }
  for (int d = 0; d < 7; ++d) {
    if (on[d]) windows.push_back(AvailabilityWindow{d, *from.value, *to.value});
  }
}

}  // namespace escalsim::detail
