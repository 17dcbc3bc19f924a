// The progress line: text from a Progress, drawn in place on a terminal, as plain lines
// elsewhere so that a log file gets readable lines rather than escape codes.
#include "progress_line.h"

#include <cmath>
#include <utility>

#include <unistd.h>

#include <fmt/core.h>

namespace escalsim::tools {

bool progress_wanted(bool forced, bool quiet) {
  return forced || (!quiet && ::isatty(2) == 1);
}

std::string format_time_left(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  if (seconds < 1) return "under 1s";
  const long s = std::lround(seconds);
  if (s >= 3600) return fmt::format("{}h {:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m {:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

std::string progress_text(const std::string& kind, const Progress& p) {
  const double rate = p.elapsed_s > 0 ? static_cast<double>(p.runs_done) / p.elapsed_s : 0.0;
  const std::string left =
      p.runs_done > 0 ? format_time_left(static_cast<double>(p.runs_total - p.runs_done) / rate)
                      : "?";
  if (kind == "sweep") {
    return fmt::format("sweep: {}/{} points, {:.1f} runs/s, {} left", p.points_done,
                       p.points_total, rate, left);
  }
  // A run's replications report their clocks as they go, so the simulated weeks move within
  // a long replication; the time left follows them, not only the finished replications.
  const double weeks_left = p.simulated_weeks_total - p.simulated_weeks_done;
  const std::string run_left =
      p.simulated_weeks_done > 0 && p.elapsed_s > 0
          ? format_time_left(p.elapsed_s * weeks_left / p.simulated_weeks_done)
          : left;
  return fmt::format("{}: {}/{} replications, {:.0f}/{:.0f} simulated weeks, {:.1f} runs/s, {} left",
                     kind, p.runs_done, p.runs_total, p.simulated_weeks_done,
                     p.simulated_weeks_total, rate, run_left);
}

ProgressLine::ProgressLine(std::string kind, std::FILE* out)
    : kind_(std::move(kind)), out_(out), terminal_(::isatty(::fileno(out)) == 1) {}

ProgressCallback ProgressLine::callback() {
  return [this](const Progress& progress) { draw(progress); };
}

void ProgressLine::draw(const Progress& progress) {
  if (terminal_) {
    if (progress.finished) {
      if (drawn_) std::fputs("\r\x1b[K", out_);
      drawn_ = false;
    } else {
      std::fputs(("\r\x1b[K" + progress_text(kind_, progress)).c_str(), out_);
      drawn_ = true;
    }
    std::fflush(out_);
    return;
  }
  // Elsewhere: a line every 10 seconds of a batch, and its last one.
  const auto now = std::chrono::steady_clock::now();
  if (!in_batch_) {
    in_batch_ = true;
    last_plain_ = now;
  }
  if (!progress.finished && now - last_plain_ < std::chrono::seconds(10)) return;
  std::string line = progress_text(kind_, progress);
  if (progress.finished) line = line.substr(0, line.rfind(", ")) + ", done";
  std::fputs((line + "\n").c_str(), out_);
  std::fflush(out_);
  last_plain_ = now;
  in_batch_ = !progress.finished;
}

}  // namespace escalsim::tools
