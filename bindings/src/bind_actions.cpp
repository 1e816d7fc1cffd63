// store.actions: action items between meetings.

#include "areas.hpp"

namespace mentorkit::python {

void bind_actions(py::module_& m) {
    py::class_<ActionItem>(m, "ActionItem", "A stored action item (a snapshot).")
        .def_readonly("id", &ActionItem::id, "Identity (an int).")
        .def_readonly("relationship", &ActionItem::relationship, "The relationship id.")
        .def_readonly("goal", &ActionItem::goal, "The goal it serves, or None.")
        .def_readonly("title", &ActionItem::title, "What is to be done.")
        .def_readonly("assignee", &ActionItem::assignee, "Who does it (person id).")
        .def_readonly("due", &ActionItem::due, "Due date, or None.")
        .def_readonly("created_by", &ActionItem::created_by, "Who created it (person id).")
        .def_readonly("created_on", &ActionItem::created_on, "Day of creation.")
        .def_readonly("done_on", &ActionItem::done_on, "When closed, or None.")
        .def_readonly("closed_by", &ActionItem::closed_by, "Who closed it, or None.")
        .def("is_open", &ActionItem::is_open, "True until closed.")
        .def("overdue", &ActionItem::overdue, py::arg("today"),
             "True when open with a due date before `today`.")
        .def("__repr__", [](const ActionItem& x) {
            return repr_of("ActionItem", {{"id", obj(x.id)},
                                          {"relationship", obj(x.relationship)},
                                          {"title", obj(x.title)},
                                          {"assignee", obj(x.assignee)},
                                          {"due", obj(x.due)},
                                          {"done_on", obj(x.done_on)}});
        });

    using Rel = RelationshipId;
    py::class_<ActionItemsRef>(m, "ActionItems",
                               "Action items between meetings (`store.actions`): assigned to "
                               "either party, optionally tied to a goal and a due date, open "
                               "until a party closes them.")
        .def(
            "create",
            [](const ActionItemsRef& a, Rel relationship, std::string title, PersonId assignee,
               PersonId by, std::optional<Date> due, std::optional<GoalId> goal,
               std::optional<Date> on) {
                NewActionItem item;
                item.relationship = relationship;
                item.title = std::move(title);
                item.assignee = assignee;
                item.due = due;
                item.goal = goal;
                item.by = by;
                item.on = on;
                return a.run([&](ActionItems& x) { return x.create(item); });
            },
            py::arg("relationship"), py::arg("title"), py::kw_only(), py::arg("assignee"),
            py::arg("by"), py::arg("due") = py::none(), py::arg("goal") = py::none(),
            py::arg("on") = py::none(),
            "Creates an open item and returns its id (`on` defaults to today). Refuses a "
            "non-party creator (PermissionDenied) or assignee, a goal of another relationship, "
            "an empty title, a due date before the day of creation (InvalidArgument), a closed "
            "relationship (RuleViolation).")
        .def(
            "get",
            [](const ActionItemsRef& a, ActionItemId id, PersonId acting) {
                return a.run([&](ActionItems& x) { return x.get(id, acting); });
            },
            py::arg("id"), py::kw_only(), py::arg("acting"),
            "The item, for a party of its relationship (`acting`; PermissionDenied otherwise); "
            "raises NotFound for an unknown item.")
        .def(
            "list",
            [](const ActionItemsRef& a, Rel rel, PersonId acting, bool open_only) {
                return a.run([&](ActionItems& x) { return x.list(rel, acting, open_only); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"), py::arg("open_only") = false,
            "Items of a relationship, open ones first, then by due date and id, for a party "
            "(`acting`).")
        .def(
            "overdue",
            [](const ActionItemsRef& a, Rel rel, PersonId acting, std::optional<Date> as_of) {
                return a.run([&](ActionItems& x) { return x.overdue(rel, acting, as_of); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            py::arg("as_of") = py::none(),
            "Open items due before `as_of` (default today), oldest due first, for a party "
            "(`acting`).")
        .def(
            "close",
            [](const ActionItemsRef& a, ActionItemId id, PersonId by, Date on) {
                a.run([&](ActionItems& x) { x.close(id, by, on); });
            },
            py::arg("id"), py::arg("by"), py::arg("on"),
            "Closes an open item (either party), recording who and when.")
        .def("__repr__",
             [](const ActionItemsRef&) { return std::string("<mentorkit.ActionItems>"); });
}

} // namespace mentorkit::python
