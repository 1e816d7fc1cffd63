// People: every change is an operation (person.*), applied by the same code whether it is a
// local call or a replayed or synced operation; the SQL is in storage/people.cpp.

#include "mentorkit/people.hpp"

#include "mentorkit/error.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/keys.hpp"
#include "ops/registry.hpp"
#include "storage/people.hpp"
#include "store_impl.hpp"
#include "text.hpp"

#include <algorithm>

namespace mentorkit {

using detail::Json;

namespace {

std::string clean_area(const std::string& area) {
    return detail::require_text(area, "expertise area", kMaxNameBytes);
}

void check_level(int level) {
    if (level < 1 || level > 5)
        throw InvalidArgument("expertise level must be between 1 and 5, got " +
                              std::to_string(level));
}

std::optional<std::string> clean_contact(const std::optional<std::string>& v, const char* what) {
    if (!v)
        return std::nullopt;
    detail::require_utf8(*v, what, kMaxNameBytes);
    std::string t = detail::trim(*v);
    if (t.empty())
        return std::nullopt;
    return t;
}

bool ascii_iequal(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lx = (x >= 'A' && x <= 'Z') ? char(x - 'A' + 'a') : x;
        auto ly = (y >= 'A' && y <= 'Z') ? char(y - 'A' + 'a') : y;
        return lx == ly;
    });
}

// The request as it will be stored, or InvalidArgument (before anything is written).
NewPerson clean_person(const NewPerson& person) {
    NewPerson out;
    out.name = detail::require_text(person.name, "a person's name", kMaxNameBytes);
    detail::require_level(person.level);
    detail::require_list_size(person.expertise.size(), "the expertise list");
    out.level = person.level;
    out.email = clean_contact(person.email, "email");
    out.phone = clean_contact(person.phone, "phone");
    out.supervisor = person.supervisor;
    for (const Expertise& e : person.expertise) {
        check_level(e.level);
        std::string area = clean_area(e.area);
        for (const Expertise& seen : out.expertise)
            if (ascii_iequal(seen.area, area))
                throw InvalidArgument("expertise area '" + area + "' is listed twice");
        out.expertise.push_back({area, e.level});
    }
    return out;
}

Person load(detail::StoreImpl& impl, PersonId id) {
    auto p = storage::find_person(impl.db(), id);
    if (!p)
        throw NotFound("person " + std::to_string(raw(id)) + " does not exist");
    return std::move(*p);
}

void require_actor(detail::StoreImpl& impl, std::optional<PersonId> by) {
    if (by)
        impl.require_person(*by, "acting person");
}

// --- operations --------------------------------------------------------------------------------

struct CreatePerson {
    static constexpr const char* kind = "person.create";
    Uid uid;
    NewPerson person;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        NewPerson p = clean_person(person);
        require_actor(impl, by);
        if (p.supervisor)
            impl.require_person(*p.supervisor, "supervisor");
        PersonId id = storage::insert_person(impl.db(), uid, p, impl.now());
        impl.know_person(id, uid);
        Json detail;
        detail.add("name", p.name).add("level", p.level);
        if (p.supervisor)
            detail.add("supervisor", raw(*p.supervisor));
        impl.audit(by, "create", "person", raw(id), detail.str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        ops::Array expertise;
        for (const Expertise& x : person.expertise)
            expertise.push_back(ops::Array{x.area, x.level});
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("name", person.name)
            .add("level", person.level)
            .add("email", person.email)
            .add("phone", person.phone)
            .add("supervisor", e.ref(person.supervisor))
            .add("expertise", std::move(expertise))
            .done();
    }
    static CreatePerson decode(ops::Decoder& d) {
        CreatePerson op{d.uid("id"), {}, d.actor()};
        op.person.name = d.text("name");
        op.person.level = d.integer("level");
        op.person.email = d.opt_text("email");
        op.person.phone = d.opt_text("phone");
        op.person.supervisor = d.opt_ref<PersonId>("supervisor");
        for (const ops::Value& x : d["expertise"].as_array("expertise")) {
            const ops::Array& pair = x.as_array("an expertise entry");
            if (pair.size() != 2)
                throw InvalidArgument("an expertise entry is [area, level]");
            op.person.expertise.push_back(
                {pair[0].as_string("an area"), static_cast<int>(pair[1].as_int("a level"))});
        }
        return op;
    }
};

struct RenamePerson {
    static constexpr const char* kind = "person.rename";
    PersonId person;
    std::string name;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string clean = detail::require_text(name, "a person's name", kMaxNameBytes);
        require_actor(impl, by);
        // The old name is read as bytes: renaming is how a name another program wrote as
        // invalid UTF-8 is mended, so it must not fail on it (the audit keeps it with U+FFFD).
        auto old = storage::person_name_bytes(impl.db(), person);
        if (!old)
            throw NotFound("person " + std::to_string(raw(person)) + " does not exist");
        storage::set_person_name(impl.db(), person, clean);
        impl.audit(by, "rename", "person", raw(person),
                   Json().add("from", detail::valid_utf8(*old)).add("to", clean).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("person", e.ref(person)).add("name", name).done();
    }
    static RenamePerson decode(ops::Decoder& d) {
        return {d.ref<PersonId>("person"), d.text("name"), d.actor()};
    }
};

struct SetLevel {
    static constexpr const char* kind = "person.set_level";
    PersonId person;
    int level = 0;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        detail::require_level(level);
        require_actor(impl, by);
        Person old = load(impl, person);
        storage::set_person_level(impl.db(), person, level);
        impl.audit(by, "set_level", "person", raw(person),
                   Json().add("from", old.level).add("to", level).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("person", e.ref(person)).add("level", level).done();
    }
    static SetLevel decode(ops::Decoder& d) {
        return {d.ref<PersonId>("person"), d.integer("level"), d.actor()};
    }
};

struct SetContact {
    static constexpr const char* kind = "person.set_contact";
    PersonId person;
    std::optional<std::string> email, phone;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        auto e = clean_contact(email, "email");
        auto p = clean_contact(phone, "phone");
        require_actor(impl, by);
        impl.require_person(person, "person");
        storage::set_person_contact(impl.db(), person, e, p);
        impl.audit(by, "set_contact", "person", raw(person),
                   Json().add("email", e).add("phone", p).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("person", e.ref(person))
            .add("email", email)
            .add("phone", phone)
            .done();
    }
    static SetContact decode(ops::Decoder& d) {
        return {d.ref<PersonId>("person"), d.opt_text("email"), d.opt_text("phone"), d.actor()};
    }
};

struct SetExpertise {
    static constexpr const char* kind = "person.set_expertise";
    PersonId person;
    std::string area;
    int level = 0;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        check_level(level);
        std::string a = clean_area(area);
        require_actor(impl, by);
        impl.require_person(person, "person");
        storage::upsert_expertise(impl.db(), person, a, level);
        impl.audit(by, "set_expertise", "person", raw(person),
                   Json().add("area", a).add("level", level).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("person", e.ref(person))
            .add("area", area)
            .add("level", level)
            .done();
    }
    static SetExpertise decode(ops::Decoder& d) {
        return {d.ref<PersonId>("person"), d.text("area"), d.integer("level"), d.actor()};
    }
};

struct RemoveExpertise {
    static constexpr const char* kind = "person.remove_expertise";
    PersonId person;
    std::string area;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string a = clean_area(area);
        require_actor(impl, by);
        impl.require_person(person, "person");
        if (!storage::delete_expertise(impl.db(), person, a))
            throw NotFound("person " + std::to_string(raw(person)) + " lists no expertise in '" +
                           a + "'");
        impl.audit(by, "remove_expertise", "person", raw(person), Json().add("area", a).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("person", e.ref(person)).add("area", area).done();
    }
    static RemoveExpertise decode(ops::Decoder& d) {
        return {d.ref<PersonId>("person"), d.text("area"), d.actor()};
    }
};

struct SetSupervisor {
    static constexpr const char* kind = "person.set_supervisor";
    PersonId person;
    std::optional<PersonId> supervisor;
    std::optional<PersonId> by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        db::Database& db = impl.db();
        require_actor(impl, by);
        Person old = load(impl, person);
        if (supervisor) {
            impl.require_person(*supervisor, "supervisor");
            if (*supervisor == person)
                throw RuleViolation("a person cannot supervise themselves",
                                    ErrorCode::supervisor_cycle);
            auto chain = storage::supervisor_chain(db, *supervisor);
            if (std::find(chain.begin(), chain.end(), raw(person)) != chain.end())
                throw RuleViolation("person " + std::to_string(raw(person)) +
                                        " already supervises " + std::to_string(raw(*supervisor)) +
                                        " (directly or up the chain); the line would loop",
                                    ErrorCode::supervisor_cycle);
            // Any open mentoring or coaching between the people above and below the new line
            // would cross a supervision line (docs/domain.md: refused unless justified).
            if (auto r = storage::relationship_across_new_line(db, person, *supervisor))
                throw RuleViolation("the new supervision line would cross open relationship " +
                                        std::to_string(*r) +
                                        " (mentoring or coaching must not overlap supervision); "
                                        "end it first",
                                    ErrorCode::supervision_line);
        }
        storage::set_person_supervisor(db, person, supervisor);
        Json detail;
        if (old.supervisor)
            detail.add("from", raw(*old.supervisor));
        else
            detail.add_null("from");
        if (supervisor)
            detail.add("to", raw(*supervisor));
        else
            detail.add_null("to");
        impl.audit(by, "set_supervisor", "person", raw(person), detail.str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("person", e.ref(person))
            .add("supervisor", e.ref(supervisor))
            .done();
    }
    static SetSupervisor decode(ops::Decoder& d) {
        return {d.ref<PersonId>("person"), d.opt_ref<PersonId>("supervisor"), d.actor()};
    }
};

} // namespace

namespace ops {
void register_people(Registry& r) {
    r.add(CreatePerson::kind, &handle<CreatePerson>);
    r.add(RenamePerson::kind, &handle<RenamePerson>);
    r.add(SetLevel::kind, &handle<SetLevel>);
    r.add(SetContact::kind, &handle<SetContact>);
    r.add(SetExpertise::kind, &handle<SetExpertise>);
    r.add(RemoveExpertise::kind, &handle<RemoveExpertise>);
    r.add(SetSupervisor::kind, &handle<SetSupervisor>);
}
} // namespace ops

int Person::expertise_in(const std::string& area) const {
    std::string a = detail::trim(area);
    for (const Expertise& e : expertise)
        if (ascii_iequal(e.area, a))
            return e.level;
    return 0;
}

namespace detail {
PersonId create_owner(StoreImpl& impl, const NewPerson& person, const PublicKey& key) {
    Uid uid = ops::new_uid(detail::to_millis(impl.now()));
    ops::LocalBatch batch(impl, std::nullopt);
    PersonId id{batch.add(CreatePerson{uid, person, std::nullopt})};
    batch.act_as(id); // the first change of a personal store: its owner made their own record
    ops::add_owner_key(batch, id, key, impl.device); // and registered this device's key
    batch.commit();
    return id;
}
} // namespace detail

PersonId People::create(const NewPerson& person, std::optional<PersonId> by) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return PersonId{ops::run(*m_impl, by, CreatePerson{uid, person, by})};
}

std::optional<Person> People::find(PersonId id) const {
    return storage::find_person(m_impl->db(), id);
}

Person People::get(PersonId id) const {
    return load(*m_impl, id);
}

std::vector<Person> People::list() const {
    return storage::list_people(m_impl->db());
}

std::int64_t People::count() const {
    return storage::count_people(m_impl->db());
}

void People::rename(PersonId id, const std::string& name, std::optional<PersonId> by) {
    ops::run(*m_impl, by, RenamePerson{id, name, by});
}

void People::set_level(PersonId id, int level, std::optional<PersonId> by) {
    ops::run(*m_impl, by, SetLevel{id, level, by});
}

void People::set_contact(PersonId id, std::optional<std::string> email,
                         std::optional<std::string> phone, std::optional<PersonId> by) {
    ops::run(*m_impl, by, SetContact{id, std::move(email), std::move(phone), by});
}

void People::set_expertise(PersonId id, const std::string& area, int level,
                           std::optional<PersonId> by) {
    ops::run(*m_impl, by, SetExpertise{id, area, level, by});
}

void People::remove_expertise(PersonId id, const std::string& area, std::optional<PersonId> by) {
    ops::run(*m_impl, by, RemoveExpertise{id, area, by});
}

void People::set_supervisor(PersonId id, std::optional<PersonId> supervisor,
                            std::optional<PersonId> by) {
    ops::run(*m_impl, by, SetSupervisor{id, supervisor, by});
}

std::vector<PersonId> People::supervisor_chain(PersonId id) const {
    m_impl->require_person(id, "person");
    std::vector<PersonId> chain;
    for (std::int64_t s : storage::supervisor_chain(m_impl->db(), id))
        chain.push_back(PersonId{s});
    return chain;
}

std::vector<PersonId> People::direct_reports(PersonId id) const {
    m_impl->require_person(id, "person");
    return storage::direct_reports(m_impl->db(), id);
}

bool People::supervises(PersonId upper, PersonId lower) const {
    auto chain = supervisor_chain(lower);
    return std::find(chain.begin(), chain.end(), upper) != chain.end();
}

} // namespace mentorkit
