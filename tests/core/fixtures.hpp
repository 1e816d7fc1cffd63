#pragma once
// Shared helpers for the core tests: a temporary directory, a movable fixed clock, a store with
// people at chosen levels, relationship requests with sensible defaults, and REQUIRE_ERROR, which
// checks both the exception class and the ErrorCode of a refusal.

#include <mentorkit/mentorkit.hpp>

// Show std::optional values in failure messages instead of "{?}".
#ifndef CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#endif
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <typeinfo>
#include <utility>
#include <vector>

// Readable values in Catch's failure messages.
namespace Catch {
template <>
struct StringMaker<mentorkit::ErrorCode> {
    static std::string convert(mentorkit::ErrorCode c) {
        return mentorkit::make_error_code(c).message() + " (" +
               std::to_string(static_cast<int>(c)) + ")";
    }
};
#define MK_TEST_STRINGMAKER(Type)                                                                  \
    template <>                                                                                    \
    struct StringMaker<Type> {                                                                     \
        static std::string convert(Type v) { return std::string(mentorkit::to_string(v)); }        \
    };
MK_TEST_STRINGMAKER(mentorkit::Model)
MK_TEST_STRINGMAKER(mentorkit::Formality)
MK_TEST_STRINGMAKER(mentorkit::Style)
MK_TEST_STRINGMAKER(mentorkit::Status)
MK_TEST_STRINGMAKER(mentorkit::EventKind)
MK_TEST_STRINGMAKER(mentorkit::WarningCode)
MK_TEST_STRINGMAKER(mentorkit::ClauseKind)
MK_TEST_STRINGMAKER(mentorkit::AgreementState)
MK_TEST_STRINGMAKER(mentorkit::GoalKind)
MK_TEST_STRINGMAKER(mentorkit::GoalFunction)
MK_TEST_STRINGMAKER(mentorkit::GoalStatus)
MK_TEST_STRINGMAKER(mentorkit::Forecast)
MK_TEST_STRINGMAKER(mentorkit::ReviewDecision)
MK_TEST_STRINGMAKER(mentorkit::Visibility)
MK_TEST_STRINGMAKER(mentorkit::NoteKind)
MK_TEST_STRINGMAKER(mentorkit::Setting)
MK_TEST_STRINGMAKER(mentorkit::MeetingStatus)
MK_TEST_STRINGMAKER(mentorkit::Health)
#undef MK_TEST_STRINGMAKER
template <>
struct StringMaker<mentorkit::Date> {
    static std::string convert(mentorkit::Date d) { return mentorkit::to_string(d); }
};
template <>
struct StringMaker<mentorkit::PersonId> {
    static std::string convert(mentorkit::PersonId p) {
        return "person#" + std::to_string(mentorkit::raw(p));
    }
};
template <>
struct StringMaker<mentorkit::RelationshipId> {
    static std::string convert(mentorkit::RelationshipId r) {
        return "relationship#" + std::to_string(mentorkit::raw(r));
    }
};
#define MK_TEST_ID_STRINGMAKER(Type, prefix)                                                       \
    template <>                                                                                    \
    struct StringMaker<Type> {                                                                     \
        static std::string convert(Type v) { return prefix + std::to_string(mentorkit::raw(v)); }  \
    };
MK_TEST_ID_STRINGMAKER(mentorkit::GoalId, "goal#")
MK_TEST_ID_STRINGMAKER(mentorkit::CheckInId, "checkin#")
MK_TEST_ID_STRINGMAKER(mentorkit::GoalReviewId, "review#")
MK_TEST_ID_STRINGMAKER(mentorkit::ActionItemId, "action#")
MK_TEST_ID_STRINGMAKER(mentorkit::CoachingCycleId, "cycle#")
MK_TEST_ID_STRINGMAKER(mentorkit::NoteId, "note#")
MK_TEST_ID_STRINGMAKER(mentorkit::MeetingId, "meeting#")
#undef MK_TEST_ID_STRINGMAKER
} // namespace Catch

namespace mk_test {

using namespace mentorkit;

/// Describes any mentorkit error for a failure message.
inline std::string describe(const Error& e) {
    const char* kind = dynamic_cast<const NotFound*>(&e)           ? "NotFound"
                       : dynamic_cast<const InvalidArgument*>(&e)  ? "InvalidArgument"
                       : dynamic_cast<const RuleViolation*>(&e)    ? "RuleViolation"
                       : dynamic_cast<const PermissionDenied*>(&e) ? "PermissionDenied"
                       : dynamic_cast<const StorageError*>(&e)     ? "StorageError"
                                                                   : "Error";
    return std::string(kind) + " [" + Catch::StringMaker<ErrorCode>::convert(e.code()) +
           "]: " + e.what();
}

/// Runs `f`, which must throw exactly an `E` (or subclass) carrying `code`. Returns the message.
template <class E, class F>
std::string require_error(F&& f, ErrorCode code, const char* expression,
                          const char* type_name = typeid(E).name(), const char* file = "",
                          int line = 0) {
    INFO("at " << file << ":" << line << ": " << expression);
    try {
        f();
    } catch (const E& e) {
        INFO("message: " << e.what());
        CHECK(e.code() == code);
        return e.what();
    } catch (const Error& e) {
        FAIL("expected " << type_name << " [" << Catch::StringMaker<ErrorCode>::convert(code)
                         << "] but got " << describe(e));
    }
    FAIL("expected an exception (" << Catch::StringMaker<ErrorCode>::convert(code)
                                   << ") but nothing was thrown");
    return {};
}

} // namespace mk_test

/// REQUIRE_ERROR(RuleViolation, ErrorCode::supervisor_cycle, people.set_supervisor(a, a));
#define REQUIRE_ERROR(ExType, code, ...)                                                           \
    ::mk_test::require_error<ExType>([&] { (void)(__VA_ARGS__); }, (code), #__VA_ARGS__, #ExType,  \
                                     __FILE__, __LINE__)

namespace mk_test {

/// What a refusal was, for rules where the contract leaves the exact class or code open.
struct Refusal {
    std::string kind{}; ///< "NotFound", "InvalidArgument", "RuleViolation", "PermissionDenied".
    ErrorCode code{};
    std::string message{};
    bool is(const char* k) const { return kind == k; }
};

/// The class name of a mentorkit error ("InvalidArgument", ...).
inline std::string kind_of(const Error& e) {
    auto d = describe(e);
    return d.substr(0, d.find(' '));
}

/// True when the code belongs to the error's class (NotFound 1..99, InvalidArgument 100..199,
/// RuleViolation 200..299, PermissionDenied 300..399, StorageError 400..).
inline bool code_matches_kind(const Error& e) {
    int c = static_cast<int>(e.code());
    std::string k = kind_of(e);
    if (c < 100)
        return k == "NotFound";
    if (c < 200)
        return k == "InvalidArgument";
    if (c < 300)
        return k == "RuleViolation";
    if (c < 400)
        return k == "PermissionDenied";
    return k == "StorageError";
}

/// Runs `f`, which must be refused by validation: a mentorkit error that is not a StorageError,
/// whose code belongs to its class. Returns what was thrown.
template <class F>
Refusal require_refusal(F&& f, const char* expression, const char* file = "", int line = 0) {
    INFO("at " << file << ":" << line << ": " << expression);
    try {
        f();
    } catch (const StorageError& e) {
        FAIL("expected a validation refusal but got " << describe(e));
    } catch (const Error& e) {
        INFO("got " << describe(e));
        CHECK(code_matches_kind(e));
        return {kind_of(e), e.code(), e.what()};
    }
    FAIL("expected a refusal but nothing was thrown");
    return {};
}

} // namespace mk_test

/// auto r = REQUIRE_REFUSAL(meetings.mark_held(id, by)); CHECK(r.is("RuleViolation"));
#define REQUIRE_REFUSAL(...)                                                                       \
    ::mk_test::require_refusal([&] { (void)(__VA_ARGS__); }, #__VA_ARGS__, __FILE__, __LINE__)

namespace mk_test {

/// A unique directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        std::random_device rd;
        auto base = std::filesystem::temp_directory_path();
        for (int attempt = 0; attempt < 100; ++attempt) {
            auto candidate =
                base / ("mentorkit-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
            if (std::filesystem::create_directory(candidate)) {
                m_path = candidate;
                return;
            }
        }
        FAIL("could not create a temporary directory");
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path file(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

/// Whole content of a file (for byte-for-byte comparisons).
inline std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Noon UTC of a day, so day_of() is unambiguous.
inline Timestamp noon(Date d) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(d) + std::chrono::hours(12);
}

/// A time of day (UTC) on a day.
inline Timestamp time_on(Date d, int hour, int minute = 0) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(d) + std::chrono::hours(hour) +
           std::chrono::minutes(minute);
}

/// A clock the test can move; installed into a store with install().
class Clock {
public:
    explicit Clock(Date today) : m_now(std::make_shared<Timestamp>(noon(today))) {}
    void install(Store& store) const {
        auto now = m_now;
        store.set_clock([now] { return *now; });
    }
    void set_today(Date d) { *m_now = noon(d); }
    void advance(std::chrono::milliseconds by) { *m_now += by; }
    Timestamp now() const { return *m_now; }

private:
    std::shared_ptr<Timestamp> m_now;
};

/// The default "today" of every fixture.
inline Date default_today() {
    return make_date(2024, 1, 10);
}
/// The default planned start of relationships built by request().
inline Date default_start() {
    return make_date(2024, 1, 15);
}

/// A store plus a movable clock and shortcuts for people and relationships.
struct World {
    Store store;
    Clock clock;

    explicit World(Store s, Date today = default_today()) : store(std::move(s)), clock(today) {
        clock.install(store);
    }
    World() : World(Store::open_memory()) {}

    People& people() { return store.people(); }
    Relationships& rels() { return store.relationships(); }
    Agreements& agreements() { return store.agreements(); }
    AuditLog& audit() { return store.audit(); }

    /// Creates a person at a level, with optional expertise and supervisor.
    PersonId person(const std::string& name, int level, std::vector<Expertise> expertise = {},
                    std::optional<PersonId> supervisor = {}) {
        NewPerson p;
        p.name = name;
        p.level = level;
        p.expertise = std::move(expertise);
        p.supervisor = supervisor;
        return people().create(p);
    }

    /// A proposal by the guide, informal, starting default_start(), proposed on default_today().
    NewRelationship request(Model model, PersonId guide, PersonId learner,
                            const std::string& focus = "research") const {
        NewRelationship r;
        r.model = model;
        r.guide = guide;
        r.learner = learner;
        r.focus = focus;
        r.formality = Formality::informal;
        r.start = default_start();
        r.proposed_by = guide;
        r.proposed_on = default_today();
        return r;
    }

    /// Proposes (by the guide) and has the learner accept on default_start(): an active one.
    RelationshipId active(Model model, PersonId guide, PersonId learner,
                          const std::string& focus = "research") {
        auto id = rels().propose(request(model, guide, learner, focus));
        rels().accept(id, learner, default_start());
        return id;
    }
    RelationshipId active(const NewRelationship& r) {
        auto id = rels().propose(r);
        auto rel = rels().get(id);
        if (!rel.guide_accepted)
            rels().accept(id, r.guide, default_start());
        if (!rel.learner_accepted)
            rels().accept(id, r.learner, default_start());
        return id;
    }

    /// Warning codes of a relationship as of the clock's today.
    std::vector<WarningCode> warning_codes(RelationshipId id) {
        std::vector<WarningCode> out;
        for (const auto& w : rels().warnings(id))
            out.push_back(w.code);
        return out;
    }
    bool has_warning(RelationshipId id, WarningCode code) {
        for (auto c : warning_codes(id))
            if (c == code)
                return true;
        return false;
    }
};

/// Three people commonly used: a senior (level 3), a junior (level 1), a coordinator (level 5).
struct Trio {
    World w;
    PersonId senior;
    PersonId junior;
    PersonId coordinator;
    Trio()
        : senior(w.person("Senior", 3, {{"research", 4}})),
          junior(w.person("Junior", 1, {{"research", 1}})),
          coordinator(w.person("Coordinator", 5)) {}
};

/// A day of 2024 (the year every goal and action test lives in).
inline Date day24(unsigned month, unsigned d) {
    return make_date(2024, month, d);
}

/// A measurable goal request (skill development), created on `on` (default: today).
inline NewGoal measurable_goal(RelationshipId relationship, PersonId by, double baseline,
                               double target, std::optional<Date> due = {},
                               std::optional<Date> on = {}, const std::string& title = "Measurable",
                               const std::string& metric = "papers submitted") {
    NewGoal g;
    g.relationship = relationship;
    g.title = title;
    g.function = GoalFunction::skill_development;
    g.measure = Measure{metric, "papers", baseline, target};
    g.due = due;
    g.by = by;
    g.on = on;
    return g;
}

/// An open-ended goal request (career guidance), created on `on` (default: today).
inline NewGoal open_goal(RelationshipId relationship, PersonId by, std::optional<Date> due = {},
                         std::optional<Date> on = {}, const std::string& title = "Open-ended") {
    NewGoal g;
    g.relationship = relationship;
    g.title = title;
    g.function = GoalFunction::career_guidance;
    g.due = due;
    g.by = by;
    g.on = on;
    return g;
}

/// An active relationship between Trio's senior (guide) and junior (learner) starting on
/// default_start(), with the clock moved to `today` (default 2024-06-01) so that dated goal work
/// from the start on is in the past.
struct Duo {
    Trio t;
    World& w;
    PersonId guide;
    PersonId learner;
    PersonId outsider;
    RelationshipId rel;
    explicit Duo(Model model = Model::coaching, Date today = day24(6, 1),
                 const std::string& focus = "research")
        : w(t.w), guide(t.senior), learner(t.junior), outsider(t.coordinator),
          rel(t.w.active(model, t.senior, t.junior, focus)) {
        w.clock.set_today(today);
    }
    Goals& goals() { return w.store.goals(); }
    /// A measurable goal created and activated on the start day by an owner.
    GoalId active_measurable(double baseline, double target, std::optional<Date> due = {},
                             const std::string& title = "Measurable") {
        auto g = goals().create(
            measurable_goal(rel, owner(), baseline, target, due, default_start(), title));
        goals().activate(g, owner(), default_start());
        return g;
    }
    /// An open-ended goal created and activated on the start day by an owner.
    GoalId active_open(std::optional<Date> due = {}, const std::string& title = "Open-ended") {
        auto g = goals().create(open_goal(rel, owner(), due, default_start(), title));
        goals().activate(g, owner(), default_start());
        return g;
    }
    /// A person who owns goals under the model (the learner, except in supervision).
    PersonId owner() const {
        return w.store.relationships().get(rel).model == Model::supervision ? guide : learner;
    }
};

} // namespace mk_test
