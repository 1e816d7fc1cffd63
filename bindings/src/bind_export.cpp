// Columnar export: the core fills one std::vector per column (without the GIL); each numeric
// vector is then moved into a capsule that owns it and becomes the buffer of a NumPy array, so
// numbers, codes, dates and flags reach NumPy without a copy. Text columns become object arrays
// of str (the one copy into Python strings).

#include "areas.hpp"

#include <mentorkit/export.hpp>

#include <pybind11/numpy.h>

#include <vector>

namespace mentorkit::python {

namespace {

using namespace pybind11::literals;

/// Moves a vector into a NumPy array of dtype `dtype` (same item size), zero-copy.
template <typename T>
py::array adopt(std::vector<T>&& column, const char* dtype) {
    py::dtype dt(dtype);
    if (dt.itemsize() != static_cast<py::ssize_t>(sizeof(T)))
        throw std::logic_error("column item size does not match its dtype");
    if (column.empty())
        return py::array(dt, std::vector<py::ssize_t>{0});
    auto owned = std::make_unique<std::vector<T>>(std::move(column));
    const T* data = owned->data();
    auto size = static_cast<py::ssize_t>(owned->size());
    py::capsule owner(owned.get(),
                      [](void* p) noexcept { delete static_cast<std::vector<T>*>(p); });
    owned.release(); // the capsule owns it now
    return py::array(dt, std::vector<py::ssize_t>{size},
                     std::vector<py::ssize_t>{static_cast<py::ssize_t>(sizeof(T))}, data, owner);
}

/// An object array of str (None for a missing value).
template <typename S>
py::array text(const std::vector<S>& column) {
    py::array out = py::module_::import("numpy").attr("empty")(column.size(), "dtype"_a = "object");
    auto** slots = static_cast<PyObject**>(out.mutable_data());
    for (std::size_t i = 0; i < column.size(); ++i) {
        const std::string* s = nullptr;
        if constexpr (std::is_same_v<S, std::string>)
            s = &column[i];
        else if (column[i])
            s = &*column[i];
        if (!s)
            continue; // numpy.empty(dtype=object) is filled with None
        PyObject* str =
            PyUnicode_DecodeUTF8(s->data(), static_cast<py::ssize_t>(s->size()), "replace");
        if (!str)
            throw py::error_already_set();
        Py_XDECREF(slots[i]);
        slots[i] = str;
    }
    return out;
}

} // namespace

void bind_export(py::module_& m) {
    m.def(
        "export_people",
        [](const StorePtr& h) {
            PeopleColumns t = with_store(*h, [](Store& s) { return export_people(s); });
            py::dict d;
            d["id"] = adopt(std::move(t.id), "int64");
            d["name"] = text(t.name);
            d["level"] = adopt(std::move(t.level), "int64");
            d["email"] = text(t.email);
            d["phone"] = text(t.phone);
            d["supervisor"] = adopt(std::move(t.supervisor), "int64");
            d["expertise_areas"] = adopt(std::move(t.expertise_areas), "int64");
            d["created_at"] = adopt(std::move(t.created_at), "datetime64[ms]");
            return d;
        },
        py::arg("store"),
        "The people table as a dict of equal-length NumPy arrays, ordered by id: id, name, "
        "level, email, phone (object arrays, None when missing), supervisor (int64, -1 when "
        "none), expertise_areas (count), created_at (datetime64[ms], UTC). Numeric columns "
        "are zero-copy. The `mentorkit.export_people` wrapper adds to_pandas().");
    m.def(
        "export_expertise",
        [](const StorePtr& h) {
            ExpertiseColumns t = with_store(*h, [](Store& s) { return export_expertise(s); });
            py::dict d;
            d["person"] = adopt(std::move(t.person), "int64");
            d["area"] = text(t.area);
            d["level"] = adopt(std::move(t.level), "int64");
            return d;
        },
        py::arg("store"),
        "The expertise table (one row per person and area): person, area, level.");
    m.def(
        "export_relationships",
        [](const StorePtr& h, std::optional<PersonId> person, std::optional<Status> status,
           std::optional<Model> model, bool open_only) {
            RelationshipFilter f{person, status, model, open_only};
            RelationshipColumns t =
                with_store(*h, [&](Store& s) { return export_relationships(s, f); });
            py::dict d;
            d["id"] = adopt(std::move(t.id), "int64");
            d["model"] = adopt(std::move(t.model), "int8");
            d["guide"] = adopt(std::move(t.guide), "int64");
            d["learner"] = adopt(std::move(t.learner), "int64");
            d["focus"] = text(t.focus);
            d["formality"] = adopt(std::move(t.formality), "int8");
            d["style"] = adopt(std::move(t.style), "int8");
            d["status"] = adopt(std::move(t.status), "int8");
            d["start"] = adopt(std::move(t.start), "datetime64[D]");
            d["end"] = adopt(std::move(t.end), "datetime64[D]");
            d["proposed_by"] = adopt(std::move(t.proposed_by), "int64");
            d["proposed_on"] = adopt(std::move(t.proposed_on), "datetime64[D]");
            d["guide_accepted"] = adopt(std::move(t.guide_accepted), "bool");
            d["learner_accepted"] = adopt(std::move(t.learner_accepted), "bool");
            d["supervision_justification"] = text(t.supervision_justification);
            d["ended_on"] = adopt(std::move(t.ended_on), "datetime64[D]");
            d["ended_by"] = adopt(std::move(t.ended_by), "int64");
            d["end_reason"] = text(t.end_reason);
            d["created_at"] = adopt(std::move(t.created_at), "datetime64[ms]");
            return d;
        },
        py::arg("store"), py::kw_only(), py::arg("person") = py::none(),
        py::arg("status") = py::none(), py::arg("model") = py::none(), py::arg("open_only") = false,
        "The relationships table (filtered like Relationships.list) as a dict of NumPy arrays: "
        "model, formality, style, status as int8 codes (the enum's value; style -1 when none), "
        "dates as datetime64[D] (NaT when missing), ids as int64 (ended_by -1 when none), "
        "accepted flags as bool, text as object arrays. Zero-copy except text.");
    m.def(
        "export_goals",
        [](const StorePtr& h) {
            GoalColumns t = with_store(*h, [](Store& s) { return export_goals(s); });
            py::dict d;
            d["id"] = adopt(std::move(t.id), "int64");
            d["relationship"] = adopt(std::move(t.relationship), "int64");
            d["learner"] = adopt(std::move(t.learner), "int64");
            d["title"] = text(t.title);
            d["kind"] = adopt(std::move(t.kind), "int8");
            d["function"] = adopt(std::move(t.function), "int8");
            d["status"] = adopt(std::move(t.status), "int8");
            d["metric"] = text(t.metric);
            d["unit"] = text(t.unit);
            d["baseline"] = adopt(std::move(t.baseline), "float64");
            d["target"] = adopt(std::move(t.target), "float64");
            d["due"] = adopt(std::move(t.due), "datetime64[D]");
            d["created_by"] = adopt(std::move(t.created_by), "int64");
            d["created_on"] = adopt(std::move(t.created_on), "datetime64[D]");
            d["activated_on"] = adopt(std::move(t.activated_on), "datetime64[D]");
            d["closed_on"] = adopt(std::move(t.closed_on), "datetime64[D]");
            d["milestones_total"] = adopt(std::move(t.milestones_total), "int64");
            d["milestones_done"] = adopt(std::move(t.milestones_done), "int64");
            return d;
        },
        py::arg("store"),
        "The goals table, ordered by id: kind, function, status as int8 codes; metric and unit "
        "(None for open-ended goals); baseline and target float64 (NaN for open-ended goals); "
        "due, created_on, activated_on, closed_on datetime64[D] (NaT when missing); milestone "
        "counts. Close reasons are not exported.");
    m.def(
        "export_check_ins",
        [](const StorePtr& h) {
            CheckInColumns t = with_store(*h, [](Store& s) { return export_check_ins(s); });
            py::dict d;
            d["id"] = adopt(std::move(t.id), "int64");
            d["goal"] = adopt(std::move(t.goal), "int64");
            d["relationship"] = adopt(std::move(t.relationship), "int64");
            d["on"] = adopt(std::move(t.on), "datetime64[D]");
            d["value"] = adopt(std::move(t.value), "float64");
            d["has_note"] = adopt(std::move(t.has_note), "bool");
            d["by"] = adopt(std::move(t.by), "int64");
            d["supersedes"] = adopt(std::move(t.supersedes), "int64");
            d["superseded_by"] = adopt(std::move(t.superseded_by), "int64");
            d["effective"] = adopt(std::move(t.effective), "bool");
            d["recorded_at"] = adopt(std::move(t.recorded_at), "datetime64[ms]");
            return d;
        },
        py::arg("store"),
        "The check-ins table (effective and superseded), ordered by id: value float64 (NaN for "
        "a note-only check-in), has_note and effective bool, supersedes/superseded_by int64 "
        "(-1 when none). Note texts are not exported (they may be private to the parties).");
    m.def(
        "export_goal_reviews",
        [](const StorePtr& h, std::optional<Date> as_of) {
            GoalReviewColumns t =
                with_store(*h, [&](Store& s) { return export_goal_reviews(s, as_of); });
            py::dict d;
            d["goal"] = adopt(std::move(t.goal), "int64");
            d["relationship"] = adopt(std::move(t.relationship), "int64");
            d["kind"] = adopt(std::move(t.kind), "int8");
            d["status"] = adopt(std::move(t.status), "int8");
            d["check_ins"] = adopt(std::move(t.check_ins), "int64");
            d["latest_value"] = adopt(std::move(t.latest_value), "float64");
            d["latest_on"] = adopt(std::move(t.latest_on), "datetime64[D]");
            d["progress"] = adopt(std::move(t.progress), "float64");
            d["trend_per_week"] = adopt(std::move(t.trend_per_week), "float64");
            d["projected"] = adopt(std::move(t.projected), "float64");
            d["projected_progress"] = adopt(std::move(t.projected_progress), "float64");
            d["forecast"] = adopt(std::move(t.forecast), "int8");
            d["milestones_done"] = adopt(std::move(t.milestones_done), "int64");
            d["milestones_total"] = adopt(std::move(t.milestones_total), "int64");
            d["overdue"] = adopt(std::move(t.overdue), "bool");
            return d;
        },
        py::arg("store"), py::kw_only(), py::arg("as_of") = py::none(),
        "The review of every goal as of `as_of` (default: today; Goals.review_all), one row per "
        "goal: measurements float64 (NaN when missing), forecast int8 (-1 when none).");
    m.def(
        "export_meetings",
        [](const StorePtr& h) {
            MeetingColumns t = with_store(*h, [](Store& s) { return export_meetings(s); });
            py::dict d;
            d["id"] = adopt(std::move(t.id), "int64");
            d["relationship"] = adopt(std::move(t.relationship), "int64");
            d["start"] = adopt(std::move(t.start), "datetime64[ms]");
            d["duration_minutes"] = adopt(std::move(t.duration_minutes), "int64");
            d["setting"] = adopt(std::move(t.setting), "int8");
            d["status"] = adopt(std::move(t.status), "int8");
            return d;
        },
        py::arg("store"),
        "The meetings table, ordered by id: id, relationship, start (datetime64[ms], UTC), "
        "duration_minutes, setting and status (int8 codes). All columns zero-copy. No agenda, "
        "place, link or rating: those are the pair's.");
    m.def(
        "export_meeting_stats",
        [](const StorePtr& h) {
            MeetingStatsColumns t =
                with_store(*h, [](Store& s) { return export_meeting_stats(s); });
            py::dict d;
            d["relationship"] = adopt(std::move(t.relationship), "int64");
            d["planned"] = adopt(std::move(t.planned), "int64");
            d["held"] = adopt(std::move(t.held), "int64");
            d["cancelled_by_guide"] = adopt(std::move(t.cancelled_by_guide), "int64");
            d["cancelled_by_learner"] = adopt(std::move(t.cancelled_by_learner), "int64");
            d["no_show_guide"] = adopt(std::move(t.no_show_guide), "int64");
            d["no_show_learner"] = adopt(std::move(t.no_show_learner), "int64");
            d["held_first_90_days"] = adopt(std::move(t.held_first_90_days), "int64");
            d["longest_gap_days"] = adopt(std::move(t.longest_gap_days), "int64");
            d["last_held"] = adopt(std::move(t.last_held), "datetime64[D]");
            d["days_since_last_held"] = adopt(std::move(t.days_since_last_held), "int64");
            d["misses_since_last_held"] = adopt(std::move(t.misses_since_last_held), "int64");
            d["cadence_days"] = adopt(std::move(t.cadence_days), "int64");
            d["health"] = adopt(std::move(t.health), "int8");
            return d;
        },
        py::arg("store"),
        "Consistency metrics of every relationship as of now (Meetings.all_stats), one row per "
        "relationship: counts int64, last_held datetime64[D] (NaT when none), health int8 (-1 "
        "unless active).");
}

} // namespace mentorkit::python
