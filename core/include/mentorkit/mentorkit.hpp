#pragma once
/// @file mentorkit.hpp
/// Everything of the mentorkit core.

#include "mentorkit/agreements.hpp"
#include "mentorkit/audit.hpp"
#include "mentorkit/demo.hpp"
#include "mentorkit/error.hpp"
#include "mentorkit/people.hpp"
#include "mentorkit/relationships.hpp"
#include "mentorkit/store.hpp"
#include "mentorkit/types.hpp"
