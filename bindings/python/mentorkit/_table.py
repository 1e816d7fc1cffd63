"""Columnar export: tables as dicts of NumPy arrays, and their conversion to pandas."""

from __future__ import annotations

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
# int64 id columns where -1 means "none".
_OPTIONAL_IDS = {"people": ("supervisor",), "relationships": ("ended_by",), "expertise": ()}


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
        #: Which table this is ("people", "relationships", "expertise").
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
