// store.people: people, expertise and the supervision hierarchy.

#include "areas.hpp"

#include <map>
#include <variant>
#include <vector>

namespace mentorkit::python {

namespace {

/// Expertise as Python writes it: {"research": 3}, [("research", 3)] or [Expertise(...)].
using ExpertiseArg = std::variant<std::map<std::string, int>, std::vector<Expertise>,
                                  std::vector<std::pair<std::string, int>>>;

std::vector<Expertise> to_expertise(const std::optional<ExpertiseArg>& arg) {
    std::vector<Expertise> out;
    if (!arg)
        return out;
    std::visit(
        [&](const auto& items) {
            for (const auto& item : items) {
                if constexpr (std::is_same_v<std::decay_t<decltype(item)>, Expertise>)
                    out.push_back(item);
                else
                    out.push_back(Expertise{item.first, item.second});
            }
        },
        *arg);
    return out;
}

} // namespace

void bind_people(py::module_& m) {
    using By = std::optional<PersonId>;
    py::class_<PeopleRef>(m, "People",
                          "The people of a store (`store.people`). Every change is written with "
                          "its audit entry in one transaction; `by` names who acted (None: an "
                          "administrator or importer).")
        .def(
            "create",
            [](const PeopleRef& a, std::string name, int level, std::optional<std::string> email,
               std::optional<std::string> phone, std::optional<PersonId> supervisor,
               const std::optional<ExpertiseArg>& expertise, By by) {
                NewPerson p{std::move(name),  level,      std::move(email),
                            std::move(phone), supervisor, to_expertise(expertise)};
                return a.run([&](People& people) { return people.create(p, by); });
            },
            py::arg("name"), py::arg("level") = 0, py::kw_only(), py::arg("email") = py::none(),
            py::arg("phone") = py::none(), py::arg("supervisor") = py::none(),
            py::arg("expertise") = py::none(), py::arg("by") = py::none(),
            "Creates a person and returns the id. `expertise` is a dict {area: level}, a list of "
            "(area, level) tuples or of Expertise. Raises InvalidArgument (empty name, level "
            "outside 1..5, duplicate area) or NotFound (supervisor).")
        .def(
            "get",
            [](const PeopleRef& a, PersonId id) {
                return a.run([&](People& p) { return p.get(id); });
            },
            py::arg("id"), "The person; raises NotFound.")
        .def(
            "find",
            [](const PeopleRef& a, PersonId id) {
                return a.run([&](People& p) { return p.find(id); });
            },
            py::arg("id"), "The person, or None.")
        .def(
            "list", [](const PeopleRef& a) { return a.run([](People& p) { return p.list(); }); },
            "Every person, ordered by id.")
        .def(
            "count", [](const PeopleRef& a) { return a.run([](People& p) { return p.count(); }); },
            "Number of people.")
        .def(
            "rename",
            [](const PeopleRef& a, PersonId id, const std::string& name, By by) {
                a.run([&](People& p) { p.rename(id, name, by); });
            },
            py::arg("id"), py::arg("name"), py::kw_only(), py::arg("by") = py::none(),
            "Renames; the name is trimmed and must not be empty.")
        .def(
            "set_level",
            [](const PeopleRef& a, PersonId id, int level, By by) {
                a.run([&](People& p) { p.set_level(id, level, by); });
            },
            py::arg("id"), py::arg("level"), py::kw_only(), py::arg("by") = py::none(),
            "Changes the organisational level (existing relationships keep their style).")
        .def(
            "set_contact",
            [](const PeopleRef& a, PersonId id, std::optional<std::string> email,
               std::optional<std::string> phone,
               By by) { a.run([&](People& p) { p.set_contact(id, email, phone, by); }); },
            py::arg("id"), py::kw_only(), py::arg("email") = py::none(),
            py::arg("phone") = py::none(), py::arg("by") = py::none(),
            "Replaces the contact data (both fields; None clears).")
        .def(
            "set_expertise",
            [](const PeopleRef& a, PersonId id, const std::string& area, int level, By by) {
                a.run([&](People& p) { p.set_expertise(id, area, level, by); });
            },
            py::arg("id"), py::arg("area"), py::arg("level"), py::kw_only(),
            py::arg("by") = py::none(), "Adds or updates one expertise area (level 1..5).")
        .def(
            "remove_expertise",
            [](const PeopleRef& a, PersonId id, const std::string& area, By by) {
                a.run([&](People& p) { p.remove_expertise(id, area, by); });
            },
            py::arg("id"), py::arg("area"), py::kw_only(), py::arg("by") = py::none(),
            "Removes one expertise area; raises NotFound if the person does not list it.")
        .def(
            "set_supervisor",
            [](const PeopleRef& a, PersonId id, std::optional<PersonId> supervisor, By by) {
                a.run([&](People& p) { p.set_supervisor(id, supervisor, by); });
            },
            py::arg("id"), py::arg("supervisor"), py::kw_only(), py::arg("by") = py::none(),
            "Sets or clears (None) the direct supervisor. Refuses a cycle (RuleViolation "
            "supervisor_cycle) and a line that would put an open mentoring/coaching relationship "
            "across supervision without a justification (RuleViolation supervision_line).")
        .def(
            "supervisor_chain",
            [](const PeopleRef& a, PersonId id) {
                return a.run([&](People& p) { return p.supervisor_chain(id); });
            },
            py::arg("id"), "The supervisors above a person, nearest first.")
        .def(
            "direct_reports",
            [](const PeopleRef& a, PersonId id) {
                return a.run([&](People& p) { return p.direct_reports(id); });
            },
            py::arg("id"), "People whose direct supervisor is `id`.")
        .def(
            "supervises",
            [](const PeopleRef& a, PersonId upper, PersonId lower) {
                return a.run([&](People& p) { return p.supervises(upper, lower); });
            },
            py::arg("upper"), py::arg("lower"),
            "True when `upper` supervises `lower` directly or up the chain.")
        .def("__repr__", [](const PeopleRef&) { return std::string("<mentorkit.People>"); });
}

} // namespace mentorkit::python
