// The `economy:` section: periods of good or bad economic times, each changing how much an
// outcome moves loyalty and goodwill.
#include <string>

#include "scenario/loader.h"

namespace escalsim::detail {

namespace {

const std::vector<std::string> kPeriodKeys = {"from", "to", "times"};

// "good" and "bad": how much more (or less) an outcome moves loyalty than in ordinary
// times. Assumptions (scenarios/README.md): in good times customers have more choice, so a
// failure costs more loyalty and a recovery keeps more (the ACSI's reading that the
// ability to recover from failures matters more then); in bad times, less.
constexpr double kGoodTimes = 1.25;
constexpr double kBadTimes = 0.8;
constexpr double kMaxTimesFactor = 10.0;

}  // namespace

void Loader::load_economy(const YamlNode& node) {
  if (node.is_null()) return;
  const std::string path = "economy";
  const char* what = "a list of periods like {from: 0 weeks, to: 26 weeks, times: good}";
  expect_list(node, path, what);
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    const std::string p = key_path_index(path, i);
    expect_map(item, p, what);
    check_keys(item, p, kPeriodKeys);
    EconomyPeriod period;
    period.where = where(item.origin, p);
    period.from = duration(required(item, "from", p), key_path_join(p, "from"));
    const YamlNode& to = required(item, "to", p);
    period.to = duration(to, key_path_join(p, "to"));
    if (!(period.from < period.to)) {
      fail(to.origin, "a period's 'to' must be after its 'from', got '" + to.text + "'",
           key_path_join(p, "to"));
    }
    const YamlNode& times = required(item, "times", p);
    const std::string tp = key_path_join(p, "times");
    const std::string& text = scalar(times, tp, "good, bad, or a factor like 1.5");
    if (text == "good") {
      period.outcome_factor = kGoodTimes;
    } else if (text == "bad") {
      period.outcome_factor = kBadTimes;
    } else {
      const Parsed<double> factor = parse_number(text);
      if (!factor.ok() || !(*factor.value > 0.0) || *factor.value > kMaxTimesFactor) {
        fail(times.origin, "'times' must be good, bad, or a factor above 0 and at most " +
                               exact_decimal(kMaxTimesFactor) + ", got '" + text + "'",
             tp);
      }
      period.outcome_factor = *factor.value;
    }
    for (std::size_t j = 0; j < s_.economy.size(); ++j) {
      const EconomyPeriod& other = s_.economy[j];
      if (period.from < other.to && other.from < period.to) {
        fail(item.origin, "this period overlaps " + key_path_index(path, j) +
                              "; economic periods must not overlap", p);
      }
    }
    s_.economy.push_back(period);
  }
}

}  // namespace escalsim::detail
