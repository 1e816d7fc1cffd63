#pragma once
// The Python-side area objects (store.people, store.relationships, ...): each holds the shared
// store handle, so an area kept after the Store object is gone still refers to a live store.

#include "common.hpp"

namespace mentorkit::python {

/// Base of the area wrappers: runs a call on one area of the shared store.
template <typename Area, Area& (Store::*Get)()>
struct AreaRef {
    StorePtr handle;
    /// Runs `f(area)` without the GIL, holding the store's mutex (see with_store).
    template <typename F>
    decltype(auto) run(F&& f) const {
        return with_store(*handle, [&](Store& s) -> decltype(auto) { return f((s.*Get)()); });
    }
};

using PeopleRef = AreaRef<People, &Store::people>;
using RelationshipsRef = AreaRef<Relationships, &Store::relationships>;
using AgreementsRef = AreaRef<Agreements, &Store::agreements>;
using AuditRef = AreaRef<AuditLog, &Store::audit>;
using GoalsRef = AreaRef<Goals, &Store::goals>;
using ActionItemsRef = AreaRef<ActionItems, &Store::actions>;
using CoachingRef = AreaRef<CoachingCycles, &Store::coaching>;
using NotesRef = AreaRef<Notes, &Store::notes>;
using MeetingsRef = AreaRef<Meetings, &Store::meetings>;
using OfficeHoursRef = AreaRef<OfficeHours, &Store::office_hours>;
using ProgramsRef = AreaRef<Programs, &Store::programs>;
using MatchingRef = AreaRef<Matching, &Store::matching>;
using OperationsRef = AreaRef<Operations, &Store::operations>;
using IdentityRef = AreaRef<Identity, &Store::identity>;

} // namespace mentorkit::python
