#include "core/events/delivery_rules.h"

#include <algorithm>
#include <exception>

namespace fafnir {

bool wants(const ConsumerConfig& config, std::string_view subject) {
  return std::any_of(config.subjects.begin(), config.subjects.end(),
                     [&](const std::string& filter) { return subject_matches(filter, subject); });
}

std::vector<Disposition> decide(const BatchHandler& handler, const std::vector<Delivery>& batch) {
  std::string failure;
  try {
    std::vector<Disposition> decisions = handler(batch);
    if (decisions.size() == batch.size()) return decisions;
    failure = "handler decided " + std::to_string(decisions.size()) + " of " +
              std::to_string(batch.size()) + " deliveries";
  } catch (const std::exception& error) {
    failure = std::string("handler threw: ") + error.what();
  } catch (...) {
    failure = "handler threw a non-standard exception";
  }
  return std::vector<Disposition>(batch.size(),
                                  Disposition::RetryLater(kRetryAfterHandlerFailure, failure));
}

Verdict judge(const Disposition& disposition, int attempt, int max_deliveries, Timestamp now) {
  switch (disposition.kind) {
    case Disposition::Kind::kAck:
      return {Verdict::Kind::kDone, {}, {}};
    case Disposition::Kind::kRetryLater:
      if (attempt < max_deliveries) {
        return {Verdict::Kind::kRetry, now + disposition.delay, {}};
      }
      return {Verdict::Kind::kDeadLetter,
              {},
              "gave up after " + std::to_string(attempt) + " attempts: " + disposition.reason};
    case Disposition::Kind::kGiveUp:
      break;
  }
  return {Verdict::Kind::kDeadLetter, {}, disposition.reason};
}

}  // namespace fafnir
