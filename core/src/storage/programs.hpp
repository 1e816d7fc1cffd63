#pragma once
// Programs, their goals, standards and assessments, participants, pair marks and linked
// relationships in SQLite; and the reads the effectiveness report and the matcher make.

#include "mentorkit/operations.hpp"
#include "mentorkit/programs.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mentorkit::db {
class Database;
}

namespace mentorkit::storage {

std::optional<Program> find_program(db::Database& db, ProgramId id);
std::vector<Program> list_programs(db::Database& db);
/// True when another program (not `except`) has this name, compared case-insensitively.
bool program_name_taken(db::Database& db, const std::string& name, std::int64_t except);
ProgramId insert_program(db::Database& db, const Uid& uid, const Program& p, Timestamp at);
void update_program(db::Database& db, const Program& p);

ProgramGoalId insert_program_goal(db::Database& db, const Uid& uid, ProgramId program,
                                  const NewProgramGoal& clean, Timestamp at);
std::vector<ProgramGoal> program_goals(db::Database& db, ProgramId program);

StandardId insert_standard(db::Database& db, const Uid& uid, ProgramId program,
                           const std::string& title, const std::string& description, Timestamp at);
/// The program a standard belongs to and its title.
std::optional<std::pair<ProgramId, std::string>> standard_owner(db::Database& db, StandardId id);
std::int64_t insert_assessment(db::Database& db, const StandardAssessment& a);
/// The program's standards with their latest assessment (by day, then order of recording).
std::vector<Standard> program_standards(db::Database& db, ProgramId program);
std::vector<StandardAssessment> standard_assessments(db::Database& db, StandardId id);

std::optional<ProgramId> program_of(db::Database& db, RelationshipId relationship);
void link_relationship(db::Database& db, ProgramId program, RelationshipId relationship,
                       PersonId by, Timestamp at);
std::vector<RelationshipId> program_relationships(db::Database& db, ProgramId program);

/// Adds or replaces a mentee with their areas (in order).
void put_mentee(db::Database& db, ProgramId program, const ProgramMentee& clean);
/// False when the person was no mentee of the program.
bool delete_mentee(db::Database& db, ProgramId program, PersonId mentee);
/// Mentees (with their areas in order), mentors and marks, by person id.
std::vector<ProgramMentee> program_mentees(db::Database& db, ProgramId program);
void put_mentor(db::Database& db, ProgramId program, const ProgramMentor& mentor);
bool delete_mentor(db::Database& db, ProgramId program, PersonId mentor);
std::vector<ProgramMentor> program_mentors(db::Database& db, ProgramId program);
void put_mark(db::Database& db, ProgramId program, const MarkedPair& mark);
bool delete_mark(db::Database& db, ProgramId program, PersonId mentee, PersonId mentor);
std::vector<MarkedPair> program_marks(db::Database& db, ProgramId program);

/// A relationship of the program, as the effectiveness report counts it.
struct LinkedRelationship {
    RelationshipId id{};
    Status status = Status::proposed;
    bool started = false; ///< Both parties accepted.
};
std::vector<LinkedRelationship> linked_relationships(db::Database& db, ProgramId program);

/// A measurable goal (active or achieved) of a started relationship of the program, with the
/// value of its latest effective valued check-in on or before `as_of`.
struct MeasuredGoal {
    bool achieved = false;
    double baseline = 0, target = 0;
    std::optional<double> latest{};
};
std::vector<MeasuredGoal> measured_goals(db::Database& db, ProgramId program, Date as_of);

/// An open (proposed, active or paused) mentoring relationship.
struct OpenMentoring {
    PersonId mentor{}, mentee{};
    std::string focus{};
};
/// Those of the program's mentees, in any program or none.
std::vector<OpenMentoring> open_mentoring_of_mentees(db::Database& db, ProgramId program);
/// Those linked to the program.
std::vector<OpenMentoring> open_mentoring_in_program(db::Database& db, ProgramId program);

} // namespace mentorkit::storage
