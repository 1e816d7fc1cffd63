// store.coaching: coaching cycles (perform, observe, feedback) and per-skill progress.

#include "areas.hpp"

namespace mentorkit::python {

void bind_coaching(py::module_& m) {
    py::class_<CoachingCycle>(m, "CoachingCycle", "A recorded coaching cycle (a snapshot).")
        .def_readonly("id", &CoachingCycle::id, "Identity (an int).")
        .def_readonly("relationship", &CoachingCycle::relationship, "The relationship id.")
        .def_readonly("by", &CoachingCycle::by, "The guide who observed (person id).")
        .def_readonly("on", &CoachingCycle::on, "Day of the observed performance.")
        .def_readonly("skill", &CoachingCycle::skill, "The skill observed.")
        .def_readonly("situation", &CoachingCycle::situation, "Where it was observed.")
        .def_readonly("score", &CoachingCycle::score, "Formative score, 1..10.")
        .def_readonly("question", &CoachingCycle::question, "Feedback: a question.")
        .def_readonly("challenge", &CoachingCycle::challenge, "Feedback: a challenge.")
        .def_readonly("encouragement", &CoachingCycle::encouragement, "Feedback: encouragement.")
        .def_readonly("within_mentoring", &CoachingCycle::within_mentoring,
                      "True for coaching used inside a mentoring relationship.")
        .def("__repr__", [](const CoachingCycle& c) {
            return repr_of("CoachingCycle", {{"id", obj(c.id)},
                                             {"relationship", obj(c.relationship)},
                                             {"on", obj(c.on)},
                                             {"skill", obj(c.skill)},
                                             {"score", obj(c.score)},
                                             {"within_mentoring", obj(c.within_mentoring)}});
        });

    py::class_<SkillProgress>(m, "SkillProgress", "The improvement of one skill over its cycles.")
        .def_readonly("skill", &SkillProgress::skill, "The skill.")
        .def_readonly("cycles", &SkillProgress::cycles, "Number of cycles.")
        .def_readonly("first_score", &SkillProgress::first_score, "Score of the first cycle.")
        .def_readonly("latest_score", &SkillProgress::latest_score, "Score of the latest cycle.")
        .def_readonly("best_score", &SkillProgress::best_score, "Best score.")
        .def_readonly("slope_per_cycle", &SkillProgress::slope_per_cycle,
                      "Least-squares slope of score per cycle (0 for one cycle).")
        .def_readonly("first_on", &SkillProgress::first_on, "Day of the first cycle.")
        .def_readonly("latest_on", &SkillProgress::latest_on, "Day of the latest cycle.")
        .def("__repr__", [](const SkillProgress& p) {
            return repr_of("SkillProgress", {{"skill", obj(p.skill)},
                                             {"cycles", obj(p.cycles)},
                                             {"first_score", obj(p.first_score)},
                                             {"latest_score", obj(p.latest_score)},
                                             {"best_score", obj(p.best_score)},
                                             {"slope_per_cycle", obj(p.slope_per_cycle)}});
        });

    using Rel = RelationshipId;
    py::class_<CoachingRef> cls(
        m, "CoachingCycles",
        "Coaching cycles (`store.coaching`): the coachee performs, the guide observes and gives "
        "feedback. Coaching relationships, or mentoring ones using coaching (flagged "
        "within_mentoring); never supervision. Recorded by the guide while active.");
    cls.def(
           "record",
           [](const CoachingRef& a, Rel relationship, PersonId by, Date on, std::string skill,
              int score, std::string situation, std::string question, std::string challenge,
              std::string encouragement) {
               NewCoachingCycle c;
               c.relationship = relationship;
               c.by = by;
               c.on = on;
               c.skill = std::move(skill);
               c.score = score;
               c.situation = std::move(situation);
               c.question = std::move(question);
               c.challenge = std::move(challenge);
               c.encouragement = std::move(encouragement);
               return a.run([&](CoachingCycles& x) { return x.record(c); });
           },
           py::arg("relationship"), py::kw_only(), py::arg("by"), py::arg("on"), py::arg("skill"),
           py::arg("score"), py::arg("situation") = "", py::arg("question") = "",
           py::arg("challenge") = "", py::arg("encouragement") = "",
           "Records a cycle and returns its id. Refuses supervision relationships and "
           "relationships that are not active (RuleViolation), anyone but the guide "
           "(PermissionDenied), an empty skill, a score off the 1..10 scale, a day before the "
           "start or in the future (InvalidArgument).")
        .def(
            "list",
            [](const CoachingRef& a, Rel rel, PersonId acting) {
                return a.run([&](CoachingCycles& x) { return x.list(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "The cycles of a relationship, by day then id, for a party (`acting`; "
            "PermissionDenied otherwise).")
        .def(
            "series",
            [](const CoachingRef& a, Rel rel, const std::string& skill, PersonId acting) {
                return a.run([&](CoachingCycles& x) { return x.series(rel, skill, acting); });
            },
            py::arg("relationship"), py::arg("skill"), py::kw_only(), py::arg("acting"),
            "The cycles of one skill (case-insensitive), by day then id, for a party "
            "(`acting`).")
        .def(
            "progress",
            [](const CoachingRef& a, Rel rel, PersonId acting) {
                return a.run([&](CoachingCycles& x) { return x.progress(rel, acting); });
            },
            py::arg("relationship"), py::kw_only(), py::arg("acting"),
            "Per skill: first, latest and best score and the slope, by skill name, for a party "
            "(`acting`).")
        .def("__repr__",
             [](const CoachingRef&) { return std::string("<mentorkit.CoachingCycles>"); });
    cls.attr("score_min") = kScoreMin;
    cls.attr("score_max") = kScoreMax;
}

} // namespace mentorkit::python
