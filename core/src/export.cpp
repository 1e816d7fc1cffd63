#include "mentorkit/export.hpp"

#include "mentorkit/people.hpp"
#include "mentorkit/store.hpp"

namespace mentorkit {

namespace {

std::int64_t millis(Timestamp at) noexcept {
    return at.time_since_epoch().count();
}

template <typename E>
std::int8_t code(E value) noexcept {
    return static_cast<std::int8_t>(value);
}

template <typename Id>
std::int64_t id_or_none(const std::optional<Id>& id) noexcept {
    return id ? raw(*id) : no_id;
}

std::int64_t day_or_none(const std::optional<Date>& date) noexcept {
    return date ? day_number(*date) : no_day;
}

} // namespace

// The tables are built from the areas' public reads, so they follow the same rules (and the
// same validation of stored data) as every other reader; one read each, no per-row queries
// beyond what list() does.

PeopleColumns export_people(Store& store) {
    std::vector<Person> people = store.people().list();
    PeopleColumns t;
    const std::size_t n = people.size();
    t.id.reserve(n);
    t.name.reserve(n);
    t.level.reserve(n);
    t.email.reserve(n);
    t.phone.reserve(n);
    t.supervisor.reserve(n);
    t.expertise_areas.reserve(n);
    t.created_at.reserve(n);
    for (Person& p : people) {
        t.id.push_back(raw(p.id));
        t.name.push_back(std::move(p.name));
        t.level.push_back(p.level);
        t.email.push_back(std::move(p.email));
        t.phone.push_back(std::move(p.phone));
        t.supervisor.push_back(id_or_none(p.supervisor));
        t.expertise_areas.push_back(static_cast<std::int64_t>(p.expertise.size()));
        t.created_at.push_back(millis(p.created_at));
    }
    return t;
}

ExpertiseColumns export_expertise(Store& store) {
    std::vector<Person> people = store.people().list();
    ExpertiseColumns t;
    for (Person& p : people) {
        for (Expertise& e : p.expertise) {
            t.person.push_back(raw(p.id));
            t.area.push_back(std::move(e.area));
            t.level.push_back(e.level);
        }
    }
    return t;
}

RelationshipColumns export_relationships(Store& store, const RelationshipFilter& filter) {
    std::vector<Relationship> rels = store.relationships().list(filter);
    RelationshipColumns t;
    const std::size_t n = rels.size();
    t.id.reserve(n);
    t.model.reserve(n);
    t.guide.reserve(n);
    t.learner.reserve(n);
    t.focus.reserve(n);
    t.formality.reserve(n);
    t.style.reserve(n);
    t.status.reserve(n);
    t.start.reserve(n);
    t.end.reserve(n);
    t.proposed_by.reserve(n);
    t.proposed_on.reserve(n);
    t.guide_accepted.reserve(n);
    t.learner_accepted.reserve(n);
    t.supervision_justification.reserve(n);
    t.ended_on.reserve(n);
    t.ended_by.reserve(n);
    t.end_reason.reserve(n);
    t.created_at.reserve(n);
    for (Relationship& r : rels) {
        t.id.push_back(raw(r.id));
        t.model.push_back(code(r.model));
        t.guide.push_back(raw(r.guide));
        t.learner.push_back(raw(r.learner));
        t.focus.push_back(std::move(r.focus));
        t.formality.push_back(code(r.formality));
        t.style.push_back(r.style ? code(*r.style) : no_code);
        t.status.push_back(code(r.status));
        t.start.push_back(day_number(r.start));
        t.end.push_back(day_or_none(r.end));
        t.proposed_by.push_back(raw(r.proposed_by));
        t.proposed_on.push_back(day_number(r.proposed_on));
        t.guide_accepted.push_back(r.guide_accepted ? 1 : 0);
        t.learner_accepted.push_back(r.learner_accepted ? 1 : 0);
        t.supervision_justification.push_back(std::move(r.supervision_justification));
        t.ended_on.push_back(day_or_none(r.ended_on));
        t.ended_by.push_back(id_or_none(r.ended_by));
        t.end_reason.push_back(std::move(r.end_reason));
        t.created_at.push_back(millis(r.created_at));
    }
    return t;
}

} // namespace mentorkit
