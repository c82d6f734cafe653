#include "cli/progress_bar.h"

#include <unistd.h>

namespace fafnir {
namespace {

constexpr std::size_t kWidth = 40;

}  // namespace

bool ProgressBar::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (!enabled_) return;
  int percent = static_cast<int>(done * 100 / total);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  std::size_t filled = done * kWidth / total;
  out_ << '\r' << label_ << " [" << std::string(filled, '#') << std::string(kWidth - filled, ' ')
       << "] " << percent << '%' << std::flush;
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  out_ << '\n' << std::flush;
  drawn_ = false;
}

}  // namespace fafnir
