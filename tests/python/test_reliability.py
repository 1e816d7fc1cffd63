"""Bad input from Python gets a clear, typed error and writes nothing; text another program
wrote is a mentorkit error, never a UnicodeDecodeError; several threads share a store safely."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest

import mentorkit as mk

from conftest import START


def _with_offset(value):
    """An aware datetime of a subclass whose utcoffset() returns `value` (datetime checks what a
    tzinfo returns, but not what an overriding subclass does)."""

    class Odd(dt.datetime):
        def utcoffset(self):
            return value

    return Odd(2024, 2, 1, 10, tzinfo=dt.timezone.utc)


def _meeting_args(org):
    r = org.active(model=mk.Model.mentoring)
    return dict(relationship=r, by=org.analyst, link="https://meet.example/x")


@pytest.mark.parametrize("offset", [3600, "+01:00", 1.5])
def test_utcoffset_that_is_not_a_timedelta_is_a_type_error(org, offset):
    total = org.store.audit.total()
    start = _with_offset(offset)
    with pytest.raises(TypeError, match="not a datetime.timedelta"):
        org.store.meetings.schedule(start=start, **_meeting_args(org))
    assert org.store.audit.total() == total + 2  # the proposal and acceptance only


@pytest.mark.parametrize("offset", [dt.timedelta(days=10**8), dt.timedelta(hours=24),
                                    dt.timedelta(hours=-24)])
def test_utcoffset_of_a_day_or_more_is_refused(org, offset):
    start = _with_offset(offset)
    with pytest.raises(ValueError, match="between -24 and 24 hours"):
        org.store.meetings.schedule(start=start, **_meeting_args(org))


def test_instants_past_the_year_2999_are_refused(org):
    start = dt.datetime(3000, 1, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(mk.InvalidArgument) as info:
        org.store.meetings.schedule(start=start, **_meeting_args(org))
    assert info.value.code == mk.ErrorCode.invalid_date
    with pytest.raises(mk.InvalidArgument):
        org.store.set_clock(dt.datetime(9999, 12, 31, tzinfo=dt.timezone.utc))
        org.store.people.create("Late", 1)


def test_a_lone_surrogate_is_an_invalid_argument(store):
    with pytest.raises(mk.InvalidArgument, match="lone surrogate"):
        store.people.create("Ada \udc80", 1)
    assert store.people.count() == 0


def test_a_nul_character_is_named(store):
    with pytest.raises(mk.InvalidArgument, match="NUL character"):
        store.people.create("Ad\x00a", 1)


@pytest.mark.parametrize("level", [2**40, -(2**40)])
def test_an_integer_past_int32_is_an_invalid_argument(store, level):
    with pytest.raises(mk.InvalidArgument, match="out of range"):
        store.people.create("Ada", level)


def test_levels_outside_the_domain_range_are_refused(store):
    with pytest.raises(mk.InvalidArgument, match="between -1000 and 1000"):
        store.people.create("Ada", 5000)


def test_a_megabyte_name_is_refused(store):
    with pytest.raises(mk.InvalidArgument, match="too long"):
        store.people.create("x" * 1_000_000, 1)
    assert store.people.count() == 0


def test_office_hours_reads_are_bounded(store):
    guide = store.people.create("Guide", 3)
    slot = store.office_hours.create(
        guide=guide, time_zone="UTC", first_day=dt.date(1900, 1, 1), start=dt.time(9),
        rule=mk.RecurrenceRule(weekdays=[0, 1, 2, 3, 4, 5, 6]))
    with pytest.raises(mk.InvalidArgument, match="100000 occurrences"):
        store.office_hours.occurrences(
            slot, dt.datetime(1900, 1, 1, tzinfo=dt.timezone.utc),
            dt.datetime(2999, 1, 1, tzinfo=dt.timezone.utc))


def test_invalid_utf8_written_by_another_program_is_a_storage_error(tmp_path):
    path = tmp_path / "foreign.mentorkit"
    with mk.Store(path) as s:
        ada = s.people.create("Ada", 2)
    con = sqlite3.connect(path)
    con.execute("UPDATE person SET name = CAST(X'416461FF' AS TEXT) WHERE id = ?", (ada,))
    con.commit()
    con.close()
    with mk.Store(path) as s:
        with pytest.raises(mk.StorageError) as info:
            s.people.get(ada)
        assert info.value.code == mk.ErrorCode.corrupt
        with pytest.raises(mk.StorageError):
            mk.export_people(s)
        s.people.rename(ada, "Ada Lovelace")  # writing it again mends it
        assert s.people.get(ada).name == "Ada Lovelace"


def test_a_schema_holding_invalid_utf8_is_refused_with_a_readable_message(tmp_path):
    path = tmp_path / "schema.mentorkit"
    with mk.Store(path):
        pass
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE extra (a)")
    con.execute("PRAGMA writable_schema = ON")
    con.execute("UPDATE sqlite_schema SET sql = CAST(X'435245415445205441424C452065787472612028612C2062FF29' "
                "AS TEXT), name = CAST(X'6578747261FF' AS TEXT) WHERE name = 'extra'")
    con.commit()
    con.close()
    with pytest.raises(mk.StorageError) as info:
        mk.Store(path)
    message = str(info.value)  # a str: decoding it never fails
    assert "\ufffd" in message or "extra" in message


def test_tampered_store_is_refused_and_repaired(tmp_path):
    path = tmp_path / "tampered.mentorkit"
    with mk.Store(path) as s:
        s.people.create("Ada", 2)
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER operation_no_update")
    con.commit()
    con.close()
    with pytest.raises(mk.StorageError) as info:
        mk.Store(path)
    assert info.value.code == mk.ErrorCode.tampered
    assert mk.Store.repair(path) == ["restored trigger operation_no_update"]
    with mk.Store(path) as s:
        assert s.people.count() == 1


@pytest.mark.parametrize("helper", [mk.export_unmatched, mk.export_match_proposals])
def test_result_helpers_refuse_other_types(helper):
    with pytest.raises(TypeError, match="MatchingResult"):
        helper(None)


@pytest.mark.parametrize("helper", [mk.export_program_goals, mk.export_program_standards])
def test_program_helpers_refuse_other_types(helper):
    with pytest.raises(TypeError, match="Store"):
        helper(None, 1)


def test_threads_share_one_store(tmp_path):
    """Calls from many threads on one store are serialised (long calls run without the GIL)."""
    with mk.Store(tmp_path / "shared.mentorkit") as s:
        errors = []

        def work(n):
            try:
                for i in range(40):
                    s.people.create(f"t{n}-{i}", 1)
                    mk.export_people(s)
                    s.people.list()
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert s.people.count() == 240


def test_threads_with_a_store_each_on_one_file(tmp_path):
    path = tmp_path / "many.mentorkit"
    with mk.Store(path):
        pass
    errors = []

    def work(n):
        try:
            with mk.Store(path) as s:
                for i in range(30):
                    with s.transaction():
                        p = s.people.create(f"w{n}-{i}", 1)
                        s.people.set_level(p, 2)
                    s.people.list()
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with mk.Store(path) as s:
        assert s.people.count() == 120
