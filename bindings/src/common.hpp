#pragma once
// Shared by every bind_<area>.cpp: the type casters (ids, dates, instants), the shared store
// handle that keeps the C++ Store alive for every Python object that refers to it, and the
// helpers that serialise calls on one store and release the GIL.

#include <mentorkit/mentorkit.hpp>

#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <datetime.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace mentorkit::python {

namespace py = pybind11;

/// What the Python Store, its areas and its transactions share. The C++ Store's areas live inside
/// it, so holding the handle (not a reference to an area) is what keeps them valid; after
/// close() the core itself refuses every call with StorageError(closed).
///
/// The mutex serialises calls on one store: calls that release the GIL could otherwise run
/// concurrently with another thread's call on the same (not thread-safe) connection.
struct StoreHandle {
    explicit StoreHandle(Store s) : store(std::move(s)) {}
    Store store;
    std::mutex mutex;
};
using StorePtr = std::shared_ptr<StoreHandle>;

/// Runs `f(store)` without the GIL, holding the store's mutex. Every call goes this way: a call
/// may wait for another connection's lock (up to the busy timeout), and waiting with the GIL
/// would stall the Python thread that holds that lock (inside a transaction on another store of
/// the same file) until the wait gives up with SQLITE_BUSY. `f` must not touch Python objects:
/// arguments are converted before, results after.
template <typename F>
decltype(auto) with_store(StoreHandle& h, F&& f) {
    py::gil_scoped_release nogil;
    std::lock_guard<std::mutex> lock(h.mutex);
    return f(h.store);
}

/// A value as a Python object (for repr_of).
inline py::object obj(const auto& value) {
    return py::cast(value);
}

/// Binds an enumeration as a real enum.Enum whose members are the core's own names
/// (to_string, "as stored and shown"), so Python cannot drift from the core when it gains a
/// member. The core names an out-of-range value "?".
template <typename E>
void bind_enum(py::module_& m, const char* name, const char* doc) {
    py::native_enum<E> e(m, name, "enum.Enum", doc);
    for (int i = 0; i < 128; ++i) {
        auto value = static_cast<E>(i);
        std::string_view text = to_string(value);
        if (text.empty() || text == "?")
            break;
        e.value(std::string(text).c_str(), value);
    }
    e.finalize();
}

/// "Type(field=repr, ...)" for value types.
std::string repr_of(const char* type,
                    std::initializer_list<std::pair<const char*, py::object>> fields);

/// The datetime C API (imported once). datetime.h's own PyDateTimeAPI is a static per
/// translation unit, which inline code shared between translation units must not rely on.
PyDateTime_CAPI& datetime_api();

void bind_errors(py::module_& m);
void bind_types(py::module_& m);
void bind_people(py::module_& m);
void bind_relationships(py::module_& m);
void bind_agreements(py::module_& m);
void bind_audit(py::module_& m);
void bind_goals(py::module_& m);
void bind_actions(py::module_& m);
void bind_coaching(py::module_& m);
void bind_notes(py::module_& m);
void bind_meetings(py::module_& m);
void bind_office_hours(py::module_& m);
void bind_programs(py::module_& m);
void bind_matching(py::module_& m);
void bind_operations(py::module_& m);
void bind_operations_replay(py::module_& m);
void bind_store(py::module_& m);
void bind_identity(py::module_& m);
void bind_export(py::module_& m);

} // namespace mentorkit::python

namespace pybind11::detail {

/// Text arguments: pybind11's own str caster, except that a str that cannot be UTF-8 (it holds a
/// lone surrogate, e.g. from os.fsdecode of foreign bytes) raises mentorkit.InvalidArgument
/// instead of failing the overload with a TypeError that lists every signature. Declared before
/// any use in every translation unit of the module (all include this header first).
template <>
struct type_caster<std::string> : string_caster<std::string> {
    bool load(handle src, bool convert) {
        if (src && PyUnicode_Check(src.ptr())) {
            Py_ssize_t size = -1;
            if (!PyUnicode_AsUTF8AndSize(src.ptr(), &size)) {
                PyErr_Clear();
                throw mentorkit::InvalidArgument(
                    "a text argument holds a lone surrogate (a code point in U+D800..U+DFFF), "
                    "which is not Unicode text and cannot be stored as UTF-8");
            }
        }
        return string_caster<std::string>::load(src, convert);
    }
};

/// int arguments: an integer past the C int range raises mentorkit.InvalidArgument (naming the
/// value) instead of a TypeError that lists every signature; the core then checks the domain's
/// own range (a level, a capacity, a rating).
template <>
struct type_caster<int> {
    PYBIND11_TYPE_CASTER(int, const_name("int"));
    bool load(handle src, bool convert) {
        type_caster<long long> wide;
        if (!wide.load(src, convert))
            return false;
        long long v = static_cast<long long>(wide);
        if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
            throw mentorkit::InvalidArgument("the integer " + std::to_string(v) +
                                             " is out of range (an int argument lies within "
                                             "-2147483648..2147483647)");
        value = static_cast<int>(v);
        return true;
    }
    static handle cast(int v, return_value_policy, handle) { return PyLong_FromLong(v); }
};

/// Ids are plain Python ints (anything with __index__ except bool, e.g. NumPy integers from an
/// export). Non-integers fail the overload (TypeError); integers that cannot be an id (< 1 or
/// past int64) raise mentorkit.InvalidArgument (a ValueError).
template <typename Id>
struct id_caster {
    PYBIND11_TYPE_CASTER(Id, const_name("int"));
    bool load(handle src, bool) {
        if (!src || PyBool_Check(src.ptr()) || PyFloat_Check(src.ptr()) ||
            !PyIndex_Check(src.ptr()))
            return false;
        object number = reinterpret_steal<object>(PyNumber_Index(src.ptr()));
        if (!number) {
            PyErr_Clear();
            return false;
        }
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
        if (v == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            return false;
        }
        if (overflow != 0 || v < 1)
            throw mentorkit::InvalidArgument("an id is a positive integer, got " +
                                             std::string(str(repr(src))));
        value = Id{static_cast<std::int64_t>(v)};
        return true;
    }
    static handle cast(Id id, return_value_policy, handle) {
        return PyLong_FromLongLong(static_cast<long long>(mentorkit::raw(id)));
    }
};
template <>
struct type_caster<mentorkit::PersonId> : id_caster<mentorkit::PersonId> {};
template <>
struct type_caster<mentorkit::RelationshipId> : id_caster<mentorkit::RelationshipId> {};
template <>
struct type_caster<mentorkit::AgreementVersionId> : id_caster<mentorkit::AgreementVersionId> {};
template <>
struct type_caster<mentorkit::MisunderstandingId> : id_caster<mentorkit::MisunderstandingId> {};
template <>
struct type_caster<mentorkit::GoalId> : id_caster<mentorkit::GoalId> {};
template <>
struct type_caster<mentorkit::CheckInId> : id_caster<mentorkit::CheckInId> {};
template <>
struct type_caster<mentorkit::GoalReviewId> : id_caster<mentorkit::GoalReviewId> {};
template <>
struct type_caster<mentorkit::ActionItemId> : id_caster<mentorkit::ActionItemId> {};
template <>
struct type_caster<mentorkit::CoachingCycleId> : id_caster<mentorkit::CoachingCycleId> {};
template <>
struct type_caster<mentorkit::NoteId> : id_caster<mentorkit::NoteId> {};
template <>
struct type_caster<mentorkit::MeetingId> : id_caster<mentorkit::MeetingId> {};
template <>
struct type_caster<mentorkit::OfficeHoursId> : id_caster<mentorkit::OfficeHoursId> {};
template <>
struct type_caster<mentorkit::ProgramId> : id_caster<mentorkit::ProgramId> {};
template <>
struct type_caster<mentorkit::ProgramGoalId> : id_caster<mentorkit::ProgramGoalId> {};
template <>
struct type_caster<mentorkit::StandardId> : id_caster<mentorkit::StandardId> {};

/// mentorkit::Date <-> datetime.date. A datetime.datetime is refused (it is a date subclass, but
/// silently dropping its time of day would hide mistakes).
template <>
struct type_caster<mentorkit::Date> {
    PYBIND11_TYPE_CASTER(mentorkit::Date, const_name("datetime.date"));
    bool load(handle src, bool) {
        PyDateTime_CAPI& api = mentorkit::python::datetime_api();
        if (!src || !PyObject_TypeCheck(src.ptr(), api.DateType) ||
            PyObject_TypeCheck(src.ptr(), api.DateTimeType))
            return false;
        std::chrono::year_month_day ymd{
            std::chrono::year{PyDateTime_GET_YEAR(src.ptr())},
            std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(src.ptr()))},
            std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(src.ptr()))}};
        value = std::chrono::sys_days{ymd};
        return true;
    }
    static handle cast(const mentorkit::Date& d, return_value_policy, handle) {
        PyDateTime_CAPI& api = mentorkit::python::datetime_api();
        std::chrono::year_month_day ymd{d};
        int y = static_cast<int>(ymd.year());
        if (!ymd.ok() || y < 1 || y > 9999)
            throw value_error("date out of Python's range");
        return api.Date_FromDate(y, static_cast<int>(static_cast<unsigned>(ymd.month())),
                                 static_cast<int>(static_cast<unsigned>(ymd.day())), api.DateType);
    }
};

/// mentorkit::Timestamp <-> timezone-aware datetime.datetime (UTC out; any zone in, converted).
/// A naive datetime is refused with ValueError: its instant is ambiguous.
template <>
struct type_caster<mentorkit::Timestamp> {
    PYBIND11_TYPE_CASTER(mentorkit::Timestamp, const_name("datetime.datetime"));
    bool load(handle src, bool) {
        using namespace std::chrono;
        PyDateTime_CAPI& api = mentorkit::python::datetime_api();
        if (!src || !PyObject_TypeCheck(src.ptr(), api.DateTimeType))
            return false;
        object offset = src.attr("utcoffset")();
        if (offset.is_none())
            throw value_error("a naive datetime has no time zone; pass an aware one, e.g. "
                              "datetime.now(timezone.utc)");
        // A tzinfo (or datetime subclass) of the caller's may return anything: only a
        // timedelta strictly within a day is an offset (as datetime itself requires).
        if (!PyObject_TypeCheck(offset.ptr(), api.DeltaType))
            throw type_error("utcoffset() returned " +
                             std::string(str(type::handle_of(offset).attr("__name__"))) +
                             ", not a datetime.timedelta");
        if (std::abs(PyDateTime_DELTA_GET_DAYS(offset.ptr())) > 1 ||
            (PyDateTime_DELTA_GET_DAYS(offset.ptr()) == 1) ||
            (PyDateTime_DELTA_GET_DAYS(offset.ptr()) == -1 &&
             PyDateTime_DELTA_GET_SECONDS(offset.ptr()) == 0 &&
             PyDateTime_DELTA_GET_MICROSECONDS(offset.ptr()) == 0))
            throw value_error("utcoffset() returned " + std::string(str(offset)) +
                              "; an offset lies strictly between -24 and 24 hours");
        PyObject* o = src.ptr();
        sys_days day{year_month_day{
            year{PyDateTime_GET_YEAR(o)}, month{static_cast<unsigned>(PyDateTime_GET_MONTH(o))},
            std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(o))}}};
        auto local = sys_time<microseconds>{day} + hours{PyDateTime_DATE_GET_HOUR(o)} +
                     minutes{PyDateTime_DATE_GET_MINUTE(o)} +
                     seconds{PyDateTime_DATE_GET_SECOND(o)} +
                     microseconds{PyDateTime_DATE_GET_MICROSECOND(o)};
        PyObject* d = offset.ptr();
        auto delta = days{PyDateTime_DELTA_GET_DAYS(d)} + seconds{PyDateTime_DELTA_GET_SECONDS(d)} +
                     microseconds{PyDateTime_DELTA_GET_MICROSECONDS(d)};
        value = floor<milliseconds>(local - delta);
        return true;
    }
    static handle cast(const mentorkit::Timestamp& at, return_value_policy, handle) {
        using namespace std::chrono;
        PyDateTime_CAPI& api = mentorkit::python::datetime_api();
        sys_days day = floor<days>(at);
        year_month_day ymd{day};
        int y = static_cast<int>(ymd.year());
        if (y < 1 || y > 9999)
            throw value_error("instant out of Python's datetime range");
        hh_mm_ss<milliseconds> tod{at - day};
        return api.DateTime_FromDateAndTime(
            y, static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day())),
            static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
            static_cast<int>(tod.seconds().count()),
            static_cast<int>(tod.subseconds().count() * 1000), api.TimeZone_UTC, api.DateTimeType);
    }
};

} // namespace pybind11::detail
