"""Context managers, transactions, and misuse of objects after the store closed."""

from __future__ import annotations

import gc
import threading

import pytest

import mentorkit as mk


def test_store_context_manager_closes(tmp_path):
    with mk.Store(tmp_path / "x.db") as s:
        assert s.is_open
        s.people.create("A")
    assert not s.is_open
    assert repr(s).endswith("closed>")
    with mk.Store(tmp_path / "x.db") as again:
        assert again.people.count() == 1


def test_store_closes_even_when_the_block_raises(tmp_path):
    with pytest.raises(KeyError):
        with mk.Store(tmp_path / "x.db") as s:
            raise KeyError("boom")
    assert not s.is_open


def test_transaction_commits_on_success(file_store):
    with file_store.transaction() as tx:
        assert tx.active
        for i in range(10):
            file_store.people.create(f"P{i}")
    assert not tx.active and repr(tx) == "<mentorkit.Transaction committed>"
    assert file_store.people.count() == 10


def test_transaction_rolls_back_on_exception(file_store):
    file_store.people.create("Kept")
    with pytest.raises(RuntimeError, match="abort the import"):
        with file_store.transaction():
            file_store.people.create("Gone")
            raise RuntimeError("abort the import")
    assert [p.name for p in file_store.people.list()] == ["Kept"]


def test_refused_call_inside_a_transaction_lets_it_go_on(store):
    with store.transaction():
        store.people.create("A")
        with pytest.raises(mk.InvalidArgument):
            store.people.create("")
        store.people.create("B")
    assert store.people.count() == 2


def test_explicit_commit_rollback_and_misuse(store):
    tx = store.transaction()
    store.people.create("A")
    tx.commit()
    with pytest.raises(mk.RuleViolation) as e:
        tx.commit()
    assert e.value.code == mk.ErrorCode.invalid_transition
    tx.rollback()  # harmless once finished
    tx2 = store.transaction()
    store.people.create("B")
    tx2.rollback()
    assert store.people.count() == 1
    # Garbage collection of an unfinished transaction rolls back.
    tx3 = store.transaction()
    store.people.create("C")
    del tx3
    gc.collect()
    assert store.people.count() == 1


def test_nested_transactions_join_the_outer_one(store):
    with pytest.raises(ZeroDivisionError):
        with store.transaction():
            with store.transaction():
                store.people.create("Inner")
            1 / 0
    assert store.people.count() == 0


def test_use_after_close_raises_closed(store):
    people = store.people
    rels = store.relationships
    p = people.create("A")
    store.close()
    store.close()  # twice is harmless
    for call in (lambda: people.get(p), lambda: people.list(), lambda: rels.list(),
                 lambda: store.agreements.current(1, acting=p), lambda: store.audit.total(),
                 lambda: mk.export_people(store), lambda: mk.populate_demo(store),
                 lambda: store.transaction()):
        with pytest.raises(mk.StorageError) as e:
            call()
        assert e.value.code == mk.ErrorCode.closed


def test_transaction_open_when_the_store_closes(file_store):
    tx = file_store.transaction()
    file_store.people.create("Never committed")
    file_store.close()
    with pytest.raises(mk.StorageError) as e:
        tx.commit()
    assert e.value.code == mk.ErrorCode.closed
    assert not tx.active
    del tx
    gc.collect()


def test_transaction_exit_after_close_inside_the_block(store):
    with pytest.raises(mk.StorageError):
        with store.transaction():
            store.close()


def test_area_kept_after_the_store_object_is_gone(tmp_path):
    store = mk.Store(tmp_path / "kept.db")
    people = store.people
    tx = store.transaction()
    del store
    gc.collect()
    # The area still holds the store: it works, and the transaction is still usable.
    p = people.create("Still here")
    tx.commit()
    assert people.get(p).name == "Still here"
    del people, tx
    gc.collect()
    with mk.Store(tmp_path / "kept.db") as s:
        assert s.people.count() == 1


def test_many_threads_on_one_store_do_not_crash(store):
    mk.populate_demo(store)
    errors = []

    def reader():
        try:
            for _ in range(20):
                store.people.list()
                store.relationships.list()
                mk.export_relationships(store)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    def writer():
        try:
            for i in range(20):
                store.people.create(f"Thread person {i}")
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=reader) for _ in range(3)] + [threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_closing_from_another_thread_while_reading(store):
    mk.populate_demo(store)
    outcomes = []

    def reader():
        for _ in range(200):
            try:
                store.relationships.list()
            except mk.StorageError as e:
                outcomes.append(e.code)
                return

    t = threading.Thread(target=reader)
    t.start()
    store.close()
    t.join()
    assert outcomes in ([], [mk.ErrorCode.closed])


def test_new_areas_after_close_raise_closed(store):
    areas = [store.goals, store.actions, store.coaching, store.notes, store.meetings]
    assert [repr(a) for a in areas] == ["<mentorkit.Goals>", "<mentorkit.ActionItems>",
                                        "<mentorkit.CoachingCycles>", "<mentorkit.Notes>",
                                        "<mentorkit.Meetings>"]
    store.close()
    calls = [lambda: areas[0].get(1, acting=1),
             lambda: areas[0].review_all(),
             lambda: areas[1].list(1, acting=1), lambda: areas[2].list(1, acting=1),
             lambda: areas[3].list(1, acting=1), lambda: areas[4].all_stats(),
             lambda: areas[4].rebuild_stats()]
    for call in calls:
        with pytest.raises(mk.StorageError) as e:
            call()
        assert e.value.code == mk.ErrorCode.closed


def test_areas_keep_the_store_alive(tmp_path):
    s = mk.Store(tmp_path / "x.db")
    meetings = s.meetings
    del s
    gc.collect()
    assert meetings.all_stats() == []  # the handle kept the C++ store open
