"""The operations log from Python: every change appends operations, the chain verifies, an
edited entry is found, and a replay rebuilds the store."""

import datetime as dt
import json
import sqlite3

import pytest

import mentorkit as mk


def test_every_change_is_an_operation(tmp_path):
    with mk.Store(tmp_path / "a.mentorkit") as s:
        ada = s.people.create("Ada", 3)
        s.people.rename(ada, "Ada Lovelace")
        log = s.operations
        assert log.count() == 2
        first, second = log.list()
        assert (first.kind, second.kind) == ("person.create", "person.rename")
        assert first.status == mk.OperationStatus.applied
        assert json.loads(first.payload)["name"] == "Ada"
        assert first.device == log.device and len(first.device) == 32
        assert first.hlc < second.hlc and len(second.hash) == 64
        assert isinstance(first.at, dt.datetime) and first.at.tzinfo is not None
        report = log.verify()
        assert report.ok and report.checked == 2 and report.first_broken is None
        with pytest.raises(mk.InvalidArgument):
            log.list(limit=0)
        # A refused call appends nothing.
        with pytest.raises(mk.InvalidArgument):
            s.people.rename(ada, "   ")
        assert log.count() == 2


def test_an_edited_entry_is_found_and_a_replay_rebuilds(tmp_path):
    path = tmp_path / "b.mentorkit"
    with mk.Store(path) as s:
        mk.populate_demo(s, dt.date(2026, 11, 24))
        total = s.operations.count()
        with mk.Store(tmp_path / "copy.mentorkit") as copy:
            s.operations.replay_into(copy)
            assert copy.operations.count() == total
            assert copy.people.count() == s.people.count()
            assert copy.operations.device != s.operations.device
            with pytest.raises(mk.InvalidArgument):
                s.operations.replay_into(copy)  # no longer empty
        with pytest.raises(mk.InvalidArgument):
            s.operations.replay_into(s)
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER operation_no_update")
    con.execute("UPDATE operation SET payload = '{}' WHERE seq = 5")
    con.commit()
    con.close()
    mk.Store.repair(path)
    report = mk.Store.verify(path)
    assert not report and report.first_broken == 5
    with pytest.raises(mk.NotFound):
        mk.Store.verify(tmp_path / "missing.mentorkit")


def test_a_row_edited_behind_the_log_is_found(tmp_path):
    path = tmp_path / "c.mentorkit"
    with mk.Store(path) as s:
        ada = s.people.create("Ada", 3)
        assert mk.Store.verify(path).ok
    con = sqlite3.connect(path)
    con.execute("UPDATE person SET level = 5 WHERE id = ?", (ada,))
    con.commit()
    con.close()
    report = mk.Store.verify(path)
    assert not report.ok and report.first_broken is None
    assert report.state_differs == ["person"]
