// Trace events as sentences with clock times, or as CSV rows, after the writer's filters.
#include <cmath>
#include <cstdint>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "escalsim/trace.h"
#include "report/format_helpers.h"
#include "escalsim/units.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

constexpr double kDayMin = 1440.0;

// A number with at most one decimal, without a trailing ".0".
std::string one_decimal(double value) {
  std::string text = fmt::format("{:.1f}", value);
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
  return text;
}

// Sentences call the desk named "ceo" the CEO; every other desk goes by its name.
std::string shown(std::string_view desk) {
  return desk == "ceo" ? std::string("CEO") : std::string(desk);
}

std::string complaint_name(const TraceEvent& e) { return fmt::format("complaint {}", e.complaint); }

// "2nd", "3rd", "11th".
std::string ordinal(int n) {
  const int last = n % 10;
  const bool teen = n % 100 >= 11 && n % 100 <= 13;
  const char* suffix = teen || last == 0 || last > 3 ? "th"
                       : last == 1                     ? "st"
                       : last == 2                     ? "nd"
                                                       : "rd";
  return fmt::format("{}{}", n, suffix);
}

// "(email, serious, public, business, 2nd contact, customers#17/2)".
std::string attributes(const TraceEvent& e, bool show_segment) {
  std::string text = fmt::format("({}, {}", e.channel, severity_name(e.severity));
  auto it = std::back_inserter(text);
  if (e.is_public) text += ", public";
  if (show_segment) fmt::format_to(it, ", {}", e.segment);
  if (e.contacts > 1) fmt::format_to(it, ", {} contact", ordinal(e.contacts));
  if (e.identity.candidate >= 0) fmt::format_to(it, ", {}", trace_identity(e.identity));
  text += ')';
  return text;
}

// Whether the text writer tells an arrival and this next event of the same complaint in
// one sentence ("complaint 17 (email, serious) joins frontline, 3 waiting").
bool joins_arrival(TraceKind kind) {
  return kind == TraceKind::kJoin || kind == TraceKind::kStart || kind == TraceKind::kRefuse;
}

// "2.5 h of budget left this week, 3 items left this month"; empty for a staff desk.
std::string budget_text(const TraceEvent& e) {
  std::vector<std::string> parts;
  if (e.budget_left_min) {
    parts.push_back(*e.budget_left_min > 0.0
                        ? fmt::format("{} of budget left this week",
                                      trace_duration(*e.budget_left_min))
                        : std::string("no budget left this week"));
  }
  if (e.items_left) {
    parts.push_back(*e.items_left > 0 ? fmt::format("{} item{} left this month", *e.items_left,
                                                    *e.items_left == 1 ? "" : "s")
                                      : std::string("no items left this month"));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// ", 2.5 h of budget left this week" or nothing.
std::string with_budget(const TraceEvent& e) {
  std::string budget = budget_text(e);
  return budget.empty() ? budget : ", " + budget;
}

bool is_executive(const TraceEvent& e) { return e.budget_left_min || e.items_left; }

// "unresolved, 60%": the route's condition and probability as the scenario says them.
std::string route_text(const Route& r) {
  std::string text;
  switch (r.condition) {
    case RouteCondition::kAlways: break;
    case RouteCondition::kUnresolved: text = "unresolved"; break;
    case RouteCondition::kResolved: text = "resolved"; break;
    case RouteCondition::kSeverityAtLeast:
      text = fmt::format("severity at least {}", severity_name(r.min_severity));
      break;
    case RouteCondition::kWaitedLongerThan:
      text = fmt::format("in the system longer than {}", detail::format_span(r.waited));
      break;
    case RouteCondition::kPublic: text = "public"; break;
  }
  if (r.probability < 1.0) {
    fmt::format_to(std::back_inserter(text), "{}{:g}%", text.empty() ? "" : ", ",
                   r.probability * 100.0);
  }
  return text;
}

// "(route: unresolved, 60%)", "(escalation_chain: severity at least serious)".
std::string why(const TraceEvent& e) {
  if (e.reason == TraceReason::kRoute && e.route) {
    std::string condition = route_text(*e.route);
    return condition.empty() ? "(route)" : fmt::format("(route: {})", condition);
  }
  if (e.detail.empty()) return fmt::format("({})", e.policy);
  return fmt::format("({}: {})", e.policy, e.detail);
}

// What the executive time of a policy was for.
std::string executive_work(const TraceEvent& e) {
  if (e.policy == "random_sample_signoff" && e.complaint >= 0) {
    return fmt::format("signing the reply to complaint {}", e.complaint);
  }
  if (e.policy == "public_replies" && e.complaint >= 0) {
    return fmt::format("answering complaint {} in public", e.complaint);
  }
  if (e.policy == "solicit_feedback") return "asking customers for feedback";
  if (e.complaint >= 0) return fmt::format("on complaint {}", e.complaint);
  return "outside complaints";
}

std::string budget_spent_text(const TraceEvent& e) {
  const bool week = e.budget_left_min && *e.budget_left_min <= 0.0;
  const char* period = week ? "week" : "month";
  std::string consequence;
  switch (e.when_spent) {
    case WhenBudgetSpent::kWait:
      consequence = fmt::format("complaints wait for the next {}", period);
      break;
    case WhenBudgetSpent::kHandBack:
      consequence = fmt::format("complaints go back to {}", shown(e.other_desk_name));
      break;
    case WhenBudgetSpent::kDecline: consequence = "complaints are declined"; break;
  }
  return fmt::format("{} budget for this {} is spent: {}, {} waiting", shown(e.desk_name), period,
                     consequence, e.waiting);
}

const char* when_spent_name(WhenBudgetSpent w) {
  switch (w) {
    case WhenBudgetSpent::kWait: return "wait";
    case WhenBudgetSpent::kHandBack: return "hand_back";
    case WhenBudgetSpent::kDecline: return "decline";
  }
  return "?";
}

const char* reason_name(TraceReason r) {
  switch (r) {
    case TraceReason::kNone: return "";
    case TraceReason::kRoute: return "route";
    case TraceReason::kPolicy: return "policy";
    case TraceReason::kEntry: return "entry";
    case TraceReason::kHandBack: return "hand_back";
  }
  return "?";
}

// The CSV detail column: the route's words, the policy's words, or the budget rule.
std::string detail_column(const TraceEvent& e) {
  if (e.reason == TraceReason::kRoute && e.route) return route_text(*e.route);
  if (e.kind == TraceKind::kBudgetSpent) return when_spent_name(e.when_spent);
  return std::string(e.detail);
}

bool is_complaint_end(TraceKind kind) {
  return kind == TraceKind::kClose || kind == TraceKind::kAbandon || kind == TraceKind::kRefuse;
}

void append_csv_row(fmt::memory_buffer& out, const TraceEvent& e) {
  using detail::csv_field;
  using detail::csv_number;
  const bool complaint = e.complaint >= 0;
  const bool has_attributes = complaint && !e.channel.empty();
  const bool at_desk = e.desk >= 0;
  const bool waited = e.kind == TraceKind::kStart || e.kind == TraceKind::kAbandon ||
                      e.kind == TraceKind::kDecline || e.reason == TraceReason::kHandBack;
  const bool lasts = e.kind == TraceKind::kStart || e.kind == TraceKind::kClose ||
                     e.kind == TraceKind::kWillReturn || e.kind == TraceKind::kExecutiveTime ||
                     (e.kind == TraceKind::kJoin && std::isfinite(e.duration_min));
  const bool outcome = e.kind == TraceKind::kFinish || e.kind == TraceKind::kClose;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{},{},{},", csv_number(e.time_min), trace_clock(e.time_min),
                 trace_kind_name(e.kind));
  fmt::format_to(it, "{},{},{},{},", complaint ? std::to_string(e.complaint) : "",
                 csv_field(trace_identity(e.identity)), csv_field(e.desk_name),
                 csv_field(e.other_desk_name));
  if (has_attributes) {
    fmt::format_to(it, "{},{},{},{},{},", csv_field(e.channel), severity_name(e.severity),
                   e.is_public ? 1 : 0, csv_field(e.segment), e.contacts);
  } else {
    fmt::format_to(it, ",,,,,");
  }
  if (at_desk) {
    fmt::format_to(it, "{},{},{},", e.waiting, e.busy, e.staff);
  } else {
    fmt::format_to(it, ",,,");
  }
  fmt::format_to(it, "{},{},{},{},{},{},{},{},{}\n",
                 e.kind == TraceKind::kStaffChange ? std::to_string(e.staff_before) : "",
                 waited ? csv_number(e.wait_min) : "", lasts ? csv_number(e.duration_min) : "",
                 e.budget_left_min ? csv_number(*e.budget_left_min) : "",
                 e.items_left ? std::to_string(*e.items_left) : "",
                 outcome ? (e.resolved ? "1" : "0") : "", reason_name(e.reason),
                 csv_field(e.policy), csv_field(detail_column(e)));
}

}  // namespace

std::string trace_clock(double time_min) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  // A whole minute, floored; the small allowance keeps a computed 16:00 from reading 15:59.
  const auto minute = static_cast<std::int64_t>(std::floor(time_min + 1e-6));
  const std::int64_t week = minute / static_cast<std::int64_t>(kWeekMin);
  const std::int64_t in_week = minute % static_cast<std::int64_t>(kWeekMin);
  const std::int64_t day = in_week / static_cast<std::int64_t>(kDayMin);
  const std::int64_t in_day = in_week % static_cast<std::int64_t>(kDayMin);
  const std::string clock = fmt::format("{} {:02}:{:02}", kDays[day], in_day / 60, in_day % 60);
  return week == 0 ? clock : fmt::format("w{} {}", week + 1, clock);
}

std::string trace_identity(const TraceIdentity& who) {
  if (who.candidate < 0) return {};
  std::string text = fmt::format("{}{}#{}", who.stream, who.extra ? "+" : "", who.candidate);
  if (who.contact > 1) fmt::format_to(std::back_inserter(text), "/{}", who.contact);
  return text;
}

std::string trace_duration(double minutes) {
  if (minutes < 1.0) return fmt::format("{:.0f} s", minutes * 60.0);
  if (minutes < 59.5) return fmt::format("{:.0f} min", minutes);
  if (minutes < 2.0 * kDayMin) return one_decimal(minutes / 60.0) + " h";
  return one_decimal(minutes / kDayMin) + " days";
}

const char* trace_kind_name(TraceKind kind) {
  switch (kind) {
    case TraceKind::kArrival: return "arrival";
    case TraceKind::kJoin: return "join";
    case TraceKind::kStart: return "start";
    case TraceKind::kFinish: return "finish";
    case TraceKind::kRoute: return "route";
    case TraceKind::kNotRouted: return "not_routed";
    case TraceKind::kAbandon: return "abandon";
    case TraceKind::kRefuse: return "refuse";
    case TraceKind::kDecline: return "decline";
    case TraceKind::kClose: return "close";
    case TraceKind::kWillReturn: return "will_return";
    case TraceKind::kWindowOpen: return "window_open";
    case TraceKind::kWindowClose: return "window_close";
    case TraceKind::kStaffChange: return "staff_change";
    case TraceKind::kBudgetWeek: return "budget_week";
    case TraceKind::kBudgetMonth: return "budget_month";
    case TraceKind::kBudgetSpent: return "budget_spent";
    case TraceKind::kExecutiveTime: return "executive_time";
  }
  return "?";
}

std::string trace_sentence(const TraceEvent& e, bool show_segment) {
  return detail::trace_sentence_for(e, complaint_name(e), false, show_segment);
}

std::string detail::trace_sentence_for(const TraceEvent& e, const std::string& who,
                                       bool arriving, bool show_segment) {
  const std::string desk = shown(e.desk_name);
  const std::string other = shown(e.other_desk_name);
  switch (e.kind) {
    case TraceKind::kArrival:
      return fmt::format("{} arrives {}", who, attributes(e, show_segment));
    case TraceKind::kJoin:
      return fmt::format("{} joins {}{}, {} waiting", who, desk,
                         e.priority ? " at the head of the line" : "", e.waiting);
    case TraceKind::kStart: {
      const std::string after = e.wait_min > 0.0
                                    ? fmt::format("after {} waiting", trace_duration(e.wait_min))
                                    : "at once";
      const std::string load = is_executive(e)
                                   ? with_budget(e)
                                   : fmt::format(", {} of {} staff busy", e.busy, e.staff);
      if (arriving) {
        return fmt::format("{} arrives, {} starts it {}, takes {}{}", who, desk, after,
                           trace_duration(e.duration_min), load);
      }
      return fmt::format("{} starts {} {}, takes {}{}", desk, who, after,
                         trace_duration(e.duration_min), load);
    }
    case TraceKind::kFinish:
      return fmt::format("{} finishes {}, {}", desk, who, e.resolved ? "resolved" : "not resolved");
    case TraceKind::kRoute:
      if (e.reason == TraceReason::kEntry) {
        return fmt::format("{} goes straight to {} instead of {} {}", who, other, desk, why(e));
      }
      if (e.reason == TraceReason::kHandBack) {
        return fmt::format("{} hands {} back to {}: its budget is spent", desk, who, other);
      }
      return fmt::format("{} goes from {} to {} {}", who, desk, other, why(e));
    case TraceKind::kNotRouted:
      return fmt::format("{} is not sent from {} to {} {}", who, desk, other, why(e));
    case TraceKind::kAbandon:
      return fmt::format("{} gives up waiting at {} after {}, {} waiting", who, desk,
                         trace_duration(e.wait_min), e.waiting);
    case TraceKind::kRefuse:
      return fmt::format("{} is refused at {}: the queue is full, {} waiting", who, desk,
                         e.waiting);
    case TraceKind::kDecline:
      return fmt::format("{} declines {}: its budget is spent", desk, who);
    case TraceKind::kClose:
      return fmt::format("{} closed {}, {} after arrival", who,
                         e.resolved ? "resolved" : "unresolved", trace_duration(e.duration_min));
    case TraceKind::kWillReturn:
      return fmt::format("{}'s customer will come back in {}, to {} ({} contact)", who,
                         trace_duration(e.duration_min), other, ordinal(e.contacts));
    case TraceKind::kWindowOpen:
    case TraceKind::kWindowClose:
      return fmt::format("{} window {}{}, {} waiting", desk,
                         e.kind == TraceKind::kWindowOpen ? "opens" : "closes", with_budget(e),
                         e.waiting);
    case TraceKind::kStaffChange:
      if (e.reason == TraceReason::kPolicy) {
        return fmt::format("{} has {} staff on duty (was {}, {}), {} waiting", desk, e.staff,
                           e.staff_before, e.policy, e.waiting);
      }
      return fmt::format("{} shift change: {} staff on duty (was {}), {} waiting", desk, e.staff,
                         e.staff_before, e.waiting);
    case TraceKind::kBudgetWeek:
    case TraceKind::kBudgetMonth:
      return fmt::format("{} budget {} begins: {}, {} waiting", desk,
                         e.kind == TraceKind::kBudgetWeek ? "week" : "month", budget_text(e),
                         e.waiting);
    case TraceKind::kBudgetSpent:
      return budget_spent_text(e);
    case TraceKind::kExecutiveTime:
      return fmt::format("{} spends {} {}{}{}", desk, trace_duration(e.duration_min),
                         executive_work(e), e.policy.empty() ? "" : fmt::format(" ({})", e.policy),
                         with_budget(e));
  }
  return "?";
}

TraceWriter::TraceWriter(std::ostream& out, TraceWriterOptions options)
    : out_(out), options_(options), followed_(options_.complaint) {
  if (options_.format == TraceWriterOptions::Format::kCsv) out_ << kTraceCsvHeader << '\n';
}

void TraceWriter::on_event(const TraceEvent& e) {
  if (!followed_ && options_.identity) {
    // An identity is followed by the number it gets when it arrives; nothing before that.
    if (e.kind != TraceKind::kArrival || trace_identity(e.identity) != *options_.identity) return;
    followed_ = e.complaint;
  }
  if (followed_) {
    const std::int64_t followed = *followed_;
    if (e.kind == TraceKind::kArrival) {
      if (e.complaint == followed) complaint_arrived_ = true;
      // Ids go in arrival order: a later one first means the followed one never comes.
      if (e.complaint > followed && !complaint_arrived_) complaint_over_ = true;
    }
    if (e.complaint != followed) return;
    if (is_complaint_end(e.kind)) complaint_over_ = true;
  }
  if (e.time_min < options_.from_min) return;
  const bool text = options_.format == TraceWriterOptions::Format::kText;
  // In text, an arrival waits for the complaint's next event to share its sentence; the
  // line is counted when the arrival comes.
  const bool merges = text && pending_ && e.complaint == pending_->complaint &&
                      joins_arrival(e.kind);
  if (!merges) {
    finish();
    if (options_.limit && written_ >= *options_.limit) return;
    ++written_;
  }
  fmt::memory_buffer line;
  if (!text) {
    append_csv_row(line, e);
  } else if (e.kind == TraceKind::kArrival) {
    pending_ = PendingArrival{e.time_min, e.complaint,
                              fmt::format("complaint {} {}", e.complaint,
                                          attributes(e, options_.show_segment)),
                              trace_sentence(e, options_.show_segment)};
    return;
  } else {
    const std::string who = merges ? pending_->who : complaint_name(e);
    fmt::format_to(std::back_inserter(line), "{} {}\n", trace_clock(e.time_min),
                   detail::trace_sentence_for(e, who, merges, options_.show_segment));
    pending_.reset();
  }
  out_.write(line.data(), static_cast<std::streamsize>(line.size()));
}

void TraceWriter::finish() {
  if (!pending_) return;
  const std::string line =
      fmt::format("{} {}\n", trace_clock(pending_->time_min), pending_->sentence);
  out_.write(line.data(), static_cast<std::streamsize>(line.size()));
  pending_.reset();
}

bool TraceWriter::done() const {
  return (options_.limit && written_ >= *options_.limit) || complaint_over_;
}

}  // namespace escalsim
