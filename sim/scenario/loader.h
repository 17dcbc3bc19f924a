// The scenario loader's reader, shared by its pieces: one Loader reads a YAML tree into a
// Scenario section by section (load_run.cc, load_desks.cc, load_executive.cc,
// load_demand.cc, load_routes.cc, load_policies.cc, load_customers.cc, load_sweep.cc), with
// the checking readers of loader.cc; scenario_loader.cc is the entry point (overrides and
// the checks across sections). Every error is one ScenarioError at `path:line:col`.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "scenario/sweep_point.h"
#include "scenario/unit_parser.h"
#include "scenario/yaml_document.h"

namespace escalsim::detail {

// What one run can do, so that a value a script or a typo produces is an error that names
// its bound, not a run that never ends, a silent zero or an out-of-memory crash. The README
// lists them; each is far beyond any organisation being modelled.
inline constexpr double kMaxHorizonWeeks = 100000;             // about 1900 years
inline constexpr double kMaxRatePerHour = 1e6;                 // 24 million complaints a day
inline constexpr double kMaxSurgeFactor = 1000;
inline constexpr double kMaxComplaintsPerRun = 1e8;            // expected first contacts, one replication
inline constexpr std::int64_t kMaxStaff = 1000000;             // a desk's staff, its shifts summed
inline constexpr std::int64_t kMaxReplications = 100000;
// Samples of the backlog series one run keeps (per desk): a finer sample_interval is
// coarsened, with a note, so that memory and output stay bounded on any horizon.
inline constexpr double kMaxBacklogSamples = 10000;
inline constexpr double kMaxLognormalSdPerMean = 1000;
// A complaint stores its channel, segment and demand stream in 8 bits and its desk in 16:
// the loader keeps the counts where those cannot wrap.
inline constexpr std::size_t kMaxChannels = 256;
inline constexpr std::size_t kMaxSegments = 256;
inline constexpr std::size_t kMaxDemandStreams = 256;
inline constexpr std::size_t kMaxDesks = 1000;
inline constexpr double kMinGammaShape = 0.001;
inline constexpr double kMaxGammaShape = 1000000;
// A sweep's grid or list holds at most this many points, and one range at most this many
// values: a guard against a typo that would run for ever. Every point is loaded and checked
// when the scenario is (about 45 us a point in a release build); the fuzz build, some 25 times
// slower and allowed 20 s an input, keeps the same checks over fewer points.
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
inline constexpr std::size_t kMaxSweepPoints = 100;
#else
inline constexpr std::size_t kMaxSweepPoints = 100000;
#endif

// Names written in more than one section. Severities are indexed like Severity, days from
// Monday.
inline const std::vector<std::string> kSeverityNames = {"minor", "moderate", "serious",
                                                        "critical"};
inline const std::vector<std::string> kDayNames = {"mon", "tue", "wed", "thu",
                                                   "fri", "sat", "sun"};

// An error already located at a setting's site in the sweep section: passed on unchanged.
class SiteError : public ScenarioError {
 public:
  explicit SiteError(const ScenarioError& located) : ScenarioError(located) {}
};

// A number as an exact short decimal: rounded to 12 significant digits, so that range
// arithmetic gives "0.3", not "0.30000000000000004".
std::string exact_decimal(double value);

// The value of a demand multiplier: a number above 0.
Parsed<double> demand_multiplier(const std::string& text);

// Reads the YAML tree into the Scenario, checking every key and value on the way.
class Loader {
 public:
  explicit Loader(Scenario& scenario) : s_(scenario) {}

  // Reads the whole tree (every section but the sweep) into the scenario; `path` names the
  // file in messages and gives the default run name. Throws ScenarioError.
  void load(const YamlNode& root, const std::string& path);

  // Builds every configured policy once (and drops it), so that a bad parameter is reported
  // when the file is loaded, not when it runs. Returns the desks complaints may enter other
  // than by demand and routes (policies' targets, returning customers' desk), for the graph
  // check. REQUIRES: load() done.
  std::vector<int> check_policies();

  // A sweep point's demand multiplier: every stream's rate is multiplied as it is loaded, so
  // that the bounds on rates hold for the rates that run.
  void multiply_demand(double multiplier) { demand_multiplier_ = multiplier; }

  // While a sweep point is loaded: its settings were applied as overrides numbered from
  // `first_index`, one per entry of `sites`; errors at them are reported at their sites.
  void locate_settings(const std::vector<SettingSite>* sites, int first_index) {
    sites_ = sites;
    first_site_index_ = first_index;
  }

  // Where the settings of each point were written, filled by load_sweep.
  struct SweepSites {
    std::vector<std::vector<SettingSite>> settings;  // per point, per setting
    std::vector<PointSite> points;                   // per point
  };

  // The `sweep:` section: reads and expands it. The caller checks each point's scenario.
  SweepSpec load_sweep(const YamlNode& node, const YamlOrigin& key_at, SweepSites& sites);

 private:
  // --- Messages and the shared readers (loader.cc) ---------------------------------------

  [[noreturn]] void fail(const YamlOrigin& at, const std::string& message,
                         const std::string& key_path);

  // The sweep setting that an override origin "--set:N:C" stands for, or nullptr.
  const SettingSite* site_of(const YamlOrigin& at) const;

  // An error located at an override "--set:N:C" (as policies report their parameters): when
  // override N is a sweep setting, throws it at the setting's site in the sweep section;
  // otherwise returns.
  void relocate_setting_error(const ScenarioError& error);

  static const YamlEntry* entry(const YamlNode& map, const std::string& key);

  bool boolean(const YamlNode& node, const std::string& path);

  void check_keys(const YamlNode& map, const std::string& path,
                  const std::vector<std::string>& accepted);

  const YamlNode& expect_map(const YamlNode& node, const std::string& path,
                             const std::string& what);

  const YamlNode& expect_list(const YamlNode& node, const std::string& path,
                              const std::string& what);

  const YamlNode& required(const YamlNode& map, const std::string& key, const std::string& path);

  // The text of a scalar; anything else fails with "expected <expectation>, got a map".
  const std::string& scalar(const YamlNode& node, const std::string& path,
                            const std::string& expectation);

  template <typename T>
  T check(const Parsed<T>& parsed, const YamlNode& node, const std::string& path) {
    if (!parsed.ok()) fail(node.origin, parsed.problem, path);
    return *parsed.value;
  }

  // Any duration: none is longer than the longest horizon, so that sums and means of
  // durations stay finite.
  Duration duration(const YamlNode& node, const std::string& path);

  static std::string max_horizon_text();

  // A duration in (0, max]: "<what> must be at most <max_text>" when above it or too large
  // for a double.
  Duration bounded_duration(const YamlNode& node, const std::string& path, const char* what,
                            Duration max, const std::string& max_text);

  Duration positive_duration(const YamlNode& node, const std::string& path, const char* what);

  double share(const YamlNode& node, const std::string& path);

  double number(const YamlNode& node, const std::string& path);

  std::int64_t integer(const YamlNode& node, const std::string& path, std::int64_t min,
                       std::int64_t max);

  // One word from a fixed list, with "did you mean".
  int choice(const YamlNode& node, const std::string& path, const std::string& what,
             const std::vector<std::string>& names);

  int desk_ref(const YamlNode& node, const std::string& path, bool allow_exit);

  bool is_none(const YamlNode& node);

  std::string multiplier_note() const;

  SourceLocation where(const YamlOrigin& origin, const std::string& path);

  // --- run (load_run.cc) -----------------------------------------------------------------

  void load_run(const YamlNode& node, const std::string& file_path);

  // The smallest whole number of seconds, minutes, hours, days or weeks (the largest unit
  // that fits) at least `at_least`.
  static Duration coarse_interval(Duration at_least);

  static std::string describe_interval(Duration d);

  // A fixed warm-up (a duration), or the word 'auto' (handled by the caller).
  Duration warmup(const YamlNode& node, const std::string& path);

  static std::string default_name(const std::string& file_path);

  // --- desks and distributions (load_desks.cc) -------------------------------------------

  void load_desk_names(const YamlNode& node);

  void load_desks(const YamlNode& node);

  void load_desk(const YamlEntry& entry, Desk& desk);

  std::array<bool, 7> days(const YamlNode& node, const std::string& path);

  void load_shifts(const YamlNode& node, const std::string& path, Desk& desk);

  Duration time_of_day(const YamlNode& node, const std::string& path);

  Distribution distribution(const YamlNode& node, const std::string& path, const char* mean_name);

  std::array<double, kSeverityCount> resolution(const YamlNode& node, const std::string& path);

  // A desk map with `budget` or `items` is an executive desk.
  static bool is_executive_desk(const YamlNode& node);

  // --- the executive desk (load_executive.cc) --------------------------------------------

  // The executive keys of a desk map (`path` is the desk's), given it has budget or items.
  ExecutiveBudget load_executive(const YamlNode& node, const std::string& path, const Desk& desk);

  // "mon 08:00-09:00" or "mon-fri 08:00-09:00" (one window per day).
  void add_windows(const YamlNode& node, const std::string& path,
                   std::vector<AvailabilityWindow>& windows);

  // --- demand: streams, segments, pattern, surges (load_demand.cc) -----------------------

  void load_demand(const YamlNode& node);

  void load_stream(const YamlNode& node, const std::string& path, const std::string& default_name);

  static int intern(std::vector<std::string>& names, const std::string& name);

  // A map of name -> share summing to 1. With `accepted`, names must come from it.
  std::vector<std::pair<std::string, double>> shares(const YamlNode& node, const std::string& path,
                                                     const std::string& what,
                                                     const std::vector<std::string>* accepted);

  void load_segments(const YamlNode* node, const std::string& path, DemandStream& stream);

  // The index of a segment, added on first mention; a later mention must agree on the value.
  // `at` and `path` name where this mention gives the value (or leaves it out).
  int segment_index(const std::string& name, double value, const YamlOrigin& at,
                    const std::string& path);

  WeeklyPattern pattern(const YamlNode& node, const std::string& path);

  double weight(const YamlNode& node, const std::string& path);

  // The complaints a stream is expected to bring in one replication (its rate over the
  // horizon, surges included) must be what a run can do. REQUIRES: run loaded.
  void check_complaints_per_run(const DemandStream& stream, const YamlNode& rate,
                                const std::string& path);

  void load_surges(const YamlNode& node, const std::string& path, DemandStream& stream);

  // --- routes (load_routes.cc) -----------------------------------------------------------

  void load_routes(const YamlNode& node);

  void condition(const YamlNode& node, const std::string& path, Route& route);

  // --- policies (load_policies.cc) -------------------------------------------------------

  // Each item is a bare policy name, or a one-key map from the name to its parameters.
  // Parameter values are kept as written; the policy parses them (make_policy).
  void load_policies(const YamlNode& node);

  // A scalar as written, or a list of scalars joined with ", " ("minor, moderate").
  std::string parameter_value(const YamlEntry& e, const std::string& path);

  // --- customers (load_customers.cc) -----------------------------------------------------

  // The customer model: every key optional, defaults as in CustomerModel.
  void load_customers(const YamlNode& node);
  // --- economy (load_economy.cc) ---------------------------------------------------------
  void load_economy(const YamlNode& node);

  void load_loyalty(const YamlNode& node, const std::string& path);

  // One duration for every channel, or a map per channel with an optional `default`.
  void load_quickly(const YamlNode& node, const std::string& path);

  // An amount of currency per hour: a plain number, 0 or more.
  double cost(const YamlNode& node, const std::string& path);

  // --- service levels (load_service_level.cc) -------------------------------------------

  // The top-level `service_level:` map: `within` (one duration or a list) and optional
  // per-channel targets. REQUIRES: the demand loaded (its channels known).
  void load_service_level(const YamlNode& node);

  // A `{within: ...}` map on a desk or a channel.
  std::vector<Duration> desk_service_level(const YamlNode& node, const std::string& path);

  // The `within` of a service-level map: positive whole seconds, distinct, ascending.
  std::vector<Duration> service_level_targets(const YamlNode& node, const std::string& path);

  // --- the sweep grid (load_sweep.cc) ----------------------------------------------------

  // A parameter key: an override key path, or kDemandMultiplier; no two for one setting.
  void check_parameter_key(const YamlEntry& e, const std::string& path,
                           const std::vector<SweepParameter>& earlier);

  // One value of a sweep parameter, as --set would take it.
  const std::string& setting_value(const YamlNode& node, const std::string& path);

  void check_multiplier(const YamlNode& node, const std::string& text, const std::string& path);

  void load_grid(const YamlEntry& parameters, SweepSpec& spec, SweepSites& sites);

  // One end or the step of a range: a number and the unit text after it.
  struct RangeNumber {
    double number = 0.0;
    std::string unit;       // trimmed; empty for a plain number
    std::string separator;  // " " when the number and the unit were apart
  };

  RangeNumber range_number(const YamlNode& node, const std::string& path);

  void same_unit(const RangeNumber& from, const RangeNumber& other, const YamlNode& node,
                 const char* key, const std::string& path);

  // {from, to, step} (arithmetic) or {from, to, factor} (geometric), both inclusive.
  void range(const YamlNode& node, const std::string& path, SweepParameter& parameter);

  void load_point_list(const YamlEntry& points, SweepSpec& spec, SweepSites& sites);

  // --- state -----------------------------------------------------------------------------

  Scenario& s_;
  const std::vector<SettingSite>* sites_ = nullptr;
  double demand_multiplier_ = 1.0;
  int first_site_index_ = 0;
  std::vector<std::string> desk_names_;
  std::vector<bool> executive_desks_;  // by desk index, from the desk's keys
};

}  // namespace escalsim::detail
