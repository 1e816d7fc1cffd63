// Action items: created and closed as operations (action.*); the SQL is storage/actions.cpp.

#include "mentorkit/actions.hpp"

#include "goals_impl.hpp"
#include "mentorkit/error.hpp"
#include "ops/batch.hpp"
#include "ops/ids.hpp"
#include "ops/registry.hpp"
#include "relationships_impl.hpp"
#include "storage/actions.hpp"
#include "store_impl.hpp"

namespace mentorkit {

using detail::Json;

namespace {

std::string item_text(ActionItemId id) {
    return "action item " + std::to_string(raw(id));
}

ActionItem find_item(db::Database& db, ActionItemId id) {
    auto a = storage::find_action_item(db, id);
    if (!a)
        throw NotFound(item_text(id) + " does not exist");
    return std::move(*a);
}

struct CreateItem {
    static constexpr const char* kind = "action.create";
    Uid uid;
    NewActionItem req;

    std::int64_t apply(detail::StoreImpl& impl) const {
        std::string title =
            detail::require_text(req.title, "the action item's title", kMaxNameBytes);
        detail::require_date(req.due, "the due date");
        detail::require_date(req.on, "the date");
        db::Database& db = impl.db();
        Relationship r = detail::load_relationship(db, req.relationship);
        detail::require_party(r, req.by, "create action items");
        if (!r.is_party(req.assignee))
            throw InvalidArgument(
                "an action item is assigned to the guide or the learner; person " +
                std::to_string(raw(req.assignee)) + " is neither");
        if (!r.is_open())
            detail::bad_transition(r, "add action items to");
        if (req.goal && detail::load_goal(db, *req.goal).relationship != r.id)
            throw InvalidArgument("goal " + std::to_string(raw(*req.goal)) +
                                  " belongs to another relationship");
        ActionItem a;
        a.relationship = r.id;
        a.goal = req.goal;
        a.title = title;
        a.assignee = req.assignee;
        a.due = req.due;
        a.created_by = req.by;
        a.created_on = req.on.value_or(impl.today());
        if (req.due)
            detail::require_not_before(*req.due, a.created_on, "the due date",
                                       "the item's creation");
        ActionItemId id = storage::insert_action_item(db, uid, a, impl.now());
        impl.audit(req.by, "create", "action_item", raw(id),
                   Json()
                       .add("relationship", raw(r.id))
                       .add("title", title)
                       .add("assignee", raw(req.assignee))
                       .str());
        return raw(id);
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder()
            .add("id", ops::uid_value(uid))
            .add("relationship", e.ref(req.relationship))
            .add("title", req.title)
            .add("assignee", e.ref(req.assignee))
            .add("due", e.date(req.due))
            .add("goal", e.ref(req.goal))
            .add("on", e.date(req.on))
            .done();
    }
    static CreateItem decode(ops::Decoder& d) {
        CreateItem op{d.uid("id"), {}};
        op.req.relationship = d.ref<RelationshipId>("relationship");
        op.req.title = d.text("title");
        op.req.assignee = d.ref<PersonId>("assignee");
        op.req.due = d.opt_date("due");
        op.req.goal = d.opt_ref<GoalId>("goal");
        op.req.by = d.actor_required();
        op.req.on = d.opt_date("on");
        return op;
    }
};

struct CloseItem {
    static constexpr const char* kind = "action.close";
    ActionItemId id;
    PersonId by;
    Date on;

    std::int64_t apply(detail::StoreImpl& impl) const {
        detail::require_date(on, "the date");
        db::Database& db = impl.db();
        ActionItem a = find_item(db, id);
        Relationship r = detail::load_relationship(db, a.relationship);
        detail::require_party(r, by, "close its action items");
        if (!a.is_open())
            throw RuleViolation(item_text(id) + " was already closed on " + to_string(*a.done_on),
                                ErrorCode::invalid_transition);
        detail::require_not_before(on, a.created_on, "the closing date", "the item's creation");
        detail::require_not_future(on, impl.today(), "the closing date");
        storage::close_action_item(db, id, by, on);
        impl.audit(by, "close", "action_item", raw(id), Json().add("on", to_string(on)).str());
        return 0;
    }
    ops::Value encode(ops::Encoder& e) const {
        return ops::ObjectBuilder().add("item", e.ref(id)).add("on", e.date(on)).done();
    }
    static CloseItem decode(ops::Decoder& d) {
        return {d.ref<ActionItemId>("item"), d.actor_required(), d.date("on")};
    }
};

} // namespace

namespace ops {
void register_actions(Registry& r) {
    r.add(CreateItem::kind, &handle<CreateItem>);
    r.add(CloseItem::kind, &handle<CloseItem>);
}
} // namespace ops

ActionItemId ActionItems::create(const NewActionItem& req) {
    Uid uid = ops::new_uid(detail::to_millis(m_impl->now()));
    return ActionItemId{ops::run(*m_impl, req.by, CreateItem{uid, req})};
}

ActionItem ActionItems::get(ActionItemId id, PersonId acting) const {
    db::Database& db = m_impl->db();
    ActionItem a = find_item(db, id);
    detail::load_for_reader(db, a.relationship, acting, "action items");
    return a;
}

std::vector<ActionItem> ActionItems::list(RelationshipId relationship, PersonId acting,
                                          bool open_only) const {
    db::Database& db = m_impl->db();
    detail::load_for_reader(db, relationship, acting, "action items");
    return storage::action_items_of(db, relationship, open_only);
}

std::vector<ActionItem> ActionItems::overdue(RelationshipId relationship, PersonId acting,
                                             std::optional<Date> as_of) const {
    Date day = as_of.value_or(m_impl->today());
    std::vector<ActionItem> out;
    for (ActionItem& a : list(relationship, acting, true))
        if (a.overdue(day))
            out.push_back(std::move(a));
    return out;
}

void ActionItems::close(ActionItemId id, PersonId by, Date on) {
    ops::run(*m_impl, by, CloseItem{id, by, on});
}

} // namespace mentorkit
