// Traces: the story of one run, event by event, for teaching and debugging.
//
// The engine reports each lifecycle point of a run to a RunObserver (EngineOptions::trace)
// as a plain TraceEvent; TraceWriter turns them into sentences with clock times or CSV rows.
// Clock: the run starts on a Monday at 00:00; times read "Mon 09:03" in the first week and
// "w2 Mon 09:03" from the second week on.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "escalsim/run_observer.h"
#include "escalsim/scenario.h"

namespace escalsim {

// What happened. Complaint events carry the complaint; desk events have complaint == -1,
// except kExecutiveTime, which names the complaint the time was for when there is one.
enum class TraceKind : std::uint8_t {
  // A complaint arrives (contacts > 1: a returning customer). Attributes only: where it
  // goes next is the following kJoin, kStart or kRoute.
  kArrival,
  kJoin,        // joins desk's queue; waiting counts it; priority: at the head of its line
  kStart,       // desk starts it after wait_min; takes duration_min; busy of staff after
  kFinish,      // desk finished it; resolved or not
  kRoute,       // sent from desk to other_desk, for `reason`
  kNotRouted,   // a policy kept it from going to other_desk: it leaves desk instead
  kAbandon,     // gave up waiting at desk after wait_min; waiting: those left
  kRefuse,      // desk's queue is full (waiting places taken)
  kDecline,     // executive desk's budget is spent and the desk declines it
  kClose,       // leaves the system; resolved or closed unresolved; duration_min: time in system
  kWillReturn,  // its customer will come back in duration_min, as contact `contacts`
  kWindowOpen,  // executive desk's availability window opens (with the budget left)
  kWindowClose,
  kStaffChange,   // staff on duty changes from staff_before to staff (a shift, or a policy)
  kBudgetWeek,    // executive desk's budget week begins
  kBudgetMonth,   // executive desk's budget month begins
  kBudgetSpent,   // executive desk's budget is used up for this week (or month)
  kExecutiveTime, // executive time spent outside a service (duration_min) by `policy`
};

// Why a complaint went where it went (kRoute, kNotRouted, kStaffChange).
enum class TraceReason : std::uint8_t {
  kNone,
  kRoute,     // a route of the scenario: TraceEvent::route
  kPolicy,    // a policy decided after service: TraceEvent::policy, detail
  kEntry,     // a policy sent a new complaint elsewhere than its entry desk (a bypass)
  kHandBack,  // the executive desk's budget is spent and it hands complaints back
};

// Who a complaint is in every variant of a scenario, whatever each variant did to other
// complaints: the `candidate`-th candidate arrival of demand stream `stream` (counted before
// any policy thins demand; `extra`: of the extra demand a policy adds to that stream,
// counted apart), and its customer's `contact`-th contact. trace_identity writes it.
struct TraceIdentity {
  std::string_view stream;       // the demand stream's name
  bool extra = false;
  std::int64_t candidate = -1;   // -1: no complaint
  int contact = 1;
};

// One event. Plain data; the string views point into the scenario and the engine and are
// valid only during RunObserver::on_event.
struct TraceEvent {
  double time_min = 0.0;  // since Monday 00:00 of the first week
  TraceKind kind = TraceKind::kArrival;

  std::int64_t complaint = -1;  // id (arrival order over the run); -1: a desk event
  TraceIdentity identity;       // the complaint's identity, when `complaint` names one
  std::string_view channel;     // complaint events: its attributes
  Severity severity = Severity::kMinor;
  bool is_public = false;
  std::string_view segment;
  int contacts = 1;             // 1: a first contact; kWillReturn: the coming contact
  bool priority = false;        // kJoin: goes to the head of its line
  bool resolved = false;        // kFinish, kClose

  int desk = -1;                 // index into Scenario::desks
  std::string_view desk_name;
  int other_desk = -1;           // kRoute: the target; kNotRouted: the target refused
  std::string_view other_desk_name;

  int waiting = 0;       // at `desk`, after the event
  int busy = 0;          // staff busy at `desk`, after the event
  int staff = 0;         // staff on duty at `desk`, after the event
  int staff_before = 0;  // kStaffChange: staff on duty before

  double wait_min = 0.0;      // kStart, kAbandon: time waited in desk's queue
  double duration_min = 0.0;  // kStart: handle time; kClose: time in the system;
                              // kWillReturn: delay; kExecutiveTime: time spent;
                              // kJoin: patience (infinity: the desk has none)
  // Executive desk with a weekly budget: minutes left this week after the event (never
  // negative); with a monthly item limit: items left this month.
  std::optional<double> budget_left_min;
  std::optional<int> items_left;
  // kBudgetSpent: what happens to its complaints; the desk it hands back to is other_desk.
  WhenBudgetSpent when_spent = WhenBudgetSpent::kWait;

  TraceReason reason = TraceReason::kNone;
  const Route* route = nullptr;  // reason kRoute
  std::string_view policy;       // the policy's catalogue name, when a policy acted
  std::string_view detail;       // the policy's own words (an escalation's trigger), or empty
};

// The observer of a run's events was called TraceObserver before it became the engine's one
// RunObserver; the name stays for the code that uses it.
using TraceObserver = RunObserver;

struct TraceWriterOptions {
  enum class Format { kText, kCsv };
  Format format = Format::kText;
  double from_min = 0.0;                 // events before this time are not written
  std::optional<std::int64_t> complaint;  // only this complaint's events
  // Only the events of the complaint with this identity (as trace_identity writes it, e.g.
  // "demand#17/2"), followed by its number from its arrival on. Ignored with `complaint`.
  std::optional<std::string> identity;
  std::optional<std::int64_t> limit;      // at most this many lines (CSV: rows, not the header)
  bool show_segment = false;              // name the segment in arrivals (several segments)
};

// Writes events as lines of text or as CSV rows (header: kTraceCsvHeader), after the
// options' filters. In text, an arrival shares its line with the complaint's next event when
// that is joining a queue, starting service or a refusal ("Mon 09:03 complaint 17 (email,
// serious) joins frontline, 3 waiting"), and a desk named "ceo" is written "CEO". Writes
// the CSV header on construction.
class TraceWriter final : public RunObserver {
 public:
  // REQUIRES: `out` outlives the writer.
  TraceWriter(std::ostream& out, TraceWriterOptions options);
  ~TraceWriter() override { finish(); }

  void on_event(const TraceEvent& event) override;
  // Writes an arrival still waiting for its complaint's next event. Called at the run's
  // end (on_run_end); calling it again writes nothing.
  void finish();
  void on_run_end(double /*end_min*/) override { finish(); }
  // The limit is reached, or the complaint followed has ended (or can no longer arrive:
  // a later one has).
  bool done() const override;

  std::int64_t written() const { return written_; }
  // With a complaint (or identity) filter: whether that complaint arrived.
  bool complaint_arrived() const { return complaint_arrived_; }

 private:
  struct PendingArrival {
    double time_min;
    std::int64_t complaint;
    std::string who;       // "complaint 17 (email, serious)"
    std::string sentence;  // the arrival's own sentence, if nothing joins it
  };

  std::ostream& out_;
  TraceWriterOptions options_;
  std::optional<std::int64_t> followed_;  // the complaint the filter follows, once known
  std::int64_t written_ = 0;
  bool complaint_arrived_ = false;
  bool complaint_over_ = false;
  std::optional<PendingArrival> pending_;
};

inline constexpr const char* kTraceCsvHeader =
    "time_min,clock,event,complaint,identity,desk,other_desk,channel,severity,public,segment,"
    "contacts,"
    "waiting,busy,staff,staff_before,wait_min,duration_min,budget_left_min,items_left,resolved,"
    "reason,policy,detail";

// The clock text of a time: "Mon 09:03" in the first week, "w2 Mon 09:03" after.
std::string trace_clock(double time_min);
// An identity in a word: "customers#17" (stream, candidate), "customers#17/2" (its second
// contact), "customers+#4" (the extra demand's fourth candidate); empty for no complaint.
std::string trace_identity(const TraceIdentity& who);
// A duration in plain words: "45 s", "20 min", "2.5 h", "3.2 days".
std::string trace_duration(double minutes);
// The sentence for an event, without the clock ("complaint 17 joins frontline, 3 waiting").
std::string trace_sentence(const TraceEvent& event, bool show_segment = false);
// The CSV name of an event kind ("arrival", "join", ...).
const char* trace_kind_name(TraceKind kind);

namespace detail {
// The sentence with the complaint called `who`; `arriving`: the complaint arrived just now
// and this is the first thing that happens to it.
std::string trace_sentence_for(const TraceEvent& event, const std::string& who, bool arriving,
                               bool show_segment);
}  // namespace detail

}  // namespace escalsim
