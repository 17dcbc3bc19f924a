// The call-log reader: a byte-level record splitter (so \n, \r\n and \r all end a line and a
// CSV field may be quoted), then each field read as the map says.
#include "calibration/call_log.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <optional>
#include <vector>

#include <fmt/core.h>

#include "escalsim/errors.h"

namespace escalsim::detail {
namespace {

struct Field {
  std::string text;
  int column = 1;  // 1-based character column where the field starts
};

// Splits the stream into records of fields.
class RecordReader {
 public:
  RecordReader(std::istream& in, char separator) : in_(in), separator_(separator) {}

  // The next record, false at the end of the file. `line` is the record's first line.
  bool next(std::vector<Field>& fields, int& line) {
    fields.clear();
    int c = in_.get();
    if (c == EOF) return false;
    line = line_;
    Field field;
    int column = 1;
    bool quoted = false;
    for (;; c = in_.get()) {
      if (c == EOF) break;
      const char ch = static_cast<char>(c);
      if (quoted) {
        if (ch == '"') {
          if (in_.peek() == '"') {
            in_.get();
            field.text += '"';
            column += 2;
            continue;
          }
          quoted = false;
        } else {
          if (ch == '\n') ++line_;
          field.text += ch;
        }
        ++column;
        continue;
      }
      if (ch == '\r' || ch == '\n') {
        if (ch == '\r' && in_.peek() == '\n') in_.get();
        break;
      }
      if (ch == separator_) {
        fields.push_back(std::move(field));
        field = Field{};
        field.column = ++column;
        continue;
      }
      if (ch == '"' && separator_ == ',' && field.text.empty()) {
        quoted = true;
        ++column;
        continue;
      }
      field.text += ch;
      ++column;
    }
    fields.push_back(std::move(field));
    ++line_;
    return true;
  }

 private:
  std::istream& in_;
  char separator_;
  int line_ = 1;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::int64_t civil_day(int y, int m, int d) {
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)},
                           std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return -1;
  return sys_days{ymd}.time_since_epoch().count();
}

}  // namespace

std::int64_t parse_day(std::string_view t) {
  t = trim(t);
  if (t.size() == 10 && t[4] == '-' && t[7] == '-' && digits(t.substr(0, 4)) &&
      digits(t.substr(5, 2)) && digits(t.substr(8, 2))) {
    return civil_day(to_int(t.substr(0, 4)), to_int(t.substr(5, 2)), to_int(t.substr(8, 2)));
  }
  if (t.size() == 8 && digits(t)) {
    return civil_day(to_int(t.substr(0, 4)), to_int(t.substr(4, 2)), to_int(t.substr(6, 2)));
  }
  if (t.size() == 6 && digits(t)) {
    const int yy = to_int(t.substr(0, 2));
    return civil_day(yy < 70 ? 2000 + yy : 1900 + yy, to_int(t.substr(2, 2)),
                     to_int(t.substr(4, 2)));
  }
  return -1;
}

double parse_log_time(std::string_view t) {
  t = trim(t);
  const std::size_t c1 = t.find(':');
  if (c1 == std::string_view::npos || c1 == 0 || c1 > 2) return -1;
  const std::string_view h = t.substr(0, c1);
  std::string_view rest = t.substr(c1 + 1);
  std::string_view m = rest, s;
  if (const std::size_t c2 = rest.find(':'); c2 != std::string_view::npos) {
    m = rest.substr(0, c2);
    s = rest.substr(c2 + 1);
    if (const std::size_t dot = s.find('.'); dot != std::string_view::npos) {
      if (!digits(s.substr(dot + 1))) return -1;
      s = s.substr(0, dot);  // fractions of a second are dropped
    }
    if (s.size() != 2 || !digits(s) || to_int(s) > 59) return -1;
  }
  if (!digits(h) || m.size() != 2 || !digits(m) || to_int(h) > 47 || to_int(m) > 59) return -1;
  return to_int(h) * 3600.0 + to_int(m) * 60.0 + (s.empty() ? 0 : to_int(s));
}

std::string format_day(std::int64_t day) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{day}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

int weekday_of(std::int64_t day) {
  using namespace std::chrono;
  return static_cast<int>(weekday{sys_days{days{day}}}.iso_encoding()) - 1;
}

void read_call_log(const std::string& log_path, const LogMap& map,
                   const std::function<void(const CallRecord&)>& row) {
  std::ifstream in(log_path, std::ios::binary);
  if (!in) throw Error("cannot read the log " + log_path);
  char separator = map.separator;
  if (separator == '\0') {
    const bool tsv = log_path.size() >= 4 && (log_path.ends_with(".tsv") ||
                                              log_path.ends_with(".txt"));
    separator = tsv ? '\t' : ',';
  }
  auto fail = [&](int line, int column, const std::string& message) -> ScenarioError {
    return ScenarioError(log_path, line, column, message);
  };

  RecordReader reader(in, separator);
  std::vector<Field> fields;
  int line = 1;
  if (!reader.next(fields, line) || (fields.size() == 1 && trim(fields[0].text).empty())) {
    throw fail(1, 1, "the log is empty: expected a header row naming its columns");
  }
  if (fields[0].text.starts_with("\xEF\xBB\xBF")) fields[0].text.erase(0, 3);
  std::vector<std::string> header;
  for (const Field& f : fields) header.emplace_back(trim(f.text));

  // The index of each mapped column, -1 when the map does not name it.
  auto index_of = [&](const std::string& name, const char* key) -> int {
    if (name.empty()) return -1;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    std::string have;
    for (const std::string& h : header) have += (have.empty() ? "" : ", ") + h;
    throw fail(1, 1, fmt::format("no column '{}' (the map's columns.{}, {}); the header has: {}",
                                 name, key, map.path, have));
  };
  const int i_date = index_of(map.date, "date");
  const int i_arrival = index_of(map.arrival, "arrival");
  const int i_qentry = index_of(map.queue_entry, "queue_entry");
  const int i_qexit = index_of(map.queue_exit, "queue_exit");
  const int i_wait = index_of(map.wait, "wait");
  const int i_sstart = index_of(map.service_start, "service_start");
  const int i_send = index_of(map.service_end, "service_end");
  const int i_handle = index_of(map.handle, "handle");
  const int i_outcome = index_of(map.outcome, "outcome");
  const int i_class = index_of(map.call_class, "class");
  const int i_priority = index_of(map.priority, "priority");
  const int i_agent = index_of(map.agent, "agent");
  const int i_desk = index_of(map.desk, "desk");
  const int i_transfer = index_of(map.transfer, "transfer");
  int needed = 0;
  for (int i : {i_date, i_arrival, i_qentry, i_qexit, i_wait, i_sstart, i_send, i_handle,
                i_outcome, i_class, i_priority, i_agent, i_desk, i_transfer}) {
    needed = std::max(needed, i + 1);
  }

  auto listed = [](const std::vector<std::string>& list, std::string_view v) {
    for (const std::string& s : list) {
      if (s == v) return true;
    }
    return false;
  };
  std::string outcomes_known;
  for (const auto* list : {&map.served, &map.abandoned, &map.drop}) {
    for (const std::string& s : *list) outcomes_known += (outcomes_known.empty() ? "" : ", ") + s;
  }

  CallRecord record;
  while (reader.next(fields, line)) {
    if (fields.size() == 1 && trim(fields[0].text).empty()) continue;  // a blank line
    if (static_cast<int>(fields.size()) < needed) {
      throw fail(line, 1, fmt::format("the row has {} fields; the header has {}", fields.size(),
                                       header.size()));
    }
    auto text = [&](int i) { return trim(fields[static_cast<std::size_t>(i)].text); };
    auto col = [&](int i) { return fields[static_cast<std::size_t>(i)].column; };
    auto bad_time = [&](int i) -> ScenarioError {
      return fail(line, col(i),
                  fmt::format("'{}' in column '{}' is not a time (h:mm:ss, or YYYY-MM-DD "
                              "hh:mm:ss)",
                              text(i), header[static_cast<std::size_t>(i)]));
    };
    // A time of day, or a timestamp: seconds from midnight of `record.day` (or of its own
    // date when it has one and no date column fixes the day).
    auto time_at = [&](int i, bool sets_day) -> double {
      const std::string_view t = text(i);
      if (const std::size_t sp = t.find_first_of(" T"); sp != std::string_view::npos) {
        const std::int64_t d = parse_day(t.substr(0, sp));
        const double s = parse_log_time(t.substr(sp + 1));
        if (d < 0 || s < 0) throw bad_time(i);
        if (sets_day) record.day = d;
        return s + 86400.0 * static_cast<double>(d - record.day);
      }
      const double s = parse_log_time(t);
      if (s < 0) throw bad_time(i);
      return s;
    };
    auto seconds = [&](int i) -> double {
      const std::string_view t = text(i);
      double v = 0;
      const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v) || v < 0) {
        throw fail(line, col(i), fmt::format("'{}' in column '{}' is not a number of seconds",
                                             t, header[static_cast<std::size_t>(i)]));
      }
      return v;
    };

    record = CallRecord{};
    record.line = line;
    const std::string_view outcome = text(i_outcome);
    record.outcome_text = outcome;
    if (listed(map.drop, outcome)) {
      record.outcome = CallOutcome::kDropped;
    } else if (listed(map.served, outcome)) {
      record.outcome = CallOutcome::kServed;
    } else if (listed(map.abandoned, outcome)) {
      record.outcome = CallOutcome::kAbandoned;
    } else {
      throw fail(line, col(i_outcome),
                 fmt::format("outcome '{}' is not in the map's outcomes ({}); add it to "
                             "outcomes.served, abandoned or drop in {}",
                             outcome, outcomes_known, map.path));
    }
    if (i_date >= 0) {
      record.day = parse_day(text(i_date));
      if (record.day < 0) {
        throw fail(line, col(i_date),
                   fmt::format("'{}' in column '{}' is not a date (YYYY-MM-DD, YYYYMMDD or "
                               "YYMMDD)",
                               text(i_date), header[static_cast<std::size_t>(i_date)]));
      }
    } else if (text(i_arrival).find_first_of(" T") == std::string_view::npos) {
      throw fail(line, col(i_arrival),
                 fmt::format("'{}' has no date: map columns.date, or give arrival as a "
                             "timestamp (YYYY-MM-DD hh:mm:ss)",
                             text(i_arrival)));
    }
    record.arrival_s = time_at(i_arrival, i_date < 0);
    // A later time of day smaller than the arrival's is past midnight.
    auto after_arrival = [&](double s) {
      return s + 300.0 < record.arrival_s ? s + 86400.0 : s;
    };

    if (i_qentry >= 0) {
      record.queued = !(text(i_qentry) == map.not_queued || text(i_qentry).empty());
    }
    if (i_wait >= 0) {
      record.wait_s = seconds(i_wait);
      if (i_qentry < 0) record.queued = record.wait_s > 0;
    } else if (record.queued && i_qexit >= 0) {
      const double entry = after_arrival(time_at(i_qentry, false));
      double exit = time_at(i_qexit, false);
      if (exit < entry) exit += 86400.0;
      record.wait_s = exit - entry;
    }
    if (!record.queued) record.wait_s = 0.0;
    if (record.outcome == CallOutcome::kAbandoned && !record.queued) {
      record.outcome = CallOutcome::kLeftEarly;
    }
    if (record.outcome == CallOutcome::kServed) {
      if (i_sstart >= 0 && i_send >= 0 && record.outcome != CallOutcome::kDropped) {
        record.service_start_s = after_arrival(time_at(i_sstart, false));
        record.service_end_s = time_at(i_send, false);
        while (record.service_end_s < record.service_start_s) record.service_end_s += 86400.0;
      }
      if (i_handle >= 0) {
        record.handle_s = seconds(i_handle);
      } else {
        record.handle_s = record.service_end_s - record.service_start_s;
      }
      if (record.service_start_s >= 0 && i_handle >= 0) {
        record.service_end_s = record.service_start_s + record.handle_s;
      }
    }
    if (i_class >= 0) record.call_class = text(i_class);
    if (i_priority >= 0) record.high_priority = listed(map.high_priority, text(i_priority));
    if (i_agent >= 0 && text(i_agent) != map.no_agent) record.agent = text(i_agent);
    if (i_desk >= 0) record.desk = text(i_desk);
    if (i_transfer >= 0 && text(i_transfer) != map.no_transfer) {
      record.transfer = text(i_transfer);
    }
    row(record);
  }
}

}  // namespace escalsim::detail
