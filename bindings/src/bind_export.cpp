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
            PeopleColumns t = with_store_nogil(*h, [](Store& s) { return export_people(s); });
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
            ExpertiseColumns t = with_store_nogil(*h, [](Store& s) { return export_expertise(s); });
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
                with_store_nogil(*h, [&](Store& s) { return export_relationships(s, f); });
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
}

} // namespace mentorkit::python
