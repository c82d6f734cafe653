#include "core/events/handler_outcome.h"

namespace fafnir {

Disposition disposition_for(const Status& applied) {
  if (applied.ok()) return Disposition::Ack();
  if (applied.code() == ErrorCode::kInvalidArgument) return Disposition::GiveUp(applied.message());
  return Disposition::RetryLater(std::chrono::seconds(1), applied.to_string());
}

}  // namespace fafnir
