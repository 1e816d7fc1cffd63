// Store (open, close, context manager, areas, clock), Transaction and the demo program.

#include "areas.hpp"

#include <filesystem>
#include <optional>

namespace mentorkit::python {

namespace {

/// A Python transaction: begun at creation (like Store::begin), committed by commit() or a
/// clean `with` exit, rolled back by rollback(), an exception in the `with` block, or garbage
/// collection. It holds the store handle, so it never outlives the C++ Store.
struct TransactionRef {
    enum class State { active, committed, rolled_back };
    StorePtr handle;
    std::optional<Store::Transaction> tx;
    State state = State::active;

    explicit TransactionRef(StorePtr h) : handle(std::move(h)) {
        with_store(*handle, [&](Store& s) { tx.emplace(s.begin()); });
    }
    TransactionRef(const TransactionRef&) = delete;
    TransactionRef& operator=(const TransactionRef&) = delete;
    ~TransactionRef() { rollback(); }

    void commit() {
        if (state != State::active)
            throw RuleViolation(std::string("the transaction was already ") +
                                    (state == State::committed ? "committed" : "rolled back"),
                                ErrorCode::invalid_transition);
        with_store(*handle, [&](Store&) {
            try {
                tx->commit();
            } catch (...) {
                tx.reset();
                state = State::rolled_back;
                throw;
            }
            tx.reset();
            state = State::committed;
        });
    }
    void rollback() noexcept {
        if (state != State::active)
            return;
        // Rolling back touches the connection, so it takes the store's lock like any call.
        with_store(*handle, [&](Store&) { tx.reset(); });
        state = State::rolled_back;
    }
};

StoreOptions options_of(int busy_timeout_ms, bool durable_commits, int cache_mib,
                        std::shared_ptr<SigningKey> key) {
    StoreOptions options;
    options.busy_timeout_ms = busy_timeout_ms;
    options.durable_commits = durable_commits;
    options.cache_mib = cache_mib;
    options.key = std::move(key);
    return options;
}

StorePtr open_store(const std::filesystem::path& path, int busy_timeout_ms, bool durable_commits,
                    int cache_mib, std::shared_ptr<SigningKey> key) {
    StoreOptions options = options_of(busy_timeout_ms, durable_commits, cache_mib, std::move(key));
    py::gil_scoped_release nogil;
    return std::make_shared<StoreHandle>(Store::open(path, options));
}

StorePtr create_personal(const std::filesystem::path& path, std::string name,
                         std::shared_ptr<SigningKey> key, int level,
                         std::optional<std::string> email, std::optional<std::string> phone,
                         int busy_timeout_ms, bool durable_commits, int cache_mib) {
    NewPerson owner{std::move(name), level, std::move(email), std::move(phone), {}, {}};
    StoreOptions options = options_of(busy_timeout_ms, durable_commits, cache_mib, nullptr);
    py::gil_scoped_release nogil;
    return std::make_shared<StoreHandle>(
        Store::create_personal(path, owner, std::move(key), options));
}

} // namespace

void bind_store(py::module_& m) {
    py::class_<TransactionRef>(
        m, "Transaction",
        "A caller-controlled write transaction (from Store.transaction()). Every call on the "
        "store while it is active joins it. As a context manager it commits when the block ends "
        "normally and rolls back when it raises. A call refused by validation writes nothing and "
        "the transaction goes on; a call that fails after writing aborts it (later calls and "
        "commit() raise StorageError transaction_aborted). A transaction begun inside another "
        "joins it.")
        .def("commit", &TransactionRef::commit,
             "Commits everything done since it began. Raises RuleViolation (invalid_transition) "
             "if already committed or rolled back.")
        .def("rollback", &TransactionRef::rollback,
             "Rolls back everything done since it began (nothing if already finished).")
        .def_property_readonly(
            "active",
            [](const TransactionRef& t) { return t.state == TransactionRef::State::active; },
            "True until committed or rolled back.")
        .def(
            "__enter__", [](TransactionRef& t) -> TransactionRef& { return t; },
            py::return_value_policy::reference_internal)
        .def(
            "__exit__",
            [](TransactionRef& t, py::object exc_type, py::object, py::object) {
                if (t.state != TransactionRef::State::active)
                    return false;
                if (exc_type.is_none())
                    t.commit();
                else
                    t.rollback();
                return false;
            },
            py::arg("exc_type"), py::arg("exc_value"), py::arg("traceback"))
        .def("__repr__", [](const TransactionRef& t) {
            const char* s = t.state == TransactionRef::State::active      ? "active"
                            : t.state == TransactionRef::State::committed ? "committed"
                                                                          : "rolled back";
            return std::string("<mentorkit.Transaction ") + s + ">";
        });

    py::class_<StoreHandle, StorePtr> store(
        m, "Store",
        "A mentorkit database: a file (created if missing; WAL, foreign keys on) or a private "
        "in-memory database. Opening runs pending schema migrations; a file that is not SQLite, "
        "not mentorkit's, or from a newer mentorkit is refused (StorageError) and left "
        "untouched. Use it as a context manager to close it at the end of a block. Not "
        "thread-safe in the C++ sense: calls from several threads are serialised, and a "
        "transaction is shared by every thread using the store.");
    store
        .def(py::init(&open_store), py::arg("path"), py::kw_only(),
             py::arg("busy_timeout_ms") = 10000, py::arg("durable_commits") = true,
             py::arg("cache_mib") = 32, py::arg("key") = py::none(),
             "Opens a database file (str or os.PathLike), creating it if missing. "
             "`busy_timeout_ms`: how long a write waits for another connection's lock; "
             "`durable_commits`: fsync every commit (False: a power loss may lose the last "
             "commits, never corrupt the file); `cache_mib`: page cache size; `key`: the "
             "owner's SigningKey of a personal store (without it the store reads but refuses "
             "changes, PermissionDenied key_required; another key raises InvalidArgument "
             "wrong_key).")
        .def_static("open", &open_store, py::arg("path"), py::kw_only(),
                    py::arg("busy_timeout_ms") = 10000, py::arg("durable_commits") = true,
                    py::arg("cache_mib") = 32, py::arg("key") = py::none(),
                    "Same as Store(path, ...).")
        .def_static("create_personal", &create_personal, py::arg("path"), py::arg("name"),
                    py::arg("key"), py::kw_only(), py::arg("level") = 0,
                    py::arg("email") = py::none(), py::arg("phone") = py::none(),
                    py::arg("busy_timeout_ms") = 10000, py::arg("durable_commits") = true,
                    py::arg("cache_mib") = 32,
                    "Creates a personal store in a new file (InvalidArgument when it exists): "
                    "one person, its owner, with `key` as this device's key. Every change "
                    "through it is the owner's (`by` must name the owner: PermissionDenied "
                    "not_owner otherwise).")
        .def_static(
            "repair",
            [](const std::filesystem::path& path) {
                py::gil_scoped_release nogil;
                return Store::repair(path).actions;
            },
            py::arg("path"),
            "Restores the indexes and triggers of a file whose protections were dropped or "
            "altered (a store refused with StorageError code `tampered`), removes ones mentorkit "
            "did not make, and returns what it did, one line each (empty: nothing to do). "
            "Refused (StorageError `tampered`) when a table was dropped, altered or added: only "
            "a backup restores data.")
        .def_static(
            "verify",
            [](const std::filesystem::path& path) {
                py::gil_scoped_release nogil;
                return Store::verify(path);
            },
            py::arg("path"),
            "Checks the whole hash chain of a file's operations log without opening it as a "
            "store, so a file refused as tampered can still be examined; returns a "
            "VerifyReport naming the first entry that does not verify.")
        .def_static(
            "memory",
            [] {
                py::gil_scoped_release nogil;
                return std::make_shared<StoreHandle>(Store::open_memory());
            },
            "Opens a fresh private in-memory database.")
        .def_property_readonly(
            "people", [](const StorePtr& h) { return PeopleRef{h}; },
            "People, expertise and the supervision hierarchy.")
        .def_property_readonly(
            "relationships", [](const StorePtr& h) { return RelationshipsRef{h}; },
            "Relationships: models, styles, lifecycle, boards, warnings.")
        .def_property_readonly(
            "agreements", [](const StorePtr& h) { return AgreementsRef{h}; },
            "Ground-rule agreements, signatures and the misunderstanding log.")
        .def_property_readonly(
            "goals", [](const StorePtr& h) { return GoalsRef{h}; },
            "Goals, milestones, check-ins, forecasts and periodic reviews.")
        .def_property_readonly(
            "actions", [](const StorePtr& h) { return ActionItemsRef{h}; },
            "Action items between meetings.")
        .def_property_readonly(
            "coaching", [](const StorePtr& h) { return CoachingRef{h}; },
            "Coaching cycles (perform, observe, feedback) and per-skill progress.")
        .def_property_readonly(
            "notes", [](const StorePtr& h) { return NotesRef{h}; },
            "Notes and resistance entries, read through an acting person.")
        .def_property_readonly(
            "meetings", [](const StorePtr& h) { return MeetingsRef{h}; },
            "Meetings, agendas, outcomes, ratings, consistency metrics and health.")
        .def_property_readonly(
            "office_hours", [](const StorePtr& h) { return OfficeHoursRef{h}; },
            "Office hours: a guide's recurring slots in a time zone, skips, moves, bookings, "
            "iCalendar export.")
        .def_property_readonly(
            "audit", [](const StorePtr& h) { return AuditRef{h}; }, "The append-only audit log.")
        .def_property_readonly(
            "operations", [](const StorePtr& h) { return OperationsRef{h}; },
            "The operations log every change is appended to (read, verify, replay).")
        .def_property_readonly(
            "identity", [](const StorePtr& h) { return IdentityRef{h}; },
            "Who the store belongs to: a personal store's owner and device key.")
        .def_property_readonly(
            "programs", [](const StorePtr& h) { return ProgramsRef{h}; },
            "Programs: goals, standards, participants, effectiveness and quality reports.")
        .def_property_readonly(
            "matching", [](const StorePtr& h) { return MatchingRef{h}; },
            "Optimal matching of a program's mentees to its mentors, and accepting matches.")
        .def(
            "close", [](const StorePtr& h) { with_store(*h, [](Store& s) { s.close(); }); },
            "Closes the database (an active transaction is rolled back). Every later call "
            "through this store, its areas or its transactions raises StorageError (code "
            "closed). Closing twice is harmless.")
        .def_property_readonly(
            "is_open", [](const StorePtr& h) { return h->store.is_open(); }, "True until close().")
        .def_property_readonly(
            "path",
            [](const StorePtr& h) -> std::optional<std::filesystem::path> {
                const auto& p = h->store.path();
                if (p.empty())
                    return std::nullopt;
                return p;
            },
            "The file path (pathlib.Path), or None for an in-memory store.")
        .def(
            "now",
            [](const StorePtr& h) { return with_store(*h, [](Store& s) { return s.now(); }); },
            "The current instant by the store's clock (aware datetime, UTC).")
        .def(
            "today",
            [](const StorePtr& h) { return with_store(*h, [](Store& s) { return s.today(); }); },
            "Today's UTC date by the store's clock.")
        .def(
            "set_clock",
            [](const StorePtr& h, std::optional<Timestamp> at) {
                with_store(*h, [&](Store& s) {
                    if (at) {
                        Timestamp fixed = *at;
                        s.set_clock([fixed] { return fixed; });
                    } else {
                        s.set_clock({});
                    }
                });
            },
            py::arg("at"),
            "Freezes the store's clock (audit timestamps, signatures, 'today' for warnings) at "
            "an aware datetime; None restores the system clock. (The C++ API takes a function; "
            "Python passes an instant so no Python code runs inside the core.)")
        .def(
            "transaction", [](const StorePtr& h) { return std::make_unique<TransactionRef>(h); },
            "Begins a Transaction (use `with store.transaction():`). Raises StorageError "
            "(closed) on a closed store.")
        .def(
            "__enter__", [](const StorePtr& h) { return h; }, "Returns the store itself.")
        .def(
            "__exit__",
            [](const StorePtr& h, py::object, py::object, py::object) {
                with_store(*h, [](Store& s) { s.close(); });
                return false;
            },
            py::arg("exc_type"), py::arg("exc_value"), py::arg("traceback"), "Closes the store.")
        .def("__repr__", [](const StorePtr& h) {
            const auto& p = h->store.path();
            std::string where = p.empty() ? std::string(":memory:")
                                          : std::string(py::str(py::repr(py::cast(p.string()))));
            return "<mentorkit.Store " + where + (h->store.is_open() ? " open>" : " closed>");
        });
    store.attr("schema_version") = Store::schema_version;
    store.attr("application_id") = Store::application_id;

    m.def(
        "populate_demo",
        [](const StorePtr& h, std::optional<Date> today) {
            with_store(*h, [&](Store& s) { populate_demo(s, today ? *today : s.today()); });
        },
        py::arg("store"), py::arg("today") = py::none(),
        "Fills an empty store with the demo program (a few dozen people, all models and styles, "
        "agreements in every state, misunderstandings...), dated relative to `today` (default: "
        "the store's today), in one transaction. Restores the system clock afterwards. Raises "
        "RuleViolation if the store already holds people.");
}

} // namespace mentorkit::python
