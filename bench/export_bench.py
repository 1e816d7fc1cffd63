"""Columnar export of 1,000,000 meetings vs pandas.read_sql over the stdlib sqlite3, same run.

Builds a program file with 1,000 mentoring relationships created through the mentorkit API, then
fills it with 1,000,000 meetings (1,000 per relationship, mixed settings and outcomes). To build
the file fast the meeting rows are inserted with the stdlib ``sqlite3`` module in one
transaction (the API would validate and audit each one, which is not what is measured here),
and ``store.meetings.rebuild_stats()`` then recomputes the per-relationship summary rows the
core keeps, as it must after any edit of the file by other means.

Measured, best of 3 each, interleaved, on the same file:
- value: ``mentorkit.export_meetings(store)``: a dict of six NumPy arrays (id, relationship,
  start as datetime64[ms], duration_minutes, setting and status as int8 codes), filled by the
  core without the GIL and handed to NumPy without a copy;
- baseline: ``pandas.read_sql`` of the same six columns over a stdlib ``sqlite3`` connection.

Prints: BENCH name=<id> value=<seconds> unit=s baseline=<seconds> ratio=<value/baseline>
Usage: python bench/export_bench.py [meetings] [repeats]   (needs mentorkit and pandas installed;
bench/run creates build/bench-venv with both).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import tempfile
import time

import numpy as np
import pandas as pd

import mentorkit as mk

RELATIONSHIPS = 1_000
START = dt.date(2020, 1, 6)
SQL = ("SELECT id, relationship_id, starts_at, duration_min, setting, status FROM meeting "
       "ORDER BY id")


def build(path: str, meetings: int) -> None:
    per_relationship = -(-meetings // RELATIONSHIPS)
    pairs = []
    with mk.Store(path, durable_commits=False) as store:
        store.set_clock(dt.datetime(2026, 1, 5, 12, tzinfo=dt.timezone.utc))
        with store.transaction():
            for i in range(RELATIONSHIPS):
                guide = store.people.create(f"Mentor {i}", 3)
                learner = store.people.create(f"Mentee {i}", 1)
                r = store.relationships.propose(
                    model=mk.Model.mentoring, guide=guide, learner=learner, focus="research",
                    start=START, proposed_by=guide, proposed_on=START)
                store.relationships.accept(r, learner, START)
                pairs.append((r, guide, learner))

    epoch_ms = int(dt.datetime.combine(START, dt.time(9), dt.timezone.utc).timestamp() * 1000)
    created = epoch_ms
    settings = ("virtual", "virtual", "in_person_public", "in_person_private")

    def rows():
        n = 0
        for r, guide, learner in pairs:
            for k in range(per_relationship):
                if n == meetings:
                    return
                n += 1
                start = epoch_ms + k * 86_400_000  # one a day, 09:00 UTC
                setting = settings[k % 4]
                link = "https://meet.example/x" if setting == "virtual" else ""
                place = "" if setting == "virtual" else "Room 1"
                roll = (k * 7 + r) % 10
                cancelled_by = cancelled_at = absent = outcome_by = None
                if roll < 7:
                    status, outcome_by = "held", guide
                elif roll < 9:
                    status = "cancelled"
                    cancelled_by = outcome_by = guide if roll == 7 else learner
                    cancelled_at = start - 3_600_000
                else:
                    status, absent, outcome_by = "no_show", learner, guide
                yield (r, start, 30 + 15 * (k % 3), setting, place, link, status, learner,
                       cancelled_by, cancelled_at, absent, outcome_by, created)

    # The meetings go in behind the core (a million calls would take minutes): the file's state
    # then no longer follows from its log (`mentorkit verify` says so), which an export ignores.
    con = sqlite3.connect(path)
    with con:
        con.executemany(
            "INSERT INTO meeting (uid, relationship_id, starts_at, duration_min, setting, place, "
            "link, status, scheduled_by, cancelled_by, cancelled_at, absent_id, outcome_by, "
            "created_at) VALUES (randomblob(16), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
    con.close()
    with mk.Store(path, durable_commits=False) as store:
        store.meetings.rebuild_stats()


def best_of(repeats: int, f):
    best, result = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> int:
    meetings = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory(prefix="mentorkit-bench-") as tmp:
        path = os.path.join(tmp, "program.db")
        t0 = time.perf_counter()
        build(path, meetings)
        print(f"# built {meetings} meetings in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

        with mk.Store(path) as store:
            con = sqlite3.connect(path)
            ours = theirs = float("inf")
            table = frame = None
            for _ in range(repeats):  # interleaved, so both see the same cache state
                t, table = best_of(1, lambda: mk.export_meetings(store))
                ours = min(ours, t)
                t, frame = best_of(1, lambda: pd.read_sql(SQL, con))
                theirs = min(theirs, t)
            con.close()

        # Same rows, same numbers.
        assert table.num_rows == len(frame) == meetings, (table.num_rows, len(frame))
        assert np.array_equal(table["id"], frame["id"].to_numpy())
        assert np.array_equal(table["relationship"], frame["relationship_id"].to_numpy())
        assert np.array_equal(table["start"].astype("int64"), frame["starts_at"].to_numpy())
        assert np.array_equal(table["duration_minutes"], frame["duration_min"].to_numpy())
        names = np.array([s.name for s in mk.MeetingStatus], dtype=object)
        assert (names[table["status"]] == frame["status"].to_numpy(dtype=object)).all()

    print(f"BENCH name=export_meetings_1m value={ours:.4f} unit=s baseline={theirs:.4f} "
          f"ratio={ours / theirs:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
