#pragma once
// Every kind of operation and the function that applies it from a payload: the one table the
// replay (and, next, sync and import) dispatches on. Each area registers its own kinds.

#include "ops/codec.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::ops {

/// Decodes the payload and applies it; returns the created record's local id (or 0).
using Handler = std::int64_t (*)(detail::StoreImpl&, Decoder&);

/// The kinds of operations an area adds (register_<area> below).
class Registry {
public:
    void add(std::string_view kind, Handler apply);
};

/// The handler of a kind, or nullptr for a kind this build does not know.
Handler find_handler(std::string_view kind);

void register_people(Registry& r);
void register_relationships(Registry& r);
void register_agreements(Registry& r);
void register_goals(Registry& r);
void register_actions(Registry& r);
void register_coaching(Registry& r);
void register_notes(Registry& r);
void register_meetings(Registry& r);
void register_office_hours(Registry& r);
void register_programs(Registry& r);
void register_matching(Registry& r);
void register_keys(Registry& r);
void register_history(Registry& r); // legacy.audit, import.row, store.repair

/// Appends a store.repair operation (no actor): the repair of a file's schema objects is
/// history the audit log shows, though it changes no state.
void record_repair(db::Database& db, const std::string& actions, std::int64_t at_ms);

} // namespace mentorkit::ops
