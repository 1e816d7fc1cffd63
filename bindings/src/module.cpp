// The compiled module mentorkit._core. The public package is `mentorkit` (python/mentorkit),
// which re-exports these names; see bindings/README.md.

#include "common.hpp"

#include <string>

namespace mentorkit::python {

std::string repr_of(const char* type,
                    std::initializer_list<std::pair<const char*, py::object>> fields) {
    std::string out = type;
    out += '(';
    bool first = true;
    for (const auto& [name, value] : fields) {
        if (!first)
            out += ", ";
        first = false;
        out += name;
        out += '=';
        out += std::string(py::str(py::repr(value)));
    }
    out += ')';
    return out;
}

PyDateTime_CAPI& datetime_api() {
    // Imported on first use (under the GIL, from a caster); module.cpp's own PyDateTimeAPI.
    if (!PyDateTimeAPI) {
        PyDateTime_IMPORT;
        if (!PyDateTimeAPI)
            throw py::error_already_set();
    }
    return *PyDateTimeAPI;
}

} // namespace mentorkit::python

PYBIND11_MODULE(_core, m) {
    using namespace mentorkit::python;
    m.doc() = "mentorkit's compiled core (private: import the `mentorkit` package instead).";
    // Types first: signatures of later functions name them.
    bind_errors(m);
    bind_types(m);
    bind_people(m);
    bind_relationships(m);
    bind_agreements(m);
    bind_audit(m);
    bind_goals(m);
    bind_actions(m);
    bind_coaching(m);
    bind_notes(m);
    bind_meetings(m);
    bind_office_hours(m);
    bind_programs(m);
    bind_matching(m);
    bind_operations(m);
    bind_identity(m);
    bind_store(m);
    bind_operations_replay(m);
    bind_export(m);
}
