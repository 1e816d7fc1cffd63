#pragma once
/// @file mentorkit.hpp
/// Everything of the mentorkit core.

#include "mentorkit/actions.hpp"
#include "mentorkit/agreements.hpp"
#include "mentorkit/audit.hpp"
#include "mentorkit/coaching.hpp"
#include "mentorkit/dashboard.hpp"
#include "mentorkit/demo.hpp"
#include "mentorkit/error.hpp"
#include "mentorkit/export.hpp"
#include "mentorkit/goals.hpp"
#include "mentorkit/limits.hpp"
#include "mentorkit/matching.hpp"
#include "mentorkit/meetings.hpp"
#include "mentorkit/notes.hpp"
#include "mentorkit/office_hours.hpp"
#include "mentorkit/operations.hpp"
#include "mentorkit/people.hpp"
#include "mentorkit/programs.hpp"
#include "mentorkit/relationships.hpp"
#include "mentorkit/store.hpp"
#include "mentorkit/types.hpp"
