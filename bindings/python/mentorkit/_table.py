"""Columnar export: tables as dicts of NumPy arrays, and their conversion to pandas."""

from __future__ import annotations

import datetime
import enum
from typing import TYPE_CHECKING, Any, Mapping, Optional

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas

# Columns holding int8 enum codes (the enum's value; -1 = missing) in each table.
_RELATIONSHIP_CATEGORIES: dict[str, type[enum.Enum]] = {
    "model": _core.Model,
    "formality": _core.Formality,
    "style": _core.Style,
    "status": _core.Status,
}
_GOAL_CATEGORIES: dict[str, type[enum.Enum]] = {
    "kind": _core.GoalKind,
    "function": _core.GoalFunction,
    "status": _core.GoalStatus,
}
_GOAL_REVIEW_CATEGORIES: dict[str, type[enum.Enum]] = {
    "kind": _core.GoalKind,
    "status": _core.GoalStatus,
    "forecast": _core.Forecast,
}
_MEETING_CATEGORIES: dict[str, type[enum.Enum]] = {
    "setting": _core.Setting,
    "status": _core.MeetingStatus,
}
_MEETING_STATS_CATEGORIES: dict[str, type[enum.Enum]] = {"health": _core.Health}
# int64 id columns where -1 means "none".
_OPTIONAL_IDS = {
    "people": ("supervisor",),
    "relationships": ("ended_by",),
    "expertise": (),
    "check_ins": ("supersedes", "superseded_by"),
    "program_standards": ("assessed_by",),
}


class Table(dict):  # type: ignore[type-arg]
    """A table as a ``dict`` mapping column names to equal-length NumPy arrays.

    Numeric, date and code columns are NumPy views of the vectors the core filled (no copy);
    text columns are object arrays of ``str`` (``None`` when missing). Enumeration columns hold
    int8 codes: the value of the enum member (``categories[column](code)``), -1 when missing.
    Dates are ``datetime64[D]`` (NaT when missing), instants ``datetime64[ms]`` in UTC, and
    optional ids are -1 when missing.
    """

    def __init__(
        self,
        name: str,
        columns: Mapping[str, "numpy.ndarray"],
        categories: Optional[Mapping[str, type[enum.Enum]]] = None,
    ) -> None:
        super().__init__(columns)
        #: Which table this is ("people", "relationships", "expertise", "goals", "check_ins",
        #: "goal_reviews", "meetings", "meeting_stats").
        self.name = name
        #: Enum type of each code column.
        self.categories: dict[str, type[enum.Enum]] = dict(categories or {})

    @property
    def num_rows(self) -> int:
        """Number of rows (every column has this length)."""
        return len(next(iter(self.values()))) if self else 0

    def __repr__(self) -> str:
        return f"<mentorkit.Table {self.name}: {self.num_rows} rows, columns {list(self)}>"

    def to_pandas(self) -> "pandas.DataFrame":
        """This table as a pandas DataFrame (requires pandas).

        Code columns become ``Categorical`` with the enum member names as categories (missing
        codes become NaN), optional id columns become the nullable ``Int64`` dtype (``<NA>`` for
        none), instants become timezone-aware (UTC); other columns are passed as they are.
        """
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - exercised with pandas absent
            raise ImportError(
                "Table.to_pandas() needs pandas; install it with `pip install pandas` "
                "(or `pip install mentorkit[pandas]`)"
            ) from e
        data: dict[str, Any] = {}
        optional_ids = _OPTIONAL_IDS.get(self.name, ())
        for column, values in self.items():
            if column in self.categories:
                members = sorted(self.categories[column], key=lambda m: m.value)
                data[column] = pd.Categorical.from_codes(
                    values, categories=[m.name for m in members]
                )
            elif column in optional_ids:
                series = pd.array(values, dtype="Int64")
                series[values < 0] = pd.NA
                data[column] = series
            elif values.dtype.kind == "M" and str(values.dtype) == "datetime64[ms]":
                data[column] = pd.DatetimeIndex(values).tz_localize("UTC")
            else:
                data[column] = values
        return pd.DataFrame(data)


def export_people(store: _core.Store) -> Table:
    """The people table: id, name, level, email, phone, supervisor (-1 when none),
    expertise_areas, created_at. Runs without the GIL while the core reads."""
    return Table("people", _core.export_people(store))


def export_expertise(store: _core.Store) -> Table:
    """The expertise table, one row per person and area: person, area, level."""
    return Table("expertise", _core.export_expertise(store))


def export_relationships(
    store: _core.Store,
    *,
    person: Optional[int] = None,
    status: Optional[_core.Status] = None,
    model: Optional[_core.Model] = None,
    open_only: bool = False,
) -> Table:
    """The relationships table, filtered like ``store.relationships.list``: id, model, guide,
    learner, focus, formality, style, status, start, end, proposed_by, proposed_on,
    guide_accepted, learner_accepted, supervision_justification, ended_on, ended_by,
    end_reason, created_at."""
    columns = _core.export_relationships(
        store, person=person, status=status, model=model, open_only=open_only
    )
    return Table("relationships", columns, _RELATIONSHIP_CATEGORIES)


def export_goals(store: _core.Store) -> Table:
    """The goals table: id, relationship, learner, title, kind, function, status, metric, unit,
    baseline, target (NaN for open-ended goals), due, created_by, created_on, activated_on,
    closed_on, milestones_total, milestones_done."""
    return Table("goals", _core.export_goals(store), _GOAL_CATEGORIES)


def export_check_ins(store: _core.Store) -> Table:
    """The check-ins table (effective and superseded): id, goal, relationship, on, value (NaN
    for a note-only check-in), has_note, by, supersedes, superseded_by (-1 when none),
    effective, recorded_at. Note texts are not exported."""
    return Table("check_ins", _core.export_check_ins(store))


def export_goal_reviews(store: _core.Store, *, as_of: Optional[datetime.date] = None) -> Table:
    """The review of every goal as of ``as_of`` (default: today), one row per goal: goal,
    relationship, kind, status, check_ins, latest_value, latest_on, progress, trend_per_week,
    projected, projected_progress, forecast, milestones_done, milestones_total, overdue."""
    return Table(
        "goal_reviews", _core.export_goal_reviews(store, as_of=as_of), _GOAL_REVIEW_CATEGORIES
    )


def export_meetings(store: _core.Store) -> Table:
    """The meetings table: id, relationship, start (UTC), duration_minutes, setting, status.
    No agenda, place, link or rating (those are the pair's). Every column is zero-copy."""
    return Table("meetings", _core.export_meetings(store), _MEETING_CATEGORIES)


def export_meeting_stats(store: _core.Store) -> Table:
    """Consistency metrics of every relationship as of now: relationship, planned, held,
    cancelled_by_guide, cancelled_by_learner, no_show_guide, no_show_learner,
    held_first_90_days, longest_gap_days, last_held, days_since_last_held,
    misses_since_last_held, cadence_days, health (missing unless active)."""
    return Table("meeting_stats", _core.export_meeting_stats(store), _MEETING_STATS_CATEGORIES)
