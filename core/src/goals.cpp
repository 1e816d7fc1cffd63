// Goals, milestones, check-ins and periodic reviews: every change is an operation (goal.*); the
// review method is rules/forecast.hpp, the SQL storage/goals.cpp.

#include "mentorkit/goals.hpp"

#include "goals_impl.hpp"
#include "mentorkit/error.hpp"
#include "names.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/registry.hpp"
#include "relationships_impl.hpp"
#include "rules/forecast.hpp"
#include "storage/goals.hpp"
#include "store_impl.hpp"

#include <algorithm>
#include <charconv>

namespace mentorkit {

using detail::Json;

namespace {

std::string goal_text(GoalId id) {
    return "goal " + std::to_string(raw(id));
}

Goal load_goal(db::Database& db, GoalId id) {
    auto g = storage::find_goal(db, id);
    if (!g)
        throw NotFound(goal_text(id) + " does not exist");
    return std::move(*g);
}

Measure clean_measure(const Measure& m) {
    Measure out = m;
    out.metric = detail::require_text(m.metric, "the metric", kMaxNameBytes);
    out.unit = detail::optional_text(m.unit, "the unit", kMaxNameBytes);
    detail::require_number(m.baseline, "the baseline");
    detail::require_number(m.target, "the target");
    if (m.target == m.baseline)
        throw InvalidArgument("the target must differ from the baseline (" +
                              std::to_string(m.baseline) + ")");
    return out;
}

bool owns(const Relationship& r, PersonId person) noexcept {
    switch (r.model) {
    case Model::mentoring:
        return person == r.learner;
    case Model::coaching:
        return r.is_party(person);
    case Model::supervision:
        return person == r.guide;
    }
    return false;
}

// The owner rule of docs/domain.md ("Goals") with a message that says why.
void require_owner(const Relationship& r, PersonId by, std::string_view what) {
    detail::require_party(r, by, std::string(what));
    if (!owns(r, by)) {
        std::string who = r.model == Model::mentoring ? "the mentee sets the goals"
                                                      : "the supervisor sets the goals";
        throw PermissionDenied("in " + std::string(to_string(r.model)) + " " + who + "; person " +
                               std::to_string(raw(by)) + " cannot " + std::string(what));
    }
}

void require_status(const Goal& g, std::initializer_list<GoalStatus> allowed,
                    std::string_view action) {
    for (GoalStatus s : allowed)
        if (g.status == s)
            return;
    throw RuleViolation("cannot " + std::string(action) + " " + goal_text(g.id) + ": it is " +
                            std::string(to_string(g.status)),
                        ErrorCode::invalid_transition);
}

std::optional<std::string> date_or_null(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(to_string(*d)) : std::nullopt;
}

// Validated changes, ready to write.
struct CleanChanges {
    std::optional<std::string> title;
    std::optional<GoalFunction> function;
    std::optional<Measure> measure;
    std::optional<std::optional<Date>> due;
    bool empty() const { return !title && !function && !measure && !due; }
};

CleanChanges clean_changes(const Goal& g, const GoalChanges& c) {
    CleanChanges out;
    if (c.title)
        out.title = detail::require_text(*c.title, "the goal's title", kMaxNameBytes);
    if (c.function) {
        if (static_cast<std::size_t>(*c.function) > 4)
            throw InvalidArgument("unknown goal function");
        out.function = c.function;
    }
    if (c.measure) {
        if (g.kind != GoalKind::measurable)
            throw InvalidArgument(goal_text(g.id) +
                                  " is open-ended; it has no metric, baseline or target");
        out.measure = clean_measure(*c.measure);
    }
    if (c.due) {
        detail::require_date(*c.due, "the due date");
        if (*c.due)
            detail::require_not_before(**c.due, g.created_on, "the due date",
                                       "the goal's creation");
        out.due = c.due;
    }
    return out;
}

ops::Value encode_measure(const Measure& m) {
    return ops::ObjectBuilder()
        .add("metric", m.metric)
        .add("unit", m.unit)
        .add("baseline", m.baseline)
        .add("target", m.target)
        .done();
}

Measure decode_measure(const ops::Value& v) {
    return {v["metric"].as_string("metric"), v["unit"].as_string("unit"),
            v["baseline"].as_number("baseline"), v["target"].as_number("target")};
}

ops::Value encode_changes(const GoalChanges& c) {
    // A change names only what it changes; "due": null clears the due date.
    ops::ObjectBuilder b(ops::ObjectBuilder::kKeepNulls);
    if (c.title)
        b.add("title", *c.title);
    if (c.function)
        b.add("function", names::goal_function.name(*c.function));
    if (c.measure)
        b.add("measure", encode_measure(*c.measure));
    if (c.due)
        b.add("due", ops::Encoder::date(*c.due));
    return b.done();
}

GoalChanges decode_changes(const ops::Value& v) {
    GoalChanges c;
    if (v.has("title"))
        c.title = v["title"].as_string("title");
    if (v.has("function"))
        c.function =
            ops::Decoder::parse_name(names::goal_function, v["function"].as_string("function"));
    if (v.has("measure"))
        c.measure = decode_measure(v["measure"]);
    if (v.has("due"))
        c.due = v["due"].is_null() ? std::optional<Date>{}
                                   : std::optional<Date>{parse_date(v["due"].as_string("due"))};
    return c;
}

// Writes validated changes with their audit entry.
void write_changes(detail::StoreImpl& impl, const Goal& g, const CleanChanges& c, PersonId by) {
    db::Database& db = impl.db();
    Json detail;
    if (c.title) {
        storage::set_goal_title(db, g.id, *c.title);
        detail.add("old_title", g.title).add("title", *c.title);
    }
    if (c.function) {
        storage::set_goal_function(db, g.id, *c.function);
        detail.add("old_function", names::goal_function.name(g.function))
            .add("function", names::goal_function.name(*c.function));
    }
    if (c.measure) {
        storage::set_goal_measure(db, g.id, *c.measure);
        detail.add("old_metric", g.measure->metric)
            .add("old_baseline", std::to_string(g.measure->baseline))
            .add("old_target", std::to_string(g.measure->target))
            .add("metric", c.measure->metric)
            .add("baseline", std::to_string(c.measure->baseline))
            .add("target", std::to_string(c.measure->target));
    }
    if (c.due) {
        storage::set_goal_due(db, g.id, *c.due);
        detail.add("old_due", date_or_null(g.due)).add("due", date_or_null(*c.due));
    }
    impl.audit(by, "update", "goal", raw(g.id), detail.str());
}

// Closes a goal as achieved or abandoned, with its audit entry (after the checks passed).
void close_goal(detail::StoreImpl& impl, GoalId id, GoalStatus status, PersonId by, Date on,
                const std::optional<std::string>& reason) {
    storage::set_goal_status(impl.db(), id, status, std::nullopt, on, reason);
    impl.audit(by, status == GoalStatus::achieved ? "achieve" : "abandon", "goal", raw(id),
               Json().add("on", to_string(on)).add("reason", reason).str());
}

struct Loaded {
    Goal goal;
    Relationship rel;
};
Loaded load_with_relationship(db::Database& db, GoalId id) {
    Goal g = load_goal(db, id);
    Relationship r = detail::load_relationship(db, g.relationship);
    return {std::move(g), std::move(r)};
}

GoalReview review_of(storage::GoalHistory& h, Date as_of) {
    return rules::review_goal(h.facts, std::move(h.points), h.milestones_done, h.milestones_total,
                              as_of);
}

std::vector<GoalReview> reviews_in(db::Database& db, storage::GoalScope scope, std::int64_t id,
                                   Date as_of) {
    std::vector<GoalReview> out;
    for (storage::GoalHistory& h : storage::goal_histories(db, scope, id))
        out.push_back(review_of(h, as_of));
    return out;
}

// --- check-ins -------------------------------------------------------------------------------

storage::CheckInContext checkin_context(db::Database& db, GoalId id) {
    auto c = storage::checkin_context(db, id);
    if (!c)
        throw NotFound(goal_text(id) + " does not exist");
    return *c;
}

struct CleanValue {
    std::optional<double> value;
    std::optional<std::string> note;
};

CleanValue clean_checkin(const storage::CheckInContext& c, std::optional<double> value,
                         const std::string& note) {
    CleanValue out;
    if (value) {
        if (c.kind != GoalKind::measurable)
            throw InvalidArgument("an open-ended goal takes notes, not values");
        detail::require_number(*value, "the value");
        out.value = value;
    }
    out.note = detail::optional_reason(note, "the note");
    if (!out.value && !out.note)
        throw InvalidArgument("a check-in needs a value or a note");
    return out;
}

void check_checkin(detail::StoreImpl& impl, const storage::CheckInContext& c, GoalId id,
                   PersonId by, Date on) {
    detail::require_party(c.rel, by, "record check-ins");
    if (c.status != GoalStatus::active)
        throw RuleViolation("cannot record a check-in on " + goal_text(id) + ": it is " +
                                std::string(to_string(c.status)),
                            ErrorCode::invalid_transition);
    detail::require_not_before(on, c.rel.start, "the check-in date", "the relationship's start");
    if (c.rel.ended_on && on > *c.rel.ended_on)
        throw InvalidArgument("the check-in date " + to_string(on) +
                                  " is after the relationship ended (" +
                                  to_string(*c.rel.ended_on) + ")",
                              ErrorCode::invalid_date);
    detail::require_not_future(on, impl.today(), "the check-in date");
}

// A value as the audit log has always written it (std::to_string's "%f"), without printf.
std::string fixed6(double v) {
    char buf[400]; // "%f" of the largest double: 309 digits and 7 more
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
    return std::string(buf, r.ptr);
}

CheckInId write_checkin(detail::StoreImpl& impl, const Uid& uid, GoalId goal, PersonId by, Date on,
                        const CleanValue& v, std::optional<CheckInId> supersedes) {
    CheckInId id = storage::insert_checkin(impl.db(), uid, goal, by, on, v.value, v.note,
                                           supersedes, impl.now());
    // The note may be private to the parties: the audit log records the value, not the text.
    Json detail;
    detail.add("goal", raw(goal)).add("on", to_string(on)).add("has_note", v.note.has_value());
    if (v.value)
        detail.add("value", fixed6(*v.value));
    if (supersedes)
        detail.add("supersedes", raw(*supersedes));
    impl.audit(by, supersedes ? "correct" : "check_in", "checkin", raw(id), detail.str());
    return id;
}

// --- operations --------------------------------------------------------------------------------

struct CreateGoal {
    static constexpr const char* kind = "goal.create";
    Uid uid;
    NewGoal req;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string title = detail::require_text(req.title, "the goal's title", kMaxNameBytes);
        if (static_cast<std::size_t>(req.function) > 4)
            throw InvalidArgument("unknown goal function");
        std::optional<Measure> measure;
        if (req.measure)
            measure = clean_measure(*req.measure);
        detail::require_date(req.due, "the due date");
        detail::require_date(req.on, "the date");
        Relationship r = detail::load_relationship(impl.db(), req.relationship);
        require_owner(r, req.by, "set goals");
        if (!r.is_open())
            detail::bad_transition(r, "set goals in");
        Date on = req.on.value_or(impl.today());
        if (req.due)
            detail::require_not_before(*req.due, on, "the due date", "the goal's creation");
        Goal g;
        g.relationship = r.id;
        g.learner = r.learner;
        g.title = title;
        g.kind = measure ? GoalKind::measurable : GoalKind::open_ended;
        g.function = req.function;
        g.measure = measure;
        g.due = req.due;
        g.status = GoalStatus::draft;
        g.created_by = req.by;
        g.created_on = on;
        GoalId id = storage::insert_goal(impl.db(), uid, g, impl.now());
        Json detail;
        detail.add("relationship", raw(r.id))
            .add("title", title)
            .add("kind", names::goal_kind.name(g.kind))
            .add("function", names::goal_function.name(req.function));
        impl.audit(req.by, "create", "goal", raw(id), detail.str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("relationship", e.ref(req.relationship))
            .add("title", req.title)
            .add("function", names::goal_function.name(req.function))
            .add("measure", req.measure ? encode_measure(*req.measure) : ops::Value())
            .add("due", e.date(req.due))
            .add("on", e.date(req.on))
            .done();
    }
    static CreateGoal decode(ops::Decoder& d) {
        CreateGoal op{d.uid("id"), {}};
        op.req.relationship = d.ref<RelationshipId>("relationship");
        op.req.title = d.text("title");
        op.req.function = d.name("function", names::goal_function);
        if (!d["measure"].is_null())
            op.req.measure = decode_measure(d["measure"]);
        op.req.due = d.opt_date("due");
        op.req.by = d.actor_required();
        op.req.on = d.opt_date("on");
        return op;
    }
};

struct UpdateGoal {
    static constexpr const char* kind = "goal.update";
    GoalId id;
    GoalChanges changes;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        auto [g, r] = load_with_relationship(impl.db(), id);
        require_owner(r, by, "change goals");
        require_status(g, {GoalStatus::draft, GoalStatus::active}, "change");
        write_changes(impl, g, clean_changes(g, changes), by);
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("goal", e.ref(id))
            .add("changes", encode_changes(changes))
            .done();
    }
    static UpdateGoal decode(ops::Decoder& d) {
        return {d.ref<GoalId>("goal"), decode_changes(d["changes"]), d.actor_required()};
    }
};

struct Activate {
    static constexpr const char* kind = "goal.activate";
    GoalId id;
    PersonId by;
    Date on;

    std::int64_t apply(detail::StoreImpl& impl) const {
        detail::require_date(on, "the date");
        auto [g, r] = load_with_relationship(impl.db(), id);
        require_owner(r, by, "activate goals");
        require_status(g, {GoalStatus::draft}, "activate");
        if (!r.is_open())
            detail::bad_transition(r, "activate a goal of");
        detail::require_not_before(on, g.created_on, "the activation date", "the goal's creation");
        storage::set_goal_status(impl.db(), id, GoalStatus::active, on, std::nullopt, std::nullopt);
        impl.audit(by, "activate", "goal", raw(id), Json().add("on", to_string(on)).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("goal", e.ref(id)).add("on", e.date(on)).done();
    }
    static Activate decode(ops::Decoder& d) {
        return {d.ref<GoalId>("goal"), d.actor_required(), d.date("on")};
    }
};

// Achieving and abandoning a goal: one payload ({goal, on, reason}), two sets of rules.
template <GoalStatus To>
struct CloseGoal {
    static_assert(To == GoalStatus::achieved || To == GoalStatus::abandoned);
    static constexpr const char* kind =
        To == GoalStatus::achieved ? "goal.achieve" : "goal.abandon";
    GoalId id;
    PersonId by;
    Date on;
    std::string reason;

    std::int64_t apply(detail::StoreImpl& impl) const {
        detail::require_date(on, "the date");
        // A goal is abandoned for a reason; achieving one may say why or not.
        std::optional<std::string> why =
            To == GoalStatus::abandoned
                ? detail::require_text(reason, "the reason for abandoning a goal")
                : detail::optional_reason(reason, "the reason");
        auto [g, r] = load_with_relationship(impl.db(), id);
        require_owner(r, by, "close goals");
        if constexpr (To == GoalStatus::achieved) {
            require_status(g, {GoalStatus::active}, "achieve");
            detail::require_not_before(on, *g.activated_on, "the date", "the goal's activation");
        } else {
            require_status(g, {GoalStatus::draft, GoalStatus::active}, "abandon");
            detail::require_not_before(on, g.activated_on.value_or(g.created_on), "the date",
                                       "the goal's activation");
        }
        close_goal(impl, id, To, by, on, why);
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("goal", e.ref(id))
            .add("on", e.date(on))
            .add("reason", reason)
            .done();
    }
    static CloseGoal decode(ops::Decoder& d) {
        return {d.ref<GoalId>("goal"), d.actor_required(), d.date("on"), d.text("reason")};
    }
};
using Achieve = CloseGoal<GoalStatus::achieved>;
using Abandon = CloseGoal<GoalStatus::abandoned>;

struct AddMilestone {
    static constexpr const char* kind = "goal.add_milestone";
    GoalId id;
    std::string title;
    std::optional<Date> due;
    PersonId by;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string t = detail::require_text(title, "the milestone's title", kMaxNameBytes);
        detail::require_date(due, "the milestone's due date");
        auto [g, r] = load_with_relationship(impl.db(), id);
        require_owner(r, by, "plan milestones");
        require_status(g, {GoalStatus::draft, GoalStatus::active}, "add a milestone to");
        detail::require_list_size(g.milestones.size() + 1, "the goal's milestones");
        std::size_t index = g.milestones.size();
        storage::insert_milestone(impl.db(), id, index, t, due);
        impl.audit(by, "add_milestone", "goal", raw(id),
                   Json().add("milestone", static_cast<std::int64_t>(index)).add("title", t).str());
        return static_cast<std::int64_t>(index);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("goal", e.ref(id))
            .add("title", title)
            .add("due", e.date(due))
            .done();
    }
    static AddMilestone decode(ops::Decoder& d) {
        return {d.ref<GoalId>("goal"), d.text("title"), d.opt_date("due"), d.actor_required()};
    }
};

struct CompleteMilestone {
    static constexpr const char* kind = "goal.complete_milestone";
    GoalId id;
    std::size_t index = 0;
    PersonId by;
    Date on;

    std::int64_t apply(detail::StoreImpl& impl) const {
        detail::require_date(on, "the date");
        auto [g, r] = load_with_relationship(impl.db(), id);
        detail::require_party(r, by, "complete milestones");
        require_status(g, {GoalStatus::active}, "complete a milestone of");
        if (index >= g.milestones.size())
            throw InvalidArgument("milestone " + std::to_string(index) + " does not exist (" +
                                  goal_text(id) + " has " + std::to_string(g.milestones.size()) +
                                  ")");
        if (g.milestones[index].done())
            throw RuleViolation("milestone " + std::to_string(index) + " of " + goal_text(id) +
                                    " was already completed on " +
                                    to_string(*g.milestones[index].done_on),
                                ErrorCode::invalid_transition);
        detail::require_not_before(on, g.created_on, "the date", "the goal's creation");
        detail::require_not_future(on, impl.today(), "the date");
        storage::complete_milestone(impl.db(), id, index, by, on);
        impl.audit(by, "complete_milestone", "goal", raw(id),
                   Json()
                       .add("milestone", static_cast<std::int64_t>(index))
                       .add("on", to_string(on))
                       .str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("goal", e.ref(id))
            .add("index", static_cast<std::int64_t>(index))
            .add("on", e.date(on))
            .done();
    }
    static CompleteMilestone decode(ops::Decoder& d) {
        std::int64_t i = d.int64("index");
        if (i < 0)
            throw InvalidArgument("a milestone index is not negative");
        return {d.ref<GoalId>("goal"), static_cast<std::size_t>(i), d.actor_required(),
                d.date("on")};
    }
};

struct RecordCheckIn {
    static constexpr const char* kind = "goal.check_in";
    Uid uid;
    GoalId goal;
    PersonId by;
    Date on;
    std::optional<double> value;
    std::string note;

    std::int64_t apply(detail::StoreImpl& impl) const {
        detail::require_date(on, "the check-in date");
        storage::CheckInContext c = checkin_context(impl.db(), goal);
        check_checkin(impl, c, goal, by, on);
        CleanValue v = clean_checkin(c, value, note);
        return raw(write_checkin(impl, uid, goal, by, on, v, std::nullopt));
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("goal", e.ref(goal))
            .add("on", e.date(on))
            .add("value", value)
            .add("note", note)
            .done();
    }
    static RecordCheckIn decode(ops::Decoder& d) {
        return {d.uid("id"),  d.ref<GoalId>("goal"), d.actor_required(),
                d.date("on"), d.opt_number("value"), d.text("note")};
    }
};

struct Correct {
    static constexpr const char* kind = "goal.correct";
    Uid uid;
    CheckInId checkin;
    PersonId by;
    std::optional<double> value;
    std::string note;

    std::int64_t apply(detail::StoreImpl& impl) const {
        auto t = storage::checkin_target(impl.db(), checkin);
        if (!t)
            throw NotFound("check-in " + std::to_string(raw(checkin)) + " does not exist");
        if (t->corrected)
            throw RuleViolation("check-in " + std::to_string(raw(checkin)) +
                                    " was already corrected; correct the correction",
                                ErrorCode::invalid_transition);
        storage::CheckInContext c = checkin_context(impl.db(), t->goal);
        check_checkin(impl, c, t->goal, by, t->on);
        CleanValue v = clean_checkin(c, value, note);
        return raw(write_checkin(impl, uid, t->goal, by, t->on, v, checkin));
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("checkin", e.ref(checkin))
            .add("value", value)
            .add("note", note)
            .done();
    }
    static Correct decode(ops::Decoder& d) {
        return {d.uid("id"), d.ref<CheckInId>("checkin"), d.actor_required(), d.opt_number("value"),
                d.text("note")};
    }
};

// A periodic review: the review and its lines; the decisions that change or close goals follow
// in the same batch as goal.update, goal.achieve and goal.abandon operations.
struct HoldReview {
    static constexpr const char* kind = "goal.hold_review";
    Uid uid;
    RelationshipId relationship;
    PersonId by;
    Date on;
    std::vector<ReviewItem> items;
    std::string summary;

    std::int64_t apply(detail::StoreImpl& impl) const {
        detail::require_date(on, "the review date");
        std::string sum = detail::optional_text(summary, "the summary");
        db::Database& db = impl.db();
        Relationship r = detail::load_relationship(db, relationship);
        detail::require_party(r, by, "hold a goal review");
        if (!r.is_open())
            detail::bad_transition(r, "review the goals of");
        detail::require_not_before(on, r.start, "the review date", "the relationship's start");
        detail::require_not_future(on, impl.today(), "the review date");
        // Validate the whole review before writing any of it.
        std::vector<Goal> active;
        for (Goal& g : storage::goals_of(db, relationship))
            if (g.status == GoalStatus::active)
                active.push_back(std::move(g));
        struct Planned {
            const Goal* goal;
            const ReviewItem* item;
            std::string reason;
        };
        std::vector<Planned> plan;
        for (const ReviewItem& item : items) {
            auto it = std::find_if(active.begin(), active.end(),
                                   [&](const Goal& g) { return g.id == item.goal; });
            if (it == active.end())
                throw InvalidArgument(goal_text(item.goal) +
                                      " is not an active goal of this relationship");
            for (const Planned& p : plan)
                if (p.goal->id == item.goal)
                    throw InvalidArgument(goal_text(item.goal) + " appears twice in the review");
            if (static_cast<std::size_t>(item.decision) > 3)
                throw InvalidArgument("unknown review decision");
            Planned p{&*it, &item, {}};
            if (item.decision != ReviewDecision::kept) {
                require_owner(r, by, "decide on goals");
                p.reason = detail::require_text(item.reason, "the reason for the decision");
            } else {
                p.reason = detail::optional_text(item.reason, "the reason");
            }
            if (item.decision == ReviewDecision::changed &&
                clean_changes(*it, item.changes).empty())
                throw InvalidArgument("the decision on " + goal_text(it->id) +
                                      " is 'changed' but no change is given");
            if ((item.decision == ReviewDecision::achieved ||
                 item.decision == ReviewDecision::abandoned) &&
                on < *it->activated_on)
                throw InvalidArgument("the review date is before " + goal_text(it->id) +
                                          " was activated",
                                      ErrorCode::invalid_date);
            plan.push_back(std::move(p));
        }
        for (const Goal& g : active)
            if (std::none_of(plan.begin(), plan.end(),
                             [&](const Planned& p) { return p.goal->id == g.id; }))
                throw InvalidArgument("the review must decide on every active goal; " +
                                      goal_text(g.id) + " (\"" + g.title + "\") is missing");

        std::vector<GoalReview> snapshot =
            reviews_in(db, storage::GoalScope::relationship, raw(relationship), on);
        GoalReviewId review =
            storage::insert_review(db, uid, relationship, on, by, sum, impl.now());
        for (const Planned& p : plan) {
            auto snap = std::find_if(snapshot.begin(), snapshot.end(),
                                     [&](const GoalReview& g) { return g.goal == p.goal->id; });
            storage::insert_review_item(db, review, p.goal->id, p.item->decision, p.reason,
                                        snap != snapshot.end() ? snap->progress : std::nullopt,
                                        snap != snapshot.end() ? snap->forecast : std::nullopt);
        }
        impl.audit(by, "hold_review", "goal_review", raw(review),
                   Json()
                       .add("relationship", raw(relationship))
                       .add("on", to_string(on))
                       .add("goals", static_cast<std::int64_t>(plan.size()))
                       .str());
        return raw(review);
    }
    ops::Value encode(ops::Encoder& e) const {
        ops::Array lines;
        for (const ReviewItem& item : items)
            lines.push_back(ops::ObjectBuilder()
                                .add("goal", e.ref(item.goal))
                                .add("decision", names::decision.name(item.decision))
                                .add("reason", item.reason)
                                .add("changes", encode_changes(item.changes))
                                .done());
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("relationship", e.ref(relationship))
            .add("on", e.date(on))
            .add("summary", summary)
            .add("items", std::move(lines))
            .done();
    }
    static HoldReview decode(ops::Decoder& d) {
        HoldReview op{d.uid("id"),
                      d.ref<RelationshipId>("relationship"),
                      d.actor_required(),
                      d.date("on"),
                      {},
                      d.text("summary")};
        for (const ops::Value& v : d["items"].as_array("items")) {
            ReviewItem item;
            item.goal = d.ref_of<GoalId>(v["goal"]);
            item.decision =
                ops::Decoder::parse_name(names::decision, v["decision"].as_string("decision"));
            item.reason = v["reason"].as_string("reason");
            item.changes = decode_changes(v["changes"]);
            op.items.push_back(std::move(item));
        }
        return op;
    }
};

} // namespace

namespace ops {
void register_goals(Registry& r) {
    r.add(CreateGoal::kind, &handle<CreateGoal>);
    r.add(UpdateGoal::kind, &handle<UpdateGoal>);
    r.add(Activate::kind, &handle<Activate>);
    r.add(Achieve::kind, &handle<Achieve>);
    r.add(Abandon::kind, &handle<Abandon>);
    r.add(AddMilestone::kind, &handle<AddMilestone>);
    r.add(CompleteMilestone::kind, &handle<CompleteMilestone>);
    r.add(RecordCheckIn::kind, &handle<RecordCheckIn>);
    r.add(Correct::kind, &handle<Correct>);
    r.add(HoldReview::kind, &handle<HoldReview>);
}
} // namespace ops

namespace detail {

Goal load_goal(db::Database& db, GoalId id) {
    return mentorkit::load_goal(db, id);
}

std::vector<std::pair<RelationshipId, GoalReview>> review_active_goals(db::Database& db,
                                                                       Date as_of) {
    std::vector<std::pair<RelationshipId, GoalReview>> out;
    for (storage::GoalHistory& h : storage::goal_histories(db, storage::GoalScope::active))
        out.emplace_back(h.relationship, review_of(h, as_of));
    return out;
}

} // namespace detail

bool Goals::is_owner(const Relationship& r, PersonId person) const noexcept {
    return owns(r, person);
}

GoalId Goals::create(const NewGoal& req) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return GoalId{ops::run(*m_impl, req.by, CreateGoal{uid, req})};
}

Goal Goals::get(GoalId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    Goal g = load_goal(db, id);
    detail::load_for_reader(db, g.relationship, acting, "goals");
    return g;
}

std::vector<Goal> Goals::list(RelationshipId relationship, PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "goals");
    return storage::goals_of(db, relationship);
}

void Goals::update(GoalId id, const GoalChanges& changes, PersonId by) {
    ops::run(*m_impl, by, UpdateGoal{id, changes, by});
}

void Goals::activate(GoalId id, PersonId by, Date on) {
    ops::run(*m_impl, by, Activate{id, by, on});
}

void Goals::achieve(GoalId id, PersonId by, Date on, const std::string& reason) {
    ops::run(*m_impl, by, Achieve{id, by, on, reason});
}

void Goals::abandon(GoalId id, PersonId by, Date on, const std::string& reason) {
    ops::run(*m_impl, by, Abandon{id, by, on, reason});
}

std::size_t Goals::add_milestone(GoalId id, const std::string& title, std::optional<Date> due,
                                 PersonId by) {
    return static_cast<std::size_t>(ops::run(*m_impl, by, AddMilestone{id, title, due, by}));
}

void Goals::complete_milestone(GoalId id, std::size_t index, PersonId by, Date on) {
    ops::run(*m_impl, by, CompleteMilestone{id, index, by, on});
}

CheckInId Goals::check_in(GoalId id, PersonId by, Date on, std::optional<double> value,
                          const std::string& note) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return CheckInId{ops::run(*m_impl, by, RecordCheckIn{uid, id, by, on, value, note})};
}

CheckInId Goals::correct(CheckInId id, PersonId by, std::optional<double> value,
                         const std::string& note) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return CheckInId{ops::run(*m_impl, by, Correct{uid, id, by, value, note})};
}

std::vector<CheckIn> Goals::check_ins(GoalId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, load_goal(db, id).relationship, acting, "check-ins");
    return storage::checkins_of(db, id);
}

GoalReview Goals::review(GoalId id, PersonId acting, std::optional<Date> as_of) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, load_goal(db, id).relationship, acting, "goal reviews");
    return reviews_in(db, storage::GoalScope::one, raw(id), as_of.value_or(m_impl->today()))
        .front();
}

std::vector<GoalReview> Goals::reviews(RelationshipId relationship, PersonId acting,
                                       std::optional<Date> as_of) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "goal reviews");
    return reviews_in(db, storage::GoalScope::relationship, raw(relationship),
                      as_of.value_or(m_impl->today()));
}

std::vector<GoalReview> Goals::review_all(std::optional<Date> as_of) const {
    return reviews_in(m_impl->db(), storage::GoalScope::all, 0, as_of.value_or(m_impl->today()));
}

GoalReviewId Goals::hold_review(RelationshipId relationship, PersonId by, Date on,
                                const std::vector<ReviewItem>& items, const std::string& summary) {
    ops::LocalBatch batch(*m_impl, by, true);
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    GoalReviewId review{batch.add(HoldReview{uid, relationship, by, on, items, summary})};
    for (const ReviewItem& item : items) {
        switch (item.decision) {
        case ReviewDecision::kept:
            break;
        case ReviewDecision::changed:
            batch.add(UpdateGoal{item.goal, item.changes, by});
            break;
        case ReviewDecision::achieved:
            batch.add(Achieve{item.goal, by, on, item.reason});
            break;
        case ReviewDecision::abandoned:
            batch.add(Abandon{item.goal, by, on, item.reason});
            break;
        }
    }
    batch.commit();
    return review;
}

std::vector<GoalReviewRecord> Goals::review_history(RelationshipId relationship,
                                                    PersonId acting) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "goal reviews");
    return storage::reviews_of(db, relationship);
}

std::string_view to_string(GoalKind v) noexcept {
    return names::goal_kind.name(v);
}
std::string_view to_string(GoalFunction v) noexcept {
    return names::goal_function.name(v);
}
std::string_view to_string(GoalStatus v) noexcept {
    return names::goal_status.name(v);
}
std::string_view to_string(Forecast v) noexcept {
    return names::forecast.name(v);
}
std::string_view to_string(ReviewDecision v) noexcept {
    return names::decision.name(v);
}

} // namespace mentorkit
