"""The installed package: layout, exports, stubs, docstrings."""

from __future__ import annotations

import enum
import inspect
import pathlib

import mentorkit as mk
from mentorkit import _core

SOURCE_TREE = pathlib.Path(__file__).resolve().parents[2] / "bindings"


def test_runs_against_the_installed_package_not_the_source_tree():
    location = pathlib.Path(mk.__file__).resolve()
    assert SOURCE_TREE not in location.parents
    assert "site-packages" in location.parts


def test_all_names_exist_and_are_exported():
    assert sorted(mk.__all__) == sorted(set(mk.__all__))
    for name in mk.__all__:
        assert hasattr(mk, name), name
    public_core = {n for n in dir(_core) if not n.startswith("_")}
    # Every public name of the compiled module is re-exported (export_* wrapped in Python).
    assert public_core <= set(mk.__all__)


def test_py_typed_and_stubs_ship_with_the_package():
    package = pathlib.Path(mk.__file__).parent
    assert (package / "py.typed").is_file()
    stub = (package / "_core.pyi").read_text()
    for name in ("class Store", "class People", "def propose", "class Model(enum.Enum)",
                 "class NotFound(Error, LookupError)", "def export_relationships",
                 "class Goals", "class ActionItems", "class CoachingCycles", "class Notes",
                 "class Meetings", "class Visibility(enum.Enum)", "def export_meetings",
                 "def export_goal_reviews", "def schedule", "def check_in"):
        assert name in stub, name
    # Signatures carry Python types, not C++ ones.
    assert "mentorkit::" not in stub and "std::" not in stub
    assert "datetime.date" in stub and "datetime.datetime" in stub


def test_every_public_name_has_a_docstring():
    missing = []
    for name in mk.__all__:
        obj = getattr(mk, name)
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj) and not issubclass(obj, (enum.Enum, BaseException, dict)):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                if not (getattr(member, "__doc__", None) or "").strip():
                    missing.append(f"{name}.{attr}")
    assert missing == []


def test_enums_are_real_enums():
    for e in (mk.Model, mk.Formality, mk.Style, mk.Status, mk.EventKind, mk.WarningCode,
              mk.ClauseKind, mk.AgreementState, mk.ErrorCode, mk.GoalKind, mk.GoalFunction,
              mk.GoalStatus, mk.Forecast, mk.ReviewDecision, mk.Visibility, mk.NoteKind,
              mk.Setting, mk.MeetingStatus, mk.Health):
        assert issubclass(e, enum.Enum)
    assert [m.name for m in mk.Model] == ["mentoring", "coaching", "supervision"]
    assert [m.name for m in mk.Style] == ["traditional", "peer", "reverse"]
    # Members are the core's own names (to_string): C++ private_ / virtual_ are "private" and
    # "virtual", values the C++ enumerators' (the export's codes).
    assert [m.name for m in mk.Visibility] == ["private", "pair", "board"]
    assert [m.name for m in mk.Setting] == ["in_person_public", "in_person_private", "virtual"]
    assert mk.Health.needs_check_in.value == 2 and mk.Forecast.too_early.value == 0
    assert mk.ErrorCode.not_found.value == 1
    assert mk.ErrorCode.closed.value == 403


def test_model_defaults_and_template():
    d = mk.defaults_of(mk.Model.coaching)
    assert (d.guide_role, d.learner_role) == ("coach", "coachee")
    assert "ModelDefaults(" in repr(d)
    assert mk.defaults_of(mk.Model.mentoring).typical_months is None or isinstance(
        mk.defaults_of(mk.Model.mentoring).typical_months, int
    )
