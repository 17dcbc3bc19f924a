// The scenario loader: YAML text to a validated Scenario, the only user of yaml-cpp
// (through yaml_document). Every error is one line, `path:line:col: message (key path)`.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "scenario/did_you_mean.h"
#include "escalsim/analysis.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "policies/policy.h"
#include "scenario/sweep_point.h"
#include "scenario/unit_parser.h"
#include "scenario/weekly_patterns.h"
#include "scenario/yaml_document.h"

namespace escalsim {

namespace {

using detail::key_path_index;
using detail::key_path_join;
using detail::Parsed;
using detail::YamlEntry;
using detail::YamlNode;
using detail::YamlOrigin;

constexpr double kSumTolerance = 1e-6;
constexpr std::size_t kMaxFileBytes = 16 * 1024 * 1024;

const std::vector<std::string> kTopKeys = {"run",      "demand",    "desks", "routes",
                                           "policies", "customers", "sweep"};
const std::vector<std::string> kRunKeys = {"name", "description", "horizon", "warmup",
                                           "seed", "replications", "sample_interval"};
const std::vector<std::string> kDemandKeys = {"name",     "enters",   "rate",
                                              "pattern",  "surges",   "channels",
                                              "severity", "public_share", "segments"};
const std::vector<std::string> kSurgeKeys = {"start", "duration", "factor"};
const std::vector<std::string> kSegmentKeys = {"share", "value"};
// A desk with `budget` and/or `items` is an executive desk; `windows`, `when_spent` and
// `hand_back_to` apply to executive desks only.
const std::vector<std::string> kDeskKeys = {"staff",      "shifts",      "handle_time",
                                            "patience",   "resolution",  "discipline",
                                            "queue_limit", "budget",     "items",
                                            "windows",    "when_spent",  "hand_back_to"};
const std::vector<std::string> kShiftKeys = {"days", "from", "to", "staff"};
const std::vector<std::string> kExecutiveOnlyKeys = {"windows", "when_spent", "hand_back_to"};
const std::vector<std::string> kRouteKeys = {"from", "to", "when", "probability"};
const std::vector<std::string> kSeverityNames = {"minor", "moderate", "serious", "critical"};
const std::vector<std::string> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
const std::vector<std::string> kDistributionNames = {"exponential", "fixed",  "uniform",
                                                     "lognormal",   "gamma",  "erlang",
                                                     "empirical"};
const std::vector<std::string> kDisciplineNames = {"fifo", "priority", "oldest_first"};
const std::vector<std::string> kWhenSpentNames = {"wait", "hand_back", "decline"};
const std::vector<std::string> kConditionWords = {"always", "unresolved", "resolved", "public"};
const std::vector<std::string> kConditionKeys = {"severity_at_least", "waited_longer_than"};
const std::vector<std::string> kCustomerKeys = {"loyalty", "quickly", "large_loss_above",
                                               "executive_attention_bonus",
                                               "unanswered_public_penalty", "returns", "costs"};
const std::vector<std::string> kLoyaltyKeys = {"small_loss", "large_loss"};
// Indexed like Outcome, then the reference of customers who did not complain.
const std::vector<std::string> kLoyaltyOutcomeKeys = {"resolved_quickly", "resolved_slowly",
                                                      "unresolved", "abandoned", "no_complaint"};
const std::vector<std::string> kReturnKeys = {"probability", "delay", "desk", "channel",
                                              "max_contacts"};
const std::vector<std::string> kCostKeys = {"staff_per_hour", "executive_per_hour"};
const std::vector<std::string> kSweepKeys = {"replications", "common_random_numbers", "parameters",
                                             "points"};
const std::vector<std::string> kRangeKeys = {"from", "to", "step", "factor"};
// A sweep's grid or list holds at most this many points, and one range at most this many
// values: a guard against a typo that would run for ever.
constexpr std::size_t kMaxSweepPoints = 10000;

// What one run can do, so that a value a script or a typo produces is an error that names
// its bound, not a run that never ends, a silent zero or an out-of-memory crash. The README
// lists them; each is far beyond any organisation being modelled.
constexpr double kMaxHorizonWeeks = 100000;             // about 1900 years
constexpr double kMaxRatePerHour = 1e6;                 // 24 million complaints a day
constexpr double kMaxSurgeFactor = 1000;
constexpr double kMaxComplaintsPerRun = 1e8;            // expected first contacts, one replication
constexpr std::int64_t kMaxStaff = 1000000;             // a desk's staff, its shifts summed
constexpr std::int64_t kMaxReplications = 100000;
// Samples of the backlog series one run keeps (per desk): a finer sample_interval is
// coarsened, with a note, so that memory and output stay bounded on any horizon.
constexpr double kMaxBacklogSamples = 10000;
constexpr double kMaxLognormalSdPerMean = 1000;
// A complaint stores its channel, segment and demand stream in 8 bits and its desk in 16:
// the loader keeps the counts where those cannot wrap.
constexpr std::size_t kMaxChannels = 256;
constexpr std::size_t kMaxSegments = 256;
constexpr std::size_t kMaxDemandStreams = 256;
constexpr std::size_t kMaxDesks = 1000;
constexpr double kMinGammaShape = 0.001;
constexpr double kMaxGammaShape = 1000000;

// An error already located at a setting's site in the sweep section: passed on unchanged.
class SiteError : public ScenarioError {
 public:
  using ScenarioError::ScenarioError;
};

// A number as an exact short decimal: rounded to 12 significant digits, so that range
// arithmetic gives "0.3", not "0.30000000000000004".
std::string exact_decimal(double value) {
  char rounded[64];
  std::snprintf(rounded, sizeof rounded, "%.12g", value);
  double r = std::strtod(rounded, nullptr);
  if (r == 0.0) return "0";
  if (std::fabs(r) < 1e-6 || std::fabs(r) >= 1e15) return rounded;
  char out[64];
  auto result = std::to_chars(out, out + sizeof out, r, std::chars_format::fixed);
  return std::string(out, result.ptr);
}

// "routes[0].to" and "routes.0.to" name the same setting.
std::string normalised_key(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '[') {
      out += '.';
    } else if (c != ']') {
      out += c;
    }
  }
  return out;
}

// The value of a demand multiplier: a number above 0.
Parsed<double> demand_multiplier(const std::string& text) {
  Parsed<double> m = detail::parse_number(text, "a demand multiplier like '2' or '0.5'");
  if (m.ok() && !(*m.value > 0.0)) {
    return Parsed<double>::fail("a demand multiplier must be more than 0, got '" + text + "'");
  }
  return m;
}

// Reads the YAML tree into the Scenario, checking every key and value on the way.
class Loader {
 public:
  explicit Loader(Scenario& scenario) : s_(scenario) {}

  void load(const YamlNode& root, const std::string& path) {
    if (root.is_null()) fail(YamlOrigin{path, 1, 1}, "scenario is empty", "");
    if (!root.is_map()) {
      fail(root.origin, "expected a map with keys " + detail::join_names(kTopKeys) +
                            " at the top level, got " + root.describe(), "");
    }
    check_keys(root, "", kTopKeys);
    const YamlNode& desks = required(root, "desks", "");
    load_desk_names(desks);
    load_desks(desks);
    load_run(required(root, "run", ""), path);
    load_demand(required(root, "demand", ""));
    if (const YamlNode* routes = root.find("routes")) load_routes(*routes);
    if (const YamlNode* policies = root.find("policies")) load_policies(*policies);
    if (const YamlNode* customers = root.find("customers")) load_customers(*customers);
  }

  // Builds every configured policy once (and drops it), so that a bad parameter is reported
  // when the file is loaded, not when it runs. Returns the desks complaints may enter other
  // than by demand and routes (policies' targets, returning customers' desk), for the graph
  // check. REQUIRES: load() done.
  std::vector<int> check_policies() {
    std::vector<int> entered;
    for (const PolicyConfig& config : s_.policies) {
      try {
        for (int desk : make_policy(config, s_)->sends_to()) entered.push_back(desk);
      } catch (const ScenarioError& e) {
        relocate_setting_error(e.what());
        throw;
      }
    }
    if (s_.customers.return_desk >= 0) entered.push_back(s_.customers.return_desk);
    return entered;
  }

  // A sweep point's demand multiplier: every stream's rate is multiplied as it is loaded, so
  // that the bounds on rates hold for the rates that run.
  void multiply_demand(double multiplier) { demand_multiplier_ = multiplier; }

  // While a sweep point is loaded: its settings were applied as overrides numbered from
  // `first_index`, one per entry of `sites`; errors at them are reported at their sites.
  void locate_settings(const std::vector<detail::SettingSite>* sites, int first_index) {
    sites_ = sites;
    first_site_index_ = first_index;
  }

  // Where the settings of each point were written, filled by load_sweep.
  struct SweepSites {
    std::vector<std::vector<detail::SettingSite>> settings;  // per point, per setting
    std::vector<detail::PointSite> points;                   // per point
  };

  // The `sweep:` section: reads and expands it. The caller checks each point's scenario.
  SweepSpec load_sweep(const YamlNode& node, const YamlOrigin& key_at, SweepSites& sites) {
    const std::string path = "sweep";
    if (node.is_null()) {
      fail(key_at, "expected a map with 'parameters' or 'points', got nothing", path);
    }
    expect_map(node, path, "a map with 'parameters' or 'points'");
    check_keys(node, path, kSweepKeys);
    SweepSpec spec;
    spec.where = where(node.origin, path);
    if (const YamlNode* n = node.find("replications")) {
      spec.replications =
          static_cast<int>(integer(*n, key_path_join(path, "replications"), 1, kMaxReplications));
    }
    if (const YamlNode* n = node.find("common_random_numbers")) {
      spec.common_random_numbers = boolean(*n, key_path_join(path, "common_random_numbers"));
    }
    const YamlEntry* parameters = entry(node, "parameters");
    const YamlEntry* points = entry(node, "points");
    if (parameters && points) {
      fail(points->key_origin, "give either 'parameters' (a grid) or 'points' (a list), not both",
           "sweep.points");
    }
    if (!parameters && !points) {
      fail(node.origin, "missing required key 'parameters' (a grid) or 'points' (a list)",
           "sweep.parameters");
    }
    if (parameters) {
      load_grid(*parameters, spec, sites);
    } else {
      load_point_list(*points, spec, sites);
    }
    return spec;
  }

 private:
  // --- Messages and structure --------------------------------------------------------

  [[noreturn]] void fail(const YamlOrigin& at, const std::string& message,
                         const std::string& key_path) {
    if (const detail::SettingSite* site = site_of(at)) {
      // The column tells a problem with the key (a new, unknown key) from one with the value.
      const bool on_key = at.column <= static_cast<int>(site->key.size());
      throw SiteError(detail::format_error(on_key ? site->key_at : site->value_at, message,
                                           on_key ? site->key_path : site->value_path));
    }
    throw ScenarioError(detail::format_error(at, message, key_path));
  }

  // The sweep setting that an override origin "--set:N:C" stands for, or nullptr.
  const detail::SettingSite* site_of(const YamlOrigin& at) const {
    if (!sites_ || at.file != "--set") return nullptr;
    const int i = at.line - first_site_index_;
    if (i < 0 || i >= static_cast<int>(sites_->size())) return nullptr;
    return &(*sites_)[static_cast<std::size_t>(i)];
  }

  // An error already formatted at an override "--set:N:C: message (key path)" (as policies
  // report their parameters): when override N is a sweep setting, throws it at the setting's
  // site in the sweep section; otherwise returns.
  void relocate_setting_error(const std::string& text) {
    if (!sites_ || text.rfind("--set:", 0) != 0) return;
    const std::size_t colon1 = text.find(':', 6);
    const std::size_t colon2 = colon1 == std::string::npos ? colon1 : text.find(": ", colon1 + 1);
    if (colon2 == std::string::npos) return;
    const int line = std::atoi(text.substr(6, colon1 - 6).c_str());
    const int column = std::atoi(text.substr(colon1 + 1, colon2 - colon1 - 1).c_str());
    const YamlOrigin at{"--set", line, column};
    if (!site_of(at)) return;
    std::string message = text.substr(colon2 + 2);
    const std::size_t open = message.rfind(" (");
    if (!message.empty() && message.back() == ')' && open != std::string::npos &&
        message.find_first_of(" '", open + 2) == std::string::npos) {
      message.erase(open);
    }
    fail(at, message, "");
  }

  static const YamlEntry* entry(const YamlNode& map, const std::string& key) {
    for (const YamlEntry& e : map.entries) {
      if (e.key == key) return &e;
    }
    return nullptr;
  }

  bool boolean(const YamlNode& node, const std::string& path) {
    const std::string& word = scalar(node, path, "true or false");
    if (!node.quoted && (word == "true" || word == "True" || word == "TRUE")) return true;
    if (!node.quoted && (word == "false" || word == "False" || word == "FALSE")) return false;
    fail(node.origin, "expected true or false, got '" + word + "'", path);
  }

  void check_keys(const YamlNode& map, const std::string& path,
                  const std::vector<std::string>& accepted) {
    for (const YamlEntry& e : map.entries) {
      if (std::find(accepted.begin(), accepted.end(), e.key) == accepted.end()) {
        fail(e.key_origin,
             "unknown key '" + e.key + "'" + detail::suggestion_tail(e.key, accepted, "accepted keys"),
             key_path_join(path, e.key));
      }
    }
  }

  const YamlNode& expect_map(const YamlNode& node, const std::string& path,
                             const std::string& what) {
    if (!node.is_map()) fail(node.origin, "expected " + what + ", got " + node.describe(), path);
    return node;
  }

  const YamlNode& expect_list(const YamlNode& node, const std::string& path,
                              const std::string& what) {
    if (!node.is_sequence()) fail(node.origin, "expected " + what + ", got " + node.describe(), path);
    return node;
  }

  const YamlNode& required(const YamlNode& map, const std::string& key, const std::string& path) {
    const YamlNode* value = map.find(key);
    if (!value) fail(map.origin, "missing required key '" + key + "'", key_path_join(path, key));
    return *value;
  }

  // The text of a scalar; anything else fails with "expected <expectation>, got a map".
  const std::string& scalar(const YamlNode& node, const std::string& path,
                            const std::string& expectation) {
    if (!node.is_scalar()) {
      fail(node.origin, "expected " + expectation + ", got " + node.describe(), path);
    }
    return node.text;
  }

  template <typename T>
  T check(const Parsed<T>& parsed, const YamlNode& node, const std::string& path) {
    if (!parsed.ok()) fail(node.origin, parsed.problem, path);
    return *parsed.value;
  }

  // Any duration: none is longer than the longest horizon, so that sums and means of
  // durations stay finite.
  Duration duration(const YamlNode& node, const std::string& path) {
    Parsed<Duration> d =
        detail::parse_duration(scalar(node, path, "a duration like '25 min' or '2 h'"));
    if (d.too_large || (d.ok() && *d.value > Duration::weeks(kMaxHorizonWeeks))) {
      fail(node.origin, "a duration must be at most " + max_horizon_text() + ", got '" +
                            node.text + "'", path);
    }
    return check(d, node, path);
  }

  static std::string max_horizon_text() {
    return exact_decimal(kMaxHorizonWeeks) + " weeks (about 1900 years)";
  }

  // A duration in (0, max]: "<what> must be at most <max_text>" when above it or too large
  // for a double.
  Duration bounded_duration(const YamlNode& node, const std::string& path, const char* what,
                            Duration max, const std::string& max_text) {
    Parsed<Duration> d =
        detail::parse_duration(scalar(node, path, "a duration like '25 min' or '2 h'"));
    if (d.too_large || (d.ok() && *d.value > max)) {
      fail(node.origin, std::string(what) + " must be at most " + max_text + ", got '" +
                            node.text + "'", path);
    }
    check(d, node, path);
    return positive_duration(node, path, what);
  }

  Duration positive_duration(const YamlNode& node, const std::string& path, const char* what) {
    Duration d = duration(node, path);
    if (d.in_minutes() <= 0.0) {
      fail(node.origin, std::string(what) + " must be more than 0, got '" + node.text + "'", path);
    }
    return d;
  }

  double share(const YamlNode& node, const std::string& path) {
    return check(detail::parse_share(scalar(node, path, "a number between 0 and 1 or a percentage "
                                                        "like '15%'")),
                 node, path);
  }

  double number(const YamlNode& node, const std::string& path) {
    return check(detail::parse_number(scalar(node, path, "a number")), node, path);
  }

  std::int64_t integer(const YamlNode& node, const std::string& path, std::int64_t min,
                       std::int64_t max) {
    return check(detail::parse_integer(scalar(node, path, "a whole number"), min, max), node, path);
  }

  // One word from a fixed list, with "did you mean".
  int choice(const YamlNode& node, const std::string& path, const std::string& what,
             const std::vector<std::string>& names) {
    const std::string& word =
        scalar(node, path, "one of " + detail::join_names(names) + " for the " + what);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (word == names[i]) return static_cast<int>(i);
    }
    fail(node.origin, "unknown " + what + " '" + word + "'" + detail::suggestion_tail(word, names),
         path);
  }

  int desk_ref(const YamlNode& node, const std::string& path, bool allow_exit) {
    std::vector<std::string> candidates = desk_names_;
    if (allow_exit) candidates.push_back("exit");
    const std::string& word = scalar(node, path, allow_exit ? "a desk name or 'exit'" : "a desk name");
    if (word == "exit") {
      if (allow_exit) return kExit;
      fail(node.origin, "'exit' is not a desk here; name one of " + detail::join_names(desk_names_),
           path);
    }
    int index = s_.desk_index(word);
    if (index >= 0) return index;
    fail(node.origin,
         "unknown desk '" + word + "'" + detail::suggestion_tail(word, candidates, "desks"), path);
  }

  bool is_none(const YamlNode& node) {
    return node.is_null() || (node.is_scalar() && !node.quoted && node.text == "none");
  }

  std::string multiplier_note() const {
    if (demand_multiplier_ == 1.0) return "";
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.6g", demand_multiplier_);
    return std::string(" times the demand multiplier ") + shown;
  }

  SourceLocation where(const YamlOrigin& origin, const std::string& path) {
    return SourceLocation{origin.file, origin.line, origin.column, path};
  }

  // --- run ------------------------------------------------------------------------------

  void load_run(const YamlNode& node, const std::string& file_path) {
    const std::string path = "run";
    expect_map(node, path, "a map of run settings (horizon, warmup, seed, ...)");
    check_keys(node, path, kRunKeys);
    RunSettings& run = s_.run;

    run.name = default_name(file_path);
    if (const YamlNode* n = node.find("name")) {
      const std::string p = key_path_join(path, "name");
      run.name = scalar(*n, p, "a run name");
      bool ok = !run.name.empty() && run.name[0] != '.';
      for (char c : run.name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
          ok = false;
        }
      }
      if (!ok) {
        fail(n->origin, "a run name names the results folder: use letters, digits, '-', '_' and "
                        "'.' (not first), got '" + run.name + "'", p);
      }
    }
    if (const YamlNode* n = node.find("description")) {
      run.description = n->is_null() ? "" : scalar(*n, key_path_join(path, "description"), "a text");
    }
    const YamlNode& horizon = required(node, "horizon", path);
    run.horizon = bounded_duration(horizon, key_path_join(path, "horizon"), "the horizon",
                                   Duration::weeks(kMaxHorizonWeeks), max_horizon_text());
    run.warmup = Duration();
    run.warmup_auto = false;
    if (const YamlNode* n = node.find("warmup")) {
      run.warmup_auto = n->is_scalar() && n->text == "auto";
      if (!run.warmup_auto) run.warmup = warmup(*n, key_path_join(path, "warmup"));
      if (run.warmup >= run.horizon) {
        fail(n->origin, "the warmup ('" + n->text + "') must be shorter than the horizon ('" +
                            horizon.text + "')", key_path_join(path, "warmup"));
      }
    }
    run.seed = 1;
    if (const YamlNode* n = node.find("seed")) {
      run.seed = static_cast<std::uint64_t>(integer(*n, key_path_join(path, "seed"), 0,
                                                    std::numeric_limits<std::int64_t>::max()));
    }
    run.replications = 1;
    if (const YamlNode* n = node.find("replications")) {
      run.replications =
          static_cast<int>(integer(*n, key_path_join(path, "replications"), 1, kMaxReplications));
    }
    run.sample_interval = Duration::days(1);
    const YamlNode* interval = node.find("sample_interval");
    if (interval) {
      run.sample_interval =
          positive_duration(*interval, key_path_join(path, "sample_interval"), "the sample interval");
    }
    const double samples = run.horizon / run.sample_interval;
    if (samples > kMaxBacklogSamples) {
      const Duration coarse = coarse_interval(run.horizon / kMaxBacklogSamples);
      char count[32];
      std::snprintf(count, sizeof count, samples < 1e12 ? "%.0f" : "%.3g", samples);
      const std::string given = interval ? "sample_interval '" + interval->text + "'"
                                         : "the default sample_interval of 1 day";
      const YamlOrigin& at = interval ? interval->origin : horizon.origin;
      s_.notes.push_back(detail::format_error(
          at, given + " gives " + count + " backlog samples over the horizon '" + horizon.text +
                  "', more than the " + exact_decimal(kMaxBacklogSamples) +
                  " a run keeps; coarsened to " + describe_interval(coarse),
          key_path_join(path, "sample_interval")));
      run.sample_interval = coarse;
    }
  }

  // The smallest whole number of seconds, minutes, hours, days or weeks (the largest unit
  // that fits) at least `at_least`.
  static Duration coarse_interval(Duration at_least) {
    for (Duration unit : {kMinutesPerWeek, Duration::days(1), Duration::hours(1),
                          Duration::minutes(1), Duration::seconds(1)}) {
      if (at_least >= unit) return unit * std::ceil(at_least / unit * (1 - 1e-12));
    }
    return Duration::seconds(1);
  }

  static std::string describe_interval(Duration d) {
    const std::pair<Duration, const char*> units[] = {{kMinutesPerWeek, "week"},
                                                      {Duration::days(1), "day"},
                                                      {Duration::hours(1), "h"},
                                                      {Duration::minutes(1), "min"},
                                                      {Duration::seconds(1), "s"}};
    for (const auto& [unit, name] : units) {
      if (d >= unit) {
        const double n = std::round(d / unit);
        const bool plural = n != 1 && (name == std::string("week") || name == std::string("day"));
        return exact_decimal(n) + " " + name + (plural ? "s" : "");
      }
    }
    return "1 s";
  }

  // A fixed warm-up (a duration), or the word 'auto' (handled by the caller).
  Duration warmup(const YamlNode& node, const std::string& path) {
    const std::string expectation = "a duration like '2 weeks', or 'auto'";
    const std::string& text = scalar(node, path, expectation);
    Parsed<Duration> parsed = detail::parse_duration(text);
    if (parsed.ok()) return *parsed.value;
    std::string_view t = detail::trim(text);
    const bool starts_like_number =
        !t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '.' ||
                       t[0] == '+' || t[0] == '-');
    if (starts_like_number) fail(node.origin, parsed.problem, path);
    fail(node.origin, "expected " + expectation + ", got '" + text + "'" +
                          (detail::closest_match(text, {"auto"}).empty() ? "" : ", did you mean 'auto'?"),
         path);
  }

  static std::string default_name(const std::string& file_path) {
    std::filesystem::path p(file_path);
    std::string name = p.filename().string();
    for (const char* ext : {".yaml", ".yml"}) {
      const std::string e(ext);
      if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
        name.erase(name.size() - e.size());
        break;
      }
    }
    for (char& c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
    }
    if (name.empty() || name[0] == '.') name = "scenario" + name;
    return name;
  }

  // --- desks ----------------------------------------------------------------------------

  void load_desk_names(const YamlNode& node) {
    expect_map(node, "desks", "a map of desks by name");
    if (node.entries.empty()) fail(node.origin, "at least one desk is needed", "desks");
    for (const YamlEntry& e : node.entries) {
      if (e.key == "exit") {
        fail(e.key_origin, "'exit' is reserved for routes that leave the organisation; "
                           "name the desk differently", "desks.exit");
      }
      if (desk_names_.size() == kMaxDesks) {
        fail(e.key_origin, "a scenario has at most " + std::to_string(kMaxDesks) +
                               " desks; this is desk " + std::to_string(kMaxDesks + 1),
             key_path_join("desks", e.key));
      }
      desk_names_.push_back(e.key);
      executive_desks_.push_back(is_executive_desk(e.value));
      Desk desk;
      desk.name = e.key;
      desk.where = where(e.key_origin, key_path_join("desks", e.key));
      s_.desks.push_back(std::move(desk));
    }
  }

  void load_desks(const YamlNode& node) {
    for (std::size_t i = 0; i < node.entries.size(); ++i) {
      load_desk(node.entries[i], s_.desks[i]);
    }
  }

  void load_desk(const YamlEntry& entry, Desk& desk) {
    const std::string path = key_path_join("desks", entry.key);
    const YamlNode& node = entry.value;
    if (!node.is_map()) {
      YamlOrigin at = node.is_null() ? entry.key_origin : node.origin;
      fail(at, "expected a map of desk settings (staff, handle_time, ...), got " + node.describe(),
           path);
    }
    check_keys(node, path, kDeskKeys);
    const YamlNode* staff = node.find("staff");
    const YamlNode* shifts = node.find("shifts");
    const bool executive = is_executive_desk(node);

    if (executive) {
      desk.executive = load_executive(node, path, desk);
    } else {
      for (const YamlEntry& e : node.entries) {
        if (std::find(kExecutiveOnlyKeys.begin(), kExecutiveOnlyKeys.end(), e.key) !=
            kExecutiveOnlyKeys.end()) {
          fail(e.key_origin, "'" + e.key + "' applies to an executive desk: give the desk a "
                             "'budget' or 'items'", key_path_join(path, e.key));
        }
      }
    }
    if (executive && shifts) {
      fail(shifts->origin, "an executive desk works in its windows, not in shifts",
           key_path_join(path, "shifts"));
    }
    if (staff && shifts) {
      fail(shifts->origin, "give either 'staff' or 'shifts', not both", key_path_join(path, "shifts"));
    }
    if (!staff && !shifts && !executive) {
      fail(node.origin, "missing required key 'staff' or 'shifts'", key_path_join(path, "staff"));
    }
    desk.staff = 1;
    if (staff) {
      desk.staff = static_cast<int>(integer(*staff, key_path_join(path, "staff"), 1, kMaxStaff));
    }
    if (shifts) load_shifts(*shifts, key_path_join(path, "shifts"), desk);
    if (desk.executive && desk.executive->per_week) {
      // No one works more than the week's hours: a larger budget is never the limit.
      const YamlNode& budget = *node.find("budget");
      if (*desk.executive->per_week > kMinutesPerWeek * static_cast<double>(desk.staff)) {
        fail(budget.origin, "a time budget must be at most 168 h per week for each of the desk's " +
                                std::to_string(desk.staff) + " staff, got '" + budget.text + "'",
             key_path_join(path, "budget"));
      }
    }

    desk.handle_time =
        distribution(required(node, "handle_time", path), key_path_join(path, "handle_time"),
                     "the mean handle time");
    if (const YamlNode* n = node.find("patience")) {
      if (!is_none(*n)) {
        desk.patience = distribution(*n, key_path_join(path, "patience"), "the mean patience");
      }
    }
    if (const YamlNode* n = node.find("resolution")) {
      desk.resolution_probability = resolution(*n, key_path_join(path, "resolution"));
    }
    if (const YamlNode* n = node.find("discipline")) {
      desk.discipline = static_cast<QueueDiscipline>(
          choice(*n, key_path_join(path, "discipline"), "discipline", kDisciplineNames));
    }
    if (const YamlNode* n = node.find("queue_limit")) {
      if (!is_none(*n)) {
        desk.queue_limit =
            static_cast<int>(integer(*n, key_path_join(path, "queue_limit"), 0, 100000000));
      }
    }
  }

  std::array<bool, 7> days(const YamlNode& node, const std::string& path) {
    std::array<bool, 7> out{};
    const std::string expectation = "days like 'mon-fri', 'sat' or a list [mon, wed]";
    if (node.is_sequence()) {
      if (node.items.empty()) fail(node.origin, "expected " + expectation + ", got an empty list", path);
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        const YamlNode& item = node.items[i];
        const std::string p = key_path_index(path, i);
        auto d = detail::parse_weekday(scalar(item, p, "a day name (mon ... sun)"));
        if (!d) {
          fail(item.origin, "unknown day '" + item.text + "'" +
                                detail::suggestion_tail(item.text, kDayNames), p);
        }
        out[*d] = true;
      }
      return out;
    }
    const std::string& text = scalar(node, path, expectation);
    std::string_view t = detail::trim(text);
    std::size_t dash = t.find('-');
    if (dash == std::string_view::npos) {
      auto d = detail::parse_weekday(t);
      if (!d) fail(node.origin, "expected " + expectation + ", got '" + text + "'", path);
      out[*d] = true;
      return out;
    }
    auto first = detail::parse_weekday(t.substr(0, dash));
    auto last = detail::parse_weekday(t.substr(dash + 1));
    if (!first || !last) fail(node.origin, "expected " + expectation + ", got '" + text + "'", path);
    if (*last < *first) {
      fail(node.origin, "a day range runs forward from Monday (e.g. 'sat-sun'), got '" + text + "'",
           path);
    }
    for (int d = *first; d <= *last; ++d) out[d] = true;
    return out;
  }

  void load_shifts(const YamlNode& node, const std::string& path, Desk& desk) {
    expect_list(node, path, "a list of shifts like {days: mon-fri, from: \"09:00\", to: \"17:00\", staff: 12}");
    if (node.items.empty()) fail(node.origin, "at least one shift is needed", path);
    std::int64_t shift_staff_total = 0;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const YamlNode& item = node.items[i];
      const std::string p = key_path_index(path, i);
      expect_map(item, p, "a shift like {days: mon-fri, from: \"09:00\", to: \"17:00\", staff: 12}");
      check_keys(item, p, kShiftKeys);
      Shift shift;
      shift.days = days(required(item, "days", p), key_path_join(p, "days"));
      const YamlNode& from = required(item, "from", p);
      const YamlNode& to = required(item, "to", p);
      shift.from = time_of_day(from, key_path_join(p, "from"));
      shift.to = time_of_day(to, key_path_join(p, "to"));
      if (shift.to <= shift.from) {
        fail(to.origin, "a shift ends after it starts (split a night shift in two), got from '" +
                            from.text + "' to '" + to.text + "'", key_path_join(p, "to"));
      }
      const YamlNode& staff = required(item, "staff", p);
      shift.staff = static_cast<int>(integer(staff, key_path_join(p, "staff"), 1, kMaxStaff));
      // Overlapping shifts add up (in an int): their sum is bounded like one desk's staff.
      shift_staff_total += shift.staff;
      if (shift_staff_total > kMaxStaff) {
        fail(staff.origin, "the shifts of a desk add up to at most " + std::to_string(kMaxStaff) +
                               " staff, got " + std::to_string(shift_staff_total) + " by this shift",
             key_path_join(p, "staff"));
      }
      desk.shifts.push_back(shift);
    }
  }

  Duration time_of_day(const YamlNode& node, const std::string& path) {
    return check(detail::parse_time_of_day(scalar(node, path, "a time of day like '09:00'")), node,
                 path);
  }

  Distribution distribution(const YamlNode& node, const std::string& path, const char* mean_name) {
    Distribution d;
    if (!node.is_map()) {
      d.kind = Distribution::Kind::kExponential;
      d.mean = positive_duration(node, path, mean_name);
      return d;
    }
    const YamlNode& kind_node = required(node, "distribution", path);
    const std::string kind_path = key_path_join(path, "distribution");
    d.kind = static_cast<Distribution::Kind>(
        choice(kind_node, kind_path, "distribution", kDistributionNames));
    std::vector<std::string> keys = {"distribution"};
    switch (d.kind) {
      case Distribution::Kind::kExponential: keys.push_back("mean"); break;
      case Distribution::Kind::kFixed: keys.push_back("value"); break;
      case Distribution::Kind::kUniform: keys.insert(keys.end(), {"min", "max"}); break;
      case Distribution::Kind::kLognormal: keys.insert(keys.end(), {"mean", "sd"}); break;
      case Distribution::Kind::kGamma: keys.insert(keys.end(), {"mean", "shape"}); break;
      case Distribution::Kind::kErlang: keys.insert(keys.end(), {"mean", "k"}); break;
      case Distribution::Kind::kEmpirical: keys.push_back("values"); break;
    }
    check_keys(node, path, keys);
    auto mean = [&](const char* key) {
      return positive_duration(required(node, key, path), key_path_join(path, key), mean_name);
    };
    switch (d.kind) {
      case Distribution::Kind::kExponential: d.mean = mean("mean"); break;
      case Distribution::Kind::kFixed: d.mean = mean("value"); break;
      case Distribution::Kind::kUniform: {
        d.low = duration(required(node, "min", path), key_path_join(path, "min"));
        const YamlNode& max = required(node, "max", path);
        d.high = duration(max, key_path_join(path, "max"));
        if (d.high <= d.low) {
          fail(max.origin, "a uniform distribution needs max above min (use 'fixed' for one value), "
                           "got min '" + node.find("min")->text + "' and max '" + max.text + "'",
               key_path_join(path, "max"));
        }
        d.mean = (d.low + d.high) / 2.0;
        break;
      }
      case Distribution::Kind::kLognormal:
      {
        d.mean = mean("mean");
        const YamlNode& sd = required(node, "sd", path);
        d.sd = duration(sd, key_path_join(path, "sd"));
        // Beyond this the normal underneath has an infinite or NaN sigma.
        if (d.sd.in_minutes() > kMaxLognormalSdPerMean * d.mean.in_minutes()) {
          fail(sd.origin, "a lognormal's sd must be at most " +
                              exact_decimal(kMaxLognormalSdPerMean) + " times its mean ('" +
                              node.find("mean")->text + "'), got '" + sd.text + "'",
               key_path_join(path, "sd"));
        }
        break;
      }
      case Distribution::Kind::kGamma: {
        d.mean = mean("mean");
        const YamlNode& shape = required(node, "shape", path);
        d.shape = number(shape, key_path_join(path, "shape"));
        // Outside these the scale (mean / shape) or the draws leave what a double holds.
        if (!(d.shape >= kMinGammaShape && d.shape <= kMaxGammaShape)) {
          fail(shape.origin, "the gamma shape must be between " + exact_decimal(kMinGammaShape) +
                                 " and " + exact_decimal(kMaxGammaShape) + ", got '" +
                                 shape.text + "'",
               key_path_join(path, "shape"));
        }
        break;
      }
      case Distribution::Kind::kErlang:
        d.mean = mean("mean");
        d.shape = static_cast<double>(
            integer(required(node, "k", path), key_path_join(path, "k"), 1, 1000000));
        break;
      case Distribution::Kind::kEmpirical: {
        const YamlNode& values = required(node, "values", path);
        const std::string vp = key_path_join(path, "values");
        expect_list(values, vp, "a list of durations like [5 min, 12 min, 40 min]");
        if (values.items.empty()) fail(values.origin, "an empty list has no values to draw", vp);
        for (std::size_t i = 0; i < values.items.size(); ++i) {
          d.values.push_back(duration(values.items[i], key_path_index(vp, i)));
        }
        d.mean = d.expected();
        if (d.mean.in_minutes() <= 0.0) {
          fail(values.origin, std::string(mean_name) + " must be more than 0, got values that are all 0",
               vp);
        }
        break;
      }
    }
    return d;
  }

  std::array<double, kSeverityCount> resolution(const YamlNode& node, const std::string& path) {
    std::array<double, kSeverityCount> out{};
    if (!node.is_map()) {
      out.fill(share(node, path));
      return out;
    }
    check_keys(node, path, kSeverityNames);
    for (int i = 0; i < kSeverityCount; ++i) {
      const YamlNode* n = node.find(kSeverityNames[i]);
      if (!n) {
        fail(node.origin, "missing required key '" + kSeverityNames[i] +
                              "'; give all four severities, or one probability for all",
             key_path_join(path, kSeverityNames[i]));
      }
      out[i] = share(*n, key_path_join(path, kSeverityNames[i]));
    }
    return out;
  }

  // A desk map with `budget` or `items` is an executive desk.
  static bool is_executive_desk(const YamlNode& node) {
    return node.is_map() && (node.find("budget") || node.find("items"));
  }

  // The executive keys of a desk map (`path` is the desk's), given it has budget or items.
  ExecutiveBudget load_executive(const YamlNode& node, const std::string& path, const Desk& desk) {
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

  // "mon 08:00-09:00" or "mon-fri 08:00-09:00" (one window per day).
  void add_windows(const YamlNode& node, const std::string& path,
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

  // --- demand ---------------------------------------------------------------------------

  void load_demand(const YamlNode& node) {
    if (node.is_map()) {
      load_stream(node, "demand", "demand");
    } else if (node.is_sequence()) {
      if (node.items.empty()) fail(node.origin, "at least one demand stream is needed", "demand");
      if (node.items.size() > kMaxDemandStreams) {
        fail(node.items[kMaxDemandStreams].origin,
             "a scenario has at most " + std::to_string(kMaxDemandStreams) +
                 " demand streams; this is stream " + std::to_string(kMaxDemandStreams + 1),
             key_path_index("demand", kMaxDemandStreams));
      }
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        load_stream(node.items[i], key_path_index("demand", i), "demand" + std::to_string(i + 1));
      }
    } else {
      fail(node.origin, "expected a demand stream (a map with rate, enters, ...) or a list of them, "
                        "got " + node.describe(), "demand");
    }
    // Channel and segment shares are indexed like the scenario's lists, known only now.
    for (DemandStream& stream : s_.demand) {
      stream.channel_share.resize(s_.channels.size(), 0.0);
      stream.segment_share.resize(s_.segments.size(), 0.0);
    }
  }

  void load_stream(const YamlNode& node, const std::string& path, const std::string& default_name) {
    expect_map(node, path, "a demand stream (a map with rate, enters, pattern, ...)");
    check_keys(node, path, kDemandKeys);
    DemandStream stream;
    stream.where = where(node.origin, path);
    stream.name = default_name;
    if (const YamlNode* n = node.find("name")) {
      stream.name = scalar(*n, key_path_join(path, "name"), "a stream name");
      for (const DemandStream& other : s_.demand) {
        if (other.name == stream.name) {
          fail(n->origin, "demand stream name '" + stream.name + "' is used twice",
               key_path_join(path, "name"));
        }
      }
    }
    stream.enters_desk = 0;
    if (const YamlNode* n = node.find("enters")) {
      stream.enters_desk = desk_ref(*n, key_path_join(path, "enters"), false);
    }
    {
      const YamlNode& rate = required(node, "rate", path);
      const std::string p = key_path_join(path, "rate");
      Parsed<double> per_hour =
          detail::parse_rate_per_hour(scalar(rate, p, "a rate like '120 per day' or '5 per hour'"));
      const double multiplied = per_hour.ok() ? *per_hour.value * demand_multiplier_ : 0.0;
      // (A bound written in other units, "16666.67 per minute", may round just above it.)
      if (per_hour.too_large || !(multiplied <= kMaxRatePerHour * (1 + 1e-12))) {
        fail(rate.origin, "a rate must be at most " + exact_decimal(kMaxRatePerHour) +
                              " per hour, got '" + rate.text + "'" + multiplier_note(), p);
      }
      check(per_hour, rate, p);
      stream.rate = Rate::per_hour(multiplied);
    }
    if (const YamlNode* n = node.find("pattern")) {
      stream.pattern = pattern(*n, key_path_join(path, "pattern"));
    }
    if (const YamlNode* n = node.find("surges")) {
      load_surges(*n, key_path_join(path, "surges"), stream);
    }
    check_complaints_per_run(stream, required(node, "rate", path), key_path_join(path, "rate"));
    // Channels: default {web: 1}.
    std::vector<std::pair<int, double>> channel_shares;
    if (const YamlNode* n = node.find("channels")) {
      const std::string p = key_path_join(path, "channels");
      const auto named = shares(*n, p, "channel", nullptr);
      for (std::size_t i = 0; i < named.size(); ++i) {
        channel_shares.emplace_back(intern(s_.channels, named[i].first), named[i].second);
        if (s_.channels.size() > kMaxChannels) {
          fail(n->entries[i].key_origin,
               "a scenario has at most " + std::to_string(kMaxChannels) +
                   " channels over all its demand streams; '" + named[i].first + "' is channel " +
                   std::to_string(kMaxChannels + 1),
               key_path_join(p, named[i].first));
        }
      }
    } else {
      channel_shares.emplace_back(intern(s_.channels, "web"), 1.0);
    }
    stream.channel_share.assign(s_.channels.size(), 0.0);
    for (auto& [index, value] : channel_shares) stream.channel_share[index] = value;

    if (const YamlNode* n = node.find("severity")) {
      const std::string p = key_path_join(path, "severity");
      stream.severity_share.fill(0.0);
      for (auto& [name, value] : shares(*n, p, "severity", &kSeverityNames)) {
        auto it = std::find(kSeverityNames.begin(), kSeverityNames.end(), name);
        stream.severity_share[it - kSeverityNames.begin()] = value;
      }
    }
    if (const YamlNode* n = node.find("public_share")) {
      stream.public_share = share(*n, key_path_join(path, "public_share"));
    }
    load_segments(node.find("segments"), key_path_join(path, "segments"), stream);
    s_.demand.push_back(std::move(stream));
  }

  static int intern(std::vector<std::string>& names, const std::string& name) {
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<int>(it - names.begin());
    names.push_back(name);
    return static_cast<int>(names.size()) - 1;
  }

  // A map of name -> share summing to 1. With `accepted`, names must come from it.
  std::vector<std::pair<std::string, double>> shares(const YamlNode& node, const std::string& path,
                                                     const std::string& what,
                                                     const std::vector<std::string>* accepted) {
    expect_map(node, path, "a map of " + what + " shares like " +
                               (accepted ? "{minor: 0.7, serious: 0.3}" : "{email: 0.5, phone: 0.5}"));
    if (node.entries.empty()) fail(node.origin, "at least one " + what + " is needed", path);
    if (accepted) check_keys(node, path, *accepted);
    std::vector<std::pair<std::string, double>> out;
    double sum = 0.0;
    for (const YamlEntry& e : node.entries) {
      double v = share(e.value, key_path_join(path, e.key));
      out.emplace_back(e.key, v);
      sum += v;
    }
    if (std::fabs(sum - 1.0) > kSumTolerance) {
      std::ostringstream total;
      total << sum;
      fail(node.origin, what + " shares must sum to 1, got " + total.str(), path);
    }
    return out;
  }

  void load_segments(const YamlNode* node, const std::string& path, DemandStream& stream) {
    std::vector<std::pair<int, double>> segment_shares;
    if (!node) {
      // A stream without segments is the one segment 'all', worth nothing: blamed on the stream.
      const YamlOrigin stream_at{stream.where.file, stream.where.line, stream.where.column};
      segment_shares.emplace_back(segment_index("all", 0.0, stream_at, path), 1.0);
    } else {
      expect_map(*node, path, "a map of segments like {consumer: {share: 0.8, value: 200 per year}}");
      if (node->entries.empty()) fail(node->origin, "at least one segment is needed", path);
      double sum = 0.0;
      for (const YamlEntry& e : node->entries) {
        const std::string p = key_path_join(path, e.key);
        const YamlNode& seg = e.value;
        if (!seg.is_map()) {
          fail(seg.is_null() ? e.key_origin : seg.origin,
               "expected a segment like {share: 0.8, value: 200 per year}, got " + seg.describe(), p);
        }
        check_keys(seg, p, kSegmentKeys);
        double segment_share = share(required(seg, "share", p), key_path_join(p, "share"));
        double value = 0.0;
        const YamlNode* value_node = seg.find("value");
        if (value_node) {
          const std::string vp = key_path_join(p, "value");
          value = check(detail::parse_amount_per_year(
                            scalar(*value_node, vp, "a value per customer like '200 per year'")),
                        *value_node, vp);
        }
        segment_shares.emplace_back(
            segment_index(e.key, value, value_node ? value_node->origin : e.key_origin,
                          value_node ? key_path_join(p, "value") : p),
            segment_share);
        if (s_.segments.size() > kMaxSegments) {
          fail(e.key_origin, "a scenario has at most " + std::to_string(kMaxSegments) +
                                 " segments over all its demand streams; '" + e.key +
                                 "' is segment " + std::to_string(kMaxSegments + 1), p);
        }
        sum += segment_share;
      }
      if (std::fabs(sum - 1.0) > kSumTolerance) {
        std::ostringstream total;
        total << sum;
        fail(node->origin, "segment shares must sum to 1, got " + total.str(), path);
      }
    }
    stream.segment_share.assign(s_.segments.size(), 0.0);
    for (auto& [index, value] : segment_shares) stream.segment_share[index] = value;
  }

  // The index of a segment, added on first mention; a later mention must agree on the value.
  // `at` and `path` name where this mention gives the value (or leaves it out).
  int segment_index(const std::string& name, double value, const YamlOrigin& at,
                    const std::string& path) {
    for (std::size_t i = 0; i < s_.segments.size(); ++i) {
      if (s_.segments[i].name != name) continue;
      if (std::fabs(s_.segments[i].value_per_year - value) > 1e-9 * std::max(1.0, value)) {
        std::ostringstream message;
        message << "segment '" << name << "' is worth " << s_.segments[i].value_per_year
                << " per year in an earlier demand stream and " << value
                << " here; a segment has one value";
        fail(at, message.str(), path);
      }
      return static_cast<int>(i);
    }
    s_.segments.push_back(Segment{name, value});
    return static_cast<int>(s_.segments.size()) - 1;
  }

  WeeklyPattern pattern(const YamlNode& node, const std::string& path) {
    WeeklyPattern p;
    p.name = "table";
    p.weight.fill(0.0);
    if (node.is_scalar()) {
      auto named = detail::named_weekly_pattern(node.text);
      if (!named) {
        fail(node.origin, "unknown pattern '" + node.text + "'" +
                              detail::suggestion_tail(node.text, detail::weekly_pattern_names(),
                                                      "accepted: a table, or") ,
             path);
      }
      return *named;
    }
    if (node.is_sequence()) {
      if (node.items.size() != 168) {
        fail(node.origin, "expected 168 numbers (one per hour of the week, Monday 00:00 first), got " +
                              std::to_string(node.items.size()), path);
      }
      for (std::size_t h = 0; h < 168; ++h) p.weight[h] = weight(node.items[h], key_path_index(path, h));
    } else if (node.is_map()) {
      check_keys(node, path, kDayNames);
      for (const YamlEntry& e : node.entries) {
        const std::string dp = key_path_join(path, e.key);
        const YamlNode& hours = e.value;
        expect_list(hours, dp, "24 numbers, one per hour of the day");
        if (hours.items.size() != 24) {
          fail(hours.origin, "expected 24 numbers, one per hour of the day, got " +
                                 std::to_string(hours.items.size()), dp);
        }
        int day = *detail::parse_weekday(e.key);
        for (std::size_t h = 0; h < 24; ++h) {
          p.weight[day * 24 + h] = weight(hours.items[h], key_path_index(dp, h));
        }
      }
    } else {
      fail(node.origin, "expected a pattern name (" +
                            detail::join_names(detail::weekly_pattern_names()) +
                            "), a map of days to 24 numbers, or a list of 168 numbers, got " +
                            node.describe(), path);
    }
    double sum = 0.0;
    for (double w : p.weight) sum += w;
    if (sum <= 0.0) fail(node.origin, "a weekly pattern needs at least one hour above 0", path);
    detail::normalise_weekly_pattern(p.weight);
    return p;
  }

  double weight(const YamlNode& node, const std::string& path) {
    double w = number(node, path);
    if (w < 0.0) fail(node.origin, "a weight cannot be negative, got '" + node.text + "'", path);
    return w;
  }

  // The complaints a stream is expected to bring in one replication (its rate over the
  // horizon, surges included) must be what a run can do. REQUIRES: run loaded.
  void check_complaints_per_run(const DemandStream& stream, const YamlNode& rate,
                                const std::string& path) {
    const Duration horizon = s_.run.horizon;
    double hours = horizon.in_hours();
    for (const Surge& surge : stream.surges) {
      const Duration start = std::min(surge.start, horizon);
      const Duration end = std::min(surge.start + surge.duration, horizon);
      hours += (surge.factor - 1.0) * (end - start).in_hours();
    }
    const double expected = stream.rate.in_per_hour() * hours;
    if (expected > kMaxComplaintsPerRun * (1 + 1e-12)) {
      char shown[32];
      std::snprintf(shown, sizeof shown, "%.3g", expected);
      fail(rate.origin, "this rate" + multiplier_note() + " brings about " + std::string(shown) +
                            " complaints in one run of the horizon (surges included); a run "
                            "handles at most " + exact_decimal(kMaxComplaintsPerRun) +
                            ": lower the rate or shorten the horizon", path);
    }
  }

  void load_surges(const YamlNode& node, const std::string& path, DemandStream& stream) {
    expect_list(node, path, "a list of surges like {start: 10 weeks, duration: 1 week, factor: 3}");
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const YamlNode& item = node.items[i];
      const std::string p = key_path_index(path, i);
      expect_map(item, p, "a surge like {start: 10 weeks, duration: 1 week, factor: 3}");
      check_keys(item, p, kSurgeKeys);
      Surge surge;
      surge.start = duration(required(item, "start", p), key_path_join(p, "start"));
      surge.duration =
          positive_duration(required(item, "duration", p), key_path_join(p, "duration"), "a surge's duration");
      const YamlNode& factor = required(item, "factor", p);
      surge.factor = number(factor, key_path_join(p, "factor"));
      if (surge.factor < 0.0) {
        fail(factor.origin, "a surge factor cannot be negative (0 stops demand), got '" +
                                factor.text + "'", key_path_join(p, "factor"));
      }
      if (surge.factor > kMaxSurgeFactor) {
        fail(factor.origin, "a surge factor must be at most " + exact_decimal(kMaxSurgeFactor) +
                                ", got '" + factor.text + "'", key_path_join(p, "factor"));
      }
      for (std::size_t j = 0; j < stream.surges.size(); ++j) {
        const Surge& other = stream.surges[j];
        if (surge.start < other.start + other.duration && other.start < surge.start + surge.duration) {
          fail(item.origin, "this surge overlaps " + key_path_index(path, j) +
                                "; surges must not overlap: give the overlap its own surge with the combined factor",
               p);
        }
      }
      stream.surges.push_back(surge);
    }
  }

  // --- routes ---------------------------------------------------------------------------

  void load_routes(const YamlNode& node) {
    if (node.is_null()) return;
    expect_list(node, "routes", "a list of routes like {from: frontline, to: specialists}");
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const YamlNode& item = node.items[i];
      const std::string p = key_path_index("routes", i);
      expect_map(item, p, "a route like {from: frontline, to: specialists, when: unresolved}");
      check_keys(item, p, kRouteKeys);
      Route route;
      route.where = where(item.origin, p);
      route.from = desk_ref(required(item, "from", p), key_path_join(p, "from"), false);
      route.to = desk_ref(required(item, "to", p), key_path_join(p, "to"), true);
      if (const YamlNode* when = item.find("when")) condition(*when, key_path_join(p, "when"), route);
      if (const YamlNode* n = item.find("probability")) {
        route.probability = share(*n, key_path_join(p, "probability"));
      }
      s_.routes.push_back(route);
    }
  }

  void condition(const YamlNode& node, const std::string& path, Route& route) {
    if (node.is_map()) {
      if (node.entries.size() != 1) {
        fail(node.origin, "a condition map holds exactly one of " + detail::join_names(kConditionKeys) +
                              ", got " + std::to_string(node.entries.size()) + " keys", path);
      }
      check_keys(node, path, kConditionKeys);
      const YamlEntry& e = node.entries.front();
      const std::string p = key_path_join(path, e.key);
      if (e.key == "severity_at_least") {
        route.condition = RouteCondition::kSeverityAtLeast;
        route.min_severity = static_cast<Severity>(choice(e.value, p, "severity", kSeverityNames));
      } else {
        route.condition = RouteCondition::kWaitedLongerThan;
        route.waited = duration(e.value, p);
      }
      return;
    }
    std::vector<std::string> accepted = kConditionWords;
    accepted.push_back("{severity_at_least: LEVEL}");
    accepted.push_back("{waited_longer_than: DURATION}");
    const std::string& word = scalar(node, path, "a condition (" + detail::join_names(accepted) + ")");
    static const RouteCondition kByWord[] = {RouteCondition::kAlways, RouteCondition::kUnresolved,
                                             RouteCondition::kResolved, RouteCondition::kPublic};
    for (std::size_t i = 0; i < kConditionWords.size(); ++i) {
      if (word == kConditionWords[i]) {
        route.condition = kByWord[i];
        return;
      }
    }
    std::string match = detail::closest_match(word, kConditionWords);
    fail(node.origin, "unknown condition '" + word + "'" +
                          (match.empty() ? "; accepted: " + detail::join_names(accepted)
                                         : ", did you mean '" + match + "'?"),
         path);
  }

  // --- policies -------------------------------------------------------------------------

  // Each item is a bare policy name, or a one-key map from the name to its parameters.
  // Parameter values are kept as written; the policy parses them (make_policy).
  void load_policies(const YamlNode& node) {
    if (node.is_null()) return;
    const std::string example = "{open_inbox: {half_life: 4 weeks}}";
    expect_list(node, "policies", "a list of policies like [public_replies, " + example + "]");
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const YamlNode& item = node.items[i];
      const std::string p = key_path_index("policies", i);
      PolicyConfig config;
      const YamlNode* params = nullptr;
      YamlOrigin name_at;
      if (item.is_scalar()) {
        config.name = item.text;
        name_at = item.origin;
        config.where = where(item.origin, p);
      } else if (item.is_map()) {
        if (item.entries.empty()) {
          fail(item.origin, "an empty map names no policy; write a name like frontline_only or " +
                                example, p);
        }
        if (item.entries.size() != 1) {
          std::vector<std::string> keys;
          for (const YamlEntry& e : item.entries) keys.push_back(e.key);
          fail(item.origin, "a policy item holds one policy name, alone or mapped to its "
                            "parameters like " + example + ", got " +
                                std::to_string(item.entries.size()) + " keys (" +
                                detail::join_names(keys) + "); give each policy its own item",
               p);
        }
        const YamlEntry& e = item.entries.front();
        config.name = e.key;
        name_at = e.key_origin;
        config.where = where(e.key_origin, key_path_join(p, e.key));
        params = &e.value;
      } else {
        fail(item.is_null() ? node.origin : item.origin,
             "expected a policy name or a map like " + example + ", got " + item.describe(), p);
      }
      const std::vector<std::string>& names = policy_names();
      if (std::find(names.begin(), names.end(), config.name) == names.end()) {
        fail(name_at, "unknown policy '" + config.name + "'" +
                          detail::suggestion_tail(config.name, names, "the catalogue has"),
             config.where.key_path);
      }
      if (params && !params->is_null()) {
        const std::string pp = config.where.key_path;
        expect_map(*params, pp, "a map of the policy's parameters like {half_life: 4 weeks}");
        for (const YamlEntry& e : params->entries) {
          const std::string kp = key_path_join(pp, e.key);
          PolicyParam param;
          param.key = e.key;
          param.value = parameter_value(e, kp);
          param.where = where(e.value.is_null() ? e.key_origin : e.value.origin, kp);
          config.params.push_back(std::move(param));
        }
      }
      s_.policies.push_back(std::move(config));
    }
  }

  // A scalar as written, or a list of scalars joined with ", " ("minor, moderate").
  std::string parameter_value(const YamlEntry& e, const std::string& path) {
    const std::string expectation = "a value like '4 weeks', '2%' or 'ceo', or a list of names "
                                    "like [minor, moderate]";
    const YamlNode& v = e.value;
    if (v.is_null()) fail(e.key_origin, "expected " + expectation + ", got nothing", path);
    if (!v.is_sequence()) return scalar(v, path, expectation);
    if (v.items.empty()) fail(v.origin, "an empty list: name at least one value", path);
    std::string joined;
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      const std::string& text = scalar(v.items[i], key_path_index(path, i), "a name or a value");
      joined += (i == 0 ? "" : ", ") + text;
    }
    return joined;
  }

  // --- customers ------------------------------------------------------------------------

  // The customer model: every key optional, defaults as in CustomerModel.
  void load_customers(const YamlNode& node) {
    if (node.is_null()) return;
    const std::string path = "customers";
    expect_map(node, path, "a map of customer settings (loyalty, quickly, returns, costs, ...)");
    check_keys(node, path, kCustomerKeys);
    CustomerModel& m = s_.customers;
    if (const YamlNode* n = node.find("loyalty")) load_loyalty(*n, key_path_join(path, "loyalty"));
    if (const YamlNode* n = node.find("quickly")) load_quickly(*n, key_path_join(path, "quickly"));
    if (const YamlNode* n = node.find("large_loss_above")) {
      const std::string p = key_path_join(path, "large_loss_above");
      m.large_loss_above_per_year = check(
          detail::parse_amount_per_year(scalar(*n, p, "an amount per year like '100 per year'")),
          *n, p);
    }
    if (const YamlNode* n = node.find("executive_attention_bonus")) {
      m.executive_attention_bonus = share(*n, key_path_join(path, "executive_attention_bonus"));
    }
    if (const YamlNode* n = node.find("unanswered_public_penalty")) {
      m.unanswered_public_penalty = share(*n, key_path_join(path, "unanswered_public_penalty"));
    }
    if (const YamlNode* n = node.find("returns")) {
      const std::string p = key_path_join(path, "returns");
      expect_map(*n, p, "a map like {probability: 30%, delay: 3 days, desk: ceo, max_contacts: 3}");
      check_keys(*n, p, kReturnKeys);
      if (const YamlNode* v = n->find("probability")) {
        m.return_probability = share(*v, key_path_join(p, "probability"));
      }
      if (const YamlNode* v = n->find("delay")) {
        m.return_delay = positive_duration(*v, key_path_join(p, "delay"), "the mean return delay");
      }
      if (const YamlNode* v = n->find("desk")) m.return_desk = desk_ref(*v, key_path_join(p, "desk"), false);
      if (const YamlNode* v = n->find("channel")) {
        const std::string cp = key_path_join(p, "channel");
        const std::string& name = scalar(*v, cp, "a channel name");
        auto it = std::find(s_.channels.begin(), s_.channels.end(), name);
        if (it == s_.channels.end()) {
          fail(v->origin, "unknown channel '" + name + "'" +
                              detail::suggestion_tail(name, s_.channels, "channels"),
               cp);
        }
        m.return_channel = static_cast<int>(it - s_.channels.begin());
      }
      if (const YamlNode* v = n->find("max_contacts")) {
        m.max_contacts = static_cast<int>(integer(*v, key_path_join(p, "max_contacts"), 1, 255));
      }
    }
    if (const YamlNode* n = node.find("costs")) {
      const std::string p = key_path_join(path, "costs");
      expect_map(*n, p, "a map like {staff_per_hour: 30, executive_per_hour: 500}");
      check_keys(*n, p, kCostKeys);
      if (const YamlNode* v = n->find("staff_per_hour")) {
        m.staff_cost_per_hour = cost(*v, key_path_join(p, "staff_per_hour"));
      }
      if (const YamlNode* v = n->find("executive_per_hour")) {
        m.executive_cost_per_hour = cost(*v, key_path_join(p, "executive_per_hour"));
      }
    }
  }

  void load_loyalty(const YamlNode& node, const std::string& path) {
    expect_map(node, path, "a map with small_loss and/or large_loss");
    check_keys(node, path, kLoyaltyKeys);
    CustomerModel& m = s_.customers;
    for (const YamlEntry& e : node.entries) {
      const std::string p = key_path_join(path, e.key);
      const bool small = e.key == "small_loss";
      std::array<double, kOutcomeCount>& by_outcome = small ? m.loyal_small : m.loyal_large;
      double& no_complaint = small ? m.loyal_no_complaint_small : m.loyal_no_complaint_large;
      if (!e.value.is_map()) {
        fail(e.value.is_null() ? e.key_origin : e.value.origin,
             "expected a map of shares still loyal like {resolved_quickly: 95%, unresolved: 46%}, "
             "got " + e.value.describe(), p);
      }
      check_keys(e.value, p, kLoyaltyOutcomeKeys);
      for (int k = 0; k < kOutcomeCount; ++k) {
        if (const YamlNode* v = e.value.find(kLoyaltyOutcomeKeys[k])) {
          by_outcome[k] = share(*v, key_path_join(p, kLoyaltyOutcomeKeys[k]));
        }
      }
      if (const YamlNode* v = e.value.find("no_complaint")) {
        no_complaint = share(*v, key_path_join(p, "no_complaint"));
      }
    }
  }

  // One duration for every channel, or a map per channel with an optional `default`.
  void load_quickly(const YamlNode& node, const std::string& path) {
    CustomerModel& m = s_.customers;
    const char* what = "the 'resolved quickly' threshold";
    if (!node.is_map()) {
      m.quickly_default = positive_duration(node, path, what);
      m.quickly_by_channel.clear();
      return;
    }
    std::vector<std::string> accepted = s_.channels;
    accepted.push_back("default");
    for (const YamlEntry& e : node.entries) {
      if (std::find(accepted.begin(), accepted.end(), e.key) == accepted.end()) {
        fail(e.key_origin, "unknown channel '" + e.key + "'" +
                               detail::suggestion_tail(e.key, accepted,
                                                       "accepted: the demand's channels and"),
             key_path_join(path, e.key));
      }
    }
    if (const YamlNode* v = node.find("default")) {
      m.quickly_default = positive_duration(*v, key_path_join(path, "default"), what);
    }
    m.quickly_by_channel.assign(s_.channels.size(), m.quickly_default);
    for (const YamlEntry& e : node.entries) {
      if (e.key == "default") continue;
      const auto it = std::find(s_.channels.begin(), s_.channels.end(), e.key);
      m.quickly_by_channel[static_cast<std::size_t>(it - s_.channels.begin())] =
          positive_duration(e.value, key_path_join(path, e.key), what);
    }
  }

  // An amount of currency per hour: a plain number, 0 or more.
  double cost(const YamlNode& node, const std::string& path) {
    const double v = check(detail::parse_number(scalar(node, path, "a cost per hour like '30'"),
                                                "a cost per hour like '30'"),
                           node, path);
    if (v < 0.0) fail(node.origin, "a cost cannot be negative, got '" + node.text + "'", path);
    return v;
  }

  // --- sweep ----------------------------------------------------------------------------

  // A parameter key: an override key path, or kDemandMultiplier; no two for one setting.
  void check_parameter_key(const YamlEntry& e, const std::string& path,
                           const std::vector<SweepParameter>& earlier) {
    const bool is_path = e.key.find_first_of(".[") != std::string::npos;
    if (!is_path && e.key != kDemandMultiplier) {
      const std::string match = detail::closest_match(e.key, {kDemandMultiplier});
      fail(e.key_origin,
           "unknown parameter '" + e.key + "'" +
               (match.empty() ? "; a parameter is a key path as for --set (like "
                                "'desks.ceo.budget') or '" + std::string(kDemandMultiplier) + "'"
                              : ", did you mean '" + match + "'?"),
           path);
    }
    for (const SweepParameter& other : earlier) {
      if (normalised_key(other.key) == normalised_key(e.key)) {
        fail(e.key_origin, "'" + e.key + "' names the same setting as '" + other.key + "'", path);
      }
    }
  }

  // One value of a sweep parameter, as --set would take it.
  const std::string& setting_value(const YamlNode& node, const std::string& path) {
    return scalar(node, path, "a value as for --set, like '2 h per week' or '12'");
  }

  void check_multiplier(const YamlNode& node, const std::string& text, const std::string& path) {
    check(demand_multiplier(text), node, path);
  }

  void load_grid(const YamlEntry& parameters, SweepSpec& spec, SweepSites& sites) {
    const std::string path = "sweep.parameters";
    const YamlNode& node = parameters.value;
    if (node.is_null()) fail(parameters.key_origin, "at least one parameter is needed", path);
    expect_map(node, path,
               "a map of override keys to values, like {desks.ceo.budget: [\"1 h per week\", "
               "\"2 h per week\"]}");
    if (node.entries.empty()) fail(node.origin, "at least one parameter is needed", path);
    std::vector<YamlOrigin> key_at;
    double total = 1.0;
    std::string sizes;
    for (const YamlEntry& e : node.entries) {
      const std::string p = key_path_join(path, e.key);
      check_parameter_key(e, p, spec.parameters);
      SweepParameter parameter;
      parameter.key = e.key;
      const YamlNode& v = e.value;
      if (v.is_sequence()) {
        if (v.items.empty()) fail(v.origin, "an empty list gives no points; list at least one value", p);
        for (std::size_t i = 0; i < v.items.size(); ++i) {
          const std::string ip = key_path_index(p, i);
          parameter.values.push_back(setting_value(v.items[i], ip));
          parameter.where.push_back(where(v.items[i].origin, ip));
          if (e.key == kDemandMultiplier) check_multiplier(v.items[i], parameter.values.back(), ip);
        }
      } else if (v.is_map()) {
        range(v, p, parameter);
        if (e.key == kDemandMultiplier) {
          for (std::size_t i = 0; i < parameter.values.size(); ++i) {
            check_multiplier(v, parameter.values[i], key_path_index(p, i));
          }
        }
      } else {
        fail(v.is_null() ? e.key_origin : v.origin,
             "expected a list of values like [\"1 h per week\", \"2 h per week\"] or a range like "
             "{from: 1, to: 16, step: 1}, got " + v.describe(), p);
      }
      total *= static_cast<double>(parameter.values.size());
      sizes += (sizes.empty() ? "" : " x ") + std::to_string(parameter.values.size());
      key_at.push_back(e.key_origin);
      spec.parameters.push_back(std::move(parameter));
    }
    if (total > static_cast<double>(kMaxSweepPoints)) {
      fail(parameters.key_origin, "the grid has " + exact_decimal(total) + " points (" + sizes +
                                      "), more than the " + std::to_string(kMaxSweepPoints) +
                                      " a sweep allows; sweep fewer values or split the sweep",
           path);
    }
    // The cartesian product, the last parameter varying fastest.
    const std::size_t count = static_cast<std::size_t>(total);
    std::vector<std::size_t> digit(spec.parameters.size(), 0);
    for (std::size_t index = 0; index < count; ++index) {
      SweepPoint point;
      point.index = static_cast<int>(index);
      std::vector<detail::SettingSite> point_sites;
      for (std::size_t k = 0; k < spec.parameters.size(); ++k) {
        const SweepParameter& parameter = spec.parameters[k];
        const SourceLocation& w = parameter.where[digit[k]];
        point.settings.emplace_back(parameter.key, parameter.values[digit[k]]);
        point_sites.push_back(detail::SettingSite{parameter.key, key_at[k],
                                                  key_path_join(path, parameter.key),
                                                  YamlOrigin{w.file, w.line, w.column}, w.key_path});
      }
      spec.points.push_back(std::move(point));
      sites.settings.push_back(std::move(point_sites));
      sites.points.push_back(detail::PointSite{parameters.key_origin});
      for (std::size_t k = digit.size(); k-- > 0;) {
        if (++digit[k] < spec.parameters[k].values.size()) break;
        digit[k] = 0;
      }
    }
  }

  // One end or the step of a range: a number and the unit text after it.
  struct RangeNumber {
    double number = 0.0;
    std::string unit;       // trimmed; empty for a plain number
    std::string separator;  // " " when the number and the unit were apart
  };

  RangeNumber range_number(const YamlNode& node, const std::string& path) {
    const std::string expectation = "a number, optionally with a unit, like '10' or '1 h per week'";
    const std::string& text = scalar(node, path, expectation);
    std::string_view t = detail::trim(text);
    // The longest prefix that reads as a decimal number.
    std::size_t n = 0;
    bool digits = false;
    if (n < t.size() && (t[n] == '+' || t[n] == '-')) ++n;
    while (n < t.size() && (std::isdigit(static_cast<unsigned char>(t[n])) || t[n] == '.')) {
      digits = digits || t[n] != '.';
      ++n;
    }
    if (!digits) n = 0;
    if (n < t.size() && (t[n] == 'e' || t[n] == 'E') && n + 1 < t.size() &&
        (std::isdigit(static_cast<unsigned char>(t[n + 1])) ||
         ((t[n + 1] == '+' || t[n + 1] == '-') && n + 2 < t.size() &&
          std::isdigit(static_cast<unsigned char>(t[n + 2]))))) {
      n += 2;
      while (n < t.size() && std::isdigit(static_cast<unsigned char>(t[n]))) ++n;
    }
    RangeNumber out;
    if (n == 0) check(detail::parse_number(t, expectation), node, path);  // says what is wrong
    out.number = check(detail::parse_number(t.substr(0, n), expectation), node, path);
    out.unit = std::string(detail::trim(t.substr(n)));
    out.separator = n < t.size() && std::isspace(static_cast<unsigned char>(t[n])) ? " " : "";
    return out;
  }

  void same_unit(const RangeNumber& from, const RangeNumber& other, const YamlNode& node,
                 const char* key, const std::string& path) {
    if (other.unit == from.unit) return;
    fail(node.origin, std::string("'") + key + "' must carry the same unit as 'from' (" +
                          (from.unit.empty() ? std::string("none") : "'" + from.unit + "'") +
                          "), got '" + node.text + "'",
         key_path_join(path, key));
  }

  // {from, to, step} (arithmetic) or {from, to, factor} (geometric), both inclusive.
  void range(const YamlNode& node, const std::string& path, SweepParameter& parameter) {
    check_keys(node, path, kRangeKeys);
    const YamlNode* step = node.find("step");
    const YamlNode* factor = node.find("factor");
    if (step && factor) {
      fail(factor->origin, "a range has either 'step' (arithmetic) or 'factor' (geometric), not both",
           key_path_join(path, "factor"));
    }
    const YamlNode& from_node = required(node, "from", path);
    const YamlNode& to_node = required(node, "to", path);
    if (!step && !factor) {
      fail(node.origin, "a range needs 'step' (from, from + step, ... up to to) or 'factor' "
                        "(from, from x factor, ... up to to)", key_path_join(path, "step"));
    }
    const RangeNumber from = range_number(from_node, key_path_join(path, "from"));
    const RangeNumber to = range_number(to_node, key_path_join(path, "to"));
    same_unit(from, to, to_node, "to", path);
    if (to.number < from.number) {
      fail(to_node.origin, "a range runs upward: 'to' ('" + to_node.text + "') is below 'from' ('" +
                               from_node.text + "')", key_path_join(path, "to"));
    }
    const double max = static_cast<double>(kMaxSweepPoints);
    auto too_many = [&](double count, const YamlNode& culprit, const char* key, const char* advice) {
      fail(culprit.origin, "this range gives " +
                               (count < 1e15 ? exact_decimal(count) : std::string("over 10^15")) +
                               " values, more than the " + std::to_string(kMaxSweepPoints) +
                               " a sweep allows; " + advice,
           key_path_join(path, key));
    };
    std::vector<double> numbers;
    if (step) {
      const RangeNumber by = range_number(*step, key_path_join(path, "step"));
      same_unit(from, by, *step, "step", path);
      if (!(by.number > 0.0)) {
        fail(step->origin, "a range's step must be more than 0, got '" + step->text + "'",
             key_path_join(path, "step"));
      }
      // The 1e-9 absorbs rounding, so that 0.1 to 0.3 by 0.1 includes 0.3.
      const double count = std::floor((to.number - from.number) / by.number + 1e-9) + 1.0;
      if (!(count <= max)) too_many(count, *step, "step", "use a larger step");
      for (int i = 0; i < static_cast<int>(count); ++i) numbers.push_back(from.number + i * by.number);
    } else {
      const double f = number(*factor, key_path_join(path, "factor"));
      if (!(f > 1.0)) {
        fail(factor->origin, "a geometric range's factor must be more than 1, got '" + factor->text + "'",
             key_path_join(path, "factor"));
      }
      if (!(from.number > 0.0)) {
        fail(from_node.origin, "a geometric range starts above 0, got '" + from_node.text + "'",
             key_path_join(path, "from"));
      }
      const double count = std::floor(std::log(to.number / from.number) / std::log(f) + 1e-9) + 1.0;
      if (!(count <= max)) too_many(count, *factor, "factor", "use a larger factor");
      for (int i = 0; i < static_cast<int>(count); ++i) numbers.push_back(from.number * std::pow(f, i));
    }
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      std::string text = exact_decimal(numbers[i]);
      if (!from.unit.empty()) text += from.separator + from.unit;
      parameter.values.push_back(std::move(text));
      parameter.where.push_back(where(node.origin, key_path_index(path, i)));
    }
  }

  void load_point_list(const YamlEntry& points, SweepSpec& spec, SweepSites& sites) {
    const std::string path = "sweep.points";
    const std::string expectation =
        "a point like {desks.ceo.budget: \"1 h per week\", desks.frontline.staff: 12}";
    const YamlNode& node = points.value;
    if (node.is_null()) fail(points.key_origin, "at least one point is needed", path);
    expect_list(node, path, "a list of points like {desks.ceo.budget: \"1 h per week\"}");
    if (node.items.empty()) fail(node.origin, "at least one point is needed", path);
    if (node.items.size() > kMaxSweepPoints) {
      fail(points.key_origin, "the list has " + std::to_string(node.items.size()) +
                                  " points, more than the " + std::to_string(kMaxSweepPoints) +
                                  " a sweep allows; split the sweep", path);
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const YamlNode& item = node.items[i];
      const std::string ip = key_path_index(path, i);
      expect_map(item, ip, expectation);
      if (item.entries.empty()) fail(item.origin, "a point sets at least one key", ip);
      std::vector<std::string> keys;
      for (const SweepParameter& parameter : spec.parameters) keys.push_back(parameter.key);
      if (i == 0) {
        for (const YamlEntry& e : item.entries) {
          check_parameter_key(e, key_path_join(ip, e.key), spec.parameters);
          spec.parameters.push_back(SweepParameter{e.key, {}, {}});
        }
      } else {
        for (const YamlEntry& e : item.entries) {
          if (std::find(keys.begin(), keys.end(), e.key) == keys.end()) {
            fail(e.key_origin, "point " + std::to_string(i) + " sets '" + e.key +
                                   "', which point 0 does not; every point sets the same keys (" +
                                   detail::join_names(keys) + ")",
                 key_path_join(ip, e.key));
          }
        }
        for (const std::string& key : keys) {
          if (!item.find(key)) {
            fail(item.origin, "point " + std::to_string(i) + " does not set '" + key +
                                  "', which point 0 sets; every point sets the same keys (" +
                                  detail::join_names(keys) + ")",
                 ip);
          }
        }
      }
      SweepPoint point;
      point.index = static_cast<int>(i);
      std::vector<detail::SettingSite> point_sites;
      for (SweepParameter& parameter : spec.parameters) {
        const YamlEntry& e = *entry(item, parameter.key);
        const std::string vp = key_path_join(ip, e.key);
        const std::string& value = setting_value(e.value, vp);
        if (e.key == kDemandMultiplier) check_multiplier(e.value, value, vp);
        // The parameter's values: the distinct ones, in order of appearance.
        if (std::find(parameter.values.begin(), parameter.values.end(), value) ==
            parameter.values.end()) {
          parameter.values.push_back(value);
          parameter.where.push_back(where(e.value.origin, vp));
        }
        point.settings.emplace_back(e.key, value);
        point_sites.push_back(detail::SettingSite{e.key, e.key_origin, vp, e.value.origin, vp});
      }
      spec.points.push_back(std::move(point));
      sites.settings.push_back(std::move(point_sites));
      sites.points.push_back(detail::PointSite{item.origin});
    }
  }

  Scenario& s_;
  const std::vector<detail::SettingSite>* sites_ = nullptr;
  double demand_multiplier_ = 1.0;
  int first_site_index_ = 0;
  std::vector<std::string> desk_names_;
  std::vector<bool> executive_desks_;  // by desk index, from the desk's keys
};

// Applies one setting of a sweep point as override number `index`; an error in it is
// reported at its site in the sweep section when there is one.
void apply_setting(YamlNode& tree, const std::string& key, const std::string& value, int index,
                   const detail::SettingSite* site) {
  try {
    detail::apply_override(tree, key + "=" + value, index);
  } catch (const ScenarioError& e) {
    // The message reads "--set:N:C: message (key path in the file)".
    const std::string text = e.what();
    const std::string prefix = "--set:" + std::to_string(index) + ":";
    const std::size_t colon = text.find(": ", prefix.size());
    if (!site || text.rfind(prefix, 0) != 0 || colon == std::string::npos) throw;
    const int column = std::atoi(text.substr(prefix.size(), colon - prefix.size()).c_str());
    std::string message = text.substr(colon + 2);
    // The key path in the file is replaced by the site's path in the sweep section.
    const std::size_t open = message.rfind(" (");
    if (!message.empty() && message.back() == ')' && open != std::string::npos &&
        message.find_first_of(" '", open + 2) == std::string::npos) {
      message.erase(open);
    }
    const bool on_key = column <= static_cast<int>(key.size());
    throw SiteError(detail::format_error(on_key ? site->key_at : site->value_at, message,
                                         on_key ? site->key_path : site->value_path));
  }
}

}  // namespace

namespace detail {

double apply_overrides(YamlNode& root, const std::vector<std::string>& overrides) {
  double multiplier = 1.0;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const std::string& argument = overrides[i];
    const std::size_t equals = argument.find('=');
    if (equals == std::string::npos ||
        detail::trim(std::string_view(argument).substr(0, equals)) != kDemandMultiplier) {
      apply_override(root, argument, index);
      continue;
    }
    // Not a key of the file: it scales demand, exactly as a sweep's demand_multiplier does.
    const std::string value(detail::trim(std::string_view(argument).substr(equals + 1)));
    Parsed<double> m = demand_multiplier(value);
    if (!m.ok()) {
      const std::size_t first = argument.find_first_not_of(' ', equals + 1);
      const int column = static_cast<int>(first == std::string::npos ? equals + 1 : first) + 1;
      throw ScenarioError(format_error(YamlOrigin{"--set", index, column}, m.problem,
                                       kDemandMultiplier));
    }
    multiplier *= *m.value;
  }
  return multiplier;
}

Scenario load_sweep_point(const YamlNode& root, const std::string& path, int first_index,
                          const SweepPoint& point, const std::vector<SettingSite>& sites,
                          const PointSite& point_site, double demand_multiplier_of_base) {
  const bool located = sites.size() == point.settings.size();
  try {
    YamlNode tree = root;
    if (tree.is_map()) {
      std::erase_if(tree.entries, [](const YamlEntry& e) { return e.key == "sweep"; });
    }
    double multiplier = demand_multiplier_of_base;
    for (std::size_t i = 0; i < point.settings.size(); ++i) {
      const auto& [key, value] = point.settings[i];
      const SettingSite* site = located ? &sites[i] : nullptr;
      const int index = first_index + static_cast<int>(i);
      if (key != kDemandMultiplier) {
        apply_setting(tree, key, value, index, site);
        continue;
      }
      Parsed<double> m = demand_multiplier(value);
      if (!m.ok()) {
        if (site) throw SiteError(format_error(site->value_at, m.problem, site->value_path));
        throw ScenarioError(format_error(YamlOrigin{"--set", index, static_cast<int>(key.size()) + 2},
                                         m.problem, key));
      }
      multiplier *= *m.value;
    }
    Scenario scenario;
    Loader loader(scenario);
    if (located) loader.locate_settings(&sites, first_index);
    loader.multiply_demand(multiplier);
    loader.load(tree, path);
    validate_graph(scenario, loader.check_policies());
    return scenario;
  } catch (const SiteError&) {
    throw;
  } catch (const ScenarioError& e) {
    // No one setting is to blame (a graph rule broken by the combination): name the point.
    throw ScenarioError(format_error(point_site.at,
                                     "sweep point " + std::to_string(point.index) + " (" +
                                         describe_settings(point) +
                                         ") is not a valid scenario: " + e.what(),
                                     ""));
  }
}

}  // namespace detail

Scenario load_scenario_text(const std::string& text, const std::string& path,
                            const std::vector<std::string>& overrides) {
  Scenario scenario;
  scenario.source_path = path;
  scenario.source_text = text;
  scenario.overrides = overrides;
  detail::YamlNode root = detail::parse_yaml_document(text, path);
  if (!overrides.empty() && root.is_null()) {
    throw ScenarioError(detail::format_error(YamlOrigin{path, 1, 1}, "scenario is empty", ""));
  }
  const double multiplier = detail::apply_overrides(root, overrides);
  Loader loader(scenario);
  loader.load(root, path);
  validate_graph(scenario, loader.check_policies());
  for (DemandStream& stream : scenario.demand) stream.rate = stream.rate * multiplier;
  for (const YamlEntry& e : root.entries) {
    if (e.key != "sweep") continue;
    Loader::SweepSites sites;
    scenario.sweep = Loader(scenario).load_sweep(e.value, e.key_origin, sites);
    // Every point must make a valid scenario; checked now, not hours into the sweep.
    const int first_index = static_cast<int>(overrides.size()) + 1;
    for (std::size_t i = 0; i < scenario.sweep->points.size(); ++i) {
      detail::load_sweep_point(root, path, first_index, scenario.sweep->points[i],
                               sites.settings[i], sites.points[i], multiplier);
    }
  }
  return scenario;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw ScenarioError(path + ": cannot read file (it is a directory)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot read file (" + std::strerror(errno) + ")");
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) {
      throw ScenarioError(path + ": cannot read file (larger than 16 MB; is it a scenario?)");
    }
  }
  if (in.bad()) throw ScenarioError(path + ": cannot read file (" + std::strerror(errno) + ")");
  return load_scenario_text(text, path, overrides);
}

}  // namespace escalsim
