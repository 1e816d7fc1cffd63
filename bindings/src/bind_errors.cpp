// ErrorCode and the exception classes: one Python class per C++ error class, all under
// mentorkit.Error, each also a subclass of the builtin a Python caller would catch.

#include "common.hpp"

#include <pybind11/native_enum.h>

namespace mentorkit::python {

namespace {

struct Classes {
    PyObject* error = nullptr;
    PyObject* not_found = nullptr;
    PyObject* invalid_argument = nullptr;
    PyObject* rule_violation = nullptr;
    PyObject* permission_denied = nullptr;
    PyObject* storage_error = nullptr;
};
// Owned references kept for the life of the process (the module holds them too).
Classes g_classes;

PyObject* new_class(py::module_& m, const char* name, py::handle bases, const char* doc) {
    std::string qualified = std::string("mentorkit._core.") + name;
    PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (!cls)
        throw py::error_already_set();
    m.attr(name) = py::reinterpret_borrow<py::object>(cls);
    return cls;
}

void raise(PyObject* cls, const Error& e) {
    try {
        py::object exc = py::reinterpret_borrow<py::object>(cls)(e.what());
        py::object code;
        try {
            code = py::cast(e.code());
        } catch (const std::exception&) {
            // A code newer than this module's ErrorCode list: keep the error, with the number.
            code = py::int_(static_cast<int>(e.code()));
        }
        exc.attr("code") = code;
        if (const auto* s = dynamic_cast<const StorageError*>(&e)) {
            exc.attr("sqlite_code") = s->sqlite_code();
            exc.attr("sqlite_extended_code") = s->sqlite_extended_code();
        }
        PyErr_SetObject(cls, exc.ptr());
    } catch (py::error_already_set& failure) {
        failure.restore();
    }
}

} // namespace

void bind_errors(py::module_& m) {
    py::native_enum<ErrorCode> code(m, "ErrorCode", "enum.Enum",
                                    "Fine-grained reason of an error (the `code` of every "
                                    "mentorkit exception); compare codes, not messages.");
    code.value("not_found", ErrorCode::not_found, "The referenced record does not exist.")
        .value("invalid_argument", ErrorCode::invalid_argument,
               "A value is malformed or out of range.")
        .value("empty_text", ErrorCode::empty_text, "A required text is empty after trimming.")
        .value("invalid_date", ErrorCode::invalid_date,
               "A date is malformed or in an impossible order.")
        .value("wrong_key", ErrorCode::wrong_key,
               "The key given is not the one the personal store was made with.")
        .value("rule_violation", ErrorCode::rule_violation, "A domain rule forbids the change.")
        .value("supervisor_cycle", ErrorCode::supervisor_cycle, "The supervisor chain would loop.")
        .value("supervision_line", ErrorCode::supervision_line,
               "Mentoring/coaching across a supervision line.")
        .value("style_contradiction", ErrorCode::style_contradiction,
               "A declared mentoring style contradicts the hierarchy.")
        .value("reverse_without_expertise", ErrorCode::reverse_without_expertise,
               "Reverse mentoring where the mentor is not more expert.")
        .value("duplicate_relationship", ErrorCode::duplicate_relationship,
               "The same pair, model and focus is already open.")
        .value("invalid_transition", ErrorCode::invalid_transition,
               "A lifecycle change not allowed from the current state.")
        .value("agreement_frozen", ErrorCode::agreement_frozen,
               "The agreement version was signed and can only be amended.")
        .value("already_signed", ErrorCode::already_signed,
               "The party already signed this version.")
        .value("already_resolved", ErrorCode::already_resolved,
               "The misunderstanding is already resolved.")
        .value("stale_version", ErrorCode::stale_version,
               "The version acted on is no longer the latest.")
        .value("key_taken", ErrorCode::key_taken,
               "The key, or the device, already has a registration.")
        .value("key_revoked", ErrorCode::key_revoked,
               "The key was revoked (or is already, through that seal).")
        .value("permission_denied", ErrorCode::permission_denied,
               "The acting person may not do this.")
        .value("not_a_party", ErrorCode::not_a_party,
               "The acting person is not a party to the relationship.")
        .value("not_owner", ErrorCode::not_owner, "A personal store acts as its owner only.")
        .value("key_required", ErrorCode::key_required,
               "A personal store opened without its owner's key cannot change.")
        .value("unsafe_key_file", ErrorCode::unsafe_key_file,
               "A key file others may read or write is refused.")
        .value("storage", ErrorCode::storage, "SQLite reported an error (see sqlite_code).")
        .value("not_a_database", ErrorCode::not_a_database,
               "The file is not SQLite, or not a mentorkit database.")
        .value("schema_too_new", ErrorCode::schema_too_new,
               "The file was written by a newer mentorkit.")
        .value("closed", ErrorCode::closed, "The store was closed.")
        .value("transaction_aborted", ErrorCode::transaction_aborted,
               "A change failed inside a transaction after writing: it rolls back.")
        .value("read_only", ErrorCode::read_only, "The file (or its folder) cannot be written.")
        .value("corrupt", ErrorCode::corrupt,
               "The file holds data mentorkit did not write (e.g. text that is not UTF-8).")
        .value("tampered", ErrorCode::tampered,
               "The file's protections (triggers, tables) were dropped or altered.")
        .finalize();

    py::handle exception(PyExc_Exception);
    PyObject* error =
        new_class(m, "Error", exception,
                  "Base of every mentorkit error. `code` is the ErrorCode; nothing was changed "
                  "when a call raises one (a failing transaction rolls back as a whole).");
    auto with = [&](PyObject* builtin) {
        return py::make_tuple(py::handle(error), py::handle(builtin));
    };
    g_classes.error = error;
    g_classes.not_found = new_class(m, "NotFound", with(PyExc_LookupError),
                                    "A referenced record (person, relationship, agreement "
                                    "version, ...) does not exist. Also a LookupError.");
    g_classes.invalid_argument =
        new_class(m, "InvalidArgument", with(PyExc_ValueError),
                  "An argument is malformed or out of range. Also a ValueError.");
    g_classes.rule_violation =
        new_class(m, "RuleViolation", py::make_tuple(py::handle(error)),
                  "A domain rule or the stored state forbids the change (supervision line, "
                  "duplicate, lifecycle, frozen agreement, ...). Deliberately no builtin base: "
                  "the arguments were well-formed, the request conflicts with the program.");
    g_classes.permission_denied =
        new_class(m, "PermissionDenied", with(PyExc_PermissionError),
                  "The acting person may not do this (e.g. not a party). Also a "
                  "PermissionError.");
    g_classes.storage_error =
        new_class(m, "StorageError", with(PyExc_RuntimeError),
                  "The storage layer failed: SQLite errors, a foreign or newer file, a closed "
                  "store, an aborted transaction. Also a RuntimeError. `sqlite_code` and "
                  "`sqlite_extended_code` are SQLite's result codes (0 when mentorkit itself "
                  "detected the problem).");

    // Class-level defaults, so instances raised from Python code carry the attributes too.
    auto set_default = [](PyObject* cls, const char* name, py::object value) {
        py::handle(cls).attr(name) = std::move(value);
    };
    set_default(g_classes.error, "code", py::none());
    set_default(g_classes.not_found, "code", py::cast(ErrorCode::not_found));
    set_default(g_classes.invalid_argument, "code", py::cast(ErrorCode::invalid_argument));
    set_default(g_classes.rule_violation, "code", py::cast(ErrorCode::rule_violation));
    set_default(g_classes.permission_denied, "code", py::cast(ErrorCode::permission_denied));
    set_default(g_classes.storage_error, "code", py::cast(ErrorCode::storage));
    set_default(g_classes.storage_error, "sqlite_code", py::int_(0));
    set_default(g_classes.storage_error, "sqlite_extended_code", py::int_(0));

    py::register_exception_translator([](std::exception_ptr p) {
        if (!p)
            return;
        try {
            std::rethrow_exception(p);
        } catch (const NotFound& e) {
            raise(g_classes.not_found, e);
        } catch (const InvalidArgument& e) {
            raise(g_classes.invalid_argument, e);
        } catch (const RuleViolation& e) {
            raise(g_classes.rule_violation, e);
        } catch (const PermissionDenied& e) {
            raise(g_classes.permission_denied, e);
        } catch (const StorageError& e) {
            raise(g_classes.storage_error, e);
        } catch (const Error& e) {
            raise(g_classes.error, e);
        }
    });
}

} // namespace mentorkit::python
