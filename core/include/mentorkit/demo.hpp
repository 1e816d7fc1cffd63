#pragma once
/// @file demo.hpp
/// A realistic demo program, for the desktop client's first run, the command-line report,
/// tutorials and tests: a few dozen people across six levels and several scripts, all three
/// models and styles, a committee board, agreements in every state, lifecycle events,
/// misunderstandings and a justified supervision-line override.

#include "mentorkit/types.hpp"

namespace mentorkit {

class Store;

/// Fills an empty store with the demo program, dated relative to `today` (relationships that
/// started months earlier, one that starts soon). Runs in one transaction. Uses the store's
/// clock to date signatures and audit entries, and restores the system clock afterwards.
/// Throws RuleViolation if the store already holds people.
void populate_demo(Store& store, Date today);

} // namespace mentorkit
