// store.matching (optimal matching of a program, explained proposals, accepting them) and the
// pure solver mentorkit.solve_assignment over a NumPy score matrix.

#include "areas.hpp"

#include <pybind11/native_enum.h>
#include <pybind11/numpy.h>

#include <string_view>

namespace mentorkit::python {

namespace {

using namespace pybind11::literals;

/// An integer NumPy array of `ndim` dimensions as a C-contiguous array of T (a copy only when
/// the dtype or layout differ). Floats and other kinds are refused: scores are exact integers.
template <typename T>
py::array_t<T, py::array::c_style> integer_array(const py::handle& src, int ndim,
                                                 const char* what) {
    py::array a = py::array::ensure(src);
    if (!a)
        throw py::type_error(std::string(what) + " must be array-like");
    char kind = a.dtype().kind();
    if (kind != 'i' && kind != 'u' && !(a.size() == 0 && kind == 'f'))
        throw py::type_error(std::string(what) + " must hold integers, got dtype " +
                             std::string(py::str(a.dtype())));
    if (a.ndim() != ndim)
        throw py::value_error(std::string(what) + " must have " + std::to_string(ndim) +
                              " dimension(s), got " + std::to_string(a.ndim()));
    return py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(a);
}

} // namespace

void bind_matching(py::module_& m) {
    bind_enum<UnmatchedReason>(m, "UnmatchedReason",
                               "Why a demand got no mentor: no_admissible_mentor, "
                               "no_capacity_left, already_matched.");

    m.attr("FORBIDDEN") = kForbidden;
    m.def(
        "solve_assignment",
        [](const py::handle& scores_arg, const py::handle& capacity_arg,
           const py::handle& groups_arg) -> py::tuple {
            auto scores = integer_array<std::int64_t>(scores_arg, 2, "scores");
            auto capacity = integer_array<int>(capacity_arg, 1, "capacity");
            py::array_t<std::int64_t, py::array::c_style> groups;
            if (!groups_arg.is_none())
                groups = integer_array<std::int64_t>(groups_arg, 1, "groups");
            auto rows = static_cast<std::size_t>(scores.shape(0));
            auto cols = static_cast<std::size_t>(scores.shape(1));
            std::span<const std::int64_t> s(scores.data(), rows * cols);
            std::span<const int> c(capacity.data(), static_cast<std::size_t>(capacity.size()));
            std::span<const std::int64_t> g;
            if (groups)
                g = {groups.data(), static_cast<std::size_t>(groups.size())};
            AssignmentResult r;
            {
                // The arrays stay referenced by this frame; the solver only reads them.
                py::gil_scoped_release nogil;
                r = solve_assignment(s, rows, cols, c, g);
            }
            py::array_t<std::int64_t> columns(static_cast<py::ssize_t>(rows));
            auto out = columns.mutable_unchecked<1>();
            for (std::size_t i = 0; i < rows; ++i)
                out(static_cast<py::ssize_t>(i)) = r.column[i];
            // A plain tuple of a generic array: the stubs must not need NumPy's typing.
            py::tuple result(2);
            result[0] = py::array(std::move(columns));
            result[1] = py::int_(r.total);
            return result;
        },
        py::arg("scores"), py::arg("capacity"), py::arg("groups") = py::none(),
        "Solves the capacitated assignment problem exactly, without the GIL. `scores` is a 2-D "
        "integer array (rows x columns; FORBIDDEN marks a pair never assigned; other values in "
        "[-1e9, 1e9]), `capacity` one non-negative integer per column, `groups` optionally one "
        "integer per row (rows with equal values never share a column). Returns (columns, "
        "total): per row the column assigned or -1, as an int64 array, and the total score. "
        "Assigns the most rows, then maximises the total. Float arrays raise TypeError; bad "
        "sizes, capacities or scores raise InvalidArgument.");

    py::class_<FitWeights>(m, "FitWeights",
                           "Weights of the fit terms, 0..1000 each (matching.hpp documents the "
                           "fit).")
        .def(py::init([](int expertise, int margin, int style, int wanted) {
                 return FitWeights{expertise, margin, style, wanted};
             }),
             py::kw_only(), py::arg("expertise") = 10, py::arg("margin") = 5, py::arg("style") = 20,
             py::arg("wanted") = 50, "Weights (defaults as in the core).")
        .def_readwrite("expertise", &FitWeights::expertise,
                       "Per level of the mentor's expertise in an area counted.")
        .def_readwrite("margin", &FitWeights::margin,
                       "Per level the mentor is above the mentee in an area counted.")
        .def_readwrite("style", &FitWeights::style,
                       "When the hierarchy gives the pair the mentee's preferred style.")
        .def_readwrite("wanted", &FitWeights::wanted,
                       "When the coordinator marked the pair wanted.")
        .def("__repr__", [](const FitWeights& w) {
            return repr_of("FitWeights", {{"expertise", obj(w.expertise)},
                                          {"margin", obj(w.margin)},
                                          {"style", obj(w.style)},
                                          {"wanted", obj(w.wanted)}});
        });

    py::class_<FitBreakdown>(m, "FitBreakdown", "A fit score broken down by term.")
        .def_readonly("expertise", &FitBreakdown::expertise, "The expertise term.")
        .def_readonly("margin", &FitBreakdown::margin, "The margin term (may be negative).")
        .def_readonly("style", &FitBreakdown::style, "The preferred-style term.")
        .def_readonly("wanted", &FitBreakdown::wanted, "The wanted-pair term.")
        .def_property_readonly("total", &FitBreakdown::total, "The sum of the terms.")
        .def("__repr__", [](const FitBreakdown& f) {
            return repr_of("FitBreakdown", {{"expertise", obj(f.expertise)},
                                            {"margin", obj(f.margin)},
                                            {"style", obj(f.style)},
                                            {"wanted", obj(f.wanted)},
                                            {"total", obj(f.total())}});
        });

    py::class_<MatchProposal>(m, "MatchProposal",
                              "One proposed match, explained. Pass proposals (all of a run's, or "
                              "a selection) to Matching.accept.")
        .def_readonly("mentee", &MatchProposal::mentee, "The mentee (person id).")
        .def_readonly("mentor", &MatchProposal::mentor, "The mentor (person id).")
        .def_readonly("focus", &MatchProposal::focus, "The relationship's focus area.")
        .def_readonly("board_seat", &MatchProposal::board_seat, "Part of the mentee's board.")
        .def_readonly("style", &MatchProposal::style,
                      "The style the hierarchy gives the pair for the focus.")
        .def_readonly("style_preferred", &MatchProposal::style_preferred,
                      "The mentee asked for exactly this style.")
        .def_readonly("wanted", &MatchProposal::wanted, "The coordinator marked the pair wanted.")
        .def_readonly("fit", &MatchProposal::fit, "The score by term.")
        .def("__repr__", [](const MatchProposal& p) {
            return repr_of("MatchProposal", {{"mentee", obj(p.mentee)},
                                             {"mentor", obj(p.mentor)},
                                             {"focus", obj(p.focus)},
                                             {"style", obj(p.style)},
                                             {"fit", obj(p.fit.total())}});
        });

    py::class_<UnmatchedDemand>(m, "UnmatchedDemand", "A demand without a proposal, and why.")
        .def_readonly("mentee", &UnmatchedDemand::mentee, "The mentee (person id).")
        .def_readonly("focus", &UnmatchedDemand::focus, "The area asked for.")
        .def_readonly("board_seat", &UnmatchedDemand::board_seat, "Part of a board.")
        .def_readonly("reason", &UnmatchedDemand::reason, "Why there is no proposal.")
        .def_readonly("admissible_mentors", &UnmatchedDemand::admissible_mentors,
                      "Mentors that break no pair constraint (seats aside).")
        .def("__repr__", [](const UnmatchedDemand& u) {
            return repr_of(
                "UnmatchedDemand",
                {{"mentee", obj(u.mentee)}, {"focus", obj(u.focus)}, {"reason", obj(u.reason)}});
        });

    py::class_<MentorSeats>(m, "MentorSeats", "Seats of one mentor in a matching run.")
        .def_readonly("mentor", &MentorSeats::mentor, "The mentor (person id).")
        .def_readonly("capacity", &MentorSeats::capacity, "As set for the program.")
        .def_readonly("open", &MentorSeats::open,
                      "Open mentoring relationships in the program (seats taken).")
        .def_readonly("proposed", &MentorSeats::proposed, "Seats this run proposes to fill.")
        .def("__repr__", [](const MentorSeats& s) {
            return repr_of("MentorSeats", {{"mentor", obj(s.mentor)},
                                           {"capacity", obj(s.capacity)},
                                           {"open", obj(s.open)},
                                           {"proposed", obj(s.proposed)}});
        });

    py::class_<MatchingResult>(m, "MatchingResult", "The outcome of a matching run.")
        .def_readonly("program", &MatchingResult::program, "The program id.")
        .def_readonly("proposals", &MatchingResult::proposals, "The proposed matches.")
        .def_readonly("unmatched", &MatchingResult::unmatched, "Demands without a proposal.")
        .def_readonly("mentors", &MatchingResult::mentors, "Seats per mentor.")
        .def_readonly("total_score", &MatchingResult::total_score, "Sum of the proposals' fit.")
        .def("__repr__", [](const MatchingResult& r) {
            return repr_of("MatchingResult", {{"program", obj(r.program)},
                                              {"proposals", obj(r.proposals.size())},
                                              {"unmatched", obj(r.unmatched.size())},
                                              {"total_score", obj(r.total_score)}});
        });

    py::class_<MatchingRef>(
        m, "Matching",
        "Optimal matching of a program (`store.matching`): the fit, the hard constraints and "
        "the solver are documented in matching.hpp and the README.")
        .def(
            "run",
            [](const MatchingRef& a, ProgramId program, std::optional<FitWeights> weights) {
                MatchOptions o;
                if (weights)
                    o.weights = *weights;
                return a.run([&](Matching& x) { return x.run(program, o); });
            },
            py::arg("program"), py::kw_only(), py::arg("weights") = py::none(),
            "Computes an optimal matching of the program's participants (reads only; without "
            "the GIL). NotFound for an unknown program, InvalidArgument for a weight outside "
            "0..1000.")
        .def(
            "accept",
            [](const MatchingRef& a, ProgramId program, std::vector<MatchProposal> proposals,
               Date start, Date end, PersonId by, std::optional<Date> proposed_on) {
                MatchTerms t{start, end, proposed_on};
                return a.run([&](Matching& x) { return x.accept(program, proposals, t, by); });
            },
            py::arg("program"), py::arg("proposals"), py::kw_only(), py::arg("start"),
            py::arg("end"), py::arg("by"), py::arg("proposed_on") = py::none(),
            "Accepts proposals: each becomes a formal mentoring relationship proposed by the "
            "coordinator `by` (the parties then accept it), linked to the program, with the "
            "mentoring template as its agreement draft — in one transaction. Every proposal is "
            "checked again; one refusal refuses all and nothing is written. Returns the new "
            "relationship ids.");
}

} // namespace mentorkit::python
