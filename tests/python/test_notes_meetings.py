"""Notes and their visibility, meetings, outcomes, ratings, consistency metrics and health."""

from __future__ import annotations

import datetime as dt

import pytest

import mentorkit as mk
from conftest import START

UTC = dt.timezone.utc


def at(month, day, hour=10, minute=0):
    return dt.datetime(2024, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def pair(org):
    """Outsider mentors analyst (active); peer mentors analyst too (the board); lead is the
    analyst's supervisor; director is a stranger to both relationships."""
    r = org.active()
    other = org.active(guide=org.peer, focus="writing")
    org.store.set_clock(at(6, 1, 12))
    return r, other


def test_note_visibility_for_supervisor_other_mentor_and_stranger(org, pair):
    r, _ = pair
    notes = org.store.notes
    private = notes.write(r, author=org.outsider, on=dt.date(2024, 2, 1), text="worried")
    shared = notes.write(r, author=org.outsider, on=dt.date(2024, 2, 1), text="plan",
                         visibility=mk.Visibility.pair)
    board = notes.write(r, author=org.analyst, on=dt.date(2024, 2, 2), text="progress",
                        visibility=mk.Visibility.board)
    resist = notes.write(r, author=org.outsider, on=dt.date(2024, 2, 3),
                         kind=mk.NoteKind.resistance, tried="asked twice",
                         response="no draft yet", visibility=mk.Visibility.pair)

    def visible(person):
        return [n.id for n in notes.list(r, acting=person)]

    assert visible(org.outsider) == [private, shared, board, resist]
    assert visible(org.analyst) == [shared, board, resist]
    assert visible(org.peer) == [board]  # the other mentor on the learner's board
    assert visible(org.lead) == []  # the supervisor sees nothing
    assert visible(org.director) == []  # nor does a stranger
    for person in (org.lead, org.director, org.peer):
        with pytest.raises(mk.NotFound):  # hidden, not forbidden: existence not revealed
            notes.get(private, acting=person)
    assert notes.get(resist, acting=org.analyst).tried == "asked twice"
    assert notes.get(private, acting=org.outsider).visibility is mk.Visibility.private
    assert not notes.can_see(notes.get(shared, acting=org.outsider), acting=org.lead)
    # Sharing widens, only by the author, never narrows.
    with pytest.raises(mk.PermissionDenied):
        notes.share(shared, mk.Visibility.board, org.analyst)
    notes.share(private, mk.Visibility.pair, org.outsider)
    assert visible(org.analyst)[0] == private
    with pytest.raises(mk.Error):
        notes.share(private, mk.Visibility.private, org.outsider)
    with pytest.raises(mk.PermissionDenied):
        notes.write(r, author=org.lead, on=dt.date(2024, 2, 1), text="supervisor's view")
    with pytest.raises(mk.InvalidArgument):
        notes.write(r, author=org.analyst, on=dt.date(2024, 2, 1))  # no text
    assert "text" not in repr(notes.get(shared, acting=org.analyst))
    assert [m.name for m in mk.Visibility] == ["private", "pair", "board"]


def test_notes_on_goals_and_meetings(org, pair):
    r, _ = pair
    g = org.store.goals.create(r, "Publish", by=org.analyst, on=START)
    m = org.store.meetings.schedule(r, by=org.analyst, start=at(2, 1), link="https://meet/x")
    n1 = org.store.notes.write(r, author=org.analyst, on=dt.date(2024, 2, 1), text="goal",
                               goal=g, visibility=mk.Visibility.pair)
    n2 = org.store.notes.write(r, author=org.analyst, on=dt.date(2024, 2, 1), text="meeting",
                               meeting=m)
    assert [n.id for n in org.store.notes.for_goal(g, acting=org.outsider)] == [n1]
    assert [n.id for n in org.store.notes.for_meeting(m, acting=org.analyst)] == [n2]
    assert org.store.notes.for_meeting(m, acting=org.outsider) == []  # n2 is private


def test_meeting_scheduling_and_outcomes(org, pair):
    r, _ = pair
    meetings = org.store.meetings
    m1 = meetings.schedule(r, by=org.analyst, start=at(2, 1), link="https://meet/1")
    m2 = meetings.schedule(r, by=org.outsider, start=at(2, 15), duration_minutes=60,
                           setting=mk.Setting.in_person_public, place="Café")
    m3 = meetings.schedule(r, by=org.outsider, start=at(3, 1), link="https://meet/3")
    m4 = meetings.schedule(r, by=org.analyst, start=at(3, 15), link="https://meet/4")
    with pytest.raises(mk.RuleViolation):  # overlaps m1
        meetings.schedule(r, by=org.analyst, start=at(2, 1, 10, 15), link="https://meet/x")
    with pytest.raises(mk.InvalidArgument):  # virtual without a link
        meetings.schedule(r, by=org.analyst, start=at(4, 1))
    with pytest.raises(mk.InvalidArgument):
        meetings.schedule(r, by=org.analyst, start=at(4, 1), duration_minutes=0, link="x")
    with pytest.raises(mk.InvalidArgument):  # before the relationship's start
        meetings.schedule(r, by=org.analyst, start=at(1, 2), link="x")
    with pytest.raises(mk.PermissionDenied):
        meetings.schedule(r, by=org.lead, start=at(4, 1), link="x")
    with pytest.raises(ValueError, match="naive"):
        meetings.schedule(r, by=org.analyst, start=dt.datetime(2024, 4, 1, 10), link="x")

    # Mentoring: the mentee sets the agenda.
    meetings.add_agenda_item(m1, "Paper outline", org.analyst)
    with pytest.raises(mk.PermissionDenied):
        meetings.add_agenda_item(m1, "My topic", org.outsider)

    meetings.mark_held(m1, org.outsider)
    meetings.cancel(m2, org.outsider, at=at(2, 14, 10))
    meetings.mark_no_show(m3, org.analyst, org.outsider)
    with pytest.raises(mk.RuleViolation):
        meetings.mark_held(m1, org.analyst)  # an outcome is recorded once
    with pytest.raises(mk.InvalidArgument):
        meetings.mark_no_show(m4, org.analyst, org.analyst)  # recorded by the one who came

    got = meetings.get(m2, acting=org.analyst)
    assert got.status is mk.MeetingStatus.cancelled and got.cancelled_by == org.outsider
    assert got.notice == dt.timedelta(days=1)
    assert got.setting is mk.Setting.in_person_public and got.place == "Café"
    assert meetings.get(m1, acting=org.analyst).notice is None
    assert [a.text for a in meetings.get(m1, acting=org.outsider).agenda] == ["Paper outline"]
    assert meetings.get(m3, acting=org.outsider).absent == org.analyst
    assert [m.id for m in meetings.list(r, acting=org.outsider)] == [m1, m2, m3, m4]
    with pytest.raises(mk.NotFound):
        meetings.get(m1, acting=org.lead)
    with pytest.raises(mk.PermissionDenied):
        meetings.list(r, acting=org.director)
    assert repr(got).startswith("Meeting(id=2, relationship=1, start=datetime.datetime(2024, 2, 15")
    assert mk.Setting.virtual.name == "virtual"


def test_ratings_are_private_unless_shared(org, pair):
    r, _ = pair
    meetings = org.store.meetings
    m = meetings.schedule(r, by=org.analyst, start=at(2, 1), link="https://meet/1")
    with pytest.raises(mk.RuleViolation):
        meetings.rate(m, org.analyst, 4)  # not held yet
    meetings.mark_held(m, org.analyst)
    meetings.rate(m, org.analyst, 2, "too rushed")  # private by default
    meetings.rate(m, org.outsider, 4, "great", visibility=mk.Visibility.pair)
    with pytest.raises(mk.RuleViolation):
        meetings.rate(m, org.analyst, 3)  # once
    with pytest.raises(mk.InvalidArgument):
        meetings.rate(m, org.outsider, 5)
    mine = meetings.get(m, acting=org.analyst).ratings
    theirs = meetings.get(m, acting=org.outsider).ratings
    assert sorted((x.by, x.rating) for x in mine) == sorted(
        [(org.analyst, 2), (org.outsider, 4)])
    assert [(x.by, x.comment) for x in theirs] == [(org.outsider, "great")]
    assert "too rushed" not in repr(mine)
    assert all(a.action != "rate" or "too rushed" not in a.detail
               for a in org.store.audit.entries(entity="meeting", acting=org.analyst))


def test_stats_and_health(org, pair):
    r, other = pair
    meetings = org.store.meetings
    # The clock is 2024-06-01; the relationship started 2024-01-15 and nothing was held.
    stats = meetings.stats(r)
    assert (stats.planned, stats.held, stats.last_held) == (0, 0, None)
    assert stats.health is mk.Health.stalled
    org.store.set_clock(at(1, 18, 12))
    held = meetings.schedule(r, by=org.analyst, start=at(1, 17), link="x")
    meetings.mark_held(held, org.analyst)
    stats = meetings.stats(r)
    assert (stats.planned, stats.held, stats.held_first_90_days) == (1, 1, 1)
    assert stats.last_held == dt.date(2024, 1, 17) and stats.health is mk.Health.on_track
    assert meetings.health(r) is mk.Health.on_track
    assert stats.cadence_days > 0
    m2 = meetings.schedule(r, by=org.analyst, start=at(1, 18, 14), link="x")
    m3 = meetings.schedule(r, by=org.analyst, start=at(1, 18, 16), link="x")
    meetings.cancel(m2, org.analyst)
    meetings.cancel(m3, org.outsider)
    stats = meetings.stats(r)
    assert (stats.cancelled_by_learner, stats.cancelled_by_guide) == (1, 1)
    assert stats.misses_since_last_held == 2 and stats.health is mk.Health.needs_check_in
    everything = meetings.all_stats()
    assert [s.relationship for s in everything] == [r, other]
    assert everything[0].held == 1 and everything[1].planned == 0
    meetings.rebuild_stats()
    assert meetings.stats(r).held == 1 and meetings.stats(r).planned == 3
    assert repr(stats).startswith("MeetingStats(relationship=1, planned=3")
    proposed = org.propose(guide=org.outsider, learner=org.peer, focus="other")
    assert meetings.health(proposed) is None


def test_meeting_starts_across_dst_are_utc_instants(org, pair):
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        london = zoneinfo.ZoneInfo("Europe/London")
    except Exception:  # pragma: no cover - no tz database on the machine
        pytest.skip("no time zone database")
    r, _ = pair
    meetings = org.store.meetings
    # The UK moves to BST on 2024-03-31 and back to GMT on 2024-10-27: 10:00 London is 10:00 UTC
    # before, 09:00 UTC in summer and 10:00 UTC again after.
    local = [dt.datetime(2024, 3, 30, 10, tzinfo=london),
             dt.datetime(2024, 3, 31, 10, tzinfo=london),
             dt.datetime(2024, 10, 26, 10, tzinfo=london),
             dt.datetime(2024, 10, 27, 10, tzinfo=london)]
    org.store.set_clock(at(12, 1, 12))
    ids = [meetings.schedule(r, by=org.analyst, start=t, link="x") for t in local]
    starts = [meetings.get(i, acting=org.analyst).start for i in ids]
    assert starts == [at(3, 30, 10), at(3, 31, 9), at(10, 26, 9), at(10, 27, 10)]
    assert all(s.tzinfo is dt.timezone.utc for s in starts)
    assert [s.astimezone(london).hour for s in starts] == [10, 10, 10, 10]
    # The ambiguous hour on the way back: fold=0 is BST (00:30 UTC), fold=1 GMT (01:30 UTC).
    first = dt.datetime(2024, 10, 27, 1, 30, tzinfo=london)
    second = first.replace(fold=1)
    a = meetings.schedule(r, by=org.analyst, start=first, duration_minutes=15, link="x")
    b = meetings.schedule(r, by=org.analyst, start=second, duration_minutes=15, link="x")
    assert meetings.get(a, acting=org.outsider).start == dt.datetime(2024, 10, 27, 0, 30,
                                                                     tzinfo=UTC)
    assert meetings.get(b, acting=org.outsider).start == dt.datetime(2024, 10, 27, 1, 30,
                                                                     tzinfo=UTC)
    # The export carries the same instants (datetime64[ms], UTC).
    t = mk.export_meetings(org.store)
    assert t["start"][1] == __import__("numpy").datetime64("2024-03-31T09:00:00.000")
