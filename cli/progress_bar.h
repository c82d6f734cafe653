#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace fafnir {

// A one-line progress bar redrawn in place ("label [#####     ] 42%"). Draws only when enabled;
// finish() ends the line. Not thread-safe.
class ProgressBar {
 public:
  // `out` is borrowed and must outlive the bar.
  ProgressBar(std::ostream& out, std::string label, bool enabled)
      : out_(out), label_(std::move(label)), enabled_(enabled) {}
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // True when stderr is a terminal: where a bar belongs (never in pipes, files or --json runs).
  static bool stderr_is_terminal();

  // REQUIRES: 0 < total, done <= total.
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  std::ostream& out_;
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  int last_percent_ = -1;
};

}  // namespace fafnir
