"""Program reports and matching results as columnar tables (see :class:`Table`)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

from . import _core
from ._table import Table

if TYPE_CHECKING:  # pragma: no cover
    import numpy

# NumPy is imported when a table is built, not with the package: the stub generator imports the
# package at build time, where only the build requirements are installed.


def _require(value: Any, kind: type, what: str) -> None:
    # The tables below read attributes of their argument; anything else would surface as an
    # AttributeError from deep inside.
    if not isinstance(value, kind):
        raise TypeError(f"{what} must be a mentorkit.{kind.__name__}, not {type(value).__name__}")


def _dates(values: Sequence[Optional[datetime.date]]) -> "numpy.ndarray":
    import numpy as np

    return np.array(
        [np.datetime64(v, "D") if v is not None else np.datetime64("NaT", "D") for v in values],
        dtype="datetime64[D]",
    )


def _floats(values: Sequence[Optional[float]]) -> "numpy.ndarray":
    import numpy as np

    return np.array([np.nan if v is None else v for v in values], dtype="float64")


def _codes(values: Sequence[Any]) -> "numpy.ndarray":
    import numpy as np

    return np.array([-1 if v is None else v.value for v in values], dtype="int8")


def _text(values: Sequence[Optional[str]]) -> "numpy.ndarray":
    import numpy as np

    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def _column(rows: Sequence[Any], get: Callable[[Any], Any], dtype: str) -> "numpy.ndarray":
    import numpy as np

    return np.array([get(r) for r in rows], dtype=dtype)


def export_program_goals(
    store: _core.Store, program: int, *, as_of: Optional[datetime.date] = None
) -> Table:
    """The effectiveness report of a program as a table, one row per program goal: goal,
    title, metric, unit, baseline, target, direction, due, current, progress (float64, NaN when
    not measurable yet), attained, overdue. The program-wide numbers are
    ``store.programs.effectiveness(program).numbers``."""
    _require(store, _core.Store, "store")
    goals = store.programs.effectiveness(program, as_of=as_of).goals
    columns = {
        "goal": _column(goals, lambda p: p.goal.id, "int64"),
        "title": _text([p.goal.title for p in goals]),
        "metric": _codes([p.goal.metric for p in goals]),
        "unit": _text([p.goal.unit for p in goals]),
        "baseline": _column(goals, lambda p: p.goal.baseline, "float64"),
        "target": _column(goals, lambda p: p.goal.target, "float64"),
        "direction": _codes([p.goal.direction for p in goals]),
        "due": _dates([p.goal.due for p in goals]),
        "current": _floats([p.current for p in goals]),
        "progress": _floats([p.progress for p in goals]),
        "attained": _column(goals, lambda p: p.attained, "bool"),
        "overdue": _column(goals, lambda p: p.overdue, "bool"),
    }
    return Table(
        "program_goals",
        columns,
        {"metric": _core.ProgramMetric, "direction": _core.Direction},
    )


def export_program_standards(store: _core.Store, program: int) -> Table:
    """The standards checklist of a program with each item's latest assessment: standard,
    title, rating (-1 when unassessed), score (1, 0.5, 0; NaN when unassessed), evidence,
    assessed_on, assessed_by (-1 when unassessed). The mean of ``score`` over assessed rows is
    ``store.programs.quality(program).score``."""
    import numpy as np

    _require(store, _core.Store, "store")
    items = store.programs.quality(program).standards
    weight = {_core.Assessment.met: 1.0, _core.Assessment.partly: 0.5, _core.Assessment.not_met: 0.0}
    latest = [s.latest for s in items]
    columns = {
        "standard": _column(items, lambda s: s.id, "int64"),
        "title": _text([s.title for s in items]),
        "rating": _codes([a.rating if a else None for a in latest]),
        "score": _floats([weight[a.rating] if a else None for a in latest]),
        "evidence": _text([a.evidence if a else None for a in latest]),
        "assessed_on": _dates([a.on if a else None for a in latest]),
        "assessed_by": np.array([a.by if a else -1 for a in latest], dtype="int64"),
    }
    return Table("program_standards", columns, {"rating": _core.Assessment})


def export_match_proposals(result: _core.MatchingResult) -> Table:
    """The proposals of a matching run, one row each, with the fit by term: mentee, mentor,
    focus, board_seat, style, style_preferred, wanted, expertise, margin, style_score,
    wanted_score, total."""
    _require(result, _core.MatchingResult, "result")
    ps = result.proposals
    columns = {
        "mentee": _column(ps, lambda p: p.mentee, "int64"),
        "mentor": _column(ps, lambda p: p.mentor, "int64"),
        "focus": _text([p.focus for p in ps]),
        "board_seat": _column(ps, lambda p: p.board_seat, "bool"),
        "style": _codes([p.style for p in ps]),
        "style_preferred": _column(ps, lambda p: p.style_preferred, "bool"),
        "wanted": _column(ps, lambda p: p.wanted, "bool"),
        "expertise": _column(ps, lambda p: p.fit.expertise, "int64"),
        "margin": _column(ps, lambda p: p.fit.margin, "int64"),
        "style_score": _column(ps, lambda p: p.fit.style, "int64"),
        "wanted_score": _column(ps, lambda p: p.fit.wanted, "int64"),
        "total": _column(ps, lambda p: p.fit.total, "int64"),
    }
    return Table("match_proposals", columns, {"style": _core.Style})


def export_unmatched(result: _core.MatchingResult) -> Table:
    """The demands of a matching run without a proposal: mentee, focus, board_seat, reason,
    admissible_mentors."""
    _require(result, _core.MatchingResult, "result")
    us = result.unmatched
    columns = {
        "mentee": _column(us, lambda u: u.mentee, "int64"),
        "focus": _text([u.focus for u in us]),
        "board_seat": _column(us, lambda u: u.board_seat, "bool"),
        "reason": _codes([u.reason for u in us]),
        "admissible_mentors": _column(us, lambda u: u.admissible_mentors, "int64"),
    }
    return Table("unmatched", columns, {"reason": _core.UnmatchedReason})
