"""Every C++ error class maps to one Python class under mentorkit.Error."""

from __future__ import annotations

import threading

import pytest

import mentorkit as mk

HIERARCHY = [
    (mk.NotFound, LookupError, mk.ErrorCode.not_found),
    (mk.InvalidArgument, ValueError, mk.ErrorCode.invalid_argument),
    (mk.RuleViolation, None, mk.ErrorCode.rule_violation),
    (mk.PermissionDenied, PermissionError, mk.ErrorCode.permission_denied),
    (mk.StorageError, RuntimeError, mk.ErrorCode.storage),
]


@pytest.mark.parametrize("cls,builtin,code", HIERARCHY)
def test_hierarchy(cls, builtin, code):
    assert issubclass(cls, mk.Error) and issubclass(mk.Error, Exception)
    if builtin is not None:
        assert issubclass(cls, builtin)
    assert cls.code == code  # class default, also for errors raised from Python code
    err = cls("raised by hand")
    assert str(err) == "raised by hand" and err.code == code


def test_rule_violation_is_not_a_value_error():
    assert not issubclass(mk.RuleViolation, (ValueError, LookupError, PermissionError))


def test_not_found(store):
    with pytest.raises(LookupError) as e:
        store.people.get(42)
    assert type(e.value) is mk.NotFound
    assert e.value.code == mk.ErrorCode.not_found
    assert "42" in str(e.value)
    with pytest.raises(LookupError):
        store.relationships.get(1)


def test_invalid_argument(store):
    with pytest.raises(ValueError) as e:
        store.people.create("")
    assert type(e.value) is mk.InvalidArgument
    assert e.value.code == mk.ErrorCode.empty_text


def test_rule_violation(store):
    a = store.people.create("A")
    with pytest.raises(mk.Error) as e:
        store.people.set_supervisor(a, a)
    assert type(e.value) is mk.RuleViolation
    assert e.value.code == mk.ErrorCode.supervisor_cycle
    with pytest.raises(mk.RuleViolation) as e:
        mk.populate_demo(store)  # not an empty store
    assert e.value.code == mk.ErrorCode.rule_violation


def test_permission_denied(org):
    r = org.propose()
    with pytest.raises(PermissionError) as e:
        org.store.relationships.withdraw(r, org.peer, org.store.today(), "not mine")
    assert type(e.value) is mk.PermissionDenied
    assert e.value.code == mk.ErrorCode.not_a_party


def test_storage_error_for_a_foreign_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"this is not a database, just text " * 100)
    with pytest.raises(RuntimeError) as e:
        mk.Store(path)
    assert type(e.value) is mk.StorageError
    assert e.value.code == mk.ErrorCode.not_a_database
    assert isinstance(e.value.sqlite_code, int)
    assert isinstance(e.value.sqlite_extended_code, int)
    assert path.read_bytes().startswith(b"this is not a database")  # left untouched


def test_storage_error_carries_sqlite_codes_when_busy(tmp_path):
    path = tmp_path / "shared.db"
    with mk.Store(path) as writer, mk.Store(path, busy_timeout_ms=0) as other:
        with writer.transaction():
            writer.people.create("Holds the write lock")
            with pytest.raises(mk.StorageError) as e:
                other.people.create("Waits for it")
        assert e.value.code == mk.ErrorCode.storage
        assert e.value.sqlite_code == 5  # SQLITE_BUSY
        assert e.value.sqlite_extended_code & 0xFF == 5
        assert other.people.count() == 1


def test_closed_store(store):
    store.close()
    with pytest.raises(mk.StorageError) as e:
        store.people.count()
    assert e.value.code == mk.ErrorCode.closed
    assert (e.value.sqlite_code, e.value.sqlite_extended_code) == (0, 0)


def test_errors_from_other_threads_are_translated(store):
    caught = []

    def worker():
        try:
            store.people.get(7)
        except mk.NotFound as e:
            caught.append(e.code)

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert caught == [mk.ErrorCode.not_found]


def test_error_mappings_of_goals_actions_coaching_notes_meetings(org):
    """Each area's refusals arrive as the mapped class with the core's code."""
    import datetime as dt

    s = org.store
    r = org.active()
    s.set_clock(dt.datetime(2024, 6, 1, 12, tzinfo=dt.timezone.utc))
    day = dt.date(2024, 2, 1)
    start = dt.datetime(2024, 2, 1, 9, tzinfo=dt.timezone.utc)
    cases = [
        (lambda: s.goals.get(99, acting=org.analyst), mk.NotFound, mk.ErrorCode.not_found),
        (lambda: s.goals.create(r, "", by=org.analyst), mk.InvalidArgument,
         mk.ErrorCode.empty_text),
        (lambda: s.goals.create(r, "x", by=org.outsider), mk.PermissionDenied, None),
        (lambda: s.goals.correct(99, org.analyst, 1.0), mk.NotFound, mk.ErrorCode.not_found),
        (lambda: s.actions.get(99, acting=org.analyst), mk.NotFound, mk.ErrorCode.not_found),
        (lambda: s.actions.create(r, "x", assignee=org.analyst, by=org.peer),
         mk.PermissionDenied, mk.ErrorCode.not_a_party),
        (lambda: s.coaching.record(r, by=org.analyst, on=day, skill="x", score=3),
         mk.PermissionDenied, None),
        (lambda: s.coaching.record(r, by=org.outsider, on=day, skill="x", score=0),
         mk.InvalidArgument, None),
        (lambda: s.notes.get(99, acting=org.analyst), mk.NotFound, mk.ErrorCode.not_found),
        (lambda: s.notes.write(r, author=org.peer, on=day, text="x"), mk.PermissionDenied,
         mk.ErrorCode.not_a_party),
        (lambda: s.meetings.get(99, acting=org.analyst), mk.NotFound, mk.ErrorCode.not_found),
        (lambda: s.meetings.schedule(r, by=org.peer, start=start, link="x"),
         mk.PermissionDenied, mk.ErrorCode.not_a_party),
        (lambda: s.meetings.schedule(r, by=org.analyst, start=start), mk.InvalidArgument,
         mk.ErrorCode.empty_text),
        (lambda: s.meetings.stats(99), mk.NotFound, mk.ErrorCode.not_found),
    ]
    for call, cls, code in cases:
        with pytest.raises(mk.Error) as e:
            call()
        assert type(e.value) is cls, (cls, e.value)
        if code is not None:
            assert e.value.code == code, (code, e.value)
    m = s.meetings.schedule(r, by=org.analyst, start=start, link="x")
    s.meetings.mark_held(m, org.analyst)
    with pytest.raises(mk.RuleViolation) as e:
        s.meetings.cancel(m, org.analyst)
    assert e.value.code == mk.ErrorCode.invalid_transition
    with pytest.raises(TypeError):
        s.meetings.schedule(r, by=org.analyst, start=dt.date(2024, 2, 1), link="x")
    with pytest.raises(TypeError):
        s.notes.list(r)  # the acting person is required
    with pytest.raises(TypeError):
        s.notes.write(r, author=org.analyst, on=day, text="x", visibility="pair")
