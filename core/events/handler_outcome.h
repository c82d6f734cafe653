#pragma once

#include "core/common/status.h"
#include "core/events/event_stream.h"

namespace fafnir {

// How a consumer answers after trying to apply an event: ack on success, give up on a message it
// can never apply (malformed payload), and retry later on anything that may be transient.
Disposition disposition_for(const Status& applied);

}  // namespace fafnir
