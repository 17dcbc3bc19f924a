// A scenario as plain structs: demand, desks, routes and run settings, units resolved.
//
// The loader (load_scenario) builds one from YAML and validates it; tests may build one
// directly. Every field has its YAML key and default documented in scenarios/README.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "escalsim/units.h"

namespace escalsim {

// Where a value came from, for error messages raised after loading.
struct SourceLocation {
  std::string file;      // scenario path, or "--set" for a command-line override
  int line = 0;          // 1-based; 0 when unknown
  int column = 0;        // 1-based; 0 when unknown
  std::string key_path;  // e.g. "routes[2].to"
};

// Severity levels, ordered: a route condition "severity at least serious" holds for
// serious and critical. YAML names: minor, moderate, serious, critical.
enum class Severity : std::uint8_t { kMinor, kModerate, kSerious, kCritical };
inline constexpr int kSeverityCount = 4;

// A random duration. Every kind is parameterised by what a user knows (mean, sd, ...).
struct Distribution {
  enum class Kind { kExponential, kFixed, kUniform, kLognormal, kGamma, kErlang, kEmpirical };
  Kind kind = Kind::kExponential;
  Duration mean;                 // exponential, fixed (the value), lognormal, gamma, erlang
  Duration sd;                   // lognormal
  Duration low, high;            // uniform
  double shape = 1.0;            // gamma shape; erlang phase count k (a whole number)
  std::vector<Duration> values;  // empirical: drawn with equal probability

  // The expected value, whatever the kind.
  Duration expected() const;
  // The squared coefficient of variation Var/mean^2, whatever the kind.
  double squared_cv() const;
};

// The shape of demand over the 168 hours of a week (hour 0 = Monday 00:00-01:00).
// Weights are normalised to mean 1, so the demand's rate is the weekly average.
struct WeeklyPattern {
  std::string name = "flat";  // a named pattern, or "table" for an explicit one
  std::array<double, 168> weight{};

  static WeeklyPattern flat();
};

// A temporary multiplication of demand (a viral week, an outage).
struct Surge {
  SimTime start;
  Duration duration;
  double factor = 1.0;
};

// A customer segment: a share of customers and what one is worth.
struct Segment {
  std::string name;
  double value_per_year = 0.0;  // revenue per customer per year, in the scenario's currency
};

// A source of complaints: a Poisson process with a weekly pattern and surges.
struct DemandStream {
  std::string name;                            // "demand" when the file has a single stream
  int enters_desk = 0;                         // index into Scenario::desks
  Rate rate;                                   // average over a week, before surges
  WeeklyPattern pattern = WeeklyPattern::flat();
  std::vector<Surge> surges;
  std::vector<double> channel_share;           // indexed like Scenario::channels, sums to 1
  std::array<double, kSeverityCount> severity_share{1.0, 0.0, 0.0, 0.0};  // sums to 1
  double public_share = 0.0;                   // share of complaints made in public
  std::vector<double> segment_share;           // indexed like Scenario::segments, sums to 1
  SourceLocation where;
};

// A block of staffing: on these weekdays, from..to (time of day), this many staff.
// Overlapping shifts add up. Work in progress when a shift ends is finished.
struct Shift {
  std::array<bool, 7> days{};  // Monday first
  Duration from;               // time of day, 0 to 24 h
  Duration to;                 // time of day, after from; 24 h for midnight
  int staff = 0;
};

// A weekly span in which the executive desk may work, e.g. Friday 16:00-18:00.
struct AvailabilityWindow {
  int day = 0;  // 0 = Monday
  Duration from;
  Duration to;
};

enum class WhenBudgetSpent {
  kWait,      // complaints wait for the next budget period
  kHandBack,  // waiting and new complaints go to hand_back_desk
  kDecline,   // waiting and new complaints are closed unresolved (counted as declined)
};

// The capacity of an executive desk: a time budget inside availability windows.
//
// Accounting: an item may start only inside a window while both budgets have something
// left; it is charged its whole handle time when it starts, to the week (Monday 00:00) and
// month (kMonth from the start) in which it starts. An item that starts with less budget
// left than it takes finishes anyway; the excess is reported as overrun. Work in progress
// at the end of a window is finished.
struct ExecutiveBudget {
  std::optional<Duration> per_week;       // hours the executive gives each week
  std::optional<int> items_per_month;     // complaints the executive handles each month
  std::vector<AvailabilityWindow> windows;  // empty: any time
  WhenBudgetSpent when_spent = WhenBudgetSpent::kWait;
  int hand_back_desk = -1;                // index into Scenario::desks, for kHandBack
};

enum class QueueDiscipline {
  kFifo,                // first come at this desk, first served
  kPriorityBySeverity,  // most severe first, FIFO within a severity (non-preemptive)
  kOldestFirst,         // earliest arrival in the system first
};

// A staffed station. Staff is a fixed count, or shifts when `shifts` is not empty.
struct Desk {
  std::string name;
  int staff = 1;
  std::vector<Shift> shifts;
  Distribution handle_time;
  std::optional<Distribution> patience;  // none: complaints wait as long as it takes
  std::array<double, kSeverityCount> resolution_probability{1.0, 1.0, 1.0, 1.0};
  QueueDiscipline discipline = QueueDiscipline::kFifo;
  std::optional<int> queue_limit;        // waiting places; an arrival finding them full is refused
  std::optional<ExecutiveBudget> executive;  // set for an executive desk
  // Service-level targets of this desk (`service_level: {within: ...}`), ascending; empty:
  // the scenario's (Scenario::service_level).
  std::vector<Duration> service_level;
  SourceLocation where;

  bool is_executive() const { return executive.has_value(); }
};

// When a route applies to a complaint that has just been served at its `from` desk.
enum class RouteCondition {
  kAlways,
  kUnresolved,        // this desk did not resolve it
  kResolved,          // this desk resolved it
  kSeverityAtLeast,   // severity >= min_severity
  kWaitedLongerThan,  // time since the complaint's first arrival > waited (an SLA breach)
  kPublic,            // the complaint was made in public
};

inline constexpr int kExit = -1;  // Route::to for leaving the organisation

// An edge of the organisation graph.
//
// After service, the routes from the desk whose condition holds are taken in file order
// with one uniform draw u: the first route whose cumulative probability exceeds u wins;
// if none does, the complaint leaves (resolved if this desk resolved it, else closed
// unresolved). Validation keeps the probabilities of routes that can hold together <= 1.
struct Route {
  int from = 0;     // index into Scenario::desks
  int to = kExit;   // index into Scenario::desks, or kExit
  RouteCondition condition = RouteCondition::kAlways;
  Severity min_severity = Severity::kMinor;
  Duration waited;
  double probability = 1.0;
  SourceLocation where;
};

// Whether `route`'s condition holds for a complaint of `severity` just served at the route's
// desk, which `resolved` it or not, `in_system_min` minutes after the complaint's first
// arrival (`waited_longer_than` holds strictly after its threshold). The engine and the
// traffic equations both decide routes by it.
bool route_applies(const Route& route, Severity severity, bool is_public, bool resolved,
                   double in_system_min);

struct RunSettings {
  std::string name;
  std::string description;
  Duration horizon = Duration::weeks(52);
  Duration warmup;  // excluded from every statistic; 0 by default (the run starts empty)
  // `warmup: auto`: each replication finds its own warm-up by MSER-5 truncation (see
  // ExperimentOptions); `warmup` is then ignored.
  bool warmup_auto = false;
  std::uint64_t seed = 1;
  int replications = 1;
  Duration sample_interval = Duration::days(1);  // spacing of the backlog time series
};

// One parameter of a policy as written, for the policy to parse with units.
struct PolicyParam {
  std::string key;
  std::string value;  // the scalar as written ("2%", "4 weeks", "ceo")
  SourceLocation where;
};

// A policy from the catalogue, as configured in the scenario's `policies:` list. The
// policy itself (sim/policies/) parses and validates its parameters.
struct PolicyConfig {
  std::string name;  // "open_inbox", "random_sample_signoff", ...
  std::vector<PolicyParam> params;
  SourceLocation where;

  // The parameter with this key, or nullptr.
  const PolicyParam* find(const std::string& key) const;
};

// Outcomes of a complaint, as the customer sees them.
enum class Outcome : std::uint8_t {
  kResolvedQuickly,  // resolved within the channel's "quickly" threshold
  kResolvedSlowly,
  kUnresolved,       // closed unresolved (declined included)
  kAbandoned,        // gave up waiting, or refused at a full queue
};
inline constexpr int kOutcomeCount = 4;

// What outcomes cost: loyalty, repeat contacts, and the price of staff and executive time.
// Defaults and their sources are in scenarios/README.md (TARP for loyalty).
struct CustomerModel {
  // Share still loyal after each outcome, for small losses and for losses over $100
  // (a segment whose value_per_year is over large_loss_above_per_year counts as large).
  // TARP figures.
  std::array<double, kOutcomeCount> loyal_small{0.95, 0.70, 0.46, 0.46};
  std::array<double, kOutcomeCount> loyal_large{0.82, 0.54, 0.19, 0.19};
  double loyal_no_complaint_small = 0.37;  // reference: customers who did not complain
  double loyal_no_complaint_large = 0.09;
  // The size of loss above which TARP's "large loss" row applies, compared with a
  // segment's value per year (what a customer who leaves takes away in a year), in the
  // scenario's currency per year. TARP's split is at $100.
  double large_loss_above_per_year = 100.0;
  // "Resolved quickly" means within this time from first contact, per channel (indexed
  // like Scenario::channels); channels not listed use quickly_default.
  Duration quickly_default = Duration::days(1);
  std::vector<Duration> quickly_by_channel;
  // Executive attention: loyalty added for a complaint the executive handled; loyalty
  // taken from public complaints left unanswered while the executive answers others.
  double executive_attention_bonus = 0.10;
  double unanswered_public_penalty = 0.05;
  // Repeat contacts: a customer whose complaint was closed unresolved or abandoned comes
  // back with this probability after this delay (exponential), by `return_channel` (-1:
  // the same channel) entering `return_desk` (-1: where the demand entered).
  double return_probability = 0.0;
  Duration return_delay = Duration::days(3);
  int return_desk = -1;
  int return_channel = -1;  // index into Scenario::channels
  int max_contacts = 3;  // a customer stops after this many contacts
  // Prices, in the scenario's currency.
  double staff_cost_per_hour = 30.0;
  double executive_cost_per_hour = 500.0;  // the opportunity cost of strategy time
};

// A period of economic times (the `economy:` section): for complaints that end from `from`
// to `to`, an outcome moves loyalty (the share lost, 1 - loyalty) and goodwill
// `outcome_factor` times as much as in ordinary times (1 outside every period). Periods do
// not overlap. The factors of "good" and "bad" times are in scenarios/README.md.
struct EconomyPeriod {
  SimTime from;
  SimTime to;
  double outcome_factor = 1.0;
  SourceLocation where;
};

// The outcome factor of the economic period holding `t_min` (the first listed), or 1.
double economy_outcome_factor(const std::vector<EconomyPeriod>& economy, double t_min);

// The key of the demand multiplier in a sweep: every demand stream's rate is multiplied
// by it (a scale study is a sweep of it).
inline constexpr const char* kDemandMultiplier = "demand_multiplier";

// One axis of a sweep's grid: an override key ("desks.ceo.budget", as for --set) or
// kDemandMultiplier, and its values as written (each applied like --set key=value).
struct SweepParameter {
  std::string key;
  std::vector<std::string> values;
  std::vector<SourceLocation> where;  // of each value, for error messages
};

// One point of a sweep: the settings that make it, in parameter order.
struct SweepPoint {
  int index = 0;  // 0-based, in grid order (the last parameter varies fastest)
  std::vector<std::pair<std::string, std::string>> settings;
};

// The `sweep:` section of a scenario.
struct SweepSpec {
  std::vector<SweepParameter> parameters;  // the grid: their cartesian product
  std::vector<SweepPoint> points;          // expanded from the grid, or listed in the file
  std::optional<int> replications;         // per point; default run.replications
  // On (the default): replication r of every point uses the same random streams, so points
  // differ only by their parameters (common random numbers). Off: seeds also depend on the
  // point index.
  bool common_random_numbers = true;
  SourceLocation where;
};

struct Scenario {
  RunSettings run;
  std::vector<std::string> channels;  // channel names, in order of first mention
  std::vector<Segment> segments;      // at least one ("all" when the file names none)
  std::vector<DemandStream> demand;
  std::vector<Desk> desks;
  std::vector<Route> routes;
  std::vector<PolicyConfig> policies;  // in file order; hooks run in this order
  CustomerModel customers;
  std::optional<SweepSpec> sweep;     // present when the file has a `sweep:` section
  // Service-level targets (the top-level `service_level:` key), ascending: the share of
  // complaints answered within each is reported for every desk without its own targets,
  // every channel without its own, and every demand stream. Empty: none reported.
  std::vector<Duration> service_level;
  // Per channel (indexed like channels; empty entry: the scenario's targets).
  std::vector<std::vector<Duration>> channel_service_level;
  // The `economy:` section's periods, in file order; empty: ordinary times throughout.
  std::vector<EconomyPeriod> economy;

  // Provenance, echoed into results.
  std::string source_path;
  std::string source_text;             // the file as read
  std::vector<std::string> overrides;  // "key=value" as given to --set
  // Settings the loader adjusted rather than refused, each one line `path:line:col: what and
  // why (key path)`; the program prints them as warnings. (A backlog series too fine for
  // the horizon is coarsened.)
  std::vector<std::string> notes;

  // Index of the desk with this name, or -1.
  int desk_index(const std::string& name) const;
};

// Reads and validates a scenario file, then applies overrides ("key.path=value", each
// validated like the file's own values). Throws ScenarioError with path:line:col.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// The same from text already in memory; `path` is used in messages only.
Scenario load_scenario_text(const std::string& text, const std::string& path,
                            const std::vector<std::string>& overrides = {});

// Names used in YAML and in output.
const char* severity_name(Severity s);
const char* discipline_name(QueueDiscipline d);
const char* distribution_name(Distribution::Kind k);
const char* condition_name(RouteCondition c);

}  // namespace escalsim
