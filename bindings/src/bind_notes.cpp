// store.notes: notes and resistance entries, always read through an acting person.

#include "areas.hpp"

namespace mentorkit::python {

void bind_notes(py::module_& m) {
    py::class_<Note>(m, "Note", "A stored note, as returned to someone allowed to read it.")
        .def_readonly("id", &Note::id, "Identity (an int).")
        .def_readonly("relationship", &Note::relationship, "The relationship id.")
        .def_readonly("goal", &Note::goal, "The goal it is about, or None.")
        .def_readonly("meeting", &Note::meeting, "The meeting it is about, or None.")
        .def_readonly("author", &Note::author, "Who wrote it (person id).")
        .def_readonly("kind", &Note::kind, "A note or a resistance entry.")
        .def_readonly("visibility", &Note::visibility, "Who may read it.")
        .def_readonly("on", &Note::on, "The day it is about.")
        .def_readonly("text", &Note::text, "The text.")
        .def_readonly("tried", &Note::tried, "Resistance: what was tried.")
        .def_readonly("response", &Note::response, "Resistance: the learner's response.")
        .def_readonly("written_at", &Note::written_at, "When it was written (UTC).")
        .def("__repr__", [](const Note& n) {
            // The text stays out of the repr: reprs end up in logs and tracebacks.
            return repr_of("Note", {{"id", obj(n.id)},
                                    {"relationship", obj(n.relationship)},
                                    {"author", obj(n.author)},
                                    {"kind", obj(n.kind)},
                                    {"visibility", obj(n.visibility)},
                                    {"on", obj(n.on)}});
        });

    using Rel = RelationshipId;
    py::class_<NotesRef>(
        m, "Notes",
        "Notes on a relationship, a goal or a meeting, and resistance entries (`store.notes`). "
        "Every note is private (the author only; the default), pair (the two parties) or board "
        "(the learner and every guide on the learner's board). Every read names the acting "
        "person and returns only what that person may see; a hidden note is reported as not "
        "found (NotFound), never as forbidden, so its existence is not revealed.")
        .def(
            "write",
            [](const NotesRef& a, Rel relationship, PersonId author, Date on, std::string text,
               NoteKind kind, Visibility visibility, std::optional<GoalId> goal, std::string tried,
               std::string response, std::optional<MeetingId> meeting) {
                NewNote n;
                n.relationship = relationship;
                n.author = author;
                n.on = on;
                n.text = std::move(text);
                n.kind = kind;
                n.visibility = visibility;
                n.goal = goal;
                n.tried = std::move(tried);
                n.response = std::move(response);
                n.meeting = meeting;
                return a.run([&](Notes& x) { return x.write(n); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("author"), py::arg("on"),
            py::arg("text") = "", py::arg_v("kind", NoteKind::note, "NoteKind.note"),
            py::arg_v("visibility", Visibility::private_, "Visibility.private"),
            py::arg("goal") = py::none(), py::arg("tried") = "", py::arg("response") = "",
            py::arg("meeting") = py::none(),
            "Writes a note and returns its id. A plain note needs `text`; a resistance entry "
            "needs `tried` and `response`. Refuses a non-party author (PermissionDenied), a goal "
            "or meeting of another relationship, missing text, a day in the future "
            "(InvalidArgument).")
        .def(
            "get",
            [](const NotesRef& a, NoteId id, PersonId acting) {
                return a.run([&](Notes& x) { return x.get(id, acting); });
            },
            py::arg("id"), py::kw_only(), py::arg("acting"),
            "The note if `acting` may see it; NotFound otherwise.")
        .def(
            "list",
            [](const NotesRef& a, Rel rel, PersonId acting) {
                return a.run([&](Notes& x) { return x.list(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "The notes of a relationship that `acting` may see, oldest first.")
        .def(
            "for_goal",
            [](const NotesRef& a, GoalId goal, PersonId acting) {
                return a.run([&](Notes& x) { return x.for_goal(goal, acting); });
            },
            py::arg("goal"), py::kw_only(), py::arg("acting"),
            "The notes on a goal that `acting` may see, oldest first.")
        .def(
            "for_meeting",
            [](const NotesRef& a, MeetingId meeting, PersonId acting) {
                return a.run([&](Notes& x) { return x.for_meeting(meeting, acting); });
            },
            py::arg("meeting"), py::kw_only(), py::arg("acting"),
            "The notes on a meeting that `acting` may see, oldest first.")
        .def(
            "share",
            [](const NotesRef& a, NoteId id, Visibility visibility, PersonId by) {
                a.run([&](Notes& x) { x.share(id, visibility, by); });
            },
            py::arg("id"), py::arg("visibility"), py::arg("by"),
            "Widens who may read a note (its author only; never narrower: a shared note cannot "
            "be taken back).")
        .def(
            "can_see",
            [](const NotesRef& a, const Note& note, PersonId acting) {
                return a.run([&](Notes& x) { return x.can_see(note, acting); });
            },
            py::arg("note"), py::kw_only(), py::arg("acting"),
            "True when `acting` may read the note.")
        .def("__repr__", [](const NotesRef&) { return std::string("<mentorkit.Notes>"); });
}

} // namespace mentorkit::python
