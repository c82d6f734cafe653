#include "core/engine/resting_order_index.h"

namespace fafnir {

Status check_trigger(Price trigger) {
  if (trigger >= Price() && trigger <= kMaxTrigger) return Status::Ok();
  return Status::InvalidArgument("trigger " + trigger.format() + " is outside 0 .. " +
                                 kMaxTrigger.format(6));
}

}  // namespace fafnir
