// Tests of the trace writer on hand-made events: clock, durations, sentences, CSV rows,
// and the filters (from, complaint, limit).
#include <algorithm>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/trace.h"

namespace escalsim {
namespace {

constexpr double kDay = 1440.0;

// A complaint event at frontline: complaint 17, email, serious.
TraceEvent complaint_event(TraceKind kind, double time_min, std::int64_t id = 17) {
  TraceEvent e;
  e.time_min = time_min;
  e.kind = kind;
  e.complaint = id;
  e.channel = "email";
  e.severity = Severity::kSerious;
  e.segment = "consumer";
  e.desk = 0;
  e.desk_name = "frontline";
  e.staff = 3;
  return e;
}

// A desk event at the executive desk "ceo" with 2.5 h of budget left.
TraceEvent ceo_event(TraceKind kind, double time_min) {
  TraceEvent e;
  e.time_min = time_min;
  e.kind = kind;
  e.desk = 2;
  e.desk_name = "ceo";
  e.staff = 1;
  e.budget_left_min = 150.0;
  return e;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Every event through a writer with `options`, after finish().
std::string written(const std::vector<TraceEvent>& events, TraceWriterOptions options = {}) {
  std::ostringstream out;
  TraceWriter writer(out, options);
  for (const TraceEvent& e : events) writer.on_event(e);
  writer.finish();
  return out.str();
}

TEST_CASE("Trace clock: the first week has no week number, later weeks do") {
  CHECK(trace_clock(0.0) == "Mon 00:00");
  CHECK(trace_clock(9 * 60 + 3) == "Mon 09:03");
  CHECK(trace_clock(9 * 60 + 3.99) == "Mon 09:03");  // floored to the minute
  CHECK(trace_clock(3 * kDay + 16 * 60) == "Thu 16:00");
  CHECK(trace_clock(6 * kDay + 23 * 60 + 59) == "Sun 23:59");
  CHECK(trace_clock(kWeekMin) == "w2 Mon 00:00");
  CHECK(trace_clock(kWeekMin + 9 * 60 + 3) == "w2 Mon 09:03");
  CHECK(trace_clock(11 * kWeekMin + 4 * kDay + 17 * 60) == "w12 Fri 17:00");
  SUBCASE("a time computed a hair below the minute reads as that minute") {
    CHECK(trace_clock(3 * kDay + 16 * 60 - 1e-9) == "Thu 16:00");
  }
}

TEST_CASE("Trace durations read in plain words by magnitude") {
  CHECK(trace_duration(0.75) == "45 s");
  CHECK(trace_duration(20.0) == "20 min");
  CHECK(trace_duration(59.0) == "59 min");
  CHECK(trace_duration(60.0) == "1 h");
  CHECK(trace_duration(150.0) == "2.5 h");
  CHECK(trace_duration(47 * 60.0) == "47 h");
  CHECK(trace_duration(2 * kDay) == "2 days");
  CHECK(trace_duration(3.2 * kDay) == "3.2 days");
}

TEST_CASE("Trace sentences tell each kind of event") {
  SUBCASE("joining a queue counts the waiting") {
    TraceEvent e = complaint_event(TraceKind::kJoin, 0.0);
    e.waiting = 3;
    CHECK(trace_sentence(e) == "complaint 17 joins frontline, 3 waiting");
    e.priority = true;
    CHECK(trace_sentence(e) == "complaint 17 joins frontline at the head of the line, 3 waiting");
  }
  SUBCASE("starting service says the wait, the handle time and the staff busy") {
    TraceEvent e = complaint_event(TraceKind::kStart, 0.0);
    e.wait_min = 12.0;
    e.duration_min = 20.0;
    e.busy = 2;
    CHECK(trace_sentence(e) ==
          "frontline starts complaint 17 after 12 min waiting, takes 20 min, 2 of 3 staff busy");
    e.wait_min = 0.0;
    CHECK(trace_sentence(e) ==
          "frontline starts complaint 17 at once, takes 20 min, 2 of 3 staff busy");
  }
  SUBCASE("an executive desk says its budget instead of its staff, and 'ceo' reads CEO") {
    TraceEvent e = ceo_event(TraceKind::kStart, 0.0);
    e.complaint = 4;
    e.wait_min = 2.5 * kDay;
    e.duration_min = 30.0;
    e.budget_left_min = 120.0;
    CHECK(trace_sentence(e) ==
          "CEO starts complaint 4 after 2.5 days waiting, takes 30 min, "
          "2 h of budget left this week");
    e.budget_left_min = 0.0;
    e.items_left = 1;
    CHECK(trace_sentence(e) == "CEO starts complaint 4 after 2.5 days waiting, takes 30 min, "
                               "no budget left this week, 1 item left this month");
  }
  SUBCASE("windows open and close with the budget left this week") {
    TraceEvent e = ceo_event(TraceKind::kWindowOpen, 0.0);
    e.waiting = 4;
    CHECK(trace_sentence(e) == "CEO window opens, 2.5 h of budget left this week, 4 waiting");
    e.kind = TraceKind::kWindowClose;
    e.desk_name = "director";
    CHECK(trace_sentence(e) == "director window closes, 2.5 h of budget left this week, 4 waiting");
  }
  SUBCASE("finishing and closing say resolved or not") {
    TraceEvent e = complaint_event(TraceKind::kFinish, 0.0);
    CHECK(trace_sentence(e) == "frontline finishes complaint 17, not resolved");
    e.resolved = true;
    CHECK(trace_sentence(e) == "frontline finishes complaint 17, resolved");
    e.kind = TraceKind::kClose;
    e.duration_min = 150.0;
    CHECK(trace_sentence(e) == "complaint 17 closed resolved, 2.5 h after arrival");
    e.resolved = false;
    CHECK(trace_sentence(e) == "complaint 17 closed unresolved, 2.5 h after arrival");
  }
  SUBCASE("routes say why: the route's condition and probability, or the policy") {
    Route route;
    route.condition = RouteCondition::kUnresolved;
    route.probability = 0.6;
    TraceEvent e = complaint_event(TraceKind::kRoute, 0.0);
    e.other_desk = 1;
    e.other_desk_name = "specialists";
    e.reason = TraceReason::kRoute;
    e.route = &route;
    CHECK(trace_sentence(e) ==
          "complaint 17 goes from frontline to specialists (route: unresolved, 60%)");
    route.condition = RouteCondition::kSeverityAtLeast;
    route.min_severity = Severity::kSerious;
    route.probability = 1.0;
    CHECK(trace_sentence(e) ==
          "complaint 17 goes from frontline to specialists (route: severity at least serious)");
    route.condition = RouteCondition::kAlways;
    CHECK(trace_sentence(e) == "complaint 17 goes from frontline to specialists (route)");

    e.other_desk_name = "ceo";
    e.reason = TraceReason::kPolicy;
    e.route = nullptr;
    e.policy = "escalation_chain";
    e.detail = "severity at least serious";
    CHECK(trace_sentence(e) ==
          "complaint 17 goes from frontline to CEO (escalation_chain: severity at least serious)");
    e.reason = TraceReason::kEntry;
    e.policy = "open_inbox";
    e.detail = "";
    CHECK(trace_sentence(e) ==
          "complaint 17 goes straight to CEO instead of frontline (open_inbox)");
    e.kind = TraceKind::kNotRouted;
    e.reason = TraceReason::kPolicy;
    e.policy = "frontline_only";
    CHECK(trace_sentence(e) == "complaint 17 is not sent from frontline to CEO (frontline_only)");
  }
  SUBCASE("a spent budget hands back or declines") {
    TraceEvent e = ceo_event(TraceKind::kRoute, 0.0);
    e.complaint = 8;
    e.other_desk_name = "frontline";
    e.reason = TraceReason::kHandBack;
    CHECK(trace_sentence(e) == "CEO hands complaint 8 back to frontline: its budget is spent");
    e.kind = TraceKind::kDecline;
    CHECK(trace_sentence(e) == "CEO declines complaint 8: its budget is spent");
    TraceEvent spent = ceo_event(TraceKind::kBudgetSpent, 0.0);
    spent.budget_left_min = 0.0;
    spent.when_spent = WhenBudgetSpent::kHandBack;
    spent.other_desk_name = "frontline";
    spent.waiting = 2;
    CHECK(trace_sentence(spent) ==
          "CEO budget for this week is spent: complaints go back to frontline, 2 waiting");
    spent.when_spent = WhenBudgetSpent::kWait;
    CHECK(trace_sentence(spent) ==
          "CEO budget for this week is spent: complaints wait for the next week, 2 waiting");
  }
  SUBCASE("executive time outside a service names its purpose") {
    TraceEvent e = ceo_event(TraceKind::kExecutiveTime, 0.0);
    e.complaint = 12;
    e.duration_min = 10.0;
    e.policy = "random_sample_signoff";
    CHECK(trace_sentence(e) == "CEO spends 10 min signing the reply to complaint 12 "
                               "(random_sample_signoff), 2.5 h of budget left this week");
  }
  SUBCASE("waiting ends in abandonment or refusal; customers come back") {
    TraceEvent e = complaint_event(TraceKind::kAbandon, 0.0);
    e.wait_min = 210.0;
    e.waiting = 2;
    CHECK(trace_sentence(e) == "complaint 17 gives up waiting at frontline after 3.5 h, 2 waiting");
    e.kind = TraceKind::kRefuse;
    e.waiting = 8;
    CHECK(trace_sentence(e) ==
          "complaint 17 is refused at frontline: the queue is full, 8 waiting");
    e.kind = TraceKind::kWillReturn;
    e.other_desk_name = "frontline";
    e.contacts = 2;
    e.duration_min = 1.5 * kDay;
    CHECK(trace_sentence(e) == "complaint 17's customer will come back in 36 h, to frontline "
                               "(2nd contact)");
  }
  SUBCASE("staff changes say before and after, and the policy that made them") {
    TraceEvent e = complaint_event(TraceKind::kStaffChange, 0.0, -1);
    e.staff = 16;
    e.staff_before = 0;
    e.waiting = 5;
    CHECK(trace_sentence(e) == "frontline shift change: 16 staff on duty (was 0), 5 waiting");
    e.reason = TraceReason::kPolicy;
    e.policy = "frontline_stint";
    e.staff = 17;
    e.staff_before = 16;
    CHECK(trace_sentence(e) ==
          "frontline has 17 staff on duty (was 16, frontline_stint), 5 waiting");
  }
}

TEST_CASE("Trace text: an arrival shares its line with the complaint's first step") {
  TraceEvent arrival = complaint_event(TraceKind::kArrival, 9 * 60 + 3);
  arrival.is_public = true;
  TraceEvent join = complaint_event(TraceKind::kJoin, 9 * 60 + 3);
  join.is_public = true;
  join.waiting = 3;
  CHECK(written({arrival, join}) ==
        "Mon 09:03 complaint 17 (email, serious, public) joins frontline, 3 waiting\n");

  SUBCASE("a start reads as an arrival served at once") {
    TraceEvent start = complaint_event(TraceKind::kStart, 9 * 60 + 3);
    start.duration_min = 20.0;
    start.busy = 1;
    CHECK(written({arrival, start}) ==
          "Mon 09:03 complaint 17 (email, serious, public) arrives, "
          "frontline starts it at once, takes 20 min, 1 of 3 staff busy\n");
  }
  SUBCASE("anything else gets its own line after the arrival's") {
    TraceEvent bypass = complaint_event(TraceKind::kRoute, 9 * 60 + 3);
    bypass.other_desk_name = "ceo";
    bypass.reason = TraceReason::kEntry;
    bypass.policy = "open_inbox";
    CHECK(written({arrival, bypass}) ==
          "Mon 09:03 complaint 17 arrives (email, serious, public)\n"
          "Mon 09:03 complaint 17 goes straight to CEO instead of frontline (open_inbox)\n");
  }
  SUBCASE("an arrival last in the run is written by finish") {
    CHECK(written({arrival}) == "Mon 09:03 complaint 17 arrives (email, serious, public)\n");
  }
  SUBCASE("a returning customer's contact and the segment are named when asked") {
    arrival.contacts = 3;
    TraceWriterOptions options;
    options.show_segment = true;
    CHECK(written({arrival}, options) ==
          "Mon 09:03 complaint 17 arrives (email, serious, public, consumer, 3rd contact)\n");
  }
}

TEST_CASE("Trace CSV: a header and one row per event with the numbers of its sentence") {
  TraceWriterOptions csv;
  csv.format = TraceWriterOptions::Format::kCsv;
  TraceEvent start = complaint_event(TraceKind::kStart, 543.5);
  start.wait_min = 12.25;
  start.duration_min = 20.0;
  start.busy = 2;
  TraceEvent open = ceo_event(TraceKind::kWindowOpen, 3 * kDay + 16 * 60);
  open.waiting = 4;
  const std::vector<std::string> rows = lines(written({start, open}, csv));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == kTraceCsvHeader);
  CHECK(rows[1] == "543.5,Mon 09:03,start,17,,frontline,,email,serious,0,consumer,1,0,2,3,,12.25,"
                   "20,,,,,,");
  CHECK(rows[2] == "5280,Thu 16:00,window_open,,,ceo,,,,,,,4,0,1,,,,150,,,,,");

  SUBCASE("the identity column names the complaint as every variant knows it") {
    TraceEvent first = complaint_event(TraceKind::kArrival, 1.0);
    first.identity.stream = "customers";
    first.identity.candidate = 41;
    TraceEvent back = first;
    back.identity.contact = 2;
    back.contacts = 2;
    TraceEvent extra = first;
    extra.identity.extra = true;
    extra.identity.candidate = 3;
    const std::vector<std::string> named = lines(written({first, back, extra}, csv));
    REQUIRE(named.size() == 4);
    CHECK(named[1].rfind("1,Mon 00:01,arrival,17,customers#41,frontline,", 0) == 0);
    CHECK(named[2].rfind("1,Mon 00:01,arrival,17,customers#41/2,frontline,", 0) == 0);
    CHECK(named[3].rfind("1,Mon 00:01,arrival,17,customers+#3,frontline,", 0) == 0);
    CHECK(written({back}) ==
          "Mon 00:01 complaint 17 arrives (email, serious, 2nd contact, customers#41/2)\n");
  }
  SUBCASE("a join row carries the patience drawn, none when the desk has none") {
    TraceEvent join = complaint_event(TraceKind::kJoin, 0.0);
    join.duration_min = 90.0;
    TraceEvent endless = join;
    endless.duration_min = std::numeric_limits<double>::infinity();
    const std::vector<std::string> joins = lines(written({join, endless}, csv));
    REQUIRE(joins.size() == 3);
    CHECK(joins[1] == "0,Mon 00:00,join,17,,frontline,,email,serious,0,consumer,1,0,0,3,,,90,,,,,,");
    CHECK(joins[2] == "0,Mon 00:00,join,17,,frontline,,email,serious,0,consumer,1,0,0,3,,,,,,,,,");
  }

  SUBCASE("names with commas are quoted") {
    TraceEvent e = complaint_event(TraceKind::kFinish, 0.0);
    e.desk_name = "front line, north";
    e.resolved = true;
    const std::vector<std::string> quoted = lines(written({e}, csv));
    REQUIRE(quoted.size() == 2);
    CHECK(quoted[1] == "0,Mon 00:00,finish,17,,\"front line, north\",,email,serious,0,consumer,1,"
                       "0,0,3,,,,,,1,,,");
  }
  SUBCASE("every row has as many fields as the header") {
    Route route;
    route.probability = 0.5;
    TraceEvent routed = complaint_event(TraceKind::kRoute, 1.0);
    routed.other_desk_name = "specialists";
    routed.reason = TraceReason::kRoute;
    routed.route = &route;
    const std::vector<std::string> all = lines(written({start, open, routed}, csv));
    auto commas = [](const std::string& s) { return std::count(s.begin(), s.end(), ','); };
    // The route's detail "50%" holds no comma; the header's commas count the fields.
    for (const std::string& row : all) CHECK(commas(row) == commas(all[0]));
    CHECK(all[3].find(",route,,50%") != std::string::npos);
  }
}

TEST_CASE("Trace filters: from, complaint and limit") {
  std::vector<TraceEvent> events;
  for (int i = 0; i < 6; ++i) {
    TraceEvent e = complaint_event(TraceKind::kFinish, i * kDay, i % 2);
    events.push_back(e);
  }

  SUBCASE("from skips what happened before") {
    TraceWriterOptions options;
    options.from_min = 2 * kDay;
    const std::vector<std::string> out = lines(written(events, options));
    REQUIRE(out.size() == 4);
    CHECK(out.front().rfind("Wed 00:00", 0) == 0);
  }
  SUBCASE("limit stops after N lines and says it is done") {
    TraceWriterOptions options;
    options.limit = 2;
    std::ostringstream text;
    TraceWriter writer(text, options);
    writer.on_event(events[0]);
    CHECK_FALSE(writer.done());
    writer.on_event(events[1]);
    CHECK(writer.done());
    writer.on_event(events[2]);
    CHECK(lines(text.str()).size() == 2);
    CHECK(writer.written() == 2);
  }
  SUBCASE("complaint keeps only that complaint's events, and is done when it ends") {
    TraceWriterOptions options;
    options.complaint = 1;
    std::ostringstream text;
    TraceWriter writer(text, options);
    TraceEvent arrival = complaint_event(TraceKind::kArrival, 0.0, 1);
    writer.on_event(arrival);
    CHECK(writer.complaint_arrived());
    writer.on_event(complaint_event(TraceKind::kArrival, 1.0, 2));  // another, later
    CHECK_FALSE(writer.done());
    for (const TraceEvent& e : events) writer.on_event(e);
    CHECK_FALSE(writer.done());
    TraceEvent close = complaint_event(TraceKind::kClose, 7 * kDay, 1);
    writer.on_event(close);
    CHECK(writer.done());
    writer.finish();
    const std::vector<std::string> out = lines(text.str());
    REQUIRE(out.size() == 5);  // the arrival, three finishes, the close
    for (const std::string& line : out) CHECK(line.find("complaint 1") != std::string::npos);
  }
  SUBCASE("a later arrival means the complaint followed never comes") {
    TraceWriterOptions options;
    options.complaint = 3;
    std::ostringstream text;
    TraceWriter writer(text, options);
    writer.on_event(complaint_event(TraceKind::kArrival, 0.0, 2));
    CHECK_FALSE(writer.done());
    writer.on_event(complaint_event(TraceKind::kArrival, 1.0, 4));
    CHECK(writer.done());
    CHECK_FALSE(writer.complaint_arrived());
    CHECK(text.str().empty());
  }
}

}  // namespace
}  // namespace escalsim
