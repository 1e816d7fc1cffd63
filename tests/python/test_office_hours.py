"""Office hours: recurrence in a time zone across DST, skips, moves, bookings, iCalendar."""

from __future__ import annotations

import datetime as dt

import pytest

import mentorkit as mk

UTC = dt.timezone.utc
THURSDAY = 3  # datetime.date.weekday()


def utc(month, day, hour=0, minute=0):
    return dt.datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def posted(org):
    """Outsider posts every Thursday 16:00-16:30 Europe/London from 2026-10-01, capacity 1,
    serving its relationships with analyst and peer (not the one with lead)."""
    r = org.active()
    r2 = org.active(learner=org.peer, focus="writing")
    r3 = org.active(learner=org.lead, focus="leadership")
    slot = org.store.office_hours.create(
        org.outsider, "Europe/London", rule=mk.RecurrenceRule(weekdays=[THURSDAY]),
        first_day=dt.date(2026, 10, 1), start=dt.time(16, 0), place="Room 4", serves=[r, r2])
    return slot, r, r2, r3


def test_recurrence_rule_shape():
    rule = mk.RecurrenceRule(weekdays=[0, THURSDAY])
    assert rule.kind is mk.Recurrence.weekly and rule.interval == 1
    assert rule.weekdays == [0, 3]
    assert repr(rule) == "RecurrenceRule(kind=<Recurrence.weekly: 0>, interval=1, weekdays=[0, 3])"
    last_friday = mk.RecurrenceRule(mk.Recurrence.monthly_weekday, nth=-1, weekday=4)
    assert last_friday.weekday == 4 and last_friday.nth == -1
    assert "nth=-1" in repr(last_friday)
    assert mk.RecurrenceRule(weekdays=[3]) == mk.RecurrenceRule(weekdays=[3])
    assert mk.RecurrenceRule(weekdays=[3]) != mk.RecurrenceRule(weekdays=[2])
    rule.weekdays = [6]
    assert rule.weekdays == [6]
    with pytest.raises(mk.InvalidArgument):
        mk.RecurrenceRule(weekdays=[7])
    with pytest.raises(mk.InvalidArgument):
        rule.weekday = -1
    assert [m.name for m in mk.Recurrence] == ["weekly", "monthly_weekday", "monthly_day"]


def test_weekly_thursday_in_london_across_the_end_of_bst(org, posted):
    slot, r, r2, _ = posted
    oh = org.store.office_hours
    got = oh.get(slot)
    assert got.guide == org.outsider and got.time_zone == "Europe/London"
    assert got.rule == mk.RecurrenceRule(weekdays=[THURSDAY])
    assert got.start == dt.time(16, 0) and got.duration_minutes == 30
    assert got.first_day == dt.date(2026, 10, 1) and got.last_day is None
    assert got.setting is mk.Setting.in_person_private and got.place == "Room 4"
    assert got.capacity == 1 and got.serves == [r, r2]
    assert "Europe/London" in repr(got)
    assert [s.id for s in oh.list(org.outsider)] == [slot]
    assert oh.list(org.analyst) == []

    occ = oh.occurrences(slot, utc(10, 20), utc(11, 1))
    # BST ends on 2026-10-25: 16:00 local is 15:00Z before and 16:00Z after.
    assert [o.start for o in occ] == [utc(10, 22, 15), utc(10, 29, 16)]
    assert [o.local_day for o in occ] == [dt.date(2026, 10, 22), dt.date(2026, 10, 29)]
    assert occ[0].end == utc(10, 22, 15, 30)
    assert occ[0].slot == slot and occ[0].booked == 0 and occ[0].capacity == 1
    assert not occ[0].moved
    assert "Occurrence(slot=" in repr(occ[0])
    # Any zone in; the window is half-open.
    london_summer = dt.timezone(dt.timedelta(hours=1))
    occ = oh.occurrences(slot, dt.datetime(2026, 10, 22, 16, tzinfo=london_summer),
                         utc(10, 29, 16))
    assert [o.start for o in occ] == [utc(10, 22, 15)]
    with pytest.raises(ValueError, match="naive"):
        oh.occurrences(slot, dt.datetime(2026, 10, 1), utc(11, 1))


def test_skip_move_and_all_occurrences(org, posted):
    slot, *_ = posted
    oh = org.store.office_hours
    oh.skip(slot, dt.date(2026, 10, 15), org.outsider)
    oh.move(slot, dt.date(2026, 10, 8), utc(10, 6, 13), org.outsider)
    occ = oh.occurrences(slot, utc(10, 1), utc(10, 23))
    assert [o.start for o in occ] == [utc(10, 1, 15), utc(10, 6, 13), utc(10, 22, 15)]
    assert occ[1].moved and occ[1].local_day == dt.date(2026, 10, 8)
    got = oh.get(slot)
    assert got.skipped == [dt.date(2026, 10, 15)]
    assert got.moved == [(dt.date(2026, 10, 8), utc(10, 6, 13))]
    with pytest.raises(mk.PermissionDenied):  # only the guide
        oh.skip(slot, dt.date(2026, 10, 22), org.analyst)
    with pytest.raises(mk.NotFound):  # a Wednesday: no occurrence
        oh.skip(slot, dt.date(2026, 10, 21), org.outsider)

    other = oh.create(org.outsider, "UTC", rule=mk.RecurrenceRule(weekdays=[4]),
                      first_day=dt.date(2026, 10, 1), start=dt.time(9, 0),
                      setting=mk.Setting.virtual, link="https://meet/oh")
    every = oh.all_occurrences(utc(10, 1), utc(10, 10))
    assert [(o.slot, o.start) for o in every] == [
        (slot, utc(10, 1, 15)), (slot, utc(10, 6, 13)),
        (other, utc(10, 2, 9)), (other, utc(10, 9, 9))]


def test_create_refusals(org, posted):
    _, r, *_ = posted
    oh = org.store.office_hours
    args = dict(rule=mk.RecurrenceRule(weekdays=[THURSDAY]), first_day=dt.date(2026, 10, 1),
                start=dt.time(16, 0))
    with pytest.raises(mk.InvalidArgument):
        oh.create(org.outsider, "Mars/Olympus", **args)
    with pytest.raises(mk.InvalidArgument):  # weekly without a weekday
        oh.create(org.outsider, "UTC", **{**args, "rule": mk.RecurrenceRule()})
    with pytest.raises(mk.InvalidArgument):  # r is not the analyst's to serve as guide
        oh.create(org.analyst, "UTC", serves=[r], **args)
    with pytest.raises(mk.InvalidArgument):  # virtual without a link
        oh.create(org.outsider, "UTC", setting=mk.Setting.virtual, **args)
    with pytest.raises(mk.InvalidArgument):  # starts on a whole minute
        oh.create(org.outsider, "UTC", **{**args, "start": dt.time(16, 0, 30)})
    with pytest.raises(ValueError, match="naive"):  # the zone gives the offset
        oh.create(org.outsider, "UTC", **{**args, "start": dt.time(16, 0, tzinfo=UTC)})
    with pytest.raises(mk.NotFound):
        oh.get(999)


def test_booking_and_its_refusals(org, posted):
    slot, r, r2, r3 = posted
    oh = org.store.office_hours
    day = dt.date(2026, 10, 22)
    meeting = oh.book(slot, day, r, org.analyst)
    got = org.store.meetings.get(meeting, acting=org.analyst)
    assert got.start == utc(10, 22, 15) and got.duration_minutes == 30
    assert got.place == "Room 4" and got.relationship == r
    assert oh.occurrences(slot, utc(10, 22), utc(10, 23))[0].booked == 1

    with pytest.raises(mk.RuleViolation, match="full"):  # capacity 1
        oh.book(slot, day, r2, org.peer)
    with pytest.raises(mk.RuleViolation, match="does not serve"):
        oh.book(slot, dt.date(2026, 10, 29), r3, org.lead)
    with pytest.raises(mk.PermissionDenied):  # the learner books, not the guide
        oh.book(slot, dt.date(2026, 10, 29), r2, org.outsider)
    with pytest.raises(mk.NotFound):  # no occurrence on a Wednesday
        oh.book(slot, dt.date(2026, 10, 28), r2, org.peer)
    with pytest.raises(mk.RuleViolation):  # booked: cannot be skipped any more
        oh.skip(slot, day, org.outsider)

    org.store.set_clock(utc(10, 29, 16, 5))
    with pytest.raises(mk.RuleViolation, match="already started"):  # in the past
        oh.book(slot, dt.date(2026, 10, 29), r2, org.peer)


def test_who_booked_is_for_the_guide_and_the_pair(org, posted):
    slot, r, r2, r3 = posted
    oh = org.store.office_hours
    day = dt.date(2026, 10, 22)
    meeting = oh.book(slot, day, r, org.analyst)
    (b,) = oh.bookings(slot, day, day, acting=org.outsider)  # the slot's guide
    assert (b.local_day, b.relationship, b.learner, b.meeting) == (day, r, org.analyst, meeting)
    assert [x.learner for x in oh.bookings(slot, day, day, acting=org.analyst)] == [org.analyst]
    assert oh.bookings(slot, day, day, acting=org.peer) == []  # another mentee of the guide
    assert oh.bookings(slot, dt.date(2026, 10, 23), dt.date(2026, 12, 1), acting=org.outsider) == []
    with pytest.raises(mk.NotFound):
        oh.bookings(slot, day, day, acting=9999)
    with pytest.raises(TypeError):
        oh.bookings(slot, day, day, org.outsider)  # acting is keyword-only


def test_to_icalendar(org, posted):
    slot, *_ = posted
    oh = org.store.office_hours
    oh.skip(slot, dt.date(2026, 10, 15), org.outsider)
    ics = oh.to_icalendar(slot)
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART;TZID=Europe/London:20261001T160000\r\n" in ics
    assert "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TH;WKST=MO\r\n" in ics
    assert "EXDATE;TZID=Europe/London:20261015T160000\r\n" in ics


def test_area_repr_and_lifetime(org):
    oh = org.store.office_hours
    assert repr(oh) == "<mentorkit.OfficeHours>"
    org.store.close()
    with pytest.raises(mk.StorageError):
        oh.list(org.outsider)


def test_to_icalendar_vtimezone(org, posted):
    """The zone named by TZID is defined in the file, from the tz database: each change the
    slot's range covers, with local onset, offsets before and after, and the zone's name."""
    slot, *_ = posted
    ics = org.store.office_hours.to_icalendar(slot)
    start, end = ics.index("BEGIN:VTIMEZONE\r\n"), ics.index("END:VTIMEZONE\r\n")
    assert start < ics.index("BEGIN:VEVENT")
    zone = ics[start:end].split("\r\n")
    assert zone[1] == "TZID:Europe/London"
    assert zone[2:8] == ["BEGIN:DAYLIGHT", "DTSTART:20260329T010000", "TZOFFSETFROM:+0000",
                         "TZOFFSETTO:+0100", "TZNAME:BST", "END:DAYLIGHT"]
    assert zone[8:14] == ["BEGIN:STANDARD", "DTSTART:20261025T020000", "TZOFFSETFROM:+0100",
                          "TZOFFSETTO:+0000", "TZNAME:GMT", "END:STANDARD"]
    # Open-ended: two years of changes from the first occurrence (2026-10-01).
    assert [line for line in zone if line.startswith("DTSTART")] == [
        "DTSTART:20260329T010000", "DTSTART:20261025T020000", "DTSTART:20270328T010000",
        "DTSTART:20271031T020000", "DTSTART:20280326T010000"]
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    assert "\n" not in ics.replace("\r\n", "")


def test_to_icalendar_vtimezone_without_dst(org):
    slot = org.store.office_hours.create(
        org.outsider, "Asia/Tokyo", rule=mk.RecurrenceRule(weekdays=[0]),
        first_day=dt.date(2026, 10, 5), start=dt.time(9, 0), place="Room 1")
    ics = org.store.office_hours.to_icalendar(slot)
    zone = ics[ics.index("BEGIN:VTIMEZONE"):ics.index("END:VTIMEZONE")].split("\r\n")
    assert zone[1:8] == ["TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19510909T010000",
                         "TZOFFSETFROM:+1000", "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD"]
    assert "DAYLIGHT" not in ics
