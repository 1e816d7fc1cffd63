// Programs: every change is an operation (program.*); the SQL is storage/programs.cpp. The
// effectiveness and quality reports are reads.

#include "mentorkit/programs.hpp"

#include "mentorkit/error.hpp"
#include "mentorkit/meetings.hpp"
#include "names.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/registry.hpp"
#include "programs_impl.hpp"
#include "storage/programs.hpp"
#include "storage/relationships.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <cctype>

namespace mentorkit {

using detail::Json;

namespace {

constexpr int kMaxCapacity = 1000;

std::string program_text(ProgramId id) {
    return "program " + std::to_string(raw(id));
}

std::string person_text(PersonId id) {
    return "person " + std::to_string(raw(id));
}

// Program names are unique, compared case-insensitively (the column's collation); checked under
// the write lock, with the UNIQUE constraint behind it.
void require_free_name(db::Database& db, const std::string& name, std::int64_t except_id) {
    if (storage::program_name_taken(db, name, except_id))
        throw RuleViolation("a program named '" + name + "' already exists");
}

std::pair<ProgramId, std::string> load_standard(db::Database& db, StandardId id) {
    auto owner = storage::standard_owner(db, id);
    if (!owner)
        throw NotFound("standard " + std::to_string(raw(id)) + " does not exist");
    return *owner;
}

// The program, after checking that `by` coordinates it.
Program coordinated(detail::StoreImpl& impl, ProgramId id, PersonId by, std::string_view action) {
    Program p = detail::load_program(impl.db(), id);
    detail::require_coordinator(p, by, action);
    return p;
}

template <typename E, std::size_t N>
void require_known(const detail::EnumNames<E, N>& names, E value) {
    if (static_cast<std::size_t>(value) >= N)
        throw InvalidArgument("unknown " + std::string(names.what));
}

NewProgramGoal clean_goal(const NewProgramGoal& g) {
    NewProgramGoal out = g;
    out.title = detail::require_text(g.title, "the goal title", kMaxNameBytes);
    out.unit = detail::optional_text(g.unit, "the unit", kMaxNameBytes);
    detail::require_number(g.baseline, "the baseline");
    detail::require_number(g.target, "the target");
    if (g.target == g.baseline)
        throw InvalidArgument("the target must differ from the baseline");
    require_known(names::direction, g.direction);
    Direction implied = g.target > g.baseline ? Direction::increase : Direction::decrease;
    if (g.direction != implied)
        throw InvalidArgument("the direction '" + std::string(names::direction.name(g.direction)) +
                              "' contradicts baseline " + std::to_string(g.baseline) +
                              " and target " + std::to_string(g.target));
    require_known(names::metric, g.metric);
    detail::require_date(g.due, "the due date");
    return out;
}

ProgramMentee clean_mentee(const ProgramMentee& mentee) {
    if (mentee.areas.empty())
        throw InvalidArgument("a mentee needs at least one area to grow in");
    detail::require_list_size(mentee.areas.size(), "the mentee's areas");
    ProgramMentee out;
    out.person = mentee.person;
    out.preferred_style = mentee.preferred_style;
    out.board = mentee.board;
    for (const std::string& a : mentee.areas) {
        std::string area = detail::require_text(a, "an area", kMaxNameBytes);
        for (const std::string& seen : out.areas)
            if (std::equal(seen.begin(), seen.end(), area.begin(), area.end(), [](char x, char y) {
                    return std::tolower(static_cast<unsigned char>(x)) ==
                           std::tolower(static_cast<unsigned char>(y));
                }))
                throw InvalidArgument("the area '" + area + "' is listed twice");
        out.areas.push_back(std::move(area));
    }
    if (mentee.preferred_style)
        require_known(names::style, *mentee.preferred_style);
    return out;
}

// --- operations --------------------------------------------------------------------------------

struct CreateProgram {
    static constexpr const char* kind = "program.create";
    Uid uid;
    NewProgram req;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        Program p;
        p.name = detail::require_text(req.name, "the program name", kMaxNameBytes);
        p.purpose = detail::optional_text(req.purpose, "the purpose");
        p.coordinator = req.coordinator;
        PersonId actor = by.value_or(req.coordinator);
        impl.require_person(req.coordinator, "coordinator");
        if (actor != req.coordinator)
            impl.require_person(actor, "person");
        require_free_name(impl.db(), p.name, 0);
        ProgramId id = storage::insert_program(impl.db(), uid, p, impl.now());
        impl.audit(actor, "create", "program", raw(id),
                   Json()
                       .add("name", p.name)
                       .add("purpose", p.purpose)
                       .add("coordinator", raw(p.coordinator))
                       .str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("name", req.name)
            .add("purpose", req.purpose)
            .add("coordinator", e.ref(req.coordinator))
            .done();
    }
    static CreateProgram decode(ops::Decoder& d) {
        CreateProgram op{d.uid("id"), {}, d.actor()};
        op.req.name = d.text("name");
        op.req.purpose = d.text("purpose");
        op.req.coordinator = d.ref<PersonId>("coordinator");
        return op;
    }
};

struct UpdateProgram {
    static constexpr const char* kind = "program.update";
    ProgramId program;
    ProgramChanges changes;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        Program p = coordinated(impl, program, by, "change it");
        Program next = p;
        if (changes.name)
            next.name = detail::require_text(*changes.name, "the program name", kMaxNameBytes);
        if (changes.purpose)
            next.purpose = detail::optional_text(*changes.purpose, "the purpose");
        if (changes.coordinator) {
            impl.require_person(*changes.coordinator, "coordinator");
            next.coordinator = *changes.coordinator;
        }
        require_free_name(impl.db(), next.name, raw(program));
        storage::update_program(impl.db(), next);
        // The audit entry keeps what was replaced.
        impl.audit(by, "update", "program", raw(program),
                   Json()
                       .add("name", next.name)
                       .add("old_name", p.name)
                       .add("purpose", next.purpose)
                       .add("old_purpose", p.purpose)
                       .add("coordinator", raw(next.coordinator))
                       .add("old_coordinator", raw(p.coordinator))
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("program", e.ref(program))
            .add("name", changes.name)
            .add("purpose", changes.purpose)
            .add("coordinator", e.ref(changes.coordinator))
            .done();
    }
    static UpdateProgram decode(ops::Decoder& d) {
        UpdateProgram op{d.ref<ProgramId>("program"), {}, d.actor_required()};
        op.changes.name = d.opt_text("name");
        op.changes.purpose = d.opt_text("purpose");
        op.changes.coordinator = d.opt_ref<PersonId>("coordinator");
        return op;
    }
};

struct AddGoal {
    static constexpr const char* kind = "program.add_goal";
    Uid uid;
    ProgramId program;
    NewProgramGoal goal;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        NewProgramGoal g = clean_goal(goal);
        coordinated(impl, program, by, "add a goal");
        ProgramGoalId id = storage::insert_program_goal(impl.db(), uid, program, g, impl.now());
        impl.audit(by, "add_goal", "program_goal", raw(id),
                   Json()
                       .add("program", raw(program))
                       .add("title", g.title)
                       .add("metric", names::metric.name(g.metric))
                       .add("direction", names::direction.name(g.direction))
                       .str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("program", e.ref(program))
            .add("title", goal.title)
            .add("metric", e.name(names::metric, goal.metric))
            .add("unit", goal.unit)
            .add("baseline", goal.baseline)
            .add("target", goal.target)
            .add("direction", e.name(names::direction, goal.direction))
            .add("due", e.date(goal.due))
            .done();
    }
    static AddGoal decode(ops::Decoder& d) {
        AddGoal op{d.uid("id"), d.ref<ProgramId>("program"), {}, d.actor_required()};
        op.goal.title = d.text("title");
        op.goal.metric = d.name("metric", names::metric);
        op.goal.unit = d.text("unit");
        op.goal.baseline = d.number("baseline");
        op.goal.target = d.number("target");
        op.goal.direction = d.name("direction", names::direction);
        op.goal.due = d.opt_date("due");
        return op;
    }
};

struct AddStandard {
    static constexpr const char* kind = "program.add_standard";
    Uid uid;
    ProgramId program;
    std::string title, description;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string t = detail::require_text(title, "the standard's title", kMaxNameBytes);
        std::string text = detail::optional_text(description, "the description");
        coordinated(impl, program, by, "add a standard");
        StandardId id = storage::insert_standard(impl.db(), uid, program, t, text, impl.now());
        impl.audit(by, "add_standard", "program_standard", raw(id),
                   Json().add("program", raw(program)).add("title", t).str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("program", e.ref(program))
            .add("title", title)
            .add("description", description)
            .done();
    }
    static AddStandard decode(ops::Decoder& d) {
        return {d.uid("id"), d.ref<ProgramId>("program"), d.text("title"), d.text("description"),
                d.actor_required()};
    }
};

struct Assess {
    static constexpr const char* kind = "program.assess";
    StandardId standard;
    Assessment rating;
    std::string evidence;
    Date on;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        require_known(names::assessment, rating);
        std::string text = detail::require_text(evidence, "the evidence");
        detail::require_date(on, "the assessment date");
        detail::require_not_future(on, impl.today(), "the assessment date");
        db::Database& db = impl.db();
        ProgramId program = load_standard(db, standard).first;
        coordinated(impl, program, by, "assess its standards");
        std::int64_t row =
            storage::insert_assessment(db, {standard, rating, text, on, by, impl.now()});
        impl.audit(by, "assess", "program_standard", raw(standard),
                   Json()
                       .add("assessment", row)
                       .add("rating", names::assessment.name(rating))
                       .add("on", to_string(on))
                       .add("evidence", text)
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("standard", e.ref(standard))
            .add("rating", e.name(names::assessment, rating))
            .add("evidence", evidence)
            .add("on", e.date(on))
            .done();
    }
    static Assess decode(ops::Decoder& d) {
        return {d.ref<StandardId>("standard"), d.name("rating", names::assessment),
                d.text("evidence"), d.date("on"), d.actor_required()};
    }
};

struct AddRelationship {
    static constexpr const char* kind = "program.add_relationship";
    ProgramId program;
    RelationshipId relationship;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        db::Database& db = impl.db();
        coordinated(impl, program, by, "add relationships to it");
        if (!storage::find_relationship(db, relationship))
            throw NotFound("relationship " + std::to_string(raw(relationship)) + " does not exist");
        if (auto other = storage::program_of(db, relationship))
            throw RuleViolation("relationship " + std::to_string(raw(relationship)) +
                                " already belongs to program " + std::to_string(raw(*other)));
        storage::link_relationship(db, program, relationship, by, impl.now());
        impl.audit(by, "add_relationship", "program", raw(program),
                   Json().add("relationship", raw(relationship)).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("program", e.ref(program))
            .add("relationship", e.ref(relationship))
            .done();
    }
    static AddRelationship decode(ops::Decoder& d) {
        return {d.ref<ProgramId>("program"), d.ref<RelationshipId>("relationship"),
                d.actor_required()};
    }
};

struct SetMentee {
    static constexpr const char* kind = "program.set_mentee";
    ProgramId program;
    ProgramMentee mentee;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        ProgramMentee m = clean_mentee(mentee);
        coordinated(impl, program, by, "change its mentees");
        impl.require_person(m.person, "mentee");
        storage::put_mentee(impl.db(), program, m);
        std::string listed;
        for (std::size_t i = 0; i < m.areas.size(); ++i)
            listed += (i ? ", " : "") + m.areas[i];
        Json detail;
        detail.add("mentee", raw(m.person)).add("areas", listed).add("board", m.board);
        if (m.preferred_style)
            detail.add("preferred_style", names::style.name(*m.preferred_style));
        else
            detail.add_null("preferred_style");
        impl.audit(by, "set_mentee", "program", raw(program), detail.str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        ops::Array areas(mentee.areas.begin(), mentee.areas.end());
        return ops::ObjectBuilder()
            .add("program", e.ref(program))
            .add("mentee", e.ref(mentee.person))
            .add("areas", std::move(areas))
            .add("preferred_style", mentee.preferred_style
                                        ? e.name(names::style, *mentee.preferred_style)
                                        : ops::Value())
            .add("board", mentee.board)
            .done();
    }
    static SetMentee decode(ops::Decoder& d) {
        SetMentee op{d.ref<ProgramId>("program"), {}, d.actor_required()};
        op.mentee.person = d.ref<PersonId>("mentee");
        for (const ops::Value& a : d["areas"].as_array("areas"))
            op.mentee.areas.push_back(a.as_string("an area"));
        op.mentee.preferred_style = d.opt_name("preferred_style", names::style);
        op.mentee.board = d.boolean("board");
        return op;
    }
};

// program.remove_mentee and program.remove_mentor: one person leaves the program's list.
struct RemoveParticipant {
    ProgramId program;
    PersonId person;
    PersonId by;
    bool mentor = false;

    std::int64_t apply(detail::StoreImpl& impl) const {
        coordinated(impl, program, by, mentor ? "change its mentors" : "change its mentees");
        bool removed = mentor ? storage::delete_mentor(impl.db(), program, person)
                              : storage::delete_mentee(impl.db(), program, person);
        if (!removed)
            throw NotFound(person_text(person) +
                           (mentor ? " is not a mentor of " : " is not a mentee of ") +
                           program_text(program));
        impl.audit(by, mentor ? "remove_mentor" : "remove_mentee", "program", raw(program),
                   Json().add(mentor ? "mentor" : "mentee", raw(person)).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("program", e.ref(program))
            .add(mentor ? "mentor" : "mentee", e.ref(person))
            .done();
    }
};
struct RemoveMentee : RemoveParticipant {
    static constexpr const char* kind = "program.remove_mentee";
    static RemoveMentee decode(ops::Decoder& d) {
        return {
            {d.ref<ProgramId>("program"), d.ref<PersonId>("mentee"), d.actor_required(), false}};
    }
};
struct RemoveMentor : RemoveParticipant {
    static constexpr const char* kind = "program.remove_mentor";
    static RemoveMentor decode(ops::Decoder& d) {
        return {{d.ref<ProgramId>("program"), d.ref<PersonId>("mentor"), d.actor_required(), true}};
    }
};

struct SetMentor {
    static constexpr const char* kind = "program.set_mentor";
    ProgramId program;
    ProgramMentor mentor;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        if (mentor.capacity < 1 || mentor.capacity > kMaxCapacity)
            throw InvalidArgument("a mentor's capacity must be between 1 and " +
                                  std::to_string(kMaxCapacity) + ", got " +
                                  std::to_string(mentor.capacity));
        coordinated(impl, program, by, "change its mentors");
        impl.require_person(mentor.person, "mentor");
        storage::put_mentor(impl.db(), program, mentor);
        impl.audit(by, "set_mentor", "program", raw(program),
                   Json().add("mentor", raw(mentor.person)).add("capacity", mentor.capacity).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("program", e.ref(program))
            .add("mentor", e.ref(mentor.person))
            .add("capacity", mentor.capacity)
            .done();
    }
    static SetMentor decode(ops::Decoder& d) {
        return {d.ref<ProgramId>("program"),
                {d.ref<PersonId>("mentor"), d.integer("capacity")},
                d.actor_required()};
    }
};

struct MarkPair {
    static constexpr const char* kind = "program.mark_pair";
    ProgramId program;
    MarkedPair pair;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        if (pair.mentee == pair.mentor)
            throw InvalidArgument("a pair needs two different people");
        require_known(names::mark, pair.mark);
        MarkedPair clean = pair;
        clean.reason = detail::require_text(pair.reason, "the reason");
        coordinated(impl, program, by, "mark pairs");
        impl.require_person(pair.mentee, "mentee");
        impl.require_person(pair.mentor, "mentor");
        storage::put_mark(impl.db(), program, clean);
        impl.audit(by, "mark_pair", "program", raw(program),
                   Json()
                       .add("mentee", raw(pair.mentee))
                       .add("mentor", raw(pair.mentor))
                       .add("mark", names::mark.name(pair.mark))
                       .add("reason", clean.reason)
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("program", e.ref(program))
            .add("mentee", e.ref(pair.mentee))
            .add("mentor", e.ref(pair.mentor))
            .add("mark", e.name(names::mark, pair.mark))
            .add("reason", pair.reason)
            .done();
    }
    static MarkPair decode(ops::Decoder& d) {
        return {d.ref<ProgramId>("program"),
                {d.ref<PersonId>("mentee"), d.ref<PersonId>("mentor"), d.name("mark", names::mark),
                 d.text("reason")},
                d.actor_required()};
    }
};

struct ClearMark {
    static constexpr const char* kind = "program.clear_mark";
    ProgramId program;
    PersonId mentee, mentor;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        coordinated(impl, program, by, "mark pairs");
        if (!storage::delete_mark(impl.db(), program, mentee, mentor))
            throw NotFound("the pair " + std::to_string(raw(mentee)) + " / " +
                           std::to_string(raw(mentor)) + " is not marked in " +
                           program_text(program));
        impl.audit(by, "clear_mark", "program", raw(program),
                   Json().add("mentee", raw(mentee)).add("mentor", raw(mentor)).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("program", e.ref(program))
            .add("mentee", e.ref(mentee))
            .add("mentor", e.ref(mentor))
            .done();
    }
    static ClearMark decode(ops::Decoder& d) {
        return {d.ref<ProgramId>("program"), d.ref<PersonId>("mentee"), d.ref<PersonId>("mentor"),
                d.actor_required()};
    }
};

Uid fresh_uid(detail::StoreImpl& impl) {
    return ops::new_uid(detail::to_millis(impl.now()));
}

} // namespace

namespace ops {
void register_programs(Registry& r) {
    r.add(CreateProgram::kind, &handle<CreateProgram>);
    r.add(UpdateProgram::kind, &handle<UpdateProgram>);
    r.add(AddGoal::kind, &handle<AddGoal>);
    r.add(AddStandard::kind, &handle<AddStandard>);
    r.add(Assess::kind, &handle<Assess>);
    r.add(AddRelationship::kind, &handle<AddRelationship>);
    r.add(SetMentee::kind, &handle<SetMentee>);
    r.add(RemoveMentee::kind, &handle<RemoveMentee>);
    r.add(SetMentor::kind, &handle<SetMentor>);
    r.add(RemoveMentor::kind, &handle<RemoveMentor>);
    r.add(MarkPair::kind, &handle<MarkPair>);
    r.add(ClearMark::kind, &handle<ClearMark>);
}
} // namespace ops

namespace detail {

Program load_program(db::Database& db, ProgramId id) {
    auto p = storage::find_program(db, id);
    if (!p)
        throw NotFound(program_text(id) + " does not exist");
    return std::move(*p);
}

void require_coordinator(const Program& p, PersonId by, std::string_view action) {
    if (by != p.coordinator)
        throw PermissionDenied(person_text(by) + " does not coordinate " + program_text(p.id) +
                               " and cannot " + std::string(action));
}

void add_relationship_in(ops::LocalBatch& batch, ProgramId program, RelationshipId relationship,
                         PersonId by) {
    batch.add(AddRelationship{program, relationship, by});
}

} // namespace detail

std::optional<double> ProgramNumbers::value(ProgramMetric metric) const noexcept {
    switch (metric) {
    case ProgramMetric::goal_attainment:
        return goal_attainment;
    case ProgramMetric::mean_goal_progress:
        return mean_goal_progress;
    case ProgramMetric::held_ratio:
        return held_ratio;
    case ProgramMetric::mean_held_first_90_days:
        return mean_held_first_90_days;
    case ProgramMetric::share_on_track:
        return share_on_track;
    case ProgramMetric::started_relationships:
        return static_cast<double>(started);
    case ProgramMetric::completed_relationships:
        return static_cast<double>(completed);
    }
    return std::nullopt;
}

ProgramId Programs::create(const NewProgram& req, std::optional<PersonId> by) {
    PersonId actor = by.value_or(req.coordinator);
    return ProgramId{ops::run(*m_impl, actor, CreateProgram{fresh_uid(*m_impl), req, actor})};
}

Program Programs::get(ProgramId id) const {
    return detail::load_program(m_impl->db(), id);
}

std::vector<Program> Programs::list() const {
    return storage::list_programs(m_impl->db());
}

void Programs::update(ProgramId id, const ProgramChanges& c, PersonId by) {
    ops::run(*m_impl, by, UpdateProgram{id, c, by});
}

ProgramGoalId Programs::add_goal(ProgramId id, const NewProgramGoal& g, PersonId by) {
    return ProgramGoalId{ops::run(*m_impl, by, AddGoal{fresh_uid(*m_impl), id, g, by})};
}

std::vector<ProgramGoal> Programs::goals(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    return storage::program_goals(db, id);
}

StandardId Programs::add_standard(ProgramId id, const std::string& title,
                                  const std::string& description, PersonId by) {
    return StandardId{
        ops::run(*m_impl, by, AddStandard{fresh_uid(*m_impl), id, title, description, by})};
}

void Programs::assess(StandardId standard, Assessment rating, const std::string& evidence, Date on,
                      PersonId by) {
    ops::run(*m_impl, by, Assess{standard, rating, evidence, on, by});
}

std::vector<Standard> Programs::standards(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    return storage::program_standards(db, id);
}

std::vector<StandardAssessment> Programs::assessments(StandardId standard) const {
    db::Database& db = m_impl->db();
    load_standard(db, standard);
    return storage::standard_assessments(db, standard);
}

void Programs::add_relationship(ProgramId id, RelationshipId relationship, PersonId by) {
    ops::run(*m_impl, by, AddRelationship{id, relationship, by});
}

std::vector<RelationshipId> Programs::relationships(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    return storage::program_relationships(db, id);
}

std::optional<ProgramId> Programs::program_of(RelationshipId relationship) const {
    return storage::program_of(m_impl->db(), relationship);
}

void Programs::set_mentee(ProgramId id, const ProgramMentee& mentee, PersonId by) {
    ops::run(*m_impl, by, SetMentee{id, mentee, by});
}

void Programs::remove_mentee(ProgramId id, PersonId mentee, PersonId by) {
    ops::run(*m_impl, by, RemoveMentee{{id, mentee, by, false}});
}

std::vector<ProgramMentee> Programs::mentees(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    return storage::program_mentees(db, id);
}

void Programs::set_mentor(ProgramId id, PersonId mentor, int capacity, PersonId by) {
    ops::run(*m_impl, by, SetMentor{id, {mentor, capacity}, by});
}

void Programs::remove_mentor(ProgramId id, PersonId mentor, PersonId by) {
    ops::run(*m_impl, by, RemoveMentor{{id, mentor, by, true}});
}

std::vector<ProgramMentor> Programs::mentors(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    return storage::program_mentors(db, id);
}

void Programs::mark_pair(ProgramId id, PersonId mentee, PersonId mentor, PairMark mark,
                         const std::string& reason, PersonId by) {
    ops::run(*m_impl, by, MarkPair{id, {mentee, mentor, mark, reason}, by});
}

void Programs::clear_mark(ProgramId id, PersonId mentee, PersonId mentor, PersonId by) {
    ops::run(*m_impl, by, ClearMark{id, mentee, mentor, by});
}

std::vector<MarkedPair> Programs::marks(ProgramId id) const {
    db::Database& db = m_impl->db();
    detail::load_program(db, id);
    return storage::program_marks(db, id);
}

EffectivenessReport Programs::effectiveness(ProgramId id, std::optional<Date> as_of) const {
    db::Database& db = m_impl->db();
    detail::require_date(as_of, "the report date");
    EffectivenessReport report;
    report.program = id;
    report.as_of = as_of.value_or(m_impl->today());
    std::vector<ProgramGoal> program_goals = goals(id); // NotFound for an unknown program
    ProgramNumbers& n = report.numbers;

    std::vector<RelationshipId> started;
    for (const storage::LinkedRelationship& r : storage::linked_relationships(db, id)) {
        ++n.relationships;
        if (r.status == Status::active)
            ++n.active;
        if (r.status == Status::completed)
            ++n.completed;
        if (r.started) {
            ++n.started;
            started.push_back(r.id);
        }
    }
    double progress_sum = 0;
    for (const storage::MeasuredGoal& g : storage::measured_goals(db, id, report.as_of)) {
        ++n.measurable_goals;
        std::optional<double> progress;
        if (g.latest)
            progress = (*g.latest - g.baseline) / (g.target - g.baseline);
        if (g.achieved || (progress && *progress >= 1))
            ++n.goals_attained;
        progress_sum += g.achieved ? 1.0 : std::clamp(progress.value_or(0.0), 0.0, 1.0);
    }
    if (n.measurable_goals > 0) {
        n.goal_attainment = static_cast<double>(n.goals_attained) / n.measurable_goals;
        n.mean_goal_progress = progress_sum / n.measurable_goals;
    }
    for (RelationshipId r : started) {
        MeetingStats ms = m_impl->meetings.stats(r);
        n.planned += ms.planned;
        n.held += ms.held;
        n.held_first_90_days += ms.held_first_90_days;
        if (ms.health && *ms.health != Health::too_early) {
            ++n.health_judged;
            if (*ms.health == Health::on_track)
                ++n.on_track;
        }
    }
    if (n.planned > 0)
        n.held_ratio = static_cast<double>(n.held) / n.planned;
    if (n.started > 0)
        n.mean_held_first_90_days = static_cast<double>(n.held_first_90_days) / n.started;
    if (n.health_judged > 0)
        n.share_on_track = static_cast<double>(n.on_track) / n.health_judged;

    for (ProgramGoal& g : program_goals) {
        ProgramGoalProgress p;
        p.current = n.value(g.metric);
        if (p.current) {
            p.progress = (*p.current - g.baseline) / (g.target - g.baseline);
            p.attained = g.direction == Direction::increase ? *p.current >= g.target
                                                            : *p.current <= g.target;
        }
        p.overdue = !p.attained && g.due && *g.due < report.as_of;
        p.goal = std::move(g);
        report.goals.push_back(std::move(p));
    }
    return report;
}

QualityReport Programs::quality(ProgramId id) const {
    QualityReport q;
    q.program = id;
    q.standards = standards(id);
    double sum = 0;
    for (const Standard& s : q.standards) {
        if (!s.latest) {
            q.unassessed.push_back(s.id);
            continue;
        }
        ++q.assessed;
        switch (s.latest->rating) {
        case Assessment::met:
            ++q.met;
            sum += 1;
            break;
        case Assessment::partly:
            ++q.partly;
            sum += 0.5;
            break;
        case Assessment::not_met:
            ++q.not_met;
            break;
        }
    }
    if (q.assessed > 0)
        q.score = sum / q.assessed;
    return q;
}

std::string_view to_string(ProgramMetric v) noexcept {
    return names::metric.name(v);
}
std::string_view to_string(Direction v) noexcept {
    return names::direction.name(v);
}
std::string_view to_string(Assessment v) noexcept {
    return names::assessment.name(v);
}
std::string_view to_string(PairMark v) noexcept {
    return names::mark.name(v);
}

} // namespace mentorkit
