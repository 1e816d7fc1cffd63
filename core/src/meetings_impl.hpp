#pragma once
// Meeting helpers shared inside the core: scheduling a meeting as one operation of another
// call's batch (booking office hours).

#include "mentorkit/meetings.hpp"

namespace mentorkit::ops {
class LocalBatch;
}

namespace mentorkit::detail {

struct StoreImpl;

/// Adds a meeting.schedule operation to `batch` (applied at once); returns the new meeting.
MeetingId schedule_in(StoreImpl& impl, ops::LocalBatch& batch, const NewMeeting& meeting);

} // namespace mentorkit::detail
